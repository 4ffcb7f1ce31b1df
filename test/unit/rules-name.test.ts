// name.outdated and the date reading it relies on: old names in plans dated after the change, with their fixes applied and re-checked.

import assert from 'node:assert/strict';
import { checkText } from '../../server/src/core/engine';
import { Finding } from '../../server/src/core/findings';
import { applyEdits, fixEdits } from '../../server/src/core/fix';
import { parsePlanDate, planDateIso } from '../../server/src/core/form/date';
import * as foldMapModule from '../../server/src/core/form/fold-map';
import { findPhrase, FoldedText, foldWithMap } from '../../server/src/core/form/fold-map';
import { parsePlan } from '../../server/src/core/document/parse';
import { NAME_RULES } from '../../server/src/core/rules/name/index';
import { nameOutdated } from '../../server/src/core/rules/name/outdated';
import { repairLookalikes, toHoaStyle } from '../../server/src/core/text/normalize';
import { isWordUnit, wordCharLength } from '../../server/src/core/text/word-chars';
import { bundledKnowledge } from '../support/knowledge';
import { seededRandom } from '../support/random';

/** A small Party plan dated `date` whose task section holds `body`. */
function plan(date: string | null, body: string, extra = ''): string {
  return [
    '---',
    'template: nq43',
    'variant: party',
    'kind: CHƯƠNG TRÌNH',
    'issuer: Ban Thường vụ Tỉnh ủy Hà Tĩnh',
    'number: Số 51-CTr/TU',
    'place: Hà Tĩnh',
    ...(date === null ? [] : [`date: "${date}"`]),
    extra,
    '---',
    '',
    'Thực hiện Nghị quyết số 43-NQ/TW, Ban Thường vụ Tỉnh ủy ban hành Chương trình như sau:',
    '',
    '## I. TỔ CHỨC THỰC HIỆN',
    '',
    body,
    '',
  ].join('\n');
}

/**
 * The rule's findings, checked as one plan (the editor's first check) and as one of a run over
 * many plans (`manyPlans`, where a paragraph is folded only when its text may hold an old name):
 * the two must be the same.
 */
function check(text: string): Finding[] {
  const { kb } = bundledKnowledge();
  const alone = checkText('plan.md', text, kb, { mode: 'drafting', lang: 'vi', rules: [nameOutdated] }).findings;
  const many = checkText('plan.md', text, kb, { mode: 'drafting', lang: 'vi', rules: [nameOutdated], manyPlans: true }).findings;
  assert.deepEqual(many, alone, 'the same findings in a run over many plans');
  return alone;
}

const flagged = (text: string, findings: Finding[]): string[] => findings.map((f) => text.slice(f.start, f.end));

function roundTrip(text: string): string {
  const before = check(text);
  assert.ok(before.some((f) => f.fix), 'expected a fix');
  const fixed = applyEdits(text, fixEdits(before));
  const after = check(fixed);
  assert.deepEqual(after.filter((f) => f.fix).map((f) => f.message), [], 'no fixable finding after the fix');
  assert.equal(applyEdits(fixed, fixEdits(after)), fixed, 'fixing again changes nothing');
  return fixed;
}

describe('parsePlanDate', () => {
  it('reads the printed date line and where each part is', () => {
    const value = 'ngày 05 tháng 02 năm 2024';
    const d = parsePlanDate(value)!;
    assert.deepEqual([d.day, d.month, d.year, d.form], [5, 2, 2024, 'words']);
    assert.equal(value.slice(d.parts.month.index, d.parts.month.index + d.parts.month.text.length), '02');
  });

  it('reads a blank day, a place before the date and a numeric date', () => {
    const blank = parsePlanDate('ngày    tháng 6 năm 2024')!;
    assert.equal(blank.parts.day.blank, true);
    assert.equal(blank.day, undefined);
    assert.equal(parsePlanDate('ngày … tháng 6 năm 2024')!.parts.day.blank, true);
    assert.equal(parsePlanDate('Kiên Giang, ngày 10 tháng 6 năm 2024')!.day, 10);
    const numeric = parsePlanDate('05/6/2024')!;
    assert.deepEqual([numeric.day, numeric.month, numeric.year, numeric.form], [5, 6, 2024, 'numeric']);
    assert.equal(parsePlanDate('tháng Sáu'), undefined);
  });

  it('gives the last value\'s result again, frozen with its parts, and a new one for another value', () => {
    const value = 'Hà Tĩnh, ngày 05 tháng 02 năm 2024';
    const d = parsePlanDate(value)!;
    assert.equal(parsePlanDate(value), d);
    // The same text made anew (not the same string) is the same value.
    assert.equal(parsePlanDate(`Hà Tĩnh, ngày 05 tháng 02 năm ${2000 + 24}`), d);
    for (const o of [d, d.parts, d.parts.day, d.parts.month, d.parts.year]) assert.ok(Object.isFrozen(o));
    const other = parsePlanDate('ngày 06 tháng 02 năm 2024')!;
    assert.notEqual(other, d);
    assert.equal(other.day, 6);
    assert.equal(parsePlanDate('tháng Sáu'), undefined);
    assert.equal(parsePlanDate('tháng Sáu'), undefined);
    const again = parsePlanDate(value)!;
    assert.notEqual(again, d);
    assert.deepEqual(again, d);
    assert.deepEqual([again.day, again.month, again.year, again.parts.month.index], [5, 2, 2024, 23]);
  });

  it('gives the plan date, the first of the month when the day is blank', () => {
    const iso = (date: string | null) => planDateIso(parsePlan('p.md', plan(date, 'Nội dung.')));
    assert.equal(iso('ngày 05 tháng 8 năm 2025'), '2025-08-05');
    assert.equal(iso('ngày    tháng 7 năm 2025'), '2025-07-01');
    assert.equal(iso(null), undefined);
    assert.equal(iso(''), undefined);
  });
});

describe('foldWithMap', () => {
  it('finds a phrase across case, tone style, look-alikes and spacing, as whole words', () => {
    const text = 'Giao BAN TUYÊN GIÁO  Tỉnh uỷ; Ban Tuyên giáo Tỉnh ủyviên';
    const hits = findPhrase(foldWithMap(text), 'Ban Tuyên giáo Tỉnh ủy');
    assert.deepEqual(hits.map((h) => text.slice(h.start, h.end)), ['BAN TUYÊN GIÁO  Tỉnh uỷ']);
  });

  it('folds and maps back as a reading cluster by cluster does, on any text', () => {
    // The fold as it was first written, one regular expression match per cluster: the reference
    // for the table of characters alone that now folds nearly every character.
    const reference = (s: string): FoldedText => {
      const chars: string[] = [];
      const starts: number[] = [];
      const ends: number[] = [];
      const cluster = /\P{M}\p{M}*|\p{M}+/gsu;
      for (let m = cluster.exec(s); m; m = cluster.exec(s)) {
        const folded = repairLookalikes(m[0].normalize('NFC')).toLowerCase();
        for (const c of folded.split('')) {
          if (/[*_`“”"'‘’]/u.test(c)) continue;
          if (/\s/u.test(c)) {
            if (chars.length === 0 || chars[chars.length - 1] === ' ') continue;
            chars.push(' ');
          } else chars.push(c);
          starts.push(m.index);
          ends.push(m.index + m[0].length);
        }
      }
      while (chars[chars.length - 1] === ' ') {
        chars.pop();
        starts.pop();
        ends.pop();
      }
      return { text: toHoaStyle(chars.join('')), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
    };
    // Decomposed marks, marks first, letters beyond the first plane and lone surrogates, every kind
    // of space, look-alikes, quotes and emphasis, letters whose lower case is longer, tone-style pairs.
    const pieces = ['a', 'Ă', 'o', 'u', 'y', 'q', 'Q', 'à', 'ủ', 'Ủ', 'Y', 'UỶ', 'oà', '\u0300', '\u0301', '\u0309', '\u0323', '\u0302', '\u031B', ' ', '  ', '\t', '\n', '\u00A0', '\u3000', '\u200B', '\uFEFF', '\u2010', 'Ð', 'ð', 'Ƣ', '*', '_', '"', '“', '’', '`', 'đ', '𝐀', '😀', '\uD835', '\uDC00', 'İ', '\u212B', 'ﬁ', 'ß', 'Σ', '.', ',', '1', '-'];
    const plain = (f: { text: string; starts: ArrayLike<number>; ends: ArrayLike<number> }) => ({ text: f.text, starts: Array.from(f.starts), ends: Array.from(f.ends) });
    const random = seededRandom(43);
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      for (let k = Math.floor(random() * 12); k > 0; k--) text += pieces[Math.floor(random() * pieces.length)];
      assert.deepEqual(plain(foldWithMap(text)), plain(reference(text)), JSON.stringify(text));
    }
    // Long texts: past the room first made for the folded units (letters whose lower case is
    // longer, many of them), with and without lone surrogates (the units read at once or one by one).
    for (let n = 0; n < 200; n++) {
      let text = '';
      const heavy = n % 2 === 0 ? ['İ', 'İ', 'İ', 'ß'] : [];
      const from0 = n % 4 < 2 ? pieces.filter((p) => p !== '\uD835' && p !== '\uDC00') : pieces;
      for (let k = Math.floor(random() * 6000); k > 0; k--) {
        const from = heavy.length > 0 && random() < 0.5 ? heavy : from0;
        text += from[Math.floor(random() * from.length)];
      }
      assert.deepEqual(plain(foldWithMap(text)), plain(reference(text)), `long text ${n}`);
    }
  });
});

describe('word characters', () => {
  it('are the letters and digits of the Unicode expression, by code unit and by code point', () => {
    for (let code = 0; code < 0x10000; code++) assert.equal(isWordUnit(code), /[\p{L}\p{N}]/u.test(String.fromCharCode(code)), `U+${code.toString(16)}`);
    const cases: Array<[string, number]> = [['ủy', 1], ['𝐀b', 2], ['😀', 0], ['\uD835', 0], ['\uD835x', 0], ['\uDC00', 0], ['-', 0], ['', 0]];
    for (const [text, width] of cases) assert.equal(wordCharLength(text, 0), width, JSON.stringify(text));
  });
});

describe('name.outdated', () => {
  it('is the name family', () => assert.deepEqual(NAME_RULES.map((r) => r.id), ['name.outdated']));

  it('reports a merged board in a plan dated after the merger and replaces it', () => {
    const text = plan('ngày 05 tháng 8 năm 2025', 'Ban Tuyên giáo Tỉnh ủy chủ trì; Ban Dân vận Trung ương theo dõi.');
    const found = check(text);
    assert.deepEqual(flagged(text, found), ['Ban Tuyên giáo Tỉnh ủy', 'Ban Dân vận Trung ương']);
    assert.match(found[0].message, /từ ngày 01\/3\/2025 \(kế hoạch đề ngày 05\/8\/2025\).*"Ban Tuyên giáo và Dân vận Tỉnh ủy"/);
    const fixed = roundTrip(text);
    assert.match(fixed, /Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì; Ban Tuyên giáo và Dân vận Trung ương theo dõi\./);
  });

  it('finds a name only where its first word stands whole, whatever stands beside it', () => {
    // Beside the name: a letter beyond the first plane and a digit (part of the word), an emoji,
    // a lone surrogate, punctuation and a line break (not).
    const text = plan(
      'ngày 05 tháng 8 năm 2025',
      '𝐀Ban Dân vận Trung ương; 7Ban Tuyên giáo Trung ương; 😀Ban Tuyên giáo Tỉnh ủy; \uDC00Ban Dân vận Tỉnh ủy; (ban tuyên giáo tỉnh uỷ)\nBan Tuyên giáo Trung ương.',
    );
    assert.deepEqual(flagged(text, check(text)), ['Ban Tuyên giáo Tỉnh ủy', 'Ban Dân vận Tỉnh ủy', 'ban tuyên giáo tỉnh uỷ', 'Ban Tuyên giáo Trung ương']);
  });

  it('finds nothing before the change or without a date', () => {
    const body = 'Ban Tuyên giáo Tỉnh ủy chủ trì; các huyện ủy thực hiện.';
    assert.deepEqual(check(plan('ngày 05 tháng 02 năm 2025', body)), []);
    assert.deepEqual(check(plan(null, body)), []);
  });

  it('counts a blank day as the first of the month', () => {
    const body = 'Các huyện ủy thực hiện.';
    assert.equal(check(plan('ngày    tháng 7 năm 2025', body)).length, 1);
    assert.deepEqual(check(plan('ngày    tháng 6 năm 2025', body)), []);
  });

  it('reports a name with no successor without a fix', () => {
    const text = plan('ngày 05 tháng 8 năm 2025', 'Các huyện ủy, đảng ủy trực thuộc xây dựng kế hoạch; UBND các huyện tổ chức thực hiện.');
    const found = check(text);
    assert.deepEqual(flagged(text, found), ['huyện ủy', 'UBND các huyện']);
    assert.ok(found.every((f) => !f.fix));
  });

  it('keeps the old name in a citation of an older document and where it is marked as former', () => {
    const text = plan(
      'ngày 05 tháng 8 năm 2025',
      'Thực hiện Hướng dẫn số 12-HD/BTGTW, ngày 05/3/2024 của Ban Tuyên giáo Trung ương; địa bàn tỉnh Hà Giang (cũ) và tỉnh Yên Bái trước đây.',
    );
    assert.deepEqual(check(text), []);
    const newer = plan('ngày 05 tháng 8 năm 2025', 'Thực hiện Kế hoạch số 30-KH/TU, ngày 05/7/2025 của Ban Tuyên giáo Tỉnh ủy.');
    assert.equal(check(newer).length, 1);
  });

  it('replaces only the term of a "sitting committee" phrase', () => {
    const text = plan('ngày 10 tháng 02 năm 2026', 'Quán triệt các nghị quyết của Ban Chấp hành Trung ương Đảng khoá XIII hiện nay và Nghị quyết số 43-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XIII.');
    const found = check(text);
    assert.equal(found.length, 1);
    const fixed = roundTrip(text);
    assert.match(fixed, /Trung ương Đảng khoá XIV hiện nay và Nghị quyết số 43-NQ\/TW của Ban Chấp hành Trung ương Đảng khóa XIII\./);
  });

  it('maps a province to the new province and its Party committee to the new Party committee', () => {
    const text = plan('ngày 05 tháng 8 năm 2025', 'Tỉnh ủy Kiên Giang chỉ đạo; tỉnh Kiên Giang thực hiện; Tỉnh ủy Hậu Giang phối hợp.');
    const found = check(text);
    assert.deepEqual(flagged(text, found), ['Tỉnh ủy Kiên Giang', 'tỉnh Kiên Giang', 'Tỉnh ủy Hậu Giang']);
    assert.deepEqual(
      found.map((f) => f.fix?.edits.map((e) => e.newText)),
      [['Tỉnh ủy An Giang'], ['tỉnh An Giang'], ['Thành ủy Cần Thơ']],
    );
    assert.match(roundTrip(text), /Tỉnh ủy An Giang chỉ đạo; tỉnh An Giang thực hiện; Thành ủy Cần Thơ phối hợp\./);
  });

  it('reports a listed name of another sort without replacing it, unless it has its own current name', () => {
    const base = bundledKnowledge().kb;
    const names = {
      changes: [
        {
          id: 'test-merger',
          kind: 'unit' as const,
          names: ['tỉnh Đông Sơn', 'Tỉnh ủy Đông Sơn'],
          until: '2025-07-01',
          current: 'tỉnh Tây Sơn',
          source: 'https://example.org/sap-nhap',
          note: { vi: 'Sáp nhập.', en: 'Merged.' },
        },
      ],
    };
    const text = plan('ngày 05 tháng 8 năm 2025', 'Tỉnh ủy Đông Sơn chỉ đạo; tỉnh Đông Sơn thực hiện.');
    const found = checkText('plan.md', text, { ...base, names }, { mode: 'drafting', lang: 'vi', rules: [nameOutdated] }).findings;
    // A register of its own: its own test of paragraphs as written in a run over many plans.
    assert.deepEqual(checkText('plan.md', text, { ...base, names }, { mode: 'drafting', lang: 'vi', rules: [nameOutdated], manyPlans: true }).findings, found);
    assert.deepEqual(flagged(text, found), ['Tỉnh ủy Đông Sơn', 'tỉnh Đông Sơn']);
    assert.equal(found[0].fix, undefined);
    assert.deepEqual(found[1].fix?.edits.map((e) => e.newText), ['tỉnh Tây Sơn']);
  });

  it('keeps the tone style of the text it replaces', () => {
    const text = plan('ngày 05 tháng 8 năm 2025', 'Ban Dân vận Tỉnh uỷ theo dõi.');
    assert.match(roundTrip(text), /Ban Tuyên giáo và Dân vận Tỉnh uỷ theo dõi\./);
  });

  it('keeps the tone style of each text it replaces, one after the other with the patterns kept between them', () => {
    // Three texts in the "hoà" style in a row: a pattern that kept its place from one test to the
    // next would miss the pair in every second one.
    const body = 'Ban Dân vận Tỉnh uỷ theo dõi; Ban Tuyên giáo Tỉnh ủy báo cáo; BAN DÂN VẬN TỈNH UỶ tổng hợp; Ban Dân vận Tỉnh uỷ kiểm tra; Ban Dân vận Tỉnh uỷ đôn đốc.';
    const found = check(plan('ngày 05 tháng 8 năm 2025', body));
    assert.deepEqual(
      found.map((f) => f.fix?.edits.map((e) => e.newText).join('|')),
      ['Ban Tuyên giáo và Dân vận Tỉnh uỷ', 'Ban Tuyên giáo và Dân vận Tỉnh ủy', 'BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH UỶ', 'Ban Tuyên giáo và Dân vận Tỉnh uỷ', 'Ban Tuyên giáo và Dân vận Tỉnh uỷ'],
    );
    // And again in another check, after a text in the "hòa" style.
    assert.deepEqual(check(plan('ngày 05 tháng 8 năm 2025', 'Ban Dân vận Tỉnh uỷ theo dõi.')).map((f) => f.fix?.edits[0].newText), ['Ban Tuyên giáo và Dân vận Tỉnh uỷ']);
  });

  it('reads the metadata too', () => {
    const text = plan('ngày 05 tháng 8 năm 2025', 'Nội dung.', 'recipients:\n  - Ban Tuyên giáo Trung ương,\n  - Lưu VPTU.');
    assert.match(roundTrip(text), /- Ban Tuyên giáo và Dân vận Trung ương,/);
  });

  it('removes a recipient line that its fix would make repeat one above, instead of listing a body twice', () => {
    const recipients = [
      'recipients:',
      '  - Ban Tuyên giáo Trung ương (báo cáo),',
      '  - Ban Dân vận Trung ương (báo cáo),',
      '  - Ban Tuyên giáo Tỉnh ủy,',
      '  - Ban Tuyên giáo và Dân vận Tỉnh ủy,',
      '  - Ban Dân vận Tỉnh ủy,',
      '  - Lưu VPTU.',
    ].join('\n');
    const text = plan('ngày 05 tháng 8 năm 2025', 'Nội dung.', recipients);
    const found = check(text);
    assert.deepEqual(
      found.map((f) => f.fix?.title),
      [
        'Thay bằng "Ban Tuyên giáo và Dân vận Trung ương"',
        'Bỏ dòng này: thay bằng "Ban Tuyên giáo và Dân vận Trung ương" thì trùng với một nơi nhận ở trên',
        'Bỏ dòng này: thay bằng "Ban Tuyên giáo và Dân vận Tỉnh ủy" thì trùng với một nơi nhận ở trên',
        'Bỏ dòng này: thay bằng "Ban Tuyên giáo và Dân vận Tỉnh ủy" thì trùng với một nơi nhận ở trên',
      ],
    );
    const fixed = roundTrip(text);
    assert.ok(
      fixed.includes(['recipients:', '  - Ban Tuyên giáo và Dân vận Trung ương (báo cáo),', '  - Ban Tuyên giáo và Dân vận Tỉnh ủy,', '  - Lưu VPTU.'].join('\n')),
      fixed,
    );
    // Each fix alone is as good: the line removed by itself leaves the plan valid and the rest to fix.
    const alone = applyEdits(text, found[1].fix!.edits);
    assert.ok(!alone.includes('Ban Dân vận Trung ương'), alone);
    assert.equal(check(alone).length, 3);
  });

  it('searches each recipient line once a check, for its own findings and for the lines its fix would repeat', () => {
    const lines = ['Ban Tuyên giáo Trung ương (báo cáo),', 'Ban Dân vận Trung ương (báo cáo),', 'Ban Tuyên giáo Tỉnh ủy,', 'Ban Dân vận Tỉnh ủy,', 'Lưu VPTU.'];
    const text = plan('ngày 05 tháng 8 năm 2025', 'Nội dung.', ['recipients:', ...lines.map((l) => `  - ${l}`)].join('\n'));
    // The map back (`foldWithMap`) is made for each text the search finds a name in: counted by text.
    const spied = foldMapModule as unknown as { foldWithMap: typeof foldWithMap };
    const real = spied.foldWithMap;
    const made = new Map<string, number>();
    spied.foldWithMap = (s: string) => {
      made.set(s, (made.get(s) ?? 0) + 1);
      return real(s);
    };
    try {
      for (const manyPlans of [false, true]) {
        made.clear();
        const found = checkText('plan.md', text, bundledKnowledge().kb, { mode: 'drafting', lang: 'vi', rules: [nameOutdated], manyPlans }).findings;
        assert.equal(found.length, 4);
        assert.ok(found.some((f) => f.fix?.title?.startsWith('Bỏ dòng này')));
        for (const line of lines.slice(0, 4)) assert.equal(made.get(line), 1, `${line} (manyPlans ${manyPlans})`);
      }
    } finally {
      spied.foldWithMap = real;
    }
  });

  it('replaces, never removes, an old name in the body or in a recipient line that is not repeated', () => {
    const text = plan('ngày 05 tháng 8 năm 2025', 'Ban Tuyên giáo Tỉnh ủy và Ban Dân vận Tỉnh ủy phối hợp.', 'recipients:\n  - Ban Dân vận Tỉnh ủy,\n  - Lưu VPTU.');
    assert.ok(check(text).every((f) => f.fix?.title?.startsWith('Thay bằng')));
  });
});
