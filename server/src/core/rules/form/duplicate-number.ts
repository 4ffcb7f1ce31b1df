// form.duplicate-number — another plan of the folder claims the same number and symbol, from the same body in the same year.

import { entriesFor, issuerMatches, parseRegistryDate } from '../../citations/registry';
import { RegistryEntry } from '../../data/types';
import { planNumberSymbol, planYear } from '../../workspace/entry';
import { Rule } from '../rule';

/**
 * The other plans of the folder that claim this plan's number: same symbol, same issuing body,
 * same year. Local numbers are not unique across bodies (every commune's Party committee has its
 * own "05-KH/ĐU") nor across years (a People's Committee numbers from 1 every year), so only a
 * clash within one body and one year is two documents claiming one number.
 */
export function sameNumberPlans(entries: readonly RegistryEntry[], uri: string, issuer: string, year: number): RegistryEntry[] {
  return entries.filter(
    (e) => e.scope === 'workspace' && e.origin && e.origin.uri !== uri && parseRegistryDate(e.date)?.year === year && issuerMatches(issuer, e),
  );
}

export const formDuplicateNumber: Rule = {
  id: 'form.duplicate-number',
  category: 'form',
  title: { vi: 'Trùng số, ký hiệu với kế hoạch khác', en: 'Number and symbol claimed by another plan' },
  description: {
    vi: 'Một cơ quan không cấp cùng một số, ký hiệu cho hai văn bản trong một năm. Khi kiểm tra cả thư mục, hai kế hoạch của cùng cơ quan, cùng năm mang cùng số, ký hiệu là hai văn bản tranh một số: một trong hai ghi sai số, hoặc thư mục giữ hai bản của cùng một văn bản.',
    en: 'A body does not give one number and symbol to two documents of a year. When a folder is checked, two plans of the same body and year with the same number and symbol claim one number: one of them has the wrong number, or the folder holds two copies of one document.',
  },
  severity: { drafting: 'warning', submission: 'warning' },
  messages: {
    default: {
      vi: 'Số, ký hiệu {symbol} của {issuer} năm {year} cũng được ghi ở kế hoạch khác trong thư mục: {others}. Hãy kiểm tra lại số của kế hoạch này hoặc bỏ bản trùng khỏi thư mục.',
      en: 'Number and symbol {symbol} of {issuer} in {year} is also claimed by another plan of the folder: {others}. Check this plan\'s number, or remove the duplicate copy from the folder.',
    },
  },
  fixable: false,
  check(ctx) {
    const own = planNumberSymbol(ctx.plan);
    const issuer = ctx.plan.meta.issuer?.value.trim() ?? '';
    const year = planYear(ctx.plan);
    if (!own || !issuer || year === undefined) return;
    const others = sameNumberPlans(entriesFor(ctx.kb, own.symbol), ctx.plan.uri, issuer, year);
    if (others.length === 0) return;
    const labels = [...new Set(others.map((e) => `${e.origin!.label} (${ctx.lang === 'vi' ? 'ngày' : 'dated'} ${e.date})`))];
    ctx.report({
      data: { symbol: own.symbol, issuer, year, others: labels.join('; ') },
      start: own.span.start,
      end: own.span.end,
    });
  },
};
