// What the parse of one version of a Markdown plan leaves for the next: what was made of each piece of the body (its tokens, its blocks), found again by position after an edit.

import { composeChange, TextChange } from '../incremental';
import type { Text } from '../text/piece-text';

/** What a parse made of a piece of the body (its tokens, its blocks), by the piece's place in that version. */
export interface PieceTokens<T> {
  start: number;
  length: number;
  tokens: T;
}

/** The index of the entry of a list sorted by start whose start is `start`, or -1. */
function indexByStart(list: ReadonlyArray<{ start: number }>, start: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = list[mid].start;
    if (at === start) return mid;
    if (at < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * One parse of a version, reading what the last one left: a piece of the text now that lies
 * wholly before the change or wholly after it has the same text as the one the last parse found at
 * the same (or the moved) offset with the same length, so its result is taken without comparing
 * any content. Everything read or made is kept for the next parse by `keepPiece`.
 */
export class ParseRecall<T, L = undefined> {
  readonly pieces: Array<PieceTokens<T>> = [];
  /** How many pieces were taken from the last parse, and how many of them the change moved. */
  reused = 0;
  moved = 0;

  constructor(
    /** How the text changed since the last parse; undefined when it is not known. */
    readonly change: TextChange | undefined,
    /** The last parse's pieces, in the order of their starts. */
    readonly lastPieces: ReadonlyArray<PieceTokens<T>>,
    /** What the last parse kept beside its pieces (see ParseMemory.commit); undefined when its pieces are not known. */
    readonly lastList?: L,
  ) {}

  /**
   * The change lies after `from`, and the last parse cut its text into pieces from `from` on:
   * what it left is known for the text before the change and after it.
   */
  keptFrom(from: number): boolean {
    const c = this.change;
    return !!c && c.start > from && this.lastPieces.length > 0 && this.lastPieces[0].start === from;
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
    const index = indexByStart(this.lastPieces, old);
    if (index < 0 || this.lastPieces[index].length !== length) return -1;
    this.reused++;
    if (old !== start) this.moved++;
    return index;
  }

  /**
   * The last parse's pieces that end before the change, so that the character after each is
   * the same too: they are the same pieces now, at the same places. Undefined when the change
   * starts at or before `from` or the last parse's first piece did not start there (the body
   * starts at `from`, and the last body started there too).
   */
  unchangedHead(from: number): ReadonlyArray<PieceTokens<T>> | undefined {
    const c = this.change;
    const last = this.lastPieces;
    if (!c || !this.keptFrom(from)) return undefined;
    let lo = 0;
    let hi = last.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (last[mid].start + last[mid].length < c.start) lo = mid + 1;
      else hi = mid;
    }
    this.reused += lo;
    return last.slice(0, lo);
  }

  /**
   * The last parse's pieces from the one that started where a piece starts now at `start`, after
   * the change, to the end, with how far the change moved them; undefined when the last parse
   * had no piece starting there. A piece starts where the cut into pieces starts afresh (outside
   * any fence, after a blank line), so from there on the text, and so the cut, is the last one's.
   */
  movedTail(start: number): { pieces: ReadonlyArray<PieceTokens<T>>; delta: number } | undefined {
    const tail = this.movedTailFrom(start);
    return tail && { pieces: this.lastPieces.slice(tail.index), delta: tail.delta };
  }

  /** Like `movedTail`, the index in `lastPieces` of the tail's first piece rather than a copy of the tail. */
  movedTailFrom(start: number): { index: number; delta: number } | undefined {
    const c = this.change;
    if (!c || start < c.newEnd) return undefined;
    const delta = c.newEnd - c.oldEnd;
    const index = indexByStart(this.lastPieces, start - delta);
    if (index < 0) return undefined;
    const count = this.lastPieces.length - index;
    this.reused += count;
    if (delta !== 0) this.moved += count;
    return { index, delta };
  }

  /** Pieces must be kept in the order of their starts. */
  keepPiece(start: number, length: number, tokens: T): void {
    this.pieces.push({ start, length, tokens });
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
  /** What the last parse kept beside its pieces (the Markdown parse: its list of the body's items). */
  private list: L | undefined = undefined;
  /** How many pieces the last parse took from the one before, and how many of them had moved (for tests and measurements). */
  reused = 0;
  moved = 0;

  /** Where the pieces of the last parse lie (for tests). */
  keptPieces(): Array<{ start: number; length: number }> {
    return this.pieces.map(({ start, length }) => ({ start, length }));
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
    this.list = undefined;
  }

  /** Starts the parse of `text`: what the last parse left, read through the change since. */
  begin(text: Text): ParseRecall<T, L> {
    const change = this.length < 0 ? undefined : (this.change ?? { start: 0, oldEnd: 0, newEnd: 0 });
    const known = change && this.length + change.newEnd - change.oldEnd === text.length ? change : undefined;
    return new ParseRecall<T, L>(known, known ? this.pieces : [], known ? this.list : undefined);
  }

  /**
   * The parse of `text` with `recall` is complete: it is what the next parse reads. `list`, what
   * the parse keeps beside its pieces for the next (the Markdown parse: the body's items, in the
   * order of the pieces), is read back as `ParseRecall.lastList`.
   */
  commit(text: Text, recall: ParseRecall<T, L>, list?: L): void {
    this.length = text.length;
    this.change = undefined;
    this.pieces = recall.pieces;
    this.list = list;
    this.reused = recall.reused;
    this.moved = recall.moved;
  }
}
