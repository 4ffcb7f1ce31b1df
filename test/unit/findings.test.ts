// Messages of findings: every rule's templates filled in as a plain replacement of each {name} would fill them.

import assert from 'node:assert/strict';
import { boundText, formatMessage } from '../../server/src/core/findings';
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
