// Whole-process runs over a folder of plans: plan43 check, markdownlint-cli2 with its default rules, and the floor, each timed from spawn to exit.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jobsFromEnvironment, threadCount } from '../server/src/node/check-pool';
import { BESIDE_BUNDLE, CODE_CACHE_ENV } from '../server/src/node/code-cache';
import { SETTLED_MS } from '../server/src/node/file-identity';
import { median, now } from './stats';

export interface Tool {
  name: string;
  /** Command and arguments; the folder of plans is the working directory. */
  argv: string[];
  /** Exit codes that mean "ran and reported" (linters exit 1 when they find something). */
  okCodes: number[];
  /** Checks the captured output and returns a short summary of it, or throws when the run is not trustworthy. */
  verify(stdout: string, stderr: string, files: number): string;
  /**
   * The threads the tool checks the files on, told just before it is spawned (plan43 by default
   * follows the idle cores, so the number moves with the machine's load); undefined when unknown.
   */
  threads?(files: number): number;
  /** The process's environment, when not this one's. */
  env?: NodeJS.ProcessEnv;
}

export interface ToolRun {
  name: string;
  seconds: number;
  runs: number[];
  /** CPU time of the process (user + system, all its threads), median of the runs, when known. */
  cpuSeconds?: number;
  summary: string;
  /** Peak resident memory of the process (from the kernel's accounting), when known. */
  maxRss?: number;
  /** The threads each run checked the files on, in the order of `runs`, when the tool tells. */
  threads?: number[];
}

/** The last bytes of a file: the summary lines tools print last, without reading megabytes of findings. */
function tail(file: string, bytes = 4096): string {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(bytes, size));
    fs.readSync(fd, buffer, 0, buffer.length, size - buffer.length);
    return buffer.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** What GNU time appends to standard error: peak resident memory (KB), user and system CPU seconds. */
const TIME_FORMAT = 'PLAN43_BENCH_MAXRSS=%M PLAN43_BENCH_CPU=%U+%S';
const TIME_LINE = /PLAN43_BENCH_MAXRSS=(\d+) PLAN43_BENCH_CPU=([\d.]+)\+([\d.]+)\s*$/;

/** One run of a tool on `dir`: wall time from spawn to exit, output kept in files (as a CI log would). */
function runOnce(tool: Tool, dir: string, files: number, scratch: string): { seconds: number; summary: string; maxRss?: number; cpuSeconds?: number } {
  const out = path.join(scratch, 'stdout');
  const err = path.join(scratch, 'stderr');
  // GNU time, when present, gives the peak resident memory and the CPU time of the process.
  const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const stdout = fs.openSync(out, 'w');
  const stderr = fs.openSync(err, 'w');
  const [cmd, ...args] = timeBin ? [timeBin, '-f', TIME_FORMAT, ...tool.argv] : tool.argv;
  const t0 = now();
  const result = spawnSync(cmd, args, { cwd: dir, stdio: ['ignore', stdout, stderr], ...(tool.env ? { env: tool.env } : {}) });
  const seconds = (now() - t0) / 1000;
  fs.closeSync(stdout);
  fs.closeSync(stderr);
  const errText = tail(err, 64 * 1024);
  if (result.error) throw result.error;
  if (result.status === null || !tool.okCodes.includes(result.status)) {
    throw new Error(`${tool.name} exited with ${result.status ?? result.signal}: ${errText.slice(-2000)}`);
  }
  const measured = TIME_LINE.exec(errText);
  const summary = tool.verify(tail(out), errText.replace(TIME_LINE, ''), files);
  return { seconds, summary, ...(measured ? { maxRss: Number(measured[1]) * 1024, cpuSeconds: Number(measured[2]) + Number(measured[3]) } : {}) };
}

/**
 * Runs every tool `repeat` times on `dir`, interleaved (tool A, B, C, then A, B, C again) so that a
 * busy moment of the machine falls on all of them alike, and keeps each tool's median wall time.
 */
export function runTools(tools: readonly Tool[], dir: string, files: number, repeat: number): ToolRun[] {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-bench-out-'));
  const runs = tools.map((t) => ({ name: t.name, times: [] as number[], cpu: [] as number[], threads: [] as number[], summary: '', maxRss: undefined as number | undefined }));
  try {
    for (let r = 0; r < repeat; r++) {
      tools.forEach((tool, i) => {
        const threads = tool.threads?.(files);
        const one = runOnce(tool, dir, files, scratch);
        if (threads !== undefined) runs[i].threads.push(threads);
        runs[i].times.push(one.seconds);
        runs[i].summary = one.summary;
        if (one.maxRss !== undefined) runs[i].maxRss = Math.max(runs[i].maxRss ?? 0, one.maxRss);
        if (one.cpuSeconds !== undefined) runs[i].cpu.push(one.cpuSeconds);
      });
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return runs.map((r) => ({
    name: r.name,
    seconds: median(r.times),
    runs: r.times,
    summary: r.summary,
    ...(r.maxRss !== undefined ? { maxRss: r.maxRss } : {}),
    ...(r.cpu.length ? { cpuSeconds: median(r.cpu) } : {}),
    ...(r.threads.length ? { threads: r.threads } : {}),
  }));
}

/** The name of plan43's run on one thread (`--jobs 1`) in the tables. */
export const PLAN43_ONE_THREAD = 'plan43 check --jobs 1';

/**
 * The threads of plan43's run on every core Node may use (`--jobs <availableParallelism()>`), the
 * run the wall-time target reads: the default takes the idle cores, one on a machine whose load
 * average is above half a core, and the target is for the machine's cores.
 */
export function allCoresJobs(): number {
  return os.availableParallelism();
}

/** The name of plan43's run on every core Node may use, in the tables (the run on one thread when there is one core). */
export function plan43AllCoresName(jobs: number = allCoresJobs()): string {
  return `plan43 check --jobs ${jobs}`;
}

/**
 * `plan43 check <dir>` through `cliScript` (bin/plan43.js of the package's copy, or of the checkout,
 * which runs out/): on the threads it picks itself (the idle cores), or on `jobs` threads
 * (`--jobs`), which the machine's load does not move. `name` overrides the table's name; `env` the
 * process's environment.
 */
export function plan43Tool(repoRoot: string, cliScript = path.join(repoRoot, 'bin', 'plan43.js'), jobs?: number, name?: string, env?: NodeJS.ProcessEnv): Tool {
  return {
    name: name ?? (jobs === undefined ? 'plan43 check' : `plan43 check --jobs ${jobs}`),
    argv: [process.execPath, cliScript, 'check', ...(jobs === undefined ? [] : ['--jobs', String(jobs)]), '.'],
    okCodes: [0, 1],
    verify(stdout, _stderr, files) {
      const last = stdout.trim().split('\n').pop() ?? '';
      const m = /^(\d+) (?:kế hoạch|plan\(s\))/.exec(last);
      if (!m) throw new Error(`plan43 printed no summary: ${last}`);
      if (Number(m[1]) !== files) throw new Error(`plan43 checked ${m[1]} plans, expected ${files}`);
      return last;
    },
    // What the command line decides a moment later from the same load average (it reads the last
    // minute's, which moves every few seconds): 0 from threadCount is its own thread alone.
    threads: (files) => Math.max(1, threadCount(files, jobs ?? jobsFromEnvironment())),
    ...(env ? { env } : {}),
  };
}

/** The name of the run on one thread of the checkout's build (`out/`), kept beside the package's to show the series' break. */
export const PLAN43_CHECKOUT_ONE_THREAD = "plan43 check --jobs 1, the checkout's out/";

/** The package as `npm install -g plan43` puts it: its `files` (and what npm always adds) copied into a folder, no out/. */
export interface InstalledPackage {
  /** The package's folder (what npm installs as node_modules/plan43). */
  root: string;
  /** Its `plan43` command. */
  bin: string;
  /** The files copied, as npm lists them. */
  files: string[];
  /** The environment its runs get: this one's without a code cache folder, so the cache is the one beside the bundle, as for a user. */
  env: NodeJS.ProcessEnv;
}

/**
 * Copies into `parent` what `npm pack` would put in the package (its `files`, package.json, README,
 * LICENSE; the list from `npm pack --dry-run`, without running its scripts), as `npm install` lays
 * it out. The bundles must be built first (`node scripts/bundle.js --production`, which `npm run
 * bench` does): a package without them is not what a user installs.
 */
export function installPackage(repoRoot: string, parent: string): InstalledPackage {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const listed = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (listed.status !== 0) throw new Error(`npm pack --dry-run failed: ${listed.stderr.slice(-1000)}`);
  const files = (JSON.parse(listed.stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path).sort();
  for (const needed of ['bin/plan43.js', 'dist/server.js', 'dist/server.bundle.js', 'dist/check-files-worker.js', 'dist/check-files-worker.bundle.js']) {
    if (!files.includes(needed)) throw new Error(`the package has no ${needed}: run "node scripts/bundle.js --production" first`);
  }
  if (files.some((f) => f.startsWith('out/'))) throw new Error('the package lists out/: it would not run its bundle');
  const root = path.join(fs.mkdtempSync(path.join(parent, 'plan43-bench-package-')), 'plan43');
  for (const file of files) {
    // Folders of the user's own that nobody else writes in: the code cache is kept beside the bundle only then.
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true, mode: 0o755 });
    fs.copyFileSync(path.join(repoRoot, file), path.join(root, file));
  }
  // bin/plan43.js runs out/ whenever it is there: the copy must not have it.
  if (fs.existsSync(path.join(root, 'out'))) throw new Error('the copy of the package has an out/ folder');
  const env = { ...process.env };
  delete env[CODE_CACHE_ENV];
  return { root, bin: path.join(root, 'bin', 'plan43.js'), files, env };
}

/** The files of the package's code cache folder (the bundles' caches, their records, the data's snapshot), with their modification times. */
export function packageCodeCache(pkg: InstalledPackage): Map<string, number> {
  const dir = path.join(pkg.root, 'dist', BESIDE_BUNDLE);
  const found = new Map<string, number>();
  if (!fs.existsSync(dir)) return found;
  for (const name of fs.readdirSync(dir).filter((f) => !f.endsWith('.tmp')).sort()) found.set(name, fs.statSync(path.join(dir, name)).mtimeMs);
  return found;
}

/** The files of `after` that are not in `before` or were written since. */
export function cacheWritten(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after].filter(([name, time]) => before.get(name) !== time).map(([name]) => name);
}

/** Waits until every file of the package is older than SETTLED_MS: only then are its files' identities recorded (a user's install is seconds old at least). */
function settle(root: string): void {
  let newest = 0;
  const visit = (p: string): void => {
    const st = fs.statSync(p);
    newest = Math.max(newest, st.mtimeMs, st.ctimeMs);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
  };
  visit(root);
  const wait = newest + SETTLED_MS + 50 - Date.now();
  if (wait > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
}

/** Most warm-up runs before the measured ones: the package's cache was whole after the second in every run seen. */
const MAX_WARM_UP_RUNS = 4;

/**
 * The package's runs before the measured ones, not measured: a user's first runs, which write the
 * code cache beside the bundles (each loader's cache, the data's snapshot, then their records once
 * settled), until a run writes nothing there. Returns the runs made and the files they wrote.
 */
export function warmUp(tool: Tool, dir: string, files: number, pkg: InstalledPackage): { runs: number; written: string[] } {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-bench-out-'));
  const written = new Set<string>();
  try {
    for (let run = 1; run <= MAX_WARM_UP_RUNS; run++) {
      settle(pkg.root);
      const before = packageCodeCache(pkg);
      runOnce(tool, dir, files, scratch);
      const now = cacheWritten(before, packageCodeCache(pkg));
      if (!now.length) return { runs: run, written: [...written].sort() };
      for (const f of now) written.add(f);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { runs: MAX_WARM_UP_RUNS, written: [...written].sort() };
}

/** markdownlint-cli2 with its default rules (no configuration file in the folder), or undefined when it is not installed. */
export function markdownlintTool(repoRoot: string): Tool | undefined {
  const bin = path.join(repoRoot, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
  if (!fs.existsSync(bin)) return undefined;
  return {
    name: 'markdownlint-cli2',
    argv: [process.execPath, bin, '**/*.md'],
    okCodes: [0, 1],
    verify(stdout, stderr, files) {
      const text = `${stdout}\n${stderr}`;
      const linting = /Linting: (\d+) file/.exec(text);
      if (linting && Number(linting[1]) !== files) throw new Error(`markdownlint-cli2 linted ${linting[1]} files, expected ${files}`);
      const summary = /Summary: (\d+) error/.exec(text);
      if (!summary) throw new Error(`markdownlint-cli2 printed no summary: ${text.slice(-500)}`);
      return `${files} files: ${summary[1]} findings`;
    },
  };
}

export function markdownlintVersion(repoRoot: string): string | undefined {
  const version = (dir: string): string | undefined => {
    const file = path.join(dir, 'package.json');
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version : undefined;
  };
  const cli = path.join(repoRoot, 'node_modules', 'markdownlint-cli2');
  const cliVersion = version(cli);
  if (!cliVersion) return undefined;
  // The library is nested under the CLI or hoisted next to it.
  const lib = version(path.join(cli, 'node_modules', 'markdownlint')) ?? version(path.join(repoRoot, 'node_modules', 'markdownlint'));
  return `markdownlint-cli2 ${cliVersion}${lib ? ` (markdownlint ${lib})` : ''}`;
}

/** The floor: bench/floor.js, a separate Node process that reads, decodes, normalises (NFC) and splits every file. */
export function floorTool(benchDir: string): Tool {
  return {
    name: 'floor (read, NFC, split lines)',
    argv: [process.execPath, path.join(benchDir, 'floor.js'), '.'],
    okCodes: [0],
    threads: () => 1,
    verify(stdout, _stderr, files) {
      const m = /^(\d+) files/.exec(stdout.trim());
      if (!m || Number(m[1]) !== files) throw new Error(`floor read ${m?.[1]} files, expected ${files}`);
      return stdout.trim();
    },
  };
}
