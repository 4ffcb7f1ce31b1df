// The official document as a web page: the layout model drawn in HTML and CSS on A4 pages with the export's fonts and sizes, the findings marked where they fall; the preview beside the editor and `plan43 export -o plan.html` show this page.

import { Finding, Lang, Severity, SEVERITY_ORDER } from '../findings';
import { LineIndex } from '../text/line-index';
import { Span } from '../text/mapped-text';
import { ExportLayout, LayoutParagraph, LayoutRun, LayoutTable, runOffset } from './layout';

export interface PreviewOptions {
  lang: Lang;
  /** The source's lines: blocks carry the lines they come from (scroll in step, reveal in the editor). */
  lines: LineIndex;
  /** Findings to mark on the page; none in a page exported to a file. */
  findings?: readonly Finding[];
  /** How many findings block submission (the banner); no banner when undefined. */
  blocking?: number;
  /** The page's title (the plan's file name). */
  title: string;
  /** The nonce of the page's one style sheet and one script (Content-Security-Policy). */
  nonce: string;
  /** The static style sheet and the script that lays the blocks out on pages (media/preview/). */
  assets: { style: string; script: string };
}

export interface PreviewPage {
  /** A whole HTML document, with nothing from elsewhere: no network, no file (made when read). */
  readonly document: string;
  /** What changes from one version of the plan to the next: the inside of `#plan43-source`. */
  body: string;
  /** The plan's own rules (paragraph formats, column widths): the text of `#plan43-formats`. */
  css: string;
  /** How many of the findings are marked on the page (the others are listed in the banner). */
  marked: number;
}

const UI: Record<string, Record<Lang, string>> = {
  blocking: { vi: '{0} lỗi chặn trình ký', en: '{0} finding(s) block submission' },
  blockingOne: { vi: '1 lỗi chặn trình ký', en: '1 finding blocks submission' },
  noBlocking: { vi: 'Không có lỗi chặn trình ký', en: 'Nothing blocks submission' },
  onPage: { vi: '{0} điểm được đánh dấu trên văn bản', en: '{0} finding(s) marked on the page' },
  offPage: { vi: 'Không nằm trên trang in', en: 'Not on the printed page' },
  notMarked: { vi: '{0} điểm khác không được đánh dấu (xem khung Problems)', en: '{0} more not marked (see the Problems panel)' },
  layoutNotes: { vi: 'Lưu ý về thể thức', en: 'Layout notes' },
  quickFix: { vi: 'Sửa nhanh: {0}', en: 'Quick fix: {0}' },
  blank: { vi: 'Chỗ trống để điền tay', en: 'Left blank to fill in by hand' },
  page: { vi: 'Trang {0}', en: 'Page {0}' },
  unsaved: { vi: 'Có thay đổi chưa lưu', en: 'Unsaved changes' },
  error: { vi: 'Lỗi', en: 'Error' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  info: { vi: 'Thông tin', en: 'Information' },
  hint: { vi: 'Gợi ý', en: 'Hint' },
};

function t(lang: Lang, id: keyof typeof UI, ...args: Array<string | number>): string {
  return UI[id][lang].replace(/\{(\d)\}/gu, (_m, i: string) => String(args[Number(i)] ?? ''));
}

const MARKUP = /[&<>"']/u;

/** Text for HTML: every character that could open markup is an entity, so plan text is only ever text. */
export function escapeHtml(text: string): string {
  if (!MARKUP.test(text)) return text;
  return text.replace(/[&<>"']/gu, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** JSON inside a <script type="application/json">: "<" escaped so that no "</script>" can close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</gu, '\\u003c').replace(/\u2028/gu, '\\u2028').replace(/\u2029/gu, '\\u2029');
}

const round = (n: number): string => String(Math.round(n * 1000) / 1000);
const mm = (n: number): string => `${round(n)}mm`;
const pt = (n: number): string => `${round(n)}pt`;

/** The CSS of a paragraph's format: the same numbers the Word writer writes. */
function paragraphCss(p: LayoutParagraph, singleLine: number): string {
  const rules = [`font-size:${pt(p.size)}`, `text-align:${p.align}`, `padding-top:${pt(p.before ?? 0)}`, `padding-bottom:${pt(p.after ?? 0)}`];
  if (p.ruleWidth !== undefined) {
    // Word draws the rule as the bottom border of a paragraph 4 pt high.
    rules.push('height:4pt', 'box-sizing:content-box');
    return rules.join(';');
  }
  if (p.hanging) rules.push(`padding-left:${mm(p.hanging)}`, `text-indent:-${mm(p.hanging)}`);
  else if (p.indent) rules.push(`text-indent:${mm(p.indent)}`);
  rules.push(`line-height:${round((p.lineSpacing ?? 1) * singleLine)}`);
  return rules.join(';');
}

/** Classes for the formats of a page: one per distinct format, so that the page needs no inline style. */
class Formats {
  private readonly byCss = new Map<string, string>();
  readonly rules: string[] = [];

  constructor(private readonly singleLine: number) {}

  paragraph(p: LayoutParagraph): string {
    const css = paragraphCss(p, this.singleLine);
    const ruleWidth = p.ruleWidth !== undefined ? mm(p.ruleWidth) : undefined;
    const key = `${css}|${ruleWidth ?? ''}`;
    let name = this.byCss.get(key);
    if (!name) {
      name = `f${this.byCss.size}`;
      this.byCss.set(key, name);
      this.rules.push(`.${name}{${css}}`);
      if (ruleWidth) this.rules.push(`.${name}>.rule-line{width:${ruleWidth}}`);
    }
    return name;
  }

  width(mmWidth: number): string {
    const key = `w|${round(mmWidth)}`;
    let name = this.byCss.get(key);
    if (!name) {
      name = `w${this.byCss.size}`;
      this.byCss.set(key, name);
      this.rules.push(`.${name}{width:${mm(mmWidth)}}`);
    }
    return name;
  }
}

interface PlacedFinding {
  id: number;
  finding: Finding;
  /** Marked on the page at least once. */
  placed: boolean;
}

/** Source offsets per bucket of findings: a run asks only the findings of the buckets it covers. */
const BUCKET = 2048;

/** The findings by where they are, so that each run of a long plan looks at the few near it. */
class FindingIndex {
  private readonly buckets = new Map<number, PlacedFinding[]>();

  constructor(findings: readonly PlacedFinding[]) {
    for (const f of findings) {
      const first = Math.floor(f.finding.start / BUCKET);
      const last = Math.floor(Math.max(f.finding.start, f.finding.end - 1) / BUCKET);
      for (let b = first; b <= last; b++) {
        let list = this.buckets.get(b);
        if (!list) this.buckets.set(b, (list = []));
        list.push(f);
      }
    }
  }

  /** The findings that may touch source offsets low…high, each once, in the order they were given. */
  near(low: number, high: number): PlacedFinding[] {
    if (this.buckets.size === 0) return [];
    const first = Math.floor(low / BUCKET);
    const last = Math.floor(high / BUCKET);
    if (first === last) return this.buckets.get(first) ?? [];
    const seen = new Set<PlacedFinding>();
    for (let b = first; b <= last; b++) for (const f of this.buckets.get(b) ?? []) seen.add(f);
    return [...seen].sort((a, b) => a.id - b.id);
  }
}

/** The findings that touch a run, as character ranges of the run. */
function marksOf(run: LayoutRun, index: FindingIndex): Array<{ from: number; to: number; f: PlacedFinding }> {
  const span = run.span;
  if (!span || run.text === '') return [];
  const out: Array<{ from: number; to: number; f: PlacedFinding }> = [];
  // A zero-length finding marks the character it stands before.
  const covers = (f: Finding, offset: number): boolean => (f.end > f.start ? offset >= f.start && offset < f.end : offset === f.start);
  if (run.blank || run.footnote !== undefined) {
    for (const f of index.near(span.start, span.start)) {
      const on = f.finding.end > f.finding.start ? f.finding.start <= span.start && f.finding.end > span.start : f.finding.start === span.start;
      if (on) out.push({ from: 0, to: run.text.length, f });
    }
    return out;
  }
  const a = runOffset(run, 0)!;
  const b = runOffset(run, run.text.length - 1)!;
  const low = Math.min(a, b);
  const high = Math.max(a, b);
  for (const f of index.near(low, high)) {
    const { start, end } = f.finding;
    if (end > start ? end <= low || start > high : start < low || start > high) continue;
    if (!run.offsets) {
      // A verbatim slice of the source: the marked characters are the overlap, at once.
      const from = Math.max(0, start - span.start);
      const to = end > start ? Math.min(run.text.length, end - span.start) : from + 1;
      if (to > from) out.push({ from, to, f });
      continue;
    }
    let from = -1;
    for (let i = 0; i <= run.text.length; i++) {
      const inside = i < run.text.length && covers(f.finding, runOffset(run, i)!);
      if (inside && from < 0) from = i;
      if (!inside && from >= 0) {
        out.push({ from, to: i, f });
        from = -1;
      }
    }
  }
  return out;
}

/** A run's text with the findings on it as <mark>s (overlapping findings split the text). */
function runText(run: LayoutRun, findings: FindingIndex, titleOf: (f: PlacedFinding) => string): string {
  const marks = marksOf(run, findings);
  if (marks.length === 0) return escapeHtml(run.text);
  // The run is cut where a mark starts or ends; a sweep keeps the marks that cover each piece.
  const starts = new Map<number, PlacedFinding[]>();
  const ends = new Map<number, PlacedFinding[]>();
  const cuts = new Set<number>([0, run.text.length]);
  for (const m of marks) {
    cuts.add(m.from);
    cuts.add(m.to);
    (starts.get(m.from) ?? starts.set(m.from, []).get(m.from)!).push(m.f);
    (ends.get(m.to) ?? ends.set(m.to, []).get(m.to)!).push(m.f);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const active = new Set<PlacedFinding>();
  let html = '';
  for (let k = 0; k < points.length - 1; k++) {
    const from = points[k];
    for (const f of ends.get(from) ?? []) active.delete(f);
    for (const f of starts.get(from) ?? []) active.add(f);
    const text = escapeHtml(run.text.slice(from, points[k + 1]));
    if (active.size === 0) {
      html += text;
      continue;
    }
    const on = [...active].sort((a, b) => a.id - b.id);
    let worst: Severity = 'hint';
    for (const f of on) {
      f.placed = true;
      if (SEVERITY_ORDER[f.finding.severity] < SEVERITY_ORDER[worst]) worst = f.finding.severity;
    }
    html += `<mark class="finding sev-${worst}" data-f="${on.map((f) => f.id).join(' ')}" title="${escapeHtml(on.map(titleOf).join('\n\n'))}" tabindex="0">${text}</mark>`;
  }
  return html;
}

/**
 * At most this many findings are marked on a page, the most severe first: a document with tens
 * of thousands (a hostile one) would make a page nobody could read or scroll; the banner says how
 * many more there are.
 */
export const MAX_MARKED = 2000;

export function renderPreview(layout: ExportLayout, options: PreviewOptions): PreviewPage {
  const { lang, lines } = options;
  const formats = new Formats(layout.singleLine);
  const all = options.findings ?? [];
  const shown =
    all.length <= MAX_MARKED ? all : [...all].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.start - b.start).slice(0, MAX_MARKED).sort((a, b) => a.start - b.start);
  const findings: PlacedFinding[] = shown.map((finding, id) => ({ id, finding, placed: false }));
  const index = new FindingIndex(findings);
  const titleOf = (f: PlacedFinding): string => {
    const head = `${t(lang, f.finding.severity)}: ${f.finding.message} (${f.finding.ruleId})`;
    return f.finding.fix ? `${head}\n${t(lang, 'quickFix', f.finding.fix.title)}` : head;
  };
  const lineAttrs = (span: Span | undefined): string => {
    if (!span) return '';
    const a = lines.positionAt(span.start).line;
    const b = lines.positionAt(Math.max(span.start, span.end - 1)).line;
    return ` data-line="${a}" data-line-end="${b}"`;
  };
  // The page is written into one list of pieces, joined once: a long plan makes thousands of
  // paragraphs, and nesting their strings costs more than writing them.
  const out: string[] = [];
  const blankTitle = escapeHtml(t(lang, 'blank'));
  const writeRuns = (runs: readonly LayoutRun[]): void => {
    for (const r of runs) {
      if (r.footnote !== undefined) {
        out.push(`<sup class="fnref" data-n="${r.footnote + 1}">`, runText({ ...r, text: String(r.footnote + 1) }, index, titleOf), '</sup>');
        continue;
      }
      const html = runText(r, index, titleOf);
      if (r.blank) {
        out.push(`<span class="blank" title="${blankTitle}">`, html, '</span>');
        continue;
      }
      if (r.bold) out.push('<b>');
      if (r.italic) out.push('<i>');
      if (r.underline) out.push('<u>');
      out.push(html);
      if (r.underline) out.push('</u>');
      if (r.italic) out.push('</i>');
      if (r.bold) out.push('</b>');
    }
  };
  const paragraph = (p: LayoutParagraph): void => {
    const keep = p.keepWithNext ? (p.keepLines ? ' data-keep="next lines"' : ' data-keep="next"') : p.keepLines ? ' data-keep="lines"' : '';
    out.push(`<p class="p r-${p.role} ${formats.paragraph(p)}" data-role="${p.role}"${keep}${lineAttrs(p.span)}>`);
    if (p.ruleWidth !== undefined) out.push('<span class="rule-line"></span>');
    // An empty paragraph (the room for the signature) still takes its line.
    else if (p.runs.every((r) => r.text === '')) out.push('<br>');
    else writeRuns(p.runs);
    out.push('</p>');
  };
  const table = (tb: LayoutTable): void => {
    const width = formats.width(tb.widths.reduce((a, b) => a + b, 0));
    out.push(`<table class="t t-${tb.role} ${width}" data-role="${tb.role}"${tb.keepTogether ? ' data-keep="together"' : ''}${lineAttrs(tb.span)}><colgroup>`);
    for (const w of tb.widths) out.push(`<col class="${formats.width(w)}">`);
    out.push('</colgroup><tr>');
    tb.cells.forEach((cell, i) => {
      out.push(`<td class="${formats.width(tb.widths[i])}">`);
      cell.forEach(paragraph);
      out.push('</td>');
    });
    out.push('</tr></table>');
  };

  for (const b of layout.blocks) {
    if (b.type === 'table') table(b.table);
    else paragraph(b.paragraph);
    out.push('\n');
  }
  const galley = out.join('');
  out.length = 0;
  for (const f of layout.footnotes) {
    out.push(`<div class="fn" data-n="${f.number}"${lineAttrs(f.span)}>`);
    f.paragraphs.forEach((runs, i) => {
      out.push(`<p class="p r-footnote ${formats.paragraph({ role: 'footnote', runs, align: 'justify', size: f.size })}">`);
      if (i === 0) out.push(`<sup class="fnnum">${f.number}</sup> `);
      writeRuns(runs);
      out.push('</p>');
    });
    out.push('</div>\n');
  }
  const notes = out.join('');

  // The banner: what blocks submission, what is marked, what has no place on the page.
  let banner = '';
  if (options.blocking !== undefined) {
    const offPage = findings.filter((f) => !f.placed);
    const onPage = findings.length - offPage.length;
    const blocking = options.blocking;
    const headline = blocking === 0 ? t(lang, 'noBlocking') : blocking === 1 ? t(lang, 'blockingOne') : t(lang, 'blocking', blocking);
    const hidden = all.length - shown.length;
    const items = offPage
      .map((f) => `<li><a href="#" class="finding-link sev-${f.finding.severity}" data-f="${f.id}" title="${escapeHtml(titleOf(f))}">${escapeHtml(f.finding.message)} <span class="rule">(${escapeHtml(f.finding.ruleId)})</span></a></li>`)
      .join('');
    const warnings = layout.warnings.map((w) => `<li>${escapeHtml(w[lang])}</li>`).join('');
    banner =
      `<div class="banner ${blocking > 0 ? 'blocking' : 'clear'}" role="status">` +
      `<div class="headline"><span class="count">${escapeHtml(headline)}</span> · <span class="marked">${escapeHtml(t(lang, 'onPage', onPage))}</span>${hidden > 0 ? ` · <span class="hidden-count">${escapeHtml(t(lang, 'notMarked', hidden))}</span>` : ''}<span class="unsaved" hidden> · ${escapeHtml(t(lang, 'unsaved'))}</span></div>` +
      (items ? `<details class="off-page"><summary>${escapeHtml(t(lang, 'offPage'))} (${offPage.length})</summary><ul>${items}</ul></details>` : '') +
      (warnings ? `<details class="layout-notes"><summary>${escapeHtml(t(lang, 'layoutNotes'))} (${layout.warnings.length})</summary><ul>${warnings}</ul></details>` : '') +
      '</div>';
  }

  const data = {
    findings: findings.map((f) => {
      const start = lines.positionAt(f.finding.start);
      const end = lines.positionAt(f.finding.end);
      return { id: f.id, severity: f.finding.severity, ruleId: f.finding.ruleId, placed: f.placed, range: { start, end } };
    }),
    ui: { page: UI.page[lang], unsaved: UI.unsaved[lang] },
    page: { ...layout.page, margins: layout.margins, pageNumberTop: layout.pageNumbers.top, pageNumberSize: layout.pageNumbers.size, fromPage: layout.pageNumbers.fromPage },
  };
  const body =
    `${banner}<div id="plan43-galley" class="galley doc v-${layout.variant}" lang="vi">\n${galley}\n</div>` +
    `<div id="plan43-notes" class="notes doc" lang="vi">${notes}</div>` +
    `<script type="application/json" id="plan43-data">${scriptJson(data)}</script>`;
  const css = [
    `.doc{font-family:${fontStack(layout.font)};--page-w:${mm(layout.page.width)};--page-h:${mm(layout.page.height)};--m-top:${mm(layout.margins.top)};--m-bottom:${mm(layout.margins.bottom)};--m-left:${mm(layout.margins.left)};--m-right:${mm(layout.margins.right)};--text-w:${mm(layout.page.width - layout.margins.left - layout.margins.right)}}`,
    `.page-number{top:${mm(layout.pageNumbers.top)};font-size:${pt(layout.pageNumbers.size)};line-height:${round(layout.singleLine)}}`,
    ...formats.rules,
  ].join('\n');

  const marked = findings.filter((f) => f.placed).length;
  // The whole document only when asked for: an update sends the body and formats alone.
  return {
    body,
    css,
    marked,
    get document(): string {
      return wholeDocument(options, body, css);
    },
  };
}

function wholeDocument(options: PreviewOptions, body: string, css: string): string {
  const nonce = escapeHtml(options.nonce);
  return [
    '<!DOCTYPE html>',
    `<html lang="${options.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    // Nothing but the page's own style sheet and script, both marked with the nonce; no network, no file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style nonce="${nonce}">\n${options.assets.style}\n</style>`,
    `<style nonce="${nonce}" id="plan43-formats">\n${css}\n</style>`,
    '</head>',
    '<body class="plan43-preview">',
    `<div id="plan43-source">${body}</div>`,
    '<div id="plan43-pages" class="pages"></div>',
    `<script nonce="${nonce}">\n${options.assets.script}\n</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The export's font first, then its metric twins and a serif, so that a machine without Times New Roman breaks lines alike. */
function fontStack(font: string): string {
  const stack = [font, 'Liberation Serif', 'Tinos', 'Nimbus Roman', 'Times', 'serif'];
  return [...new Set(stack)].map((f) => (f === 'serif' ? f : `'${f.replace(/'/gu, '')}'`)).join(',');
}
