// V8's code cache of the published bundles (server/src/node/code-cache.ts): written after a first run, used by the next, refused when damaged or foreign with the same result, and never kept in a folder others can write.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createHash } from 'node:crypto';
import { BESIDE_BUNDLE, BUNDLE_STAMP, bundleDigest, bundleOf, bundleStamp, cacheFileName, CODE_CACHE_ENV, isSafeCacheFolder, readBundle, readCacheFile, verifiedFileOf, writeCacheFile } from '../../server/src/node/code-cache';
import { fileIdentity, SETTLED_MS } from '../../server/src/node/file-identity';
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

/** The digest the loader records of a bundle file as it is now. */
function digestOf(file: string): Buffer {
  const { bytes, stat } = readBundle(file);
  return bundleDigest(bytes, stat);
}

/** A bundle as scripts/bundle.js writes a code-cached one: its code, then a line with the SHA-256 of that code. */
function stampedBundle(code: string, stamp = createHash('sha256').update(code).digest('hex')): string {
  return `${code}${BUNDLE_STAMP}${stamp}\n`;
}

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
    writeCacheFile(cacheFile(), digestOf(path.join(dist, 'entry.bundle.js')), foreign);
    assert.deepEqual(run(), { outcome: 'rejected', saved: true, answer: first.answer });
    assert.equal(run().outcome, 'accepted');
  });

  describe('its data known by the file\'s identity once found whole', () => {
    /** A read as if made once the cache file's times have settled. */
    const later = (): number => Date.now() + 2 * SETTLED_MS;
    const digest = (): Buffer => digestOf(path.join(dist, 'entry.bundle.js'));
    /** The header's digest of the data: after the magic line and the bundle's key line. */
    const dataDigestAt = (): number => 'plan43-code-cache-3\n'.length + digest().length + 1;
    /** Until the file system's clock has passed the cache file's change time, so that a write shows in it. */
    const waitForClock = (): void => {
      const ctime = fs.statSync(cacheFile(), { bigint: true }).ctimeNs;
      for (;;) {
        fs.writeFileSync(path.join(dir, 'clock'), '');
        if (fs.statSync(path.join(dir, 'clock'), { bigint: true }).ctimeNs > ctime) return;
      }
    };

    it('a read once the file has settled records it; a later read takes the data without digesting it', () => {
      run();
      assert.ok(readCacheFile(cacheFile(), digest(), Date.now()));
      assert.ok(!fs.existsSync(verifiedFileOf(cacheFile())), 'a file just written is not recorded');
      const whole = readCacheFile(cacheFile(), digest(), later());
      assert.ok(whole);
      assert.equal(fs.readFileSync(verifiedFileOf(cacheFile()), 'latin1').split(':').slice(0, -1).join(':'), fileIdentity(fs.statSync(cacheFile())));
      // The header's digest of the data made wrong, and the file so changed recorded as found whole:
      // the data is taken, so it was not digested; without the record it is refused.
      const data = fs.readFileSync(cacheFile());
      data.fill(0, dataDigestAt(), dataDigestAt() + 32);
      fs.writeFileSync(cacheFile(), data);
      assert.equal(readCacheFile(cacheFile(), digest(), later()), undefined);
      fs.writeFileSync(verifiedFileOf(cacheFile()), `${fileIdentity(fs.statSync(cacheFile()))}:${'00'.repeat(32)}`);
      assert.deepEqual(readCacheFile(cacheFile(), digest(), later()), whole);
    });

    it('a file damaged after it was recorded (same size, modification time set back) is digested again and refused', () => {
      const first = run();
      fs.utimesSync(cacheFile(), 1_700_000_000, 1_700_000_000);
      assert.ok(readCacheFile(cacheFile(), digest(), later()));
      const recorded = fs.readFileSync(verifiedFileOf(cacheFile()), 'latin1');
      const before = fs.statSync(cacheFile(), { bigint: true });
      waitForClock();
      const data = fs.readFileSync(cacheFile());
      data[data.length - 100] ^= 0xff;
      fs.writeFileSync(cacheFile(), data);
      fs.utimesSync(cacheFile(), 1_700_000_000, 1_700_000_000);
      const after = fs.statSync(cacheFile(), { bigint: true });
      assert.deepEqual([after.ino, after.size, after.mtimeNs], [before.ino, before.size, before.mtimeNs], 'the same inode, size and modification time');
      assert.equal(fs.readFileSync(verifiedFileOf(cacheFile()), 'latin1'), recorded);
      assert.equal(readCacheFile(cacheFile(), digest(), later()), undefined);
      assert.deepEqual(run(), { outcome: 'invalid', saved: true, answer: first.answer });
    });

    it('a record of another file, or a damaged one, is not taken', () => {
      run();
      assert.ok(readCacheFile(cacheFile(), digest(), later()));
      const recorded = fs.readFileSync(verifiedFileOf(cacheFile()), 'latin1');
      // The same bytes as another file (another inode), then damaged in place.
      const data = fs.readFileSync(cacheFile());
      fs.rmSync(cacheFile());
      data[data.length - 100] ^= 0xff;
      fs.writeFileSync(cacheFile(), data);
      assert.equal(fs.readFileSync(verifiedFileOf(cacheFile()), 'latin1'), recorded);
      assert.equal(readCacheFile(cacheFile(), digest(), later()), undefined);
      fs.writeFileSync(verifiedFileOf(cacheFile()), 'not a record');
      assert.equal(readCacheFile(cacheFile(), digest(), later()), undefined);
    });
  });

  it('is not used once the bundle changed', () => {
    run();
    fs.writeFileSync(path.join(dist, 'entry.bundle.js'), BUNDLE.replace('fib(20)', 'fib(19)'));
    assert.deepEqual(run(), { outcome: 'invalid', saved: true, answer: '4181 entry.bundle.js true' });
    fs.writeFileSync(path.join(dist, 'old.bundle.js'), BUNDLE);
    assert.equal(readCacheFile(cacheFile(), digestOf(path.join(dist, 'old.bundle.js'))), undefined, 'the new cache is of the new bundle');
  });

  it('knows a stamped bundle by its stamp, size and time: another build or an edit after the build is another bundle, even of the same length', () => {
    const bundleFile = path.join(dist, 'entry.bundle.js');
    const built = new Date(Date.now() - 3_600_000);
    const write = (code: string, mtime?: Date): void => {
      fs.writeFileSync(bundleFile, code);
      if (mtime) fs.utimesSync(bundleFile, mtime, mtime);
    };
    write(stampedBundle(BUNDLE), built);
    assert.equal(bundleStamp(fs.readFileSync(bundleFile)), createHash('sha256').update(BUNDLE).digest('hex'));
    const first = run();
    assert.deepEqual(first, { outcome: 'none', saved: true, answer: '6765 entry.bundle.js true' });
    assert.equal(run().outcome, 'accepted');
    // The same length, the stamp left as it was: V8 itself would take the cache of the old code for this source.
    const edited = stampedBundle(BUNDLE.replace('fib(20)', 'fib(19)'), bundleStamp(fs.readFileSync(bundleFile)));
    assert.equal(edited.length, fs.statSync(bundleFile).size);
    const old = readCacheFile(cacheFile(), digestOf(bundleFile))!;
    assert.equal(new vm.Script(`void 0, function (exports, require, module, __filename, __dirname) {${edited}\n}`, { filename: bundleFile, cachedData: old }).cachedDataRejected, false, 'V8 checks only the length of the source');
    write(edited);
    assert.deepEqual(run(), { outcome: 'invalid', saved: true, answer: '4181 entry.bundle.js true' });
    assert.equal(run().outcome, 'accepted');
    // Another build (another stamp) of the same length and time.
    const mtime = fs.statSync(bundleFile).mtime;
    write(stampedBundle(BUNDLE.replace('fib(20)', 'fib(18)')), mtime);
    assert.deepEqual(run(), { outcome: 'invalid', saved: true, answer: '2584 entry.bundle.js true' });
    // A stamp that is not the last line is no stamp: the bundle is known by its digest.
    assert.equal(bundleStamp(Buffer.from(`${stampedBundle(BUNDLE)}exports.more = 1;\n`)), undefined);
    assert.equal(bundleStamp(Buffer.from(BUNDLE)), undefined);
  });

  it('knows a stamped bundle by its key written out: a key that only begins or ends like the bundle\'s is another bundle', () => {
    const bundleFile = path.join(dist, 'entry.bundle.js');
    fs.writeFileSync(bundleFile, stampedBundle(BUNDLE));
    run();
    const key = digestOf(bundleFile);
    const { stat } = readBundle(bundleFile);
    assert.equal(key.toString('latin1'), `stamp ${bundleStamp(fs.readFileSync(bundleFile))} ${stat.size} ${stat.size} ${stat.mtimeMs} ${stat.ino}`);
    const cached = readCacheFile(cacheFile(), key)!;
    assert.ok(cached);
    // Another inode of the same length (its last digit changed), and the inode 12 is not the inode 123, nor the reverse.
    const other = Buffer.from(key);
    other[other.length - 1] ^= 1;
    writeCacheFile(cacheFile(), other, cached);
    assert.equal(readCacheFile(cacheFile(), key), undefined);
    writeCacheFile(cacheFile(), Buffer.concat([key, Buffer.from('4')]), cached);
    assert.equal(readCacheFile(cacheFile(), key), undefined);
    writeCacheFile(cacheFile(), key.subarray(0, key.length - 1), cached);
    assert.equal(readCacheFile(cacheFile(), key), undefined);
    writeCacheFile(cacheFile(), key, cached);
    assert.deepEqual(readCacheFile(cacheFile(), key), cached);
  });

  it('a warm start of a stamped bundle, its cache known whole, loads neither `crypto` nor `module` (the ES module loader with it)', () => {
    const bundleFile = path.join(dist, 'entry.bundle.js');
    fs.writeFileSync(bundleFile, stampedBundle(BUNDLE));
    // The same loader as entry.js, printing what Node loaded.
    fs.writeFileSync(
      path.join(dist, 'probe.js'),
      `'use strict';
const { loadBundle } = require(${JSON.stringify(CODE_CACHE_MODULE)});
const state = loadBundle(${JSON.stringify(bundleFile)}, module, require.main);
process.stdout.write(JSON.stringify({ outcome: state.outcome, crypto: process.moduleLoadList.includes('NativeModule crypto'), module: process.moduleLoadList.includes('NativeModule module') }));
`,
    );
    const probe = (): { outcome: string; crypto: boolean; module: boolean } =>
      JSON.parse(execFileSync(process.execPath, [path.join(dist, 'probe.js')], { env: { ...process.env, [CODE_CACHE_ENV]: cacheDir }, encoding: 'utf8' })) as { outcome: string; crypto: boolean; module: boolean };
    run();
    // Not yet known whole (just written): its data is digested.
    assert.deepEqual(probe(), { outcome: 'accepted', crypto: true, module: false });
    assert.ok(readCacheFile(cacheFile(), digestOf(bundleFile), Date.now() + 2 * SETTLED_MS));
    assert.deepEqual(probe(), { outcome: 'accepted', crypto: false, module: false });
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
