// text.tone-style — old ("uỷ, hoá") and new ("ủy, hóa") tone-mark placement mixed in one document.

import { proseBlocks, verbatimEdit } from '../../form/meta-text';
import { Block } from '../../model';
import { newToneStyleRegExp, oldToneStyleRegExp, toNewToneStylePair, toOldToneStyle } from '../../text/normalize';
import { memoText } from '../../text/memo';
import { Rule, RuleContext } from '../rule';

interface Occurrence {
  block: Block;
  index: number;
  pair: string;
}

/** Matches of a tone-style pattern in one text; upper-case words count too ("Uỷ ban", "TỈNH UỶ"). */
function matcher(make: () => RegExp): (text: string) => Array<{ index: number; pair: string }> {
  const source = make().source;
  return (text) => {
    const out: Array<{ index: number; pair: string }> = [];
    const re = new RegExp(source, 'giu');
    for (let m = re.exec(text); m; m = re.exec(text)) out.push({ index: m.index, pair: m[0] });
    return out;
  };
}

const OLD_PAIRS = matcher(oldToneStyleRegExp);
const NEW_PAIRS = matcher(newToneStyleRegExp);

function occurrences(blocks: readonly Block[], pairs: (text: string) => Array<{ index: number; pair: string }>): Occurrence[] {
  const out: Occurrence[] = [];
  for (const block of blocks) {
    for (const { index, pair } of memoText(pairs, block.text.text, block.text)) out.push({ block, index, pair });
  }
  return out;
}

/** The counterpart of a two-letter pair in the other style, keeping each letter's case. */
function convert(pair: string, toNew: boolean): string {
  const lower = pair.toLowerCase();
  const target = toNew ? toNewToneStylePair(lower) : toOldToneStyle(lower);
  let out = '';
  for (let i = 0; i < target.length; i++) out += pair[i] !== pair[i].toLowerCase() ? target[i].toUpperCase() : target[i];
  return out;
}

/** Counts of both styles over the whole plan; shared so other rules can read the prevailing style. */
export function toneStyleCounts(ctx: RuleContext): { old: Occurrence[]; new: Occurrence[] } {
  const blocks = proseBlocks(ctx.plan);
  return { old: occurrences(blocks, OLD_PAIRS), new: occurrences(blocks, NEW_PAIRS) };
}

export const textToneStyle: Rule = {
  id: 'text.tone-style',
  category: 'text',
  title: { vi: 'Cách bỏ dấu thanh không thống nhất', en: 'Mixed tone-mark placement' },
  description: {
    vi: 'Một văn bản nên dùng thống nhất một cách bỏ dấu thanh: kiểu cũ ("uỷ, hoá, khoá") hoặc kiểu mới ("ủy, hóa, khóa"). Khi văn bản dùng lẫn cả hai, những chỗ theo cách ít dùng hơn được nêu để sửa theo cách dùng chủ yếu (bằng nhau thì theo kiểu mới).',
    en: 'A document should place tone marks one way: old style ("uỷ, hoá, khoá") or new style ("ủy, hóa, khóa"). When both are mixed, the places that follow the less used style are reported, to be changed to the prevailing one (the new style on a tie).',
  },
  severity: { drafting: 'hint', submission: 'info' },
  messages: {
    toNew: {
      vi: 'Bỏ dấu kiểu cũ "{found}" trong khi văn bản chủ yếu bỏ dấu kiểu mới ({major} chỗ so với {minor}); nên viết "{expected}".',
      en: 'Old-style tone mark "{found}" while the document mostly uses the new style ({major} places against {minor}); write "{expected}".',
    },
    toOld: {
      vi: 'Bỏ dấu kiểu mới "{found}" trong khi văn bản chủ yếu bỏ dấu kiểu cũ ({major} chỗ so với {minor}); nên viết "{expected}".',
      en: 'New-style tone mark "{found}" while the document mostly uses the old style ({major} places against {minor}); write "{expected}".',
    },
    fix: { vi: 'Viết "{expected}"', en: 'Write "{expected}"' },
  },
  fixable: true,
  check(ctx) {
    const counts = ctx.shared(toneStyleCounts);
    if (counts.old.length === 0 || counts.new.length === 0) return;
    const toNew = counts.new.length >= counts.old.length;
    const minority = toNew ? counts.old : counts.new;
    const major = toNew ? counts.new.length : counts.old.length;
    for (const o of minority) {
      const expected = convert(o.pair, toNew);
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
        messageId: toNew ? 'toNew' : 'toOld',
        data,
        start: span.start,
        end: span.end,
        ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}),
      });
    }
  },
};
