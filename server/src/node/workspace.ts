// Finds and reads the Markdown and YAML files of workspace folders for workspace-wide checks.

import * as fs from 'node:fs';
import { mayBePlan, parsePlanHead, syntaxOf } from '../core/document/parse';
import { KnowledgeBase, RegistryEntry } from '../core/data/types';
import { MAX_PLAN_CHARS } from '../core/limits';
import { planEntry } from '../core/workspace/entry';
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

/**
 * The registry entries of the plans among the files, each named for the reader by `label`: their
 * metadata only (the front matter of a Markdown plan), so that reading them costs little beside a
 * check. A file that cannot be read is no entry (the check reports it).
 */
export function planEntriesOf(files: readonly string[], label: (file: string) => string, kb: KnowledgeBase): RegistryEntry[] {
  const entries: RegistryEntry[] = [];
  for (const file of files) {
    const text = readTextFile(file);
    if (text === undefined || !mayBePlan(text, syntaxOf(file))) continue;
    const entry = planEntry(parsePlanHead(file, text), { uri: file, label: label(file) }, kb);
    if (entry) entries.push(entry);
  }
  return entries;
}
