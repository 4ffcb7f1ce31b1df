// The composed copy of a text found by its runs of marks: the same text and offset map as the search of a letter and its marks it replaced.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { composedText, ComposedText } from '../../server/src/core/text/composed';
import { FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';

function fixtureTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else if (/\.(md|yaml)$/u.test(name)) out.push(fs.readFileSync(file, 'utf8'));
    }
  };
  walk(FIXTURES);
  return out;
}

/** `composedText` as it was before, each letter and its marks found by `\P{M}?\p{M}+`. */
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
  const points = Int32Array.from(anchors);
  const length = nfc.length;
  return {
    text: nfc,
    toSource(offset: number): number {
      const o = Math.max(0, Math.min(offset, length));
      let lo = 0;
      let hi = points.length / 2 - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (points[mid * 2] <= o) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) return o;
      const base = points[found * 2];
      const source = points[found * 2 + 1];
      if (found % 2 === 0) return source;
      return source + (o - base);
    },
  };
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
