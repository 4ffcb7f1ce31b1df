// Recognises the numbering that starts a heading: "I." / "I-" (Roman), "1." (Arabic), "a)" (letter).

import { NumeralStyle } from '../model';

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

export function romanToInt(roman: string): number | undefined {
  const s = roman.toUpperCase();
  if (!/^[IVXL]+$/.test(s)) return undefined;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s[i]];
    const next = ROMAN_VALUES[s[i + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return intToRoman(total) === s ? total : undefined;
}

/** Largest number written in Roman numerals (MMMCMXCIX); larger ones are written in figures. */
const MAX_ROMAN = 3999;

/**
 * The Roman numeral of a number: at most 15 letters. Numbering rules ask for the numeral of every
 * heading's position; writing 125,000 as 2,500 "L"s made their cost grow with the square of the
 * number of headings.
 */
export function intToRoman(n: number): string {
  if (n > MAX_ROMAN) return String(n);
  let out = '';
  let rest = n;
  for (let i = 0; i < ROMAN_VALUES_DOWN.length; i++) {
    const v = ROMAN_VALUES_DOWN[i];
    while (rest >= v) {
      out += ROMAN_LETTERS_DOWN[i];
      rest -= v;
    }
  }
  return out;
}

// The values and their letters, largest first: made once, not a table of thirteen pairs at every
// call (asked for every heading read as Roman and every numbering rule's expected numeral).
const ROMAN_VALUES_DOWN: readonly number[] = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
const ROMAN_LETTERS_DOWN: readonly string[] = ['M', 'CM', 'D', 'CD', 'C', 'XC', 'L', 'XL', 'X', 'IX', 'V', 'IV', 'I'];

export interface NumeralMatch {
  text: string;
  style: NumeralStyle;
  value: number;
  /** Index where the numeral starts in the heading text. */
  offset: number;
  /** Length of leading spaces + numeral + separator + following spaces. */
  length: number;
}

/** The letters of lettered items, in order (Vietnamese documents skip f, j, w, z and put đ after d). */
const LETTERS = 'abcdđeghiklmnopqrstuvxy';

/** The letter of the n-th lettered item (1 → "a", 5 → "đ"); past the last letter, the last one. */
export function intToLetter(n: number): string {
  return LETTERS[Math.max(0, Math.min(n, LETTERS.length) - 1)];
}

const NUMERAL = /^\s*(?:([IVXL]+)\s*([.\-–])|(\d{1,2})\s*([.)])|([a-zđ])\))[ \t]*/u;

/** Reads the numeral at the start of a heading text, if any. */
export function readNumeral(text: string): NumeralMatch | undefined {
  const m = NUMERAL.exec(text);
  if (!m) return undefined;
  const written = m[0].trim();
  const offset = m[0].indexOf(written);
  if (m[1]) {
    const value = romanToInt(m[1]);
    if (value === undefined) return undefined;
    return { text: written, style: m[2] === '.' ? 'roman-dot' : 'roman-hyphen', value, offset, length: m[0].length };
  }
  if (m[3]) return { text: written, style: 'arabic', value: Number(m[3]), offset, length: m[0].length };
  const letter = m[5];
  const idx = LETTERS.indexOf(letter);
  return { text: written, style: 'letter', value: idx >= 0 ? idx + 1 : 1, offset, length: m[0].length };
}
