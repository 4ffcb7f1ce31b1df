// A young collection of the check worker run after a keystroke's answer has gone, when the next keystroke's garbage would not fit in what is left of the young generation, so that it does not run inside the next keystroke (docs/benchmarks.md, twentieth round).

import * as v8 from 'node:v8';
import { v8Collection } from './idle-collect';

/** The young generation's bytes in use and the bytes a thread may still allocate in it before V8 collects it. */
export interface YoungSpace {
  used: number;
  available: number;
}

/** The calling thread's young generation, as V8 counts its new space. */
export function youngSpace(): YoungSpace {
  for (const space of v8.getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space') return { used: space.space_used_size, available: space.space_available_size };
  }
  return { used: 0, available: Number.POSITIVE_INFINITY };
}

/**
 * A young collection (a scavenge) of the calling thread's heap, or undefined where V8's `gc` cannot
 * be had (idle-collect.ts's v8Collection), asked for the young generation only (`type: 'minor'`).
 */
export function youngCollection(): (() => void) | undefined {
  const gc = v8Collection();
  return gc ? () => gc({ type: 'minor' }) : undefined;
}

/**
 * How much room a keystroke is given over the most it allocated lately: a keystroke in the same
 * place allocates about as much as the one before (on 1,000 lines 0.2–0.5 MB, against a young
 * generation of 2 MB semi-spaces under `--max-semi-space-size=2`), and one that ran out of room
 * would collect in its own path.
 */
export const ROOM_FACTOR = 1.5;

/** How fast the largest recent allocation forgets an old one, per keystroke. */
const FORGET = 0.9;

/**
 * Decides, for a thread that answers keystrokes one at a time, when to collect its young
 * generation between them. `started` and `ended` are called around a keystroke's work; `ended`
 * says whether what is left of the young generation is less than the next keystroke is likely to
 * allocate (ROOM_FACTOR times the most a keystroke allocated lately), in which case the thread
 * should call `collect` once the answer has gone and no other work waits. A keystroke whose work
 * included a scavenge says nothing of its allocation and is not counted. The collection costs
 * about what V8's own would (a scavenge costs by what survives, not by the space's size); it is
 * only moved out of the path of the next keystroke. The young generation's size is not changed:
 * nothing more is held.
 */
export class ScavengeAhead {
  private before = 0;
  private largest = 0;
  private collector: (() => void) | undefined | null = null;

  constructor(
    private readonly read: () => YoungSpace = youngSpace,
    private readonly make: () => (() => void) | undefined = youngCollection,
  ) {}

  /** A keystroke's work starts. */
  started(): void {
    this.before = this.read().used;
  }

  /** A keystroke's work ended: whether the young generation should be collected before the next one. */
  ended(): boolean {
    const space = this.read();
    const allocated = space.used - this.before;
    // Used fell: V8 collected during the work, and the allocation is unknown.
    if (allocated >= 0) this.largest = Math.max(allocated, this.largest * FORGET);
    const room = this.largest * ROOM_FACTOR;
    // A keystroke that would not fit in the emptied young generation either (on 20,000 lines one
    // paragraph per line a keystroke allocates about 2.4 MB) collects in its path whatever is done
    // before it: a collection ahead would only be one more.
    return this.largest > 0 && space.available < room && room <= space.used + space.available;
  }

  /** Collects the young generation now (nothing where V8's `gc` cannot be had). */
  collect(): void {
    if (this.collector === null) this.collector = this.make();
    this.collector?.();
  }
}
