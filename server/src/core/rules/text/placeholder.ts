// text.placeholder — text left to be filled in ("ngày … tháng", "xxx", "[...]", "TODO", "<tên đơn vị>"): fine in a draft, not in a plan submitted for signature.

import { byParagraph, onFirstUse } from '../rule';
import { LETTER, LETTER_OR_DIGIT } from '../../text/unicode-classes';

// An ellipsis counts only when it stands alone ("ngày … tháng", "số …/QĐ-UBND", "- …"): one
// attached to a word ("gia đình,...", "v.v...", "xã hội…") is the drafter's "and so on".
const PLACEHOLDERS = onFirstUse((): RegExp[] => [
  /\[\s*(?:…|\.{2,})\s*\]/gu,
  /(?<=^|[\s(“"])(?:…+|\.{2,})(?=$|[\s,;:.)”"/-])/gu,
  new RegExp(`(?<![${LETTER_OR_DIGIT}])[xX]{3,}(?![${LETTER_OR_DIGIT}])`, 'gu'),
  new RegExp(`(?<![${LETTER_OR_DIGIT}])TODO(?![${LETTER_OR_DIGIT}])`, 'gu'),
  new RegExp(`<(?:…|\\.{2,}|[${LETTER}][^<>\\n]{0,80}?)>`, 'gu'),
  new RegExp(`(?<![${LETTER_OR_DIGIT}_])_{3,}(?![${LETTER_OR_DIGIT}_])`, 'gu'),
]);

export const textPlaceholder = byParagraph({
  id: 'text.placeholder',
  category: 'text',
  title: { vi: 'Chỗ trống chưa điền', en: 'Leftover placeholder' },
  description: {
    vi: 'Phát hiện những chỗ để trống chờ điền: dấu "…" hoặc "..." đứng riêng ("ngày … tháng"), "xxx", "[...]", "TODO", "<…>". Khi soạn thảo thì được phép; khi trình ký phải điền đầy đủ.',
    en: 'Finds text left to be filled in: "…" or "..." standing alone ("ngày … tháng"), "xxx", "[...]", "TODO", "<…>". Allowed while drafting; a plan submitted for signature must have them filled in.',
  },
  severity: { drafting: 'off', submission: 'error' },
  messages: {
    default: {
      vi: 'Còn chỗ trống chưa điền "{found}"; cần điền nội dung trước khi trình ký.',
      en: 'Placeholder "{found}" left in the text; fill it in before submission.',
    },
  },
  fixable: false,
  paragraphs: {
    checkBlock(ctx, block) {
      const text = block.text.text;
      const seen: Array<[number, number]> = [];
      for (const pattern of PLACEHOLDERS()) {
        const re = new RegExp(pattern.source, pattern.flags);
        for (let m = re.exec(text); m; m = re.exec(text)) {
          const start = m.index;
          const end = start + m[0].length;
          // "[...]" is one placeholder, not also an ellipsis.
          if (seen.some(([s, e]) => start < e && s < end)) continue;
          seen.push([start, end]);
          const span = block.text.spanOf(start, end);
          ctx.report({ data: { found: m[0] }, start: span.start, end: span.end });
        }
      }
    },
  },
});
