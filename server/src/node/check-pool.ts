// `plan43 check` on worker threads, bounded by the cores, each with a bounded heap: the folder's registry read in batches, then the files checked in parallel and their results handed over in input order, through a bounded reorder window.

import * as fs from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { KnowledgeBase, RegistryEntry } from '../core/data/types';
import { appendAll } from '../core/arrays';
import { FileCheckSettings, FileOutcome, shownLine } from './check-files';
import { CheckFilesReply, CheckFilesRequest, CheckFilesWorkerData, receivedPath } from './check-files-worker';
import { FilePath } from './files';

/**
 * Files per thread below which another thread does not pay for its start (loading the code and the
 * knowledge, about a tenth of a second): a run of a few files is checked on the command line's own
 * thread alone, as a pre-commit hook or an editor's task runs it.
 */
export const MIN_FILES_PER_THREAD = 24;

/** Plans whose metadata one message asks a thread to read for the folder's registry. */
const ENTRY_BATCH = 64;

/** Jobs sent to a worker before its answer to the first comes back, so that it never waits for the next. */
const IN_FLIGHT_PER_WORKER = 2;

/** Results kept ahead of the next one to be written, per thread: bounds memory when one file is slow. */
const WINDOW_PER_THREAD = 16;

/**
 * The cores not busy with other work: the cores Node may use less the load average of the last
 * minute. On a machine already busy, another thread gains no time and costs its own: its start,
 * and the caches and compiled code each thread builds again (measured: about a fifth more CPU time).
 */
export function idleCores(): number {
  return Math.max(1, Math.floor(availableParallelism() - loadavg()[0] + 0.5));
}

/**
 * The worker threads that check a run of `files` files: `jobs` when given (--jobs, or PLAN43_JOBS),
 * otherwise the idle cores; fewer when there are not enough files for them; 0 when one thread will
 * do: the command line's own, without workers. A single worker would bound the heap of a long run
 * (a third lower peak on 10,000 plans) but took a fifth more CPU time than this thread for the same
 * checks (measured in docs/benchmarks.md), so one thread stays this one.
 */
export function threadCount(files: number, jobs?: number, idle: () => number = idleCores): number {
  const wanted = jobs ?? idle();
  const count = Math.min(wanted, Math.floor(files / MIN_FILES_PER_THREAD));
  return count >= 2 ? count : 0;
}

/**
 * True when two of the paths are one file (a symbolic link named beside its target, hard links):
 * --fix then checks on one thread, where the second name reads what the first wrote, as it always
 * has; two threads would read the same text at once and the second write would be refused.
 */
export function namesOneFileTwice(files: readonly FilePath[]): boolean {
  const seen = new Set<string>();
  for (const file of files) {
    let key: string;
    try {
      const st = fs.statSync(file, { bigint: true });
      key = `${st.dev}:${st.ino}`;
    } catch {
      // Said when the file is checked.
      continue;
    }
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** The number of jobs asked for in the environment (PLAN43_JOBS), or undefined. */
export function jobsFromEnvironment(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.PLAN43_JOBS;
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** The V8 heap limits of a worker, in MB (`resourceLimits`); without an old-generation limit, V8's own (as on this thread). */
export interface HeapLimits {
  oldGenerationMb?: number;
  youngGenerationMb: number;
}

export interface ParallelCheck {
  files: readonly FilePath[];
  settings: FileCheckSettings;
  /** The knowledge loaded (bundled data and the user's files), before the folder's plans are added. */
  kb: KnowledgeBase;
  /** Worker threads checking; this thread hands out the work and writes what they send back. */
  threads: number;
  /** Each file's outcome, in the order of `files`. */
  onFile(index: number, outcome: FileOutcome): void;
  /** The heap limits a worker starts with: WORKER_HEAP unless a test gives others. */
  heap?: HeapLimits;
}

/** What a run did besides its outcomes: how many workers ran out of memory and were replaced by larger ones. */
export interface ParallelRun {
  outOfMemory: number;
}

/**
 * The heap of each worker. V8 sizes a heap by how fast it grows, not by what is live, and on a long
 * run lets it commit about three times what it uses (147 MB for 54 MB at the end of a run of 10,000
 * plans): a limit makes it collect instead. The young generation at 12 MB (V8 lets it grow to 48 MB)
 * takes the same CPU time; the old generation's limit is where the CPU time stays within a few
 * percent of none (both measured in docs/benchmarks.md).
 */
export const WORKER_HEAP: HeapLimits = { oldGenerationMb: 64, youngGenerationMb: 12 };

/** Above this, a worker that ran out of memory is given no old-generation limit but V8's own. */
const LARGEST_OLD_GENERATION_MB = 1024;

/**
 * The heap a worker gets after one ran out of memory (a file, or the folder's registry, too large
 * for its limit): four times the old generation, then no limit but V8's own — what a check on this
 * thread has. Undefined when there is nothing larger to give.
 */
export function largerHeap(heap: HeapLimits): HeapLimits | undefined {
  if (heap.oldGenerationMb === undefined) return undefined;
  const old = heap.oldGenerationMb * 4;
  return old > LARGEST_OLD_GENERATION_MB ? { youngGenerationMb: heap.youngGenerationMb } : { oldGenerationMb: old, youngGenerationMb: heap.youngGenerationMb };
}

/** The script of the workers: beside this module, built (out/) or bundled (dist/). */
const WORKER_SCRIPT = path.join(__dirname, 'check-files-worker.js');

/** A worker and the requests it has not answered yet, in the order they were sent (it answers in that order). */
interface Checker {
  worker: Worker;
  heap: HeapLimits;
  sent: CheckFilesRequest[];
}

function isOutOfMemory(err: unknown): boolean {
  return (err as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/**
 * Checks `files` on `threads` worker threads. First the folder's plans are read as registry
 * entries, in batches; then every worker gets the same registry, and files one by one. This thread
 * only hands out the work and takes the answers, so that it holds little more than what it writes.
 * A worker that runs out of memory is replaced by one with a larger heap, which is sent again what
 * the other had not answered. Resolves when every outcome has been handed to `onFile`, in order;
 * rejects on a defect (a worker that failed or stopped, or `onFile` throwing), after ending the workers.
 */
export function checkInParallel(run: ParallelCheck): Promise<ParallelRun> {
  const workerData: CheckFilesWorkerData = { settings: run.settings, kb: run.kb };
  const named = run.files.filter((f): f is string => typeof f === 'string');
  const batches: string[][] = [];
  for (let i = 0; i < named.length; i += ENTRY_BATCH) batches.push(named.slice(i, i + ENTRY_BATCH));
  const entryResults: Array<RegistryEntry[] | undefined> = batches.map(() => undefined);
  // The folder's registry once read, for the workers started after it (replacing one out of memory).
  let entries: RegistryEntry[] | undefined;
  let nextBatch = 0;
  let batchesDone = 0;
  let nextFile = 0;
  let nextOut = 0;
  const ready = new Map<number, FileOutcome>();
  const window = WINDOW_PER_THREAD * run.threads;
  const stats: ParallelRun = { outOfMemory: 0 };
  const checkers: Checker[] = [];

  return new Promise<ParallelRun>((resolve, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      for (const { worker } of checkers) stop(worker);
      if (err === undefined) resolve(stats);
      else reject(err instanceof Error ? err : new Error(String(err)));
    };

    const onReply = (checker: Checker, reply: CheckFilesReply): void => {
      checker.sent.shift();
      switch (reply.type) {
        case 'failed':
          throw new Error(reply.error);
        case 'entries':
          entryResults[reply.batch] = reply.entries;
          if (++batchesDone === batches.length) startChecking();
          break;
        case 'checked':
          ready.set(reply.index, reply.outcome);
          for (let next = ready.get(nextOut); next; next = ready.get(nextOut)) {
            ready.delete(nextOut);
            run.onFile(nextOut++, next);
          }
          if (nextOut === run.files.length) return finish();
          break;
      }
      dispatch();
    };

    /** A worker with `heap`, sent the registry when the checks have begun and then `resend`, what a worker out of memory left unanswered. */
    function start(heap: HeapLimits, resend: readonly CheckFilesRequest[]): void {
      const worker = new Worker(WORKER_SCRIPT, {
        workerData,
        stdout: false,
        stderr: false,
        resourceLimits: { maxYoungGenerationSizeMb: heap.youngGenerationMb, ...(heap.oldGenerationMb !== undefined ? { maxOldGenerationSizeMb: heap.oldGenerationMb } : {}) },
      });
      const checker: Checker = { worker, heap, sent: [] };
      checkers.push(checker);
      worker.on('message', (reply: CheckFilesReply) => {
        if (settled) return;
        try {
          onReply(checker, reply);
        } catch (err) {
          finish(err);
        }
      });
      worker.on('error', (err) => (isOutOfMemory(err) ? replace(checker, err) : finish(err)));
      worker.on('exit', (code) => finish(new Error(`a worker thread stopped (exit code ${code})`)));
      if (entries) worker.postMessage({ type: 'workspace', entries });
      for (const message of resend) send(checker, message);
    }

    /** A worker ran out of memory: one with a larger heap takes its place and what it had not answered. */
    function replace(checker: Checker, err: Error): void {
      if (settled) return;
      const heap = largerHeap(checker.heap);
      const first = checker.sent[0];
      if (!heap) {
        const file = first?.type === 'check' ? shownLine(receivedPath(first.file), run.settings.cwd) : 'the folder';
        return finish(new Error(`${file}: ${err.message}`));
      }
      stats.outOfMemory++;
      checkers.splice(checkers.indexOf(checker), 1);
      stop(checker.worker);
      start(heap, checker.sent);
    }

    const send = (checker: Checker, message: CheckFilesRequest): void => {
      checker.sent.push(message);
      checker.worker.postMessage(message);
    };

    /** Gives each worker work up to its capacity: batches of metadata first, then files within the window. */
    function dispatch(): void {
      for (const checker of checkers) {
        while (checker.sent.length < IN_FLIGHT_PER_WORKER) {
          if (!entries) {
            if (nextBatch >= batches.length) break;
            const batch = nextBatch++;
            send(checker, { type: 'entries', batch, files: batches[batch] });
          } else {
            if (nextFile >= run.files.length || nextFile >= nextOut + window) break;
            const index = nextFile++;
            send(checker, { type: 'check', index, file: run.files[index] });
          }
        }
      }
    }

    function startChecking(): void {
      const all: RegistryEntry[] = [];
      for (const part of entryResults) appendAll(all, part ?? []);
      entries = all;
      for (const { worker } of checkers) worker.postMessage({ type: 'workspace', entries });
      if (run.files.length === 0) finish();
    }

    for (let i = 0; i < Math.max(1, run.threads); i++) start(run.heap ?? WORKER_HEAP, []);
    if (batches.length === 0) startChecking();
    if (!settled) dispatch();
  });
}

/** Ends a worker whose answers are no longer wanted. */
function stop(worker: Worker): void {
  worker.removeAllListeners();
  // An error after the end (a late exit) has no one to be said to.
  worker.on('error', () => undefined);
  void worker.terminate();
}
