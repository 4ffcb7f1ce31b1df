// Folded text (as normalize.fold compares it) that remembers where each folded character came from, to find phrases and report them in the source.

import { fold, repairLookalikes, toHoaStyle } from '../text/normalize';

export interface FoldedText {
  text: string;
  /** For each folded character, the index range [start, end) of the original characters it comes from. */
  starts: number[];
  ends: number[];
}

const DROPPED = /[*_`“”"'‘’]/u;

/** Folds like normalize.fold (NFC, look-alikes, lower case, new tone style, no emphasis or quotes, single spaces) keeping a map back. */
export function foldWithMap(s: string): FoldedText {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  // A base letter with its combining marks is normalised as one cluster.
  const cluster = /\P{M}\p{M}*|\p{M}+/gsu;
  for (let m = cluster.exec(s); m; m = cluster.exec(s)) {
    const from = m.index;
    const to = m.index + m[0].length;
    const folded = repairLookalikes(m[0].normalize('NFC')).toLowerCase();
    for (let k = 0; k < folded.length; k++) {
      const c = folded[k];
      if (DROPPED.test(c)) continue;
      if (/\s/u.test(c)) {
        if (chars.length === 0 || chars[chars.length - 1] === ' ') continue;
        chars.push(' ');
      } else {
        chars.push(c);
      }
      starts.push(from);
      ends.push(to);
    }
  }
  while (chars.length > 0 && chars[chars.length - 1] === ' ') {
    chars.pop();
    starts.pop();
    ends.pop();
  }
  // The tone-style pairs have the same length in both styles, so the map stays aligned.
  const text = toHoaStyle(chars.join(''));
  return { text, starts, ends };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Occurrences of a phrase (folded) as a whole word sequence, as index ranges of the original text. */
export function findPhrase(haystack: FoldedText, phrase: string): Array<{ start: number; end: number }> {
  return findFolded(haystack, fold(phrase));
}

/** As findPhrase, for a phrase folded once by the caller (folding costs more than searching when many phrases are sought). */
export function findFolded(haystack: FoldedText, needle: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  if (needle === '') return out;
  for (let i = haystack.text.indexOf(needle); i >= 0; i = haystack.text.indexOf(needle, i + 1)) {
    const j = i + needle.length;
    if (i > 0 && WORD_CHAR.test(haystack.text[i - 1]) && WORD_CHAR.test(needle[0])) continue;
    if (j < haystack.text.length && WORD_CHAR.test(haystack.text[j]) && WORD_CHAR.test(needle[needle.length - 1])) continue;
    out.push({ start: haystack.starts[i], end: haystack.ends[j - 1] });
  }
  return out;
}
