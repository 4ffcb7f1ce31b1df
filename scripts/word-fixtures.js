#!/usr/bin/env node
// Builds the Word test documents the way offices make them: every .fodt under test/fixtures/word/ saved as .docx (and one as a Word 97–2003 .doc) by LibreOffice, cached by content hash under .cache/word/.
'use strict';

// Usage: node scripts/word-fixtures.js
//
// LibreOffice Writer is installed with apt-get when `soffice` is missing (only as root, see
// scripts/apt.js). A document is converted again only when its .fodt changes: the cache name holds
// a hash of the source, and a conversion goes to a scratch folder before it is moved into place,
// so an interrupted run never leaves a half-written document that looks complete.

const { createHash } = require('node:crypto');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureDebianPackages } = require('./apt');

const ROOT = path.resolve(__dirname, '..');
const SOURCES = path.join(ROOT, 'test', 'fixtures', 'word');
const CACHE = path.join(ROOT, '.cache', 'word');
/** The documents also saved in the Word 97–2003 format, for the test of a .doc renamed .docx. */
const AS_DOC = new Set(['clean-party']);
/** Bumped when the way documents are converted changes, so that the cache is rebuilt. */
const RECIPE = 'docx:MS Word 2007 XML / doc:MS Word 97 / v1';

function onPath(command) {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/** LibreOffice, installed from Debian's packages when it is missing. */
function ensureLibreOffice(log) {
  if (onPath('soffice')) return;
  ensureDebianPackages(['libreoffice-writer'], { recommends: false, logFile: path.join(CACHE, 'apt-get.log'), log });
  if (!onPath('soffice')) throw new Error('LibreOffice (soffice) is still missing after apt-get install libreoffice-writer');
}

/** Converts the sources to one format in a single LibreOffice run (starting it is the slow part). */
function convert(sources, format, outDir) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-lo-profile-'));
  try {
    const r = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...sources],
      { encoding: 'utf8', timeout: 15 * 60 * 1000, maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.error) throw new Error(`soffice could not run: ${r.error.message}`);
    return `${r.stdout || ''}${r.stderr || ''}`;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The converted documents, converting those whose source changed: { name: { docx, doc? } } with
 * absolute paths, name being the .fodt's name without its extension.
 */
function officeDocuments(options = {}) {
  const log = options.log || ((line) => process.stdout.write(`[word fixtures] ${line}\n`));
  const wanted = [];
  for (const file of fs.readdirSync(SOURCES).filter((f) => f.endsWith('.fodt')).sort()) {
    const name = file.replace(/\.fodt$/, '');
    const source = path.join(SOURCES, file);
    const hash = createHash('sha256').update(RECIPE).update(fs.readFileSync(source)).digest('hex').slice(0, 16);
    for (const ext of AS_DOC.has(name) ? ['docx', 'doc'] : ['docx']) {
      wanted.push({ name, ext, source, target: path.join(CACHE, `${name}-${hash}.${ext}`) });
    }
  }
  const missing = wanted.filter((w) => !fs.existsSync(w.target));
  if (missing.length > 0) {
    ensureLibreOffice(log);
    fs.mkdirSync(CACHE, { recursive: true });
    for (const ext of ['docx', 'doc']) {
      const batch = missing.filter((w) => w.ext === ext);
      if (batch.length === 0) continue;
      log(`converting ${batch.length} document(s) to .${ext} with LibreOffice`);
      const scratch = fs.mkdtempSync(path.join(CACHE, 'partial-'));
      try {
        const output = convert(batch.map((w) => w.source), ext === 'docx' ? 'docx:MS Word 2007 XML' : 'doc:MS Word 97', scratch);
        for (const w of batch) {
          const made = path.join(scratch, `${w.name}.${ext}`);
          if (!fs.existsSync(made)) throw new Error(`LibreOffice did not write ${w.name}.${ext}:\n${output.slice(-4000)}`);
          fs.renameSync(made, w.target);
        }
      } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
      }
    }
    // Conversions of older versions of the sources are of no more use.
    const current = new Set(wanted.map((w) => path.basename(w.target)));
    for (const f of fs.readdirSync(CACHE)) {
      if (/\.(docx|doc)$/.test(f) && !current.has(f)) fs.rmSync(path.join(CACHE, f), { force: true });
    }
  }
  const out = {};
  for (const w of wanted) {
    out[w.name] ??= {};
    out[w.name][w.ext] = w.target;
  }
  return out;
}

module.exports = { officeDocuments, SOURCES };

if (require.main === module) {
  try {
    const docs = officeDocuments();
    process.stdout.write(`[word fixtures] ${Object.keys(docs).length} document(s) ready in ${path.relative(ROOT, CACHE)}\n`);
  } catch (err) {
    process.stderr.write(`word fixtures: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
