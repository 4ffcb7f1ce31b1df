// What can be measured of the extension without VS Code: the bundled client's module load time (with a stand-in `vscode` module), and the package size.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Summary, summarize } from './stats';

/**
 * Loads a CommonJS module in a fresh Node process where `require('vscode')` returns a stand-in
 * (any property is a callable, constructible stand-in), and prints how long the require took.
 * Only loading is measured: activate() needs the real VS Code API.
 */
const LOADER = `
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const stub = () => new Proxy(function () {}, {
  get: (target, key) => (typeof key === 'symbol' ? undefined : key === 'prototype' ? {} : stub()),
  apply: () => stub(),
  construct: () => stub(),
});
const vscode = stub();
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};
const t0 = performance.now();
const ext = require(process.argv[1]);
const t1 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, activate: typeof ext.activate }));
`;

export interface ExtensionLoad {
  /** require() of the module, in the process (ms). */
  load: Summary;
  /** The whole process: Node start-up, load, exit (ms). */
  process: Summary;
  /** Node start-up and exit alone, for reference (ms). */
  emptyProcess: Summary;
  hasActivate: boolean;
}

export function extensionLoad(modulePath: string, runs: number): ExtensionLoad {
  const load: number[] = [];
  const whole: number[] = [];
  const empty: number[] = [];
  let hasActivate = false;
  for (let i = 0; i < runs; i++) {
    let t0 = process.hrtime.bigint();
    const out = execFileSync(process.execPath, ['-e', LOADER, modulePath], { encoding: 'utf8' });
    whole.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const result = JSON.parse(out) as { load: number; activate: string };
    load.push(result.load);
    hasActivate = result.activate === 'function';
    t0 = process.hrtime.bigint();
    execFileSync(process.execPath, ['-e', '0']);
    empty.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { load: summarize(load), process: summarize(whole), emptyProcess: summarize(empty), hasActivate };
}

export interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
  mtime: Date;
}

export function fileSize(file: string): FileSize | undefined {
  if (!fs.existsSync(file)) return undefined;
  const data = fs.readFileSync(file);
  return { file, bytes: data.length, gzipBytes: zlib.gzipSync(data, { level: 9 }).length, mtime: fs.statSync(file).mtime };
}

/** Entries of a .vsix (a zip): names and uncompressed sizes from the central directory. */
export function zipEntries(file: string): Array<{ name: string; size: number; compressed: number }> {
  const data = fs.readFileSync(file);
  // End of central directory: signature 0x06054b50 within the last 64 KiB.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 65_557); i--) {
    if (data.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = data.readUInt16LE(eocd + 10);
  let p = data.readUInt32LE(eocd + 16);
  const out: Array<{ name: string; size: number; compressed: number }> = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const compressed = data.readUInt32LE(p + 20);
    const size = data.readUInt32LE(p + 24);
    const nameLength = data.readUInt16LE(p + 28);
    const extraLength = data.readUInt16LE(p + 30);
    const commentLength = data.readUInt16LE(p + 32);
    out.push({ name: data.toString('utf8', p + 46, p + 46 + nameLength), size, compressed });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

export interface PackageInfo {
  vsix?: FileSize & { entries: number; largest: Array<{ name: string; size: number; compressed: number }>; builtHere: boolean };
  bundles: FileSize[];
  /** Why there is no .vsix, when there is none. */
  note?: string;
}

/**
 * The .vsix of the current version when one exists in the repository; otherwise, when allowed,
 * one is built with `npm run package -- --out <temp>` (it rebuilds dist/ for production). The
 * esbuild bundles are measured in every case.
 */
export function packageInfo(repoRoot: string, build: boolean): PackageInfo {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const bundles = ['dist/extension.js', 'dist/server.js'].map((f) => fileSize(path.join(repoRoot, f))).filter((x): x is FileSize => !!x);
  let vsixPath = path.join(repoRoot, `${pkg.name}-${pkg.version}.vsix`);
  let builtHere = false;
  let note: string | undefined;
  const stale = fs.existsSync(vsixPath) && fs.statSync(vsixPath).mtimeMs < newestSource(repoRoot);
  if (!fs.existsSync(vsixPath) || (stale && build)) {
    if (!build) return { bundles, note: `no ${path.basename(vsixPath)} in the repository and packaging not requested: only the bundles are measured` };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-bench-vsix-'));
    vsixPath = path.join(dir, `${pkg.name}-${pkg.version}.vsix`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['run', 'package', '--silent', '--', '--out', vsixPath], { cwd: repoRoot, encoding: 'utf8' });
    if (result.status !== 0 || !fs.existsSync(vsixPath)) {
      return { bundles, note: `npm run package failed: ${(result.stderr || result.stdout || '').slice(-400)}` };
    }
    builtHere = true;
    note = `${stale ? `the repository's ${path.basename(vsixPath)} is older than the sources, so a` : 'no .vsix in the repository, so a'} package was built by this run with \`npm run package\` into a temporary folder`;
  } else if (stale) {
    note = `${path.basename(vsixPath)} is older than the sources (packaging not requested)`;
  }
  const size = fileSize(vsixPath)!;
  const entries = zipEntries(vsixPath);
  const largest = [...entries].sort((a, b) => b.compressed - a.compressed).slice(0, 5);
  // A package built here was only measured: its temporary folder goes.
  if (builtHere) fs.rmSync(path.dirname(vsixPath), { recursive: true, force: true });
  // The size of the file that would be shipped, not its name on this machine.
  return { vsix: { ...size, file: path.basename(vsixPath), entries: entries.length, largest, builtHere }, bundles: rebuiltBundles(repoRoot, bundles, builtHere), ...(note ? { note } : {}) };
}

/** Modification time of the newest file the package is built from. */
function newestSource(repoRoot: string): number {
  let newest = 0;
  const visit = (p: string): void => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['server/src', 'client/src', 'schemas', 'snippets', 'package.json']) visit(path.join(repoRoot, p));
  return newest;
}

/** After packaging, dist/ holds the production bundles: measure those. */
function rebuiltBundles(repoRoot: string, before: FileSize[], rebuilt: boolean): FileSize[] {
  if (!rebuilt) return before;
  return ['dist/extension.js', 'dist/server.js'].map((f) => fileSize(path.join(repoRoot, f))).filter((x): x is FileSize => !!x);
}
