#!/usr/bin/env node
// The render tests: exported plans opened by LibreOffice and the preview opened by Chromium, as a reader sees them; installs what they need (apt-get, only when missing, only as root), runs test/render with mocha and ends with "N passed, N failed".
'use strict';

// Usage: node scripts/render/run.js [--no-build]
// Pictures and PDFs of the runs go to test-results/render/.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureRenderTools } = require('./office');

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS = path.join(ROOT, 'test-results', 'render');

function log(line) {
  process.stdout.write(`[render] ${line}\n`);
}

function main() {
  if (!process.argv.includes('--no-build')) {
    const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
    const built = spawnSync(process.execPath, [tsc, '-b'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('tsc -b failed');
  }
  const installed = ensureRenderTools({ chromium: true, log });
  log(installed.length > 0 ? `installed ${installed.join(' ')}` : 'LibreOffice, poppler-utils and Chromium present');
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const mocha = require.resolve('mocha/bin/mocha.js', { paths: [ROOT] });
  const run = spawnSync(
    process.execPath,
    [mocha, '--no-config', '--reporter', path.join(ROOT, 'test', 'support', 'summary-reporter.js'), '--timeout', '600000', '--forbid-only', 'out/test/render/**/*.test.js'],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PLAN43_RENDER_RESULTS: RESULTS } },
  );
  log(`pictures and PDFs: ${path.relative(ROOT, RESULTS)}/`);
  return run.status ?? 1;
}

try {
  process.exitCode = main();
} catch (err) {
  process.stderr.write(`[render] FAILED: ${err && err.message ? err.message : err}\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exitCode = 1;
}
