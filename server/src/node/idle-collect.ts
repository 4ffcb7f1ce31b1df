// Gives the garbage of the checks back to the system once they pause, in the check worker and the server's thread, rather than 20–30 s later when V8's memory reducer would (docs/benchmarks.md, fifth and twelfth rounds).

import type * as V8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * Node's `v8`, loaded when a pause first collects: loaded with the code it cost each thread of the
 * server three of Node's modules (`v8`, its heap utilities and promise hooks) before its first answer.
 */
const v8 = (): typeof V8 => require('node:v8') as typeof V8;

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
    v8().setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
  } catch {
    return undefined;
  } finally {
    v8().setFlagsFromString('--no-expose-gc');
  }
  if (typeof gc !== 'function') return undefined;
  const collect = gc as () => void;
  const flags = v8();
  return (compact = true) => {
    if (!compact) {
      collect();
      return;
    }
    flags.setFlagsFromString('--compact-on-every-full-gc');
    try {
      collect();
    } finally {
      flags.setFlagsFromString('--no-compact-on-every-full-gc');
    }
  };
}

/**
 * A full collection that reduces memory, as V8's memory reducer runs one: besides what a compacting
 * collection does, it gives the young generation's pages back down to its first size (4 → 1 MB
 * under `--max-semi-space-size=2`), which a plain `gc()` does only when the last 5 s allocated
 * little, and it collects again while a collection still frees something. Node's `gc()` cannot ask
 * for it (V8 11.3 reads no `flavor` option: `gc({ flavor: 'last-resort' })` collected nothing);
 * `v8.queryObjects` (Node 20.13 on) makes V8 collect all it can before it counts, which is that
 * collection, and here it counts the instances of a class that has none. It costs more than a
 * compacting collection (V8 walks the live objects twice to count them: about 0.2 s of CPU on the
 * server's thread with a hundred plans open, on a busy machine). Undefined where Node has no
 * `v8.queryObjects`. Node writes once per thread that `v8.queryObjects` is experimental on standard
 * error, the editor's output panel for the server: nothing but the collection is asked of it here,
 * so that warning is not emitted.
 */
export function memoryReducingCollection(): (() => void) | undefined {
  const query = (v8() as { queryObjects?: (ctor: unknown, options: { format: 'count' }) => unknown }).queryObjects;
  if (typeof query !== 'function') return undefined;
  class NeverMade {}
  return () => {
    const emit = process.emitWarning;
    process.emitWarning = () => undefined;
    try {
      query(NeverMade, { format: 'count' });
    } finally {
      process.emitWarning = emit;
    }
  };
}

/** A collection of the calling thread's heap (`compact: false`: a plain one); `reduces`: it gives the young generation back, so that no second collection is needed for that. */
export type Collection = ((compact?: boolean) => void) & { reduces?: boolean };

/**
 * The server's thread's collection of a pause: one that reduces memory (memoryReducingCollection),
 * or none where Node cannot ask V8 for it (a compacting one there, and a plain one 5 s later, cost
 * typing on that thread about 1.05x its CPU time, tenth round, docs/benchmarks.md). The check worker
 * keeps its compacting and plain ones (the default of IdleCollector): with this one there too, the
 * server held 3–5 MB more 10 s after the checks than with the server's thread's alone (the allocator
 * kept what the count took), for about 0.2 s more of the worker's CPU (docs/benchmarks.md).
 */
export function idleCollection(): Collection | undefined {
  const reduce = memoryReducingCollection();
  return reduce ? Object.assign(() => reduce(), { reduces: true }) : undefined;
}

/**
 * Runs a collection once the thread has had no work for `delayMs` after its last piece of work, at
 * most once per pause, and only when that last piece asks for it (`worked(true)`): after the checks
 * of documents as they were opened or read, not after a keystroke's. A forced full collection
 * costs more than its own time: V8 then optimizes again the code whose objects it freed, and on a
 * plan being typed with pauses that doubled the server's CPU time (docs/benchmarks.md), while
 * typing's garbage is given back by V8's memory reducer as before. `pending()` is asked first:
 * work that has arrived but not yet been taken (a message queued behind the timer) is done instead,
 * and the pause starts again after it. Where the first collection does not reduce memory, a second,
 * plain one follows `settleMs` after it while the pause lasts (SETTLE_COLLECT_MS: what gives the
 * young generation back then); any work cancels it. The timers never keep the thread alive.
 */
export class IdleCollector {
  private timer: NodeJS.Timeout | undefined;
  private due = false;
  /** Whether the next collection of this pause is the second, plain one. */
  private settling = false;
  private collect: Collection | undefined | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly pending: () => boolean,
    private readonly collector: () => Collection | undefined = compactingCollection,
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
    if (this.collect === null) this.collect = this.collector();
    this.collect?.(!second);
    // The second, plain collection, unless the first gave the young generation back already.
    const settle = !second && this.collect !== undefined && !this.collect.reduces;
    this.settling = settle;
    this.due = settle;
    if (settle) {
      this.timer = setTimeout(() => this.idle(), this.settleMs);
      this.timer.unref();
    }
  }
}
