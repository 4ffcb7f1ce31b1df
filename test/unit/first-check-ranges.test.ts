// Patterns of a start's first check replaced by the classes' ranges (core/text/word-chars.ts `isUpper`, `isMark`; core/text/normalize.ts `toHoaStyle`; core/citations/extract.ts `titleQuoteAt`, `sentenceStarts`; core/rules/form/signature.ts `prefixToken`; core/rules/text/tone-style.ts's word start): each gives what the pattern it replaces gave.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execAt, sentenceStarts, titleQuoteAt } from '../../server/src/core/citations/extract';
import { prefixToken } from '../../server/src/core/rules/form/signature';
import { pairInStyle, toHoaStyle, toneStyleRegExp } from '../../server/src/core/text/normalize';
import { LETTER, UPPER } from '../../server/src/core/text/unicode-classes';
import { isLetter, isMark, isUpper } from '../../server/src/core/text/word-chars';
import { CITATION_PIECES } from '../support/citation-pieces';
import { PLAN_FIXTURES } from '../support/paths';
import { randomPieceTexts } from '../support/random';

/** The patterns as they were written. */
const OLD_TITLE_QUOTE = new RegExp(`\\s*,?\\s*(?:(?:[vV]ề\\s+(?:việc\\s+)?)?\\**\\s*(“)|[vV]ề\\s+(?:việc\\s+)?\\**\\s*(")|\\**\\s*(")(?=[${UPPER}]))`, 'uy');
const OLD_SENTENCE_START = new RegExp(`^\\s+[${UPPER}\\d“"(*-]`, 'u');
const OLD_PREFIX_TOKEN = new RegExp(`^[${UPPER}./]+`, 'u');
const OLD_LETTER = new RegExp(`[${LETTER}]`, 'u');
const oldToHoaStyle = (s: string): string => s.replace(toneStyleRegExp('hoà'), (m) => pairInStyle(m, 'hòa'));

/** One code point of each kind a class can hold or not: ASCII, Vietnamese, other scripts' capitals and small letters, marks, digits, blanks, punctuation, beyond the first plane, lone surrogates. */
const SAMPLES: readonly string[] = [
  'A', 'a', 'Z', 'z', 'Đ', 'đ', 'Ư', 'ư', 'Ằ', 'ằ', 'Ω', 'ω', 'Ж', 'ж', 'ǅ', 'ª', 'ʰ', '中', 'ہ', 'Ⅻ', 'Ⓐ', '\u0300', '\u0345', '\u20DD',
  '0', '9', '٣', ' ', '\u00A0', '\u2003', '\n', '\uFEFF', '.', '/', ',', '-', '*', '(', ')', '“', '”', '"', "'", '😀',
  '𐐀', '𐐨', '𝐀', '𝐚', '𞤀', '𞤢', '\uD801', '\uDC00', '\uD835',
];

const fixtureLines = (): string[] =>
  fs
    .readdirSync(PLAN_FIXTURES)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => fs.readFileSync(path.join(PLAN_FIXTURES, f), 'utf8').split('\n'));

/** Every code point, lone surrogates included, as a string. */
function* everyCodePoint(): Generator<string> {
  for (let c = 0; c <= 0x10ffff; c++) yield String.fromCodePoint(c);
}

describe('patterns of a start\'s first check replaced by the classes\' ranges', function () {
  this.timeout(120000);

  it('isUpper and isMark tell what \\p{Lu} and \\p{M} tell, over every code point', () => {
    const lu = /^\p{Lu}$/u;
    const m = /^\p{M}$/u;
    for (let c = 0; c <= 0x10ffff; c++) {
      const s = String.fromCodePoint(c);
      if (isUpper(c) !== lu.test(s)) assert.fail(`isUpper U+${c.toString(16)}`);
      if (isMark(c) !== m.test(s)) assert.fail(`isMark U+${c.toString(16)}`);
    }
    assert.equal(isUpper(-1), false);
  });

  it('a letter by code unit (the tone pairs\' word start) is what the letters\' pattern told of the unit alone', () => {
    for (let c = 0; c <= 0xffff; c++) {
      if (isLetter(c) !== OLD_LETTER.test(String.fromCharCode(c))) assert.fail(`U+${c.toString(16)}`);
    }
  });

  it('toHoaStyle gives what replacing the "hoà" pattern\'s matches gave', () => {
    const pairs = ['oà', 'oá', 'oả', 'oã', 'oạ', 'oè', 'oé', 'oẻ', 'oẽ', 'oẹ', 'uỳ', 'uý', 'uỷ', 'uỹ', 'uỵ'];
    const texts: string[] = [];
    for (const p of pairs) {
      for (const before of ['', 'q', 'Q', 'h', 'th', ' ', 'qu', '𝐀', '\uDC00', 'o', 'u']) {
        for (const after of ['', ...SAMPLES, 'oà', 'uỷ', ' x']) texts.push(`${before}${p}${after}`, `${before}${p}${after}${p}`, `${p}${p}${after}`);
      }
      texts.push(p.toUpperCase(), `${p[0].toUpperCase()}${p[1]}`, `${p[0]}${p[1].toUpperCase()}`, p.normalize('NFD'));
    }
    texts.push(...randomPieceTexts([...pairs, 'q', 'Q', 'h', 'k', ' ', 'a', 'y', 'ò', 'ù', 'uy', 'oa', '𝐀', '😀', '\u0300', '\uD835', '\uDC00', 'Đ', 'ư', '1', '.'], 11, 5000, 10));
    texts.push(...fixtureLines(), ...fixtureLines().map((l) => l.toLowerCase()));
    let changed = 0;
    for (const t of texts) {
      const expected = oldToHoaStyle(t);
      if (expected !== t) changed++;
      assert.equal(toHoaStyle(t), expected, JSON.stringify(t));
    }
    assert.ok(changed > 500, `${changed} texts changed`);
  });

  it('a title\'s opening quote is read where the pattern with the capitals\' look-ahead read it, at every place of the texts', () => {
    const pieces = [...CITATION_PIECES, ' "Chiến', ' "chiến', ' "', '"', '** "', ', "', ' về "', ' Về việc “', ' về  việc **"', '"Đ', '"đ', '"𝐀', '"𝐚', '"\uD835', '"Ω', '"1', ' về ', 'việc '];
    const texts = randomPieceTexts(pieces, 13, 4000, 6);
    for (const s of SAMPLES) texts.push(`"${s}`, ` , ** "${s}`, ` về "${s}`, `**"${s}x`);
    let quoted = 0;
    let bare = 0;
    for (const t of texts) {
      for (let at = 0; at <= t.length; at++) {
        const old = execAt(OLD_TITLE_QUOTE, t, at);
        const now = titleQuoteAt(t, at);
        if (old) quoted++;
        if (old?.[3] !== undefined) bare++;
        assert.deepEqual(now ? [now.index, ...now] : null, old ? [old.index, ...old] : null, `${JSON.stringify(t)} at ${at}`);
      }
    }
    assert.ok(quoted > 1000 && bare > 100, `${quoted} quotes, ${bare} bare`);
  });

  it('a sentence starts after a full stop where the pattern said so', () => {
    const texts: string[] = [];
    for (const s of everyCodePoint()) texts.push(` ${s}`, `  ${s}`, `\n${s}`.slice(0, 3), `${s}`);
    for (const a of SAMPLES) for (const b of SAMPLES) for (const c of SAMPLES) texts.push(`${a}${b}${c}`.slice(0, 3));
    texts.push('', ' ', '   ', '\u00A0\uFEFFA');
    let starts = 0;
    for (const t of texts) {
      const expected = OLD_SENTENCE_START.test(t);
      if (expected) starts++;
      if (sentenceStarts(t) !== expected) assert.fail(JSON.stringify(t));
    }
    assert.ok(starts > 5000, `${starts} starts`);
  });

  it('a signature line\'s leading token is what the pattern of capitals, dots and slashes matched', () => {
    const texts: string[] = [];
    for (const s of everyCodePoint()) texts.push(s, `T/${s}`, `TM.${s}X`);
    texts.push(...randomPieceTexts(['T/M', 'K/T', 'TM.', 'KT.', 'Q.', 'TL.', 'TUQ.', ' ', 'ỦY', 'BAN', 'Đ', 'đ', '𝐀', '\uD835', '\uDC00', '/', '.', 'x', '1'], 17, 4000, 6));
    let tokens = 0;
    for (const t of texts) {
      const m = OLD_PREFIX_TOKEN.exec(t);
      const expected = m ? m[0] : '';
      if (expected !== '') tokens++;
      if (prefixToken(t) !== expected) assert.fail(JSON.stringify(t));
    }
    assert.ok(tokens > 10000, `${tokens} tokens`);
  });
});
