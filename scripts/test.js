#!/usr/bin/env node
// The whole test suite: the Word test documents (LibreOffice), core, protocol and robustness tests (mocha), exported plans rendered by LibreOffice and the preview by Chromium, the extension inside a real VS Code, the proof that a broken extension fails it, and the packaged .vsix installed into VS Code; ends with one line "N passed, N failed".
'use strict';

// Usage: node scripts/test.js [--no-e2e] [--no-render]
//   --no-e2e     skip the three runs inside VS Code (they need root for apt-get the first time)
//   --no-render  skip the LibreOffice and Chromium renders (they need root for apt-get the first time)

const { spawn } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const withE2E = !process.argv.includes('--no-e2e');
const withRender = !process.argv.includes('--no-render');
const SUMMARY = /^(\d+) passed, (\d+) failed/;

/** Runs a command, echoing its output, and returns its exit code and its last summary line. */
function run(label, command, args) {
  return new Promise((resolve) => {
    process.stdout.write(`\n::: ${label}\n`);
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let summary;
    let pending = '';
    const scan = (chunk) => {
      const text = pending + chunk.toString('utf8');
      const lines = text.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = SUMMARY.exec(line);
        if (m) summary = { passed: Number(m[1]), failed: Number(m[2]) };
      }
    };
    child.stdout.on('data', (c) => {
      process.stdout.write(c);
      scan(c);
    });
    child.stderr.on('data', (c) => process.stderr.write(c));
    child.on('error', (err) => resolve({ code: 1, summary, error: err }));
    child.on('close', (code) => {
      scan('\n');
      resolve({ code: code ?? 1, summary });
    });
  });
}

async function main() {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const totals = { passed: 0, failed: 0 };
  const problems = [];

  let built = (await run('build', npx, ['tsc', '-b'])).code === 0;
  if (!built) problems.push('the TypeScript build failed');
  else {
    // The bundled data validated and ready to load (dist/bundled-data.json), which the tests compare with the YAML.
    built = (await run('bundled data snapshot', process.execPath, ['scripts/bundled-data.js'])).code === 0;
    if (!built) problems.push('the bundled data snapshot could not be built');
  }

  if (built) {
    // Word documents as offices make them, for the import tests: LibreOffice converts test/fixtures/word/*.fodt
    // (installed with apt-get when missing), cached under .cache/word/.
    const fixtures = await run('Word test documents (LibreOffice)', process.execPath, ['scripts/word-fixtures.js']);
    if (fixtures.code !== 0) problems.push('the Word test documents could not be built');
    const mocha = await run('core, protocol and robustness tests', npx, ['mocha']);
    if (mocha.summary) {
      totals.passed += mocha.summary.passed;
      totals.failed += mocha.summary.failed;
    } else problems.push('mocha printed no summary');
    if (mocha.code !== 0) problems.push(`mocha exited with ${mocha.code}`);

    if (withRender) {
      // What a reader sees: the Word export opened by LibreOffice, the preview by Chromium.
      const render = await run('exported plans in LibreOffice and the preview in Chromium', process.execPath, ['scripts/render/run.js', '--no-build']);
      if (render.summary) {
        totals.passed += render.summary.passed;
        totals.failed += render.summary.failed;
      } else problems.push('the render tests printed no summary');
      if (render.code !== 0) problems.push(`the render tests exited with ${render.code}`);
    }

    if (withE2E) {
      // This run bundles the extension (dist/) that VS Code loads; the next one reuses it.
      const e2e = await run('the extension inside VS Code', process.execPath, ['scripts/e2e/run.js']);
      if (e2e.summary) {
        totals.passed += e2e.summary.passed;
        totals.failed += e2e.summary.failed;
      } else problems.push('the VS Code run printed no summary');
      if (e2e.code !== 0) problems.push(`the VS Code run exited with ${e2e.code}`);

      // Succeeds only when the suite fails against an extension whose diagnostics are off; its
      // inner counts are not test results, so it counts as one test of its own.
      const broken = await run('a broken extension must fail the suite', process.execPath, ['scripts/e2e/run.js', '--no-build', '--broken']);
      if (broken.code === 0) totals.passed += 1;
      else {
        totals.failed += 1;
        problems.push('the broken-extension check did not see the suite fail');
      }

      // What a drafter installs: `npm run package`, the .vsix installed into VS Code (no
      // development extension), its findings and status bar item; each check counts as a test.
      const vsix = await run('the packaged extension installed from its .vsix', process.execPath, ['scripts/e2e/run.js', '--vsix']);
      if (vsix.summary) {
        totals.passed += vsix.summary.passed;
        totals.failed += vsix.summary.failed;
      } else problems.push('the .vsix run printed no summary');
      if (vsix.code !== 0) problems.push(`the .vsix run exited with ${vsix.code}`);
    }
  }

  process.stdout.write('\n');
  for (const p of problems) process.stdout.write(`test: ${p}\n`);
  if (problems.length > 0 && totals.failed === 0) totals.failed = problems.length;
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
  process.exitCode = problems.length > 0 || totals.failed > 0 ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`test: ${err && err.stack ? err.stack : String(err)}\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exitCode = 1;
});
