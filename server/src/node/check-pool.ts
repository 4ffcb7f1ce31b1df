// `plan43 check` on several threads, bounded by the cores (this one and workers): the folder's registry read in batches, then the files checked in parallel, a worker given runs of files and answering several at once, and their results handed over in input order, through a bounded reorder window.

import * as fs from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { KnowledgeBase, RegistryEntry } from '../core/data/types';
import { appendAll } from '../core/arrays';
import { FileCheckSettings, FileOutcome } from './check-files';
import { checkFilesHandler, CheckFilesReply, CheckFilesRequest, CheckFilesWorkerData, EarlyWorkerData, KnowledgeMessage } from './check-files-worker';
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

/**
 * Most files in one request to a worker, answered together: a message and a wake-up of this thread
 * per run of files rather than per file, which was most of what a worker cost this thread (measured
 * in docs/benchmarks.md). Runs shrink towards the end so that no thread is left waiting for another's.
 */
export const MAX_FILES_PER_REQUEST = 16;

/** Results kept ahead of the next one to be written, per thread: bounds memory when one file is slow. */
const WINDOW_PER_THREAD = 4 * MAX_FILES_PER_REQUEST;

/**
 * The cores not busy with other work: the cores Node may use less the load average of the last
 * minute. On a machine already busy, another thread gains no time and costs its own: its start,
 * and the caches and compiled code each thread builds again (measured: about a fifth more CPU time).
 */
export function idleCores(): number {
  return Math.max(1, Math.floor(availableParallelism() - loadavg()[0] + 0.5));
}

/**
 * The threads that check a run of `files` files: `jobs` when given (--jobs, or PLAN43_JOBS),
 * otherwise the idle cores; fewer when there are not enough files for them; 0 when one thread will
 * do (the command line's own, without workers).
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

export interface ParallelCheck {
  files: readonly FilePath[];
  settings: FileCheckSettings;
  /** The knowledge loaded (bundled data and the user's files), before the folder's plans are added. */
  kb: KnowledgeBase;
  /** Threads checking: this one and `threads - 1` workers. */
  threads: number;
  /** Each file's outcome, in the order of `files`. */
  onFile(index: number, outcome: FileOutcome): void;
  /** Called after each request this thread handles itself (a batch of plans' heads, the registry, a file). */
  afterOwnRequest?(): void;
  /**
   * The `threads - 1` workers, started before `kb` was loaded (`startWorkers`) and given it
   * since; started here when not given.
   */
  workers?: StartedWorkers;
}

/**
 * V8's young generation of each worker, in MB (both semi-spaces): V8 otherwise lets it grow to
 * 48 MB per thread on a long run, which is most of what a worker adds to the peak memory; at this
 * size the checks take the same CPU time (measured in docs/benchmarks.md).
 */
const WORKER_YOUNG_GENERATION_MB = 12;

/** The script of the workers: beside this module, built (out/) or bundled (dist/). */
const WORKER_SCRIPT = path.join(__dirname, 'check-files-worker.js');

/** Workers started before the knowledge is loaded, so that their start (Node's, then their code) runs meanwhile. */
export interface StartedWorkers {
  readonly workers: readonly Worker[];
  /** Sends each worker the knowledge: its first message, before which it says nothing. */
  give(kb: KnowledgeBase): void;
  /** Ends the workers: for a run that stops before the pool takes them (which ends them itself). */
  end(): void;
}

function endWorkers(workers: readonly Worker[]): void {
  for (const w of workers) {
    w.removeAllListeners();
    // An error after the end (a late exit) has no one to be said to.
    w.on('error', () => undefined);
    void w.terminate();
  }
}

/**
 * Starts `count` workers before the knowledge is loaded: a worker's start (Node's own, then the
 * code of the checks, several tenths of a second) then runs while this thread loads the knowledge
 * (the user's data files read and validated, a third of a second), and the knowledge is sent to it
 * once loaded (`give`). The pool must be
 * given them (`checkInParallel`'s `workers`) in the same turn of the event loop, or they must be
 * ended: their messages and errors have no listener before.
 */
export function startWorkers(count: number, settings: FileCheckSettings): StartedWorkers {
  const workerData: EarlyWorkerData = { settings };
  const workers = Array.from({ length: Math.max(0, count) }, () => new Worker(WORKER_SCRIPT, { workerData, stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }));
  return {
    workers,
    give(kb) {
      const message: KnowledgeMessage = { type: 'knowledge', kb };
      for (const w of workers) w.postMessage(message);
    },
    end: () => endWorkers(workers),
  };
}

/** The files each thread checked in this process's last run in parallel (see filesCheckedByThread). */
let lastShares: readonly number[] = [];

/**
 * The files each thread checked in this process's last run in parallel, the command line's own
 * thread first, then the workers in order: which thread checked a file shows nowhere in the output
 * (it is the same whichever did), and the tests need to see that the workers checked some.
 */
export function filesCheckedByThread(): readonly number[] {
  return lastShares;
}

/** A thread that checks: a worker, or this thread between two of its answers to the workers. */
interface Checker {
  send(message: CheckFilesRequest): void;
  /** Requests sent and not answered yet. */
  busy: number;
  /** Most requests it is given at once: none for a worker until it says it is ready. */
  capacity: number;
  /** Most files in one of its requests. */
  maxFiles: number;
  /** For each of its runs of files not answered whole yet, oldest first: the index after its last file. */
  runEnds: number[];
  /** Files it has checked in this run. */
  checked: number;
}

/**
 * Checks `files` on `threads` threads: this one and workers. First the folder's plans are read as
 * registry entries, in batches; then every thread gets the same registry, and runs of files (this
 * thread one file at a time, so that it takes the workers' answers between two of its files).
 * Resolves when every outcome has been handed to `onFile`, in order; rejects on a defect (a worker
 * that failed or stopped, or `onFile` throwing), after ending the workers.
 */
export function checkInParallel(run: ParallelCheck): Promise<void> {
  const workerData: CheckFilesWorkerData = { settings: run.settings, kb: run.kb };
  let started = run.workers;
  if (!started) {
    started = startWorkers(run.threads - 1, run.settings);
    started.give(run.kb);
  }
  const { workers } = started;
  const named = run.files.filter((f): f is string => typeof f === 'string');
  const batches: string[][] = [];
  for (let i = 0; i < named.length; i += ENTRY_BATCH) batches.push(named.slice(i, i + ENTRY_BATCH));
  const entryResults: Array<RegistryEntry[] | undefined> = batches.map(() => undefined);
  let nextBatch = 0;
  let batchesDone = 0;
  let checking = false;
  let nextFile = 0;
  let nextOut = 0;
  const ready = new Map<number, FileOutcome>();
  const window = WINDOW_PER_THREAD * run.threads;

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      endWorkers(workers);
      lastShares = checkers.map((c) => c.checked);
      if (err === undefined) resolve();
      else reject(err instanceof Error ? err : new Error(String(err)));
    };

    const onReply = (checker: Checker, reply: CheckFilesReply): void => {
      switch (reply.type) {
        case 'failed':
          throw new Error(reply.error);
        case 'ready':
          checker.capacity = IN_FLIGHT_PER_WORKER;
          break;
        case 'entries':
          checker.busy--;
          entryResults[reply.batch] = reply.entries;
          if (++batchesDone === batches.length) startChecking();
          break;
        case 'checked': {
          const end = reply.first + reply.outcomes.length;
          // A run may be answered in parts: it is done, and the thread free for another, at its last file.
          if (end === checker.runEnds[0]) {
            checker.runEnds.shift();
            checker.busy--;
          }
          checker.checked += reply.outcomes.length;
          for (let i = 0; i < reply.outcomes.length; i++) ready.set(reply.first + i, reply.outcomes[i]);
          for (let next = ready.get(nextOut); next; next = ready.get(nextOut)) {
            ready.delete(nextOut);
            run.onFile(nextOut++, next);
          }
          if (nextOut === run.files.length) return finish();
          break;
        }
      }
      dispatch();
    };
    const guarded = (checker: Checker, reply: CheckFilesReply): void => {
      if (settled) return;
      try {
        onReply(checker, reply);
      } catch (err) {
        finish(err);
      }
    };

    // This thread checks too, one request per turn of its event loop, so that the workers' answers
    // are taken between two of its files.
    const handle = checkFilesHandler(workerData, (reply) => guarded(self, reply));
    const self: Checker = {
      busy: 0,
      capacity: 1,
      maxFiles: 1,
      runEnds: [],
      checked: 0,
      send: (message) =>
        setImmediate(() => {
          if (settled) return;
          handle(message);
          run.afterOwnRequest?.();
        }),
    };
    const checkers: Checker[] = [
      self,
      ...workers.map((worker): Checker => {
        // No request before the worker says it is ready: one sent sooner waits for the worker's start
        // (its code and knowledge, up to a second on a loaded machine), and the run waits for it while
        // this thread has read every other batch of plans' heads (measured in docs/benchmarks.md).
        const checker: Checker = { busy: 0, capacity: 0, maxFiles: MAX_FILES_PER_REQUEST, runEnds: [], checked: 0, send: (message) => worker.postMessage(message) };
        worker.on('message', (reply: CheckFilesReply) => guarded(checker, reply));
        worker.on('error', (err) => finish(err));
        worker.on('exit', (code) => finish(new Error(`a worker thread stopped (exit code ${code})`)));
        return checker;
      }),
    ];

    const send = (checker: Checker, message: CheckFilesRequest): void => {
      checker.busy++;
      checker.send(message);
    };

    /** Gives each thread work up to its capacity: batches of metadata first, then files within the window. */
    function dispatch(): void {
      for (const checker of checkers) {
        while (checker.busy < checker.capacity) {
          if (!checking) {
            if (nextBatch >= batches.length) break;
            const batch = nextBatch++;
            send(checker, { type: 'entries', batch, files: batches[batch] });
          } else {
            const count = runLength(checker);
            if (count === 0) break;
            const first = nextFile;
            nextFile += count;
            checker.runEnds.push(nextFile);
            send(checker, { type: 'check', first, files: run.files.slice(first, nextFile) });
          }
        }
      }
    }

    /**
     * The files of the next run for `checker`: at most its share of what is left (so that the last
     * runs are short and the threads end together), within the reorder window.
     */
    function runLength(checker: Checker): number {
      const left = run.files.length - nextFile;
      const share = Math.ceil(left / (2 * IN_FLIGHT_PER_WORKER * run.threads));
      return Math.max(0, Math.min(checker.maxFiles, share, nextOut + window - nextFile));
    }

    function startChecking(): void {
      const entries: RegistryEntry[] = [];
      for (const part of entryResults) appendAll(entries, part ?? []);
      checking = true;
      for (const checker of checkers) checker.send({ type: 'workspace', entries });
      if (run.files.length === 0) finish();
    }

    if (batches.length === 0) startChecking();
    if (!settled) dispatch();
  });
}
