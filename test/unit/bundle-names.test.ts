// What the server's bundles define as they load: the LSP library's `export *` chains copied as values, not getters, and `yaml` read by the names the code imports.

import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

interface BundleScript {
  builds: esbuild.BuildOptions[];
  lspLibrary: esbuild.Plugin;
  LSP_LIBRARY: RegExp;
  namesImported: (module: string, sources: string) => string[];
  namesExported: (module: string, names: string[]) => string[];
}

const bundleScript = (): BundleScript => require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as BundleScript;

/** The options scripts/bundle.js builds `outfile` with. */
function buildOf(outfile: string): esbuild.BuildOptions {
  const options = bundleScript().builds.find((b) => b.outfile === outfile);
  assert.ok(options, outfile);
  return options;
}

/** `code` bundled as the server's bundle is (its plugins, or `plugins`), run, and its exports with the getters its load defined. */
async function loaded(code: string, plugins?: esbuild.Plugin[]): Promise<{ exports: Record<string, unknown>; getters: number }> {
  const options = buildOf('dist/server.bundle.js');
  const result = await esbuild.build({
    ...options,
    entryPoints: undefined,
    outfile: undefined,
    stdin: { contents: code, resolveDir: REPO_ROOT, loader: 'js' },
    plugins: plugins ?? options.plugins,
    write: false,
    sourcemap: false,
    minify: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  const m = { exports: {} as Record<string, unknown> };
  const define = Object.defineProperty;
  let getters = 0;
  Object.defineProperty = function <T>(o: T, k: PropertyKey, d: PropertyDescriptor & ThisType<unknown>): T {
    if (d && d.get) getters++;
    return define.call(Object, o, k, d) as T;
  };
  try {
    new Function('module', 'exports', 'require', text)(m, m.exports, require);
  } finally {
    Object.defineProperty = define;
  }
  return { exports: m.exports, getters };
}

/** A value's kind, to compare the library's names across two loads (functions by name and keys, objects by keys). */
function shape(v: unknown): string {
  if (typeof v === 'function') return `function ${v.name}: ${Object.keys(v).sort().join(',')}`;
  if (typeof v === 'object' && v !== null) return `object: ${Object.keys(v).sort().join(',')}`;
  return `${typeof v}: ${String(v)}`;
}

describe('names the server\'s bundles define at load', () => {
  it('the LSP library\'s `export *` copies each name\'s value, the same names of the same kinds as its getters, with a getter for none of them', async function () {
    this.timeout(120_000);
    const entry = "module.exports = require('vscode-languageserver/node');";
    const asShipped = await loaded(entry, []);
    const copied = await loaded(entry);
    const names = Object.keys(asShipped.exports).sort();
    assert.ok(names.length > 300, String(names.length));
    assert.deepEqual(Object.keys(copied.exports).sort(), names);
    for (const name of names) {
      assert.equal(shape(copied.exports[name]), shape(asShipped.exports[name]), name);
      assert.notEqual(copied.exports[name], undefined, name);
      assert.equal(Object.getOwnPropertyDescriptor(copied.exports, name)?.get, undefined, name);
    }
    // The library's four levels of re-exports: about 1,200 getters, none of them left.
    assert.ok(asShipped.getters - copied.getters > 1_000, `${asShipped.getters} → ${copied.getters}`);
  });

  it('the library\'s modules set their exports at their top level only, so a value copied once is the value a getter would read', () => {
    const { LSP_LIBRARY } = bundleScript();
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, e.name);
        if (e.isDirectory()) walk(file);
        else if (LSP_LIBRARY.test(file)) files.push(file);
      }
    };
    for (const p of ['vscode-languageserver', 'vscode-languageserver-protocol', 'vscode-jsonrpc']) walk(path.join(REPO_ROOT, 'node_modules', p, 'lib'));
    assert.ok(files.length > 30, String(files.length));
    // The protocol's `export *` of the types too, whose module (UMD) sets its exports in its factory, four spaces in.
    const types = path.join(REPO_ROOT, 'node_modules', 'vscode-languageserver-types', 'lib', 'umd', 'main.js');
    const inner: string[] = [];
    for (const file of [...files, types]) {
      const text = fs.readFileSync(file, 'utf8');
      const lines = file === types ? text.slice(text.indexOf('})(function (require, exports) {\n') + 33).split('\n').map((l) => l.replace(/^ {4}/, '')) : text.split('\n');
      for (const [i, line] of lines.entries()) {
        // `exports.a = …` at the start of a line, or a namespace's `})(A || (exports.A = A = {}));`
        // closing at the top level; anywhere else (a function, a later call) it could change after the copy.
        if (/\bexports\.\w+\s*=[^=]/.test(line) && !/^exports\./.test(line) && !/^\}\)\(\w+ \|\| \(exports\.\w+ = \w+ = \{\}\)\);$/.test(line)) inner.push(`${file}:${i + 1}: ${line.trim()}`);
        // A name re-exported by name (`export { a } from './b'`) is a getter of b's `a`, defined at the top level.
        if (/\bmodule\.exports\b/.test(line) || (/Object\.defineProperty\(exports,/.test(line) && !/^Object\.defineProperty\(exports, "(__esModule|\w+)", \{ (value: true|enumerable: true, get: function \(\) \{ return \w+\.\w+; \}) \}\);$/.test(line))) inner.push(`${file}:${i + 1}: ${line.trim()}`);
      }
    }
    assert.deepEqual(inner, []);
  });

  it('a name copied before its module sets it (a cycle) is read through a getter, and the build stops where a file of the LSP library holds `export *`\'s helper in another form', async function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-copied-re-exports-'));
    try {
      const lib = path.join(dir, 'node_modules', 'vscode-jsonrpc', 'lib', 'common');
      fs.mkdirSync(lib, { recursive: true });
      const shipped = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'vscode-languageserver', 'lib', 'common', 'api.js'), 'utf8');
      const helper = shipped.slice(shipped.indexOf('var __createBinding'), shipped.indexOf('}));') + 4);
      assert.match(helper, /Object\.defineProperty\(o, k2, desc\);/);
      const build = (text: string): Promise<esbuild.BuildResult> => {
        fs.writeFileSync(path.join(lib, 'api.js'), text);
        return esbuild.build({ entryPoints: [path.join(lib, 'api.js')], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent', plugins: [bundleScript().lspLibrary] });
      };
      const tail = '\nvar __exportStar = function(m, exports) { for (var p in m) if (p !== "default") __createBinding(exports, m, p); };\n__exportStar({ a: 1 }, exports);\n';
      const ok = await build(helper + tail);
      assert.doesNotMatch(ok.outputFiles?.[0].text ?? '', /getOwnPropertyDescriptor/);
      // Two modules re-exporting each other: b copies a's `x` before a has set it, and reads it through a getter.
      const star = '\nvar __exportStar = function(m, exports) { for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p); };\n';
      fs.writeFileSync(path.join(lib, 'b.js'), `${helper}${star}exports.y = void 0;\n__exportStar(require("./api"), exports);\nexports.y = 2;\n`);
      const cycle = await build(`${helper}${star}exports.x = void 0;\n__exportStar(require("./b"), exports);\nexports.x = 1;\nexports.b = require("./b");\n`);
      const m = { exports: {} as { x: number; y: number; b: { x: number; y: number } } };
      new Function('module', 'exports', 'require', cycle.outputFiles?.[0].text ?? '')(m, m.exports, require);
      assert.deepEqual([m.exports.x, m.exports.y, m.exports.b.x, m.exports.b.y], [1, 2, 1, 2]);
      await assert.rejects(build(helper.replace('desc.writable || desc.configurable', 'desc.writable') + tail), /__createBinding helper once/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('`yaml` is imported by name in the server\'s bundle and both workers\', without esbuild\'s copies of its exports', async function () {
    this.timeout(120_000);
    for (const outfile of ['dist/server.bundle.js', 'dist/check-worker.bundle.js', 'dist/check-files-worker.bundle.js']) {
      const result = await esbuild.build({ ...buildOf(outfile), write: false, minify: false, sourcemap: false, logLevel: 'silent' });
      const text = result.outputFiles?.find((f) => f.path.endsWith('.js'))?.text ?? '';
      const start = text.indexOf('\n// import-once:yaml\n');
      assert.ok(start >= 0, `${outfile}: yaml through its import-once module`);
      const end = text.indexOf('\n// ', start + 1);
      const shim = text.slice(start, end < 0 ? undefined : end);
      assert.doesNotMatch(shim, /__toESM|__reExport|__export\(/, shim);
      assert.match(shim, /var \{ (?=[^}]*\bparseDocument\b)(?=[^}]*\bisMap\b)[^}]*\} = m\d*;/, shim);
      // `Node` is imported as a type only: not a name of the module's exports.
      assert.doesNotMatch(shim, /\bNode\b/, shim);
    }
  });

  it('of the names imported, only those the module exports are read; a string naming the module is not an import, `import(` is', () => {
    const { namesExported, namesImported } = bundleScript();
    assert.deepEqual(namesExported('yaml', ['Node', 'isMap', 'parseDocument']), ['isMap', 'parseDocument']);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-names-imported-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { isMap } from 'yaml';\nexport const format: 'markdown' | 'yaml' = 'yaml';\n");
      assert.deepEqual(namesImported('yaml', dir), ['isMap']);
      fs.writeFileSync(path.join(dir, 'b.ts'), "export const load = () => import('yaml');\n");
      assert.throws(() => namesImported('yaml', dir), /imported otherwise than by name/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
