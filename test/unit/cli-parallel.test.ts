// `plan43 check` on worker threads writes, byte for byte, what it writes checking one file after another: every format, --submission, --fix, the review page, files that cannot be read or are not plans, in the same order, with the same exit code.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as esbuild from 'esbuild';
import { isoDateOf } from '../../server/src/core/data/as-of';
import { checkOneFile, FileCheckSettings, FileOutcome, formatFor, shownData } from '../../server/src/node/check-files';
import { checkFilesHandler, CheckFilesReply, REPLY_CHARS, SentPath } from '../../server/src/node/check-files-worker';
import { bundleDigest, CODE_CACHE_ENV, readBundle, readCacheFile } from '../../server/src/node/code-cache';
import { checkInParallel, filesCheckedByThread, jobsFromEnvironment, MAX_FILES_PER_REQUEST, MIN_FILES_PER_THREAD, namesOneFileTwice, startWorkers, threadCount } from '../../server/src/node/check-pool';
import { KnowledgeBase, RegistryEntry } from '../../server/src/core/data/types';
import { collectFiles, FilePath } from '../../server/src/node/files';
import { planEntriesOf } from '../../server/src/node/workspace';
import { withWorkspace } from '../../server/src/core/workspace/knowledge';
import { runCliCaptured } from '../support/cli';
import { bundledKnowledge } from '../support/knowledge';
import { FIXTURES, REPO_ROOT } from '../support/paths';

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

  it('uses more threads only when there are files enough for them', () => {
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

  for (const args of [
    [],
    ['--format', 'json'],
    ['--format', 'sarif', '--submission'],
    ['--format', 'report', '--lang', 'en'],
    ['--submission', '--rule', 'text.spacing=off'],
  ]) {
    it(`writes what a serial run writes: ${args.join(' ') || 'text'}`, async () => {
      const serial = await runCliCaptured(['check', ...inputs, ...args, '--jobs', '1'], dir);
      const parallel = await runCliCaptured(['check', ...inputs, ...args, '--jobs', '2'], dir);
      assert.ok(serial.out.length > 10_000, 'the run checked the folder');
      assert.match(serial.err, /missing\.md/);
      assert.equal(parallel.code, serial.code);
      assert.equal(parallel.out, serial.out);
      assert.equal(parallel.err, serial.err);
    });
  }

  it('writes the same review page (--format html -o), with what could not be read at its top', async () => {
    const pages: string[] = [];
    for (const jobs of ['1', '2']) {
      const r = await runCliCaptured(['check', ...inputs, '--format', 'html', '-o', 'review.html', '--jobs', jobs], dir);
      assert.ok(r.code === 1 || r.code === 2, r.err);
      pages.push(fs.readFileSync(path.join(dir, 'review.html'), 'utf8'));
      fs.rmSync(path.join(dir, 'review.html'));
    }
    assert.match(pages[0], /missing\.md/);
    assert.equal(pages[1], pages[0]);
  });

  it('--fix writes the same files and says the same', async () => {
    const results = [];
    for (const jobs of ['1', '2']) {
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-parallel-fix-'));
      try {
        fs.cpSync(path.join(dir, 'a'), path.join(copy, 'a'), { recursive: true });
        fs.cpSync(path.join(dir, 'b'), path.join(copy, 'b'), { recursive: true });
        fs.copyFileSync(path.join(dir, 'bad-bytes.md'), path.join(copy, 'bad-bytes.md'));
        const r = await runCliCaptured(['check', '.', '--fix', '--format', 'json', '--jobs', jobs], copy);
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

  /** The folder's files, and each one's outcome as checking it alone on this thread gives it. */
  function checkedOneByOne(): { files: FilePath[]; kb: KnowledgeBase; settings: FileCheckSettings; entries: RegistryEntry[]; expected: FileOutcome[] } {
    const files = collectFiles([dir]).files;
    const kb = bundledKnowledge().kb;
    const settings: FileCheckSettings = { format: 'json', lang: 'vi', mode: 'submission', levels: {}, today: isoDateOf(new Date()), fix: false, allowLinks: false, cwd: dir };
    const format = formatFor(settings);
    const entries = planEntriesOf(files.filter((f): f is string => typeof f === 'string'), (f) => shownData(f, dir), kb);
    const workspace = withWorkspace(kb, entries);
    return { files, kb, settings, entries, expected: files.map((f) => checkOneFile(f, workspace, settings, format)) };
  }

  it('hands each file over in input order, as checking it on this thread gives it', async () => {
    const { files, kb, settings, expected } = checkedOneByOne();
    // Enough files that a worker is given runs of several, and on two threads runs of the most.
    assert.ok(files.length > 4 * 3, 'the folder gives the workers runs of several files');
    for (const threads of [2, 3]) {
      const got: FileOutcome[] = [];
      await checkInParallel({
        files,
        settings,
        kb,
        threads,
        onFile: (index, outcome) => {
          assert.equal(index, got.length);
          got.push(outcome);
        },
      });
      assert.deepEqual(got, expected, `${threads} threads`);
    }
  });

  it('answers a run of files in one message, or in parts past a size, each outcome as checking the file alone gives it', () => {
    const { files, kb, settings, entries, expected } = checkedOneByOne();
    const first = 3;
    const count = Math.min(MAX_FILES_PER_REQUEST, files.length - first);
    const run = files.slice(first, first + count);
    // The run holds plans whose parts are not empty, so that a small size splits it.
    assert.ok(expected.slice(first, first + count).filter((o) => o.part.length > 0).length > 2);
    for (const [replyChars, shortest, longest] of [
      [REPLY_CHARS, 1, 1],
      [1, count, count],
      [4_000, 2, count - 1],
    ] as const) {
      const replies: CheckFilesReply[] = [];
      const handle = checkFilesHandler({ settings, kb }, (reply) => replies.push(reply), replyChars);
      handle({ type: 'workspace', entries });
      handle({ type: 'check', first, files: run });
      assert.ok(replies.length >= shortest && replies.length <= longest, `${replies.length} replies at ${replyChars} characters`);
      let next = first;
      const outcomes: FileOutcome[] = [];
      for (const reply of replies) {
        assert.equal(reply.type, 'checked');
        if (reply.type !== 'checked') continue;
        assert.equal(reply.first, next, 'each part follows the one before');
        assert.ok(reply.outcomes.length > 0);
        next += reply.outcomes.length;
        outcomes.push(...reply.outcomes);
      }
      assert.deepEqual(outcomes, expected.slice(first, first + count), `at ${replyChars} characters`);
    }
  });

  it('a worker says it is ready before anything else (the pool gives it no request sooner)', async () => {
    const { kb, settings } = checkedOneByOne();
    const script = path.join(__dirname, '..', '..', 'server', 'src', 'node', 'check-files-worker.js');
    const worker = new Worker(script, { workerData: { settings, kb }, stdout: false, stderr: false });
    try {
      const first = await new Promise<CheckFilesReply>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      assert.deepEqual(first, { type: 'ready' });
    } finally {
      await worker.terminate();
    }
  });

  it("the package's worker runs its code through the code cache: written after its first run of files, used by the next worker", async function () {
    this.timeout(120_000);
    const { files, kb, settings, entries, expected } = checkedOneByOne();
    // dist/check-files-worker.js and its bundle as scripts/bundle.js builds them, in a folder of their own.
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-files-worker-'));
    try {
      const { builds } = require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as { builds: esbuild.BuildOptions[] };
      for (const b of builds.filter((x) => /\/check-files-worker(\.bundle)?\.js$/.test(x.outfile ?? ''))) {
        const result = await esbuild.build({ ...b, write: false, logLevel: 'silent' });
        for (const f of result.outputFiles ?? []) if (f.path.endsWith('.js')) fs.writeFileSync(path.join(out, path.basename(f.path)), f.contents);
      }
      const cacheDir = path.join(out, 'cache');
      const cacheFiles = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []).filter((f) => f.endsWith('.cache'));
      /** One worker's check of three files, and the cache files once the worker has had time to write one (or not). */
      const oneWorker = async (): Promise<FileOutcome[]> => {
        const worker = new Worker(path.join(out, 'check-files-worker.js'), { workerData: { settings }, env: { ...process.env, [CODE_CACHE_ENV]: cacheDir }, stdout: false, stderr: false });
        try {
          const outcomes = await new Promise<FileOutcome[]>((resolve, reject) => {
            worker.on('error', reject);
            worker.on('message', (reply: CheckFilesReply) => {
              if (reply.type === 'ready') {
                worker.postMessage({ type: 'workspace', entries });
                worker.postMessage({ type: 'check', first: 0, files: files.slice(0, 3) });
              } else if (reply.type === 'checked') resolve(reply.outcomes);
              else reject(new Error(JSON.stringify(reply)));
            });
            worker.postMessage({ type: 'knowledge', kb });
          });
          // The pool ends a worker with the run: the cache is written while it runs, not at its end.
          for (let i = 0; i < 200 && cacheFiles().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
          return outcomes;
        } finally {
          await worker.terminate();
        }
      };
      assert.deepEqual(await oneWorker(), expected.slice(0, 3));
      const written = cacheFiles();
      assert.equal(written.length, 1, 'the first worker wrote its code cache');
      const file = path.join(cacheDir, written[0]);
      const { bytes, stat } = readBundle(path.join(out, 'check-files-worker.bundle.js'));
      assert.ok(readCacheFile(file, bundleDigest(bytes, stat)), 'a cache of this bundle, whole');
      const before = fs.readFileSync(file);
      // The next worker takes it (one it refused would be written again) and checks as before.
      assert.deepEqual(await oneWorker(), expected.slice(0, 3));
      assert.deepEqual(cacheFiles(), written);
      assert.ok(fs.readFileSync(file).equals(before), 'the cache was used, not written again');
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('a worker started before the knowledge is loaded is ready once given it, and checks as this thread does', async () => {
    const { files, kb, settings, entries, expected } = checkedOneByOne();
    const started = startWorkers(1, settings);
    const [worker] = started.workers;
    try {
      const replies: CheckFilesReply[] = [];
      const waiting: Array<(reply: CheckFilesReply) => void> = [];
      worker.on('message', (reply: CheckFilesReply) => (waiting.length > 0 ? waiting.shift()?.(reply) : replies.push(reply)));
      const next = (): Promise<CheckFilesReply> =>
        replies.length > 0
          ? Promise.resolve(replies.shift() as CheckFilesReply)
          : new Promise((resolve, reject) => {
              waiting.push(resolve);
              worker.once('error', reject);
            });
      // A request sent before the knowledge would be taken for it: the knowledge is the first message.
      started.give(kb);
      assert.deepEqual(await next(), { type: 'ready' });
      worker.postMessage({ type: 'workspace', entries });
      worker.postMessage({ type: 'check', first: 2, files: files.slice(2, 5) });
      assert.deepEqual(await next(), { type: 'checked', first: 2, outcomes: expected.slice(2, 5) });
    } finally {
      started.end();
    }
  });

  it('a run on two threads checks files on both: the worker is given runs of files', async () => {
    // Enough plans that the command line's thread does not check them all while the worker starts.
    const many = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-parallel-many-'));
    try {
      for (let i = 0; i < 20; i++) fs.cpSync(path.join(FIXTURES, 'plans'), path.join(many, `copy-${i}`), { recursive: true });
      const count = collectFiles([many]).files.length;
      const serial = await runCliCaptured(['check', '.', '--format', 'json', '--jobs', '1'], many);
      const parallel = await runCliCaptured(['check', '.', '--format', 'json', '--jobs', '2'], many);
      const shares = filesCheckedByThread();
      assert.equal(shares.length, 2, 'the command line\'s thread and one worker');
      assert.equal(shares[0] + shares[1], count, 'each file checked once');
      assert.ok(shares[0] > 0 && shares[1] > 0, `files checked by each thread: ${shares.join(', ')}`);
      assert.equal(parallel.out, serial.out);
      assert.equal(parallel.err, serial.err);
    } finally {
      fs.rmSync(many, { recursive: true, force: true });
    }
  });

  it('a defect in the middle of a run: the outcomes before it are sent, then the failure', () => {
    const { files, kb, settings, entries, expected } = checkedOneByOne();
    const replies: CheckFilesReply[] = [];
    const handle = checkFilesHandler({ settings, kb }, (reply) => replies.push(reply));
    handle({ type: 'workspace', entries });
    // Not a path: reading it is a defect of the caller, as a defect of the tool would be.
    handle({ type: 'check', first: 7, files: [files[7], files[8], 42 as unknown as SentPath, files[9]] });
    assert.equal(replies.length, 2);
    assert.deepEqual(replies[0], { type: 'checked', first: 7, outcomes: expected.slice(7, 9) });
    assert.equal(replies[1].type, 'failed');
  });
});
