// What the start-up measurement needs beside the starts: a code cache settled as an editor's next start finds it, and a counted start's parts read from callgrind's files.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTLED_MS } from '../server/src/node/file-identity';

/**
 * Waits until every file of a code cache's folder is SETTLED_MS old, so that the next start finds
 * its caches settled, reads them whole once and records them known (code-cache.ts), as an editor's
 * start finds them; the starts of the first 3 s after a cache is written digest all of it instead,
 * loading `crypto` in each thread, which an editor does only when it starts the server again within
 * those seconds (docs/benchmarks.md, twenty-second round).
 */
export async function settledCodeCache(dir: string): Promise<void> {
  const times = fs.readdirSync(dir).map((f) => {
    const s = fs.statSync(path.join(dir, f));
    return Math.max(s.mtimeMs, s.ctimeMs);
  });
  const wait = Math.max(0, ...times) + SETTLED_MS + 100 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/**
 * The parts of a counted start that the rounds read by function (`callgrind_annotate --inclusive=yes`),
 * by the name the bench prints: Node's environment run (the main thread's start up to waiting for
 * input) and made (a worker's bootstrap), the code caches read, functions compiled on first call,
 * Node's own modules compiled, the collector, irregexp's compiling, the SHA-256 of a cache not yet
 * known whole. The collections of a pause (the worker's compacting `gc()`, the server's thread's
 * `v8.queryObjects`) are apart, their collections taken off `collector`: their timers start a second
 * after a piece of work, so they never run before a start's answer outside callgrind, where a start
 * takes tens of seconds of wall time, and they are left out of `to the answer`.
 */
const CALLGRIND_PARTS: ReadonlyArray<[string, string]> = [
  ['environment', 'node::LoadEnvironment('],
  ['environment made', 'node::CreateEnvironment('],
  ['code cache read', 'v8::internal::CodeSerializer::Deserialize('],
  ['compiled on first call', 'v8::internal::Runtime_CompileLazy('],
  ["Node's modules compiled", 'node::builtins::BuiltinLoader::CompileFunction('],
  ['collector', 'v8::internal::Heap::CollectGarbage('],
  ['irregexp compiling', 'v8::internal::RegExpImpl::CompileIrregexp('],
  ['SHA-256', 'SHA256_Update'],
];
const PAUSE_COLLECTIONS: readonly string[] = ['v8::internal::GCExtension::GC(', 'node::internal_only_v8::QueryObjects('];
/** The collections those two run (a forced full one; the one `v8.queryObjects` asks for), taken off `collector`. */
const PAUSE_COLLECTORS: readonly string[] = ['v8::internal::Heap::PreciseCollectAllGarbage(', 'v8::internal::Heap::CollectAllAvailableGarbage('];

/** Inclusive instructions of the functions whose names begin with each of `names`, read from `callgrind_annotate --inclusive=yes` of one thread (0 where none ran). */
export function inclusiveByName(text: string, names: readonly string[]): number[] {
  const sums = names.map(() => 0);
  for (const line of text.split('\n')) {
    const m = /^\s*([\d,]+) \([^)]*\)\s+(?:\S*?:)?(.*?)(?: \[[^\]]*\])?$/.exec(line);
    if (!m) continue;
    // One name each: the same function under a file's path and under ??? both count once.
    const i = names.findIndex((n) => m[2].startsWith(n));
    if (i >= 0) sums[i] = Math.max(sums[i], Number(m[1].replace(/,/g, '')));
  }
  return sums;
}

/** A counted start's parts by thread, in M instructions, for the bench's output. */
export function callgrindParts(dir: string, threads: ReadonlyArray<[string, number]>): string[] {
  return threads.map(([t, total]) => {
    const file = path.join(dir, `callgrind.out.${t}`);
    const text = execFileSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const found = inclusiveByName(text, [...CALLGRIND_PARTS.map(([, n]) => n), ...PAUSE_COLLECTIONS, ...PAUSE_COLLECTORS]);
    const sum = (l: number[]): number => l.reduce((a, b) => a + b, 0);
    const pause = sum(found.slice(CALLGRIND_PARTS.length, CALLGRIND_PARTS.length + PAUSE_COLLECTIONS.length));
    const pauseCollector = sum(found.slice(CALLGRIND_PARTS.length + PAUSE_COLLECTIONS.length));
    const parts = CALLGRIND_PARTS.map(([label], i): [string, number] => [label, label === 'collector' ? found[i] - pauseCollector : found[i]]).filter(([, n]) => n >= 0.05e6);
    return `  ${t}: to the answer ${((total - pause) / 1e6).toFixed(1)} (pause collections ${(pause / 1e6).toFixed(1)} apart); ${parts.map(([label, n]) => `${label} ${(n / 1e6).toFixed(1)}`).join(', ')}`;
  });
}

/** Instructions of each thread of a callgrind run (`--separate-threads=yes`), by file name, read from each file's totals. */
export function callgrindThreads(dir: string): Array<[string, number]> {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('callgrind.out.'))
    .sort()
    .map((f): [string, number] => [f.slice('callgrind.out.'.length), Number(/^(?:summary|totals):\s+(\d+)/m.exec(fs.readFileSync(path.join(dir, f), 'utf8'))?.[1] ?? NaN)]);
}
