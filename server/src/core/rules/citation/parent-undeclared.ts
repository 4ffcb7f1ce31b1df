// citation.parent-undeclared — a parent listed in the metadata `implements` is not cited in the subject line or the preamble.

import { symbolKey } from '../../citations/symbol';
import { Rule } from '../rule';
import { openingCitationsOf } from './shared';

export const citationParentUndeclared: Rule = {
  id: 'citation.parent-undeclared',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Văn bản cấp trên khai báo nhưng không viện dẫn', en: 'Declared parent not cited' },
  description: {
    vi: 'Mỗi văn bản nêu ở trường "implements" phải được viện dẫn ở trích yếu hoặc phần mở đầu ("Thực hiện …"); nếu không, khai báo và văn bản không khớp nhau.',
    en: 'Every document listed under "implements" must be cited in the subject line or the preamble ("Thực hiện …"); otherwise the metadata and the text disagree.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Văn bản {symbol} được khai báo ở "implements" nhưng trích yếu và phần mở đầu không viện dẫn; hãy viện dẫn văn bản này hoặc bỏ khỏi danh sách.',
      en: 'Document {symbol} is listed under "implements" but the subject line and preamble do not cite it; cite it or remove it from the list.',
    },
    dated: {
      vi: 'Văn bản {symbol} ngày {date} được khai báo ở "implements" nhưng trích yếu và phần mở đầu không viện dẫn văn bản này với ngày đó.',
      en: 'Document {symbol} of {date} is listed under "implements" but the subject line and preamble do not cite it with that date.',
    },
  },
  fixable: false,
  check(ctx) {
    const declared = ctx.plan.meta.implements?.value ?? [];
    if (declared.length === 0) return;
    const opening = openingCitationsOf(ctx);
    for (const parent of declared) {
      const key = symbolKey(parent.symbol);
      const same = opening.filter((c) => symbolKey(c.symbol.symbol) === key);
      const date = parent.date ? /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(parent.date) : null;
      if (date) {
        const [d, m, y] = [Number(date[1]), Number(date[2]), Number(date[3])];
        // An undated mention counts: the date is checked against the registry by other rules.
        if (same.some((c) => !c.date || (c.date.day === d && c.date.month === m && c.date.year === y))) continue;
        if (same.length > 0) {
          ctx.report({ messageId: 'dated', data: { symbol: parent.symbol, date: parent.date! }, start: parent.span.start, end: parent.span.end });
          continue;
        }
      } else if (same.length > 0) continue;
      ctx.report({ data: { symbol: parent.symbol }, start: parent.span.start, end: parent.span.end });
    }
  },
};
