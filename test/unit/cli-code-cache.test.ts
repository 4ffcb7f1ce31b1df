// The `plan43` command run from the package (bin/plan43.js over dist/server.js) takes, at its next run, the code cache a run of many plans wrote as it ended, on one thread and with a worker.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_CACHE_ENV } from '../../server/src/node/code-cache';
import { PLAN_FIXTURES, REPO_ROOT, SCHEMAS } from '../support/paths';

describe('the command line’s code cache in the package', function () {
  this.timeout(180_000);

  for (const jobs of [1, 2]) {
    // With a worker the run sets V8's interrupt budget (check-pool.ts), only once this thread's cache is written.
    it(`a run of many plans leaves a cache the next runs take (not written again), --jobs ${jobs}`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-cli-cache-'));
      try {
        // The package's layout: the command, the bundled server with its loader, the schemas.
        const pkg = path.join(dir, 'pkg');
        fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
        fs.mkdirSync(path.join(pkg, 'dist'));
        fs.copyFileSync(path.join(REPO_ROOT, 'bin', 'plan43.js'), path.join(pkg, 'bin', 'plan43.js'));
        fs.cpSync(SCHEMAS, path.join(pkg, 'schemas'), { recursive: true });
        const { builds } = require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as { builds: esbuild.BuildOptions[] };
        for (const b of builds.filter((x) => /\/(server|server\.bundle|ajv|check-files-worker|check-files-worker\.bundle)\.js$/.test(x.outfile ?? ''))) {
          const result = await esbuild.build({ ...b, write: false, logLevel: 'silent' });
          for (const f of result.outputFiles ?? []) if (f.path.endsWith('.js')) fs.writeFileSync(path.join(pkg, 'dist', path.basename(f.path)), f.contents);
        }
        // Plans enough that the run bounds V8's young generation (young-space.ts), which sets a V8 flag.
        const plans = path.join(dir, 'plans');
        fs.mkdirSync(plans);
        const fixtures = fs.readdirSync(PLAN_FIXTURES).filter((name) => name.endsWith('.md'));
        for (let copy = 0; copy < 10; copy++) for (const name of fixtures) fs.copyFileSync(path.join(PLAN_FIXTURES, name), path.join(plans, `${copy}-${name}`));
        const cacheDir = path.join(dir, 'cache');
        const run = (): void => {
          const r = spawnSync(process.execPath, [path.join(pkg, 'bin', 'plan43.js'), 'check', '--jobs', String(jobs), '--output', path.join(dir, 'out.txt'), plans], { cwd: dir, encoding: 'utf8', env: { ...process.env, [CODE_CACHE_ENV]: cacheDir } });
          assert.ok(r.status === 0 || r.status === 1, r.stderr);
        };
        const cacheFile = (): string => {
          const files = fs.readdirSync(cacheDir).filter((f) => f.startsWith('server.bundle.') && f.endsWith('.cache'));
          assert.equal(files.length, 1, files.join(', '));
          return path.join(cacheDir, files[0]);
        };
        run();
        const first = fs.readFileSync(cacheFile());
        run();
        assert.ok(fs.readFileSync(cacheFile()).equals(first), 'the second run took the cache the first wrote');
        run();
        assert.ok(fs.readFileSync(cacheFile()).equals(first), 'the third run took it too');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
