// Reads the citations of one piece of prose: type word, symbol, date, issuer, term, title and short form, as offsets in that text.

import { FoundSymbol, findSymbols, classifySymbol } from './symbol';
import { typeWordTree } from './type-codes';
import { LETTER, LETTER_OR_DIGIT } from '../text/unicode-classes';
import { anyCaseSource } from '../text/normalize';
import { codePointBefore, isLetter, isLetterOrDigit, isUpper, LATIN_LETTER } from '../text/word-chars';

export interface TextPart {
  start: number;
  end: number;
  text: string;
}

export interface DatePart extends TextPart {
  day: number;
  month: number;
  year: number;
  /** Written "ngày dd tháng mm năm yyyy" rather than "ngày dd/mm/yyyy". */
  long: boolean;
  /** A comma before "ngày" (", ngày 24/11/2023"). */
  comma: boolean;
}

export interface IssuerPart extends TextPart {
  /** Introduced by "của" (or "giữa" for a joint document); false for "ngày … Hội nghị lần thứ tám …". */
  linked: boolean;
}

export interface TitlePart extends TextPart {
  quoted: boolean;
}

export interface RawCitation {
  typeWord?: TextPart;
  /** The type word is the one of the previous member of a list ("Quyết định số 217-QĐ/TW, 218-QĐ/TW"). */
  typeInherited: boolean;
  hasSo: boolean;
  /** The symbol as read; for a member of a compressed list ("217, 218-QĐ/TW"), its own number. */
  symbol: FoundSymbol;
  /** Span of the symbol text that names this document (the number alone for "217" in "217, 218-QĐ/TW"). */
  symbolStart: number;
  symbolEnd: number;
  compressed: boolean;
  date?: DatePart;
  issuer?: IssuerPart;
  /** The Roman numeral of "khóa XIII" / "(khóa XI)". */
  term?: TextPart;
  title?: TitlePart;
  /** The text of "(sau đây viết tắt là …)" after the citation, and the span of the whole bracket. */
  shortForm?: TextPart;
  shortFormBracket?: { start: number; end: number };
  /** Where a missing ", ngày …" would go: right after the symbol (or the list it closes). */
  tailStart: number;
  /** End of the symbol, date, issuer and term (the title excluded). */
  coreEnd: number;
  end: number;
  /** Members of one list share a group number. */
  group: number;
  /** Date, issuer or term taken from the last member of the list. */
  sharedTail: boolean;
}

// The patterns are written without the `i` flag (with it and `u`, V8 closes every class and letter
// over case through ICU at each compile): words in any case by `anyCaseSource`, and U+0345 (the
// combining ypogegrammeni, folding to "ι") added to the letter classes read as "no letter", which
// leave it out with the `i` flag. The tests compare each with the pattern it replaces.
/** Words in any case, the blanks between them `\s+`. */
const anyCaseWords = (words: string): string => words.split(' ').map(anyCaseSource).join('\\s+');
const SO = anyCaseSource('số');
const KHOA = `${anyCaseSource('kh')}(?:${anyCaseSource('óa')}|${anyCaseSource('oá')})`;
// The type words with their common first parts written once (`typeWordTree`): what the words written
// out match, a smaller pattern to compile.
const TYPE_ALT = typeWordTree(anyCaseSource);
// The type word and what follows it up to the end of the text. That no letter is just before the
// word is asked of a look-behind of the Latin letters only, then of the letters' ranges
// (`typeWordBefore`), not of a look-behind of the letters' class: 35.6 KB of bytecode with it,
// 27.6 KB with the Latin one (the type words in any case), compiled at a start's first check and
// again to native code. The Latin look-behind keeps the search from trying the type words after
// most letters of a text (without it, and without the tone pairs' Latin look-ahead, the command
// line took 1.01x the instructions; with them 1.00x). Global, so that a match after another
// letter is tried again one place on.
const TYPE_BEFORE = new RegExp(`(?<![${LATIN_LETTER}])(${TYPE_ALT})(\\s+${SO}\\s*:?\\s*|\\s*:\\s*|\\s+)$`, 'gu');
const SO_BEFORE = new RegExp(`(?:^|[^${LETTER}\\u0345])(${SO})\\s*:?\\s*$`, 'u');
const HAS_SO = new RegExp(SO, 'u');
const LIST_NUMBERS = new RegExp(`(?:^|[^${LETTER_OR_DIGIT}/.\\-])((?:\\d{1,5}\\s*,\\s*)*\\d{1,5}\\s*(?:,|\\s+và)\\s*)$`, 'u');
const LIST_SEPARATOR = /^(?:\s*,\s*|\s+và\s+|\s*;\s*)$/u;

// The expressions read at a place of the text are sticky (`y`, run by `execAt`) rather than
// anchored with "^" on a slice from that place: no slice is made per citation, and a failed
// sticky match makes nothing. None of them looks behind its start or for the end of the text,
// so both read the same.
// The two ways of writing a date after "ngày" in one pattern, their common first part written once:
// "dd/mm/yyyy" (groups 3 to 5) or "dd tháng mm năm yyyy" (groups 6 and 7). It was two patterns, the
// short form tried first: the first part matches one way only (the day's digits are followed by a
// blank or a separator, never by a digit), and no text can go on both ways, so the one pattern
// matches what the short form, or else the long form, matched.
const DATE = new RegExp(
  `(\\s*,)?\\s*${anyCaseSource('ngày')}\\s+(\\d{1,2})(?:\\s*([/.-])\\s*(\\d{1,2})\\s*\\3\\s*(\\d{4})|\\s+${anyCaseSource('tháng')}\\s+(\\d{1,2})\\s+${anyCaseSource('năm')}\\s+(\\d{4}))(?!\\d)`,
  'uy',
);
const LINKED_ISSUER = new RegExp(`\\s*,?\\s*(${anyCaseSource('của')}|${anyCaseSource('giữa')})\\s+`, 'uy');
/** Bodies that may follow a date without "của" ("ngày 24/11/2023 Hội nghị lần thứ tám …"). */
const ISSUER_HEAD =
  /(\s*\**\s*)(?=(?:Hội nghị|Ban Chấp hành|Bộ Chính trị|Ban Bí thư|Ban Thường vụ|Chính phủ|Thủ tướng|Quốc hội|Ủy ban|Uỷ ban|Hội đồng nhân dân|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ)[\s,])/uy;
const ISSUER_STOP_CHAR = /[,;:.!?()“”"*]/u;
const ISSUER_STOP_WORD = new RegExp(
  `\\s+(?:${KHOA}|${['về', 'thực hiện', 'phê duyệt', 'ban hành', 'tại', 'ngày', 'nhằm', 'để', 'theo', 'đã', 'đề ra', 'số'].map(anyCaseSource).join('|')})(?=[\\s,.;:]|$)`,
  'u',
);
// That no letter or digit follows the numeral is asked by `termAt` of the class's ranges, not of a
// look-ahead of the class (11.8 KB of bytecode with it, 2.3 KB without, compiled at a start's first
// check): the numeral is read whole (no shorter one is followed by anything but a numeral's
// letter), so the pattern matches where it matched with the look-ahead, and only there when
// nothing of the class follows.
const TERM = new RegExp(`\\s*,?\\s*\\(?\\s*${KHOA}\\s+([IVXLCivxlc]+)\\s*\\)?`, 'uy');
const KH = new RegExp(anyCaseSource('kh'), 'u');
const TRUNG_UONG_AT_END = new RegExp(`${anyCaseSource('Trung ương')}\\s*$`, 'u');
/**
 * A quoted title: “…” anywhere, a straight quote only after "về" or before a capital (else it may
 * close an outer quotation). That a capital follows the bare straight quote (the third group) is
 * asked by `readTitle` of the capitals' ranges, not of a look-ahead of their class (about 900
 * characters of ranges compiled at a start's first check): where the third way matches, the quote
 * is the first character after the blanks, commas and stars, so no other way or start could match
 * instead, and the pattern with the look-ahead matched there only when a capital follows.
 */
const TITLE_QUOTE = new RegExp(`\\s*,?\\s*(?:(?:[vV]ề\\s+(?:việc\\s+)?)?\\**\\s*(“)|[vV]ề\\s+(?:việc\\s+)?\\**\\s*(")|\\**\\s*("))`, 'uy');
const TITLE_VE = new RegExp(`\\s*,?\\s*${anyCaseSource('về')}\\s+(?:${anyCaseSource('việc')}\\s+)?`, 'uy');
// "viết tắt", "viết gọn", "gọi tắt", "gọi chung" with each first word written once, as the type words
// are (`typeWordTree`): no two of them match at one place, so the tree matches what the four words
// written out matched, and is compiled smaller.
const SHORT_FORM_WORDS = `${anyCaseSource('viết')}\\s+(?:${anyCaseSource('tắt')}|${anyCaseSource('gọn')})|${anyCaseSource('gọi')}\\s+(?:${anyCaseSource('tắt')}|${anyCaseSource('chung')})`;
const SHORT_FORM = new RegExp(
  `\\s*\\(\\s*(?:${anyCaseWords('sau đây')}\\s+)?(?:${anyCaseSource('được')}\\s+)?(?:${SHORT_FORM_WORDS})\\s*(?:${anyCaseSource('là')}\\s*)?:?\\s*([^)]*)\\)`,
  'uy',
);
const SHORT_FORM_OPEN = new RegExp(`^\\(\\s*(?:${anyCaseWords('sau đây')}|${SHORT_FORM_WORDS})`, 'u');

/** The patterns written without the `i` flag, by name: the tests compare each with the one it replaces. */
export const ANY_CASE_PATTERNS: Readonly<Record<string, RegExp>> = {
  TYPE_BEFORE, SO_BEFORE, HAS_SO, DATE, LINKED_ISSUER, ISSUER_STOP_WORD, TERM, KH, TRUNG_UONG_AT_END, TITLE_VE, SHORT_FORM, SHORT_FORM_OPEN,
};

/**
 * The type word that ends `text` (with "số", a colon or blanks after it) and has no letter (or
 * U+0345, which the `i` flag once read as one) just before it: what `(?<![\p{L}\u0345])` in front
 * of TYPE_BEFORE matched, the leftmost such place, its match starting at the word.
 */
export function typeWordBefore(text: string): RegExpExecArray | null {
  TYPE_BEFORE.lastIndex = 0;
  for (let m = TYPE_BEFORE.exec(text); m; m = TYPE_BEFORE.exec(text)) {
    const before = codePointBefore(text, m.index);
    if (before !== 0x345 && !isLetter(before)) return m;
    // A letter beyond the Latin ones before the word (rare). The word starts with a letter of the
    // first plane: one place on is the next character.
    TYPE_BEFORE.lastIndex = m.index + 1;
  }
  return null;
}

function part(text: string, start: number, end: number): TextPart {
  return { start, end, text: text.slice(start, end) };
}

/** A sticky expression's match at `at` in `text`: what `^…` matched on `text.slice(at)`, its offsets from `at`. */
export function execAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** The first ASCII digit of `text` from `from`, or -1 (`search(/\d/u)` without the slice). */
function firstDigit(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return i;
  }
  return -1;
}

function readDate(text: string, at: number): DatePart | undefined {
  const m = execAt(DATE, text, at);
  if (!m) return undefined;
  const short = m[3] !== undefined;
  const end = at + m[0].length;
  // A match holds "ngày" then a digit: its first digit is the date's value.
  const valueStart = firstDigit(text, at, end);
  return {
    start: valueStart,
    end,
    text: text.slice(valueStart, end),
    day: Number(m[2]),
    month: Number(short ? m[4] : m[6]),
    year: Number(short ? m[5] : m[7]),
    long: !short,
    comma: Boolean(m[1]),
  };
}

// issuerEnd's patterns, made once rather than at each reading (none is global or sticky).
const WITH_WORD = /\s+với(?=\s)/u;
const SPACE_DIGIT = /\s\d/u;
const FOURTEEN_WORDS = /^(?:\S+\s+){14}/u;

/** The issuer's name from `start`: up to punctuation, "khóa", "về", a verb that starts the title … */
function issuerEnd(text: string, start: number, joint: boolean): number {
  const rest = text.slice(start, start + 160);
  let end = rest.length;
  const ch = ISSUER_STOP_CHAR.exec(rest);
  if (ch) end = Math.min(end, ch.index);
  const word = ISSUER_STOP_WORD.exec(rest);
  if (word) end = Math.min(end, word.index);
  // Looked for only where the text holds the word: its pattern tried at every white space of the
  // 160 characters, most of an issuer's reading.
  if (!joint && rest.includes('với')) {
    const withWord = WITH_WORD.exec(rest);
    if (withWord) end = Math.min(end, withWord.index);
  }
  // A digit starts another symbol or a date, never a body's name (except "Hội nghị Trung ương 8").
  const digit = SPACE_DIGIT.exec(rest);
  if (digit && !TRUNG_UONG_AT_END.test(rest.slice(0, digit.index))) end = Math.min(end, digit.index);
  // Names of bodies are short; past 14 words the text is prose.
  const fifteenth = FOURTEEN_WORDS.exec(rest.slice(0, end));
  if (fifteenth) end = fifteenth[0].length;
  let e = start + end;
  while (e > start && SPACE_UNIT.test(text[e - 1])) e--;
  return e;
}

function readIssuer(text: string, at: number, afterDate: boolean): IssuerPart | undefined {
  const linked = execAt(LINKED_ISSUER, text, at);
  if (linked) {
    const start = at + linked[0].length;
    const end = issuerEnd(text, start, linked[1].toLowerCase() === 'giữa');
    if (end <= start) return undefined;
    return { start, end, text: text.slice(start, end), linked: true };
  }
  if (!afterDate) return undefined;
  const head = execAt(ISSUER_HEAD, text, at);
  if (!head) return undefined;
  const start = at + head[0].length;
  const end = issuerEnd(text, start, false);
  if (end <= start) return undefined;
  return { start, end, text: text.slice(start, end), linked: false };
}

/** The offset in `text` of a term's numeral: after "khóa" (the first "kh" of the match: what comes before it has no letter). */
const numeralStartOf = (m: RegExpExecArray, at: number): number => at + m[0].indexOf(m[1], m[0].search(KH));

/**
 * TERM's match at `at` when no letter, digit or U+0345 (read by code point) follows its numeral:
 * what the pattern with `(?![\p{L}\p{N}\u0345])` after the numeral matched there.
 */
export function termAt(text: string, at: number): RegExpExecArray | null {
  const m = execAt(TERM, text, at);
  if (!m) return null;
  const after = text.codePointAt(numeralStartOf(m, at) + m[1].length);
  return after === undefined || (after !== 0x345 && !isLetterOrDigit(after)) ? m : null;
}

function readTerm(text: string, at: number): TextPart | undefined {
  const m = termAt(text, at);
  if (!m) return undefined;
  const numeralStart = numeralStartOf(m, at);
  return part(text, numeralStart, numeralStart + m[1].length);
}

/**
 * Longest title read after a citation, in characters. Titles of real documents are under 300;
 * the registry's are compared by their start (a title that runs on into the sentence still
 * agrees), so a longer one reads the same. Without a bound, a paragraph of citations without a
 * full stop had each title read to its end: time and messages in the square of its length.
 */
export const MAX_TITLE_CHARS = 1000;

/**
 * End of an unquoted title: the end of the sentence, a ";", a short-form bracket or an unbalanced
 * ")", at most MAX_TITLE_CHARS after its start.
 */
export function unquotedTitleEnd(text: string, start: number): number {
  let depth = 0;
  const limit = Math.min(text.length, start + MAX_TITLE_CHARS);
  // Read by code units: `text[i]` made a string of each character outside Latin-1 (most
  // Vietnamese letters) of up to a thousand for every title read without quotes.
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3b /* ; */) return i;
    if (c === 0x0a /* \n */ && /^\r?\n/u.test(text.slice(i + 1, i + 3))) return i;
    if (c === 0x28 /* ( */) {
      if (SHORT_FORM_OPEN.test(text.slice(i, i + 30))) return i;
      depth++;
    } else if (c === 0x29 /* ) */) {
      if (depth === 0) return i;
      depth--;
    } else if (c === 0x2e /* . */ || c === 0x21 /* ! */ || c === 0x3f /* ? */ || c === 0x3a /* : */) {
      // The sentence ends where a capital, a digit or a bullet follows, or at the end of the text.
      const after = text.slice(i + 1, i + 4);
      if (/^\s*$/u.test(after) || sentenceStarts(after)) return i;
    }
  }
  return limit;
}

/**
 * Whether a sentence starts in `after` (what follows a full stop): blanks, then a capital, a digit
 * or a bullet (a list's dash or star, a quote, a bracket). What `^\s+[\p{Lu}\d“"(*-]` with the `u`
 * flag matched (none of those characters is a blank), the capital asked of the capitals' ranges
 * rather than of a pattern of their class compiled at a start's first check.
 */
export function sentenceStarts(after: string): boolean {
  let k = 0;
  while (k < after.length && SPACE_UNIT.test(after[k])) k++;
  if (k === 0 || k === after.length) return false;
  const c = after.codePointAt(k)!;
  return (c >= 0x30 && c <= 0x39) || c === 0x201c || c === 0x22 || c === 0x28 || c === 0x2a || c === 0x2d || isUpper(c);
}

/** The quote that opens a title at `at` (TITLE_QUOTE's match), a bare straight quote only before a capital (read by code point, as a look-ahead reads it). */
export function titleQuoteAt(text: string, at: number): RegExpExecArray | null {
  const q = execAt(TITLE_QUOTE, text, at);
  return q && (q[3] === undefined || isUpper(text.codePointAt(at + q[0].length) ?? -1)) ? q : null;
}

function readTitle(text: string, at: number): TitlePart | undefined {
  const q = titleQuoteAt(text, at);
  if (q) {
    const open = q[1] ?? q[2] ?? q[3];
    const innerStart = at + q[0].length;
    // The closing quote is looked for as far as a title can go, not to the end of the text.
    const window = text.slice(innerStart, innerStart + MAX_TITLE_CHARS);
    const closeAt = open === '“' ? window.indexOf('”') : window.indexOf('"');
    const end = closeAt >= 0 ? innerStart + closeAt : unquotedTitleEnd(text, innerStart);
    if (end <= innerStart) return undefined;
    return { start: innerStart, end, text: text.slice(innerStart, end), quoted: true };
  }
  const v = execAt(TITLE_VE, text, at);
  if (!v) return undefined;
  const start = at + v[0].length;
  let end = unquotedTitleEnd(text, start);
  while (end > start && /[\s,]/u.test(text[end - 1])) end--;
  if (end <= start) return undefined;
  return { start, end, text: text.slice(start, end), quoted: false };
}

type Tail = Pick<RawCitation, 'date' | 'issuer' | 'term' | 'title' | 'shortForm' | 'shortFormBracket' | 'coreEnd' | 'end'>;

const CLOSE_BRACKET = /\s*\)/uy;
const EMPHASIS = /\*+/uy;

/** Reads what follows a symbol: date, issuer, term, title and a short-form definition. */
function readTail(text: string, at: number): Tail {
  let p = at;
  const date = readDate(text, p);
  if (date) p = date.end;
  const issuer = readIssuer(text, p, Boolean(date));
  if (issuer) p = issuer.end;
  let lateDate: DatePart | undefined;
  if (!date && issuer) {
    // "của Bộ Chính trị ngày …": the date after the issuer.
    lateDate = readDate(text, p);
    if (lateDate) p = lateDate.end;
  }
  const term = readTerm(text, p);
  if (term) {
    const close = execAt(CLOSE_BRACKET, text, term.end);
    p = term.end + (close ? close[0].length : 0);
  }
  const coreEnd = p;
  const title = readTitle(text, p);
  let end = p;
  if (title) {
    end = title.end;
    p = title.quoted && text[title.end] && /[”"]/u.test(text[title.end]) ? title.end + 1 : title.end;
    const emphasis = execAt(EMPHASIS, text, p);
    if (emphasis) p += emphasis[0].length;
  }
  // Its parts set one by one, not spread from objects made for the purpose.
  const tail: Tail = { coreEnd, end: 0 };
  const anyDate = date ?? lateDate;
  if (anyDate) tail.date = anyDate;
  if (issuer) tail.issuer = issuer;
  if (term) tail.term = term;
  if (title) tail.title = title;
  const sf = execAt(SHORT_FORM, text, p);
  if (sf) {
    const bracketStart = p + sf[0].indexOf('(');
    const innerStart = p + sf[0].length - 1 - sf[1].length;
    tail.shortForm = part(text, innerStart, innerStart + sf[1].trimEnd().length);
    tail.shortFormBracket = { start: bracketStart, end: p + sf[0].length };
    end = tail.shortFormBracket.end;
  }
  tail.end = Math.max(end, coreEnd);
  return tail;
}

/** White space as `\s` reads it, by code unit (the white space of LIST_NUMBERS' ends). */
const SPACE_UNIT = /\s/u;

/**
 * Whether the text before a symbol at `at` can end as LIST_NUMBERS' list does: with "," or "và"
 * and white space after them. Most symbols follow a type word or "số", and the pattern, tried at
 * each place of the 60 characters before the symbol, was then asked for nothing. A first test
 * only: the pattern still decides.
 */
function mayCloseList(text: string, at: number): boolean {
  const from = Math.max(0, at - 60);
  let e = at;
  for (; e > from; e--) {
    const c = text.charCodeAt(e - 1);
    if (c < 0x80 ? !((c >= 0x09 && c <= 0x0d) || c === 0x20) : !SPACE_UNIT.test(text[e - 1])) break;
  }
  if (e === from) return false;
  return text.charCodeAt(e - 1) === 0x2c || (e - 2 >= from && text.startsWith('và', e - 2));
}

/** Every citation of a document by its symbol in a text, in order. */
export function extractCitations(text: string): RawCitation[] {
  const out: RawCitation[] = [];
  let group = 0;
  for (const sym of findSymbols(text)) {
    // A compressed list "217, 218-QĐ/TW": the numbers before the symbol share its type code and issuer.
    let headEnd = sym.start;
    const listNumbers: Array<{ start: number; end: number; number: string }> = [];
    const list = mayCloseList(text, sym.start) ? LIST_NUMBERS.exec(text.slice(Math.max(0, sym.start - 60), sym.start)) : null;
    if (list) {
      const listStart = sym.start - list[1].length;
      const prefix = text.slice(Math.max(0, listStart - 60), listStart);
      if (typeWordBefore(prefix) || SO_BEFORE.test(prefix)) {
        const re = /\d{1,5}/gu;
        for (let m = re.exec(list[1]); m; m = re.exec(list[1])) {
          listNumbers.push({ start: listStart + m.index, end: listStart + m.index + m[0].length, number: m[0] });
        }
        headEnd = listStart;
      }
    }
    const head = text.slice(Math.max(0, headEnd - 60), headEnd);
    let typeWord: TextPart | undefined;
    let hasSo = false;
    const t = typeWordBefore(head);
    if (t) {
      const wordStart = headEnd - head.length + t.index;
      typeWord = part(text, wordStart, wordStart + t[1].length);
      hasSo = HAS_SO.test(t[2]);
    } else if (SO_BEFORE.test(head)) {
      hasSo = true;
    }
    // A member of a list written in full: "Quyết định số 217-QĐ/TW, 218-QĐ/TW".
    let typeInherited = false;
    const prev = out[out.length - 1];
    if (!typeWord && !hasSo && prev && prev.coreEnd <= headEnd && LIST_SEPARATOR.test(text.slice(prev.coreEnd, headEnd)) && !prev.title) {
      typeWord = prev.typeWord;
      hasSo = prev.hasSo;
      typeInherited = true;
    }
    const tail = readTail(text, sym.end);
    const groupId = typeInherited && prev ? prev.group : ++group;
    const rest = sym.symbol.slice(sym.number.length);
    for (const n of listNumbers) {
      // Completed in place as readSymbolAt completes its own (the keys in the order a spread gave
      // them): the symbols of a list's members and of the others then share one shape.
      const symbol = classifySymbol(n.number + rest) as FoundSymbol;
      symbol.malformed = symbol.malformed ?? sym.malformed;
      symbol.start = n.start;
      symbol.end = n.end;
      symbol.written = n.number;
      out.push(rawCitation(typeWord, false, hasSo, symbol, n.start, n.end, true, sym.end, groupId, true, tail));
    }
    out.push(rawCitation(typeWord, typeInherited, hasSo, sym, sym.start, sym.end, listNumbers.length > 0, sym.end, groupId, false, tail));
  }
  shareListTails(out);
  return out;
}

/**
 * One citation, its parts those of `tail` (shared by the members of a compressed list, as the
 * copies of one object shared them): a part left out stays absent, not undefined.
 */
function rawCitation(
  typeWord: TextPart | undefined,
  typeInherited: boolean,
  hasSo: boolean,
  symbol: FoundSymbol,
  symbolStart: number,
  symbolEnd: number,
  compressed: boolean,
  tailStart: number,
  group: number,
  sharedTail: boolean,
  tail: Tail,
): RawCitation {
  const c: RawCitation = { typeWord, typeInherited, hasSo, symbol, symbolStart, symbolEnd, compressed, tailStart, coreEnd: tail.coreEnd, end: tail.end, group, sharedTail };
  if (tail.date) c.date = tail.date;
  if (tail.issuer) c.issuer = tail.issuer;
  if (tail.term) c.term = tail.term;
  if (tail.title) c.title = tail.title;
  if (tail.shortForm) {
    c.shortForm = tail.shortForm;
    c.shortFormBracket = tail.shortFormBracket;
  }
  return c;
}

/** Members of a list without their own date, issuer or term take those of the last member. */
function shareListTails(citations: RawCitation[]): void {
  // The members of a list are next to each other (a member takes the group of the citation just
  // before it): each run of one group is a list, read in place without a map of the groups.
  for (let from = 0; from < citations.length; ) {
    let to = from + 1;
    while (to < citations.length && citations[to].group === citations[from].group) to++;
    const first = from;
    from = to;
    if (to - first < 2) continue;
    const last = citations[to - 1];
    for (let k = first; k < to - 1; k++) {
      const m = citations[k];
      if (m.compressed) continue;
      if (m.date || m.issuer || m.term) continue;
      if (!last.date && !last.issuer && !last.term) continue;
      if (last.date) m.date = last.date;
      if (last.issuer) m.issuer = last.issuer;
      if (last.term) m.term = last.term;
      m.sharedTail = true;
    }
  }
}
