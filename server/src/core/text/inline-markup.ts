// Markdown inline markup that a reader does not read as words: emphasis markers ("*", "**"), footnote references ("[^1]") and the backslash of "\*".

import { Span } from './mapped-text';

const FOOTNOTE_REFERENCE = /\[\^([^\]\s]{1,64})\]/y;
const WHITE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const OPEN_BRACKET = 0x5b;
const CARET = 0x5e;

function isWhite(c: string): boolean {
  return c === '' || WHITE.test(c);
}

/**
 * The ranges of `text` (sorted, not overlapping) that are markup:
 *
 * - runs of one to three "*" that open and close emphasis, paired much as CommonMark pairs them (a
 *   run opens when a word follows it, closes when a word precedes it, a closing run closes the
 *   nearest open ones character by character); an unpaired "*" is a character;
 * - footnote references "[^label]", with the space before them when a space or a punctuation mark
 *   follows (so that "ngày 05/7/2019 [^1]." reads "ngày 05/7/2019.");
 * - the backslash of an escaped "\*".
 *
 * One pass over the text; texts without "*" or "[^" cost one search.
 */
export function inlineMarkup(text: string): Span[] {
  if (text.indexOf('*') < 0 && text.indexOf('[^') < 0) return [];
  const hidden: Span[] = [];
  /** Open runs: how many of their characters are still unmatched, and where the unmatched ones end (next to the text they open). */
  const openers: Array<{ inner: number; left: number }> = [];
  let i = 0;
  // Read by code units: `text[i]` makes a string of each character, and one not in Latin-1 (most
  // Vietnamese letters) is a new string each time (some 9 MB on 1,000 plans). The tests at a run
  // of "*" or at a footnote still read characters, as few as they are.
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH && text.charCodeAt(i + 1) === STAR) {
      hidden.push({ start: i, end: i + 1 });
      i += 2;
      continue;
    }
    if (c === OPEN_BRACKET && text.charCodeAt(i + 1) === CARET) {
      FOOTNOTE_REFERENCE.lastIndex = i;
      const m = FOOTNOTE_REFERENCE.exec(text);
      if (m) {
        const end = i + m[0].length;
        const next = text[end] ?? '';
        const before = i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t');
        const start = before && (isWhite(next) || PUNCTUATION.test(next)) ? i - 1 : i;
        hidden.push({ start, end });
        i = end;
        continue;
      }
    }
    if (c !== STAR) {
      i++;
      continue;
    }
    let end = i;
    while (text.charCodeAt(end) === STAR) end++;
    const prev = i > 0 ? text[i - 1] : '';
    const next = end < text.length ? text[end] : '';
    if (end - i <= 3) {
      const left = !isWhite(next) && (!PUNCTUATION.test(next) || isWhite(prev) || PUNCTUATION.test(prev));
      const right = !isWhite(prev) && (!PUNCTUATION.test(prev) || isWhite(next) || PUNCTUATION.test(next));
      let at = i;
      // A closing run closes the nearest open runs, as many characters as both have ("**a *b***").
      while (right && at < end && openers.length > 0) {
        const o = openers[openers.length - 1];
        const use = Math.min(o.left, end - at);
        hidden.push({ start: o.inner - use, end: o.inner }, { start: at, end: at + use });
        o.inner -= use;
        o.left -= use;
        at += use;
        if (o.left === 0) openers.pop();
      }
      // What is left of it opens, if a word follows ("**a***b*": bold a, italic b).
      if (at < end && left) openers.push({ inner: end, left: end - at });
    }
    i = end;
  }
  return hidden.sort((a, b) => a.start - b.start);
}

/** The text as a reader reads it: without emphasis markers and footnote references. */
export function withoutMarkup(text: string): string {
  const hidden = inlineMarkup(text);
  if (hidden.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const h of hidden) {
    parts.push(text.slice(at, h.start));
    at = h.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
