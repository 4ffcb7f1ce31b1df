// implementation.no-monitoring — the implementation section charges no body with following up and reporting.

import { textMemoActive } from '../../text/memo';
import { fold } from '../../text/normalize';
import { matchesCueSets } from '../../template/match';
import { paragraphFolds } from '../../text/paragraph-fold';
import { ASSIGNMENT_MATCH_MEMORY, KeptAssignmentMatch, keptAssignmentMatch } from './kept-match';
import { Rule } from '../rule';
import { sectionMatchOf } from './shared';

export const implementationNoMonitoring: Rule = {
  id: 'implementation.no-monitoring',
  category: 'implementation',
  reads: 'section',
  title: { vi: 'Không giao cơ quan theo dõi, báo cáo', en: 'No body charged with monitoring and reporting' },
  description: {
    vi: 'Phần tổ chức thực hiện phải giao một cơ quan (Ban Tuyên giáo và Dân vận, trước năm 2025 là Ban Dân vận; cơ quan đầu mối; ở cấp xã là Văn phòng Đảng ủy …) theo dõi, đôn đốc, kiểm tra việc thực hiện và báo cáo, sơ kết, tổng kết.',
    en: 'The implementation section must charge one body (the Propaganda and Mass Mobilisation Board, before 2025 the Mass Mobilisation Board; a focal agency; at commune level the Party committee\'s office …) with following up the plan and reporting on it.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Phần "{heading}" chưa giao cơ quan nào theo dõi, đôn đốc việc thực hiện và báo cáo kết quả; cần một mục như: {example}.',
      en: 'Section "{heading}" charges no body with following up the plan and reporting on it; add an item such as: {example}.',
    },
  },
  fixable: false,
  check(ctx) {
    const entry = sectionMatchOf(ctx)?.implementation;
    if (!entry || !ctx.variant) return;
    // The section's items rarely change while typing elsewhere: the last version's match is taken again when they did not.
    // The shared folds in a check from scratch; while a plan is edited, the short items' folds
    // remembered as before rather than every item folded again for each version.
    const folds = textMemoActive() ? undefined : ctx.shared(paragraphFolds);
    const match = keptAssignmentMatch(entry.section, ctx.variant, ctx.kb.template, ctx.analysisMemory?.<KeptAssignmentMatch>(ASSIGNMENT_MATCH_MEMORY), folds);
    if (match.monitoring) return;
    const spec = ctx.variant.implementation;
    // The usual assignment that carries the monitoring is the example to follow.
    const model = spec.assignments.find((a) => matchesCueSets(fold(a.text), spec.monitoringCues)) ?? spec.assignments[spec.assignments.length - 1];
    const h = entry.section.heading;
    ctx.report({
      data: { heading: h.raw.text.trim(), example: model ? `"${model.label[ctx.lang]}"` : '' },
      start: h.raw.span.start,
      end: h.raw.span.end,
    });
  },
};
