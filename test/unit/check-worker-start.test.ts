// The check worker's start (server/src/node/check-worker.ts): a job already waiting when the worker runs is answered before any warm-up, a job that comes during the warm-up stops it and is answered, and the warm-up never answers in a job's place.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkPlan } from '../../server/src/core/engine';
import { Finding } from '../../server/src/core/findings';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { CheckSettings, SHARED_CELLS, WorkerJob, WorkerReply, WorkerRequest } from '../../server/src/node/check-worker';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { WatchedNote } from '../support/watched-worker';

const SETTINGS: CheckSettings = { mode: 'drafting', lang: 'vi', levels: {}, today: '2026-03-10' };

function planText(name: string): { uri: string; text: string } {
  const file = path.join(PLAN_FIXTURES, name);
  return { uri: `file://${file}`, text: fs.readFileSync(file, 'utf8') };
}

function checkJob(id: number, plan: { uri: string; text: string }): WorkerRequest {
  const job: WorkerJob = { kind: 'check', uri: plan.uri, text: plan.text, syntax: 'markdown', settings: SETTINGS, knowledge: 1, memo: false, skip: [] };
  return { type: 'job', id, job };
}

/** What the core gives for the plan in process: what the worker's answer must be. */
function expected(plan: { uri: string; text: string }): Finding[] {
  return checkPlan(parsePlan(plan.uri, plan.text, 'markdown'), bundledKnowledge().kb, { ...SETTINGS, rules: ALL_RULES });
}

interface Started {
  worker: Worker;
  /** What happened, in order: the warm-up's start and end, and each answer to a job ("done 1"). */
  events: string[];
  replies: WorkerReply[];
  /** How many times the warm-up looked for a message (before each rule), once it ended. */
  looks(): number | undefined;
  /** Resolves once the warm-up has ended. */
  warmedUp: Promise<void>;
  /** Resolves once the job `id` is answered. */
  answered(id: number): Promise<WorkerReply>;
}

/**
 * Starts the product's check worker, its warm-up watched (test/support/watched-worker.ts), with
 * `queued` sent at once, before it has loaded its code, as the server sends the first job of a
 * start. `duringWarmUp` is sent when the warm-up first looks for a message.
 */
function start(queued: readonly WorkerRequest[], duringWarmUp: readonly WorkerRequest[] = []): Started {
  const gate = new Int32Array(new SharedArrayBuffer(4));
  const shared = new SharedArrayBuffer(SHARED_CELLS * 4);
  const worker = new Worker(path.join(__dirname, '..', 'support', 'watched-worker.js'), { workerData: { shared, gate: gate.buffer } });
  const events: string[] = [];
  const replies: WorkerReply[] = [];
  const waiting = new Map<number, (reply: WorkerReply) => void>();
  let looks: number | undefined;
  let ended = (): void => undefined;
  const warmedUp = new Promise<void>((resolve) => (ended = resolve));
  worker.on('message', (message: WorkerReply | WatchedNote) => {
    switch (message.type) {
      case 'test.warm-up':
        events.push('warm-up');
        return;
      case 'test.looking':
        for (const m of duringWarmUp) worker.postMessage(m);
        Atomics.store(gate, 0, 1);
        Atomics.notify(gate, 0);
        return;
      case 'test.warm-up-ended':
        looks = message.looks;
        events.push('warm-up ended');
        ended();
        return;
      default:
        replies.push(message);
        if (!('id' in message)) return;
        events.push(`${message.type} ${message.id}`);
        waiting.get(message.id)?.(message);
    }
  });
  for (const message of queued) worker.postMessage(message);
  const answered = (id: number): Promise<WorkerReply> => {
    const known = replies.find((r) => 'id' in r && r.id === id);
    return known ? Promise.resolve(known) : new Promise((resolve) => waiting.set(id, resolve));
  };
  return { worker, events, replies, looks: () => looks, warmedUp, answered };
}

function findingsOf(reply: WorkerReply): Finding[] {
  assert.equal(reply.type, 'done', JSON.stringify(reply).slice(0, 400));
  assert.ok(reply.type === 'done' && reply.result.kind === 'check');
  return reply.result.findings;
}

/** A job the worker fails at once (its knowledge was never sent): once it is answered, whatever the worker did before it has been said. */
function probe(id: number): WorkerRequest {
  const request = checkJob(id, { uri: 'file:///probe.md', text: '' });
  return request.type === 'job' ? { ...request, job: { ...request.job, knowledge: 99 } } : request;
}

describe('check worker start', () => {
  const kb = (): WorkerRequest => ({ type: 'knowledge', key: 1, kb: bundledKnowledge().kb });

  it('answers a job sent before it loaded its code, before any warm-up, and runs no warm-up after it', async () => {
    const plan = planText('seed-002-ha-tinh.md');
    const { worker, events, answered } = start([kb(), checkJob(1, plan)]);
    try {
      const findings = findingsOf(await answered(1));
      assert.deepEqual(findings, expected(plan));
      assert.ok(findings.length > 0);
      worker.postMessage(probe(99));
      assert.equal((await answered(99)).type, 'failed');
      assert.deepEqual(events, ['done 1', 'failed 99']);
    } finally {
      await worker.terminate();
    }
  });

  it('answers every job sent before it loaded its code, in order, without a warm-up', async () => {
    const first = planText('seed-002-ha-tinh.md');
    const second = planText('seed-000-hau-giang.md');
    const { worker, events, answered } = start([kb(), checkJob(1, first), { type: 'forget', uri: first.uri }, checkJob(2, second), probe(99)]);
    try {
      assert.deepEqual(findingsOf(await answered(1)), expected(first));
      assert.deepEqual(findingsOf(await answered(2)), expected(second));
      await answered(99);
      assert.deepEqual(events, ['done 1', 'done 2', 'failed 99']);
    } finally {
      await worker.terminate();
    }
  });

  it('warms up when only the knowledge was sent, and answers the job that comes after', async () => {
    const plan = planText('seed-002-ha-tinh.md');
    const { worker, events, looks, warmedUp, answered } = start([kb()]);
    try {
      await warmedUp;
      assert.ok((looks() ?? 0) > 10, 'the warm-up ran its rules');
      worker.postMessage(checkJob(1, plan));
      assert.deepEqual(findingsOf(await answered(1)), expected(plan));
      assert.deepEqual(events, ['warm-up', 'warm-up ended', 'done 1']);
    } finally {
      await worker.terminate();
    }
  });

  it('stops the warm-up for a job that comes during it, and answers the job, not the warm-up', async () => {
    const plan = planText('seed-002-ha-tinh.md');
    const { worker, events, replies, looks, answered } = start([], [kb(), checkJob(7, plan)]);
    try {
      assert.deepEqual(findingsOf(await answered(7)), expected(plan));
      worker.postMessage(probe(99));
      await answered(99);
      assert.deepEqual(events, ['warm-up', 'warm-up ended', 'done 7', 'failed 99']);
      assert.deepEqual(
        replies.map((r) => r.type),
        ['ready', 'done', 'failed'],
      );
      assert.equal(looks(), 1, 'the warm-up stopped at its first look after the job came');
    } finally {
      await worker.terminate();
    }
  });
});
