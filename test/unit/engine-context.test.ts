// The engine's rule contexts, made once per check: each rule still gets its own count, cap, level and plan, and the analyses shared per plan read.

import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { checkPlan, checkSteps, checkText } from '../../server/src/core/engine';
import { Finding } from '../../server/src/core/findings';
import { parsePlan } from '../../server/src/core/document/parse';
import { Rule, RuleContext } from '../../server/src/core/rules/rule';
import { bundledKnowledge } from '../support/knowledge';
import { fixture } from '../protocol/helpers';

const kb = (): ReturnType<typeof bundledKnowledge>['kb'] => bundledKnowledge().kb;

/** A test rule: `check` is its whole check; level error in drafting unless given. */
function testRule(id: string, check: (ctx: RuleContext) => void, extra: Partial<Rule> = {}): Rule {
  return {
    id,
    category: 'plan',
    reads: 'document',
    title: { vi: id, en: id },
    description: { vi: 'Chỉ dùng trong kiểm thử.', en: 'Tests only.' },
    severity: { drafting: 'error', submission: 'error' },
    messages: { default: { vi: '{id} {n}', en: '{id} {n}' } },
    fixable: false,
    check,
    ...extra,
  };
}

/** A rule that reports `count` times, at 10·n, 10·n + 1 for n = 0 … count - 1 shifted by `from`. */
function reporter(id: string, count: number, from = 0, extra: Partial<Rule> = {}): Rule {
  return testRule(
    id,
    (ctx) => {
      for (let n = 0; n < count; n++) ctx.report({ start: from + 10 * n, end: from + 10 * n + 1, data: { id, n } });
    },
    extra,
  );
}

const shapes = (findings: readonly Finding[]): Array<[string, string, number, number, string]> => findings.map((f) => [f.ruleId, f.severity, f.start, f.end, f.message]);

describe('engine: the rule contexts made once per check', () => {
  const { file, text } = fixture('clean-state.md');
  const uri = pathToFileURL(file).href;

  it('counts each rule against the cap from zero, and puts the count of the rest at that rule’s first hidden report', () => {
    const rules = [reporter('test.a', 5, 0), reporter('test.b', 2, 1000), reporter('test.c', 6, 2000)];
    const findings = checkText(uri, text, kb(), { lang: 'en', rules, maxFindingsPerRule: 3 }).findings;
    const more = (id: string): Array<[number, number, string]> => findings.filter((f) => f.ruleId === id && f.message.includes('more findings')).map((f) => [f.start, f.end, f.message.split(' ')[0]]);
    const listed = (id: string): number[] => findings.filter((f) => f.ruleId === id && !f.message.includes('more findings')).map((f) => f.start);
    assert.deepEqual(listed('test.a'), [0, 10, 20]);
    assert.deepEqual(more('test.a'), [[30, 31, '2']]);
    assert.deepEqual(listed('test.b'), [1000, 1010]);
    assert.deepEqual(more('test.b'), []);
    assert.deepEqual(listed('test.c'), [2000, 2010, 2020]);
    assert.deepEqual(more('test.c'), [[2030, 2031, '3']]);
  });

  it('drops a finding that repeats one of the same rule, place and message, wherever the first repeat comes, and keeps the others', () => {
    /** A rule that reports each [start, n] of `reports` at start (one character), with the message "x n". */
    const reporting = (id: string, reports: Array<[number, number]>): Rule =>
      testRule(id, (ctx) => {
        for (const [start, n] of reports) ctx.report({ start, end: start + 1, data: { id: 'x', n } });
      });
    const a = reporting('test.a', [[5, 0], [5, 0], [5, 1], [20, 0], [40, 0], [40, 0], [40, 0], [60, 2]]);
    // The last: the same rule and message as the last finding at the place before, not a repeat.
    const b = reporting('test.b', [[5, 0], [40, 0], [60, 2], [60, 2], [60, 0]]);
    const findings = checkText(uri, text, kb(), { lang: 'en', rules: [a, b] }).findings;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.start, f.message]),
      [
        ['test.a', 5, 'x 0'],
        ['test.a', 5, 'x 1'],
        ['test.b', 5, 'x 0'],
        ['test.a', 20, 'x 0'],
        ['test.a', 40, 'x 0'],
        ['test.b', 40, 'x 0'],
        ['test.a', 60, 'x 2'],
        ['test.b', 60, 'x 0'],
        ['test.b', 60, 'x 2'],
      ],
    );
    // Without a repeat the findings are as many as the reports.
    assert.equal(checkText(uri, text, kb(), { lang: 'en', rules: [reporter('test.c', 4)] }).findings.length, 4);
  });

  it('gives each finding the level of its own rule, the drafter’s override included', () => {
    const rules = [reporter('test.a', 1, 0), reporter('test.b', 1, 100, { severity: { drafting: 'info', submission: 'error' } }), reporter('test.c', 1, 200, { severity: { drafting: 'hint', submission: 'hint' } })];
    const findings = checkText(uri, text, kb(), { lang: 'en', rules, levels: { 'test.c': 'warning' } }).findings;
    assert.deepEqual(shapes(findings), [
      ['test.a', 'error', 0, 1, 'test.a 0'],
      ['test.b', 'info', 100, 101, 'test.b 0'],
      ['test.c', 'warning', 200, 201, 'test.c 0'],
    ]);
  });

  it('starts the count again after a rule that failed, its findings dropped', () => {
    const failing = testRule('test.fails', (ctx) => {
      ctx.report({ start: 0, end: 1, data: { id: 'x', n: 0 } });
      throw new Error('deliberate failure');
    });
    const rules = [failing, reporter('test.b', 1, 100)];
    const findings = checkText(uri, text, kb(), { lang: 'en', rules, maxFindingsPerRule: 1 }).findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId !== 'plan.internal-error').map((f) => [f.ruleId, f.start, f.message]),
      [['test.b', 100, 'test.b 0']],
    );
  });

  it('gives a plan not in NFC to the rules that read the text as written, and its composed copy, offsets mapped back, to the others', () => {
    const decomposed = text.normalize('NFD');
    assert.notEqual(decomposed, text);
    const word = 'ngày';
    const at = decomposed.indexOf(word.normalize('NFD'));
    assert.ok(at > 0);
    const seen: Array<[string, boolean]> = [];
    const calls: string[] = [];
    const analysis = (ctx: RuleContext): string => {
      calls.push(ctx.plan.text === decomposed ? 'as written' : 'composed');
      return ctx.plan.text;
    };
    const looking = (id: string, wanted: string, readsSourceText: boolean): Rule =>
      testRule(
        id,
        (ctx) => {
          seen.push([id, ctx.plan.text === decomposed]);
          assert.equal(ctx.shared(analysis), ctx.plan.text);
          const i = ctx.plan.text.indexOf(wanted);
          if (i >= 0) ctx.report({ start: i, end: i + wanted.length, data: { id, n: i } });
        },
        readsSourceText ? { readsSourceText: true } : {},
      );
    const rules = [looking('test.composed1', word, false), looking('test.written1', word.normalize('NFD'), true), looking('test.composed2', word, false), looking('test.written2', word.normalize('NFD'), true)];
    const findings = checkText(uri, decomposed, kb(), { lang: 'en', rules }).findings;
    assert.deepEqual(seen, [
      ['test.composed1', false],
      ['test.written1', true],
      ['test.composed2', false],
      ['test.written2', true],
    ]);
    assert.deepEqual(calls, ['composed', 'as written'], 'one analysis per plan read, shared by the rules that read it');
    const end = at + word.normalize('NFD').length;
    assert.deepEqual(
      findings.map((f) => [f.ruleId, f.start, f.end]),
      [
        ['test.composed1', at, end],
        ['test.composed2', at, end],
        ['test.written1', at, end],
        ['test.written2', at, end],
      ],
    );
  });

  it('keeps two checks stepped in turn apart', () => {
    const rules = [reporter('test.a', 4, 0), reporter('test.b', 2, 1000, { severity: { drafting: 'info', submission: 'info' } }), reporter('test.c', 3, 2000)];
    const other = fixture('clean-party.md');
    const one = parsePlan(uri, text);
    const two = parsePlan(pathToFileURL(other.file).href, other.text);
    const options = { lang: 'en' as const, rules, maxFindingsPerRule: 2 };
    const first = checkSteps(one, kb(), options);
    const second = checkSteps(two, kb(), { ...options, maxFindingsPerRule: 1 });
    let a = first.next();
    let b = second.next();
    while (!a.done || !b.done) {
      if (!a.done) a = first.next();
      if (!b.done) b = second.next();
    }
    assert.deepEqual(a.value, checkPlan(one, kb(), options));
    assert.deepEqual(b.value, checkPlan(two, kb(), { ...options, maxFindingsPerRule: 1 }));
    assert.deepEqual(shapes(b.value).map(([id, severity, start]) => [id, severity, start]), [
      ['test.a', 'error', 0],
      ['test.a', 'error', 10],
      ['test.b', 'info', 1000],
      ['test.b', 'info', 1010],
      ['test.c', 'error', 2000],
      ['test.c', 'error', 2010],
    ]);
  });
});
