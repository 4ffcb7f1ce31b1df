// The search of name.outdated's old names in a folded paragraph by their first words: each name is found where its first word stands as a whole word, in one pass over the text.

import { compareCodeUnits } from '../../findings';
import { isWordUnit, wordCharLength } from '../../text/word-chars';

/** A name found in a folded text: its place in the list given and where it was first found. */
export interface FirstWordHit {
  index: number;
  at: number;
}

/** A name and its place in the list, which decides between two names found at the same place. */
interface Candidate {
  folded: string;
  order: number;
}

/** The names that begin with one first word: those no longer than it and two characters, and the others by the two characters after it. */
interface FirstWordGroup {
  word: string;
  short: Candidate[];
  byNext: Map<number, Candidate[]>;
}

/** The two UTF-16 code units of `text` at `at`, as one number (a key without a string made). */
function nextPair(text: string, at: number): number {
  return text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);
}

/**
 * The length in code units (1 or 2) of the letter or digit that ends just before `at`, read by code
 * point as a regular expression with the `u` flag reads it backwards (a low surrogate after a
 * high one is one character), or 0 when none does.
 */
function wordCharLengthBefore(text: string, at: number): number {
  if (at === 0) return 0;
  const code = text.charCodeAt(at - 1);
  if (code >= 0xdc00 && code <= 0xdfff && at >= 2) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return wordCharLength(text, at - 2) === 0 ? 0 : 2;
  }
  return isWordUnit(code) ? 1 : 0;
}

/** A number for the code units of `text` from `start` to `end`, the same for the same units (the key of a first word without a string made). */
function unitsHash(text: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

/** The first word of a folded name: its leading letters and digits, or undefined when it begins otherwise. */
export function firstWordOf(folded: string): string | undefined {
  // As `^[\p{L}\p{N}]+` with the `u` flag reads it, by code point, without compiling that pattern.
  let end = 0;
  for (let n = wordCharLength(folded, 0); n > 0; n = wordCharLength(folded, end)) end += n;
  return end > 0 ? folded.slice(0, end) : undefined;
}

/**
 * A search of folded names (each with a first word, see `firstWordOf`) in folded texts: each name
 * at the first place where it starts with its first word standing as a whole word, ordered by that
 * place, then by the name's place in the list — the order a reading word by word finds them in.
 */
export function firstWordSearch(names: readonly string[]): (plain: string) => readonly FirstWordHit[] {
  // The names by their first word, then by the two characters that follow it (64 names begin with
  // "tỉnh"): where a first word stands, only the names that go on as the text goes on are compared.
  const byFirstWord = new Map<string, FirstWordGroup>();
  names.forEach((folded, order) => {
    const first = firstWordOf(folded);
    if (!first) throw new Error(`a name without a first word: "${folded}"`);
    let group = byFirstWord.get(first);
    if (!group) byFirstWord.set(first, (group = { word: first, short: [], byNext: new Map() }));
    const candidate = { folded, order };
    if (folded.length < first.length + 2) group.short.push(candidate);
    else {
      const key = nextPair(folded, first.length);
      const list = group.byNext.get(key);
      if (list) list.push(candidate);
      else group.byNext.set(key, [candidate]);
    }
  });
  // Every first word as a whole word, found by one regular expression of the first words, longest
  // first, without the `u` flag and without look-arounds: the engine's own search then skips
  // from one possible first word to the next, several times quicker than reading every
  // character in a loop here, and whether it stands as a whole word is asked at each place found
  // only. The alternation gives the longest first word that starts at a place; a shorter one
  // starting there is a start of it and is followed by a letter, so it is never whole, and no first
  // word starting inside one found can be whole either (a letter stands before it): going on from
  // the end of each match misses none.
  const words = [...byFirstWord.keys()].sort((a, b) => b.length - a.length || compareCodeUnits(a, b));
  const firstWords = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  // The groups by a number made of their first word's units (several where two words give one).
  const byHash = new Map<number, FirstWordGroup[]>();
  for (const group of byFirstWord.values()) {
    const key = unitsHash(group.word, 0, group.word.length);
    const list = byHash.get(key);
    if (list) list.push(group);
    else byHash.set(key, [group]);
  }
  // The search of the text in hand: a name is taken at the first place it is found only.
  let search = 0;
  const foundIn = new Uint32Array(names.length);
  return (plain: string): readonly FirstWordHit[] => {
    if (byFirstWord.size === 0) return NONE;
    search = search === 0xffffffff ? 1 : search + 1;
    if (search === 1) foundIn.fill(0);
    // Made at the first name found: most paragraphs hold none, and a list and a closure made for
    // each were most of what the search allocated (some 16 MB on 1,000 plans).
    let found: FirstWordHit[] | undefined;
    // `test` rather than `exec`: no array per place a first word is found (a good part of what the
    // rule allocated). Only the match's end is known, and a whole word is all that is wanted: the
    // match is one when it ends where the letters and digits end and its text is the whole run of
    // them, taken back from its end. Such a run is then the match: the expression's leftmost match
    // cannot begin earlier and end there (a first word holds letters and digits only), nor later
    // (the run is a first word, found at its start had the search gone on from at or before it,
    // which it always has: a match ending inside such a run would have been the run itself), and
    // the longest first word at the run's start cannot go past the run's end. The test of where
    // the search went on from only guards that reasoning.
    firstWords.lastIndex = 0;
    for (let from = 0; firstWords.test(plain); from = firstWords.lastIndex) {
      const end = firstWords.lastIndex;
      if (end < plain.length && wordCharLength(plain, end) !== 0) continue;
      let at = end;
      for (let back = wordCharLengthBefore(plain, at); back !== 0; back = wordCharLengthBefore(plain, at)) at -= back;
      if (at < from || at === end) continue;
      const groups = byHash.get(unitsHash(plain, at, end));
      if (!groups) continue;
      for (const group of groups) {
        if (group.word.length !== end - at || !plain.startsWith(group.word, at)) continue;
        found = take(group.short, plain, at, foundIn, search, found);
        if (end + 2 <= plain.length) found = take(group.byNext.get(nextPair(plain, end)), plain, at, foundIn, search, found);
      }
    }
    return found ? found.sort((a, b) => a.at - b.at || a.index - b.index) : NONE;
  };
}

/** What a search that finds no name gives: one empty list for all, never written to. */
const NONE: readonly FirstWordHit[] = Object.freeze([]);

/**
 * The names of `list` that `plain` holds at `at` and the search numbered `search` has not taken
 * yet, added to `found` (made when the first is) and marked in `foundIn`.
 */
function take(
  list: readonly Candidate[] | undefined,
  plain: string,
  at: number,
  foundIn: Uint32Array,
  search: number,
  found: FirstWordHit[] | undefined,
): FirstWordHit[] | undefined {
  if (!list) return found;
  for (const entry of list) {
    if (foundIn[entry.order] === search || !plain.startsWith(entry.folded, at)) continue;
    (found ??= []).push({ index: entry.order, at });
    foundIn[entry.order] = search;
  }
  return found;
}
