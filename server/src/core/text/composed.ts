// The composed (NFC) form of a text with a map of its offsets back to the text as written, for rules that must not be misled by decomposed Vietnamese.

/** A text in NFC and where each of its offsets lies in the original. */
export interface ComposedText {
  text: string;
  /** Offset in the original of an offset in `text` (an offset inside a composed letter maps to its start). */
  toSource(offset: number): number;
}

/**
 * The NFC form of `text` with an offset map, or undefined when the text is already NFC (or when it
 * cannot be composed letter by letter, which Vietnamese always can). Only letters followed by
 * combining marks change; everything else maps one to one.
 */
export function composedText(text: string): ComposedText | undefined {
  // Checked on every version of the document: composing first is the quicker test on a long
  // text that is already NFC (the usual case), and gives the same answers as testing for marks
  // first — an NFC text has nothing to compose, and a text without marks is left alone.
  const whole = text.normalize('NFC');
  if (whole === text) return undefined;
  if (!/\p{M}/u.test(text)) return undefined;
  const parts: string[] = [];
  /** Pairs (offset in the composed text, offset in the original) where the two start to differ or agree again. */
  const anchors: number[] = [];
  let copied = 0;
  let out = 0;
  // Each run of marks with the character before it (none at the start of the text), as
  // `\P{M}?\p{M}+` matched them, found by the runs of marks alone: that pattern tried a letter
  // and then a mark at every place of the text, about four times as long. The character before a
  // run is never a mark (a run found is the longest from its start) and never taken by the run
  // before (which ends at a character that is not a mark); it is one code point, two units when
  // they are a surrogate pair.
  const marks = /\p{M}+/gu;
  for (let m = marks.exec(text); m; m = marks.exec(text)) {
    const end = m.index + m[0].length;
    let start = m.index;
    if (start > 0) start -= start > 1 && isLowSurrogate(text.charCodeAt(start - 1)) && isHighSurrogate(text.charCodeAt(start - 2)) ? 2 : 1;
    const cluster = text.slice(start, end);
    const composed = cluster.normalize('NFC');
    if (composed === cluster) continue;
    parts.push(text.slice(copied, start), composed);
    out += start - copied;
    anchors.push(out, start);
    out += composed.length;
    copied = end;
    anchors.push(out, copied);
  }
  parts.push(text.slice(copied));
  const nfc = parts.join('');
  // Compositions that span clusters (not Vietnamese) would make the map wrong: no view then.
  if (nfc !== whole) return undefined;
  return composedView(nfc, anchors);
}

/**
 * The composed text `nfc` with its map back to the original, from the pairs of `anchors`
 * (offset in `nfc`, offset in the original) where the two start to differ and agree again.
 */
export function composedView(nfc: string, anchors: readonly number[]): ComposedText {
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

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
