// Applies fixes to a document: non-overlapping edits of the kinds asked for (mechanical ones by default), repeated until none is left.

import { Finding, FixKind, TextEdit } from './findings';

/** The edits that apply together, sorted: of edits that overlap (or insert at the same place), the first one wins. */
function appliedTogether(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd || (e.start === lastEnd && e.start === e.end && kept.length && kept[kept.length - 1].start === e.start)) continue;
    kept.push(e);
    lastEnd = e.end;
  }
  return kept;
}

/** Applies sorted edits that do not overlap. */
function splice(text: string, kept: readonly TextEdit[]): string {
  // One pass from the start: splicing edit by edit copies the whole text once per edit, which on
  // a line with thirty thousand findings takes minutes.
  const parts: string[] = [];
  let copied = 0;
  for (const e of kept) {
    parts.push(text.slice(copied, e.start), e.newText);
    copied = e.end;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** Applies edits that do not overlap (the first one wins) in one pass over the text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return splice(text, appliedTogether(edits));
}

/** Batch fixers apply only mechanical fixes: inserting template text is for the drafter to choose. */
export const BATCH_FIX_KINDS: readonly FixKind[] = ['mechanical'];

/** The edits of every finding that has a fix of one of the kinds, each fix kept whole or left out whole. */
export function fixEdits(findings: readonly Finding[], kinds: readonly FixKind[] = BATCH_FIX_KINDS): TextEdit[] {
  const taken: TextEdit[] = [];
  // The same edits sorted by start, so that a conflict is looked for only near an edit: comparing
  // each edit with every taken one is quadratic, and a long line can carry tens of thousands of fixes.
  const sorted: TextEdit[] = [];
  let longest = 0;
  const overlaps = (a: TextEdit, b: TextEdit): boolean => a.start < b.end && b.start < a.end || (a.start === b.start && a.end === b.end);
  const firstStartingAt = (start: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid].start < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const conflicts = (e: TextEdit): boolean => {
    const i = firstStartingAt(e.start);
    // Edits starting inside e (or where it starts)…
    for (let j = i; j < sorted.length && (sorted[j].start < e.end || sorted[j].start === e.start); j++) if (overlaps(e, sorted[j])) return true;
    // …and edits starting before it that are long enough to reach into it.
    for (let j = i - 1; j >= 0 && sorted[j].start >= e.start - longest; j--) if (overlaps(e, sorted[j])) return true;
    return false;
  };
  for (const f of findings) {
    if (!f.fix || !kinds.includes(f.fix.kind)) continue;
    if (f.fix.edits.some(conflicts)) continue;
    taken.push(...f.fix.edits);
    for (const e of f.fix.edits) {
      sorted.splice(firstStartingAt(e.start), 0, e);
      longest = Math.max(longest, e.end - e.start);
    }
  }
  return taken;
}

export interface FixLoopResult {
  text: string;
  passes: number;
  applied: number;
}

export interface FixAllOptions {
  /** The kinds of fixes to apply; mechanical ones only by default. */
  kinds?: readonly FixKind[];
  maxPasses?: number;
}

/**
 * Applies fixes of the kinds asked for and re-checks until none is left (or nothing changes).
 * `check` returns the findings of a text.
 */
export function fixAll(text: string, check: (text: string) => readonly Finding[], options: FixAllOptions = {}): FixLoopResult {
  return fixLoop(text, check, options);
}

/**
 * The same loop, with the whole change as edits of the original text: one per changed place,
 * trimmed of what did not change, sorted and not overlapping. An editor applies these as small
 * edits; one edit from the first change to the last makes some (Emacs) redo the whole text.
 */
export function fixAllChanges(text: string, check: (text: string) => readonly Finding[], options: FixAllOptions = {}): FixLoopResult & { changes: TextEdit[] } {
  const trail = new EditTrail(text);
  const result = fixLoop(text, check, options, trail);
  return { ...result, changes: trail.changes() };
}

function fixLoop(text: string, check: (text: string) => readonly Finding[], options: FixAllOptions, trail?: EditTrail): FixLoopResult {
  const kinds = options.kinds ?? BATCH_FIX_KINDS;
  const maxPasses = options.maxPasses ?? 10;
  let current = text;
  let applied = 0;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const edits = fixEdits(check(current), kinds);
    if (edits.length === 0) return { text: current, passes: pass - 1, applied };
    const kept = appliedTogether(edits);
    const next = splice(current, kept);
    if (next === current) return { text: current, passes: pass, applied };
    trail?.apply(kept);
    applied += edits.length;
    current = next;
  }
  return { text: current, passes: maxPasses, applied };
}

/** A part of the current text: a range of the original text, or text put in by an edit. */
type Piece = { from: number; to: number } | string;

const pieceLength = (p: Piece): number => (typeof p === 'string' ? p.length : p.to - p.from);

/**
 * Follows a text through passes of edits, remembering which parts of it are still the original
 * text, so that the passes together can be told as edits of the original.
 */
export class EditTrail {
  private pieces: Piece[];

  constructor(private readonly original: string) {
    this.pieces = original.length > 0 ? [{ from: 0, to: original.length }] : [];
  }

  /** Applies sorted, non-overlapping edits whose offsets are in the current text. */
  apply(edits: readonly TextEdit[]): void {
    const pieces = this.pieces;
    const next: Piece[] = [];
    const add = (p: Piece): void => {
      if (pieceLength(p) === 0) return;
      const last = next[next.length - 1];
      if (typeof p === 'string' && typeof last === 'string') next[next.length - 1] = last + p;
      else if (typeof p !== 'string' && last !== undefined && typeof last !== 'string' && last.to === p.from) next[next.length - 1] = { from: last.from, to: p.to };
      else next.push(p);
    };
    // The edits are sorted, so one pass over the pieces serves them all: pieces[i] starts at `at`.
    let i = 0;
    let at = 0;
    const copy = (from: number, to: number): void => {
      while (i < pieces.length && at + pieceLength(pieces[i]) <= from) at += pieceLength(pieces[i++]);
      while (from < to && i < pieces.length) {
        const p = pieces[i];
        const length = pieceLength(p);
        const a = from - at;
        const b = Math.min(to - at, length);
        add(typeof p === 'string' ? p.slice(a, b) : { from: p.from + a, to: p.from + b });
        from = at + b;
        if (b === length) {
          at += length;
          i++;
        }
      }
    };
    let copied = 0;
    for (const e of edits) {
      copy(copied, e.start);
      add(e.newText);
      copied = e.end;
    }
    copy(copied, Infinity);
    this.pieces = next;
  }

  /** What changed, as edits of the original text. */
  changes(): TextEdit[] {
    const out: TextEdit[] = [];
    let at = 0;
    let inserted = '';
    const flush = (end: number): void => {
      const edit = trimmed(this.original, { start: at, end, newText: inserted });
      if (edit) out.push(edit);
    };
    for (const p of this.pieces) {
      if (typeof p === 'string') {
        inserted += p;
        continue;
      }
      if (p.from > at || inserted) flush(p.from);
      at = p.to;
      inserted = '';
    }
    if (at < this.original.length || inserted) flush(this.original.length);
    return out;
  }
}

/**
 * An edit without the text it keeps at either end, undefined when it changes nothing. It never
 * starts or ends inside a surrogate pair or a \r\n, which editors cannot address.
 */
export function trimmed(text: string, edit: TextEdit): TextEdit | undefined {
  const { newText } = edit;
  let start = edit.start;
  let newStart = 0;
  while (start < edit.end && newStart < newText.length && text.charCodeAt(start) === newText.charCodeAt(newStart)) {
    start++;
    newStart++;
  }
  if (start > edit.start && /[\uD800-\uDBFF\r]/.test(text[start - 1])) {
    start--;
    newStart--;
  }
  let end = edit.end;
  let newEnd = newText.length;
  while (end > start && newEnd > newStart && text.charCodeAt(end - 1) === newText.charCodeAt(newEnd - 1)) {
    end--;
    newEnd--;
  }
  if (end < edit.end && /[\uDC00-\uDFFF\n]/.test(text[end])) {
    end++;
    newEnd++;
  }
  if (start === end && newStart === newEnd) return undefined;
  return { start, end, newText: newText.slice(newStart, newEnd) };
}

/** \n, \r\n and a lone \r all end a line. */
const LINE_BREAK = /[\r\n]/;

/**
 * Joins the edits that fall on the same line into one (sorted, non-overlapping edits): an editor
 * applies one edit per changed line quickly even where a line has a hundred small changes (a
 * plan typed with decomposed accents).
 */
export function joinEditsOnSameLine(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && !LINE_BREAK.test(text.slice(last.end, e.start))) {
      out[out.length - 1] = { start: last.start, end: e.end, newText: last.newText + text.slice(last.end, e.start) + e.newText };
    } else {
      out.push(e);
    }
  }
  return out;
}
