// The server's heap-sizing flags set back to V8's defaults once the main thread's heap is made (server/src/node/v8-flags.ts): V8 then takes code compiled under its default flags, as Node's own modules are, and the check worker and the main thread keep the heaps the flags gave them.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { checkWorkerOptions, CHECK_WORKER_HEAP_MB } from '../../server/src/node/early-worker';
import { heapFlagsOf } from '../../server/src/node/v8-flags';
import { REPO_ROOT } from '../support/paths';

/** The client's Node options for the server, as built (the tests read the client's output). */
const { SERVER_EXEC_ARGV } = require(path.join(REPO_ROOT, 'out', 'client', 'src', 'server-options.js')) as { SERVER_EXEC_ARGV: readonly string[] };

const NODE_DIR = path.join(__dirname, '..', '..', 'server', 'src', 'node');

/** Two scripts, each compiled under V8's default flags in a process of its own, with the code cache V8 made of it. */
const SOURCES = ['(function first(a) { return a.map((x) => x * 2).join(","); })', '(function second(b) { return Object.keys(b).sort().join(";"); })'];

function defaultFlagCaches(): string[] {
  const program = `const vm = require('node:vm'); process.stdout.write(JSON.stringify(${JSON.stringify(SOURCES)}.map((s) => { const script = new vm.Script(s); script.runInThisContext(); return script.createCachedData().toString('base64'); })));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', program], { encoding: 'utf8' })) as string[];
}

interface Observed {
  /** Whether V8 refused a code cache made under its default flags, before the flags were set back and after. */
  rejectedBefore: boolean;
  rejectedAfter: boolean;
  /** The main thread's heap limit before and after, and a check worker's (started with checkWorkerOptions) before and after. */
  mainBefore: number;
  mainAfter: number;
  workerBefore: number;
  workerAfter: number;
}

/**
 * Runs, in a process started with `execArgv`, a check worker, then restoreDefaultHeapFlags, then a
 * check worker again; `withoutBinding`: as where Node's binding of V8 is not offered.
 */
function observe(execArgv: readonly string[], caches: readonly string[], withoutBinding = false): Observed {
  const program = `
const vm = require('node:vm');
const v8 = require('node:v8');
const { Worker } = require('node:worker_threads');
const { restoreDefaultHeapFlags } = require(${JSON.stringify(path.join(NODE_DIR, 'v8-flags.js'))});
const { checkWorkerOptions } = require(${JSON.stringify(path.join(NODE_DIR, 'early-worker.js'))});
const sources = ${JSON.stringify(SOURCES)};
const caches = ${JSON.stringify(caches)};
const rejected = (i) => new vm.Script(sources[i], { cachedData: Buffer.from(caches[i], 'base64') }).cachedDataRejected;
const workerLimit = () => new Promise((resolve, reject) => {
  const options = checkWorkerOptions(new Int32Array(new SharedArrayBuffer(64)), []);
  const worker = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)", { ...options, eval: true });
  worker.once('message', (limit) => { void worker.terminate(); resolve(limit); });
  worker.once('error', reject);
});
(async () => {
  const out = { rejectedBefore: rejected(0), mainBefore: v8.getHeapStatistics().heap_size_limit, workerBefore: await workerLimit() };
  restoreDefaultHeapFlags(undefined, ${withoutBinding ? '() => undefined' : 'undefined'});
  Object.assign(out, { rejectedAfter: rejected(1), mainAfter: v8.getHeapStatistics().heap_size_limit, workerAfter: await workerLimit() });
  process.stdout.write(JSON.stringify(out));
})();
`;
  return JSON.parse(execFileSync(process.execPath, [...execArgv, '-e', program], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })) as Observed;
}

describe('V8 flags: the heap-sizing flags set back to the defaults', () => {
  it('reads the heap-sizing flags of a command line, in either spelling, and nothing else', () => {
    assert.deepEqual(heapFlagsOf(SERVER_EXEC_ARGV), { semiSpaceMb: 2, oldSpaceMb: 2000 });
    assert.deepEqual(heapFlagsOf(['--max_semi_space_size=4', '--max-old-space-size', '512', '--expose-gc']), { semiSpaceMb: 4, oldSpaceMb: 512 });
    assert.deepEqual(heapFlagsOf(['--max-semi-space-size=x', '--max-semi-space-size-extra=3', '--max-new-space-size=8', '--stack-size=900']), {});
    assert.deepEqual(heapFlagsOf([]), {});
  });

  it('gives the check worker the young generation of the semi-spaces on the command line, set or not', () => {
    const shared = new Int32Array(4);
    assert.deepEqual(checkWorkerOptions(shared, [], 100, SERVER_EXEC_ARGV).resourceLimits, { maxOldGenerationSizeMb: 100, maxYoungGenerationSizeMb: 6 });
    assert.deepEqual(checkWorkerOptions(shared, [], undefined, ['--max-semi-space-size=16']).resourceLimits, { maxOldGenerationSizeMb: CHECK_WORKER_HEAP_MB, maxYoungGenerationSizeMb: 48 });
    assert.deepEqual(checkWorkerOptions(shared, [], undefined, []).resourceLimits, { maxOldGenerationSizeMb: CHECK_WORKER_HEAP_MB });
  });

  it("under the extension's options, takes code compiled under V8's defaults once set back, and keeps both threads' heaps", function () {
    this.timeout(60_000);
    const caches = defaultFlagCaches();
    const seen = observe(SERVER_EXEC_ARGV, caches);
    // What the test stands on: with the flags set, V8 refuses code made under its defaults (as it
    // does Node's own modules'); once they are set back, it takes it.
    assert.equal(seen.rejectedBefore, true);
    assert.equal(seen.rejectedAfter, false);
    // The main thread's heap was made before; a worker started after has the same heap as one started before.
    assert.equal(seen.mainAfter, seen.mainBefore);
    assert.equal(seen.workerAfter, seen.workerBefore);
  });

  it('sets them back through node:v8 where Node offers no binding of V8', function () {
    this.timeout(60_000);
    const seen = observe(SERVER_EXEC_ARGV, defaultFlagCaches(), true);
    assert.deepEqual([seen.rejectedBefore, seen.rejectedAfter], [true, false]);
    assert.equal(seen.mainAfter, seen.mainBefore);
    assert.equal(seen.workerAfter, seen.workerBefore);
  });

  it("loads none of Node's modules to set them back, and says nothing, even with deprecations made errors", function () {
    this.timeout(60_000);
    // Loading node:v8 would load Node's streams while the flags are still set: compiled from their source.
    const program = `
const loaded = () => process.moduleLoadList.filter((m) => m.startsWith('NativeModule '));
const { restoreDefaultHeapFlags } = require(${JSON.stringify(path.join(NODE_DIR, 'v8-flags.js'))});
const warnings = [];
process.on('warning', (w) => warnings.push(w.name + ': ' + w.message));
const before = loaded();
restoreDefaultHeapFlags();
const after = loaded();
setImmediate(() => process.stdout.write(JSON.stringify({ added: after.filter((m) => !before.includes(m)), warnings, noDeprecation: process.noDeprecation ?? null })));
`;
    for (const extra of [[], ['--pending-deprecation', '--throw-deprecation']]) {
      const r = spawnSync(process.execPath, [...SERVER_EXEC_ARGV, ...extra, '-e', program], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.deepEqual(JSON.parse(r.stdout), { added: [], warnings: [], noDeprecation: null });
    }
  });

  it('changes nothing in a process started without them', function () {
    this.timeout(60_000);
    const seen = observe([], defaultFlagCaches());
    assert.deepEqual([seen.rejectedBefore, seen.rejectedAfter], [false, false]);
    assert.equal(seen.workerAfter, seen.workerBefore);
  });
});
