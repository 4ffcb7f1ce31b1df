// Where each line of the source went (front matter, body, footnotes, or left out with a reason), and how the report names a place in the source.

import { Localized } from '../findings';

/** What became of a source line. */
export type LineRole = 'front' | 'body' | 'footnote' | 'dropped';

/** A line read into several places counts where it is kept: the body before the front matter, both before a drop. */
const PRIORITY: Readonly<Record<LineRole, number>> = { body: 3, front: 2, footnote: 1, dropped: 0 };

/** True when `role` should replace `had` (nothing yet, or a weaker role). */
export function outranks(role: LineRole, had: LineRole | undefined): boolean {
  return had === undefined || PRIORITY[role] > PRIORITY[had];
}

export class Ledger {
  private readonly roles = new Map<number, LineRole>();

  mark(line: number, role: LineRole): void {
    if (outranks(role, this.roles.get(line))) this.roles.set(line, role);
  }

  /** A paragraph assembled from several lines: its first line and every line joined to it. */
  markUnit(unit: { line: number; joins: ReadonlyArray<{ line: number }> }, role: LineRole): void {
    this.mark(unit.line, role);
    for (const j of unit.joins) this.mark(j.line, role);
  }

  roleOf(line: number): LineRole | undefined {
    return this.roles.get(line);
  }
}

/** How the report names a place in the source: a line of a text file, a paragraph of a Word document. */
export interface Positions {
  /** "dòng 12" / "line 12", or "đoạn 12" / "paragraph 12". */
  at(line: number): Localized;
  /** "dòng 12–14" / "lines 12–14"; "đoạn 12" when the lines are of one paragraph. */
  range(from: number, to: number): Localized;
}

/** Places in a text file: its lines. */
export const LINE_POSITIONS: Positions = {
  at: (line) => ({ vi: `dòng ${line}`, en: `line ${line}` }),
  range: (from, to) => (from === to ? { vi: `dòng ${from}`, en: `line ${from}` } : { vi: `dòng ${from}–${to}`, en: `lines ${from}–${to}` }),
};

/** Places in a Word document: the paragraph each line of the text read from it comes from. */
export function paragraphPositions(paragraphOf: (line: number) => number): Positions {
  return {
    at: (line) => {
      const p = paragraphOf(line);
      return { vi: `đoạn ${p}`, en: `paragraph ${p}` };
    },
    range: (from, to) => {
      const a = paragraphOf(from);
      const b = paragraphOf(to);
      return a === b ? { vi: `đoạn ${a}`, en: `paragraph ${a}` } : { vi: `đoạn ${a}–${b}`, en: `paragraphs ${a}–${b}` };
    },
  };
}
