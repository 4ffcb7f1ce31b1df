#!/usr/bin/env node
// The long soak run over LSP (100,000 random edits by default): the seeded fuzz of the test suite, longer; prints the figures the README's "Reliability" section quotes.
'use strict';

// Usage: npx tsc -b && node scripts/fuzz-soak.js [--edits N] [--seed N] [--json] [--dump DIR] [--heap MB]
//   --edits N   how many edits (default 100000)
//   --seed N    the seed of the random edits (default 43); the same seed replays the same edits
//   --json      print the result as JSON only
//   --dump DIR  write the text and both diagnostic lists of any disagreement with the core to DIR
//   --heap MB   limit the server's heap: a leak becomes a crash
// Exit code 0 when the run is clean (no failed request, no crash, no disagreement, no internal error).

const path = require('node:path');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const fuzzModule = path.join(__dirname, '..', 'out', 'test', 'robustness', 'support', 'fuzz.js');
let runFuzz;
try {
  ({ runFuzz } = require(fuzzModule));
} catch {
  process.stderr.write('fuzz-soak: the tests are not built; run "npx tsc -b" first\n');
  process.exit(2);
}

const json = process.argv.includes('--json');
const options = {
  seed: Number(option('seed', '43')),
  edits: Number(option('edits', '100000')),
  // Five plans of the fixtures: both variants, both syntaxes, clean ones and seeds full of findings
  // (the largest seed, 60 thousand characters, among them).
  plans: ['clean-state.md', 'clean-party.md', 'clean-state.yaml', 'seed-003-kien-giang.md', 'seed-001-lang-son.md'],
  requestRate: 0.25,
  window: 4,
  verifyEvery: 500,
  resetEvery: 250,
  ...(option('dump') ? { dumpDir: path.resolve(option('dump')) } : {}),
  // A heap limit for the server (--heap MB): a leak then ends the run with a crash instead of slowly growing.
  ...(option('heap') ? { nodeArgs: [`--max-old-space-size=${Number(option('heap'))}`] } : {}),
  progress: json ? undefined : (line) => process.stdout.write(`  ${line}\n`),
};

const mb = (bytes) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1048576)} MB`);

runFuzz(options).then(
  (r) => {
    const clean = r.failed.length === 0 && r.mismatches.length === 0 && r.internalErrors.length === 0 && r.crashes === 0 && r.exitCode === 0;
    if (json) {
      process.stdout.write(`${JSON.stringify({ ...r, node: process.version, platform: `${process.platform}-${process.arch}`, clean }, null, 2)}\n`);
    } else {
      process.stdout.write(
        [
          '',
          `seed ${r.seed}, ${r.edits} edits across ${options.plans.length} open plans in ${(r.durationMs / 1000).toFixed(0)} s (node ${process.version}, ${process.platform}-${process.arch})`,
          `requests: ${r.requests} sent, ${r.answered} answered, ${r.cancelled} cancelled (superseded or over budget), ${r.failed.length} failed`,
          `checks against the core: ${r.verified}, disagreements: ${r.mismatches.length}`,
          `internal errors: ${r.internalErrors.length}, crashes: ${r.crashes}, exit code: ${r.exitCode}`,
          `peak server memory (resident): ${mb(r.peakRssBytes)}`,
          ...r.failed.map((f) => `  failed: ${f}`),
          ...r.mismatches.map((m) => `  disagreement: ${m}`),
          ...r.internalErrors.map((m) => `  internal error: ${m}`),
          clean ? 'clean run' : 'NOT CLEAN',
          '',
        ].join('\n'),
      );
    }
    process.exitCode = clean ? 0 : 1;
  },
  (err) => {
    process.stderr.write(`fuzz-soak: ${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  },
);
