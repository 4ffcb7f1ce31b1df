// The official document of a plan as one layout model (header blocks, number and date, kind and subject, body, footnotes, recipients beside the signature), each element with the source span it comes from; the .docx writer and the HTML preview both draw it.

import MarkdownIt from 'markdown-it';
import { KnowledgeBase, VariantId } from '../data/types';
import { Localized } from '../findings';
import { Block, MetaField, PlanModel, Section } from '../model';
import { decideVariant } from '../template/variant';
import { MappedText, Span } from '../text/mapped-text';
import { memoText } from '../text/memo';
import { fold } from '../text/normalize';
import { BLANK_SPACES, NATIONAL, OFFICIAL, OfficialLayout, PARTY_SUBJECT_RULE, SINGLE_LINE_EM } from './official';

export type Align = 'left' | 'center' | 'right' | 'justify';

/** Provincial bodies (Tỉnh ủy, UBND tỉnh) or communes (Đảng ủy xã, UBND phường …). */
export type Level = 'province' | 'commune';

export interface LayoutRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Room left to fill in by hand (the text is spaces): a blank number, day, month or year. */
  blank?: boolean;
  /** A footnote reference: the index in `ExportLayout.footnotes`; the text is the footnote's number. */
  footnote?: number;
  /** Where the text is in the source; absent for text the layout adds ("- ", "Số", the national name). */
  span?: Span;
  /** Source offset of each character, when the text is not a verbatim slice of the source. */
  offsets?: readonly number[];
}

/** What a paragraph is; the writer gives headings Word's heading styles, the preview a class. */
export type ParagraphRole =
  | 'national'
  | 'motto'
  | 'issuer-parent'
  | 'issuer'
  | 'star'
  | 'number'
  | 'date'
  | 'kind'
  | 'subject'
  | 'rule'
  | 'preamble'
  | 'heading-1'
  | 'heading-2'
  | 'heading-3'
  | 'body'
  | 'closing'
  | 'note'
  | 'recipients-title'
  | 'recipient'
  | 'authority'
  | 'acting'
  | 'title'
  | 'signature-space'
  | 'name'
  | 'footnote';

export interface LayoutParagraph {
  role: ParagraphRole;
  runs: LayoutRun[];
  align: Align;
  /** Size in points. */
  size: number;
  /** First-line indent, millimetres. */
  indent?: number;
  /** Hanging indent, millimetres: the lines after the first start this far right of it. */
  hanging?: number;
  /** Space before and after, points. */
  before?: number;
  after?: number;
  /** Line spacing as a multiple of single spacing. */
  lineSpacing?: number;
  /** A rule paragraph: a line of this length (millimetres), centred in its column. */
  ruleWidth?: number;
  /** Printed on the same page as the paragraph after it (headings, the closing paragraph). */
  keepWithNext?: boolean;
  /** Never split across two pages. */
  keepLines?: boolean;
  /** The source the paragraph comes from; absent for what the layout adds (the national name, rules). */
  span?: Span;
}

/** A borderless table of one row: the header blocks, or the recipients beside the signature. */
export interface LayoutTable {
  role: 'header' | 'closing';
  /** Column widths in millimetres. */
  widths: number[];
  cells: LayoutParagraph[][];
  /** The row is never split across pages: a signature block is signed on one page. */
  keepTogether: boolean;
  span?: Span;
}

export type LayoutBlock = { type: 'paragraph'; paragraph: LayoutParagraph } | { type: 'table'; table: LayoutTable };

/** A footnote, numbered in the order of its first reference, as Word numbers them. */
export interface LayoutFootnote {
  number: number;
  /** The Markdown label ("1", "nguon"). */
  label: string;
  /** Its paragraphs (a footnote's further paragraphs follow a blank line). */
  paragraphs: LayoutRun[][];
  size: number;
  span: Span;
}

export interface ExportLayout {
  variant: VariantId;
  level: Level;
  page: OfficialLayout['page'];
  margins: OfficialLayout['margins'];
  font: string;
  /** Height of a line at single spacing, as a multiple of the font size. */
  singleLine: number;
  /** Page numbers: centred `top` millimetres from the top edge, from the second page on. */
  pageNumbers: { size: number; fromPage: number; top: number };
  blocks: LayoutBlock[];
  footnotes: LayoutFootnote[];
  /** Things the drafter should know (variant guessed, metadata missing). */
  warnings: Localized[];
}

const md = new MarkdownIt('commonmark');

/** A piece of a line of Markdown with its emphasis: a token's text, or a line break inside the paragraph. */
interface InlineSegment {
  text: string;
  bold: boolean;
  italic: boolean;
  /** A line break of the source, printed as a space. */
  lineBreak?: boolean;
}

/** Markdown emphasis of a line of text, token by token (memoised per text while a document is edited). */
function parseInline(source: string): InlineSegment[] {
  const out: InlineSegment[] = [];
  let bold = 0;
  let italic = 0;
  for (const token of md.parseInline(source, {})) {
    for (const t of token.children ?? []) {
      if (t.type === 'strong_open') bold++;
      else if (t.type === 'strong_close') bold--;
      else if (t.type === 'em_open') italic++;
      else if (t.type === 'em_close') italic--;
      else if (t.type === 'softbreak' || t.type === 'hardbreak') out.push({ text: ' ', bold: bold > 0, italic: italic > 0, lineBreak: true });
      else if ((t.type === 'text' || t.type === 'code_inline' || t.type === 'html_inline') && t.content !== '') out.push({ text: t.content, bold: bold > 0, italic: italic > 0 });
    }
  }
  return out;
}

/** The style of a segment over the style of its paragraph. */
function styleOf(base: Omit<LayoutRun, 'text'>, seg: InlineSegment): Omit<LayoutRun, 'text'> {
  const style: Omit<LayoutRun, 'text'> = { ...base };
  if (seg.bold) style.bold = true;
  if (seg.italic) style.italic = true;
  return style;
}

/** Markdown emphasis of a line of text as runs, without source positions. */
export function inlineRuns(source: string, base: Omit<LayoutRun, 'text'> = {}): LayoutRun[] {
  const runs: LayoutRun[] = [];
  for (const seg of memoText(parseInline, source)) {
    const style = styleOf(base, seg);
    const last = runs[runs.length - 1];
    if (last && last.bold === style.bold && last.italic === style.italic && last.underline === style.underline) last.text += seg.text;
    else runs.push({ text: seg.text, ...style });
  }
  // Comments are masked as spaces by the parser: trim what they leave at the ends.
  if (runs.length > 0) {
    runs[0].text = runs[0].text.replace(/^\s+/u, '');
    runs[runs.length - 1].text = runs[runs.length - 1].text.replace(/\s+$/u, '');
  }
  return runs.filter((r) => r.text !== '');
}

/** Rough width in millimetres of a line of Times New Roman, for the rules drawn under a line of text. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.25;
    else if (/\p{Lu}/u.test(ch)) em += bold ? 0.72 : 0.68;
    else if (/\p{Ll}/u.test(ch)) em += bold ? 0.5 : 0.46;
    else if (/\d/u.test(ch)) em += 0.5;
    else em += 0.33;
  }
  return em * size * (25.4 / 72);
}

function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}

/**
 * The issuer block at the top left. A Party document is issued in the name of the committee
 * ("TỈNH ỦY LẠNG SƠN", "ĐẢNG ỦY XÃ MỸ HÒA"; its Standing Committee and its Executive Committee
 * issue under that name, HD 36-HD/VPTW); a People's Committee prints its name over two lines
 * ("ỦY BAN NHÂN DÂN" / "TỈNH HÀ TĨNH", "ỦY BAN NHÂN DÂN" / "XÃ MỸ HÒA", NĐ 30/2020/NĐ-CP).
 */
export function issuerLines(issuer: string, variant: VariantId, kb: KnowledgeBase): string[] {
  const name = issuer.replace(/\s+/gu, ' ').trim();
  if (name === '') return [];
  if (variant === 'party') {
    const committee = name
      .replace(/^Ban Chấp hành Đảng bộ (tỉnh|thành phố)\s+/iu, (_m, level: string) => (fold(level) === 'tỉnh' ? 'Tỉnh ủy ' : 'Thành ủy '))
      .replace(/^Ban Chấp hành Đảng bộ (xã|phường|đặc khu)\s+/iu, (_m, unit: string) => `Đảng ủy ${unit} `)
      .replace(/^Ban Thường vụ\s+/iu, '');
    return [upper(committee)];
  }
  const f = fold(name);
  for (const cue of kb.template.variants.state.issuerCues) {
    const c = fold(cue);
    if (f.startsWith(`${c} `) && f.length === name.length) return [upper(name.slice(0, cue.length)), upper(name.slice(cue.length).trim())];
  }
  return [upper(name)];
}

/** The level of the issuing body: a commune's (xã, phường, đặc khu) or a province's. */
export function levelOf(issuer: string): Level {
  return /(?:^|\s)(?:xã|phường|đặc khu|thị trấn)(?:\s|$)/u.test(fold(issuer)) ? 'commune' : 'province';
}

/** The marker a list item is written with ("- ", "1. "), read from the source before its text. */
function listMarker(plan: PlanModel, block: Block): string {
  const lineStart = plan.lines.lineStart(plan.lines.positionAt(block.span.start).line);
  const prefix = plan.text.slice(lineStart, block.span.start);
  const m = /([-*+•]|\d{1,9}[.)])\s*$/u.exec(prefix);
  if (!m) return '- ';
  return /^[*+•]$/u.test(m[1]) ? '- ' : `${m[1]} `;
}

// ---------------------------------------------------------------------------------------------
// Runs with their source positions
// ---------------------------------------------------------------------------------------------

/** How far ahead a printed character is looked for in its source text. */
const ALIGN_WINDOW = 4096;

/** Private-use characters stand for footnote references while a line is parsed for emphasis. */
const NOTE_MARK = 0xe000;
const FOOTNOTE_REF = /\[\^([^\]\s]+)\]/gu;

/**
 * Runs built from pieces of text with the source offset of their first character; a run whose
 * characters do not follow each other in the source keeps the offset of each.
 */
class RunBuilder {
  readonly runs: LayoutRun[] = [];
  private parts: string[] = [];
  /** Where the run's characters are: pairs of source offset and length, one per stretch that follows on. */
  private chunks: number[] = [];
  private style: Omit<LayoutRun, 'text'> = {};

  /** Text whose characters sit at `start`, `start + 1` … in the source. */
  addSlice(text: string, start: number, style: Omit<LayoutRun, 'text'>): void {
    if (text === '') return;
    if (this.parts.length > 0 && (style.bold !== this.style.bold || style.italic !== this.style.italic || style.underline !== this.style.underline)) this.flush();
    if (this.parts.length === 0) this.style = style;
    this.parts.push(text);
    const n = this.chunks.length;
    if (n > 0 && this.chunks[n - 2] + this.chunks[n - 1] === start) this.chunks[n - 1] += text.length;
    else this.chunks.push(start, text.length);
  }

  /** One character at `offset` (several characters may stand for one source character). */
  add(ch: string, offset: number, style: Omit<LayoutRun, 'text'>): void {
    if (ch.length === 1) {
      this.addSlice(ch, offset, style);
      return;
    }
    for (const unit of ch.split('')) this.addSlice(unit, offset, style);
  }

  push(run: LayoutRun): void {
    this.flush();
    this.runs.push(run);
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const chunks = this.chunks;
    const run: LayoutRun = { text: this.parts.join(''), ...this.style };
    if (chunks.length === 2) {
      run.span = { start: chunks[0], end: chunks[0] + chunks[1] };
    } else {
      const offsets: number[] = [];
      for (let c = 0; c < chunks.length; c += 2) for (let i = 0; i < chunks[c + 1]; i++) offsets.push(chunks[c] + i);
      run.span = { start: offsets[0], end: offsets[offsets.length - 1] + 1 };
      run.offsets = offsets;
    }
    this.runs.push(run);
    this.parts = [];
    this.chunks = [];
  }
}

/** Trims the white space at both ends of a list of runs (what masked comments leave). */
function trimRuns(runs: LayoutRun[]): LayoutRun[] {
  const trimEnd = (r: LayoutRun, start: boolean): LayoutRun => {
    if (r.blank || r.footnote !== undefined) return r;
    const m = start ? /^\s+/u.exec(r.text) : /\s+$/u.exec(r.text);
    if (!m) return r;
    const from = start ? m[0].length : 0;
    const to = start ? r.text.length : r.text.length - m[0].length;
    return sliceRun(r, from, to);
  };
  let out = runs;
  while (out.length > 0) {
    const first = trimEnd(out[0], true);
    if (first.text !== '') {
      out = [first, ...out.slice(1)];
      break;
    }
    out = out.slice(1);
  }
  while (out.length > 0) {
    const last = trimEnd(out[out.length - 1], false);
    if (last.text !== '') {
      out = [...out.slice(0, -1), last];
      break;
    }
    out = out.slice(0, -1);
  }
  return out;
}

/** Source offset of a run's character (its end offset for i = text.length). */
export function runOffset(run: LayoutRun, i: number): number | undefined {
  if (!run.span) return undefined;
  if (run.offsets) return i >= run.offsets.length ? run.span.end : run.offsets[Math.max(0, i)];
  return run.span.start + Math.max(0, Math.min(i, run.text.length));
}

/** The part [from, to) of a run, with its positions. */
export function sliceRun(run: LayoutRun, from: number, to: number): LayoutRun {
  const out: LayoutRun = { ...run, text: run.text.slice(from, to) };
  delete out.offsets;
  if (run.span && to > from) {
    if (run.offsets) {
      const offsets = run.offsets.slice(from, to);
      out.span = { start: offsets[0], end: offsets[offsets.length - 1] + 1 };
      let verbatim = true;
      for (let i = 1; i < offsets.length && verbatim; i++) verbatim = offsets[i] === offsets[i - 1] + 1;
      if (!verbatim) out.offsets = offsets;
    } else {
      out.span = { start: run.span.start + from, end: run.span.start + to };
    }
  } else if (run.span) {
    const at = runOffset(run, from) ?? run.span.start;
    out.span = { start: at, end: at };
  }
  return out;
}

/** Footnotes numbered as they are first referred to. */
class FootnoteNumbers {
  readonly used: Array<{ label: string; text: MappedText; span: Span }> = [];
  private readonly byLabel = new Map<string, { label: string; text: MappedText; span: Span }>();
  private readonly index = new Map<string, number>();
  readonly unknown = new Set<string>();

  constructor(plan: PlanModel) {
    for (const f of plan.footnotes ?? []) if (!this.byLabel.has(f.label)) this.byLabel.set(f.label, f);
  }

  get any(): boolean {
    return this.byLabel.size > 0;
  }

  /** The index of the footnote a reference names, numbering it on first use; undefined for an unknown label. */
  refer(label: string): number | undefined {
    const known = this.index.get(label);
    if (known !== undefined) return known;
    const note = this.byLabel.get(label);
    if (!note) {
      this.unknown.add(label);
      return undefined;
    }
    this.index.set(label, this.used.length);
    this.used.push(note);
    return this.used.length - 1;
  }

  unreferenced(): Array<{ label: string; text: MappedText; span: Span }> {
    return [...this.byLabel.values()].filter((f) => !this.index.has(f.label));
  }
}

/**
 * Runs of a piece of prose (a paragraph, a heading, a metadata value written in Markdown) with
 * the source offset of each character and its footnote references as reference runs. References
 * are found in the source, so that they are found whether the text the rules read keeps them,
 * blanks them or leaves them out.
 */
/** Comments, blanked as the parser blanks them (line breaks kept). */
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * A Markdown block's text with its inline markup (emphasis markers, footnote references) as it is
 * written: rules read the text without them, the layout draws them.
 */
function withMarkup(plan: PlanModel, mapped: MappedText): MappedText {
  if (plan.format !== 'markdown') return mapped;
  const outer = mapped.outerSpanOf(0, mapped.text.length);
  const raw = plan.text.slice(outer.start, outer.end).replace(COMMENT, (c) => c.replace(/[^\r\n]/g, ' '));
  return raw === mapped.text ? mapped : MappedText.slice(raw, outer.start);
}

function proseRuns(plan: PlanModel, written: MappedText, base: Omit<LayoutRun, 'text'>, notes: FootnoteNumbers | undefined): LayoutRun[] {
  const mapped = withMarkup(plan, written);
  let text = mapped.text;
  let offsetOf = (i: number): number => mapped.toSource(i);
  const start = mapped.toSource(0);
  const end = mapped.span.end;
  if (notes?.any && plan.text.indexOf('[^', start) >= 0 && plan.text.indexOf('[^', start) < end) {
    const chars: string[] = [];
    const offsets: number[] = [];
    const refs: Array<{ start: number; end: number; label: string }> = [];
    FOOTNOTE_REF.lastIndex = 0;
    const slice = plan.text.slice(start, end);
    for (let m = FOOTNOTE_REF.exec(slice); m; m = FOOTNOTE_REF.exec(slice)) refs.push({ start: start + m.index, end: start + m.index + m[0].length, label: m[1] });
    let r = 0;
    for (let i = 0; i <= text.length; i++) {
      const at = i < text.length ? mapped.toSource(i) : end;
      while (r < refs.length && at >= refs[r].end) {
        // The reference's characters (or what stands for them) are past: the mark goes where it began.
        const index = notes.refer(refs[r].label);
        if (index !== undefined) {
          const back = offsets.findIndex((o) => o >= refs[r].start);
          const cut = back < 0 ? chars.length : back;
          chars.splice(cut, chars.length - cut, String.fromCharCode(NOTE_MARK + index));
          offsets.splice(cut, offsets.length - cut, refs[r].start);
        }
        r++;
      }
      if (i === text.length) break;
      chars.push(text[i]);
      offsets.push(at);
    }
    text = chars.join('');
    offsetOf = (i: number): number => offsets[i] ?? end;
  }

  const out = new RunBuilder();
  let j = 0;
  let last = start;
  const marks = notes?.any === true;
  for (const seg of memoText(parseInline, text)) {
    const style = styleOf(base, seg);
    if (seg.lineBreak) {
      // A line break inside the paragraph is a space, at the break.
      let k = j;
      while (k < text.length && k - j <= ALIGN_WINDOW && !/\s/u.test(text[k])) k++;
      if (k < text.length && /\s/u.test(text[k])) {
        last = offsetOf(k);
        j = k + 1;
      }
      out.add(' ', last, style);
      continue;
    }
    // Most pieces are the text as written, between emphasis markers: taken whole.
    const k = text.indexOf(seg.text, j);
    const n = seg.text.length;
    if (k >= 0 && k - j <= ALIGN_WINDOW && !(marks && /[\ue000-\uefff]/u.test(seg.text)) && offsetOf(k + n - 1) - offsetOf(k) === n - 1) {
      out.addSlice(seg.text, offsetOf(k), style);
      last = offsetOf(k + n - 1);
      j = k + n;
      continue;
    }
    for (const ch of seg.text) {
      const code = ch.charCodeAt(0);
      // The segment's characters appear in order in the text, with escapes and masked comments
      // (a comment can be long) in between.
      let m = j;
      while (m < text.length && m - j <= ALIGN_WINDOW && text[m] !== ch) m++;
      const found = m < text.length && text[m] === ch;
      const offset = found ? offsetOf(m) : last;
      if (found) j = m + 1;
      last = offset;
      if (code >= NOTE_MARK && code < NOTE_MARK + 0x1000) {
        const index = code - NOTE_MARK;
        out.push({ text: String(index + 1), footnote: index, span: { start: offset, end: offset } });
        continue;
      }
      // A line break (inside inline HTML) is a space; every other character is printed as typed
      // (a no-break space too: the checker reports it, the export must not hide it).
      out.add(ch === '\n' || ch === '\r' ? ' ' : ch, offset, style);
    }
  }
  out.flush();
  return trimRuns(out.runs);
}

/** The paragraphs of a text, separated by blank lines. */
function paragraphsOf(text: MappedText): MappedText[] {
  const out: MappedText[] = [];
  const re = /\r?\n[ \t]*\r?\n\s*/gu;
  let last = 0;
  for (let m = re.exec(text.text); m; m = re.exec(text.text)) {
    out.push(text.sub(last, m.index));
    last = m.index + m[0].length;
  }
  out.push(text.sub(last, text.text.length));
  return out.filter((t) => t.text.trim() !== '');
}

/**
 * A line the layout derives from a value (the issuer in capitals, the committee's name), with
 * each character placed on the character of the value it comes from when there is one.
 */
function derivedRun(text: string, value: MappedText, style: Omit<LayoutRun, 'text'>): LayoutRun[] {
  const a = [...text.toLocaleLowerCase('vi')];
  const b = value.text.toLocaleLowerCase('vi');
  // The longest common subsequence of two short lines (a name, a title) pairs their characters.
  const n = a.length;
  const m = b.length;
  const pair = new Array<number>(n).fill(-1);
  if (n > 0 && m > 0 && n * m <= 65536) {
    const table = new Uint16Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let k = m - 1; k >= 0; k--) {
        table[i * (m + 1) + k] = a[i] === b[k] ? table[(i + 1) * (m + 1) + k + 1] + 1 : Math.max(table[(i + 1) * (m + 1) + k], table[i * (m + 1) + k + 1]);
      }
    }
    for (let i = 0, k = 0; i < n && k < m; ) {
      if (a[i] === b[k]) {
        pair[i++] = k++;
      } else if (table[(i + 1) * (m + 1) + k] >= table[i * (m + 1) + k + 1]) {
        i++;
      } else {
        k++;
      }
    }
  }
  const out = new RunBuilder();
  let last = value.toSource(0);
  [...text].forEach((ch, i) => {
    if (pair[i] >= 0) last = value.toSource(pair[i]);
    out.add(ch, last, style);
  });
  out.flush();
  return out.runs;
}

/** A place where the text has room to fill in by hand instead of what it says. */
interface BlankSpot {
  start: number;
  end: number;
  width: number;
}

/**
 * Runs of a metadata value printed as it is (spaces collapsed), with blanks: the characters
 * of each spot are replaced by a run of spaces, so that "ngày    tháng 6" keeps its room.
 */
function plainRuns(mapped: MappedText, base: Omit<LayoutRun, 'text'>, blanks: readonly BlankSpot[] = []): LayoutRun[] {
  const out = new RunBuilder();
  const text = mapped.text;
  let b = 0;
  let previousSpace = true;
  for (let i = 0; i < text.length; i++) {
    const spot = blanks[b];
    if (spot && i === spot.start) {
      out.push({ text: ' '.repeat(spot.width), ...base, blank: true, span: { start: mapped.toSource(spot.start), end: mapped.toSource(spot.start) } });
      i = spot.end - 1;
      b++;
      previousSpace = true;
      continue;
    }
    const ch = text[i];
    // Spaces, tabs and line breaks of the YAML value collapse; a no-break space is printed as typed.
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (previousSpace) continue;
      previousSpace = true;
      out.add(' ', mapped.toSource(i), base);
      continue;
    }
    previousSpace = false;
    out.add(ch, mapped.toSource(i), base);
  }
  out.flush();
  return trimRuns(out.runs);
}

/** The text of a metadata value mapped to where it is written. */
function fieldText(plan: PlanModel, field: MetaField<string>): MappedText {
  return MappedText.aligned(field.value, plan.text, field.span.start, field.span.end);
}

const BLANK_NUMBER = /^[\s.…_xX]*$/u;

/** Where the number of "Số: /KH-UBND", "Số -CTr/TU" or "Số: …/KH-UBND" is left blank. */
function numberBlank(value: string): BlankSpot | undefined {
  const m = /^(\s*số\s*:?)([^-/]*)/iu.exec(value);
  if (!m || !BLANK_NUMBER.test(m[2])) return undefined;
  return { start: m[1].length, end: m[1].length + m[2].length, width: BLANK_SPACES.number };
}

/** Where the day, month or year of a date line is left blank ("ngày    tháng 6 năm 2024", "ngày … tháng …"). */
function dateBlanks(value: string): BlankSpot[] {
  const out: BlankSpot[] = [];
  const re = /(ngày|tháng|năm)([\s.…_]*)(?=(?:tháng|năm)(?![\p{L}])|$)/giu;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    const start = m.index + m[1].length;
    out.push({ start, end: start + m[2].length, width: BLANK_SPACES.date });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

function joinSpans(spans: ReadonlyArray<Span | undefined>): Span | undefined {
  const real = spans.filter((s): s is Span => !!s);
  if (real.length === 0) return undefined;
  return { start: Math.min(...real.map((s) => s.start)), end: Math.max(...real.map((s) => s.end)) };
}

// ---------------------------------------------------------------------------------------------
// The layout
// ---------------------------------------------------------------------------------------------

const WARN = {
  variant: {
    vi: 'Không xác định được văn bản của cấp ủy hay của Ủy ban nhân dân (trường "variant"); dùng thể thức văn bản của Đảng.',
    en: 'Could not tell a Party from a state document (key "variant"); the Party layout is used.',
  },
  issuer: { vi: 'Thiếu cơ quan ban hành (trường "issuer").', en: 'The issuer is missing (key "issuer").' },
  kind: { vi: 'Thiếu tên loại văn bản (trường "kind").', en: 'The document kind is missing (key "kind").' },
  recipients: { vi: 'Thiếu nơi nhận (trường "recipients").', en: 'The recipients are missing (key "recipients").' },
  signer: { vi: 'Thiếu khối chữ ký (trường "signer").', en: 'The signature block is missing (key "signer").' },
} satisfies Record<string, Localized>;

/** Lays the plan out in the official form of its variant and level. */
export function layoutPlan(plan: PlanModel, kb: KnowledgeBase): ExportLayout {
  const warnings: Localized[] = [];
  const decided = decideVariant(plan, kb.template).id;
  if (!decided) warnings.push(WARN.variant);
  const variant: VariantId = decided ?? 'party';
  const o = OFFICIAL[variant];
  const s = o.sizes;
  const textWidthMm = o.page.width - o.margins.left - o.margins.right;
  const headerWidths = [textWidthMm * o.headerLeft, textWidthMm * (1 - o.headerLeft)];
  const closingWidths = [textWidthMm * o.closingLeft, textWidthMm * (1 - o.closingLeft)];
  const notes = new FootnoteNumbers(plan);
  const p = (role: ParagraphRole, runs: LayoutRun[], align: Align, size: number, extra: Partial<LayoutParagraph> = {}): LayoutParagraph => {
    const paragraph: LayoutParagraph = { role, runs, align, size, ...extra };
    if (!paragraph.span) {
      const span = joinSpans(runs.map((r) => r.span));
      if (span) paragraph.span = span;
    }
    return paragraph;
  };
  const rule = (width: number): LayoutParagraph => p('rule', [], 'center', 2, { ruleWidth: width, before: 0, after: 0 });
  const meta = plan.meta;
  const field = (f: MetaField<string> | undefined, base: Omit<LayoutRun, 'text'>, blanks?: (v: string) => BlankSpot[]): LayoutRun[] =>
    f && f.value.trim() !== '' ? plainRuns(fieldText(plan, f), base, blanks ? blanks(f.value) : []) : [];

  // Header: issuer and number on the left, the Party's title or the national name and motto on the right.
  const issuer = meta.issuer?.value ?? '';
  const level = levelOf(issuer);
  const lines = issuerLines(issuer, variant, kb);
  if (lines.length === 0) warnings.push(WARN.issuer);
  const issuerText = meta.issuer && meta.issuer.value.trim() !== '' ? fieldText(plan, meta.issuer) : undefined;
  const issuerParagraphs = lines.map((l) =>
    p('issuer', issuerText ? derivedRun(l, issuerText, { bold: true }) : [{ text: l, bold: true }], 'center', s.issuer, issuerText ? { span: meta.issuer!.span } : {}),
  );

  const numberValue = meta.number?.value ?? '';
  const numberSpot = numberBlank(numberValue);
  let numberRuns = field(meta.number, {}, () => (numberSpot ? [numberSpot] : []));
  if (numberRuns.length === 0) {
    // Nothing written yet: "Số" and room for the office to write the number and symbol.
    numberRuns = [{ text: variant === 'state' ? 'Số:' : 'Số' }, { text: ' '.repeat(BLANK_SPACES.number * 2), blank: true }];
  }
  const number = p('number', numberRuns, 'center', s.number, { ...(meta.number ? { span: meta.number.span } : {}) });

  const place = field(meta.place, { italic: true });
  let date = field(meta.date, { italic: true }, dateBlanks);
  if (date.length === 0) {
    const blank = (): LayoutRun => ({ text: ' '.repeat(BLANK_SPACES.date), blank: true, italic: true });
    date = [{ text: 'ngày', italic: true }, blank(), { text: 'tháng', italic: true }, blank(), { text: 'năm', italic: true }, blank()];
  }
  const dateRuns = place.length > 0 ? [...place, { text: ', ', italic: true }, ...date] : date;
  const dateSpan = joinSpans([meta.place?.span, meta.date?.span]);

  const left: LayoutParagraph[] = [];
  const right: LayoutParagraph[] = [];
  if (variant === 'party') {
    left.push(...issuerParagraphs);
    left.push(p('star', [{ text: '*' }], 'center', s.issuer));
    left.push(number);
    right.push(p('national', [{ text: NATIONAL.party.title, bold: true }], 'center', s.national));
    right.push(rule(textWidth(NATIONAL.party.title, s.national, true)));
    right.push(p('date', dateRuns, 'center', s.date, { before: 12, ...(dateSpan ? { span: dateSpan } : {}) }));
  } else {
    left.push(...issuerParagraphs);
    // NĐ 30: a rule under the issuer, a third to a half of its length.
    const widest = Math.max(0, ...lines.map((l) => textWidth(l, s.issuer, true)));
    if (widest > 0) left.push(rule(widest * 0.4));
    left.push({ ...number, before: 6 });
    right.push(p('national', [{ text: NATIONAL.state.title, bold: true }], 'center', s.national));
    right.push(p('motto', [{ text: NATIONAL.state.motto, bold: true }], 'center', s.motto));
    right.push(rule(textWidth(NATIONAL.state.motto, s.motto, true)));
    right.push(p('date', dateRuns, 'center', s.date, { before: 6, ...(dateSpan ? { span: dateSpan } : {}) }));
  }
  const header: LayoutTable = { role: 'header', widths: headerWidths, cells: [left, right], keepTogether: true };
  const headerSpan = joinSpans([...left, ...right].map((x) => x.span));
  if (headerSpan) header.span = headerSpan;
  const blocks: LayoutBlock[] = [{ type: 'table', table: header }];
  const para = (x: LayoutParagraph): void => {
    blocks.push({ type: 'paragraph', paragraph: x });
  };

  // Kind and subject, centred; under the subject "-----" (Party) or a short solid line (state).
  const kind = field(meta.kind, { bold: true });
  if (kind.length > 0) para(p('kind', kind.map((r) => ({ ...r, text: upper(r.text) })), 'center', s.kind, { before: 18, after: 0, keepWithNext: true }));
  else warnings.push(WARN.kind);
  const subjectField = meta.subject && meta.subject.value.trim() !== '' ? meta.subject : undefined;
  const subject = subjectField ? proseRuns(plan, fieldText(plan, subjectField), { bold: true }, notes) : [];
  if (subject.length > 0) para(p('subject', subject, 'center', s.subject, { after: 0, keepWithNext: true, span: subjectField!.span }));
  if (o.subjectRule === 'dashes') {
    para(p('rule', [{ text: PARTY_SUBJECT_RULE }], 'center', s.subject, { before: 0, after: 12 }));
  } else {
    // The longest line of the subject: the whole width once it wraps.
    const subjectLine = Math.min(textWidthMm, textWidth(subject.map((r) => r.text).join(''), s.subject, true));
    para({ ...rule(Math.max(subjectLine, textWidthMm / 3) * 0.4), after: 12 });
  }

  // Body.
  const body = (role: ParagraphRole, runs: LayoutRun[], extra: Partial<LayoutParagraph> = {}): void =>
    para(p(role, runs, 'justify', s.body, { indent: o.indent, after: o.paragraphAfter, lineSpacing: o.lineSpacing, ...extra }));
  const blockRuns = (b: Block, base: Omit<LayoutRun, 'text'> = {}): LayoutRun[] => {
    const runs = proseRuns(plan, b.text, base, notes);
    if (b.kind === 'list-item') runs.unshift({ text: listMarker(plan, b), ...base });
    return runs;
  };
  for (const b of plan.preamble) {
    // A "# KẾ HOẠCH" title in the body is the kind, printed above from the metadata.
    if (b.kind === 'heading') continue;
    body('preamble', blockRuns(b), { span: b.span });
  }
  const section = (sec: Section): void => {
    const level = sec.heading.level;
    const role: ParagraphRole = level <= 2 ? 'heading-1' : level === 3 ? 'heading-2' : 'heading-3';
    const runs = proseRuns(plan, sec.heading.raw, { bold: true, ...(level >= 4 ? { italic: true } : {}) }, notes);
    body(role, runs, { keepWithNext: true, keepLines: true, span: sec.heading.span });
    for (const b of sec.blocks) body('body', blockRuns(b), { span: b.span });
    sec.children.forEach(section);
  };
  plan.sections.forEach(section);
  // "Trên đây là …" stays on the page of the signature block, whole: Word would keep only its last
  // line with the block, LibreOffice the whole paragraph; keeping its lines together makes both agree.
  if (plan.closing) body('closing', blockRuns(plan.closing), { keepWithNext: true, keepLines: true, span: plan.closing.span });
  for (const b of plan.trailing) para(p('note', blockRuns(b), 'justify', s.recipients + 1, { after: 3, span: b.span }));
  // A footnote no reference names cannot be a Word footnote: it is printed after the body, not lost.
  for (const f of notes.unreferenced()) {
    warnings.push({
      vi: `Chú thích [^${f.label}] không được dẫn ở đâu trong văn bản; in sau phần nội dung.`,
      en: `Footnote [^${f.label}] is referred to nowhere in the text; it is printed after the body.`,
    });
    paragraphsOf(f.text).forEach((t, i) => {
      const label: LayoutRun[] = i === 0 ? [{ text: `[${f.label}] ` }] : [];
      para(p('note', [...label, ...proseRuns(plan, t, {}, undefined)], 'justify', s.footnote, { after: 3, span: f.span }));
    });
  }
  for (const label of notes.unknown) {
    warnings.push({
      vi: `Văn bản dẫn chú thích [^${label}] nhưng không có dòng "[^${label}]: …"; giữ nguyên như chữ.`,
      en: `The text refers to footnote [^${label}] but no line "[^${label}]: …" defines it; it is printed as written.`,
    });
  }

  // Recipients on the left, the signature on the right; the row is kept on one page.
  const recipients = meta.recipients?.value ?? [];
  const closingLeft: LayoutParagraph[] = [];
  const recipientIndent = textWidth('- ', s.recipients);
  if (recipients.length > 0) {
    const titleRun: LayoutRun = variant === 'party' ? { text: 'Nơi nhận:', underline: true } : { text: 'Nơi nhận:', bold: true, italic: true };
    closingLeft.push(p('recipients-title', [titleRun], 'left', s.recipientsTitle, { before: 12, after: 0, span: meta.recipients!.keySpan }));
    for (const r of recipients) {
      const runs = r.value.trim() === '' ? [] : plainRuns(fieldText(plan, r), {});
      // "- " then the item; a wrapped item continues under its text, not under the dash.
      closingLeft.push(p('recipient', [{ text: '- ' }, ...runs], 'left', s.recipients, { after: 0, hanging: recipientIndent, span: r.span }));
    }
  } else {
    warnings.push(WARN.recipients);
  }
  const signer = meta.signer;
  const closingRight: LayoutParagraph[] = [];
  const sig = (role: ParagraphRole, f: MetaField<string> | undefined): void => {
    const runs = field(f, { bold: true });
    if (runs.length > 0) closingRight.push(p(role, runs, 'center', s.signature, { before: closingRight.length === 0 ? 12 : 0, after: 0 }));
  };
  sig('authority', signer?.authority);
  sig('acting', signer?.acting);
  sig('title', signer?.title);
  if (closingRight.length === 0) warnings.push(WARN.signer);
  for (let i = 0; i < o.signatureGap; i++) closingRight.push(p('signature-space', [], 'center', s.signature, { after: 0 }));
  sig('name', signer?.name);
  // Word keeps a row's lines together with "keep lines" and "keep with next" on its paragraphs.
  for (const cell of [closingLeft, closingRight]) {
    cell.forEach((x, i) => {
      x.keepLines = true;
      if (i < cell.length - 1) x.keepWithNext = true;
    });
  }
  const closing: LayoutTable = { role: 'closing', widths: closingWidths, cells: [closingLeft, closingRight], keepTogether: true };
  const closingSpan = joinSpans([...closingLeft, ...closingRight].map((x) => x.span));
  if (closingSpan) closing.span = closingSpan;
  blocks.push({ type: 'table', table: closing });

  const footnotes: LayoutFootnote[] = notes.used.map((f, i) => ({
    number: i + 1,
    label: f.label,
    paragraphs: paragraphsOf(f.text).map((t) => proseRuns(plan, t, {}, undefined)),
    size: s.footnote,
    span: f.span,
  }));

  return {
    variant,
    level,
    page: o.page,
    margins: o.margins,
    font: o.font,
    singleLine: SINGLE_LINE_EM,
    pageNumbers: { size: s.body, fromPage: 2, top: o.pageNumberTop },
    blocks,
    footnotes,
    warnings,
  };
}
