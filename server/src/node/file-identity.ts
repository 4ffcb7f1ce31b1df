// A file known by its status on disk instead of its bytes, for the files a start would otherwise digest (the bundled YAML, the code cache's data).

import type * as fs from 'node:fs';

/**
 * How long before its digest a file's modification and change times must be for its identity to
 * be recorded. A file rewritten within the same tick of the file system's clock (a few ms; 1–2 s
 * on some file systems) keeps its times; a file whose times were already this old when it was read
 * gets later times from any write after that.
 */
export const SETTLED_MS = 3_000;

/**
 * A file on disk as its status tells it: device, inode, size, modification and change times (in ms,
 * to a fraction of a microsecond; a status in BigInts costs its first use in a thread ten times as
 * much). Any write changes the change time, which no program can set back short of the system's
 * clock (the modification time it can); a copy, a checkout, an unpacked package is another inode.
 * So an identity that is still the same is the same bytes — unless the file was rewritten within
 * the tick of its last times, which SETTLED_MS rules out.
 */
export function fileIdentity(stat: fs.Stats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

/** Whether a file's times were settled (see SETTLED_MS) at `now`, so that its identity may be recorded. */
export function isSettled(stat: fs.Stats, now: number): boolean {
  return now - Math.max(stat.mtimeMs, stat.ctimeMs) >= SETTLED_MS;
}
