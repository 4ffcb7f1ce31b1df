// Facts asked as of a date and a level: the dated view, Party terms, citations of another term, what a new plan offers at each date, and --today.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { knowledgeAsOf, viewOfPlan } from '../../server/src/core/data/as-of';
import { KnowledgeBase, PlanLevel, VariantId } from '../../server/src/core/data/types';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkText } from '../../server/src/core/engine';
import { Finding, Mode } from '../../server/src/core/findings';
import { newPlanText } from '../../server/src/lsp/skeleton';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';

const kb = (): KnowledgeBase => bundledKnowledge().kb;

function fixtureText(name: string): string {
  return fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
}

function check(text: string, mode: Mode, base: KnowledgeBase = kb(), today = '2026-12-05'): Finding[] {
  return checkText('plan.md', text, base, { mode, today }).findings;
}

const ids = (findings: readonly Finding[]): string[] => findings.map((f) => f.ruleId);

describe('as of a date: the dated view', () => {
  it('starts a term with its congress', () => {
    const view = knowledgeAsOf(kb(), '2026-12-05');
    assert.equal(view.termOn('2026-01-18')?.term, 'XIII');
    assert.equal(view.termOn('2026-01-19')?.term, 'XIV');
    assert.equal(view.termOn('2021-01-24')?.term, 'XII');
    assert.equal(view.termOn('2021-01-25')?.term, 'XIII');
    assert.equal(view.termOn('2001-04-19')?.term, 'IX');
    assert.equal(view.currentTerm?.term, 'XIV');
    assert.equal(knowledgeAsOf(kb(), '2024-06-30').currentTerm?.term, 'XIII');
  });

  it('offers to cite only what was issued by the date', () => {
    const cited = (date: string): string[] => knowledgeAsOf(kb(), date).documents.map((d) => `${d.symbol} ${d.date}`);
    assert.ok(cited('2024-06-30').includes('43-NQ/TW 24/11/2023'));
    assert.ok(!cited('2024-06-30').includes('01-CT/TW 23/01/2026'));
    assert.ok(!cited('2024-06-30').includes('304-QĐ/TW 10/06/2025'));
    assert.ok(cited('2026-03-01').includes('01-CT/TW 23/01/2026'));
    assert.ok(cited('2026-03-01').includes('01-CT/TW 09/03/2021'));
  });

  it('expects the bodies of the time in the implementation section, by level', () => {
    const assignments = (date: string, level: PlanLevel, variant: VariantId): string[] =>
      knowledgeAsOf(kb(), date, level).variant(variant)!.implementation.assignments.map((a) => a.id);
    const party2024 = assignments('2024-06-30', 'province', 'party');
    for (const id of ['council-delegation', 'government-board', 'propaganda-board', 'mass-mobilisation-board']) assert.ok(party2024.includes(id), id);
    const party2026 = assignments('2026-03-01', 'province', 'party');
    for (const id of ['government-committee', 'party-agencies-committee', 'propaganda-mobilisation-board', 'front-committee']) assert.ok(party2026.includes(id), id);
    for (const id of ['council-delegation', 'government-board', 'propaganda-board', 'mass-mobilisation-board', 'front-delegation']) assert.ok(!party2026.includes(id), id);
    assert.ok(assignments('2026-03-01', 'commune', 'party').every((id) => id.startsWith('commune-')));
    assert.ok(assignments('2026-03-01', 'commune', 'state').every((id) => id.startsWith('commune-')));
    assert.ok(assignments('2024-06-30', 'province', 'state').includes('departments-localities'));
    assert.ok(assignments('2026-03-01', 'province', 'state').includes('departments-communes'));
  });

  it('tells a plan its date, level and basis', () => {
    const at = (text: string, today?: string) => viewOfPlan(parsePlan('plan.md', text), kb(), today);
    const meta = (lines: string[]): string => ['---', 'template: nq43', ...lines, '---', '', 'Nội dung.', ''].join('\n');
    const dated = at(meta(['variant: party', 'issuer: Ban Thường vụ Tỉnh ủy Lào Cai', 'date: ngày 10 tháng 3 năm 2026']), '2026-12-05');
    assert.deepEqual([dated.date, dated.basis, dated.level], ['2026-03-10', 'plan', 'province']);
    const blankDay = at(meta(['variant: party', 'date: ngày    tháng 2 năm 2025']), '2026-12-05');
    assert.equal(blankDay.date, '2025-02-01', 'a blank day is the first of the month: nothing changed later that month is held against it');
    const undated = at(meta(['variant: party', 'issuer: Ban Thường vụ Đảng ủy xã Bảo Hà']), '2026-12-05');
    assert.deepEqual([undated.date, undated.basis, undated.level], ['2026-12-05', 'today', 'commune']);
    assert.equal(at(meta(['variant: party', 'number: "Số 05-KH/ĐU"'])).level, 'commune', 'the number tells the level when the issuer is not written');
    const unknown = at(meta(['variant: state']));
    assert.equal(unknown.basis, 'latest');
    assert.deepEqual(unknown.outdatedNames, [], 'without a date nothing is said to be outdated');
  });
});

describe('as of a date: documents of another term', () => {
  const text = fixtureText('clean-party-2026-current-term.md');
  /** The bundled knowledge without the XIV Politburo's directive: a registry not yet updated. */
  const withoutNewDirective = (): KnowledgeBase => {
    const base = kb();
    return { ...base, registry: { ...base.registry, documents: base.registry.documents.filter((d) => !(d.symbol === '01-CT/TW' && d.date === '23/01/2026')) } };
  };

  it('keeps a current-term document apart from the older one with its number', () => {
    assert.deepEqual(ids(check(text, 'submission')), []);
  });

  it('a current-term document the registry does not know is a warning, never an older document to correct to', () => {
    const findings = check(text, 'submission', withoutNewDirective());
    assert.deepEqual(ids(findings), ['citation.unknown']);
    assert.equal(findings[0].severity, 'warning');
    assert.ok(!findings[0].fix, 'nothing to rewrite');
    assert.match(findings[0].message, /khóa XIV/);
  });

  it('a date in the same term as the registry entry is still a real mismatch', () => {
    const wrong = text.replace('Chỉ thị số 01-CT/TW, ngày 23/01/2026', 'Chỉ thị số 01-CT/TW, ngày 15/02/2026');
    assert.ok(ids(check(wrong, 'drafting')).includes('citation.date-mismatch'));
  });

  it('a date in an older term than every entry of the symbol is an unknown document, not a mismatch', () => {
    const older = text.replace(
      'Chỉ thị số 01-CT/TW, ngày 23/01/2026 của Bộ Chính trị khóa XIV',
      'Chỉ thị số 01-CT/TW, ngày 15/7/2016 của Bộ Chính trị khóa XII',
    );
    const found = ids(check(older, 'drafting'));
    assert.ok(!found.includes('citation.date-mismatch'), found.join(', '));
    assert.ok(found.includes('citation.unknown'), found.join(', '));
  });

  it('43-NQ/TW stays a resolution of the XIII Central Committee in a 2026 plan', () => {
    assert.ok(/43-NQ\/TW, ngày 24\/11\/2023 của Ban Chấp hành Trung ương Đảng khóa XIII/.test(text));
    const wrong = text.replace('Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục', 'Ban Chấp hành Trung ương Đảng khóa XIV về tiếp tục');
    assert.ok(ids(check(wrong, 'drafting')).includes('citation.term-mismatch'));
  });
});

describe('as of a date: the same plan before and after the changes', () => {
  it('a plan naming the bodies of 2024 is right in 2024 and warned, never blocked, in 2026', () => {
    const then = fixtureText('clean-party-2024-then-current.md');
    assert.deepEqual(ids(check(then, 'submission')), []);
    const now = then.replace('date: ngày 12 tháng 4 năm 2024', 'date: ngày 16 tháng 3 năm 2026');
    const findings = check(now, 'submission');
    assert.ok(findings.length > 10);
    assert.deepEqual([...new Set(findings.map((f) => `${f.ruleId} ${f.severity}`))], ['name.outdated warning']);
  });

  it('an undated plan is judged as of the day it is checked', () => {
    const undated = fixtureText('clean-party-2024-then-current.md').replace('date: ngày 12 tháng 4 năm 2024', 'date: ""');
    assert.ok(!ids(check(undated, 'drafting', kb(), '2024-06-30')).includes('name.outdated'));
    assert.ok(ids(check(undated, 'drafting', kb(), '2026-12-05')).includes('name.outdated'));
    const message = check(undated, 'drafting', kb(), '2026-12-05').find((f) => f.ruleId === 'name.outdated')!.message;
    assert.match(message, /chưa ghi ngày, được xét theo ngày hôm nay 05\/12\/2026/);
  });
});

describe('as of a date: a new plan says what its check expects', () => {
  const DAYS = ['2024-06-01', '2025-02-01', '2025-04-01', '2025-08-01', '2026-03-01'];
  for (const date of DAYS) {
    for (const level of ['province', 'commune'] as const) {
      for (const variant of ['party', 'state'] as const) {
        it(`${variant} plan, ${level} level, ${date}`, () => {
          const view = knowledgeAsOf(kb(), date, level, 'plan');
          const text = newPlanText(view, { variant, kind: '', format: 'markdown' });
          const plan = parsePlan('new.md', text);
          const seen = viewOfPlan(plan, kb(), '2000-01-01');
          assert.deepEqual([seen.date, seen.level], [date, level], 'the skeleton is read at the date and level it was written for');
          const findings = check(text, 'drafting', kb(), date);
          const wrong = findings.filter((f) => /^(name\.outdated|implementation\.|section\.|task-group\.|plan\.|form\.(recipients|signature))/.test(f.ruleId));
          assert.deepEqual(wrong.map((f) => `${f.ruleId}: ${f.message}`), []);
          // What it cites had been issued by then.
          for (const m of text.matchAll(/ngày (\d{2})\/(\d{2})\/(\d{4}) của/g)) assert.ok(`${m[3]}-${m[2]}-${m[1]}` <= date, m[0]);
        });
      }
    }
  }
});

describe('as of a date: the command line', () => {
  function run(args: string[]): { code: number; out: string; err: string } {
    let out = '';
    let err = '';
    const code = runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: process.cwd() });
    return { code, out, err };
  }

  it('--today sets the day a plan with no date is checked as of', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-today-'));
    try {
      const file = path.join(dir, 'plan.md');
      fs.writeFileSync(file, fixtureText('clean-party-2024-then-current.md').replace('date: ngày 12 tháng 4 năm 2024', 'date: ""'));
      const before = run(['check', file, '--today', '2024-06-30', '--format', 'json']);
      assert.ok(!before.out.includes('name.outdated'), before.out);
      const after = run(['check', file, '--today', '2026-12-05', '--format', 'json']);
      assert.ok(after.out.includes('name.outdated'));
      assert.equal(after.code, 0, 'outdated names are warnings, not errors');
      const bad = run(['check', file, '--today', '05/12/2026']);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--today/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('leaves the clean plans of every level and date byte-identical with --fix', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-clean-'));
    try {
      for (const name of ['clean-commune-party-2026.md', 'clean-commune-state-2026.md', 'clean-party-2026-current-term.md', 'clean-party-2024-then-current.md']) {
        const file = path.join(dir, name);
        const original = fixtureText(name);
        fs.writeFileSync(file, original);
        const r = run(['check', file, '--fix', '--submission', '--today', '2026-12-05']);
        assert.equal(r.code, 0, `${name}: ${r.out}${r.err}`);
        assert.equal(fs.readFileSync(file, 'utf8'), original, name);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
