// Shared pieces of the protocol tests: fixtures, what the core says about a text, and small text edits.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CompletionItem, Diagnostic, DiagnosticSeverity, InsertTextFormat, TextEdit } from 'vscode-languageserver/node';
import { checkText, CheckOptions } from '../../server/src/core/engine';
import { Finding } from '../../server/src/core/findings';
import { LineIndex } from '../../server/src/core/text/line-index';
import { bundledKnowledge, localToday } from '../support/knowledge';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';
import { TestClient } from './client';

export const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function fixture(name: string): { file: string; text: string } {
  const file = path.join(PLAN_FIXTURES, name);
  return { file, text: fs.readFileSync(file, 'utf8') };
}

export function planFixtures(): string[] {
  return fs.readdirSync(PLAN_FIXTURES).filter((f) => /\.(md|ya?ml)$/.test(f)).sort();
}

/** What a diagnostic must say, in a comparable shape: code, range, severity, message. */
export interface DiagnosticShape {
  code: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  severity: DiagnosticSeverity;
  message: string;
}

export function shapeOf(d: Diagnostic): DiagnosticShape {
  return {
    code: String(d.code),
    line: d.range.start.line,
    character: d.range.start.character,
    endLine: d.range.end.line,
    endCharacter: d.range.end.character,
    severity: d.severity!,
    message: d.message,
  };
}

/** The findings of the core on a text, in the same shape as the server's diagnostics (an undated plan checked as of today, as the server does). */
export function coreShapes(uri: string, text: string, options: CheckOptions = {}): DiagnosticShape[] {
  const { findings } = checkText(uri, text, bundledKnowledge().kb, { lang: 'vi', today: localToday(), ...options });
  return findingShapes(findings, text);
}

export function findingShapes(findings: readonly Finding[], text: string): DiagnosticShape[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const s = lines.positionAt(f.start);
    const e = lines.positionAt(f.end);
    return { code: f.ruleId, line: s.line, character: s.character, endLine: e.line, endCharacter: e.character, severity: SEVERITY[f.severity], message: f.message };
  });
}

export function coreFindings(uri: string, text: string, options: CheckOptions = {}): Finding[] {
  return checkText(uri, text, bundledKnowledge().kb, { lang: 'vi', today: localToday(), ...options }).findings;
}

export const sortShapes = (list: DiagnosticShape[]): DiagnosticShape[] =>
  [...list].sort((a, b) => a.line - b.line || a.character - b.character || a.code.localeCompare(b.code) || a.message.localeCompare(b.message));

/** A fresh folder under the system's temporary folder, removed by the returned function. */
export function tempFolder(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Removes a top-level section of a Markdown plan, from its "## " heading to the next one. */
export function withoutSection(text: string, headingStart: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## ${headingStart}`));
  if (start < 0) throw new Error(`no section "## ${headingStart}"`);
  let end = start + 1;
  while (end < lines.length && !lines[end].startsWith('## ')) end++;
  lines.splice(start, end - start);
  return lines.join('\n');
}

/** Removes the subsections ("### ") whose headings start with any of the prefixes, with their bodies. */
export function withoutSubsections(text: string, headingStarts: string[]): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (line.startsWith('### ')) skipping = headingStarts.some((h) => line.startsWith(`### ${h}`));
    else if (line.startsWith('## ')) skipping = false;
    if (!skipping) out.push(line);
  }
  return out.join('\n');
}

/** Index of the first line matching a pattern, or an error naming it. */
export function lineOf(text: string, pattern: RegExp): number {
  const i = text.split('\n').findIndex((l) => pattern.test(l));
  if (i < 0) throw new Error(`no line matches ${pattern}`);
  return i;
}

/** Inserts lines before line `index`. */
export function insertLines(text: string, index: number, inserted: string[]): string {
  const lines = text.split('\n');
  lines.splice(index, 0, ...inserted);
  return lines.join('\n');
}

export const DOCS_RULES = path.join(REPO_ROOT, 'docs', 'rules');

/** The text a completion item inserts, with snippet syntax turned into its default text. */
export function inserted(item: CompletionItem): string {
  const text = (item.textEdit as TextEdit).newText;
  if (item.insertTextFormat !== InsertTextFormat.Snippet) return text;
  return text
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

/** Applies a completion item to a text (its edit replaces its range). */
export function accept(text: string, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const lines = text.split('\n');
  const { start, end } = edit.range;
  const before = lines.slice(0, start.line).join('\n') + (start.line > 0 ? '\n' : '') + lines[start.line].slice(0, start.character);
  const after = lines[end.line].slice(end.character) + (end.line + 1 < lines.length ? '\n' : '') + lines.slice(end.line + 1).join('\n');
  return before + inserted(item) + after;
}

/**
 * One server over the fixtures folder for the tests of a `describe` block, started before them and
 * stopped after; the returned function gives the running client, `open` a fresh document to ask about.
 */
export function serverOverFixtures(): { client(): TestClient; open(text: string, ext?: string): string } {
  let running: TestClient | undefined;
  let n = 0;
  before(async () => {
    running = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES] });
  });
  after(async () => {
    await running?.dispose();
  });
  const client = (): TestClient => {
    if (!running) throw new Error('the server is not started yet');
    return running;
  };
  return {
    client,
    open(text: string, ext = 'md'): string {
      const docUri = `file:///fixtures-server/plan-${++n}.${ext}`;
      client().open(docUri, text);
      return docUri;
    },
  };
}
