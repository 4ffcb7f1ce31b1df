// Which characters are letters or digits (\p{L}\p{N}), read from a table filled as characters are met: the scans that look at every character of a paragraph ask it once per character, where a Unicode regular expression costs a call each.

import { LETTER_OR_DIGIT } from './unicode-classes';

/** Per UTF-16 code unit: 0 not asked yet, 1 a letter or digit, 2 anything else (a lone surrogate included). */
const units = new Uint8Array(0x10000);

const WORD_CHAR = new RegExp(`^[${LETTER_OR_DIGIT}]$`, 'u');

/** Whether the character with this code (one UTF-16 code unit) is a letter or a digit, as `/[\p{L}\p{N}]/u` tells. */
export function isWordUnit(code: number): boolean {
  let known = units[code];
  if (known === 0) units[code] = known = WORD_CHAR.test(String.fromCharCode(code)) ? 1 : 2;
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
  // A character beyond the first plane (rare in a plan): asked of the expression itself.
  return WORD_CHAR.test(text.slice(at, at + 2)) ? 2 : 0;
}
