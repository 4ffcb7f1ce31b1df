// An open document kept as pieces of text, so that an edit makes no copy of the whole text: the LSP library's document (`vscode-languageserver-textdocument`), same behaviour, without the copy.

import { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { lastStartAtOrBefore } from '../core/arrays';

/**
 * Characters per piece, about. An edit makes its piece again (a copy of up to twice this); the
 * whole text is joined only when a reader asks for it, as a string V8 copies flat on its first read.
 */
const PIECE = 16_384;

const CR = 13;
const LF = 10;

function isEol(c: number): boolean {
  return c === CR || c === LF;
}

/**
 * The text of a document as a list of strings, joined on demand. Its line starts follow each edit
 * as the library's do (its own algorithm, kept step for step: the line starts after the change are
 * moved, only the inserted text is searched), so that offsets, positions, line counts and their
 * clamping are the library's exactly — also for positions past the end and CR LF pairs an edit
 * joins, where the line starts are counted again.
 */
export class PieceDocument implements TextDocument {
  private pieces: string[];
  /** Offset of each piece's first character. */
  private starts: number[];
  private length: number;
  /** The whole text, when a reader asked for it since the last edit. */
  private joined: string | undefined;
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    content: string,
    /** Characters per piece (small in the tests, so that edits cross pieces). */
    private readonly pieceSize = PIECE,
  ) {
    this.pieces = [];
    this.starts = [];
    this.length = 0;
    this.setText(content);
  }

  static create(uri: string, languageId: string, version: number, content: string, pieceSize = PIECE): PieceDocument {
    return new PieceDocument(uri, languageId, version, content, pieceSize);
  }

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  /** The text, or the text of a range. The whole text is made once per version from the pieces. */
  getText(range?: Range): string {
    if (range) {
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      return this.slice(start, end);
    }
    if (this.joined === undefined) this.joined = this.join(0, this.pieces.length);
    return this.joined;
  }

  /**
   * The characters [start, end), as `substring` takes them (offsets made integers, clamped to the
   * text, swapped when start > end), read from the pieces they lie in: no copy of the whole text.
   */
  slice(start: number, end: number): string {
    start = Math.max(0, Math.min(this.length, integer(start)));
    end = end === undefined ? this.length : Math.max(0, Math.min(this.length, integer(end)));
    if (start > end) [start, end] = [end, start];
    if (start === end) return '';
    let i = this.pieceAt(start);
    let out = '';
    for (let at = start; at < end; i++) {
      const piece = this.pieces[i];
      const from = at - this.starts[i];
      const to = Math.min(piece.length, end - this.starts[i]);
      out += piece.substring(from, to);
      at += to - from;
    }
    return out;
  }

  /** The UTF-16 unit at `offset` as `charCodeAt` gives it (NaN outside the text), read from its piece. */
  charCodeAt(offset: number): number {
    offset = integer(offset);
    if (offset < 0 || offset >= this.length) return NaN;
    const i = this.pieceAt(offset);
    return this.pieces[i].charCodeAt(offset - this.starts[i]);
  }

  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (isIncremental(change)) {
        // As the library's FullTextDocument.update, step for step, on the pieces.
        const range = wellformed(change.range);
        const startOffset = this.offsetAt(range.start);
        const endOffset = this.offsetAt(range.end);
        this.replace(startOffset, endOffset, change.text);
        const insertedEndOffset = startOffset + change.text.length;
        const crlfAtStart = this.charCodeAt(startOffset - 1) === CR && this.charCodeAt(startOffset) === LF;
        const crlfAtEnd = this.charCodeAt(insertedEndOffset - 1) === CR && this.charCodeAt(insertedEndOffset) === LF;
        if (crlfAtStart || crlfAtEnd) {
          // A CR LF pair across an edge of the change: its line starts are counted again.
          this.lineOffsets = undefined;
          continue;
        }
        const startLine = Math.max(range.start.line, 0);
        const endLine = Math.max(range.end.line, 0);
        let lineOffsets = this.getLineOffsets();
        const added = lineOffsetsOf(change.text, false, startOffset);
        if (endLine - startLine === added.length) {
          for (let i = 0; i < added.length; i++) lineOffsets[i + startLine + 1] = added[i];
        } else {
          this.lineOffsets = lineOffsets = spliced(lineOffsets, startLine + 1, endLine - startLine, added);
        }
        const diff = change.text.length - (endOffset - startOffset);
        if (diff !== 0) {
          for (let i = startLine + 1 + added.length; i < lineOffsets.length; i++) lineOffsets[i] = lineOffsets[i] + diff;
        }
      } else if (isFull(change)) {
        this.setText(change.text);
        this.lineOffsets = undefined;
      } else {
        throw new Error('Unknown change event received');
      }
    }
    this._version = version;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.beforeEol(offset, lineOffsets[line]);
    return { line, character: offset - lineOffsets[line] };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.beforeEol(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.length - lineOffsets[lastLine] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line];
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    const endOffset = this.beforeEol(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.length;
    const eolOffset = this.beforeEol(nextLineOffset, lineOffsets[line]);
    return this.slice(eolOffset, nextLineOffset);
  }

  private beforeEol(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEol(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  private getLineOffsets(): number[] {
    if (this.lineOffsets === undefined) {
      // Counted over the pieces in order; a CR ending one piece and the LF starting the next are one break.
      const out = [0];
      let skip = -1;
      for (let i = 0; i < this.pieces.length; i++) {
        const piece = this.pieces[i];
        const base = this.starts[i];
        for (let j = 0; j < piece.length; j++) {
          if (base + j === skip) continue;
          const c = piece.charCodeAt(j);
          if (c === LF) out.push(base + j + 1);
          else if (c === CR) {
            if (this.charCodeAt(base + j + 1) === LF) {
              skip = base + j + 1;
              out.push(base + j + 2);
            } else out.push(base + j + 1);
          }
        }
      }
      this.lineOffsets = out;
    }
    return this.lineOffsets;
  }

  /** The piece holding `offset` (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    return lastStartAtOrBefore(this.starts, offset);
  }

  /**
   * The text made `substring(0, start) + text + substring(end)`, as the library makes it, in the
   * pieces [start, end) lie in; the pieces before and after are kept.
   */
  private replace(start: number, end: number, text: string): void {
    this.joined = undefined;
    // `substring(0, undefined)` is the whole text: an offset from a line start an edit past the end left undefined.
    start = start === undefined ? this.length : Math.max(0, Math.min(this.length, integer(start)));
    end = Math.max(0, Math.min(this.length, integer(end)));
    if (end < start) {
      // Only from line starts an earlier edit past the end left undefined: [end, start) comes twice.
      text += this.slice(end, start);
      end = start;
    }
    if (this.pieces.length === 0) {
      this.setText(text);
      return;
    }
    const first = this.pieceAt(start);
    const last = this.pieceAt(end);
    const made =
      this.pieces[first].substring(0, start - this.starts[first]) + text + this.pieces[last].substring(end - this.starts[last]);
    let replaced = last - first + 1;
    let middle = made;
    // A small piece joins the next one, so that deletions do not leave the text in crumbs.
    if (middle.length < this.pieceSize / 4 && last + 1 < this.pieces.length && middle.length + this.pieces[last + 1].length <= 2 * this.pieceSize) {
      middle += this.pieces[last + 1];
      replaced++;
    }
    const parts = middle.length === 0 ? [] : middle.length <= 2 * this.pieceSize ? [middle] : split(middle, this.pieceSize);
    this.pieces = spliced(this.pieces, first, replaced, parts);
    if (this.pieces.length === 0) this.pieces.push('');
    this.length += text.length - (end - start);
    const starts = this.starts;
    starts.length = this.pieces.length;
    let at = first === 0 ? 0 : starts[first - 1] + this.pieces[first - 1].length;
    for (let i = first; i < this.pieces.length; i++) {
      starts[i] = at;
      at += this.pieces[i].length;
    }
  }

  private setText(text: string): void {
    this.joined = text;
    this.pieces = text.length <= 2 * this.pieceSize ? [text] : split(text, this.pieceSize);
    this.length = text.length;
    this.starts = [];
    let at = 0;
    for (const piece of this.pieces) {
      this.starts.push(at);
      at += piece.length;
    }
  }

  /** The pieces [lo, hi) as one string, concatenated as a balanced tree: no character is copied until the string is read. */
  private join(lo: number, hi: number): string {
    if (hi - lo === 1) return this.pieces[lo];
    if (hi <= lo) return '';
    const mid = (lo + hi) >> 1;
    return this.join(lo, mid) + this.join(mid, hi);
  }
}

/**
 * The array with `remove` items at `at` replaced by `items`, as `splice` with the items spread
 * would make it, as a new array: a spread puts every item on the stack (a paste of many lines
 * would overflow it).
 */
function spliced<T>(array: readonly T[], at: number, remove: number, items: readonly T[]): T[] {
  const start = Math.min(at, array.length);
  const end = start + Math.max(0, Math.min(remove, array.length - start));
  const out: T[] = [];
  for (let i = 0; i < start; i++) out.push(array[i]);
  for (const item of items) out.push(item);
  for (let i = end; i < array.length; i++) out.push(array[i]);
  return out;
}

/** How to read [start, end) of a document without its whole text, when it is kept in pieces. */
export function sliceOf(doc: TextDocument): ((start: number, end: number) => string) | undefined {
  return doc instanceof PieceDocument ? (start, end) => doc.slice(start, end) : undefined;
}

/** A text cut into pieces of `size` characters (V8 keeps them as slices of the text until each is edited). */
function split(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.substring(i, Math.min(text.length, i + size)));
  return out;
}

/** An offset as string methods read it: NaN (and undefined) as 0, fractions cut. */
function integer(offset: number): number {
  const n = Number(offset);
  return Number.isNaN(n) ? 0 : Math.trunc(n);
}

function lineOffsetsOf(text: string, atLineStart: boolean, textOffset = 0): number[] {
  const out = atLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isEol(c)) {
      if (c === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
      out.push(textOffset + i + 1);
    }
  }
  return out;
}

function isIncremental(event: TextDocumentContentChangeEvent): event is { range: Range; rangeLength?: number; text: string } {
  const candidate = event as { range?: Range; rangeLength?: number; text?: unknown };
  return (
    candidate !== undefined &&
    candidate !== null &&
    typeof candidate.text === 'string' &&
    candidate.range !== undefined &&
    (candidate.rangeLength === undefined || typeof candidate.rangeLength === 'number')
  );
}

function isFull(event: TextDocumentContentChangeEvent): event is { text: string } {
  const candidate = event as { range?: Range; rangeLength?: number; text?: unknown };
  return candidate !== undefined && candidate !== null && typeof candidate.text === 'string' && candidate.range === undefined && candidate.rangeLength === undefined;
}

function wellformed(range: Range): Range {
  const { start, end } = range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return { start: end, end: start };
  return range;
}
