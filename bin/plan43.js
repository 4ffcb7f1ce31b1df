#!/usr/bin/env node
// The `plan43` command: the command line (check, import, export) and the language server for editors (`plan43 lsp --stdio`).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const args = process.argv.slice(2);
const lsp = args[0] === 'lsp';

/**
 * V8's heap growing factor for the command line, on every thread of the process (V8's flags are
 * the process's). A run over many files makes mostly garbage, so V8 sees its collections as cheap
 * and lets each heap grow to up to 4x what lives before the next full collection: most of the
 * peak resident memory (docs/benchmarks.md). A factor of 2 took the peak on 10,000 plans to
 * about three quarters for at most a few percent more CPU time. Node does not take this V8 flag in
 * NODE_OPTIONS; set here, before any check, V8 reads it at each full collection. Not for the
 * language server, whose heaps have ceilings that give the same factor (SERVER_EXEC_ARGV in
 * client/src/server-options.ts, the check worker's own) and where the flag cost more CPU time.
 */
/*
 * And V8's interrupt budget, 4x its own (66 KB of bytecode run between two looks at a function's
 * heat): a function goes to the optimizing compiler after four times as much running. That
 * compiler runs on V8's helper threads, beside the checking threads, and each worker's isolate
 * compiles the same functions again: at V8's own budget it was some 40 % of the instructions of a
 * run over 200 plans on one thread, and on two threads most of what the second thread added. This
 * budget takes about half of it off for some 14 % more of the rest (docs/benchmarks.md, *the
 * command line's wall time on two threads*, twenty-first round, and *the command line's CPU time*,
 * twenty-second round). Set before the bundle is loaded, so that its code cache is made and read
 * under the same flags, and the workers start with it.
 */
const CLI_V8_FLAGS = '--heap-growing-percent=100 --interrupt-budget=270336';
if (!lsp) require('node:v8').setFlagsFromString(CLI_V8_FLAGS);

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

/**
 * V8's semi-space growth factor as V8 has it, given back as the process ends, before the bundle's
 * loader writes its code cache (server/src/node/code-cache.ts; registered before it, so run before
 * it). V8 takes a cache only under the flags it was made with, and the run sets this factor to 1
 * and leaves it (server/src/node/young-space.ts): every cache a run of many plans wrote was refused
 * by the next run's start, which compiled the bundle again and wrote another cache at its end.
 */
const V8_OWN_GROWTH = '--semi-space-growth-factor=2';
if (!lsp) process.on('exit', () => require('node:v8').setFlagsFromString(V8_OWN_GROWTH));

const program = load();
const io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  // The process ends with the run: what the run set for V8 need not be given back.
  processEnds: true,
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
      process.stderr.write(`plan43: ${(err && err.message) || String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
