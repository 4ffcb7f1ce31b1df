// The check worker's collections once its checks pause (server/src/node/idle-collect.ts): a compacting one and a plain one later per pause, never after a keystroke's check, never before work already queued, and V8's `gc` kept from every other context.

import assert from 'node:assert/strict';
import * as vm from 'node:vm';
import { compactingCollection, IdleCollector } from '../../server/src/node/idle-collect';

/** Resolves once every timer due within `ms` has run (timers run in order of their due time). */
const after = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A collector whose collections are counted (and their kinds listed), with work queued as the test says; the second collection of a pause comes `settleMs` after the first. */
function counted(queued: () => boolean = () => false, settleMs = 60_000): { idle: IdleCollector; collections: () => number; kinds: () => string; lookups: () => number } {
  const kinds: string[] = [];
  let lookups = 0;
  const idle = new IdleCollector(
    1,
    queued,
    () => {
      lookups++;
      return (compact?: boolean) => void kinds.push(compact === false ? 'plain' : 'compacting');
    },
    settleMs,
  );
  return { idle, collections: () => kinds.length, kinds: () => kinds.join(' '), lookups: () => lookups };
}

describe('idle collection', () => {
  it('collects after a pause that follows a check of an opened document, and not again until more work (the second collection aside)', async () => {
    const { idle, collections, lookups } = counted();
    idle.worked(true);
    await after(30);
    assert.equal(collections(), 1);
    await after(30);
    assert.equal(collections(), 1, 'one first collection per pause');
    idle.worked(true);
    idle.worked(true);
    await after(30);
    assert.equal(collections(), 2);
    assert.equal(lookups(), 1, 'V8 is asked for gc once');
  });

  it('never collects after a keystroke’s check, even when a check of an opened document came before it', async () => {
    const { idle, collections } = counted();
    idle.worked(false);
    await after(30);
    assert.equal(collections(), 0);
    idle.worked(true);
    idle.worked(false);
    await after(30);
    assert.equal(collections(), 0);
  });

  it('does the work queued behind the timer instead of collecting', async () => {
    let queued = 1;
    const { idle, collections } = counted(() => queued-- > 0);
    idle.worked(true);
    await after(30);
    assert.equal(collections(), 0, 'the queued work went first');
    idle.worked(true);
    await after(30);
    assert.equal(collections(), 1);
  });

  it('collects a second time, plainly, settleMs after the first while the pause lasts, and then no more', async () => {
    const { idle, kinds, lookups } = counted(undefined, 40);
    idle.worked(true);
    await after(20);
    assert.equal(kinds(), 'compacting', 'the first collection compacts, and the second has not come yet');
    await after(60);
    assert.equal(kinds(), 'compacting plain');
    await after(100);
    assert.equal(kinds(), 'compacting plain', 'two collections per pause');
    assert.equal(lookups(), 1);
  });

  it('any work between the two collections cancels the second; a check of an opened document starts the pause again', async () => {
    const typed = counted(undefined, 40);
    typed.idle.worked(true);
    await after(20);
    typed.idle.worked(false);
    await after(100);
    assert.equal(typed.kinds(), 'compacting', 'a keystroke’s check cancels the second collection');

    const opened = counted(undefined, 40);
    opened.idle.worked(true);
    await after(20);
    opened.idle.worked(true);
    await after(20);
    assert.equal(opened.kinds(), 'compacting compacting', 'the pause starts again with a first collection');
    await after(80);
    assert.equal(opened.kinds(), 'compacting compacting plain');
  });

  it('does the work queued behind the second collection’s timer instead of collecting', async () => {
    let queued = false;
    const { idle, kinds } = counted(() => queued, 40);
    idle.worked(true);
    await after(20);
    queued = true;
    await after(60);
    assert.equal(kinds(), 'compacting');
  });

  it('stops when disposed', async () => {
    const { idle, collections } = counted();
    idle.worked(true);
    idle.dispose();
    await after(30);
    assert.equal(collections(), 0);
  });

  it('takes V8’s gc without giving it to the global object or to contexts made later', () => {
    const collect = compactingCollection();
    assert.equal(typeof collect, 'function', 'this Node leaves its V8 flags open');
    collect!();
    collect!(false);
    assert.equal(vm.runInNewContext('typeof gc'), 'undefined');
    if (!process.execArgv.some((a) => /^--expose[-_]gc$/.test(a))) assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined');
  });

  it('leaves V8’s flags as they were, so that a code cache made before is still accepted after a collection', () => {
    const source = 'function add(a, b) { return a + b; } add(1, 2);';
    const made = new vm.Script(source, { filename: 'idle-collect-cache.js' });
    made.runInThisContext();
    const cachedData = made.createCachedData();
    compactingCollection()!();
    const again = new vm.Script(source, { filename: 'idle-collect-cache.js', cachedData });
    assert.equal(again.cachedDataRejected, false);
  });
});
