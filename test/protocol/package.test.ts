// The npm package as a user installs it (`npm install -g`, offline): what it holds, `plan43 check`, `plan43 lsp --stdio`, and the Word round trip from its bundle.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_METADATA } from '../../server/src/core/rules/index';
import { readSnapshot, SNAPSHOT_PATH } from '../../server/src/node/bundled-data';
import { BUNDLE_STAMP, bundleDigest, bundleStamp, CODE_CACHE_ENV, readBundle, readCacheFile, writeCacheFile } from '../../server/src/node/code-cache';
import { runCliCaptured } from '../support/cli';
import { installedPackage, InstalledPackage, run } from '../support/package';
import { PLAN_FIXTURES, PROVINCE_FIXTURES, REPO_ROOT } from '../support/paths';
import { threadCount } from '../../server/src/node/check-pool';
import { collectFiles } from '../../server/src/node/files';
import { pushCapabilities, TestClient, uri } from './client';
import { coreShapes, fixture, shapeOf, sortShapes, tempFolder } from './helpers';

describe('npm package', () => {
  let pkg: InstalledPackage;
  before(async function () {
    // Packing builds and bundles for production (the prepack script), then npm installs the tarball.
    this.timeout(240_000);
    pkg = await installedPackage();
  });

  it('holds the bundle, the data, the rule pages and the editors guide, and no sources', () => {
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'bin/plan43.js', 'dist/server.js', 'dist/server.bundle.js', 'dist/check-worker.js', 'dist/check-worker.bundle.js', 'dist/word.js', 'dist/ajv.js', 'docs/editors.md', 'docs/plan-format.md']) {
      assert.ok(pkg.files.includes(needed), `the package holds ${needed}`);
    }
    for (const data of fs.readdirSync(path.join(REPO_ROOT, 'schemas'))) assert.ok(pkg.files.includes(`schemas/${data}`), `schemas/${data}`);
    // The bundled data ready to load, built from the YAML it ships with: the installed server starts from it.
    assert.ok(pkg.files.includes(SNAPSHOT_PATH.split(path.sep).join('/')), SNAPSHOT_PATH);
    assert.ok(readSnapshot(path.join(pkg.root, 'schemas')), 'the snapshot matches the YAML in the package');
    // The server links every diagnostic to its rule's page in the installed package.
    for (const rule of RULE_METADATA) assert.ok(pkg.files.includes(`docs/rules/${rule.id}.md`), `docs/rules/${rule.id}.md`);
    const unwanted = pkg.files.filter((f) => /^(out|server|client|test|bench|scripts|node_modules|\.cache)\//.test(f) || /\.(ts|map|vsix|tgz)$/.test(f));
    assert.deepEqual(unwanted, []);
    const manifest = JSON.parse(fs.readFileSync(path.join(pkg.root, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.private, undefined, 'publishable');
    assert.equal(manifest.dependencies, undefined, 'everything it runs is in its bundle');
    assert.deepEqual(manifest.bin, { plan43: './bin/plan43.js' });
    assert.equal((manifest.engines as Record<string, string>).node, '>=20');
    assert.ok(!fs.existsSync(path.join(pkg.root, 'node_modules')), 'npm installed nothing beside it');
  });

  it('plan43 check gives the findings of the development build', async () => {
    for (const name of ['seed-003-kien-giang.md', 'seed-003-kien-giang.yaml', 'clean-party.md']) {
      const installed = await run(pkg.bin, ['check', '--format', 'json', name], { cwd: PLAN_FIXTURES, env: pkg.env });
      const development = await runCliCaptured(['check', '--format', 'json', name], PLAN_FIXTURES);
      assert.equal(installed.stderr, '', name);
      assert.deepEqual([installed.code, installed.stdout], [development.code, development.out], name);
    }
  });

  it('plan43 check runs its worker threads from the bundle, with the output of a serial run', async () => {
    const folder = tempFolder('plan43-package-parallel');
    try {
      // Enough plans for two threads (the province's plans cite one another).
      for (const copy of ['a', 'b']) {
        fs.cpSync(PLAN_FIXTURES, path.join(folder.dir, copy, 'plans'), { recursive: true });
        fs.cpSync(PROVINCE_FIXTURES, path.join(folder.dir, copy, 'province'), { recursive: true });
      }
      assert.equal(threadCount(collectFiles([folder.dir]).files.length, 2), 2);
      const installed = await run(pkg.bin, ['check', '.', '--format', 'json', '--jobs', '2'], { cwd: folder.dir, env: pkg.env });
      const development = await runCliCaptured(['check', '.', '--format', 'json', '--jobs', '1'], folder.dir);
      assert.equal(installed.stderr, '');
      assert.ok(installed.stdout.length > 10_000);
      assert.deepEqual([installed.code, installed.stdout], [development.code, development.out]);
    } finally {
      folder.remove();
    }
  });

  it('plan43 lsp --stdio serves the same diagnostics, linked to the rule pages it installed', async () => {
    const client = await TestClient.start({ command: { file: pkg.bin, args: ['lsp'], env: pkg.env }, capabilities: pushCapabilities(), workspaceFolders: [PLAN_FIXTURES] });
    try {
      const { file, text } = fixture('seed-000-hau-giang.md');
      const docUri = uri(file);
      client.open(docUri, text);
      const published = await client.waitForPublished(docUri, (_, p) => p.version === 1);
      assert.deepEqual(sortShapes(published.diagnostics.map(shapeOf)), sortShapes(coreShapes(docUri, text)));
      for (const d of published.diagnostics) {
        const href = d.codeDescription?.href ?? '';
        assert.ok(href.startsWith(uri(path.join(pkg.root, 'docs', 'rules'))), href);
        assert.ok(fs.existsSync(new URL(href)), href);
      }
      assert.equal(await client.shutdown(), 0);
    } finally {
      await client.dispose();
    }
  });

  it('dist/server.js started by an editor gives the same diagnostics with its code cache made, used, damaged or foreign', async function () {
    this.timeout(120_000);
    const folder = tempFolder('plan43-package-code-cache');
    try {
      // The folder the extension names (its global storage), as VS Code's Node would run it.
      const cacheDir = path.join(folder.dir, 'storage', 'code-cache');
      const env = { ...pkg.env, [CODE_CACHE_ENV]: cacheDir };
      const bundles = ['check-worker.bundle', 'server.bundle'];
      const digests = bundles.map((b) => {
        const { bytes, stat } = readBundle(path.join(pkg.root, 'dist', `${b}.js`));
        // Each bundle ends with its build stamp, the SHA-256 of the code before it, which the loader reads instead of digesting the bundle.
        const code = bytes.subarray(0, bytes.lastIndexOf(BUNDLE_STAMP));
        assert.equal(bundleStamp(bytes), createHash('sha256').update(code).digest('hex'), b);
        return bundleDigest(bytes, stat);
      });
      const cacheFiles = (): string[] => bundles.map((b) => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []).find((f) => f.startsWith(`${b}.`) && f.endsWith('.cache')) ?? `${b}.missing`);
      const sound = (): Array<Buffer | undefined> => cacheFiles().map((f, i) => readCacheFile(path.join(cacheDir, f), digests[i]));
      const { file, text } = fixture('seed-002-ha-tinh.md');
      const docUri = uri(file);
      const expected = sortShapes(coreShapes(docUri, text));
      /** The diagnostics of a fresh server; it is shut down once `ready` holds (the caches it writes after its first check are written). */
      const diagnostics = async (ready: () => boolean): Promise<unknown[]> => {
        const client = await TestClient.start({ command: { file: process.execPath, args: [path.join(pkg.root, 'dist', 'server.js')], env }, transport: 'node-ipc', capabilities: pushCapabilities() });
        try {
          client.open(docUri, text);
          const published = await client.waitForPublished(docUri, (_, p) => p.version === 1);
          for (let i = 0; i < 400 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
          assert.equal(await client.shutdown(), 0);
          return sortShapes(published.diagnostics.map(shapeOf));
        } finally {
          await client.dispose();
        }
      };
      const allSound = (): boolean => sound().every((d) => d !== undefined);
      assert.deepEqual(await diagnostics(allSound), expected);
      // The server and its check worker each left the cache of their bundle, after the first check.
      assert.ok(allSound(), cacheFiles().join(', '));
      const written = cacheFiles().map((f) => fs.statSync(path.join(cacheDir, f)).mtimeMs);
      assert.deepEqual(await diagnostics(() => true), expected);
      assert.deepEqual(cacheFiles().map((f) => fs.statSync(path.join(cacheDir, f)).mtimeMs), written, 'the caches were used, not made again');
      // Damaged: refused, the same diagnostics, and made again.
      for (const f of cacheFiles()) {
        const data = fs.readFileSync(path.join(cacheDir, f));
        data[data.length >> 1] ^= 0x5a;
        fs.writeFileSync(path.join(cacheDir, f), data);
      }
      assert.ok(sound().every((d) => d === undefined));
      assert.deepEqual(await diagnostics(allSound), expected);
      assert.ok(allSound(), 'the damaged caches were made again');
      // Foreign (a sound file holding what V8 made for the other bundle, as a cache from another Node would be): refused, the same diagnostics, replaced.
      const [workerCache] = sound();
      writeCacheFile(path.join(cacheDir, cacheFiles()[1]), digests[1], workerCache!);
      const replaced = (): boolean => sound()[1]?.length !== workerCache!.length;
      assert.deepEqual(await diagnostics(replaced), expected);
      assert.ok(replaced(), 'the foreign cache was replaced');
    } finally {
      folder.remove();
    }
  });

  it("dist/server.js started with the extension's Node options gives the same diagnostics, and uses the code caches it made", async function () {
    this.timeout(120_000);
    // The options the extension gives Node (client/src/server-options.ts, as built): the server sets
    // V8's heap-sizing flags back once its heap is made (server/src/node/v8-flags.ts), and a code
    // cache is taken only under the flags it was made with.
    const { SERVER_EXEC_ARGV } = require(path.join(REPO_ROOT, 'out', 'client', 'src', 'server-options.js')) as { SERVER_EXEC_ARGV: readonly string[] };
    const folder = tempFolder('plan43-package-options');
    try {
      const cacheDir = path.join(folder.dir, 'storage', 'code-cache');
      const env = { ...pkg.env, [CODE_CACHE_ENV]: cacheDir };
      const cacheFiles = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : []).filter((f) => f.endsWith('.cache')).sort();
      const times = (): number[] => cacheFiles().map((f) => fs.statSync(path.join(cacheDir, f)).mtimeMs);
      const { file, text } = fixture('seed-002-ha-tinh.md');
      const docUri = uri(file);
      const expected = sortShapes(coreShapes(docUri, text));
      const diagnostics = async (ready: () => boolean): Promise<unknown[]> => {
        const client = await TestClient.start({ command: { file: process.execPath, args: [...SERVER_EXEC_ARGV, path.join(pkg.root, 'dist', 'server.js')], env }, transport: 'node-ipc', capabilities: pushCapabilities() });
        try {
          client.open(docUri, text);
          const published = await client.waitForPublished(docUri, (_, p) => p.version === 1);
          for (let i = 0; i < 400 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
          assert.equal(await client.shutdown(), 0);
          return sortShapes(published.diagnostics.map(shapeOf));
        } finally {
          await client.dispose();
        }
      };
      assert.deepEqual(await diagnostics(() => cacheFiles().length === 2), expected);
      assert.equal(cacheFiles().length, 2, cacheFiles().join(', '));
      const written = times();
      assert.deepEqual(await diagnostics(() => true), expected);
      assert.deepEqual(times(), written, 'the caches were used, not made again');
    } finally {
      folder.remove();
    }
  });

  it('plan43 export and import work from the bundle (Word reader and writer included)', async () => {
    const folder = tempFolder('plan43-package-word');
    try {
      const plan = path.join(folder.dir, 'plan.md');
      fs.copyFileSync(path.join(PLAN_FIXTURES, 'clean-state.md'), plan);
      const exported = await run(pkg.bin, ['export', 'plan.md', '-o', 'plan.docx'], { cwd: folder.dir, env: pkg.env });
      assert.equal(exported.code, 0, exported.stderr);
      assert.equal(fs.readFileSync(path.join(folder.dir, 'plan.docx')).subarray(0, 2).toString(), 'PK', 'a .docx (zip) file');
      const imported = await run(pkg.bin, ['import', 'plan.docx'], { cwd: folder.dir, env: pkg.env });
      assert.equal(imported.code, 0, imported.stderr);
      assert.match(imported.stdout, /^---\n(?:#.*\n)?template: nq43\n/);
      assert.match(imported.stdout, /TỔ CHỨC THỰC HIỆN/);
    } finally {
      folder.remove();
    }
  });
});
