// The composed copy's first test: the characters it lets pass without composing are ones NFC never changes, and it answers as composing the whole text did.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { composedText, NFC_INERT_RANGES } from '../../server/src/core/text/composed';
import { FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';

const INERT = new RegExp(`^[${NFC_INERT_RANGES}]$`);

/** Every code point but the surrogates, as a string. */
function* codePoints(): Generator<string> {
  for (let cp = 0; cp <= 0x10ffff; cp++) if (cp < 0xd800 || cp > 0xdfff) yield String.fromCodePoint(cp);
}

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

/** The text `composedText` gave before its first test (its code then, but the offset map). */
function composedBefore(text: string): string | undefined {
  const whole = text.normalize('NFC');
  if (whole === text) return undefined;
  if (!/\p{M}/u.test(text)) return undefined;
  const parts: string[] = [];
  let copied = 0;
  const cluster = /\P{M}?\p{M}+/gu;
  for (let m = cluster.exec(text); m; m = cluster.exec(text)) {
    const composed = m[0].normalize('NFC');
    if (composed === m[0]) continue;
    parts.push(text.slice(copied, m.index), composed);
    copied = m.index + m[0].length;
  }
  parts.push(text.slice(copied));
  const nfc = parts.join('');
  return nfc === whole ? nfc : undefined;
}

/** The answer of `composedText` to compare: its text, or undefined when there is no copy. */
function composedNow(text: string): string | undefined {
  return composedText(text)?.text;
}

describe('composedText: the characters NFC leaves as they are', () => {
  it('lets pass only characters NFC keeps alone, of combining class 0 and no mark', () => {
    let inert = 0;
    for (const c of codePoints()) {
      if (!INERT.test(c)) continue;
      inert++;
      assert.equal(c.normalize('NFC'), c, `U+${c.codePointAt(0)!.toString(16)} changes alone`);
      assert.ok(!/\p{M}/u.test(c), `U+${c.codePointAt(0)!.toString(16)} is a mark`);
      // A character of a combining class other than 0 is put in order among the marks around it:
      // after U+0345 (class 240) one of class 1–239 moves before it; before U+0334 (class 1) one
      // of class 2–240 moves after it.
      assert.equal(`a\u0345${c}`.normalize('NFC'), `a\u0345${c}`, `U+${c.codePointAt(0)!.toString(16)} is reordered`);
      assert.equal(`a${c}\u0334`.normalize('NFC'), `a${c}\u0334`, `U+${c.codePointAt(0)!.toString(16)} is reordered`);
    }
    assert.ok(inert > 1000);
  });

  it('lets pass no character that ends a decomposition: none composes with what stands before it', () => {
    for (const p of codePoints()) {
      const parts = [...p.normalize('NFD')];
      for (let i = 1; i < parts.length; i++) assert.ok(!INERT.test(parts[i]), `U+${parts[i].codePointAt(0)!.toString(16)} composes into U+${p.codePointAt(0)!.toString(16)}`);
    }
  });
});

describe('composedText: the first test gives the answers of composing the whole text', () => {
  it('on every fixture, as written and decomposed', () => {
    let decomposed = 0;
    for (const text of fixtureTexts()) {
      for (const t of [text, text.normalize('NFD')]) {
        assert.equal(composedNow(t), composedBefore(t));
        if (composedNow(t) !== undefined) decomposed++;
      }
    }
    assert.ok(decomposed > 10);
  });

  it('on random texts of inert characters and of characters NFC changes or composes', () => {
    const pieces = [
      'Nghị quyết số 43-NQ/TW', ' ', 'thủy', 'hoà', 'Đ', '“', '”', '…', '–', '\u00A0', '€', '\uFFFD', 'Пр', 'ю', 'ABC', '\n',
      // Marks, alone and after letters; characters NFC replaces alone (the ohm, ångström and
      // Kelvin signs, the en quad, a Greek question mark); Hangul jamo that compose; a surrogate pair.
      '\u0301', '\u0323', 'e\u0302\u0301', 'o\u031B', '\u2126', '\u212B', '\u212A', '\u2000', '\u037E', '\u1100', '\u1161', '\u11A8',
      '가', '😀', '\uD800', 'ế'.normalize('NFD'), '\u0345', '\u0483', '\u0374', '\u0340',
    ];
    const random = seededRandom(4315);
    let composed = 0;
    let inertOnly = 0;
    for (let n = 0; n < 20_000; n++) {
      let t = '';
      // Most texts of the first pieces only (inert), the others with one piece from the rest.
      const wide = random() < 0.6;
      for (let k = Math.floor(random() * 8); k > 0; k--) t += pieces[Math.floor(random() * (wide ? pieces.length : 16))];
      assert.equal(composedNow(t), composedBefore(t), JSON.stringify(t));
      if (composedNow(t) !== undefined) composed++;
      if (!wide) inertOnly++;
    }
    assert.ok(composed > 1000 && inertOnly > 5000);
  });
});
