// The collections once the checks pause (server/src/node/idle-collect.ts), in the check worker (a compacting one and a plain one later per pause) and the server's thread (one that reduces memory), never after a keystroke's check, never before work already queued, and V8's `gc` kept from every other context.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { analyzeText } from '../../server/src/lsp/documents';
import { CheckRunner } from '../../server/src/node/check-runner';
import { Collection, compactingCollection, IdleCollector } from '../../server/src/node/idle-collect';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { PLAN_FIXTURES, REPO_ROOT, SCHEMAS } from '../support/paths';

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

  it('collects once per pause, with no second collection, when the first reduces memory', async () => {
    const kinds: string[] = [];
    const reducing: Collection = Object.assign((compact?: boolean) => void kinds.push(compact === false ? 'plain' : 'reducing'), { reduces: true });
    const idle = new IdleCollector(1, () => false, () => reducing, 40);
    idle.worked(true);
    await after(20);
    assert.equal(kinds.join(' '), 'reducing');
    await after(100);
    assert.equal(kinds.join(' '), 'reducing', 'no second collection');
    idle.worked(true);
    await after(20);
    assert.equal(kinds.join(' '), 'reducing reducing', 'the next pause has its own');
    idle.dispose();
  });

  it('reduces memory where Node can ask for it: the young generation given back, and no warning on standard error', function () {
    this.timeout(60_000);
    // In a process of its own: Node warns once per process, and the young generation is this process's alone.
    const module = path.join(REPO_ROOT, 'out', 'server', 'src', 'node', 'idle-collect.js');
    const program = `
      const v8 = require('node:v8');
      const { idleCollection } = require(${JSON.stringify(module)});
      const young = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
      // Objects that live a while, so that V8 grows the young generation to its ceiling.
      let kept = [];
      for (let i = 0; i < 3000000; i++) {
        kept.push({ i, s: 'x' + i });
        if (kept.length > 20000) kept = [];
      }
      kept = undefined;
      const grown = young();
      const collect = idleCollection();
      const emit = process.emitWarning;
      collect();
      process.stdout.write(JSON.stringify({ grown, after: young(), reduces: collect.reduces === true, restored: process.emitWarning === emit }));
    `;
    const r = spawnSync(process.execPath, ['--max-semi-space-size=2', '-e', program], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as { grown: number; after: number; reduces: boolean; restored: boolean };
    assert.ok(got.reduces, 'this Node has v8.queryObjects');
    assert.equal(got.grown, 4 * 1024 * 1024, 'the young generation grew to its ceiling first');
    assert.ok(got.after <= 1024 * 1024, `the young generation given back: ${got.after} bytes`);
    assert.ok(got.restored, 'process.emitWarning is put back');
    assert.equal(r.stderr, '', 'nothing written on standard error');
  });

  it('the server’s thread collects after the check of an opened document, not after a keystroke’s', async function () {
    this.timeout(60_000);
    let collections = 0;
    const runner = new CheckRunner({ log: () => undefined, idle: { delayMs: 1, collector: () => () => void collections++ } });
    try {
      const kb = loadKnowledge({ schemasDir: SCHEMAS }).kb;
      const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-002-ha-tinh.md'), 'utf8');
      const settings = { mode: 'drafting' as const, lang: 'vi' as const, levels: {}, registryFiles: [], namesFiles: [], key: '' };
      const analysis = await analyzeText(runner, 'file:///plan.md', text, 1, 'markdown', settings, kb, 0, '2026-12-05', () => undefined);
      assert.ok(analysis.findings.length > 0, 'the plan was checked');
      await after(50);
      assert.equal(collections, 1, 'one collection after the check of an opened document');
      const typed = text.replace('\n\n', '\n\nx');
      await runner.check({ uri: 'file:///plan.md', text: typed, syntax: 'markdown', settings: { mode: 'drafting', lang: 'vi', levels: {}, today: '2026-12-05' }, kb, memo: true, version: 2 });
      await after(50);
      assert.equal(collections, 1, 'none after a keystroke’s check');
    } finally {
      runner.dispose();
    }
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
