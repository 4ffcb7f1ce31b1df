// One copy of each of the strings of the findings the check worker sends whole: its structured clone makes a new string for each field of each finding, and a hundred plans opened together hold the same rule ids, levels and messages many times (docs/benchmarks.md, twenty-fifth round).

import { Finding } from '../core/findings';

/**
 * How long after the last list given the lists are shared. The plans an editor opens together are
 * checked one after another, a few milliseconds apart: their lists are shared together once their
 * checks pause, after their answers (nothing is added to an answer's time, nor to a start's first
 * diagnostics), and before the server's collection of that pause (IDLE_COLLECT_MS, a second),
 * which then frees the copies.
 */
export const SHARED_STRINGS_DELAY_MS = 500;

/**
 * Lists of findings waiting to be shared, and the sharing: a table of strings by their text, made
 * for one sharing and dropped after it, writes its string of each text into the findings (rule id,
 * level, message, a fix's title, kind and replacement texts, a related location's message), so that
 * equal strings of findings that came in different answers are one object. A plan closed later
 * leaves nothing here.
 */
export class SharedStrings {
  private pending: Array<readonly Finding[]> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly delayMs = SHARED_STRINGS_DELAY_MS) {}

  /** The lists waiting (a test reads it). */
  get waiting(): number {
    return this.pending.length;
  }

  /**
   * Adds a list to share, which must be the caller's own (as the worker's answer gives it), once the
   * lists stop coming for `delayMs`.
   */
  later(list: readonly Finding[]): void {
    if (list.length === 0) return;
    this.pending.push(list);
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Run from a timer, where a throw would end the server: a list not as the worker makes them is left as it is.
      try {
        this.share();
      } catch {
        this.pending = [];
      }
    }, this.delayMs);
    // The lists never keep the server alive.
    this.timer.unref();
  }

  /**
   * Shares the strings of the lists waiting and forgets them; the number of different texts they
   * held. The findings' fields keep their order and kinds (a string is written where a string was),
   * so the findings keep their one shape.
   */
  share(): number {
    const lists = this.pending;
    this.pending = [];
    const table = new Map<string, string>();
    const one = (s: string): string => {
      const known = table.get(s);
      if (known !== undefined) return known;
      table.set(s, s);
      return s;
    };
    for (const list of lists) {
      for (const f of list) {
        f.ruleId = one(f.ruleId);
        f.severity = one(f.severity) as Finding['severity'];
        f.message = one(f.message);
        const fix = f.fix;
        if (fix !== undefined) {
          fix.title = one(fix.title);
          fix.kind = one(fix.kind) as typeof fix.kind;
          for (const e of fix.edits) e.newText = one(e.newText);
        }
        const related = f.related;
        if (related !== undefined) for (const r of related) r.message = one(r.message);
      }
    }
    return table.size;
  }

  /** Forgets the lists waiting, unshared (the runner is disposed). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
  }
}
