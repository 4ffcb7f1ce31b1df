// Which characters are letters or digits (\p{L}\p{N}), read from a table filled as characters are met: the scans that look at every character of a paragraph ask it once per character, where a Unicode regular expression costs a call each (and its compiling at a thread's first use).

import { LETTER, LETTER_OR_DIGIT, MARK, UPPER } from './unicode-classes';

/** Per UTF-16 code unit: 0 not asked yet, 1 a letter or digit, 2 anything else (a lone surrogate included). */
const units = new Uint8Array(0x10000);

/**
 * The class's ranges as code points, first and last of each in turn, read from the written-out
 * class once: a character is looked up in them instead of asked of a pattern `[…]` with the `u`
 * flag, which irregexp compiled at a thread's first check (about 4 M instructions for one such
 * pattern alone; 5.6 M of a fresh process's warm-up and first check for those this replaced).
 */
function rangesOf(inside: string): Uint32Array {
  // One step per range, read by code unit (a character beyond the first plane is two): it was two
  // loops over the code points, which V8 optimized at a start's first check once four classes were
  // read (about 17 M instructions of its optimizing compiler).
  const out: number[] = [];
  const n = inside.length;
  let i = 0;
  while (i < n) {
    const first = inside.codePointAt(i)!;
    i += first > 0xffff ? 2 : 1;
    // A hyphen between two characters makes a range; the class holds no hyphen of its own.
    if (i + 1 < n && inside.charCodeAt(i) === 0x2d) {
      const last = inside.codePointAt(i + 1)!;
      i += last > 0xffff ? 3 : 2;
      out.push(first, last);
    } else out.push(first, first);
  }
  return Uint32Array.from(out);
}

/**
 * The inside of a class of the Latin letters (ASCII, Latin-1, Latin Extended-A and -B, Latin
 * Extended Additional, where the Vietnamese letters are), each of them in LETTER: a pattern that
 * looks around with it for a letter settles the usual text itself, for little to compile, and
 * leaves only a rarer letter to `isLetter` (a look-around of LETTER costs some 8 KB of bytecode).
 */
export const LATIN_LETTER = 'A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF';

/** Whether a code point is in one of the ranges (in order), by a binary search. */
function inRanges(r: Uint32Array, codePoint: number): boolean {
  let lo = 0;
  let hi = r.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (codePoint < r[2 * mid]) hi = mid - 1;
    else if (codePoint > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

let ranges: Uint32Array | undefined;
let letterRanges: Uint32Array | undefined;

/** Whether a code point is a letter or a digit, as `/[\p{L}\p{N}]/u` tells (by the ranges of LETTER_OR_DIGIT, in order). */
export function isLetterOrDigit(codePoint: number): boolean {
  return inRanges((ranges ??= rangesOf(LETTER_OR_DIGIT)), codePoint);
}

/** Whether a code point is a letter, as `/\p{L}/u` tells (by the ranges of LETTER, in order). */
export function isLetter(codePoint: number): boolean {
  return inRanges((letterRanges ??= rangesOf(LETTER)), codePoint);
}

/** A test of a code point against a class's ranges, read from the class at the first test. */
function rangesTest(inside: string): (codePoint: number) => boolean {
  let r: Uint32Array | undefined;
  return (codePoint) => inRanges((r ??= rangesOf(inside)), codePoint);
}

/** Whether a code point is an upper-case letter, as `/\p{Lu}/u` tells (by the ranges of UPPER, in order). */
export const isUpper = rangesTest(UPPER);

/** Whether a code point is a combining mark, as `/\p{M}/u` tells (by the ranges of MARK, in order). */
export const isMark = rangesTest(MARK);

/**
 * The code point that ends just before `at`, read as a look-behind with the `u` flag reads it (a
 * pair of surrogates as one character, a lone surrogate as itself), or -1 at the text's start.
 */
export function codePointBefore(text: string, at: number): number {
  if (at <= 0) return -1;
  const code = text.charCodeAt(at - 1);
  if (code < 0xdc00 || code > 0xdfff || at < 2) return code;
  const high = text.charCodeAt(at - 2);
  return high >= 0xd800 && high <= 0xdbff ? (high - 0xd800) * 0x400 + (code - 0xdc00) + 0x10000 : code;
}

/** Whether the character with this code (one UTF-16 code unit) is a letter or a digit, as `/[\p{L}\p{N}]/u` tells. */
export function isWordUnit(code: number): boolean {
  let known = units[code];
  // A lone surrogate is in no range of the class: the `u` flag reads it as itself.
  if (known === 0) units[code] = known = isLetterOrDigit(code) ? 1 : 2;
  return known === 1;
}

/**
 * The length in code units (1 or 2) of the letter or digit that starts at `at`, read by code point
 * as a regular expression with the `u` flag reads it, or 0 when what starts there is not one.
 */
export function wordCharLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff || at + 1 >= text.length) return isWordUnit(code) ? 1 : 0;
  const low = text.charCodeAt(at + 1);
  if (low < 0xdc00 || low > 0xdfff) return 0;
  // A character beyond the first plane (rare in a plan).
  return isLetterOrDigit((code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000) ? 2 : 0;
}
