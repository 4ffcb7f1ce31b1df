// Citation analysis of a whole plan: every citation with source spans, the first mention of each document and its registry entry.

import { DatedView } from '../data/as-of';
import { listOfLength } from '../document/parse-memory';
import type { AnalysisMemory } from '../incremental';
import { Block, PlanModel } from '../model';
import { MappedText, Span } from '../text/mapped-text';
import { memoText } from '../text/memo';
import { memoizeShort } from '../text/normalize';
import { extractCitations, RawCitation } from './extract';
import { DayDate, resolveCitation, Resolution, sameTerm } from './registry';
import { FoundSymbol, ParsedSymbol, symbolKey } from './symbol';

/**
 * A place in a citation's block: source offsets counted from the block's start, never offsets in
 * the whole text (a moved block's citations are kept as they are). `sourceSpan` gives the span in
 * the text; the names differ from a Span's so that nothing reads one as the other.
 */
export interface Placed {
  from: number;
  to: number;
}

export interface CitedPart {
  text: string;
  at: Placed;
}

/**
 * A citation in one version of the plan. Its parts are placed in its block (`Placed`) and are the
 * same objects while the block is the same, however far an edit moves it; so is the record itself
 * with a check session, and what depends on the version (its block, its position in the list and
 * what the pass in order finds) is written into it by the version that takes it (takeCitations).
 */
export interface Citation {
  /** Position in CitationAnalysis.citations. */
  index: number;
  /** The block it is read in, as it is in this version: its start places the parts in the text. */
  block: Block;
  /** In the subject line (trích yếu) of the metadata rather than in the body. */
  inSubject: boolean;
  /** From the type word (or the symbol) to the end of the last part read. */
  at: Placed;
  symbol: ParsedSymbol & { written: string; at: Placed };
  /** "Nghị quyết", "Kế hoạch" … as written; inherited from the previous member of a list. */
  typeWord?: CitedPart & { inherited: boolean };
  /** "số" is written before the symbol. */
  hasSo: boolean;
  /** A member of "217, 218-QĐ/TW". */
  compressed: boolean;
  date?: CitedPart & DayDate & { long: boolean; comma: boolean };
  /** The issuing body; `linked` is false when "của" is missing ("ngày … Hội nghị lần thứ tám …"). */
  issuer?: CitedPart & { linked: boolean };
  /** The Roman numeral of "khóa …". */
  term?: CitedPart;
  /** A quoted title (inside the quotes) or the text after "về". */
  title?: CitedPart & { quoted: boolean };
  /** The short form a "(sau đây viết tắt là …)" defines for this document. */
  shortForm?: CitedPart;
  /** This citation is the short form inside the definition bracket of that citation. */
  definesShortFormOf?: number;
  /** Date, issuer or term read after another member of the list. */
  sharedTail: boolean;
  /** Right after the symbol (or the list it closes), where ", ngày …" belongs: from the block's start (see tailOffset). */
  tailFrom: number;
  /** Identity of the cited document in this plan: its symbol and date (known or resolved). */
  documentKey: string;
  /** The first mention of the document in the body (the subject line, a title, is not counted). */
  first: boolean;
  /** For a later mention, the index of the first one. */
  firstIndex?: number;
  resolution: Resolution;
}

export interface CitationAnalysis {
  citations: Citation[];
  /** Most dated citations put a comma before "ngày" (", ngày 24/11/2023"). */
  dateComma: boolean;
}

/**
 * Whether a block may hold citations: the body and the subject line; not the other metadata
 * values. Asked of every block of the plan in turn rather than by a filtered copy of the list (a
 * new list of some 10,000 blocks a keystroke on 20,000 lines).
 */
function citing(b: Block): boolean {
  return b.region !== 'front' || b.metaKey === 'subject';
}

function dateKey(d: DayDate): string {
  return `${d.day}/${d.month}/${d.year}`;
}

/** The name under which a check session keeps the analysis of the last version (see KeptCitations). */
export const CITATIONS_MEMORY = 'citations';

/** What a citation is by its own parts, whatever comes before it in the plan. */
interface OwnCitation {
  symbolKey: string;
  /** Its resolution against the registry by its own parts ('unchecked' for a symbol that fits no grammar). */
  resolution: Resolution;
  /** The document it names by its own parts: its symbol and its date, written or resolved. */
  documentKey: string;
}

/**
 * What the analysis of one version leaves for the next (kept by the check session): the blocks
 * that hold citations, where each block's citations start, and what each citation is on its own.
 * A block the edit did not touch gives its citations again: their records, their parts placed in
 * the block, are the same objects, given their block and place in the next version.
 */
export interface KeptCitations {
  /** The plan's blocks (`plan.blocks`): those that hold no citation (see `citing`) have none in `starts`. */
  blocks: readonly Block[];
  /** The index in `analysis.citations` of each block's first citation, and their count last. */
  starts: Int32Array;
  analysis: CitationAnalysis;
  own: readonly OwnCitation[];
  /** How many of the citations were taken from the last version's analysis (for tests and measurements). */
  taken: number;
}

/**
 * Reads every citation of the plan, in document order, and resolves it against the registry as of
 * the plan's view. With `memory` (the language server's check of an edited plan), the citations of
 * the blocks an edit did not touch are taken from the last version's analysis, already read, built
 * and resolved by their own parts; only what depends on the order (the resolution of an undated
 * mention by an earlier dated one, a short form's document, the first mention of each document)
 * is done again over all of them. The result is the same with or without it.
 */
export function analyzeCitations(plan: PlanModel, view: DatedView, memory?: AnalysisMemory<KeptCitations>): CitationAnalysis {
  const blocks = plan.blocks;
  const last = memory?.last;
  // With a last version, nearly all its citations come again: the two lists are made at its
  // number of citations and written by index (past it, they grow), then cut to what was written,
  // rather than grown by push from empty (each growth a copy of the list).
  const citations: Citation[] = last ? listOfLength(last.own.length) : [];
  const own: OwnCitation[] = last ? listOfLength(last.own.length) : [];
  let count = 0;
  // One typed array a version, not a list grown by push (one entry a block).
  const starts = new Int32Array(blocks.length + 1);
  let taken = 0;
  // The end, in the last version's list, of the citations taken so far: each record is taken by
  // one place at most (the blocks keep their order, so the blocks taken ascend), never two.
  let takenTo = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    starts[b] = count;
    if (!citing(block)) continue;
    // A block the edit did not touch has the citations it had (none, in most blocks): its text
    // is not read again, nor looked up in the text memory (a comparison of the block costs less).
    const was = last ? memory!.sameBlock(last.blocks, block, b, blocks.length) : undefined;
    if (last && was !== undefined) {
      const from = last.starts[was];
      count = takeCitations(last, was, block, citations, own, count, from >= takenTo);
      if (from >= takenTo) takenTo = last.starts[was + 1];
      taken += count - starts[b];
      continue;
    }
    // Read once per paragraph text: after a keystroke, only the changed paragraph is read again.
    const raws = memoText(extractCitations, block.text.text, block.text);
    if (raws.length > 0) count = readCitations(block, raws, view, citations, own, count);
  }
  citations.length = count;
  own.length = count;
  starts[blocks.length] = count;

  const firstByKey = new Map<string, number>();
  const lastDatedBySymbol = new Map<string, Citation>();
  let dated = 0;
  let withComma = 0;
  for (let i = 0; i < citations.length; i++) {
    const c = citations[i];
    const mine = own[i];
    const sk = mine.symbolKey;
    const defined = c.definesShortFormOf;
    // What the pass finds for the citation: its resolution, its document and whether it is the
    // first mention (what depends on every citation before it).
    let resolution: Resolution;
    let documentKey: string;
    let earlier: Resolved | undefined;
    if (c.symbol.malformed === 'grammar') {
      resolution = mine.resolution;
      documentKey = mine.documentKey;
    } else if (c.date) {
      resolution = mine.resolution;
      documentKey = mine.documentKey;
    } else if (defined !== undefined && own[defined].symbolKey === sk) {
      resolution = citations[defined].resolution;
      documentKey = citations[defined].documentKey;
    } else {
      const anchor = lastDatedBySymbol.get(sk);
      if (anchor && refersBack(c, anchor, mine.resolution)) {
        // A later, undated mention refers back to the dated one.
        if (anchor.resolution.status === 'resolved') earlier = anchor.resolution;
        resolution = anchor.resolution;
        documentKey = anchor.documentKey;
      } else {
        resolution = mine.resolution;
        documentKey = mine.documentKey;
      }
    }
    let firstIndex: number | undefined;
    if (!c.inSubject) {
      const seen = firstByKey.get(documentKey);
      if (seen === undefined) firstByKey.set(documentKey, c.index);
      else firstIndex = seen;
    }
    const first = !c.inSubject && firstIndex === undefined;
    // Written into the record whatever it held: a record taken from the last version holds what
    // that version's pass found (or the pass of a check stopped after it); a resolution taken
    // from the dated mention is made again only when the record's is not already that one.
    if (earlier) {
      if (!isEarlier(c.resolution, earlier)) c.resolution = { ...earlier, by: 'earlier' };
    } else if (c.resolution !== resolution) c.resolution = resolution;
    c.documentKey = documentKey;
    c.first = first;
    c.firstIndex = firstIndex;
    if (c.date && c.symbol.malformed !== 'grammar') lastDatedBySymbol.set(sk, c);
    if (c.date && !c.date.long && !c.sharedTail) {
      dated++;
      if (c.date.comma) withComma++;
    }
  }

  const analysis: CitationAnalysis = { citations, dateComma: dated === 0 ? true : withComma * 2 >= dated };
  memory?.keep({ blocks, starts, analysis, own, taken });
  return analysis;
}

/**
 * Builds the citations read in a block and resolves each by its own parts, written from `base` on
 * in the lists: gives the number written so far.
 */
function readCitations(block: Block, raws: readonly RawCitation[], view: DatedView, citations: Citation[], own: OwnCitation[], base: number): number {
  raws.forEach((raw, i) => {
    citations[base + i] = toCitation(block, raw, base + i);
  });
  // The citation inside "(sau đây viết tắt là Kế hoạch 21-KH/TW)" defines a short form.
  const brackets = new Set<number>();
  raws.forEach((raw, i) => {
    // A bracket after a title that cites another document belongs to the outer citation only.
    if (!raw.shortFormBracket) return;
    if (brackets.has(raw.shortFormBracket.start)) {
      // Not `delete`: it would leave the record in a shape of its own (a dictionary).
      citations[base + i].shortForm = undefined;
      return;
    }
    brackets.add(raw.shortFormBracket.start);
    raws.forEach((other, j) => {
      if (j !== i && other.symbolStart >= raw.shortFormBracket!.start && other.symbolEnd <= raw.shortFormBracket!.end) {
        citations[base + j].definesShortFormOf = base + i;
      }
    });
  });
  const end = base + raws.length;
  for (let i = base; i < end; i++) own[i] = ownCitation(view, citations[i]);
  return end;
}

function ownCitation(view: DatedView, c: Citation): OwnCitation {
  const sk = symbolKey(c.symbol.symbol);
  if (c.symbol.malformed === 'grammar') return { symbolKey: sk, resolution: { status: 'unchecked' }, documentKey: `${sk}|?` };
  // Every field written, `undefined` where the citation has none (the lookup reads no field's
  // presence): one record, not one per part spread into it.
  const resolution = resolveCitation(view, {
    symbol: c.symbol.symbol,
    central: c.symbol.central,
    issuerCode: c.symbol.issuerCode ? c.symbol.issuerCode : undefined,
    date: c.date ? { day: c.date.day, month: c.date.month, year: c.date.year } : undefined,
    term: c.term ? c.term.text : undefined,
    issuer: c.issuer ? c.issuer.text : undefined,
  });
  const documentKey = c.date
    ? `${sk}|${dateKey(c.date)}`
    : resolution.status === 'resolved'
      ? `${sk}|${registryDateKey(resolution.entry.date)}`
      : `${sk}|?`;
  return { symbolKey: sk, resolution, documentKey };
}

/**
 * The citations the last version's analysis found in the block that is now `block`: their parts
 * as they were, written from `count` on in the lists. Gives the number written so far.
 *
 * With `rebind`, the last version's records themselves, given their block and place in this
 * version (the blocks after an edit move, and were a new record each: some 0.4 MB a keystroke on
 * 20,000 lines one paragraph per line). The last version's analysis is then no longer what that
 * version read: it is memory for this one, and nothing reads it as a version once the next is
 * made (the citation rules read the analysis of the check they run in; hover, completion and the
 * workspace index make theirs without memory). A check stopped after its analysis leaves the last
 * complete version as the next one's memory with records this one rebound: every field that
 * depends on the version (the block, the index, the short form's citation, what the pass in order
 * finds) is written again by whichever version takes the record, never read from what it held.
 * Without `rebind` (a record already taken by an earlier block of this version), new records.
 */
function takeCitations(last: KeptCitations, was: number, block: Block, citations: Citation[], own: OwnCitation[], count: number, rebind: boolean): number {
  const from = last.starts[was];
  const to = last.starts[was + 1];
  for (let i = from; i < to; i++) {
    const old = last.analysis.citations[i];
    citations[count] = rebind ? rebound(old, block, count) : citationInBlock(old, block, count);
    own[count++] = last.own[i];
  }
  return count;
}

/**
 * A record given its block and place in this version: the short form's citation, in the same
 * block, keeps its distance from it (whatever version placed the record last).
 */
function rebound(c: Citation, block: Block, index: number): Citation {
  const defined = c.definesShortFormOf;
  if (defined !== undefined) c.definesShortFormOf = defined - c.index + index;
  c.index = index;
  c.block = block;
  return c;
}

/**
 * A citation of the last version in its block as it is now, at `index` in the list: its parts are
 * the same objects (placed in the block, they do not move with it). What depends on the order is
 * left to the pass in order.
 */
function citationInBlock(old: Citation, block: Block, index: number): Citation {
  // Every field, in the order of toCitation's (see there).
  return {
    index,
    block,
    inSubject: old.inSubject,
    at: old.at,
    symbol: old.symbol,
    typeWord: old.typeWord,
    hasSo: old.hasSo,
    compressed: old.compressed,
    date: old.date,
    issuer: old.issuer,
    term: old.term,
    title: old.title,
    shortForm: old.shortForm,
    definesShortFormOf: old.definesShortFormOf === undefined ? undefined : old.definesShortFormOf - old.index + index,
    sharedTail: old.sharedTail,
    tailFrom: old.tailFrom,
    documentKey: '',
    first: false,
    firstIndex: undefined,
    resolution: old.resolution,
  };
}

type Resolved = Extract<Resolution, { status: 'resolved' }>;

/** Whether `r` is what a later mention takes from its dated one resolved as `anchor`: the same, found 'earlier'. */
function isEarlier(r: Resolution, anchor: Resolved): boolean {
  if (r.status !== 'resolved' || r.by !== 'earlier') return false;
  // Keys counted by `for … in`, not by lists of them (`Object.keys`): asked of every later mention
  // taken from a dated one at every keystroke, now that the records are the last version's.
  let keys = 0;
  for (const k in anchor) {
    keys++;
    if (k !== 'by' && r[k as keyof Resolved] !== anchor[k as keyof Resolved]) return false;
  }
  return keyCount(r) === keys;
}

function keyCount(o: object): number {
  let n = 0;
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) n++;
  return n;
}

/**
 * Whether an undated mention names the same document as the earlier dated one with its symbol:
 * yes, unless its own term or issuer picks another document (Party numbers restart every term).
 */
function refersBack(c: Citation, anchor: Citation, own: Resolution): boolean {
  if (!c.term && !c.issuer) return true;
  if (anchor.resolution.status === 'resolved') {
    return !(own.status === 'resolved' && own.by !== 'single' && own.entry !== anchor.resolution.entry);
  }
  return !(c.term && anchor.term && !sameTerm(c.term.text, anchor.term.text));
}

/** An entry's date as a document key writes it ("24/11/2023"), read once per date: the registry's dates are few, its undated mentions many. */
const registryDateKey = memoizeShort((date: string): string => {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim());
  return m ? `${Number(m[1])}/${Number(m[2])}/${Number(m[3])}` : date;
});

/**
 * text[start, end) of a block's text mapped to the source (as `spanOf` maps it), then counted from
 * the block's start `base`: one object, not a span and then a place.
 */
function placedIn(t: MappedText, base: number, start: number, end: number): Placed {
  const s = t.toSource(start);
  const e = end <= start ? s : t.toSource(end - 1) + 1;
  return { from: s - base, to: Math.max(s, e) - base };
}

/**
 * A citation's symbol: the grammar's fields, as written, and its place in the block, every field
 * written in one order. Not a copy by a spread of the reader's symbol, which gave the record the
 * reader's place in the paragraph too and took its shape from the grammar (one per grammar and
 * defect), so that the citation rules' reads of a symbol's parts were megamorphic.
 */
function citedSymbol(s: FoundSymbol, at: Placed): Citation['symbol'] {
  return { symbol: s.symbol, family: s.family, number: s.number, year: s.year, typeCode: s.typeCode, issuerCode: s.issuerCode, central: s.central, malformed: s.malformed, written: s.written, at };
}

function toCitation(block: Block, raw: RawCitation, index: number): Citation {
  const t = block.text;
  const base = block.span.start;
  const placed = (start: number, end: number): Placed => placedIn(t, base, start, end);
  const start = raw.typeWord && !raw.typeInherited ? Math.min(raw.typeWord.start, raw.symbolStart) : raw.symbolStart;
  const d = raw.date;
  // Every field written, `undefined` where the citation has no such part, in one order (that of
  // citationInBlock too): records of one shape keep the citation rules' loads of a part, and the
  // analysis's own, monomorphic (docs/benchmarks.md, eighteenth round).
  return {
    index,
    block,
    inSubject: block.region === 'front',
    at: placed(start, Math.max(raw.end, raw.symbolEnd)),
    symbol: citedSymbol(raw.symbol, placed(raw.symbolStart, raw.symbolEnd)),
    typeWord: raw.typeWord ? { text: raw.typeWord.text, at: placed(raw.typeWord.start, raw.typeWord.end), inherited: raw.typeInherited } : undefined,
    hasSo: raw.hasSo,
    compressed: raw.compressed,
    date: d ? { text: d.text, at: placed(d.start, d.end), day: d.day, month: d.month, year: d.year, long: d.long, comma: d.comma } : undefined,
    issuer: raw.issuer ? { text: raw.issuer.text, at: placed(raw.issuer.start, raw.issuer.end), linked: raw.issuer.linked } : undefined,
    term: raw.term ? { text: raw.term.text, at: placed(raw.term.start, raw.term.end) } : undefined,
    title: raw.title ? { text: raw.title.text, at: placed(raw.title.start, raw.title.end), quoted: raw.title.quoted } : undefined,
    shortForm: raw.shortForm ? { text: raw.shortForm.text, at: placed(raw.shortForm.start, raw.shortForm.end) } : undefined,
    definesShortFormOf: undefined,
    sharedTail: raw.sharedTail,
    tailFrom: t.toSource(raw.tailStart) - base,
    documentKey: '',
    first: false,
    firstIndex: undefined,
    resolution: { status: 'unchecked' },
  };
}

/** Where a citation, or one of its parts, is written in the text of its version: its place from its block's start. */
export function sourceSpan(c: Citation, part: { at: Placed }): Span {
  const base = c.block.span.start;
  return { start: base + part.at.from, end: base + part.at.to };
}

/** The offset in the text right after a citation's symbol (or the list it closes), where ", ngày …" belongs. */
export function tailOffset(c: Citation): number {
  return c.block.span.start + c.tailFrom;
}

/** The citation whose span holds a source offset (for hover and completion). */
export function citationAt(analysis: CitationAnalysis, offset: number): Citation | undefined {
  let best: Citation | undefined;
  for (const c of analysis.citations) {
    const at = offset - c.block.span.start;
    if (at >= c.symbol.at.from && at <= c.symbol.at.to) return c;
    if (at >= c.at.from && at <= c.at.to && (!best || c.at.to - c.at.from < best.at.to - best.at.from)) best = c;
  }
  return best;
}

/** The citations of the subject line and the preamble: where a plan names the documents it implements. */
export function openingCitations(analysis: CitationAnalysis): Citation[] {
  return analysis.citations.filter((c) => c.inSubject || c.block.region === 'preamble');
}

/** Whether the source text of a span is exactly `text` (so an edit of the span is an edit of that text). */
export function sourceIs(plan: PlanModel, span: Span, text: string): boolean {
  return plan.source.slice(span.start, span.end) === text;
}
