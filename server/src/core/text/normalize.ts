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

/** Replaces characters that broken converters leave in Vietnamese text with the right letters. */
export function repairLookalikes(s: string): string {
  return s
    .replace(/\u01A2/g, 'Ư')
    .replace(/\u01A3/g, 'ư')
    .replace(/\u00D0/g, 'Đ')
    .replace(/\u00F0/g, 'đ')
    .replace(/\u00A0/g, ' ');
}

/**
 * The form used to compare two pieces of Vietnamese text: NFC, look-alikes repaired, new tone
 * style, lower case, Markdown emphasis and quotes dropped, runs of spaces collapsed.
 */
export function fold(s: string): string {
  let t = s.normalize('NFC');
  t = repairLookalikes(t);
  t = t.toLowerCase();
  t = toNewToneStyle(t);
  t = t.replace(/[*_`“”"'‘’]/g, '');
  t = t.replace(/\s+/g, ' ').trim();
  return t;
}

/** Heading comparison: like fold, and " và " counts as ", ", trailing punctuation ignored. */
export function foldHeading(s: string): string {
  return fold(s)
    .replace(/\s+và\s+/g, ', ')
    .replace(/\s*,\s*/g, ', ')
    .replace(/[\s.:;,]+$/g, '');
}

/** Tests whether every phrase is contained in the folded text. */
export function containsAll(foldedText: string, phrases: readonly string[]): boolean {
  return phrases.every((p) => foldedText.includes(fold(p)));
}
