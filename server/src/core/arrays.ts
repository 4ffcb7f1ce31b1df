// Array helpers that never pass a whole array as the arguments of a call: `push(...items)` and `Math.max(...items)` overflow the stack past about a hundred thousand items.

/** Appends every item to `target` one by one and returns it. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The value `pick` keeps of all of them, or `empty` when there are none. */
function extremeOf(values: Iterable<number>, empty: number, pick: (a: number, b: number) => number): number {
  let best = empty;
  let any = false;
  for (const v of values) {
    best = any ? pick(best, v) : v;
    any = true;
  }
  return best;
}

/** The largest of the values, or `empty` when there are none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  return extremeOf(values, empty, Math.max);
}

/** The smallest of the values, or `empty` when there are none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  return extremeOf(values, empty, Math.min);
}

/**
 * The index of the last of the ascending `starts` at or before `offset` (0 when none is): the
 * piece or line holding an offset, found by halving.
 */
export function lastStartAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
