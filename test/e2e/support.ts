// Helpers of the end-to-end suite: the workspace under test, event-driven waits on diagnostics and other VS Code events, and the expectations read from fixture markers.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The extension under test, as VS Code names it (publisher.name of package.json). */
export const EXTENSION_ID = 'plan43.plan43';
export const SOURCE = 'plan43';

/** How long one wait for VS Code (diagnostics, a document, a tab) may take before the test fails. */
export const WAIT_MS = Number(process.env.PLAN43_E2E_WAIT_MS) > 0 ? Number(process.env.PLAN43_E2E_WAIT_MS) : 20_000;

/** The bound of the one wait that includes a cold start (the extension activated, its server started). */
export const START_MS = Number(process.env.PLAN43_E2E_START_MS) > 0 ? Number(process.env.PLAN43_E2E_START_MS) : 3 * WAIT_MS;

/** The repository (the extension under development): out/test/e2e → three levels up. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    throw new Error('VS Code was started without a workspace folder: the runners (scripts/e2e/run.js) open a temporary one.');
  }
  return folder.uri;
}

export function workspaceFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), name);
}

/** The diagnostics this extension published for a document (other extensions' are ignored). */
export function planDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  if (code === undefined) return '';
  if (typeof code === 'object') return String(code.value);
  return String(code);
}

export function targetOf(d: vscode.Diagnostic): vscode.Uri | undefined {
  return typeof d.code === 'object' ? d.code.target : undefined;
}

export function describeDiagnostics(list: readonly vscode.Diagnostic[]): string {
  if (list.length === 0) return '(none)';
  return list
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)}`)
    .join('\n      ');
}

/**
 * Resolves with the first value `check` returns that is not undefined, evaluated now and after
 * every event of `events`; rejects after `ms` with `what` and the last state `describe` gives.
 * Nothing here sleeps: time only bounds the wait.
 */
export function waitFor<T>(
  what: string,
  events: ReadonlyArray<vscode.Event<unknown>>,
  check: () => T | undefined | Promise<T | undefined>,
  describe: () => string = () => '',
  ms = WAIT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const subscriptions: vscode.Disposable[] = [];
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      fn();
    };
    const evaluate = async (): Promise<void> => {
      if (done) return;
      try {
        const value = await check();
        if (value !== undefined) finish(() => resolve(value));
      } catch (err) {
        finish(() => reject(err));
      }
    };
    const timer = setTimeout(() => {
      const state = describe();
      finish(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}${state ? `\n      last seen: ${state}` : ''}`)));
    }, ms);
    for (const event of events) subscriptions.push(event(() => void evaluate()));
    void evaluate();
  });
}

/** Waits until the extension's diagnostics of `uri` satisfy `accept`, driven by onDidChangeDiagnostics. */
export function waitForDiagnostics(
  uri: vscode.Uri,
  what: string,
  accept: (list: vscode.Diagnostic[]) => boolean,
  ms = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} (${path.basename(uri.path)})`,
    [vscode.languages.onDidChangeDiagnostics],
    () => {
      const list = planDiagnostics(uri);
      return accept(list) ? list : undefined;
    },
    () => describeDiagnostics(planDiagnostics(uri)),
    ms,
  );
}

/** Rejects a promise that does not settle in time, naming what was awaited. */
export async function within<T>(what: string, promise: Thenable<T>, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve(promise), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** A rule id and the 1-based line a fixture expects it on. */
export interface Expected {
  ruleId: string;
  line: number;
}

/**
 * The findings a fixture expects while drafting: `<!-- expect: a, b -->` in the body and
 * `# expect: a` in the front matter (test/fixtures/README.md). `expect-submission:` markers are
 * for the submission check only and are not returned.
 */
export function expectedFindings(text: string): Expected[] {
  const out: Expected[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const re = /(?:^|[;\s])expect:\s*([a-z0-9.,\s-]+?)(?=\s*(?:;|-->|$))/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      for (const id of m[1].split(',').map((s) => s.trim()).filter(Boolean)) out.push({ ruleId: id, line: i + 1 });
    }
  });
  return out;
}

export function expectedSubmissionOnly(text: string): Expected[] {
  const out: Expected[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const re = /expect-submission:\s*([a-z0-9.,\s-]+?)(?=\s*(?:;|-->|$))/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      for (const id of m[1].split(',').map((s) => s.trim()).filter(Boolean)) out.push({ ruleId: id, line: i + 1 });
    }
  });
  return out;
}

/** "rule@line" keys, sorted, so two lists compare as multisets. */
export function keys(list: ReadonlyArray<Expected>): string[] {
  return list.map((e) => `${e.ruleId}@${e.line}`).sort();
}

export function diagnosticKeys(list: readonly vscode.Diagnostic[]): string[] {
  return keys(list.map((d) => ({ ruleId: codeOf(d), line: d.range.start.line + 1 })));
}

export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

export function fileExists(uri: vscode.Uri): boolean {
  return uri.scheme === 'file' && fs.existsSync(uri.fsPath);
}

/** Sets a setting of the workspace folder and resolves once VS Code has applied it. */
export async function setWorkspaceSetting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Workspace);
}
