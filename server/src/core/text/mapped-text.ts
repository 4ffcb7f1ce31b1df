// Text taken from a document together with the source offset of each of its characters.

import type { Text } from './piece-text';

export interface Span {
  start: number;
  end: number;
}

/**
 * A piece of prose as the rules read it (a heading, a paragraph, a front-matter value) with a
 * map back to the source. In Markdown the text is a slice of the source; in YAML it is a scalar's
 * value, whose characters may sit at other offsets (indentation, quotes, escapes, folding).
 */
export class MappedText {
  /**
   * `map[i]`, when there is one, is where character i is written, counted from `base`; `sourceEnd`
   * too. Nothing is an offset in the text but `base`: a text moved with its block by an edit
   * before it (`moved`) shares its characters and its map with the text it was.
   */
  private constructor(
    readonly text: string,
    private readonly base: number,
    private readonly map: Int32Array | undefined,
    private readonly sourceLength: number,
  ) {}

  /**
   * What a document's text memory keeps for this text (text/memo.ts): a moved text shares it, so
   * that the blocks an edit moved find their memory without a lookup. A private field, not a
   * property: models compared with one another do not see it.
   */
  #memo: object | undefined = undefined;

  get memoEntry(): object | undefined {
    return this.#memo;
  }

  set memoEntry(entry: object | undefined) {
    this.#memo = entry;
  }

  /** Text that is a verbatim slice of the source starting at `start`. */
  static slice(text: string, start: number): MappedText {
    return new MappedText(text, start, undefined, text.length);
  }

  /**
   * Text whose characters appear, in order, inside source[start, end) with extra characters in
   * between (indentation, quotes, escape sequences). Characters that cannot be aligned map to the
   * position of the last aligned one, so every offset stays inside the scalar.
   */
  static aligned(text: string, source: Text, start: number, end: number): MappedText {
    if (source.slice(start, start + text.length) === text) return MappedText.slice(text, start);
    const map = new Int32Array(text.length + 1);
    let s = start;
    let last = start;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      let probe = s;
      while (probe < end && source.charCodeAt(probe) !== ch) {
        // Do not run past a line break when looking for a non-space character: folded and escaped
        // text is realigned on the next character that exists verbatim.
        if (probe - s > 64) break;
        probe++;
      }
      if (probe < end && source.charCodeAt(probe) === ch) {
        map[i] = probe - start;
        last = probe;
        s = probe + 1;
      } else {
        map[i] = last - start;
      }
    }
    map[text.length] = Math.min(end, Math.max(last + 1, s)) - start;
    return new MappedText(text, start, map, end - start);
  }

  /**
   * The text of a source slice starting at `start` without the ranges `hidden` (relative to the
   * slice, sorted, not overlapping): markup a reader does not see, such as emphasis markers. Each
   * character left maps to where it is written; the text's end maps to the end of the slice.
   */
  static without(slice: string, start: number, hidden: readonly Span[]): MappedText {
    if (hidden.length === 0) return MappedText.slice(slice, start);
    const parts: string[] = [];
    let at = 0;
    for (const h of hidden) {
      parts.push(slice.slice(at, h.start));
      at = Math.max(at, h.end);
    }
    parts.push(slice.slice(at));
    const text = parts.join('');
    const map = new Int32Array(text.length + 1);
    let i = 0;
    at = 0;
    for (const h of [...hidden, { start: slice.length, end: slice.length }]) {
      for (let s = at; s < h.start; s++) map[i++] = s;
      at = Math.max(at, h.end);
    }
    map[text.length] = slice.length;
    return new MappedText(text, start, map, slice.length);
  }

  /**
   * The same text written `delta` characters further on (an edit before it added or removed
   * them): its characters and map are shared, not copied.
   */
  moved(delta: number): MappedText {
    if (delta === 0) return this;
    const moved = new MappedText(this.text, this.base + delta, this.map, this.sourceLength);
    moved.#memo = this.#memo;
    return moved;
  }

  /** The part text[start, end) with its own map. */
  sub(start: number, end: number): MappedText {
    const s = Math.max(0, Math.min(start, this.text.length));
    const e = Math.max(s, Math.min(end, this.text.length));
    const text = this.text.slice(s, e);
    if (!this.map) return MappedText.slice(text, this.base + s);
    // The part's map counts from where its first character is written.
    const first = this.map[s] ?? 0;
    const map = this.map.slice(s, e + 1);
    if (e === this.text.length) map[text.length] = this.map[this.text.length];
    else map[text.length] = this.map[e - 1] + 1;
    for (let i = 0; i < map.length; i++) map[i] -= first;
    return new MappedText(text, this.base + first, map, map[text.length]);
  }

  /** Source offset of the character at `index` (index may equal text.length). */
  toSource(index: number): number {
    const i = Math.max(0, Math.min(index, this.text.length));
    if (!this.map) return this.base + i;
    return this.base + this.map[i];
  }

  /** Source span of text[start, end). */
  spanOf(start: number, end: number): Span {
    const s = this.toSource(start);
    const e = end <= start ? s : this.toSource(end - 1) + 1;
    return { start: s, end: Math.max(s, e) };
  }

  /**
   * Like spanOf, widened over characters of the source that the text leaves out (markup) on
   * either side: the source an edit must replace to replace text[start, end) as it is read.
   */
  outerSpanOf(start: number, end: number): Span {
    const s = start > 0 ? this.toSource(start - 1) + 1 : this.base;
    const e = end < this.text.length ? this.toSource(end) : this.base + this.sourceLength;
    return { start: s, end: Math.max(s, e) };
  }

  get span(): Span {
    return { start: this.toSource(0), end: this.text.length === 0 ? this.toSource(0) : this.sourceEndOfText() };
  }

  /** True when an edit of text[start, end) can be written as an edit of the same source range. */
  isVerbatim(start: number, end: number): boolean {
    if (!this.map) return true;
    for (let i = start; i < end - 1; i++) {
      if (this.map[i + 1] !== this.map[i] + 1) return false;
    }
    return true;
  }

  private sourceEndOfText(): number {
    if (!this.map) return this.base + this.text.length;
    return this.base + Math.min(this.sourceLength, this.map[this.text.length - 1] + 1);
  }
}
