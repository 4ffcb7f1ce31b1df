// Messages of findings: every rule's templates filled in as a plain replacement of each {name} would fill them.

import assert from 'node:assert/strict';
import { boundText, compareFindings, Finding, formatMessage } from '../../server/src/core/findings';
import { MAX_QUOTED_CHARS } from '../../server/src/core/limits';
import { ALL_RULES } from '../../server/src/core/rules/index';

/** What formatMessage must give: each {name} replaced by its value cut to MAX_QUOTED_CHARS, an unknown name left as written. */
function replaced(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in data ? boundText(String(data[key]), MAX_QUOTED_CHARS) : m));
}

describe('finding messages', () => {
  it('fills every template of every rule as a replacement of each placeholder would', () => {
    const values: Array<string | number> = ['Nghị quyết số 43-NQ/TW', 7, '', 'x'.repeat(MAX_QUOTED_CHARS + 40), '{count}', '$& $1 $$', 'đ'.repeat(MAX_QUOTED_CHARS - 1) + '😀'];
    let compared = 0;
    for (const rule of ALL_RULES) {
      for (const message of Object.values(rule.messages)) {
        for (const template of [message.vi, message.en]) {
          const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
          for (let v = 0; v < values.length; v++) {
            // Every name given; then the first one missing (left as written), then no data at all.
            const data: Record<string, string | number> = {};
            names.forEach((name, i) => (data[name] = values[(v + i) % values.length]));
            assert.equal(formatMessage(template, data), replaced(template, data), `${rule.id}: ${template}`);
            if (names.length) {
              const { [names[0]]: _left, ...less } = data;
              assert.equal(formatMessage(template, less), replaced(template, less), `${rule.id}: ${template}`);
            }
            compared++;
          }
          assert.equal(formatMessage(template, undefined), template);
        }
      }
    }
    assert.ok(compared > 100);
  });

  it('fills templates of any shape: placeholders side by side, repeated, at the ends, or none', () => {
    for (const template of ['', '{a}', '{a}{b}', '{a}{a} và {b}', 'không có chỗ nào', '{ a } {a-b} {}', 'trước {a', '{a}} {{b}', '{constructor}']) {
      const datas: Array<Record<string, string | number>> = [{}, { a: 'một' }, { a: 'một', b: 2 }, { b: 'x'.repeat(MAX_QUOTED_CHARS * 2) }];
      for (const data of datas) {
        assert.equal(formatMessage(template, data), replaced(template, data), template);
      }
    }
  });
});

describe('finding order', () => {
  const finding = (ruleId: string, message: string, start = 10, end = 20): Finding => ({ ruleId, severity: 'warning', message, start, end });

  it('orders rule ids as the collator does, in English and Vietnamese, so that code-unit order changes nothing there', () => {
    const ids = [...ALL_RULES.map((r) => r.id), 'data.syntax'];
    assert.ok(ids.length > 20);
    for (const a of ids) {
      assert.match(a, /^[a-z0-9.-]+$/, 'rule ids are lower-case ASCII, digits, dots and hyphens');
      for (const b of ids) {
        const byUnits = Math.sign(compareFindings(finding(a, 'm'), finding(b, 'm')));
        assert.equal(byUnits, Math.sign(a.localeCompare(b, 'en')), `${a} / ${b}`);
        assert.equal(byUnits, Math.sign(a.localeCompare(b, 'vi')), `${a} / ${b}`);
      }
    }
  });

  it('orders by place, then rule id, then message by code units, without the collator', () => {
    const list = [
      finding('text.tone-style', 'b', 5, 9),
      finding('task-group.missing', 'Nhóm nhiệm vụ 3'),
      finding('task-group.missing', 'Đoạn'),
      finding('task-group.missing', 'Nhóm nhiệm vụ 2'),
      finding('task-group.missing', 'E'),
      finding('section.missing', 'z'),
      finding('text.tone-style', 'a', 5, 12),
    ];
    const collate = String.prototype.localeCompare;
    String.prototype.localeCompare = () => {
      throw new Error('the collator was asked');
    };
    let sorted: Finding[];
    try {
      sorted = [...list].sort(compareFindings);
    } finally {
      String.prototype.localeCompare = collate;
    }
    // 'Đ' (U+0110) after every ASCII letter: the same order on every machine, whatever its locale.
    assert.deepEqual(
      sorted.map((f) => `${f.start}-${f.end} ${f.ruleId} ${f.message}`),
      ['5-9 text.tone-style b', '5-12 text.tone-style a', '10-20 section.missing z', '10-20 task-group.missing E', '10-20 task-group.missing Nhóm nhiệm vụ 2', '10-20 task-group.missing Nhóm nhiệm vụ 3', '10-20 task-group.missing Đoạn'],
    );
    assert.equal(compareFindings(finding('a.b', 'x'), finding('a.b', 'x')), 0);
  });
});
