// What the parse of one version of a Markdown plan leaves for the next: what was made of each piece of the body (its tokens, its blocks), found again by position after an edit.

import { lastStartAtOrBefore } from '../arrays';
import { composeChange, TextChange } from '../incremental';
import type { Text } from '../text/piece-text';

/**
 * What a parse made of a piece of the body (its tokens, its blocks), by the piece's place in the
 * version it was made in: where it is in a later version is `start` plus the shift the memory
 * holds for its index (see `Shifts`), so that a piece an edit moved keeps its record.
 */
export interface PieceTokens<T> {
  start: number;
  length: number;
  tokens: T;
}

/**
 * How far the pieces of a version lie from the starts their records hold, by runs of indices:
 * from `from[k]` (up to the next run) the pieces lie `delta[k]` characters further on; before the
 * first run, and with no run at all, where their records say. An edit adds at most two runs (its
 * own pieces, then the moved ones after it), so the runs are few: past `MAX_SHIFT_RUNS` the
 * records are made again with their places.
 */
interface Shifts {
  from: number[];
  delta: number[];
}

const MAX_SHIFT_RUNS = 32;

const NO_SHIFTS: Shifts = { from: [], delta: [] };

/** The shift of the piece at `index` (runs in the order of `from`). */
function shiftAt(shifts: Shifts, index: number): number {
  const from = shifts.from;
  if (from.length === 0 || index < from[0]) return 0;
  return shifts.delta[lastStartAtOrBefore(from, index)];
}

/** The index of the piece of a list sorted by start whose start (its record's, shifted) is `start`, or -1. */
function indexByStart(list: ReadonlyArray<{ start: number }>, shifts: Shifts, start: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = list[mid].start + shiftAt(shifts, mid);
    if (at === start) return mid;
    if (at < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The pieces with their places in their records: each shifted one made again. */
function placed<T>(pieces: ReadonlyArray<PieceTokens<T>>, shifts: Shifts, from = 0, to = pieces.length): Array<PieceTokens<T>> {
  const out = pieces.slice(from, to);
  if (shifts.from.length === 0) return out;
  for (let i = 0; i < out.length; i++) {
    const delta = shiftAt(shifts, from + i);
    if (delta !== 0) out[i] = { start: out[i].start + delta, length: out[i].length, tokens: out[i].tokens };
  }
  return out;
}

/**
 * A list to be written by index, `length` long, every entry written before it is read. Past some
 * 32 million entries V8 would make it a dictionary: far past any plan, but then it grows instead.
 */
export function listOfLength<T>(length: number): T[] {
  return length <= MAX_SIZED_LIST ? new Array<T>(length) : [];
}

const MAX_SIZED_LIST = 1 << 24;

/**
 * One parse of a version, reading what the last one left: a piece of the text now that lies
 * wholly before the change or wholly after it has the same text as the one the last parse found at
 * the same (or the moved) offset with the same length, so its result is taken without comparing
 * any content. Everything read or made is kept for the next parse by `keepPiece`.
 */
export class ParseRecall<T, L = undefined> {
  /**
   * The pieces of this version, with `shifts` the shifts of their records (see `keepLastPiece`):
   * pieces are kept through `keepPiece` and `keepLastPiece`, which add the runs.
   */
  get pieces(): Array<PieceTokens<T>> {
    const list = (this.list ??= []);
    // Cut to what was written: the list was made at the last parse's number of pieces.
    if (list.length > this.count) list.length = this.count;
    return list;
  }
  readonly shifts: Shifts = { from: [], delta: [] };
  /**
   * The pieces written so far, by index: nearly all the last parse's pieces come again (some
   * 10,000 a keystroke on 20,000 lines), so the list is made at their number rather than grown
   * by push from empty (each growth a copy); past it, it grows. Made at the first piece kept: a
   * recall may only be asked where the change lies (the Markdown parse's `plainAround`).
   */
  private list: Array<PieceTokens<T>> | undefined;
  private count = 0;
  /** How many pieces were taken from the last parse, and how many of them the change moved. */
  reused = 0;
  moved = 0;

  constructor(
    /** How the text changed since the last parse; undefined when it is not known. */
    readonly change: TextChange | undefined,
    /** The last parse's pieces, in the order of their starts; where each lies is `lastStart`. */
    readonly lastPieces: ReadonlyArray<PieceTokens<T>>,
    /** What the last parse kept beside its pieces (see ParseMemory.commit); undefined when its pieces are not known. */
    readonly lastList?: L,
    private readonly lastShifts: Shifts = NO_SHIFTS,
  ) {}

  /** Where the last parse's piece at `index` started in the last version. */
  lastStart(index: number): number {
    return this.lastPieces[index].start + shiftAt(this.lastShifts, index);
  }

  /**
   * The change lies after `from`, and the last parse cut its text into pieces from `from` on:
   * what it left is known for the text before the change and after it.
   */
  keptFrom(from: number): boolean {
    const c = this.change;
    return !!c && c.start > from && this.lastPieces.length > 0 && this.lastStart(0) === from;
  }

  /** Where the range [start, end) of the text now was in the last version's text, when the change left it alone. */
  private oldStart(start: number, end: number): number | undefined {
    const c = this.change;
    if (!c) return undefined;
    if (end <= c.start) return start;
    if (start >= c.newEnd) return start - (c.newEnd - c.oldEnd);
    return undefined;
  }

  /** What the last parse made of the piece [start, start + length) when it had the same piece. */
  tokens(start: number, length: number): T | undefined {
    const index = this.indexOf(start, length);
    return index < 0 ? undefined : this.lastPieces[index].tokens;
  }

  /** The index in `lastPieces` of the piece [start, start + length) when the last parse had the same piece, or -1. */
  indexOf(start: number, length: number): number {
    const old = this.oldStart(start, start + length);
    if (old === undefined) return -1;
    const index = indexByStart(this.lastPieces, this.lastShifts, old);
    if (index < 0 || this.lastPieces[index].length !== length) return -1;
    this.reused++;
    if (old !== start) this.moved++;
    return index;
  }

  /**
   * How many of the last parse's pieces end before the change, so that the character after each
   * is the same too: they are the same pieces now, at the same places. Undefined when the change
   * starts at or before `from` or the last parse's first piece did not start there (the body
   * starts at `from`, and the last body started there too).
   */
  unchangedHeadCount(from: number): number | undefined {
    const c = this.change;
    const last = this.lastPieces;
    if (!c || !this.keptFrom(from)) return undefined;
    let lo = 0;
    let hi = last.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lastStart(mid) + last[mid].length < c.start) lo = mid + 1;
      else hi = mid;
    }
    this.reused += lo;
    return lo;
  }

  /**
   * The index in `lastPieces` of the last parse's piece that started where a piece starts now at
   * `start`, after the change, with how far the change moved it and every piece after it;
   * undefined when the last parse had no piece starting there. A piece starts where the cut into
   * pieces starts afresh (outside any fence, after a blank line), so from there on the text, and
   * so the cut, is the last one's.
   */
  movedTailFrom(start: number): { index: number; delta: number } | undefined {
    const c = this.change;
    if (!c || start < c.newEnd) return undefined;
    const delta = c.newEnd - c.oldEnd;
    const index = indexByStart(this.lastPieces, this.lastShifts, start - delta);
    if (index < 0) return undefined;
    const count = this.lastPieces.length - index;
    this.reused += count;
    if (delta !== 0) this.moved += count;
    return { index, delta };
  }

  /** Pieces must be kept in the order of their starts. */
  keepPiece(start: number, length: number, tokens: T): void {
    this.shiftNext(0);
    (this.list ??= listOfLength(this.lastPieces.length))[this.count++] = { start, length, tokens };
  }

  /**
   * Keeps the last parse's piece at `index`, `delta` characters further on now (0 before the
   * change), as the same record: its place is read through the shift kept for it.
   */
  keepLastPiece(index: number, delta: number): void {
    this.shiftNext(shiftAt(this.lastShifts, index) + delta);
    (this.list ??= listOfLength(this.lastPieces.length))[this.count++] = this.lastPieces[index];
  }

  /** The next piece kept lies `delta` characters from the start its record holds. */
  private shiftNext(delta: number): void {
    const { from, delta: deltas } = this.shifts;
    const current = deltas.length === 0 ? 0 : deltas[deltas.length - 1];
    if (delta === current) return;
    from.push(this.count);
    deltas.push(delta);
  }

  /** The pieces kept and their shifts, with the records made again with their places when the runs of shifts grew many. */
  kept(): { pieces: ReadonlyArray<PieceTokens<T>>; shifts: Shifts; placedAgain: boolean } {
    if (this.shifts.from.length <= MAX_SHIFT_RUNS) return { pieces: this.pieces, shifts: this.shifts, placedAgain: false };
    return { pieces: placed(this.pieces, this.shifts), shifts: NO_SHIFTS, placedAgain: true };
  }
}

/**
 * The memory of a Markdown document's parses, kept by whoever parses its versions one after the
 * other (the language server's check worker, through its CheckSession). It is told how the text
 * changed since the last parse (`edited`) or that it cannot tell (`reset`). A parse that cannot use
 * it (a text whose body the parser reads through a mask: comments, footnotes, CR line breaks)
 * calls `forget`, so that no old version is held. The parse is the same as one from scratch:
 * test/unit/incremental.test.ts compares them after every random edit.
 */
export class ParseMemory<T = unknown, L = undefined> {
  private length = -1;
  private change: TextChange | undefined;
  private pieces: ReadonlyArray<PieceTokens<T>> = [];
  private shifts: Shifts = NO_SHIFTS;
  /** What the last parse kept beside its pieces (the Markdown parse: its list of the body's items). */
  private list: L | undefined = undefined;
  /** How many pieces the last parse took from the one before, and how many of them had moved (for tests and measurements). */
  reused = 0;
  moved = 0;
  /** How many parses ended with the records made again with their places, the runs of shifts having grown many (for tests). */
  placedAgain = 0;

  /** Where the pieces of the last parse lie (for tests). */
  keptPieces(): Array<{ start: number; length: number }> {
    return placed(this.pieces, this.shifts).map(({ start, length }) => ({ start, length }));
  }

  /** [start, end) of the text as it was just before this edit became `inserted` characters. */
  edited(start: number, end: number, inserted: number): void {
    if (this.length < 0) return;
    this.change = composeChange(this.change, start, end, inserted);
  }

  /** The text changed in a way not told, or the last parse left nothing: the next parse reuses nothing. */
  reset(): void {
    this.reused = 0;
    this.moved = 0;
    this.length = -1;
    this.change = undefined;
    this.pieces = [];
    this.shifts = NO_SHIFTS;
    this.list = undefined;
  }

  /** Starts the parse of `text`: what the last parse left, read through the change since. */
  begin(text: Text): ParseRecall<T, L> {
    const change = this.length < 0 ? undefined : (this.change ?? { start: 0, oldEnd: 0, newEnd: 0 });
    const known = change && this.length + change.newEnd - change.oldEnd === text.length ? change : undefined;
    return new ParseRecall<T, L>(known, known ? this.pieces : [], known ? this.list : undefined, known ? this.shifts : NO_SHIFTS);
  }

  /**
   * The parse of `text` with `recall` is complete: it is what the next parse reads. `list`, what
   * the parse keeps beside its pieces for the next (the Markdown parse: the body's items, in the
   * order of the pieces), is read back as `ParseRecall.lastList`.
   */
  commit(text: Text, recall: ParseRecall<T, L>, list?: L): void {
    this.length = text.length;
    this.change = undefined;
    const kept = recall.kept();
    this.pieces = kept.pieces;
    this.shifts = kept.shifts;
    if (kept.placedAgain) this.placedAgain++;
    this.list = list;
    this.reused = recall.reused;
    this.moved = recall.moved;
  }
}
