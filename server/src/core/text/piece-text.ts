// A text kept as a list of pieces, edited without a copy of the whole, and read by slices: what the check worker and the main thread's document hold of an open document, so that a keystroke copies no version whole.

import { lastStartAtOrBefore } from '../arrays';

/**
 * What the parse and the line index read of a document's text: the string methods they use,
 * which a plain string has too. A `PieceText` answers them from its pieces; a reader that needs
 * the text as one string calls `flatText`.
 */
export interface Text {
  readonly length: number;
  slice(start?: number, end?: number): string;
  charCodeAt(index: number): number;
  indexOf(search: string, position?: number): number;
  lastIndexOf(search: string, position?: number): number;
}

/** The text as one string: a plain string as it is, a piece text joined (once per version). */
export function flatText(text: Text): string {
  return typeof text === 'string' ? text : (text as PieceText).toString();
}

/**
 * Characters per piece, about. An edit makes its piece again (a copy of up to twice this); the
 * whole text is joined only when a reader asks for it.
 */
export const PIECE_CHARS = 16_384;

/**
 * Characters per piece of an open document's text while it is edited (the check worker's held
 * text, the main thread's document). The first reader of an edited piece makes V8 copy it flat
 * (two bytes a character in Vietnamese text): a quarter of PIECE_CHARS copies a quarter of the
 * bytes a keystroke. The front matter is read from the first piece in place (the parse's
 * `frontMatterOf`, the main thread's head for the index), so no reader of a keystroke joins
 * pieces this short.
 */
export const EDITED_PIECE_CHARS = 4_096;

/** An offset as `String.prototype.slice` reads it: integer, counted from the end when negative, clamped to the text. */
function sliceOffset(offset: number | undefined, length: number, fallback: number): number {
  if (offset === undefined) return fallback;
  let n = Math.trunc(Number(offset));
  if (Number.isNaN(n)) n = 0;
  if (n < 0) return Math.max(0, length + n);
  return Math.min(n, length);
}

/**
 * A text as pieces of about `PIECE_CHARS` characters. It does not change: `edited` gives the text
 * after an edit as a new object sharing the pieces the edit left alone (one piece made again, the
 * list of pieces copied), so that what read the last version (its line index) still reads it.
 * Every reader reads from the pieces; `toString` joins them, once, and counts it (`joins`), so that
 * a test can tell that a keystroke's check did not.
 */
export class PieceText implements Text {
  /** How many texts were joined whole, in this thread (for tests and measurements). */
  static joins = 0;
  readonly length: number;
  private joined: string | undefined;

  private constructor(
    private readonly pieces: readonly string[],
    /** Offset of each piece's first character. */
    private readonly starts: readonly number[],
    private readonly pieceSize: number,
  ) {
    const last = pieces.length - 1;
    this.length = last < 0 ? 0 : starts[last] + pieces[last].length;
  }

  /** A text cut into pieces (V8 keeps them as slices of `text` until each is edited). `pieceSize` is small in the tests. */
  static of(text: string, pieceSize = PIECE_CHARS): PieceText {
    const pieces = split(text, pieceSize);
    const made = new PieceText(pieces, startsOf(pieces, 0, []), pieceSize);
    made.joined = text;
    return made;
  }

  /** How many pieces the text is in (for tests). */
  get pieceCount(): number {
    return this.pieces.length;
  }

  /**
   * The text with [start, end) replaced by `inserted` (offsets inside the text, start ≤ end): the
   * pieces the range lies in are made again, the others shared.
   */
  edited(start: number, end: number, inserted: string): PieceText {
    if (!(start >= 0 && end >= start && end <= this.length)) throw new RangeError(`no range [${start}, ${end}) in a text of ${this.length}`);
    const first = this.pieceAt(start);
    const last = this.pieceAt(end);
    const pieces = this.pieces;
    let middle = pieces[first].slice(0, start - this.starts[first]) + inserted + pieces[last].slice(end - this.starts[last]);
    let after = last + 1;
    // A small piece joins the next one, so that deletions do not leave the text in crumbs.
    if (middle.length < this.pieceSize / 4 && after < pieces.length && middle.length + pieces[after].length <= 2 * this.pieceSize) {
      middle += pieces[after];
      after++;
    }
    const made = middle.length > 2 * this.pieceSize ? split(middle, this.pieceSize) : middle.length > 0 || (first === 0 && after >= pieces.length) ? [middle] : [];
    // The lists are made at their length and written by index: grown by push, the lists of a text
    // in some hundreds of pieces were copied several times at every keystroke.
    const count = first + made.length + (pieces.length - after);
    const out = new Array<string>(count);
    const starts = new Array<number>(count);
    for (let i = 0; i < first; i++) {
      out[i] = pieces[i];
      starts[i] = this.starts[i];
    }
    let next = first;
    let at = this.starts[first];
    for (let i = 0; i < made.length; i++, next++) {
      out[next] = made[i];
      starts[next] = at;
      at += made[i].length;
    }
    for (let i = after; i < pieces.length; i++, next++) {
      out[next] = pieces[i];
      starts[next] = at;
      at += pieces[i].length;
    }
    return new PieceText(out, starts, this.pieceSize);
  }

  /** The whole text as one string, joined once (the readers of a keystroke's check do not ask for it). */
  toString(): string {
    if (this.joined === undefined) {
      PieceText.joins++;
      this.joined = this.pieces.join('');
    }
    return this.joined;
  }

  /**
   * The whole text as one string made by concatenating the pieces as a balanced tree: nothing is
   * copied until the string is read (V8 copies it flat then), and it is not counted as a join. For a
   * holder that hands the text on to readers that mostly read it by slices (the main thread's
   * document); `toString` is the join.
   */
  concatenated(): string {
    return this.joined ?? this.joinRange(0, this.pieces.length);
  }

  /** Calls `visit` with each piece and the offset of its first character, in order (a scan of the whole text without joining it). */
  forEachPiece(visit: (piece: string, start: number) => void): void {
    for (let i = 0; i < this.pieces.length; i++) visit(this.pieces[i], this.starts[i]);
  }

  slice(start?: number, end?: number): string {
    const from = sliceOffset(start, this.length, 0);
    const to = sliceOffset(end, this.length, this.length);
    if (to <= from) return '';
    if (this.joined !== undefined) return this.joined.slice(from, to);
    let i = this.pieceAt(from);
    const local = from - this.starts[i];
    const piece = this.pieces[i];
    if (to - this.starts[i] <= piece.length) return piece.slice(local, to - this.starts[i]);
    let out = piece.slice(local);
    for (i++; i < this.pieces.length && this.starts[i] < to; i++) out += this.pieces[i].slice(0, to - this.starts[i]);
    return out;
  }

  charCodeAt(index: number): number {
    let n = Math.trunc(Number(index));
    if (Number.isNaN(n)) n = 0;
    if (n < 0 || n >= this.length) return NaN;
    const i = this.pieceAt(n);
    return this.pieces[i].charCodeAt(n - this.starts[i]);
  }

  indexOf(search: string, position?: number): number {
    let from = Math.trunc(Number(position ?? 0));
    if (Number.isNaN(from)) from = 0;
    from = Math.max(0, Math.min(from, this.length));
    if (search.length === 0) return from;
    if (this.joined !== undefined) return this.joined.indexOf(search, from);
    const reach = search.length - 1;
    for (let i = this.pieceAt(from); i < this.pieces.length; i++) {
      const start = this.starts[i];
      // A match inside the piece comes before any that runs into the next piece.
      const inside = this.pieces[i].indexOf(search, Math.max(0, from - start));
      if (inside >= 0) return start + inside;
      if (reach === 0) continue;
      const end = start + this.pieces[i].length;
      const at = Math.max(from, end - reach);
      const across = this.slice(at, end + reach).indexOf(search);
      if (across >= 0) return at + across;
    }
    return -1;
  }

  lastIndexOf(search: string, position?: number): number {
    let from = position === undefined ? Infinity : Number(position);
    if (Number.isNaN(from)) from = Infinity;
    from = Math.max(0, Math.min(Math.trunc(from), this.length));
    if (this.joined !== undefined) return this.joined.lastIndexOf(search, from);
    if (search.length === 0) return from;
    const reach = search.length - 1;
    // A match starts at `from` at the latest: each piece from the one holding that start back.
    for (let i = this.pieceAt(Math.min(from, Math.max(0, this.length - 1))); i >= 0; i--) {
      const start = this.starts[i];
      const end = start + this.pieces[i].length;
      if (reach > 0) {
        // A match that runs into the next piece comes after any inside the piece.
        const at = Math.max(start, end - reach);
        const across = this.slice(at, Math.min(end + reach, from + search.length)).lastIndexOf(search);
        if (across >= 0) return at + across;
      }
      const inside = this.pieces[i].lastIndexOf(search, from - start);
      if (inside >= 0) return start + inside;
    }
    return -1;
  }

  /** The piece holding `offset` (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    return lastStartAtOrBefore(this.starts, offset);
  }

  /** The pieces [lo, hi) as one string, concatenated as a balanced tree. */
  private joinRange(lo: number, hi: number): string {
    if (hi - lo === 1) return this.pieces[lo];
    if (hi <= lo) return '';
    const mid = (lo + hi) >> 1;
    return this.joinRange(lo, mid) + this.joinRange(mid, hi);
  }
}

/** `starts` (the starts of `pieces` before `from`) completed from `from` on. */
function startsOf(pieces: readonly string[], from: number, starts: number[]): number[] {
  let at = from === 0 ? 0 : starts[from - 1] + pieces[from - 1].length;
  for (let i = from; i < pieces.length; i++) {
    starts.push(at);
    at += pieces[i].length;
  }
  return starts;
}

/** A text cut into pieces of `size` characters; an empty text is one empty piece. */
function split(text: string, size: number): string[] {
  if (text.length <= 2 * size) return [text];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.substring(i, Math.min(text.length, i + size)));
  return out;
}
