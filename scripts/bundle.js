#!/usr/bin/env node
// Bundles the extension client (dist/extension.js), the language server with the command line (dist/server.js), the server's check worker (dist/check-worker.js), each of these two a small entry that runs its code (*.bundle.js) through V8's code cache, the command line's check workers (dist/check-files-worker.js), their Word reader and writer (dist/word.js) and JSON Schema validator (dist/ajv.js) with esbuild, for the .vsix and the npm package, with the bundled packages' licences (dist/THIRD-PARTY-NOTICES.md).
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

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.bundle.js', plugins: [apart] },
  // The worker thread the server runs its checks in (server/src/node/check-runner.ts starts it beside itself).
  { ...common, entryPoints: ['server/src/node/check-worker.ts'], outfile: 'dist/check-worker.bundle.js', plugins: [apart] },
  // What Node starts (dist/server.js, dist/check-worker.js): a few lines that run the bundles above
  // through V8's code cache (server/src/node/code-cache.ts).
  { ...common, entryPoints: ['server/src/node/server-entry.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/node/check-worker-entry.ts'], outfile: 'dist/check-worker.js' },
  // The worker threads of `plan43 check` run in parallel (server/src/node/check-pool.ts starts them beside itself).
  { ...common, entryPoints: ['server/src/node/check-files-worker.ts'], outfile: 'dist/check-files-worker.js', plugins: [apart] },
  { ...common, entryPoints: ['server/src/node/word.ts'], outfile: 'dist/word.js', plugins: [apart] },
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

module.exports = { builds, NOTICES_FILE };

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
