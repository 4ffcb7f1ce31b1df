// Installs Debian packages that test scripts need (Chromium, LibreOffice, poppler-utils …) with apt-get: only the missing ones, only as root.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function installed(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

/**
 * Installs the packages of `packages` that dpkg does not list as installed; does nothing when all
 * are there. Returns the names it installed. Not root and a package missing: throws, naming the
 * packages and the command to run.
 *
 * options.logFile: where apt-get's output goes (it is long; its end is shown when it fails).
 * options.log: a function given one line about what was done.
 * options.recommends: false to leave out the packages' recommendations (LibreOffice's are large).
 */
function ensureDebianPackages(packages, options = {}) {
  const missing = packages.filter((name) => !installed(name));
  if (missing.length === 0) return [];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`these Debian packages are missing: ${missing.join(' ')}. Install them as root (apt-get install -y ${missing.join(' ')}) and run again.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => {
    const r = spawnSync('apt-get', args, { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
    const output = `${r.stdout || ''}${r.stderr || ''}`;
    if (options.logFile) {
      fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
      fs.appendFileSync(options.logFile, `$ apt-get ${args.join(' ')}\n${output}\n`);
    }
    if (r.error) throw new Error(`apt-get could not start: ${r.error.message}`);
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with exit code ${r.status}\n${output.slice(-4000)}`);
  };
  run(['update', '-q']);
  const recommends = options.recommends === false ? ['--no-install-recommends'] : [];
  run(['install', '-y', '-q', ...recommends, '-o', 'Dpkg::Options::=--force-confold', ...missing]);
  if (options.log) options.log(`installed ${missing.join(' ')}${options.logFile ? ` (apt-get output in ${options.logFile})` : ''}`);
  return missing;
}

module.exports = { ensureDebianPackages };
