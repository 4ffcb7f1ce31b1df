// A tone-style pair written in the other style keeps each letter's case: the loop that writes it gives what the spread, map and join it replaced gave.

import assert from 'node:assert/strict';
import { pairInStyle, ToneStyle } from '../../server/src/core/text/normalize';

/** The pair as it was written before: each code point of the target, upper case where the pair's code unit of that index is. */
function byMap(pair: string, target: string): string {
  return [...target].map((c, i) => (pair[i] !== pair[i]?.toLowerCase() ? c.toUpperCase() : c)).join('');
}

/** Every way of writing a text's letters in either case. */
function caseForms(text: string): string[] {
  let forms = [''];
  for (const c of text) forms = forms.flatMap((f) => (c.toLowerCase() === c.toUpperCase() ? [f + c] : [f + c.toLowerCase(), f + c.toUpperCase()]));
  return forms;
}

const PAIRS = ['òa', 'oà', 'óa', 'oá', 'ỏa', 'oả', 'õa', 'oã', 'ọa', 'oạ', 'òe', 'oè', 'óe', 'oé', 'ỏe', 'oẻ', 'õe', 'oẽ', 'ọe', 'oẹ', 'ùy', 'uỳ', 'úy', 'uý', 'ủy', 'uỷ', 'ũy', 'uỹ', 'ụy', 'uỵ'];

describe('pairInStyle', () => {
  it('writes every pair, in every case, as the map over its code points did', () => {
    let checked = 0;
    for (const style of ['hòa', 'hoà'] as ToneStyle[]) {
      for (const pair of PAIRS) {
        for (const form of caseForms(pair)) {
          const lower = form.toLowerCase();
          const other = PAIRS[PAIRS.indexOf(lower) ^ 1];
          // The pair in the style asked for: itself or its counterpart.
          const target = pairInStyle(lower, style);
          assert.ok(target === lower || target === other, `${lower} in ${style}: ${target}`);
          assert.equal(pairInStyle(form, style), byMap(form, target), `${form} in ${style}`);
          checked++;
        }
      }
    }
    assert.equal(checked, 2 * PAIRS.length * 4);
  });

  it('keeps the case of the pairs as written in either style', () => {
    assert.equal(pairInStyle('UỶ', 'hòa'), 'ỦY');
    assert.equal(pairInStyle('Uỷ', 'hòa'), 'Ủy');
    assert.equal(pairInStyle('uỶ', 'hòa'), 'ủY');
    assert.equal(pairInStyle('HÒA'.slice(1), 'hoà'), 'OÀ');
    assert.equal(pairInStyle('Òa', 'hoà'), 'Oà');
    assert.equal(pairInStyle('òa', 'hòa'), 'òa');
  });

  it('gives a text that is no pair back in its own letters, as the map did', () => {
    for (const text of ['', 'a', 'ab', 'AB', 'aB', '𝐀b', 'e\u0301a']) {
      for (const style of ['hòa', 'hoà'] as ToneStyle[]) assert.equal(pairInStyle(text, style), byMap(text, text.toLowerCase()), `${JSON.stringify(text)} in ${style}`);
    }
  });
});
