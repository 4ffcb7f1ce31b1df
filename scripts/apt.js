// Installs Debian packages that tests need, with apt-get, only when they are missing and only as root.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function installed(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

/**
 * Makes sure the Debian packages are installed. Nothing runs when they all are; otherwise, as root,
 * `apt-get update` and `apt-get install -y` (their output appended to `options.logFile` when given,
 * else shown); not as root, an Error naming the command to run. Returns true when apt-get ran.
 *
 * @param {string[]} packages
 * @param {{ logFile?: string, log?: (message: string) => void }} [options]
 */
function ensureDebianPackages(packages, options = {}) {
  const missing = packages.filter((name) => !installed(name));
  if (missing.length === 0) return false;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`these Debian packages are missing: ${missing.join(' ')}. Install them as root (apt-get install -y ${missing.join(' ')}) and run again.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-q'], ['install', '-y', '-q', '-o', 'Dpkg::Options::=--force-confold', ...missing]]) {
    const shown = `apt-get ${args.join(' ')}`;
    if (options.log) options.log(`$ ${shown}`);
    const r = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: options.logFile ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
    const output = `${r.stdout || ''}${r.stderr || ''}`;
    if (options.logFile) {
      fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
      fs.appendFileSync(options.logFile, `$ ${shown}\n${output}\n`);
    }
    if (r.error) throw new Error(`${shown} could not start: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`${shown} failed with exit code ${r.status}${options.logFile ? `\n${output.slice(-4000)}` : ''}`);
  }
  if (options.log) options.log(`installed ${missing.join(' ')}`);
  return true;
}

module.exports = { ensureDebianPackages };
