#!/usr/bin/env node
// Installs what the end-to-end tests need on a machine without a desktop VS Code: Debian's Chromium and ripgrep, and code-server 4.100.3 (VS Code 1.100.3) built from the npm registry into a cache folder of the repository.
'use strict';

// Usage: node scripts/e2e/install.js [--force]
//
// Everything comes from the two sources such machines reach: Debian's packages (apt-get, run only
// when a binary or a header package is missing, and only as root) and the npm registry. Nothing
// downloads a browser or a VS Code build. code-server is built once into
// .cache/e2e/code-server-<version>/ (PLAN43_E2E_CACHE moves the cache) and reused while the
// Node.js ABI it was built for stays the same.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureDebianPackages } = require('../apt');

const ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER_VERSION = '4.100.3';
/** The VS Code that code-server 4.100.3 ships. */
const VSCODE_VERSION = '1.100.3';
const CACHE_DIR = path.resolve(process.env.PLAN43_E2E_CACHE || path.join(ROOT, '.cache', 'e2e'));
const CHROMIUM = process.env.PLAN43_CHROMIUM || '/usr/bin/chromium';
const RIPGREP = '/usr/bin/rg';

/**
 * Debian packages: what the tests run with (a monospaced font with Vietnamese letters for the
 * editor: DejaVu Sans Mono lacks them), and what code-server's native modules build with.
 */
const RUNTIME_PACKAGES = ['chromium', 'ripgrep', 'fonts-noto-mono'];
const BUILD_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];

function log(message) {
  process.stdout.write(`[e2e install] ${message}\n`);
}

class InstallError extends Error {}

function run(command, args, options = {}) {
  const shown = `${command} ${args.join(' ')}`;
  log(`$ ${shown}${options.cwd ? `   (in ${path.relative(ROOT, options.cwd) || '.'})` : ''}`);
  const result = spawnSync(command, args, {
    stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    encoding: 'utf8',
    cwd: options.cwd,
    env: { ...process.env, ...(options.env || {}) },
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new InstallError(`${shown} could not start: ${result.error.message}`);
  if (result.status !== 0) {
    const detail = options.capture ? `\n${`${result.stdout || ''}${result.stderr || ''}`.slice(-4000)}` : '';
    throw new InstallError(`${shown} failed with exit code ${result.status}${detail}`);
  }
  return result.stdout || '';
}

/** The Debian packages that are missing, installed with apt-get (as root only); true when apt-get ran. */
function ensurePackages(names) {
  try {
    return ensureDebianPackages(names, { logFile: path.join(CACHE_DIR, 'apt-get.log'), log }).length > 0;
  } catch (err) {
    throw new InstallError(err.message);
  }
}

function codeServerDir() {
  return path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
}

/** What a cached build must match: the code-server version and the Node.js ABI of its native modules. */
function stamp() {
  return { codeServer: CODE_SERVER_VERSION, nodeAbi: process.versions.modules, platform: `${process.platform}-${process.arch}` };
}

function cachedBuildIsValid(dir) {
  try {
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'build.json'), 'utf8'));
    const want = stamp();
    return (
      saved.codeServer === want.codeServer &&
      saved.nodeAbi === want.nodeAbi &&
      saved.platform === want.platform &&
      fs.existsSync(path.join(dir, 'package', 'out', 'node', 'entry.js'))
    );
  } catch {
    return false;
  }
}

function symlink(target, link) {
  fs.rmSync(link, { force: true, recursive: true });
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(target, link);
}

/** Builds code-server into a scratch folder, then moves it into place, so an interrupted build never looks complete. */
function buildCodeServer(target) {
  const scratch = `${target}.partial-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
    const tarball = run(npm, ['pack', `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', scratch, '--silent'], {
      capture: true,
    })
      .trim()
      .split('\n')
      .pop();
    run('tar', ['-xzf', path.join(scratch, tarball), '-C', scratch]);
    fs.rmSync(path.join(scratch, tarball));

    const pkg = path.join(scratch, 'package');
    const vscode = path.join(pkg, 'lib', 'vscode');
    // VS Code's own modules; their install scripts run later, after ripgrep's download is defused.
    run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], { cwd: vscode });
    // @vscode/ripgrep's postinstall downloads ripgrep from GitHub unless bin/ exists: use Debian's.
    symlink(RIPGREP, path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
    // Native modules (node-pty, spdlog, kerberos, …); node-pty's script runs `npx node-gyp`.
    run(npm, ['rebuild', '--loglevel=error'], { cwd: vscode, env: { npm_config_yes: 'true' } });
    // What code-server's postinstall.sh does after installing VS Code's modules.
    symlink('node_modules', path.join(vscode, 'node_modules.asar'));
    symlink('code-linux.sh', path.join(vscode, 'bin', 'remote-cli', 'code-server'));
    symlink('browser-linux.sh', path.join(vscode, 'bin', 'helpers', 'browser.sh'));
    run(npm, ['install', '--omit=dev', ...quiet], { cwd: path.join(vscode, 'extensions') });
    // code-server's own modules; argon2 (password hashing) is its only native one.
    run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], { cwd: pkg });
    run(npm, ['rebuild', 'argon2', '--loglevel=error'], { cwd: pkg });

    fs.writeFileSync(path.join(scratch, 'build.json'), `${JSON.stringify({ ...stamp(), builtAt: new Date().toISOString() }, null, 2)}\n`);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(scratch, target);
  } catch (err) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Makes sure Chromium and code-server are ready and returns where they are. Idempotent and quick
 * when everything is cached.
 */
function ensureInstalled({ force = false } = {}) {
  const started = Date.now();
  const dir = codeServerDir();
  const needBuild = force || !cachedBuildIsValid(dir);
  const aptRan = ensurePackages(needBuild ? [...RUNTIME_PACKAGES, ...BUILD_PACKAGES] : RUNTIME_PACKAGES);
  if (!fs.existsSync(CHROMIUM)) throw new InstallError(`Chromium is not at ${CHROMIUM} after installing the package "chromium".`);
  if (!fs.existsSync(RIPGREP)) throw new InstallError(`ripgrep is not at ${RIPGREP} after installing the package "ripgrep".`);
  if (needBuild) {
    log(`building code-server ${CODE_SERVER_VERSION} into ${path.relative(ROOT, dir) || dir} (first run only; a few minutes)`);
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    buildCodeServer(dir);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    needBuild || aptRan
      ? `ready in ${seconds} s (${aptRan ? 'Debian packages installed' : 'Debian packages present'}, code-server ${needBuild ? 'built' : 'cached'})`
      : `ready in ${seconds} s (cached)`,
  );
  return {
    codeServerEntry: path.join(dir, 'package', 'out', 'node', 'entry.js'),
    codeServerVersion: CODE_SERVER_VERSION,
    vscodeVersion: VSCODE_VERSION,
    chromium: CHROMIUM,
    seconds: Number(seconds),
    cached: !needBuild && !aptRan,
  };
}

module.exports = { ensureInstalled, InstallError, CODE_SERVER_VERSION, CACHE_DIR };

if (require.main === module) {
  try {
    const result = ensureInstalled({ force: process.argv.includes('--force') });
    log(`code-server: ${path.relative(ROOT, result.codeServerEntry)}; chromium: ${result.chromium}`);
  } catch (err) {
    process.stderr.write(`[e2e install] FAILED: ${err instanceof InstallError ? err.message : err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  }
}
