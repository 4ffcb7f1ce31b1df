// The citation reader as it was before it read at places with sticky expressions, grouped lists without a map and cut numbers only when a symbol goes on: the reference its tests compare the reader with. Only the reading is the old one: the types, the title's bound and the symbol reader's unchanged parts are the reader's own.

import { ALL_CAPS, classifySymbol, FoundSymbol, isAsciiDigit, isYearAt, LETTER_OR_DIGIT as WORD_CHAR, MalformedReason, SEGMENT, SEGMENT_START, WORD_HYPHENS } from '../../server/src/core/citations/symbol';
import { MAX_TITLE_CHARS, type DatePart, type IssuerPart, type RawCitation, type TextPart, type TitlePart } from '../../server/src/core/citations/extract';
import { typeWordAlternation } from '../../server/src/core/citations/type-codes';
import { LETTER, LETTER_OR_DIGIT, UPPER } from '../../server/src/core/text/unicode-classes';

/** Length of the blank run (spaces, tabs, at most one line break) at `i`: the reader's own, by characters, before it read code units. */
function blankRun(text: string, i: number): { length: number; linebreak: boolean } {
  let j = i;
  let linebreak = false;
  while (j < text.length) {
    const c = text[j];
    if (c === ' ' || c === '\t' || c === '\u00A0') j++;
    else if ((c === '\n' || c === '\r') && !linebreak) {
      linebreak = true;
      j += c === '\r' && text[j + 1] === '\n' ? 2 : 1;
    } else break;
  }
  return { length: j - i, linebreak };
}

const TYPE_ALT = typeWordAlternation();
const TYPE_BEFORE = new RegExp(`(?:^|[^${LETTER}])(${TYPE_ALT})(\\s+số\\s*:?\\s*|\\s*:\\s*|\\s+)$`, 'iu');
const SO_BEFORE = new RegExp(`(?:^|[^${LETTER}])(số)\\s*:?\\s*$`, 'iu');
const LIST_NUMBERS = new RegExp(`(?:^|[^${LETTER_OR_DIGIT}/.\\-])((?:\\d{1,5}\\s*,\\s*)*\\d{1,5}\\s*(?:,|\\s+và)\\s*)$`, 'u');
const LIST_SEPARATOR = /^(?:\s*,\s*|\s+và\s+|\s*;\s*)$/u;

const DATE_SHORT = /^(\s*,)?\s*ngày\s+(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\3\s*(\d{4})(?!\d)/iu;
const DATE_LONG = /^(\s*,)?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)/iu;
const LINKED_ISSUER = /^\s*,?\s*(của|giữa)\s+/iu;
/** Bodies that may follow a date without "của" ("ngày 24/11/2023 Hội nghị lần thứ tám …"). */
const ISSUER_HEAD =
  /^(\s*\**\s*)(?=(?:Hội nghị|Ban Chấp hành|Bộ Chính trị|Ban Bí thư|Ban Thường vụ|Chính phủ|Thủ tướng|Quốc hội|Ủy ban|Uỷ ban|Hội đồng nhân dân|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ)[\s,])/u;
const ISSUER_STOP_CHAR = /[,;:.!?()“”"*]/u;
const ISSUER_STOP_WORD =
  /\s+(?:kh(?:óa|oá)|về|thực hiện|phê duyệt|ban hành|tại|ngày|nhằm|để|theo|đã|đề ra|số)(?=[\s,.;:]|$)/iu;
const TERM = new RegExp(`^\\s*,?\\s*\\(?\\s*kh(?:óa|oá)\\s+([IVXLC]+)(?![${LETTER_OR_DIGIT}])\\s*\\)?`, 'iu');
/** A quoted title: “…” anywhere, a straight quote only after "về" or before a capital (else it may close an outer quotation). */
const TITLE_QUOTE = new RegExp(`^\\s*,?\\s*(?:(?:[vV]ề\\s+(?:việc\\s+)?)?\\**\\s*(“)|[vV]ề\\s+(?:việc\\s+)?\\**\\s*(")|\\**\\s*(")(?=[${UPPER}]))`, 'u');
const TITLE_VE = /^\s*,?\s*về\s+(?:việc\s+)?/iu;
/** What starts a sentence after a full stop: a capital, a digit or a bullet (a list's dash or star, a quote, a bracket). */
const SENTENCE_START = new RegExp(`^\\s+[${UPPER}\\d“"(*-]`, 'u');
const SHORT_FORM = /^\s*\(\s*(?:sau\s+đây\s+)?(?:được\s+)?(?:viết\s+tắt|gọi\s+tắt|gọi\s+chung|viết\s+gọn)\s*(?:là\s*)?:?\s*([^)]*)\)/iu;
const SHORT_FORM_OPEN = /^\(\s*(?:sau\s+đây|viết\s+tắt|gọi\s+tắt|gọi\s+chung|viết\s+gọn)/iu;

function part(text: string, start: number, end: number): TextPart {
  return { start, end, text: text.slice(start, end) };
}

function readDate(text: string, at: number): DatePart | undefined {
  const rest = text.slice(at);
  const short = DATE_SHORT.exec(rest);
  const m = short ?? DATE_LONG.exec(rest);
  if (!m) return undefined;
  const [day, month, year] = short ? [short[2], short[4], short[5]] : [m[2], m[3], m[4]];
  const valueStart = at + m[0].search(/\d/u);
  const end = at + m[0].length;
  return {
    ...part(text, valueStart, end),
    day: Number(day),
    month: Number(month),
    year: Number(year),
    long: !short,
    comma: Boolean(m[1]),
  };
}

/** The issuer's name from `start`: up to punctuation, "khóa", "về", a verb that starts the title … */
function issuerEnd(text: string, start: number, joint: boolean): number {
  const rest = text.slice(start, start + 160);
  let end = rest.length;
  const ch = ISSUER_STOP_CHAR.exec(rest);
  if (ch) end = Math.min(end, ch.index);
  const word = ISSUER_STOP_WORD.exec(rest);
  if (word) end = Math.min(end, word.index);
  if (!joint) {
    const withWord = /\s+với(?=\s)/u.exec(rest);
    if (withWord) end = Math.min(end, withWord.index);
  }
  // A digit starts another symbol or a date, never a body's name (except "Hội nghị Trung ương 8").
  const digit = /\s\d/u.exec(rest);
  if (digit && !/Trung ương\s*$/iu.test(rest.slice(0, digit.index))) end = Math.min(end, digit.index);
  // Names of bodies are short; past 14 words the text is prose.
  const fifteenth = /^(?:\S+\s+){14}/u.exec(rest.slice(0, end));
  if (fifteenth) end = fifteenth[0].length;
  let e = start + end;
  while (e > start && /\s/u.test(text[e - 1])) e--;
  return e;
}

function readIssuer(text: string, at: number, afterDate: boolean): IssuerPart | undefined {
  const rest = text.slice(at);
  const linked = LINKED_ISSUER.exec(rest);
  if (linked) {
    const start = at + linked[0].length;
    const end = issuerEnd(text, start, linked[1].toLowerCase() === 'giữa');
    if (end <= start) return undefined;
    return { ...part(text, start, end), linked: true };
  }
  if (!afterDate) return undefined;
  const head = ISSUER_HEAD.exec(rest);
  if (!head) return undefined;
  const start = at + head[0].length;
  const end = issuerEnd(text, start, false);
  if (end <= start) return undefined;
  return { ...part(text, start, end), linked: false };
}

function readTerm(text: string, at: number): TextPart | undefined {
  const m = TERM.exec(text.slice(at));
  if (!m) return undefined;
  const numeralStart = at + m[0].indexOf(m[1], m[0].search(/kh/iu));
  return part(text, numeralStart, numeralStart + m[1].length);
}

/**
 * End of an unquoted title: the end of the sentence, a ";", a short-form bracket or an unbalanced
 * ")", at most MAX_TITLE_CHARS after its start.
 */
export function unquotedTitleEnd(text: string, start: number): number {
  let depth = 0;
  const limit = Math.min(text.length, start + MAX_TITLE_CHARS);
  for (let i = start; i < limit; i++) {
    const c = text[i];
    if (c === ';') return i;
    if (c === '\n' && /^\r?\n/u.test(text.slice(i + 1, i + 3))) return i;
    if (c === '(') {
      if (SHORT_FORM_OPEN.test(text.slice(i, i + 30))) return i;
      depth++;
    } else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    } else if (c === '.' || c === '!' || c === '?' || c === ':') {
      // The sentence ends where a capital, a digit or a bullet follows, or at the end of the text.
      const after = text.slice(i + 1, i + 4);
      if (/^\s*$/u.test(after) || SENTENCE_START.test(after)) return i;
    }
  }
  return limit;
}

function readTitle(text: string, at: number): TitlePart | undefined {
  const rest = text.slice(at);
  const q = TITLE_QUOTE.exec(rest);
  if (q) {
    const open = q[1] ?? q[2] ?? q[3];
    const innerStart = at + q[0].length;
    // The closing quote is looked for as far as a title can go, not to the end of the text.
    const window = text.slice(innerStart, innerStart + MAX_TITLE_CHARS);
    const closeAt = open === '“' ? window.indexOf('”') : window.indexOf('"');
    const end = closeAt >= 0 ? innerStart + closeAt : unquotedTitleEnd(text, innerStart);
    if (end <= innerStart) return undefined;
    return { ...part(text, innerStart, end), quoted: true };
  }
  const v = TITLE_VE.exec(rest);
  if (!v) return undefined;
  const start = at + v[0].length;
  let end = unquotedTitleEnd(text, start);
  while (end > start && /[\s,]/u.test(text[end - 1])) end--;
  if (end <= start) return undefined;
  return { ...part(text, start, end), quoted: false };
}

/** Reads what follows a symbol: date, issuer, term, title and a short-form definition. */
function readTail(text: string, at: number): Pick<RawCitation, 'date' | 'issuer' | 'term' | 'title' | 'shortForm' | 'shortFormBracket' | 'coreEnd' | 'end'> {
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
    const close = /^\s*\)/u.exec(text.slice(term.end));
    p = term.end + (close ? close[0].length : 0);
  }
  const coreEnd = p;
  const title = readTitle(text, p);
  let end = p;
  if (title) {
    end = title.end;
    p = title.quoted && text[title.end] && /[”"]/u.test(text[title.end]) ? title.end + 1 : title.end;
    const emphasis = /^\*+/u.exec(text.slice(p));
    if (emphasis) p += emphasis[0].length;
  }
  const sf = SHORT_FORM.exec(text.slice(p));
  let shortForm: TextPart | undefined;
  let shortFormBracket: { start: number; end: number } | undefined;
  if (sf) {
    const bracketStart = p + sf[0].indexOf('(');
    const innerStart = p + sf[0].length - 1 - sf[1].length;
    shortForm = part(text, innerStart, innerStart + sf[1].trimEnd().length);
    shortFormBracket = { start: bracketStart, end: p + sf[0].length };
    end = shortFormBracket.end;
  }
  return {
    ...(date ?? lateDate ? { date: date ?? lateDate } : {}),
    ...(issuer ? { issuer } : {}),
    ...(term ? { term } : {}),
    ...(title ? { title } : {}),
    ...(shortForm ? { shortForm, shortFormBracket } : {}),
    coreEnd,
    end: Math.max(end, coreEnd),
  };
}

/** Every citation of a document by its symbol in a text, in order. */
export function referenceExtractCitations(text: string): RawCitation[] {
  const out: RawCitation[] = [];
  let group = 0;
  for (const sym of referenceFindSymbols(text)) {
    // A compressed list "217, 218-QĐ/TW": the numbers before the symbol share its type code and issuer.
    let headEnd = sym.start;
    const listNumbers: Array<{ start: number; end: number; number: string }> = [];
    const before = text.slice(Math.max(0, sym.start - 60), sym.start);
    const list = LIST_NUMBERS.exec(before);
    if (list) {
      const listStart = sym.start - list[1].length;
      const prefix = text.slice(Math.max(0, listStart - 60), listStart);
      if (TYPE_BEFORE.test(prefix) || SO_BEFORE.test(prefix)) {
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
    const t = TYPE_BEFORE.exec(head);
    if (t) {
      const wordStart = headEnd - head.length + t.index + t[0].indexOf(t[1]);
      typeWord = part(text, wordStart, wordStart + t[1].length);
      hasSo = /số/iu.test(t[2]);
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
    const base = {
      typeWord,
      hasSo,
      tailStart: sym.end,
      group: groupId,
      ...tail,
    };
    const rest = sym.symbol.slice(sym.number.length);
    for (const n of listNumbers) {
      const parsed = classifySymbol(n.number + rest);
      out.push({
        ...base,
        typeInherited: false,
        symbol: { ...parsed, malformed: parsed.malformed ?? sym.malformed, start: n.start, end: n.end, written: n.number },
        symbolStart: n.start,
        symbolEnd: n.end,
        compressed: true,
        sharedTail: true,
      });
    }
    out.push({
      ...base,
      typeInherited,
      symbol: sym,
      symbolStart: sym.start,
      symbolEnd: sym.end,
      compressed: listNumbers.length > 0,
      sharedTail: false,
    });
  }
  shareListTails(out);
  return out;
}

/** Members of a list without their own date, issuer or term take those of the last member. */
function shareListTails(citations: RawCitation[]): void {
  const byGroup = new Map<number, RawCitation[]>();
  for (const c of citations) {
    const g = byGroup.get(c.group) ?? [];
    g.push(c);
    byGroup.set(c.group, g);
  }
  for (const members of byGroup.values()) {
    if (members.length < 2) continue;
    const last = members[members.length - 1];
    for (const m of members.slice(0, -1)) {
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

// The symbol reader as it was.

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
  let compact = text.slice(start, digitsEnd);
  let letterSegments = 0;
  let sawYear = false;
  let blank = false;
  let linebreak = false;
  let dash = false;
  let end = i;
  for (;;) {
    const before = blankRun(text, i);
    let j = i + before.length;
    const sep = text[j];
    if (sep !== '-' && sep !== '/' && sep !== '–' && !WORD_HYPHENS.has(sep)) break;
    j++;
    const after = blankRun(text, j);
    j += after.length;
    const spaced = before.length > 0 || after.length > 0;
    // Read by code unit before anything is cut or matched: most numbers of the prose are dates
    // ("24/11/2023") and quantities, and stop here.
    if (isAsciiDigit(text.charCodeAt(j))) {
      // A year right after the number: 140/2017/NĐ-CP. Digits are nothing else.
      if (sep !== '/' || sawYear || letterSegments > 0 || spaced || !isYearAt(text, j)) break;
      compact += `/${text.slice(j, j + 4)}`;
      sawYear = true;
      i = j + 4;
      end = i;
      continue;
    }
    if (!SEGMENT_START.test(text[j] ?? '')) break;
    const rest = text.slice(j, j + 40);
    const seg = SEGMENT.exec(rest);
    if (!seg) break;
    const segEnd = j + seg[0].length;
    // The segment must end the word: "Kế" is not a segment, "KH" is.
    if (segEnd < text.length && WORD_CHAR.test(text[segEnd])) break;
    if (spaced) {
      // After a blank, accept only what is clearly a symbol part: capitals ("NQ/TW" after "45- "),
      // or a code directly followed by another separator and a capital ("CTr/TU").
      const continues = /^[-/][A-ZĐÐ]/u.test(text.slice(segEnd, segEnd + 2));
      if (!ALL_CAPS.test(seg[0]) && !continues) break;
      // A blank before the separator must still leave the symbol on one logical word: "2025 - KH" is
      // prose, so require the segment to be followed by another separator in that case too.
      if (before.length > 0 && !continues && letterSegments === 0) break;
      blank = true;
      if (before.linebreak || after.linebreak) linebreak = true;
    }
    if (sep === '–') dash = true;
    compact += (sep === '–' || WORD_HYPHENS.has(sep) ? '-' : sep) + seg[0];
    letterSegments++;
    i = segEnd;
    end = i;
  }
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

/** Every symbol in a text, in order. */
export function referenceFindSymbols(text: string): FoundSymbol[] {
  const out: FoundSymbol[] = [];
  const digits = /\d/g;
  for (let m = digits.exec(text); m; m = digits.exec(text)) {
    const i = m.index;
    const prev = i > 0 ? text[i - 1] : '';
    // Not inside a word, a number, a date or another symbol.
    if (prev && (WORD_CHAR.test(prev) || prev === '/' || prev === '-' || prev === '.' || prev === '–' || WORD_HYPHENS.has(prev))) continue;
    const found = readSymbolAt(text, i);
    if (found) {
      out.push(found);
      digits.lastIndex = found.end;
    }
  }
  return out;
}
