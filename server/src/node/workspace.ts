// Finds and reads the Markdown and YAML files of workspace folders for workspace-wide checks.

import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findFrontMatter } from '../core/document/markdown';
import { mayBePlan, parsePlanHead, syntaxOf } from '../core/document/parse';
import { readSimpleHead } from '../core/document/simple-head';
import { KnowledgeBase, RegistryEntry } from '../core/data/types';
import { MAX_PLAN_CHARS } from '../core/limits';
import { entryOfFields, planEntry } from '../core/workspace/entry';
import { collectFiles, failureReason, pathText, Unreadable } from './files';
import { byteCapFor, openRegular, readStart, readText, validUtf8Text } from './text-file';

/**
 * Markdown and YAML files under the folders, skipping node_modules, .git, out, dist and hidden
 * folders; and what could not be read: a folder without permission, a file whose name is not
 * UTF-8 (a URI cannot name it to the editor). These are reported, never silently left out.
 */
export function candidateFiles(folders: readonly string[]): { files: string[]; unreadable: Unreadable[] } {
  const existing = folders.filter((f) => {
    try {
      return fs.statSync(f).isDirectory();
    } catch {
      return false;
    }
  });
  const collected = collectFiles(existing);
  const files: string[] = [];
  const unreadable = [...collected.unreadable];
  for (const f of collected.files) {
    if (typeof f === 'string') files.push(f);
    else unreadable.push({ path: f, reason: 'tên tệp không phải UTF-8 / the file name is not UTF-8' });
  }
  return { files, unreadable };
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
 * cut after enough bytes to show a file over the size limit as over it (plan.too-large); or why it
 * could not be read.
 */
export function readWorkspaceText(file: string): { text: string } | { reason: string } {
  try {
    return { text: readText(file, { maxBytes: byteCapFor(MAX_PLAN_CHARS) }).text };
  } catch (err) {
    return { reason: failureReason(err) };
  }
}

/** The text of a plan file for checking, or undefined when it cannot be read (see readWorkspaceText). */
export function readTextFile(file: string): string | undefined {
  const read = readWorkspaceText(file);
  return 'text' in read ? read.text : undefined;
}

/** Where a path that could not be read is shown: the file or folder itself, or for a name that is not UTF-8, its folder. */
export interface UnreadablePlace {
  path: string;
  kind: 'file' | 'folder' | 'name';
  /** The file's name as text (bad bytes as \xHH), for kind 'name'. */
  name?: string;
  reason: string;
}

export function unreadablePlace(u: Unreadable): UnreadablePlace | undefined {
  if (typeof u.path === 'string') {
    let folder = false;
    try {
      folder = fs.statSync(u.path).isDirectory();
    } catch {
      // Not even its kind can be read: shown as a file.
    }
    return { path: u.path, kind: folder ? 'folder' : 'file', reason: u.reason };
  }
  const raw = u.path.toString('latin1');
  const parent = Buffer.from(path.dirname(raw), 'latin1');
  if (!isUtf8(parent)) return undefined;
  return { path: parent.toString('utf8'), kind: 'name', name: pathText(Buffer.from(path.basename(raw), 'latin1'), true), reason: u.reason };
}

/** How much of a Markdown plan is read first for its registry entry: front matters take 1–2 KB. */
export const ENTRY_HEAD_BYTES = 4096;

/**
 * The head of a Markdown file that gives its registry entry as its whole text does, when its first
 * `ENTRY_HEAD_BYTES` hold its whole front matter; undefined otherwise (the whole text is read
 * then). The entry reads the front matter alone, found by its closing line; the head is cut after
 * its last line break, where UTF-8 is decoded as in the whole text (a line break ends any
 * sequence) and no line is cut, so the first closing line is the same. A file over the size
 * limit, which is read otherwise, and a UTF-16 one are read whole.
 */
export function entryHead(file: string, headBytes = ENTRY_HEAD_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    const opened = openRegular(file);
    fd = opened.fd;
    const size = opened.size;
    // A UTF-8 text has no more UTF-16 code units than bytes: within the limit, read as the whole is.
    if (size <= headBytes || size > MAX_PLAN_CHARS) return undefined;
    const buffer = readStart(fd, headBytes);
    const read = buffer.length;
    if (read < 2 || (buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff)) return undefined;
    const lastBreak = buffer.lastIndexOf(0x0a, read - 1);
    if (lastBreak < 0) return undefined;
    const lines = buffer.subarray(0, lastBreak + 1);
    // Decoded as the whole text is (see validUtf8Text), which its valid head then is.
    const head = isUtf8(lines) ? validUtf8Text(lines) : lines.toString('utf8');
    const fm = findFrontMatter(head);
    return fm && !fm.unclosed ? head : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
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
    const text = (syntaxOf(file) === 'markdown' ? entryHead(file) : undefined) ?? readTextFile(file);
    const entry = text === undefined ? undefined : entryOfText(file, text, label, kb);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The registry entry of a file's text (or of its head, see entryHead), if the file is a plan. */
export function entryOfText(file: string, text: string, label: (file: string) => string, kb: KnowledgeBase): RegistryEntry | undefined {
  if (!mayBePlan(text, syntaxOf(file))) return undefined;
  const origin = { uri: file, label: label(file) };
  // A front matter in the plain subset is read without the YAML parser, its strings alone (the check reads its nodes the same way).
  const simple = syntaxOf(file) === 'markdown' ? readSimpleHead(text) : undefined;
  return simple ? (simple.declaresTemplate ? entryOfFields(simple.fields, origin, kb) : undefined) : planEntry(parsePlanHead(file, text), origin, kb);
}
