#!/usr/bin/env node
// The `plan43` command: runs the built command line (npm run build creates out/).
'use strict';
const path = require('node:path');
let cli;
try {
  cli = require(path.join(__dirname, '..', 'out', 'server', 'src', 'cli.js'));
} catch (err) {
  process.stderr.write('plan43: chưa biên dịch, hãy chạy "npm run build" / not built yet, run "npm run build"\n');
  process.exit(2);
}
const io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
};
// import and export read and write Word files asynchronously; check alone is synchronous.
const run = cli.runCliAsync ? cli.runCliAsync : (argv, io_) => Promise.resolve(cli.runCli(argv, io_));
run(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`plan43: ${(err && err.message) || String(err)}\n`);
    process.exitCode = 2;
  },
);
