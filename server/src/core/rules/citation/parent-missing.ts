// citation.parent-missing — the subject line and preamble do not cite a parent document the variant requires or expects.

import { symbolKey } from '../../citations/symbol';
import { compilePattern, testPattern } from '../../data/pattern';
import { ParentChoice, ParentRequirement } from '../../data/types';
import { PlanModel } from '../../model';
import { Span } from '../../text/mapped-text';
import { Rule } from '../rule';
import { openingCitationsOf } from './shared';

function parentCited(parent: ParentRequirement, symbols: readonly string[]): boolean {
  // Any one of several documents: a state plan implements /TU, /ĐU, a provincial /KH-UBND or 94/NQ-CP.
  if (parent.anyOf && parent.anyOf.length > 0) return parent.anyOf.some((choice) => choiceCited(choice, symbols));
  return choiceCited(parent, symbols);
}

function choiceCited(parent: ParentChoice, symbols: readonly string[]): boolean {
  if (parent.symbol) {
    const key = symbolKey(parent.symbol);
    return symbols.some((s) => symbolKey(s) === key);
  }
  if (parent.pattern) {
    // A broken or refused pattern in a user's template is reported by the data checks, not here.
    const re = compilePattern(parent.pattern);
    if (!re) return true;
    return symbols.some((s) => testPattern(re, s));
  }
  return true;
}

/** Where a missing parent belongs: the first line of the preamble, else the subject, else the top of the metadata. */
function anchor(plan: PlanModel): Span {
  const first = plan.preamble.find((b) => b.kind === 'paragraph') ?? plan.preamble[0];
  if (first) {
    const nl = first.text.text.indexOf('\n');
    return first.text.spanOf(0, nl < 0 ? first.text.text.length : nl);
  }
  if (plan.meta.subject && plan.meta.subject.value) return plan.meta.subject.span;
  const start = plan.metaSpan?.start ?? 0;
  return { start, end: plan.lines.lineEnd(plan.lines.positionAt(start).line) };
}

export const citationParentMissing: Rule = {
  id: 'citation.parent-missing',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Thiếu văn bản cấp trên', en: 'Parent document not cited' },
  description: {
    vi: 'Trích yếu và phần mở đầu phải viện dẫn các văn bản cấp trên mà kế hoạch cụ thể hóa: Nghị quyết số 43-NQ/TW, và tùy loại và cấp của kế hoạch, Kế hoạch số 21-KH/TW của Bộ Chính trị, chương trình, kế hoạch của Tỉnh ủy, Thành ủy (…/TU), của Đảng ủy xã, phường, đặc khu (…/ĐU), kế hoạch của Ủy ban nhân dân tỉnh hoặc Nghị quyết số 94/NQ-CP của Chính phủ.',
    en: 'The subject line and preamble must cite the parent documents the plan implements: Resolution 43-NQ/TW and, depending on the variant and level, the Politburo plan 21-KH/TW, the provincial Party programme (…/TU), the commune Party committee\'s plan (…/ĐU), the provincial People\'s Committee plan or Government Resolution 94/NQ-CP.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    required: {
      vi: 'Trích yếu và phần mở đầu chưa viện dẫn văn bản cấp trên bắt buộc: {parent}',
      en: 'The subject line and preamble do not cite a required parent document: {parent}',
    },
    expected: {
      vi: 'Trích yếu và phần mở đầu chưa viện dẫn văn bản cấp trên nên có: {parent}',
      en: 'The subject line and preamble do not cite an expected parent document: {parent}',
    },
  },
  fixable: false,
  check(ctx) {
    if (!ctx.variant) return;
    const opening = openingCitationsOf(ctx).map((c) => c.symbol.symbol);
    const where = anchor(ctx.plan);
    for (const parent of ctx.variant.parents) {
      if (parent.level === 'optional' || parentCited(parent, opening)) continue;
      ctx.report({
        messageId: parent.level,
        data: { parent: parent.description[ctx.lang] || parent.description.vi || parent.symbol || parent.pattern || '' },
        start: where.start,
        end: where.end,
        // An expected parent (21-KH/TW for a Party plan) is advice, not a blocking defect.
        ...(parent.level === 'expected' ? { severity: { drafting: 'info', submission: 'warning' } as const } : {}),
      });
    }
  },
};
