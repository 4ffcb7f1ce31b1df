// The citation rules on small plans that vary one citation: each rule reports what it should, stays silent otherwise, and its fix removes the finding.

import assert from 'node:assert/strict';
import { entryDateText } from '../../server/src/core/citations/registry';
import { KnowledgeBase, RegistryEntry } from '../../server/src/core/data/types';
import { checkText } from '../../server/src/core/engine';
import { Finding, Level, Mode } from '../../server/src/core/findings';
import { applyEdits, fixEdits } from '../../server/src/core/fix';
import { citationAmbiguous } from '../../server/src/core/rules/citation/ambiguous';
import { citationDateMismatch } from '../../server/src/core/rules/citation/date-mismatch';
import { citationFirstIncomplete } from '../../server/src/core/rules/citation/first-incomplete';
import { CITATION_RULES } from '../../server/src/core/rules/citation/index';
import { citationIssuerMismatch } from '../../server/src/core/rules/citation/issuer-mismatch';
import { citationMalformed } from '../../server/src/core/rules/citation/malformed';
import { citationParentMissing } from '../../server/src/core/rules/citation/parent-missing';
import { citationParentUndeclared } from '../../server/src/core/rules/citation/parent-undeclared';
import { citationTermMismatch } from '../../server/src/core/rules/citation/term-mismatch';
import { citationTitleMismatch } from '../../server/src/core/rules/citation/title-mismatch';
import { citationTypeMismatch } from '../../server/src/core/rules/citation/type-mismatch';
import { citationUnknown } from '../../server/src/core/rules/citation/unknown';
import { Rule } from '../../server/src/core/rules/rule';
import { entryLabel, listedEntries } from '../../server/src/core/rules/citation/shared';
import { bundledKnowledge } from '../support/knowledge';

const TITLE_43 = 'tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước ta ngày càng phồn vinh, hạnh phúc';
const CITE_43 = `Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về ${TITLE_43}`;
const CITE_21 = 'Kế hoạch số 21-KH/TW, ngày 28/11/2023 của Bộ Chính trị về thực hiện Nghị quyết số 43-NQ/TW';
const CITE_51 = 'Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy';

interface PlanOptions {
  variant?: 'party' | 'state';
  subject?: string;
  implements?: string;
  preamble?: string;
  body?: string[];
  closing?: string;
}

/** A small plan whose citations are all right unless a test changes one part. */
function plan(o: PlanOptions = {}): string {
  const variant = o.variant ?? 'party';
  const party = variant === 'party';
  const preamble =
    o.preamble ??
    (party
      ? `Thực hiện ${CITE_43} (sau đây gọi tắt là Nghị quyết số 43-NQ/TW) và ${CITE_21}, Ban Thường vụ Tỉnh ủy ban hành Chương trình thực hiện như sau:`
      : `Thực hiện ${CITE_51} thực hiện ${CITE_43}, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:`);
  return [
    '---',
    'template: nq43',
    `variant: ${variant}`,
    `kind: ${party ? 'CHƯƠNG TRÌNH' : 'KẾ HOẠCH'}`,
    `issuer: ${party ? 'Ban Thường vụ Tỉnh ủy Hà Tĩnh' : 'Ủy ban nhân dân tỉnh Kiên Giang'}`,
    `subject: ${o.subject ?? 'thực hiện Nghị quyết số 43-NQ/TW'}`,
    `implements: ${o.implements ?? (party ? '[43-NQ/TW, 21-KH/TW]' : '[51-CTr/TU, 43-NQ/TW]')}`,
    '---',
    '',
    preamble,
    '',
    '## I. MỤC ĐÍCH, YÊU CẦU',
    '',
    ...(o.body ?? ['Quán triệt Nghị quyết số 43-NQ/TW đến cán bộ, đảng viên và Nhân dân.']).flatMap((p) => [p, '']),
    ...(o.closing ? [o.closing, ''] : []),
  ].join('\n');
}

function check(text: string, rule: Rule, mode: Mode = 'drafting', kb: KnowledgeBase = bundledKnowledge().kb, levels?: Record<string, Level>): Finding[] {
  return checkText('plan.md', text, kb, { mode, lang: 'vi', rules: [rule], ...(levels ? { levels } : {}) }).findings;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** Applies the rule's fixes, re-checks, and returns the fixed text; the fixed findings must be gone. */
function roundTrip(text: string, rule: Rule, kb: KnowledgeBase = bundledKnowledge().kb): string {
  const findings = check(text, rule, 'drafting', kb);
  assert.ok(findings.some((f) => f.fix), `${rule.id}: expected a fixable finding`);
  const fixed = applyEdits(text, fixEdits(findings));
  assert.notEqual(fixed, text);
  const after = check(fixed, rule, 'drafting', kb);
  assert.deepEqual(after.filter((f) => f.fix).map((f) => f.message), [], `${rule.id}: fixable findings left`);
  assert.equal(applyEdits(fixed, fixEdits(after)), fixed, `${rule.id}: fixing twice changes nothing`);
  return fixed;
}

describe('citation rules: registry', () => {
  it('registers eleven rules with stable ids in the docs order', () => {
    assert.deepEqual(CITATION_RULES.map((r) => r.id), [
      'citation.parent-missing',
      'citation.parent-undeclared',
      'citation.date-mismatch',
      'citation.term-mismatch',
      'citation.issuer-mismatch',
      'citation.title-mismatch',
      'citation.type-mismatch',
      'citation.first-incomplete',
      'citation.malformed',
      'citation.ambiguous',
      'citation.unknown',
    ]);
    for (const r of CITATION_RULES) assert.equal(r.category, 'citation');
  });

  it('the small plans are clean for every citation rule', () => {
    for (const variant of ['party', 'state'] as const) {
      for (const rule of CITATION_RULES) assert.deepEqual(check(plan({ variant }), rule).map((f) => f.message), [], `${variant} ${rule.id}`);
    }
  });
});

describe('citation.parent-missing', () => {
  it('reports the expected 21-KH/TW of a Party plan as advice, on the first line of the preamble', () => {
    const text = plan({ preamble: `Thực hiện ${CITE_43}, Ban Thường vụ Tỉnh ủy ban hành Chương trình thực hiện như sau:`, implements: '[43-NQ/TW]' });
    const drafting = check(text, citationParentMissing);
    assert.equal(drafting.length, 1);
    assert.equal(drafting[0].severity, 'info');
    assert.match(drafting[0].message, /nên có: Kế hoạch số 21-KH\/TW/);
    assert.equal(text.slice(drafting[0].start, drafting[0].start + 9), 'Thực hiện');
    assert.equal(check(text, citationParentMissing, 'submission')[0].severity, 'warning');
    // A user's level for the rule wins over the lower level of an expected parent.
    assert.equal(check(text, citationParentMissing, 'drafting', undefined, { 'citation.parent-missing': 'error' })[0].severity, 'error');
  });

  it('reports a required parent as a warning while drafting and an error at submission', () => {
    const text = plan({ subject: 'thực hiện Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII', preamble: 'Thực hiện Kế hoạch số 21-KH/TW, ngày 28/11/2023 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Chương trình:' });
    const drafting = check(text, citationParentMissing);
    assert.deepEqual(drafting.map((f) => f.severity), ['warning']);
    assert.match(drafting[0].message, /bắt buộc: Nghị quyết số 43-NQ\/TW/);
    assert.deepEqual(check(text, citationParentMissing, 'submission').map((f) => f.severity), ['error']);
  });

  it('accepts a parent cited in the subject line only', () => {
    const text = plan({ subject: `thực hiện ${CITE_21}`, preamble: `Thực hiện ${CITE_43}, Ban Thường vụ Tỉnh ủy ban hành Chương trình:` });
    assert.deepEqual(check(text, citationParentMissing), []);
  });

  it('requires the provincial Party programme in a People\'s Committee plan, by pattern', () => {
    const missing = plan({ variant: 'state', preamble: `Thực hiện ${CITE_43}, Ủy ban nhân dân tỉnh ban hành Kế hoạch:`, implements: '[43-NQ/TW]' });
    const found = check(missing, citationParentMissing);
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'warning');
    assert.match(found[0].message, /Tỉnh ủy, Thành ủy/);
    assert.deepEqual(check(plan({ variant: 'state' }), citationParentMissing), []);
  });

  it('a parent cited only in the body does not count', () => {
    const text = plan({ preamble: `Thực hiện ${CITE_43}, Ban Thường vụ Tỉnh ủy ban hành Chương trình:`, body: [`Thực hiện ${CITE_21}.`] });
    assert.equal(check(text, citationParentMissing).length, 1);
  });
});

describe('citation.parent-undeclared', () => {
  it('reports a declared parent that the preamble does not cite, on its item', () => {
    const text = plan({ implements: '[43-NQ/TW, 21-KH/TW, 94/NQ-CP]' });
    const found = check(text, citationParentUndeclared);
    assert.equal(found.length, 1);
    assert.equal(text.slice(found[0].start, found[0].end), '94/NQ-CP');
    assert.match(found[0].message, /94\/NQ-CP được khai báo ở "implements"/);
    assert.equal(check(text, citationParentUndeclared, 'submission')[0].severity, 'error');
  });

  it('stays silent when every declared parent is cited', () => {
    assert.deepEqual(check(plan(), citationParentUndeclared), []);
    assert.deepEqual(check(plan({ variant: 'state' }), citationParentUndeclared), []);
  });
});

describe('citation.date-mismatch', () => {
  const wrong = 'Thực hiện Kết luận số 58-KL/TW, ngày 26/3/2023 của Ban Bí thư Trung ương Đảng về tổ chức và hoạt động của Hội Người cao tuổi Việt Nam.';

  it('reports the wrong date of 58-KL/TW (seed 002 l.486) and says what the registry gives', () => {
    const found = check(plan({ body: [wrong] }), citationDateMismatch);
    assert.equal(found.length, 1);
    assert.equal(found[0].message, 'Kết luận số 58-KL/TW được ghi ngày 26/3/2023, nhưng theo danh mục văn bản là ngày 23/6/2023.');
    assert.equal(found[0].severity, 'warning');
    assert.equal(check(plan({ body: [wrong] }), citationDateMismatch, 'submission')[0].severity, 'error');
  });

  it('fixes the date with the registry\'s', () => {
    const fixed = roundTrip(plan({ body: [wrong] }), citationDateMismatch);
    assert.ok(fixed.includes('Kết luận số 58-KL/TW, ngày 23/6/2023 của Ban Bí thư'));
  });

  it('writes a long date in the long form', () => {
    const text = plan({ body: ['Thực hiện Kết luận số 58-KL/TW ngày 26 tháng 3 năm 2023 của Ban Bí thư.'] });
    const fixed = roundTrip(text, citationDateMismatch);
    assert.ok(fixed.includes('ngày 23 tháng 6 năm 2023 của Ban Bí thư'));
  });

  it('accepts the date of either document a symbol names (18-CT/TW, seeds 000 and 004)', () => {
    const text = plan({
      body: [
        'Chỉ thị số 18-CT/TW, ngày 26/10/2022 của Ban Bí thư về giám sát, phản biện xã hội.',
        'Chỉ thị số 18-CT/TW ngày 10/01/2018 của Bộ Chính trị về công tác tôn giáo.',
      ],
    });
    assert.deepEqual(check(text, citationDateMismatch), []);
  });

  it('compares a shared symbol with the document of the term its date falls in', () => {
    // Party numbers restart every term: 18-CT/TW of the XII term (2016–2021) is the one of 10/01/2018.
    const inXii = check(plan({ body: ['Chỉ thị số 18-CT/TW, ngày 01/01/2019 về công tác tôn giáo.'] }), citationDateMismatch);
    assert.equal(inXii.length, 1);
    assert.equal(inXii[0].message, 'Chỉ thị số 18-CT/TW được ghi ngày 01/01/2019, nhưng theo danh mục văn bản là ngày 10/01/2018.');
    const inXiii = check(plan({ body: ['Chỉ thị số 18-CT/TW, ngày 01/01/2023 về công tác tôn giáo.'] }), citationDateMismatch);
    assert.match(inXiii[0].message, /theo danh mục văn bản là ngày 26\/10\/2022/);
  });

  it('lists the documents when a shared symbol has a date none of them has and the terms are not known', () => {
    const base = bundledKnowledge().kb;
    const noTerms: KnowledgeBase = { ...base, registry: { documents: base.registry.documents } };
    const found = check(plan({ body: ['Chỉ thị số 18-CT/TW, ngày 01/01/2019 về công tác tôn giáo.'] }), citationDateMismatch, 'drafting', noTerms);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /ngày 10\/01\/2018 của Bộ Chính trị khóa XII; ngày 26\/10\/2022 của Ban Bí thư khóa XIII/);
    assert.equal(found[0].fix, undefined);
  });
});

describe('citation.term-mismatch', () => {
  const wrong = plan({
    variant: 'state',
    preamble: `Thực hiện ${CITE_51} thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XVII về ${TITLE_43}, Ủy ban nhân dân tỉnh Kiên Giang ban hành Kế hoạch:`,
  });

  it('reports "khóa XVII" for 43-NQ/TW (seed 003 l.11)', () => {
    const found = check(wrong, citationTermMismatch);
    assert.equal(found.length, 1);
    assert.equal(found[0].message, 'Nghị quyết số 43-NQ/TW được ghi là khóa XVII, nhưng theo danh mục văn bản là khóa XIII.');
    assert.equal(wrong.slice(found[0].start, found[0].end), 'XVII');
  });

  it('fixes the term', () => {
    assert.ok(roundTrip(wrong, citationTermMismatch).includes('Trung ương Đảng khóa XIII về'));
  });

  it('accepts the right term, old tone style and brackets included', () => {
    const text = plan({ body: ['Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng (khoá XIII).'] });
    assert.deepEqual(check(text, citationTermMismatch), []);
  });

  it('accepts the right term written in lower case, which is not the registry\'s string', () => {
    // Terms written as the registry writes them are compared as strings first; the others as before.
    const text = plan({ body: ['Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng khóa xiii.'] });
    assert.deepEqual(check(text, citationTermMismatch), []);
    assert.equal(check(text.replace('khóa xiii', 'khóa xii'), citationTermMismatch).length, 1);
  });

  it('does not read another term\'s document with the same number as a wrong term', () => {
    // Undated, and khóa X is not the term of the registry's 21-KL/TW: another document, not a mistake.
    assert.deepEqual(check(plan({ body: ['Thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khóa X.'] }), citationTermMismatch), []);
  });
});

describe('citation.issuer-mismatch', () => {
  const wrong = plan({ body: ['Thực hiện Kế hoạch số 21-KH/TW, ngày 28/11/2023 của Ban Chấp hành Trung ương Đảng về thực hiện Nghị quyết.'] });

  it('reports a plan of the Politburo attributed to the Central Committee', () => {
    const found = check(wrong, citationIssuerMismatch);
    assert.equal(found.length, 1);
    assert.equal(found[0].message, 'Kế hoạch số 21-KH/TW được ghi là của Ban Chấp hành Trung ương Đảng, nhưng theo danh mục văn bản là của Bộ Chính trị.');
  });

  it('fixes the issuer', () => {
    assert.ok(roundTrip(wrong, citationIssuerMismatch).includes('ngày 28/11/2023 của Bộ Chính trị về'));
  });

  it('accepts short, long and plenum names of the right body, and no issuer at all', () => {
    const text = plan({
      preamble: 'Thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII, Thành ủy ban hành Chương trình:',
      body: [
        'Thực hiện Kết luận số 58-KL/TW, ngày 23/6/2023 của Ban Bí thư Trung ương Đảng.',
        'Thực hiện Nghị quyết số 19-NQ/TW ngày 16/6/2022 của Hội nghị lần thứ năm Ban Chấp hành Trung ương Đảng khóa XIII.',
        'Quyết định số 236/QĐ-TTg, ngày 19/3/2024 của Thủ tướng chính phủ phê duyệt quy hoạch tỉnh Lạng Sơn.',
        'Thực hiện Nghị quyết số 02-NQ/TW, ngày 12/6/2021.',
      ],
    });
    assert.deepEqual(check(text, citationIssuerMismatch), []);
  });

  it('reports a wrong body but offers no fix when the written issuer is not a body\'s name', () => {
    const found = check(plan({ body: ['Kết luận số 58-KL/TW, ngày 23/6/2023 của Ban Chấp hành Đảng bộ tỉnh nâng cao chất lượng.'] }), citationIssuerMismatch);
    assert.equal(found.length, 1);
    assert.equal(found[0].fix, undefined);
  });
});

describe('citation.title-mismatch', () => {
  const wrongClosing =
    'Trên đây là Chương trình thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương về “Tiếp tục phát huy truyền thống đại đoàn kết dân tộc, xây dựng đất nước ta ngày càng giàu mạnh, phồn vinh, văn minh, hạnh phúc”.';
  const quotedPreamble = `Thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương về “Tiếp tục ${TITLE_43.slice('tiếp tục '.length)}” (viết tắt là Nghị quyết số 43-NQ/TW), ${CITE_21}, Ban Chấp hành Đảng bộ tỉnh đề ra Chương trình thực hiện như sau:`;

  it('reports the misquoted title of seed 000 l.140, with the preamble\'s citation as related', () => {
    const text = plan({ preamble: quotedPreamble, closing: wrongClosing });
    const found = check(text, citationTitleMismatch);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^Tên của Nghị quyết số 43-NQ\/TW được ghi là "Tiếp tục phát huy truyền thống đại đoàn kết dân tộc/);
    assert.equal(lineOf(text, found[0].start), lineOf(text, text.indexOf('Trên đây là')));
    assert.equal(found[0].related?.length, 1);
    assert.equal(lineOf(text, found[0].related![0].start), lineOf(text, text.indexOf('Thực hiện Nghị quyết')));
  });

  it('fixes the title with the wording of the preamble', () => {
    const fixed = roundTrip(plan({ preamble: quotedPreamble, closing: wrongClosing }), citationTitleMismatch);
    assert.ok(fixed.includes(`của Ban Chấp hành Trung ương về “Tiếp tục ${TITLE_43.slice('tiếp tục '.length)}”.`));
  });

  it('reports a closing paragraph that quotes another title than the preamble for a document the registry does not know', () => {
    const text = plan({
      variant: 'state',
      preamble: `Thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy về “Phát huy sức mạnh đại đoàn kết trên địa bàn tỉnh” và ${CITE_43}, Ủy ban nhân dân tỉnh ban hành Kế hoạch:`,
      closing: 'Trên đây là Kế hoạch thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy về “Xây dựng nông thôn mới giai đoạn 2021 - 2025”./.',
    });
    const found = check(text, citationTitleMismatch);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^Đoạn kết ghi tên của Chương trình hành động số 51-CTr\/TU là "Xây dựng nông thôn mới/);
    assert.ok(roundTrip(text, citationTitleMismatch).includes('của Tỉnh ủy về “Phát huy sức mạnh đại đoàn kết trên địa bàn tỉnh”./.'));
  });

  it('compares a closing paragraph with the preamble\'s titled citation of the document when the preamble cites it first without a title', () => {
    const text = plan({
      variant: 'state',
      preamble: `Căn cứ Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy; thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy về “Phát huy sức mạnh đại đoàn kết trên địa bàn tỉnh” và ${CITE_43}, Ủy ban nhân dân tỉnh ban hành Kế hoạch:`,
      closing: 'Trên đây là Kế hoạch thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy về “Xây dựng nông thôn mới giai đoạn 2021 - 2025”./.',
    });
    const found = check(text, citationTitleMismatch);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /khác với phần mở đầu: "Phát huy sức mạnh đại đoàn kết trên địa bàn tỉnh"/);
  });

  it('compares a closing paragraph with the preamble\'s citation of the document, not the subject line\'s, which comes first', () => {
    // The preamble's citations are sorted out of the opening ones (the subject line's and the preamble's).
    const text = plan({
      variant: 'state',
      subject: 'thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy về “Xây dựng nông thôn mới giai đoạn 2021 - 2025”',
      preamble: `Thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy về “Phát huy sức mạnh đại đoàn kết trên địa bàn tỉnh” và ${CITE_43}, Ủy ban nhân dân tỉnh ban hành Kế hoạch:`,
      closing: 'Trên đây là Kế hoạch thực hiện Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy về “Phát huy sức mạnh đại đoàn kết trên địa bàn tỉnh”./.',
    });
    assert.deepEqual(check(text, citationTitleMismatch), []);
    // The same closing against a preamble with the subject line's title is reported.
    const other = text.replace('về “Phát huy sức mạnh đại đoàn kết trên địa bàn tỉnh” và', 'về “Xây dựng nông thôn mới giai đoạn 2021 - 2025” và');
    assert.equal(check(other, citationTitleMismatch).length, 1);
  });

  it('accepts paraphrased titles that keep the key phrases, and titles cut short', () => {
    const text = plan({
      body: [
        'Thực hiện Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa X) về tiếp tục xây dựng giai cấp công nhân Việt Nam thời kỳ đẩy mạnh công nghiệp hóa.',
        'Quy định số 124-QĐ/TW của Ban Bí thư (khóa XII) về giám sát của Mặt trận Tổ quốc.',
        'Chỉ thị số 18-CT/TW ngày 10/01/2018 của Bộ Chính trị “Về tiếp tục thực hiện Nghị quyết số 25-NQ/TW của Ban Chấp hành Trung ương Đảng khóa IX về công tác tôn giáo trong tình hình mới”.',
      ],
      closing: `Trên đây là Chương trình thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về ${TITLE_43}.`,
    });
    assert.deepEqual(check(text, citationTitleMismatch), []);
  });
});

describe('citation.type-mismatch', () => {
  it('reports a type word that contradicts the symbol and fixes it', () => {
    const text = plan({ body: ['Thực hiện Nghị quyết số 21-KH/TW, ngày 28/11/2023 của Bộ Chính trị.'] });
    const found = check(text, citationTypeMismatch);
    assert.equal(found.length, 1);
    assert.equal(found[0].message, 'Ký hiệu 21-KH/TW là ký hiệu của Kế hoạch, nhưng tên loại văn bản được ghi là "Nghị quyết".');
    assert.ok(roundTrip(text, citationTypeMismatch).includes('Thực hiện Kế hoạch số 21-KH/TW'));
  });

  it('keeps a lower-case type word lower case', () => {
    const text = plan({ body: ['Các chỉ thị số 58-KL/TW, ngày 23/6/2023 của Ban Bí thư.'] });
    assert.ok(roundTrip(text, citationTypeMismatch).includes('Các kết luận số 58-KL/TW'));
  });

  it('accepts Quy định for QĐ, Chương trình hành động for CTr, Thông báo kết luận for TB and Luật for QH', () => {
    const text = plan({
      body: [
        'Quy định số 124-QĐ/TW, ngày 02/02/2018 của Ban Bí thư; Chương trình hành động số 51-CTr/TU ngày 19/3/2024 của Tỉnh ủy.',
        'Thông báo kết luận số 160-TB/TW của Bộ Chính trị; Luật số 10/2022/QH15 ngày 10/11/2022 của Quốc hội.',
      ],
    });
    assert.deepEqual(check(text, citationTypeMismatch), []);
  });
});

describe('citation.first-incomplete', () => {
  it('reports a first citation without date and inserts the registry\'s date (seed 000 l.80)', () => {
    const text = plan({ body: ['Thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khoá XIII.'] });
    const found = check(text, citationFirstIncomplete);
    assert.equal(found.length, 1);
    assert.equal(found[0].message, 'Lần đầu viện dẫn Kết luận số 21-KL/TW cần ghi ngày ban hành. Theo danh mục văn bản: ngày 25/10/2021.');
    assert.equal(found[0].severity, 'warning');
    assert.ok(roundTrip(text, citationFirstIncomplete).includes('Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành'));
  });

  it('inserts date and issuer for every member of a list (seed 000 l.106)', () => {
    const text = plan({ body: ['Thực hiện Quyết định số 217-QĐ/TW, 218-QĐ/TW và Quy định số 124-QĐ/TW, về giám sát và phản biện xã hội.'] });
    const found = check(text, citationFirstIncomplete);
    assert.equal(found.length, 3);
    const fixed = roundTrip(text, citationFirstIncomplete);
    assert.ok(fixed.includes('Quyết định số 217-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị, 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị và Quy định số 124-QĐ/TW, ngày 02/02/2018 của Ban Bí thư, về'));
  });

  it('inserts once after a compressed list', () => {
    const text = plan({ body: ['Thực hiện Quyết định số 217, 218-QĐ/TW về giám sát và phản biện xã hội.'] });
    assert.equal(check(text, citationFirstIncomplete).length, 2);
    assert.ok(roundTrip(text, citationFirstIncomplete).includes('Quyết định số 217, 218-QĐ/TW, ngày 12/12/2013 của Bộ Chính trị về'));
  });

  it('follows the document\'s style of writing "ngày" without a comma', () => {
    const text = plan({
      variant: 'state',
      body: ['Thực hiện Nghị quyết số 41-NQ/TW ngày 10/10/2023 của Bộ Chính trị và Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng.'],
    });
    assert.ok(roundTrip(text, citationFirstIncomplete).includes('Kết luận số 21-KL/TW ngày 25/10/2021 của Ban'));
  });

  it('reports a missing "của" before a plenum and inserts it (seed 004 l.11)', () => {
    const text = plan({
      preamble: `Thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII về ${TITLE_43}, ${CITE_21}, Thành ủy xây dựng Chương trình:`,
    });
    const found = check(text, citationFirstIncomplete);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /thiếu chữ "của" trước cơ quan ban hành "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng"/);
    assert.ok(roundTrip(text, citationFirstIncomplete).includes('ngày 24/11/2023 của Hội nghị lần thứ tám'));
  });

  it('reports a local document without a fix, since the registry does not know it', () => {
    const found = check(plan({ body: ['Thực hiện Quyết định số 288-QĐ/TU của Ban Thường vụ Tỉnh ủy về cán bộ trẻ.'] }), citationFirstIncomplete);
    assert.equal(found.length, 1);
    assert.equal(found[0].fix, undefined);
  });

  it('accepts later short citations, short forms, the subject line and laws cited by name', () => {
    const text = plan({
      subject: 'thực hiện Nghị quyết số 43-NQ/TW và Kết luận số 58-KL/TW',
      body: [
        'Quán triệt Nghị quyết số 43-NQ/TW và Kế hoạch 21-KH/TW.',
        'Thực hiện Kết luận số 58-KL/TW, ngày 23/6/2023 của Ban Bí thư; tiếp tục thực hiện Kết luận số 58-KL/TW.',
        'Tuyên truyền Luật Thực hiện dân chủ ở cơ sở và Luật số 10/2022/QH15.',
      ],
    });
    assert.deepEqual(check(text, citationFirstIncomplete), []);
  });

  it('leaves an ambiguous undated symbol to citation.ambiguous', () => {
    assert.deepEqual(check(plan({ body: ['Thực hiện Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng.'] }), citationFirstIncomplete), []);
  });
});

describe('citation.malformed', () => {
  it('reports a space inside a symbol and writes it in one piece', () => {
    const text = plan({ body: ['Thực hiện Nghị quyết số 45- NQ/TW của Ban Chấp hành Trung ương Đảng.'] });
    const found = check(text, citationMalformed);
    assert.equal(found.length, 1);
    assert.equal(found[0].message, 'Ký hiệu văn bản "45- NQ/TW" có khoảng trắng bên trong; viết liền là 45-NQ/TW.');
    assert.ok(roundTrip(text, citationMalformed).includes('Nghị quyết số 45-NQ/TW của'));
  });

  it('reports a symbol broken across lines (seed 002 l.68–70) and joins it', () => {
    const text = plan({ body: ['Thực hiện Nghị quyết số 43-NQ/TW, Kế hoạch số 21-\nKH/TW; thường xuyên đôn đốc.'] });
    const found = check(text, citationMalformed);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /21-KH\/TW bị ngắt xuống dòng/);
    assert.ok(roundTrip(text, citationMalformed).includes('Kế hoạch số 21-KH/TW; thường xuyên'));
  });

  it('does not fix a symbol when something other than blanks sits inside it', () => {
    const text = plan({ body: ['Kế hoạch số 21- <!-- ghi chú -->\nKH/TW; thường xuyên đôn đốc.'] });
    const found = check(text, citationMalformed);
    assert.equal(found.length, 1);
    assert.equal(found[0].fix, undefined);
  });

  it('reports a symbol that fits no grammar (seed 000 l.128)', () => {
    const text = plan({ body: ['Thực hiện Nghị quyết liên tịch số 88/NQLT/CP- ĐCTUBTWMTTQVN về giảm nghèo bền vững.'] });
    const found = check(text, citationMalformed);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /không theo cấu trúc số, ký hiệu/);
    // The space can still go; the symbol stays reported, without a fix.
    const fixed = applyEdits(text, fixEdits(found));
    assert.ok(fixed.includes('88/NQLT/CP-ĐCTUBTWMTTQVN về'));
    assert.deepEqual(check(fixed, citationMalformed).map((f) => Boolean(f.fix)), [false]);
  });

  it('stays silent on well-formed symbols', () => {
    const text = plan({ body: ['Quyết định số 236/QĐ-TTg; Pháp lệnh số 34/2007/PL-UBTVQH11; Luật số 10/2022/QH15; Kế hoạch số 74/KH-UBND.'] });
    assert.deepEqual(check(text, citationMalformed), []);
  });
});

describe('citation.ambiguous', () => {
  it('reports an undated symbol naming two documents and lists them', () => {
    const found = check(plan({ body: ['Thực hiện Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng về kinh tế.'] }), citationAmbiguous);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /ký hiệu 20-NQ\/TW chỉ nhiều văn bản khác nhau: ngày 16\/6\/2022 của Ban Chấp hành Trung ương Đảng khóa XIII; ngày 28\/01\/2008 của Ban Chấp hành Trung ương Đảng khóa X/);
    assert.equal(found[0].fix, undefined);
  });

  it('stays silent when the date, the term or the issuer tells the documents apart, or the symbol was dated before', () => {
    const text = plan({
      body: [
        'Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng (khóa X) về giai cấp công nhân.',
        'Nghị quyết số 11-NQ/TW, ngày 10/02/2022 của Bộ Chính trị; tiếp tục thực hiện Nghị quyết số 11-NQ/TW.',
        'Chỉ thị số 18-CT/TW của Ban Bí thư về giám sát, phản biện xã hội.',
      ],
    });
    assert.deepEqual(check(text, citationAmbiguous), []);
  });
});

describe('citation.unknown', () => {
  it('gives a hint for a central symbol the registry does not know, once, and an error at submission (spec §9: unknown citations block)', () => {
    const text = plan({ body: ['Thực hiện Thông báo kết luận số 160-TB/TW của Bộ Chính trị (khóa XII); sơ kết Thông báo kết luận số 160-TB/TW.'] });
    const found = check(text, citationUnknown);
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'hint');
    assert.equal(found[0].message, 'Ký hiệu 160-TB/TW không có trong danh mục văn bản; hãy kiểm tra lại số, ký hiệu hoặc bổ sung văn bản này vào danh mục.');
    assert.equal(check(text, citationUnknown, 'submission')[0].severity, 'error');
  });

  it('names the registry\'s documents when only the term rules them out', () => {
    const found = check(plan({ body: ['Thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khóa IX.'] }), citationUnknown);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /không có Kết luận số 21-KL\/TW của khóa IX; các văn bản cùng ký hiệu: ngày 25\/10\/2021/);
  });

  it('does not report local symbols', () => {
    assert.deepEqual(check(plan({ body: ['Thực hiện Nghị quyết số 99-NQ/TU của Tỉnh ủy và Kế hoạch số 12/KH-UBND.'] }), citationUnknown), []);
  });

  it('checks local symbols against the entries a user adds', () => {
    const base = bundledKnowledge().kb;
    const kb: KnowledgeBase = {
      ...base,
      registry: {
        documents: [
          ...base.registry.documents,
          { symbol: '51-CTr/TU', type: 'Chương trình hành động', date: '19/03/2024', issuer: 'Tỉnh ủy', scope: 'local' },
        ],
      },
    };
    const text = plan({ variant: 'state', preamble: `Thực hiện Chương trình hành động số 51-CTr/TU ngày 19/4/2024 của Tỉnh ủy thực hiện ${CITE_43}, Ủy ban nhân dân tỉnh ban hành Kế hoạch:` });
    assert.equal(check(text, citationDateMismatch, 'drafting', kb).length, 1);
    assert.deepEqual(check(text, citationDateMismatch), []);
  });
});

describe('citation rules: a symbol\'s registry entries listed in a message', () => {
  const entries = bundledKnowledge().kb.registry.documents.slice(0, 4);
  const label = (e: RegistryEntry): string => entryLabel(e, 'vi');

  it('lists them as a map and a join of them would, whatever kind of list holds them', () => {
    const holey = new Array<RegistryEntry>(3);
    for (let i = 0; i < 3; i++) holey[i] = entries[i];
    const lists: RegistryEntry[][] = [[], [entries[0]], entries.slice(0, 2), entries.filter((_, i) => i !== 1), holey, [...entries, ...entries]];
    for (const list of lists) {
      assert.equal(listedEntries(list, label, '; '), list.map(label).join('; '));
      assert.equal(listedEntries(list, entryDateText, ', '), list.map(entryDateText).join(', '));
    }
  });

  it('citation.first-incomplete names the dates of every document an undated symbol may be', () => {
    const found = check(plan({ body: ['Thực hiện Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII.'] }), citationFirstIncomplete);
    assert.ok(found.length >= 1);
    assert.match(found[0].message, /Ký hiệu này dùng cho 2 văn bản khác nhau \(16\/6\/2022, 28\/01\/2008\); chỉ ngày ban hành phân biệt được\./);
  });
});
