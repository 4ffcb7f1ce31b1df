#!/usr/bin/env node
// Renders the Word export of a plan as a picture: plan43 export → LibreOffice (headless) → PDF → pdftoppm; the first page and the last (recipients and signature) side by side.
'use strict';

// Usage: node scripts/render-export.js [plan.md] [picture.png]
//   defaults: test/fixtures/plans/clean-party.md → docs/export-sample.png
// LibreOffice Writer and poppler-utils are installed with apt-get when missing (as root). Times
// New Roman is replaced by the metric-compatible Liberation Serif when it is not installed.
// RENDER_DPI sets the resolution (default 70).

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const office = require('./render/office');

const ROOT = path.resolve(__dirname, '..');
const plan = path.resolve(process.argv[2] || path.join(ROOT, 'test', 'fixtures', 'plans', 'clean-party.md'));
const picture = path.resolve(process.argv[3] || path.join(ROOT, 'docs', 'export-sample.png'));
const dpi = Number(process.env.RENDER_DPI) || 70;

function main() {
  office.ensureRenderTools({ log: (line) => process.stdout.write(`render-export: ${line}\n`) });
  if (!fs.existsSync(path.join(ROOT, 'out', 'server', 'src', 'cli.js'))) {
    const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
    if (spawnSync(process.execPath, [tsc, '-b'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('tsc -b failed');
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-render-'));
  try {
    const docx = path.join(work, 'plan.docx');
    const exported = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'plan43.js'), 'export', plan, '-o', docx], { encoding: 'utf8' });
    if (exported.status !== 0) throw new Error(`plan43 export failed: ${exported.stderr}`);
    const [pdf] = office.convertToPdf([docx], work);
    const pages = office.pdfLines(pdf).length;
    office.writeSideBySide(office.pdfToPixels(pdf, pages > 1 ? [1, pages] : [1], { dpi }), picture);
    process.stdout.write(`render-export: ${pages} page(s) rendered; wrote ${path.relative(process.cwd(), picture) || picture}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`render-export: ${err.message}\n`);
  process.exitCode = 1;
}
