// The plans of a folder as a registry for one another: entries from metadata, how a citation names a plan of the folder, the province fixtures, duplicate numbers, summaries.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveCitation, titleAgrees } from '../../server/src/core/citations/registry';
import { issuerContradicts, issuerFamily } from '../../server/src/core/citations/workspace';
import { knowledgeAsOf } from '../../server/src/core/data/as-of';
import { KnowledgeBase, RegistryEntry } from '../../server/src/core/data/types';
import { parsePlan, parsePlanHead } from '../../server/src/core/document/parse';
import { checkText } from '../../server/src/core/engine';
import { Finding, Mode } from '../../server/src/core/findings';
import { entryOfFields, issuerLevel, issuerNames, planEntry, planNumberSymbol, typeWordOfKind } from '../../server/src/core/workspace/entry';
import { citedSymbols, indexPlan } from '../../server/src/core/workspace/index-entry';
import { withWorkspace } from '../../server/src/core/workspace/knowledge';
import { summarizePlan } from '../../server/src/core/workspace/summary';
import { entryHead, entryOfText, planEntriesOf, readTextFile } from '../../server/src/node/workspace';
import { bundledKnowledge } from '../support/knowledge';
import { byLine, diffExpectations, readExpectations } from '../support/markers';
import { PROVINCE_FIXTURES } from '../support/paths';

const files = fs
  .readdirSync(PROVINCE_FIXTURES)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort()
  .map((f) => path.join(PROVINCE_FIXTURES, f));
const read = (name: string): string => fs.readFileSync(path.join(PROVINCE_FIXTURES, name), 'utf8');
const label = (file: string): string => path.basename(file);
/** The day the views of these tests are asked as of. */
const TODAY = '2026-12-05';

/** The knowledge the folder's plans are checked with, as `plan43 check folder/` builds it. */
function provinceKnowledge(): KnowledgeBase {
  const { kb } = bundledKnowledge();
  return withWorkspace(kb, planEntriesOf(files, label, kb));
}

function check(file: string, mode: Mode, kb = provinceKnowledge()): { text: string; findings: Finding[] } {
  const text = fs.readFileSync(file, 'utf8');
  return { text, findings: checkText(file, text, kb, { mode, lang: 'vi' }).findings };
}

/** A plan's front matter with the values given, for entries made on purpose. */
function plan(meta: Record<string, string>, uri = 'plan.md'): ReturnType<typeof parsePlan> {
  const lines = ['---', 'template: nq43', ...Object.entries(meta).map(([k, v]) => `${k}: ${JSON.stringify(v)}`), '---', '', 'Thực hiện …', ''];
  return parsePlan(uri, lines.join('\n'));
}

function entryOf(meta: Record<string, string>, uri: string): RegistryEntry {
  const e = planEntry(plan(meta, uri), { uri, label: uri }, bundledKnowledge().kb);
  assert.ok(e, `an entry for ${uri}`);
  return e;
}

describe('workspace: a plan as a registry entry', () => {
  it('reads the number, date, issuer, kind and subject of a plan; the registry date has leading zeros', () => {
    const e = planEntry(parsePlanHead('tinh-uy.md', read('tinh-uy-chuong-trinh.md')), { uri: 'tinh-uy.md', label: 'tinh-uy.md' }, bundledKnowledge().kb);
    assert.ok(e);
    assert.equal(e.symbol, '12-CTr/TU');
    assert.equal(e.date, '15/09/2025');
    assert.equal(e.issuer, 'Ban Thường vụ Tỉnh ủy An Giang');
    assert.equal(e.type, 'Chương trình');
    assert.equal(e.scope, 'workspace');
    assert.deepEqual(e.origin, { uri: 'tinh-uy.md', label: 'tinh-uy.md' });
    assert.match(e.title ?? '', /^thực hiện Nghị quyết số 43-NQ\/TW/u);
    // The subject cites 43-NQ/TW: a citation naming it (or quoting its title) names this programme's subject.
    assert.ok(e.titleAnyOf?.some((set) => set.includes('43-NQ/TW')));
    assert.ok(e.issuerAliases?.includes('Tỉnh ủy An Giang'));
    assert.ok(e.issuerAliases?.includes('Ban Chấp hành Đảng bộ tỉnh An Giang'));
  });

  it('a draft is no entry: a blank number, a blank day, or no issuer', () => {
    const kb = bundledKnowledge().kb;
    assert.equal(planEntry(parsePlanHead('d.md', read('ubnd-phuong-rach-gia-du-thao.md')), { uri: 'd.md', label: 'd.md' }, kb), undefined);
    const base = { number: 'Số: 74/KH-UBND', date: 'ngày 05 tháng 6 năm 2025', issuer: 'Ủy ban nhân dân xã Mỹ Đức', kind: 'KẾ HOẠCH' };
    assert.ok(planEntry(plan(base), { uri: 'a', label: 'a' }, kb));
    assert.equal(planEntry(plan({ ...base, number: 'Số: …/KH-UBND' }), { uri: 'a', label: 'a' }, kb), undefined);
    assert.equal(planEntry(plan({ ...base, date: 'ngày … tháng 6 năm 2025' }), { uri: 'a', label: 'a' }, kb), undefined);
    assert.equal(planEntry(plan({ ...base, issuer: '' }), { uri: 'a', label: 'a' }, kb), undefined);
    assert.equal(planNumberSymbol(plan({ ...base, number: 'Số: /KH-UBND' })), undefined);
    assert.equal(planNumberSymbol(plan({ ...base, number: 'Số 51-CTr/TU' }))?.symbol, '51-CTr/TU');
  });

  it('names a body the ways citations name it, and tells its level and family', () => {
    assert.deepEqual(issuerNames('Đảng ủy xã Mỹ Hòa Hưng'), [
      'Đảng ủy xã Mỹ Hòa Hưng',
      'Ban Thường vụ Đảng ủy xã Mỹ Hòa Hưng',
      'Ban Chấp hành Đảng bộ xã Mỹ Hòa Hưng',
      'Đảng bộ xã Mỹ Hòa Hưng',
    ]);
    assert.ok(issuerNames('Ban Chấp hành Đảng bộ tỉnh An Giang').includes('Tỉnh ủy An Giang'));
    assert.deepEqual(issuerNames('UBND phường Rạch Giá'), ['UBND phường Rạch Giá', 'Ủy ban nhân dân phường Rạch Giá']);
    assert.equal(issuerLevel('Đảng ủy đặc khu Phú Quốc'), 'commune');
    assert.equal(issuerLevel('Ủy ban nhân dân tỉnh An Giang'), 'province');
    assert.equal(issuerLevel('Thị ủy thị xã Tân Châu'), 'district');
    assert.equal(issuerLevel('Bộ Chính trị'), 'central');
    assert.equal(issuerFamily('Ủy ban nhân dân tỉnh'), 'state');
    assert.equal(issuerFamily('Ban Thường vụ Tỉnh ủy'), 'party');
    assert.equal(typeWordOfKind('CHƯƠNG TRÌNH HÀNH ĐỘNG'), 'Chương trình hành động');
  });

  it('indexes what a plan cites, and nothing of a text too large to check', () => {
    assert.deepEqual(citedSymbols('Thực hiện Nghị quyết số 43-NQ/TW và Kế hoạch số 08-KH/ĐU; Nghị quyết số 43-NQ/TW'), ['43-NQ/TW', '08-KH/ĐU']);
    const indexed = indexPlan(parsePlanHead('x.md', read('ubnd-xa-my-hoa-hung.md')), read('ubnd-xa-my-hoa-hung.md'), { uri: 'x.md', label: 'x.md' }, bundledKnowledge().kb);
    assert.ok(indexed);
    for (const s of ['12-CTR/TU', '08-KH/ĐU', '215/KH-UBND', '31/KH-UBND', '95/KH-UBND']) assert.ok(indexed.cites.includes(s), s);
    assert.equal(indexed.head.level, 'commune');
    assert.equal(indexed.head.parent, '08-KH/ĐU');
    // After the opening quote of the value: "Số: 95/KH-UBND".
    assert.deepEqual(indexed.head.numberRange?.start, { line: 7, character: 13 });
  });
});

describe('workspace: which plan a citation names', () => {
  const kb = bundledKnowledge().kb;
  const programme = entryOf(
    {
      number: 'Số 12-CTr/TU',
      date: 'ngày 15 tháng 9 năm 2025',
      issuer: 'Ban Thường vụ Tỉnh ủy An Giang',
      kind: 'CHƯƠNG TRÌNH',
      subject: 'thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII',
    },
    'tu.md',
  );
  const communeA = entryOf({ number: 'Số 05-KH/ĐU', date: 'ngày 24 tháng 10 năm 2025', issuer: 'Đảng ủy xã Châu Phong', kind: 'KẾ HOẠCH' }, 'a.md');
  const communeB = entryOf({ number: 'Số 05-KH/ĐU', date: 'ngày 03 tháng 10 năm 2025', issuer: 'Đảng ủy xã Vĩnh Hậu', kind: 'KẾ HOẠCH' }, 'b.md');
  const withPlans = withWorkspace(kb, [programme, communeA, communeB]);
  const resolve = (symbol: string, input: { date?: [number, number, number]; issuer?: string }) =>
    resolveCitation(knowledgeAsOf(withPlans, TODAY), {
      symbol,
      central: false,
      ...(input.date ? { date: { day: input.date[0], month: input.date[1], year: input.date[2] } } : {}),
      ...(input.issuer ? { issuer: input.issuer } : {}),
    });

  it('the plans of the folder are registry entries the dated view sees', () => {
    const view = knowledgeAsOf(withPlans, TODAY);
    assert.ok(view.documents.includes(programme) && view.documents.includes(communeA));
    // A plan dated after the view's day is not yet a document a plan of that day can cite.
    assert.ok(!knowledgeAsOf(withPlans, '2025-09-01').documents.includes(programme));
    // The Party terms of the registry stay with it.
    assert.deepEqual(withPlans.registry.partyTerms, kb.registry.partyTerms);
  });

  it('by symbol and date, and by symbol and body', () => {
    const byDate = resolve('12-CTr/TU', { date: [15, 9, 2025] });
    assert.equal(byDate.status, 'resolved');
    assert.equal(byDate.status === 'resolved' && byDate.entry, programme);
    const byBody = resolve('05-KH/ĐU', { issuer: 'Đảng ủy xã Vĩnh Hậu' });
    assert.equal(byBody.status === 'resolved' && byBody.entry, communeB);
  });

  it('the same body and year with another date: the plan, its date written wrong', () => {
    const r = resolve('12-CTr/TU', { date: [15, 8, 2025], issuer: 'Ban Thường vụ Tỉnh ủy' });
    assert.equal(r.status === 'resolved' && r.entry, programme);
  });

  it('never by the symbol alone: another commune, another year, or no date and no body stays unchecked', () => {
    assert.equal(resolve('05-KH/ĐU', { date: [2, 4, 2025], issuer: 'Đảng ủy xã Mỹ Đức' }).status, 'unchecked');
    assert.equal(resolve('05-KH/ĐU', { date: [24, 10, 2024], issuer: 'Đảng ủy xã Châu Phong' }).status, 'unchecked');
    assert.equal(resolve('05-KH/ĐU', {}).status, 'unchecked');
    // Two communes' plans share the symbol and a citation names neither body: nothing is claimed.
    assert.equal(resolve('05-KH/ĐU', { date: [1, 1, 2025] }).status, 'unchecked');
    assert.equal(resolve('99-KH/ĐU', { date: [24, 10, 2025], issuer: 'Đảng ủy xã Châu Phong' }).status, 'unchecked');
  });

  it('a commune whose name begins another\'s is another body; a name run on into the sentence is the same', () => {
    const short = entryOf({ number: 'Số 07-KH/ĐU', date: 'ngày 10 tháng 10 năm 2025', issuer: 'Đảng ủy xã Vĩnh Thạnh', kind: 'KẾ HOẠCH' }, 'vt.md');
    const plans = withWorkspace(kb, [short]);
    const cite = (issuer: string, day: number) =>
      resolveCitation(knowledgeAsOf(plans, TODAY), { symbol: '07-KH/ĐU', central: false, date: { day, month: 10, year: 2025 }, issuer });
    // Vĩnh Thạnh Trung's own 07-KH/ĐU, which the folder does not hold: not Vĩnh Thạnh's with a wrong date.
    assert.equal(cite('Đảng ủy xã Vĩnh Thạnh Trung', 12).status, 'unchecked');
    assert.equal(cite('Đảng ủy xã Vĩnh Thạnh 2', 12).status, 'unchecked');
    const runOn = cite('Đảng ủy xã Vĩnh Thạnh đến các chi bộ', 12);
    assert.equal(runOn.status === 'resolved' && runOn.entry, short);
    // Both in the folder: each citation names its own.
    const long = entryOf({ number: 'Số 07-KH/ĐU', date: 'ngày 12 tháng 10 năm 2025', issuer: 'Đảng ủy xã Vĩnh Thạnh Trung', kind: 'KẾ HOẠCH' }, 'vtt.md');
    const both = withWorkspace(kb, [short, long]);
    const r = resolveCitation(knowledgeAsOf(both, TODAY), { symbol: '07-KH/ĐU', central: false, date: { day: 1, month: 10, year: 2025 }, issuer: 'Đảng ủy xã Vĩnh Thạnh Trung' });
    assert.equal(r.status === 'resolved' && r.entry, long);
  });

  it('a body of the other family names no document with the symbol: the date decides, and the issuer is the error', () => {
    const r = resolve('12-CTr/TU', { date: [15, 9, 2025], issuer: 'Ủy ban nhân dân tỉnh' });
    assert.equal(r.status === 'resolved' && r.entry, programme);
    assert.ok(r.status === 'resolved' && issuerContradicts('Ủy ban nhân dân tỉnh', r.entry));
    assert.ok(!issuerContradicts('Ban Thường vụ Tỉnh ủy đến cán bộ', programme), 'a name run on into the sentence is not a contradiction');
    assert.ok(issuerContradicts('Đảng ủy xã Châu Phong', programme), 'a commune is not the province');
  });

  it('the registry files win over the plans of the folder', () => {
    const local: RegistryEntry = { symbol: '12-CTr/TU', type: 'Chương trình', date: '15/09/2025', issuer: 'Tỉnh ủy', scope: 'local' };
    const both = withWorkspace({ ...kb, registry: { documents: [...kb.registry.documents, local] } }, [programme]);
    const r = resolveCitation(knowledgeAsOf(both, TODAY), { symbol: '12-CTr/TU', central: false, date: { day: 15, month: 9, year: 2025 } });
    assert.equal(r.status === 'resolved' && r.entry, local);
  });

  it('a title agrees when it names what the plan implements, or quotes the Resolution\'s title', () => {
    assert.ok(titleAgrees('thực hiện Nghị quyết số 43-NQ/TW của Ban Chấp hành Trung ương, Ủy ban nhân dân xã ban hành Kế hoạch như sau', programme));
    assert.ok(titleAgrees('tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước ta ngày càng phồn vinh, hạnh phúc', programme));
    assert.ok(!titleAgrees('phát huy vai trò của đội ngũ trí thức trong giai đoạn mới', programme));
  });
});

describe('workspace: the province folder checked as one set', () => {
  it('has a provincial programme, the provincial People\'s Committee plan, commune Party and People\'s Committee plans and a draft', () => {
    const names = files.map(label);
    for (const name of ['tinh-uy-chuong-trinh.md', 'ubnd-tinh-ke-hoach.md', 'dang-uy-xa-my-hoa-hung.md', 'ubnd-xa-my-hoa-hung.md', 'ubnd-phuong-rach-gia-du-thao.md']) {
      assert.ok(names.includes(name), name);
    }
    // Every plan but the draft is an entry for the others.
    assert.equal(planEntriesOf(files, label, bundledKnowledge().kb).length, files.length - 1);
  });

  for (const file of files) {
    for (const mode of ['drafting', 'submission'] as const) {
      it(`${label(file)} (${mode}) reports exactly the marked findings`, () => {
        const { text, findings } = check(file, mode);
        const ex = readExpectations(text, 'markdown');
        const expected = new Map(ex.drafting);
        if (mode === 'submission') for (const [line, ids] of ex.submissionOnly) expected.set(line, [...(expected.get(line) ?? []), ...ids]);
        const lines = parsePlan(file, text).lines;
        const diff = diffExpectations(expected, byLine(findings.map((f) => ({ line: lines.positionAt(f.start).line + 1, ruleId: f.ruleId }))));
        assert.deepEqual(diff, [], `${label(file)} (${mode}):\n${diff.join('\n')}`);
      });
    }
  }

  it('checked alone, a plan gets none of the findings that need the others', () => {
    const { kb } = bundledKnowledge();
    for (const file of files) {
      const alone = check(file, 'submission', kb).findings.map((f) => f.ruleId);
      for (const id of ['citation.date-mismatch', 'citation.issuer-mismatch', 'form.duplicate-number']) assert.ok(!alone.includes(id), `${label(file)} alone: ${id}`);
    }
  });

  it('the wrong date, the wrong issuer and the duplicate number say what the folder holds', () => {
    const date = check(path.join(PROVINCE_FIXTURES, 'dang-uy-xa-chau-phong.md'), 'submission').findings.find((f) => f.ruleId === 'citation.date-mismatch');
    assert.equal(date?.severity, 'error');
    assert.match(date?.message ?? '', /15\/8\/2025.*15\/9\/2025/u);
    const issuer = check(path.join(PROVINCE_FIXTURES, 'ubnd-xa-chau-phong.md'), 'submission').findings.find((f) => f.ruleId === 'citation.issuer-mismatch');
    assert.match(issuer?.message ?? '', /Ủy ban nhân dân tỉnh.*Ban Thường vụ Tỉnh ủy An Giang/u);
    const duplicate = check(path.join(PROVINCE_FIXTURES, 'dang-uy-xa-vinh-hau.md'), 'submission').findings.find((f) => f.ruleId === 'form.duplicate-number');
    assert.equal(duplicate?.severity, 'warning');
    assert.match(duplicate?.message ?? '', /10-KH\/ĐU.*Đảng ủy xã Vĩnh Hậu.*2025.*dang-uy-xa-vinh-hau-ban-sua\.md \(ngày 05\/11\/2025\)/u);
  });
});

describe('workspace: the citation rules on a plan of the folder', () => {
  const kb = provinceKnowledge();
  /** The commune plan of Mỹ Hòa Hưng with its preamble's citation of the programme rewritten. */
  const withCitation = (citation: string): Finding[] => {
    const source = read('dang-uy-xa-my-hoa-hung.md');
    const text = source.replace('Chương trình số 12-CTr/TU, ngày 15/9/2025 của Ban Thường vụ Tỉnh ủy An Giang thực hiện Nghị quyết số 43-NQ/TW', citation);
    assert.notEqual(text, source);
    return checkText(path.join(PROVINCE_FIXTURES, 'dang-uy-xa-my-hoa-hung.md'), text, kb, { mode: 'submission', lang: 'vi' }).findings.filter((f) => f.ruleId.startsWith('citation.'));
  };

  it('the type word is checked against the symbol, and the fix offers the plan\'s own kind', () => {
    const found = withCitation('Kế hoạch số 12-CTr/TU, ngày 15/9/2025 của Ban Thường vụ Tỉnh ủy An Giang thực hiện Nghị quyết số 43-NQ/TW');
    const type = found.find((f) => f.ruleId === 'citation.type-mismatch');
    assert.equal(type?.severity, 'error');
    assert.equal(type?.fix?.edits[0].newText, 'Chương trình');
  });

  it('a title that names nothing the plan\'s subject names is a warning, never blocking', () => {
    const found = withCitation('Chương trình số 12-CTr/TU, ngày 15/9/2025 của Ban Thường vụ Tỉnh ủy An Giang về phát triển đội ngũ trí thức trong giai đoạn mới');
    const title = found.find((f) => f.ruleId === 'citation.title-mismatch');
    assert.equal(title?.severity, 'warning');
    assert.deepEqual(found.filter((f) => f.severity === 'error'), []);
  });

  it('a citation naming the programme right gets nothing; a name run on into the sentence neither', () => {
    assert.deepEqual(withCitation('Chương trình số 12-CTr/TU, ngày 15/9/2025 của Ban Thường vụ Tỉnh ủy về thực hiện Nghị quyết số 43-NQ/TW'), []);
    assert.deepEqual(withCitation('Chương trình số 12-CTr/TU, ngày 15/9/2025 của Ban Thường vụ Tỉnh ủy đến các chi bộ'), []);
  });
});

describe('workspace: two plans claiming one number', () => {
  const kb = bundledKnowledge().kb;
  const meta = { number: 'Số: 74/KH-UBND', date: 'ngày 05 tháng 6 năm 2025', issuer: 'Ủy ban nhân dân xã Mỹ Đức', kind: 'KẾ HOẠCH', variant: 'state' };
  const duplicates = (self: Record<string, string>, others: Array<Record<string, string>>): Finding[] => {
    const entries = others.map((m, i) => entryOf(m, `other-${i}.md`));
    const text = plan(self, 'self.md').text;
    return checkText('self.md', text, withWorkspace(kb, entries), { mode: 'submission', lang: 'vi' }).findings.filter((f) => f.ruleId === 'form.duplicate-number');
  };

  it('the same body, symbol and year: one finding on the number, naming the other plan', () => {
    const found = duplicates(meta, [{ ...meta, date: 'ngày 20 tháng 8 năm 2025' }]);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /other-0\.md \(ngày 20\/08\/2025\)/u);
    // "UBND" and "Ủy ban nhân dân" are one body.
    assert.equal(duplicates(meta, [{ ...meta, issuer: 'UBND xã Mỹ Đức', date: 'ngày 01 tháng 7 năm 2025' }]).length, 1);
  });

  it('one document kept twice (the same date and subject, as a plan and its YAML twin) is not two documents', () => {
    const twin = { ...meta, subject: 'thực hiện Nghị quyết số 43-NQ/TW' };
    assert.deepEqual(duplicates(twin, [twin]), []);
    assert.equal(duplicates(twin, [{ ...twin, subject: 'thực hiện Kết luận số 126-KL/TW' }]).length, 1);
  });

  it('another body, another year, or the plan itself: nothing', () => {
    assert.deepEqual(duplicates(meta, [{ ...meta, issuer: 'Ủy ban nhân dân xã Vĩnh Hậu' }]), []);
    // "Mỹ Đức" begins "Mỹ Đức Tây": two communes.
    assert.deepEqual(duplicates(meta, [{ ...meta, issuer: 'Ủy ban nhân dân xã Mỹ Đức Tây', date: 'ngày 01 tháng 7 năm 2025' }]), []);
    assert.deepEqual(duplicates(meta, [{ ...meta, date: 'ngày 05 tháng 6 năm 2024' }]), []);
    const own = entryOf(meta, 'self.md');
    const text = plan(meta, 'self.md').text;
    assert.deepEqual(checkText('self.md', text, withWorkspace(kb, [own]), { lang: 'vi' }).findings.filter((f) => f.ruleId === 'form.duplicate-number'), []);
  });

  it('a draft whose day is still blank is no entry, yet its own number is compared with the others', () => {
    const draft = { ...meta, date: 'ngày    tháng 6 năm 2025' };
    assert.equal(planEntry(plan(draft), { uri: 'd', label: 'd' }, kb), undefined);
    assert.equal(duplicates(draft, [meta]).length, 1);
  });
});

describe('workspace: a plan summed up for the review', () => {
  it('counts, task groups covered by the task-group analysis, and the parents it cites', () => {
    const kb = provinceKnowledge();
    const file = path.join(PROVINCE_FIXTURES, 'ubnd-xa-chau-phong.md');
    const { text, findings } = check(file, 'submission', kb);
    const s = summarizePlan(parsePlan(file, text), kb, findings, { uri: file, label: 'ubnd-xa-chau-phong.md' });
    assert.equal(s.blocking, 1);
    assert.equal(s.head.symbol, '88/KH-UBND');
    assert.equal(s.coverage?.length, kb.template.taskGroups.length);
    assert.ok(s.coverage?.every((c) => c !== 'missing'));
    assert.deepEqual(
      s.parents.map((p) => [p.symbol, p.status]),
      [
        ['05-KH/ĐU', 'match'],
        ['12-CTr/TU', 'mismatch'],
      ],
    );
    assert.match(s.parents[1].problems[0], /Ủy ban nhân dân tỉnh/u);
    assert.equal(s.parents[1].targets[0].uri, path.join(PROVINCE_FIXTURES, 'tinh-uy-chuong-trinh.md'));
  });

  it('a missing task group shows as missing, exactly where task-group.missing reports it', () => {
    const { kb } = bundledKnowledge();
    const source = read('tinh-uy-chuong-trinh.md');
    const text = source.replace(/### 5\. Phát huy dân chủ[\s\S]*?(?=### 6\.)/u, '');
    const { plan: model, findings } = checkText('p.md', text, kb, { lang: 'vi' });
    const s = summarizePlan(model, kb, findings, { uri: 'p.md', label: 'p.md' });
    const missing = kb.template.taskGroups.filter((_, i) => s.coverage?.[i] === 'missing').map((g) => g.id);
    const reported = findings.filter((f) => f.ruleId === 'task-group.missing').length;
    assert.equal(missing.length, reported);
    assert.ok(missing.length > 0);
  });
});

describe('workspace: a plan\'s registry entry read from the head of its file', () => {
  /** The files written for a test, removed after it. */
  function withFiles(files: Array<[string, Buffer]>, run: (paths: string[]) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-head-'));
    try {
      run(files.map(([name, bytes]) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, bytes);
        return file;
      }));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const kb = bundledKnowledge().kb;
  const sources = ['tinh-uy-chuong-trinh.md', 'ubnd-xa-my-hoa-hung.md', 'dang-uy-xa-vinh-hau.md'].map(read);
  // A line that begins as a closing line and is not one, with the fields that follow it: a head cut
  // inside that line must not end the front matter there.
  const falseClose = sources[1].replace(/^(issuer:.*)$/m, '---x: một khóa\n$1').replace(/^(kind:.*)$/m, '...x: không phải dòng đóng\n$1');
  const variants: Array<[string, Buffer]> = [];
  [...sources, falseClose].forEach((t, i) => {
    variants.push([`plain-${i}.md`, Buffer.from(t)]);
    variants.push([`crlf-${i}.md`, Buffer.from(t.replace(/\n/g, '\r\n'))]);
    variants.push([`cr-${i}.md`, Buffer.from(t.replace(/\n/g, '\r'))]);
    variants.push([`bom-${i}.md`, Buffer.from(`\uFEFF${t}`)]);
    variants.push([`nfd-${i}.md`, Buffer.from(t.normalize('NFD'))]);
  });
  variants.push(['utf16.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sources[0], 'utf16le')])]);
  // Bytes that are not UTF-8 inside the front matter and just before a line break.
  variants.push(['bad-bytes.md', Buffer.concat([Buffer.from(sources[2].slice(0, 200)), Buffer.from([0xe1, 0xba, 0x0a, 0xff]), Buffer.from(sources[2].slice(200))])]);

  it('gives the entry of the whole text wherever the head is cut (CRLF, CR, BOM, NFD, a line that is not a closing line, bad bytes, UTF-16)', function () {
    // Exhaustive (every cut or every line, each parsed whole): on two busy cores it outlasts the
    // suite's default timeout, which is a guard against a hang, not a measure of speed.
    this.timeout(180_000);
    withFiles(variants, (paths) => {
      let heads = 0;
      for (const file of paths) {
        const whole = entryOfText(file, readTextFile(file)!, label, kb);
        const size = fs.statSync(file).size;
        for (let n = 1; n <= Math.min(size + 8, 2_600); n++) {
          const head = entryHead(file, n);
          if (head === undefined) continue;
          heads++;
          assert.ok(head.length < size, `${path.basename(file)} cut at ${n}: a head`);
          assert.deepEqual(entryOfText(file, head, label, kb), whole, `${path.basename(file)} cut at ${n}`);
        }
      }
      assert.ok(heads > 10_000, `only ${heads} heads read`);
    });
  });

  it('reads whole a file whose front matter does not close within the head, a UTF-16 one and one no longer than the head', () => {
    withFiles(variants, (paths) => {
      const byName = new Map(paths.map((p) => [path.basename(p), p]));
      assert.equal(entryHead(byName.get('plain-0.md')!, 300), undefined);
      assert.ok(entryHead(byName.get('plain-0.md')!, 4_096));
      assert.equal(entryHead(byName.get('utf16.md')!, 4_096), undefined);
      assert.equal(entryHead(byName.get('plain-0.md')!, fs.statSync(byName.get('plain-0.md')!).size), undefined);
      // The folder's entries as planEntriesOf reads them: those of the whole texts.
      const expected = paths.map((f) => entryOfText(f, readTextFile(f)!, label, kb)).filter((e) => e !== undefined);
      const without = paths.filter((f) => entryOfText(f, readTextFile(f)!, label, kb) === undefined).map((f) => path.basename(f));
      // Written decomposed, a plan's kind is not one the template knows: no entry, read whole or not.
      assert.deepEqual(without, ['nfd-0.md', 'nfd-1.md', 'nfd-2.md', 'nfd-3.md']);
      assert.deepEqual(planEntriesOf(paths, label, kb), expected);
    });
  });
});

describe('the registry entries of a folder’s plans', () => {
  it('share their issuer’s names, kind and date with the other plans’ entries, the values those of each plan', () => {
    const kb = bundledKnowledge().kb;
    const fields = (n: number, issuer: string, date: string) => ({ number: `Số: ${n}-KH/ĐU`, date, issuer, kind: 'KẾ HOẠCH', subject: `về thực hiện Nghị quyết số 43-NQ/TW (${n})` });
    const issuers = ['Đảng ủy xã Mỹ Hòa Hưng', 'UBND phường Rạch Giá', 'Ban Chấp hành Đảng bộ tỉnh An Giang'];
    const entries = Array.from({ length: 12 }, (_, i) => entryOfFields(fields(i + 1, issuers[i % 3], `ngày ${(i % 2) + 3} tháng 5 năm 2024`), { uri: `file:///p${i}.md`, label: `p${i}.md` }, kb)!);
    entries.forEach((e, i) => {
      // What each plan's own reading gives: its issuer's names, the type word, the date.
      const names = issuerNames(issuers[i % 3]);
      assert.equal(e.issuer, names[0]);
      assert.deepEqual(e.issuerAliases, names.slice(1));
      assert.equal(e.type, typeWordOfKind('KẾ HOẠCH'));
      assert.equal(e.date, `0${(i % 2) + 3}/05/2024`);
      assert.equal(e.symbol, `${i + 1}-KH/ĐU`);
      assert.equal(e.title, `thực hiện Nghị quyết số 43-NQ/TW (${i + 1})`);
    });
    // One list of other names for an issuer, whichever plan: not a copy per entry.
    for (let i = 3; i < entries.length; i++) assert.equal(entries[i].issuerAliases, entries[i % 3].issuerAliases);
  });
});
