// Applies mechanical fixes to a document: non-overlapping edits, repeated until nothing fixable is left.

import { Finding, TextEdit } from './findings';

/** Applies edits that do not overlap (the first one wins), from the end of the text backwards. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: TextEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    if (e.start < lastEnd || (e.start === lastEnd && e.start === e.end && kept.length && kept[kept.length - 1].start === e.start)) continue;
    kept.push(e);
    lastEnd = e.end;
  }
  let out = text;
  for (let i = kept.length - 1; i >= 0; i--) {
    const e = kept[i];
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

/** The edits of every finding that has a fix, each fix kept whole or left out whole. */
export function fixEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const overlaps = (a: TextEdit, b: TextEdit): boolean => a.start < b.end && b.start < a.end || (a.start === b.start && a.end === b.end);
  for (const f of findings) {
    if (!f.fix) continue;
    if (f.fix.edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...f.fix.edits);
  }
  return taken;
}

export interface FixLoopResult {
  text: string;
  passes: number;
  applied: number;
}

/**
 * Applies fixes and re-checks until no fixable finding is left (or nothing changes). `check`
 * returns the findings of a text.
 */
export function fixAll(text: string, check: (text: string) => readonly Finding[], maxPasses = 10): FixLoopResult {
  let current = text;
  let applied = 0;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const edits = fixEdits(check(current));
    if (edits.length === 0) return { text: current, passes: pass - 1, applied };
    const next = applyEdits(current, edits);
    if (next === current) return { text: current, passes: pass, applied };
    applied += edits.length;
    current = next;
  }
  return { text: current, passes: maxPasses, applied };
}
