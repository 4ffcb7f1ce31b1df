// Finds and reads the Markdown and YAML files of workspace folders for workspace-wide checks.

import * as fs from 'node:fs';
import { MAX_PLAN_CHARS } from '../core/limits';
import { collectFiles } from './files';
import { byteCapFor, readText } from './text-file';

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

/**
 * The text of a plan file for checking (never for writing back): decoded from UTF-8 or UTF-16, and
 * cut after enough bytes to show a file over the size limit as over it (plan.too-large).
 */
export function readTextFile(file: string): string | undefined {
  try {
    return readText(file, { maxBytes: byteCapFor(MAX_PLAN_CHARS) }).text;
  } catch {
    return undefined;
  }
}
