// Export: the official layout of each variant, the .docx read back (text with mammoth, page and fonts from the XML), the round trip, the export command.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkText } from '../../server/src/core/engine';
import { ExportLayout, inlineRuns, issuerLines, LayoutParagraph, LayoutTable, layoutPlan } from '../../server/src/core/export/index';
import { Finding } from '../../server/src/core/findings';
import { importDocx, writeDocx } from '../../server/src/node/word';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { runCliCaptured } from '../support/cli';

const kb = (): ReturnType<typeof bundledKnowledge>['kb'] => bundledKnowledge().kb;
const fixture = (name: string): string => fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
const layoutOf = (name: string, text = fixture(name)): ExportLayout => layoutPlan(parsePlan(name, text), kb());

const textOf = (p: LayoutParagraph): string => p.runs.map((r) => r.text).join('');
const tables = (l: ExportLayout): LayoutTable[] => l.blocks.flatMap((b) => (b.type === 'table' ? [b.table] : []));
const paragraphs = (l: ExportLayout): LayoutParagraph[] => l.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.paragraph] : []));
const byRole = (ps: readonly LayoutParagraph[], role: LayoutParagraph['role']): LayoutParagraph[] => ps.filter((p) => p.role === role);

function counts(findings: readonly Finding[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const f of findings) m[f.ruleId] = (m[f.ruleId] ?? 0) + 1;
  return m;
}

describe('export: layout of a Party document (HD 36-HD/VPTW)', () => {
  const l = (): ExportLayout => layoutOf('clean-party.md');

  it('A4, Times New Roman, margins 20/20/30/15 mm, page numbers from page 2', () => {
    const x = l();
    assert.equal(x.variant, 'party');
    assert.deepEqual(x.page, { width: 210, height: 297 });
    assert.deepEqual(x.margins, { top: 20, bottom: 20, left: 30, right: 15 });
    assert.equal(x.font, 'Times New Roman');
    assert.equal(x.pageNumbers.fromPage, 2);
    assert.deepEqual(x.warnings, []);
  });

  it('header: issuer, "*" and number on the left; ĐẢNG CỘNG SẢN VIỆT NAM with its rule and the italic date on the right', () => {
    const header = tables(l())[0];
    assert.equal(header.role, 'header');
    assert.equal(l().blocks[0].type, 'table', 'the header comes first');
    const [left, right] = header.cells;
    assert.deepEqual(left.map((p) => [p.role, textOf(p)]), [
      ['issuer', 'TỈNH ỦY LẠNG SƠN'],
      ['star', '*'],
      ['number', 'Số 60-CTr/TU'],
    ]);
    assert.ok(left[0].runs[0].bold);
    assert.deepEqual(right.map((p) => p.role), ['national', 'rule', 'date']);
    assert.equal(textOf(right[0]), 'ĐẢNG CỘNG SẢN VIỆT NAM');
    assert.equal(right[0].size, 15);
    assert.ok(right[0].runs[0].bold);
    assert.equal(textOf(right[2]), 'Lạng Sơn, ngày 15 tháng 3 năm 2024');
    assert.ok(right[2].runs[0].italic);
    // The rule under the title is as long as the title, and fits in its column.
    assert.ok(right[1].ruleWidth! > 60 && right[1].ruleWidth! < header.widths[1], String(right[1].ruleWidth));
    assert.ok(Math.abs(header.widths[0] + header.widths[1] - 165) < 0.01, 'the table spans the text width');
  });

  it('kind and subject centred and bold, a rule under the subject, then the body with heading roles', () => {
    const ps = paragraphs(l());
    const kind = byRole(ps, 'kind')[0];
    assert.equal(textOf(kind), 'CHƯƠNG TRÌNH');
    assert.deepEqual([kind.align, kind.size, kind.runs[0].bold], ['center', 16, true]);
    const subject = byRole(ps, 'subject')[0];
    assert.match(textOf(subject), /^thực hiện Nghị quyết số 43-NQ\/TW/u);
    assert.ok(subject.runs.every((r) => r.bold));
    assert.equal(ps[ps.indexOf(subject) + 1].role, 'rule');
    assert.deepEqual(byRole(ps, 'heading-1').map(textOf), ['I. MỤC ĐÍCH, YÊU CẦU', 'II. MỤC TIÊU', 'III. NHIỆM VỤ, GIẢI PHÁP', 'IV. TỔ CHỨC THỰC HIỆN']);
    assert.ok(byRole(ps, 'heading-2').some((p) => textOf(p) === '1. Mục đích'));
    const body = byRole(ps, 'body');
    assert.ok(body.length > 10);
    assert.ok(body.every((p) => p.align === 'justify' && p.size === 14 && p.indent === 12.7));
    assert.ok(body.some((p) => textOf(p).startsWith('- Quán triệt sâu sắc')), 'bullets keep their "- "');
    assert.ok(byRole(ps, 'preamble')[0].runs.every((r) => !r.bold));
  });

  it('closing block: "Nơi nhận:" underlined with the items on the left, T/M, title and name on the right', () => {
    const closing = tables(l())[1];
    assert.equal(closing.role, 'closing');
    const [left, right] = closing.cells;
    assert.equal(textOf(left[0]), 'Nơi nhận:');
    assert.ok(left[0].runs[0].underline);
    assert.equal(left[0].size, 14);
    assert.deepEqual(left.slice(1).map(textOf).slice(-1), ['- Lưu VPTU.']);
    assert.ok(left.slice(1).every((p) => p.size === 12 && p.role === 'recipient'));
    assert.deepEqual(
      right.filter((p) => p.role !== 'signature-space').map((p) => [p.role, textOf(p)]),
      [
        ['authority', 'T/M BAN THƯỜNG VỤ'],
        ['title', 'PHÓ BÍ THƯ THƯỜNG TRỰC'],
        ['name', 'Lương Minh Tuấn'],
      ],
    );
    assert.equal(right.filter((p) => p.role === 'signature-space').length, 4);
  });
});

describe('export: layout of a state document (NĐ 30/2020/NĐ-CP)', () => {
  const l = (): ExportLayout => layoutOf('clean-state.md');

  it('header: the issuer on two lines with a short rule and "Số: 74/KH-UBND"; the national name, the motto with its rule, the date', () => {
    const [left, right] = tables(l())[0].cells;
    assert.deepEqual(left.map((p) => [p.role, textOf(p)]), [
      ['issuer', 'ỦY BAN NHÂN DÂN'],
      ['issuer', 'TỈNH HÀ TĨNH'],
      ['rule', ''],
      ['number', 'Số: 74/KH-UBND'],
    ]);
    assert.deepEqual(right.map((p) => [p.role, textOf(p)]), [
      ['national', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
      ['motto', 'Độc lập - Tự do - Hạnh phúc'],
      ['rule', ''],
      ['date', 'Hà Tĩnh, ngày 05 tháng 6 năm 2024'],
    ]);
    assert.deepEqual([right[0].size, right[1].size, left[0].size, left[3].size], [13, 14, 13, 13]);
    // The issuer's rule is a third to a half of its line; the motto's as long as the motto.
    assert.ok(left[2].ruleWidth! < right[2].ruleWidth!);
  });

  it('closing block: "Nơi nhận:" bold italic 12, items 11; TM., KT., title and name', () => {
    const [left, right] = tables(l())[1].cells;
    assert.deepEqual([left[0].runs[0].bold, left[0].runs[0].italic, left[0].size], [true, true, 12]);
    assert.ok(left.slice(1).every((p) => p.size === 11));
    assert.equal(textOf(left[left.length - 1]), '- Lưu: VT, NC.');
    assert.deepEqual(
      right.filter((p) => p.role !== 'signature-space').map(textOf),
      ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Phạm Văn Hiếu'],
    );
    assert.ok(right.every((p) => p.align === 'center'));
  });

  it('the body ends with "./." as written', () => {
    const closing = byRole(paragraphs(l()), 'closing')[0];
    assert.match(textOf(closing), /\.\/\.$/u);
  });
});

describe('export: layout details', () => {
  it('names the issuing committee as HD 36 prints it, and splits a People\'s Committee over two lines', () => {
    assert.deepEqual(issuerLines('Ban Thường vụ Tỉnh ủy Lạng Sơn', 'party', kb()), ['TỈNH ỦY LẠNG SƠN']);
    assert.deepEqual(issuerLines('Ban Chấp hành Đảng bộ tỉnh Hậu Giang', 'party', kb()), ['TỈNH ỦY HẬU GIANG']);
    assert.deepEqual(issuerLines('Ban Chấp hành Đảng bộ thành phố Cần Thơ', 'party', kb()), ['THÀNH ỦY CẦN THƠ']);
    assert.deepEqual(issuerLines('Thành ủy Cần Thơ', 'party', kb()), ['THÀNH ỦY CẦN THƠ']);
    assert.deepEqual(issuerLines('Ủy ban nhân dân tỉnh Kiên Giang', 'state', kb()), ['ỦY BAN NHÂN DÂN', 'TỈNH KIÊN GIANG']);
    assert.deepEqual(issuerLines('', 'state', kb()), []);
  });

  it('turns Markdown emphasis into bold and italic runs', () => {
    assert.deepEqual(inlineRuns('- *Xây dựng giai cấp công nhân:* Tiếp tục **thực hiện** tốt'), [
      { text: '- ' },
      { text: 'Xây dựng giai cấp công nhân:', italic: true },
      { text: ' Tiếp tục ' },
      { text: 'thực hiện', bold: true },
      { text: ' tốt' },
    ]);
    assert.deepEqual(inlineRuns('Kế hoạch số 21-\nKH/TW'), [{ text: 'Kế hoạch số 21- KH/TW' }]);
  });

  it('warns about missing metadata and uses the Party layout when the variant cannot be told', () => {
    const plan = parsePlan('draft.md', '---\ntemplate: nq43\n---\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\nNội dung.\n');
    const l = layoutPlan(plan, kb());
    assert.equal(l.variant, 'party');
    const en = l.warnings.map((w) => w.en).join('\n');
    for (const key of ['variant', 'issuer', 'kind', 'recipients', 'signer']) assert.match(en, new RegExp(`"${key}"`, 'u'));
    const number = tables(l)[0].cells[0].find((p) => p.role === 'number');
    assert.equal(textOf(number!).trim().split(/\s+/u)[0], 'Số', 'a blank number line is left for the office');
  });
});

describe('export: the .docx file', () => {
  let party: Buffer;
  let state: Buffer;
  before(async () => {
    party = await writeDocx(layoutOf('clean-party.md'));
    state = await writeDocx(layoutOf('clean-state.md'));
  });

  it('reads back with mammoth: header, kind, subject, body, recipients and signature in order', async () => {
    const { value } = await mammoth.extractRawText({ buffer: party });
    const lines = value.split('\n').filter((x) => x.trim() !== '');
    const order = [
      'TỈNH ỦY LẠNG SƠN',
      '*',
      'Số 60-CTr/TU',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Lạng Sơn, ngày 15 tháng 3 năm 2024',
      'CHƯƠNG TRÌNH',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      'IV. TỔ CHỨC THỰC HIỆN',
      'Nơi nhận:',
      '- Lưu VPTU.',
      'T/M BAN THƯỜNG VỤ',
      'PHÓ BÍ THƯ THƯỜNG TRỰC',
      'Lương Minh Tuấn',
    ];
    let at = -1;
    for (const want of order) {
      const i = lines.findIndex((x, k) => k > at && x === want);
      assert.ok(i > at, `"${want}" after line ${at}`);
      at = i;
    }
    const plan = parsePlan('clean-party.md', fixture('clean-party.md'));
    for (const b of plan.blocks.filter((x) => x.region === 'body' && x.kind !== 'heading')) {
      assert.ok(value.includes(b.text.text.replace(/\*/gu, '')), `body text kept: ${b.text.text.slice(0, 50)}`);
    }
  });

  it('is A4 with the variant\'s margins, Times New Roman, borderless tables, heading styles and page numbers from page 2', async () => {
    for (const [buffer, kindSize] of [
      [party, 32],
      [state, 28],
    ] as const) {
      const zip = await JSZip.loadAsync(buffer);
      const doc = await zip.file('word/document.xml')!.async('string');
      const styles = await zip.file('word/styles.xml')!.async('string');
      assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/u, 'A4');
      assert.match(doc, /<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/u, 'margins 20/15/20/30 mm');
      assert.match(doc, /<w:titlePg\/>/u, 'no number on the first page');
      const fonts = [...doc.matchAll(/<w:rFonts w:ascii="([^"]+)"/gu)].map((m) => m[1]);
      assert.ok(fonts.length > 20 && fonts.every((f) => f === 'Times New Roman'), 'every run in Times New Roman');
      assert.match(styles, /<w:rFonts w:ascii="Times New Roman"/u, 'the default font too');
      assert.equal([...doc.matchAll(/<w:tbl>/gu)].length, 2, 'two tables: header and closing');
      const borders = [...doc.matchAll(/<w:(?:top|bottom|left|right|insideH|insideV) w:val="([a-z]+)"/gu)].map((m) => m[1]);
      assert.ok(borders.length >= 12 && borders.every((b) => b === 'none' || b === 'single'));
      assert.equal(doc.match(/<w:tbl>[\s\S]*?<\/w:tbl>/gu)!.every((t) => !/<w:tblBorders>[\s\S]*w:val="single"[\s\S]*<\/w:tblBorders>/u.test(t)), true, 'tables have no borders');
      assert.match(doc, /<w:pStyle w:val="Heading1"\/>/u);
      assert.match(doc, /<w:pStyle w:val="Heading2"\/>/u);
      assert.match(doc, new RegExp(`<w:b/><w:bCs/><w:sz w:val="${kindSize}"/>`, 'u'), 'the kind in bold at its size');
      assert.match(doc, /<w:i\/><w:iCs\/><w:sz w:val="28"\/>/u, 'the italic date line');
      const headers = await Promise.all(
        Object.keys(zip.files)
          .filter((f) => /^word\/header\d+\.xml$/u.test(f))
          .map((f) => zip.file(f)!.async('string')),
      );
      assert.ok(headers.some((h) => /PAGE/u.test(h)), 'a page number field in the header');
    }
  });

  it('writes the state document\'s national lines and TM./KT. block', async () => {
    const { value } = await mammoth.extractRawText({ buffer: state });
    for (const want of ['ỦY BAN NHÂN DÂN', 'TỈNH HÀ TĨNH', 'Số: 74/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'KẾ HOẠCH', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']) {
      assert.ok(value.split('\n').includes(want), want);
    }
    assert.doesNotMatch(value, /ĐẢNG CỘNG SẢN VIỆT NAM/u);
  });
});

describe('export: a .docx ready to sign', () => {
  const layoutFile = (name: string): ExportLayout => layoutOf(name, fs.readFileSync(path.join(PLAN_FIXTURES, '..', 'layout', name), 'utf8'));
  const parts = async (buffer: Buffer): Promise<Record<string, string>> => {
    const zip = await JSZip.loadAsync(buffer);
    const out: Record<string, string> = {};
    for (const name of Object.keys(zip.files).filter((f) => f.endsWith('.xml'))) out[name] = await zip.file(name)!.async('string');
    return out;
  };
  /** The paragraphs of a part, each with its text. */
  const paragraphXml = (xml: string): Array<{ xml: string; text: string }> =>
    (xml.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [^>]*>[\s\S]*?<\/w:p>/gu) ?? []).map((p) => ({ xml: p, text: [...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('') }));

  it('marks every run and the default style Vietnamese (w:lang vi-VN), so Word spell-checks it as Vietnamese', async () => {
    const xml = await parts(await writeDocx(layoutOf('clean-party.md')));
    const runs = xml['word/document.xml'].match(/<w:r>[\s\S]*?<\/w:r>/gu)!.filter((r) => /<w:t[ >]/u.test(r) && !/<w:t[^>]*><\/w:t>/u.test(r));
    assert.ok(runs.length > 50);
    for (const r of runs) assert.match(r, /<w:lang w:val="vi-VN"\/>/u, r.slice(0, 200));
    assert.match(xml['word/styles.xml'], /<w:docDefaults>[\s\S]*<w:lang w:val="vi-VN"\/>[\s\S]*<\/w:docDefaults>/u);
  });

  it('keeps the recipients and the signature on one page: the row cannot split, its lines keep together, "Trên đây là …" stays with it', async () => {
    const xml = (await parts(await writeDocx(layoutOf('clean-state.md'))))['word/document.xml'];
    const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/gu)!;
    assert.equal(tables.length, 2);
    const closing = tables[1];
    assert.match(closing, /<w:trPr>[\s\S]*?<w:cantSplit\/>[\s\S]*?<\/w:trPr>/u, 'the row cannot split');
    const cells = closing.match(/<w:tc>[\s\S]*?<\/w:tc>/gu)!;
    for (const cell of cells) {
      const ps = paragraphXml(cell);
      ps.forEach((p, i) => {
        assert.match(p.xml, /<w:keepLines\/>/u, p.text);
        if (i < ps.length - 1) assert.match(p.xml, /<w:keepNext\/>/u, p.text);
      });
    }
    const body = xml.slice(xml.indexOf(tables[0]) + tables[0].length, xml.indexOf(closing));
    const closingParagraph = paragraphXml(body).find((p) => p.text.startsWith('Trên đây là'))!;
    assert.match(closingParagraph.xml, /<w:keepNext\/>/u);
    // Headings keep with the paragraph after them.
    assert.ok(paragraphXml(body).filter((p) => /Heading[123]/u.test(p.xml)).every((p) => /<w:keepNext\/>/u.test(p.xml)));
  });

  it('gives wrapped recipient items a hanging indent under their text', async () => {
    const xml = (await parts(await writeDocx(layoutOf('clean-party.md'))))['word/document.xml'];
    const recipients = paragraphXml(xml).filter((p) => p.text.startsWith('- ') && /<w:sz w:val="24"\/>/u.test(p.xml));
    assert.equal(recipients.length, 9);
    for (const p of recipients) {
      const m = /<w:ind w:left="(\d+)" w:hanging="(\d+)"\/>/u.exec(p.xml);
      assert.ok(m && m[1] === m[2] && Number(m[1]) > 100 && Number(m[1]) < 200, p.xml.slice(0, 300));
    }
  });

  it('prints a blank number and day with room to fill in, the symbol kept', async () => {
    const { value } = await mammoth.extractRawText({ buffer: await writeDocx(layoutOf('seed-003-kien-giang.md')) });
    assert.ok(value.includes('Số:        /KH-UBND'), 'blank number');
    assert.ok(value.includes('Kiên Giang, ngày      tháng 6 năm 2024'), 'blank day');
  });

  it('prints "-----" under a Party subject and a short solid line under a state subject', async () => {
    const party = paragraphXml((await parts(await writeDocx(layoutOf('clean-party.md'))))['word/document.xml']);
    const subject = party.findIndex((p) => p.text.startsWith('thực hiện Nghị quyết số 43-NQ/TW'));
    assert.equal(party[subject + 1].text, '-----');
    const state = paragraphXml((await parts(await writeDocx(layoutOf('clean-state.md'))))['word/document.xml']);
    const stateSubject = state.findIndex((p) => p.text.startsWith('Thực hiện Chương trình'));
    assert.match(state[stateSubject + 1].xml, /<w:bottom w:val="single"/u);
  });

  it('writes Markdown footnotes as real Word footnotes, and keeps emphasis', async () => {
    const xml = await parts(await writeDocx(layoutFile('commune-party.md')));
    const doc = xml['word/document.xml'];
    assert.deepEqual([...doc.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/gu)].map((m) => m[1]), ['1', '2']);
    assert.doesNotMatch(doc, /\[\^|\[1\]/u, 'no reference printed as text');
    const notes = xml['word/footnotes.xml'];
    for (const [id, text] of [
      ['1', 'Sau đây gọi tắt là Nghị quyết số 43-NQ/TW.'],
      ['2', 'Gồm các chi bộ ấp và chi bộ cơ quan.'],
    ]) {
      const note = new RegExp(`<w:footnote w:id="${id}">([\\s\\S]*?)</w:footnote>`, 'u').exec(notes);
      assert.ok(note, `footnote ${id}`);
      assert.ok(paragraphXml(note[1]).map((p) => p.text).join('').includes(text), note[1].slice(0, 400));
    }
    const italic = doc.match(/<w:r>(?:(?!<\/w:r>)[\s\S])*?<w:i\/>(?:(?!<\/w:r>)[\s\S])*?<w:t[^>]*>toàn thể cán bộ, đảng viên<\/w:t>/u);
    assert.ok(italic, 'the italic words are an italic run');
    assert.match(doc, /<w:b\/>(?:(?!<\/w:r>)[\s\S])*?<w:t[^>]*>nhiệm vụ trọng tâm<\/w:t>/u, 'the bold words are a bold run');
  });
});

describe('export: round trip (export, then import the .docx)', () => {
  const files = fs.readdirSync(PLAN_FIXTURES).filter((f) => f.endsWith('.md')).sort();
  for (const file of files) {
    it(`${file}: the imported document gives the same findings`, async () => {
      const text = fixture(file);
      // Word paragraphs come back as written: seed 001's glued heading stays glued, and is reported.
      const imported = await importDocx(await writeDocx(layoutOf(file, text)), kb(), `${file}.docx`);
      for (const mode of ['drafting', 'submission'] as const) {
        const before = counts(checkText(file, text, kb(), { mode }).findings);
        const after = counts(checkText('imported.md', imported.markdown, kb(), { mode }).findings);
        assert.deepEqual(after, before, mode);
      }
      if (file.startsWith('clean-')) assert.deepEqual(checkText('imported.md', imported.markdown, kb(), { mode: 'submission' }).findings, []);
    });
  }
});

describe('export: command line', () => {
  const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-export-'));
  const cli = runCliCaptured;

  it('writes the .docx given with -o, or next to the plan', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(PLAN_FIXTURES, 'clean-state.md'), path.join(dir, 'ke-hoach.md'));
    const a = await cli(['export', 'ke-hoach.md', '-o', 'out.docx'], dir);
    assert.equal(a.code, 0, a.err);
    assert.match(a.out, /out\.docx/u);
    const { value } = await mammoth.extractRawText({ path: path.join(dir, 'out.docx') });
    assert.match(value, /KẾ HOẠCH/u);
    const b = await cli(['export', 'ke-hoach.md'], dir);
    assert.equal(b.code, 0, b.err);
    assert.ok(fs.existsSync(path.join(dir, 'ke-hoach.docx')));
  });

  it('writes the same layout as a standalone web page with -o plan.html: no network, no findings, printable', async () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(PLAN_FIXTURES, 'seed-003-kien-giang.md'), path.join(dir, 'ke-hoach.md'));
    const r = await cli(['export', 'ke-hoach.md', '-o', 'ke-hoach.html', '--lang', 'en'], dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Wrote ke-hoach\.html/u);
    const html = fs.readFileSync(path.join(dir, 'ke-hoach.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/u);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-/u);
    assert.doesNotMatch(html, /https?:\/\/|<link|class="banner|<mark/u, 'no network, no banner, no findings');
    assert.match(html, /@page \{ size: A4; margin: 0; \}/u);
    for (const text of ['ỦY BAN NHÂN DÂN', 'TỈNH KIÊN GIANG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'KẾ HOẠCH', 'Nguyễn Lưu Trung']) assert.ok(html.includes(text), text);
    assert.ok(!fs.existsSync(path.join(dir, 'ke-hoach.docx')), 'no Word file');
  });

  it('reports missing metadata as warnings and still writes the file', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'draft.md'), '---\ntemplate: nq43\nvariant: state\n---\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\nNội dung.\n');
    const r = await cli(['export', 'draft.md', '--lang', 'en'], dir);
    assert.equal(r.code, 0);
    assert.match(r.err, /warning: The issuer is missing/u);
    assert.ok(fs.existsSync(path.join(dir, 'draft.docx')));
  });

  it('exits 2 on a file that is not a plan, a missing file, or an output that would overwrite the plan', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'README.md'), '# Notes\n');
    const notPlan = await cli(['export', 'README.md'], dir);
    assert.equal(notPlan.code, 2);
    assert.match(notPlan.err, /không phải kế hoạch/u);
    assert.equal((await cli(['export', 'nothere.md'], dir)).code, 2);
    fs.copyFileSync(path.join(PLAN_FIXTURES, 'clean-party.md'), path.join(dir, 'plan.md'));
    assert.equal((await cli(['export', 'plan.md', '-o', 'plan.md'], dir)).code, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'plan.md'), 'utf8'), fixture('clean-party.md'));
  });
});
