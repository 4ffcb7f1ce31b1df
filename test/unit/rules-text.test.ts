// The text rules (look-alikes, NFC, quotes, spacing, tone style, placeholders) on small plans, with their fixes applied and re-checked.

import assert from 'node:assert/strict';
import { checkText } from '../../server/src/core/engine';
import { Finding, Mode } from '../../server/src/core/findings';
import { applyEdits, fixEdits } from '../../server/src/core/fix';
import { TEXT_RULES } from '../../server/src/core/rules/text/index';
import { textHyphen } from '../../server/src/core/rules/text/hyphen';
import { textLookalike } from '../../server/src/core/rules/text/lookalike';
import { textNormalization } from '../../server/src/core/rules/text/normalization';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { placeholdersIn, textPlaceholder } from '../../server/src/core/rules/text/placeholder';
import { PLAN_FIXTURES } from '../support/paths';
import { randomPieceTexts } from '../support/random';
import { textQuotes } from '../../server/src/core/rules/text/quotes';
import { textSpacing } from '../../server/src/core/rules/text/spacing';
import { textToneStyle } from '../../server/src/core/rules/text/tone-style';
import { Rule } from '../../server/src/core/rules/rule';
import { bundledKnowledge } from '../support/knowledge';

const FRONT = [
  '---',
  'template: nq43',
  'variant: party',
  'kind: CHƯƠNG TRÌNH',
  'issuer: Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh',
  'number: Số 51-CTr/TU',
  'place: Hà Tĩnh',
  'date: ngày 19 tháng 3 năm 2024',
  'recipients:',
  '  - Văn phòng Trung ương Đảng,',
  '  - Lưu VPTU.',
  'signer:',
  '  authority: T/M BAN THƯỜNG VỤ',
  '  title: PHÓ BÍ THƯ',
  '  name: Trần Văn Bình',
  '---',
  '',
].join('\n');

/**
 * A small Party plan whose task section holds `body` (Markdown paragraphs). Outside the body it
 * has no word with a tone-style pair, so the body alone decides the prevailing style.
 */
function plan(body: string, front = FRONT): string {
  return `${front}Thực hiện Nghị quyết số 43-NQ/TW, Ban Chấp hành Đảng bộ tỉnh ban hành Chương trình như sau:\n\n## I. NHIỆM VỤ, GIẢI PHÁP\n\n${body}\n\n## II. TỔ CHỨC THỰC HIỆN\n\nBan Dân vận theo dõi, báo cáo.\n`;
}

/** The same plan as a YAML file. */
function yamlPlan(body: string): string {
  const meta = FRONT.replace(/^---\n/, '').replace(/---\n$/, '');
  const indented = body.split('\n').map((l) => (l ? `      ${l}` : '')).join('\n');
  return `${meta}preamble: |\n  Thực hiện Nghị quyết số 43-NQ/TW như sau:\nsections:\n  - heading: I. NHIỆM VỤ, GIẢI PHÁP\n    text: |\n${indented}\n`;
}

function check(text: string, rule: Rule, mode: Mode = 'drafting', uri = 'plan.md'): Finding[] {
  const { kb } = bundledKnowledge();
  return checkText(uri, text, kb, { mode, lang: 'vi', rules: [rule] }).findings;
}

const flagged = (text: string, findings: Finding[]): string[] => findings.map((f) => text.slice(f.start, f.end));

function roundTrip(text: string, rule: Rule, uri = 'plan.md'): string {
  const before = check(text, rule, 'drafting', uri);
  assert.ok(before.some((f) => f.fix), `expected a fix from ${rule.id}`);
  const fixed = applyEdits(text, fixEdits(before));
  const after = check(fixed, rule, 'drafting', uri);
  assert.deepEqual(after.filter((f) => f.fix).map((f) => f.message), [], 'no fixable finding after the fix');
  assert.equal(applyEdits(fixed, fixEdits(after)), fixed, 'fixing again changes nothing');
  return fixed;
}

describe('text rules', () => {
  it('are registered in docs order', () => {
    assert.deepEqual(
      TEXT_RULES.map((r) => r.id),
      ['text.lookalike', 'text.normalization', 'text.hyphen', 'text.quotes', 'text.spacing', 'text.tone-style', 'text.placeholder'],
    );
  });

  it('find nothing in clean text, even at submission', () => {
    const text = plan('Phát huy “sức mạnh đại đoàn kết” toàn dân tộc; xây dựng Đảng, chính quyền (cấp tỉnh), v.v... ở các cấp.');
    for (const rule of TEXT_RULES) assert.deepEqual(check(text, rule, 'submission').map((f) => f.message), [], rule.id);
  });
});

describe('text.lookalike', () => {
  it('reports each look-alike letter and replaces it', () => {
    const text = plan('Ðẩy mạnh công tác Ðảng; phát triển đất nƣớc, hƣớng tới mục tiêu; ðoàn kết.');
    assert.deepEqual(flagged(text, check(text, textLookalike)), ['Ð', 'Ð', 'ƣ', 'ƣ', 'ð']);
    const fixed = roundTrip(text, textLookalike);
    assert.match(fixed, /Đẩy mạnh công tác Đảng; phát triển đất nước, hướng tới mục tiêu; đoàn kết\./);
  });

  it('reads metadata and the signature too', () => {
    const front = FRONT.replace('kind: CHƯƠNG TRÌNH', 'kind: CHƢƠNG TRÌNH').replace('authority: T/M BAN THƯỜNG VỤ', 'authority: T/M BAN THƢỜNG VỤ');
    const text = plan('Nội dung.', front);
    assert.equal(check(text, textLookalike).length, 2);
    assert.match(roundTrip(text, textLookalike), /kind: CHƯƠNG TRÌNH[\s\S]*authority: T\/M BAN THƯỜNG VỤ/);
  });

  it('reports U+FFFD without a fix', () => {
    const [f] = check(plan('[\uFFFD] Đến nay toàn tỉnh có 39 xã.'), textLookalike);
    assert.match(f.message, /không thể tự khôi phục/);
    assert.equal(f.fix, undefined);
  });

  it('fixes the body of a YAML plan in place', () => {
    const text = yamlPlan('Xây dựng Ðảng bộ  trong sạch, vững mạnh.');
    assert.equal(check(text, textLookalike, 'drafting', 'plan.yaml').length, 1);
    assert.match(roundTrip(text, textLookalike, 'plan.yaml'), /^ {6}Xây dựng Đảng bộ {2}trong sạch, vững mạnh\.$/m);
    assert.match(roundTrip(text, textSpacing, 'plan.yaml'), /^ {6}Xây dựng Ðảng bộ trong sạch, vững mạnh\.$/m);
  });

  it('offers no fix where the YAML text is an escape sequence', () => {
    const text = `${yamlPlan('Nội dung.')}closing: "Trên đây là Chương trình của Ban Thường vụ Tỉnh ủy, \\u00D0ảng bộ tỉnh."\n`;
    const found = check(text, textLookalike, 'drafting', 'plan.yaml');
    assert.equal(found.length, 1);
    assert.equal(found[0].fix, undefined);
  });
});

describe('text.normalization', () => {
  it('reports each decomposed word and composes it', () => {
    const text = plan(`Phát huy ${'truyền thống'.normalize('NFD')} đại đoàn kết ${'toàn dân tộc'.normalize('NFD')}.`);
    assert.deepEqual(flagged(text, check(text, textNormalization)), ['truyền', 'thống', 'toàn', 'dân', 'tộc'].map((w) => w.normalize('NFD')));
    const fixed = roundTrip(text, textNormalization);
    assert.equal(fixed, fixed.normalize('NFC'));
  });

  it('leaves composed text alone', () => {
    assert.deepEqual(check(plan('Phát huy truyền thống đại đoàn kết toàn dân tộc.'), textNormalization), []);
  });
});

describe('text.hyphen', () => {
  const NB = '\u2011';

  it('reports Word\'s non-breaking hyphen inside a symbol, naming the symbol, and replaces it', () => {
    const text = plan(`Quán triệt Nghị quyết số 43${NB}NQ/TW và Kế hoạch số 21\u2010KH/TW của Bộ Chính trị.`);
    const found = check(text, textHyphen);
    assert.deepEqual(flagged(text, found), [NB, '\u2010']);
    assert.match(found[0].message, /Ký hiệu văn bản 43-NQ\/TW .*U\+2011/u);
    assert.match(found[1].message, /21-KH\/TW .*U\+2010/u);
    assert.match(roundTrip(text, textHyphen), /Nghị quyết số 43-NQ\/TW và Kế hoạch số 21-KH\/TW/u);
  });

  it('reports the characters outside symbols and the soft hyphen, never as an error', () => {
    const text = plan(`Phát triển kinh tế${NB}xã hội; đoàn\u00ADkết.`, FRONT.replace('Số 51-CTr/TU', `Số 51${NB}CTr/TU`));
    for (const mode of ['drafting', 'submission'] as const) {
      const found = check(text, textHyphen, mode);
      assert.deepEqual(found.map((f) => f.severity), mode === 'drafting' ? ['info', 'info', 'info'] : ['warning', 'warning', 'warning']);
    }
    assert.match(roundTrip(text, textHyphen), /number: Số 51-CTr\/TU[\s\S]*Phát triển kinh tế-xã hội; đoànkết\./u);
  });

  it('lets the citation and number rules read the symbol as written with a hyphen', () => {
    const front = FRONT.replace('Số 51-CTr/TU', `Số 51${NB}CTr/TU`);
    const clean = plan('Quán triệt Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng.');
    const typed = plan(`Quán triệt Nghị quyết số 43${NB}NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng.`, front);
    const { kb } = bundledKnowledge();
    const others = (text: string): string[] =>
      checkText('plan.md', text, kb, { mode: 'submission', lang: 'vi' })
        .findings.filter((f) => f.ruleId !== 'text.hyphen')
        .map((f) => `${f.ruleId} ${f.message}`);
    assert.deepEqual(others(typed), others(clean));
  });
});

describe('text.quotes', () => {
  it('reports a closing quote with no opening one', () => {
    const text = plan('Về tiếp tục phát huy truyền thống, xây dựng đất nước ta ngày càng phồn vinh, hạnh phúc”.');
    const [f] = check(text, textQuotes);
    assert.equal(text.slice(f.start, f.end), '”');
    assert.match(f.message, /không có dấu mở/);
  });

  it('reports the unmatched opening quote of nested quotes', () => {
    const text = plan('Nghị quyết “Về phát huy sức mạnh vì “Dân giàu, nước mạnh, văn minh” trong bối cảnh mới.');
    const [f] = check(text, textQuotes);
    assert.equal(f.start, text.indexOf('“Về'));
    assert.match(f.message, /không có dấu đóng/);
  });

  it('accepts balanced nested quotes and paired straight quotes, one finding per paragraph at most', () => {
    assert.deepEqual(check(plan('Phong trào “Toàn dân “đoàn kết” xây dựng” và Đề án "Xây dựng đội ngũ".'), textQuotes), []);
    const text = plan('Đề án "Xây dựng đội ngũ cán bộ; “một” ”hai” ”ba”.');
    assert.equal(check(text, textQuotes).length, 1);
    assert.equal(check(plan('Đề án "Xây dựng đội ngũ cán bộ trẻ.'), textQuotes).length, 1);
  });
});

describe('text.spacing', () => {
  it('reports doubled spaces, a space before punctuation, no-break spaces and tabs', () => {
    const text = plan('Hoàn thiện  các chương trình; nhân sĩ , trí thức; bảo\u00A0hiểm xã hội; tham gia\tnâng cao (đầu tư ).');
    const found = check(text, textSpacing);
    assert.deepEqual(found.map((f) => /liền nhau|trước dấu|không ngắt|tab/.exec(f.message)![0]), ['liền nhau', 'trước dấu', 'không ngắt', 'tab', 'trước dấu']);
    const fixed = roundTrip(text, textSpacing);
    assert.match(fixed, /Hoàn thiện các chương trình; nhân sĩ, trí thức; bảo hiểm xã hội; tham gia nâng cao \(đầu tư\)\./);
  });

  it('ignores indentation, line ends, HTML comments and ellipses', () => {
    const text = plan('- Nội dung thứ nhất,\n  tiếp tục ở dòng sau.  \n\nĐoạn có ghi chú <!-- seed l.5 --> ở giữa dòng. <!-- seed l.6; expect: x -->\n\nCác hình thức cộng đồng, gia đình ... kịp thời uốn nắn.');
    assert.deepEqual(check(text, textSpacing), []);
  });
});

describe('text.tone-style', () => {
  it('reports the minority style and fixes it to the prevailing one', () => {
    const text = plan('Các cấp ủy, tổ chức đảng cụ thể hóa nghị quyết; Tỉnh ủy chỉ đạo; Uỷ ban nhân dân triển khai, công nghiệp hoá.');
    const found = check(text, textToneStyle);
    assert.deepEqual(flagged(text, found), ['Uỷ', 'hoá']);
    assert.equal(found[0].severity, 'hint');
    assert.equal(found[0].message, '"Uỷ" đặt dấu như "hoà", trong khi văn bản chủ yếu đặt dấu như "hòa" (3 chỗ so với 2); nên viết "Ủy".');
    const fixed = roundTrip(text, textToneStyle);
    assert.match(fixed, /Ủy ban nhân dân triển khai, công nghiệp hóa\./);
  });

  it('follows the "hoà" placement when it prevails, and names both placements by example', () => {
    const text = plan('Tỉnh uỷ chỉ đạo cụ thể hoá; các cấp uỷ thực hiện; Ban Thường vụ Tỉnh ủy kiểm tra.');
    const found = check(text, textToneStyle);
    assert.deepEqual(flagged(text, found), ['ủy']);
    assert.match(found[0].message, /^"ủy" đặt dấu như "hòa", trong khi văn bản chủ yếu đặt dấu như "hoà"/);
    assert.doesNotMatch(found[0].message + textToneStyle.description.vi + textToneStyle.description.en, /kiểu (cũ|mới)|\b(old|new)\b/i);
    assert.match(roundTrip(text, textToneStyle), /Ban Thường vụ Tỉnh uỷ kiểm tra/);
  });

  it('lists the minority places of every paragraph, several in one and at a paragraph\'s start, in each check', () => {
    // The places of each paragraph are found by one pattern kept between paragraphs and checks.
    const text = plan('Tỉnh uỷ chỉ đạo; thuỷ lợi.\n\nCấp ủy, Tỉnh ủy, hòa giải, khóa học.\n\nUỶ BAN thực hiện; hoà giải.\n\nQuý vị; thủy sản.');
    for (let n = 0; n < 2; n++) assert.deepEqual(flagged(text, check(text, textToneStyle)), ['uỷ', 'thuỷ', 'UỶ', 'hoà']);
  });

  it('prefers the "hòa" placement on a tie and is silent on a consistent document', () => {
    const text = plan('Tỉnh uỷ chỉ đạo; cấp ủy thực hiện.');
    assert.deepEqual(flagged(text, check(text, textToneStyle)), ['uỷ']);
    assert.deepEqual(check(plan('Cấp ủy, chính quyền cụ thể hóa; quý vị đại biểu; kế hoạch; thủy lợi.'), textToneStyle), []);
  });
});

describe('text.placeholder', () => {
  it('reports leftovers only at submission', () => {
    const text = plan('Kế hoạch số …/KH-UBND ngày ... tháng 6; giao Sở xxx chủ trì; [...] TODO bổ sung; gửi <tên đơn vị>.');
    assert.deepEqual(check(text, textPlaceholder, 'drafting'), []);
    const found = check(text, textPlaceholder, 'submission');
    assert.deepEqual(flagged(text, found), ['…', '...', 'xxx', '[...]', 'TODO', '<tên đơn vị>']);
    assert.equal(found[0].severity, 'error');
  });

  it('does not take an "and so on" ellipsis for a placeholder', () => {
    const text = plan('Đồng hương, dòng họ, gia đình,... kịp thời uốn nắn; v.v... và các chính sách an sinh xã hội…\n\nThi đua....; sản xuất - kinh doanh, khởi nghiệp… ');
    assert.deepEqual(check(text, textPlaceholder, 'submission'), []);
  });
});

describe('text.placeholder\'s first tests', () => {
  // What each pattern's first test looks for ("xxx" in any case, "TODO", "___", "<"), the same
  // a character short or in another case, and what stands around a placeholder.
  const PIECES = ['x', 'X', 'xx', 'XX', 'xXx', 'XXX', 'xxxx', 'TODO', 'TOD', 'ODO', 'todo', '_', '__', '___', '____', '<', '>', '<tên đơn vị>', '<…>', '<...>', '[...]', '…', '...', ' ', '\n', 'a', 'Đ', '7', ',', '(', '“', '𝐱', 'ⅹ'];

  it('find what every pattern run on every text finds, over the fixtures\' lines and 20,000 random texts', () => {
    const lines = fs
      .readdirSync(PLAN_FIXTURES)
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => fs.readFileSync(path.join(PLAN_FIXTURES, f), 'utf8').split('\n'));
    let found = 0;
    for (const text of [...lines, ...randomPieceTexts(PIECES, 17, 20000, 8)]) {
      const expected = placeholdersIn(text, false);
      found += expected.length;
      assert.deepEqual(placeholdersIn(text), expected, JSON.stringify(text));
    }
    assert.ok(found > 10000, `only ${found} placeholders`);
  });
});
