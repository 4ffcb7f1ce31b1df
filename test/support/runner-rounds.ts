// What the random rounds of edits through the check runner do to it besides checking: a check given up, the worker ended, the document forgotten.

import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { CheckCancelled, CheckRunner, CheckTicket } from '../../server/src/node/check-runner';

/** A check of `version` given up at once, or once the worker has it (as an editor supersedes it). */
export async function checkGivenUp(check: (version: number, ticket: CheckTicket) => Promise<unknown>, version: number, next: () => number): Promise<void> {
  const ticket = new CheckTicket();
  const pending = check(version, ticket);
  if (next() < 0.5) await new Promise((resolve) => setImmediate(resolve));
  ticket.cancel();
  try {
    await pending;
  } catch (err) {
    assert.ok(err instanceof CheckCancelled, String(err));
  }
}

/** Now and then the worker ends (the runner starts another, which holds nothing) or the runner forgets the document. */
export async function workerEndedOrForgotten(runner: CheckRunner, uri: string, next: () => number): Promise<void> {
  const event = next();
  if (event < 0.06) {
    const worker = (runner as unknown as { worker: Worker | undefined }).worker;
    await worker?.terminate();
    await new Promise((resolve) => setImmediate(resolve));
  } else if (event < 0.1) runner.forget(uri);
}
