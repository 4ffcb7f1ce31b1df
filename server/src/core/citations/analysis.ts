// Citation analysis of a whole plan: every citation with source spans, the first mention of each document and its registry entry.

import { DatedView } from '../data/as-of';
import { Block, PlanModel } from '../model';
import { Span } from '../text/mapped-text';
import { memoText } from '../text/memo';
import { extractCitations, RawCitation } from './extract';
import { DayDate, resolveCitation, Resolution, sameTerm } from './registry';
import { ParsedSymbol, symbolKey } from './symbol';

export interface CitedPart {
  text: string;
  span: Span;
}

export interface Citation {
  /** Position in CitationAnalysis.citations. */
  index: number;
  block: Block;
  /** In the subject line (trích yếu) of the metadata rather than in the body. */
  inSubject: boolean;
  /** From the type word (or the symbol) to the end of the last part read. */
  span: Span;
  symbol: ParsedSymbol & { written: string; span: Span };
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
  /** Source offset right after the symbol (or the list it closes), where ", ngày …" belongs. */
  insertAt: number;
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

/** Blocks that hold citations: the body and the subject line; not the other metadata values. */
function citingBlocks(plan: PlanModel): Block[] {
  return plan.blocks.filter((b) => b.region !== 'front' || b.metaKey === 'subject');
}

function dateKey(d: DayDate): string {
  return `${d.day}/${d.month}/${d.year}`;
}

/** Reads every citation of the plan, in document order, and resolves it against the registry as of the plan's view. */
export function analyzeCitations(plan: PlanModel, view: DatedView): CitationAnalysis {
  const citations: Citation[] = [];
  for (const block of citingBlocks(plan)) {
    // Read once per paragraph text: after a keystroke, only the changed paragraph is read again.
    const raws = memoText(extractCitations, block.text.text, block.text);
    const base = citations.length;
    raws.forEach((raw, i) => citations.push(toCitation(block, raw, base + i)));
    // The citation inside "(sau đây viết tắt là Kế hoạch 21-KH/TW)" defines a short form.
    const brackets = new Set<number>();
    raws.forEach((raw, i) => {
      // A bracket after a title that cites another document belongs to the outer citation only.
      if (!raw.shortFormBracket) return;
      if (brackets.has(raw.shortFormBracket.start)) {
        delete citations[base + i].shortForm;
        return;
      }
      brackets.add(raw.shortFormBracket.start);
      raws.forEach((other, j) => {
        if (j !== i && other.symbolStart >= raw.shortFormBracket!.start && other.symbolEnd <= raw.shortFormBracket!.end) {
          citations[base + j].definesShortFormOf = base + i;
        }
      });
    });
  }

  const firstByKey = new Map<string, number>();
  const lastDatedBySymbol = new Map<string, Citation>();
  for (const c of citations) {
    const sk = symbolKey(c.symbol.symbol);
    const resolveInput = {
      symbol: c.symbol.symbol,
      central: c.symbol.central,
      ...(c.symbol.issuerCode ? { issuerCode: c.symbol.issuerCode } : {}),
      ...(c.date ? { date: { day: c.date.day, month: c.date.month, year: c.date.year } } : {}),
      ...(c.term ? { term: c.term.text } : {}),
      ...(c.issuer ? { issuer: c.issuer.text } : {}),
    };
    const defined = c.definesShortFormOf !== undefined ? citations[c.definesShortFormOf] : undefined;
    if (c.symbol.malformed === 'grammar') {
      c.resolution = { status: 'unchecked' };
      c.documentKey = `${sk}|?`;
    } else if (c.date) {
      c.resolution = resolveCitation(view, resolveInput);
      c.documentKey = `${sk}|${dateKey(c.date)}`;
      lastDatedBySymbol.set(sk, c);
    } else if (defined && symbolKey(defined.symbol.symbol) === sk) {
      c.resolution = defined.resolution;
      c.documentKey = defined.documentKey;
    } else {
      const own = resolveCitation(view, resolveInput);
      const anchor = lastDatedBySymbol.get(sk);
      if (anchor && refersBack(c, anchor, own)) {
        // A later, undated mention refers back to the dated one.
        c.resolution = anchor.resolution.status === 'resolved' ? { ...anchor.resolution, by: 'earlier' } : anchor.resolution;
        c.documentKey = anchor.documentKey;
      } else {
        c.resolution = own;
        c.documentKey = own.status === 'resolved' ? `${sk}|${registryDateKey(own.entry.date)}` : `${sk}|?`;
      }
    }
    if (c.inSubject) continue;
    const seen = firstByKey.get(c.documentKey);
    if (seen === undefined) {
      firstByKey.set(c.documentKey, c.index);
      c.first = true;
    } else {
      c.firstIndex = seen;
    }
  }

  const dated = citations.filter((c) => c.date && !c.date.long && !c.sharedTail);
  const withComma = dated.filter((c) => c.date!.comma).length;
  return { citations, dateComma: dated.length === 0 ? true : withComma * 2 >= dated.length };
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

function registryDateKey(date: string): string {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(date.trim());
  return m ? `${Number(m[1])}/${Number(m[2])}/${Number(m[3])}` : date;
}

function toCitation(block: Block, raw: RawCitation, index: number): Citation {
  const t = block.text;
  const span = (start: number, end: number): Span => t.spanOf(start, end);
  const start = raw.typeWord && !raw.typeInherited ? Math.min(raw.typeWord.start, raw.symbolStart) : raw.symbolStart;
  const c: Citation = {
    index,
    block,
    inSubject: block.region === 'front',
    span: span(start, Math.max(raw.end, raw.symbolEnd)),
    symbol: {
      ...raw.symbol,
      written: raw.symbol.written,
      span: span(raw.symbolStart, raw.symbolEnd),
    },
    hasSo: raw.hasSo,
    compressed: raw.compressed,
    sharedTail: raw.sharedTail,
    insertAt: t.toSource(raw.tailStart),
    documentKey: '',
    first: false,
    resolution: { status: 'unchecked' },
  };
  if (raw.typeWord) c.typeWord = { text: raw.typeWord.text, span: span(raw.typeWord.start, raw.typeWord.end), inherited: raw.typeInherited };
  if (raw.date) {
    const d = raw.date;
    c.date = { text: d.text, span: span(d.start, d.end), day: d.day, month: d.month, year: d.year, long: d.long, comma: d.comma };
  }
  if (raw.issuer) c.issuer = { text: raw.issuer.text, span: span(raw.issuer.start, raw.issuer.end), linked: raw.issuer.linked };
  if (raw.term) c.term = { text: raw.term.text, span: span(raw.term.start, raw.term.end) };
  if (raw.title) c.title = { text: raw.title.text, span: span(raw.title.start, raw.title.end), quoted: raw.title.quoted };
  if (raw.shortForm) c.shortForm = { text: raw.shortForm.text, span: span(raw.shortForm.start, raw.shortForm.end) };
  return c;
}

/** The citation whose span holds a source offset (for hover and completion). */
export function citationAt(analysis: CitationAnalysis, offset: number): Citation | undefined {
  let best: Citation | undefined;
  for (const c of analysis.citations) {
    if (offset >= c.symbol.span.start && offset <= c.symbol.span.end) return c;
    if (offset >= c.span.start && offset <= c.span.end && (!best || c.span.end - c.span.start < best.span.end - best.span.start)) best = c;
  }
  return best;
}

/** The citations of the subject line and the preamble: where a plan names the documents it implements. */
export function openingCitations(analysis: CitationAnalysis): Citation[] {
  return analysis.citations.filter((c) => c.inSubject || c.block.region === 'preamble');
}

/** Whether the source text of a span is exactly `text` (so an edit of the span is an edit of that text). */
export function sourceIs(plan: PlanModel, span: Span, text: string): boolean {
  return plan.text.slice(span.start, span.end) === text;
}
