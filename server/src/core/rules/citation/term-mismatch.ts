// citation.term-mismatch — the term (khóa) written for a cited document contradicts the registry.

import { sourceSpan } from '../../citations/analysis';
import { sameTerm } from '../../citations/registry';
import { Rule } from '../rule';
import { citationsOf, documentName } from './shared';

export const citationTermMismatch: Rule = {
  id: 'citation.term-mismatch',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Khóa không khớp danh mục', en: 'Citation term contradicts the registry' },
  description: {
    vi: 'Khóa (nhiệm kỳ) của cơ quan ban hành ghi khi viện dẫn phải đúng với danh mục văn bản, ví dụ Nghị quyết số 43-NQ/TW là của Ban Chấp hành Trung ương Đảng khóa XIII.',
    en: 'The term (khóa) of the issuing body written in a citation must match the registry; Resolution 43-NQ/TW, for example, is of the XIII Central Committee.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: '{document} được ghi là khóa {written}, nhưng theo danh mục văn bản là khóa {expected}.',
      en: '{document} is attributed to term {written} here, but the registry gives term {expected}.',
    },
    fix: { vi: 'Sửa thành khóa {expected}', en: 'Change the term to {expected}' },
  },
  fixable: true,
  check(ctx) {
    const citations = citationsOf(ctx).citations;
    // By index: a `for … of` makes a result object per citation while the rule runs unoptimized.
    for (let i = 0; i < citations.length; i++) {
      const c = citations[i];
      if (!c.term || c.resolution.status !== 'resolved' || (c.sharedTail && !c.compressed)) continue;
      const entry = c.resolution.entry;
      // The same string first: most terms are written as the registry writes them, and sameTerm
      // makes four strings of every termed citation at every keystroke.
      if (!entry.term || entry.term === c.term.text || sameTerm(entry.term, c.term.text)) continue;
      const span = sourceSpan(c, c.term);
      const verbatim = ctx.plan.source.slice(span.start, span.end) === c.term.text;
      ctx.report({
        data: { document: documentName(c, entry), written: c.term.text, expected: entry.term },
        start: span.start,
        end: span.end,
        ...(verbatim
          ? { fix: { messageId: 'fix', data: { expected: entry.term }, edits: [{ start: span.start, end: span.end, newText: entry.term }] } }
          : {}),
      });
    }
  },
};
