// V8's code cache of the published bundles (server/src/node/code-cache.ts): written after a first run, used by the next, refused when damaged or foreign with the same result, and never kept in a folder others can write.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { BESIDE_BUNDLE, bundleDigest, bundleOf, cacheFileName, CODE_CACHE_ENV, isSafeCacheFolder, readCacheFile, writeCacheFile } from '../../server/src/node/code-cache';
import { REPO_ROOT } from '../support/paths';

const CODE_CACHE_MODULE = path.join(REPO_ROOT, 'out', 'server', 'src', 'node', 'code-cache.js');

/** A bundle with some work in it, and what running it prints: its result, whether it saw itself as main, what it required. */
const BUNDLE = `'use strict';
const path = require('node:path');
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
exports.answer = () => [fib(20), path.basename(__filename), require.main === module].join(' ');
${Array.from({ length: 200 }, (_, i) => `exports.f${i} = (x) => x * ${i} + fib(${i % 10});`).join('\n')}
`;

/**
 * Runs `entry.js` (which loads bundle.bundle.js through the code cache, as dist/server.js does) in a
 * fresh Node process, calls the checkpoint a first check would, and prints the load's outcome and
 * the bundle's answer once the cache is written.
 */
const ENTRY = `'use strict';
const { bundleOf, loadBundle, codeCacheCheckpoint } = require(${JSON.stringify(CODE_CACHE_MODULE)});
const state = loadBundle(bundleOf(__filename), module, require.main);
const answer = module.exports.answer();
codeCacheCheckpoint();
setImmediate(() => process.stdout.write(JSON.stringify({ outcome: state.outcome, saved: state.saved, answer })));
`;

interface Run {
  outcome: string;
  saved: boolean;
  answer: string;
}

describe('code cache of the bundles', () => {
  let dir: string;
  let dist: string;
  let cacheDir: string;
  const run = (env: NodeJS.ProcessEnv = { [CODE_CACHE_ENV]: cacheDir }): Run =>
    JSON.parse(execFileSync(process.execPath, [path.join(dist, 'entry.js')], { env: { ...process.env, ...env }, encoding: 'utf8' })) as Run;
  const cacheFile = (): string => path.join(cacheDir, cacheFileName(path.join(dist, 'entry.bundle.js')));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-code-cache-'));
    dist = path.join(dir, 'dist');
    fs.mkdirSync(dist, { mode: 0o755 });
    fs.writeFileSync(path.join(dist, 'entry.js'), ENTRY);
    fs.writeFileSync(path.join(dist, 'entry.bundle.js'), BUNDLE);
    cacheDir = path.join(dir, 'storage', 'code-cache');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is named by the extension under the variable the server reads', () => {
    // The client talks to the server only over LSP and imports none of its code: the name is written on both sides.
    const client = fs.readFileSync(path.join(REPO_ROOT, 'client', 'src', 'server-options.ts'), 'utf8');
    assert.match(client, new RegExp(`export const CODE_CACHE_ENV = '${CODE_CACHE_ENV}';`));
  });

  it('names the bundle an entry stands for', () => {
    assert.equal(bundleOf(path.join('dist', 'server.js')), path.join('dist', 'server.bundle.js'));
    assert.equal(bundleOf(path.join('dist', 'check-worker.js')), path.join('dist', 'check-worker.bundle.js'));
  });

  it('is written by a first run, in a folder only the user can read, and used by the next run', () => {
    const first = run();
    assert.deepEqual(first, { outcome: 'none', saved: true, answer: '6765 entry.bundle.js true' });
    assert.ok(fs.existsSync(cacheFile()));
    assert.equal(fs.statSync(cacheDir).mode & 0o077, 0, 'the folder is the user’s alone');
    const written = fs.statSync(cacheFile()).mtimeMs;
    assert.deepEqual(run(), { outcome: 'accepted', saved: false, answer: first.answer });
    assert.equal(fs.statSync(cacheFile()).mtimeMs, written, 'a cache V8 accepted is not written again');
  });

  it('is refused when damaged, the bundle runs the same, and a sound cache replaces it', () => {
    const first = run();
    const data = fs.readFileSync(cacheFile());
    data[data.length - 100] ^= 0xff;
    fs.writeFileSync(cacheFile(), data);
    assert.deepEqual(run(), { outcome: 'invalid', saved: true, answer: first.answer });
    assert.equal(run().outcome, 'accepted');
    // Cut short, or not a cache at all.
    fs.writeFileSync(cacheFile(), data.subarray(0, 40));
    assert.deepEqual(run(), { outcome: 'invalid', saved: true, answer: first.answer });
    fs.writeFileSync(cacheFile(), 'not a cache');
    assert.deepEqual(run(), { outcome: 'invalid', saved: true, answer: first.answer });
  });

  it('is refused when V8 finds it foreign (made from other code, or by another V8), and rebuilt', () => {
    const first = run();
    // A whole, well-formed file whose data V8 made for another script: what a cache from another
    // Node looks like to this one (V8 checks its version, flags and source).
    const other = fs.readFileSync(path.join(dist, 'entry.bundle.js'), 'utf8').replace('fib(20)', 'fib(21)');
    const foreign = new vm.Script(Module.wrap(`${other}\n// another bundle`)).createCachedData();
    writeCacheFile(cacheFile(), bundleDigest(fs.readFileSync(path.join(dist, 'entry.bundle.js'))), foreign);
    assert.deepEqual(run(), { outcome: 'rejected', saved: true, answer: first.answer });
    assert.equal(run().outcome, 'accepted');
  });

  it('is not used once the bundle changed', () => {
    run();
    fs.writeFileSync(path.join(dist, 'entry.bundle.js'), BUNDLE.replace('fib(20)', 'fib(19)'));
    assert.deepEqual(run(), { outcome: 'invalid', saved: true, answer: '4181 entry.bundle.js true' });
    assert.equal(readCacheFile(cacheFile(), bundleDigest(Buffer.from(BUNDLE))), undefined, 'the new cache is of the new bundle');
  });

  it('is never written where others can write, and can be turned off', () => {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.chmodSync(cacheDir, 0o777);
    assert.equal(isSafeCacheFolder(cacheDir), false);
    assert.deepEqual(run(), { outcome: 'unsafe', saved: false, answer: '6765 entry.bundle.js true' });
    assert.deepEqual(fs.readdirSync(cacheDir), []);
    // A cache planted there by someone else is not read either.
    fs.chmodSync(cacheDir, 0o700);
    run();
    fs.chmodSync(cacheDir, 0o777);
    assert.equal(run().outcome, 'unsafe');
    assert.deepEqual(run({ [CODE_CACHE_ENV]: 'off' }), { outcome: 'off', saved: false, answer: '6765 entry.bundle.js true' });
  });

  it('is kept beside the bundle when no folder is named and the bundle’s folder is the user’s alone', () => {
    const beside = path.join(dist, BESIDE_BUNDLE);
    assert.equal(run({ [CODE_CACHE_ENV]: '' }).outcome, 'none');
    assert.equal(run({ [CODE_CACHE_ENV]: '' }).outcome, 'accepted');
    assert.equal(fs.readdirSync(beside).length, 1);
    // A bundle in a folder others can write (a shared install) gets no cache beside it.
    fs.rmSync(beside, { recursive: true });
    fs.chmodSync(dist, 0o777);
    assert.equal(run({ [CODE_CACHE_ENV]: '' }).outcome, 'unsafe');
    assert.ok(!fs.existsSync(beside));
  });
});
