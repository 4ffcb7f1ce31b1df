// The language server's side of the check worker (check-worker.ts): jobs go to a worker thread one at a time, and a job that runs past its budget is stopped by ending the worker, which starts again.

import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { KnowledgeBase } from '../core/data/types';
import { compareFindings, Finding, TextEdit } from '../core/findings';
import { checkText, stoppedFinding } from '../core/engine';
import { MAX_PLAN_CHARS } from '../core/limits';
import { keepRecent } from '../core/recent';
import { codeCacheCheckpoint } from './code-cache';
import { checkWorkerOptions, takeEarlyCheckWorker } from './early-worker';
import { Collection, IDLE_COLLECT_MS, idleCollection, IdleCollector } from './idle-collect';
import { JobResult, SHARED_CANCEL, SHARED_CELLS, SHARED_RULE, WorkerJob, WorkerReply, WorkerRequest, WorkerResult } from './check-worker';
import { FindingsList, FindingsOrigin } from './findings-delta';
import { SharedStrings } from './shared-strings';

export interface CheckRunnerOptions {
  /** The worker's script: the product's own by default (a test server brings one with extra rules). */
  script?: string;
  /** Arguments the worker sees in its process.argv (a test worker reads its extra rules there). */
  argv?: readonly string[];
  /** The ceiling of the worker's heap in MB, when not the product's (a test makes a runaway reach it sooner). */
  heapMb?: number;
  /** Most milliseconds a job may run on a text of `length` characters. */
  budgetMs?: (length: number) => number;
  /** The server's own collection once the checks pause, and after how long (a test counts them); idleCollection after IDLE_COLLECT_MS by default. */
  idle?: { delayMs: number; collector: () => Collection | undefined };
  /** What shares the strings of the findings sent whole (a test reads it); the runner's own by default. */
  strings?: SharedStrings;
  log(message: string): void;
}

/**
 * Budget of a job: far more than any real plan needs (a plan of 7 MB is checked in a quarter of a
 * second), so that only a runaway is stopped, even on a slow, busy machine.
 */
export function defaultCheckBudget(length: number): number {
  return 15_000 + Math.ceil(length / 500);
}

/** Thrown to the caller of a job it cancelled (its document changed or closed meanwhile). */
export class CheckCancelled extends Error {
  constructor() {
    super('the check was cancelled');
  }
}

/** Lets a caller give up a job it submitted. */
export class CheckTicket {
  cancelled = false;
  onCancel: (() => void) | undefined;

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.onCancel?.();
  }
}

type Stopped = { kind: 'stopped'; rule: string | undefined; seconds: number };

/** A check's answer as the runner gives it: with the list it stands for and the one it was made from, when kept. */
type Checked = { kind: 'check'; isPlan: boolean; findings: Finding[]; origin?: FindingsOrigin };

/**
 * A check's answer whose findings are made when a reader first asks for them: the diagnostics of
 * an open document read the list as it is held (FindingsOrigin.findings), with no object per
 * moved finding.
 */
class CheckedList {
  readonly kind = 'check' as const;
  origin: FindingsOrigin | undefined = undefined;

  constructor(
    readonly isPlan: boolean,
    private readonly list: FindingsList,
  ) {}

  /** The caller's own array, made once: the runner reads only the list it holds. */
  get findings(): Finding[] {
    return this.list.all();
  }
}

/** An open document's findings as the worker last sent them, by the number of that answer. */
interface HeldList {
  list: number;
  findings: FindingsList;
}

interface Pending {
  id: number;
  /** The job; its knowledge key is set when it is sent. */
  job: WorkerJob;
  kb: KnowledgeBase;
  ticket: CheckTicket | undefined;
  /** Asked for by the drafter (an open document), not by a scan of the workspace. */
  interactive: boolean;
  /** For an open document's version: the edits from an earlier version, when they are known. */
  editsSince?: (version: number) => TextEdit[] | undefined;
  /** The document's list of findings the server held when the job was sent, which the answer may be a change of. */
  known?: HeldList;
  resolve(result: JobResult | Checked | Stopped): void;
  reject(err: unknown): void;
}

/** Omit applied to each member of a union (a plain Omit keeps only the keys they share). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type CheckRequest = Omit<Extract<WorkerJob, { kind: 'check' }>, 'kind' | 'knowledge' | 'skip' | 'edits'> & {
  kb: KnowledgeBase;
  /** With `version`: the edits that made it from an earlier version, so that only they are sent when the worker holds that one. */
  editsSince?: (version: number) => TextEdit[] | undefined;
};
export type FixRequest = OmitEach<Extract<WorkerJob, { kind: 'fix-all' | 'insert-missing' }>, 'knowledge'> & { kb: KnowledgeBase };

/** At most this many rules of one check are stopped and skipped; past that, the check as a whole is. */
const MAX_STOPPED_RULES = 3;

/** Open documents whose last findings are kept for the next answer: as many as the worker keeps texts of (check-worker.ts). */
const KEPT_LISTS = 4;

export class CheckRunner {
  private worker: Worker | undefined;
  /** The worker has loaded its code: a job's time counts from then, not from the worker's start. */
  private ready = false;
  private rules: string[] = [];
  private shared: Int32Array = new Int32Array(new SharedArrayBuffer(SHARED_CELLS * 4));
  private readonly queue: Pending[] = [];
  private running: Pending | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Knowledge bases the current worker holds, by key. */
  private sent = new Set<number>();
  /** The version of each open document the current worker holds (the last one sent to it). */
  private held = new Map<string, number>();
  /** The findings of each open document the current worker last sent (see WorkerResult). */
  private lists = new Map<string, HeldList>();
  private readonly keys = new WeakMap<KnowledgeBase, number>();
  private nextKey = 1;
  private nextId = 1;
  private disposed = false;
  private readonly budget: (length: number) => number;
  /**
   * The server's own heap given back once the checks of opened documents pause, as the worker
   * gives back its own (node/idle-collect.ts): the young generation V8 grew while they were read and
   * checked (4 → 1 MB) and their garbage, which V8's memory reducer otherwise gives back only at one
   * of its ticks that finds the thread quiet, if any (docs/benchmarks.md). A job sent or queued when
   * the pause ends goes first; a keystroke's check is followed by none.
   */
  private readonly idle: IdleCollector;
  /** One copy of each text of the findings the worker sent whole for plans checked together (node/shared-strings.ts). */
  private readonly strings: SharedStrings;

  constructor(private readonly options: CheckRunnerOptions) {
    this.budget = options.budgetMs ?? defaultCheckBudget;
    this.strings = options.strings ?? new SharedStrings();
    const idle = options.idle ?? { delayMs: IDLE_COLLECT_MS, collector: idleCollection };
    this.idle = new IdleCollector(idle.delayMs, () => this.running !== undefined || this.queue.length > 0, idle.collector);
  }

  /**
   * The findings of a text, as the core gives them in process. A rule that runs past the budget is
   * stopped, said in one plan.internal-error finding, and the check runs again without it; when
   * nothing can be checked in time (the text cannot even be parsed), one finding says so and
   * `isPlan` is unknown.
   */
  async check(request: CheckRequest, ticket?: CheckTicket, interactive = true): Promise<{ isPlan: boolean | undefined; findings: Finding[]; origin?: FindingsOrigin }> {
    const { kb, editsSince, ...job } = request;
    if (job.text.length > MAX_PLAN_CHARS) {
      // Over the limit nothing is parsed and one rule runs, in bounded time: checked here, rather
      // than copying tens of megabytes to the worker.
      const { plan, findings } = checkText(job.uri, job.text, kb, job.settings, job.syntax);
      return { isPlan: plan.isPlan, findings };
    }
    const skip: string[] = [];
    const extra: Finding[] = [];
    for (;;) {
      const result = await this.submit({ ...job, kind: 'check', skip, knowledge: 0 }, kb, ticket, interactive, editsSince);
      if (result.kind === 'check') {
        if (extra.length) return { isPlan: result.isPlan, findings: [...result.findings, ...extra].sort(compareFindings) };
        // As it is: its findings are made only when a reader asks for them.
        return result;
      }
      if (result.kind !== 'stopped') throw new Error('a check returned edits');
      const finding = stoppedFinding(result.rule, result.seconds, request.settings);
      if (finding) extra.push(finding);
      if (!result.rule || skip.length + 1 >= MAX_STOPPED_RULES) {
        // Nothing more is tried: the check as a whole is said to be stopped.
        const whole = result.rule ? stoppedFinding(undefined, result.seconds, request.settings) : undefined;
        if (whole) extra.push(whole);
        return { isPlan: undefined, findings: extra.sort(compareFindings) };
      }
      skip.push(result.rule);
    }
  }

  /** The change, as edits of the text, once every fix (or every missing section) is applied; none when that took too long. */
  async fix(request: FixRequest, ticket?: CheckTicket): Promise<TextEdit[]> {
    const { kb, ...job } = request;
    const result = await this.submit({ ...job, knowledge: 0 } as WorkerJob, kb, ticket, true);
    return result.kind === 'changes' ? result.changes : [];
  }

  /**
   * Starts the worker before any job, so that its start (a thread, a Node environment, the check
   * code loaded) overlaps the client's initialization instead of delaying the first check.
   */
  prestart(): void {
    if (!this.disposed) this.ensureWorker();
  }

  /** The document closed: what the worker keeps for it is dropped. */
  forget(uri: string): void {
    this.held.delete(uri);
    this.lists.delete(uri);
    this.worker?.postMessage({ type: 'forget', uri } satisfies WorkerRequest);
  }

  /** True once disposed (the server is shutting down): every job is refused. */
  get stopped(): boolean {
    return this.disposed;
  }

  dispose(): void {
    this.disposed = true;
    this.idle.dispose();
    this.strings.clear();
    if (this.timer) clearTimeout(this.timer);
    void this.worker?.terminate();
    this.worker = undefined;
    for (const p of [...this.queue, ...(this.running ? [this.running] : [])]) p.reject(new CheckCancelled());
    this.queue.length = 0;
    this.running = undefined;
  }

  private submit(
    job: WorkerJob,
    kb: KnowledgeBase,
    ticket: CheckTicket | undefined,
    interactive: boolean,
    editsSince?: (version: number) => TextEdit[] | undefined,
  ): Promise<JobResult | Checked | Stopped> {
    if (this.disposed) return Promise.reject(new CheckCancelled());
    if (ticket?.cancelled) return Promise.reject(new CheckCancelled());
    return new Promise((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, job, kb, ticket, interactive, resolve, reject, ...(editsSince ? { editsSince } : {}) };
      if (ticket) {
        ticket.onCancel = () => {
          const queued = this.queue.indexOf(pending);
          if (queued >= 0) {
            this.queue.splice(queued, 1);
            reject(new CheckCancelled());
          } else if (this.running === pending) {
            // The worker stops at the next rule and says so.
            Atomics.store(this.shared, SHARED_CANCEL, pending.id);
          }
        };
      }
      // What the drafter waits for goes before the workspace's files.
      if (interactive) {
        const firstBackground = this.queue.findIndex((q) => !q.interactive);
        if (firstBackground < 0) this.queue.push(pending);
        else this.queue.splice(firstBackground, 0, pending);
      } else this.queue.push(pending);
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.disposed) return;
    const pending = this.queue.shift();
    if (!pending) return;
    this.running = pending;
    const worker = this.ensureWorker();
    let key = this.keys.get(pending.kb);
    if (key === undefined) {
      key = this.nextKey++;
      this.keys.set(pending.kb, key);
    }
    if (!this.sent.has(key)) {
      worker.postMessage({ type: 'knowledge', key, kb: pending.kb } satisfies WorkerRequest);
      this.sent.add(key);
    }
    if (this.ready) this.startClock(pending);
    this.post(worker, pending, key, true);
  }

  /**
   * Sends a job. A check of an open document's version goes as the edits from the version the
   * worker holds, when they are known (`byEdits`), else whole; either way the worker then holds it.
   */
  private post(worker: Worker, pending: Pending, key: number, byEdits: boolean): void {
    let job: WorkerJob = { ...pending.job, knowledge: key };
    if (job.kind === 'check' && job.version !== undefined) {
      const version = job.version;
      const base = this.held.get(job.uri);
      const changes = byEdits && base !== undefined ? pending.editsSince?.(base) : undefined;
      if (base !== undefined && changes) job = { ...job, text: '', edits: { base, changes, length: job.text.length } };
      this.held.set(job.uri, version);
      // The list the answer may be a change of: the same one when the job is sent again whole.
      if (byEdits) {
        const known = this.lists.get(job.uri);
        if (known) pending.known = known;
        else delete pending.known;
      }
      if (pending.known) job = { ...job, known: pending.known.list };
    }
    worker.postMessage({ type: 'job', id: pending.id, job } satisfies WorkerRequest);
  }

  private startClock(pending: Pending): void {
    const budget = this.budget(pending.job.text.length);
    this.timer = setTimeout(() => this.overrun(pending, budget), budget);
    // A job under way does not keep the server alive once its client is gone.
    this.timer.unref();
  }

  private settle(id: number, outcome: (p: Pending) => void): void {
    const pending = this.running;
    if (!pending || pending.id !== id) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.running = undefined;
    outcome(pending);
    // As in the worker (check-worker.ts): a keystroke's check, of an edited document, is not followed by a collection.
    this.idle.worked(!(pending.job.kind === 'check' && pending.job.memo));
    this.next();
  }

  /** The job ran past its budget: the worker is ended (nothing else can stop a running function) and starts again. */
  private overrun(pending: Pending, budget: number): void {
    if (this.running !== pending) return;
    const index = Atomics.load(this.shared, SHARED_RULE);
    const rule = index >= 0 ? this.rules[index] : undefined;
    this.options.log(`plan43: checking ${pending.job.uri} took longer than ${budget} ms${rule ? ` in rule ${rule}` : ''}; the check was stopped`);
    this.restart();
    this.settle(pending.id, (p) => p.resolve({ kind: 'stopped', rule, seconds: Math.round(budget / 1000) }));
  }

  private restart(): void {
    const old = this.worker;
    this.worker = undefined;
    this.ready = false;
    this.sent = new Set();
    this.held = new Map();
    this.lists = new Map();
    if (old) {
      old.removeAllListeners();
      void old.terminate();
    }
  }

  /**
   * A check's findings made whole from the worker's answer, and kept as the list the document's
   * next answer may be a change of (while the document is open).
   */
  private received(pending: Pending, result: WorkerResult): JobResult | Checked {
    if (result.kind === 'changes') return result;
    // A whole list (a plan opened or read): its strings shared with the lists of the plans checked with it, once their checks pause. A keystroke's answer is a change of the last list, whose findings keep theirs.
    if (result.kind === 'check') this.strings.later(result.findings);
    if (!('list' in result)) return result;
    let findings: FindingsList;
    let base: FindingsOrigin['base'];
    if (result.kind === 'check-delta') {
      const known = pending.known;
      if (!known || known.list !== result.delta.base) throw new Error(`the check worker's findings are a change of list ${result.delta.base}, which the server does not hold`);
      findings = known.findings.after(result.delta);
      base = { list: known, ops: result.delta.ops };
    } else findings = FindingsList.of(result.findings);
    const uri = pending.job.uri;
    const out = new CheckedList(result.isPlan, findings);
    if (this.held.has(uri)) {
      const held: HeldList = { list: result.list, findings };
      keepRecent(this.lists, uri, held, KEPT_LISTS);
      // The kept list's object stands for it: a later answer made from it names it as its base.
      out.origin = base ? { list: held, base, findings } : { list: held, findings };
    } else if (base) out.origin = { list: {}, base, findings };
    return out;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const script = this.options.script ?? path.join(__dirname, 'check-worker.js');
    // The first worker of the server may have been started by its entry (server-entry.ts).
    const early = this.options.script === undefined ? takeEarlyCheckWorker(script, SHARED_CELLS) : undefined;
    if (early) this.shared = early.shared;
    Atomics.store(this.shared, SHARED_CANCEL, 0);
    const worker = early?.worker ?? new Worker(script, checkWorkerOptions(this.shared, this.options.argv ?? [], this.options.heapMb));
    // The server process ends when its client goes away, whatever the worker is doing.
    worker.unref();
    const onReply = (reply: WorkerReply): void => {
      if (worker !== this.worker) return;
      switch (reply.type) {
        case 'ready':
          this.rules = reply.rules;
          this.ready = true;
          if (this.running && !this.timer) this.startClock(this.running);
          return;
        case 'done':
          this.settle(reply.id, (p) => {
            let result: JobResult;
            try {
              result = this.received(p, reply.result);
            } catch (err) {
              p.reject(err);
              return;
            }
            p.resolve(result);
          });
          // The server's part of a check has run too (its answer is sent before this writes anything).
          codeCacheCheckpoint();
          return;
        case 'cancelled':
          this.settle(reply.id, (p) => p.reject(new CheckCancelled()));
          return;
        case 'resync': {
          // The worker did not hold the version the edits start from: the same job, with the whole text.
          const running = this.running;
          if (running && running.id === reply.id) {
            const key = this.keys.get(running.kb);
            if (key !== undefined) this.post(worker, running, key, false);
          }
          return;
        }
        case 'failed':
          this.settle(reply.id, (p) => p.reject(new Error(reply.error)));
          return;
      }
    };
    worker.on('message', onReply);
    const lost = (reason: string): void => {
      if (worker !== this.worker) return;
      this.options.log(`plan43: the check worker stopped (${reason}); starting it again`);
      this.restart();
      const running = this.running;
      if (running) this.settle(running.id, (p) => p.reject(new Error(`the check worker stopped: ${reason}`)));
      else this.next();
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.worker = worker;
    // What the early worker said before the runner listened (its `ready`).
    for (const message of early?.messages ?? []) onReply(message as WorkerReply);
    return worker;
  }
}
