// Renders exported documents as a reader sees them: LibreOffice turns .docx into PDF, poppler reads the PDF's pages, lines and positions and draws them as pictures.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { ensureDebianPackages } = require('../apt');

const ROOT = path.resolve(__dirname, '..', '..');
/** Points in a millimetre: PDF coordinates are points. */
const PT_PER_MM = 72 / 25.4;

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

/**
 * LibreOffice Writer, poppler-utils and the Liberation fonts (Liberation Serif is metric-compatible
 * with Times New Roman, which Debian does not ship), installed with apt-get when a command is
 * missing; Chromium too when `chromium` is asked for.
 */
function ensureRenderTools({ chromium = false, log = () => undefined } = {}) {
  const packages = [];
  if (!onPath('soffice')) packages.push('libreoffice-writer');
  if (!onPath('pdftoppm') || !onPath('pdftotext')) packages.push('poppler-utils');
  packages.push('fonts-liberation');
  const installed = ensureDebianPackages(packages, { recommends: false, logFile: path.join(ROOT, '.cache', 'render', 'apt-get.log'), log });
  if (chromium) installed.push(...ensureDebianPackages(['chromium'], { logFile: path.join(ROOT, '.cache', 'render', 'apt-get.log'), log }));
  return installed;
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: options.encoding === null ? undefined : 'utf8', maxBuffer: 512 * 1024 * 1024, ...options });
  if (r.error) throw new Error(`${command} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${String(r.stderr || r.stdout || '').slice(-2000)}`);
  return r.stdout;
}

/**
 * Converts documents to PDF with one LibreOffice process (each start costs seconds), in a private
 * profile so that a LibreOffice the user has open does not interfere. Returns the PDF paths.
 */
function convertToPdf(files, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-soffice-'));
  try {
    run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...files]);
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  return files.map((f) => {
    const pdf = path.join(outDir, `${path.basename(f).replace(/\.[^.]+$/, '')}.pdf`);
    if (!fs.existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${f}`);
    return pdf;
  });
}

function decodeEntities(s) {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (m, e) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(Number(e.slice(1))),
  );
}

/**
 * The lines of each page of a PDF with their boxes in millimetres from the page's top left
 * (`pdftotext -bbox-layout`): [{ width, height, lines: [{ text, x0, y0, x1, y1 }] }].
 */
function pdfLines(pdf) {
  const xml = run('pdftotext', ['-bbox-layout', pdf, '-']);
  const pages = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  for (let pm = pageRe.exec(xml); pm; pm = pageRe.exec(xml)) {
    const lines = [];
    const lineRe = /<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g;
    for (let lm = lineRe.exec(pm[3]); lm; lm = lineRe.exec(pm[3])) {
      const words = [...lm[5].matchAll(/<word[^>]*>([\s\S]*?)<\/word>/g)].map((w) => decodeEntities(w[1]));
      lines.push({
        text: words.join(' '),
        x0: Number(lm[1]) / PT_PER_MM,
        y0: Number(lm[2]) / PT_PER_MM,
        x1: Number(lm[3]) / PT_PER_MM,
        y1: Number(lm[4]) / PT_PER_MM,
      });
    }
    pages.push({ width: Number(pm[1]) / PT_PER_MM, height: Number(pm[2]) / PT_PER_MM, lines });
  }
  return pages;
}

/** Draws pages of a PDF as PNG files `<prefix>-<n>.png` (1-based); returns their paths. */
function pdfToPng(pdf, prefix, { dpi = 70, first, last } = {}) {
  const args = ['-png', '-r', String(dpi)];
  if (first) args.push('-f', String(first));
  if (last) args.push('-l', String(last));
  run('pdftoppm', [...args, pdf, prefix]);
  const dir = path.dirname(prefix);
  const base = path.basename(prefix);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort((a, b) => Number(/-(\d+)\.png$/.exec(a)[1]) - Number(/-(\d+)\.png$/.exec(b)[1]))
    .map((f) => path.join(dir, f));
}

/** Draws pages of a PDF as raw pictures (binary PPM read into memory): [{ width, height, data }]. */
function pdfToPixels(pdf, pages, { dpi = 70 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-ppm-'));
  try {
    return pages.map((n) => {
      run('pdftoppm', ['-r', String(dpi), '-f', String(n), '-l', String(n), '-singlefile', pdf, path.join(dir, `page-${n}`)]);
      return readPpm(path.join(dir, `page-${n}.ppm`));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function readPpm(file) {
  const buf = fs.readFileSync(file);
  let pos = 0;
  const token = () => {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) {
      while (buf[pos] !== 0x0a) pos++;
      return token();
    }
    const start = pos;
    while (!/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    return buf.toString('ascii', start, pos);
  };
  if (token() !== 'P6') throw new Error(`${file}: not a binary PPM`);
  const width = Number(token());
  const height = Number(token());
  token();
  pos++;
  return { width, height, data: buf.subarray(pos, pos + width * height * 3) };
}

/** Places pictures side by side on a grey background and writes them as one PNG (Node's zlib only). */
function writeSideBySide(pictures, out, { gap = 24 } = {}) {
  const width = pictures.reduce((w, p) => w + p.width, 0) + gap * (pictures.length + 1);
  const height = Math.max(...pictures.map((p) => p.height)) + gap * 2;
  const raw = Buffer.alloc((width * 3 + 1) * height, 0xd0);
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0;
  let x0 = gap;
  for (const p of pictures) {
    for (let y = 0; y < p.height; y++) {
      const row = (y + gap) * (width * 3 + 1) + 1 + x0 * 3;
      p.data.copy(raw, row, y * p.width * 3, (y + 1) * p.width * 3);
    }
    x0 += p.width + gap;
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

module.exports = { ensureRenderTools, convertToPdf, pdfLines, pdfToPng, pdfToPixels, writeSideBySide, PT_PER_MM };
