// Applies fixes to a document: non-overlapping edits of the kinds asked for (mechanical ones by default), repeated until none is left.

import { Finding, FixKind, TextEdit } from './findings';

/** Applies edits that do not overlap (the first one wins) in one pass over the text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd || (e.start === lastEnd && e.start === e.end && kept.length && kept[kept.length - 1].start === e.start)) continue;
    kept.push(e);
    lastEnd = e.end;
  }
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
  const kinds = options.kinds ?? BATCH_FIX_KINDS;
  const maxPasses = options.maxPasses ?? 10;
  let current = text;
  let applied = 0;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const edits = fixEdits(check(current), kinds);
    if (edits.length === 0) return { text: current, passes: pass - 1, applied };
    const next = applyEdits(current, edits);
    if (next === current) return { text: current, passes: pass, applied };
    applied += edits.length;
    current = next;
  }
  return { text: current, passes: maxPasses, applied };
}
