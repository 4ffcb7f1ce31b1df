// The patterns of the first check written without the `i` flag or ICU's classes (core/text/normalize.ts `anyCaseToneSource`, `toneStyleRegExp`; core/rules/name/first-words.ts `firstWordOf`; core/workspace/entry.ts `issuerNames`) against the patterns they replace: their letters and classes over every code point, the whole patterns over the fixtures' texts and random texts.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { firstWordOf } from '../../server/src/core/rules/name/first-words';
import { anyCaseTonePairs, anyCaseToneSource, fold, hasNextTonePair, nextTonePair, toneStyleRegExp, ToneStyle } from '../../server/src/core/text/normalize';
import { LETTER_OR_DIGIT } from '../../server/src/core/text/unicode-classes';
import { issuerNames } from '../../server/src/core/workspace/entry';
import { bundledKnowledge } from '../support/knowledge';
import { randomPieceTexts } from '../support/random';

/** The tone pairs' patterns as they were written: the pairs, then no letter (`\p{L}`), used with the `i` flag for any case. */
const WRITTEN: Record<ToneStyle, string> = {
  'hòa': '(?<![qQ])(òa|óa|ỏa|õa|ọa|òe|óe|ỏe|õe|ọe|ùy|úy|ủy|ũy|ụy)(?![\\p{L}])',
  'hoà': '(?<![qQ])(oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ|uỳ|uý|uỷ|uỹ|uỵ)(?![\\p{L}])',
};
const STYLES: readonly ToneStyle[] = ['hòa', 'hoà'];

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'plans');
/** The fixtures' plans, each line a text. */
const fixtureLines = (): string[] =>
  fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8').split('\n'));

/** Pieces of random texts: the pairs in both styles and cases, after and before "q", letters, marks and characters that fold to a letter with the `i` flag. */
const PIECES: readonly string[] = [
  ...'òa|óa|ỏa|õa|ọa|òe|óe|ỏe|õe|ọe|ùy|úy|ủy|ũy|ụy|oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ|uỳ|uý|uỷ|uỹ|uỵ'.split('|'),
  'q', 'Q', 'h', 'th', 'kh', 'Th', ' ', '  ', ',', '.', '-', '\n', 'a', 'y', 'e', 'o', 'u', 'O', 'U', 'Y', 'đ', 'ư', 'ơ', '1',
  '\u0345', '\u0300', '\u0301', '\u0323', 'ſ', '\u212A', 'ß', 'ẞ', 'Ⓐ', 'ⓐ', 'Ⅰ', 'ι', 'Ω', '\u1FBE', '𐐀', '𐐨', '\u{1D400}', '😀',
];

/** Every match of a global pattern: where and what. */
function matches(re: RegExp, text: string): string[] {
  return [...text.matchAll(re)].map((m) => `${m.index}:${m[0]}`);
}

/** The first code point (a lone surrogate included) on which the two patterns disagree, or undefined. */
function firstDifference(written: RegExp, reference: RegExp, around: (c: string) => string = (c) => c): number | undefined {
  for (let c = 0; c <= 0x10ffff; c++) {
    const s = around(String.fromCodePoint(c));
    if (written.test(s) !== reference.test(s)) return c;
  }
  return undefined;
}

describe('the first check\'s patterns written without the i flag or ICU\'s classes', function () {
  this.timeout(120_000);

  for (const style of STYLES) {
    const reference = new RegExp(WRITTEN[style], 'iu');
    const source = anyCaseToneSource(style);
    const written = new RegExp(source, 'u');
    const pairs = /\((.*)\)/.exec(WRITTEN[style].replace('(?![\\p{L}])', '').replace('(?<![qQ])', ''))![1].split('|');

    it(`the "${style}" pairs in any case: each letter of each pair as the i flag reads it, over every code point`, () => {
      // A code point that no letter of the pairs matches with the i flag, nor any class of a letter
      // written out, leaves both patterns without a match wherever it stands in a pair; every other
      // code point is tried in the place of each letter of each pair.
      const letters = [...new Set(pairs.join(''))].join('');
      const anyLetter = new RegExp(`^[${letters}]$`, 'iu');
      const anyClass = new RegExp(`^(?:${source.match(/\[[^\]]{2}\]/gu)!.join('|')})$`, 'u');
      let tried = 0;
      for (let c = 0; c <= 0x10ffff; c++) {
        const s = String.fromCodePoint(c);
        if (!anyLetter.test(s) && !anyClass.test(s)) continue;
        tried++;
        for (const pair of pairs) {
          for (let at = 0; at < pair.length; at++) {
            const text = `${pair.slice(0, at)}${s}${pair.slice(at + 1)}.`;
            assert.equal(written.test(text), reference.test(text), `${pair}, letter ${at}: U+${c.toString(16)}`);
          }
        }
      }
      assert.ok(tried >= 2 * letters.length, `only ${tried} code points tried`);
    });

    it(`the "${style}" pairs in any case: no letter after the pair as the i flag reads it, and not after q, over every code point`, () => {
      for (const pair of [pairs[0], pairs[pairs.length - 1].toUpperCase()]) {
        assert.equal(firstDifference(written, reference, (c) => `${pair}${c}`), undefined, `after ${pair}`);
        assert.equal(firstDifference(written, reference, (c) => `${c}${pair}`), undefined, `before ${pair}`);
      }
    });

    it(`the "${style}" pairs in any case: the same matches as the i flag gives, over the fixtures' lines and random texts`, () => {
      const texts = [...fixtureLines(), ...randomPieceTexts(PIECES, 14, 4000, 12)];
      let found = 0;
      for (const text of texts) {
        const expected = matches(new RegExp(WRITTEN[style], 'giu'), text);
        found += expected.length;
        assert.deepEqual(matches(new RegExp(source, 'gu'), text), expected, JSON.stringify(text));
        assert.equal(written.test(text), reference.test(text), JSON.stringify(text));
      }
      assert.ok(found > 1000, `only ${found} matches: the texts do not exercise the pattern`);
    });

    it(`the "${style}" pairs read by nextTonePair (a look-ahead of the Latin letters, then the letters' ranges): what the whole pattern finds, over every code point after and before pairs, the fixtures' lines and random texts`, () => {
      const whole = new RegExp(source, 'gu');
      const pairsOnly = anyCaseTonePairs(style);
      assert.ok(pairsOnly.source.length < 1000, `the pattern has no look-ahead of the letters' class: ${pairsOnly.source.length} characters`);
      const found = (text: string): string[] => {
        const out: string[] = [];
        pairsOnly.lastIndex = 0;
        for (let m = nextTonePair(pairsOnly, text); m; m = nextTonePair(pairsOnly, text)) out.push(`${m.index}:${m[0]}`);
        assert.equal(pairsOnly.lastIndex, 0, 'lastIndex left at 0 after the last pair');
        return out;
      };
      for (const pair of [pairs[0], pairs[pairs.length - 1].toUpperCase()]) {
        for (let c = 0; c <= 0x10ffff; c++) {
          const ch = String.fromCodePoint(c);
          // After a pair and a second pair (tried again one place after the first when a letter
          // follows it) over every code point; before a pair and after a pair that a pair follows
          // over the first plane, then one code point in 61.
          const texts = c < 0x10000 || c % 61 === 0 ? [`${pair}${ch}${pair}${ch}`, `${pair}${pair}${ch}`, `${ch}${pair}x${pair}`] : [`${pair}${ch}${pair}${ch}`];
          for (const text of texts) {
            if (found(text).join() !== matches(whole, text).join()) assert.fail(`${JSON.stringify(text)}: U+${c.toString(16)}`);
          }
        }
      }
      let n = 0;
      for (const text of [...fixtureLines(), ...randomPieceTexts(PIECES, 16, 4000, 12)]) {
        const expected = matches(whole, text);
        n += expected.length;
        assert.deepEqual(found(text), expected, JSON.stringify(text));
      }
      assert.ok(n > 1000, `only ${n} matches`);
    });

    it(`the "${style}" pairs counted by hasNextTonePair (no match's array): the ends of nextTonePair's matches, lastIndex 0 after the last, over the first plane after and before pairs, the fixtures' lines and random texts`, () => {
      const pattern = anyCaseTonePairs(style);
      const ends = (next: (text: string) => boolean, text: string): number[] => {
        const out: number[] = [];
        pattern.lastIndex = 0;
        while (next(text)) out.push(pattern.lastIndex);
        assert.equal(pattern.lastIndex, 0, 'lastIndex left at 0 after the last pair');
        return out;
      };
      const byExec = (text: string): boolean => nextTonePair(pattern, text) !== null;
      const byTest = (text: string): boolean => hasNextTonePair(pattern, text);
      const texts: string[] = [...fixtureLines(), ...randomPieceTexts(PIECES, 17, 4000, 12)];
      for (const pair of [pairs[0], pairs[pairs.length - 1].toUpperCase()]) {
        for (let c = 0; c < 0x10000; c += c < 0x3000 ? 1 : 7) {
          const ch = String.fromCharCode(c);
          texts.push(`${pair}${ch}${pair}${ch}`, `${pair}${pair}${ch}`, `${ch}${pair}x${pair}`);
        }
      }
      let n = 0;
      for (const text of texts) {
        const expected = ends(byExec, text);
        n += expected.length;
        const got = ends(byTest, text);
        if (got.join() !== expected.join()) assert.fail(`${JSON.stringify(text)}: ${got.join()} against ${expected.join()}`);
      }
      assert.ok(n > 10000, `only ${n} matches`);
    });

    it(`the lower-case "${style}" pairs: the same matches as with \\p{L}, over the fixtures' lines and random texts`, () => {
      const old = new RegExp(WRITTEN[style], 'gu');
      for (const text of [...fixtureLines(), ...randomPieceTexts(PIECES, 15, 4000, 12)]) assert.deepEqual(matches(toneStyleRegExp(style), text), matches(old, text), JSON.stringify(text));
    });
  }

  it('the first word of a folded name: the letters and digits [\\p{L}\\p{N}] reads, over every code point and over the fixtures\' words and random texts', () => {
    const old = (s: string): string | undefined => /^[\p{L}\p{N}]+/u.exec(s)?.[0];
    for (let c = 0; c <= 0x10ffff; c++) {
      const s = `${String.fromCodePoint(c)}a ${String.fromCodePoint(c)}`;
      if (firstWordOf(s) !== old(s)) assert.fail(`U+${c.toString(16)}`);
    }
    const texts = [...fixtureLines().flatMap((line) => line.split(/(?=\s)/)), ...randomPieceTexts(PIECES, 16, 4000, 8)];
    for (const s of texts) assert.equal(firstWordOf(s), old(s), JSON.stringify(s));
  });

  describe('the names of an issuer (issuerNames): the same as with the patterns of the `i` flag and of the letters\' class', () => {
    /** issuerNames as it was written, with a pattern of the letters' and digits' class for each Party level's words. */
    const words = (alternatives: string): RegExp => new RegExp(`^(?:${alternatives})(?![${LETTER_OR_DIGIT}])`, 'u');
    const levels = [
      ['tỉnh ủy', 'đảng bộ tỉnh', 'Tỉnh ủy', 'Đảng bộ tỉnh'],
      ['thành ủy', 'đảng bộ thành phố', 'Thành ủy', 'Đảng bộ thành phố'],
      ['huyện ủy', 'đảng bộ huyện', 'Huyện ủy', 'Đảng bộ huyện'],
      ['thị ủy', 'đảng bộ thị xã', 'Thị ủy', 'Đảng bộ thị xã'],
      ['quận ủy', 'đảng bộ quận', 'Quận ủy', 'Đảng bộ quận'],
      ['đảng ủy xã', 'đảng bộ xã', 'Đảng ủy xã', 'Đảng bộ xã'],
      ['đảng ủy phường', 'đảng bộ phường', 'Đảng ủy phường', 'Đảng bộ phường'],
      ['đảng ủy đặc khu', 'đảng bộ đặc khu', 'Đảng ủy đặc khu', 'Đảng bộ đặc khu'],
      ['đảng ủy thị trấn', 'đảng bộ thị trấn', 'Đảng ủy thị trấn', 'Đảng bộ thị trấn'],
    ].map(([committee, organisation, name, organisationName]) => ({ committee: words(committee), organisation: words(organisation), name, organisationName }));
    const referenceNames = (issuer: string): string[] => {
      const written = issuer.normalize('NFC').trim().replace(/\s+/gu, ' ');
      if (!written) return [];
      const names = new Set<string>([written]);
      const state = /^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd)(?![\p{L}\p{N}])\s*(.*)$/iu.exec(written);
      if (state) {
        const rest = state[1] ? ` ${state[1]}` : '';
        names.add(`Ủy ban nhân dân${rest}`);
        names.add(`UBND${rest}`);
        return [...names];
      }
      const body = written.replace(/^ban (?:thường vụ|chấp hành)\s+/iu, '');
      const folded = fold(body);
      for (const level of levels) {
        const m = level.committee.exec(folded) ?? level.organisation.exec(folded);
        if (!m) continue;
        const place = body.split(' ').slice(m[0].split(' ').length).join(' ');
        const p = place ? ` ${place}` : '';
        names.add(`${level.name}${p}`);
        names.add(`Ban Thường vụ ${level.name}${p}`);
        names.add(`Ban Chấp hành ${level.organisationName}${p}`);
        names.add(`${level.organisationName}${p}`);
        break;
      }
      return [...names];
    };

    /** The words the patterns read, and what may stand around them: spaces of every kind, marks, letters that fold to others, astral letters, lone surrogates. */
    const ISSUER_PIECES: readonly string[] = [
      'Ủy ban nhân dân', 'ỦY BAN NHÂN DÂN', 'uỷ ban nhân dân', 'Uỷ Ban Nhân Dân', 'UBND', 'ubnd', 'UbNd', 'Ban Thường vụ', 'BAN THƯỜNG VỤ', 'ban chấp hành', 'Ban Chấp hành',
      'Tỉnh ủy', 'Tỉnh uỷ', 'tinh uy', 'Thành ủy', 'Huyện ủy', 'Thị ủy', 'Quận ủy', 'Đảng ủy xã', 'Đảng ủy phường', 'Đảng ủy đặc khu', 'Đảng ủy thị trấn',
      'Đảng bộ tỉnh', 'Đảng bộ thành phố', 'Đảng bộ huyện', 'Đảng bộ thị xã', 'Đảng bộ quận', 'Đảng bộ xã', 'Đảng bộ phường', 'Đảng bộ đặc khu', 'Đảng bộ thị trấn',
      ' ', ' ', ' ', ' ', '  ', '\t', '\n', '\u2028', '\u00A0', '\u3000', '\uFEFF', '-', ',', '.', '(', 'An Giang', 'Hà', 'x', 'X', '1', '²', 'Ⅳ',
      '\u0345', '\u0300', '\u0301', 'ſ', '\u212A', 'İ', 'ß', 'ẞ', 'Ⓐ', 'ι', 'Σ', '𐐀', '𐐨', '\u{1D400}', '😀', '\uD800', '\uDC00',
    ];

    it('over the code points of the first two planes (then one in 97, and the last) after each word the patterns read', () => {
      const heads = ['UBND', 'Ban Chấp hành', 'Tỉnh ủy'];
      for (const head of heads) {
        // Planes 2 to 16 hold CJK ideographs (letters) in long runs, and no character that folds to a letter.
        for (let c = 0; c <= 0x10ffff; c = c < 0x20000 || c === 0x10ffff ? c + 1 : Math.min(c + 97, 0x10ffff)) {
          const ch = String.fromCodePoint(c);
          const issuer = `${head}${ch} An Giang`;
          const expected = referenceNames(issuer);
          const actual = issuerNames(issuer);
          if (actual.length !== expected.length || actual.some((n, i) => n !== expected[i])) assert.deepEqual(actual, expected, `${JSON.stringify(issuer)} U+${c.toString(16)}`);
        }
      }
    });

    it("over the bundled registry's and the fixtures' issuers and random issuers", () => {
      const registry = bundledKnowledge().kb.registry.documents.flatMap((e) => [e.issuer, ...(e.issuerAliases ?? [])]);
      const fixtures = fixtureLines()
        .map((line) => /^issuer:\s*(.*)$/.exec(line)?.[1])
        .filter((v): v is string => v !== undefined);
      const random = randomPieceTexts(ISSUER_PIECES, 17, 20000, 6);
      let named = 0;
      for (const issuer of [...registry, ...fixtures, ...random]) {
        const expected = referenceNames(issuer);
        if (expected.length > 1) named++;
        assert.deepEqual(issuerNames(issuer), expected, JSON.stringify(issuer));
      }
      assert.ok(fixtures.length > 10 && named > 3000, `${fixtures.length} fixtures' issuers, ${named} issuers named otherwise: the texts do not exercise the patterns`);
    });
  });
});
