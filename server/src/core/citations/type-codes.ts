// Citation grammar: the type words written before "số" and the type codes of symbols they agree with.
//
// This is grammar of Vietnamese document citation (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020/NĐ-CP),
// the same for every template, so it lives here rather than in the registry data.

import { fold, memoizeShort } from '../text/normalize';

export interface TypeWordSpec {
  /** The type word as it is normally written ("Nghị quyết"). */
  word: string;
  /** Type codes of a symbol that agree with the word, compared case-insensitively. */
  codes: string[];
  /** A law is cited as "Luật số 10/2022/QH15": the symbol has no type code, only the year and QH. */
  lawLike?: boolean;
  /** The symbol carries no type code at all ("Công văn số 123/UBND-VP"), so nothing to compare. */
  noCode?: boolean;
}

/**
 * Type words, longest first so that "Chương trình hành động" wins over "Chương trình" and
 * "Nghị quyết liên tịch" over "Nghị quyết".
 */
export const TYPE_WORDS: readonly TypeWordSpec[] = [
  { word: 'Chương trình hành động', codes: ['CTr', 'CTrHĐ', 'CTHĐ', 'CTrH'] },
  { word: 'Chương trình phối hợp', codes: ['CTrPH', 'CTPH', 'CTr'] },
  { word: 'Thông báo kết luận', codes: ['TB'] },
  { word: 'Nghị quyết liên tịch', codes: ['NQLT'] },
  { word: 'Chương trình', codes: ['CTr', 'CTrHĐ', 'CTHĐ', 'CTrPH', 'CTPH'] },
  { word: 'Hướng dẫn', codes: ['HD'] },
  { word: 'Nghị quyết', codes: ['NQ', 'NQLT'] },
  { word: 'Nghị định', codes: ['NĐ'] },
  { word: 'Quyết định', codes: ['QĐ'] },
  { word: 'Quy định', codes: ['QĐ', 'QĐi', 'QyĐ'] },
  { word: 'Thông báo', codes: ['TB'] },
  { word: 'Thông tư', codes: ['TT'] },
  { word: 'Kế hoạch', codes: ['KH'] },
  { word: 'Kết luận', codes: ['KL'] },
  { word: 'Pháp lệnh', codes: ['PL'] },
  { word: 'Báo cáo', codes: ['BC'] },
  { word: 'Chỉ thị', codes: ['CT'] },
  { word: 'Quy chế', codes: ['QC', 'QCh'] },
  { word: 'Tờ trình', codes: ['TTr'] },
  { word: 'Công văn', codes: [], noCode: true },
  { word: 'Đề án', codes: ['ĐA'] },
  { word: 'Bộ luật', codes: [], lawLike: true },
  { word: 'Luật', codes: [], lawLike: true },
];

/** The type word a fix writes for a type code when the registry does not name the document. */
const PREFERRED_WORD: Record<string, string> = {
  NQ: 'Nghị quyết',
  NQLT: 'Nghị quyết liên tịch',
  KH: 'Kế hoạch',
  CTR: 'Chương trình',
  CTRHĐ: 'Chương trình hành động',
  CTHĐ: 'Chương trình hành động',
  CTRPH: 'Chương trình phối hợp',
  CTPH: 'Chương trình phối hợp',
  KL: 'Kết luận',
  CT: 'Chỉ thị',
  QĐ: 'Quyết định',
  QĐI: 'Quy định',
  QYĐ: 'Quy định',
  HD: 'Hướng dẫn',
  TB: 'Thông báo',
  TT: 'Thông tư',
  ĐA: 'Đề án',
  NĐ: 'Nghị định',
  PL: 'Pháp lệnh',
  BC: 'Báo cáo',
  QC: 'Quy chế',
  TTR: 'Tờ trình',
};

// The citation rules ask about the type word and code of every citation on every check: the
// same few words and codes each time.
const codeKey = memoizeShort((code) => code.normalize('NFC').replace(/Ð/g, 'Đ').toUpperCase());

const typeWordSpecShort = memoizeShort((written): TypeWordSpec | null => {
  const f = fold(written).replace(/[()]/g, '').replace(/\s+/g, ' ').trim();
  return TYPE_WORDS.find((t) => fold(t.word) === f) ?? null;
});

/** The spec of a written type word ("nghị quyết", "Thông báo (kết luận)" …), if it is one. */
export function typeWordSpec(written: string): TypeWordSpec | undefined {
  return typeWordSpecShort(written) ?? undefined;
}

/** Whether a written type word agrees with a symbol's type code (undefined for a law's symbol). */
export function typeAgrees(spec: TypeWordSpec, code: string | undefined): boolean {
  if (spec.noCode) return true;
  if (code === undefined) return spec.lawLike === true;
  if (spec.lawLike) return false;
  const key = codeKey(code);
  // A loop rather than a closure per call: every typed citation is compared at every keystroke.
  for (const c of spec.codes) if (codeKey(c) === key) return true;
  return false;
}

/** The type word for a type code, or undefined when the code is not a known one. */
export function preferredTypeWord(code: string | undefined): string | undefined {
  if (code === undefined) return 'Luật';
  return PREFERRED_WORD[codeKey(code)];
}

/**
 * A regular-expression alternation of every type word, longest first, for the extractor: each
 * word's parts between blanks written by `literal` (the brackets escaped, or the letters in any case).
 */
export function typeWordAlternation(literal: (part: string) => string = (part) => part.replace(/[()]/g, '\\$&')): string {
  return typeWordsLongestFirst().map((w) => w.split(' ').map(literal).join('\\s+')).join('|');
}

/** A node of the type words' tree: the words that go on from here by their next part, and whether one ends here. */
interface WordNode {
  next: Map<string, WordNode>;
  ends: boolean;
}

/**
 * The alternation of `typeWordAlternation` with the words that begin with the same parts written
 * once ("Chương trình" once for its three words, "Thông báo" for its three, "Nghị" for its three):
 * V8 factors out common prefixes only of plain strings, not of the any-case letters' classes, and
 * the first check of a start compiles the pattern twice (bytecode, then native code), about 0.87×
 * the work of the words written out. It matches what the alternation matches, where it matches, as
 * the alternation tries them: words that begin with different parts cannot both match at one place
 * (a part is followed by blanks, or by what follows the word, which starts with a blank or a colon,
 * never by a letter), and among the words of one prefix the longer ones are still tried first — a
 * word that ends at a part is tried after the words that go on from it.
 */
export function typeWordTree(literal: (part: string) => string = (part) => part.replace(/[()]/g, '\\$&')): string {
  const root: WordNode = { next: new Map(), ends: false };
  for (const word of typeWordsLongestFirst()) {
    let node = root;
    for (const part of word.split(' ')) {
      let child = node.next.get(part);
      if (!child) node.next.set(part, (child = { next: new Map(), ends: false }));
      node = child;
    }
    node.ends = true;
  }
  const after = (node: WordNode): string => {
    const alternatives = [...node.next].map(([part, child]) => `\\s+${literal(part)}${after(child)}`);
    if (node.ends) alternatives.push('');
    return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
  };
  return [...root.next].map(([part, child]) => `${literal(part)}${after(child)}`).join('|');
}

/** Every type word, longest first ("Thông báo (kết luận)" as some plans write it among them). */
function typeWordsLongestFirst(): string[] {
  // "Thông báo (kết luận)" is written with brackets in some plans.
  return [...TYPE_WORDS.map((t) => t.word), 'Thông báo (kết luận)'].sort((a, b) => b.length - a.length);
}

/**
 * Issuer codes of central bodies: a symbol with one of these is expected in the bundled registry.
 * Party symbols end in "/TW" (or a central office such as VPTW); state ones name the Government,
 * the Prime Minister, the National Assembly or its Standing Committee.
 */
export function isCentralIssuerCode(code: string, family: 'party' | 'state' | 'normative' | 'law'): boolean {
  const c = codeKey(code);
  if (family === 'party') return /TW$/.test(c);
  if (family === 'law') return /^QH\d*$/.test(c);
  return c.split('-').some((part) => /^(CP|TTG|QH\d*|UBTVQH\d*|CTN)$/.test(part));
}
