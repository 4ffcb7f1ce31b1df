// plan.too-large — the document is longer than the checker accepts, so it was not checked at all.

import { Lang } from '../../findings';
import { Rule } from '../rule';

/** 10000000 → "10.000.000" (vi) or "10,000,000" (en). */
function grouped(n: number, lang: Lang): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
}

export const planTooLarge: Rule = {
  id: 'plan.too-large',
  category: 'plan',
  reads: 'document',
  title: { vi: 'Văn bản quá dài, không được kiểm tra', en: 'Document too large to check' },
  description: {
    vi: 'Một văn bản dài hơn giới hạn của công cụ (10 triệu ký tự) không được phân tích, để máy không bị treo; chỉ phần thông tin đầu văn bản được đọc để biết đó là kế hoạch. Không có quy tắc nào khác chạy trên văn bản đó.',
    en: 'A document longer than the checker’s limit (10 million characters) is not analysed, so that the editor never hangs; only its front matter is read to tell that it is a plan. No other rule runs on it.',
  },
  severity: { drafting: 'error', submission: 'error' },
  messages: {
    default: {
      vi: 'Văn bản dài {length} ký tự, vượt giới hạn {limit} ký tự nên không được kiểm tra. Một kế hoạch thường dài dưới 100.000 ký tự: hãy xem tệp có bị dán lặp nội dung không, hoặc tách thành nhiều tệp.',
      en: 'The document is {length} characters long, over the limit of {limit}, so it was not checked. A plan is usually under 100,000 characters: check whether content was pasted repeatedly, or split the file.',
    },
  },
  fixable: false,
  check(ctx) {
    const size = ctx.plan.tooLarge;
    if (!size) return;
    ctx.report({
      start: 0,
      end: ctx.plan.lines.lineEnd(0),
      data: { length: grouped(size.length, ctx.lang), limit: grouped(size.limit, ctx.lang) },
    });
  },
};
