// V8's interrupt budget the `plan43` command sets on every run of the command line (bin/plan43.js's CLI_V8_FLAGS), on one thread and with workers, seen in when a function is first optimized.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';

/**
 * Calls of the probe (below) after which V8 has optimized it under its own interrupt budget
 * (optimized from about 250 calls on Node 20) and not under four times that budget (from about 850):
 * twice the first, half the second.
 */
const PROBE_CALLS = 450;

/** V8's optimization status bit of a function with optimized code (`%GetOptimizationStatus`). */
const OPTIMIZED = 16;

/**
 * A preload that, as the process exits (after the command has set its flags), calls a function of
 * its own PROBE_CALLS times and says on standard error whether V8 optimized it. The optimizing
 * compiler runs on this thread (`--no-concurrent-recompilation`), so the answer does not depend on
 * a helper thread's timing.
 */
const PROBE = `if (require('node:worker_threads').isMainThread) process.on('exit', () => {
  function probe(a) { let s = 0; for (let i = 0; i < 10; i++) s += (a ^ i) & 7; return s; }
  let t = 0;
  for (let k = 0; k < ${PROBE_CALLS}; k++) t += probe(k);
  process.stderr.write('probe ' + ((%GetOptimizationStatus(probe) & ${OPTIMIZED}) !== 0 ? 'optimized' : 'not optimized') + ' ' + (t > 0) + '\\n');
});
`;

describe('the interrupt budget of the command line', function () {
  this.timeout(180_000);
  let dir: string;
  let preload: string;
  let plans: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-tier-up-'));
    preload = path.join(dir, 'probe.js');
    fs.writeFileSync(preload, PROBE);
    // Enough files for two threads (24 a thread at least).
    plans = path.join(dir, 'plans');
    fs.mkdirSync(plans);
    const fixtures = fs.readdirSync(PLAN_FIXTURES).filter((name) => name.endsWith('.md'));
    for (let copy = 0; copy < 3; copy++) for (const name of fixtures) fs.copyFileSync(path.join(PLAN_FIXTURES, name), path.join(plans, `${copy}-${name}`));
    assert.ok(fs.readdirSync(plans).length >= 48);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function probed(args: string[]): string {
    const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '-r', preload, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const m = /^probe (optimized|not optimized) true$/m.exec(r.stderr);
    assert.ok(m, r.stderr.slice(-2000));
    return m[1];
  }

  it('is V8’s own in a plain Node process: the probe is optimized', () => {
    assert.equal(probed(['-e', '0']), 'optimized');
  });

  const check = (jobs: number): string[] => [path.join(REPO_ROOT, 'bin', 'plan43.js'), 'check', '--jobs', String(jobs), '--output', path.join(dir, `out-${jobs}.txt`), plans];

  it('is raised by `plan43 check --jobs 1` too, whose compiles count in its CPU time: the probe is not optimized yet', () => {
    assert.equal(probed(check(1)), 'not optimized');
  });

  it('is raised by `plan43 check --jobs 2`, which runs a worker: the probe is not optimized yet', () => {
    assert.equal(probed(check(2)), 'not optimized');
  });
});
