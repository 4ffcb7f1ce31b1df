// The citation reader's patterns written without the `i` flag (core/citations/extract.ts, core/text/normalize.ts `anyCaseSource`) against the patterns with the `i` flag they replace: every code point where a letter or class is read, the fixtures' texts and random texts of citations' pieces in any case.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ANY_CASE_PATTERNS, execAt, termAt, typeWordBefore } from '../../server/src/core/citations/extract';
import { TYPE_WORDS, typeWordAlternation } from '../../server/src/core/citations/type-codes';
import { anyCaseSource } from '../../server/src/core/text/normalize';
import { LETTER, LETTER_OR_DIGIT } from '../../server/src/core/text/unicode-classes';
import { CITATION_PIECES } from '../support/citation-pieces';
import { FIXTURES } from '../support/paths';
import { randomPieceTexts, seededRandom } from '../support/random';

const TYPE_ALT = typeWordAlternation();
/** The patterns as they were written, with the `i` flag. */
const WRITTEN: Record<string, RegExp> = {
  TYPE_BEFORE: new RegExp(`(?:^|[^${LETTER}])(${TYPE_ALT})(\\s+số\\s*:?\\s*|\\s*:\\s*|\\s+)$`, 'iu'),
  SO_BEFORE: new RegExp(`(?:^|[^${LETTER}])(số)\\s*:?\\s*$`, 'iu'),
  HAS_SO: /số/iu,
  DATE: /(\s*,)?\s*ngày\s+(\d{1,2})(?:\s*([/.-])\s*(\d{1,2})\s*\3\s*(\d{4})|\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))(?!\d)/iuy,
  LINKED_ISSUER: /\s*,?\s*(của|giữa)\s+/iuy,
  ISSUER_STOP_WORD: /\s+(?:kh(?:óa|oá)|về|thực hiện|phê duyệt|ban hành|tại|ngày|nhằm|để|theo|đã|đề ra|số)(?=[\s,.;:]|$)/iu,
  TERM: new RegExp(`\\s*,?\\s*\\(?\\s*kh(?:óa|oá)\\s+([IVXLC]+)(?![${LETTER_OR_DIGIT}])\\s*\\)?`, 'iuy'),
  KH: /kh/iu,
  TRUNG_UONG_AT_END: /Trung ương\s*$/iu,
  TITLE_VE: /\s*,?\s*về\s+(?:việc\s+)?/iuy,
  SHORT_FORM: /\s*\(\s*(?:sau\s+đây\s+)?(?:được\s+)?(?:viết\s+tắt|gọi\s+tắt|gọi\s+chung|viết\s+gọn)\s*(?:là\s*)?:?\s*([^)]*)\)/iuy,
  SHORT_FORM_OPEN: /^\(\s*(?:sau\s+đây|viết\s+tắt|gọi\s+tắt|gọi\s+chung|viết\s+gọn)/iu,
};
/** Patterns anchored at the end: run on the text before each digit, as the reader runs them before a symbol. */
const AT_END = new Set(['TYPE_BEFORE', 'SO_BEFORE', 'TRUNG_UONG_AT_END']);

/**
 * Texts each pattern matches, with the places read by a class or a look-around (`|` marks the
 * character after it: every code point is tried there); every other character is tried with each
 * code point that some letter matches with the `i` flag or that a written pattern holds.
 */
const STOP_WORDS = ['khóa', 'khoá', 'về', 'thực hiện', 'phê duyệt', 'ban hành', 'tại', 'ngày', 'nhằm', 'để', 'theo', 'đã', 'đề ra', 'số'];
const TEMPLATES: Record<string, string[]> = {
  TYPE_BEFORE: ['|.Quyết định số: ', 'Ban |.Luật: ', '|Luật: ', 'Kế hoạch| ', 'x Luật:|', ...[...TYPE_WORDS.map((t) => t.word), 'Thông báo (kết luận)'].map((w) => `.${w} số `)],
  SO_BEFORE: ['|.số: ', 'số|'],
  HAS_SO: [' số '],
  DATE: [', ngày 24/11/2023|.', ' ngày 1.1.2024|x', 'ngày 3-2-2025', ', ngày 24 tháng 11 năm 2023|.'],
  LINKED_ISSUER: [', của Bộ', ' giữa Ủy'],
  ISSUER_STOP_WORD: STOP_WORDS.map((w) => ` ${w}|.`),
  TERM: [' (khóa XIII|) ', ', khoá XIV|,', ' khóa LXVI|C'],
  KH: ['khóa'],
  TRUNG_UONG_AT_END: ['Hội nghị Trung ương '],
  TITLE_VE: [', về việc ban', ' về kế'],
  SHORT_FORM: [' (sau đây được viết tắt là: |X)', ' (gọi tắt là |X)', '(gọi chung |X)', '( viết gọn: |X)'],
  SHORT_FORM_OPEN: ['(sau đây', '(viết tắt', '(gọi tắt', '(gọi chung', '( viết gọn'],
};

/**
 * What the reader takes of a match. TYPE_BEFORE's written pattern matched the character before the
 * type word, the reader's starts at the word (`typeWordBefore`, which asks the letters' ranges of
 * the character before it): the word's start, the word and what follows it are compared, and the
 * reader's match must be the word and what follows it. TERM is read by `termAt`, which asks the
 * class's ranges of the character after the numeral.
 */
function result(re: RegExp, text: string, name = ''): string {
  re.lastIndex = 0;
  const m = re === WRITTEN[name] ? re.exec(text) : name === 'TYPE_BEFORE' ? typeWordBefore(text) : name === 'TERM' ? termAt(text, 0) : re.exec(text);
  if (!m) return 'none';
  if (name !== 'TYPE_BEFORE') return JSON.stringify([m.index, ...m]);
  if (re === WRITTEN.TYPE_BEFORE) return JSON.stringify([m.index + m[0].indexOf(m[1]), m[1], m[2]]);
  return m[0] === m[1] + m[2] ? JSON.stringify([m.index, m[1], m[2]]) : `a match that is not the word and what follows: ${JSON.stringify([m.index, ...m])}`;
}

/** The code points tried in the place of a letter: those the letters of the patterns match with the `i` flag, and those the written patterns hold. */
function letterCandidates(): number[] {
  const letters = [...new Set(Object.values(TEMPLATES).flat().join('').replace(/[^\p{L}]/gu, '') + 'ivxlc')].join('');
  const anyCase = new RegExp(`^[${letters}]$`, 'iu');
  const held = new Set([...Object.values(ANY_CASE_PATTERNS).map((re) => re.source).join('')].map((c) => c.codePointAt(0)!));
  const out: number[] = [];
  for (let c = 0; c <= 0x10ffff; c++) if (held.has(c) || anyCase.test(String.fromCodePoint(c))) out.push(c);
  return out;
}

const fixtureTexts = (): string[] =>
  fs
    .readdirSync(path.join(FIXTURES, 'plans'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => fs.readFileSync(path.join(FIXTURES, 'plans', f), 'utf8'));

/** Pieces in every case and characters the `i` flag folds onto letters (the Kelvin sign, the long s, U+0345). */
const EXTRA_PIECES = ['\u212A', 'ſ', '\u0345', 'KHÓA', 'Khoá XII', ' SỐ ', 'NGÀY 3/2/2024', ' (SAU ĐÂY GỌI TẮT LÀ X)', 'ι', 'İ', 'ı', 'ⅰ', 'Ⅹ'];

/** Random texts of citations' pieces, each letter of one text in four put in a random case. */
function randomTexts(seed: number, count: number): string[] {
  const random = seededRandom(seed + 1);
  return randomPieceTexts([...CITATION_PIECES, ...EXTRA_PIECES], seed, count, 16).map((t) =>
    random() < 0.25 ? [...t].map((c) => (random() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('') : t,
  );
}

/**
 * Every result of a pattern over a text: at every digit for those anchored at the end, at every
 * place for TERM (sticky, read by `termAt`), else every match of its global form.
 */
function resultsOver(name: string, re: RegExp, text: string): string[] {
  if (name === 'TERM') {
    const out: string[] = [];
    for (let at = 0; at <= text.length; at++) {
      const m = re === WRITTEN.TERM ? execAt(re, text, at) : termAt(text, at);
      out.push(m ? JSON.stringify([m.index, ...m]) : 'none');
    }
    return out;
  }
  if (AT_END.has(name)) {
    const out: string[] = [];
    for (let i = 0; i <= text.length; i++) if (i === text.length || /\d/u.test(text[i])) out.push(result(re, text.slice(Math.max(0, i - 60), i), name));
    return out;
  }
  const global = new RegExp(re.source, re.flags.replace('y', '') + 'g');
  return [...text.matchAll(global)].map((m) => JSON.stringify([m.index, ...m]));
}

describe('the citation reader\'s patterns written without the i flag', function () {
  this.timeout(300_000);

  it('anyCaseSource writes each letter in both cases and what else folds to it, the rest as it is', () => {
    assert.equal(anyCaseSource('kế (số)'), '[kK\u212A][ếẾ] \\([sS\u017F][ốỐ]\\)');
    assert.equal(new RegExp(`^${anyCaseSource('a.b|c')}$`, 'u').test('A.B|C'), true);
    assert.equal(new RegExp(`^${anyCaseSource('a.b')}$`, 'u').test('aXb'), false);
  });

  it('every pattern is compared', () => {
    assert.deepEqual(Object.keys(ANY_CASE_PATTERNS).sort(), Object.keys(WRITTEN).sort());
    for (const [name, re] of Object.entries(ANY_CASE_PATTERNS)) {
      assert.ok(!re.flags.includes('i'), name);
      // TYPE_BEFORE is global: typeWordBefore tries it again one place after a match that follows a letter.
      assert.equal(re.flags, WRITTEN[name].flags.replace('i', '').replace(/^/, name === 'TYPE_BEFORE' ? 'g' : ''), name);
    }
  });

  it('each pattern reads every code point as before where a letter or class is read', () => {
    const letters = letterCandidates();
    assert.ok(letters.includes(0x212a) && letters.includes(0x17f) && letters.length > 150, `${letters.length} code points`);
    let tried = 0;
    for (const [name, templates] of Object.entries(TEMPLATES)) {
      const written = ANY_CASE_PATTERNS[name];
      const reference = WRITTEN[name];
      for (const template of templates) {
        const text = template.replace('|', '');
        const every = template.indexOf('|');
        assert.notEqual(result(reference, text, name), 'none', `${name} does not match ${JSON.stringify(text)}`);
        for (let at = 0; at < text.length; at++) {
          const isLetter = /\p{L}/u.test(text[at]);
          if (at !== every && !isLetter) continue;
          const tryOne = (c: number): void => {
            const s = text.slice(0, at) + String.fromCodePoint(c) + text.slice(at + 1);
            tried++;
            if (result(written, s, name) !== result(reference, s, name)) assert.fail(`${name} on ${JSON.stringify(text)}, place ${at}: U+${c.toString(16)}`);
          };
          if (at === every) for (let c = 0; c <= 0x10ffff; c++) tryOne(c);
          else for (const c of letters) tryOne(c);
        }
      }
    }
    assert.ok(tried > 1_000_000, `${tried} texts`);
  });

  it('each pattern finds the same over the fixtures\' plans and 6,000 random texts of citations\' pieces in any case', () => {
    const texts = [...fixtureTexts(), ...randomTexts(41, 6000)];
    let found = 0;
    for (const [name, written] of Object.entries(ANY_CASE_PATTERNS)) {
      for (const text of texts) {
        const expected = resultsOver(name, WRITTEN[name], text);
        found += expected.filter((r) => r !== 'none').length;
        assert.deepEqual(resultsOver(name, written, text), expected, `${name} on ${JSON.stringify(text.slice(0, 200))}`);
      }
    }
    assert.ok(found > 20000, `only ${found} matches`);
  });
});
