// plan.template — the plan names a template this checker does not have.

import { Rule } from '../rule';

export const planTemplate: Rule = {
  id: 'plan.template',
  category: 'plan',
  reads: 'metadata',
  title: { vi: 'Mẫu kế hoạch không xác định', en: 'Unknown plan template' },
  description: {
    vi: 'Trường "template" phải nêu mẫu đang dùng (ví dụ "nq43"); với tên mẫu khác, kế hoạch được kiểm tra theo mẫu đang nạp.',
    en: 'The "template" key must name the template in use (for example "nq43"); with another name the plan is checked against the loaded template.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Mẫu "{found}" không có; kế hoạch được kiểm tra theo mẫu "{expected}".',
      en: 'There is no template "{found}"; the plan is checked against "{expected}".',
    },
    empty: {
      vi: 'Trường "template" chưa có giá trị; kế hoạch được kiểm tra theo mẫu "{expected}".',
      en: 'The "template" key has no value; the plan is checked against "{expected}".',
    },
    fix: { vi: 'Dùng mẫu "{expected}"', en: 'Use template "{expected}"' },
  },
  fixable: true,
  check(ctx) {
    const field = ctx.plan.meta.template;
    if (!field) return;
    const found = field.value.trim();
    const expected = ctx.kb.template.id;
    if (found.toLowerCase() === expected.toLowerCase()) return;
    ctx.report({
      messageId: found ? 'default' : 'empty',
      start: field.value ? field.span.start : field.keySpan.start,
      end: field.value ? field.span.end : field.keySpan.end,
      data: { found, expected },
      fix: field.value
        ? { messageId: 'fix', data: { expected }, edits: [{ start: field.span.start, end: field.span.end, newText: expected }] }
        : undefined,
    });
  },
};
