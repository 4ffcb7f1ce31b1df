// Folding of Vietnamese text for matching: headings, cues, issuers and titles compare equal when
// they differ only in case, Unicode form, tone-mark placement, look-alike letters or spacing.

/** Old-style tone placement (oà, uỷ …) to the new style (òa, ủy …) used for comparison. */
const TONE_STYLE_PAIRS: Array<[string, string]> = [
  ['oà', 'òa'], ['oá', 'óa'], ['oả', 'ỏa'], ['oã', 'õa'], ['oạ', 'ọa'],
  ['oè', 'òe'], ['oé', 'óe'], ['oẻ', 'ỏe'], ['oẽ', 'õe'], ['oẹ', 'ọe'],
  ['uỳ', 'ùy'], ['uý', 'úy'], ['uỷ', 'ủy'], ['uỹ', 'ũy'], ['uỵ', 'ụy'],
];

const OLD_TONE = new RegExp(`(?<![qQ])(${TONE_STYLE_PAIRS.map(([o]) => o).join('|')})(?![\\p{L}])`, 'gu');
const OLD_TO_NEW = new Map(TONE_STYLE_PAIRS);
const NEW_TO_OLD = new Map(TONE_STYLE_PAIRS.map(([o, n]) => [n, o]));

export function oldToneStyleRegExp(): RegExp {
  return new RegExp(OLD_TONE.source, 'gu');
}

export function newToneStyleRegExp(): RegExp {
  return new RegExp(`(?<![qQ])(${TONE_STYLE_PAIRS.map(([, n]) => n).join('|')})(?![\\p{L}])`, 'gu');
}

export function toNewToneStyle(s: string): string {
  return s.replace(OLD_TONE, (m) => OLD_TO_NEW.get(m) ?? m);
}

export function toOldToneStyle(pair: string): string {
  return NEW_TO_OLD.get(pair) ?? pair;
}

export function toNewToneStylePair(pair: string): string {
  return OLD_TO_NEW.get(pair) ?? pair;
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

export function memoizeShort(fn: (s: string) => string, maxLength = 160, maxSize = 20_000): (s: string) => string {
  const table = new Map<string, string>();
  return (s: string): string => {
    if (s.length > maxLength) return fn(s);
    let out = table.get(s);
    if (out === undefined) {
      // Kept as copies: a short string cut from a document (a word, a heading) keeps the whole
      // document alive in V8, and a table of them held a copy of every version ever edited.
      out = detached(fn(s));
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
  t = toNewToneStyle(t);
  t = t.replace(/[*_`“”"'‘’]/g, '');
  t = t.replace(/\s+/g, ' ').trim();
  return t;
}

/**
 * The form used to compare two pieces of Vietnamese text: NFC, look-alikes repaired, new tone
 * style, lower case, Markdown emphasis and quotes dropped, runs of spaces collapsed.
 */
export function fold(s: string): string {
  return foldShort(s);
}

const foldShort = memoizeShort(foldText);

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
