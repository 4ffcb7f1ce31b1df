// An open document kept as pieces of text (the core's `PieceText`, as the check worker keeps it), so that an edit makes no copy of the whole text: the LSP library's document (`vscode-languageserver-textdocument`), same behaviour, without the copy.

import { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { EDITED_PIECE_CHARS, PieceText } from '../core/text/piece-text';

const CR = 13;
const LF = 10;

function isEol(c: number): boolean {
  return c === CR || c === LF;
}

/**
 * The text of a document as a core `PieceText` (the check worker's text in pieces), joined on
 * demand. Its line starts follow each edit as the library's do (its own algorithm, kept step for
 * step: the line starts after the change are moved, only the inserted text is searched), so that
 * offsets, positions, line counts and their clamping are the library's exactly — also for
 * positions past the end and CR LF pairs an edit joins, where the line starts are counted again.
 */
export class PieceDocument implements TextDocument {
  private text: PieceText;
  /** The whole text, when a reader asked for it since the last edit. */
  private whole: string | undefined;
  private lineOffsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    content: string,
    /** Characters per piece (small in the tests, so that edits cross pieces). */
    private readonly pieceSize = EDITED_PIECE_CHARS,
  ) {
    this.text = PieceText.of(content, pieceSize);
    this.whole = content;
  }

  static create(uri: string, languageId: string, version: number, content: string, pieceSize = EDITED_PIECE_CHARS): PieceDocument {
    return new PieceDocument(uri, languageId, version, content, pieceSize);
  }

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }

  /**
   * The text, or the text of a range. The whole text is made once per version from the pieces, as a
   * string whose characters are copied only when it is read.
   */
  getText(range?: Range): string {
    if (range) {
      const start = this.offsetAt(range.start);
      const end = this.offsetAt(range.end);
      return this.slice(start, end);
    }
    if (this.whole === undefined) this.whole = this.text.concatenated();
    return this.whole;
  }

  /**
   * The characters [start, end), as `substring` takes them (offsets made integers, clamped to the
   * text, swapped when start > end), read from the pieces they lie in: no copy of the whole text.
   */
  slice(start: number, end: number): string {
    const length = this.text.length;
    start = Math.max(0, Math.min(length, integer(start)));
    end = end === undefined ? length : Math.max(0, Math.min(length, integer(end)));
    if (start > end) [start, end] = [end, start];
    return this.text.slice(start, end);
  }

  /** The UTF-16 unit at `offset` as `charCodeAt` gives it (NaN outside the text), read from its piece. */
  charCodeAt(offset: number): number {
    return this.text.charCodeAt(offset);
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
        this.text = PieceText.of(change.text, this.pieceSize);
        this.whole = change.text;
        this.lineOffsets = undefined;
      } else {
        throw new Error('Unknown change event received');
      }
    }
    this._version = version;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.text.length), 0);
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
    if (position.line >= lineOffsets.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets[position.line];
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets[position.line + 1] : this.text.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.beforeEol(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const lastLine = lineOffsets.length - 1;
      return { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: this.text.length - lineOffsets[lastLine] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const startOffset = lineOffsets[line];
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.text.length;
    const endOffset = this.beforeEol(nextLineOffset, startOffset);
    return { start: { line, character: 0 }, end: { line, character: endOffset - startOffset } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const nextLineOffset = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : this.text.length;
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
      this.text.forEachPiece((piece, base) => {
        for (let j = 0; j < piece.length; j++) {
          if (base + j === skip) continue;
          const c = piece.charCodeAt(j);
          if (c === LF) out.push(base + j + 1);
          else if (c === CR) {
            if (this.text.charCodeAt(base + j + 1) === LF) {
              skip = base + j + 1;
              out.push(base + j + 2);
            } else out.push(base + j + 1);
          }
        }
      });
      this.lineOffsets = out;
    }
    return this.lineOffsets;
  }

  /**
   * The text made `substring(0, start) + text + substring(end)`, as the library makes it: the
   * pieces [start, end) lie in are made again, the others kept (`PieceText.edited`).
   */
  private replace(start: number, end: number, text: string): void {
    this.whole = undefined;
    const length = this.text.length;
    // `substring(0, undefined)` is the whole text: an offset from a line start an edit past the end left undefined.
    start = start === undefined ? length : Math.max(0, Math.min(length, integer(start)));
    end = Math.max(0, Math.min(length, integer(end)));
    if (end < start) {
      // Only from line starts an earlier edit past the end left undefined: [end, start) comes twice.
      text += this.slice(end, start);
      end = start;
    }
    this.text = this.text.edited(start, end, text);
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
