// Per-request time budgets and cancellation: a request waits for an analysis at most its budget, and not at all once the client has cancelled it.

import { AsyncLocalStorage } from 'node:async_hooks';
import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';

/**
 * How long an interactive request (hover, completion, code actions, symbols, folding) may wait,
 * in milliseconds. The analysis it waits for goes on in the background and is kept for the next
 * request: an answer that comes too late is useless to the drafter, but the work is not lost.
 */
export const DEFAULT_REQUEST_BUDGET_MS = 5000;

/** The reason a request was answered with an error instead of a result. */
export class RequestInterrupted extends Error {
  constructor(
    readonly code: typeof LSPErrorCodes.RequestCancelled | typeof LSPErrorCodes.ServerCancelled,
    message: string,
  ) {
    super(message);
  }

  toResponseError(): ResponseError<void> {
    return new ResponseError(this.code, this.message);
  }
}

export class RequestBudget {
  readonly deadline: number;

  constructor(
    readonly method: string,
    readonly ms: number,
    readonly token: CancellationToken,
  ) {
    this.deadline = Date.now() + ms;
  }

  /** Throws when the client cancelled the request or its time is up. */
  check(): void {
    if (this.token.isCancellationRequested) throw new RequestInterrupted(LSPErrorCodes.RequestCancelled, `${this.method} cancelled by the client`);
    if (Date.now() >= this.deadline) throw this.overrun();
  }

  /** The work's result, or an interruption as soon as the request is cancelled or over budget. */
  wait<T>(work: Promise<T>): Promise<T> {
    this.check();
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(this.overrun()), Math.max(0, this.deadline - Date.now()));
      const cancelled = this.token.onCancellationRequested(() =>
        reject(new RequestInterrupted(LSPErrorCodes.RequestCancelled, `${this.method} cancelled by the client`)),
      );
      const done = (): void => {
        clearTimeout(timer);
        cancelled.dispose();
      };
      work.then(
        (value) => {
          done();
          resolve(value);
        },
        (err: unknown) => {
          done();
          reject(err);
        },
      );
    });
  }

  private overrun(): RequestInterrupted {
    return new RequestInterrupted(LSPErrorCodes.ServerCancelled, `${this.method} took longer than its budget of ${this.ms} ms`);
  }
}

const current = new AsyncLocalStorage<RequestBudget>();

/** Runs a request handler with its budget in reach of everything it awaits (ServerContext.analyze). */
export function withBudget<T>(budget: RequestBudget, run: () => T): T {
  return current.run(budget, run);
}

/** The budget of the request being handled, if the handler runs under one. */
export function currentBudget(): RequestBudget | undefined {
  return current.getStore();
}
