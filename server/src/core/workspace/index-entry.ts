// What the index of a folder keeps about one plan: its registry entry, the metadata a reviewer sees, and the symbols it cites.

import { classifySymbol, findSymbols, symbolKey } from '../citations/symbol';
import { KnowledgeBase, PlanOrigin, RegistryEntry } from '../data/types';
import { decideVariant } from '../template/variant';
import { PlanModel } from '../model';
import { Position } from '../text/line-index';
import { memoText, ownCopy, textMemoActive } from '../text/memo';
import { ParseMemory, PieceTokens } from '../document/parse-memory';
import { issuerLevel, planEntry, planIssueDate, planNumberSymbol, PlanLevel, registryDate } from './entry';

/** The metadata of a plan as a list of plans shows it; texts as written, cut to a readable length. */
export interface PlanHead {
  kind: string;
  issuer: string;
  /** The number line as written ("Số: 74/KH-UBND"); '' when there is none. */
  number: string;
  /** The symbol of the number, when the number is not blank. */
  symbol?: string;
  /** The date line as written. */
  date: string;
  /** yyyy-mm-dd when the whole date is written, for sorting. */
  isoDate?: string;
  subject: string;
  variant: 'party' | 'state' | null;
  level: PlanLevel;
  /** The local document the plan implements (a provincial programme, a commune Party plan), if it names one. */
  parent?: string;
  /** Where the number is written, for going to the plan from a citation of it. */
  numberRange?: { start: Position; end: Position };
}

export interface IndexedPlan {
  uri: string;
  label: string;
  head: PlanHead;
  /** The plan as a registry entry for the others; undefined for a draft (no number or no full date). */
  entry?: RegistryEntry;
  /** Symbol keys of every document the text names (its own number included): what its findings depend on. */
  cites: string[];
}

/** Longest text kept of a metadata value: enough for a list and a report, bounded for thousands of plans. */
const MAX_HEAD_TEXT = 400;

function short(s: string | undefined): string {
  const t = (s ?? '').normalize('NFC').trim().replace(/\s+/gu, ' ');
  return t.length > MAX_HEAD_TEXT ? `${t.slice(0, MAX_HEAD_TEXT - 1)}…` : t;
}

/** The local parent a plan names: the first non-central symbol it declares under "implements", else the first in its subject. */
export function planParent(plan: PlanModel): string | undefined {
  const own = planNumberSymbol(plan)?.symbol;
  const local = (symbol: string): boolean => {
    const parsed = classifySymbol(symbolKey(symbol));
    return !parsed.malformed && !parsed.central && symbolKey(symbol) !== (own && symbolKey(own));
  };
  const declared = (plan.meta.implements?.value ?? []).map((p) => p.symbol).find(local);
  if (declared) return declared;
  return findSymbols(plan.meta.subject?.value ?? '').map((s) => s.symbol).find(local);
}

/** The metadata a list of plans shows. */
export function planHead(plan: PlanModel, kb: KnowledgeBase): PlanHead {
  const number = planNumberSymbol(plan);
  const date = planIssueDate(plan);
  const variant = decideVariant(plan, kb.template).id ?? null;
  const head: PlanHead = {
    kind: short(plan.meta.kind?.value),
    issuer: short(plan.meta.issuer?.value),
    number: short(plan.meta.number?.value),
    date: short(plan.meta.date?.value),
    subject: short(plan.meta.subject?.value),
    variant,
    level: issuerLevel(plan.meta.issuer?.value ?? ''),
  };
  if (number) {
    head.symbol = number.symbol;
    head.numberRange = { start: plan.lines.positionAt(number.span.start), end: plan.lines.positionAt(number.span.end) };
  }
  if (date) head.isoDate = registryDate(date).split('/').reverse().join('-');
  const parent = planParent(plan);
  if (parent) head.parent = parent;
  return head;
}

/**
 * What the last reading of an edited document's cited symbols found in each piece between blank
 * lines, by position: after an edit, a piece that lies wholly outside the change has the text of
 * the piece the last reading found at the same (or the moved) place with the same length, so its
 * symbols are taken without reading, hashing or comparing its text.
 */
export type CitedSymbolsMemory = ParseMemory<readonly string[]>;

/**
 * Symbol keys of the documents a text names, each once, in order. `memory` (the language server
 * keeps one per edited document and tells it the edits) spares reading the pieces an edit left alone.
 * `slice`, with a memory, reads [start, end) of the text where the text itself is kept in pieces
 * (the server's open documents): then only `text.length` is read, not its characters, which V8
 * would copy whole for a text made of concatenated strings.
 */
export function citedSymbols(text: string, memory?: CitedSymbolsMemory, slice?: (start: number, end: number) => string): string[] {
  if (!memory && !textMemoActive()) return symbolKeysIn(text);
  if (!memory) slice = undefined;
  // An edited document (the language server): each piece between blank lines is read once per
  // text, so a keystroke reads again only the piece it falls in. A symbol never spans a blank
  // line (a blank inside a symbol holds one line break at the most), and what decides a symbol
  // never looks past one, so the pieces give the symbols of the whole text, in the same order.
  const recall = memory?.begin(text);
  const last = memory && lastReadings.get(memory);
  // The pieces read now between the last reading's head and tail, and the symbols they name.
  const middle: Array<readonly string[]> = [];
  const read = (from: number, cut: number): void => {
    let found = recall?.tokens(from, cut - from);
    if (!found) {
      // Read from a copy when kept by position, so that the memory holds no slice of this version's text.
      found = recall ? symbolKeysIn(ownCopy(slice ? slice(from, cut) : text.slice(from, cut))) : memoText(symbolKeysIn, text.slice(from, cut));
    }
    recall?.keepPiece(from, cut - from, found);
    middle.push(found);
  };
  // Only the text around the change is searched for blank lines: the pieces before it and after
  // it are the last reading's. A cut is where a line break is followed by a blank line, so whether
  // there is one depends on that line break and the blank line alone.
  let from = 0;
  let kept = 0;
  const head = recall?.unchangedHeadCount(0);
  if (recall && head !== undefined && head > 1) {
    // Whether a piece ends where it did depends on the blank line after it, which lies in the next
    // piece: so only the pieces whose next piece ends before the change are the same for certain.
    // They are kept as the same records, with the shifts they had (see ParseRecall.keepLastPiece).
    kept = head - 1;
    for (let i = 0; i < kept; i++) recall.keepLastPiece(i, 0);
    from = recall.lastStart(kept);
  }
  /** How many of the last reading's pieces were kept, moved, at the end. */
  let tail: number | undefined;
  for (const cut of blankLineCuts(text, from, slice)) {
    read(from, cut);
    from = cut;
    // A cut after the change where the last reading cut too: every cut after it depends on the
    // text after the change alone, so the pieces from there on are the last reading's, moved:
    // their records are kept, the move held as a run of shifts rather than a new record each.
    const moved = recall?.movedTailFrom(cut);
    if (recall && moved) {
      const { index, delta } = moved;
      const count = recall.lastPieces.length;
      for (let i = index; i < count; i++) recall.keepLastPiece(i, delta);
      tail = count - index;
      from = text.length;
      break;
    }
  }
  if (from < text.length || from === 0) read(from, text.length);
  let keys: string[] | undefined;
  if (last && tail !== undefined && last.pieces.length >= kept + tail) {
    // The symbols are those of the pieces in order, each kept at its first place: when the pieces
    // read now name the same symbols in the same order as the last reading's pieces they replace,
    // every piece's symbols, and so the list, are the last reading's.
    const replaced = last.pieces.slice(kept, last.pieces.length - tail);
    if (sameSequence(replaced.map((p) => p.tokens), middle)) {
      keys = last.keys;
      citedSymbolsKept.lists++;
    }
  }
  if (!keys) {
    const set = new Set<string>();
    // Without a memory the pieces read are all the pieces.
    if (recall) for (const piece of recall.pieces) for (const key of piece.tokens) set.add(key);
    else for (const found of middle) for (const key of found) set.add(key);
    keys = [...set];
  }
  if (memory && recall) {
    memory.commit(text, recall);
    lastReadings.set(memory, { pieces: recall.pieces, keys });
  }
  return keys.slice();
}

/** How many readings gave the last reading's list without going over every piece (for tests and measurements). */
export const citedSymbolsKept = { lists: 0 };

/**
 * Per memory, the pieces its last reading committed and the symbols it gave: a reading that
 * takes the head and tail from those pieces compares only the pieces between them.
 */
const lastReadings = new WeakMap<CitedSymbolsMemory, { pieces: ReadonlyArray<PieceTokens<readonly string[]>>; keys: string[] }>();

/** Whether the lists of symbols, one after the other, give the same symbols in the same order. */
function sameSequence(a: ReadonlyArray<readonly string[]>, b: ReadonlyArray<readonly string[]>): boolean {
  let i = 0;
  let j = 0;
  let ai = 0;
  let bj = 0;
  for (;;) {
    while (i < a.length && ai >= a[i].length) {
      i++;
      ai = 0;
    }
    while (j < b.length && bj >= b[j].length) {
      j++;
      bj = 0;
    }
    if (i === a.length || j === b.length) return i === a.length && j === b.length;
    if (a[i][ai++] !== b[j][bj++]) return false;
  }
}

/** The line break that ends a line followed by a blank one. */
const BLANK_LINE = /\n(?=[ \t]*\r?\n)/g;

/** Characters read at a time when the text is read through `slice`. */
const WINDOW = 8192;

/**
 * The cuts (after each line break that BLANK_LINE finds) from `from` on, in order. With `slice`,
 * the text is read a window at a time: whether a line break is followed by a blank line depends
 * on the characters up to the next line break, so the matches before a window's last line break
 * are those of the whole text; the next window starts at that line break.
 */
export function* blankLineCuts(text: string, from: number, slice?: (start: number, end: number) => string, window = WINDOW): Generator<number> {
  const re = new RegExp(BLANK_LINE.source, 'g');
  if (!slice) {
    re.lastIndex = from;
    for (let m = re.exec(text); m; m = re.exec(text)) yield m.index + 1;
    return;
  }
  const length = text.length;
  let size = window;
  for (let at = from; at < length; ) {
    const end = Math.min(length, at + size);
    const read = slice(at, end);
    const settled = end === length ? read.length : read.lastIndexOf('\n');
    if (settled <= 0) {
      size *= 2;
      continue;
    }
    re.lastIndex = 0;
    for (let m = re.exec(read); m && m.index < settled; m = re.exec(read)) yield at + m.index + 1;
    at += settled;
    size = window;
  }
}

function symbolKeysIn(text: string): string[] {
  const keys = new Set<string>();
  for (const s of findSymbols(text)) if (s.malformed !== 'grammar') keys.add(symbolKey(s.symbol));
  return [...keys];
}

/**
 * Indexes a plan from its model (the metadata is enough: parsePlanHead) and its whole text (for
 * the symbols it cites). Undefined for a file that is not a plan.
 */
export function indexPlan(
  plan: PlanModel,
  text: string,
  origin: PlanOrigin,
  kb: KnowledgeBase,
  symbols?: CitedSymbolsMemory,
  slice?: (start: number, end: number) => string,
): IndexedPlan | undefined {
  if (!plan.isPlan) return undefined;
  // A plan over the size limit is not read (plan.too-large): nor are the symbols it names.
  const indexed: IndexedPlan = { uri: origin.uri, label: origin.label, head: planHead(plan, kb), cites: plan.tooLarge ? [] : citedSymbols(text, symbols, slice) };
  const entry = planEntry(plan, origin, kb);
  if (entry) indexed.entry = entry;
  return indexed;
}
