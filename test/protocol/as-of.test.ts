// What the server suggests follows the plan's date and level: completion, hover and the new-plan skeleton for a plan dated 2024, dated 2026 and with no date (today).

import assert from 'node:assert/strict';
import { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver/node';
import { knowledgeAsOf } from '../../server/src/core/data/as-of';
import { checkText } from '../../server/src/core/engine';
import { assignmentHeading } from '../../server/src/core/template/assignments';
import { bundledKnowledge, localToday } from '../support/knowledge';
import { fixture, insertLines, lineOf, serverOverFixtures } from './helpers';

const DATE_2024 = 'date: ngày 12 tháng 4 năm 2024';

/** The 2024 provincial plan, dated otherwise ("" leaves it undated), its implementation items removed. */
function planDated(dateLine: string): string {
  const text = fixture('clean-party-2024-then-current.md').text.replace(DATE_2024, dateLine);
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^## IV\. TỔ CHỨC THỰC HIỆN/.test(l));
  let end = at + 1;
  while (end < lines.length && !/^Trên đây là/.test(lines[end])) end++;
  lines.splice(at + 1, end - at - 1, '', '', '');
  return lines.join('\n');
}

/** The usual assignments of a provincial Party plan on a day, as the core has them. */
function expectedHeadings(date: string): string[] {
  return knowledgeAsOf(bundledKnowledge().kb, date, 'province').variant('party')!.implementation.assignments.map(assignmentHeading);
}

const hoverText = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');

describe('protocol: suggestions as of the plan\'s date and level', () => {
  const server = serverOverFixtures();
  const open = server.open;
  const request = <T>(method: string, params: unknown): Promise<T> => server.client().request<T>(method, params);

  async function complete(docUri: string, line: number, character: number): Promise<CompletionItem[]> {
    const result = await request<CompletionList | CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: docUri },
      position: { line, character },
      context: { triggerKind: 1 },
    });
    return Array.isArray(result) ? result : result.items;
  }

  async function assignmentLabels(dateLine: string): Promise<string[]> {
    const text = planDated(dateLine);
    const docUri = open(text);
    const at = lineOf(text, /^## IV\. TỔ CHỨC THỰC HIỆN/);
    const items = await complete(docUri, at + 1, 0);
    return items.filter((i) => /^\d+\. /.test(String(i.label))).map((i) => String(i.label).replace(/^\d+\. /, ''));
  }

  it('implementation: the bodies of 2024 for a plan dated 2024, those of today for a plan dated 2026', async () => {
    const in2024 = await assignmentLabels(DATE_2024);
    assert.deepEqual(in2024, expectedHeadings('2024-04-12'));
    assert.ok(in2024.some((l) => /^Ban Dân vận/.test(l)) && in2024.some((l) => /Đảng đoàn Hội đồng nhân dân/.test(l)), in2024.join(' | '));
    const in2026 = await assignmentLabels('date: ngày 16 tháng 3 năm 2026');
    assert.deepEqual(in2026, expectedHeadings('2026-03-16'));
    assert.ok(in2026.some((l) => /Ban Tuyên giáo và Dân vận/.test(l)), in2026.join(' | '));
    assert.ok(in2026.some((l) => /Đảng ủy Ủy ban nhân dân tỉnh/.test(l)) && in2026.some((l) => /Đảng ủy các cơ quan Đảng tỉnh/.test(l)));
    assert.ok(!in2026.some((l) => /Đảng đoàn|ban cán sự đảng|huyện ủy|^Ban Dân vận|^Ban Tuyên giáo Tỉnh ủy/i.test(l)), in2026.join(' | '));
  });

  it('implementation: a plan with no date yet is offered today\'s bodies', async () => {
    assert.deepEqual(await assignmentLabels('date: ""'), expectedHeadings(localToday()));
  });

  it('hover on the implementation heading: the checklist of the plan\'s date, and which date and level it is', async () => {
    for (const [dateLine, day, present, absent] of [
      [DATE_2024, '12/4/2024', /Ban Dân vận/, /Ban Tuyên giáo và Dân vận/],
      ['date: ngày 16 tháng 3 năm 2026', '16/3/2026', /Ban Tuyên giáo và Dân vận/, /Đảng đoàn/],
    ] as const) {
      const text = planDated(dateLine);
      const docUri = open(text);
      const value = hoverText(await request<Hover | null>('textDocument/hover', { textDocument: { uri: docUri }, position: { line: lineOf(text, /^## IV\./), character: 6 } }));
      assert.match(value, present);
      assert.doesNotMatch(value, absent);
      assert.ok(value.includes(`mẫu cấp tỉnh, tại ngày ${day} (ngày của kế hoạch)`), value);
    }
    const undated = planDated('date: ""');
    const value = hoverText(await request<Hover | null>('textDocument/hover', { textDocument: { uri: open(undated) }, position: { line: lineOf(undated, /^## IV\./), character: 6 } }));
    assert.match(value, /chưa ghi ngày nên tính là hôm nay/);
  });

  it('a commune plan is told by its issuer and offered the commune\'s bodies', async () => {
    const text = planDated('date: ngày 16 tháng 3 năm 2026').replace('issuer: Ban Thường vụ Tỉnh ủy Bình Phước', 'issuer: Ban Thường vụ Đảng ủy xã Bảo Hà');
    const docUri = open(text);
    const at = lineOf(text, /^## IV\. TỔ CHỨC THỰC HIỆN/);
    const labels = (await complete(docUri, at + 1, 0)).filter((i) => /^\d+\. /.test(String(i.label))).map((i) => String(i.label).replace(/^\d+\. /, ''));
    const commune = knowledgeAsOf(bundledKnowledge().kb, '2026-03-16', 'commune').variant('party')!.implementation.assignments.map(assignmentHeading);
    assert.deepEqual(labels, commune);
    assert.ok(labels.some((l) => /chi bộ/i.test(l)));
    const value = hoverText(await request<Hover | null>('textDocument/hover', { textDocument: { uri: docUri }, position: { line: at, character: 6 } }));
    assert.match(value, /mẫu cấp xã/);
  });

  it('citations: a plan offers only what had been issued by its date, the newest of a shared number first', async () => {
    for (const [dateLine, expected] of [
      [DATE_2024, ['09/03/2021']],
      ['date: ngày 16 tháng 3 năm 2026', ['23/01/2026', '09/03/2021']],
    ] as const) {
      const text = planDated(dateLine);
      const at = lineOf(text, /^## II\./);
      const typed = insertLines(text, at, ['Căn cứ 01-CT', '']);
      const items = (await complete(open(typed), at, 'Căn cứ 01-CT'.length)).filter((i) => i.label === '01-CT/TW');
      const dates = items.map((i) => /ngày (\d\d\/\d\d\/\d{4})/.exec((i.textEdit as TextEdit).newText)?.[1]);
      assert.deepEqual(dates, expected, `${dateLine}: ${items.map((i) => (i.textEdit as TextEdit).newText).join(' | ')}`);
    }
  });

  it('recipients: the usual recipients of the plan\'s date', async () => {
    for (const [dateLine, present, absent] of [
      [DATE_2024, /Ban Dân vận Trung ương/, /Ban Tuyên giáo và Dân vận Trung ương/],
      ['date: ngày 16 tháng 3 năm 2026', /Ban Tuyên giáo và Dân vận Trung ương/, /Ban Dân vận Trung ương/],
    ] as const) {
      const text = planDated(dateLine).replace(/^recipients:\n(?: {2}- .*\n)+/m, '');
      const at = lineOf(text, /^template:/);
      const items = await complete(open(insertLines(text, at, [''])), at, 0);
      const recipients = items.find((i) => i.label === 'recipients');
      assert.ok(recipients, items.map((i) => i.label).join(', '));
      const inserted = (recipients.textEdit as TextEdit).newText;
      assert.match(inserted, present);
      assert.doesNotMatch(inserted, absent);
      assert.match(inserted, /Lưu Văn phòng Tỉnh ủy\./);
    }
  });

  it('plan43/newPlan: a commune skeleton with the commune\'s number, signature, recipients and bodies, as of this month', async () => {
    for (const variant of ['party', 'state'] as const) {
      const { text } = await request<{ text: string }>('plan43/newPlan', { variant, kind: 'KẾ HOẠCH', format: 'markdown', level: 'commune' });
      const { plan, findings } = checkText('new.md', text, bundledKnowledge().kb, { mode: 'drafting', today: localToday() });
      assert.match(plan.meta.issuer?.value ?? '', variant === 'party' ? /Đảng ủy xã/ : /Ủy ban nhân dân xã/);
      if (variant === 'party') {
        assert.match(plan.meta.number?.value ?? '', /-KH\/ĐU$/);
        assert.equal(plan.meta.recipients?.value.at(-1)?.value, 'Lưu Văn phòng Đảng ủy.');
      }
      const month = Number(localToday().slice(5, 7));
      assert.match(plan.meta.date?.value ?? '', new RegExp(`tháng ${month} năm ${localToday().slice(0, 4)}`));
      const assignments = knowledgeAsOf(bundledKnowledge().kb, `${localToday().slice(0, 8)}01`, 'commune').variant(variant)!.implementation.assignments;
      for (const a of assignments) assert.ok(text.includes(assignmentHeading(a)), `${variant}: ${assignmentHeading(a)}`);
      const wrong = findings.filter((f) => /^(name\.outdated|implementation\.|section\.|task-group\.|form\.(recipients|signature))/.test(f.ruleId));
      assert.deepEqual(wrong.map((f) => `${f.ruleId}: ${f.message}`), []);
    }
    await assert.rejects(request('plan43/newPlan', { variant: 'party', kind: 'KẾ HOẠCH', format: 'markdown', level: 'district' }), /level/);
  });
});
