// Tells whether a path lies inside one of a set of folders, after following symbolic links, so that settings cannot make the server read elsewhere.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** The real path of a file, or of its nearest existing parent joined with the rest. */
function realPath(p: string): string {
  const absolute = path.resolve(p);
  try {
    return fs.realpathSync.native(absolute);
  } catch {
    const parent = path.dirname(absolute);
    if (parent === absolute) return absolute;
    return path.join(realPath(parent), path.basename(absolute));
  }
}

function comparable(p: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? p.toLowerCase() : p;
}

/** True when `file`, links followed, is one of `folders` or lies below one of them. */
export function isInsideAny(file: string, folders: readonly string[]): boolean {
  const target = comparable(realPath(file));
  return folders.some((folder) => {
    const root = comparable(realPath(folder));
    const rel = path.relative(root, target);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}
