// The letters' and digits' table read from the written-out class, and its users that compiled a pattern of that class at a thread's first check, compared with the patterns over every code point and random text.

import assert from 'node:assert/strict';
import { findFolded, foldWithMap } from '../../server/src/core/form/fold-map';
import { firstWordOf } from '../../server/src/core/rules/name/first-words';
import { fold } from '../../server/src/core/text/normalize';
import { isLetterOrDigit, isWordUnit, wordCharLength } from '../../server/src/core/text/word-chars';
import { seededRandom } from '../support/random';

const ONE = /^[\p{L}\p{N}]$/u;
const FIRST = /^[\p{L}\p{N}]+/u;

/** findFolded as it was written, with the class's pattern tested on one code unit. */
function findFoldedReference(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>, needle: string): Array<{ start: number; end: number }> {
  const word = /[\p{L}\p{N}]/u;
  const out: Array<{ start: number; end: number }> = [];
  if (needle === '') return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    const j = i + needle.length;
    if (i > 0 && word.test(text[i - 1]) && word.test(needle[0])) continue;
    if (j < text.length && word.test(text[j]) && word.test(needle[needle.length - 1])) continue;
    out.push({ start: starts[i], end: ends[j - 1] });
  }
  return out;
}

/** Pieces of text: letters (with and without marks), digits, marks alone, spaces and punctuation, astral letters and digits, astral symbols, lone surrogates. */
const PIECES = ['a', 'Z', 'đ', 'ủy', 'tỉnh', '7', '٣', '\u0301', '\u0345', ' ', '\u00a0', '-', '/', '.', 'ª', '²', '\u{1D400}', '\u{1D7CE}', '\u{1F600}', '\u{10400}', '\ud835', '\udc00', '\u2160', '_'];

function randomText(random: () => number, maxPieces: number): string {
  let s = '';
  const n = Math.floor(random() * maxPieces);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(random() * PIECES.length)];
  return s;
}

describe("the letters' and digits' table", function () {
  this.timeout(120000);

  it('tells every code point as [\\p{L}\\p{N}] with the u flag does', () => {
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (isLetterOrDigit(cp) !== ONE.test(String.fromCodePoint(cp))) assert.fail(`U+${cp.toString(16).toUpperCase()}`);
    }
  });

  it('tells every code unit as the pattern tested on that one unit does (lone surrogates included)', () => {
    const word = /[\p{L}\p{N}]/u;
    for (let code = 0; code <= 0xffff; code++) {
      if (isWordUnit(code) !== word.test(String.fromCharCode(code))) assert.fail(`unit ${code.toString(16)}`);
    }
  });

  it('reads a character beyond the first plane whole, as the u flag does', () => {
    for (let cp = 0x10000; cp <= 0x10ffff; cp += cp % 0x10000 < 0x400 ? 1 : 61) {
      const text = `${String.fromCodePoint(cp)}a`;
      const m = /^[\p{L}\p{N}]/u.exec(text);
      assert.equal(wordCharLength(text, 0), m ? m[0].length : 0, `U+${cp.toString(16).toUpperCase()}`);
    }
  });

  it("firstWordOf gives what ^[\\p{L}\\p{N}]+ with the u flag gives", () => {
    const random = seededRandom(1943);
    for (let i = 0; i < 30000; i++) {
      const text = randomText(random, 8);
      assert.equal(firstWordOf(text), FIRST.exec(text)?.[0], JSON.stringify(text));
    }
    for (const text of ['', 'tỉnh hà tĩnh', 'ủy ban', '\u{1D400}\u{1D401} x', '\ud835', '\ud835a', 'a\ud835', '1a\u0301', ' a']) {
      assert.equal(firstWordOf(text), FIRST.exec(text)?.[0], JSON.stringify(text));
    }
  });

  it('findFolded finds the phrases that the pattern of the class found, at the same places', () => {
    const random = seededRandom(43);
    for (let i = 0; i < 5000; i++) {
      const text = randomText(random, 30);
      const haystack = foldWithMap(text);
      for (let k = 0; k < 3; k++) {
        // A needle cut from the folded text itself (so that it is found), or a random one.
        const from = Math.floor(random() * (haystack.text.length + 1));
        const needle = k < 2 ? haystack.text.slice(from, from + 1 + Math.floor(random() * 6)) : fold(randomText(random, 3));
        assert.deepEqual(findFolded(haystack, needle), findFoldedReference(haystack.text, haystack.starts, haystack.ends, needle), `${JSON.stringify(text)} ${JSON.stringify(needle)}`);
      }
    }
  });
});
