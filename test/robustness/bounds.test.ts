// Bounded on every input, at the core: findings and messages capped, no array spread into a call, no text dropped by deep nesting, linear clauses, titles and duplicate-key checks, patterns that cannot run away.

import assert from 'node:assert/strict';
import { loadDataText } from '../../server/src/core/data/load';
import { compilePattern, MAX_PATTERN_STACK, patternProblem } from '../../server/src/core/data/pattern';
import { intToRoman, romanToInt } from '../../server/src/core/document/numerals';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkText, INTERNAL_ERROR_RULE } from '../../server/src/core/engine';
import { Finding } from '../../server/src/core/findings';
import { fixAll } from '../../server/src/core/fix';
import { MAX_FINDINGS_PER_RULE, MAX_FIXES_PER_RULE, MAX_MESSAGE_CHARS, MAX_QUOTED_CHARS } from '../../server/src/core/limits';
import { walkSections } from '../../server/src/core/model';
import { readableReport } from '../../server/src/core/report/readable';
import { RULE_METADATA } from '../../server/src/core/rules/index';
import { loadSchemas } from '../../server/src/node/knowledge';
import { bundledKnowledge } from '../support/knowledge';
import { SCHEMAS } from '../support/paths';
import { FRONT, plan } from './support/hostile';
import { productLines } from './support/sources';

function check(text: string, uri = 'file:///bounds/plan.md'): Finding[] {
  return checkText(uri, text, bundledKnowledge().kb, { lang: 'en' }).findings;
}

function countBy(findings: readonly Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) out.set(f.ruleId, (out.get(f.ruleId) ?? 0) + 1);
  return out;
}

/** The one finding of a rule that says how many of its findings are not listed. */
function moreOf(findings: readonly Finding[], ruleId: string): Finding | undefined {
  return findings.find((f) => f.ruleId === ruleId && /more findings of this rule/.test(f.message));
}

function assertNoInternalError(findings: readonly Finding[]): void {
  const failed = findings.filter((f) => f.ruleId === INTERNAL_ERROR_RULE);
  assert.deepEqual(failed.map((f) => f.message), []);
}

describe('robustness: bounds at the core', () => {

  it('no product source passes an array as the arguments of a call (push(...x), Math.max(...x), apply, concat)', () => {
    // A spread into a call puts every item on the stack: past about 150,000 items it overflows.
    const spread = /[\w$)\]]\s*\((?:[^(){}[\]]*,)?\s*\.\.\.(?![\w$]+\s*:)/;
    // Buffer.concat takes its list as one argument; Array#concat in a loop copies the whole array each time.
    const other = /\.apply\s*\(|(?<!Buffer)\.concat\s*\(/;
    const hits = productLines(new RegExp(`${spread.source}|${other.source}`), { withoutStrings: true });
    assert.deepEqual(hits, []);
  });

  it('150,000 paragraphs in one section, Markdown and YAML: checked, no rule fails', () => {
    const paragraphs = Array.from({ length: 150_000 }, () => 'x');
    const markdown = `${FRONT}## I. MỤC ĐÍCH, YÊU CẦU\n\n${paragraphs.join('\n\n')}\n`;
    const md = check(markdown);
    assertNoInternalError(md);
    assert.ok(md.some((f) => f.ruleId === 'section.missing'));
    const yaml = `template: nq43\nvariant: state\nsections:\n  - heading: I. MỤC ĐÍCH, YÊU CẦU\n    text: |\n${paragraphs.map((p) => `      ${p}\n`).join('\n')}`;
    const ya = check(yaml, 'file:///bounds/plan.plan.yaml');
    assertNoInternalError(ya);
    assert.ok(ya.some((f) => f.ruleId === 'section.missing'));
  });

  it('a report of more than 150,000 findings is written', () => {
    const text = 'x\n'.repeat(150_000);
    const findings: Finding[] = Array.from({ length: 150_000 }, (_, i) => ({ ruleId: 'text.spacing', severity: 'warning', message: 'm', start: i * 2, end: i * 2 + 1 }));
    const report = readableReport([{ path: 'plan.md', text, findings }], { lang: 'en', mode: 'submission', rules: RULE_METADATA, helpUri: (id) => id });
    assert.ok(report.includes('(150000)'), report.slice(0, 500));
  });

  it('20,000 headings "## I. A": findings per rule capped, with one finding that says how many more', () => {
    const findings = check(FRONT + '## I. A\n'.repeat(20_000));
    const counts = countBy(findings);
    assert.equal(counts.get('section.numbering'), MAX_FINDINGS_PER_RULE + 1);
    assert.equal(counts.get('section.empty'), MAX_FINDINGS_PER_RULE + 1);
    const more = moreOf(findings, 'section.numbering');
    assert.ok(more, 'the finding that counts the rest');
    assert.match(more.message, new RegExp(`^${20_000 - 1 - MAX_FINDINGS_PER_RULE} more findings`));
    assert.equal(more.severity, 'warning');
    for (const f of findings) assert.ok(f.message.length <= MAX_MESSAGE_CHARS, f.message.slice(0, 100));
  });

  it('the numeral a numbering finding asks for has at most 15 letters, whatever the number of headings', () => {
    assert.equal(intToRoman(89), 'LXXXIX');
    assert.equal(intToRoman(90), 'XC');
    assert.equal(intToRoman(1994), 'MCMXCIV');
    assert.equal(intToRoman(3999), 'MMMCMXCIX');
    assert.equal(intToRoman(125_000), '125000');
    for (let n = 1; n <= 5000; n++) assert.ok(intToRoman(n).length <= 15, String(n));
    assert.equal(romanToInt('XII'), 12);
  });

  it('a plan of U+FFFD characters: one finding per character up to the cap, then one that counts the rest', () => {
    const findings = check(`${FRONT}## I. MỤC ĐÍCH, YÊU CẦU\n\n${'\uFFFD'.repeat(500_000)}\n`);
    assert.equal(countBy(findings).get('text.lookalike'), MAX_FINDINGS_PER_RULE + 1);
    assert.match(moreOf(findings, 'text.lookalike')!.message, new RegExp(`^${500_000 - MAX_FINDINGS_PER_RULE} more`));
  });

  it('"fix all" still fixes past the listing cap', () => {
    const clean = plan('clean-state.md');
    const text = clean.replace('## III.', `${'Tăng cường  công tác. '.repeat(3000)}\n\n## III.`);
    const listed = check(text).filter((f) => f.ruleId === 'text.spacing');
    assert.equal(listed.length, MAX_FINDINGS_PER_RULE + 1);
    const kb = bundledKnowledge().kb;
    const fixed = fixAll(text, (t) => checkText('file:///bounds/plan.md', t, kb, { maxFindingsPerRule: MAX_FIXES_PER_RULE }).findings);
    assert.ok(!fixed.text.includes('cường  công'), 'every double space is fixed');
  });

  it('messages quote at most a bounded text: a numeral, a heading, a key of any length', () => {
    const numeral = 'M'.repeat(100_000);
    const key = 'k'.repeat(100_000);
    const text = plan('clean-state.md').replace('## II.', `## ${numeral}. X\n\n## II.`).replace('variant: state\n', `variant: state\n${key}: 1\n`);
    const findings = check(text);
    assert.ok(findings.length > 0);
    for (const f of findings) {
      assert.ok(f.message.length <= MAX_MESSAGE_CHARS, `${f.ruleId}: ${f.message.length} characters`);
      assert.ok(!f.message.includes('M'.repeat(MAX_QUOTED_CHARS)), `${f.ruleId} quotes at most ${MAX_QUOTED_CHARS} characters`);
    }
    assert.ok(findings.some((f) => f.ruleId === 'plan.syntax' && f.message.includes('kkk…')));
  });

  it('a list nested 12 levels deep: nothing after it is dropped', () => {
    const nested = Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- mục ${i}`).join('\n');
    const clean = plan('clean-state.md');
    const text = clean.replace('## II.', `${nested}\n\n## II.`);
    const model = parsePlan('file:///bounds/nested.md', text);
    const plain = parsePlan('file:///bounds/plain.md', clean);
    assert.deepEqual(
      model.sections.map((s) => s.heading.raw.text),
      plain.sections.map((s) => s.heading.raw.text),
    );
    const all = [...walkSections(model.sections)].flatMap((s) => s.blocks.map((b) => b.text.text)).join('\n');
    assert.ok(all.includes('mục 59'), 'the deepest item is read as text');
    assert.deepEqual(
      check(text).filter((f) => f.ruleId === 'section.missing'),
      [],
    );
  });

  it('template patterns: optional parts count as repetition; stacked repetitions are bounded', () => {
    for (const source of ['^(?:L\\s?\\s?)*\\.$', '(?:a{0,1}a{0,1})*', '^(?:\\d?\\d?)+$', '^\\d*\\d*\\d*\\d*\\d*\\d*$', '^.*.*.*.*$', '^(?:a|b)?(?:a|b)?(?:a|b)?(?:a|b)?x$']) {
      assert.ok(patternProblem(source), `refused: ${source}`);
      assert.equal(compilePattern(source), undefined);
    }
    for (const source of ['^\\d*\\d*\\d*x$', '(?:-[A-Z][a-z0-9]*)*', '^(?:\\s\\p{L}+)*$', '^(?:-\\s*)?Lưu\\s+VT\\.$']) {
      assert.equal(patternProblem(source), undefined, `accepted: ${source}`);
    }
    assert.equal(MAX_PATTERN_STACK, 3);
  });

  it('"giao x …" without punctuation over 300 KB: checked in one pass (the clause is read in a window)', () => {
    const clean = plan('clean-state.md');
    const text = clean.replace('## III.', `${'giao x '.repeat(50_000)}\n\n${'giao Ủy ban MTTQ x '.repeat(2000)}\n\n## III.`);
    const findings = check(text);
    assertNoInternalError(findings);
    const front = findings.filter((f) => f.ruleId === 'implementation.front-assigned');
    assert.equal(front.length, MAX_FINDINGS_PER_RULE + 1);
    assert.ok(front.every((f) => f.message.length < 400));
  });

  it('citations with a title that runs on for 300 KB: each title is read to a bounded length', () => {
    const clean = plan('clean-state.md');
    const text = clean.replace('## III.', `${'Nghị quyết số 43-NQ/TW về x '.repeat(11_000)}\n\n## III.`);
    const findings = check(text);
    assertNoInternalError(findings);
    const titles = findings.filter((f) => f.ruleId === 'citation.title-mismatch');
    assert.ok(titles.length > 0);
    for (const f of titles) assert.ok(f.message.length < MAX_QUOTED_CHARS * 2, `${f.message.length} characters`);
  });

  it('YAML with 60,000 keys, in a front matter and in a registry under the size limit: read in one pass', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `k${i}: v\n`).join('');
    const findings = check(plan('clean-state.md').replace('variant: state\n', `variant: state\n${keys}k1: again\n`));
    const syntax = findings.filter((f) => f.ruleId === 'plan.syntax');
    assert.equal(syntax.length, MAX_FINDINGS_PER_RULE + 1);
    const duplicate = loadDataText('registry', `documents: []\n${keys}k7: again\n`, loadSchemas(SCHEMAS), 'en');
    assert.equal(duplicate.data, undefined);
    assert.ok(duplicate.findings.some((f) => /Map keys must be unique/.test(f.message)));
  });

  it('duplicate keys are still found where the parser found them, in block and flow maps', () => {
    const text = plan('clean-state.md').replace('variant: state\n', 'variant: state\nsigner: {name: A, name: B}\nvariant: party\n');
    const findings = check(text);
    const dup = findings.filter((f) => f.ruleId === 'plan.syntax' && /Map keys must be unique/.test(f.message));
    // "name" in the flow map, "variant", and "signer" (the plan has one further down).
    assert.deepEqual(
      dup.map((f) => text.slice(f.start, f.start + 4)),
      ['name', 'vari', 'sign'],
    );
  });
});
