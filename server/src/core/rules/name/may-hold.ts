// name.outdated's test of a paragraph as written, before its fold: whether the fold can hold one of the old names, asked by one regular expression so that most paragraphs are neither folded nor searched.

import { onFirstUse } from '../../first-use';
import { foldOnce } from '../../text/normalize';

/**
 * The code units the test reads a text by: Latin (U+0000–U+024F but "İ", whose lower case is two
 * units), Latin Extended Additional (the Vietnamese letters) and the general punctuation from
 * U+2002 (U+2000 and U+2001 are composed to U+2002 and U+2003). Each of them is its own composed
 * form (NFC), has a lower case of one unit whatever stands around it, and no two of them compose:
 * a text of them alone is folded unit by unit (`may-hold.test.ts` checks every unit and every
 * pair). A text holding any other unit, or a unit the fold drops (emphasis, quotes), is not read
 * and may hold a name.
 */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x024f],
  [0x1e00, 0x1eff],
  [0x2002, 0x206f],
];
const NOT_READ = new Set([0x0130]);

/** What the fold makes of the units of `RANGES`: the units of each folded character, and those the test does not read. */
interface UnitFolds {
  /** For each character of a fold, the units read that give it (one alone, or in a tone pair). */
  unitsOf: Map<string, Set<number>>;
  /** Units the fold drops (emphasis, quotes), or makes more than one character of: a text holding one may hold a name. */
  notRead: Set<number>;
  /** The class of every unit not read (those and every unit outside `RANGES`), written once for every list of names. */
  notReadSource: string;
}

/** The units of `RANGES` read by the test (see there). */
export function readUnits(): number[] {
  const out: number[] = [];
  for (const [from, to] of RANGES) for (let u = from; u <= to; u++) if (!NOT_READ.has(u)) out.push(u);
  return out;
}

/** The fold of each unit read, and of the tone pairs: made at the first use, from `foldOnce` itself. */
const UNIT_FOLDS = onFirstUse((): UnitFolds => {
  const unitsOf = new Map<string, Set<number>>();
  const notRead = new Set<number>();
  const add = (folded: string, unit: number): void => {
    let set = unitsOf.get(folded);
    if (!set) unitsOf.set(folded, (set = new Set()));
    set.add(unit);
  };
  const units = readUnits();
  for (const u of units) {
    const ch = String.fromCharCode(u);
    const folded = foldOnce(ch);
    if (folded.length === 1) add(folded, u);
    // White space (\s, what the pattern reads between two words): a run of it folds to one space or none.
    else if (folded === '' && /^\s$/.test(ch)) continue;
    // Dropped (emphasis, quotes): a name may stand on either side of it, so a text holding one is not read.
    else notRead.add(u);
  }
  // The fold writes a pair "o"/"u" and a toned vowel in the "hòa" style ("oà" → "òa", "uý" → "úy"):
  // each unit of a pair so written may give the other letter of its place.
  const starts = units.filter((u) => {
    const f = foldOnce(String.fromCharCode(u));
    return f === 'o' || f === 'u';
  });
  for (const first of starts) {
    for (const second of units) {
      if (notRead.has(second)) continue;
      const pair = String.fromCharCode(first, second);
      const folded = foldOnce(pair);
      if (folded.length !== 2 || folded === foldOnce(pair[0]) + foldOnce(pair[1])) continue;
      add(folded[0], first);
      add(folded[1], second);
    }
  }
  // Every unit not read, as ranges: the ranges' gaps and the units of `notRead`, in order.
  const read = new Uint8Array(0x10000);
  for (const u of units) if (!notRead.has(u)) read[u] = 1;
  let notReadSource = '';
  for (let u = 0; u <= 0xffff; ) {
    if (read[u] === 1) {
      u++;
      continue;
    }
    let end = u;
    while (end + 1 <= 0xffff && read[end + 1] === 0) end++;
    notReadSource += end > u ? `${unitSource(u)}-${unitSource(end)}` : unitSource(u);
    u = end + 1;
  }
  return { unitsOf, notRead, notReadSource: `[${notReadSource}]` };
});

/** A unit written in a pattern: letters and digits as they are, anything else escaped. */
function unitSource(u: number): string {
  if ((u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a)) return String.fromCharCode(u);
  return `\\u${u.toString(16).padStart(4, '0')}`;
}

/** A class of units, written as ranges. */
function classSource(units: Iterable<number>): string {
  const sorted = [...units].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out += j > i ? `${unitSource(sorted[i])}-${unitSource(sorted[j])}` : unitSource(sorted[i]);
    i = j + 1;
  }
  return `[${out}]`;
}

/** A node of the names' tree: by each next character of a fold, or the end of a name. */
type Node = Map<string, Node | null>;

/**
 * A test of texts as written: false only when the fold of the text (`foldOnce`) holds none of the
 * folded `names`. A text of the units read is folded unit by unit, a run of white space made one
 * space (or none at the ends) and the tone pairs rewritten in place: where its fold holds a name,
 * the text holds, at one place, for each character of the name a unit that gives it, and for each
 * space a run of white space. The pattern asks exactly that, the names by a tree of their
 * characters (a name's start shared with others is read once), and a unit not read anywhere
 * answers true. It is written without the `u` flag (units, not code points) and kept under V8's
 * 20 KB of source, beyond which irregexp leaves out the optimizations that make it quick
 * (some 7.5 KB for the names of 2026; every name whole took a tenth of the fold's time over the
 * corpus's paragraphs where an alternation of them took ten times the fold's).
 */
export function mayHoldTest(names: readonly string[]): (text: string) => boolean {
  const { unitsOf, notReadSource } = UNIT_FOLDS();
  const root: Node = new Map();
  for (const name of names) {
    if (name === '') continue;
    // A name with a character no unit read gives is never in the fold of a text the pattern reads.
    if ([...name].some((c) => c !== ' ' && !unitsOf.has(c))) continue;
    let node = root;
    for (const c of name) {
      if (node.has('')) break;
      let next = node.get(c);
      if (!next) node.set(c, (next = new Map()));
      node = next;
    }
    // A name that ends here is enough: longer names through this node need not be read further.
    node.clear();
    node.set('', null);
  }
  const classes = new Map<string, string>();
  const classOf = (c: string): string => {
    let source = classes.get(c);
    if (source === undefined) classes.set(c, (source = c === ' ' ? '\\s+' : classSource(unitsOf.get(c)!)));
    return source;
  };
  const emit = (node: Node): string => {
    if (node.has('')) return '';
    const parts: string[] = [];
    for (const [c, next] of node) parts.push(classOf(c) + emit(next!));
    return parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
  };
  const tree = root.size > 0 ? `|${emit(root)}` : '';
  const pattern = new RegExp(`${notReadSource}${tree}`);
  return (text: string): boolean => pattern.test(text);
}
