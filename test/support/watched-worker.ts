// A check worker for tests whose warm-up is watched: it tells the test when its warm-up starts and ends and how often it looked for a message, and at its first look waits until the test has sent what it sends then.

import { parentPort, workerData } from 'node:worker_threads';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { runCheckWorker, sharedState } from '../../server/src/node/check-worker';
import { warmUp } from '../../server/src/node/warm-up';

/** What this worker says besides the check worker's replies. */
export type WatchedNote = { type: 'test.warm-up' } | { type: 'test.looking' } | { type: 'test.warm-up-ended'; looks: number };

const port = parentPort;
if (port) {
  // Cell 0 of the gate: set by the test once it has sent what comes during the warm-up.
  const gate = new Int32Array((workerData as { gate: SharedArrayBuffer }).gate);
  runCheckWorker(ALL_RULES, port, sharedState(workerData), (rules, interrupted) => {
    port.postMessage({ type: 'test.warm-up' } satisfies WatchedNote);
    let looks = 0;
    warmUp(rules, () => {
      if (looks++ === 0) {
        port.postMessage({ type: 'test.looking' } satisfies WatchedNote);
        Atomics.wait(gate, 0, 0);
      }
      return interrupted();
    });
    port.postMessage({ type: 'test.warm-up-ended', looks } satisfies WatchedNote);
  });
}
