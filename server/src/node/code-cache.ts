// Loads a bundle (the server's, the check worker's) through V8's code cache, so that a start after the first compiles little: the cache is checked before use, kept only in a folder of the user's own, and rebuilt when the bundle, Node or its options change.

import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import type Module from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { fileIdentity, isSettled } from './file-identity';

/**
 * The environment variable that names the folder of the cache (the client passes the extension's
 * global storage), or `off` to load without one. Unset: a folder beside the bundle, when it is the
 * user's own.
 */
export const CODE_CACHE_ENV = 'PLAN43_CODE_CACHE';

/** The folder beside the bundles used when the environment names none. */
export const BESIDE_BUNDLE = 'code-cache';

/** The bundled code an entry (dist/server.js) stands for: its own name with `.bundle` before `.js`. */
export function bundleOf(entryFile: string): string {
  return entryFile.replace(/\.js$/, '.bundle.js');
}

/**
 * First bytes of a cache file; bumped when the layout changes (2: the bundle known by its build
 * stamp; 3: the bundle's key written out, a line, instead of its SHA-256). Then the key of the bundle
 * (see bundleDigest) and a line end, the SHA-256 of the data, the data.
 */
const MAGIC = Buffer.from('plan43-code-cache-3\n', 'latin1');
const DIGEST_BYTES = 32;
const LINE_END = 0x0a;

/** A start where no check has run by then still leaves a cache (of the code loading ran), this long after the bundle was loaded. */
const SAVE_ANYWAY_MS = 20_000;

/**
 * The bundle as a function of the CommonJS module's variables. Not in parentheses (as Module.wrap
 * writes it): V8 compiles a parenthesized function and what it holds at once, which kept about
 * 2 MB more of the server's code compiled than `require` does.
 */
function wrap(source: string): string {
  return `void 0, function (exports, require, module, __filename, __dirname) {${source}\n}`;
}

/** What the loading of one bundle did, for the tests and the benchmark. */
export interface CodeCacheState {
  /** The cache file, or undefined when no safe folder was found or the cache is off. */
  file: string | undefined;
  /** `accepted`: V8 used the cache; `rejected`: V8 refused it (another Node, other options); otherwise why none was used. */
  outcome: 'accepted' | 'rejected' | 'none' | 'invalid' | 'off' | 'unsafe';
  /** Whether a new cache was written. */
  saved: boolean;
}

/** The key of the code cache in the global object: the loader's checkpoint, called by the bundle it loaded. */
const CHECKPOINT = Symbol.for('plan43.codeCache.checkpoint');

/**
 * The SHA-256 of `data`, Node's `crypto` loaded on first use: a warm start digests nothing (the
 * bundle known by its stamp, the cache's data by its recorded identity), and loading `crypto`'s
 * twenty modules cost each thread of the server about 13 M instructions before its first answer.
 */
export function sha256(data: string | Buffer): Buffer {
  return (require('node:crypto') as typeof Crypto).createHash('sha256').update(data).digest();
}

/**
 * A name for `text` in 16 hexadecimal digits (64-bit FNV-1a of its UTF-8), for file names that only
 * keep apart what differs: what the file holds is checked on its own, so two texts of one name only
 * cost a rebuild, and no `crypto` is loaded for it.
 */
export function nameDigest(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

/**
 * Whether a folder may hold code this process will run: it is the user's own and nobody else can
 * write in it (a cache someone else can write is code someone else chooses). On Windows, where
 * modes say nothing of this, the folder must exist.
 */
export function isSafeCacheFolder(dir: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return false;
  }
  if (!stat.isDirectory()) return false;
  if (typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

/** The folder of the cache of a bundle in `bundleDir`, made if needed; undefined when the cache is off or no safe folder can be had. */
export function cacheFolder(bundleDir: string, env: NodeJS.ProcessEnv = process.env): { dir: string | undefined; off: boolean } {
  const named = env[CODE_CACHE_ENV];
  if (named === 'off') return { dir: undefined, off: true };
  // The bundle's folder must be the user's too: a cache beside a bundle installed by another user (a global npm install by root) is not written.
  const dir = named ? path.resolve(named) : isSafeCacheFolder(bundleDir) ? path.join(bundleDir, BESIDE_BUNDLE) : undefined;
  if (!dir) return { dir: undefined, off: false };
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return { dir: undefined, off: false };
  }
  return { dir: isSafeCacheFolder(dir) ? dir : undefined, off: false };
}

/**
 * The cache file of a bundle for this Node: V8 accepts a cache only from the same V8, with the same
 * flags, so each Node (VS Code's, the system's) and set of options has its own file.
 */
export function cacheFileName(bundleFile: string): string {
  // V8 checks its version and flags itself (it refuses a cache of others): the name only keeps each flavour's file apart.
  const flavour = nameDigest([process.version, process.versions.v8, process.arch, process.platform, ...process.execArgv].join('\n'));
  return `${path.basename(bundleFile, '.js')}.${flavour}.cache`;
}

/**
 * The line the bundle script (scripts/bundle.js) ends a bundle with: the SHA-256 of the code before
 * it, made when the bundle was built, so that no start has to digest the 1.5 MB of the bundle.
 */
export const BUNDLE_STAMP = '\n//# plan43-bundle-sha256=';
const STAMP_HEX = 64;

/** The build stamp at the end of a bundle, or undefined when it has none. */
export function bundleStamp(bundle: Buffer): string | undefined {
  // The last line, and nothing after it but a line end.
  const tail = bundle.toString('latin1', Math.max(0, bundle.length - BUNDLE_STAMP.length - STAMP_HEX - 2));
  const at = tail.lastIndexOf(BUNDLE_STAMP);
  if (at < 0) return undefined;
  const stamp = tail.slice(at + BUNDLE_STAMP.length).replace(/\r?\n$/, '');
  return new RegExp(`^[0-9a-f]{${STAMP_HEX}}$`).test(stamp) ? stamp : undefined;
}

/**
 * The key a cache file records of the bundle it was made from (one line of ASCII), `bundle` being
 * the bytes read from the file whose `stat` was taken before they were read. V8 checks only the
 * length of the source a cache was made from (and takes a cache of another script of the same
 * length), so this must tell bundles apart: a stamped bundle by its stamp (another build) with its
 * size, modification time and inode (an edit after the build), written out as they are (what
 * layout 2 recorded the SHA-256 of, so no weaker, and no digest to make at a start); a bundle
 * without a stamp by the SHA-256 of its bytes.
 */
export function bundleDigest(bundle: Buffer, stat: fs.Stats): Buffer {
  const stamp = bundleStamp(bundle);
  const key = stamp ? `stamp ${stamp} ${bundle.length} ${stat.size} ${stat.mtimeMs} ${stat.ino}` : `sha256 ${sha256(bundle).toString('hex')}`;
  return Buffer.from(key, 'latin1');
}

/** A bundle's bytes and status, the status taken before the bytes are read so that a change while reading shows as another bundle (see bundleDigest). */
export function readBundle(bundleFile: string): { bytes: Buffer; stat: fs.Stats } {
  const fd = fs.openSync(bundleFile, 'r');
  try {
    const stat = fs.fstatSync(fd);
    return { bytes: fs.readFileSync(fd), stat };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The file beside a cache file recording the cache file's identity on disk (see fileIdentity) once
 * its data was found whole: while the cache file keeps that identity it holds those bytes, and a
 * start need not digest its data again (about 27 M instructions for the server's, 20 M for the
 * check worker's, at every start).
 */
export function verifiedFileOf(file: string): string {
  return `${file}.verified`;
}

/**
 * The cached data in a cache file when it was made from the bundle of this digest and is whole;
 * undefined otherwise. `now`: the time of the read (the tests read as if later).
 */
export function readCacheFile(file: string, digest: Buffer, now: number = Date.now()): Buffer | undefined {
  let data: Buffer;
  let stat: fs.Stats;
  try {
    // The status before the bytes: a write while they are read gives the file later times than those recorded.
    const fd = fs.openSync(file, 'r');
    try {
      stat = fs.fstatSync(fd);
      data = fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const keyEnd = MAGIC.length + digest.length;
  const headerBytes = keyEnd + 1 + DIGEST_BYTES;
  if (data.length <= headerBytes || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (!data.subarray(MAGIC.length, keyEnd).equals(digest) || data[keyEnd] !== LINE_END) return undefined;
  const dataDigest = data.subarray(keyEnd + 1, headerBytes);
  const cached = data.subarray(headerBytes);
  // V8 checks the version, the flags and the source's length but not every byte (Node 20 takes a
  // cache with a byte of its data changed): a torn or altered file is refused here, by the digest
  // of its data, or by its identity when a read since it was last written found the data whole.
  const verified = `${fileIdentity(stat)}:${dataDigest.toString('hex')}`;
  let recorded: string | undefined;
  try {
    recorded = fs.readFileSync(verifiedFileOf(file), 'latin1');
  } catch {
    recorded = undefined;
  }
  if (recorded === verified) return cached;
  if (!dataDigest.equals(sha256(cached))) return undefined;
  if (isSettled(stat, now)) writeWhole(verifiedFileOf(file), verified);
  return cached;
}

/**
 * Writes a file of the cache's folder whole or not at all (a reader never sees half of one, and
 * two threads writing it at once leave one or the other), readable by the user alone.
 */
export function writeWhole(file: string, data: string | Buffer): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    fs.rmSync(temp, { force: true });
  }
}

/** Writes a cache file whole or not at all. */
export function writeCacheFile(file: string, digest: Buffer, cached: Buffer): void {
  writeWhole(file, Buffer.concat([MAGIC, digest, Buffer.of(LINE_END), sha256(cached), cached]));
}

/**
 * Runs a CommonJS bundle as `entry` would run it: `entry.exports` become the bundle's, and when
 * `entry` is the main module (`main`, the entry's `require.main`) the bundle sees itself as main.
 * Compiled with the code cache of its folder (see cacheFolder).
 * A missing, foreign or damaged cache only makes the start slower: the bundle is compiled from its
 * source and a new cache is written after its first check (see codeCacheCheckpoint), or a while
 * after loading when none comes, or when the process ends before.
 */
export function loadBundle(bundleFile: string, entry: NodeModule, main: NodeModule | undefined, env: NodeJS.ProcessEnv = process.env): CodeCacheState {
  const { bytes, stat } = readBundle(bundleFile);
  const source = bytes.toString('utf8');
  const folder = cacheFolder(path.dirname(bundleFile), env);
  const file = folder.dir ? path.join(folder.dir, cacheFileName(bundleFile)) : undefined;
  const digest = file ? bundleDigest(bytes, stat) : undefined;
  const cachedData = file && digest ? readCacheFile(file, digest) : undefined;
  const state: CodeCacheState = { file, outcome: folder.off ? 'off' : !file ? 'unsafe' : 'none', saved: false };
  if (file && !cachedData && fs.existsSync(file)) state.outcome = 'invalid';

  const script = new vm.Script(wrap(source), { filename: bundleFile, ...(cachedData ? { cachedData } : {}) });
  if (cachedData) state.outcome = script.cachedDataRejected ? 'rejected' : 'accepted';

  // Node's class of CommonJS modules, taken from the entry rather than from `node:module`, whose
  // loading brings the ES module loader and the source maps (four of Node's modules, about 4.6 M
  // instructions in each thread that loads a bundle).
  const ModuleClass = entry.constructor as typeof Module;
  const bundle = new ModuleClass(bundleFile, entry);
  bundle.filename = bundleFile;
  // The bundle's own requires (Node's modules, ./word.js, ./ajv.js) resolve from its folder.
  const require = ModuleClass.createRequire(bundleFile);
  // The bundle runs its own start (`require.main === module`) when its loader is the main module.
  require.main = main === entry ? bundle : main;

  if (file && digest && state.outcome !== 'accepted') {
    let done = false;
    const save = (): void => {
      if (done) return;
      done = true;
      delete (globalThis as Record<symbol, unknown>)[CHECKPOINT];
      clearTimeout(timer);
      process.off('exit', save);
      writeCacheFile(file, digest, script.createCachedData());
      state.saved = true;
    };
    // After the first check the cache holds the code of the check too, which V8 compiles only when it first runs.
    (globalThis as Record<symbol, unknown>)[CHECKPOINT] = (): void => void setImmediate(save).unref();
    const timer = setTimeout(save, SAVE_ANYWAY_MS);
    timer.unref();
    // A short run (`plan43 check` on a few files) leaves its cache when it ends.
    process.once('exit', save);
  }

  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeModule, filename: string, dirname: string) => void;
  wrapper.call(bundle.exports, bundle.exports, require, bundle, bundleFile, path.dirname(bundleFile));
  bundle.loaded = true;
  entry.exports = bundle.exports;
  return state;
}

/**
 * Called by the server and the check worker once their first check is done: the loader then
 * writes the code cache, if it has to, now that the check's code is compiled. Nothing when the
 * code was not loaded through loadBundle (the tsc output, the tests).
 */
export function codeCacheCheckpoint(): void {
  const checkpoint = (globalThis as Record<symbol, unknown>)[CHECKPOINT];
  if (typeof checkpoint === 'function') (checkpoint as () => void)();
}
