#!/usr/bin/env bash
# Renders the Word export of a plan to a PNG picture: plan43 export → LibreOffice (headless) → PDF →
# pdftoppm. The first page (header, kind, subject, body) and the last page (recipients and
# signature) are placed side by side.
#
# Usage: scripts/render-export.sh [plan.md] [picture.png]
#   defaults: test/fixtures/plans/clean-party.md → docs/export-sample.png
# Needs LibreOffice Writer and poppler-utils (installed with apt-get when missing). Times New
# Roman is replaced by the metric-compatible Liberation Serif when it is not installed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
plan="${1:-$root/test/fixtures/plans/clean-party.md}"
picture="${2:-$root/docs/export-sample.png}"
dpi="${RENDER_DPI:-70}"

have() { command -v "$1" >/dev/null 2>&1; }

if ! have soffice || ! have pdftoppm; then
  if ! have apt-get; then
    echo "render-export: LibreOffice (soffice) and pdftoppm are needed; install libreoffice-writer and poppler-utils" >&2
    exit 2
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    libreoffice-writer poppler-utils fonts-liberation >/dev/null
fi

if [ ! -f "$root/out/server/src/cli.js" ]; then
  (cd "$root" && npx tsc -b)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

node "$root/bin/plan43.js" export "$plan" -o "$work/plan.docx" >/dev/null
# A private profile keeps the conversion independent of any LibreOffice the user has open.
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/plan.docx" >/dev/null 2>&1
pdftoppm -r "$dpi" "$work/plan.pdf" "$work/page"

pages=("$work"/page-*.ppm)
first="${pages[0]}"
last="${pages[${#pages[@]}-1]}"

# Side by side on a grey background, written as PNG with Node's zlib (no image tools needed).
node - "$first" "$last" "$picture" <<'JS'
const fs = require('node:fs');
const zlib = require('node:zlib');
const [firstFile, lastFile, out] = process.argv.slice(2);

function readPpm(file) {
  const buf = fs.readFileSync(file);
  let pos = 0;
  const token = () => {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    if (buf[pos] === 0x23) { while (buf[pos] !== 0x0a) pos++; return token(); }
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

const pages = firstFile === lastFile ? [readPpm(firstFile)] : [readPpm(firstFile), readPpm(lastFile)];
const gap = 24;
const width = pages.reduce((w, p) => w + p.width, 0) + gap * (pages.length + 1);
const height = Math.max(...pages.map((p) => p.height)) + gap * 2;
const raw = Buffer.alloc((width * 3 + 1) * height, 0xd0);
for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0;
let x0 = gap;
for (const p of pages) {
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
fs.writeFileSync(
  out,
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]),
);
JS

echo "render-export: ${#pages[@]} page(s) rendered; wrote $picture"
