// Infers the front matter of an imported plan: kind, number, place and date, subject, preamble, issuer and variant, parents.

import { findSymbols, symbolKey } from '../citations/symbol';
import { compilePattern, testPattern } from '../data/pattern';
import { KnowledgeBase, ParentRequirement, VariantId } from '../data/types';
import { withoutMarkup } from '../text/inline-markup';
import { fold, foldHeading } from '../text/normalize';
import { NATIONAL } from '../export/official';
import { Ledger } from './ledger';
import { assemble, Line, SourceText, Unit } from './source';
import { Repair } from './types';
import { endsSentence, excerpt, oneLine, stripEmphasisEnds, upperShare } from './text';

export interface Head {
  kind?: { text: string; line: number };
  number?: { text: string; line: number };
  place?: { text: string; line: number };
  date?: { text: string; line: number };
  subject: Unit[];
  preamble: Unit[];
  /** Capital lines of the issuer block printed in the header ("TỈNH ỦY LẠNG SƠN"). */
  headerIssuer: Line[];
  /** What the national lines of the header say about the variant. */
  headerVariant?: VariantId;
  /** The header has a "Số …" or a "…, ngày …" that could not be read as a number or a date. */
  numberUnread?: boolean;
  dateUnread?: boolean;
}

/** The document kinds of every variant, as printed ("CHƯƠNG TRÌNH HÀNH ĐỘNG", "KẾ HOẠCH"). */
export function kindNames(kb: KnowledgeBase): string[] {
  const names = new Set<string>();
  for (const v of Object.values(kb.template.variants)) for (const k of v.kinds) names.add(k.name);
  return [...names];
}

export function isKindLine(text: string, kinds: readonly string[]): boolean {
  const t = foldHeading(stripEmphasisEnds(text));
  return kinds.some((k) => foldHeading(k) === t);
}

const NUMBER_LINE = /^Số(?!\p{L})\s*:?/u;
const DATE_LINE = /^(?<place>[^,\d]{2,40}?),\s*(?<date>ngày(?!\p{L}).*)$/u;

/** Where a date clause ("Kiên Giang, ngày …") starts after a wide gap, inside a number's column. */
const DATE_AFTER_GAP = /\s{2,}(?=\p{L}(?:[^,\d\s]|\s(?!\s)){1,40},\s*ngày(?!\p{L}))/u;

/**
 * The columns of a header line: the parts between tabs (a header laid out with tab stops) or wide
 * gaps (text copied from a PDF). A number keeps its blank ("Số:      /KH-UBND", also when a tab
 * stands for the blank), and a date clause after a number is a column of its own.
 */
export function headerColumns(raw: string): string[] {
  const tabbed = raw.split(/\t+/u).map((p) => p.trim()).filter((p) => p !== '');
  const merged: string[] = [];
  for (const p of tabbed) {
    const last = merged[merged.length - 1];
    if (last !== undefined && /^Số(?!\p{L})\s*:?$/u.test(last) && /^[\d/\-–.…_]/u.test(p)) merged[merged.length - 1] = `${last} ${p}`;
    else merged.push(p);
  }
  const out: string[] = [];
  for (const p of merged) {
    if (NUMBER_LINE.test(p)) {
      const gap = DATE_AFTER_GAP.exec(p);
      if (gap) out.push(p.slice(0, gap.index).trim(), p.slice(gap.index).trim());
      else out.push(p);
    } else if (DATE_LINE.test(p)) {
      // A date line keeps its blanks ("ngày      tháng 6 năm 2024").
      out.push(p);
    } else {
      out.push(...p.split(/\s{4,}/u).map((x) => x.trim()).filter((x) => x !== ''));
    }
  }
  return out;
}

/** Parts of a header line printed in columns ("TỈNH ỦY LẠNG SƠN      ĐẢNG CỘNG SẢN VIỆT NAM"). */
function headerParts(l: Line): Line[] {
  const parts = headerColumns(l.raw);
  return parts.length <= 1 ? [l] : parts.map((p) => ({ ...l, text: p, raw: p }));
}

/** A line of the header blocks: number, place and date, the national lines, "*", a short line in capitals. */
export function isHeaderLine(text: string): boolean {
  const t = stripEmphasisEnds(text).trim();
  const f = fold(t);
  return (
    NUMBER_LINE.test(t) ||
    DATE_LINE.test(t) ||
    t === '*' ||
    f === fold(NATIONAL.party.title) ||
    f === fold(NATIONAL.state.title) ||
    f === fold(NATIONAL.state.motto) ||
    (upperShare(t) >= 0.9 && [...t].length <= 60 && !endsSentence(t))
  );
}

/**
 * Reads the header lines (before the kind, or the leading header lines when no kind is printed)
 * and splits what follows into subject and preamble.
 */
export function readHead(source: SourceText, lines: readonly Line[], kindIndex: number, repairs: Repair[], ledger: Ledger): Head {
  const head: Head = { subject: [], preamble: [], headerIssuer: [] };
  let headerEnd = kindIndex;
  if (kindIndex < 0) {
    headerEnd = 0;
    while (headerEnd < lines.length && isHeaderLine(lines[headerEnd].text)) headerEnd++;
  }
  const before = lines.slice(0, headerEnd);
  for (const part of before.flatMap(headerParts)) {
    const t = oneLine(withoutMarkup(stripEmphasisEnds(part.text)));
    const f = fold(t);
    let read = true;
    if (NUMBER_LINE.test(t) && t.length <= 40) {
      // "Số" or "Số:" and nothing else: the number and the symbol are both still to be given.
      head.number ??= { text: /\d|[-/]\s*\p{Lu}/u.test(t) ? oneLine(t) : '', line: part.line };
    } else if (DATE_LINE.test(t)) {
      const m = DATE_LINE.exec(t)!;
      head.place ??= { text: oneLine(m.groups!.place), line: part.line };
      // "ngày … tháng … năm …" with no digit at all: the plan is not dated yet.
      head.date ??= { text: /\d/u.test(m.groups!.date) ? m.groups!.date.trim() : '', line: part.line };
    } else if (f === fold(NATIONAL.party.title)) head.headerVariant = 'party';
    else if (f === fold(NATIONAL.state.title) || f === fold(NATIONAL.state.motto)) head.headerVariant = 'state';
    else if (upperShare(t) >= 0.9 && /\p{L}/u.test(t)) head.headerIssuer.push(part);
    // Else the star under a Party issuer, or a rule: layout, read as such.
    else if (/\p{L}/u.test(t)) read = false;
    if (read) {
      ledger.mark(part.line, 'front');
      continue;
    }
    // Said, never guessed: a number or a date that cannot be read leaves its key empty.
    if (NUMBER_LINE.test(t)) head.numberUnread = true;
    if (/(?:^|\s)ngày(?!\p{L})/u.test(t) && /\d/u.test(t)) head.dateUnread = true;
    ledger.mark(part.line, 'dropped');
    repairs.push({
      id: 'header-unread',
      line: part.line,
      message: {
        vi: `Phần đầu văn bản có "${excerpt(t, 50)}" không đọc được thành số, ký hiệu, ngày tháng, tên cơ quan hay quốc hiệu; không đưa vào kế hoạch.`,
        en: `The header holds "${excerpt(t, 50)}", which reads as no number, date, issuer or national line; not put into the plan.`,
      },
    });
  }
  if (kindIndex >= 0) {
    head.kind = { text: oneLine(withoutMarkup(stripEmphasisEnds(lines[kindIndex].text))), line: lines[kindIndex].line };
    ledger.mark(lines[kindIndex].line, 'front');
  }

  const rest = lines.slice(kindIndex >= 0 ? kindIndex + 1 : headerEnd);
  const units = assemble(source, rest, repairs);
  const first = rest[0]?.line ?? 0;
  const last = rest[rest.length - 1]?.line ?? 0;
  const separator = source.separators.find((s) => s > first && s < last);
  if (separator !== undefined) {
    head.subject = units.filter((u) => u.line < separator);
    head.preamble = units.filter((u) => u.line > separator);
    return head;
  }
  // The subject is a title (no sentence end); the preamble is the sentence that ends "… như sau:".
  const split = units.findIndex((u) => endsSentence(u.text));
  if (split < 0) {
    head.subject = units.length >= 2 ? units.slice(0, -1) : units;
    head.preamble = units.length >= 2 ? units.slice(-1) : [];
  } else {
    head.subject = units.slice(0, split);
    head.preamble = units.slice(split);
  }
  return head;
}

/** The body that issues the plan, as the preamble names it: "…, Ban Thường vụ Tỉnh ủy ban hành Chương trình …". */
export function issuerFromPreamble(preamble: readonly Unit[], kb: KnowledgeBase): { text: string; line: number; variant: VariantId } | undefined {
  const verbs = /(?:^|[,;)]\s*)([^,;()]{3,90}?)\s+(?:ban hành|xây dựng|đề ra|triển khai|thống nhất ban hành|phê duyệt)\s/gu;
  for (let i = preamble.length - 1; i >= 0; i--) {
    const text = oneLine(preamble[i].text);
    let found: { text: string; variant: VariantId } | undefined;
    for (let m = verbs.exec(text); m; m = verbs.exec(text)) {
      const candidate = m[1].trim();
      const variant = variantOfIssuer(candidate, kb);
      if (variant) found = { text: candidate, variant };
    }
    verbs.lastIndex = 0;
    if (found) return { ...found, line: preamble[i].line };
  }
  return undefined;
}

/** The variant whose issuer cues the issuer contains ("Ủy ban nhân dân" → state, "Tỉnh ủy" → party). */
export function variantOfIssuer(issuer: string, kb: KnowledgeBase): VariantId | undefined {
  const f = fold(issuer);
  for (const v of Object.values(kb.template.variants)) {
    if (v.issuerCues.some((c) => f.includes(fold(c)))) return v.id;
  }
  return undefined;
}

const PLACE_AFTER = /(?:tỉnh|thành phố|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,2})/gu;

/** The province or city the text names most often ("tỉnh Hậu Giang", "Tỉnh ủy Lạng Sơn"). */
export function provinceOf(text: string): { text: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(PLACE_AFTER)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  let best: { text: string; count: number } | undefined;
  for (const [name, count] of counts) if (!best || count > best.count) best = { text: name, count };
  return best;
}

/** An issuer named without its place ("Ban Thường vụ Tỉnh ủy", "Thành ủy") ends with a common word. */
export function lacksPlace(issuer: string): boolean {
  const words = issuer.trim().split(/\s+/u);
  const tail = words.slice(-2);
  return !(tail.length === 2 && tail.every((w) => /^\p{Lu}/u.test(w)) && !/^(?:ủy|uỷ|tỉnh|phố)$/iu.test(tail[1]));
}

/** Writes an issuer printed in capitals ("TỈNH ỦY LẠNG SƠN") in ordinary case, with the place as written elsewhere. */
export function issuerFromCapitals(lines: readonly Line[], place: string | undefined): string {
  let s = oneLine(lines.map((l) => l.text).join(' ')).toLocaleLowerCase('vi');
  s = s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
  if (place) {
    const i = fold(s).lastIndexOf(fold(place));
    if (i >= 0 && fold(s).length === s.length) s = s.slice(0, i) + place + s.slice(i + place.length);
  }
  return s;
}

/** Parents cited in the preamble that the variant expects a plan to implement, in order of citation. */
export function parentsCited(preamble: readonly Unit[], requirements: readonly ParentRequirement[]): string[] {
  const out: string[] = [];
  for (const u of preamble) {
    for (const s of findSymbols(u.text)) {
      if (s.malformed) continue;
      const key = symbolKey(s.symbol);
      const choices = requirements.flatMap((r) => (r.anyOf && r.anyOf.length > 0 ? r.anyOf : [r]));
      const wanted = choices.some((r) => (r.symbol ? symbolKey(r.symbol) === key : r.pattern ? testPattern(compilePattern(`^(?:${r.pattern})$`), s.symbol) : false));
      if (wanted && !out.some((o) => symbolKey(o) === key)) out.push(s.symbol);
    }
  }
  return out;
}
