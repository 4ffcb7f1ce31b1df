// citation.ambiguous — an undated citation of a symbol that names several documents in the registry.

import { sourceSpan } from '../../citations/analysis';
import { Rule } from '../rule';
import { citationsOf, documentName, entryLabel } from './shared';

export const citationAmbiguous: Rule = {
  id: 'citation.ambiguous',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Ký hiệu văn bản chưa xác định được văn bản nào', en: 'Ambiguous citation' },
  description: {
    vi: 'Số văn bản của Đảng được đánh lại từ đầu mỗi nhiệm kỳ, nên một ký hiệu như 20-NQ/TW có thể chỉ nhiều văn bản khác nhau; khi viện dẫn phải ghi ngày ban hành (hoặc khóa) để người đọc biết văn bản nào.',
    en: 'Party document numbers restart every term, so a symbol such as 20-NQ/TW can name several documents; a citation must give the date (or the term) so the reader knows which one.',
  },
  severity: { drafting: 'warning', submission: 'warning' },
  messages: {
    default: {
      vi: '{document} không ghi ngày ban hành, mà ký hiệu {symbol} chỉ nhiều văn bản khác nhau: {candidates}. Hãy ghi ngày để xác định văn bản.',
      en: '{document} has no date, and symbol {symbol} names several documents: {candidates}. Give the date so the document is known.',
    },
  },
  fixable: false,
  check(ctx) {
    const citations = citationsOf(ctx).citations;
    // By index: a `for … of` makes a result object per citation while the rule runs unoptimized.
    for (let i = 0; i < citations.length; i++) {
      const c = citations[i];
      if (!c.first || c.date || c.resolution.status !== 'ambiguous') continue;
      const symbol = sourceSpan(c, c.symbol);
      ctx.report({
        data: {
          document: documentName(c),
          symbol: c.symbol.symbol,
          candidates: c.resolution.candidates.map((e) => entryLabel(e, ctx.lang)).join('; '),
        },
        start: symbol.start,
        end: symbol.end,
      });
    }
  },
};
