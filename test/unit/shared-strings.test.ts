// The strings of the findings the check worker sends whole, one copy of each text for plans checked together (server/src/node/shared-strings.ts), shared once their checks pause and nothing held after.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeFinding } from '../../server/src/core/findings';
import { analyzeText } from '../../server/src/lsp/documents';
import { CheckRunner } from '../../server/src/node/check-runner';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { SharedStrings } from '../../server/src/node/shared-strings';
import { PLAN_FIXTURES, SCHEMAS } from '../support/paths';

const after = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('shared strings of findings', () => {
  it('shares the texts of the lists waiting, and the findings read as before', () => {
    const strings = new SharedStrings(60_000);
    try {
      const fix = { title: 'Thay bằng "Vĩnh Long"', kind: 'mechanical' as const, edits: [{ start: 1, end: 2, newText: 'Vĩnh Long' }] };
      const a = makeFinding('name.outdated', 'warning', 'Địa danh "Trà Vinh"', 1, 2, fix, [{ start: 0, end: 1, message: 'Địa danh "Trà Vinh"' }]);
      const b = makeFinding('name.outdated', 'warning', 'Địa danh "Trà Vinh"', 5, 6);
      const before = JSON.stringify([a, b]);
      strings.later([a]);
      strings.later([b]);
      strings.later([]);
      assert.equal(strings.waiting, 2, 'an empty list is not kept');
      // name.outdated, warning, the message, the title, mechanical, Vĩnh Long.
      assert.equal(strings.share(), 6);
      assert.equal(strings.waiting, 0);
      assert.equal(JSON.stringify([a, b]), before, 'the findings read as before');
      assert.deepEqual(Object.keys(a), ['ruleId', 'severity', 'message', 'start', 'end', 'fix', 'related', 'unnecessary'], 'the same fields in the same order');
    } finally {
      strings.clear();
    }
  });

  it('shares once the lists stop coming, and holds nothing after', async () => {
    const strings = new SharedStrings(5);
    strings.later([makeFinding('text.spacing', 'info', 'Thừa dấu cách', 0, 1)]);
    assert.equal(strings.waiting, 1);
    await after(40);
    assert.equal(strings.waiting, 0, 'nothing is held once the checks have paused');
  });

  it('leaves a list it cannot read as it is, without a throw from its timer', async () => {
    const strings = new SharedStrings(5);
    const odd = makeFinding('text.spacing', 'info', 'Thừa dấu cách', 0, 1, { title: 'Bỏ', kind: 'mechanical', edits: undefined as unknown as [] });
    strings.later([odd]);
    await after(40);
    assert.equal(strings.waiting, 0);
    assert.equal(odd.message, 'Thừa dấu cách');
  });

  it('the runner gives it the lists sent whole, and a disposed runner’s are forgotten', async function () {
    this.timeout(60_000);
    const kb = loadKnowledge({ schemasDir: SCHEMAS }).kb;
    const plan = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-002-ha-tinh.md'), 'utf8');
    const strings = new SharedStrings(60_000);
    const runner = new CheckRunner({ log: () => undefined, strings });
    // The same plan opened under three names, as plans opened together are checked: one after another.
    const open = (name: string) => analyzeText(runner, `file:///${name}.md`, plan, 1, 'markdown', { mode: 'drafting', lang: 'vi', levels: {}, registryFiles: [], namesFiles: [], key: '' }, kb, 0, '2026-12-05', () => undefined);
    try {
      const [first, second] = [await open('a'), await open('b')];
      assert.ok(first.findings.length > 0, 'the plan was checked');
      assert.equal(strings.waiting, 2);
      const texts = new Set(first.findings.flatMap((f) => [f.ruleId, f.severity, f.message, ...(f.fix ? [f.fix.title, f.fix.kind, ...f.fix.edits.map((e) => e.newText)] : []), ...(f.related ?? []).map((r) => r.message)]));
      const before = JSON.stringify(second.findings);
      assert.equal(strings.share(), texts.size, 'the second plan’s findings found every text of the first’s');
      assert.equal(JSON.stringify(second.findings), before);
      await open('c');
      assert.equal(strings.waiting, 1);
    } finally {
      runner.dispose();
    }
    assert.equal(strings.waiting, 0, 'forgotten with the runner');
  });
});
