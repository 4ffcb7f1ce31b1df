// Parsing: Markdown and YAML plans become one model whose every text maps back to its place in the source.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan, syntaxOf } from '../../server/src/core/document/parse';
import { intToRoman, readNumeral, romanToInt } from '../../server/src/core/document/numerals';
import { walkSections } from '../../server/src/core/model';
import { LineIndex } from '../../server/src/core/text/line-index';
import { MappedText } from '../../server/src/core/text/mapped-text';
import { fold, foldHeading } from '../../server/src/core/text/normalize';
import { checkText } from '../../server/src/core/engine';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';

const MD = `---
template: nq43
variant: party
kind: CHƯƠNG TRÌNH
number: "Số 51-CTr/TU"
implements: [43-NQ/TW, {symbol: 21-KH/TW, date: 28/11/2023}]
recipients:
  - Văn phòng Trung ương Đảng,
  - Lưu VPTU.
signer:
  authority: T/M BAN THƯỜNG VỤ
  title: BÍ THƯ
  name: Nguyễn Văn A
---

# CHƯƠNG TRÌNH

Thực hiện Nghị quyết số 43-NQ/TW, Ban Thường vụ ban hành Chương trình như sau: <!-- a note -->

## I. MỤC ĐÍCH, YÊU CẦU

### 1. Mục đích

Đoạn một.

- Gạch đầu dòng một.
- Gạch đầu dòng hai.

### 2. Yêu cầu

Đoạn hai.

## II- TỔ CHỨC THỰC HIỆN

Nội dung.

Trên đây là Chương trình thực hiện.

[1] Chú thích.
`;

const YAML = `template: nq43
variant: state
kind: KẾ HOẠCH
preamble: |
  Thực hiện Nghị quyết số 43-NQ/TW, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
sections:
  - heading: "I. MỤC ĐÍCH, YÊU CẦU"
    sections:
      - heading: 1. Mục đích
        text: |
          Đoạn một.

          - Gạch một.
  - heading: II. TỔ CHỨC THỰC HIỆN
    text: "Nội dung có \\"trích\\"."
closing: Trên đây là Kế hoạch./.
`;

function textAt(source: string, span: { start: number; end: number }): string {
  return source.slice(span.start, span.end);
}

describe('document: Markdown plans', () => {
  const plan = parsePlan('plan.md', MD);

  it('is a plan because it names its template', () => {
    assert.equal(plan.isPlan, true);
    assert.equal(plan.format, 'markdown');
    assert.deepEqual(plan.problems, []);
  });

  it('reads the metadata with spans of the values', () => {
    assert.equal(plan.meta.kind?.value, 'CHƯƠNG TRÌNH');
    assert.equal(textAt(MD, plan.meta.number!.span), '"Số 51-CTr/TU"');
    assert.deepEqual(plan.meta.implements?.value.map((p) => [p.symbol, p.date]), [['43-NQ/TW', undefined], ['21-KH/TW', '28/11/2023']]);
    assert.deepEqual(plan.meta.recipients?.value.map((r) => r.value), ['Văn phòng Trung ương Đảng,', 'Lưu VPTU.']);
    assert.equal(plan.meta.signer?.title?.value, 'BÍ THƯ');
    assert.equal(textAt(MD, plan.meta.signer!.name!.span), 'Nguyễn Văn A');
  });

  it('builds the section tree with numerals and titles', () => {
    assert.deepEqual(plan.sections.map((s) => [s.heading.numeral?.style, s.heading.numeral?.value, s.heading.title.text]), [
      ['roman-dot', 1, 'MỤC ĐÍCH, YÊU CẦU'],
      ['roman-hyphen', 2, 'TỔ CHỨC THỰC HIỆN'],
    ]);
    assert.deepEqual(plan.sections[0].children.map((c) => c.heading.title.text), ['Mục đích', 'Yêu cầu']);
    assert.deepEqual(plan.sections[0].children[0].blocks.map((b) => [b.kind, b.text.text]), [
      ['paragraph', 'Đoạn một.'],
      ['list-item', 'Gạch đầu dòng một.'],
      ['list-item', 'Gạch đầu dòng hai.'],
    ]);
    assert.equal([...walkSections(plan.sections)].length, 4);
  });

  it('keeps the title heading and the preamble before the first section, without HTML comments', () => {
    assert.deepEqual(plan.preamble.map((b) => b.text.text), ['CHƯƠNG TRÌNH', 'Thực hiện Nghị quyết số 43-NQ/TW, Ban Thường vụ ban hành Chương trình như sau:']);
  });

  it('gives a section the blocks on both sides of a top-level heading inside it, in order, and each block once', () => {
    const text = MD.replace('Đoạn hai.', 'Đoạn hai.\n\n- Ý một.\n\n# Ghi chú giữa mục\n\nĐoạn ba.\n\n# Ghi chú nữa\n\nĐoạn bốn.').replace('Nội dung.', 'Nội dung.\n\nNội dung hai.');
    const p = parsePlan('plan.md', text);
    const yeuCau = p.sections[0].children[1];
    assert.deepEqual(yeuCau.blocks.map((b) => b.text.text), ['Đoạn hai.', 'Ý một.', 'Đoạn ba.', 'Đoạn bốn.']);
    assert.deepEqual(p.preamble.map((b) => b.text.text).slice(-2), ['Ghi chú giữa mục', 'Ghi chú nữa']);
    assert.deepEqual(p.sections[1].blocks.map((b) => b.text.text), ['Nội dung.', 'Nội dung hai.']);
    assert.equal(p.closing?.text.text, 'Trên đây là Chương trình thực hiện.');
    assert.deepEqual(p.sections[0].children[0].blocks.map((b) => b.text.text), ['Đoạn một.', 'Gạch đầu dòng một.', 'Gạch đầu dòng hai.']);
  });

  it('finds the closing paragraph and what follows it', () => {
    assert.equal(plan.closing?.text.text, 'Trên đây là Chương trình thực hiện.');
    assert.deepEqual(plan.trailing.map((b) => b.text.text), ['[1] Chú thích.']);
    assert.deepEqual(plan.sections[1].blocks.map((b) => b.text.text), ['Nội dung.']);
  });

  it('maps every block back to the source', () => {
    for (const block of plan.blocks) assert.equal(textAt(MD, block.text.span), block.text.text, block.text.text);
    const heading = plan.sections[0].heading;
    assert.equal(textAt(MD, heading.numeral!.span), 'I.');
    assert.equal(new LineIndex(MD).lineText(new LineIndex(MD).positionAt(heading.span.start).line), '## I. MỤC ĐÍCH, YÊU CẦU');
  });

  it('gives ordinary Markdown files no plan', () => {
    assert.equal(parsePlan('README.md', '# Notes\n\nText.\n').isPlan, false);
    assert.equal(parsePlan('post.md', '---\ntitle: Blog\n---\n\nText.\n').isPlan, false);
  });

  it('reports malformed front matter and keeps going', () => {
    const broken = parsePlan('p.md', '---\ntemplate: nq43\nkind: [unclosed\n---\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\nText.\n');
    assert.equal(broken.isPlan, true);
    assert.ok(broken.problems.length > 0);
    assert.equal(broken.sections.length, 1);
  });

  it('reads CRLF documents with the same offsets', () => {
    const crlf = MD.replace(/\n/g, '\r\n');
    const p = parsePlan('plan.md', crlf);
    assert.equal(p.eol, '\r\n');
    for (const block of p.blocks) assert.equal(textAt(crlf, block.text.span), block.text.text);
  });

  it('reads footnote definitions out of the body, with their text and span; references are left out of the text rules read', () => {
    const text = [
      '---',
      'template: nq43',
      '---',
      '',
      '## I. MỤC ĐÍCH, YÊU CẦU',
      '',
      'Nội dung[^1] có chú thích[^nguon].',
      '',
      '[^1]: Quy định số 1877-QĐ/TU, ngày 05/7/2019. <!-- seed l.109 -->',
      '[^nguon]: Nguồn: báo cáo',
      'của tỉnh.',
      '',
      '    Đoạn thứ hai.',
      '',
      'Trên đây là Kế hoạch.',
      '',
    ].join('\r\n');
    const p = parsePlan('plan.md', text);
    assert.deepEqual(
      p.footnotes.map((f) => [f.label, f.text.text]),
      [
        ['1', 'Quy định số 1877-QĐ/TU, ngày 05/7/2019.'],
        ['nguon', 'Nguồn: báo cáo\r\ncủa tỉnh.\r\n\r\n    Đoạn thứ hai.'],
      ],
    );
    for (const f of p.footnotes) {
      assert.equal(textAt(text, f.text.span), f.text.text);
      assert.match(textAt(text, f.span), /^\[\^/u);
    }
    // The definitions are not paragraphs of the plan; the closing paragraph after them still is.
    assert.deepEqual(
      p.blocks.filter((b) => b.region !== 'front').map((b) => b.text.text),
      ['I. MỤC ĐÍCH, YÊU CẦU', 'Nội dung có chú thích.', 'Trên đây là Kế hoạch.'],
    );
    assert.equal(p.closing?.text.text, 'Trên đây là Kế hoạch.');
    assert.deepEqual(parsePlan('plan.md', MD).footnotes, []);
  });

  it('reads an HTML block as a paragraph written as it is, not as markup to drop', () => {
    const p = parsePlan('plan.md', '---\ntemplate: nq43\n---\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\n<script>alert(1)</script>\n\n<div>Nội dung</div>\n');
    assert.deepEqual(
      p.sections[0].blocks.map((b) => [b.kind, b.text.text]),
      [
        ['paragraph', '<script>alert(1)</script>'],
        ['paragraph', '<div>Nội dung</div>'],
      ],
    );
  });
});

describe('document: emphasis and footnotes in Markdown plans', () => {
  const withMarkup = MD.replace('## I. MỤC ĐÍCH, YÊU CẦU', '## **I. MỤC ĐÍCH, YÊU CẦU**')
    .replace('### 2. Yêu cầu', '### *2.* Yêu cầu')
    .replace('Đoạn một.', 'Đoạn *một*[^1] có **Nghị quyết số 43-NQ/TW**, 5 * 3 = 15 và dấu \\* đứng riêng.')
    .replace('Đoạn hai.', 'Đoạn hai [^ghi-chu].\n\n[^1]: Chú thích thứ nhất,\nviết trên hai dòng.\n\n[^ghi-chu]: Chú thích thứ hai.\n\n    Đoạn thứ hai của chú thích.');
  const plan = parsePlan('plan.md', withMarkup);

  it('reads headings without their emphasis markers', () => {
    assert.deepEqual(plan.sections.map((s) => [s.heading.numeral?.text, s.heading.title.text]), [
      ['I.', 'MỤC ĐÍCH, YÊU CẦU'],
      ['II-', 'TỔ CHỨC THỰC HIỆN'],
    ]);
    assert.equal(plan.sections[0].children[1].heading.numeral?.text, '2.');
    assert.equal(textAt(withMarkup, plan.sections[0].heading.numeral!.span), 'I.');
  });

  it('leaves emphasis markers, footnote references and the backslash of "\\*" out of the text, each character mapped to the source', () => {
    const first = plan.sections[0].children[0].blocks[0].text;
    assert.equal(first.text, 'Đoạn một có Nghị quyết số 43-NQ/TW, 5 * 3 = 15 và dấu * đứng riêng.');
    for (let i = 0; i < first.text.length; i++) assert.equal(withMarkup[first.toSource(i)], first.text[i], `character ${i}`);
    assert.equal(textAt(withMarkup, first.spanOf(12, 34)), 'Nghị quyết số 43-NQ/TW');
    assert.equal(textAt(withMarkup, first.outerSpanOf(12, 34)), '**Nghị quyết số 43-NQ/TW**');
    // A reference after a space takes the space with it: no double space, no space before the stop.
    assert.equal(plan.sections[0].children[1].blocks[0].text.text, 'Đoạn hai.');
  });

  it('keeps footnote definitions out of the structure, as comments are, and lists them', () => {
    assert.deepEqual(
      plan.footnotes.map((f) => [f.label, f.text.text]),
      [
        ['1', 'Chú thích thứ nhất,\nviết trên hai dòng.'],
        ['ghi-chu', 'Chú thích thứ hai.\n\n    Đoạn thứ hai của chú thích.'],
      ],
    );
    for (const f of plan.footnotes) {
      assert.equal(textAt(withMarkup, f.text.span), f.text.text);
      assert.match(textAt(withMarkup, f.span), /^\[\^[^\]]+\]: /u);
    }
    assert.deepEqual(plan.sections[0].children[1].blocks.map((b) => b.text.text), ['Đoạn hai.']);
    assert.ok(!plan.blocks.some((b) => /Chú thích thứ/u.test(b.text.text)));
    assert.equal(plan.sections.length, 2);
  });

  it('gives a clean plan no finding when its headings and citations are emphasised and it has footnotes', () => {
    const clean = fs.readFileSync(path.join(PLAN_FIXTURES, 'clean-party.md'), 'utf8');
    const marked = clean
      .replace('## I. MỤC ĐÍCH, YÊU CẦU', '## **I. MỤC ĐÍCH, YÊU CẦU**')
      .replace('### 1. Mục đích', '### *1. Mục đích*')
      .replace('### 2. Yêu cầu', '### **2.** Yêu cầu')
      .replace('Thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023', 'Thực hiện *Nghị quyết số 43-NQ/TW*, ngày 24/11/2023[^1]')
      .replace('Kế hoạch số 21-KH/TW, ngày 28/11/2023 của Bộ Chính trị', 'Kế hoạch số *21-KH/TW, ngày 28/11/2023* của **Bộ Chính trị** [^2]')
      .replace('Tổ chức học tập, quán triệt Nghị quyết số 43-NQ/TW', 'Tổ chức học tập, quán triệt ***Nghị quyết số 43-NQ/TW***')
      // Definitions between sections and at the end: an undated first citation in them is not read.
      .replace('## II. MỤC TIÊU', '[^1]: Theo Quy định số 124-QĐ/TW  và Chỉ thị 05-CT/TW.\n\n## II. MỤC TIÊU')
      .concat('\n[^2]: Kế hoạch số 99-KH/TW ,chưa có ngày.\n');
    assert.notEqual(marked, clean);
    const plan = parsePlan('marked.md', marked);
    assert.equal(plan.footnotes.length, 2);
    for (const mode of ['drafting', 'submission'] as const) {
      assert.deepEqual(checkText('marked.md', marked, bundledKnowledge().kb, { mode }).findings.map((f) => `${f.ruleId} ${f.message}`), [], mode);
    }
  });

  it('has no footnotes when none is written; a YAML plan has none', () => {
    assert.deepEqual(parsePlan('plan.md', MD).footnotes, []);
    assert.deepEqual(parsePlan('plan.yaml', YAML).footnotes, []);
  });
});

describe('document: YAML plans', () => {
  const plan = parsePlan('plan.yaml', YAML);

  it('reads the same model', () => {
    assert.equal(plan.isPlan, true);
    assert.equal(plan.format, 'yaml');
    assert.deepEqual(plan.problems, []);
    assert.deepEqual(plan.sections.map((s) => s.heading.title.text), ['MỤC ĐÍCH, YÊU CẦU', 'TỔ CHỨC THỰC HIỆN']);
    assert.deepEqual(plan.sections[0].children[0].blocks.map((b) => [b.kind, b.text.text]), [
      ['paragraph', 'Đoạn một.'],
      ['list-item', 'Gạch một.'],
    ]);
    assert.equal(plan.closing?.text.text, 'Trên đây là Kế hoạch./.');
  });

  it('maps block scalar text and escaped strings back to the source', () => {
    const para = plan.sections[0].children[0].blocks[0];
    assert.equal(textAt(YAML, para.text.span), 'Đoạn một.');
    const quoted = plan.sections[1].blocks[0];
    assert.equal(quoted.text.text, 'Nội dung có "trích".');
    const i = quoted.text.text.indexOf('trích');
    assert.equal(textAt(YAML, quoted.text.spanOf(i, i + 5)), 'trích');
    assert.equal(quoted.text.isVerbatim(0, 5), true);
    assert.equal(quoted.text.isVerbatim(0, quoted.text.text.length), false);
  });

  it('reports a section without a heading and a wrong type', () => {
    const p = parsePlan('p.yaml', 'template: nq43\nsections:\n  - text: abc\n  - plain\n');
    assert.equal(p.problems.length, 2);
  });

  it('ignores YAML files that are not plans', () => {
    assert.equal(parsePlan('ci.yml', 'on: push\njobs: {}\n').isPlan, false);
    assert.equal(syntaxOf('a/b.YML'), 'yaml');
    assert.equal(syntaxOf('a/b.txt'), undefined);
  });
});

describe('document: text helpers', () => {
  it('reads numerals of every style', () => {
    assert.deepEqual(readNumeral('IV. TỔ CHỨC'), { text: 'IV.', style: 'roman-dot', value: 4, offset: 0, length: 4 });
    assert.equal(readNumeral('III- NHIỆM VỤ')?.style, 'roman-hyphen');
    assert.equal(readNumeral('12. Mục')?.value, 12);
    assert.equal(readNumeral('đ) Mục')?.value, 5);
    assert.equal(readNumeral('IIII. x'), undefined);
    assert.equal(romanToInt('XIV'), 14);
  });

  it('writes every number up to 3999 in Roman numerals as the subtractive rule does, and larger ones in figures', () => {
    // The rule written out: thousands, hundreds, tens and units each by its own digit.
    const digit = (d: number, one: string, five: string, ten: string): string =>
      ['', one, one + one, one + one + one, one + five, five, five + one, five + one + one, five + one + one + one, one + ten][d];
    for (let n = 1; n <= 3999; n++) {
      const expected = 'M'.repeat(Math.floor(n / 1000)) + digit(Math.floor(n / 100) % 10, 'C', 'D', 'M') + digit(Math.floor(n / 10) % 10, 'X', 'L', 'C') + digit(n % 10, 'I', 'V', 'X');
      assert.equal(intToRoman(n), expected, String(n));
      if (/^[IVXL]+$/.test(expected)) assert.equal(romanToInt(expected), n);
    }
    assert.equal(intToRoman(4000), '4000');
    assert.equal(intToRoman(0), '');
  });

  it('folds case, Unicode form, look-alikes and tone style', () => {
    assert.equal(fold('Tỉnh Uỷ  HOÁ'), fold('tỉnh ủy hóa'));
    assert.equal(fold('CHƢƠNG'.normalize('NFD')), 'chương');
    assert.equal(fold('Ðảng'), 'đảng');
    assert.equal(foldHeading('MỤC ĐÍCH VÀ YÊU CẦU '), foldHeading('Mục đích, yêu cầu'));
  });

  it('aligns a value that sits at other offsets in the source', () => {
    const source = 'key: "a\\"b"';
    const mapped = MappedText.aligned('a"b', source, 5, source.length);
    assert.equal(source.slice(mapped.toSource(0), mapped.toSource(0) + 1), 'a');
    assert.equal(source.slice(mapped.toSource(2), mapped.toSource(2) + 1), 'b');
    assert.deepEqual(mapped.sub(2, 3).span, { start: source.length - 2, end: source.length - 1 });
  });
});
