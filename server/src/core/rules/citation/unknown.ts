// citation.unknown — a central symbol (/TW, -CP, -TTg, QH, -UBTVQH) that the registry does not know.

import { symbolKey } from '../../citations/symbol';
import { Rule } from '../rule';
import { citationsOf, documentName, entryLabel } from './shared';

export const citationUnknown: Rule = {
  id: 'citation.unknown',
  category: 'citation',
  title: { vi: 'Văn bản không có trong danh mục', en: 'Document not in the registry' },
  description: {
    vi: 'Văn bản của Trung ương, Chính phủ, Thủ tướng, Quốc hội được viện dẫn nên có trong danh mục văn bản để kiểm tra ngày, cơ quan ban hành và tên. Văn bản của địa phương chỉ được kiểm tra khi người dùng bổ sung danh mục của mình.',
    en: 'Documents of the central Party bodies, the Government, the Prime Minister and the National Assembly should be in the registry so their date, issuer and title can be checked. Local documents are only checked against a registry the user adds.',
  },
  severity: { drafting: 'hint', submission: 'error' },
  messages: {
    default: {
      vi: 'Ký hiệu {symbol} không có trong danh mục văn bản; hãy kiểm tra lại số, ký hiệu hoặc bổ sung văn bản này vào danh mục.',
      en: 'Symbol {symbol} is not in the registry; check the number and symbol, or add the document to the registry.',
    },
    term: {
      vi: 'Danh mục văn bản không có {document} của khóa {term}; các văn bản cùng ký hiệu: {candidates}. Hãy kiểm tra lại số, ký hiệu và khóa.',
      en: 'The registry has no {document} of term {term}; documents with this symbol: {candidates}. Check the number, symbol and term.',
    },
  },
  fixable: false,
  check(ctx) {
    const reported = new Set<string>();
    for (const c of citationsOf(ctx).citations) {
      if (c.resolution.status !== 'unknown' || !c.symbol.central) continue;
      // Once per symbol; when the registry has the symbol for other terms, once per written term.
      const key = `${symbolKey(c.symbol.symbol)}|${c.resolution.candidates.length > 0 ? (c.term?.text.toUpperCase() ?? '') : ''}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const candidates = c.resolution.candidates;
      ctx.report({
        messageId: candidates.length > 0 ? 'term' : 'default',
        data: {
          symbol: c.symbol.symbol,
          document: documentName(c),
          term: c.term?.text ?? '',
          candidates: candidates.map((e) => entryLabel(e, ctx.lang)).join('; '),
        },
        start: c.symbol.span.start,
        end: c.symbol.span.end,
      });
    }
  },
};
