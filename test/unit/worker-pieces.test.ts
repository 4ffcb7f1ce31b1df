// The check worker holds an open document in pieces: a keystroke in the middle of a 20,000-line plan is checked without joining its text, and gives the findings of a check from scratch.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { checkText } from '../../server/src/core/engine';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { PieceText } from '../../server/src/core/text/piece-text';
import { CheckSettings, runCheckWorker, WorkerReply, WorkerRequest } from '../../server/src/node/check-worker';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';

/**
 * A fixture plan grown to `lines` lines: its body's paragraphs written again, one paragraph per
 * line, before its middle. Without the fixture's comments (its expectations), as a drafter writes
 * it: a body with a comment is read through a mask, whole.
 */
function largePlan(lines: number): string {
  const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-002-ha-tinh.md'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
  const bodyStart = text.indexOf('\n---\n', 4) + 5;
  const paragraphs = text
    .slice(bodyStart)
    .split('\n')
    .filter((line) => /^[A-ZĐÀ-Ỹa-zđà-ỹ]/u.test(line) && line.length > 40);
  assert.ok(paragraphs.length > 5);
  const middle = text.indexOf('\n\n', Math.floor((bodyStart + text.length) / 2)) + 2;
  const added: string[] = [];
  for (let i = 0; added.length < lines; i++) added.push(paragraphs[i % paragraphs.length], '');
  return text.slice(0, middle) + added.join('\n') + text.slice(middle);
}

describe('check worker: the text in pieces', function () {
  // Checks of a 20,000-line plan from scratch: slow on a busy machine, whatever the code does.
  this.timeout(600_000);

  it('checks keystrokes in the middle of a 20,000-line plan without joining its text, as a check from scratch', async () => {
    const { kb } = bundledKnowledge();
    const { port1, port2 } = new MessageChannel();
    const replies: WorkerReply[] = [];
    let waiting: (() => void) | undefined;
    port2.on('message', (reply: WorkerReply) => {
      replies.push(reply);
      waiting?.();
    });
    const answer = async (id: number): Promise<WorkerReply> => {
      for (;;) {
        const found = replies.find((r) => r.type !== 'ready' && r.id === id);
        if (found) return found;
        await new Promise<void>((resolve) => (waiting = resolve));
      }
    };
    runCheckWorker(ALL_RULES, port1 as unknown as Parameters<typeof runCheckWorker>[1], undefined, () => undefined);
    try {
      const settings: CheckSettings = { mode: 'drafting', lang: 'vi', levels: {}, today: '2026-12-05' };
      const uri = 'file:///plans/large.md';
      let text = largePlan(20_000);
      assert.ok(text.split('\n').length > 20_000);
      const send = (request: WorkerRequest): void => port2.postMessage(request);
      send({ type: 'knowledge', key: 1, kb });
      const job = { kind: 'check' as const, uri, syntax: 'markdown' as const, settings, knowledge: 1, memo: true, skip: [] };
      send({ type: 'job', id: 1, job: { ...job, text, version: 1 } });
      const first = await answer(1);
      assert.equal(first.type, 'done', JSON.stringify(first).slice(0, 500));
      let at = text.indexOf('\n', Math.floor(text.length / 2));
      const joins = PieceText.joins;
      let last: WorkerReply | undefined;
      for (let k = 0; k < 6; k++) {
        // Typed at the end of a paragraph: letters, a space, a citation's symbol, a line break, a deletion.
        const [start, end, inserted] = k === 5 ? [at - 1, at, ''] : [at, at, ['a', ' ', 'ư', ' Nghị quyết số 43-NQ/TW', '\n'][k]];
        text = text.slice(0, start) + inserted + text.slice(end);
        at = start + inserted.length;
        const id = 2 + k;
        send({ type: 'job', id, job: { ...job, text: '', version: 2 + k, edits: { base: 1 + k, changes: [{ start, end, newText: inserted }], length: text.length } } });
        last = await answer(id);
        assert.equal(last.type, 'done', JSON.stringify(last).slice(0, 500));
      }
      assert.equal(PieceText.joins, joins, 'a keystroke joined the text');
      const expected = checkText(uri, text, kb, settings, 'markdown');
      assert.ok(last?.type === 'done' && last.result.kind === 'check');
      assert.ok(expected.findings.length > 100);
      assert.deepStrictEqual(last.result.findings, expected.findings);
    } finally {
      port1.close();
      port2.close();
    }
  });
});
