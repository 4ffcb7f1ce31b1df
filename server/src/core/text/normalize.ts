// Folding of Vietnamese text for matching: headings, cues, issuers and titles compare equal when
// they differ only in case, Unicode form, tone-mark placement, look-alike letters or spacing.

import { ownCopy } from './memo';
import { LETTER } from './unicode-classes';
import { isLetter, LATIN_LETTER } from './word-chars';

/**
 * The two placements of the tone mark in "oa", "oe", "uy" at the end of a word, named by example:
 * "hòa, thủy, khóa" (on the first vowel, the traditional placement) and "hoà, thuỷ, khoá" (on the
 * main vowel, as the school spelling rules place it). Neither is wrong; a document keeps one.
 */
export type ToneStyle = 'hòa' | 'hoà';

/** The same pair in both styles: [as in "hòa", as in "hoà"]. */
const TONE_STYLE_PAIRS: Array<[string, string]> = [
  ['òa', 'oà'], ['óa', 'oá'], ['ỏa', 'oả'], ['õa', 'oã'], ['ọa', 'oạ'],
  ['òe', 'oè'], ['óe', 'oé'], ['ỏe', 'oẻ'], ['õe', 'oẽ'], ['ọe', 'oẹ'],
  ['ùy', 'uỳ'], ['úy', 'uý'], ['ủy', 'uỷ'], ['ũy', 'uỹ'], ['ụy', 'uỵ'],
];

const PAIRS_OF: Record<ToneStyle, string[]> = {
  'hòa': TONE_STYLE_PAIRS.map(([first]) => first),
  'hoà': TONE_STYLE_PAIRS.map(([, main]) => main),
};
/** A pair's counterpart in the other style. */
const OTHER = new Map(TONE_STYLE_PAIRS.flatMap(([first, main]) => [[first, main], [main, first]] as Array<[string, string]>));

/**
 * Not after "q" ("quý" has no "uy" vowel), and only at the end of a word: not before a letter
 * (`\p{L}`, written out as ranges, which V8 compiles faster than ICU's class).
 */
const patternSource = (style: ToneStyle): string => `(?<![qQ])(${PAIRS_OF[style].join('|')})(?![${LETTER}])`;

/** A fresh global pattern of the lower-case pairs written in a style. */
export function toneStyleRegExp(style: ToneStyle): RegExp {
  return new RegExp(patternSource(style), 'gu');
}

/**
 * The pairs of a style in any case ("uỷ", "Uỷ", "UỶ"), for a pattern with the `u` flag: what
 * `toneStyleRegExp(style).source` matches with the `i` flag, written without it. With `i`, V8
 * closes every class and letter of a pattern over case through ICU each time it compiles it (the
 * four tone patterns a first check ran cost about as much to compile as all its other patterns of
 * the rules); here each letter is a class of itself and its upper case, and the letter class after
 * the pair is `\p{L}` with U+0345 (the combining ypogegrammeni, which folds to "ι"): the tests
 * check each against the `i` flag over every code point.
 */
export function anyCaseToneSource(style: ToneStyle): string {
  return `(?<![qQ])(${PAIRS_OF[style].map(anyCaseSource).join('|')})(?![${LETTER}\\u0345])`;
}

/**
 * The pairs of a style in any case, not after "q" and not before a Latin letter: what
 * anyCaseToneSource matches, and also a pair before a rarer letter, which `nextTonePair` refuses.
 * The Latin look-ahead settles the pairs inside Vietnamese words ("toàn", "khoản") in the pattern,
 * rather than each coming back as a match to be asked of the ranges.
 */
const anyCasePairsSource = (style: ToneStyle): string => `(?<![qQ])(${PAIRS_OF[style].map(anyCaseSource).join('|')})(?![${LATIN_LETTER}])`;

/**
 * A fresh global pattern of the pairs of a style in any case (`anyCasePairsSource`), for
 * `nextTonePair`, which asks the letters' ranges whether a letter follows: with the look-ahead of
 * the letters' class each tone pattern was about 10.5 KB of bytecode (2.3 KB with the Latin
 * letters'), three of them compiled at a start's first check.
 */
export function anyCaseTonePairs(style: ToneStyle): RegExp {
  return new RegExp(anyCasePairsSource(style), 'gu');
}

/**
 * The next match of `re` (from `anyCaseTonePairs`) from its `lastIndex` that no letter (`\p{L}`,
 * read by code point) nor U+0345 follows: the next match of `anyCaseToneSource` as a global
 * pattern, `lastIndex` left after it (at 0 when there is none, as `exec` leaves it). A pair after
 * which a letter stands is tried again one place on, where the look-ahead's pattern went on: no
 * two pairs match at one place (each is two letters, none the start of another).
 */
export function nextTonePair(re: RegExp, text: string): RegExpExecArray | null {
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const after = text.codePointAt(m.index + m[0].length);
    if (after === undefined || (after !== 0x345 && !isLetter(after))) return m;
    re.lastIndex = m.index + 1;
  }
  return null;
}

/**
 * Whether `re` (from `anyCaseTonePairs`) has a next match as `nextTonePair` finds it, `lastIndex`
 * left after it: the same search for a count, by `test`, which makes no match's array (each
 * pair's was some 7 MB on 1,000 plans). Every pair is two code units (two letters of the Basic
 * Multilingual Plane, either case), so the match starts two before `lastIndex`.
 */
export function hasNextTonePair(re: RegExp, text: string): boolean {
  while (re.test(text)) {
    const end = re.lastIndex;
    const after = text.codePointAt(end);
    if (after === undefined || (after !== 0x345 && !isLetter(after))) return true;
    re.lastIndex = end - 1;
  }
  return false;
}

/** Letters that simple case folding also maps onto a letter besides its upper case (the Kelvin sign, the long s): the `i` flag matches them. */
const FOLDED_ALSO: Readonly<Record<string, string>> = { k: '\u212A', s: '\u017F' };

/**
 * A literal text as a pattern's source (`u` flag) matching it in any case, as the text itself
 * with the `i` flag matches: each letter a class of its lower and upper case (and of what else
 * folds to it), other characters as they are, the pattern's syntax characters escaped. The `i`
 * flag costs V8 a closing of every class and letter over case through ICU at each compile.
 */
export function anyCaseSource(text: string): string {
  return [...text]
    .map((c) => {
      const lower = c.toLowerCase();
      const upper = c.toUpperCase();
      if (lower === upper) return /[\\^$.*+?()[\]{}|/]/u.test(c) ? `\\${c}` : c;
      // A letter whose other case is more than one character ("ß", "İ") folds otherwise: not written here.
      if ([...lower].length !== 1 || [...upper].length !== 1) throw new Error(`no single-letter case for ${c}`);
      return `[${lower}${upper}${FOLDED_ALSO[lower] ?? ''}]`;
    })
    .join('');
}

/** A pair as it is written in a style, keeping each letter's case ("UỶ" → "ỦY" in the "hòa" style). */
export function pairInStyle(pair: string, style: ToneStyle): string {
  const lower = pair.toLowerCase();
  const target = PAIRS_OF[style].includes(lower) ? lower : OTHER.get(lower) ?? lower;
  // Written as a loop over the code points with the pair's code unit of the same index (what a
  // map of the spread did): the array of the spread and the one of its map deoptimized
  // checkBlock with a wrong map (docs/benchmarks.md, seventeenth round).
  let out = '';
  let i = 0;
  for (const c of target) {
    const p = i < pair.length ? pair[i] : undefined;
    out += p !== undefined && p !== p.toLowerCase() ? c.toUpperCase() : c;
    i++;
  }
  return out;
}

/**
 * The text with every lower-case pair in the "hòa" style: the form texts are compared in. What
 * replacing each match of `toneStyleRegExp('hoà')` did, in code: a pair (two code units, the
 * first "o" or "u", which no pair has second, so no two overlap), not after "q", and no letter
 * (`\p{L}`, read by code point) after it, asked of the letters' ranges. The pattern's look-ahead of
 * the letters' class was compiled at a start's first check (about 8 KB of bytecode). The pairs'
 * first letters are found by `indexOf`, which skips the text between them in V8's own search: a
 * loop over every code unit took about twice the pattern's time once both were warm.
 */
export function toHoaStyle(s: string): string {
  const n = s.length;
  let out = '';
  let from = 0;
  let o = s.indexOf('o');
  let u = s.indexOf('u');
  while (o >= 0 || u >= 0) {
    let i: number;
    // The nearer of the two; the next of its letter is looked for from the one after it ("oo", "uu").
    if (u < 0 || (o >= 0 && o < u)) {
      i = o;
      o = s.indexOf('o', i + 1);
    } else {
      i = u;
      u = s.indexOf('u', i + 1);
    }
    if (i + 1 >= n) break;
    const second = s.charCodeAt(i + 1);
    // Every pair's second unit is a toned vowel (U+00E0 and above): most "o" and "u" end here.
    if (second < LOWEST_PAIR_SECOND) continue;
    const hoa = PAIR_TO_HOA.get(s.charCodeAt(i) * 0x10000 + second);
    if (hoa === undefined) continue;
    if (i > 0) {
      const before = s.charCodeAt(i - 1);
      if (before === 0x71 || before === 0x51) continue;
    }
    if (i + 2 < n && isLetter(s.codePointAt(i + 2)!)) continue;
    out += s.slice(from, i) + hoa;
    from = i + 2;
  }
  return from === 0 ? s : out + s.slice(from);
}

const LOOKALIKE_REPAIRS: Readonly<Record<string, string>> = {
  '\u01A2': 'Ư',
  '\u01A3': 'ư',
  '\u00D0': 'Đ',
  '\u00F0': 'đ',
  '\u00A0': ' ',
  // Word's non-breaking and typographic hyphens print as "-".
  '\u2010': '-',
  '\u2011': '-',
};
const HAS_LOOKALIKE = /[\u01A2\u01A3\u00D0\u00F0\u00A0\u2010\u2011]/;
const LOOKALIKE = /[\u01A2\u01A3\u00D0\u00F0\u00A0\u2010\u2011]/g;

/** Replaces characters that broken converters (and Word's special hyphens) leave in Vietnamese text with the right letters. */
export function repairLookalikes(s: string): string {
  // One pass, and none for the usual text that has no look-alike at all.
  return HAS_LOOKALIKE.test(s) ? s.replace(LOOKALIKE, (c) => LOOKALIKE_REPAIRS[c]) : s;
}

/**
 * Remembers the results of a string function for short arguments. A check compares the same
 * short strings over and over — the template's headings and cues, type words, issuers, the
 * words a rule tries at every position — and folding them again each time was a large part of
 * the time of a check. Long texts (paragraphs) are not kept: they change with every edit. The
 * memory is bounded: past `maxSize` entries the table starts again.
 */
export function memoizeShort<T extends string | object | boolean | null>(fn: (s: string) => T, maxLength = 160, maxSize = 20_000): (s: string) => T {
  const table = new Map<string, T>();
  return (s: string): T => {
    if (s.length > maxLength) return fn(s);
    let out = table.get(s);
    if (out === undefined) {
      // Kept as copies: a short string cut from a document (a word, a heading) keeps the whole
      // document alive in V8, and a table of them held a copy of every version ever edited.
      out = fn(s);
      if (typeof out === 'string') out = ownCopy(out) as T;
      if (table.size >= maxSize) table.clear();
      table.set(ownCopy(s), out);
    }
    return out;
  };
}

/** What the fold's scan does with a code unit of the composed, lower-case text. */
const KEEP = 0;
/** Markdown emphasis and quotes: dropped. */
const DROP = 1;
/** White space (what `\s` and `trim` read): each run, quotes dropped inside it, becomes one space. */
const SPACE = 2;
/** A look-alike, in lower case: replaced (LOOKALIKE_REPAIRS). */
const LOOKALIKE_UNIT = 3;
/** "o" or "u": may start a pair written in the "hoà" style. */
const PAIR_START = 4;
/** Classes of the code units up to U+3000; every unit above is kept but U+FEFF (white space). */
const UNIT_CLASS = new Uint8Array(0x3001);
for (const c of '*_`“”"\'‘’') UNIT_CLASS[c.charCodeAt(0)] = DROP;
for (const c of '\t\n\v\f\r \u00A0\u1680\u2028\u2029\u202F\u205F\u3000') UNIT_CLASS[c.charCodeAt(0)] = SPACE;
for (let c = 0x2000; c <= 0x200a; c++) UNIT_CLASS[c] = SPACE;
// Upper-case look-alikes are gone after lower case ("Ƣ" → "ƣ", "Ð" → "ð"), and lower case
// maps a repaired letter as it maps the look-alike, so repairing after it gives the same text.
const LOOKALIKE_LOWER = new Map<number, string>();
for (const [from, to] of Object.entries(LOOKALIKE_REPAIRS)) {
  const unit = from.toLowerCase().charCodeAt(0);
  if (UNIT_CLASS[unit] === KEEP) {
    UNIT_CLASS[unit] = LOOKALIKE_UNIT;
    LOOKALIKE_LOWER.set(unit, to.toLowerCase());
  }
}
UNIT_CLASS[0x6f] = PAIR_START;
UNIT_CLASS[0x75] = PAIR_START;
/** A pair in the "hoà" style, keyed by its two code units, and the same pair in the "hòa" style. */
const PAIR_TO_HOA = new Map<number, string>(TONE_STYLE_PAIRS.map(([first, main]) => [main.charCodeAt(0) * 0x10000 + main.charCodeAt(1), first]));
/** The lowest second code unit of a pair in the "hoà" style. */
const LOWEST_PAIR_SECOND = TONE_STYLE_PAIRS.reduce((lowest, [, main]) => Math.min(lowest, main.charCodeAt(1)), 0xffff);

let letterAt: RegExp | undefined;
/** Whether a letter (`\p{L}`, read by code point) starts at `at`, as toHoaStyle's look-ahead asks. */
function isLetterAt(t: string, at: number): boolean {
  letterAt ??= new RegExp(`[${LETTER}]`, 'uy');
  letterAt.lastIndex = at;
  return letterAt.test(t);
}

/**
 * The fold: composed (NFC), lower case, then in one scan look-alikes repaired (`repairLookalikes`),
 * pairs put in the "hòa" style (`toHoaStyle`), emphasis and quotes dropped, each run of white
 * space made one space and the ends trimmed. It was those five passes, each a regular expression
 * over the whole text (the white-space one most of their time: a paragraph is mostly single
 * spaces between words); the scan copies the unchanged stretches and gives the same text.
 */
function foldText(s: string): string {
  const t = s.normalize('NFC').toLowerCase();
  const n = t.length;
  let out = '';
  /** The start of the stretch of `t` copied as it is, not yet added to `out`. */
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    const kind = c <= 0x3000 ? UNIT_CLASS[c] : c === 0xfeff ? SPACE : KEEP;
    if (kind === KEEP) continue;
    if (kind === SPACE) {
      // A single space after a character kept and before one that is kept too stays in the stretch.
      if (c === 0x20 && i > from && i + 1 < n) {
        const next = t.charCodeAt(i + 1);
        const nextKind = next <= 0x3000 ? UNIT_CLASS[next] : next === 0xfeff ? SPACE : KEEP;
        if (nextKind !== SPACE && nextKind !== DROP) continue;
      }
      if (i > from) out += t.slice(from, i);
      let j = i + 1;
      for (; j < n; j++) {
        const u = t.charCodeAt(j);
        const k = u <= 0x3000 ? UNIT_CLASS[u] : u === 0xfeff ? SPACE : KEEP;
        if (k !== SPACE && k !== DROP) break;
      }
      // One space between two characters kept; none at either end (trim).
      if (out.length > 0 && j < n) out += ' ';
      from = j;
      i = j - 1;
    } else if (kind === DROP) {
      if (i > from) out += t.slice(from, i);
      from = i + 1;
    } else if (kind === LOOKALIKE_UNIT) {
      if (i > from) out += t.slice(from, i);
      out += LOOKALIKE_LOWER.get(c)!;
      from = i + 1;
    } else if (i + 1 < n) {
      // toHoaStyle: "o"/"u" and a toned vowel, not after "q", and no letter after the pair.
      const next = t.charCodeAt(i + 1);
      if (next < 0xe0) continue;
      const hoa = PAIR_TO_HOA.get(c * 0x10000 + next);
      if (hoa === undefined) continue;
      if (i > 0) {
        const before = t.charCodeAt(i - 1);
        if (before === 0x71 || before === 0x51) continue;
      }
      if (i + 2 < n) {
        const after = t.charCodeAt(i + 2);
        if (after < 0x80 ? (after | 0x20) >= 0x61 && (after | 0x20) <= 0x7a : isLetterAt(t, i + 2)) continue;
      }
      if (i > from) out += t.slice(from, i);
      out += hoa;
      from = i + 2;
      i++;
    }
  }
  if (from === 0) return t;
  return from < n ? out + t.slice(from) : out;
}

/**
 * The form used to compare two pieces of Vietnamese text: NFC, look-alikes repaired, lower case,
 * tone marks placed as in "hòa", Markdown emphasis and quotes dropped, runs of spaces collapsed.
 */
export function fold(s: string): string {
  return foldShort(s);
}

const foldShort = memoizeShort(foldText);

/**
 * `fold` of a text that is not compared again: a paragraph searched once per check. It is not
 * kept in the table of short strings, where each paragraph under the length limit would be hashed,
 * copied twice and kept for nothing, pushing out the headings and cues that do repeat.
 */
export function foldOnce(s: string): string {
  return foldText(s);
}

/** Heading comparison: like fold, and " và " counts as ", ", trailing punctuation ignored. */
export function foldHeading(s: string): string {
  return foldHeadingShort(s);
}

const foldHeadingShort = memoizeShort((s) =>
  fold(s)
    .replace(/\s+và\s+/g, ', ')
    .replace(/\s*,\s*/g, ', ')
    .replace(/[\s.:;,]+$/g, ''),
);

/** Tests whether every phrase is contained in the folded text. */
export function containsAll(foldedText: string, phrases: readonly string[]): boolean {
  return phrases.every((p) => foldedText.includes(fold(p)));
}
