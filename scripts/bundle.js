#!/usr/bin/env node
// Bundles the extension client (dist/extension.js), the language server with the command line (dist/server.js), the server's check worker (dist/check-worker.js) and the command line's check workers (dist/check-files-worker.js), each a small entry that runs its code (*.bundle.js) through V8's code cache, their Word reader and writer (dist/word.js) and JSON Schema validator (dist/ajv.js) with esbuild, for the .vsix and the npm package, with the bundled packages' licences (dist/THIRD-PARTY-NOTICES.md).
'use strict';

const path = require('node:path');
const esbuild = require('esbuild');
const { build: buildBundledData } = require('./bundled-data');
const { writeNotices } = require('./third-party-notices');

/** The licences of the bundled npm packages, shipped beside the bundles. */
const NOTICES_FILE = 'dist/THIRD-PARTY-NOTICES.md';

const root = path.join(__dirname, '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Options shared by both bundles: CommonJS for Node, the Node that VS Code 1.82 ships (18). */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  // VS Code provides `vscode` at run time; everything else is inside the bundle, so the package
  // needs no node_modules.
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
  absWorkingDir: root,
  tsconfig: path.join(root, 'tsconfig.base.json'),
};

/** The Word reader and writer, which the server and the command line require only to import or export. */
const WORD_MODULE = path.join(root, 'server', 'src', 'node', 'word.ts');

/**
 * Keeps what start-up never runs out of dist/server.js, each in a bundle of its own required on
 * first use, so that Node neither reads nor compiles it when the server or `plan43 check`
 * starts: the Word module (with JSZip, docx and their dependencies, a third of the code) in
 * dist/word.js, and Ajv, which validates only a user's own data files, in dist/ajv.js.
 */
const apart = {
  name: 'apart',
  setup(build) {
    build.onResolve({ filter: /[\\/]word$/ }, (args) => {
      if (path.resolve(args.resolveDir, `${args.path}.ts`) !== WORD_MODULE) return undefined;
      return { path: './word.js', external: true };
    });
    build.onResolve({ filter: /^ajv$/ }, () => ({ path: './ajv.js', external: true }));
  },
};

/**
 * CommonJS modules that several of the server's modules import (three of Node's, and packages without an
 * ES module build). esbuild gives each ES module that imports a CommonJS one a copy of its exports
 * (`__toESM`: a getter per name), so the LSP library's 308 names were copied 15 times and `fs`'s
 * 104 names 14 times at every start.
 */
const SHARED_COMMONJS = /^(node:fs|node:path|node:v8|vscode-languageserver\/node|yaml)$/;

/**
 * Of those, the ones the server's code imports only by name: their module exports just the names
 * imported, each read once from the module. `export *` of the LSP library copied its 307 names
 * twice at every start (esbuild's `__toESM`, then its `__reExport`), about 600 of the 2,500
 * getters the server's thread defined before its first answer; a name read through them went
 * through three getters at each use. `yaml` likewise (its 29 names, 58 getters in each bundle that
 * holds it: the server's, its check worker's and the command line's workers').
 */
const BY_NAME_COMMONJS = new Set(['vscode-languageserver/node', 'yaml']);

/** The TypeScript files under `dir`, recursively. */
function typeScriptFiles(dir) {
  const fs = require('node:fs');
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? typeScriptFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/**
 * The names the server's code imports from `module` (`import { a, b as c, type d }`: a and b), read
 * from its sources; the build stops where the module is imported otherwise (a namespace, a default,
 * a side effect, `require`), which the names alone would not serve. esbuild itself stops the build
 * when a file imports a name the module does not export.
 */
function namesImported(module, sources) {
  const names = new Set();
  const quoted = `['"]${module.replace(/[/\\.]/g, '\\$&')}['"]`;
  for (const file of typeScriptFiles(sources)) {
    const code = require('node:fs').readFileSync(file, 'utf8');
    if (!new RegExp(quoted).test(code)) continue;
    let left = code;
    for (const m of code.matchAll(new RegExp(`^import (type )?\\{([^}]*)\\} from ${quoted};`, 'gm'))) {
      left = left.replace(m[0], '');
      if (m[1]) continue;
      for (const part of m[2].split(',').map((x) => x.trim()).filter(Boolean)) {
        if (part.startsWith('type ')) continue;
        names.add(part.split(/\s+as\s+/)[0]);
      }
    }
    // Any other import of the module (`from`, `import`, `import(`, `require(` before its name); the
    // name alone, as a string of the code ('yaml' as a format), is not an import.
    if (new RegExp(`(\\bfrom|\\bimport|\\brequire)\\s*\\(?\\s*${quoted}`).test(left)) throw new Error(`${file}: ${module} imported otherwise than by name`);
  }
  return [...names].sort();
}

/**
 * Of `names`, those `module` exports when Node requires it as the build runs: a name the code
 * imports only as a type (`import { Node } from 'yaml'`, which TypeScript drops) is not exported,
 * so esbuild stops the build where code uses such a name as a value, instead of the bundle
 * reading it as `undefined` at run time.
 */
function namesExported(module, names) {
  const exports = require(require.resolve(module, { paths: [root] }));
  return names.filter((n) => Object.prototype.hasOwnProperty.call(exports, n));
}

/**
 * Imports of those modules from the server's code go through one module per name, which copies
 * the exports once: `export *` of the module, and its default export as esbuild's own copy gives
 * it (the module itself, or its `default` when it was compiled from an ES module); for the ones
 * imported only by name (BY_NAME_COMMONJS), the names imported, read when the module is first
 * imported (the library sets its exports once, as it loads).
 */
const importOnce = {
  name: 'import-once',
  setup(build) {
    const sources = path.join(root, 'server', 'src') + path.sep;
    build.onResolve({ filter: SHARED_COMMONJS }, (args) => {
      if (args.namespace === 'import-once' || !args.importer.startsWith(sources)) return undefined;
      return { path: args.path, namespace: 'import-once' };
    });
    build.onLoad({ filter: /.*/, namespace: 'import-once' }, (args) => {
      const name = JSON.stringify(args.path);
      const byName = BY_NAME_COMMONJS.has(args.path) ? namesExported(args.path, namesImported(args.path, sources)) : undefined;
      return {
        contents: byName
          ? `const m = require(${name});\nexport const { ${byName.join(', ')} } = m;\n`
          : `export * from ${name};\nconst m = require(${name});\nexport default m && m.__esModule ? m.default : m;\n`,
        resolveDir: root,
        loader: 'js',
      };
    });
  },
};

/**
 * Node's modules the LSP library requires at its top level for what a start never does: `crypto`
 * only to name a pipe it would listen on, `child_process` only to find a globally installed
 * package. Each is required when first used instead; loading `crypto` (twenty of Node's modules)
 * cost the server's thread some 13 M instructions before its first answer, `child_process` (with
 * `dgram`) some 7 M where Node had not loaded it already (the standard streams transport).
 */
const LAZY_BUILTINS = [
  { file: path.join('vscode-jsonrpc', 'lib', 'node', 'main.js'), binding: 'crypto_1', module: 'crypto', names: ['randomBytes'] },
  { file: path.join('vscode-languageserver', 'lib', 'node', 'files.js'), binding: 'child_process_1', module: 'child_process', names: ['fork', 'spawnSync'] },
];

/** The library's file with `require` of a module of Node's replaced by getters that require it on first use (LAZY_BUILTINS). */
function lazyBuiltin(code, file, entry) {
  const line = `const ${entry.binding} = require("${entry.module}");`;
  // The library as it was read when this was written: the module required once, and used only by the names the getters offer.
  const used = [...code.matchAll(new RegExp(`\\b${entry.binding}\\b(?:\\.(\\w+))?`, 'g'))].map((m) => m[1]);
  if (code.split(line).length !== 2 || used.filter((n) => !entry.names.includes(n)).length !== 1) {
    throw new Error(`${file}: expected "${line}" once and only ${entry.names.join(', ')} of it used`);
  }
  const getters = entry.names.map((n) => `get ${n}() { return require("${entry.module}").${n}; }`).join(', ');
  return code.replace(line, `const ${entry.binding} = { ${getters} };`);
}

/**
 * TypeScript's helper for `export *` in the LSP library's CommonJS build, as its files hold it: it
 * defines a getter on the re-exporting module for each name of the module re-exported.
 */
const CREATE_BINDING = `var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));`;

/**
 * The helper in its place: the name's value copied, as TypeScript's own helper does for engines
 * without `Object.create`, and a getter as before only for a name whose module has not set it yet
 * (a cycle), so no name is lost or frozen at `undefined`. The library's modules set their exports
 * once, at their top level, before `require` returns them (the test of this plugin reads every
 * assignment to `exports` in the library), so a value copied is the value a getter would read.
 */
const COPY_BINDING = 'var __createBinding = function(o, m, k, k2) { if (k2 === undefined) k2 = k; var v = m[k]; if (v !== undefined) o[k2] = v; else Object.defineProperty(o, k2, { enumerable: true, get: function() { return m[k]; } }); };';

/** The packages of the LSP library, whose `export *` chains (four levels) defined about 1,200 getters at every start. */
const LSP_LIBRARY = /[\\/]node_modules[\\/](vscode-languageserver|vscode-languageserver-protocol|vscode-jsonrpc)[\\/]lib[\\/].*\.js$/;

/**
 * The LSP library's `export *` copies each name's value once instead of defining a getter for it:
 * its re-exports (the library's own names, the protocol's and JSON-RPC's, each copied up through
 * `common/api.js` and `node/main.js`) defined 1,178 getters while the server's bundle loaded, and
 * each name read through them went through up to four getters. The build stops where a file of the
 * library uses the helper in a form other than CREATE_BINDING.
 */
function copiedReExports(code, file) {
  if (code.split(CREATE_BINDING).length !== 2) throw new Error(`${file}: expected TypeScript's __createBinding helper once, as the library held it when this was written`);
  return code.replace(CREATE_BINDING, COPY_BINDING);
}

/** The LSP library's files as the server's bundle holds them: Node's modules required on first use (lazyBuiltin), `export *` by copies (copiedReExports). */
const lspLibrary = {
  name: 'lsp-library',
  setup(build) {
    build.onLoad({ filter: LSP_LIBRARY }, async (args) => {
      const lazy = LAZY_BUILTINS.find((e) => args.path.endsWith(path.sep + e.file));
      const code = await require('node:fs/promises').readFile(args.path, 'utf8');
      const copies = code.includes('__createBinding');
      if (!lazy && !copies) return undefined;
      const copied = copies ? copiedReExports(code, args.path) : code;
      return { contents: lazy ? lazyBuiltin(copied, args.path, lazy) : copied, loader: 'js' };
    });
  },
};

/** The files of `entities` (markdown-it's decoder of `&name;` references) whose HTML trie the bundles make on first use. */
const ENTITIES_TREE_FILE = /[\\/]node_modules[\\/]entities[\\/]dist[\\/]generated[\\/]decode-data-html\.js$/;
const ENTITIES_DECODE_FILE = /[\\/]node_modules[\\/]entities[\\/]dist[\\/]decode\.js$/;

/** The trie's module as `entities` ships it: the trie decoded from its packed string as the module loads. */
const TREE_DECLARED = 'export const htmlDecodeTree = /* #__PURE__ */ decodeTrieDict(';
/** The one place of decode.js that reads the trie, before it knows whether the text holds a reference. */
const TREE_READ = `    const decodeTree = htmlDecodeTree;
    // Fast path: no entities at all — return input without any allocation.
    let offset = input.indexOf("&");
    if (offset < 0)
        return input;
`;
const TREE_READ_LAZILY = `    // Fast path: no entities at all — return input without any allocation.
    let offset = input.indexOf("&");
    if (offset < 0)
        return input;
    const decodeTree = htmlDecodeTreeOf();
`;
const TREE_IMPORTED = 'import { htmlDecodeTree } from "./generated/decode-data-html.js";\n';
const TREE_RE_EXPORTED = 'export { htmlDecodeTree } from "./generated/decode-data-html.js";\n';

/**
 * `entities`' HTML trie (13,494 values) made on the first text that holds a `&`, instead of as the
 * module loads: decoding it from its packed string cost each thread that loads markdown-it (the
 * server's, its check worker's, each of the command line's workers) about 15 M instructions before
 * its first answer, and plans seldom hold a character reference. The trie's module exports a
 * function that makes it once; decode.js asks it after its own test for a `&`, and no longer
 * re-exports the trie, which nothing bundled imports (esbuild stops the build where something
 * would). The build stops where either file is not as this was written against.
 */
function lazyEntityTree(code, file) {
  if (ENTITIES_TREE_FILE.test(file)) {
    const at = code.indexOf(TREE_DECLARED);
    const end = at < 0 ? -1 : code.indexOf(');\n', at);
    if (at < 0 || code.indexOf(TREE_DECLARED, at + 1) >= 0 || end < 0 || /\bhtmlDecodeTree\b/.test(code.slice(end))) throw new Error(`${file}: expected the HTML trie declared once as ${TREE_DECLARED}…);`);
    const args = code.slice(at + TREE_DECLARED.length, end);
    return `${code.slice(0, at)}let htmlDecodeTreeMade;\nexport function htmlDecodeTreeOf() {\n    return htmlDecodeTreeMade ??= decodeTrieDict(${args});\n}\n${code.slice(end + 3)}`;
  }
  const parts = [TREE_IMPORTED, TREE_READ, TREE_RE_EXPORTED];
  if (parts.some((p) => code.split(p).length !== 2)) throw new Error(`${file}: expected the HTML trie imported, read and re-exported once each, as entities held it when this was written`);
  const lazy = code.replace(TREE_IMPORTED, 'import { htmlDecodeTreeOf } from "./generated/decode-data-html.js";\n').replace(TREE_READ, TREE_READ_LAZILY).replace(TREE_RE_EXPORTED, '');
  // Any other reading of the trie (outside comments) would be an import that is no longer there.
  const outsideComments = lazy.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  if (/\bhtmlDecodeTree\b/.test(outsideComments)) throw new Error(`${file}: reads the HTML trie elsewhere than in decodeWithTrie`);
  return lazy;
}

/** The bundles that hold markdown-it: `entities`' HTML trie made on first use (lazyEntityTree). */
const entitiesTree = {
  name: 'entities-tree',
  setup(build) {
    build.onLoad({ filter: /[\\/]entities[\\/]dist[\\/](generated[\\/]decode-data-html|decode)\.js$/ }, async (args) => {
      if (!ENTITIES_TREE_FILE.test(args.path) && !ENTITIES_DECODE_FILE.test(args.path)) return undefined;
      const code = await require('node:fs/promises').readFile(args.path, 'utf8');
      return { contents: lazyEntityTree(code, args.path), loader: 'js' };
    });
  },
};

/** A UTF-16 code unit as a `\uXXXX` escape. */
function unicodeEscape(code) {
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * V8 keeps the source of every script it runs (functions are compiled when first called), and holds
 * a source with one character above U+00FF as two bytes per character. esbuild escapes non-ASCII
 * characters in strings and templates but not in regular expression literals, so a few Vietnamese
 * letters and quotation marks in patterns made V8 hold the server's bundle in 1.5 MB instead of
 * 0.8 MB, and the check worker's in 0.8 MB instead of 0.4 MB. They are written as `\uXXXX` escapes,
 * which mean the same character in a pattern, with or without the `u` flag (an escaped letter,
 * `\ă`, becomes `\u0103`). A development build's source map is a few columns off after such a
 * pattern, on its line only.
 */
function escapeRegExpLiteral(literal) {
  let out = '';
  for (let i = 0; i < literal.length; i++) {
    const code = literal.charCodeAt(i);
    if (code === 0x5c && i + 1 < literal.length) {
      const next = literal.charCodeAt(i + 1);
      out += next > 0x7e ? unicodeEscape(next) : literal.slice(i, i + 2);
      i++;
    } else {
      out += code > 0x7e ? unicodeEscape(code) : literal[i];
    }
  }
  return out;
}

/**
 * The bundle with its regular expression literals written in ASCII (see escapeRegExpLiteral), and
 * its comments too (a development build keeps them; a letter there is only a letter of a comment).
 */
function asciiRegExps(code, file) {
  if (!/[^\x00-\x7e]/.test(code)) return code;
  const ts = require('typescript');
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const edits = new Map();
  const escapeComments = (ranges) => {
    for (const r of ranges ?? []) {
      const comment = code.slice(r.pos, r.end);
      if (/[^\x00-\x7e]/.test(comment)) edits.set(r.pos, { start: r.pos, end: r.end, escaped: comment.replace(/[^\x00-\x7e]/g, (c) => unicodeEscape(c.charCodeAt(0))) });
    }
  };
  const visit = (node) => {
    escapeComments(ts.getLeadingCommentRanges(code, node.pos));
    escapeComments(ts.getTrailingCommentRanges(code, node.end));
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const start = node.getStart(source);
      const literal = code.slice(start, node.end);
      if (/[^\x00-\x7e]/.test(literal)) {
        const escaped = escapeRegExpLiteral(literal);
        // The same pattern: the literal and its escaped form replace every character they name alike.
        const [before, after] = [literal, escaped].map((l) => new Function(`return ${l}`)());
        const sample = `${literal}àáạảãăằắặẳẵâầấậẩẫđèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ“”‘’«»–—…`;
        const probe = (re) => sample.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), '\0');
        if (before.flags !== after.flags || probe(before) !== probe(after)) throw new Error(`${file}: escaping ${literal} changed the pattern`);
        edits.set(start, { start, end: node.end, escaped });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let out = '';
  let at = 0;
  for (const e of [...edits.values()].sort((a, b) => a.start - b.start)) {
    if (e.start < at) continue;
    out += code.slice(at, e.start) + e.escaped;
    at = e.end;
  }
  return out + code.slice(at);
}

/** The bundles the server's entries run through V8's code cache (server/src/node/code-cache.ts). */
const CODE_CACHED = new Set(['dist/server.bundle.js', 'dist/check-worker.bundle.js', 'dist/check-files-worker.bundle.js']);

/**
 * The last line of a code-cached bundle: the SHA-256 of the code before it, which the cache loader
 * records with the bundle's size and modification time instead of digesting the bundle at every
 * start (BUNDLE_STAMP in server/src/node/code-cache.ts).
 */
const BUNDLE_STAMP = '\n//# plan43-bundle-sha256=';

function stamped(code) {
  const digest = require('node:crypto').createHash('sha256').update(code).digest('hex');
  return `${code}${BUNDLE_STAMP}${digest}\n`;
}

/** Bundles whose source the server's threads hold for as long as they run: written in ASCII, and stamped when code-cached. */
const asciiSource = {
  name: 'ascii-source',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length) return;
      if (build.initialOptions.write === false) {
        result.outputFiles = result.outputFiles.map((f) => {
          if (!f.path.endsWith('.js')) return f;
          const text = asciiRegExps(f.text, f.path);
          return { path: f.path, contents: Buffer.from(text, 'utf8'), hash: f.hash, text };
        });
        return;
      }
      const fs = require('node:fs');
      const file = path.join(root, build.initialOptions.outfile);
      const code = fs.readFileSync(file, 'utf8');
      const ascii = asciiRegExps(code, file);
      const out = CODE_CACHED.has(build.initialOptions.outfile) ? stamped(ascii) : ascii;
      if (out !== code) fs.writeFileSync(file, out);
    });
  },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.bundle.js', plugins: [apart, importOnce, lspLibrary, entitiesTree, asciiSource] },
  // The worker thread the server runs its checks in (server/src/node/check-runner.ts starts it beside itself).
  { ...common, entryPoints: ['server/src/node/check-worker.ts'], outfile: 'dist/check-worker.bundle.js', plugins: [apart, importOnce, entitiesTree, asciiSource] },
  // What Node starts (dist/server.js, dist/check-worker.js): a few lines that run the bundles above
  // through V8's code cache (server/src/node/code-cache.ts).
  { ...common, entryPoints: ['server/src/node/server-entry.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/node/check-worker-entry.ts'], outfile: 'dist/check-worker.js' },
  // The worker threads of `plan43 check` run in parallel (server/src/node/check-pool.ts starts
  // dist/check-files-worker.js beside itself): an entry of a few lines, as above, that runs their
  // code through V8's code cache, which each worker would otherwise compile again at every run.
  { ...common, entryPoints: ['server/src/node/check-files-worker.ts'], outfile: 'dist/check-files-worker.bundle.js', plugins: [apart, importOnce, entitiesTree, asciiSource] },
  { ...common, entryPoints: ['server/src/node/check-files-worker-entry.ts'], outfile: 'dist/check-files-worker.js' },
  { ...common, entryPoints: ['server/src/node/word.ts'], outfile: 'dist/word.js', plugins: [apart, entitiesTree] },
  { ...common, entryPoints: [path.relative(root, require.resolve('ajv', { paths: [root] }))], outfile: 'dist/ajv.js' },
];

async function main() {
  // The bundles read the bundled data from its snapshot beside them (dist/bundled-data.json).
  const data = buildBundledData();
  process.stdout.write(`${data.file}: ${(data.bytes / 1024).toFixed(0)} KiB\n`);
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, metafile: true })));
  for (const r of results) {
    for (const [file, info] of Object.entries(r.metafile.outputs)) {
      if (file.endsWith('.js')) process.stdout.write(`${file}: ${(info.bytes / 1024).toFixed(0)} KiB\n`);
    }
  }
  // The licences of the packages now inside the bundles travel with them.
  const notices = writeNotices(
    results.map((r) => r.metafile),
    root,
    path.join(root, NOTICES_FILE),
  );
  process.stdout.write(`${NOTICES_FILE}: ${notices.length} packages\n`);
}

module.exports = { builds, NOTICES_FILE, asciiRegExps, BUNDLE_STAMP, namesImported, namesExported, lspLibrary, LSP_LIBRARY, lazyEntityTree, entitiesTree };

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
