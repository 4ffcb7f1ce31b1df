// What starting the server or `plan43 check` loads: not the Word libraries (JSZip, docx) nor the JSON Schema validator (Ajv), in the compiled tree and in the bundle.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { PLAN_FIXTURES, REPO_ROOT, SCHEMAS } from '../support/paths';

/** Packages that only importing or exporting Word files (or validating a user's data file) needs. */
const ON_DEMAND = ['docx', 'jszip', 'pako', 'mammoth', 'ajv'];

/**
 * Runs, in a fresh Node process, the server's module graph plus a check by the command line and
 * by the server's analysis, and returns the packages of node_modules it loaded.
 */
function packagesLoadedBy(script: string): string[] {
  const out = path.join(REPO_ROOT, 'out', 'server', 'src');
  const program = `
    const out = ${JSON.stringify(out)};
    require(out + '/main.js');
    const { loadKnowledge } = require(out + '/node/knowledge.js');
    const { analyzeText } = require(out + '/lsp/documents.js');
    const { CheckRunner } = require(out + '/node/check-runner.js');
    const { runCliAsync } = require(out + '/cli.js');
    (async () => {
      ${script}
      const loaded = new Set();
      for (const file of Object.keys(require.cache)) {
        const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file);
        if (m) loaded.add(m[1].replace(/\\\\/g, '/'));
      }
      process.stdout.write(JSON.stringify([...loaded].sort()));
    })().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });
  `;
  const r = spawnSync(process.execPath, ['-e', program], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as string[];
}

describe('loading on demand', () => {
  it('checking plans loads neither the Word libraries nor the schema validator', function () {
    this.timeout(60_000);
    const seed = path.join(PLAN_FIXTURES, 'seed-002-ha-tinh.md');
    const loaded = packagesLoadedBy(`
      const kb = loadKnowledge({ schemasDir: ${JSON.stringify(SCHEMAS)} }).kb;
      const text = require('node:fs').readFileSync(${JSON.stringify(seed)}, 'utf8');
      const settings = { mode: 'drafting', lang: 'vi', levels: {}, key: '' };
      // The server checks in its worker thread: the same runner, which the analysis waits for.
      const runner = new CheckRunner({ log: () => {} });
      try {
        const analysis = await analyzeText(runner, 'file:///plan.md', text, 1, 'markdown', settings, kb, 0, '2026-12-05', () => {});
        if (analysis.findings.length === 0) throw new Error('the seed has findings');
      } finally {
        runner.dispose();
      }
      const io = { stdout: () => {}, stderr: () => {}, cwd: ${JSON.stringify(PLAN_FIXTURES)} };
      const code = await runCliAsync(['check', 'seed-002-ha-tinh.md', '--format', 'json'], io);
      if (code > 1) throw new Error('plan43 check exited with ' + code);
    `);
    assert.ok(loaded.includes('yaml') && loaded.includes('markdown-it'), `the check ran: ${loaded.join(', ')}`);
    assert.deepEqual(loaded.filter((p) => ON_DEMAND.includes(p)), []);
  });

  it('exporting and a user data file load them when needed', function () {
    this.timeout(60_000);
    const loaded = packagesLoadedBy(`
      const os = require('node:os'), fs = require('node:fs'), path = require('node:path');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-lazy-'));
      try {
        const io = { stdout: () => {}, stderr: () => {}, cwd: ${JSON.stringify(PLAN_FIXTURES)} };
        const registry = path.join(dir, 'registry.yaml');
        fs.writeFileSync(registry, 'documents: []\\n');
        const code = await runCliAsync(['export', 'clean-party.md', '-o', path.join(dir, 'plan.docx'), '--registry', registry], io);
        if (code !== 0) throw new Error('plan43 export exited with ' + code);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    `);
    for (const p of ['docx', 'jszip', 'ajv']) assert.ok(loaded.includes(p), `${p} in ${loaded.join(', ')}`);
  });

  it('the server bundle leaves the Word module and Ajv to bundles of their own, dist/word.js and dist/ajv.js, and its entry holds only the loader', async function () {
    this.timeout(120_000);
    // The options scripts/bundle.js builds the package with.
    const { builds } = require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as { builds: esbuild.BuildOptions[] };
    const outputs = new Map<string, { inputs: string[]; imports: string[] }>();
    for (const b of builds.filter((x) => /(server|server\.bundle|word|ajv)\.js$/.test(x.outfile ?? ''))) {
      const result = await esbuild.build({ ...b, write: false, metafile: true, logLevel: 'silent' });
      for (const [file, info] of Object.entries(result.metafile.outputs)) {
        if (file.endsWith('.js')) outputs.set(path.basename(file), { inputs: Object.keys(info.inputs), imports: info.imports.map((i) => i.path) });
      }
    }
    const entry = outputs.get('server.js');
    const server = outputs.get('server.bundle.js');
    const word = outputs.get('word.js');
    const ajv = outputs.get('ajv.js');
    assert.ok(entry && server && word && ajv, [...outputs.keys()].join(', '));
    // What Node compiles without a cache: the loader and the early worker start, none of the server.
    assert.deepEqual(entry.inputs.sort(), ['server/src/node/code-cache.ts', 'server/src/node/early-worker.ts', 'server/src/node/server-entry.ts']);
    const heavy = (inputs: string[]): string[] => inputs.filter((f) => /node_modules\/(docx|jszip|pako|mammoth)\//.test(f) || f.endsWith('server/src/node/word.ts'));
    const validator = (inputs: string[]): string[] => inputs.filter((f) => f.includes('node_modules/ajv/'));
    assert.deepEqual([...heavy(server.inputs), ...validator(server.inputs)], []);
    assert.deepEqual(validator(word.inputs), []);
    assert.ok(server.imports.includes('./word.js') && server.imports.includes('./ajv.js'), server.imports.join(', '));
    assert.ok(heavy(word.inputs).length > 3, 'dist/word.js holds the Word libraries');
    assert.ok(validator(ajv.inputs).length > 3, 'dist/ajv.js holds Ajv');
  });
});
