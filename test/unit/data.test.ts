// Unit tests of the bundled data files (template, registry, names), their schemas and their semantic checks.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { DATA_SCHEMA_RULE, DATA_SYNTAX_RULE, DataKind, DataSchemas, loadDataText } from '../../server/src/core/data/load';
import { knowledgeAsOf } from '../../server/src/core/data/as-of';
import { parseRegistryDate } from '../../server/src/core/data/semantics';
import { sectionBody } from '../../server/src/core/rules/section/missing';
import { NameRegister, nameText, Registry, RegistryEntry, TaskGroup, Template } from '../../server/src/core/data/types';
import { fold, foldHeading } from '../../server/src/core/text/normalize';
import { SCHEMAS } from '../support/paths';
import { bundledKnowledge, localToday } from '../support/knowledge';

/** Days on either side of the 2025 reorganisation, and today: what the dated facts are checked on. */
const DAYS = ['2024-06-30', '2025-02-15', '2025-04-01', '2025-08-01', '2026-03-01'];
const LEVELS = ['province', 'commune'] as const;

const readSchema = (name: string): object => JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8')) as object;
const readData = (name: string): string => fs.readFileSync(path.join(SCHEMAS, name), 'utf8');

const schemas: DataSchemas = {
  template: readSchema('template.schema.json'),
  registry: readSchema('registry.schema.json'),
  names: readSchema('names.schema.json'),
};

const TEMPLATE_TEXT = readData('nq43.template.yaml');
const REGISTRY_TEXT = readData('registry.yaml');
const NAMES_TEXT = readData('names.yaml');

function load<T>(kind: DataKind, text: string): { data: T | undefined; findings: ReturnType<typeof loadDataText>['findings'] } {
  const r = loadDataText<T>(kind, text, schemas, 'en');
  return { data: r.data, findings: r.findings };
}

const template = load<Template>('template', TEMPLATE_TEXT).data as Template;
const registry = load<Registry>('registry', REGISTRY_TEXT).data as Registry;
const names = load<NameRegister>('names', NAMES_TEXT).data as NameRegister;

/**
 * Ids of the task groups whose cues match a heading (every phrase of one set). Headings are
 * compared in their heading form ("và" read as ","), cues folded; the plain folded form must give
 * the same answer, so the cues do not depend on how a heading joins its parts.
 */
function matchGroups(heading: string): number[] {
  const match = (h: string): number[] =>
    template.taskGroups.filter((g) => g.cues.some((set) => set.every((p) => h.includes(fold(p))))).map((g) => g.id);
  const asHeading = match(foldHeading(heading));
  assert.deepEqual(match(fold(heading)), asHeading, `fold and foldHeading disagree on: ${heading}`);
  return asHeading;
}

function matchesAny(text: string, sets: readonly (readonly string[])[]): boolean {
  const f = fold(text);
  return sets.some((set) => set.every((p) => f.includes(fold(p))));
}

function group(id: number): TaskGroup {
  const g = template.taskGroups.find((x) => x.id === id);
  assert.ok(g, `task group ${id}`);
  return g;
}

describe('data files', () => {
  describe('bundled files', () => {
    it('load without findings', () => {
      for (const [kind, text] of [
        ['template', TEMPLATE_TEXT],
        ['registry', REGISTRY_TEXT],
        ['names', NAMES_TEXT],
      ] as const) {
        const r = loadDataText(kind, text, schemas, 'en');
        assert.deepEqual(
          r.findings.map((f) => `${f.ruleId} ${f.message}`),
          [],
          kind,
        );
        assert.ok(r.data, kind);
      }
    });

    it('the plan schema compiles and accepts the documented examples', () => {
      const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
      const validate = ajv.compile(readSchema('plan.schema.json'));
      const front = {
        template: 'nq43',
        variant: 'state',
        kind: 'KẾ HOẠCH',
        issuer: 'Ủy ban nhân dân tỉnh Kiên Giang',
        number: 'Số: 74/KH-UBND',
        place: 'Kiên Giang',
        date: 'ngày 05 tháng 6 năm 2024',
        subject: 'Thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy …',
        implements: ['51-CTr/TU', '43-NQ/TW', { symbol: '20-NQ/TW', date: '16/06/2022' }],
        recipients: ['Bộ Nội vụ (b/c);', 'Thường trực Tỉnh ủy (b/c);', 'Lưu: VT, NC.'],
        signer: { authority: 'TM. ỦY BAN NHÂN DÂN', acting: 'KT. CHỦ TỊCH', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn A' },
      };
      assert.ok(validate(front), JSON.stringify(validate.errors));
      const yamlPlan = {
        template: 'nq43',
        variant: 'party',
        number: null,
        preamble: 'Thực hiện …',
        sections: [{ heading: 'I. MỤC ĐÍCH, YÊU CẦU', sections: [{ heading: '1. Mục đích', text: '…' }] }],
        closing: 'Trên đây là …',
        notes: '…',
      };
      assert.ok(validate(yamlPlan), JSON.stringify(validate.errors));
      assert.equal(validate({ template: 'nq43', variant: 'party', colour: 'red' }), false);
      assert.equal(validate({ template: 'nq43', variant: 'ubnd' }), false);
      assert.equal(validate({ template: 'nq43', sections: [{ text: 'no heading' }] }), false);
    });
  });

  describe('template', () => {
    it('has both variants, each with one tasks section and the implementation section last', () => {
      for (const v of [template.variants.party, template.variants.state]) {
        assert.equal(v.sections.filter((s) => s.tasks).length, 1, v.id);
        const last = v.sections[v.sections.length - 1];
        assert.ok(last.implementation && last.last, v.id);
      }
      assert.equal(template.variants.party.sections.find((s) => s.id === 'objectives')?.required, true);
      assert.equal(template.variants.state.sections.find((s) => s.id === 'objectives')?.required, false);
    });

    it('number patterns accept the printed forms and blank drafts, and reject the other variant', () => {
      const party = new RegExp(template.variants.party.numberPattern, 'u');
      const state = new RegExp(template.variants.state.numberPattern, 'u');
      for (const ok of ['Số 51-CTr/TU', 'Số: 51-CTr/TU', 'Số 08-CTrHĐ/TU', 'Số   -CTr/TU', 'Số 21-KH/TW']) assert.ok(party.test(ok), ok);
      for (const bad of ['Số: 74/KH-UBND', 'Số 51- CTr/TU', '51-CTr/TU']) assert.ok(!party.test(bad), bad);
      for (const ok of ['Số: 74/KH-UBND', 'Số: 05/KH-UBND', 'Số: /KH-UBND', 'Số:    /KH-UBND']) assert.ok(state.test(ok), ok);
      for (const bad of ['Số 74/KH-UBND', 'Số: 5/KH-UBND', 'Số: 51-CTr/TU', 'Số: 74/KH- UBND']) assert.ok(!state.test(bad), bad);
      assert.equal(state.exec('Số: 74/KH-UBND')?.groups?.type, 'KH');
      assert.equal(party.exec('Số 51-CTr/TU')?.groups?.issuer, 'TU');
    });

    it('recipient patterns accept the last item of each variant', () => {
      const party = new RegExp(template.variants.party.recipients.lastItemPattern, 'u');
      const state = new RegExp(template.variants.state.recipients.lastItemPattern, 'u');
      for (const ok of ['Lưu Văn phòng Tỉnh ủy.', 'Lưu Văn phòng Tỉnh uỷ.', 'Lưu VPTU.', '- Lưu Văn phòng Thành ủy.']) assert.ok(party.test(ok), ok);
      for (const bad of ['Lưu: VT, NC.', 'Lưu VPTU']) assert.ok(!party.test(bad), bad);
      for (const ok of ['Lưu: VT, NC.', '- Lưu: VT, TH-TĐ10b.']) assert.ok(state.test(ok), ok);
      for (const bad of ['Lưu: VT, ckbich', 'Lưu VPTU.', 'Lưu: VT.']) assert.ok(!state.test(bad), bad);
    });

    it('the state variant asks the Front and requires the provincial Party programme', () => {
      const st = template.variants.state;
      assert.deepEqual(st.implementation.forbiddenFrontVerbs, ['Giao']);
      assert.equal(st.implementation.requestVerb, 'Đề nghị');
      assert.equal(st.ending, './.');
      // Any one of the programmes a People's Committee plan implements: /TU, /ĐU, a provincial /KH-UBND, 94/NQ-CP.
      const programme = st.parents.find((p) => p.anyOf);
      assert.ok(programme && programme.level === 'required');
      const cited = (symbol: string): boolean =>
        programme.anyOf!.some((c) => (c.symbol ? c.symbol === symbol : new RegExp(c.pattern as string, 'u').test(symbol)));
      for (const symbol of ['51-CTr/TU', '05-KH/ĐU', '12-CTr/ĐU', '120/KH-UBND', '94/NQ-CP']) assert.ok(cited(symbol), symbol);
      for (const symbol of ['21-KH/TW', '43-NQ/TW', '05-NQ/TU']) assert.ok(!cited(symbol), symbol);
      assert.deepEqual(
        template.variants.party.parents.map((p) => [p.symbol ?? p.pattern, p.level, (p.levels ?? []).join()]),
        [
          ['43-NQ/TW', 'required', ''],
          ['21-KH/TW', 'expected', 'province'],
          ['\\b\\d+-(?:CTrHĐ|CTHĐ|CTr|KH)/TU\\b', 'required', 'commune'],
        ],
      );
    });

    it('every assignment text matches its own cues, and the monitoring ones the monitoring cues', () => {
      for (const v of [template.variants.party, template.variants.state]) {
        for (const a of v.implementation.assignments) assert.ok(matchesAny(a.text, a.cues), `${v.id}/${a.id}`);
        const monitors = v.implementation.assignments.filter((a) => matchesAny(a.text, v.implementation.monitoringCues)).map((a) => a.id);
        assert.deepEqual(
          monitors,
          v.id === 'party' ? ['mass-mobilisation-board', 'propaganda-mobilisation-board', 'commune-office'] : ['focal-agency', 'commune-focal-officer', 'commune-focal-office'],
        );
      }
    });

    it('the implementation section a plan is given, on every day and level, makes every usual assignment and has a monitoring body', () => {
      for (const day of DAYS) {
        for (const level of LEVELS) {
          const view = knowledgeAsOf(bundledKnowledge().kb, day, level);
          for (const v of Object.values(view.kb.template.variants)) {
            const slot = v.sections.find((s) => s.implementation)!;
            const items = sectionBody(view.kb.template, slot, slot.forms[0].skeleton).split(/^### /m).filter((t) => t.trim() !== '');
            const where = `${v.id}, ${level}, ${day}`;
            assert.ok(v.implementation.assignments.length > 0, where);
            for (const a of v.implementation.assignments) assert.ok(items.some((t) => matchesAny(t, a.cues)), `${where}: ${a.id}`);
            assert.ok(items.some((t) => matchesAny(t, v.implementation.monitoringCues)), where);
            // The Front is asked, never assigned, in a state plan.
            const front = items.filter((t) => v.implementation.frontCues.some((c) => fold(t).includes(fold(c))));
            for (const t of front) for (const verb of v.implementation.forbiddenFrontVerbs) assert.ok(!fold(t).includes(fold(verb) + ' '), t);
          }
        }
      }
    });

    it('the implementation bodies of the seeds show a monitoring body', () => {
      const cues = template.variants.party.implementation.monitoringCues;
      // The item of each seed that charges a body with following up and reporting.
      const monitoring = [
        'Ban Dân vận Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan thường xuyên theo dõi, giám sát, kiểm tra, đôn đốc việc triển khai thực hiện Nghị quyết, Chương trình; định kỳ sơ kết, tổng kết, báo cáo khi có yêu cầu.',
        'Giao Ban Dân vận Tỉnh uỷ chủ trì, phối hợp với các cơ quan liên quan thường xuyên theo dõi, kiểm tra, giám sát, đôn đốc, sơ kết, tổng kết việc triển khai, thực hiện Nghị quyết số 43-NQ/TW và Kế hoạch này, định kỳ báo cáo Ban Thường vụ Tỉnh uỷ.',
        'Ban Dân vận Tỉnh ủy: Chủ trì, phối hợp với các cơ quan liên quan thường xuyên theo dõi, giám sát, kiểm tra, đôn đốc việc triển khai thực hiện Nghị quyết và Chương trình này; định kỳ tham mưu sơ kết, tổng kết việc thực hiện Nghị quyết.',
        'Giao Sở Nội vụ là cơ quan đầu mối, chủ trì đôn đốc, kiểm tra các sở, ban, ngành tỉnh, UBND các huyện, thành phố và các đơn vị có liên quan trong việc thực hiện Kế hoạch này; định kỳ tổng hợp, báo cáo UBND tỉnh tình hình thực hiện Kế hoạch theo quy định.',
        'Ban Dân vận Thành ủy chủ trì, phối hợp với các cơ quan liên quan thường xuyên theo dõi, đôn đốc việc triển khai thực hiện Nghị quyết số 43-NQ/TW và Chương trình của Thành ủy; định kỳ tham mưu sơ kết, tổng kết và báo cáo Ban Thường vụ Thành ủy.',
      ];
      for (const text of monitoring) assert.ok(matchesAny(text, cues), text);
      // Items that supervise or inspect in their own field do not answer for the plan.
      const others = [
        'Các huyện ủy, thị ủy, thành ủy trực thuộc Tỉnh ủy, các ban đảng, ban cán sự đảng, đảng đoàn tổ chức nghiên cứu, quán triệt và xây dựng chương trình, kế hoạch thực hiện Nghị quyết phù hợp với tình hình của ngành, địa phương, cơ quan, đơn vị; định kỳ kiểm tra, đánh giá, đôn đốc việc thực hiện.',
        'Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các đoàn thể chính trị - xã hội tỉnh tăng cường công tác tuyên truyền, vận động và giám sát việc thực hiện Nghị quyết số 43-NQ/TW, Chương trình hành động số 51-CTr/TU và Kế hoạch này.',
      ];
      for (const text of others) assert.ok(!matchesAny(text, cues), text);
    });

    it('what the template offers on a day names no body that is outdated on that day', () => {
      for (const day of [...DAYS, localToday()]) {
        for (const level of LEVELS) {
          const view = knowledgeAsOf(bundledKnowledge().kb, day, level);
          const texts: string[] = [];
          for (const v of Object.values(view.kb.template.variants)) {
            for (const s of v.sections) for (const f of s.forms) texts.push(f.skeleton);
            for (const a of v.implementation.assignments) texts.push(a.text, a.heading ?? '');
            for (const r of v.recipients.suggestions ?? []) texts.push(r.text);
            texts.push(v.issuerExample ?? '', v.recipients.lastItemExample, v.signature.example.authority);
          }
          for (const g of view.kb.template.taskGroups) texts.push(g.skeleton);
          for (const c of view.outdatedNames) {
            for (const n of c.names.map(nameText)) {
              const hit = texts.find((t) => fold(t).includes(fold(n)));
              assert.equal(hit, undefined, `${day}, ${level}: "${n}" (${c.id}) in: ${hit}`);
            }
          }
        }
      }
    });
  });

  describe('task groups', () => {
    it('has the seven groups of the Resolution; the economy is a part of group 4, not a group', () => {
      assert.deepEqual(
        template.taskGroups.map((g) => g.id),
        [1, 2, 3, 4, 5, 6, 7],
      );
      assert.deepEqual(
        template.taskGroups.map((g) => (g.parts ?? []).length),
        [0, 0, 0, 1, 0, 0, 0],
      );
      assert.match(group(5).title, /^Phát huy dân chủ xã hội chủ nghĩa/);
      assert.match(group(6).title, /Mặt trận Tổ quốc Việt Nam/);
      assert.match(group(7).title, /phong trào thi đua yêu nước/);
      for (const g of template.taskGroups) assert.ok(g.skeleton.includes('…'), `group ${g.id} skeleton has placeholders`);
    });

    it('each title matches its own group and no other', () => {
      for (const g of template.taskGroups) assert.deepEqual(matchGroups(g.title), [g.id], g.title);
    });

    // Task-group headings of the five seed plans (numbering removed; wrapped lines joined), with the
    // Resolution group each one paraphrases, or null for a local extra group. Seed 002 keeps its
    // Ƣ/ƣ look-alikes and every seed its own tone style, as printed.
    const SEED_HEADINGS: Array<[string, number, number | null, string]> = [
      ['000', 47, 1, 'Nâng cao nhận thức, trách nhiệm của các cấp uỷ, tổ chức đảng, hệ thống chính trị và Nhân dân về vị trí, tầm quan trọng của việc phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['000', 56, 2, 'Xây dựng những định hướng chính sách, giải pháp đối với các giai cấp, tầng lớp nhân dân'],
      ['000', 79, 3, 'Xây dựng, chỉnh đốn Đảng trong sạch, vững mạnh; tăng cường đoàn kết trong Đảng, giữ vững vai trò hạt nhân lãnh đạo của Đảng trong xây dựng và phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      // A second party-building group: it belongs with group 3, never with group 4.
      ['000', 87, 3, 'Xây dựng tổ chức đảng trong sạch, vững mạnh và đổi mới phương thức lãnh đạo của Đảng để Đảng thực sự là hạt nhân lãnh đạo khối đại đoàn kết toàn dân tộc'],
      ['000', 94, 4, 'Phát huy vai trò của chính quyền nhà nước trong việc thực hiện chính sách đại đoàn kết toàn dân tộc'],
      ['000', 102, 5, 'Phát huy dân chủ xã hội chủ nghĩa, tiềm năng và sức sáng tạo của Nhân dân'],
      ['000', 109, 6, 'Đổi mới nội dung, phương thức hoạt động của Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội; đẩy mạnh công tác vận động quần chúng, huy động mọi nguồn lực cho phát triển đất nước '],
      ['000', 125, 7, 'Tổ chức các cuộc vận động, phong trào thi đua yêu nước thiết thực, hiệu quả'],
      ['001', 55, 1, 'Đẩy mạnh tuyên truyền nâng cao nhận thức, trách nhiệm của các cấp uỷ, tổ chức đảng, hệ thống chính trị và Nhân dân về vị trí, tầm quan trọng của việc phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['001', 67, 2, 'Tiếp tục cụ thể hóa các chủ trương, chính sách về đại đoàn kết toàn dân tộc, phát huy vai trò của các tầng lớp nhân dân góp phần xây dựng đất nước ngày càng phồn vinh, hạnh phúc'],
      ['001', 105, 3, 'Xây dựng, chỉnh đốn Đảng trong sạch, vững mạnh; tăng cường đoàn kết trong Đảng, đổi mới phương thức lãnh đạo của Đảng, giữ vững vai trò hạt nhân lãnh đạo của Đảng trong xây dựng và phát huy truyền thống, sức mạnh khối đại đoàn kết toàn dân tộc'],
      ['001', 127, 4, 'Nâng cao vai trò, hiệu lực, hiệu quả hoạt động của chính quyền các cấp trong phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      // The economy part of group 4 as an item of its own: no group (it is a part of group 4).
      ['001', 139, null, 'Tập trung phát triển kinh tế - xã hội, không ngừng cải thiện toàn diện đời sống vật chất và tinh thần của Nhân dân'],
      ['001', 151, 5, 'Phát huy dân chủ xã hội chủ nghĩa, tiềm năng và sức sáng tạo của Nhân dân'],
      ['001', 161, 6, 'Đổi mới nội dung, phương thức hoạt động của Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội; đẩy mạnh công tác vận động quần chúng, huy động mọi nguồn lực cho phát triển địa phương'],
      ['001', 177, 7, 'Tổ chức các cuộc vận động, phong trào thi đua yêu nước thiết thực, hiệu quả'],
      ['002', 92, 1, 'Nâng cao nhận thức, trách nhiệm của các cấp uỷ, tổ chức đảng, hệ thống chính trị và Nhân dân về vị trí, tầm quan trọng của việc phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['002', 149, 2, 'Hoàn thiện chủ trƣơng, chính sách về đại đoàn kết toàn dân tộc, khơi dậy ý chí, khát vọng phát triển đất nƣớc'],
      ['002', 561, 3, 'Xây dựng, chỉnh đốn Đảng trong sạch, vững mạnh; tăng cƣờng đoàn kết trong Đảng, giữ vững vai trò hạt nhân lãnh đạo của Đảng trong xây dựng và phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['002', 650, 4, 'Nâng cao vai trò, hiệu lực, hiệu quả hoạt động của Nhà nƣớc trong phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['002', 721, 5, 'Phát huy dân chủ xã hội chủ nghĩa, tiềm năng và sức sáng tạo của Nhân dân'],
      ['002', 764, 6, 'Đổi mới nội dung, phƣơng thức hoạt động của Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội; đẩy mạnh công tác vận động quần chúng, huy động mọi nguồn lực cho phát triển đất nƣớc'],
      ['002', 874, 7, 'Tổ chức các cuộc vận động, phong trào thi đua yêu nƣớc thiết thực, hiệu quả'],
      ['003', 33, 1, 'Nâng cao nhận thức, trách nhiệm của các cấp ủy, tổ chức đảng, hệ thống chính trị và Nhân dân về vị trí, tầm quan trọng của việc phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['003', 45, 2, 'Triển khai thực hiện tốt các chủ trương, chính sách về đại đoàn kết toàn dân tộc, khơi dậy khát vọng phát triển tỉnh Kiên Giang'],
      ['003', 73, 3, 'Tiếp tục xây dựng Đảng bộ trong sạch, vững mạnh, lãnh đạo thực hiện tốt việc giữ gìn và phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['003', 87, 4, 'Nâng cao vai trò, hiệu lực, hiệu quả hoạt động của các cấp chính quyền trong phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      // The armed forces: a local extra group.
      ['003', 105, null, 'Nâng cao trách nhiệm của lực lượng vũ trang trong thực hiện phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['003', 111, 6, 'Tiếp tục đổi mới nội dung, phương thức hoạt động của Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội; đẩy mạnh công tác vận động quần chúng, huy động mọi nguồn lực cho phát triển đất nước'],
      ['003', 123, 5, 'Phát huy dân chủ xã hội chủ nghĩa, tiềm năng và sức sáng tạo của Nhân dân'],
      ['003', 133, 7, 'Tổ chức các cuộc vận động, phong trào thi đua yêu nước thiết thực, hiệu quả'],
      ['004', 49, 1, 'Tập trung nâng cao nhận thức, trách nhiệm của các cấp ủy, tổ chức đảng, hệ thống chính trị và Nhân dân về vị trí, tầm quan trọng của việc phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['004', 57, 2, 'Phát huy vai trò của các giai tầng xã hội, các tầng lớp nhân dân trong thành phố phù hợp chủ trương, chính sách về đại đoàn kết toàn dân tộc, khơi dậy mọi tiềm năng, ý chí, khát vọng phát triển đất nước, sức sáng tạo của mỗi người Việt Nam, góp phần xây dựng quê hương, đất nước phồn vinh, hạnh phúc'],
      ['004', 83, 3, 'Xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh; tăng cường đoàn kết trong Đảng, giữ vững vai trò hạt nhân lãnh đạo của Đảng trong xây dựng và phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['004', 91, 4, 'Nâng cao vai trò, hiệu lực, hiệu quả hoạt động của Nhà nước trong phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc'],
      ['004', 99, 5, 'Phát huy dân chủ xã hội chủ nghĩa, tiềm năng và sức sáng tạo của Nhân dân'],
      ['004', 107, 6, 'Đổi mới nội dung, phương thức hoạt động của Mặt trận Tổ quốc Việt Nam, các tổ chức chính trị - xã hội; đẩy mạnh công tác vận động quần chúng, huy động mọi nguồn lực cho phát triển đất nước'],
      ['004', 115, 7, 'Tổ chức các cuộc vận động, phong trào thi đua yêu nước thiết thực, hiệu quả'],
      // The wording of Kế hoạch số 21-KH/TW (summary on sotuphap.kontum.gov.vn) and usual paraphrases.
      ['21-KH/TW', 2, 1, 'Đổi mới nội dung, phương pháp, đa dạng hóa hình thức tuyên truyền, vận động, nâng cao nhận thức của cán bộ, đảng viên, hội viên và Nhân dân về truyền thống và sức mạnh đại đoàn kết toàn dân tộc'],
      ['21-KH/TW', 3, 2, 'Tiếp tục thể chế hóa, cụ thể hóa, hoàn thiện chính sách, pháp luật về đại đoàn kết toàn dân tộc; phát huy vai trò của các giai tầng xã hội'],
      ['21-KH/TW', 3, 2, 'Thể chế hóa, cụ thể hóa, hoàn thiện chủ trương, chính sách, pháp luật về đại đoàn kết toàn dân tộc'],
      // The task of issuing one's own programme is no group of the Resolution.
      ['21-KH/TW', 1, null, 'Các cấp ủy, tổ chức đảng lãnh đạo, chỉ đạo ban hành chương trình, kế hoạch triển khai thực hiện Nghị quyết gắn với Nghị quyết Đại hội XIII và các nghị quyết, chủ trương của Đảng có liên quan'],
      ['paraphrase', 0, 4, 'Nâng cao hiệu quả hoạt động của chính quyền các cấp trong phát huy sức mạnh đại đoàn kết toàn dân tộc'],
      ['paraphrase', 0, 5, 'Thực hiện tốt dân chủ ở cơ sở, phát huy quyền làm chủ của Nhân dân'],
      ['paraphrase', 0, 6, 'Đẩy mạnh công tác dân vận, đổi mới phương thức vận động, tập hợp Nhân dân'],
      ['paraphrase', 0, 1, 'Đẩy mạnh tuyên truyền, giáo dục truyền thống đại đoàn kết toàn dân tộc'],
    ];

    for (const [seed, line, expected, heading] of SEED_HEADINGS) {
      it(`${/^\d/.test(seed) ? `seed ${seed} l.${line}` : line ? `${seed} task ${line}` : seed} → ${expected === null ? 'no group' : `group ${expected}`}: ${heading.slice(0, 50)}`, () => {
        assert.deepEqual(matchGroups(heading), expected === null ? [] : [expected]);
      });
    }

    it('the economy part of group 4 is recognised as a part, in every way plans write it', () => {
      const cues = (group(4).parts ?? [])[0].cues;
      const texts = [
        'Tập trung phát triển kinh tế - xã hội, không ngừng cải thiện toàn diện đời sống vật chất và tinh thần của Nhân dân',
        'Tập trung đẩy mạnh phát triển kinh tế - xã hội nhanh, bền vững; tiếp tục cải thiện toàn diện đời sống vật chất và tinh thần của Nhân dân',
        'Không ngừng nâng cao đời sống vật chất, tinh thần của Nhân dân',
      ];
      for (const text of texts) {
        assert.ok(matchesAny(foldHeading(text), cues), text);
        assert.deepEqual(matchGroups(text), [], `${text} is no group`);
      }
    });
  });

  describe('registry', () => {
    // Spec §6 and the documents of research notes §2: symbol, type, date, issuer, term.
    const FACTS: Array<[string, string, string, string, string | undefined]> = [
      ['43-NQ/TW', 'Nghị quyết', '24/11/2023', 'Ban Chấp hành Trung ương Đảng', 'XIII'],
      ['21-KH/TW', 'Kế hoạch', '28/11/2023', 'Bộ Chính trị', 'XIII'],
      ['94/NQ-CP', 'Nghị quyết', '19/06/2024', 'Chính phủ', undefined],
      ['23-NQ/TW', 'Nghị quyết', '12/03/2003', 'Ban Chấp hành Trung ương Đảng', 'IX'],
      ['45-NQ/TW', 'Nghị quyết', '24/11/2023', 'Ban Chấp hành Trung ương Đảng', 'XIII'],
      ['46-NQ/TW', 'Nghị quyết', '20/12/2023', 'Bộ Chính trị', undefined],
      ['41-NQ/TW', 'Nghị quyết', '10/10/2023', 'Bộ Chính trị', undefined],
      ['27-NQ/TW', 'Nghị quyết', '09/11/2022', 'Ban Chấp hành Trung ương Đảng', 'XIII'],
      ['28-NQ/TW', 'Nghị quyết', '17/11/2022', 'Ban Chấp hành Trung ương Đảng', 'XIII'],
      ['19-NQ/TW', 'Nghị quyết', '16/06/2022', 'Ban Chấp hành Trung ương Đảng', 'XIII'],
      ['20-NQ/TW', 'Nghị quyết', '16/06/2022', 'Ban Chấp hành Trung ương Đảng', 'XIII'],
      ['20-NQ/TW', 'Nghị quyết', '28/01/2008', 'Ban Chấp hành Trung ương Đảng', 'X'],
      ['11-NQ/TW', 'Nghị quyết', '10/02/2022', 'Bộ Chính trị', undefined],
      ['02-NQ/TW', 'Nghị quyết', '12/06/2021', 'Bộ Chính trị', undefined],
      ['01-KL/TW', 'Kết luận', '18/05/2021', 'Bộ Chính trị', undefined],
      ['21-KL/TW', 'Kết luận', '25/10/2021', 'Ban Chấp hành Trung ương Đảng', 'XIII'],
      ['58-KL/TW', 'Kết luận', '23/06/2023', 'Ban Bí thư', undefined],
      ['65-KL/TW', 'Kết luận', '30/10/2019', 'Bộ Chính trị', undefined],
      ['18-CT/TW', 'Chỉ thị', '26/10/2022', 'Ban Bí thư', undefined],
      ['18-CT/TW', 'Chỉ thị', '10/01/2018', 'Bộ Chính trị', 'XII'],
      ['21-CT/TW', 'Chỉ thị', '20/01/2018', 'Ban Bí thư', undefined],
      ['42-CT/TW', 'Chỉ thị', '24/03/2015', 'Ban Bí thư', undefined],
      ['12-CT/TW', 'Chỉ thị', '05/01/2022', 'Ban Bí thư', undefined],
      ['217-QĐ/TW', 'Quyết định', '12/12/2013', 'Bộ Chính trị', 'XI'],
      ['218-QĐ/TW', 'Quyết định', '12/12/2013', 'Bộ Chính trị', 'XI'],
      ['236/QĐ-TTg', 'Quyết định', '19/03/2024', 'Thủ tướng Chính phủ', undefined],
      ['34/2007/PL-UBTVQH11', 'Pháp lệnh', '20/04/2007', 'Ủy ban Thường vụ Quốc hội', undefined],
      ['10/2022/QH15', 'Luật', '10/11/2022', 'Quốc hội', undefined],
      ['140/2017/NĐ-CP', 'Nghị định', '05/12/2017', 'Chính phủ', undefined],
      ['30/2020/NĐ-CP', 'Nghị định', '05/03/2020', 'Chính phủ', undefined],
      ['36-HD/VPTW', 'Hướng dẫn', '03/04/2018', 'Văn phòng Trung ương Đảng', undefined],
      // Research notes §2.
      ['124-QĐ/TW', 'Quy định', '02/02/2018', 'Ban Bí thư', 'XII'],
      ['05-CT/TW', 'Chỉ thị', '15/05/2016', 'Bộ Chính trị', undefined],
      ['11-NQ/TW', 'Nghị quyết', '27/04/2007', 'Bộ Chính trị', 'X'],
      ['25-NQ/TW', 'Nghị quyết', '25/07/2008', 'Ban Chấp hành Trung ương Đảng', 'X'],
      ['25-NQ/TW', 'Nghị quyết', '12/03/2003', 'Ban Chấp hành Trung ương Đảng', 'IX'],
      ['09-NQ/TW', 'Nghị quyết', '08/01/2002', 'Bộ Chính trị', 'IX'],
      ['24-NQ/TW', 'Nghị quyết', '12/03/2003', 'Ban Chấp hành Trung ương Đảng', 'IX'],
      ['120-KL/TW', 'Kết luận', '07/01/2016', 'Bộ Chính trị', 'XI'],
      ['62-KL/TW', 'Kết luận', '08/12/2009', 'Bộ Chính trị', 'X'],
    ];

    const find = (symbol: string, date: string): RegistryEntry | undefined =>
      registry.documents.find((d) => d.symbol === symbol && d.date === date);

    for (const [symbol, type, date, issuer, term] of FACTS) {
      it(`${symbol} ${date}`, () => {
        const e = find(symbol, date);
        assert.ok(e, `no entry ${symbol} ${date}`);
        assert.equal(e.type, type);
        assert.equal(fold(e.issuer), fold(issuer));
        if (term) assert.equal(e.term, term);
        assert.equal(e.scope, 'central');
        assert.ok(parseRegistryDate(e.date));
      });
    }

    it('keeps ambiguous symbols apart and lists no other date for them', () => {
      for (const symbol of ['18-CT/TW', '20-NQ/TW', '11-NQ/TW', '25-NQ/TW']) {
        assert.equal(registry.documents.filter((d) => d.symbol === symbol).length, 2, symbol);
      }
      assert.equal(registry.documents.filter((d) => d.symbol === '58-KL/TW').length, 1);
    });

    it('accepts the ways plans name the issuer of 43-NQ/TW and recognises a misquoted title', () => {
      const e = find('43-NQ/TW', '24/11/2023') as RegistryEntry;
      const issuers = [e.issuer, ...(e.issuerAliases ?? [])].map(fold);
      for (const name of ['Ban Chấp hành Trung ương', 'Ban Chấp hành Trung ương Đảng', 'Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng', 'Hội nghị Trung ương 8']) {
        assert.ok(issuers.includes(fold(name)), name);
      }
      const keys = e.titleKeys ?? [];
      const hasKeys = (t: string): boolean => keys.every((k) => fold(t).includes(fold(k)));
      assert.ok(hasKeys('về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước ta \nngày càng phồn vinh, hạnh phúc'));
      // Seed 000, l.140.
      assert.ok(!hasKeys('“Tiếp tục phát huy truyền thống đại đoàn kết dân tộc, xây dựng đất nước ta ngày càng giàu mạnh, phồn vinh, văn minh, hạnh phúc”'));
    });

    it('records that the 2007 ordinance was replaced by the 2022 law', () => {
      assert.equal(find('34/2007/PL-UBTVQH11', '20/04/2007')?.replacedBy, '10/2022/QH15');
      assert.ok(find('10/2022/QH15', '10/11/2022'));
    });
  });

  describe('names', () => {
    const change = (id: string) => names.changes.find((c) => c.id === id);

    it('records the merged boards, the district level, the provinces and the term', () => {
      assert.equal(change('central-propaganda-board')?.until, '2025-02-03');
      assert.equal(change('central-propaganda-board')?.current, 'Ban Tuyên giáo và Dân vận Trung ương');
      assert.equal(change('central-mass-mobilisation-board')?.until, '2025-02-03');
      assert.equal(change('district-party-committees')?.until, '2025-07-01');
      assert.equal(change('district-authorities')?.until, '2025-07-01');
      assert.equal(change('province-hau-giang')?.current, 'thành phố Cần Thơ');
      assert.equal(change('province-soc-trang')?.current, 'thành phố Cần Thơ');
      assert.equal(change('province-kien-giang')?.current, 'tỉnh An Giang');
      const term = change('central-committee-term-xiii');
      assert.equal(term?.kind, 'term');
      assert.equal(term?.until, '2026-01-23');
      // 29 provinces joined others on 1/7/2025 (63 → 34); Lạng Sơn and Hà Tĩnh did not.
      const merged = names.changes.filter((c) => c.id.startsWith('province-') && c.until === '2025-07-01');
      assert.equal(merged.length, 29);
      for (const kept of ['Lạng Sơn', 'Hà Tĩnh', 'Cần Thơ', 'An Giang']) {
        assert.ok(!merged.some((c) => c.names.some((n) => fold(nameText(n)).includes(fold(kept)))), kept);
      }
    });

    it('does not flag a citation of a document issued by the XIII Central Committee', () => {
      const citation = fold('Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục phát huy truyền thống');
      for (const c of names.changes) for (const n of c.names.map(nameText)) assert.ok(!citation.includes(fold(n)), n);
    });

    it('district phrases do not fire on ordinary text', () => {
      const ordinary = fold(
        'Phát triển đô thị Ủy ban nhân dân tỉnh chỉ đạo; Thành ủy Cần Thơ; Ủy ban nhân dân các xã, phường; thành phố Cần Thơ; Đảng ủy các cơ quan Đảng tỉnh; Ban Tuyên giáo và Dân vận Tỉnh ủy',
      );
      const district = [change('district-party-committees'), change('district-authorities')];
      for (const c of district) for (const n of (c?.names ?? []).map(nameText)) assert.ok(!ordinary.includes(fold(n)), n);
      assert.ok(fold('Các huyện, thị, thành uỷ và đảng uỷ trực thuộc Tỉnh uỷ').includes(fold('huyện, thị, thành ủy')));
    });
  });

  describe('broken files', () => {
    it('a syntax error is reported where it is', () => {
      const text = 'documents:\n  - symbol: 43-NQ/TW\n    type: Nghị quyết\n    type: Kết luận\n';
      const r = loadDataText('registry', text, schemas, 'en');
      assert.equal(r.data, undefined);
      assert.equal(r.findings.length, 1);
      assert.equal(r.findings[0].ruleId, DATA_SYNTAX_RULE);
      assert.equal(r.findings[0].start, text.lastIndexOf('type:'));
    });

    it('bad indentation is reported on its line', () => {
      const text = 'changes:\n  - id: x\n   kind: body\n';
      const r = loadDataText('names', text, schemas, 'vi');
      assert.equal(r.data, undefined);
      assert.equal(r.findings[0].ruleId, DATA_SYNTAX_RULE);
      const lineStart = text.indexOf('   kind');
      assert.ok(r.findings[0].start >= lineStart && r.findings[0].start < text.indexOf('\n', lineStart), String(r.findings[0].start));
    });

    it('an unknown key is reported on its entry', () => {
      const text = [
        'documents:',
        '  - symbol: 51-CTr/TU',
        '    type: Chương trình hành động',
        '    date: 19/03/2024',
        '    issuer: Tỉnh ủy',
        '    scope: local',
        '  - symbol: 52-CTr/TU',
        '    type: Chương trình',
        '    date: 20/03/2024',
        '    issuer: Tỉnh ủy',
        '    colour: red',
        '    scope: local',
        '',
      ].join('\n');
      const r = loadDataText('registry', text, schemas, 'en');
      assert.equal(r.data, undefined);
      assert.equal(r.findings.length, 1);
      assert.equal(r.findings[0].ruleId, DATA_SCHEMA_RULE);
      assert.match(r.findings[0].message, /unknown key "colour"/);
      assert.equal(r.findings[0].start, text.indexOf('symbol: 52-CTr/TU'));
    });

    it('a date in the wrong format is reported on the value', () => {
      const text = 'documents:\n  - symbol: 51-CTr/TU\n    type: Chương trình\n    date: 2024-03-19\n    issuer: Tỉnh ủy\n    scope: local\n';
      const r = loadDataText('registry', text, schemas, 'vi');
      assert.equal(r.data, undefined);
      assert.equal(r.findings.length, 1);
      assert.equal(r.findings[0].ruleId, DATA_SCHEMA_RULE);
      assert.match(r.findings[0].message, /^Tệp dữ liệu không hợp lệ tại \/documents\/0\/date/);
      assert.equal(r.findings[0].start, text.indexOf('2024-03-19'));
      assert.equal(r.findings[0].end, text.indexOf('2024-03-19') + '2024-03-19'.length);
    });

    it('a pattern that does not compile is reported on the value', () => {
      const original = "numberPattern: '^Số:?\\s*(?<number>\\d*)-";
      assert.ok(TEMPLATE_TEXT.includes(original));
      const text = TEMPLATE_TEXT.replace(original, "numberPattern: '^Số:?\\s*((?<number>\\d*)-");
      const r = loadDataText('template', text, schemas, 'en');
      assert.equal(r.data, undefined);
      const errors = r.findings.filter((f) => f.severity === 'error');
      assert.equal(errors.length, 1, JSON.stringify(r.findings));
      assert.equal(errors[0].ruleId, DATA_SCHEMA_RULE);
      assert.match(errors[0].message, /\/variants\/party\/numberPattern: the regular expression does not compile/);
      assert.equal(errors[0].start, text.indexOf("'^Số:?\\s*(("));
    });

    it('structural template errors are reported', () => {
      // The implementation section moved before the tasks section of the state variant.
      const doc = JSON.parse(JSON.stringify(template)) as Template;
      const st = doc.variants.state.sections;
      const impl = st.pop();
      st.splice(1, 0, impl as (typeof st)[number]);
      doc.taskGroups[3].parts = [{ title: 'Phát triển kinh tế', cues: [['“”']] }];
      doc.taskGroups[6].id = 6;
      doc.variants.party.shapes![0].optional = ['nowhere'];
      doc.variants.state.shapes![0].kinds = ['CHƯƠNG TRÌNH'];
      const text = JSON.stringify(doc, null, 2);
      const r = loadDataText('template', text, schemas, 'en');
      assert.equal(r.data, undefined);
      const messages = r.findings.filter((f) => f.severity === 'error').map((f) => f.message);
      assert.ok(messages.some((m) => m.includes('/variants/state/sections/1: the implementation section must be the last one')), messages.join('\n'));
      assert.ok(messages.some((m) => m.includes('/taskGroups/3/parts/0/cues/0/0: a phrase that is empty after folding')), messages.join('\n'));
      assert.ok(messages.some((m) => m.includes('/taskGroups/6/id: task group id "6" repeats item 6')), messages.join('\n'));
      assert.ok(messages.some((m) => m.includes('/variants/party/shapes/0/optional/0: there is no section "nowhere"')), messages.join('\n'));
      assert.ok(messages.some((m) => m.includes('/variants/state/shapes/0/kinds/0: "CHƯƠNG TRÌNH" is not a kind of this variant')), messages.join('\n'));
    });

    it('an impossible date is an error, a repeated entry a warning', () => {
      const entry = (date: string) => `  - symbol: 51-CTr/TU\n    type: Chương trình\n    date: ${date}\n    issuer: Tỉnh ủy\n    scope: local\n`;
      const impossible = `documents:\n${entry('31/02/2024')}`;
      const r1 = loadDataText('registry', impossible, schemas, 'en');
      assert.equal(r1.data, undefined);
      assert.equal(r1.findings.length, 1);
      assert.equal(r1.findings[0].start, impossible.indexOf('31/02/2024'));

      const repeated = `documents:\n${entry('19/03/2024')}${entry('19/03/2024')}`;
      const r2 = loadDataText<Registry>('registry', repeated, schemas, 'en');
      assert.ok(r2.data, 'warnings keep the data');
      assert.equal(r2.findings.length, 1);
      assert.equal(r2.findings[0].severity, 'warning');
      assert.equal(r2.findings[0].start, repeated.lastIndexOf('symbol: 51-CTr/TU'));
    });

    it('a names entry with an impossible date or a self-defeating name is reported', () => {
      const text = [
        'changes:',
        '  - id: board',
        '    kind: body',
        '    names: [Ban Tuyên giáo]',
        '    until: 2025-02-30',
        '    current: Ban Tuyên giáo và Dân vận',
        '    source: https://example.org/hop-nhat',
        '    note: { vi: Hợp nhất., en: Merged. }',
        '',
      ].join('\n');
      const r = loadDataText('names', text, schemas, 'vi');
      assert.equal(r.data, undefined);
      const until = r.findings.find((f) => f.severity === 'error');
      assert.equal(until?.start, text.indexOf('2025-02-30'));
      const name = r.findings.find((f) => f.severity === 'warning');
      assert.equal(name?.start, text.indexOf('Ban Tuyên giáo]'));
    });
  });
});
