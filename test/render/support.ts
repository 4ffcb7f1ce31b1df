/// <reference lib="dom" />
// Helpers of the render tests: plans exported to .docx and .html, the .docx opened by LibreOffice and read from its PDF, the preview opened in Chromium and read from its pages, lines and boxes in millimetres.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parsePlan } from '../../server/src/core/document/parse';
import { layoutPlan } from '../../server/src/core/export/index';
import { standaloneHtml } from '../../server/src/node/preview';
import { writeDocx } from '../../server/src/node/word';
import { bundledKnowledge } from '../support/knowledge';
import { REPO_ROOT } from '../support/paths';

/** A line of a PDF page, its box in millimetres from the top left of the page. */
export interface PdfLine {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PdfPage {
  width: number;
  height: number;
  lines: PdfLine[];
}

interface Office {
  convertToPdf(files: string[], outDir: string): string[];
  pdfLines(pdf: string): PdfPage[];
  pdfToPixels(pdf: string, pages: number[], options?: { dpi?: number }): Array<{ width: number; height: number; data: Buffer }>;
  writeSideBySide(pictures: Array<{ width: number; height: number; data: Buffer }>, out: string): void;
}

interface Web {
  launchChromium(options: { executablePath: string; headed?: boolean }): Promise<Browser>;
}

// The same helpers the scripts use (scripts/render/office.js, scripts/e2e/vscode-web.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const office = require(path.join(REPO_ROOT, 'scripts', 'render', 'office.js')) as Office;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const web = require(path.join(REPO_ROOT, 'scripts', 'e2e', 'vscode-web.js')) as Web;

export const RESULTS = process.env.PLAN43_RENDER_RESULTS ?? path.join(REPO_ROOT, 'test-results', 'render');
export const CHROMIUM = process.env.PLAN43_CHROMIUM ?? '/usr/bin/chromium';

export function resultsDir(name: string): string {
  const dir = path.join(RESULTS, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes the plan's .docx and its standalone page into `dir` as `<stem>.docx` and `<stem>.html`. */
export async function exportBoth(text: string, stem: string, dir: string): Promise<{ docx: string; html: string }> {
  const kb = bundledKnowledge().kb;
  const plan = parsePlan(`${stem}.md`, text);
  const docx = path.join(dir, `${stem}.docx`);
  fs.writeFileSync(docx, await writeDocx(layoutPlan(plan, kb)));
  const html = path.join(dir, `${stem}.html`);
  fs.writeFileSync(html, standaloneHtml(plan, kb, stem, 'vi').html);
  return { docx, html };
}

/** Letters only, so that lines compare whatever spaces poppler or the browser put between glyphs. */
export function compact(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, '');
}

/** The first line of a PDF whose text starts like `text`, with its page (1-based); with `after`, below that place. */
export function findPdfLine(pages: readonly PdfPage[], text: string, after?: { page: number; y: number }): { page: number; line: PdfLine } | undefined {
  const want = compact(text);
  for (let p = (after?.page ?? 1) - 1; p < pages.length; p++) {
    const line = pages[p].lines.find((l) => {
      if (after && p + 1 === after.page && l.y0 < after.y) return false;
      const have = compact(l.text);
      return have.length > 0 && (have.startsWith(want) || want.startsWith(have));
    });
    if (line) return { page: p + 1, line };
  }
  return undefined;
}

/** A block of the preview's pages: its role, text, page (1-based) and the box of its first line of text, in millimetres. */
export interface PreviewBlock {
  role: string;
  text: string;
  page: number;
  line: { x0: number; y0: number; x1: number; y1: number };
}

export async function launch(): Promise<Browser> {
  return web.launchChromium({ executablePath: CHROMIUM });
}

/**
 * Opens a page in Chromium and waits until the script has laid it out on pages. With `host`, the
 * page gets the messaging a VS Code webview gives (acquireVsCodeApi), recording what it posts.
 */
export async function openPage(browser: Browser, file: string, options: { host?: boolean; bodyClass?: string; viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1000, height: 1300 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  if (options.host) {
    await page.addInitScript(() => {
      const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
      w.__posted = [];
      w.__state = undefined;
      w.acquireVsCodeApi = () => ({
        postMessage: (m: unknown) => w.__posted.push(m),
        setState: (s: unknown) => {
          w.__state = s;
        },
        getState: () => w.__state,
      });
    });
  }
  if (options.bodyClass) {
    const bodyClass = options.bodyClass;
    await page.addInitScript((cls: string) => {
      document.addEventListener('DOMContentLoaded', () => document.body.classList.add(...cls.split(' ')));
    }, bodyClass);
  }
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => document.body.classList.contains('paged'), undefined, { timeout: 30_000 });
  return { page, errors };
}

/** The blocks of the preview's pages that have a role, with the box of their first line of text. */
export async function previewBlocks(page: Page): Promise<PreviewBlock[]> {
  return page.evaluate(() => {
    const pxPerMm = 96 / 25.4;
    const pages = Array.from(document.querySelectorAll('#plan43-pages > .page'));
    const out: Array<{ role: string; text: string; page: number; line: { x0: number; y0: number; x1: number; y1: number } }> = [];
    pages.forEach((pageEl, i) => {
      const origin = pageEl.getBoundingClientRect();
      pageEl.querySelectorAll('[data-role]').forEach((el) => {
        const text = (el.textContent ?? '').replace(/\s+/gu, ' ').trim();
        if (!text) return;
        const range = document.createRange();
        range.selectNodeContents(el);
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
        if (rects.length === 0) return;
        // The first line: every fragment on the same line as the first one.
        const first = rects[0];
        const line = rects.filter((r) => Math.abs(r.top - first.top) < first.height / 2);
        const box = {
          x0: (Math.min(...line.map((r) => r.left)) - origin.left) / pxPerMm,
          y0: (Math.min(...line.map((r) => r.top)) - origin.top) / pxPerMm,
          x1: (Math.max(...line.map((r) => r.right)) - origin.left) / pxPerMm,
          y1: (Math.max(...line.map((r) => r.bottom)) - origin.top) / pxPerMm,
        };
        out.push({ role: el.getAttribute('data-role') ?? '', text, page: i + 1, line: box });
      });
    });
    return out;
  });
}
