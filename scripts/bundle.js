#!/usr/bin/env node
// Bundles the extension client (dist/extension.js) and the language server with the command line (dist/server.js) with esbuild, for the .vsix and the npm package.
'use strict';

const path = require('node:path');
const esbuild = require('esbuild');
const { build: buildBundledData } = require('./bundled-data');

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

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
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
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : String(err)}\n`);
  process.exit(1);
});
