// What starting the server or `plan43 check` loads: not the Word libraries (JSZip, docx) nor the JSON Schema validator (Ajv), in the compiled tree and in the bundle, nor Node's `crypto`, `child_process` and `v8` with the server's and the check worker's bundles.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

  it('regular expression literals of a bundle written in ASCII match what they matched', () => {
    const { asciiRegExps } = require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as { asciiRegExps: (code: string, file: string) => string };
    const patterns = ['/[“”"\'‘’]/g', '/\\ă|\\\\đ/', '/^[à-ỹ]+\\s*–/iu', '/😀+/u', '/😀+/', '/[^\\p{L}]Chương\\s+trình/gu', '/a\\/b/'];
    const code = `const s = "Nghị quyết"; const r = [${patterns.join(', ')}]; // ghi chú`;
    const ascii = asciiRegExps(code, 'sample.js');
    // The patterns and comments change; strings are left as they are (esbuild escapes them).
    assert.ok(ascii.startsWith('const s = "Nghị quyết"; const r = [/[\\u201C\\u201D"\'\\u2018\\u2019]/g, /\\u0103|\\\\\\u0111/,'), ascii);
    assert.ok(ascii.endsWith('/a\\/b/]; // ghi ch\\u00FA'), ascii);
    const literals = (c: string): RegExp[] => new Function(`${c}\nreturn r;`)() as RegExp[];
    const before = literals(code);
    const after = literals(ascii);
    assert.equal(/[^\x00-\x7e]/.test(after.map((r) => r.source).join('')), false);
    const samples = ['“trích”', 'ă\\đ', '\\ă', 'Ếch – x', 'ếch–', '😀😀', '\uD83D', ' Chương  trình', 'a/b', 'Nghị quyết'];
    for (const [i, re] of before.entries()) {
      assert.equal(after[i].flags, re.flags);
      for (const sample of samples) assert.deepEqual(sample.match(after[i]), sample.match(re), `${patterns[i]} on ${sample}`);
    }
  });

  it('loading the server\'s bundle or the check worker\'s loads none of Node\'s `crypto`, `child_process` and `v8`, which a start does not use', async function () {
    this.timeout(120_000);
    const { builds } = require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as { builds: esbuild.BuildOptions[] };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-lazy-builtins-'));
    try {
      for (const name of ['server.bundle.js', 'check-worker.bundle.js']) {
        const options = builds.find((b) => b.outfile?.endsWith(`/${name}`));
        assert.ok(options, name);
        const file = path.join(dir, name);
        const result = await esbuild.build({ ...options, write: false, logLevel: 'silent' });
        const code = result.outputFiles?.find((f) => f.path.endsWith('.js'));
        assert.ok(code, name);
        fs.writeFileSync(file, code.text);
        // Required, not run as the main module: its modules load, the server or the worker does not start.
        const program = `
          const before = new Set(process.moduleLoadList);
          require(${JSON.stringify(file)});
          process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule '))));
        `;
        const r = spawnSync(process.execPath, ['-e', program], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        const loaded = (JSON.parse(r.stdout) as string[]).map((m) => m.slice('NativeModule '.length));
        assert.ok(loaded.includes('vm'), `${name}: ${loaded.join(', ')}`);
        assert.deepEqual(loaded.filter((m) => /^(internal\/)?(crypto|child_process|v8)\b/.test(m)), [], name);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the server bundle reads the LSP library\'s names once, as the server\'s code imports them, instead of copying all of them as getters twice', async function () {
    this.timeout(120_000);
    const { builds } = require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as { builds: esbuild.BuildOptions[] };
    const options = builds.find((b) => b.outfile?.endsWith('/server.bundle.js'));
    assert.ok(options);
    const result = await esbuild.build({ ...options, write: false, logLevel: 'silent' });
    const text = result.outputFiles?.find((f) => f.path.endsWith('.js'))?.text ?? '';
    const start = text.indexOf('\n// import-once:vscode-languageserver/node\n');
    assert.ok(start >= 0, 'the library is imported through its import-once module');
    const end = text.indexOf('\n// ', start + 1);
    const shim = text.slice(start, end < 0 ? undefined : end);
    // What esbuild makes of `export *` of a CommonJS module: a getter per name, copied once by
    // __toESM and again by __reExport.
    assert.doesNotMatch(shim, /__toESM|__reExport|__export\(/, shim);
    assert.match(shim, /var \{ (?=[^}]*\bcreateConnection\b)(?=[^}]*\bProposedFeatures\b)[^}]*\} = m\d*;/, shim);
  });

  it('the names the server\'s code imports from the LSP library are read from its imports, and any other import of it stops the build', () => {
    const { namesImported } = require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as { namesImported: (module: string, sources: string) => string[] };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-names-imported-'));
    try {
      fs.mkdirSync(path.join(dir, 'lsp'));
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { Connection, createConnection as make } from 'vscode-languageserver/node';\nimport { x } from 'vscode-languageserver';\n");
      fs.writeFileSync(path.join(dir, 'lsp', 'b.ts'), "import type { Hover } from 'vscode-languageserver/node';\nimport {\n  ProposedFeatures,\n  type MarkupKind,\n  Connection,\n} from 'vscode-languageserver/node';\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import * as fs from 'node:fs';\n");
      assert.deepEqual(namesImported('vscode-languageserver/node', dir), ['Connection', 'ProposedFeatures', 'createConnection']);
      for (const other of ["import * as lsp from 'vscode-languageserver/node';", "import lsp from 'vscode-languageserver/node';", "import 'vscode-languageserver/node';", "const lsp = require('vscode-languageserver/node');"]) {
        fs.writeFileSync(path.join(dir, 'd.ts'), `${other}\n`);
        assert.throws(() => namesImported('vscode-languageserver/node', dir), /imported otherwise than by name/, other);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the server bundle leaves the Word module and Ajv to bundles of their own, dist/word.js and dist/ajv.js, its entry holds only the loader, and its code is ASCII and copies no module twice', async function () {
    this.timeout(120_000);
    // The options scripts/bundle.js builds the package with.
    const { builds } = require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as { builds: esbuild.BuildOptions[] };
    const outputs = new Map<string, { inputs: string[]; imports: string[] }>();
    const texts = new Map<string, string>();
    for (const b of builds.filter((x) => /(server|server\.bundle|check-worker\.bundle|check-files-worker|check-files-worker\.bundle|word|ajv)\.js$/.test(x.outfile ?? ''))) {
      const result = await esbuild.build({ ...b, write: false, metafile: true, logLevel: 'silent' });
      for (const [file, info] of Object.entries(result.metafile.outputs)) {
        if (file.endsWith('.js')) outputs.set(path.basename(file), { inputs: Object.keys(info.inputs), imports: info.imports.map((i) => i.path) });
      }
      for (const f of result.outputFiles ?? []) if (f.path.endsWith('.js')) texts.set(path.basename(f.path), f.text);
    }
    // The server's thread and its check worker hold their bundle's source while they run: in ASCII,
    // V8 holds it in one byte per character (scripts/bundle.js, asciiRegExps).
    for (const name of ['server.bundle.js', 'check-worker.bundle.js', 'check-files-worker.bundle.js']) {
      const text = texts.get(name) ?? '';
      assert.ok(text.length > 100_000, name);
      const wide = /[^\x00-\x7e]/.exec(text);
      assert.equal(wide, null, `${name}: ${JSON.stringify(text.slice((wide?.index ?? 0) - 40, (wide?.index ?? 0) + 10))}`);
      // A CommonJS module's exports are copied once per bundle (scripts/bundle.js, importOnce), not
      // once per module that imports it: 15 copies of the LSP library's 308 names cost every start.
      const copies = [...text.matchAll(/__toESM\((require[^)]*\))/g)].map((m) => m[1]);
      assert.ok(copies.length > 0, name);
      assert.deepEqual(copies.filter((c, i) => copies.indexOf(c) !== i), [], name);
    }
    const entry = outputs.get('server.js');
    const server = outputs.get('server.bundle.js');
    const word = outputs.get('word.js');
    const ajv = outputs.get('ajv.js');
    assert.ok(entry && server && word && ajv, [...outputs.keys()].join(', '));
    // What Node compiles without a cache: the loader (with the files' identities it knows its cache by), the heap flags set back and the early worker start, none of the server.
    assert.deepEqual(entry.inputs.sort(), ['server/src/node/code-cache.ts', 'server/src/node/early-worker.ts', 'server/src/node/file-identity.ts', 'server/src/node/server-entry.ts', 'server/src/node/v8-flags.ts']);
    // The command line's workers, as the server's check worker: an entry holding only the loader, which runs their bundle through the code cache.
    const filesWorker = outputs.get('check-files-worker.js');
    const filesWorkerCode = outputs.get('check-files-worker.bundle.js');
    assert.ok(filesWorker && filesWorkerCode, [...outputs.keys()].join(', '));
    assert.deepEqual(filesWorker.inputs.sort(), ['server/src/node/check-files-worker-entry.ts', 'server/src/node/code-cache.ts', 'server/src/node/file-identity.ts']);
    assert.ok(filesWorkerCode.inputs.includes('server/src/node/check-files.ts'), 'dist/check-files-worker.bundle.js holds the checks');
    const heavy = (inputs: string[]): string[] => inputs.filter((f) => /node_modules\/(docx|jszip|pako|mammoth)\//.test(f) || f.endsWith('server/src/node/word.ts'));
    const validator = (inputs: string[]): string[] => inputs.filter((f) => f.includes('node_modules/ajv/'));
    assert.deepEqual([...heavy(server.inputs), ...validator(server.inputs)], []);
    assert.deepEqual(validator(word.inputs), []);
    assert.ok(server.imports.includes('./word.js') && server.imports.includes('./ajv.js'), server.imports.join(', '));
    assert.ok(heavy(word.inputs).length > 3, 'dist/word.js holds the Word libraries');
    assert.ok(validator(ajv.inputs).length > 3, 'dist/ajv.js holds Ajv');
  });
});
