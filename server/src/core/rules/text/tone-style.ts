// text.tone-style — the tone mark of "oa", "oe", "uy" placed both as in "hòa, thủy" and as in "hoà, thuỷ" in one document.

import { proseBlocks, verbatimEdit } from '../../form/meta-text';
import { Block } from '../../model';
import { pairInStyle, toneStyleRegExp, ToneStyle } from '../../text/normalize';
import { memoText } from '../../text/memo';
import { Rule, RuleContext } from '../rule';

interface Occurrence {
  block: Block;
  index: number;
  pair: string;
}

/** Matches of a tone-style pattern in one text; upper-case words count too ("Uỷ ban", "TỈNH UỶ"). */
function matcher(style: ToneStyle): (text: string) => Array<{ index: number; pair: string }> {
  const source = toneStyleRegExp(style).source;
  return (text) => {
    const out: Array<{ index: number; pair: string }> = [];
    const re = new RegExp(source, 'giu');
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ index: m.index, pair: m[0] });
    return out;
  };
}

const FIRST_VOWEL_PAIRS = matcher('hòa');
const MAIN_VOWEL_PAIRS = matcher('hoà');

function occurrences(blocks: readonly Block[], pairs: (text: string) => Array<{ index: number; pair: string }>): Occurrence[] {
  const out: Occurrence[] = [];
  for (const block of blocks) {
    for (const { index, pair } of memoText(pairs, block.text.text, block.text)) out.push({ block, index, pair });
  }
  return out;
}

/** How many places a style has in the blocks: each block's own count (remembered with its text while the plan is edited), summed. */
function count(blocks: readonly Block[], pairs: (text: string) => Array<{ index: number; pair: string }>): number {
  let n = 0;
  for (const block of blocks) n += memoText(pairs, block.text.text, block.text).length;
  return n;
}

const PAIRS: Record<ToneStyle, (text: string) => Array<{ index: number; pair: string }>> = { 'hòa': FIRST_VOWEL_PAIRS, 'hoà': MAIN_VOWEL_PAIRS };

/**
 * How many places of the plan are written in each style; shared so other rules can read the
 * prevailing style. Counted rather than listed: after a keystroke in a long plan only the places
 * of the less used style are listed, and only when both styles are present.
 */
export function toneStyleCounts(ctx: RuleContext): Record<ToneStyle, number> {
  const blocks = proseBlocks(ctx.plan);
  return { 'hòa': count(blocks, FIRST_VOWEL_PAIRS), 'hoà': count(blocks, MAIN_VOWEL_PAIRS) };
}

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
    const counts = ctx.shared(toneStyleCounts);
    if (counts['hòa'] === 0 || counts['hoà'] === 0) return;
    const prevailing: ToneStyle = counts['hòa'] >= counts['hoà'] ? 'hòa' : 'hoà';
    const minority = occurrences(proseBlocks(ctx.plan), PAIRS[prevailing === 'hòa' ? 'hoà' : 'hòa']);
    const major = counts[prevailing];
    for (const o of minority) {
      const expected = pairInStyle(o.pair, prevailing);
      // The message shows the whole word; the fix changes only the two letters.
      const text = o.block.text.text;
      let wordStart = o.index;
      while (wordStart > 0 && /\p{L}/u.test(text[wordStart - 1])) wordStart--;
      const end = o.index + o.pair.length;
      const span = o.block.text.spanOf(wordStart, end);
      const edit = verbatimEdit(ctx.plan, o.block.text, o.index, end, expected);
      const found = text.slice(wordStart, end);
      const data = { found, expected: text.slice(wordStart, o.index) + expected, major, minor: minority.length };
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
