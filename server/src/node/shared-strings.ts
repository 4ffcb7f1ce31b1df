// One copy of each of the strings of the findings the check worker sends whole: its structured clone makes a new string for each field of each finding, and a hundred plans opened together hold the same rule ids, levels and messages many times (docs/benchmarks.md, twenty-fifth round).

import { Finding } from '../core/findings';

/**
 * How long the table outlives its last use. The plans an editor opens together are checked one
 * after another, a few milliseconds apart; once their checks pause the table is dropped, so that a
 * plan closed later leaves no string of its findings here, and the server's collection of that
 * pause (IDLE_COLLECT_MS, a second) frees the table too.
 */
export const SHARED_STRINGS_KEEP_MS = 500;

/** Most strings the table holds; past that it starts again (what it held stays with the findings). */
export const SHARED_STRINGS_MAX = 2048;

/**
 * A table of strings by their text, kept while findings keep coming. `share` gives the table's
 * string of the same text (the given one the first time), so that equal strings of findings that
 * came in different answers are one object.
 */
export class SharedStrings {
  private readonly table = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly keepMs = SHARED_STRINGS_KEEP_MS,
    private readonly max = SHARED_STRINGS_MAX,
  ) {}

  /** The number of strings held (a test reads it). */
  get size(): number {
    return this.table.size;
  }

  share(s: string): string {
    const known = this.table.get(s);
    if (known !== undefined) return known;
    if (this.table.size >= this.max) this.table.clear();
    this.table.set(s, s);
    return s;
  }

  /**
   * Writes the table's strings into the findings, which must be the caller's own (as the worker's
   * answer gives them): their rule ids, levels, messages, and their fixes' and related locations'
   * texts. Their shapes stay as they are: only a string is written where a string was.
   */
  findings(list: readonly Finding[]): void {
    if (list.length === 0) return;
    for (const f of list) {
      f.ruleId = this.share(f.ruleId);
      f.severity = this.share(f.severity) as Finding['severity'];
      f.message = this.share(f.message);
      const fix = f.fix;
      if (fix !== undefined) {
        fix.title = this.share(fix.title);
        fix.kind = this.share(fix.kind) as typeof fix.kind;
        for (const e of fix.edits) e.newText = this.share(e.newText);
      }
      const related = f.related;
      if (related !== undefined) for (const r of related) r.message = this.share(r.message);
    }
    this.used();
  }

  /** Drops what the table holds (its timer's end, or the runner's). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.table.clear();
  }

  private used(): void {
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.table.clear();
    }, this.keepMs);
    // The table never keeps the server alive.
    this.timer.unref();
  }
}
