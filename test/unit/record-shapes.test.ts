// Findings and citations are made in one shape each (every field present, in one order), so that V8 gives each kind one hidden class where lists of them are read: the incremental pass, the worker's delta, the server's diagnostics, the citation rules.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { analyzeCitations, Citation, CITATIONS_MEMORY, KeptCitations } from '../../server/src/core/citations/analysis';
import { viewOfPlanOrUndated } from '../../server/src/core/data/as-of';
import { classifySymbol } from '../../server/src/core/citations/symbol';
import { extractCitations } from '../../server/src/core/citations/extract';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkPlan, checkText, stoppedFinding } from '../../server/src/core/engine';
import { Finding, makeFinding, shiftedFinding } from '../../server/src/core/findings';
import { CheckSession } from '../../server/src/core/incremental';
import { checkFailed } from '../../server/src/lsp/documents';
import { applyFindingsDelta, findingsDelta } from '../../server/src/node/findings-delta';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { asRead } from '../support/findings';

/**
 * V8's own test of two objects' hidden class (a map, in V8's words). The flag allows the syntax in
 * code compiled while it is set: the function is compiled (called once) and the flag set back at
 * once, since V8's flags are part of what its code caches are checked against (code-cache.test.ts).
 */
function hiddenClassTest(): (a: object, b: object) => boolean {
  v8.setFlagsFromString('--allow-natives-syntax');
  try {
    const test = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
    test({}, {});
    return test;
  } finally {
    v8.setFlagsFromString('--no-allow-natives-syntax');
  }
}

const FINDING_KEYS = ['ruleId', 'severity', 'message', 'start', 'end', 'fix', 'related', 'unnecessary'];

const CITATION_KEYS = [
  'index', 'block', 'inSubject', 'at', 'symbol', 'typeWord', 'hasSo', 'compressed', 'date', 'issuer', 'term', 'title',
  'shortForm', 'definesShortFormOf', 'sharedTail', 'tailFrom', 'documentKey', 'first', 'firstIndex', 'resolution',
];

const SYMBOL_KEYS = ['symbol', 'family', 'number', 'year', 'typeCode', 'issuerCode', 'central', 'malformed', 'written', 'at'];
const GRAMMAR_KEYS = ['symbol', 'family', 'number', 'year', 'typeCode', 'issuerCode', 'central', 'malformed'];

/** A plan citing a document of each grammar, a list's members, a symbol with a defect and one of no grammar. */
const SYMBOLS_PLAN = [
  '---',
  'template: nq43',
  'variant: party',
  'kind: CHƯƠNG TRÌNH',
  'issuer: Ban Thường vụ Tỉnh ủy Hà Tĩnh',
  'subject: "Thực hiện Nghị quyết số 43-NQ/TW"',
  '---',
  '',
  'Thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII, Kế hoạch số 74/KH-UBND, Nghị định số 140/2017/NĐ-CP, Luật số 10/2022/QH15, Quyết định số 217, 218-QĐ/TW, Kế hoạch 51/KH–UBND, Chỉ thị số 45-CT/ TW và số 88/NQLT/CP- ĐCTUBTWMTTQVN.',
  '',
  '## I. MỤC ĐÍCH, YÊU CẦU',
  '',
  'Nội dung.',
  '',
].join('\n');

function markdownFixtures(): Array<{ name: string; text: string }> {
  return fs
    .readdirSync(PLAN_FIXTURES)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8') }));
}

describe('records of one shape', () => {
  let sameMap: (a: object, b: object) => boolean;
  before(() => {
    sameMap = hiddenClassTest();
  });

  it('every finding has every field in one order and one hidden class: made by the engine, moved, sent by the worker', () => {
    const { kb } = bundledKnowledge();
    const all: Finding[] = [];
    for (const { name, text } of markdownFixtures()) all.push(...checkText(`file:///plans/${name}`, text, kb, { mode: 'submission' }).findings);
    const stopped = stoppedFinding('citation.unknown', 5);
    assert.ok(stopped);
    // No rule marks a finding unnecessary yet: one made as the engine makes it.
    all.push(stopped, checkFailed(new Error('x'), 'en'), makeFinding('text.spacing', 'hint', 'x', 0, 1, undefined, undefined, true));
    // Findings with and without each optional field.
    assert.ok(all.some((f) => f.fix) && all.some((f) => !f.fix), 'findings with and without a fix');
    assert.ok(all.some((f) => f.related) && all.some((f) => !f.related), 'findings with and without related places');
    assert.ok(all.some((f) => f.unnecessary) && all.some((f) => !f.unnecessary), 'findings with and without the unnecessary tag');
    const first = all[0];
    for (const f of all) {
      const where = `${f.ruleId} at ${f.start}`;
      assert.deepStrictEqual(Object.keys(f), FINDING_KEYS, where);
      assert.ok(sameMap(f, first), `${where}: another hidden class than the first finding's`);
      // The structured clone that brings the worker's findings to the server makes the same class.
      assert.ok(sameMap(structuredClone(f), first), `${where}: its copy has another hidden class`);
      const moved = shiftedFinding(f, 3);
      assert.deepStrictEqual(Object.keys(moved), FINDING_KEYS, where);
      assert.ok(sameMap(moved, first), `${where}: moved, another hidden class`);
    }
  });

  it('the worker sends a moved finding as kept, made with its optional fields undefined or without them', () => {
    const made = makeFinding('r.one', 'error', 'm', 1, 2);
    const delta = findingsDelta(1, [made], [shiftedFinding(made, 3)]);
    // Kept, 3 characters on: not sent whole for its `undefined` fields.
    assert.deepStrictEqual(delta.ops, [0, 1, 3]);
    assert.deepStrictEqual(asRead(applyFindingsDelta(structuredClone([made]), delta)), [{ ruleId: 'r.one', severity: 'error', message: 'm', start: 4, end: 5 }]);
    // A finding written as a literal, without them (as tests write them), likewise.
    const bare: Finding = { ruleId: 'r.one', severity: 'error', message: 'm', start: 1, end: 2 };
    const next = [{ ...bare, start: 4, end: 5 }];
    const again = findingsDelta(1, [bare], next);
    assert.deepStrictEqual(again.ops, [0, 1, 3]);
    assert.deepStrictEqual(asRead(applyFindingsDelta(structuredClone([bare]), again)), next);
  });

  it('every citation has every field in one order and one hidden class, read anew or taken from the last version', () => {
    const { kb } = bundledKnowledge();
    let taken = 0;
    let citations = 0;
    let first: Citation | undefined;
    const check = (list: readonly Citation[], where: string): void => {
      for (const c of list) {
        first ??= c;
        assert.deepStrictEqual(Object.keys(c), CITATION_KEYS, `${where}, citation ${c.index}`);
        assert.ok(sameMap(c, first), `${where}, citation ${c.index}: another hidden class than the first citation's`);
        citations++;
      }
    };
    for (const { name, text } of markdownFixtures()) {
      const uri = `file:///plans/${name}`;
      const plan = parsePlan(uri, text, 'markdown');
      if (!plan.isPlan) continue;
      check(analyzeCitations(plan, viewOfPlanOrUndated(plan, kb)).citations, name);
      // After a keystroke in the middle, through the check session: the citations of the blocks
      // the edit did not touch are the last version's, made again in their block (citationInBlock).
      const session = new CheckSession();
      checkPlan(plan, kb, { session });
      const at = text.indexOf('\n', Math.floor(text.length / 2));
      const edited = `${text.slice(0, at)}x${text.slice(at)}`;
      session.edited(at, at, 1);
      const again = parsePlan(uri, edited, 'markdown');
      checkPlan(again, kb, { session });
      const kept = session.keptAnalysis(CITATIONS_MEMORY) as KeptCitations | undefined;
      if (!kept) continue;
      taken += kept.taken;
      check(kept.analysis.citations, `${name} after an edit`);
    }
    assert.ok(citations > 100, `${citations} citations`);
    assert.ok(taken > 20, `${taken} citations taken from the last version`);
  });

  it("every citation's symbol has every field in one order and one hidden class, whatever its grammar or defect", () => {
    const { kb } = bundledKnowledge();
    const symbols: Array<Citation['symbol']> = [];
    const plans = [{ name: 'symbols.md', text: SYMBOLS_PLAN }, ...markdownFixtures()];
    for (const { name, text } of plans) {
      const plan = parsePlan(`file:///plans/${name}`, text, 'markdown');
      if (plan.isPlan) symbols.push(...analyzeCitations(plan, viewOfPlanOrUndated(plan, kb)).citations.map((c) => c.symbol));
    }
    // Every grammar, a defect and none, a list's member: the shapes a copy of the reader's symbol took.
    for (const family of ['party', 'state', 'normative', 'law', undefined]) assert.ok(symbols.some((s) => s.family === family), `a symbol of ${family}`);
    for (const malformed of ['dash', 'space', 'grammar', undefined]) assert.ok(symbols.some((s) => s.malformed === malformed), `a symbol ${malformed}`);
    assert.ok(symbols.some((s) => s.written === '217'), "a list's member");
    for (const s of symbols) {
      assert.deepStrictEqual(Object.keys(s), SYMBOL_KEYS, s.written);
      assert.ok(sameMap(s, symbols[0]), `${s.written}: another hidden class than the first symbol's`);
    }
    // The reader's own symbols, a list's members' among them, are of one shape too.
    const raws = extractCitations(SYMBOLS_PLAN).map((c) => c.symbol);
    assert.ok(raws.some((s) => s.written === '217'), "a list's member");
    for (const s of raws) {
      assert.deepStrictEqual(Object.keys(s), [...GRAMMAR_KEYS, 'start', 'end', 'written'], s.written);
      assert.ok(sameMap(s, raws[0]), `${s.written}: the reader's symbol of another hidden class than the first one's`);
    }
  });

  it("a symbol's grammar is told in one shape, a new object each time, whatever the grammar", () => {
    const symbols = ['43-NQ/TW', '74/KH-UBND', '140/2017/NĐ-CP', '10/2022/QH15', '88/NQLT/CP-ĐCTUBTWMTTQVN'];
    const first = classifySymbol(symbols[0]);
    for (const s of [...symbols, ...symbols]) {
      const g = classifySymbol(s);
      assert.deepStrictEqual(Object.keys(g), GRAMMAR_KEYS, s);
      assert.ok(sameMap(g, first), `${s}: another hidden class than the first grammar's`);
      assert.ok(!Object.isFrozen(g), s);
      // Whoever is given it may complete or change it: the next reading of the symbol is as it was.
      const family = g.family;
      g.family = 'party';
      g.malformed = 'space';
      assert.deepStrictEqual([classifySymbol(s).family, classifySymbol(s).malformed], [family, s.startsWith('88/') ? 'grammar' : undefined], s);
    }
  });
});
