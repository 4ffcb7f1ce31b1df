// Converts between string offsets and zero-based line/character positions (UTF-16 units, as LSP counts them).

import { flatText, Text } from './piece-text';

export interface Position {
  line: number;
  character: number;
}

/**
 * How the positions of an earlier version's index carry to a later one's: an offset below
 * `before` is at the same line and character in both; an offset `o` of the earlier text with
 * `after` ≤ o ≤ `earlierLength` is, as `o + shift` in the later text, `lines` lines further at the
 * same character (`shift` is the change of the text's length).
 */
export interface LineAgreement {
  before: number;
  after: number;
  earlierLength: number;
  shift: number;
  lines: number;
}

export class LineIndex {
  /**
   * The line starts, but those from line `shiftFrom` on are `shift` characters further on than
   * written: typing in one line moves every later start, and the versions typed there share one
   * list instead of each copying it (see `edited`). The list is never written once made. Typed:
   * when a version does copy it (a line break typed, another line edited), some 20,000 starts on a
   * large plan, a typed copy is several times faster than a list's and lies outside the young
   * generation.
   */
  private readonly starts: Int32Array;
  private readonly shiftFrom: number;
  private readonly shift: number;
  /** The text has a CR: its line breaks are not all single characters. */
  private readonly hasCr: boolean;

  /** `starts`, when given, are the line starts of `text`, known already, `shift` further on from line `shiftFrom` (see `edited`). */
  constructor(
    private readonly text: Text,
    known?: Int32Array,
    shiftFrom = 0,
    shift = 0,
  ) {
    this.shiftFrom = shiftFrom;
    this.shift = shift;
    if (known) {
      this.starts = known;
      this.hasCr = false;
      return;
    }
    const starts = [0];
    // Built afresh, the whole text is searched: as one string.
    const flat = flatText(text);
    this.hasCr = flat.indexOf('\r') >= 0;
    if (!this.hasCr) {
      // The usual case, only "\n": a search per line instead of a test per character.
      for (let i = flat.indexOf('\n'); i >= 0; i = flat.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = Int32Array.from(starts);
      return;
    }
    for (let i = 0; i < flat.length; i++) {
      const c = flat.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (flat.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = Int32Array.from(starts);
  }

  /**
   * The index of `text`, which is this index's text with [start, oldEnd) replaced by
   * [start, newEnd) of `text`: the line starts before the change are kept, those after it moved,
   * and only the inserted text is searched. Undefined when either text has a CR (a CRLF pair cut by
   * the change would be read wrong); the caller then builds the index afresh. `inserted`, when
   * given, is [start, newEnd) of `text`, read by the caller elsewhere: a slice of `text` makes V8
   * copy the whole of it when it is made of concatenated strings.
   */
  edited(text: Text, start: number, oldEnd: number, newEnd: number, inserted?: string): LineIndex | undefined {
    if (this.hasCr || start < 0 || oldEnd < start || newEnd < start || oldEnd > this.text.length || newEnd > text.length) return undefined;
    if (text.length - newEnd !== this.text.length - oldEnd) return undefined;
    if (inserted === undefined) inserted = text.slice(start, newEnd);
    else if (inserted.length !== newEnd - start) return undefined;
    if (inserted.indexOf('\r') >= 0) return undefined;
    const count = this.starts.length;
    // Line starts up to `start` stay (their line break is before the change); those after `oldEnd` move.
    let keep = 0;
    for (let hi = count; keep < hi; ) {
      const mid = (keep + hi) >> 1;
      if (this.startOf(mid) <= start) keep = mid + 1;
      else hi = mid;
    }
    let from = keep;
    for (let hi = count; from < hi; ) {
      const mid = (from + hi) >> 1;
      if (this.startOf(mid) <= oldEnd) from = mid + 1;
      else hi = mid;
    }
    const delta = newEnd - oldEnd;
    // No line break removed or typed, and the lines moved are those this index moves already (or
    // none): the same list, the shift grown by the change.
    if (from === keep && inserted.indexOf('\n') < 0 && (this.shift === 0 || this.shiftFrom === from)) {
      return new LineIndex(text, this.starts, from, this.shift + delta);
    }
    let added = 0;
    for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) added++;
    const out = new Int32Array(keep + added + (count - from));
    // The starts before the shifted ones copied as they are, the rest read through the shift.
    const unshifted = Math.min(keep, this.shift === 0 ? keep : this.shiftFrom);
    out.set(this.starts.subarray(0, unshifted));
    let at = unshifted;
    for (let i = unshifted; i < keep; i++) out[at++] = this.startOf(i);
    for (let i = inserted.indexOf('\n'); i >= 0; i = inserted.indexOf('\n', i + 1)) out[at++] = start + i + 1;
    for (let i = from; i < count; i++) out[at++] = this.startOf(i) + delta;
    return new LineIndex(text, out);
  }

  /** Where line `line` (an index of `starts`) starts. */
  private startOf(line: number): number {
    return line < this.shiftFrom ? this.starts[line] : this.starts[line] + this.shift;
  }

  /** The line holding `offset` (0 ≤ offset ≤ the text's length). */
  private lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.startOf(mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Where the positions of `earlier` (another version's index) and this one's agree: the line
   * starts the two have in common from the start, and those moved by the change of length at the
   * end. A position depends only on the line starts and the text's length. Two versions typed in
   * one line share their list of starts (see `edited`): then only the lines around the shifts are read.
   */
  agreement(earlier: LineIndex): LineAgreement {
    const a = earlier;
    const ca = a.starts.length;
    const cb = this.starts.length;
    const shift = this.text.length - a.text.length;
    if (a === this) return { before: a.text.length + 1, after: 0, earlierLength: a.text.length, shift: 0, lines: 0 };
    const n = Math.min(ca, cb);
    // With one list of starts, the lines before both shifts are the same, and those past both
    // differ by the difference of the shifts.
    const shared = a.starts === this.starts;
    const fromA = a.shift === 0 ? ca : a.shiftFrom;
    const fromB = this.shift === 0 ? cb : this.shiftFrom;
    let k = shared ? Math.min(fromA, fromB) : 0;
    while (k < n && a.startOf(k) === this.startOf(k)) k++;
    // An offset below both next starts (or past neither text's end) is on line k - 1 or before, in both.
    const before = Math.min(k < ca ? a.startOf(k) : a.text.length + 1, k < cb ? this.startOf(k) : this.text.length + 1);
    const past = Math.max(a.shift === 0 ? 0 : a.shiftFrom, this.shift === 0 ? 0 : this.shiftFrom);
    let m = shared && ca === cb && this.shift - a.shift === shift ? ca - past : 0;
    while (m < n && a.startOf(ca - 1 - m) + shift === this.startOf(cb - 1 - m)) m++;
    const after = m > 0 ? a.startOf(ca - m) : a.text.length + 1;
    return { before, after, earlierLength: a.text.length, shift, lines: cb - ca };
  }

  /** Whether the text has a CR (CRLF or old Mac line breaks). */
  get hasCarriageReturn(): boolean {
    return this.hasCr;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.startOf(line) };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.startOf(position.line);
    const end = this.lineEnd(position.line);
    return Math.max(start, Math.min(start + position.character, end));
  }

  lineStart(line: number): number {
    return this.startOf(Math.max(0, Math.min(line, this.starts.length - 1)));
  }

  /** Offset of the end of the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.startOf(line + 1);
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
