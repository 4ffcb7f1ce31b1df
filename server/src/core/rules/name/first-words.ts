// The search of name.outdated's old names in a folded paragraph by their first words: each name is found where its first word stands as a whole word, in one pass over the text.

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
  short: Candidate[];
  byNext: Map<number, Candidate[]>;
}

/** The two UTF-16 code units of `text` at `at`, as one number (a key without a string made). */
function nextPair(text: string, at: number): number {
  return text.charCodeAt(at) * 0x10000 + text.charCodeAt(at + 1);
}

/** The number a first word is found by: its code units folded into 30 bits, the same whether read from a name or from the text. */
function nextWordKey(key: number, code: number): number {
  return (Math.imul(key, 31) + code) & 0x3fffffff;
}

function wordKey(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = nextWordKey(key, word.charCodeAt(i));
  return key;
}

/** The first word of a folded name: its leading letters and digits, or undefined when it begins otherwise. */
export function firstWordOf(folded: string): string | undefined {
  return /^[\p{L}\p{N}]+/u.exec(folded)?.[0];
}

/**
 * A search of folded names (each with a first word, see `firstWordOf`) in folded texts: each name
 * at the first place where it starts with its first word standing as a whole word, ordered by that
 * place, then by the name's place in the list — the order a reading word by word finds them in.
 */
export function firstWordSearch(names: readonly string[]): (plain: string) => FirstWordHit[] {
  // The names by their first word, then by the two characters that follow it (64 names begin with
  // "tỉnh"): where a first word stands, only the names that go on as the text goes on are compared.
  const byFirstWord = new Map<string, FirstWordGroup>();
  names.forEach((folded, order) => {
    const first = firstWordOf(folded);
    if (!first) throw new Error(`a name without a first word: "${folded}"`);
    let group = byFirstWord.get(first);
    if (!group) byFirstWord.set(first, (group = { short: [], byNext: new Map() }));
    const candidate = { folded, order };
    if (folded.length < first.length + 2) group.short.push(candidate);
    else {
      const key = nextPair(folded, first.length);
      const list = group.byNext.get(key);
      if (list) list.push(candidate);
      else group.byNext.set(key, [candidate]);
    }
  });
  // Every first word as a whole word, in one scan of the text: each run of letters and digits is
  // read once, a number made of its characters on the way, and only a run whose number is a first
  // word's is compared with it. So the common words ("các", "ban", "tỉnh") found at hundreds of
  // places cost no call and no string each, and the scan asks a table, not a regular expression,
  // what a letter is. Two first words never match at the same place, since each must be the whole
  // run that stands there.
  const byWordKey = new Map<number, Array<{ word: string; group: FirstWordGroup }>>();
  for (const [word, group] of byFirstWord) {
    const key = wordKey(word);
    const list = byWordKey.get(key);
    if (list) list.push({ word, group });
    else byWordKey.set(key, [{ word, group }]);
  }
  // The low 16 bits of the first words' numbers, marked: most runs of a paragraph are no first
  // word, and a look in this table tells so without hashing the number into the map.
  const maybeFirst = new Uint8Array(0x10000);
  for (const key of byWordKey.keys()) maybeFirst[key & 0xffff] = 1;
  // The search of the text in hand: a name is taken at the first place it is found only.
  let search = 0;
  const foundIn = new Uint32Array(names.length);
  return (plain: string): FirstWordHit[] => {
    const found: FirstWordHit[] = [];
    if (byFirstWord.size === 0) return found;
    search = search === 0xffffffff ? 1 : search + 1;
    if (search === 1) foundIn.fill(0);
    const take = (list: readonly Candidate[] | undefined, at: number): void => {
      if (!list) return;
      for (const entry of list) {
        if (foundIn[entry.order] === search || !plain.startsWith(entry.folded, at)) continue;
        found.push({ index: entry.order, at });
        foundIn[entry.order] = search;
      }
    };
    for (let at = 0; at < plain.length; ) {
      let end = at;
      let key = 0;
      for (;;) {
        const code = plain.charCodeAt(end);
        // Below the surrogates (all but a few characters of a plan) a code unit is a character.
        if (code < 0xd800) {
          if (!isWordUnit(code)) break;
          key = nextWordKey(key, code);
          end++;
          continue;
        }
        const width = wordCharLength(plain, end);
        if (width === 0) break;
        key = nextWordKey(key, code);
        if (width === 2) key = nextWordKey(key, plain.charCodeAt(end + 1));
        end += width;
      }
      if (end === at) {
        at++;
        continue;
      }
      if (maybeFirst[key & 0xffff] === 0) {
        at = end;
        continue;
      }
      const candidates = byWordKey.get(key);
      if (candidates) {
        for (const { word, group } of candidates) {
          if (word.length !== end - at || !plain.startsWith(word, at)) continue;
          take(group.short, at);
          if (end + 2 <= plain.length) take(group.byNext.get(nextPair(plain, end)), at);
        }
      }
      at = end;
    }
    return found.sort((a, b) => a.at - b.at || a.index - b.index);
  };
}
