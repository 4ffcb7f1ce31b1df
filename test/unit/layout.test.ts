// The layout model of the official document, on every fixture: what each element says, where in the source it comes from, blanks, footnotes, the commune level, long recipient lists and the signature block kept together.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '../../server/src/core/document/parse';
import { ExportLayout, LayoutParagraph, LayoutRun, LayoutTable, layoutPlan, levelOf, runOffset } from '../../server/src/core/export/index';
import { PlanModel, walkSections } from '../../server/src/core/model';
import { bundledKnowledge } from '../support/knowledge';
import { FIXTURES, PLAN_FIXTURES } from '../support/paths';

const kb = (): ReturnType<typeof bundledKnowledge>['kb'] => bundledKnowledge().kb;
const LAYOUT_FIXTURES = path.join(FIXTURES, 'layout');

interface Laid {
  file: string;
  text: string;
  plan: PlanModel;
  layout: ExportLayout;
}

function lay(dir: string, file: string, text = fs.readFileSync(path.join(dir, file), 'utf8')): Laid {
  const plan = parsePlan(file, text);
  return { file, text, plan, layout: layoutPlan(plan, kb()) };
}

const allFixtures = (): Laid[] => [
  ...fs
    .readdirSync(PLAN_FIXTURES)
    .filter((f) => /\.(md|yaml)$/u.test(f))
    .sort()
    .map((f) => lay(PLAN_FIXTURES, f)),
  ...fs
    .readdirSync(LAYOUT_FIXTURES)
    .sort()
    .map((f) => lay(LAYOUT_FIXTURES, f)),
];

function paragraphsOf(l: ExportLayout): LayoutParagraph[] {
  return l.blocks.flatMap((b) => (b.type === 'table' ? b.table.cells.flat() : [b.paragraph]));
}
const tableOf = (l: ExportLayout, role: LayoutTable['role']): LayoutTable => l.blocks.flatMap((b) => (b.type === 'table' && b.table.role === role ? [b.table] : []))[0];
const textOf = (p: LayoutParagraph | LayoutRun[]): string => (Array.isArray(p) ? p : p.runs).map((r) => r.text).join('');
const byRole = (l: ExportLayout, role: LayoutParagraph['role']): LayoutParagraph[] => paragraphsOf(l).filter((p) => p.role === role);

/** A printed character and the source character it stands for agree (line breaks print as spaces; the issuer is in capitals). */
function agrees(printed: string, source: string | undefined): boolean {
  if (source === undefined) return false;
  if (printed === source) return true;
  if (printed === ' ' && /\s/u.test(source)) return true;
  return printed.toLocaleLowerCase('vi') === source.toLocaleLowerCase('vi');
}

describe('layout: every fixture', () => {
  const fixtures = allFixtures();

  it('covers both variants, both levels and the YAML twins', () => {
    const seen = new Set(fixtures.map((f) => `${f.layout.variant}/${f.layout.level}`));
    assert.deepEqual([...seen].sort(), ['party/commune', 'party/province', 'state/commune', 'state/province']);
    assert.ok(fixtures.some((f) => f.file.endsWith('.yaml')));
  });

  for (const f of fixtures) {
    describe(f.file, () => {
      it('every character taken from the plan points at that character of the source', () => {
        let checked = 0;
        for (const p of [...paragraphsOf(f.layout), ...f.layout.footnotes.flatMap((n) => n.paragraphs.map((runs) => ({ runs }) as LayoutParagraph))]) {
          for (const r of p.runs) {
            if (!r.span || r.blank || r.footnote !== undefined) continue;
            assert.ok(r.span.start >= 0 && r.span.end <= f.text.length && r.span.start <= r.span.end, `${p.role} "${r.text}" span ${JSON.stringify(r.span)}`);
            const derived = p.role === 'issuer';
            for (let i = 0; i < r.text.length; i++) {
              const at = runOffset(r, i)!;
              // The committee's name is derived from the issuer: only what it shares must agree.
              if (derived && !agrees(r.text[i], f.text[at])) continue;
              assert.ok(agrees(r.text[i], f.text[at]), `${p.role} "${r.text}": character ${i} "${r.text[i]}" points at "${f.text[at]}" (${at})`);
              checked++;
            }
          }
        }
        assert.ok(checked > 500, `only ${checked} characters checked`);
      });

      it('every heading and paragraph of the body is laid out once, in order, from its span', () => {
        const want: number[] = [];
        for (const b of f.plan.preamble) if (b.kind !== 'heading') want.push(b.span.start);
        for (const s of walkSections(f.plan.sections)) {
          want.push(s.heading.span.start);
          for (const b of s.blocks) want.push(b.span.start);
        }
        if (f.plan.closing) want.push(f.plan.closing.span.start);
        const body = f.layout.blocks.flatMap((b) => (b.type === 'paragraph' && b.paragraph.span && !['kind', 'subject', 'note'].includes(b.paragraph.role) ? [b.paragraph.span.start] : []));
        assert.deepEqual(body, want.sort((a, b) => a - b));
      });

      it('the header: issuer, number and date on the left and right, the national lines as the variant prints them', () => {
        const [left, right] = tableOf(f.layout, 'header').cells;
        assert.ok(left.some((p) => p.role === 'number' && /^Số/u.test(textOf(p))));
        assert.ok(right.some((p) => p.role === 'date' && /ngày/u.test(textOf(p))));
        const national = textOf(right[0]);
        assert.equal(national, f.layout.variant === 'party' ? 'ĐẢNG CỘNG SẢN VIỆT NAM' : 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
        assert.equal(right[0].span, undefined, 'the national name is the layout\'s, not the plan\'s');
      });

      it('the subject is followed by the rule of its variant', () => {
        const all = f.layout.blocks.map((b) => (b.type === 'paragraph' ? b.paragraph : undefined));
        const at = all.findIndex((p) => p?.role === 'subject');
        if (at < 0) return;
        const rule = all[at + 1]!;
        assert.equal(rule.role, 'rule');
        if (f.layout.variant === 'party') assert.equal(textOf(rule), '-----');
        else assert.ok(rule.ruleWidth! > 20 && rule.ruleWidth! < 90, String(rule.ruleWidth));
      });

      it('the recipients and the signature: one row kept on one page, every line kept with the next, wrapped recipients hanging', () => {
        const closing = tableOf(f.layout, 'closing');
        assert.equal(f.layout.blocks[f.layout.blocks.length - 1].type, 'table');
        assert.equal(closing.keepTogether, true);
        for (const cell of closing.cells) {
          cell.forEach((p, i) => {
            assert.equal(p.keepLines, true, `${p.role} keeps its lines`);
            assert.equal(p.keepWithNext, i < cell.length - 1 ? true : undefined, `${p.role} ${i}`);
          });
        }
        const recipients = closing.cells[0].filter((p) => p.role === 'recipient');
        assert.equal(recipients.length, f.plan.meta.recipients?.value.length ?? 0);
        for (const r of recipients) {
          assert.ok(r.hanging! > 1.5 && r.hanging! < 4, `hanging indent ${r.hanging}`);
          assert.equal(r.runs[0].text, '- ');
        }
        if (f.plan.closing) {
          const closingParagraph = byRole(f.layout, 'closing')[0];
          assert.equal(closingParagraph.keepWithNext, true, '"Trên đây là …" stays with the signature');
        }
      });
    });
  }
});

describe('layout: blanks', () => {
  it('a blank number keeps its symbol and leaves room for the number (seed 003: "Số: /KH-UBND")', () => {
    const { layout } = lay(PLAN_FIXTURES, 'seed-003-kien-giang.md');
    const number = byRole(layout, 'number')[0];
    assert.deepEqual(
      number.runs.map((r) => [r.text, !!r.blank]),
      [
        ['Số:', false],
        ['        ', true],
        ['/KH-UBND', false],
      ],
    );
  });

  it('a blank day keeps the month and year and leaves room for the day (seed 003: "ngày    tháng 6 năm 2024")', () => {
    const { layout } = lay(PLAN_FIXTURES, 'seed-003-kien-giang.md');
    const date = byRole(layout, 'date')[0];
    assert.equal(textOf(date), 'Kiên Giang, ngày      tháng 6 năm 2024');
    assert.equal(date.runs.filter((r) => r.blank).length, 1);
    assert.ok(date.runs.every((r) => r.italic));
  });

  it('the Party form "Số    -KH/ĐU" and a date with dots', () => {
    const { layout } = lay(LAYOUT_FIXTURES, 'commune-party.md');
    assert.deepEqual(
      byRole(layout, 'number')[0].runs.map((r) => [r.text.trim(), !!r.blank]),
      [
        ['Số', false],
        ['', true],
        ['-KH/ĐU', false],
      ],
    );
    const dots = lay('', 'x.md', '---\ntemplate: nq43\nvariant: state\nnumber: "Số: …/KH-UBND"\nplace: Hà Tĩnh\ndate: ngày … tháng … năm 2026\n---\n');
    assert.equal(textOf(byRole(dots.layout, 'date')[0]), 'Hà Tĩnh, ngày      tháng      năm 2026');
    assert.equal(byRole(dots.layout, 'number')[0].runs.filter((r) => r.blank).length, 1);
  });

  it('nothing written: "Số" and room for number and symbol; a date line of blanks', () => {
    const { layout } = lay(PLAN_FIXTURES, 'seed-002-ha-tinh.md');
    const number = byRole(layout, 'number')[0];
    assert.equal(number.runs[0].text, 'Số');
    assert.ok(number.runs[1].blank && number.runs[1].text.length >= 12);
    assert.equal(textOf(byRole(layout, 'date')[0]).replace(/ +/gu, ' '), 'ngày tháng năm ');
  });
});

describe('layout: footnotes, emphasis, levels, long lists', () => {
  it('footnotes are numbered by first reference and their references become reference runs', () => {
    const { layout, text } = lay(LAYOUT_FIXTURES, 'commune-party.md');
    assert.deepEqual(
      layout.footnotes.map((f) => [f.number, f.label, f.paragraphs.map(textOf)]),
      [
        [1, '1', ['Sau đây gọi tắt là Nghị quyết số 43-NQ/TW.']],
        [2, 'chibo', ['Gồm các chi bộ ấp và chi bộ cơ quan.']],
      ],
    );
    const refs = paragraphsOf(layout).flatMap((p) => p.runs.filter((r) => r.footnote !== undefined));
    assert.deepEqual(
      refs.map((r) => [r.text, r.footnote, text.slice(r.span!.start, r.span!.start + 2)]),
      [
        ['1', 0, '[^'],
        ['2', 1, '[^'],
      ],
    );
    assert.doesNotMatch(paragraphsOf(layout).map(textOf).join('\n'), /\[\^/u, 'no reference printed as text');
    assert.deepEqual(layout.warnings, []);
  });

  it('a footnote nobody refers to is printed after the body with a warning; an unknown reference stays as text', () => {
    const plan = '---\ntemplate: nq43\nvariant: state\n---\n\n## I. MỤC ĐÍCH\n\nNội dung[^x].\n\n[^1]: Chú thích lẻ.\n';
    const { layout } = lay('', 'x.md', plan);
    assert.equal(layout.footnotes.length, 0);
    assert.equal(textOf(byRole(layout, 'note')[0]), '[1] Chú thích lẻ.');
    assert.ok(paragraphsOf(layout).some((p) => textOf(p) === 'Nội dung[^x].'));
    const en = layout.warnings.map((w) => w.en).join('\n');
    assert.match(en, /Footnote \[\^1\] is referred to nowhere/u);
    assert.match(en, /refers to footnote \[\^x\]/u);
  });

  it('emphasis becomes bold and italic runs that still point at their words', () => {
    const { layout, text } = lay(LAYOUT_FIXTURES, 'commune-party.md');
    const runs = paragraphsOf(layout).flatMap((p) => p.runs);
    const italic = runs.find((r) => r.italic && !r.blank && r.text.includes('cán bộ'))!;
    assert.equal(italic.text, 'toàn thể cán bộ, đảng viên');
    assert.equal(text.slice(italic.span!.start, italic.span!.end), italic.text);
    const bold = runs.find((r) => r.bold && r.text === 'nhiệm vụ trọng tâm')!;
    assert.equal(text.slice(bold.span!.start, bold.span!.end), 'nhiệm vụ trọng tâm');
  });

  it('commune level: "Đảng ủy xã" prints its committee, a UBND xã its two lines; the signature as written', () => {
    const party = lay(LAYOUT_FIXTURES, 'commune-party.md').layout;
    assert.equal(party.level, 'commune');
    assert.deepEqual(byRole(party, 'issuer').map(textOf), ['ĐẢNG ỦY XÃ MỸ HÒA']);
    assert.deepEqual(tableOf(party, 'closing').cells[1].filter((p) => p.runs.length > 0).map(textOf), ['T/M BAN THƯỜNG VỤ', 'BÍ THƯ', 'Trần Thị Bích']);
    const state = lay(LAYOUT_FIXTURES, 'commune-state.md').layout;
    assert.equal(state.level, 'commune');
    assert.deepEqual(byRole(state, 'issuer').map(textOf), ['ỦY BAN NHÂN DÂN', 'XÃ MỸ HÒA']);
    assert.equal(levelOf('Đảng ủy phường Ba Đình'), 'commune');
    assert.equal(levelOf('Ủy ban nhân dân đặc khu Phú Quốc'), 'commune');
    assert.equal(levelOf('Ban Thường vụ Tỉnh ủy Lạng Sơn'), 'province');
    assert.equal(levelOf('Ủy ban nhân dân thành phố Cần Thơ'), 'province');
  });

  it('a long recipient list: every item, in order, with its span, in the one row kept together', () => {
    const items = Array.from({ length: 40 }, (_, i) => `  - Đơn vị số ${i + 1} có tên rất dài để xuống dòng trong ô nơi nhận của văn bản,`);
    const text = `---\ntemplate: nq43\nvariant: party\nrecipients:\n${items.join('\n')}\n  - Lưu VPTU.\nsigner:\n  authority: T/M BAN THƯỜNG VỤ\n  title: BÍ THƯ\n  name: Nguyễn Văn A\n---\n`;
    const { layout } = lay('', 'x.md', text);
    const closing = tableOf(layout, 'closing');
    const recipients = closing.cells[0].filter((p) => p.role === 'recipient');
    assert.equal(recipients.length, 41);
    recipients.forEach((p, i) => {
      assert.equal(textOf(p), i < 40 ? `- Đơn vị số ${i + 1} có tên rất dài để xuống dòng trong ô nơi nhận của văn bản,` : '- Lưu VPTU.');
      assert.equal(text.slice(p.span!.start, p.span!.end), items[i]?.slice(4) ?? 'Lưu VPTU.');
    });
    assert.equal(closing.keepTogether, true);
  });

  it('every paragraph keeps its source span for the preview: the date line spans the place and the date', () => {
    const { layout, plan } = lay(PLAN_FIXTURES, 'clean-state.md');
    const date = byRole(layout, 'date')[0];
    assert.equal(date.span!.start, Math.min(plan.meta.place!.span.start, plan.meta.date!.span.start));
    assert.equal(date.span!.end, Math.max(plan.meta.place!.span.end, plan.meta.date!.span.end));
    assert.equal(tableOf(layout, 'closing').span!.start, plan.meta.recipients!.keySpan.start);
  });
});
