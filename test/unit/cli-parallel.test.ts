// `plan43 check` on worker threads writes, byte for byte, what it writes checking one file after another on its own thread: every format, --submission, --fix, the review page, files that cannot be read or are not plans, in the same order, with the same exit code.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isoDateOf } from '../../server/src/core/data/as-of';
import { checkOneFile, FileCheckSettings, FileOutcome, formatFor, shownData } from '../../server/src/node/check-files';
import { checkInParallel, HeapLimits, jobsFromEnvironment, largerHeap, MIN_FILES_PER_THREAD, namesOneFileTwice, threadCount, WORKER_HEAP } from '../../server/src/node/check-pool';
import { collectFiles, FilePath } from '../../server/src/node/files';
import { KnowledgeBase } from '../../server/src/core/data/types';
import { runCli } from '../../server/src/cli';
import { planEntriesOf } from '../../server/src/node/workspace';
import { withWorkspace } from '../../server/src/core/workspace/knowledge';
import { CliRun, runCliCaptured } from '../support/cli';
import { bundledKnowledge } from '../support/knowledge';
import { FIXTURES } from '../support/paths';

/**
 * A folder of the test fixtures, copied twice (the plans and a province's folder, whose plans
 * cite one another), with files that are not plans, cannot be decoded, are UTF-16, are empty, have
 * an unclosed front matter or a name that is not UTF-8.
 */
function fixtureFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-parallel-'));
  for (const copy of ['a', 'b']) {
    fs.cpSync(path.join(FIXTURES, 'plans'), path.join(dir, copy, 'plans'), { recursive: true });
    fs.cpSync(path.join(FIXTURES, 'province'), path.join(dir, copy, 'province'), { recursive: true });
  }
  const seed = fs.readFileSync(path.join(FIXTURES, 'plans', 'seed-001-lang-son.md'));
  fs.writeFileSync(path.join(dir, 'bad-bytes.md'), Buffer.concat([seed.subarray(0, 600), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), seed.subarray(600)]));
  fs.writeFileSync(path.join(dir, 'utf16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seed.toString('utf8'), 'utf16le')]));
  fs.writeFileSync(path.join(dir, 'empty.md'), '');
  fs.writeFileSync(path.join(dir, 'unclosed.md'), '---\ntemplate: nq43\nso_hieu: 12-KH/TU\n\n# Kế hoạch\n');
  fs.writeFileSync(path.join(dir, 'not-a-plan.yaml'), 'name: x\n');
  fs.writeFileSync(Buffer.from(`${dir}/ten-\xff.md`, 'latin1'), seed);
  return dir;
}

/** The command line run synchronously: on this thread alone, one file after another, whatever the number of files. */
function runCliOnThisThread(args: string[], cwd: string): CliRun {
  let out = '';
  let err = '';
  const code = runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd });
  return { code, out, err };
}

/** A FIFO named like a plan: named on the command line, it is said unreadable (not a regular file). */
function makeFifo(file: string): boolean {
  return spawnSync('mkfifo', [file]).status === 0;
}

describe('plan43 check in parallel', () => {
  let dir: string;
  let inputs: string[];
  before(() => {
    dir = fixtureFolder();
    inputs = ['.', 'missing.md', ...(makeFifo(path.join(dir, 'pipe.md')) ? ['pipe.md'] : [])];
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('uses workers only when there are files enough for two of them', () => {
    assert.equal(threadCount(1, 8), 0);
    assert.equal(threadCount(2 * MIN_FILES_PER_THREAD - 1, 8), 0);
    assert.equal(threadCount(2 * MIN_FILES_PER_THREAD, 8), 2);
    assert.equal(threadCount(100 * MIN_FILES_PER_THREAD, 4), 4);
    assert.equal(threadCount(100 * MIN_FILES_PER_THREAD, 1), 0);
    // Without --jobs: as many as the cores left idle by other work.
    assert.equal(threadCount(100 * MIN_FILES_PER_THREAD, undefined, () => 3), 3);
    assert.equal(threadCount(100 * MIN_FILES_PER_THREAD, undefined, () => 1), 0);
    // The folder below is checked on two threads when two are asked for.
    assert.equal(threadCount(collectFiles([dir]).files.length, 2), 2);
    assert.equal(jobsFromEnvironment({ PLAN43_JOBS: '3' }), 3);
    assert.equal(jobsFromEnvironment({ PLAN43_JOBS: '0' }), undefined);
    assert.equal(jobsFromEnvironment({}), undefined);
  });

  it('never gives a larger heap than V8 gives this thread, and always a larger one before that', () => {
    const heaps: HeapLimits[] = [WORKER_HEAP];
    for (let heap = largerHeap(WORKER_HEAP); heap; heap = largerHeap(heap)) heaps.push(heap);
    assert.ok(heaps.length >= 2 && heaps.length < 10, String(heaps.length));
    assert.equal(heaps[heaps.length - 1].oldGenerationMb, undefined, 'the last has no limit but V8\'s own');
    for (let i = 1; i < heaps.length - 1; i++) assert.ok(heaps[i].oldGenerationMb! > heaps[i - 1].oldGenerationMb!);
  });

  for (const args of [
    [],
    ['--format', 'json'],
    ['--format', 'sarif', '--submission'],
    ['--format', 'report', '--lang', 'en'],
    ['--submission', '--rule', 'text.spacing=off'],
  ]) {
    it(`writes what a serial run writes: ${args.join(' ') || 'text'}`, async () => {
      const serial = runCliOnThisThread(['check', ...inputs, ...args], dir);
      assert.ok(serial.out.length > 10_000, 'the run checked the folder');
      assert.match(serial.err, /missing\.md/);
      const parallel = await runCliCaptured(['check', ...inputs, ...args, '--jobs', '2'], dir);
      assert.deepEqual(parallel, serial);
    });
  }

  it('writes the same review page (--format html -o), with what could not be read at its top', async () => {
    const pages: string[] = [];
    for (const jobs of [undefined, '2']) {
      const args = ['check', ...inputs, '--format', 'html', '-o', 'review.html'];
      const r = jobs ? await runCliCaptured([...args, '--jobs', jobs], dir) : runCliOnThisThread(args, dir);
      assert.ok(r.code === 1 || r.code === 2, r.err);
      pages.push(fs.readFileSync(path.join(dir, 'review.html'), 'utf8'));
      fs.rmSync(path.join(dir, 'review.html'));
    }
    assert.match(pages[0], /missing\.md/);
    assert.equal(pages[1], pages[0]);
  });

  it('--fix writes the same files and says the same', async () => {
    const results = [];
    for (const jobs of [undefined, '2']) {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-parallel-fix-'));
      try {
        fs.cpSync(path.join(dir, 'a'), path.join(copy, 'a'), { recursive: true });
        fs.cpSync(path.join(dir, 'b'), path.join(copy, 'b'), { recursive: true });
        fs.copyFileSync(path.join(dir, 'bad-bytes.md'), path.join(copy, 'bad-bytes.md'));
        const args = ['check', '.', '--fix', '--format', 'json'];
        const r = jobs ? await runCliCaptured([...args, '--jobs', jobs], copy) : runCliOnThisThread(args, copy);
        const files = collectFiles([copy]).files.map((f) => [path.relative(copy, f as string), fs.readFileSync(f, 'utf8')]);
        results.push({ r, files });
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
    }
    assert.match(results[0].r.err, /bad-bytes\.md/, 'the file that cannot be written back is said');
    assert.notDeepEqual(
      results[0].files.find(([f]) => f === path.join('a', 'plans', 'seed-001-lang-son.md')),
      [path.join('a', 'plans', 'seed-001-lang-son.md'), fs.readFileSync(path.join(FIXTURES, 'plans', 'seed-001-lang-son.md'), 'utf8')],
      'the fixes were written',
    );
    assert.deepEqual(results[1], results[0]);
  });

  it('--fix stays on one thread when two names are one file', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-parallel-links-'));
    try {
      fs.cpSync(path.join(dir, 'a'), path.join(copy, 'a'), { recursive: true });
      fs.cpSync(path.join(dir, 'b'), path.join(copy, 'b'), { recursive: true });
      const target = path.join('a', 'plans', 'seed-001-lang-son.md');
      assert.equal(namesOneFileTwice(collectFiles([copy]).files), false);
      fs.symlinkSync(path.join(copy, target), path.join(copy, 'link.md'));
      // The plan and a link to it first, so that two threads would take both at once.
      const inputs = [target, 'link.md', '.'];
      assert.equal(namesOneFileTwice(collectFiles(inputs.map((i) => path.join(copy, i))).files), true);
      const r = await runCliCaptured(['check', ...inputs, '--fix', '--allow-links', '--lang', 'en', '--jobs', '2'], copy);
      // The link read what the plan's own name wrote, as on one thread: nothing was refused.
      assert.doesNotMatch(r.err, /changed after it was read/);
      assert.notEqual(fs.readFileSync(path.join(copy, target), 'utf8'), fs.readFileSync(path.join(FIXTURES, 'plans', 'seed-001-lang-son.md'), 'utf8'));
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  /** Each file's outcome as the command line's own thread gives it, checking one file after another. */
  function serialOutcomes(settings: FileCheckSettings, files: FilePath[] = collectFiles([dir]).files): { files: FilePath[]; kb: KnowledgeBase; outcomes: FileOutcome[] } {
    const kb = bundledKnowledge().kb;
    const format = formatFor(settings);
    const workspace = withWorkspace(kb, planEntriesOf(files.filter((f): f is string => typeof f === 'string'), (f) => shownData(f, dir), kb));
    return { files, kb, outcomes: files.map((f) => checkOneFile(f, workspace, settings, format)) };
  }

  it('hands each file over in input order, as checking it on this thread gives it', async () => {
    const settings: FileCheckSettings = { format: 'json', lang: 'vi', mode: 'submission', levels: {}, today: isoDateOf(new Date()), fix: false, allowLinks: false, cwd: dir };
    const { files, kb, outcomes } = serialOutcomes(settings);
    for (const threads of [3]) {
      const got: FileOutcome[] = [];
      const run = await checkInParallel({
        files,
        settings,
        kb,
        threads,
        onFile: (index, outcome) => {
          assert.equal(index, got.length);
          got.push(outcome);
        },
      });
      assert.deepEqual(got, outcomes, `${threads} threads`);
      assert.equal(run.outOfMemory, 0);
    }
  });

  it('checks every file again with a larger heap when a worker runs out of memory', async () => {
    // Heaps far too small to load the knowledge, let alone check a plan: every worker runs out of
    // memory at least once, and what it had not answered is checked again by a larger one.
    const settings: FileCheckSettings = { format: 'html', lang: 'en', mode: 'drafting', levels: {}, today: isoDateOf(new Date()), fix: false, allowLinks: false, cwd: dir };
    // A part of the folder: the plans and files that are not, enough for two workers.
    const { files, kb, outcomes } = serialOutcomes(settings, collectFiles([path.join(dir, 'a', 'plans'), path.join(dir, 'bad-bytes.md'), path.join(dir, 'not-a-plan.yaml')]).files);
    const got: FileOutcome[] = [];
    const run = await checkInParallel({ files, settings, kb, threads: 2, heap: { oldGenerationMb: 2, youngGenerationMb: 1 }, onFile: (_, outcome) => got.push(outcome) });
    assert.ok(run.outOfMemory >= 2, `${run.outOfMemory} workers replaced`);
    assert.deepEqual(got, outcomes);
  });
});
