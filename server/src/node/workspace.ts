// Finds and reads the Markdown and YAML files of workspace folders for workspace-wide checks.

import * as fs from 'node:fs';
import { collectFiles } from './files';

/** Markdown and YAML files under the folders, skipping node_modules, .git, out, dist and hidden folders. */
export function candidateFiles(folders: readonly string[]): string[] {
  const existing = folders.filter((f) => {
    try {
      return fs.statSync(f).isDirectory();
    } catch {
      return false;
    }
  });
  return collectFiles(existing).files;
}

/** Modification time and size: changes whenever the file does, without reading it. */
export function fileStamp(file: string): string | undefined {
  try {
    const st = fs.statSync(file);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return undefined;
  }
}

export function readTextFile(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
