// Gives the check worker's garbage back to the system once the checks pause, rather than 20–30 s later when V8's memory reducer would (docs/benchmarks.md, fifth round).

import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * How long the worker waits after its last job before it collects: typing pauses for less
 * between keystrokes, and a check arriving during the collection waits for it (tens of ms), so
 * the collection comes only once the drafter has stopped, and once per pause.
 */
export const IDLE_COLLECT_MS = 1000;

/**
 * How long after the idle collection a second one comes, while the pause lasts. V8 (11.3, Node 20)
 * shrinks a thread's young generation (4 MB committed under `--max-semi-space-size=2`, nearly empty
 * at rest) to 1 MB only in a full collection that finds the allocation of about the last 5 s low;
 * the first collection, a second after the checks, does not, so the second comes once those 5 s have
 * passed (docs/benchmarks.md, tenth round). It is a plain collection: the first has compacted.
 */
export const SETTLE_COLLECT_MS = 5000;

/**
 * A full, compacting collection of the calling thread's heap, or undefined where V8's `gc` cannot
 * be had. Node (and Electron, which runs the server in the editor) leave V8's flags open after
 * start, so `--expose-gc` set now installs `gc` in the next new context: it is taken from a
 * context of its own and the flag is turned off at once, so that no other code's global gets it.
 * A plain full collection frees the garbage but keeps its pages; compacting moves what lives into
 * fewer pages and releases the rest, which is what lowers the resident memory. `compact: false`
 * asks for a plain one.
 */
export function compactingCollection(): ((compact?: boolean) => void) | undefined {
  let gc: unknown;
  try {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
  if (typeof gc !== 'function') return undefined;
  const collect = gc as () => void;
  return (compact = true) => {
    if (!compact) {
      collect();
      return;
    }
    v8.setFlagsFromString('--compact-on-every-full-gc');
    try {
      collect();
    } finally {
      v8.setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

/**
 * Runs a collection once the thread has had no work for `delayMs` after its last piece of work, at
 * most once per pause, and only when that last piece asks for it (`worked(true)`): after the checks
 * of documents as they were opened or read, not after a keystroke's. A forced full collection
 * costs more than its own time: V8 then optimizes again the code whose objects it freed, and on a
 * plan being typed with pauses that doubled the server's CPU time (docs/benchmarks.md), while
 * typing's garbage is given back by V8's memory reducer as before. `pending()` is asked first:
 * work that has arrived but not yet been taken (a message queued behind the timer) is done instead,
 * and the pause starts again after it. While the pause lasts, a second, plain collection follows
 * `settleMs` after the first (SETTLE_COLLECT_MS: what gives the young generation back); any work
 * cancels it. The timers never keep the thread alive.
 */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  private due = false;
  /** Whether the next collection of this pause is the second, plain one. */
  private settling = false;
  private collect: ((compact?: boolean) => void) | undefined | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly pending: () => boolean,
    private readonly collector: () => ((compact?: boolean) => void) | undefined = compactingCollection,
    private readonly settleMs: number = SETTLE_COLLECT_MS,
  ) {}

  /** Called when a piece of work ends: the pause starts again from now; `collectAfter` says whether it ends with a collection. */
  worked(collectAfter: boolean): void {
    this.due = collectAfter;
    if (!collectAfter || this.settling) this.dispose();
    if (!collectAfter) return;
    if (this.timer) {
      this.timer.refresh();
      return;
    }
    this.timer = setTimeout(() => this.idle(), this.delayMs);
    this.timer.unref();
  }

  /** Stops the timer (the thread is ending). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.settling = false;
  }

  private idle(): void {
    this.timer = undefined;
    // Work that came with the timer goes first; its end starts a new pause.
    if (this.pending() || !this.due) return;
    const second = this.settling;
    this.settling = !second;
    this.due = !second;
    if (this.collect === null) this.collect = this.collector();
    this.collect?.(!second);
    if (!second && this.collect) {
      this.timer = setTimeout(() => this.idle(), this.settleMs);
      this.timer.unref();
    }
  }
}
