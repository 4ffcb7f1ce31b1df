#!/usr/bin/env node
// The `plan43` command: the command line (check, import, export) and the language server for editors (`plan43 lsp --stdio`).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const lsp = args[0] === 'lsp';

/**
 * A development checkout runs what `npm run build` compiled into out/ (always current while
 * working); the published package has no out/ and runs its bundle, which holds both programs.
 */
function load() {
  const compiled = path.join(root, 'out', 'server', 'src', lsp ? 'main.js' : 'cli.js');
  const bundled = path.join(root, 'dist', 'server.js');
  for (const file of [compiled, bundled]) {
    if (fs.existsSync(file)) return require(file);
  }
  process.stderr.write('plan43: chưa biên dịch, hãy chạy "npm run build" / not built yet, run "npm run build"\n');
  process.exit(2);
}

const program = load();
const io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};

if (lsp) {
  // The server reads its transport from process.argv, whose end these arguments are.
  const code = program.runLspCommand(args.slice(1), io);
  if (code !== undefined) process.exitCode = code;
} else {
  program.runCliAsync(args, io).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`plan43: ${(err && err.stack) || String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
