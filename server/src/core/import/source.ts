// Reads extracted text into lines and paragraphs: drops page numbers and rules, sets footnotes aside, joins wrapped lines.

import { Repair } from './types';
import {
  bulletStart,
  endsSentence,
  excerpt,
  isFootnote,
  isPageNumber,
  isSeparator,
  letteredStart,
  numberedStart,
  romanHeadingStart,
  startsLowercase,
  upperShare,
} from './text';

/** A non-blank source line, trimmed. */
export interface Line {
  text: string;
  /** 1-based line number in the source. */
  line: number;
  /** The untrimmed line (tabs and column gaps kept), for the recipients and signature block. */
  raw: string;
  /** Blank lines, or lines the importer removed, come between this line and the previous one. */
  gap: boolean;
  /** Lines the importer removed (page numbers, footnotes) come between this line and the previous one. */
  removedBefore: boolean;
  /** A rule ("-----") comes before this line: it cannot continue the paragraph above. */
  ruledBefore: boolean;
}

/** Why a line was joined to the one above: it starts in lower case, it closes a bracket, or the text is hard-wrapped. */
export type JoinReason = 'lowercase' | 'bracket' | 'wrap';

/** A paragraph assembled from one or more lines. */
export interface Unit {
  text: string;
  line: number;
  endLine: number;
  /** Lines joined to the first one, with whether a blank or removed line came before each and why it was joined. */
  joins: Array<{ line: number; gap: boolean; reason: JoinReason }>;
}

export interface SourceText {
  lines: Line[];
  footnotes: Line[];
  /** Lines of rules ("-----"): they separate the subject from the preamble. */
  separators: number[];
  layout: 'paragraphs' | 'hard-wrapped';
  /** Typical length of a full line in hard-wrapped text. */
  width: number;
  repairs: Repair[];
}

/**
 * Splits the text into lines (or takes the lines given: the paragraphs of a Word document) and
 * removes what is not text of the plan.
 */
export function readSource(text: string | readonly string[]): SourceText {
  const rawLines = typeof text === 'string' ? text.replace(/^\uFEFF/u, '').split(/\r\n|\r|\n/u) : text;
  const lines: Line[] = [];
  const footnotes: Line[] = [];
  const separators: number[] = [];
  const repairs: Repair[] = [];
  let gap = false;
  let removed = false;
  let ruled = false;
  rawLines.forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (t === '') {
      gap = true;
      return;
    }
    if (isPageNumber(t)) {
      repairs.push({
        id: 'page-number',
        line,
        message: { vi: `Bỏ số trang "${t}" đứng riêng một dòng.`, en: `Removed the page number "${t}" standing on its own line.` },
      });
      gap = removed = true;
      return;
    }
    if (isSeparator(t)) {
      separators.push(line);
      repairs.push({
        id: 'separator',
        line,
        message: { vi: `Bỏ đường kẻ "${t}" (trình bày, không phải nội dung).`, en: `Removed the rule "${t}" (layout, not text).` },
      });
      gap = ruled = true;
      return;
    }
    const entry: Line = { text: t, line, raw: raw.replace(/\s+$/u, ''), gap, removedBefore: removed, ruledBefore: ruled };
    if (isFootnote(t)) {
      footnotes.push(entry);
      gap = removed = true;
      return;
    }
    lines.push(entry);
    gap = removed = ruled = false;
  });
  const { layout, width } = detectLayout(lines);
  if (layout === 'hard-wrapped') {
    // In hard-wrapped text every line is followed by a blank line: blank lines say nothing.
    for (const l of lines) l.gap = l.removedBefore;
  }
  return { lines, footnotes, separators, layout, width, repairs };
}

/**
 * Text copied from a PDF is hard-wrapped: lines of about the same length, many of them ending
 * in the middle of a sentence that the next line continues in lower case. Word text has one
 * paragraph per line, of any length.
 */
function detectLayout(lines: readonly Line[]): { layout: SourceText['layout']; width: number } {
  const lengths = lines.map((l) => [...l.text].length).sort((a, b) => a - b);
  if (lengths.length < 20) return { layout: 'paragraphs', width: 0 };
  const width = lengths[Math.floor(lengths.length * 0.9)];
  let continued = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!endsSentence(lines[i].text) && startsLowercase(lines[i + 1].text)) continued++;
  }
  const full = lengths.filter((n) => n >= width * 0.7).length;
  const hard = width <= 120 && continued / lines.length >= 0.2 && full / lengths.length >= 0.5;
  return { layout: hard ? 'hard-wrapped' : 'paragraphs', width };
}

/** A line that starts a block of its own: a heading, a numbered or lettered item, a bullet. */
export function startsBlock(text: string): boolean {
  return romanHeadingStart(text) !== undefined || numberedStart(text) || letteredStart(text) || bulletStart(text) || /^Trên đây là(?!\p{L})/u.test(text);
}

/** "- 2025”; …" after "giai đoạn 2021": a hard-wrapped range, not a bullet. */
function dashContinues(prev: string, next: string): boolean {
  return bulletStart(next) && !endsSentence(prev) && /^[-–]\s*[\p{Ll}\d]/u.test(next) && !/:\s*$/u.test(prev);
}

function joinText(prev: string, next: string): string {
  // A symbol broken at the line end ("21-" / "KH/TW") keeps its line break: the break is in the text as printed.
  if (/\d[-/]$/u.test(prev) && /^[\p{Lu}\d]/u.test(next)) return `${prev}\n${next}`;
  // A bracket opened at the end of a line or closed at the start of the next: no space was printed.
  if (/[[(]$/u.test(prev) || /^[\])]/u.test(next)) return prev + next;
  return `${prev} ${next}`;
}

function append(unit: Unit, l: Line, reason: JoinReason): void {
  unit.text = joinText(unit.text, l.text);
  unit.endLine = l.line;
  unit.joins.push({ line: l.line, gap: l.gap, reason });
}

function newUnit(l: Line): Unit {
  return { text: l.text, line: l.line, endLine: l.line, joins: [] };
}

/**
 * Paragraphs of Word text: one per line, except a line that starts in lower case after a line
 * that does not end a sentence (a paragraph cut by a page break, or a title printed on two
 * lines), and brackets split over two lines.
 */
function wordUnits(lines: readonly Line[]): Unit[] {
  const units: Unit[] = [];
  for (const l of lines) {
    const prev = units[units.length - 1];
    const open = prev !== undefined && !l.ruledBefore && !startsBlock(l.text) && romanHeadingStart(prev.text) === undefined;
    if (open && (/[[(]$/u.test(prev.text) || /^[\])][.,;:]?$/u.test(l.text))) append(prev, l, 'bracket');
    else if (open && !endsSentence(prev.text) && startsLowercase(l.text)) append(prev, l, 'lowercase');
    else units.push(newUnit(l));
  }
  return units;
}

/**
 * Paragraphs of hard-wrapped text. A line continues the paragraph unless it starts a block, or
 * the previous line ends a sentence and is shorter than a full line, or the previous line is a
 * short line without a sentence end (the end of a heading) and this one starts in capitals.
 */
function wrappedUnits(lines: readonly Line[], width: number, repairs: Repair[]): Unit[] {
  const units: Unit[] = [];
  let lastLine = '';
  for (const l of lines) {
    const cur = units[units.length - 1];
    let continues = false;
    if (cur && !l.ruledBefore) {
      const prevLength = [...lastLine].length;
      const dash = dashContinues(lastLine, l.text);
      if (dash) {
        repairs.push({
          id: 'dash-continuation',
          line: l.line,
          message: {
            vi: `Dòng "${excerpt(l.text, 30)}" là phần tiếp của câu ở dòng trên (khoảng năm bị xuống dòng), không phải gạch đầu dòng.`,
            en: `The line "${excerpt(l.text, 30)}" continues the sentence above (a year range broken by the wrap); it is not a bullet.`,
          },
        });
        continues = true;
      } else if (startsBlock(l.text)) {
        continues = false;
      } else if (romanHeadingStart(cur.text) !== undefined) {
        continues = !endsSentence(lastLine) && upperShare(l.text) >= 0.8;
      } else if (endsSentence(lastLine)) {
        continues = prevLength >= width * 0.88;
      } else {
        continues = startsLowercase(l.text) || prevLength >= width * 0.78;
      }
    }
    if (continues && cur) append(cur, l, 'wrap');
    else units.push(newUnit(l));
    lastLine = l.text;
  }
  return units;
}

/** Assembles the paragraphs of a run of lines in the layout of the source. */
export function assemble(source: SourceText, lines: readonly Line[], repairs: Repair[]): Unit[] {
  return source.layout === 'hard-wrapped' ? wrappedUnits(lines, source.width, repairs) : wordUnits(lines);
}
