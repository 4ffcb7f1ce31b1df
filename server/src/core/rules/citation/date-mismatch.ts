// citation.date-mismatch — the date of a cited document contradicts the registry.

import { Citation, sourceSpan } from '../../citations/analysis';
import { DayDate, entryDateIs, entryDateText, registryDateOf } from '../../citations/registry';
import { RegistryEntry } from '../../data/types';
import { Rule } from '../rule';
import { citationsOf, documentName, entryLabel } from './shared';

/** The registry's date written in the form the citation uses ("23/06/2023" or "23 tháng 6 năm 2023"). */
function replacementDate(c: Citation, entry: RegistryEntry): string | undefined {
  const d = registryDateOf(entry.date);
  if (!d) return undefined;
  if (!c.date?.long) return entryDateText(entry);
  // The long form follows the date rule of Nghị định 30/2020: a zero only before days below 10 and months 1–2.
  const day = d.day < 10 ? `0${d.day}` : String(d.day);
  const month = d.month <= 2 ? `0${d.month}` : String(d.month);
  return `${day} tháng ${month} năm ${d.year}`;
}

/** Whether an entry among `entries` is dated `date`: a loop, not a closure per dated citation at every keystroke. */
function anyDated(entries: readonly RegistryEntry[], date: DayDate): boolean {
  for (const e of entries) if (entryDateIs(e, date)) return true;
  return false;
}

export const citationDateMismatch: Rule = {
  id: 'citation.date-mismatch',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Ngày văn bản không khớp danh mục', en: 'Citation date contradicts the registry' },
  description: {
    vi: 'Ngày ban hành ghi khi viện dẫn phải đúng ngày của văn bản trong danh mục văn bản. Với ký hiệu dùng chung cho nhiều văn bản (số đảng đánh lại theo nhiệm kỳ), ngày khớp với một trong các văn bản là đúng.',
    en: 'The date written in a citation must be the date of that document in the registry. For a symbol shared by several documents (Party numbers restart every term), a date that matches one of them is right.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: '{document} được ghi ngày {written}, nhưng theo danh mục văn bản là ngày {expected}.',
      en: '{document} is dated {written} here, but the registry gives {expected}.',
    },
    several: {
      vi: '{document} được ghi ngày {written}, nhưng danh mục văn bản không có văn bản nào mang ký hiệu này vào ngày đó; các văn bản cùng ký hiệu: {candidates}.',
      en: '{document} is dated {written} here, but no document with this symbol has that date in the registry; documents with this symbol: {candidates}.',
    },
    fix: { vi: 'Sửa thành ngày {expected}', en: 'Change the date to {expected}' },
  },
  fixable: true,
  check(ctx) {
    // "Quyết định số 217, 218-QĐ/TW, ngày …": one date serves both symbols; say it once when both agree.
    const reported = new Map<number, string>();
    const citations = citationsOf(ctx).citations;
    // By index: a `for … of` makes a result object per citation while the rule runs unoptimized.
    for (let i = 0; i < citations.length; i++) {
      const c = citations[i];
      if (!c.date || (c.sharedTail && !c.compressed)) continue;
      const r = c.resolution;
      if (r.status === 'conflict') {
        // What it says depends on the citation's parts in its block and its resolution alone:
        // while both are the same objects, the last check's finding is listed again, moved.
        if (ctx.keyed?.(c.date, r, c.block.span.start)) continue;
        const span = sourceSpan(c, c.date);
        ctx.report({
          messageId: 'several',
          data: { document: documentName(c), written: c.date.text, candidates: r.candidates.map((e) => entryLabel(e, ctx.lang)).join('; ') },
          start: span.start,
          end: span.end,
        });
        continue;
      }
      if (r.status !== 'resolved') continue;
      // A date that names any document with this symbol is right (its day, month and year compared).
      if (anyDated(r.candidates, c.date)) continue;
      const entry = r.entry;
      const span = sourceSpan(c, c.date);
      if (reported.get(span.start) === entry.date) continue;
      reported.set(span.start, entry.date);
      if (ctx.keyed?.(c.date, r, c.block.span.start)) continue;
      const newText = replacementDate(c, entry);
      const verbatim = ctx.plan.source.slice(span.start, span.end) === c.date.text;
      ctx.report({
        data: { document: documentName(c, entry), written: c.date.text, expected: entryDateText(entry) },
        start: span.start,
        end: span.end,
        ...(newText && verbatim
          ? { fix: { messageId: 'fix', data: { expected: newText }, edits: [{ start: span.start, end: span.end, newText }] } }
          : {}),
      });
    }
  },
};
