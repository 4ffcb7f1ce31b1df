// text.hyphen — Word's non-breaking hyphen (U+2011), the typographic hyphen (U+2010) and the soft hyphen (U+00AD) pasted into a plan: invisible on paper, they break search and lookup of symbols.

import { findSymbols } from '../../citations/symbol';
import { metaText, verbatimEdit } from '../../form/meta-text';
import { memoText } from '../../text/memo';
import { byParagraph, onFirstUse, paragraphsOf } from '../rule';

/** The characters, each with what replaces it ('' for the soft hyphen, which is dropped). */
const SPECIAL_HYPHENS: ReadonlyMap<string, string> = new Map([
  ['\u2011', '-'],
  ['\u2010', '-'],
  ['\u00AD', ''],
]);

const SPECIAL = onFirstUse(() => /[\u2010\u2011\u00AD]/g);

const NAMES: Readonly<Record<string, { vi: string; en: string }>> = {
  '\u2011': { vi: 'dấu gạch nối không ngắt (U+2011)', en: 'non-breaking hyphen (U+2011)' },
  '\u2010': { vi: 'dấu gạch nối kiểu chữ in (U+2010)', en: 'typographic hyphen (U+2010)' },
  '\u00AD': { vi: 'dấu gạch mềm (U+00AD)', en: 'soft hyphen (U+00AD)' },
};

interface Hit {
  index: number;
  /** The document symbol the character is part of ("43‑NQ/TW"), if any. */
  symbol?: string;
}

/** Where the special hyphens are, and the symbol each one sits in. */
function specialHyphens(text: string): Hit[] {
  const out: Hit[] = [];
  // The one expression, from its start (see spacingRuns).
  const re = SPECIAL();
  re.lastIndex = 0;
  let symbols: ReturnType<typeof findSymbols> | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    symbols ??= findSymbols(text);
    const i = m.index;
    const s = symbols.find((x) => x.start <= i && i < x.end);
    out.push(s ? { index: i, symbol: s.symbol } : { index: i });
  }
  return out;
}

export const textHyphen = byParagraph({
  id: 'text.hyphen',
  category: 'text',
  title: { vi: 'Dấu gạch nối đặc biệt', en: 'Special hyphen character' },
  description: {
    vi: 'Phát hiện dấu gạch nối không ngắt (U+2011) và dấu gạch nối kiểu chữ in (U+2010) mà Word chèn vào, và dấu gạch mềm (U+00AD). Khi in chúng trông như dấu "-" hoặc không hiện, nhưng ký hiệu văn bản có chúng ("43‑NQ/TW") không khớp khi tra cứu, tìm kiếm; chữ có gạch mềm không khớp khi tìm.',
    en: 'Finds the non-breaking hyphen (U+2011) and the typographic hyphen (U+2010) that Word inserts, and the soft hyphen (U+00AD). On paper they look like "-" or do not show, but a symbol written with them ("43‑NQ/TW") does not match in lookup and search, and a word with a soft hyphen is not found.',
  },
  severity: { drafting: 'info', submission: 'warning' },
  messages: {
    symbol: {
      vi: 'Ký hiệu văn bản {symbol} được viết với {name} thay cho dấu gạch nối "-": ký hiệu sẽ không khớp khi tra cứu, tìm kiếm.',
      en: 'The symbol {symbol} is written with a {name} instead of the hyphen "-": it will not match in lookup and search.',
    },
    hyphen: {
      vi: 'Có {name} thay cho dấu gạch nối "-"; nên dùng dấu gạch nối thường.',
      en: 'A {name} instead of the hyphen "-"; use the ordinary hyphen.',
    },
    soft: {
      vi: 'Có {name}: không hiện khi in nhưng làm chữ không khớp khi tìm kiếm; nên bỏ đi.',
      en: 'A {name}: it does not print but keeps the word from matching in search; remove it.',
    },
    fixHyphen: { vi: 'Thay bằng dấu gạch nối "-"', en: 'Replace with the hyphen "-"' },
    fixSoft: { vi: 'Bỏ dấu gạch mềm', en: 'Remove the soft hyphen' },
  },
  fixable: true,
  paragraphs: {
    blocksOf(plan) {
      // The number and symbol is not prose, but it is the symbol most often pasted from Word.
      const number = plan.meta.number;
      if (!number || !/[\u2010\u2011\u00AD]/u.test(number.value)) return paragraphsOf(plan);
      return [...paragraphsOf(plan), { kind: 'meta', text: metaText(plan, number), span: number.span, region: 'front', metaKey: 'number' }];
    },
    checkBlock(ctx, block) {
      for (const hit of memoText(specialHyphens, block.text.text, block.text)) {
        const c = block.text.text[hit.index];
        const replacement = SPECIAL_HYPHENS.get(c) ?? '-';
        const soft = replacement === '';
        const span = block.text.spanOf(hit.index, hit.index + 1);
        const data = { name: NAMES[c][ctx.lang], symbol: hit.symbol ?? '' };
        const edit = verbatimEdit(ctx.plan, block.text, hit.index, hit.index + 1, replacement);
        ctx.report({
          messageId: hit.symbol ? 'symbol' : soft ? 'soft' : 'hyphen',
          data,
          start: span.start,
          end: span.end,
          ...(edit ? { fix: { messageId: soft ? 'fixSoft' : 'fixHyphen', edits: [edit] } } : {}),
        });
      }
    },
  },
});
