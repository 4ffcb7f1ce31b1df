// text.placeholder — text left to be filled in ("ngày … tháng", "xxx", "[...]", "TODO", "<tên đơn vị>"): fine in a draft, not in a plan submitted for signature.

import { byParagraph, onFirstUse } from '../rule';
import { LETTER, LETTER_OR_DIGIT } from '../../text/unicode-classes';

// An ellipsis counts only when it stands alone ("ngày … tháng", "số …/QĐ-UBND", "- …"): one
// attached to a word ("gia đình,...", "v.v...", "xã hội…") is the drafter's "and so on".
// Each pattern with what every match of it holds: a text without that skips the pattern, which is
// then not even compiled. The look-arounds of letters and digits are the costliest patterns of the
// rule to compile (a start's first checks compile each twice), and most paragraphs hold no "xxx",
// "TODO", "___" or "<".
const PLACEHOLDERS = onFirstUse((): Array<{ pattern: RegExp; holds?: RegExp | string }> => [
  { pattern: /\[\s*(?:…|\.{2,})\s*\]/gu },
  { pattern: /(?<=^|[\s(“"])(?:…+|\.{2,})(?=$|[\s,;:.)”"/-])/gu },
  { pattern: new RegExp(`(?<![${LETTER_OR_DIGIT}])[xX]{3,}(?![${LETTER_OR_DIGIT}])`, 'gu'), holds: /[xX]{3}/ },
  { pattern: new RegExp(`(?<![${LETTER_OR_DIGIT}])TODO(?![${LETTER_OR_DIGIT}])`, 'gu'), holds: 'TODO' },
  { pattern: new RegExp(`<(?:…|\\.{2,}|[${LETTER}][^<>\\n]{0,80}?)>`, 'gu'), holds: '<' },
  { pattern: new RegExp(`(?<![${LETTER_OR_DIGIT}_])_{3,}(?![${LETTER_OR_DIGIT}_])`, 'gu'), holds: '___' },
]);

/**
 * The placeholders of a paragraph's text, in the order they are reported: each pattern's matches
 * in turn, a match overlapping one already found left out ("[...]" is one placeholder, not also an
 * ellipsis). `firstTests` false runs every pattern on every text (the tests compare both).
 */
export function placeholdersIn(text: string, firstTests = true): Array<{ start: number; end: number; found: string }> {
  const out: Array<{ start: number; end: number; found: string }> = [];
  for (const { pattern, holds } of PLACEHOLDERS()) {
    if (firstTests && holds !== undefined && !(typeof holds === 'string' ? text.includes(holds) : holds.test(text))) continue;
    const re = new RegExp(pattern.source, pattern.flags);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (out.some((p) => start < p.end && p.start < end)) continue;
      out.push({ start, end, found: m[0] });
    }
  }
  return out;
}

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
      for (const p of placeholdersIn(block.text.text)) {
        const span = block.text.spanOf(p.start, p.end);
        ctx.report({ data: { found: p.found }, start: span.start, end: span.end });
      }
    },
  },
});
