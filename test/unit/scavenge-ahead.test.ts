// The check worker's young collection after a keystroke's answer (server/src/node/scavenge-ahead.ts): asked for only when the next keystroke's garbage would not fit, only after a keystroke's check, after work already waiting, and a young collection of V8's, not a full one.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { MessageChannel } from 'node:worker_threads';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { CheckSettings, runCheckWorker, WorkerJob, WorkerReply, WorkerRequest } from '../../server/src/node/check-worker';
import { ROOM_FACTOR, ScavengeAhead, youngCollection, youngSpace, YoungSpace } from '../../server/src/node/scavenge-ahead';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';

const MB = 1024 * 1024;

/** A ScavengeAhead reading the young generation the test sets, its collections counted. */
function fake(space: YoungSpace): { ahead: ScavengeAhead; collections: () => number; made: () => number } {
  let collections = 0;
  let made = 0;
  const ahead = new ScavengeAhead(
    () => ({ ...space }),
    () => {
      made++;
      return () => void collections++;
    },
  );
  return { ahead, collections: () => collections, made: () => made };
}

/** A keystroke's work that allocates `mb` in the young generation, and what `ended` says after it. */
function keystroke(ahead: ScavengeAhead, space: YoungSpace, mb: number): boolean {
  ahead.started();
  space.used += mb * MB;
  space.available -= mb * MB;
  return ahead.ended();
}

describe('young collection ahead of the next keystroke', () => {
  it('asks for a collection only when what is left is less than the next keystroke is likely to allocate', () => {
    const space = { used: 1 * MB, available: 2.9 * MB };
    const { ahead } = fake(space);
    assert.equal(keystroke(ahead, space, 0.4), false, '2.5 MB left for keystrokes of 0.4 MB');
    for (let i = 0; i < 5; i++) keystroke(ahead, space, 0.4);
    // 0.5 MB left: more than one keystroke's 0.4 MB, less than ROOM_FACTOR of it.
    assert.ok(space.available < 0.4 * MB * ROOM_FACTOR && space.available > 0.4 * MB);
    assert.equal(keystroke(ahead, space, 0.0001), true, 'a small keystroke after large ones: the large ones are remembered');
  });

  it('asks for none when a keystroke allocates more than the young generation holds', () => {
    const space = { used: 0.3 * MB, available: 1.5 * MB };
    const { ahead } = fake(space);
    // 0.1 MB left, but an emptied young generation of 1.8 MB would not hold 1.5 times 1.4 MB either.
    assert.equal(keystroke(ahead, space, 1.4), false);
    assert.equal(keystroke(ahead, space, 0.01), false, 'nor after a small keystroke while the large one is remembered');
  });

  it('does not count a keystroke during which V8 collected, and forgets old large keystrokes', () => {
    const space = { used: 3 * MB, available: 0.5 * MB };
    const { ahead } = fake(space);
    ahead.started();
    // V8 collected during the work: used fell, the allocation is unknown.
    space.used = 0.2 * MB;
    space.available = 0.45 * MB;
    assert.equal(ahead.ended(), false, 'nothing known of the keystrokes yet');
    ahead.started();
    space.used += 0.4 * MB;
    space.available = 3 * MB;
    assert.equal(ahead.ended(), false);
    // Small keystrokes for long: the 0.4 MB one is forgotten, 0.5 MB left is room enough.
    space.available = 0.5 * MB;
    for (let i = 0; i < 40; i++) {
      ahead.started();
      space.used += 0.001 * MB;
      ahead.ended();
    }
    ahead.started();
    space.used += 0.001 * MB;
    assert.equal(ahead.ended(), false);
  });

  it('takes V8 collection once and collects the young generation only', () => {
    const { ahead, collections, made } = fake({ used: 0, available: 0 });
    ahead.collect();
    ahead.collect();
    assert.equal(made(), 1);
    assert.equal(collections(), 2);
    const collect = youngCollection();
    assert.ok(collect, 'Node gives V8 gc to a context of its own');
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'no gc left on this context');
    const kinds: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) kinds.push((e as unknown as { detail: { kind: number } }).detail.kind);
    });
    observer.observe({ entryTypes: ['gc'] });
    const garbage: unknown[] = [];
    for (let i = 0; i < 20_000; i++) garbage.push({ i });
    garbage.length = 0;
    const before = youngSpace().used;
    collect();
    assert.ok(youngSpace().used < before, 'the young generation is emptied of its garbage');
    // The observer hears of collections a little later.
    return new Promise<void>((resolve) =>
      setTimeout(() => {
        observer.disconnect();
        assert.ok(kinds.includes(constants.NODE_PERFORMANCE_GC_MINOR), `a young collection among ${kinds.join(', ')}`);
        // V8 (11.3) names a full collection asked of gc() an incremental one.
        assert.ok(!kinds.includes(constants.NODE_PERFORMANCE_GC_MAJOR) && !kinds.includes(constants.NODE_PERFORMANCE_GC_INCREMENTAL), `no full collection among ${kinds.join(', ')}`);
        resolve();
      }, 100),
    );
  });

  describe('in the check worker', () => {
    const SETTINGS: CheckSettings = { mode: 'drafting', lang: 'vi', levels: {}, today: '2026-03-10' };
    const file = path.join(PLAN_FIXTURES, 'clean-party.md');
    const uri = `file://${file}`;
    const text = fs.readFileSync(file, 'utf8');

    function job(id: number, memo: boolean, version: number): WorkerRequest {
      const j: WorkerJob = { kind: 'check', uri, text: `${text}${'x'.repeat(version)}`, syntax: 'markdown', settings: SETTINGS, knowledge: 1, memo, skip: [], version };
      return { type: 'job', id, job: j };
    }

    /** The worker on one end of a channel in this thread, with `ahead` as its collector; what it did is listed in `events`. */
    function worker(ahead: ScavengeAhead): { send(m: WorkerRequest): void; answered(id: number): Promise<void>; close(): void } {
      const { port1, port2 } = new MessageChannel();
      const waiting = new Map<number, () => void>();
      port2.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') return;
        assert.equal(reply.type, 'done');
        waiting.get(reply.id)?.();
      });
      runCheckWorker(ALL_RULES, port1, undefined, () => undefined, ahead);
      port2.postMessage({ type: 'knowledge', key: 1, kb: bundledKnowledge().kb } satisfies WorkerRequest);
      return {
        send: (m) => port2.postMessage(m),
        answered: (id) => new Promise<void>((resolve) => waiting.set(id, resolve)),
        close: () => {
          port1.close();
          port2.close();
        },
      };
    }

    /** A ScavengeAhead whose answers the test gives, each step listed. */
    class Listed extends ScavengeAhead {
      readonly events: string[] = [];
      constructor(
        private readonly due: () => boolean,
        private readonly onEnded: () => void = () => undefined,
      ) {
        super(
          () => ({ used: 0, available: 0 }),
          () => () => void this.events.push('collect'),
        );
      }
      override started(): void {
        this.events.push('started');
      }
      override ended(): boolean {
        this.events.push('ended');
        this.onEnded();
        return this.due();
      }
    }

    const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

    it('collects after a keystroke\'s answer when it is due, never after another job or when it is not due', async () => {
      let due = true;
      const ahead = new Listed(() => due);
      const w = worker(ahead);
      try {
        w.send(job(1, false, 1));
        await w.answered(1);
        await turn();
        assert.deepEqual(ahead.events, [], 'a document opened: no keystroke');
        w.send(job(2, true, 2));
        await w.answered(2);
        await turn();
        assert.deepEqual(ahead.events, ['started', 'ended', 'collect']);
        due = false;
        w.send(job(3, true, 3));
        await w.answered(3);
        await turn();
        assert.deepEqual(ahead.events, ['started', 'ended', 'collect', 'started', 'ended']);
      } finally {
        w.close();
      }
    });

    it('answers a job that came before the collection first', async () => {
      let w: ReturnType<typeof worker> | undefined;
      let sent = false;
      const ahead = new Listed(
        () => true,
        () => {
          // The next keystroke arrives after the answer has gone and before the collection: its
          // immediate comes before the worker's, which is set after this returns.
          if (sent) return;
          sent = true;
          setImmediate(() => w!.send(job(5, true, 5)));
        },
      );
      w = worker(ahead);
      try {
        const fifth = w.answered(5);
        w.send(job(4, true, 4));
        await w.answered(4);
        await fifth;
        await turn();
        await turn();
        assert.deepEqual(ahead.events, ['started', 'ended', 'started', 'ended', 'collect'], 'one collection, after the job that was waiting');
      } finally {
        w.close();
      }
    });
  });
});
