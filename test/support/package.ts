// The package as npm publishes it: `npm pack` of the repository, installed offline into a temporary prefix with `npm install -g`, once per test run.

import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export interface InstalledPackage {
  /** The packed .tgz. */
  tarball: string;
  /** Paths inside the tarball, without the leading "package/". */
  files: string[];
  /** The installed `plan43` command (the link npm makes in <prefix>/bin). */
  bin: string;
  /** The installed package's folder. */
  root: string;
  /** PATH with the prefix's bin and this Node.js first, as a user's shell has after `npm install -g`. */
  env: NodeJS.ProcessEnv;
}


/** Runs a command to its end: its exit code and what it printed. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    // Decoded as a stream: a chunk may end inside a character, which a chunk's own toString() would break.
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command that must succeed. */
async function mustRun(command: string, args: string[], options: { cwd: string }): Promise<string> {
  const r = await run(command, args, options);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r.stdout;
}

let installing: Promise<InstalledPackage> | undefined;

/**
 * Packs the repository (npm runs the prepack script: build and production bundle) and installs the
 * tarball with `npm install -g --offline`: the package declares no dependency (everything is in its
 * bundle), so nothing is fetched. The folder is removed when the test process ends.
 */
export function installedPackage(): Promise<InstalledPackage> {
  installing ??= install();
  return installing;
}

async function install(): Promise<InstalledPackage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-package-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  await mustRun('npm', ['pack', '--pack-destination', dir, '--loglevel=error'], { cwd: REPO_ROOT });
  const tarball = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no .tgz into ${dir}`);
  const listing = await mustRun('tar', ['-tzf', path.join(dir, tarball)], { cwd: dir });
  const files = listing
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.replace(/^package\//, ''));
  const prefix = path.join(dir, 'prefix');
  await mustRun('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, path.join(dir, tarball)], { cwd: dir });
  // The layout of a global prefix on Linux and macOS.
  const binDir = path.join(prefix, 'bin');
  const root = path.join(prefix, 'lib', 'node_modules', 'plan43');
  return {
    tarball: path.join(dir, tarball),
    files,
    bin: path.join(binDir, 'plan43'),
    root,
    env: { ...process.env, PATH: [binDir, path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter) },
  };
}
