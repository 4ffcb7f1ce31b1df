#!/usr/bin/env node
// Builds dist/bundled-data.json: the bundled template, registry and names parsed from schemas/*.yaml, validated against their JSON Schemas and checked, so that the server and the command line start from data.
'use strict';

// Run after `tsc -b` (it uses the compiled loader, the same code that validates a user's files).
// Refuses to write a snapshot when any bundled file has a finding, or when the data would not
// survive JSON unchanged.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

/**
 * The snapshot's JSON with every character beyond ASCII written as a `\uXXXX` escape: the start reads
 * the file as UTF-8, and ASCII text is decoded to a one-byte string and parsed as one, where the
 * Vietnamese letters made it a two-byte string (decoded and parsed in 9.5 M instructions, counted in
 * a process of its own, against 7.5 M).
 */
function asciiJson(value) {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function build() {
  const compiled = path.join(root, 'out', 'server', 'src', 'node');
  if (!fs.existsSync(path.join(compiled, 'bundled-data.js'))) {
    throw new Error('out/ is not built: run "npx tsc -b" first');
  }
  const { loadKnowledge, loadSchemas } = require(path.join(compiled, 'knowledge.js'));
  const { snapshotOf, snapshotFile, readSources, SNAPSHOT_PATH } = require(path.join(compiled, 'bundled-data.js'));
  const { loadDataText } = require(path.join(root, 'out', 'server', 'src', 'core', 'data', 'load.js'));
  const schemasDir = path.join(root, 'schemas');

  // The files' digests and identities are taken before they are loaded and again after: the
  // snapshot records what the data was built from, and a file changed meanwhile stops the build.
  const sources = readSources(schemasDir);
  const loaded = loadKnowledge({ schemasDir, fromSource: true, lang: 'en' });
  const reread = readSources(schemasDir);
  for (const [name, state] of Object.entries(sources)) {
    if (reread[name].sha256 !== state.sha256 || reread[name].identity !== state.identity) throw new Error(`schemas/${name} changed while the snapshot was built: build again`);
  }
  const problems = loaded.dataFindings.flatMap((f) => f.findings.map((x) => `${path.basename(f.file)}: ${x.ruleId} ${x.message}`));
  if (problems.length > 0) throw new Error(`the bundled data has findings:\n${problems.join('\n')}`);

  const snapshot = snapshotOf(loaded.kb, sources);
  const json = asciiJson(snapshot);
  if (/[^\x00-\x7f]/.test(json)) throw new Error('the snapshot\'s text is not ASCII');
  const parsed = JSON.parse(json);
  // The escapes change the text only: it parses to what the plain text parses to.
  assert.deepStrictEqual(parsed, JSON.parse(JSON.stringify(snapshot)));
  // Nothing may be lost on the way to JSON (an undefined, a date object, a shared reference made a copy is fine).
  assert.deepStrictEqual({ template: parsed.template, registry: parsed.registry, names: parsed.names }, { ...loaded.kb });
  // What is written is valid by the schemas themselves, not only what was parsed.
  const schemas = loadSchemas(schemasDir);
  for (const kind of ['template', 'registry', 'names']) {
    const check = loadDataText(kind, JSON.stringify(parsed[kind]), schemas, 'en');
    const errors = check.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0 || check.data === undefined) throw new Error(`the ${kind} snapshot does not validate: ${errors.map((f) => f.message).join('; ')}`);
  }

  const file = snapshotFile(schemasDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, json, 'utf8');
  fs.renameSync(temporary, file);
  return { file: SNAPSHOT_PATH, bytes: Buffer.byteLength(json) };
}

module.exports = { build, asciiJson };

if (require.main === module) {
  try {
    const { file, bytes } = build();
    process.stdout.write(`${file}: ${(bytes / 1024).toFixed(0)} KiB\n`);
  } catch (err) {
    process.stderr.write(`bundled-data: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
