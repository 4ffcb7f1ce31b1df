// plan.variant — the plan does not say, and its metadata does not show, whether it is a Party or a state plan.

import { Rule } from '../rule';
import { decideVariant } from '../../template/variant';

export const planVariant: Rule = {
  id: 'plan.variant',
  category: 'plan',
  reads: 'document',
  title: { vi: 'Không xác định được loại kế hoạch', en: 'Plan variant unknown' },
  description: {
    vi: 'Kế hoạch của cấp ủy (party) và của Ủy ban nhân dân (state) có thể thức khác nhau; cần khai báo "variant: party" hoặc "variant: state" để kiểm tra đúng.',
    en: 'Party committee plans (party) and People\'s Committee plans (state) differ in form; declare "variant: party" or "variant: state" so the right checks run.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    unknown: {
      vi: 'Chưa rõ đây là kế hoạch của cấp ủy hay của Ủy ban nhân dân: thêm "variant: party" hoặc "variant: state".',
      en: 'Not clear whether this is a Party or a People\'s Committee plan: add "variant: party" or "variant: state".',
    },
    invalid: {
      vi: 'Giá trị "{found}" không hợp lệ: dùng "party" (cấp ủy) hoặc "state" (Ủy ban nhân dân).',
      en: 'Invalid value "{found}": use "party" (Party committee) or "state" (People\'s Committee).',
    },
  },
  fixable: false,
  check(ctx) {
    const field = ctx.plan.meta.variant;
    const declared = field?.value.trim() ?? '';
    if (field && declared !== '' && declared !== 'party' && declared !== 'state') {
      ctx.report({ messageId: 'invalid', start: field.span.start, end: field.span.end, data: { found: declared } });
      return;
    }
    if (decideVariant(ctx.plan, ctx.kb.template).id === undefined) {
      const at = field ?? ctx.plan.meta.template;
      const span = at ? at.keySpan : { start: 0, end: 0 };
      ctx.report({ messageId: 'unknown', start: span.start, end: span.end });
    }
  },
};
