// text.tone-style — the tone mark of "oa", "oe", "uy" placed both as in "hòa, thủy" and as in "hoà, thuỷ" in one document.

import { verbatimEdit } from '../../form/meta-text';
import { Block } from '../../model';
import { anyCaseTonePairs, hasNextTonePair, nextTonePair, pairInStyle, ToneStyle } from '../../text/normalize';
import { memoText, textMemoActive } from '../../text/memo';
import { onFirstUse, paragraphsOf, ParagraphCheck, Rule, RuleContext } from '../rule';
import { isLetter } from '../../text/word-chars';

/**
 * Matches of a tone-style pattern in one text; upper-case words count too ("Uỷ ban", "TỈNH UỶ").
 * One pattern kept for all texts, its search started at 0 each time (it ends at 0, past the last
 * match): making a pattern of this source, about 2,400 characters with the letter class, took
 * some 6 µs each time, and a plan in both styles asked for one per block.
 */
function matcher(style: ToneStyle): (text: string) => Array<{ index: number; pair: string }> {
  const pattern = onFirstUse(() => anyCaseTonePairs(style));
  return (text) => {
    const out: Array<{ index: number; pair: string }> = [];
    const re = pattern();
    re.lastIndex = 0;
    for (let m = nextTonePair(re, text); m; m = nextTonePair(re, text)) out.push({ index: m.index, pair: m[0] });
    return out;
  };
}

const FIRST_VOWEL_PAIRS = matcher('hòa');
const MAIN_VOWEL_PAIRS = matcher('hoà');

/**
 * How many matches of a tone-style pattern one text holds, counted with one pattern kept for all
 * texts: no list of places and no pattern made per text, for a check from scratch, which only
 * counts the places of most blocks (the same count as `matcher`'s list: the same pattern, its
 * matches found one after the other from the start).
 */
function counter(style: ToneStyle): (text: string) => number {
  const pattern = onFirstUse(() => anyCaseTonePairs(style));
  return (text) => {
    const re = pattern();
    re.lastIndex = 0;
    let n = 0;
    while (hasNextTonePair(re, text)) n++;
    return n;
  };
}

const COUNTERS: Record<ToneStyle, (text: string) => number> = { 'hòa': counter('hòa'), 'hoà': counter('hoà') };

/**
 * How many places a style has in the blocks: each block's own count, summed. While the plan is
 * edited each block's places are remembered with its text (the list a block's check reads
 * again); a check from scratch only counts them.
 */
function count(blocks: readonly Block[], style: ToneStyle): number {
  let n = 0;
  if (!textMemoActive()) {
    const countOf = COUNTERS[style];
    for (const block of blocks) n += countOf(block.text.text);
    return n;
  }
  const pairs = PAIRS[style];
  for (const block of blocks) n += memoText(pairs, block.text.text, block.text).length;
  return n;
}

const PAIRS: Record<ToneStyle, (text: string) => Array<{ index: number; pair: string }>> = { 'hòa': FIRST_VOWEL_PAIRS, 'hoà': MAIN_VOWEL_PAIRS };

/** The count of each style in each block of the last version checked (see toneStyleCounts). */
export interface KeptToneCounts {
  blocks: readonly Block[];
  firstVowel: Int32Array;
  mainVowel: Int32Array;
  /** How many blocks' counts were taken from the version before (for tests and measurements). */
  taken: number;
}

/** The name under which a check session keeps the blocks' counts. */
export const TONE_COUNTS_MEMORY = 'text.tone-style.counts';

/**
 * How many places of the plan are written in each style; shared so other rules can read the
 * prevailing style. Counted rather than listed: after a keystroke in a long plan only the places
 * of the less used style are listed, and only when both styles are present. While the plan is
 * edited (a session's memory), a block the edit did not touch gives the counts it had, read from
 * the last version's by index; only the blocks the edit touched are counted.
 */
export function toneStyleCounts(ctx: RuleContext): Record<ToneStyle, number> {
  const blocks = paragraphsOf(ctx.plan);
  const memory = ctx.analysisMemory?.<KeptToneCounts>(TONE_COUNTS_MEMORY);
  if (!memory) return { 'hòa': count(blocks, 'hòa'), 'hoà': count(blocks, 'hoà') };
  const last = memory.last;
  const was = last ? memory.correspondence(last.blocks, blocks) : undefined;
  const firstVowel = new Int32Array(blocks.length);
  const mainVowel = new Int32Array(blocks.length);
  let first = 0;
  let main = 0;
  let taken = 0;
  for (let i = 0; i < blocks.length; i++) {
    const old = was ? was[i] : -1;
    if (old >= 0) {
      firstVowel[i] = last!.firstVowel[old];
      mainVowel[i] = last!.mainVowel[old];
      taken++;
    } else {
      const text = blocks[i].text;
      firstVowel[i] = memoText(FIRST_VOWEL_PAIRS, text.text, text).length;
      mainVowel[i] = memoText(MAIN_VOWEL_PAIRS, text.text, text).length;
    }
    first += firstVowel[i];
    main += mainVowel[i];
  }
  memory.keep({ blocks, firstVowel, mainVowel, taken });
  return { 'hòa': first, 'hoà': main };
}

/**
 * Checked block by block, each block's findings kept while the plan is edited: what they read of
 * the rest of the plan is the count of each style (the prevailing one and both counts are in the
 * messages), which is the key of the kept findings.
 */
const toneStyleParagraphs: ParagraphCheck = {
  documentKey(ctx) {
    const counts = ctx.shared(toneStyleCounts);
    return `${counts['hòa']}/${counts['hoà']}`;
  },
  checkBlock(ctx, block) {
    const counts = ctx.shared(toneStyleCounts);
    if (counts['hòa'] === 0 || counts['hoà'] === 0) return;
    const prevailing: ToneStyle = counts['hòa'] >= counts['hoà'] ? 'hòa' : 'hoà';
    const minorStyle: ToneStyle = prevailing === 'hòa' ? 'hoà' : 'hòa';
    const major = counts[prevailing];
    const minor = counts[minorStyle];
    const text = block.text.text;
    for (const o of memoText(PAIRS[minorStyle], text, block.text)) {
      const expected = pairInStyle(o.pair, prevailing);
      // The message shows the whole word; the fix changes only the two letters.
      let wordStart = o.index;
      // A letter of any script, by code unit as the pattern `[\p{L}]` tested each unit alone: asked of
      // the letters' ranges, not of a pattern of them compiled at a start's first check.
      while (wordStart > 0 && isLetter(text.charCodeAt(wordStart - 1))) wordStart--;
      const end = o.index + o.pair.length;
      const span = block.text.spanOf(wordStart, end);
      const edit = verbatimEdit(ctx.plan, block.text, o.index, end, expected);
      const found = text.slice(wordStart, end);
      const data = { found, expected: text.slice(wordStart, o.index) + expected, major, minor };
      ctx.report({
        messageId: prevailing === 'hòa' ? 'toFirstVowel' : 'toMainVowel',
        data,
        start: span.start,
        end: span.end,
        ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}),
      });
    }
  },
};

export const textToneStyle: Rule = {
  id: 'text.tone-style',
  category: 'text',
  reads: 'document',
  title: { vi: 'Cách đặt dấu thanh không thống nhất', en: 'Mixed tone-mark placement' },
  description: {
    vi: 'Dấu thanh của các vần "oa", "oe", "uy" có hai cách đặt, đều đúng: như "hòa, thủy, khóa" (dấu trên chữ thứ nhất) hoặc như "hoà, thuỷ, khoá" (dấu trên nguyên âm chính). Một văn bản nên theo một cách. Khi văn bản dùng lẫn cả hai, những chỗ theo cách ít dùng hơn được nêu để sửa theo cách dùng chủ yếu (bằng nhau thì theo cách "hòa").',
    en: 'The tone mark of "oa", "oe", "uy" has two placements, both correct: as in "hòa, thủy, khóa" (on the first vowel) or as in "hoà, thuỷ, khoá" (on the main vowel). A document should keep one. When both are mixed, the places that follow the less used one are reported, to be changed to the prevailing one (the "hòa" placement on a tie).',
  },
  severity: { drafting: 'hint', submission: 'info' },
  messages: {
    toFirstVowel: {
      vi: '"{found}" đặt dấu như "hoà", trong khi văn bản chủ yếu đặt dấu như "hòa" ({major} chỗ so với {minor}); nên viết "{expected}".',
      en: '"{found}" places the tone mark as in "hoà" while the document mostly places it as in "hòa" ({major} places against {minor}); write "{expected}".',
    },
    toMainVowel: {
      vi: '"{found}" đặt dấu như "hòa", trong khi văn bản chủ yếu đặt dấu như "hoà" ({major} chỗ so với {minor}); nên viết "{expected}".',
      en: '"{found}" places the tone mark as in "hòa" while the document mostly places it as in "hoà" ({major} places against {minor}); write "{expected}".',
    },
    fix: { vi: 'Viết "{expected}"', en: 'Write "{expected}"' },
  },
  fixable: true,
  check(ctx) {
    for (const block of paragraphsOf(ctx.plan)) toneStyleParagraphs.checkBlock(ctx, block);
  },
  paragraphs: toneStyleParagraphs,
};
