// The strings of the findings the check worker sends whole, one copy of each text for plans opened together (server/src/node/shared-strings.ts), and the table dropped once the checks pause.

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
  it('holds one string per text, writes equal texts back, and starts again past its size', () => {
    const table = new SharedStrings(60_000, 3);
    try {
      const fix = { title: 'Thay bằng "Vĩnh Long"', kind: 'mechanical' as const, edits: [{ start: 1, end: 2, newText: 'Vĩnh Long' }] };
      const a = makeFinding('name.outdated', 'warning', 'Địa danh "Trà Vinh"', 1, 2, fix, [{ start: 0, end: 1, message: 'Địa danh "Trà Vinh"' }]);
      const b = makeFinding('name.outdated', 'warning', 'Địa danh "Trà Vinh"', 5, 6);
      const before = JSON.stringify([a, b]);
      table.findings([a, b]);
      assert.equal(JSON.stringify([a, b]), before, 'the findings read as before');
      assert.deepEqual(Object.keys(a), ['ruleId', 'severity', 'message', 'start', 'end', 'fix', 'related', 'unnecessary'], 'the same fields in the same order');
      // ruleId, severity, message, title, kind, newText: the table started again once it held three.
      assert.ok(table.size > 0 && table.size <= 3, `size ${table.size}`);
      assert.equal(table.share('x'), 'x');
    } finally {
      table.clear();
    }
  });

  it('is dropped a while after its last use', async () => {
    const table = new SharedStrings(5);
    table.findings([makeFinding('text.spacing', 'info', 'Thừa dấu cách', 0, 1)]);
    assert.equal(table.size, 3);
    await after(40);
    assert.equal(table.size, 0, 'nothing is held once the checks have paused');
  });

  it('the runner shares the strings of the findings of plans checked one after another', async function () {
    this.timeout(60_000);
    const table = new SharedStrings(60_000);
    const runner = new CheckRunner({ log: () => undefined, strings: table });
    try {
      const kb = loadKnowledge({ schemasDir: SCHEMAS }).kb;
      const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-002-ha-tinh.md'), 'utf8');
      const settings = { mode: 'drafting' as const, lang: 'vi' as const, levels: {}, registryFiles: [], namesFiles: [], key: '' };
      const first = await analyzeText(runner, 'file:///a.md', text, 1, 'markdown', settings, kb, 0, '2026-12-05', () => undefined);
      assert.ok(first.findings.length > 0, 'the plan was checked');
      const held = table.size;
      const texts = new Set(first.findings.flatMap((f) => [f.ruleId, f.severity, f.message, ...(f.fix ? [f.fix.title, f.fix.kind, ...f.fix.edits.map((e) => e.newText)] : []), ...(f.related ?? []).map((r) => r.message)]));
      assert.equal(held, texts.size, 'one string per text of the findings');
      const second = await analyzeText(runner, 'file:///b.md', text, 1, 'markdown', settings, kb, 0, '2026-12-05', () => undefined);
      assert.equal(JSON.stringify(second.findings), JSON.stringify(first.findings));
      assert.equal(table.size, held, 'the second plan’s findings found every text in the table');
    } finally {
      runner.dispose();
    }
    assert.equal(table.size, 0, 'dropped with the runner');
  });
});
