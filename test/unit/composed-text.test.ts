// The composed copy of a text found by its runs of marks: the same text and offset map as the search of a letter and its marks it replaced.

import assert from 'node:assert/strict';
import { composedText, ComposedText, composedView } from '../../server/src/core/text/composed';
import { fixtureTexts } from '../support/fixture-texts';
import { seededRandom } from '../support/random';

/** `composedText` as it was before, each letter and its marks found by `\P{M}?\p{M}+` (the offset map, unchanged, is the same `composedView`). */
function composedBefore(text: string): ComposedText | undefined {
  const whole = text.normalize('NFC');
  if (whole === text) return undefined;
  if (!/\p{M}/u.test(text)) return undefined;
  const parts: string[] = [];
  const anchors: number[] = [];
  let copied = 0;
  let out = 0;
  const cluster = /\P{M}?\p{M}+/gu;
  for (let m = cluster.exec(text); m; m = cluster.exec(text)) {
    const composed = m[0].normalize('NFC');
    if (composed === m[0]) continue;
    parts.push(text.slice(copied, m.index), composed);
    out += m.index - copied;
    anchors.push(out, m.index);
    out += composed.length;
    copied = m.index + m[0].length;
    anchors.push(out, copied);
  }
  parts.push(text.slice(copied));
  const nfc = parts.join('');
  if (nfc !== whole) return undefined;
  return composedView(nfc, anchors);
}

/** The same answer: no copy for both, or the same text and the same offset at every place (and past both ends). */
function assertSame(text: string): boolean {
  const now = composedText(text);
  const before = composedBefore(text);
  assert.equal(now === undefined, before === undefined, JSON.stringify(text));
  if (!now || !before) return false;
  assert.equal(now.text, before.text, JSON.stringify(text));
  for (let o = -1; o <= now.text.length + 1; o++) {
    if (now.toSource(o) !== before.toSource(o)) assert.fail(`${JSON.stringify(text.slice(0, 200))}: offset ${o} maps to ${now.toSource(o)}, not ${before.toSource(o)}`);
  }
  return true;
}

describe('composedText, compared with the search it replaced', () => {
  it('on every fixture, as written, decomposed and with marks cut from their letters', () => {
    let copies = 0;
    for (const text of fixtureTexts()) {
      const nfd = text.normalize('NFD');
      // A mark after a line break or at the start of the text has no letter of its own.
      for (const t of [text, nfd, `\u0301${nfd}`, nfd.replace(/\n/gu, '\n\u0323')]) if (assertSame(t)) copies++;
    }
    assert.ok(copies > 30);
  });

  it('on random texts of letters, marks, surrogates and characters NFC changes', () => {
    const pieces = [
      'Nghị quyết số 43-NQ/TW', ' ', 'thủy', 'hoà', 'Đ', '“', '…', '\n', 'a', 'e', 'o', 'u', 'y', 'A',
      // Marks alone and after letters, in and out of order; characters NFC replaces alone (the
      // ohm and ångström signs, the en quad); Hangul jamo, which compose without marks; letters
      // beyond the first plane and lone surrogates before marks.
      '\u0301', '\u0323', '\u0302', '\u0309', '\u031B', '\u0300\u0323', 'e\u0302\u0301', 'o\u031B\u0323', '\u2126', '\u212B', '\u2000',
      '\u1100', '\u1161', '\u11A8', '😀', '𝐀', '\uD835', '\uDC00', '\uD835\u0301', 'ế'.normalize('NFD'), 'Ặ'.normalize('NFD'), '\u0345', 'ι',
    ];
    const random = seededRandom(4315);
    let copies = 0;
    for (let n = 0; n < 20_000; n++) {
      let t = '';
      for (let k = Math.floor(random() * 10); k > 0; k--) t += pieces[Math.floor(random() * pieces.length)];
      if (assertSame(t)) copies++;
    }
    assert.ok(copies > 5000);
  });
});
