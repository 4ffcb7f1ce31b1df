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

/** Party bodies of a level: the committee ("Tỉnh ủy"), and the Party organisation ("Đảng bộ tỉnh"). */
const PARTY_LEVELS: Array<{ committee: RegExp; organisation: RegExp; name: (place: string) => string; organisationName: (place: string) => string }> = [
  { committee: words('tỉnh ủy', true), organisation: words('đảng bộ tỉnh', true), name: (p) => `Tỉnh ủy${p}`, organisationName: (p) => `Đảng bộ tỉnh${p}` },
  { committee: words('thành ủy', true), organisation: words('đảng bộ thành phố', true), name: (p) => `Thành ủy${p}`, organisationName: (p) => `Đảng bộ thành phố${p}` },
  { committee: words('huyện ủy', true), organisation: words('đảng bộ huyện', true), name: (p) => `Huyện ủy${p}`, organisationName: (p) => `Đảng bộ huyện${p}` },
  { committee: words('thị ủy', true), organisation: words('đảng bộ thị xã', true), name: (p) => `Thị ủy${p}`, organisationName: (p) => `Đảng bộ thị xã${p}` },
  { committee: words('quận ủy', true), organisation: words('đảng bộ quận', true), name: (p) => `Quận ủy${p}`, organisationName: (p) => `Đảng bộ quận${p}` },
  { committee: words('đảng ủy xã', true), organisation: words('đảng bộ xã', true), name: (p) => `Đảng ủy xã${p}`, organisationName: (p) => `Đảng bộ xã${p}` },
  { committee: words('đảng ủy phường', true), organisation: words('đảng bộ phường', true), name: (p) => `Đảng ủy phường${p}`, organisationName: (p) => `Đảng bộ phường${p}` },
  { committee: words('đảng ủy đặc khu', true), organisation: words('đảng bộ đặc khu', true), name: (p) => `Đảng ủy đặc khu${p}`, organisationName: (p) => `Đảng bộ đặc khu${p}` },
  { committee: words('đảng ủy thị trấn', true), organisation: words('đảng bộ thị trấn', true), name: (p) => `Đảng ủy thị trấn${p}`, organisationName: (p) => `Đảng bộ thị trấn${p}` },
];

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
  const state = /^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd)(?![\p{L}\p{N}])\s*(.*)$/iu.exec(written);
  if (state) {
    const rest = state[1] ? ` ${state[1]}` : '';
    names.add(`Ủy ban nhân dân${rest}`);
    names.add(`UBND${rest}`);
    return [...names];
  }
  // "Ban Thường vụ Tỉnh ủy X", "Ban Chấp hành Đảng bộ tỉnh X", "Tỉnh ủy X": the same committee.
  const body = written.replace(/^ban (?:thường vụ|chấp hành)\s+/iu, '');
  const folded = fold(body);
  for (const level of PARTY_LEVELS) {
    const m = level.committee.exec(folded) ?? level.organisation.exec(folded);
    if (!m) continue;
    // The place as written (after the level's words), kept in its own spelling.
    const words = m[0].split(' ').length;
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
