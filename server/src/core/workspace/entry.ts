// A plan of the workspace as a registry entry for the others: its number and symbol, date, issuer, kind and subject, read from its metadata.

import { findSymbols, symbolKey } from '../citations/symbol';
import { DayDate, entriesFor } from '../citations/registry';
import { KnowledgeBase, PlanOrigin, RegistryEntry } from '../data/types';
import { parsePlanDate } from '../form/date';
import { metaText } from '../form/meta-text';
import { PlanModel } from '../model';
import { Span } from '../text/mapped-text';
import { fold, memoizeShort } from '../text/normalize';
import { LETTER_OR_DIGIT } from '../text/unicode-classes';
import { wordCharLength } from '../text/word-chars';

/** The level of government or of the Party organisation that issues a plan, told from its issuer. */
export type PlanLevel = 'central' | 'province' | 'district' | 'commune' | 'unknown';

/** The plan's own number and symbol ("Số: 74/KH-UBND" → 74/KH-UBND); undefined for a blank number (a draft). */
export function planNumberSymbol(plan: PlanModel): { symbol: string; span: Span } | undefined {
  const field = plan.meta.number;
  const found = field ? numberSymbolIn(field.value) : undefined;
  // Where those characters are written (a quoted value starts after its quote).
  return found && field ? { symbol: found.symbol, span: metaText(plan, field).spanOf(found.start, found.end) } : undefined;
}

/** The number and symbol a number field's value gives, with its place in the value. */
function numberSymbolIn(value: string): { symbol: string; start: number; end: number } | undefined {
  const lead = /^\s*(?:số)?\s*:?\s*/iu.exec(value)![0].length;
  // The first symbol right at the start of the value; a value that is not a symbol is form.number's finding.
  const found = findSymbols(value).find((s) => s.start === lead);
  if (!found || found.malformed === 'grammar' || !/^\d+$/u.test(found.number) || Number(found.number) === 0) return undefined;
  return found;
}

/** The plan's date when day, month and year are all written (a draft's blank day gives none). */
export function planIssueDate(plan: PlanModel): DayDate | undefined {
  return issueDateIn(plan.meta.date?.value);
}

function issueDateIn(value: string | undefined): DayDate | undefined {
  if (!value) return undefined;
  const d = parsePlanDate(value);
  if (!d || d.parts.day.blank || d.day === undefined || d.month === undefined || d.year === undefined) return undefined;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.year < 1900) return undefined;
  return { day: d.day, month: d.month, year: d.year };
}

/** The year of the plan's date, even when the day is still blank. */
export function planYear(plan: PlanModel): number | undefined {
  const value = plan.meta.date?.value;
  const year = value ? parsePlanDate(value)?.year : undefined;
  return year !== undefined && year >= 1900 ? year : undefined;
}

/** "dd/mm/yyyy" with leading zeros: the registry's form of a date. */
export function registryDate(d: DayDate): string {
  return `${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`;
}

/** The type word a citation uses for a document of this kind: "KẾ HOẠCH" → "Kế hoạch". */
export function typeWordOfKind(kind: string): string {
  const k = kind.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
  return k ? k.charAt(0).toUpperCase() + k.slice(1) : '';
}

/** The patterns `words` made, by their anchor and words: a pattern without the `g` flag keeps no state, and making one reads its long classes. */
const WORDS = new Map<string, RegExp>();

/** A regular expression for whole words (JavaScript's \b does not know Vietnamese letters). */
function words(alternatives: string, anchored = false): RegExp {
  const key = `${anchored ? 1 : 0}${alternatives}`;
  let made = WORDS.get(key);
  if (!made) WORDS.set(key, (made = new RegExp(`${anchored ? '^' : `(?<![${LETTER_OR_DIGIT}])`}(?:${alternatives})(?![${LETTER_OR_DIGIT}])`, 'u')));
  return made;
}

/** Party bodies of a level: the committee ("Tỉnh ủy"), and the Party organisation ("Đảng bộ tỉnh"), as `fold` writes them. */
const PARTY_LEVELS: Array<{ committee: string; organisation: string; name: (place: string) => string; organisationName: (place: string) => string }> = [
  { committee: 'tỉnh ủy', organisation: 'đảng bộ tỉnh', name: (p) => `Tỉnh ủy${p}`, organisationName: (p) => `Đảng bộ tỉnh${p}` },
  { committee: 'thành ủy', organisation: 'đảng bộ thành phố', name: (p) => `Thành ủy${p}`, organisationName: (p) => `Đảng bộ thành phố${p}` },
  { committee: 'huyện ủy', organisation: 'đảng bộ huyện', name: (p) => `Huyện ủy${p}`, organisationName: (p) => `Đảng bộ huyện${p}` },
  { committee: 'thị ủy', organisation: 'đảng bộ thị xã', name: (p) => `Thị ủy${p}`, organisationName: (p) => `Đảng bộ thị xã${p}` },
  { committee: 'quận ủy', organisation: 'đảng bộ quận', name: (p) => `Quận ủy${p}`, organisationName: (p) => `Đảng bộ quận${p}` },
  { committee: 'đảng ủy xã', organisation: 'đảng bộ xã', name: (p) => `Đảng ủy xã${p}`, organisationName: (p) => `Đảng bộ xã${p}` },
  { committee: 'đảng ủy phường', organisation: 'đảng bộ phường', name: (p) => `Đảng ủy phường${p}`, organisationName: (p) => `Đảng bộ phường${p}` },
  { committee: 'đảng ủy đặc khu', organisation: 'đảng bộ đặc khu', name: (p) => `Đảng ủy đặc khu${p}`, organisationName: (p) => `Đảng bộ đặc khu${p}` },
  { committee: 'đảng ủy thị trấn', organisation: 'đảng bộ thị trấn', name: (p) => `Đảng ủy thị trấn${p}`, organisationName: (p) => `Đảng bộ thị trấn${p}` },
];

/** A People's Committee at the start of an issuer, "Ủy ban nhân dân" (either place of the tone mark) or "UBND", in lower case. */
const PEOPLES_COMMITTEE = ['ủy ban nhân dân', 'uỷ ban nhân dân', 'ubnd'];

/** The words before a Party committee's name when its standing or executive committee issued the plan, in lower case. */
const PARTY_COMMITTEE_OF = ['ban thường vụ', 'ban chấp hành'];

/**
 * Whether `text` starts with `word` followed by neither a letter nor a digit (nor the end of a
 * surrogate pair): what `^(?:word)(?![\p{L}\p{N}])` with the `u` flag tells. With `anyCase`, `word`
 * (in lower case) may be written in any case, and U+0345 counts as a letter, as with the `i` flag
 * too (it folds to ι; no other character that is neither a letter nor a digit folds to one, and
 * no character but those `toLowerCase` maps to the words' letters folds to them). Each pattern of
 * this kind compiled the letters' and digits' class (2,700 characters) for one word, twice, on the
 * first check's path (docs/benchmarks.md, seventeenth round).
 */
function startsWithWord(text: string, word: string, anyCase = false): boolean {
  if (text.length < word.length) return false;
  const head = text.slice(0, word.length);
  if ((anyCase ? head.toLowerCase() : head) !== word) return false;
  if (word.length === text.length) return true;
  if (anyCase && text.charCodeAt(word.length) === 0x345) return false;
  return wordCharLength(text, word.length) === 0;
}

/**
 * The names a citation may rightly give the body that issued a plan. A Party committee's plan is
 * cited as the committee's ("của Tỉnh ủy"), its standing committee's ("của Ban Thường vụ Tỉnh
 * ủy") or its executive committee's ("của Ban Chấp hành Đảng bộ tỉnh"), whichever signed it; a
 * People's Committee is written in full or as "UBND". Shorter forms ("Tỉnh ủy" for "Tỉnh ủy An
 * Giang") are accepted by the issuer comparison itself.
 */
export function issuerNames(issuer: string): string[] {
  const written = issuer.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (!written) return [];
  const names = new Set<string>([written]);
  // `written` has no two white-space characters in a row and none at its ends (nor a line end,
  // which `.` would not match): after a word, one space at most, then the rest.
  const state = PEOPLES_COMMITTEE.find((w) => startsWithWord(written, w, true));
  if (state !== undefined) {
    const after = written.slice(state.length);
    const place = after.charCodeAt(0) === 0x20 ? after.slice(1) : after;
    const rest = place ? ` ${place}` : '';
    names.add(`Ủy ban nhân dân${rest}`);
    names.add(`UBND${rest}`);
    return [...names];
  }
  // "Ban Thường vụ Tỉnh ủy X", "Ban Chấp hành Đảng bộ tỉnh X", "Tỉnh ủy X": the same committee.
  const of = PARTY_COMMITTEE_OF.find((w) => written.length > w.length && written.slice(0, w.length).toLowerCase() === w && written.charCodeAt(w.length) === 0x20);
  const body = of !== undefined ? written.slice(of.length + 1) : written;
  const folded = fold(body);
  for (const level of PARTY_LEVELS) {
    const found = startsWithWord(folded, level.committee) ? level.committee : startsWithWord(folded, level.organisation) ? level.organisation : undefined;
    if (found === undefined) continue;
    // The place as written (after the level's words), kept in its own spelling.
    const words = found.split(' ').length;
    const place = body.split(' ').slice(words).join(' ');
    const p = place ? ` ${place}` : '';
    names.add(level.name(p));
    names.add(`Ban Thường vụ ${level.name(p)}`);
    names.add(`Ban Chấp hành ${level.organisationName(p)}`);
    names.add(level.organisationName(p));
    break;
  }
  return [...names];
}

/** The level of the body that issued a plan, from the words of its name. */
export function issuerLevel(issuer: string): PlanLevel {
  const f = fold(issuer);
  if (!f.trim()) return 'unknown';
  if (words('(?<!thị )xã|phường|đặc khu|thị trấn').test(f)) return 'commune';
  if (words('huyện|quận|thị xã|huyện ủy|quận ủy|thị ủy').test(f)) return 'district';
  if (words('tỉnh|thành phố|tỉnh ủy|thành ủy').test(f)) return 'province';
  if (words('trung ương|chính phủ|bộ chính trị|ban bí thư|quốc hội').test(f)) return 'central';
  return 'unknown';
}

/**
 * Phrase sets a citation's quoted title may contain to agree with a plan's subject: each document
 * the subject cites (a citation that says what the plan implements names it), and the registry's
 * title keys of those documents (a title that quotes the Resolution's own title).
 */
function titleSets(subject: string, kb: KnowledgeBase | undefined): string[][] {
  const sets: string[][] = [];
  const seen = new Set<string>();
  for (const s of findSymbols(subject)) {
    if (s.malformed === 'grammar') continue;
    const key = symbolKey(s.symbol);
    if (seen.has(key)) continue;
    seen.add(key);
    sets.push([s.symbol]);
    if (!kb) continue;
    // The registry's own list, shared (nothing changes an entry).
    for (const e of entriesFor(kb, s.symbol)) if (e.scope !== 'workspace' && e.titleKeys?.length) sets.push(e.titleKeys);
  }
  return sets;
}

/**
 * The registry entry a plan is for the other plans of the folder, or undefined when it cannot be
 * cited yet: not a plan, no number (a draft: the office assigns it at issue), or no full date.
 * `kb` lends the title keys of the documents the subject cites.
 */
export function planEntry(plan: PlanModel, origin: PlanOrigin, kb?: KnowledgeBase): RegistryEntry | undefined {
  if (!plan.isPlan || plan.tooLarge) return undefined;
  const { number, date, issuer, kind, subject } = plan.meta;
  return entryOfFields({ number: number?.value, date: date?.value, issuer: issuer?.value, kind: kind?.value, subject: subject?.value }, origin, kb);
}

/**
 * A folder's plans share a few issuers, kinds and dates: each entry refers to one copy of those
 * strings (and of the issuer's list of other names) rather than holding its own, a fifth of an
 * entry's memory on the bench's 10,000 plans. The lists are shared: nothing changes an entry.
 */
const sharedString = memoizeShort((s: string) => s, 160, 4096);
const sharedIssuerNames = memoizeShort(
  (issuer: string): { issuer: string; aliases?: string[] } => {
    const names = issuerNames(issuer).map(sharedString);
    return names.length > 1 ? { issuer: names[0], aliases: names.slice(1) } : { issuer: names[0] };
  },
  160,
  4096,
);

/** The metadata values a registry entry is made of, as the front matter gives them. */
export type EntryFields = Partial<Record<'number' | 'date' | 'issuer' | 'kind' | 'subject', string>>;

/** The registry entry of a plan's metadata values (see planEntry): the same whether they come from the model or from readSimpleHead. */
export function entryOfFields(fields: EntryFields, origin: PlanOrigin, kb?: KnowledgeBase): RegistryEntry | undefined {
  const number = fields.number === undefined ? undefined : numberSymbolIn(fields.number);
  const date = issueDateIn(fields.date);
  const issuer = fields.issuer?.trim() ?? '';
  if (!number || !date || !issuer) return undefined;
  const kind = fields.kind?.trim() ?? '';
  const subject = (fields.subject ?? '').normalize('NFC').trim().replace(/\s+/gu, ' ');
  const names = sharedIssuerNames(issuer);
  const entry: RegistryEntry = {
    symbol: number.symbol,
    type: sharedString(typeWordOfKind(kind) || 'Kế hoạch'),
    date: sharedString(registryDate(date)),
    issuer: names.issuer,
    scope: 'workspace',
    origin: { uri: origin.uri, label: origin.label },
  };
  if (names.aliases) entry.issuerAliases = names.aliases;
  if (subject) {
    entry.title = subject.replace(/^về\s+/iu, '');
    const sets = titleSets(subject, kb);
    if (sets.length) entry.titleAnyOf = sets;
  }
  return entry;
}
