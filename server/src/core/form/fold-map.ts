// Folded text (as normalize.fold compares it) that remembers where each folded character came from, to find phrases and report them in the source.

import { fold, repairLookalikes, toHoaStyle } from '../text/normalize';
import { isMark, isWordUnit } from '../text/word-chars';

export interface FoldedText {
  text: string;
  /** For each folded character, the index range [start, end) of the original characters it comes from. */
  starts: Int32Array;
  ends: Int32Array;
}

const DROPPED = /^[*_`“”"'‘’]$/u;
const SPACE = /^\s$/u;

/** What each UTF-16 code unit is, asked once per unit: 1 dropped, 2 white space, 3 a combining mark, 4 anything else; 0 not asked yet. */
const unitKinds = new Uint8Array(0x10000);

function unitKind(code: number): number {
  let kind = unitKinds[code];
  if (kind === 0) {
    const c = String.fromCharCode(code);
    // A combining mark (`\p{M}`) asked of the marks' ranges by the unit (a lone surrogate is in
    // none): the pattern of the class was compiled at a start's first check.
    kind = DROPPED.test(c) ? 1 : SPACE.test(c) ? 2 : isMark(code) ? 3 : 4;
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

/** foldedUnit by a table for the characters that fold to one code unit: that unit + 1; MANY_UNITS when it folds to none or several; 0 not asked yet. */
const foldedCodes = new Uint32Array(0x10000);
const MANY_UNITS = 0x20000;

function foldedCode(code: number): number {
  let out = foldedCodes[code];
  if (out === 0) {
    const folded = foldedUnit(code);
    out = folded.length === 1 ? folded.charCodeAt(0) + 1 : MANY_UNITS;
    foldedCodes[code] = out;
  }
  return out;
}

/** The platform's order of bytes in a code unit is the decoder's (little-endian): a typed array of units is then UTF-16LE bytes. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
// Fatal: a lone surrogate throws instead of becoming U+FFFD; a leading U+FEFF is kept, not taken as a byte order mark.
const UTF16 = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });

/** Code units to a string, lone surrogates kept as they are (decoded at once when there is none, else unit by unit). */
function unitsToString(units: Uint16Array, length: number): string {
  if (LITTLE_ENDIAN) {
    try {
      return UTF16.decode(units.subarray(0, length));
    } catch {
      // A lone surrogate: read below.
    }
  }
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(units[i]);
  return out;
}

/**
 * Folds like normalize.fold (NFC, look-alikes, lower case, new tone style, no emphasis or quotes,
 * single spaces) keeping a map back. A base letter with its combining marks is normalised as one
 * cluster; a character with no mark after it, nearly every one, is folded by a table. The folded
 * code units and the map are written into typed arrays, not a string grown a character at a time
 * (a paragraph's worth of short-lived strings each time: most of the rule's garbage).
 */
export function foldWithMap(s: string): FoldedText {
  // A character folds to one unit but for a few (a lower case longer than the letter): room to grow.
  let capacity = s.length + 16;
  let units = new Uint16Array(capacity);
  let starts = new Int32Array(capacity);
  let ends = new Int32Array(capacity);
  let length = 0;
  let lastIsSpace = false;
  const grow = (): void => {
    capacity *= 2;
    const u = new Uint16Array(capacity);
    u.set(units);
    units = u;
    const a = new Int32Array(capacity);
    a.set(starts);
    starts = a;
    const b = new Int32Array(capacity);
    b.set(ends);
    ends = b;
  };
  const addUnit = (code: number, from: number, to: number): void => {
    const kind = unitKind(code);
    if (kind === 1) return;
    if (kind === 2) {
      if (length === 0 || lastIsSpace) return;
      code = 0x20;
      lastIsSpace = true;
    } else lastIsSpace = false;
    if (length === capacity) grow();
    units[length] = code;
    starts[length] = from;
    ends[length] = to;
    length++;
  };
  const add = (folded: string, from: number, to: number): void => {
    for (let k = 0; k < folded.length; k++) addUnit(folded.charCodeAt(k), from, to);
  };
  const cluster = /\P{M}\p{M}*|\p{M}+/gsu;
  for (let i = 0; i < s.length; ) {
    const code = s.charCodeAt(i);
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
    // One code unit that is neither a surrogate nor a mark, followed by no mark (none is below U+0300).
    if ((code < 0xd800 || code > 0xdfff) && (next < 0x300 || ((next < 0xd800 || next > 0xdfff) && unitKind(next) !== 3)) && unitKind(code) !== 3) {
      if (code < 0x80) addUnit(code >= 65 && code <= 90 ? code + 32 : code, i, i + 1);
      else {
        const one = foldedCode(code);
        if (one === MANY_UNITS) add(foldedUnit(code), i, i + 1);
        else addUnit(one - 1, i, i + 1);
      }
      i++;
      continue;
    }
    cluster.lastIndex = i;
    const m = cluster.exec(s)!;
    const to = m.index + m[0].length;
    add(repairLookalikes(m[0].normalize('NFC')).toLowerCase(), m.index, to);
    i = to;
  }
  if (lastIsSpace) length--;
  // The tone-style pairs have the same length in both styles, so the map stays aligned.
  return { text: toHoaStyle(unitsToString(units, length)), starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

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
    // Letters or digits by code unit, as `[\p{L}\p{N}]` with the `u` flag tested one unit.
    if (i > 0 && isWordUnit(haystack.text.charCodeAt(i - 1)) && isWordUnit(needle.charCodeAt(0))) continue;
    if (j < haystack.text.length && isWordUnit(haystack.text.charCodeAt(j)) && isWordUnit(needle.charCodeAt(needle.length - 1))) continue;
    out.push({ start: haystack.starts[i], end: haystack.ends[j - 1] });
  }
  return out;
}
