// The fold of each paragraph made once per check and shared by the rules: the same as each rule's own fold, and the rules' findings the same with it.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nameText } from '../../server/src/core/data/types';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkText } from '../../server/src/core/engine';
import { PlanModel, walkSections } from '../../server/src/core/model';
import { paragraphsOf } from '../../server/src/core/rules/rule';
import { findAssignments, mayHoldVerb } from '../../server/src/core/rules/section/implementation-front-assigned';
import { matchAssignments } from '../../server/src/core/template/match';
import { MappedText } from '../../server/src/core/text/mapped-text';
import { TextMemo, withTextMemo } from '../../server/src/core/text/memo';
import { fold, foldOnce } from '../../server/src/core/text/normalize';
import { ParagraphFolds } from '../../server/src/core/text/paragraph-fold';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES, PROVINCE_FIXTURES } from '../support/paths';
import { randomPieceTexts } from '../support/random';

/** Every Markdown and YAML plan of the fixtures, parsed. */
function fixturePlans(): PlanModel[] {
  const out: PlanModel[] = [];
  for (const dir of [PLAN_FIXTURES, PROVINCE_FIXTURES]) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (!/\.(md|ya?ml)$/.test(name) || name === 'README.md') continue;
      const file = path.join(dir, name);
      out.push(parsePlan(file, fs.readFileSync(file, 'utf8')));
    }
  }
  return out;
}

/** Random text of Vietnamese words, names, marks, quotes and white space of every kind, look-alikes, letters beyond the first plane, lone surrogates. */
function randomTexts(seed: number, count: number, extra: readonly string[] = []): string[] {
  const pieces = [
    'Giao', 'giao', 'GIAO', 'giao cho', 'Giao\u00A0cho', 'gIao', 'giáo', 'giao\u0301', 'gia\u0301o', 'Ủy ban', 'Uỷ ban', 'U\u0309y ban', 'Mặt trận Tổ quốc', 'MTTQ', 'UBMTTQ',
    'tổ chức chính trị - xã hội', 'đoàn thể chính trị ‑ xã hội', 'hòa', 'hoà', 'thuỷ', 'THUỶ', 'quý', 'khoá', 'Σ', 'ΣΑΣ', 'σ', 'İ', 'ß', 'ﬁ', 'Ơ', '\u01A2', '\u00D0', 'ð',
    '*', '_', '`', '"', '“', '”', "'", '‘', '’', ' ', '  ', '\t', '\n', '\r\n', '\u00A0', '\u2028', '\u3000', '\uFEFF', ',', '.', ';', ':', '(', ')', '-', '–', '\u2010', '\u2011',
    '𝐀', '😀', '\uD835', '\uDC00', '\u0301', '\u0323', '\u1100', '\u1161', '\u11A8', 'Ω', 'Å', 'phối hợp với', 'Sở Nội vụ', 'các', '1.', '2)', 'x', ...extra,
  ];
  return randomPieceTexts(pieces, seed, count, 24);
}

describe('paragraph folds shared by the rules', () => {
  const kb = bundledKnowledge().kb;
  const plans = fixturePlans();

  it('gives each paragraph the fold name.outdated and the assignments matcher make of it, on the fixtures', () => {
    let compared = 0;
    for (const plan of plans) {
      const folds = new ParagraphFolds();
      for (const block of paragraphsOf(plan)) {
        assert.equal(folds.of(block.text), foldOnce(block.text.text), block.text.text);
        assert.equal(folds.of(block.text), fold(block.text.text), block.text.text);
        compared++;
      }
    }
    assert.ok(compared > 1_000, `only ${compared} paragraphs`);
  });

  it('gives the same fold on the register of names and on random strings, each text object its own', () => {
    const names = kb.names.changes.flatMap((c) => [...c.names.map(nameText), c.current ?? '', ...(c.places ?? [])]);
    const texts = [...names, ...randomTexts(43, 5_000)];
    const folds = new ParagraphFolds();
    const objects = texts.map((t, i) => MappedText.slice(t, i));
    objects.forEach((o, i) => assert.equal(folds.of(o), foldOnce(texts[i]), JSON.stringify(texts[i])));
    // Asked again, in another order: each object still gets the fold of its own text.
    for (let i = objects.length - 1; i >= 0; i--) assert.equal(folds.of(objects[i]), fold(texts[i]), JSON.stringify(texts[i]));
  });

  it('matches the implementation assignments the same with the shared folds as with its own', () => {
    let sections = 0;
    for (const plan of plans) {
      const variant = kb.template.variants[plan.meta.variant?.value.trim() === 'state' ? 'state' : 'party'];
      const folds = new ParagraphFolds();
      // Some paragraphs folded first, as name.outdated would have done.
      for (const block of paragraphsOf(plan).filter((_, i) => i % 2 === 0)) folds.of(block.text);
      for (const section of walkSections(plan.sections)) {
        assert.deepEqual(matchAssignments(section, variant, folds), matchAssignments(section, variant));
        sections++;
      }
    }
    assert.ok(sections > 100, `only ${sections} sections`);
  });

  it('finds the forbidden verbs with a paragraph passed over by its fold exactly where it finds them trying every position', () => {
    const spec = kb.template.variants.state.implementation;
    const verbs = spec.forbiddenFrontVerbs.map(fold).filter(Boolean);
    const cues = spec.frontCues.map(fold).filter(Boolean);
    assert.ok(verbs.length > 0 && cues.length > 0);
    let found = 0;
    let passedOver = 0;
    // Clauses that assign the Front, weighted so that many texts hold one among the random pieces.
    const clauses = ['Giao Ủy ban Mặt trận Tổ quốc', '. Giao cho MTTQ', '; giao Ban Thường trực Ủy ban MTTQ', '\ngiao các tổ chức chính trị - xã hội', ': GIAO cho UBMTTQ', '- giao\u0301 MTTQ', '. Giao“MTTQ” tỉnh', '; giao*Mặt trận Tổ quốc*', "\ngiao'UBMTTQ'", '. giao\u00A0cho\tMTTQ'];
    const texts = [...randomTexts(9, 20_000, [...clauses, ...clauses, ...clauses]), ...plans.flatMap((p) => paragraphsOf(p).map((b) => b.text.text))];
    for (const text of texts) {
      const mapped = MappedText.slice(text, 0);
      const plain = foldOnce(text);
      const expected = findAssignments(mapped, verbs, cues);
      assert.deepEqual(findAssignments(mapped, verbs, cues, plain), expected, JSON.stringify(text));
      if (expected.length > 0) found++;
      if (!mayHoldVerb(text, plain, verbs)) passedOver++;
    }
    // Both kinds are many: texts with a finding and texts passed over without trying a position.
    assert.ok(found > 500, `only ${found} texts with a finding`);
    assert.ok(passedOver > 3_000, `only ${passedOver} texts passed over`);
  });

  it('tries every position where a slice folds otherwise than inside the text', () => {
    const spec = kb.template.variants.state.implementation;
    const verbs = spec.forbiddenFrontVerbs.map(fold).filter(Boolean);
    const cues = spec.frontCues.map(fold).filter(Boolean);
    // A mark after the verb composes with its last letter in the text's fold ("giaó"), not in the slice's.
    for (const text of ['Giao\u0301 Ủy ban Mặt trận Tổ quốc tỉnh.', '- giao\u0300 cho MTTQ xã thực hiện.']) {
      const plain = foldOnce(text);
      assert.ok(!verbs.some((v) => plain.includes(v)), plain);
      const expected = findAssignments(MappedText.slice(text, 0), verbs, cues);
      assert.equal(expected.length, 1, text);
      assert.deepEqual(findAssignments(MappedText.slice(text, 0), verbs, cues, plain), expected);
    }
    // A capital sigma is lower-cased by its neighbours: final ("ς") after a letter and a full stop
    // in the text, not in the slice alone ("σ"). No verb of the data has one; a verb made for it does.
    const text = 'a.Σ MTTQ tỉnh';
    const plain = foldOnce(text);
    assert.ok(!plain.includes('σ'), plain);
    const expected = findAssignments(MappedText.slice(text, 0), ['σ'], ['mttq']);
    assert.equal(expected.length, 1);
    assert.deepEqual(findAssignments(MappedText.slice(text, 0), ['σ'], ['mttq'], plain), expected);
  });

  it('gives the same findings with the shared folds as with each rule folding on its own (the fixtures, every rule)', () => {
    // A check from scratch uses the shared folds; with a document's memory active (the language
    // server), name.outdated folds each paragraph itself and keeps its hits with the text.
    let outdated = 0;
    for (const plan of plans) {
      const shared = checkText(plan.uri, plan.text, kb, { mode: 'drafting', lang: 'vi' }).findings;
      const own = withTextMemo(new TextMemo(), () => checkText(plan.uri, plan.text, kb, { mode: 'drafting', lang: 'vi' }).findings);
      assert.deepEqual(shared, own, plan.uri);
      outdated += shared.filter((f) => f.ruleId === 'name.outdated').length;
    }
    assert.ok(outdated > 10, `only ${outdated} name.outdated findings`);
  });
});
