// V8's heap growing factor the `plan43` command sets for its command line (bin/plan43.js), seen in V8's own trace of a full collection.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';

/**
 * Runs Node with V8's verbose trace of its collections and full collections in every thread (each
 * 100 ms while it runs, and as the process exits, after the program has set its flags), and returns
 * the factors V8 applied to the old generation's limit after each full collection
 * (`[HeapController] Limit: ... (2.0)`). A worker the command line ends has no exit of its own, and
 * its checks may make too little garbage for a full collection of V8's own: the timer's collections
 * are what make every thread that ran leave a line.
 */
function factorsApplied(args: string[], dir: string): Array<{ isolate: string; factor: number }> {
  const preload = path.join(dir, 'collect-at-exit.js');
  fs.writeFileSync(preload, "process.on('exit', () => gc());\nsetInterval(() => gc(), 100).unref();\n");
  const r = spawnSync(process.execPath, ['--expose-gc', '--trace-gc-verbose', '-r', preload, ...args], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  // Each line starts with the process and the isolate (one per thread): `[pid:0x...]`.
  return [...r.stdout.matchAll(/^\[\d+:(0x[0-9a-f]+)\].*\[HeapController\] Limit: old size: \d+ KB, new limit: \d+ KB \(([\d.]+)\)$/gm)].map((m) => ({ isolate: m[1], factor: Number(m[2]) }));
}

/** A new temporary folder holding a folder `plans` of the fixture plans `copies` times over. */
function fixturePlanCopies(prefix: string, copies: number): { dir: string; plans: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const plans = path.join(dir, 'plans');
  fs.mkdirSync(plans);
  const fixtures = fs.readdirSync(PLAN_FIXTURES).filter((name) => name.endsWith('.md'));
  for (let copy = 0; copy < copies; copy++) for (const name of fixtures) fs.copyFileSync(path.join(PLAN_FIXTURES, name), path.join(plans, `${copy}-${name}`));
  return { dir, plans };
}

describe('the heap growing factor of the command line', function () {
  this.timeout(180_000);
  let dir: string;
  let plans: string;
  before(() => {
    // Enough files for two threads (24 a thread at least).
    ({ dir, plans } = fixturePlanCopies('plan43-heap-', 3));
    assert.ok(fs.readdirSync(plans).length >= 48);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is V8’s own in a plain Node process (up to 4 after its first full collection)', () => {
    // A ceiling of 4 GB, so that V8's own factor may reach 4 whatever the machine's memory.
    const factors = factorsApplied(['--max-old-space-size=4096', '-e', '0'], dir).map((t) => t.factor);
    assert.ok(factors.length > 0, 'no trace of a full collection');
    assert.ok(factors.some((f) => f !== 2), `factors ${factors.join(', ')}`);
  });

  it('is fixed at 2 on every full collection of `plan43 check`, on one thread and on two', () => {
    const bin = path.join(REPO_ROOT, 'bin', 'plan43.js');
    for (const jobs of [1, 2]) {
      const traced = factorsApplied([bin, 'check', '--jobs', String(jobs), '--output', path.join(dir, `out-${jobs}.txt`), plans], dir);
      const factors = traced.map((t) => t.factor);
      // The preload collects in each thread while it runs, so every thread that ran leaves a line.
      assert.equal(new Set(traced.map((t) => t.isolate)).size, jobs, `--jobs ${jobs}: isolates traced`);
      assert.deepEqual([...new Set(factors)], [2], `--jobs ${jobs}: factors ${factors.join(', ')}`);
    }
  });
});

/** The young generation's size (the new space: both semi-spaces) now. */
const YOUNG_NOW = "require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size";

describe('the young generation of the command line’s thread', function () {
  this.timeout(180_000);
  const { YOUNG_SPACE_BOUND_BYTES } = require(path.join(REPO_ROOT, 'out', 'server', 'src', 'node', 'young-space.js')) as { YOUNG_SPACE_BOUND_BYTES: number };
  let dir: string;
  let plans: string;
  let manyPlans: string;
  before(() => {
    // Enough for V8 alone to grow the young generation to 16 MB on one thread.
    ({ dir, plans } = fixturePlanCopies('plan43-young-', 3));
    // Enough for it to grow to 32 MB on the command line's thread beside a worker.
    manyPlans = fixturePlanCopies('plan43-young-many-', 10).dir;
  });
  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(manyPlans, { recursive: true, force: true });
  });

  /** Runs `program` in a fresh Node process and returns the numbers it prints, one a line. */
  function sizes(program: string): number[] {
    const r = spawnSync(process.execPath, ['-e', program], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n').map(Number);
  }

  const check = (out: string): string =>
    `require(${JSON.stringify(path.join(REPO_ROOT, 'out', 'server', 'src', 'cli.js'))}).runCli(['check', '--jobs', '1', '--output', ${JSON.stringify(out)}, ${JSON.stringify(plans)}], { stdout: () => undefined, stderr: (t) => process.stderr.write(t), cwd: ${JSON.stringify(dir)} });`;
  // Objects that outlive a few collections of the young generation: what makes V8 grow it.
  const churn = 'const kept = []; for (let i = 0; i < 3e6; i++) { kept.push({ i }); if (kept.length > 3e5) kept.splice(0, 1e5); }';

  it('stops at the first size past its bound in a check, and grows again after it', () => {
    const [during, after] = sizes(`${check(path.join(dir, 'out.txt'))} console.log(${YOUNG_NOW}); ${churn} console.log(${YOUNG_NOW});`);
    assert.ok(during >= YOUNG_SPACE_BOUND_BYTES && during < 2 * YOUNG_SPACE_BOUND_BYTES, `new space after the check: ${during}`);
    // V8's own doubling again once the run is over (a process that goes on after runCli).
    assert.ok(after > during, `new space after the check ${during}, after more work ${after}`);
  });

  it('keeps its bound after the check when the process ends with the run (the `plan43` command)', () => {
    const ending = check(path.join(dir, 'out-ends.txt')).replace(`cwd: ${JSON.stringify(dir)} }`, `cwd: ${JSON.stringify(dir)}, processEnds: true }`);
    assert.notEqual(ending, check(path.join(dir, 'out-ends.txt')), 'the run is given processEnds');
    const [during, after] = sizes(`${ending} console.log(${YOUNG_NOW}); ${churn} console.log(${YOUNG_NOW});`);
    assert.ok(during >= YOUNG_SPACE_BOUND_BYTES && during < 2 * YOUNG_SPACE_BOUND_BYTES, `new space after the check: ${during}`);
    // The same work that makes it grow after a run that gives V8's factor back (above).
    assert.equal(after, during, `new space after the check ${during}, after more work ${after}`);
  });

  it('grows past the bound in the same work without the check (the bound is the check’s)', () => {
    const [grown] = sizes(`${churn.replace('3e6', '6e6')} console.log(${YOUNG_NOW});`);
    assert.ok(grown >= 2 * YOUNG_SPACE_BOUND_BYTES, `new space ${grown}`);
  });

  for (const jobs of [1, 2]) {
    // On two threads the command line's thread checks beside a worker (the preload runs on both: the main thread's is read).
    it(`is kept by \`plan43 check --jobs ${jobs}\` on the command line’s thread`, () => {
      const preload = path.join(dir, 'young-at-exit.js');
      fs.writeFileSync(preload, `if (require('node:worker_threads').isMainThread) process.on('exit', () => process.stderr.write('new space ' + ${YOUNG_NOW} + '\\n'));\n`);
      const folder = jobs === 1 ? plans : path.join(manyPlans, 'plans');
      const r = spawnSync(process.execPath, ['-r', preload, path.join(REPO_ROOT, 'bin', 'plan43.js'), 'check', '--jobs', String(jobs), '--output', path.join(dir, `bin-${jobs}.txt`), folder], { cwd: dir, encoding: 'utf8' });
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      const size = Number(/^new space (\d+)$/m.exec(r.stderr)?.[1]);
      // Beside a worker, one doubling may come between the worker's start (which sets V8's factor
      // back) and the next look: 16 MB at most there, where V8 alone reaches 32 MB on these plans.
      const most = jobs === 1 ? 2 * YOUNG_SPACE_BOUND_BYTES : 4 * YOUNG_SPACE_BOUND_BYTES;
      assert.ok(size >= YOUNG_SPACE_BOUND_BYTES && size < most, `--jobs ${jobs}: new space at exit ${size}`);
    });
  }
});

/** The client's module as built (the client talks to the server only over LSP; the tests read its output). */
const { SERVER_EXEC_ARGV } = require(path.join(REPO_ROOT, 'out', 'client', 'src', 'server-options.js')) as { SERVER_EXEC_ARGV: readonly string[] };

describe('the heap of the language server as the extension starts it', () => {
  it('has a ceiling under 2,048 MB, so that V8 grows its main thread’s heap by at most 2x', () => {
    // The extension (client/src/extension.ts) and the bench start the server with SERVER_EXEC_ARGV.
    const program = "const v8 = require('node:v8'); gc(); console.log('limit', v8.getHeapStatistics().heap_size_limit);";
    const r = spawnSync(process.execPath, [...SERVER_EXEC_ARGV, '--expose-gc', '--trace-gc-verbose', '-e', program], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const limitMb = Number(/^limit (\d+)$/m.exec(r.stdout)?.[1]) / 1024 / 1024;
    // The old generation's 2,000 MB and the young generation (semi-spaces of 2 MB).
    assert.ok(limitMb >= 2000 && limitMb < 2048, `heap limit ${limitMb} MB`);
    // V8's largest factor after the first full collection, when the collector's speed is not yet known.
    const factors = [...r.stdout.matchAll(/\[HeapController\] factor ([\d.]+) based on/g)].map((m) => Number(m[1]));
    assert.ok(factors.length > 0, 'no trace of a full collection');
    assert.ok(factors.every((f) => f <= 2), `factors ${factors.join(', ')}`);
  });
});
