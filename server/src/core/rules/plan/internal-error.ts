// plan.internal-error — a rule (or the variant decision) failed on this plan; the engine reports it instead of losing the other findings.

import { RuleMeta } from '../rule';

/**
 * Metadata only: the finding is made by the engine (engine.ts) when a rule throws, so that the
 * failure is said once and every other finding is kept.
 */
export const planInternalError: RuleMeta = {
  id: 'plan.internal-error',
  category: 'plan',
  title: { vi: 'Lỗi nội bộ khi kiểm tra', en: 'Internal error while checking' },
  description: {
    vi: 'Một quy tắc gặp lỗi của chính công cụ trên văn bản này và đã được bỏ qua; các quy tắc khác vẫn chạy và mọi phát hiện khác vẫn được giữ nguyên.',
    en: 'A rule hit a defect of the checker itself on this document and was skipped; the other rules still ran and every other finding is kept.',
  },
  severity: { drafting: 'warning', submission: 'warning' },
  messages: {
    default: {
      vi: 'Quy tắc {rule} gặp lỗi nội bộ và đã được bỏ qua: {error}',
      en: 'Rule {rule} failed and was skipped: {error}',
    },
    variant: {
      vi: 'Không xác định được loại kế hoạch do lỗi nội bộ; các quy tắc chạy như khi chưa rõ loại: {error}',
      en: 'The plan variant could not be decided because of an internal error; the rules ran as for an unknown variant: {error}',
    },
    timeout: {
      vi: 'Quy tắc {rule} chạy quá {seconds} giây trên văn bản này nên đã bị dừng và bỏ qua; các quy tắc khác vẫn chạy.',
      en: 'Rule {rule} ran longer than {seconds} seconds on this document, so it was stopped and skipped; the other rules still ran.',
    },
    stopped: {
      vi: 'Việc kiểm tra văn bản này chạy quá {seconds} giây nên đã bị dừng; chưa có phát hiện nào khác.',
      en: 'Checking this document took longer than {seconds} seconds, so it was stopped; there are no other findings.',
    },
  },
  fixable: false,
};
