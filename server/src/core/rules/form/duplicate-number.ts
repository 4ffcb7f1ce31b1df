// form.duplicate-number — another plan of the folder claims the same number and symbol, from the same body in the same year.

import { entriesFor, parseRegistryDate } from '../../citations/registry';
import { sameBody } from '../../citations/workspace';
import { RegistryEntry } from '../../data/types';
import { issuerNames, planEntry, planIssueDate, planNumberSymbol, planYear, registryDate } from '../../workspace/entry';
import { Rule } from '../rule';

/**
 * The other plans of the folder that claim this plan's number: same symbol, same issuing body,
 * same year. Local numbers are not unique across bodies (every commune's Party committee has its
 * own "05-KH/ĐU") nor across years (a People's Committee numbers from 1 every year), so only a
 * clash within one body and one year is two documents claiming one number.
 */
export function sameNumberPlans(entries: readonly RegistryEntry[], own: { uri: string; names: readonly string[]; year: number; date?: string; title?: string }): RegistryEntry[] {
  return entries.filter(
    (e) =>
      e.scope === 'workspace' &&
      e.origin &&
      e.origin.uri !== own.uri &&
      parseRegistryDate(e.date)?.year === own.year &&
      own.names.some((n) => sameBody(n, e)) &&
      // The same date and subject: one document kept twice (a Markdown plan and its YAML twin), not two.
      !(own.date !== undefined && e.date === own.date && (e.title ?? '') === (own.title ?? '')),
  );
}

/** Plans named in one message. */
const MAX_NAMED = 3;

export const formDuplicateNumber: Rule = {
  id: 'form.duplicate-number',
  category: 'form',
  reads: 'metadata',
  title: { vi: 'Trùng số, ký hiệu với kế hoạch khác', en: 'Number and symbol claimed by another plan' },
  description: {
    vi: 'Một cơ quan không cấp cùng một số, ký hiệu cho hai văn bản trong một năm. Khi kiểm tra cả thư mục, hai kế hoạch của cùng cơ quan, cùng năm mang cùng số, ký hiệu mà khác ngày hoặc khác trích yếu là hai văn bản tranh một số: một trong hai ghi sai số, hoặc thư mục giữ cả bản cũ lẫn bản sửa.',
    en: 'A body does not give one number and symbol to two documents of a year. When a folder is checked, two plans of the same body and year with the same number and symbol but another date or subject claim one number: one of them has the wrong number, or the folder holds an old and a revised copy.',
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
    const date = planIssueDate(ctx.plan);
    const title = planEntry(ctx.plan, { uri: ctx.plan.uri, label: '' })?.title;
    const others = sameNumberPlans(entriesFor(ctx.kb, own.symbol), {
      uri: ctx.plan.uri,
      // "Ủy ban nhân dân xã A" and "UBND xã A", "Đảng ủy xã A" and "Ban Thường vụ Đảng ủy xã A" are one body; "xã A" and "xã A Trung" are not.
      names: issuerNames(issuer),
      year,
      ...(date ? { date: registryDate(date) } : {}),
      ...(title !== undefined ? { title } : {}),
    });
    if (others.length === 0) return;
    const labels = [...new Set(others.map((e) => `${e.origin!.label} (${ctx.lang === 'vi' ? 'ngày' : 'dated'} ${e.date})`))];
    // A folder may hold many copies: the message names a few and counts the rest.
    const shown = labels.slice(0, MAX_NAMED);
    const rest = labels.length - shown.length;
    const more = rest > 0 ? (ctx.lang === 'vi' ? `; và ${rest} kế hoạch khác` : `; and ${rest} more`) : '';
    ctx.report({
      data: { symbol: own.symbol, issuer, year, others: shown.join('; ') + more },
      start: own.span.start,
      end: own.span.end,
    });
  },
};
