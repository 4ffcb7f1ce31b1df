// The Word reader on WordprocessingML as Word writes it: the XML reader, numbering counted by Word's definitions, runs, fields, tracked changes, text boxes and footnotes; then the lines the importer reads, the header's columns and the invisible characters.

import assert from 'node:assert/strict';
import { headerColumns } from '../../server/src/core/import/front';
import { importWordDocument } from '../../server/src/core/import/index';
import { normalizeTypography } from '../../server/src/core/import/typography';
import { readWordDocument, WordParts } from '../../server/src/core/import/word/document';
import { wordLines } from '../../server/src/core/import/word/lines';
import { formatNumber } from '../../server/src/core/import/word/numbering';
import { parseXml, XmlError } from '../../server/src/core/import/word/xml';
import { parsePlan } from '../../server/src/core/document/parse';
import { inlineMarkup, withoutMarkup } from '../../server/src/core/text/inline-markup';
import { bundledKnowledge } from '../support/knowledge';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function document(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`;
}

function numbering(inner: string): string {
  return `<w:numbering xmlns:w="${W}">${inner}</w:numbering>`;
}

/** A level of an abstract numbering. */
function lvl(ilvl: number, format: string, text: string, extra = ''): string {
  return `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
}

/** A paragraph numbered with instance `numId` at level `ilvl`. */
function p(text: string, numId?: number, ilvl = 0, pPr = ''): string {
  const num = numId === undefined ? '' : `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
  return `<w:p><w:pPr>${pPr}${num}</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

function read(parts: Partial<WordParts> & { body: string }): ReturnType<typeof readWordDocument> {
  const { body, ...rest } = parts;
  return readWordDocument({ document: document(body), ...rest });
}

const markers = (parts: Partial<WordParts> & { body: string }): string[] => read(parts).paragraphs.map((x) => `${x.marker?.text ?? ''} ${x.segments.join(' / ')}`.trim());

describe('word: the XML reader', () => {
  it('reads elements, attributes, entities, CDATA, and names by namespace whatever the prefix', () => {
    const root = parseXml(`<?xml version="1.0"?><!-- c --><x:document xmlns:x="${W}"><x:body><x:p a="&quot;1&quot;"><x:t>Đ&amp;ạ&#x1EA1;&#7841;</x:t><x:t><![CDATA[<b>]]></x:t></x:p></x:body></x:document>`);
    assert.equal(root.name, 'w:document');
    const para = (root.children[0] as { children: Array<{ name: string; attrs: Record<string, string>; children: unknown[] }> }).children[0];
    assert.equal(para.name, 'w:p');
    assert.equal(para.attrs.a, '"1"');
    assert.deepEqual(para.children.map((c) => (c as { children: string[] }).children.join('')), ['Đ&ạạạ', '<b>']);
  });

  it('reads nesting deeper than the call stack allows, in one pass', () => {
    const depth = 200_000;
    const xml = `<w:document xmlns:w="${W}">${'<w:sdt>'.repeat(depth)}<w:t>sâu</w:t>${'</w:sdt>'.repeat(depth)}</w:document>`;
    let node = parseXml(xml) as { name: string; children: unknown[] };
    let levels = 0;
    while (node.name !== 'w:t') {
      node = node.children[0] as typeof node;
      levels++;
    }
    assert.equal(levels, depth + 1);
  });

  it('refuses text that is not XML', () => {
    assert.throws(() => parseXml('PK\u0003\u0004 binary'), XmlError);
    assert.throws(() => parseXml('<w:document><w:p a=1></w:p></w:document>'), XmlError);
  });
});

describe('word: numbering as Word counts it', () => {
  const ROMAN = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'upperRoman', '%1.')}${lvl(1, 'decimal', '%2.')}${lvl(2, 'lowerLetter', '%3)')}</w:abstractNum>`;

  it('follows the levels, formats and texts of the definition; a deeper level restarts after a higher one', () => {
    const got = markers({
      numbering: numbering(`${ROMAN}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`),
      body: [p('A', 1, 0), p('a', 1, 1), p('b', 1, 1), p('x', 1, 2), p('y', 1, 2), p('c', 1, 1), p('B', 1, 0), p('d', 1, 1), p('z', 1, 2)].join(''),
    });
    assert.deepEqual(got, ['I. A', '1. a', '2. b', 'a) x', 'b) y', '3. c', 'II. B', '1. d', 'a) z']);
  });

  it('keeps "I-" as "I-", and reads lvlRestart: 0 never restarts, n restarts after level n or higher', () => {
    const abstract = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'upperRoman', '%1-')}${lvl(1, 'decimal', '%2.', '<w:lvlRestart w:val="0"/>')}${lvl(2, 'decimal', '%3)', '<w:lvlRestart w:val="1"/>')}</w:abstractNum>`;
    const got = markers({
      numbering: numbering(`${abstract}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`),
      body: [p('A', 1, 0), p('a', 1, 1), p('x', 1, 2), p('b', 1, 1), p('y', 1, 2), p('B', 1, 0), p('c', 1, 1), p('z', 1, 2)].join(''),
    });
    // Level 1 never restarts; level 2 restarts only after level 1 (ilvl 0), not after level 2 (ilvl 1).
    assert.deepEqual(got, ['I- A', '1. a', '1) x', '2. b', '2) y', 'II- B', '3. c', '1) z']);
  });

  it('restarts an instance with a start override when it is first used; instances without one continue the list', () => {
    const got = markers({
      numbering: numbering(
        `${ROMAN}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
          '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
          '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>' +
          '<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>',
      ),
      body: [p('I', 1, 0), p('a', 1, 1), p('b', 1, 1), p('II typed'), p('c', 2, 1), p('d', 2, 1), p('e', 3, 1), p('f', 4, 1), p('g', 4, 1)].join(''),
    });
    assert.deepEqual(got, ['I. I', '1. a', '2. b', 'II typed', '1. c', '2. d', '3. e', '5. f', '6. g']);
  });

  it('numbers a paragraph through its style (a list linked to Heading 1 and 2), and numId 0 turns numbering off', () => {
    const styles = `<w:styles xmlns:w="${W}">
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
    </w:styles>`;
    const abstract = `<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:pStyle w:val="Heading1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>${lvl(1, 'decimal', '%2.')}</w:abstractNum>`;
    const doc = read({
      styles,
      numbering: numbering(`${abstract}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`),
      body: [
        p('MỤC ĐÍCH, YÊU CẦU', undefined, 0, '<w:pStyle w:val="Heading1"/>'),
        p('Mục đích', undefined, 0, '<w:pStyle w:val="Heading2"/>'),
        p('NHIỆM VỤ', undefined, 0, '<w:pStyle w:val="Heading1"/>'),
        p('Không đánh số', undefined, 0, '<w:pStyle w:val="Heading2"/><w:numPr><w:numId w:val="0"/></w:numPr>'),
        p('Nâng cao', undefined, 0, '<w:pStyle w:val="Heading2"/>'),
      ].join(''),
    });
    assert.deepEqual(
      doc.paragraphs.map((x) => [x.marker?.text ?? '', x.outlineLevel, x.segments[0]]),
      [
        ['I.', 0, 'MỤC ĐÍCH, YÊU CẦU'],
        ['1.', 1, 'Mục đích'],
        ['II.', 0, 'NHIỆM VỤ'],
        ['', 1, 'Không đánh số'],
        ['1.', 1, 'Nâng cao'],
      ],
      'the bold of the Heading style covers the whole paragraph: no "**"',
    );
  });

  it('follows a list defined by a numbering style (numStyleLink), as Word writes a multilevel list style', () => {
    const styles = `<w:styles xmlns:w="${W}"><w:style w:type="numbering" w:styleId="DanhSachMuc"><w:name w:val="Danh sách mục"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;
    const got = markers({
      styles,
      numbering: numbering(
        `<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="DanhSachMuc"/>${lvl(0, 'upperRoman', '%1-')}${lvl(1, 'decimal', '%2.')}</w:abstractNum>` +
          '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="DanhSachMuc"/></w:abstractNum>' +
          '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
      ),
      body: [p('A', 2, 0), p('a', 2, 1), p('B', 1, 0), p('b', 2, 1)].join(''),
    });
    assert.deepEqual(got, ['I- A', '1. a', 'II- B', '1. b']);
  });

  it('writes legal numbering in Arabic numerals, bullets as bullets, and an empty numbered paragraph still counts (and is said)', () => {
    const abstract = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'upperRoman', '%1.')}${lvl(1, 'decimal', '%1.%2.', '<w:isLgl/>')}</w:abstractNum><w:abstractNum w:abstractNumId="1">${lvl(0, 'bullet', '\uF0B7')}</w:abstractNum>`;
    const doc = read({
      numbering: numbering(`${abstract}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`),
      body: [p('A', 1, 0), p('', 1, 1), p('b', 1, 1), p('gạch', 2, 0)].join(''),
    });
    assert.deepEqual(
      doc.paragraphs.map((x) => `${x.marker?.text ?? ''} ${x.segments[0]}`),
      ['I. A', '1.2. b', '\uF0B7 gạch'],
    );
    assert.equal(doc.paragraphs[2].marker?.bullet, true);
    assert.match(doc.paragraphs[0].notes[0].message.vi, /đoạn trống được Word đánh số "1\.1\."/u);
    assert.deepEqual([formatNumber(27, 'lowerLetter'), formatNumber(3, 'decimalZero'), formatNumber(4, 'lowerRoman'), formatNumber(2, 'none')], ['aa', '03', 'iv', '']);
  });
});

describe('word: runs, fields, changes, boxes and notes', () => {
  const run = (text: string, rPr = ''): string => `<w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;

  it('writes emphasis as Markdown, leaves out emphasis that covers the whole paragraph, escapes a literal "*"', () => {
    const doc = read({
      body: [
        `<w:p>${run('Quán triệt ')}${run('Nghị quyết', '<w:i/>')}${run(' ', '<w:i/>')}${run('số 43-NQ/TW', '<w:i/>')}${run(' và ')}${run('Kế hoạch', '<w:b/>')}${run('*')}</w:p>`,
        `<w:p>${run('I. MỤC ĐÍCH, ', '<w:b/>')}${run('YÊU CẦU', '<w:b/>')}</w:p>`,
        `<w:p>${run('đậm', '<w:b/>')}${run('nghiêng', '<w:i/>')}${run(' cả hai', '<w:b/><w:i/>')}${run(' thường')}</w:p>`,
      ].join(''),
    });
    const texts = doc.paragraphs.map((x) => x.segments[0]);
    assert.deepEqual(texts, ['Quán triệt *Nghị quyết số 43-NQ/TW* và **Kế hoạch**\\*', 'I. MỤC ĐÍCH, YÊU CẦU', '**đậm***nghiêng* ***cả hai*** thường']);
    assert.deepEqual(texts.map(withoutMarkup), ['Quán triệt Nghị quyết số 43-NQ/TW và Kế hoạch*', 'I. MỤC ĐÍCH, YÊU CẦU', 'đậmnghiêng cả hai thường']);
  });

  it('reads through hyperlinks, content controls and field results; leaves out field codes, deletions, hidden text and pictures, and says so', () => {
    const doc = read({
      body: `<w:p><w:hyperlink><w:r><w:t>Liên kết</w:t></w:r></w:hyperlink><w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> trong ô</w:t></w:r></w:sdtContent></w:sdt>` +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t xml:space="preserve"> 7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
        `<w:ins><w:r><w:t xml:space="preserve"> thêm</w:t></w:r></w:ins><w:del><w:r><w:delText xml:space="preserve"> bỏ</w:delText></w:r></w:del>${run(' ẩn', '<w:vanish/>')}` +
        '<w:r><w:drawing><wp:inline xmlns:wp="wp"/></w:drawing></w:r><m:oMath xmlns:m="math"><m:r><m:t>x</m:t></m:r></m:oMath>' +
        '<w:r><w:noBreakHyphen/><w:softHyphen/><w:tab/><w:sym w:font="Symbol" w:char="F0B7"/></w:r></w:p>',
    });
    const para = doc.paragraphs[0];
    assert.equal(para.segments[0], 'Liên kết trong ô 7 thêm\u2011\u00AD\t•');
    assert.deepEqual(para.notes.map((n) => n.kind), ['tracked-change', 'left-out', 'left-out']);
    assert.match(para.notes[0].message.en, /kept the insertion "thêm"; dropped the deletion "bỏ"/u);
    assert.match(para.notes[1].message.en, /hidden text "ẩn"/u);
    assert.match(para.notes[2].message.en, /^Left out 2 picture\(s\), equation\(s\)/u);
  });

  it('reads a text box once (not its fallback copy), right after its paragraph, and cuts a paragraph at its line breaks', () => {
    const box = (t: string): string => `<w:txbxContent><w:p><w:r><w:t>${t}</w:t></w:r></w:p></w:txbxContent>`;
    const doc = read({
      body: `<w:p><w:r><w:t>Trước</w:t><w:br/><w:t>sau</w:t><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${box('Trong hộp')}</w:drawing></mc:Choice><mc:Fallback><w:pict>${box('Trong hộp')}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>${p('Tiếp')}`,
    });
    assert.deepEqual(
      doc.paragraphs.map((x) => [x.index, x.segments]),
      [
        [1, ['Trước', 'sau']],
        [2, ['Trong hộp']],
        [3, ['Tiếp']],
      ],
    );
  });

  it('numbers footnotes in the order of their references, keeps their emphasis, and skips separators, orphans and comments (said)', () => {
    const footnotes = `<w:footnotes xmlns:w="${W}">
      <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
      <w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Chú thích </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>nghiêng</w:t></w:r></w:p><w:p><w:r><w:t>đoạn hai.</w:t></w:r></w:p></w:footnote>
      <w:footnote w:id="3"><w:p><w:r><w:t>Thứ hai.</w:t></w:r></w:p></w:footnote>
      <w:footnote w:id="9"><w:p><w:r><w:t>Không ai tham chiếu.</w:t></w:r></w:p></w:footnote>
    </w:footnotes>`;
    const doc = read({
      footnotes,
      body: '<w:p><w:r><w:t>Câu một</w:t></w:r><w:r><w:footnoteReference w:id="5"/></w:r><w:r><w:t xml:space="preserve"> và hai</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r><w:r><w:t>.</w:t></w:r><w:r><w:commentReference w:id="0"/></w:r></w:p>',
    });
    assert.equal(doc.paragraphs[0].segments[0], 'Câu một[^1] và hai[^2].');
    assert.deepEqual(doc.footnotes, [
      { label: '1', text: 'Chú thích *nghiêng* đoạn hai.' },
      { label: '2', text: 'Thứ hai.' },
    ]);
    assert.deepEqual(doc.notes.map((n) => n.message.en.replace(/:.*$/u, '')), ['1 Word comment(s) were not imported', '1 footnote(s) in the file are referred to by no paragraph (Word does not show them); not imported.']);
  });
});

describe('word: long documents', () => {
  it('a paragraph with 200,000 line breaks is read and imported whole, without recursion', () => {
    const breaks = 200_000;
    const doc = read({ body: `${p('I. MỤC ĐÍCH, YÊU CẦU')}<w:p><w:r>${'<w:t>chữ</w:t><w:br/>'.repeat(breaks)}<w:t>hết.</w:t></w:r></w:p>` });
    assert.equal(doc.paragraphs.length, 2);
    assert.equal(doc.paragraphs[1].segments.length, breaks + 1);
    const result = importWordDocument(doc, bundledKnowledge().kb);
    const plan = parsePlan('imported.md', result.markdown);
    assert.equal(plan.sections[0].blocks.length, 1, 'one paragraph');
    assert.equal(plan.sections[0].blocks[0].text.text.length, 'chữ '.length * breaks + 'hết.'.length);
    assert.ok(result.repairs.some((r) => r.id === 'soft-break' && r.message.en.includes(`Read ${breaks} line break(s)`)));
  });
});

describe('word: the lines the importer reads', () => {
  const kb = (): ReturnType<typeof bundledKnowledge>['kb'] => bundledKnowledge().kb;
  const starts = (t: string): boolean => /^(?:Nơi nhận|T\/M|TM\.)/u.test(t);

  it('a line break in the body is a space (a wrapped heading stays one), ends the line before a new item, keeps a cut symbol; in tables and the signature it ends the line', () => {
    const doc = read({
      body: [
        p('KẾ HOẠCH'),
        '<w:p><w:r><w:t>Thực hiện Nghị quyết số 43-NQ/TW,</w:t><w:br/><w:t>Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:</w:t></w:r></w:p>',
        '<w:p><w:r><w:t>I. MỤC ĐÍCH,</w:t><w:br/><w:t>YÊU CẦU</w:t></w:r></w:p>',
        '<w:p><w:r><w:t>- Quán triệt Kế hoạch số 21-</w:t><w:br/><w:t>KH/TW;</w:t><w:br/><w:t>- Tuyên truyền.</w:t></w:r></w:p>',
        '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Nơi nhận:</w:t><w:br/><w:t>- Lưu: VT.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>TM. ỦY BAN NHÂN DÂN</w:t><w:br/><w:t>CHỦ TỊCH</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
      ].join(''),
    });
    const lines = wordLines(doc, starts, ['KẾ HOẠCH']);
    assert.deepEqual(lines.lines, [
      'KẾ HOẠCH',
      'Thực hiện Nghị quyết số 43-NQ/TW, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '- Quán triệt Kế hoạch số 21-\nKH/TW;',
      '- Tuyên truyền.',
      'Nơi nhận:',
      '- Lưu: VT.',
      'TM. ỦY BAN NHÂN DÂN',
      'CHỦ TỊCH',
    ]);
    assert.deepEqual(lines.paragraphOf, [1, 2, 3, 4, 4, 5, 5, 6, 6]);
    assert.deepEqual(
      lines.repairs.map((r) => [r.id, r.line]),
      [
        ['soft-break', 2],
        ['soft-break', 3],
        ['soft-break', 4],
      ],
    );
    const result = importWordDocument(doc, kb());
    const plan = parsePlan('imported.md', result.markdown);
    assert.deepEqual(plan.headings.map((h) => h.raw.text), ['I. MỤC ĐÍCH, YÊU CẦU']);
    assert.equal(plan.meta.signer?.title?.value, 'CHỦ TỊCH');
    assert.deepEqual(result.account, { unit: 'paragraph', total: 6, front: 3, body: 3, dropped: 0, footnotes: 0 });
  });

  it('reads the columns of a header laid out with tab stops or wide gaps, a blank number keeping its blank', () => {
    assert.deepEqual(headerColumns('Số: 05/KH-UBND\t\tKiên Giang, ngày 05 tháng 6 năm 2024'), ['Số: 05/KH-UBND', 'Kiên Giang, ngày 05 tháng 6 năm 2024']);
    assert.deepEqual(headerColumns('Số:\t/KH-UBND\tKiên Giang, ngày      tháng 6 năm 2024'), ['Số: /KH-UBND', 'Kiên Giang, ngày      tháng 6 năm 2024']);
    assert.deepEqual(headerColumns('Số:      /KH-UBND        Kiên Giang, ngày      tháng 6 năm 2024'), ['Số:      /KH-UBND', 'Kiên Giang, ngày      tháng 6 năm 2024']);
    assert.deepEqual(headerColumns('\tTỈNH ỦY LẠNG SƠN\t\tĐẢNG CỘNG SẢN VIỆT NAM'), ['TỈNH ỦY LẠNG SƠN', 'ĐẢNG CỘNG SẢN VIỆT NAM']);
    assert.deepEqual(headerColumns('ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), ['ỦY BAN NHÂN DÂN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
  });

  it('replaces the characters that do not print and says what it replaced', () => {
    assert.deepEqual(normalizeTypography('Nghị quyết số\u00A043\u2011NQ/TW, ngày\u00A024/11/2023; đoàn\u00ADkết; 2.\u00A0Ban', false), {
      text: 'Nghị quyết số 43-NQ/TW, ngày 24/11/2023; đoànkết; 2.\u00A0Ban',
      changes: {
        vi: 'Ký tự không nhìn thấy khi in: đổi 1 dấu gạch nối không ngắt (U+2011, U+2010) thành "-"; bỏ 1 dấu gạch mềm (U+00AD); đổi 2 dấu cách không ngắt sau "số", "ngày" thành dấu cách thường.',
        en: 'Characters that do not show on paper: changed 1 non-breaking hyphen(s) (U+2011, U+2010) to "-"; dropped 1 soft hyphen(s) (U+00AD); changed 2 no-break space(s) after "số", "ngày" to ordinary spaces.',
      },
    });
    assert.equal(normalizeTypography('-\tBộ Nội vụ;\t(b/c)', true).text, '- Bộ Nội vụ; (b/c)');
    assert.equal(normalizeTypography('-\tBộ Nội vụ;', false).text, '-\tBộ Nội vụ;', 'tabs of columns are kept');
    assert.deepEqual(normalizeTypography('Không có gì.', true), { text: 'Không có gì.' });
  });
});

describe('inline markup', () => {
  it('pairs emphasis runs character by character, leaves unpaired "*" as characters', () => {
    for (const [text, read] of [
      ['**a *b***', 'a b'],
      ['**a***b*', 'ab'],
      ['*a* 5 * 3 = 15 và 43-NQ/TW*', 'a 5 * 3 = 15 và 43-NQ/TW*'],
      ['***x*** y', 'x y'],
      ['Câu [^1]. Và[^ghi-chu] hết [^2] nhé', 'Câu. Và hết nhé'],
      ['\\* không phải nhấn mạnh \\*', '* không phải nhấn mạnh *'],
      ['**** bốn', '**** bốn'],
    ]) {
      assert.equal(withoutMarkup(text), read, text);
    }
    assert.deepEqual(inlineMarkup('không có'), []);
  });
});
