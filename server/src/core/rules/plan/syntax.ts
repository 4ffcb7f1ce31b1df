// plan.syntax — the front matter or the YAML plan cannot be read as written.

import { Rule } from '../rule';

export const planSyntax: Rule = {
  id: 'plan.syntax',
  category: 'plan',
  reads: 'document',
  title: { vi: 'Thông tin đầu văn bản không đọc được', en: 'Unreadable plan metadata' },
  description: {
    vi: 'Phần thông tin đầu văn bản (front matter) hoặc tệp YAML có lỗi cú pháp hay trường không hợp lệ, nên một phần kế hoạch không được kiểm tra.',
    en: 'The front matter or the YAML plan has a syntax error or an invalid key, so part of the plan cannot be checked.',
  },
  severity: { drafting: 'error', submission: 'error' },
  messages: { default: { vi: '{problem}', en: '{problem}' } },
  fixable: false,
  check(ctx) {
    for (const p of ctx.plan.problems) {
      ctx.report({ start: p.span.start, end: p.span.end, data: { problem: p.message[ctx.lang] } });
    }
  },
};
