// The composed (NFC) form of a text with a map of its offsets back to the text as written, for rules that must not be misled by decomposed Vietnamese.

/** A text in NFC and where each of its offsets lies in the original. */
export interface ComposedText {
  text: string;
  /** Offset in the original of an offset in `text` (an offset inside a composed letter maps to its start). */
  toSource(offset: number): number;
}

/**
 * A code unit outside the ranges of characters that NFC leaves unchanged in any context (quick
 * check "yes", canonical combining class 0, second of no composed pair): ASCII to the spacing
 * modifiers, Cyrillic letters, the Latin additional letters Vietnamese is written in, the general
 * punctuation but its spaces that NFC replaces, the currency signs and U+FFFD. A test checks
 * each of them over every code point; combining marks, surrogates and the rest are outside.
 */
export const NFC_INERT_RANGES = '\\u0000-\\u02FF\\u0400-\\u0482\\u048A-\\u052F\\u1E00-\\u1EFF\\u2010-\\u2027\\u2030-\\u205E\\u20A0-\\u20BF\\uFFFD';
const BEYOND_INERT = new RegExp(`[^${NFC_INERT_RANGES}]`);

/**
 * The NFC form of `text` with an offset map, or undefined when the text is already NFC (or when it
 * cannot be composed letter by letter, which Vietnamese always can). Only letters followed by
 * combining marks change; everything else maps one to one.
 */
export function composedText(text: string): ComposedText | undefined {
  // Checked on every version of the document. A text of characters NFC leaves as they are
  // wherever they stand has nothing to compose: one scan by the pattern engine, some 0.4× the
  // time of composing the text (most plans have no other character). Then composing is the
  // quicker test on a long text that is already NFC, and gives the same answers as testing for
  // marks first — an NFC text has nothing to compose, and a text without marks is left alone.
  if (!BEYOND_INERT.test(text)) return undefined;
  const whole = text.normalize('NFC');
  if (whole === text) return undefined;
  if (!/\p{M}/u.test(text)) return undefined;
  const parts: string[] = [];
  /** Pairs (offset in the composed text, offset in the original) where the two start to differ or agree again. */
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
  // Compositions that span clusters (not Vietnamese) would make the map wrong: no view then.
  if (nfc !== whole) return undefined;
  const points = Int32Array.from(anchors);
  const length = nfc.length;
  return {
    text: nfc,
    toSource(offset: number): number {
      const o = Math.max(0, Math.min(offset, length));
      // The last anchor at or before o: identity from there, but never past the next anchor's source.
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
      // Anchors come in pairs: even ones open a composed cluster, odd ones close it.
      if (found % 2 === 0) return source;
      return source + (o - base);
    },
  };
}
