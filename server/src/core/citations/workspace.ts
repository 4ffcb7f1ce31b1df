// Which plan of the workspace a citation names: by its symbol and date, or its symbol and issuing body, never by the symbol alone.

import { RegistryEntry } from '../data/types';
import { fold } from '../text/normalize';
import { issuerLevel } from '../workspace/entry';
import { canonicalIssuer, entryDateIs, parseRegistryDate, Resolution, ResolveInput } from './registry';
import { classifySymbol } from './symbol';
import { onFirstUse } from '../first-use';

// Built on first use: the server's main thread loads this module and needs it only for a hover.
const STATE_BODY = onFirstUse(() => /(?<![\p{L}\p{N}])(?:ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd)(?![\p{L}\p{N}])/u);
const PARTY_BODY = onFirstUse(() => /(?<![\p{L}\p{N}])(?:tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy|đảng bộ|ban thường vụ|ban chấp hành|bộ chính trị|ban bí thư)(?![\p{L}\p{N}])/u);

/** Whether a written issuer is a Party body or a state body; undefined when it cannot be told. */
export function issuerFamily(issuer: string): 'party' | 'state' | undefined {
  const f = fold(issuer);
  if (STATE_BODY().test(f)) return 'state';
  if (PARTY_BODY().test(f)) return 'party';
  return undefined;
}

/** Every name of the body that issued a plan of the workspace, in comparable form. */
function bodyNames(entry: RegistryEntry): string[] {
  return [entry.issuer, ...(entry.issuerAliases ?? [])].map(canonicalIssuer);
}

/**
 * The plans whose body a written issuer names. Commune names can begin other commune names
 * ("Vĩnh Thạnh", "Vĩnh Thạnh Trung") and a written issuer can run on into the sentence ("của Đảng
 * ủy xã Vĩnh Thạnh đến các chi bộ"), so the body is the one with the longest name the text begins
 * with. A text that only begins a name ("của Đảng ủy xã", no place) names every such body.
 */
export function namedBodies(written: string, pool: readonly RegistryEntry[]): RegistryEntry[] {
  const w = canonicalIssuer(written);
  if (!w) return [];
  const words = written.normalize('NFC').trim().split(/\s+/u);
  let best = 0;
  const scored: Array<{ entry: RegistryEntry; score: number }> = [];
  for (const entry of pool) {
    let score = -1;
    for (const n of bodyNames(entry)) {
      if (w === n || (w.startsWith(`${n} `) && runsOn(words, n))) score = Math.max(score, n.length);
      else if (n.startsWith(`${w} `)) score = Math.max(score, 0);
    }
    if (score < 0) continue;
    scored.push({ entry, score });
    best = Math.max(best, score);
  }
  return scored.filter((s) => s.score === best).map((s) => s.entry);
}

/**
 * Whether the words written after a body's name are the sentence going on ("… Vĩnh Thạnh đến các
 * chi bộ") rather than more of a name ("… Vĩnh Thạnh Trung", "… An Phú 2"): names of places are
 * written with capitals, and the words of a sentence are not.
 */
function runsOn(words: readonly string[], name: string): boolean {
  for (let k = 1; k < words.length; k++) {
    if (canonicalIssuer(words.slice(0, k).join(' ')) !== name) continue;
    return !/^[\p{Lu}\p{N}]/u.test(words[k]);
  }
  return false;
}

/** Whether two written issuers are one body: one of the names of one is one of the names of the other. */
export function sameBody(written: string, entry: RegistryEntry): boolean {
  const names = new Set(bodyNames(entry));
  return names.has(canonicalIssuer(written));
}

/**
 * Whether a written issuer cannot be the body that issued a workspace plan: a Party body for a
 * People's Committee's plan or the reverse, or a body of another level (a province's for a
 * commune's). Within one family and level the written text may be a name run on into the sentence
 * ("của Ban Thường vụ Tỉnh ủy đến cán bộ …") or a shorter name; the plan is not told apart from
 * it by a guess, so nothing is said.
 */
export function issuerContradicts(written: string, entry: RegistryEntry): boolean {
  const family = issuerFamily(written);
  const entryFamily = issuerFamily(entry.issuer);
  if (family && entryFamily && family !== entryFamily) return true;
  const level = issuerLevel(written);
  const entryLevel = issuerLevel(entry.issuer);
  return level !== 'unknown' && entryLevel !== 'unknown' && level !== entryLevel;
}

/**
 * Resolves a citation among the plans of the workspace that carry its symbol, or says nothing
 * (undefined) when the citation may name a document the workspace does not hold.
 *
 * Local numbers are not unique: every commune's Party committee has its own "05-KH/ĐU", every
 * People's Committee its own "74/KH-UBND" each year. So a plan of the workspace is the cited
 * document only when the citation ties it down: the same date (and, when the citation names its
 * issuer, the same body), or the same body and year with another date — a body cannot give one
 * number to two documents of a year, so that date is written wrong. A written issuer of the other
 * family (a People's Committee for a "…/TU" programme) names no document with this symbol at all:
 * then the date alone decides, and the issuer is what the citation gets wrong.
 */
export function resolveInWorkspace(pool: readonly RegistryEntry[], input: ResolveInput): Resolution | undefined {
  if (pool.length === 0) return undefined;
  const candidates = [...pool];
  const symbolFamily = classifySymbol(input.symbol).family;
  const writtenFamily = input.issuer ? issuerFamily(input.issuer) : undefined;
  const namesBody = !!input.issuer && !(writtenFamily && symbolFamily && (symbolFamily === 'party') !== (writtenFamily === 'party'));
  const named = namesBody ? namedBodies(input.issuer!, pool) : candidates;
  if (input.date) {
    const date = input.date;
    const sameDay = named.filter((e) => entryDateIs(e, date));
    if (sameDay.length === 1) return { status: 'resolved', entry: sameDay[0], by: 'date', candidates };
    // Several bodies' plans share the symbol and the date, and nothing written tells which.
    if (sameDay.length > 1 || !namesBody) return undefined;
    const sameYear = named.filter((e) => parseRegistryDate(e.date)?.year === date.year);
    return sameYear.length === 1 ? { status: 'resolved', entry: sameYear[0], by: 'issuer', candidates: named } : undefined;
  }
  if (!namesBody || named.length === 0) return undefined;
  if (named.length === 1) return { status: 'resolved', entry: named[0], by: 'issuer', candidates: named };
  // One body's plans of several years with this symbol: only the date tells which is meant.
  return { status: 'ambiguous', candidates: named };
}
