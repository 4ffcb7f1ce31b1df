// Finds plan files under the paths given on the command line or the workspace folders, by their bytes: names that are not UTF-8 are kept, folders that cannot be read are reported and skipped.

import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { syntaxOf } from '../core/document/parse';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test', '.cache']);

/** True for a folder a walk of the inputs does not enter: a hidden one or a build or package folder. */
function skippedDir(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRS.has(name);
}

/**
 * True when a walk of a folder would list the file at `relative` inside it (its folders are none
 * that the walk skips), so that a file the watcher reports is taken exactly when a scan would take it.
 */
export function walkedPath(relative: string): boolean {
  const dirs = relative.split(/[\\/]/).slice(0, -1);
  return dirs.every((d) => d !== '' && d !== '..' && !skippedDir(d));
}

/**
 * A path as the file system has it. A name whose bytes are not UTF-8 cannot be written as a
 * JavaScript string without losing them (each bad byte would become U+FFFD and the file could
 * not be opened), so such a path is kept as its bytes.
 */
export type FilePath = string | Buffer;

/** A path that could not be read, and why (the system's error code when there is one). */
export interface Unreadable {
  path: FilePath;
  reason: string;
}

export interface CollectedFiles {
  files: FilePath[];
  /** Paths named that do not exist. */
  missing: string[];
  /** Folders (and named paths) that exist but could not be read: skipped, each said once. */
  unreadable: Unreadable[];
}

/** The reason of a failed file operation in a few words: "EACCES: permission denied". */
export function failureReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') {
    // Node's messages repeat the path ("EACCES: permission denied, scandir '/x'"): the path is shown apart.
    return e.message.replace(/,\s*\w+\s+'.*'$/su, '');
  }
  return err instanceof Error ? err.message : String(err);
}

function join(dir: FilePath, name: Buffer): FilePath {
  if (typeof dir === 'string' && isUtf8(name)) return path.join(dir, name.toString('utf8'));
  const base = typeof dir === 'string' ? Buffer.from(dir, 'utf8') : dir;
  const sep = Buffer.from(path.sep, 'utf8');
  return Buffer.concat([base, base.subarray(-sep.length).equals(sep) ? Buffer.alloc(0) : sep, name]);
}

/** The path as text, bad bytes as U+FFFD: for sorting and for telling a file's type by its extension. */
export function lossyPath(p: FilePath): string {
  return typeof p === 'string' ? p : p.toString('utf8');
}

/**
 * An argument of the command line names a file whose name is not UTF-8: the shell passed its
 * bytes, Node turned the bad ones into U+FFFD. The file is found again among the entries of its
 * folder whose names read the same.
 */
function byBytes(arg: string): FilePath | undefined {
  if (!arg.includes('\uFFFD')) return undefined;
  const dir = path.dirname(arg);
  const base = path.basename(arg);
  let entries: Buffer[];
  try {
    entries = fs.readdirSync(dir, { encoding: 'buffer' });
  } catch {
    return undefined;
  }
  const found = entries.filter((name) => !isUtf8(name) && name.toString('utf8') === base);
  return found.length === 1 ? join(dir, found[0]) : undefined;
}

/** Files to check: the files named, and the Markdown/YAML files inside the folders named. */
export function collectFiles(inputs: readonly string[]): CollectedFiles {
  const files: FilePath[] = [];
  const missing: string[] = [];
  const unreadable: Unreadable[] = [];
  const walk = (dir: FilePath): void => {
    let entries: fs.Dirent<Buffer>[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      // A lost+found, a folder of another user: said once, and the rest is checked.
      unreadable.push({ path: dir, reason: failureReason(err) });
      return;
    }
    const named = entries.map((entry) => ({ entry, name: entry.name.toString('utf8') })).sort((a, b) => a.name.localeCompare(b.name));
    for (const { entry, name } of named) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!skippedDir(name)) walk(full);
      } else if (entry.isFile() && syntaxOf(name)) {
        files.push(full);
      }
    }
  };
  for (const input of inputs) {
    let target: FilePath = input;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (err) {
      const found = byBytes(input);
      if (found) {
        target = found;
        stat = fs.statSync(found);
      } else if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') {
        missing.push(input);
        continue;
      } else {
        unreadable.push({ path: input, reason: failureReason(err) });
        continue;
      }
    }
    if (stat.isDirectory()) walk(target);
    else files.push(target);
  }
  // The same file named twice (or found in two folders named) is checked once.
  const seen = new Set<string>();
  const unique = files.filter((f) => {
    const key = typeof f === 'string' ? `s:${f}` : `b:${f.toString('hex')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { files: unique, missing, unreadable };
}

/** One character of a name as a line shows it: a line break or a control character escaped, C style. */
function escapeChar(c: string): string {
  switch (c) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default: {
      const code = c.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
}

/** Characters that would break a line of output or fool a reader of it. */
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/gu;

/**
 * The bytes of a path as text: UTF-8 sequences as their characters, each byte that is not part of
 * one as \xHH. With `forLine`, backslashes, line breaks and control characters are escaped too,
 * so that a name can never split a "path:line:col" line (a problem matcher would read the rest as
 * a finding of its own).
 */
export function pathText(p: FilePath, forLine: boolean): string {
  const escape = (s: string): string => (forLine ? s.replace(UNSAFE, escapeChar) : s);
  if (typeof p === 'string') return escape(p);
  let out = '';
  let i = 0;
  while (i < p.length) {
    const lead = p[i];
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    const sequence = length > 0 ? p.subarray(i, i + length) : undefined;
    if (sequence && sequence.length === length && isUtf8(sequence)) {
      out += escape(sequence.toString('utf8'));
      i += length;
    } else {
      out += `\\x${lead.toString(16).padStart(2, '0')}`;
      i++;
    }
  }
  return out;
}

/** A path relative to `cwd` when it lies below it (forward slashes), else as it is. */
export function relativePath(p: FilePath, cwd: string): FilePath {
  if (typeof p === 'string') {
    const rel = path.relative(cwd, p);
    return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p).split(path.sep).join('/');
  }
  const prefix = Buffer.from(cwd.endsWith(path.sep) ? cwd : cwd + path.sep, 'utf8');
  const rel = p.subarray(0, prefix.length).equals(prefix) ? p.subarray(prefix.length) : p;
  if (path.sep === '/') return Buffer.from(rel);
  return Buffer.from(rel.toString('latin1').split(path.sep).join('/'), 'latin1');
}
