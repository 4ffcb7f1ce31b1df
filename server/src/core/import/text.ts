// Small tests on lines of extracted text: sentence ends, continuations, headings, bullets, page numbers.

import { romanToInt } from '../document/numerals';

/** A character that may follow the punctuation ending a sentence (CLOSERS). */
const CLOSER = /[\s*_”"’'»)\]]/u;

/**
 * The line ends a sentence or a clause: ".", ":", ";", "!", "?", "…" (before closing quotes or
 * brackets). Read from the end: a paragraph joined from thousands of lines is asked this at each
 * line, and a pattern anchored at the end scans from the start.
 */
export function endsSentence(text: string): boolean {
  let i = text.length;
  while (i > 0 && CLOSER.test(text[i - 1])) i--;
  return i > 0 && /[.:;!?…]/u.test(text[i - 1]);
}

/** The line starts with a lower-case letter: the rest of a sentence begun on an earlier line. */
export function startsLowercase(text: string): boolean {
  return /^\p{Ll}/u.test(text.trimStart());
}

export function startsUppercase(text: string): boolean {
  return /^\p{Lu}/u.test(text.trimStart());
}

/** Share of upper-case letters among the letters of a text (1 when it has none). */
export function upperShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 1;
  return letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length / letters.length;
}

/** A Roman section heading: "I. MỤC ĐÍCH, YÊU CẦU", "II- QUAN ĐIỂM, MỤC TIÊU" (capitals after the numeral). */
export interface RomanStart {
  numeral: string;
  /** Index where the title starts. */
  titleStart: number;
}

const ROMAN = /^(?:\*\*)?\s*([IVXL]{1,6})\s*([.\-–])\s*(?=\S)/u;

/**
 * How much of a text tells whether it is a section heading: its first words. A paragraph joined
 * from many lines is asked at each line; reading it whole made an import take the square of its
 * length.
 */
export const HEADING_HEAD_CHARS = 400;

/**
 * `cut` says that `text` is only the head of a longer text (HEADING_HEAD_CHARS): a heading in
 * sentence case is short, so a longer text is none.
 */
export function romanHeadingStart(text: string, cut = false): RomanStart | undefined {
  if (text.length > HEADING_HEAD_CHARS) return romanHeadingStart(text.slice(0, HEADING_HEAD_CHARS), true);
  const m = ROMAN.exec(text);
  if (!m || romanToInt(m[1]) === undefined) return undefined;
  const title = text.slice(m[0].length);
  // The first words of a section title are written in capitals; "V. I. Lênin" or "I-ốt" are not headings.
  // Only the first words count: a glued item heading may follow ("YÊU CẦU1. Mục đích").
  const head = title.replace(/\*\*.*$/su, '').split(/\s+/u).slice(0, 3).join(' ').replace(/\d.*$/su, '');
  if (!/\p{L}/u.test(head)) return undefined;
  if (upperShare(head) >= 0.8) return { numeral: m[1], titleStart: m[0].length };
  // A title in sentence case ("I. Mục đích, yêu cầu"): short, capitalised, not a sentence.
  const words = stripEmphasisEnds(title).trim().split(/\s+/u);
  if (!cut && /^\p{Lu}\p{L}/u.test(words[0]) && words.length <= 12 && !endsSentence(title)) return { numeral: m[1], titleStart: m[0].length };
  return undefined;
}

/** "1. Mục đích", "2.Yêu cầu": an Arabic numeral, a full stop, then a letter. */
export function numberedStart(text: string): boolean {
  return /^(?:\*\*)?\s*\d{1,2}\.\s*(?=[\p{L}*“"(])/u.test(text);
}

/** "a) …": a lettered item. */
export function letteredStart(text: string): boolean {
  return /^[a-zđ]\)\s/u.test(text);
}

/** "- …", "+ …", "• …": a bullet. */
export function bulletStart(text: string): boolean {
  return /^[-–+•]\s*\S/u.test(text) && !/^-{2,}/u.test(text);
}

/** A page number alone on its line ("7", "- 7 -", "Trang 7"). */
export function isPageNumber(text: string): boolean {
  return /^\s*(?:[-–]\s*)?(?:Trang\s+)?\d{1,3}(?:\s*[-–])?\s*$/iu.test(text);
}

/** A rule drawn with characters ("-----", "_____", "*****"). */
export function isSeparator(text: string): boolean {
  return /^\s*(?:[-_=–—]\s*){3,}$/u.test(text) || /^\s*\*{3,}\s*$/u.test(text);
}

/** A footnote printed as text: "¹ Quy định số …", "[1] …", "[�] …". */
export function isFootnote(text: string): boolean {
  return /^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[(?:\d{1,3}|\uFFFD)\])\s*\S/u.test(text);
}

/** Removes Markdown emphasis markers left at the ends of a line by a converter ("**T/M BAN THƯỜNG VỤ"). */
export function stripEmphasisEnds(text: string): string {
  return text.replace(/^\s*(?:\*\*|__)\s*/u, '').replace(/\s*(?:\*\*|__)\s*$/u, '');
}

/** Collapses the spaces of a metadata value to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** A short quotation of a line for repair messages. */
export function excerpt(text: string, max = 60): string {
  const t = oneLine(text);
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
