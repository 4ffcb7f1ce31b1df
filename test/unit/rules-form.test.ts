// The form rules (number, date, signature, recipients, ending) on small plans that vary one thing, with their fixes applied and re-checked.

import assert from 'node:assert/strict';
import { checkText } from '../../server/src/core/engine';
import { Finding, Mode } from '../../server/src/core/findings';
import { applyEdits, fixEdits } from '../../server/src/core/fix';
import { formDate } from '../../server/src/core/rules/form/date';
import { formEnding } from '../../server/src/core/rules/form/ending';
import { FORM_RULES } from '../../server/src/core/rules/form/index';
import { formNumber } from '../../server/src/core/rules/form/number';
import { formRecipients } from '../../server/src/core/rules/form/recipients';
import { formSignature } from '../../server/src/core/rules/form/signature';
import { Rule } from '../../server/src/core/rules/rule';
import { bundledKnowledge } from '../support/knowledge';

interface PlanOptions {
  variant?: 'party' | 'state';
  /** Raw YAML lines replacing a metadata key ("number: …"); null drops the key. */
  meta?: Record<string, string | null>;
  closing?: string | null;
  lastParagraph?: string;
}

const STATE_META: Record<string, string> = {
  kind: 'kind: KẾ HOẠCH',
  issuer: 'issuer: Ủy ban nhân dân tỉnh Kiên Giang',
  number: 'number: "Số: 74/KH-UBND"',
  place: 'place: Kiên Giang',
  date: 'date: ngày 05 tháng 6 năm 2024',
  recipients: 'recipients:\n  - Bộ Nội vụ (b/c);\n  - Thường trực Tỉnh ủy (b/c);\n  - Các sở, ban, ngành tỉnh;\n  - "Lưu: VT, NC."',
  signer: 'signer:\n  authority: TM. ỦY BAN NHÂN DÂN\n  acting: KT. CHỦ TỊCH\n  title: PHÓ CHỦ TỊCH\n  name: Nguyễn Văn An',
};

const PARTY_META: Record<string, string> = {
  kind: 'kind: CHƯƠNG TRÌNH',
  issuer: 'issuer: Ban Thường vụ Tỉnh ủy Hà Tĩnh',
  number: 'number: Số 51-CTr/TU',
  place: 'place: Hà Tĩnh',
  date: 'date: ngày 19 tháng 3 năm 2024',
  recipients: 'recipients:\n  - Văn phòng Trung ương Đảng, (báo cáo)\n  - Các ban đảng, ban cán sự đảng, đảng đoàn,\n  - Lưu Văn phòng Tỉnh ủy.',
  signer: 'signer:\n  authority: T/M BAN THƯỜNG VỤ\n  title: PHÓ BÍ THƯ\n  name: Trần Văn Bình',
};

/** A minimal plan of the variant, with one thing changed. */
function plan(o: PlanOptions = {}): string {
  const variant = o.variant ?? 'state';
  const base = variant === 'state' ? STATE_META : PARTY_META;
  const meta = { ...base, ...(o.meta ?? {}) };
  const lines = ['---', 'template: nq43', `variant: ${variant}`];
  for (const key of Object.keys(meta)) if (meta[key] !== null) lines.push(meta[key]!);
  lines.push('---', '');
  lines.push('Thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII, ban hành Kế hoạch thực hiện như sau:', '');
  lines.push('## I. MỤC ĐÍCH, YÊU CẦU', '', '### 1. Mục đích', '', 'Tổ chức quán triệt sâu rộng Nghị quyết.', '');
  lines.push('## II. TỔ CHỨC THỰC HIỆN', '', o.lastParagraph ?? 'Sở Nội vụ theo dõi, đôn đốc và báo cáo kết quả thực hiện.', '');
  const closing = o.closing === undefined ? (variant === 'state' ? 'Trên đây là Kế hoạch thực hiện Nghị quyết số 43-NQ/TW./.' : 'Trên đây là Chương trình thực hiện Nghị quyết số 43-NQ/TW.') : o.closing;
  if (closing !== null) lines.push(closing, '');
  return lines.join('\n');
}

function check(text: string, rule: Rule, mode: Mode = 'drafting', uri = 'plan.md'): Finding[] {
  const { kb } = bundledKnowledge();
  return checkText(uri, text, kb, { mode, lang: 'vi', rules: [rule] }).findings;
}

function lineOf(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Applies every fix once, checks that no fixable finding is left, and that fixing again changes nothing. */
function roundTrip(text: string, rule: Rule, mode: Mode = 'drafting', uri = 'plan.md'): string {
  const before = check(text, rule, mode, uri);
  assert.ok(before.some((f) => f.fix), `expected a fix from ${rule.id}`);
  const fixed = applyEdits(text, fixEdits(before));
  const after = check(fixed, rule, mode, uri);
  assert.deepEqual(after.filter((f) => f.fix).map((f) => f.message), [], 'no fixable finding after the fix');
  assert.equal(applyEdits(fixed, fixEdits(after)), fixed, 'fixing again changes nothing');
  return fixed;
}

describe('form rules', () => {
  it('are registered in docs order', () => {
    assert.deepEqual(
      FORM_RULES.map((r) => r.id),
      ['form.number', 'form.duplicate-number', 'form.date', 'form.signature', 'form.recipients', 'form.ending'],
    );
  });

  it('find nothing in a well-formed plan of either variant, even at submission', () => {
    for (const variant of ['state', 'party'] as const) {
      for (const mode of ['drafting', 'submission'] as const) {
        for (const rule of FORM_RULES) assert.deepEqual(check(plan({ variant }), rule, mode).map((f) => f.message), [], `${variant} ${mode} ${rule.id}`);
      }
    }
  });
});

describe('form.number', () => {
  it('reports a blank number only at submission', () => {
    const text = plan({ meta: { number: 'number: "Số: /KH-UBND"' } });
    assert.deepEqual(check(text, formNumber, 'drafting'), []);
    const found = check(text, formNumber, 'submission');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /để trống/);
    assert.match(lineOf(text, found[0].start), /^number:/);
    assert.equal(found[0].fix, undefined);
  });

  it('reports a missing number only at submission, on the key', () => {
    const text = plan({ meta: { number: 'number: ""' } });
    assert.deepEqual(check(text, formNumber, 'drafting'), []);
    const [f] = check(text, formNumber, 'submission');
    assert.equal(text.slice(f.start, f.end), 'number');
    const dropped = plan({ meta: { number: null } });
    assert.equal(check(dropped, formNumber, 'submission').length, 1);
  });

  it('adds the colon a state number needs', () => {
    const text = plan({ meta: { number: 'number: Số 74/KH-UBND' } });
    const [f] = check(text, formNumber);
    assert.match(f.message, /"Số: 74\/KH-UBND"/);
    const fixed = roundTrip(text, formNumber);
    assert.match(fixed, /^number: "Số: 74\/KH-UBND"$/m, 'a plain scalar with ": " is quoted');
  });

  it('zero-pads a state number below 10', () => {
    const fixed = roundTrip(plan({ meta: { number: 'number: "Số: 5/KH-UBND"' } }), formNumber);
    assert.match(fixed, /^number: "Số: 05\/KH-UBND"$/m);
  });

  it('removes spaces inside the symbol', () => {
    const fixed = roundTrip(plan({ variant: 'party', meta: { number: 'number: Số 51- CTr/TU' } }), formNumber);
    assert.match(fixed, /^number: Số 51-CTr\/TU$/m);
  });

  it('accepts a Party number with or without colon, padded or not', () => {
    for (const n of ['Số 51-CTr/TU', '"Số: 51-CTr/TU"', 'Số 5-CTr/TU', 'Số -CTr/TU']) {
      assert.deepEqual(check(plan({ variant: 'party', meta: { number: `number: ${n}` } }), formNumber), [], n);
    }
  });

  it('reports a symbol of the other variant without a fix', () => {
    const found = check(plan({ variant: 'party', meta: { number: 'number: "Số: 74/KH-UBND"' } }), formNumber);
    const f = found.find((x) => /không đúng thể thức/.test(x.message))!;
    assert.match(f.message, /Số 51-CTr\/TU/);
    assert.equal(f.fix, undefined);
  });

  it('reports a type that does not agree with the kind', () => {
    const found = check(plan({ meta: { number: 'number: "Số: 74/CTr-UBND"' } }), formNumber);
    assert.equal(found.length, 1);
    assert.match(found[0].message, /"CTr".*"KẾ HOẠCH".*"KH"/);
    assert.equal(found[0].fix, undefined);
    assert.deepEqual(check(plan({ variant: 'party', meta: { kind: 'kind: CHƯƠNG TRÌNH HÀNH ĐỘNG', number: 'number: Số 12-CTrHĐ/TU' } }), formNumber), []);
  });

  it('fixes a quoted YAML plan value in place', () => {
    const yaml = plan({ meta: { number: 'number: "Số: 5/KH-UBND"' } })
      .replace(/^---\n/, '')
      .replace(/\n---\n[\s\S]*$/, '\npreamble: |\n  Thực hiện Nghị quyết số 43-NQ/TW như sau:\n');
    const fixed = roundTrip(yaml, formNumber, 'drafting', 'plan.yaml');
    assert.match(fixed, /^number: "Số: 05\/KH-UBND"$/m);
  });
});

describe('form.date', () => {
  it('pads a day below 10', () => {
    const text = plan({ meta: { date: 'date: ngày 5 tháng 02 năm 2024' } });
    const [f] = check(text, formDate);
    assert.equal(text.slice(f.start, f.end), '5');
    assert.match(roundTrip(text, formDate), /^date: ngày 05 tháng 02 năm 2024$/m);
  });

  it('drops the zero of months 3 to 12 and pads months 1 and 2', () => {
    assert.match(roundTrip(plan({ meta: { date: 'date: ngày 15 tháng 06 năm 2024' } }), formDate), /^date: ngày 15 tháng 6 năm 2024$/m);
    assert.match(roundTrip(plan({ meta: { date: 'date: ngày 15 tháng 2 năm 2024' } }), formDate), /^date: ngày 15 tháng 02 năm 2024$/m);
  });

  it('fixes day and month together in one pass', () => {
    const text = plan({ meta: { date: 'date: "ngày 5 tháng 06 năm 2024"' } });
    assert.equal(check(text, formDate).length, 2);
    assert.match(roundTrip(text, formDate), /^date: "ngày 05 tháng 6 năm 2024"$/m);
  });

  it('rewrites a numeric date in words', () => {
    assert.match(roundTrip(plan({ meta: { date: 'date: 5/6/2024' } }), formDate), /^date: ngày 05 tháng 6 năm 2024$/m);
  });

  it('accepts well-written dates', () => {
    for (const d of ['ngày 05 tháng 02 năm 2024', 'ngày 10 tháng 12 năm 2024', 'ngày 01 tháng 01 năm 2025', 'ngày 31 tháng 3 năm 2024']) {
      assert.deepEqual(check(plan({ meta: { date: `date: ${d}` } }), formDate, 'submission'), [], d);
    }
  });

  it('reports a blank day only at submission', () => {
    const text = plan({ meta: { date: 'date: "ngày    tháng 6 năm 2024"' } });
    assert.deepEqual(check(text, formDate, 'drafting'), []);
    const found = check(text, formDate, 'submission');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /Ngày ban hành còn để trống/);
    assert.deepEqual(check(plan({ meta: { date: 'date: ngày … tháng 6 năm 2024' } }), formDate, 'drafting'), []);
  });

  it('reports a missing date, and the whole line when the place is missing too, at submission', () => {
    assert.deepEqual(check(plan({ meta: { date: 'date: ""' } }), formDate, 'drafting'), []);
    const [date] = check(plan({ meta: { date: 'date: ""' } }), formDate, 'submission');
    assert.match(date.message, /Thiếu ngày tháng/);
    const both = check(plan({ meta: { date: 'date: ""', place: 'place: ""' } }), formDate, 'submission');
    assert.equal(both.length, 1);
    assert.match(both[0].message, /Thiếu dòng địa danh/);
  });

  it('reports a missing place at submission', () => {
    const text = plan({ meta: { place: 'place: ""' } });
    assert.deepEqual(check(text, formDate, 'drafting'), []);
    const [f] = check(text, formDate, 'submission');
    assert.match(f.message, /Thiếu địa danh/);
    assert.equal(text.slice(f.start, f.end), 'place');
  });

  it('reports a place that holds the date too', () => {
    const [f] = check(plan({ meta: { place: 'place: Kiên Giang, ngày 05 tháng 6 năm 2024' } }), formDate);
    assert.match(f.message, /chỉ ghi tên đơn vị hành chính/);
  });

  it('reports dates that are not real or not in the printed form, without a fix', () => {
    for (const d of ['ngày 31 tháng 6 năm 2024', 'ngày 12 tháng 13 năm 2024', 'mùng 5 tháng 6']) {
      const found = check(plan({ meta: { date: `date: ${d}` } }), formDate);
      assert.equal(found.length, 1, d);
      assert.equal(found[0].fix, undefined, d);
    }
  });
});

describe('form.signature', () => {
  it('reports a state signature on a Party plan and fixes the prefix', () => {
    const text = plan({ variant: 'party', meta: { signer: 'signer:\n  authority: TM. BAN THƯỜNG VỤ\n  title: PHÓ BÍ THƯ\n  name: Trần Văn Bình' } });
    const [f] = check(text, formSignature);
    assert.equal(f.severity, 'error');
    assert.match(f.message, /không ký "TM\."; cần ghi "T\/M"/);
    assert.match(roundTrip(text, formSignature), /^ {2}authority: T\/M BAN THƯỜNG VỤ$/m);
  });

  it('reports a Party signature on a state plan and fixes both lines', () => {
    const text = plan({ meta: { signer: 'signer:\n  authority: T/M ỦY BAN NHÂN DÂN\n  acting: K/T CHỦ TỊCH\n  title: PHÓ CHỦ TỊCH\n  name: Nguyễn Văn An' } });
    assert.equal(check(text, formSignature).length, 2);
    const fixed = roundTrip(text, formSignature);
    assert.match(fixed, /authority: TM\. ỦY BAN NHÂN DÂN\n {2}acting: KT\. CHỦ TỊCH/);
  });

  it('reports a prefix with no counterpart without a fix', () => {
    const [f] = check(plan({ variant: 'party', meta: { signer: 'signer:\n  authority: TUQ. BÍ THƯ\n  title: CHÁNH VĂN PHÒNG\n  name: Trần Văn Bình' } }), formSignature);
    assert.match(f.message, /T\/M, K\/T, T\/L/);
    assert.equal(f.fix, undefined);
  });

  it('requires a title in every mode and a name at submission', () => {
    const noTitle = plan({ variant: 'party', meta: { signer: 'signer:\n  authority: T/M TỈNH ỦY\n  title: ""\n  name: ""' } });
    const drafting = check(noTitle, formSignature, 'drafting');
    assert.deepEqual(drafting.map((f) => noTitle.slice(f.start, f.end)), ['title']);
    const submission = check(noTitle, formSignature, 'submission');
    assert.deepEqual(submission.map((f) => noTitle.slice(f.start, f.end)), ['title', 'name']);
    const noName = plan({ variant: 'party', meta: { signer: 'signer:\n  authority: T/M TỈNH ỦY\n  title: BÍ THƯ' } });
    assert.deepEqual(check(noName, formSignature, 'drafting'), []);
    assert.match(check(noName, formSignature, 'submission')[0].message, /họ tên người ký/);
  });

  it('says where "KT. CHỦ TỊCH" belongs when it is written as the title', () => {
    const text = plan({ meta: { signer: 'signer:\n  authority: TM. ỦY BAN NHÂN DÂN\n  title: KT. CHỦ TỊCH\n  name: Nguyễn Văn An' } });
    const [f] = check(text, formSignature);
    assert.match(f.message, /signer\.acting/);
    const inAuthority = plan({ meta: { signer: 'signer:\n  authority: TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH\n  title: PHÓ CHỦ TỊCH\n  name: Nguyễn Văn An' } });
    assert.match(check(inAuthority, formSignature)[0].message, /"KT\. CHỦ TỊCH".*signer\.acting/);
  });

  it('reads the authority through look-alike letters', () => {
    const text = plan({ variant: 'party', meta: { signer: 'signer:\n  authority: T/M BAN THƢỜNG VỤ\n  title: PHÓ BÍ THƯ\n  name: Trần Văn Bình' } });
    assert.deepEqual(check(text, formSignature), []);
  });

  it('reports a missing signature block only at submission', () => {
    const text = plan({ meta: { signer: null } });
    assert.deepEqual(check(text, formSignature, 'drafting'), []);
    assert.equal(check(text, formSignature, 'submission').length, 1);
  });
});

describe('form.recipients', () => {
  it('reports an item without its ending and adds it', () => {
    const text = plan({ meta: { recipients: 'recipients:\n  - Bộ Nội vụ (b/c);\n  - LĐVP. UBND tỉnh\n  - "Lưu: VT, NC."' } });
    const [f] = check(text, formRecipients);
    assert.equal(text.slice(f.start, f.end), 'LĐVP. UBND tỉnh');
    assert.match(roundTrip(text, formRecipients), /^ {2}- LĐVP\. UBND tỉnh;$/m);
  });

  it('replaces the other variant\'s punctuation', () => {
    const text = plan({ variant: 'party', meta: { recipients: 'recipients:\n  - Ban Bí thư Trung ương Đảng;\n  - Lưu VPTU.' } });
    assert.match(check(text, formRecipients)[0].message, /dấu ","/);
    assert.match(roundTrip(text, formRecipients), /^ {2}- Ban Bí thư Trung ương Đảng,$/m);
  });

  it('accepts items marked as reported to a superior', () => {
    const text = plan({ variant: 'party', meta: { recipients: 'recipients:\n  - Văn phòng Trung ương Đảng, (báo cáo)\n  - Ban Dân vận Trung ương (báo cáo)\n  - Lưu Văn phòng Tỉnh uỷ.' } });
    assert.deepEqual(check(text, formRecipients), []);
  });

  it('adds the final period of the filing item', () => {
    const text = plan({ meta: { recipients: 'recipients:\n  - Bộ Nội vụ (b/c);\n  - "Lưu: VT, ckbich"' } });
    const [f] = check(text, formRecipients);
    assert.match(f.message, /"Lưu: VT, ckbich\."/);
    assert.match(roundTrip(text, formRecipients), /^ {2}- "Lưu: VT, ckbich\."$/m);
  });

  it('adds the colon of a state filing item, quoting the YAML value', () => {
    const fixed = roundTrip(plan({ meta: { recipients: 'recipients:\n  - Bộ Nội vụ (b/c);\n  - Lưu VT, NC.' } }), formRecipients);
    assert.match(fixed, /^ {2}- "Lưu: VT, NC\."$/m);
  });

  it('reports a list that does not end with the filing item, without a fix', () => {
    const [f] = check(plan({ meta: { recipients: 'recipients:\n  - Bộ Nội vụ (b/c);\n  - Các sở, ban, ngành tỉnh;' } }), formRecipients);
    assert.match(f.message, /Mục cuối cùng của nơi nhận phải là mục lưu/);
    assert.equal(f.fix, undefined);
  });

  it('reports missing recipients only at submission', () => {
    const text = plan({ meta: { recipients: null } });
    assert.deepEqual(check(text, formRecipients, 'drafting'), []);
    assert.equal(check(text, formRecipients, 'submission').length, 1);
  });
});

describe('form.ending', () => {
  it('reports a state plan whose text does not end with "./." and completes the full stop', () => {
    const text = plan({ closing: 'Trên đây là Kế hoạch thực hiện Nghị quyết số 43-NQ/TW.' });
    const [f] = check(text, formEnding);
    assert.match(f.message, /"\.\/\."/);
    assert.match(roundTrip(text, formEnding), /Nghị quyết số 43-NQ\/TW\.\/\.\n/);
  });

  it('checks the last paragraph when there is no closing paragraph', () => {
    const text = plan({ closing: null, lastParagraph: 'Sở Nội vụ theo dõi, báo cáo' });
    assert.equal(check(text, formEnding).length, 1);
    assert.match(roundTrip(text, formEnding), /báo cáo\.\/\.\n/);
    assert.deepEqual(check(plan({ closing: null, lastParagraph: 'Sở Nội vụ theo dõi, báo cáo./.' }), formEnding), []);
  });

  it('does not touch the HTML comment after the last word', () => {
    const text = plan({ closing: 'Trên đây là Kế hoạch thực hiện. <!-- seed l.155 -->' });
    assert.match(roundTrip(text, formEnding), /thực hiện\.\/\. <!-- seed l\.155 -->/);
  });

  it('does not apply to Party plans', () => {
    assert.deepEqual(check(plan({ variant: 'party', closing: 'Trên đây là Chương trình.' }), formEnding), []);
  });
});
