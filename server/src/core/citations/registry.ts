// Looks cited documents up in the registry: by symbol, then by date, term or issuer when a symbol names several documents.

import { DatedView, isoDate, isoOfRegistryDate } from '../data/as-of';
import { KnowledgeBase, PartyTerm, RegistryEntry } from '../data/types';
import { fold, memoizeShort } from '../text/normalize';
import { symbolKey } from './symbol';
import { resolveInWorkspace } from './workspace';

export interface DayDate {
  day: number;
  month: number;
  year: number;
}

/** Reads "dd/mm/yyyy" (the registry's form). */
export function parseRegistryDate(s: string): DayDate | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(s);
  return m ? { day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) } : undefined;
}

export function sameDate(a: DayDate, b: DayDate): boolean {
  return a.day === b.day && a.month === b.month && a.year === b.year;
}

export function entryDateIs(entry: RegistryEntry, date: DayDate): boolean {
  const d = registryDateOf(entry.date);
  return d !== undefined && sameDate(d, date);
}

/**
 * The registry's dates read once each (null: not a date): every dated citation compares its date
 * with each entry of its symbol at every check of an edited plan, and a reported citation's date
 * is written from its entry's (`entryDateText`; a match array and a date for each reading were
 * some 60 KB a keystroke on 20,000 lines one paragraph per line). Bounded as memoizeShort is. The
 * date given is shared: read only.
 */
const registryDates = new Map<string, DayDate | null>();
export function registryDateOf(s: string): Readonly<DayDate> | undefined {
  let d = registryDates.get(s);
  if (d === undefined) {
    d = parseRegistryDate(s) ?? null;
    if (registryDates.size >= 20_000) registryDates.clear();
    registryDates.set(s, d);
  }
  return d ?? undefined;
}

export function sameTerm(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}

/** Abbreviations of central bodies written in plans, expanded before comparing issuers. */
const ABBREVIATED_BODIES: ReadonlyMap<string, string> = new Map([
  ['bch', 'ban chấp hành'],
  ['bct', 'bộ chính trị'],
  ['bbt', 'ban bí thư'],
  ['ubtvqh', 'ủy ban thường vụ quốc hội'],
  ['ttg', 'thủ tướng chính phủ'],
]);
// One pattern for the five, read in one pass, rather than one each: each pattern is compiled at a
// start's first check (twice, bytecode then native code). The same as replacing them one after
// the other: a match needs an ASCII word's boundary on both sides, so no two overlap, and no
// expansion holds another abbreviation as a word or touches a match of one (its neighbours, which
// are not word characters, stay as they were).
const ABBREVIATION = /\b(?:bch|bct|bbt|ubtvqh|ttg)\b/gu;
const expandAbbreviation = (abbreviation: string): string => ABBREVIATED_BODIES.get(abbreviation) ?? abbreviation;
const CENTRAL = /(^|\s)(tw|tư)(?=\s|$)/gu;

/** The comparable form of an issuer: folded, brackets and a trailing term dropped, abbreviations expanded. */
export function canonicalIssuer(s: string): string {
  return canonicalIssuerShort(s);
}

// Every citation compares its issuer with the names of its candidate entries: the same names each time.
const canonicalIssuerShort = memoizeShort((s) => {
  let t = fold(s).replace(/\([^)]*\)/gu, ' ');
  t = t.replace(/\s*,?\s*khóa\s+[ivxlc]+\s*$/u, '');
  t = t.replace(ABBREVIATION, expandAbbreviation).replace(CENTRAL, '$1trung ương');
  return t.replace(/[.,;:]+$/u, '').replace(/\s+/gu, ' ').trim();
});

/** "hội nghị lần thứ tám ban chấp hành …" → "ban chấp hành …" */
function withoutPlenum(s: string): string {
  return s.replace(/^hội nghị (?:lần thứ \S+|trung ương \d+) (?=ban chấp hành)/u, '');
}

/** `long` is `short` or starts with it and a space (compared in place: no string made for each name of each citation). */
function wordPrefix(long: string, short: string): boolean {
  return long === short || (long.length > short.length && long.charCodeAt(short.length) === 32 && long.startsWith(short));
}

/**
 * Whether a written issuer names the entry's issuer: equal after folding, one of its aliases, or a
 * shorter or longer form of the same body ("Ban Chấp hành Trung ương" for "Ban Chấp hành Trung
 * ương Đảng", "Ban Bí thư Trung ương Đảng" for "Ban Bí thư"). Different bodies never match.
 */
export function issuerMatches(written: string, entry: RegistryEntry): boolean {
  const w = canonicalIssuer(written);
  if (!w) return true;
  const { names, plenum } = issuerNamesOf(entry);
  return matchesName(w, names) || (!plenum && matchesName(withoutPlenum(w), names));
}

/** Whether a compared issuer is one of `names` or a shorter or longer form of one. */
function matchesName(c: string, names: readonly string[]): boolean {
  for (const n of names) if (wordPrefix(c, n) || wordPrefix(n, c)) return true;
  return false;
}

/** An entry's issuer names in their comparable form, and whether one is a plenum's. */
interface IssuerNames {
  issuer: string;
  aliases: readonly string[] | undefined;
  names: readonly string[];
  plenum: boolean;
}

/**
 * Made once per entry (checked against its issuer and aliases, should they be replaced): every
 * citation with an issuer is compared with its entry's names at every check of an edited plan.
 */
const issuerNames = new WeakMap<RegistryEntry, IssuerNames>();
function issuerNamesOf(entry: RegistryEntry): IssuerNames {
  const known = issuerNames.get(entry);
  if (known && known.issuer === entry.issuer && known.aliases === entry.issuerAliases) return known;
  const names = [entry.issuer, ...(entry.issuerAliases ?? [])].map(canonicalIssuer);
  const made = { issuer: entry.issuer, aliases: entry.issuerAliases, names, plenum: names.some((n) => n.startsWith('hội nghị ')) };
  issuerNames.set(entry, made);
  return made;
}

/** The registry's name of a body when a written issuer is exactly one known body name (so a fix may replace it). */
export function knownBodyName(kb: KnowledgeBase, written: string): boolean {
  const w = canonicalIssuer(written);
  return kb.registry.documents.some((d) => [d.issuer, ...(d.issuerAliases ?? [])].some((n) => canonicalIssuer(n) === w));
}

/** The registry's entries by symbol key, built once per registry (every citation is looked up). */
const bySymbol = new WeakMap<readonly RegistryEntry[], Map<string, RegistryEntry[]>>();

/** Entries of the registry with this symbol, in registry order (a new array: callers may sort it). */
export function entriesFor(kb: KnowledgeBase, symbol: string): RegistryEntry[] {
  return [...entriesOf(kb, symbol)];
}

const NO_ENTRIES: readonly RegistryEntry[] = Object.freeze([]);

/** The index's own list of the entries with this symbol: read only (entriesFor gives a copy). */
function entriesOf(kb: KnowledgeBase, symbol: string): readonly RegistryEntry[] {
  const documents = kb.registry.documents;
  let index = bySymbol.get(documents);
  if (!index) {
    index = new Map();
    for (const d of documents) {
      const key = symbolKey(d.symbol);
      const list = index.get(key);
      if (list) list.push(d);
      else index.set(key, [d]);
    }
    bySymbol.set(documents, index);
  }
  return index.get(symbolKey(symbol)) ?? NO_ENTRIES;
}

/** Whether a quoted or "về" title agrees with the entry's title. */
export function titleAgrees(written: string, entry: RegistryEntry): boolean {
  const w = comparableTitle(written);
  if (!w) return true;
  const keys = entry.titleKeys;
  if (keys && keys.length > 0 && holdsEvery(w, keys)) return true;
  const anyOf = entry.titleAnyOf;
  if (anyOf) for (let i = 0; i < anyOf.length; i++) if (anyOf[i].length > 0 && holdsEvery(w, anyOf[i])) return true;
  if (!entry.title) return !keys || keys.length === 0;
  const t = comparableTitle(entry.title);
  // A title cut short ("về giám sát của Mặt trận Tổ quốc") or run on into the sentence is still the same title.
  const shortest = Math.min(w.length, t.length);
  return shortest >= 12 && (w.startsWith(t) || t.startsWith(w));
}

/**
 * Whether a compared title holds every key, compared: a loop, not `every` with a closure and an
 * empty list for an entry without keys (asked of every titled citation at every keystroke, they
 * were some 0.18 MB a keystroke on 20,000 lines one paragraph per line).
 */
function holdsEvery(w: string, keys: readonly string[]): boolean {
  for (let i = 0; i < keys.length; i++) if (!w.includes(comparableTitle(keys[i]))) return false;
  return true;
}

/** A title as compared: folded, without a leading "về", quotes, emphasis and final punctuation. */
export function comparableTitle(s: string): string {
  return comparableTitleShort(s);
}

// The registry's titles are compared with every titled citation of their document.
const comparableTitleShort = memoizeShort(
  (s) =>
    fold(s)
      .replace(/^về\s+(việc\s+)?/u, '')
      .replace(/[.,;:…\s]+$/u, '')
      .replace(/\s*-\s*/gu, ' - ')
      .trim(),
  400,
);

export type Resolution =
  /** One registry entry is the cited document. */
  | { status: 'resolved'; entry: RegistryEntry; by: 'single' | 'date' | 'term' | 'issuer' | 'earlier'; candidates: RegistryEntry[] }
  /** Undated, and the symbol names several documents that nothing written tells apart. */
  | { status: 'ambiguous'; candidates: RegistryEntry[] }
  /** Dated, the symbol names several documents and the date is none of theirs. */
  | { status: 'conflict'; candidates: RegistryEntry[] }
  /**
   * A symbol the registry should know (central) but does not, or not for the written term, or not
   * for the term its date falls in (`term`: Party numbers restart, so that is another document).
   */
  | { status: 'unknown'; candidates: RegistryEntry[]; term?: PartyTerm }
  /** Not checked: a local symbol with no local entry, or a symbol that fits no grammar. */
  | { status: 'unchecked' };

export interface ResolveInput {
  symbol: string;
  central: boolean;
  /** Issuer code of the symbol ("TW"): it tells whether numbers restart with every term. */
  issuerCode?: string;
  date?: DayDate;
  term?: string;
  issuer?: string;
}

/**
 * Finds the registry entry a citation names, as of the plan's view. Party numbers restart with
 * every term, so a symbol with several entries is told apart by the date, else by the term, else
 * by the issuer; a date in another term than every entry of the symbol is another document; an
 * undated citation can only mean a document issued by the plan's date.
 */
export function resolveCitation(view: DatedView, input: ResolveInput): Resolution {
  // The index's list, not a copy: the lists given out below are made by the filters.
  const all = entriesOf(view.kb, input.symbol);
  // The registry's own entries (bundled and the user's files) first; the plans of the workspace
  // are asked only when those do not name the document, and by their own, stricter, identity.
  const registry = all.filter((e) => e.scope !== 'workspace');
  const found = resolveAmong(view, registry, input);
  if (found.status === 'resolved' || registry.length === all.length) return found;
  return resolveInWorkspace(all.filter((e) => e.scope === 'workspace'), input) ?? found;
}

function resolveAmong(view: DatedView, candidates: RegistryEntry[], input: ResolveInput): Resolution {
  if (candidates.length === 0) return input.central ? { status: 'unknown', candidates } : { status: 'unchecked' };
  if (input.date) {
    const byDate = candidates.filter((c) => entryDateIs(c, input.date!));
    if (byDate.length === 1) return { status: 'resolved', entry: byDate[0], by: 'date', candidates };
    if (byDate.length > 1) return narrow(byDate, input, candidates) ?? { status: 'resolved', entry: byDate[0], by: 'date', candidates };
    // The date is none of the entries'. Where numbers restart with every term, only an entry of
    // the term the date falls in can be meant; none is another document, not a wrong date.
    const term = view.numberedByTerm(input.issuerCode) ? view.termOn(isoDate(input.date.year, input.date.month, input.date.day)) : undefined;
    if (term) {
      const ofTerm = candidates.filter((c) => view.termOn(isoOfRegistryDate(c.date) ?? '')?.term === term.term);
      if (ofTerm.length === 0) return { status: 'unknown', candidates, term };
      return resolveMisdated(ofTerm, input, candidates);
    }
    return resolveMisdated(candidates, input, candidates);
  }
  // A plan cannot cite a document issued after its own date.
  const issued = candidates.filter((c) => (isoOfRegistryDate(c.date) ?? '') <= view.date);
  let pool = issued.length > 0 ? issued : candidates;
  if (input.term) {
    const byTerm = pool.filter((c) => !c.term || sameTerm(c.term, input.term!));
    if (byTerm.length === 0) return { status: 'unknown', candidates };
    pool = byTerm;
  }
  if (pool.length === 1) return { status: 'resolved', entry: pool[0], by: candidates.length === 1 ? 'single' : 'term', candidates };
  if (input.issuer) {
    const byIssuer = pool.filter((c) => issuerMatches(input.issuer!, c));
    if (byIssuer.length === 1) return { status: 'resolved', entry: byIssuer[0], by: 'issuer', candidates };
  }
  return { status: 'ambiguous', candidates: pool };
}

/** A dated citation whose date is none of the entries': which one is meant, from the term or the issuer. */
function resolveMisdated(pool: RegistryEntry[], input: ResolveInput, candidates: RegistryEntry[]): Resolution {
  if (pool.length === 1) {
    const only = pool[0];
    // Another term's document with the same number is not this entry.
    if (input.term && only.term && !sameTerm(input.term, only.term)) return { status: 'unknown', candidates };
    return { status: 'resolved', entry: only, by: 'single', candidates };
  }
  const picked = narrow(pool, input, candidates);
  if (picked) return picked;
  if (input.term && pool.every((c) => c.term && !sameTerm(c.term, input.term!))) return { status: 'unknown', candidates };
  return { status: 'conflict', candidates: pool };
}

function narrow(pool: RegistryEntry[], input: ResolveInput, candidates: RegistryEntry[]): Resolution | undefined {
  if (input.term) {
    const byTerm = pool.filter((c) => c.term && sameTerm(c.term, input.term!));
    if (byTerm.length === 1) return { status: 'resolved', entry: byTerm[0], by: 'term', candidates };
  }
  if (input.issuer) {
    const byIssuer = pool.filter((c) => issuerMatches(input.issuer!, c));
    if (byIssuer.length === 1) return { status: 'resolved', entry: byIssuer[0], by: 'issuer', candidates };
  }
  return undefined;
}

/**
 * An entry's date as a plan writes it: "dd/m/yyyy" with a zero only before days below 10 and
 * months 1–2 (the rule of Nghị định 30/2020 that the plans follow in citations too).
 */
export function entryDateText(entry: RegistryEntry): string {
  const d = registryDateOf(entry.date);
  if (!d) return entry.date.trim();
  const day = d.day < 10 ? `0${d.day}` : String(d.day);
  const month = d.month <= 2 ? `0${d.month}` : String(d.month);
  return `${day}/${month}/${d.year}`;
}
