// Entry point of the end-to-end suite inside VS Code's extension host: runs the mocha tests of this folder and reports them (log lines, a result file, the exit code).

import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** One test's outcome, as written to the result file the runners read. */
export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteResult {
  passed: number;
  /** Failed tests and failed hooks. */
  failed: number;
  pending: number;
  /** Tests mocha was to run; those after a failed hook of their suite do not run. */
  total: number;
  notRun: number;
  tests: TestOutcome[];
  vscodeVersion: string;
  appName: string;
  uiKind: string;
  remoteName: string | null;
  durationMs: number;
  /** Set when the suite could not run at all (no tests found, a file failed to load). */
  error?: string;
}

function log(line: string): void {
  // The extension host forwards console output to the runner (stdout with a desktop VS Code,
  // window.codeAutomationLog in the browser workbench).
  console.log(`[e2e] ${line}`);
}

function writeResult(result: SuiteResult): void {
  const file = process.env.PLAN43_E2E_RESULT;
  if (!file) return;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  } catch (err) {
    log(`could not write the result file ${file}: ${(err as Error).message}`);
  }
}

function fullTitle(test: Mocha.Test): string {
  return test.titlePath().join(' › ');
}

export async function run(): Promise<void> {
  const started = Date.now();
  const result: SuiteResult = {
    passed: 0,
    failed: 0,
    pending: 0,
    total: 0,
    notRun: 0,
    tests: [],
    vscodeVersion: vscode.version,
    appName: vscode.env.appName,
    uiKind: vscode.UIKind[vscode.env.uiKind] ?? String(vscode.env.uiKind),
    remoteName: vscode.env.remoteName ?? null,
    durationMs: 0,
  };
  log(`VS Code ${vscode.version} (${vscode.env.appName}, ${result.uiKind}${result.remoteName ? `, remote ${result.remoteName}` : ''})`);

  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    timeout: Number(process.env.PLAN43_E2E_TEST_TIMEOUT_MS) > 0 ? Number(process.env.PLAN43_E2E_TEST_TIMEOUT_MS) : 90_000,
    reporter: class Silent extends Mocha.reporters.Base {},
    ...(process.env.PLAN43_E2E_GREP ? { grep: process.env.PLAN43_E2E_GREP } : {}),
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.e2e.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  const failures = await new Promise<number>((resolve) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((n) => resolve(n));
    } catch (err) {
      result.error = `the suite could not be loaded: ${(err as Error).stack ?? String(err)}`;
      log(result.error);
      resolve(1);
      return;
    }
    result.total = runner.total;
    runner.on('suite', (s: Mocha.Suite) => {
      if (s.title) log(`${'  '.repeat(Math.max(0, s.titlePath().length - 1))}${s.title}`);
    });
    runner.on('pass', (t: Mocha.Test) => {
      result.passed++;
      result.tests.push({ title: fullTitle(t), state: 'passed', durationMs: t.duration ?? 0 });
      log(`  ✓ ${t.title} (${t.duration ?? 0} ms)`);
    });
    runner.on('fail', (t: Mocha.Test | Mocha.Hook, err: Error) => {
      result.failed++;
      const title = t.type === 'hook' ? t.fullTitle() : fullTitle(t as Mocha.Test);
      const message = err?.stack ?? String(err);
      result.tests.push({ title, state: 'failed', durationMs: t.duration ?? 0, error: message });
      log(`  ✗ ${t.title}\n      ${message.split('\n').slice(0, 8).join('\n      ')}`);
    });
    runner.on('pending', (t: Mocha.Test) => {
      result.pending++;
      result.tests.push({ title: fullTitle(t), state: 'pending' });
      log(`  - ${t.title} (skipped: counted as a failure)`);
    });
  });

  result.durationMs = Date.now() - started;
  const ran = result.tests.filter((t) => !/"(before|after) (all|each)" hook/.test(t.title)).length;
  result.notRun = Math.max(0, result.total - ran);
  if (!result.error && result.passed + result.failed + result.pending === 0) {
    result.error = `no test ran (test files found: ${files.length}${process.env.PLAN43_E2E_GREP ? `, grep ${process.env.PLAN43_E2E_GREP}` : ''})`;
  }
  const notRun = result.notRun > 0 ? ` (${result.notRun} not run after a failed hook)` : '';
  log(`${result.passed} passed, ${result.failed + result.pending} failed${notRun}${result.error ? ` — ${result.error}` : ''}`);
  writeResult(result);
  if (failures > 0 || result.failed > 0 || result.pending > 0 || result.error) {
    throw new Error(result.error ?? `${result.failed + result.pending} end-to-end test(s) failed`);
  }
}
