// citation.unknown — a central symbol (/TW, -CP, -TTg, QH, -UBTVQH) that the registry does not know, or not for the term its date or its written term names.

import { isoDate, viDate } from '../../data/as-of';
import { Citation, sourceSpan } from '../../citations/analysis';
import { symbolKey } from '../../citations/symbol';
import { daysInMonth } from '../../form/date';
import { Rule, RuleContext } from '../rule';
import { citationsOf, documentName, entryLabel, listedEntries } from './shared';

/** A document of the current term that the registry does not know yet is said, not blocked. */
const NOT_BLOCKING = { drafting: 'hint', submission: 'warning' } as const;

/** The citation's date as yyyy-mm-dd when it is a real day. */
function citedDay(c: Citation): string | undefined {
  const d = c.date;
  if (!d || d.month < 1 || d.month > 12 || d.day < 1 || d.year < 1900 || d.day > daysInMonth(d.month, d.year)) return undefined;
  return isoDate(d.year, d.month, d.day);
}

/** The term a well-formed, dated citation of a term-numbered symbol falls in. */
function termOfCitation(ctx: RuleContext, c: Citation): string | undefined {
  const day = citedDay(c);
  if (!day || c.symbol.malformed || !ctx.view.numberedByTerm(c.symbol.issuerCode)) return undefined;
  return ctx.view.termOn(day)?.term;
}

export const citationUnknown: Rule = {
  id: 'citation.unknown',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Văn bản không có trong danh mục', en: 'Document not in the registry' },
  description: {
    vi: 'Văn bản của Trung ương, Chính phủ, Thủ tướng, Quốc hội được viện dẫn nên có trong danh mục văn bản để kiểm tra ngày, cơ quan ban hành và tên. Số văn bản của Đảng đánh lại từ đầu mỗi khóa: văn bản ghi ngày thuộc khóa khác với văn bản cùng số trong danh mục là một văn bản khác. Văn bản của khóa hiện nay mà danh mục chưa có, nếu số, ký hiệu và ngày viết đúng, chỉ được nhắc, không phải lỗi phải sửa trước khi trình. Văn bản của địa phương chỉ được kiểm tra khi người dùng bổ sung danh mục của mình.',
    en: 'Documents of the central Party bodies, the Government, the Prime Minister and the National Assembly should be in the registry so their date, issuer and title can be checked. Party numbers restart every term: a document dated in another term than the registry\'s document with the same number is another document. A well-formed, dated document of the current term that the registry does not know yet is mentioned, not blocking. Local documents are only checked against a registry the user adds.',
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
    currentTerm: {
      vi: 'Danh mục văn bản chưa có {document}, ngày {date} (khóa {term}, khóa hiện nay), nên chưa kiểm tra được ngày, cơ quan ban hành và tên văn bản. Số, ký hiệu và ngày viết đúng thể thức; nếu cần kiểm tra, hãy bổ sung văn bản vào danh mục của đơn vị.',
      en: 'The registry does not have {document} of {date} (term {term}, the current term) yet, so its date, issuer and title are not checked. The symbol and date are well formed; add the document to your registry to have it checked.',
    },
    otherTerm: {
      vi: '{document}, ngày {date} thuộc khóa {term}: số văn bản của Đảng đánh lại từ đầu mỗi khóa, nên đây là văn bản khác với văn bản cùng ký hiệu trong danh mục ({candidates}), và danh mục chưa có văn bản này. Hãy kiểm tra lại số, ký hiệu, ngày hoặc bổ sung văn bản vào danh mục.',
      en: '{document} of {date} falls in term {term}: Party numbers restart every term, so this is another document than the one with this symbol in the registry ({candidates}), and the registry does not have it. Check the number, symbol and date, or add the document to the registry.',
    },
  },
  fixable: false,
  check(ctx) {
    const reported = new Set<string>();
    const citations = citationsOf(ctx).citations;
    // By index: a `for … of` makes a result object per citation while the rule runs unoptimized.
    for (let i = 0; i < citations.length; i++) {
      const c = citations[i];
      if (c.resolution.status !== 'unknown' || !c.symbol.central) continue;
      const candidates = c.resolution.candidates;
      const term = termOfCitation(ctx, c);
      const current = term !== undefined && term === ctx.view.currentTerm?.term;
      const otherTerm = c.resolution.term !== undefined;
      // Once per symbol; per written term or per term of the date when the registry has the symbol for other terms.
      const key = `${symbolKey(c.symbol.symbol)}|${candidates.length > 0 ? (term ?? c.term?.text.toUpperCase() ?? '') : ''}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const messageId = otherTerm ? 'otherTerm' : candidates.length > 0 ? 'term' : current ? 'currentTerm' : 'default';
      ctx.report({
        messageId,
        data: {
          symbol: c.symbol.symbol,
          document: documentName(c),
          term: otherTerm || current ? (term ?? '') : (c.term?.text ?? ''),
          date: c.date ? viDate(isoDate(c.date.year, c.date.month, c.date.day)) : '',
          candidates: listedEntries(candidates, (e) => entryLabel(e, ctx.lang), '; '),
        },
        ...sourceSpan(c, c.symbol),
        ...(current ? { severity: NOT_BLOCKING } : {}),
      });
    }
  },
};
