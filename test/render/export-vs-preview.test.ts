// What the preview shows is what the export prints: the same plans exported to .docx (opened by LibreOffice) and to the preview page (opened by Chromium) have the same pages, and the same blocks in the same places on them.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { FIXTURES, PLAN_FIXTURES } from '../support/paths';
import { compact, exportBoth, findPdfLine, launch, office, openPage, PdfPage, PreviewBlock, previewBlocks, resultsDir } from './support';

const PLANS = [
  { stem: 'clean-party', file: path.join(PLAN_FIXTURES, 'clean-party.md') },
  { stem: 'clean-state', file: path.join(PLAN_FIXTURES, 'clean-state.md') },
  { stem: 'seed-003-kien-giang', file: path.join(PLAN_FIXTURES, 'seed-003-kien-giang.md') },
  { stem: 'commune-party', file: path.join(FIXTURES, 'layout', 'commune-party.md') },
];

/** Blocks compared, and how: centred lines by their middle, the others by their left edge. */
const COMPARED: Array<{ role: string; align: 'center' | 'left' }> = [
  { role: 'issuer', align: 'center' },
  { role: 'national', align: 'center' },
  // A blank splits these lines in two for poppler: they compare by where they start.
  { role: 'number', align: 'left' },
  { role: 'date', align: 'left' },
  { role: 'kind', align: 'center' },
  { role: 'subject', align: 'center' },
  { role: 'preamble', align: 'left' },
  { role: 'heading-1', align: 'left' },
  { role: 'recipients-title', align: 'left' },
  { role: 'authority', align: 'center' },
  { role: 'name', align: 'center' },
];

/** Blocks side by side in the header table: found anywhere; in the closing table: anywhere after the body. */
const HEADER = new Set(['issuer', 'national', 'number', 'date']);
const CLOSING = new Set(['recipients-title', 'authority', 'name']);

/** How far apart the same line may be in the two renderings, in millimetres (a line of 14 pt is 6.5 mm high). */
const TOLERANCE_MM = 4;

describe('render: the preview and the Word export of the same plan', function () {
  let browser: Browser;
  const dir = resultsDir('compare');
  const exported = new Map<string, { docx: string; html: string; pdf?: string; lo?: PdfPage[] }>();

  before(async function () {
    for (const p of PLANS) exported.set(p.stem, await exportBoth(fs.readFileSync(p.file, 'utf8'), p.stem, dir));
    const pdfs = office.convertToPdf(
      PLANS.map((p) => exported.get(p.stem)!.docx),
      dir,
    );
    PLANS.forEach((p, i) => {
      const e = exported.get(p.stem)!;
      e.pdf = pdfs[i];
      e.lo = office.pdfLines(pdfs[i]);
    });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
  });

  for (const plan of PLANS) {
    it(`${plan.stem}: as many pages, and every block on the same page at the same place`, async () => {
      const e = exported.get(plan.stem)!;
      const lo = e.lo!;
      const { page, errors } = await openPage(browser, e.html);
      try {
        const blocks = await previewBlocks(page);
        const pages = await page.locator('#plan43-pages > .page').count();
        // Printing the page from the browser gives the same pages (print CSS: A4, no margins added).
        const printed = path.join(dir, `${plan.stem}-preview.pdf`);
        await page.pdf({ path: printed, preferCSSPageSize: true, printBackground: true });
        const printedPages = office.pdfLines(printed);
        await page.screenshot({ path: path.join(dir, `${plan.stem}-preview-screen.png`), fullPage: true });
        // Pictures: LibreOffice's first and last page beside the preview's.
        const last = lo.length;
        office.writeSideBySide(
          [
            ...office.pdfToPixels(e.pdf!, [1], { dpi: 50 }),
            ...office.pdfToPixels(printed, [1], { dpi: 50 }),
            ...office.pdfToPixels(e.pdf!, [last], { dpi: 50 }),
            ...office.pdfToPixels(printed, [printedPages.length], { dpi: 50 }),
          ],
          path.join(dir, `${plan.stem}-word-vs-preview.png`),
        );

        const report: string[] = [];
        const misplaced: string[] = [];
        let after: { page: number; y: number } | undefined;
        for (const { role, align } of COMPARED) {
          const block = blocks.find((b: PreviewBlock) => b.role === role);
          if (!block) continue;
          const words = block.text.split(' ').slice(0, 4).join(' ');
          // Below the header, blocks come one after the other: the line is looked for after the last one found.
          const found = findPdfLine(lo, words, HEADER.has(role) ? undefined : after);
          if (!found) {
            misplaced.push(`${role}: "${words}" is not in the Word export`);
            continue;
          }
          const dy = (found.line.y0 + found.line.y1) / 2 - (block.line.y0 + block.line.y1) / 2;
          const dx = align === 'center' ? (found.line.x0 + found.line.x1) / 2 - (block.line.x0 + block.line.x1) / 2 : found.line.x0 - block.line.x0;
          if (!HEADER.has(role) && !CLOSING.has(role)) after = { page: found.page, y: found.line.y0 + 1 };
          report.push(`${role}: page ${found.page}/${block.page}, dx ${dx.toFixed(1)} mm, dy ${dy.toFixed(1)} mm`);
          if (found.page !== block.page || Math.abs(dx) > TOLERANCE_MM || Math.abs(dy) > TOLERANCE_MM) misplaced.push(report[report.length - 1]);
        }
        fs.writeFileSync(path.join(dir, `${plan.stem}-positions.txt`), `${report.join('\n')}\n`);
        assert.deepEqual(errors, []);
        assert.equal(pages, lo.length, `pages: preview ${pages}, Word export ${lo.length}\n${report.join('\n')}`);
        assert.equal(printedPages.length, pages, 'printing the preview gives its pages');
        for (const p of printedPages) assert.ok(Math.abs(p.width - 210) < 1 && Math.abs(p.height - 297) < 1, `printed page ${p.width}×${p.height} mm`);
        assert.ok(report.length >= 9, `compared ${report.length} blocks`);
        assert.deepEqual(misplaced, [], report.join('\n'));
        // The printed preview has the words of the export, page by page.
        for (let i = 0; i < lo.length; i++) {
          const a = compact(lo[i].lines.map((l) => l.text).join(''));
          const b = compact(printedPages[i].lines.map((l) => l.text).join(''));
          const common = [...a].filter((ch, k) => b[k] === ch).length;
          assert.ok(common / Math.max(1, a.length) > 0.5 || Math.abs(a.length - b.length) / Math.max(1, a.length) < 0.1, `page ${i + 1} text differs`);
        }
      } finally {
        await page.close();
      }
    });
  }
});
