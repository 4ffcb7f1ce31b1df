// Folding of Vietnamese text for matching: headings, cues, issuers and titles compare equal when
// they differ only in case, Unicode form, tone-mark placement, look-alike letters or spacing.

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

/** Not after "q" ("quý" has no "uy" vowel), and only at the end of a word. */
const patternSource = (style: ToneStyle): string => `(?<![qQ])(${PAIRS_OF[style].join('|')})(?![\\p{L}])`;
const MAIN_VOWEL_PAIRS = new RegExp(patternSource('hoà'), 'gu');

/** A fresh global pattern of the lower-case pairs written in a style. */
export function toneStyleRegExp(style: ToneStyle): RegExp {
  return new RegExp(patternSource(style), 'gu');
}

/** A pair as it is written in a style, keeping each letter's case ("UỶ" → "ỦY" in the "hòa" style). */
export function pairInStyle(pair: string, style: ToneStyle): string {
  const lower = pair.toLowerCase();
  const target = PAIRS_OF[style].includes(lower) ? lower : OTHER.get(lower) ?? lower;
  return [...target].map((c, i) => (pair[i] !== pair[i]?.toLowerCase() ? c.toUpperCase() : c)).join('');
}

/** The text with every lower-case pair in the "hòa" style: the form texts are compared in. */
export function toHoaStyle(s: string): string {
  return s.replace(MAIN_VOWEL_PAIRS, (m) => OTHER.get(m) ?? m);
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
/** A copy of a string that shares no memory with it (concatenating flattens; the slice is of the copy). */
function detached(s: string): string {
  return ` ${s}`.slice(1);
}

export function memoizeShort<T extends string | object | boolean | null>(fn: (s: string) => T, maxLength = 160, maxSize = 20_000): (s: string) => T {
  const table = new Map<string, T>();
  return (s: string): T => {
    if (s.length > maxLength) return fn(s);
    let out = table.get(s);
    if (out === undefined) {
      // Kept as copies: a short string cut from a document (a word, a heading) keeps the whole
      // document alive in V8, and a table of them held a copy of every version ever edited.
      out = fn(s);
      if (typeof out === 'string') out = detached(out) as T;
      if (table.size >= maxSize) table.clear();
      table.set(detached(s), out);
    }
    return out;
  };
}

function foldText(s: string): string {
  let t = s.normalize('NFC');
  t = repairLookalikes(t);
  t = t.toLowerCase();
  t = toHoaStyle(t);
  t = t.replace(/[*_`“”"'‘’]/g, '');
  // Each run of white space becomes one space; a lone space, by far the most common run, is left
  // as it is rather than replaced by itself (a paragraph has hundreds of them).
  t = t.replace(/\s{2,}|[^\S ]/g, ' ').trim();
  return t;
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
