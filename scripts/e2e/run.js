#!/usr/bin/env node
// Runs the end-to-end tests in a real VS Code: the mocha suite of test/e2e inside the extension host (code-server + Chromium, or a desktop VS Code), then the user-level scenarios and the review report in Chromium, or (--vsix) the packaged extension installed from its .vsix; prints a summary and fails when VS Code cannot be started.
'use strict';

// Usage: node scripts/e2e/run.js [options]
//
//   --broken             run the suite against a copy of the extension whose server reports no
//                        diagnostics; succeeds only if the suite FAILS (proves the tests can fail)
//   --vsix               instead of the suite and the scenario: `npm run package`, install the .vsix
//                        into code-server and check it as a user does (no development extension)
//   --no-scenario        the suite only
//   --scenario-only      the user-level scenario only
//   --update-screenshot  also write docs/screenshot.png from the scenario, docs/plans-view.png and
//                        docs/review-report.png from the review scenario
//   --no-build           skip `tsc -b` and the esbuild bundle (already built)
//   --keep               keep the temporary folders (workspace, profile, logs) and print where
//   --headed             show Chromium (needs a display)
//
// Environment: PLAN43_VSCODE_EXECUTABLE (a desktop VS Code: the suite runs with
// @vscode/test-electron), PLAN43_E2E_TIMEOUT_MS (whole suite, default 300000),
// PLAN43_E2E_WAIT_MS (one wait inside a test, default 20000), PLAN43_E2E_START_MS (the wait for
// the first plan's findings after a cold start, default three waits), PLAN43_E2E_GREP (run some tests),
// PLAN43_E2E_CACHE (where code-server is built, default .cache/e2e), PLAN43_CHROMIUM.
// Screenshots and logs go to test-results/e2e/.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureInstalled, InstallError } = require('./install');
const { createBrokenExtension } = require('./broken-extension');
const { runSuiteInElectron } = require('./run-electron');
const web = require('./vscode-web');

const ROOT = web.ROOT;
const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const TESTS_PATH = path.join(ROOT, 'out', 'test', 'e2e', 'index.js');

const args = new Set(process.argv.slice(2));
const known = ['--broken', '--vsix', '--no-scenario', '--scenario-only', '--update-screenshot', '--no-build', '--keep', '--headed'];
for (const a of args) {
  if (!known.includes(a)) {
    process.stderr.write(`e2e: unknown option ${a} (known: ${known.join(' ')})\n`);
    process.exit(2);
  }
}
const BROKEN = args.has('--broken');
const VSIX = args.has('--vsix');
if (BROKEN && VSIX) {
  process.stderr.write('e2e: --broken and --vsix are separate runs\n');
  process.exit(2);
}
const RUN_SUITE = !VSIX && !args.has('--scenario-only');
const RUN_SCENARIO = !BROKEN && !VSIX && !args.has('--no-scenario');
const SUITE_TIMEOUT_MS = Number(process.env.PLAN43_E2E_TIMEOUT_MS) > 0 ? Number(process.env.PLAN43_E2E_TIMEOUT_MS) : 300_000;

function log(line) {
  process.stdout.write(`${line}\n`);
}

function rel(p) {
  return path.relative(ROOT, p) || '.';
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

class E2EError extends Error {}

/** tsc -b (the suite is compiled with the other tests) and the bundle the extension's `main` names. */
function build() {
  const started = Date.now();
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  for (const [what, cmd] of [
    ['tsc -b', [tsc, '-b']],
    ['bundle', [path.join(ROOT, 'scripts', 'bundle.js')]],
  ]) {
    const r = spawnSync(process.execPath, cmd, { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new E2EError(`${what} failed:\n${(r.stdout || '') + (r.stderr || '')}`);
  }
  if (!fs.existsSync(TESTS_PATH)) throw new E2EError(`${rel(TESTS_PATH)} was not built: is test/e2e compiled by test/tsconfig.json?`);
  log(`e2e: built in ${seconds(Date.now() - started)}`);
}

function readResult(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The suite in code-server's extension host, through the web workbench in Chromium. Resolves with
 * { exitCode, result } or throws an E2EError/StartError that says why VS Code did not run it.
 */
async function runSuiteInBrowser({ install, extensionPath, profile, resultFile, env }) {
  const server = await web.startCodeServer({
    entry: install.codeServerEntry,
    profile,
    logFile: path.join(RESULTS, BROKEN ? 'code-server-broken.log' : 'code-server-suite.log'),
    env,
  });
  let browser;
  const workbenchLog = [];
  try {
    browser = await web.launchChromium({ executablePath: install.chromium, headed: args.has('--headed') });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    let liveSource;
    const live = (source, text) => {
      if (!text.includes('[e2e]')) return;
      liveSource = liveSource || source;
      if (source !== liveSource) return;
      for (const line of text.split('\n')) if (line.trim()) log(`  ${line.replace(/^.*?\[e2e\] ?/, '')}`);
    };
    let exited;
    const exit = new Promise((resolve) => {
      exited = resolve;
    });
    await page.exposeFunction('codeAutomationExit', (code) => exited({ code: Number(code), via: 'codeAutomationExit' }));
    await page.exposeFunction('codeAutomationLog', (type, parts) => {
      const text = (Array.isArray(parts) ? parts : [parts]).map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
      workbenchLog.push(`[${type}] ${text}`);
      live('automation', text);
    });
    page.on('console', (m) => {
      workbenchLog.push(`[console.${m.type()}] ${m.text()}`);
      live('console', m.text());
    });
    page.on('pageerror', (e) => workbenchLog.push(`[pageerror] ${e.message}`));
    const crashed = new Promise((resolve) => page.on('crash', () => resolve({ crashed: true })));

    const url = web.workbenchUrl(server, { workspace: profile.workspace, extensionPath, testsPath: TESTS_PATH });
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await web.waitForWorkbench(page);
    log('e2e: VS Code is up; the suite runs in its extension host');

    // The result file is written by run() just before the extension host exits: a fallback when
    // the exit call does not come (and what gives the details).
    const resultWritten = new Promise((resolve) => {
      const timer = setInterval(() => {
        if (fs.existsSync(resultFile)) {
          clearInterval(timer);
          // Give the extension host the moment it needs to report its exit code as well.
          setTimeout(() => resolve({ code: undefined, via: 'result file' }), 3000);
        }
      }, 500);
      timer.unref();
    });
    let timer;
    const outcome = await Promise.race([
      exit,
      resultWritten,
      crashed,
      server.exited.then((e) => ({ serverExited: e })),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve({ timedOut: true }), SUITE_TIMEOUT_MS);
      }),
    ]);
    clearTimeout(timer);
    await page.screenshot({ path: path.join(RESULTS, BROKEN ? 'suite-broken-end.png' : 'suite-end.png') }).catch(() => undefined);
    if (outcome.crashed) throw new E2EError('the Chromium page with VS Code crashed during the suite');
    if (outcome.serverExited) throw new E2EError(`code-server exited during the suite (code ${outcome.serverExited.code}):\n${server.logTail()}`);
    if (outcome.timedOut) {
      throw new E2EError(
        `the suite did not finish within ${seconds(SUITE_TIMEOUT_MS)} (no exit call, no result file): the extension host did not run it or hung; see ${rel(RESULTS)}/`,
      );
    }
    log(`e2e: the extension host finished (${outcome.via}${outcome.code === undefined ? '' : `, exit code ${outcome.code}`})`);
    return { exitCode: outcome.code, via: outcome.via, result: readResult(resultFile) };
  } finally {
    fs.mkdirSync(RESULTS, { recursive: true });
    fs.writeFileSync(path.join(RESULTS, BROKEN ? 'workbench-broken.log' : 'workbench-suite.log'), `${workbenchLog.join('\n')}\n`);
    if (browser) await browser.close().catch(() => undefined);
    await server.stop();
  }
}

/** One line for each test of the suite's result that did not pass: its full title and its error's first line. */
function failedTestLines(result) {
  return result.tests
    .filter((t) => t.state !== 'passed')
    .map((t) => `✗ ${t.title}${t.error ? ` — ${t.error.split('\n')[0]}` : ''}`);
}

function printSuiteResult(result) {
  if (!result) return;
  const failed = result.tests.filter((t) => t.state !== 'passed');
  for (const t of failed) {
    log(`  ✗ ${t.title}`);
    if (t.error) log(`      ${t.error.split('\n').slice(0, 6).join('\n      ')}`);
  }
}

async function main() {
  const started = Date.now();
  // Screenshots and logs of this run only; the broken-extension and .vsix runs, which `npm test`
  // runs after the main one, replace only their own files.
  const own = BROKEN ? /broken/ : VSIX ? /vsix/ : undefined;
  if (own && fs.existsSync(RESULTS)) for (const f of fs.readdirSync(RESULTS)) if (own.test(f)) fs.rmSync(path.join(RESULTS, f), { recursive: true, force: true });
  if (!own) fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const desktop = process.env.PLAN43_VSCODE_EXECUTABLE;
  log(
    `e2e: Plan43 in a real VS Code${
      BROKEN ? ' — BROKEN-EXTENSION CHECK (diagnostics turned off; the suite must fail)' : VSIX ? ' — THE PACKAGED EXTENSION (.vsix)' : ''
    }`,
  );
  // `npm run package` compiles and bundles by itself (vscode:prepublish).
  if (!args.has('--no-build') && !VSIX) build();

  const summary = [];
  const totals = { passed: 0, failed: 0 };
  let ok = true;
  let install;
  const needBrowser = (RUN_SUITE && !desktop) || RUN_SCENARIO || VSIX;
  if (needBrowser) {
    const t = Date.now();
    install = ensureInstalled();
    summary.push(`install: ${install.cached ? 'cached' : 'installed'} (${seconds(Date.now() - t)})`);
  }

  if (RUN_SUITE) {
    const t = Date.now();
    const base = web.tempDir('plan43-e2e-', { keep: args.has('--keep') });
    const profile = web.prepareProfile(base);
    const extensionPath = BROKEN ? createBrokenExtension(path.join(base, 'broken-extension')) : ROOT;
    const resultFile = path.join(base, 'result.json');
    const env = {
      PLAN43_E2E_RESULT: resultFile,
      PLAN43_E2E_EXTENSION_PATH: extensionPath,
      ...(BROKEN && !process.env.PLAN43_E2E_WAIT_MS ? { PLAN43_E2E_WAIT_MS: '8000' } : {}),
    };
    for (const k of ['PLAN43_E2E_WAIT_MS', 'PLAN43_E2E_START_MS', 'PLAN43_E2E_GREP', 'PLAN43_E2E_TEST_TIMEOUT_MS']) if (process.env[k]) env[k] = process.env[k];
    let run;
    try {
      if (desktop) {
        log(`e2e: suite in the desktop VS Code ${desktop} (@vscode/test-electron)`);
        const exitCode = await runSuiteInElectron({ vscodeExecutablePath: desktop, extensionPath, testsPath: TESTS_PATH, profile, env, log: (l) => log(`e2e: ${l}`) });
        run = { exitCode, via: 'runTests', result: readResult(resultFile) };
      } else {
        log(`e2e: suite in VS Code ${install.vscodeVersion} (code-server ${install.codeServerVersion}, Chromium)`);
        run = await runSuiteInBrowser({ install, extensionPath, profile, resultFile, env });
      }
    } catch (err) {
      run = { error: err };
    } finally {
      if (args.has('--keep')) log(`e2e: kept ${base}`);
      else fs.rmSync(base, { recursive: true, force: true });
    }

    const r = run.result;
    const counts = r ? `${r.passed} passed, ${r.failed + r.pending} failed${r.notRun ? `, ${r.notRun} not run` : ''}` : 'no result';
    const where = r ? ` in ${r.appName} ${r.vscodeVersion} (${r.uiKind}${r.remoteName ? `, ${r.remoteName}` : ''})` : '';
    let suiteOk;
    let reason = '';
    if (run.error) {
      suiteOk = false;
      reason = `VS Code could not run the suite: ${run.error.message}`;
    } else if (!r) {
      suiteOk = false;
      reason = `the suite wrote no result (exit ${run.exitCode}, via ${run.via}): the extension host did not run the tests`;
    } else if (r.error) {
      suiteOk = false;
      reason = r.error;
    } else {
      suiteOk = r.failed === 0 && r.pending === 0 && r.passed > 0 && (run.exitCode === undefined || run.exitCode === 0);
      if (!suiteOk && r.failed === 0 && r.pending === 0) reason = `VS Code exited with code ${run.exitCode}`;
    }
    printSuiteResult(r);

    if (BROKEN) {
      // The check passes when the suite caught the broken extension, and only by failing tests:
      // a suite that could not start proves nothing.
      const caught = !!r && !run.error && !r.error && r.failed > 0;
      log(
        caught
          ? `e2e: broken-extension check PASSED: with diagnostics turned off the suite failed (${counts})`
          : `e2e: broken-extension check FAILED: ${run.error || !r || r.error ? reason : `the suite passed against a broken extension (${counts})`}`,
      );
      summary.push(`broken-extension check: ${caught ? 'suite failed as it must' : 'NOT caught'} (${counts}, ${seconds(Date.now() - t)})`);
      ok = ok && caught;
    } else {
      if (!suiteOk) log(`e2e: SUITE FAILED: ${reason || counts}`);
      summary.push(`suite: ${counts}${where} (${seconds(Date.now() - t)})${suiteOk ? '' : ' — FAILED'}`);
      // Each failed test is named in the summary too, with its error's first line: CI may keep
      // only the end of the output, and a failure seen once must be told from the next one.
      if (!suiteOk && r) for (const line of failedTestLines(r)) summary.push(`  ${line}`);
      totals.passed += r ? r.passed : 0;
      totals.failed += r ? r.failed + r.pending : 0;
      if (!suiteOk && (!r || r.failed + r.pending === 0)) totals.failed += 1;
      ok = ok && suiteOk;
    }
  }

  /** Runs a layer of steps (a scenario, the review page in Chromium) and counts it into the summary and the totals. */
  const layer = async (label, run) => {
    const t = Date.now();
    let result;
    try {
      result = await run();
    } catch (err) {
      result = { steps: [], error: err };
    }
    const passed = result.steps.filter((s) => s.ok).length;
    const failed = result.steps.length - passed;
    const layerOk = !result.error && failed === 0 && passed > 0;
    if (result.error) log(`e2e: ${label.toUpperCase()} FAILED: ${result.error.message}`);
    // The first failure is named in the summary too: CI may keep only the end of the output.
    const firstFailure = result.steps.find((s) => !s.ok);
    const why = firstFailure ? `: ${firstFailure.name}: ${String(firstFailure.error).split('\n')[0]}` : result.error ? `: ${result.error.message.split('\n')[0]}` : '';
    summary.push(`${label}: ${passed} steps passed, ${failed} failed (${seconds(Date.now() - t)})${layerOk ? '' : ` — FAILED${why}`}`);
    totals.passed += passed;
    // A layer that could not run at all counts as one failed test.
    totals.failed += failed + (layerOk || failed > 0 ? 0 : 1);
    ok = ok && layerOk;
  };
  const common = { install, resultsDir: RESULTS, headed: args.has('--headed'), log, keep: args.has('--keep') };

  if (RUN_SCENARIO) {
    await layer('scenario', () => require('./scenario').runScenario({ ...common, updateScreenshot: args.has('--update-screenshot') }));
    // What a reviewing office does with a folder of plans: the Plans view and the review report.
    await layer('review scenario', () => require('./review-scenario').runReviewScenario({ ...common, updateScreenshot: args.has('--update-screenshot') }));
    // The review report a reviewer opens in a browser, checked in Chromium; each check counts as a test.
    await layer('review report in Chromium', () => require('./review-html').runReviewHtml(common));
  }

  if (VSIX) {
    const t = Date.now();
    const { runVsixCheck } = require('./vsix');
    const { steps } = await runVsixCheck({ install, resultsDir: RESULTS, headed: args.has('--headed'), log, keep: args.has('--keep') });
    const passed = steps.filter((s) => s.ok).length;
    const notRun = steps.filter((s) => s.notRun).length;
    const failed = steps.length - passed;
    const vsixOk = failed === 0 && passed > 0;
    if (!vsixOk) log(`e2e: PACKAGED EXTENSION FAILED: ${steps.find((s) => !s.ok)?.error?.split('\n')[0] ?? 'no check ran'}`);
    summary.push(
      `packaged extension (.vsix): ${passed} checks passed, ${failed - notRun} failed${notRun ? `, ${notRun} not run` : ''} (${seconds(Date.now() - t)})${vsixOk ? '' : ' — FAILED'}`,
    );
    // A check that could not run is a failed test: the total stays the same whatever happens.
    totals.passed += passed;
    totals.failed += failed + (passed + failed === 0 ? 1 : 0);
    ok = ok && vsixOk;
  }

  log('');
  log(`e2e summary (${seconds(Date.now() - started)}):`);
  for (const s of summary) log(`  ${s}`);
  log(`  screenshots and logs: ${rel(RESULTS)}/`);
  log(ok ? 'e2e: PASSED' : 'e2e: FAILED');
  // The same last line as `npm test` (test/support/summary-reporter.js), for CI.
  if (!BROKEN) log(`${totals.passed} passed, ${totals.failed} failed`);
  return ok;
}

main().then(
  (ok) => {
    process.exitCode = ok ? 0 : 1;
  },
  (err) => {
    const known = err instanceof InstallError || err instanceof E2EError || err instanceof web.StartError;
    process.stderr.write(`e2e: FAILED: ${known ? err.message : err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
