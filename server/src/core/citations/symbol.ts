// Symbols of cited documents (số, ký hiệu): finding them in prose, repairing broken ones, telling their grammar.

import { ownCopy } from '../text/memo';
import { memoizeShort } from '../text/normalize';
import { isCentralIssuerCode } from './type-codes';
import { LETTER_OR_DIGIT as LETTER_OR_DIGIT_RANGES } from '../text/unicode-classes';
import { isWordUnit } from '../text/word-chars';

/** party `43-NQ/TW`; state `74/KH-UBND`; normative `140/2017/NĐ-CP`; law `10/2022/QH15`. */
export type SymbolFamily = 'party' | 'state' | 'normative' | 'law';

/** Why a symbol is malformed: a space or a line break inside it, an en dash, or no known grammar. */
export type MalformedReason = 'space' | 'linebreak' | 'dash' | 'grammar';

export interface ParsedSymbol {
  /** The symbol as the grammar wants it: no spaces, hyphen-minus, NFC ("45-NQ/TW"). */
  symbol: string;
  family?: SymbolFamily;
  number: string;
  year?: string;
  /** Type code ("NQ", "CTr", "QĐ"); undefined for a law ("10/2022/QH15"). */
  typeCode?: string;
  /** Issuer code ("TW", "TU", "UBND", "CP", "UBTVQH11", "QH15"). */
  issuerCode?: string;
  /** A central body issued it (/TW, -CP, -TTg, QH, -UBTVQH). */
  central: boolean;
  malformed?: MalformedReason;
}

export interface FoundSymbol extends ParsedSymbol {
  /** Offsets in the scanned text. */
  start: number;
  end: number;
  /** The text as written, line breaks and spaces included. */
  written: string;
}

const PARTY = /^(\d+)-([A-ZĐ][A-Za-zĐđ]*)\/([A-ZĐ][A-ZĐ0-9]*)$/u;
const STATE = /^(\d+)\/([A-ZĐ][A-Za-zĐđ]*)-([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)$/u;
const NORMATIVE = /^(\d+)\/(\d{4})\/([A-ZĐ][A-Za-zĐđ]*)-([A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*)$/u;
const LAW = /^(\d+)\/(\d{4})\/(QH\d+)$/u;

/** Canonical text of a symbol for comparisons: NFC, no spaces, look-alike Đ, dashes and Word's hyphens repaired. */
export function symbolKey(symbol: string): string {
  return symbolKeyShort(symbol);
}

// Registry lookups and parent checks ask for the same keys again and again.
const symbolKeyShort = memoizeShort((symbol) =>
  symbol
    .normalize('NFC')
    .replace(/\s+/g, '')
    .replace(/Ð/g, 'Đ')
    .replace(/[–—\u2010\u2011]/g, '-')
    .toUpperCase(),
);

/**
 * Tells the grammar of a symbol written without spaces. Returns a fresh object each time
 * (`readSymbolAt` completes it), of one shape whatever the grammar: every field written, in one
 * order, `undefined` where the grammar has no such part, so that the citation rules' reads of a
 * symbol's parts see one shape.
 */
export function classifySymbol(compact: string): ParsedSymbol {
  const g = grammarOf(compact);
  return { symbol: g.symbol, family: g.family, number: g.number, year: g.year, typeCode: g.typeCode, issuerCode: g.issuerCode, central: g.central, malformed: g.malformed };
}

/**
 * What the grammar says of each symbol, kept: a plan cites the same few symbols again and again,
 * and the four grammars tried in turn made a match array and its strings for each. Read from a
 * copy of the symbol that shares no memory with the text it was cut from (see memoizeShort).
 */
const grammarOf = memoizeShort((compact) => readGrammar(ownCopy(compact)));

function readGrammar(compact: string): Readonly<ParsedSymbol> {
  let m = LAW.exec(compact);
  if (m) return grammar(compact, 'law', m[1], m[2], undefined, m[3], true, undefined);
  m = NORMATIVE.exec(compact);
  if (m) return grammar(compact, 'normative', m[1], m[2], m[3], m[4], isCentralIssuerCode(m[4], 'normative'), undefined);
  m = PARTY.exec(compact);
  if (m) return grammar(compact, 'party', m[1], undefined, m[2], m[3], isCentralIssuerCode(m[3], 'party'), undefined);
  m = STATE.exec(compact);
  if (m) return grammar(compact, 'state', m[1], undefined, m[2], m[3], isCentralIssuerCode(m[3], 'state'), undefined);
  const number = /^\d+/.exec(compact)?.[0] ?? '';
  return grammar(compact, undefined, number, undefined, undefined, undefined, /\/TW\b|-CP\b|-TTg\b|QH\d*\b/.test(compact), 'grammar');
}

function grammar(
  symbol: string,
  family: SymbolFamily | undefined,
  number: string,
  year: string | undefined,
  typeCode: string | undefined,
  issuerCode: string | undefined,
  central: boolean,
  malformed: MalformedReason | undefined,
): Readonly<ParsedSymbol> {
  return Object.freeze({ symbol, family, number, year, typeCode, issuerCode, central, malformed });
}

/** The symbol reader's parts below are exported for the reference reader its tests compare it with (test/support/extract-reference.ts). */
export const LETTER_OR_DIGIT = new RegExp(`[${LETTER_OR_DIGIT_RANGES}]`, 'u');
/**
 * Word's non-breaking hyphen (U+2011) and the typographic hyphen (U+2010) print as "-": a symbol
 * written with them is read as written with a hyphen (text.hyphen reports the character).
 */
export const WORD_HYPHENS = new Set(['\u2010', '\u2011']);
export const SEGMENT = /^[A-ZĐÐ][A-Za-zĐđÐ0-9]*/u;
/** The first character of a SEGMENT. */
export const SEGMENT_START = /^[A-ZĐÐ]$/u;

export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A first character of a SEGMENT, by its code unit: A–Z, "Đ" or the look-alike "Ð". */
function isSegmentStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || code === 0x110 || code === 0xd0;
}

/** A further character of a SEGMENT, by its code unit: A–Z, a–z, 0–9, "Đ", "đ" or "Ð". */
function isSegmentUnit(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || isAsciiDigit(code) || code === 0x110 || code === 0x111 || code === 0xd0;
}

/** Four digits then "/" at `at`: the year of a normative symbol. */
export function isYearAt(text: string, at: number): boolean {
  for (let k = at; k < at + 4; k++) if (!isAsciiDigit(text.charCodeAt(k))) return false;
  return text[at + 4] === '/';
}
export const ALL_CAPS = /^[A-ZĐÐ0-9]+$/u;

/**
 * The blank run (spaces, tabs, no-break spaces, at most one line break) at `i`: its length times
 * two, plus one when it holds the line break. By code unit and as a number: this runs twice at
 * every number of the prose, and the read of a string per character and an object per run were
 * most of what it cost.
 */
function blankRun(text: string, i: number): number {
  let j = i;
  let linebreak = 0;
  for (;;) {
    // NaN past the end: no blank.
    const c = text.charCodeAt(j);
    if (c === 0x20 || c === 0x09 || c === 0xa0) j++;
    else if ((c === 0x0a || c === 0x0d) && linebreak === 0) {
      linebreak = 1;
      j += c === 0x0d && text.charCodeAt(j + 1) === 0x0a ? 2 : 1;
    } else break;
  }
  return (j - i) * 2 + linebreak;
}

/** A separator of a symbol's parts by its code unit: "-", "/", "–", or Word's hyphens (WORD_HYPHENS). */
function isSeparator(code: number): boolean {
  return code === 0x2d || code === 0x2f || code === 0x2013 || code === 0x2010 || code === 0x2011;
}

/**
 * Reads a symbol starting at the digit at `start`: a number, then segments separated by "-" or
 * "/" (a 4-digit year right after the first "/"). A blank inside the symbol (a space or a line
 * break, as left by hard-wrapped PDF text) is accepted when what follows is clearly the rest of a
 * symbol, and is reported as a defect.
 */
function readSymbolAt(text: string, start: number): FoundSymbol | undefined {
  // Up to five digits, read by code unit: this runs at every number of the prose (dates,
  // quantities), most of which are no symbol, and a slice and a match each cost more than the read.
  let digitsEnd = start;
  while (digitsEnd < start + 5 && isAsciiDigit(text.charCodeAt(digitsEnd))) digitsEnd++;
  if (digitsEnd === start) return undefined;
  let i = digitsEnd;
  // The number alone is cut only when a part follows: most numbers of the prose have none.
  let compact: string | undefined;
  let letterSegments = 0;
  let sawYear = false;
  let blank = false;
  let linebreak = false;
  let dash = false;
  let end = i;
  for (;;) {
    const before = blankRun(text, i);
    let j = i + (before >> 1);
    const sep = text.charCodeAt(j);
    if (!isSeparator(sep)) break;
    j++;
    const after = blankRun(text, j);
    j += after >> 1;
    const spaced = before > 1 || after > 1;
    // Read by code unit before anything is cut or matched: most numbers of the prose are dates
    // ("24/11/2023") and quantities, and stop here.
    if (isAsciiDigit(text.charCodeAt(j))) {
      // A year right after the number: 140/2017/NĐ-CP. Digits are nothing else.
      if (sep !== 0x2f || sawYear || letterSegments > 0 || spaced || !isYearAt(text, j)) break;
      compact = `${compact ?? text.slice(start, digitsEnd)}/${text.slice(j, j + 4)}`;
      sawYear = true;
      i = j + 4;
      end = i;
      continue;
    }
    // SEGMENT within the next 40 code units, read by code unit: no slice and no match array for
    // each part of each symbol (its class holds no letter outside the BMP).
    if (!isSegmentStart(text.charCodeAt(j))) break;
    const segLimit = Math.min(text.length, j + 40);
    let segEnd = j + 1;
    while (segEnd < segLimit && isSegmentUnit(text.charCodeAt(segEnd))) segEnd++;
    const segText = text.slice(j, segEnd);
    // The segment must end the word: "Kế" is not a segment, "KH" is.
    if (segEnd < text.length && isWordUnit(text.charCodeAt(segEnd))) break;
    if (spaced) {
      // After a blank, accept only what is clearly a symbol part: capitals ("NQ/TW" after "45- "),
      // or a code directly followed by another separator and a capital ("CTr/TU").
      const continues = /^[-/][A-ZĐÐ]/u.test(text.slice(segEnd, segEnd + 2));
      if (!ALL_CAPS.test(segText) && !continues) break;
      // A blank before the separator must still leave the symbol on one logical word: "2025 - KH" is
      // prose, so require the segment to be followed by another separator in that case too.
      if (before > 1 && !continues && letterSegments === 0) break;
      blank = true;
      if ((before & 1) === 1 || (after & 1) === 1) linebreak = true;
    }
    if (sep === 0x2013) dash = true;
    // "–" and Word's hyphens are read as "-".
    compact = (compact ?? text.slice(start, digitsEnd)) + (sep === 0x2f ? '/' : '-') + segText;
    letterSegments++;
    i = segEnd;
    end = i;
  }
  if (compact === undefined) return undefined;
  const isLaw = sawYear && /^QH\d+$/.test(compact.split('/').pop() ?? '');
  if (letterSegments < 2 && !isLaw) return undefined;
  const normalized = compact.normalize('NFC').replace(/Ð/g, 'Đ');
  // The fresh object `classifySymbol` made is completed in place, its keys in the order a copy
  // (`{ ...parsed, malformed, start, end, written }`) gave them: the copy was most of this
  // function's time, its objects having one shape per grammar.
  const found = classifySymbol(normalized) as FoundSymbol;
  let malformed: MalformedReason | undefined = found.malformed;
  if (!malformed && linebreak) malformed = 'linebreak';
  else if (!malformed && blank) malformed = 'space';
  else if (!malformed && dash) malformed = 'dash';
  found.malformed = malformed;
  found.start = start;
  found.end = end;
  found.written = text.slice(start, end);
  return found;
}

/**
 * Past the digits that follow the one at `i`: each has a digit, a letter or digit, before it, so
 * none starts a symbol, and the search stopped at every one of them (a date's "24/11/2023" eight
 * times, now three).
 */
function skipDigits(digits: RegExp, text: string, i: number): void {
  let j = i + 1;
  while (isAsciiDigit(text.charCodeAt(j))) j++;
  digits.lastIndex = j;
}

/** Every symbol in a text, in order. */
export function findSymbols(text: string): FoundSymbol[] {
  const out: FoundSymbol[] = [];
  const digits = /\d/g;
  // `test` rather than `exec`: no match array per digit of the prose; the digit is the one before lastIndex.
  while (digits.test(text)) {
    const i = digits.lastIndex - 1;
    // Not inside a word, a number, a date or another symbol.
    if (i > 0) {
      const prev = text.charCodeAt(i - 1);
      if (prev === 0x2f || prev === 0x2d || prev === 0x2e || prev === 0x2013 || prev === 0x2010 || prev === 0x2011 || isWordUnit(prev)) {
        skipDigits(digits, text, i);
        continue;
      }
    }
    const found = readSymbolAt(text, i);
    if (found) {
      out.push(found);
      digits.lastIndex = found.end;
    } else skipDigits(digits, text, i);
  }
  return out;
}
