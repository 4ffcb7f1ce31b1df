// section.missing — a section the template requires is absent; reported where it belongs, with a fix inserting its skeleton.

import { SectionSlot, Template } from '../../data/types';
import { PlanModel } from '../../model';
import { MissingSlot } from '../../template/match';
import { Rule, variantInSentence } from '../rule';
import { implementationBody } from '../../template/assignments';
import { insertSections, lineEndOf, NewSection, Place } from './insert';
import { headingChoices, romanNumeral, sectionMatchOf } from './shared';

export const sectionMissing: Rule = {
  id: 'section.missing',
  category: 'section',
  reads: 'document',
  title: { vi: 'Thiếu phần bắt buộc', en: 'Missing required section' },
  description: {
    vi: 'Mỗi loại kế hoạch có các phần bắt buộc theo thứ tự (mục đích, yêu cầu; mục tiêu; nhiệm vụ, giải pháp; tổ chức thực hiện). Thiếu một phần thì văn bản không đủ nội dung theo mẫu.',
    en: 'Each kind of plan has required sections in a set order (purpose; objectives; tasks; implementation). A plan without one of them does not cover what the template requires.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    before: {
      vi: 'Thiếu phần {heading}. Theo mẫu {variant}, phần này là phần bắt buộc và đặt ngay trước phần "{next}".',
      en: 'Section {heading} is missing. The template for a {variant} requires it, just before "{next}".',
    },
    last: {
      vi: 'Thiếu phần {heading}. Theo mẫu {variant}, phần này là phần bắt buộc và là phần cuối cùng, sau phần "{prev}".',
      en: 'Section {heading} is missing. The template for a {variant} requires it as the last section, after "{prev}".',
    },
    after: {
      vi: 'Thiếu phần {heading}. Theo mẫu {variant}, phần này là phần bắt buộc và đặt sau phần "{prev}".',
      en: 'Section {heading} is missing. The template for a {variant} requires it after "{prev}".',
    },
    none: {
      vi: 'Thiếu phần {heading}. Văn bản chưa có phần nào đánh số La Mã; theo mẫu {variant}, phần này là phần bắt buộc.',
      en: 'Section {heading} is missing. The plan has no Roman-numbered section yet; the template for a {variant} requires this one.',
    },
    fix: { vi: 'Chèn phần {inserted} theo mẫu', en: 'Insert section {inserted} from the template' },
    fixAll: { vi: 'Chèn các phần còn thiếu {inserted} theo mẫu', en: 'Insert the missing sections {inserted} from the template' },
  },
  fixable: true,
  fixKind: 'insertion',
  check(ctx) {
    const match = sectionMatchOf(ctx);
    if (!match || !ctx.variant) return;
    const variant = ctx.variant;
    const sections = ctx.plan.sections;
    // Sections missing at the same place are inserted together, numbered one after the other.
    const runs = new Map<number, Array<{ gap: MissingSlot; section: NewSection }>>();
    for (const gap of match.missing) {
      const run = runs.get(gap.before) ?? [];
      const form = gap.slot.forms[0];
      const heading = `${romanNumeral(ctx, gap.before + 1 + run.length)} ${form.preferred}`;
      run.push({ gap, section: { heading, level: 2, body: sectionBody(ctx.kb.template, gap.slot, form.skeleton) } });
      runs.set(gap.before, run);
    }
    for (const [before, run] of runs) {
      const place: Place = before < sections.length ? { before: sections[before].heading } : placeAtEnd(ctx.plan);
      const edit = insertSections(ctx.plan, place, run.map((r) => r.section));
      const inserted = run.map((r) => `"${r.section.heading}"`).join(', ');
      const fix = edit ? { messageId: run.length > 1 ? 'fixAll' : 'fix', data: { inserted }, edits: [edit] } : undefined;
      for (const { gap } of run) {
        const data = {
          heading: headingChoices([gap.slot, ...gap.alternatives].flatMap((s) => s.forms.map((f) => f.preferred)), ctx.lang),
          variant: variantInSentence(variant, ctx.lang),
        };
        if ('before' in place) {
          const next = place.before;
          ctx.report({ messageId: 'before', data: { ...data, next: next.raw.text.trim() }, start: next.raw.span.start, end: next.raw.span.end, fix });
          continue;
        }
        // After the last section: on the closing paragraph when there is one, else at the end of the body.
        const at = 'at' in place ? place.at : lineEndOf(ctx.plan, Math.max(place.after.span.start, place.after.span.end - 1));
        const where = ctx.plan.closing?.span.start ?? at;
        const last = sections[sections.length - 1];
        ctx.report({
          messageId: !last ? 'none' : gap.slot.last ? 'last' : 'after',
          data: { ...data, prev: last ? last.heading.raw.text.trim() : '' },
          start: where,
          end: where,
          fix,
        });
      }
    }
  },
};

/** The place after every section, or after the preamble when there is no section yet. */
function placeAtEnd(plan: PlanModel): Place {
  const last = plan.sections[plan.sections.length - 1];
  if (last) return { after: last };
  const lastPre = plan.preamble[plan.preamble.length - 1];
  if (lastPre) return { at: lineEndOf(plan, Math.max(lastPre.span.start, lastPre.span.end - 1)) };
  return { at: plan.metaSpan && plan.format === 'markdown' ? plan.metaSpan.end : plan.source.length };
}

/**
 * The body inserted for a slot: the form's skeleton, and when the skeleton has no subsections,
 * every task group for the tasks section, every usual assignment (as of the plan's date and level:
 * the template is the dated one) for the implementation section.
 */
export function sectionBody(template: Template, slot: SectionSlot, skeleton: string): string {
  const body = skeleton.trim();
  if (/^###[ \t]/m.test(body)) return body;
  if (slot.implementation) return [body, implementationBody(template, slot)].filter(Boolean).join('\n\n');
  if (!slot.tasks) return body;
  const groups = template.taskGroups.map((g, i) => `### ${i + 1}. ${g.title}\n\n${g.skeleton.trim()}`);
  return [body, ...groups].filter(Boolean).join('\n\n');
}
