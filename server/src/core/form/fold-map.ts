// Folded text (as normalize.fold compares it) that remembers where each folded character came from, to find phrases and report them in the source.

import { fold, repairLookalikes, toHoaStyle } from '../text/normalize';
import { LETTER_OR_DIGIT, MARK as MARKS } from '../text/unicode-classes';

export interface FoldedText {
  text: string;
  /** For each folded character, the index range [start, end) of the original characters it comes from. */
  starts: number[];
  ends: number[];
}

const DROPPED = /^[*_`“”"'‘’]$/u;
const SPACE = /^\s$/u;
const MARK = new RegExp(`^[${MARKS}]$`, 'u');

/** What each UTF-16 code unit is, asked once per unit: 1 dropped, 2 white space, 3 a combining mark, 4 anything else; 0 not asked yet. */
const unitKinds = new Uint8Array(0x10000);

function unitKind(code: number): number {
  let kind = unitKinds[code];
  if (kind === 0) {
    const c = String.fromCharCode(code);
    kind = DROPPED.test(c) ? 1 : SPACE.test(c) ? 2 : MARK.test(c) ? 3 : 4;
    unitKinds[code] = kind;
  }
  return kind;
}

/** A character alone (no combining mark after it) as it is folded: composed, look-alike repaired, lower case. */
const foldedUnits = new Map<number, string>();

function foldedUnit(code: number): string {
  let out = foldedUnits.get(code);
  if (out === undefined) {
    out = repairLookalikes(String.fromCharCode(code).normalize('NFC')).toLowerCase();
    foldedUnits.set(code, out);
  }
  return out;
}

/**
 * Folds like normalize.fold (NFC, look-alikes, lower case, new tone style, no emphasis or quotes,
 * single spaces) keeping a map back. A base letter with its combining marks is normalised as one
 * cluster; a character with no mark after it, nearly every one, is folded by a table.
 */
export function foldWithMap(s: string): FoldedText {
  let text = '';
  let lastIsSpace = false;
  const starts: number[] = [];
  const ends: number[] = [];
  const add = (folded: string, from: number, to: number): void => {
    for (let k = 0; k < folded.length; k++) {
      const code = folded.charCodeAt(k);
      const kind = unitKind(code);
      if (kind === 1) continue;
      if (kind === 2) {
        if (text.length === 0 || lastIsSpace) continue;
        text += ' ';
        lastIsSpace = true;
      } else {
        text += folded[k];
        lastIsSpace = false;
      }
      starts.push(from);
      ends.push(to);
    }
  };
  const cluster = /\P{M}\p{M}*|\p{M}+/gsu;
  for (let i = 0; i < s.length; ) {
    const code = s.charCodeAt(i);
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    // One code unit that is neither a surrogate nor a mark, followed by no mark (none is below U+0300).
    if ((code < 0xd800 || code > 0xdfff) && (next < 0x300 || ((next < 0xd800 || next > 0xdfff) && unitKind(next) !== 3)) && unitKind(code) !== 3) {
      if (code < 0x80) add(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : s[i], i, i + 1);
      else add(foldedUnit(code), i, i + 1);
      i++;
      continue;
    }
    cluster.lastIndex = i;
    const m = cluster.exec(s)!;
    const to = m.index + m[0].length;
    add(repairLookalikes(m[0].normalize('NFC')).toLowerCase(), m.index, to);
    i = to;
  }
  if (lastIsSpace) {
    text = text.slice(0, -1);
    starts.pop();
    ends.pop();
  }
  // The tone-style pairs have the same length in both styles, so the map stays aligned.
  return { text: toHoaStyle(text), starts, ends };
}

const WORD_CHAR = new RegExp(`[${LETTER_OR_DIGIT}]`, 'u');

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
