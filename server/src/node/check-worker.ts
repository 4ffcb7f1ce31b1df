// The worker thread that runs the language server's checks: the server stops it when a check runs too long, so that no file can freeze the editor, whatever rule has a flaw.

import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { KnowledgeBase } from '../core/data/types';
import { parsePlan, PlanSyntax } from '../core/document/parse';
import { checkPlan, checkPlanHeld, reachedFindingCap } from '../core/engine';
import { Finding, Lang, Level, Mode, TextEdit } from '../core/findings';
import { fixAllChanges, INSERTING_RULES } from '../core/fix';
import { MAX_FIXES_PER_RULE } from '../core/limits';
import { ALL_RULES } from '../core/rules/index';
import { Rule } from '../core/rules/rule';
import { codeCacheCheckpoint } from './code-cache';
import { IDLE_COLLECT_MS, IdleCollector } from './idle-collect';
import { warmUp } from './warm-up';
import { TextMemo, withTextMemo } from '../core/text/memo';
import { CheckSession } from '../core/incremental';
import { keepRecent } from '../core/recent';
import { EDITED_PIECE_CHARS, PieceText, Text } from '../core/text/piece-text';
import { FindingsDelta, findingsDelta, FindingsList } from './findings-delta';

/** The settings a check depends on. */
export interface CheckSettings {
  mode: Mode;
  lang: Lang;
  levels: Readonly<Record<string, Level>>;
  /** The day a plan with no date yet is checked as of (yyyy-mm-dd). */
  today?: string;
}

interface JobBase {
  uri: string;
  text: string;
  syntax: PlanSyntax;
  settings: CheckSettings;
  /** The knowledge base, by the key under which it was sent. */
  knowledge: number;
}

/** What the worker is asked to do. Everything is plain data: it is copied between threads. */
export type WorkerJob =
  | (JobBase & {
      kind: 'check';
      /** The document is edited in the editor: keep what its paragraphs gave, for the next version. */
      memo: boolean;
      /** Rules not to run (stopped before on this text). */
      skip: readonly string[];
      /**
       * The version of an open document: the worker keeps its text and what its check found, so
       * that the next version can be sent as edits of this one.
       */
      version?: number;
      /**
       * Instead of the whole text (then empty): the edits that make this version from version
       * `base`, which the worker holds, and the length of the result. When the worker holds
       * another version (or none), it answers 'resync' and is sent the whole text.
       */
      edits?: { base: number; changes: TextEdit[]; length: number };
      /**
       * With `version`: the list of findings the server holds for the document (the number of the
       * worker's answer it came in), which the answer may be sent as a change of.
       */
      known?: number;
    })
  | (JobBase & {
      kind: 'fix-all';
      /** The findings of `text` when they are known (the first round of fixes then needs no check). */
      findings?: readonly Finding[];
    })
  | (JobBase & { kind: 'insert-missing' });

/** A check's findings, or a fix loop's change as edits of the text it was given. */
export type JobResult = { kind: 'check'; isPlan: boolean; findings: Finding[] } | { kind: 'changes'; changes: TextEdit[] };

/**
 * A job's result as the worker sends it: an open document's check names its list of findings
 * (`list`), and gives it as a change of the list the server said it holds when the worker sent
 * that one (node/findings-delta.ts): a keystroke moves most findings and changes a few, and the
 * whole list's structured clone and its garbage were the largest part of the server's keystroke.
 */
export type WorkerResult = JobResult | { kind: 'check'; isPlan: boolean; list: number; findings: Finding[] } | { kind: 'check-delta'; isPlan: boolean; list: number; delta: FindingsDelta };

export type WorkerRequest =
  | { type: 'knowledge'; key: number; kb: KnowledgeBase }
  | { type: 'forget'; uri: string }
  | { type: 'job'; id: number; job: WorkerJob };

export type WorkerReply =
  | { type: 'ready'; rules: string[] }
  /** The job's edits cannot be applied (the worker does not hold their base version): send the whole text. */
  | { type: 'resync'; id: number }
  | { type: 'done'; id: number; result: WorkerResult }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; error: string };

/**
 * Cells of the memory the server and the worker share (an Int32Array): the job running, the rule
 * running (its index in the worker's list; -1 while parsing or between rules of a fix), and a job
 * the server gave up (the worker stops it at the next rule).
 */
export const SHARED_JOB = 0;
export const SHARED_RULE = 1;
export const SHARED_CANCEL = 2;
export const SHARED_CELLS = 3;

/** Knowledge bases kept, and documents whose paragraph memory is kept (the most recently edited). */
const KEPT_KNOWLEDGE = 8;
const KEPT_MEMOS = 4;

class Cancelled extends Error {}
class Resync extends Error {}

/** What the worker keeps of an open document between two checks. */
interface HeldDocument {
  version: number;
  /** In pieces: an edit makes its piece again, and the check reads the slices it needs (no copy of the whole text per keystroke). */
  text: PieceText;
  /** What the last complete check found, per paragraph rule and block, and the change since. */
  session: CheckSession;
  /** The findings last sent for the document (as the check gave them: objects and shifts), and the number of the answer they went in. */
  sent?: { list: number; findings: FindingsList };
}

/**
 * Runs the worker's side: answers jobs one at a time with `rules` (the registered rules; a test
 * server adds its own). Called by this module when it is the worker's entry, or by a test entry;
 * `warm` is the warm-up run until the first job comes (a test watches it).
 */
export function runCheckWorker(rules: readonly Rule[], port = parentPort, shared?: Int32Array, warm: typeof warmUp = warmUp): void {
  if (!port) return;
  const state = shared ?? new Int32Array(new SharedArrayBuffer(SHARED_CELLS * 4));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const knowledge = new Map<number, KnowledgeBase>();
  const memos = new Map<string, TextMemo>();
  const held = new Map<string, HeldDocument>();

  /** The text of a check job: sent whole, or made from the text held and the edits sent. */
  const textOf = (job: Extract<WorkerJob, { kind: 'check' }>): { text: Text; doc: HeldDocument | undefined } => {
    if (job.version === undefined) return { text: job.text, doc: undefined };
    let doc = held.get(job.uri);
    if (job.edits) {
      if (!doc || doc.version !== job.edits.base) throw new Resync();
      let text = doc.text;
      for (const e of job.edits.changes) {
        // Offsets that are not whole numbers inside the text (an edit past the end, as the editor's
        // document may leave them): the whole text is asked for rather than read as slice would.
        if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > text.length) throw new Resync();
        text = text.edited(e.start, e.end, e.newText);
        doc.session.edited(e.start, e.end, e.newText.length);
      }
      if (text.length !== job.edits.length) {
        held.delete(job.uri);
        throw new Resync();
      }
      doc.text = text;
      doc.version = job.version;
    } else {
      // A whole text: what changed since the version held is not known.
      const whole = PieceText.of(job.text, EDITED_PIECE_CHARS);
      doc ??= { version: job.version, text: whole, session: new CheckSession() };
      doc.session.reset();
      doc.text = whole;
      doc.version = job.version;
    }
    keepRecent(held, job.uri, doc, KEPT_MEMOS);
    return { text: doc.text, doc };
  };

  const kbOf = (key: number): KnowledgeBase => {
    const kb = knowledge.get(key);
    if (!kb) throw new Error(`knowledge ${key} was not sent`);
    return kb;
  };

  /**
   * A check's findings are kept as the check gave them, a kept finding of a moved block as its
   * object and shift (core/engine.ts, `checkPlanHeld`), until they are sent (`listed`).
   */
  type RunResult = Exclude<JobResult, { kind: 'check' }> | { kind: 'check'; isPlan: boolean; findings: FindingsList };
  const run = (id: number, job: WorkerJob): RunResult => {
    const kb = kbOf(job.knowledge);
    const beforeRule = (ruleId: string): void => {
      if (Atomics.load(state, SHARED_CANCEL) === id) throw new Cancelled();
      Atomics.store(state, SHARED_RULE, index.get(ruleId) ?? -1);
    };
    const options = { ...job.settings, rules };
    if (job.kind === 'check') {
      const { text, doc } = textOf(job);
      let memo: TextMemo | undefined;
      if (job.memo) {
        memo = memos.get(job.uri) ?? new TextMemo();
        keepRecent(memos, job.uri, memo, KEPT_MEMOS);
        memo.nextGeneration();
      }
      const used = job.skip.length ? rules.filter((r) => !job.skip.includes(r.id)) : rules;
      return withTextMemo(memo, () => {
        const plan = parsePlan(job.uri, text, job.syntax, doc?.session.lineIndex(text), doc?.session.parse);
        const session = doc?.session;
        return { kind: 'check', isPlan: plan.isPlan, findings: FindingsList.held(checkPlanHeld(plan, kb, { ...options, rules: used, beforeRule, ...(session ? { session } : {}) })) };
      });
    }
    const check = (extra: object) => (text: string): readonly Finding[] => {
      Atomics.store(state, SHARED_RULE, -1);
      return checkPlan(parsePlan(job.uri, text, job.syntax), kb, { ...options, maxFindingsPerRule: MAX_FIXES_PER_RULE, beforeRule, ...extra });
    };
    if (job.kind === 'fix-all') {
      // The findings of the text as it is were computed already, unless a rule listed fewer than it had.
      let first = job.findings && !reachedFindingCap(job.findings) ? job.findings : undefined;
      const plain = check({});
      return {
        kind: 'changes',
        changes: fixAllChanges(job.text, (text) => {
          const known = first && text === job.text ? first : undefined;
          first = undefined;
          return known ?? plain(text);
        }).changes,
      };
    }
    // Every missing section and task group with its skeleton, whatever levels the user set for those rules.
    const inserting = rules.filter((r) => INSERTING_RULES.includes(r.id));
    const levels: Record<string, Level> = Object.fromEntries(inserting.map((r) => [r.id, 'warning' as Level]));
    const insert = check({ mode: 'drafting', levels, rules: inserting });
    return { kind: 'changes', changes: fixAllChanges(job.text, (text) => insert(text).filter((f) => INSERTING_RULES.includes(f.ruleId)), { kinds: ['insertion'] }).changes };
  };

  let lists = 0;
  /** An open document's findings sent as a change of the list the server holds, when the worker sent that one. */
  const listed = (job: WorkerJob, result: RunResult): WorkerResult => {
    if (result.kind !== 'check') return result;
    const doc = job.kind === 'check' && job.version !== undefined ? held.get(job.uri) : undefined;
    // Sent whole: the findings themselves, each moved one made (FindingsList.all).
    if (!doc) return { kind: 'check', isPlan: result.isPlan, findings: result.findings.all() };
    const list = ++lists;
    const sent = doc.sent;
    doc.sent = { list, findings: result.findings };
    if (sent && job.kind === 'check' && job.known === sent.list) return { kind: 'check-delta', isPlan: result.isPlan, list, delta: findingsDelta(sent.list, sent.findings, result.findings) };
    return { kind: 'check', isPlan: result.isPlan, findings: result.findings.all(), list };
  };

  let answered = false;
  const onMessage = (message: WorkerRequest): void => {
    switch (message.type) {
      case 'knowledge':
        keepRecent(knowledge, message.key, message.kb, KEPT_KNOWLEDGE);
        return;
      case 'forget':
        memos.delete(message.uri);
        held.delete(message.uri);
        return;
      case 'job': {
        const { id, job } = message;
        answered = true;
        Atomics.store(state, SHARED_JOB, id);
        Atomics.store(state, SHARED_RULE, -1);
        let reply: WorkerReply;
        try {
          reply = { type: 'done', id, result: listed(job, run(id, job)) };
        } catch (err) {
          reply = err instanceof Cancelled ? { type: 'cancelled', id } : err instanceof Resync ? { type: 'resync', id } : { type: 'failed', id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
        }
        Atomics.store(state, SHARED_JOB, 0);
        port.postMessage(reply);
        codeCacheCheckpoint();
        // A keystroke's check (of an edited document) is not followed by a collection.
        idle.worked(!(job.kind === 'check' && job.memo));
        return;
      }
    }
  };
  // Once the checks pause, the garbage they left is given back (node/idle-collect.ts); a message
  // already queued when the pause ends is answered instead.
  const idle = new IdleCollector(IDLE_COLLECT_MS, () => {
    const received = receiveMessageOnPort(port);
    if (received) onMessage(received.message as WorkerRequest);
    return received !== undefined;
  });
  port.on('message', onMessage);
  port.postMessage({ type: 'ready', rules: rules.map((r) => r.id) } satisfies WorkerReply);
  // Until the first job comes, a short plan is checked with the product's rules (node/warm-up.ts),
  // so that the first real check finds the code compiled. A message that arrives meanwhile stops
  // the warm-up at the next rule and is answered at once, in the order it came.
  setImmediate(() => {
    // The messages already queued come first, up to a job: at a start the server sends the first
    // job before this worker has loaded its code, and this immediate runs before the worker's port
    // delivers it (the entry runs while Node delivers the worker's start), so the warm-up (its
    // reading of the data first) would only delay it.
    while (!answered) {
      const received = receiveMessageOnPort(port);
      if (!received) break;
      onMessage(received.message as WorkerRequest);
    }
    if (answered) return;
    const arrived: WorkerRequest[] = [];
    warm(
      rules.filter((r) => ALL_RULES.includes(r)),
      () => {
        const received = receiveMessageOnPort(port);
        if (received) arrived.push(received.message as WorkerRequest);
        return arrived.length > 0;
      },
    );
    for (const message of arrived) onMessage(message);
  });
}

/** The shared memory the server created, handed over when the worker starts. */
export function sharedState(data: unknown): Int32Array | undefined {
  const buffer = (data as { shared?: unknown } | undefined)?.shared;
  return buffer instanceof SharedArrayBuffer ? new Int32Array(buffer) : undefined;
}

if (require.main === module && parentPort) runCheckWorker(ALL_RULES, parentPort, sharedState(workerData));
