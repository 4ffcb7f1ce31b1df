// citation.type-mismatch — the type word before a symbol ("Kế hoạch", "Nghị quyết" …) contradicts the symbol's type code.

import { preferredTypeWord, typeAgrees, typeWordSpec } from '../../citations/type-codes';
import { sourceSpan } from '../../citations/analysis';
import { Rule } from '../rule';
import { citationsOf } from './shared';

/** Keeps the case of the written word's first letter ("nghị quyết" stays lower case). */
function sameCase(written: string, word: string): string {
  const first = written.charAt(0);
  if (first && first === first.toLowerCase() && first !== first.toUpperCase()) return word.charAt(0).toLowerCase() + word.slice(1);
  return word;
}

export const citationTypeMismatch: Rule = {
  id: 'citation.type-mismatch',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Tên loại văn bản không khớp ký hiệu', en: 'Type word contradicts the symbol' },
  description: {
    vi: 'Tên loại văn bản trước "số" phải khớp với chữ viết tắt tên loại trong ký hiệu: Kế hoạch ↔ KH, Chương trình ↔ CTr, Nghị quyết ↔ NQ, Kết luận ↔ KL, Chỉ thị ↔ CT, Quyết định/Quy định ↔ QĐ, Hướng dẫn ↔ HD, Thông báo ↔ TB, Đề án ↔ ĐA, Nghị định ↔ NĐ, Pháp lệnh ↔ PL, Luật ↔ QH.',
    en: 'The type word before "số" must agree with the type code in the symbol: Kế hoạch ↔ KH, Chương trình ↔ CTr, Nghị quyết ↔ NQ, Kết luận ↔ KL, Chỉ thị ↔ CT, Quyết định/Quy định ↔ QĐ, Hướng dẫn ↔ HD, Thông báo ↔ TB, Đề án ↔ ĐA, Nghị định ↔ NĐ, Pháp lệnh ↔ PL, Luật ↔ QH.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Ký hiệu {symbol} là ký hiệu của {expected}, nhưng tên loại văn bản được ghi là "{written}".',
      en: 'Symbol {symbol} is the symbol of a {expected}, but the type word says "{written}".',
    },
    unknownCode: {
      vi: 'Tên loại "{written}" không khớp với chữ viết tắt "{code}" trong ký hiệu {symbol}.',
      en: 'The type word "{written}" does not agree with the type code "{code}" of symbol {symbol}.',
    },
    fix: { vi: 'Sửa thành "{expected}"', en: 'Change to "{expected}"' },
  },
  fixable: true,
  check(ctx) {
    const citations = citationsOf(ctx).citations;
    // By index: a `for … of` makes a result object per citation while the rule runs unoptimized.
    for (let i = 0; i < citations.length; i++) {
      const c = citations[i];
      if (!c.typeWord || c.typeWord.inherited || c.symbol.malformed === 'grammar') continue;
      const spec = typeWordSpec(c.typeWord.text);
      if (!spec || typeAgrees(spec, c.symbol.typeCode)) continue;
      const entry = c.resolution.status === 'resolved' ? c.resolution.entry : undefined;
      const registryWord = entry && typeWordSpec(entry.type) && typeAgrees(typeWordSpec(entry.type)!, c.symbol.typeCode) ? entry.type : undefined;
      const word = registryWord ?? preferredTypeWord(c.symbol.typeCode);
      const written = c.typeWord.text;
      const span = sourceSpan(c, c.typeWord);
      if (!word) {
        ctx.report({
          messageId: 'unknownCode',
          data: { written, code: c.symbol.typeCode ?? '', symbol: c.symbol.symbol },
          start: span.start,
          end: span.end,
        });
        continue;
      }
      const expected = sameCase(written, word);
      const verbatim = ctx.plan.source.slice(span.start, span.end) === written;
      ctx.report({
        data: { symbol: c.symbol.symbol, expected: word, written },
        start: span.start,
        end: span.end,
        ...(verbatim ? { fix: { messageId: 'fix', data: { expected }, edits: [{ start: span.start, end: span.end, newText: expected }] } } : {}),
      });
    }
  },
};
