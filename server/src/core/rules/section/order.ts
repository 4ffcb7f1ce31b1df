// section.order — sections present but not in the template's order (for example TỔ CHỨC THỰC HIỆN not last).

import { SectionEntry } from '../../template/match';
import { Rule, variantInSentence } from '../rule';
import { sectionMatchOf, shortHeading } from './shared';

export const sectionOrder: Rule = {
  id: 'section.order',
  category: 'section',
  reads: 'document',
  title: { vi: 'Các phần sai thứ tự', en: 'Sections out of order' },
  description: {
    vi: 'Các phần lớn phải theo thứ tự của mẫu: mục đích, yêu cầu (hoặc tình hình); mục tiêu; nhiệm vụ, giải pháp; tổ chức thực hiện luôn ở cuối.',
    en: 'Top-level sections follow the template order: purpose (or assessment); objectives; tasks; implementation always last.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    notLast: {
      vi: 'Phần "{heading}" phải là phần cuối cùng của văn bản, nhưng sau nó còn phần "{after}".',
      en: 'Section "{heading}" must be the last one, but "{after}" follows it.',
    },
    before: {
      vi: 'Phần "{heading}" đặt sai thứ tự: theo mẫu {variant}, phần này phải đứng trước phần "{other}".',
      en: 'Section "{heading}" is out of order: the template for a {variant} puts it before "{other}".',
    },
    after: {
      vi: 'Phần "{heading}" đặt sai thứ tự: theo mẫu {variant}, phần này phải đứng sau phần "{other}".',
      en: 'Section "{heading}" is out of order: the template for a {variant} puts it after "{other}".',
    },
  },
  fixable: false,
  check(ctx) {
    const match = sectionMatchOf(ctx);
    if (!match || !ctx.variant) return;
    const variant = variantInSentence(ctx.variant, ctx.lang);
    const entries = match.entries;
    const text = (e: SectionEntry): string => shortHeading(e.section.heading.raw.text);
    const reported = new Set<SectionEntry>();

    // The last slot first: anything after it, known or local, is out of place.
    for (const e of entries) {
      if (!e.slot?.last) continue;
      const after = entries.slice(e.index + 1)[0];
      if (!after) continue;
      reported.add(e);
      ctx.report({
        messageId: 'notLast',
        data: { heading: text(e), after: text(after) },
        start: e.section.heading.raw.span.start,
        end: e.section.heading.raw.span.end,
      });
    }

    // Among the others, the longest run already in template order stays; the rest is misplaced.
    const known = entries.filter((e) => e.slot && !reported.has(e));
    const kept = longestOrdered(known);
    for (const e of known) {
      if (kept.has(e)) continue;
      const laterSlot = known.find((k) => kept.has(k) && k.index < e.index && k.slotIndex > e.slotIndex);
      const earlierSlot = [...known].reverse().find((k) => kept.has(k) && k.index > e.index && k.slotIndex < e.slotIndex);
      const other = laterSlot ?? earlierSlot;
      if (!other) continue;
      ctx.report({
        messageId: laterSlot ? 'before' : 'after',
        data: { heading: text(e), other: text(other), variant },
        start: e.section.heading.raw.span.start,
        end: e.section.heading.raw.span.end,
      });
    }
  },
};

/** The longest subsequence whose slot indices never decrease (earliest sections kept on ties). */
function longestOrdered(entries: SectionEntry[]): Set<SectionEntry> {
  const n = entries.length;
  const len = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (entries[j].slotIndex <= entries[i].slotIndex && len[j] + 1 > len[i]) {
        len[i] = len[j] + 1;
        prev[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < n; i++) if (best < 0 || len[i] > len[best]) best = i;
  const out = new Set<SectionEntry>();
  for (let i = best; i >= 0; i = prev[i]) out.add(entries[i]);
  return out;
}
