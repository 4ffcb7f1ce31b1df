// task-group.order — the task groups follow another order than the Resolution's (a hint: the order is the drafter's choice).

import { Rule } from '../rule';
import { firstOutOfOrder } from '../../template/match';
import { shortHeading, taskAnalysisOf } from './shared';
import { maxOf } from '../../arrays';

export const taskGroupOrder: Rule = {
  id: 'task-group.order',
  category: 'task-group',
  reads: 'section',
  title: { vi: 'Thứ tự nhóm nhiệm vụ khác Nghị quyết', en: 'Task groups in another order than the Resolution' },
  description: {
    vi: 'Các nhóm nhiệm vụ thường được trình bày theo thứ tự của Nghị quyết để dễ đối chiếu; thứ tự khác không sai, chỉ là gợi ý.',
    en: 'Task groups are usually listed in the Resolution’s order so they can be compared; another order is not wrong, this is only a hint.',
  },
  severity: { drafting: 'hint', submission: 'hint' },
  messages: {
    default: {
      vi: 'Mục "{heading}" ứng với nhóm nhiệm vụ {id} của Nghị quyết nhưng đặt sau nhóm {after}; Nghị quyết trình bày nhóm {id} trước nhóm {after}.',
      en: 'Item "{heading}" covers task group {id} of the Resolution but comes after group {after}; the Resolution lists group {id} before group {after}.',
    },
  },
  fixable: false,
  check(ctx) {
    const analysis = taskAnalysisOf(ctx);
    if (!analysis) return;
    const out = firstOutOfOrder(analysis.match);
    if (!out?.group) return;
    const before = analysis.match.items.filter((s) => s.group && s.span.start < out.span.start);
    const after = maxOf(before.map((s) => s.group!.id));
    const named = out.section ? out.section.heading.raw.text : out.title;
    ctx.report({
      data: { heading: shortHeading(named), id: out.group.id, after },
      start: out.span.start,
      end: out.span.end,
    });
  },
};
