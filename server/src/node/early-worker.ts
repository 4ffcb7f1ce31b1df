// The check worker's start options, and a worker started by the server's entry before the server's code is loaded, handed over to the check runner when it first needs one.

import { Worker, WorkerOptions } from 'node:worker_threads';
import { heapFlagsOf } from './v8-flags';

/**
 * Cells of the memory the server and the worker share, allocated by the entry before it knows the
 * worker's protocol (check-worker.ts): the runner takes the early worker only when its protocol
 * needs no more.
 */
const EARLY_SHARED_CELLS = 16;

/** Where the entry leaves the worker it started: the entry and the server's bundle each have their own copy of this module. */
const EARLY = Symbol.for('plan43.earlyCheckWorker');

/** A worker started ahead, with what it said before anyone listened. */
export interface EarlyWorker {
  worker: Worker;
  shared: Int32Array;
  messages: unknown[];
}

interface Held extends EarlyWorker {
  script: string;
  lost: boolean;
  release(): void;
}

/**
 * The ceiling of the check worker's heap (MB), so that a runaway that allocates ends the worker, not
 * the server. It also sets how far V8 lets the heap grow between full collections: from 2,048 MB up
 * the limit after a collection may be 4× what lives, below that at most a factor that falls to 1.3
 * at 256 MB — 2.0 just under 2,048 (V8's heap controller). At 2,048 the worker's heap grew to 28 MB
 * for 9 MB live over the checks of 100 opened plans, and to 250 MB for 70 MB while typing in 20,000
 * lines; at 2,000 it grows half as far for the same CPU time (docs/benchmarks.md, sixth round).
 */
export const CHECK_WORKER_HEAP_MB = 2000;

/**
 * How the server starts its check worker: the shared memory, no output of its own, and a ceiling on
 * its heap so that a runaway that allocates ends the worker, not the server.
 */
export function checkWorkerOptions(shared: Int32Array, argv: readonly string[], heapMb = CHECK_WORKER_HEAP_MB, execArgv: readonly string[] = process.execArgv): WorkerOptions {
  const semiSpaceMb = heapFlagsOf(execArgv).semiSpaceMb;
  return {
    workerData: { shared: shared.buffer },
    argv: [...argv],
    // The young generation the process's `--max-semi-space-size` gives a worker when the flag is set
    // (two semi-spaces and a large-object space of one semi-space), given whether or not it still is.
    resourceLimits: { maxOldGenerationSizeMb: heapMb, ...(semiSpaceMb !== undefined ? { maxYoungGenerationSizeMb: 3 * semiSpaceMb } : {}) },
    stdout: false,
    stderr: false,
  };
}

/**
 * Starts the check worker now, so that its start (a thread, a Node environment, the check code)
 * runs beside the loading of the server's code and its initialization instead of after them.
 */
export function startEarlyCheckWorker(script: string): void {
  const shared = new Int32Array(new SharedArrayBuffer(EARLY_SHARED_CELLS * 4));
  const worker = new Worker(script, checkWorkerOptions(shared, []));
  // The server process ends when its client goes away, whatever the worker is doing.
  worker.unref();
  const held: Held = {
    worker,
    shared,
    script,
    messages: [],
    lost: false,
    release: () => {
      worker.off('message', keep);
      worker.off('error', lose);
      worker.off('exit', lose);
    },
  };
  const keep = (message: unknown): void => void held.messages.push(message);
  const lose = (): void => {
    held.lost = true;
  };
  worker.on('message', keep);
  worker.on('error', lose);
  worker.on('exit', lose);
  (globalThis as Record<symbol, unknown>)[EARLY] = held;
}

/**
 * The worker the entry started, when it runs `script` and shares at least `cells` cells; once
 * only. One that cannot be used (it stopped, or runs other code) is ended.
 */
export function takeEarlyCheckWorker(script: string, cells: number): EarlyWorker | undefined {
  const held = (globalThis as Record<symbol, unknown>)[EARLY] as Held | undefined;
  if (!held) return undefined;
  delete (globalThis as Record<symbol, unknown>)[EARLY];
  held.release();
  if (held.lost || held.script !== script || held.shared.length < cells) {
    void held.worker.terminate();
    return undefined;
  }
  return { worker: held.worker, shared: held.shared, messages: held.messages };
}
