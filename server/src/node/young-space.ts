// Keeps V8's young generation of the command line's checking thread at a few MB over a long run, where V8 would let it grow to 32 MB.

import type * as V8 from 'node:v8';

/**
 * The young generation's size (both semi-spaces, as `v8.getHeapSpaceStatistics()` counts the new
 * space) past which V8 is told not to grow it again. V8 doubles the semi-spaces from 0.5 MB (new
 * space 1, 2, 4, 8, 16, 32 MB): past 6 MB is at 8 MB, semi-spaces of 4 MB, as the check workers'
 * `resourceLimits` give them (check-pool.ts). On 10,000 plans on one thread V8's own 16 MB
 * semi-spaces were a fifth of the peak resident memory (docs/benchmarks.md).
 */
export const YOUNG_SPACE_BOUND_BYTES = 6 * 1024 * 1024;

/** The semi-spaces' growing factor of V8 when it is not told otherwise. */
const V8_GROWTH_FACTOR = 2;

/**
 * V8 sizes the young generation's maximum once, as the process starts (`--max-semi-space-size`,
 * which the `plan43` command cannot give Node: npm's shims and others start it as `node
 * plan43.js`), then doubles the semi-spaces whenever much of them survives, up to that maximum.
 * The factor of that doubling is read at each growth: set to 1 once the young generation is past
 * the bound, it grows no more. Looked at between two files (or batches of plans' heads), the young
 * generation ends at the first size past the bound unless it grows twice between two looks. The
 * factor is the process's: on a run with checking workers (which have their own bound,
 * resourceLimits) it stops their young generations where they are too (measured in
 * docs/benchmarks.md: less peak memory for no more CPU time).
 */
export class YoungSpaceBound {
  private done = false;

  private readonly bound: number;
  private readonly besideWorkers: boolean;
  /** Node's `v8`, loaded by a run that keeps a bound, not with the server's code (which holds the command line's). */
  private readonly v8 = require('node:v8') as typeof V8;

  /**
   * `besideWorkers`: the process starts worker threads, and a worker's start sets V8's factor back
   * to its own (measured: the young generation set at 8 MB grew to 32 MB once a worker had
   * started); it is then set again at every look (about 3 µs).
   */
  constructor(options: { besideWorkers?: boolean; bound?: number } = {}) {
    this.bound = options.bound ?? YOUNG_SPACE_BOUND_BYTES;
    this.besideWorkers = options.besideWorkers ?? false;
  }

  /** Looks at the young generation's size once more (a few microseconds until the bound is reached, nothing after on one thread). */
  look(): void {
    if (this.done) {
      if (this.besideWorkers) this.v8.setFlagsFromString('--semi-space-growth-factor=1');
      return;
    }
    for (const space of this.v8.getHeapSpaceStatistics()) {
      if (space.space_name !== 'new_space' || space.space_size < this.bound) continue;
      this.v8.setFlagsFromString('--semi-space-growth-factor=1');
      this.done = true;
    }
  }

  /** Whether V8 has been told to stop growing the young generation. */
  get reached(): boolean {
    return this.done;
  }

  /** V8's own factor again (the process goes on after the run: tests, an embedding program). */
  release(): void {
    if (this.done) this.v8.setFlagsFromString(`--semi-space-growth-factor=${V8_GROWTH_FACTOR}`);
    this.done = false;
  }
}
