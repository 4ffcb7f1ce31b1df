// citation.malformed — a symbol with a space or a line break inside, an en dash, or no known grammar.

import { sourceSpan } from '../../citations/analysis';
import { Rule } from '../rule';
import { citationsOf } from './shared';

export const citationMalformed: Rule = {
  id: 'citation.malformed',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Số, ký hiệu văn bản sai cấu trúc', en: 'Malformed document symbol' },
  description: {
    vi: 'Ký hiệu văn bản được viết liền, không có khoảng trắng hay ngắt dòng, theo cấu trúc của Đảng (43-NQ/TW) hoặc của Nhà nước (74/KH-UBND, 140/2017/NĐ-CP, 10/2022/QH15). Ký hiệu bị tách rời không tra cứu được.',
    en: 'A symbol is written in one piece, without spaces or line breaks, following the Party grammar (43-NQ/TW) or the State one (74/KH-UBND, 140/2017/NĐ-CP, 10/2022/QH15). A broken symbol cannot be looked up.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    space: {
      vi: 'Ký hiệu văn bản "{written}" có khoảng trắng bên trong; viết liền là {symbol}.',
      en: 'The symbol "{written}" has a space inside; written in one piece it is {symbol}.',
    },
    linebreak: {
      vi: 'Ký hiệu văn bản {symbol} bị ngắt xuống dòng; ký hiệu phải viết liền trên một dòng.',
      en: 'The symbol {symbol} is broken across lines; a symbol must stay on one line.',
    },
    dash: {
      vi: 'Ký hiệu văn bản "{written}" dùng dấu gạch ngang dài; ký hiệu dùng dấu gạch nối: {symbol}.',
      en: 'The symbol "{written}" uses an en dash; symbols use a hyphen: {symbol}.',
    },
    grammar: {
      vi: 'Ký hiệu "{written}" không theo cấu trúc số, ký hiệu của văn bản Đảng (số-loại/cơ quan, như 43-NQ/TW) hay văn bản Nhà nước (số/loại-cơ quan, như 74/KH-UBND; số/năm/loại-cơ quan, như 140/2017/NĐ-CP).',
      en: 'The symbol "{written}" follows neither the Party grammar (number-TYPE/ISSUER, e.g. 43-NQ/TW) nor the State one (number/TYPE-ISSUER, e.g. 74/KH-UBND; number/year/TYPE-ISSUER, e.g. 140/2017/NĐ-CP).',
    },
    fix: { vi: 'Viết liền ký hiệu: {symbol}', en: 'Write the symbol in one piece: {symbol}' },
  },
  fixable: true,
  check(ctx) {
    const citations = citationsOf(ctx).citations;
    // By index: a `for … of` makes a result object per citation while the rule runs unoptimized.
    for (let i = 0; i < citations.length; i++) {
      const c = citations[i];
      const reason = c.symbol.malformed;
      // The numbers of "217, 218-QĐ/TW" share the last symbol's defect: report it once, there.
      if (!reason || /^\d+$/.test(c.symbol.written)) continue;
      // What it says depends on the symbol alone (its parts and its text, placed in its block):
      // while the symbol is the same object, the last check's finding is listed again, moved.
      if (ctx.keyed?.(c.symbol, undefined, c.block.span.start)) continue;
      const written = c.symbol.written.replace(/\s+/g, ' ');
      const span = sourceSpan(c, c.symbol);
      const source = ctx.plan.source.slice(span.start, span.end);
      const repaired = source.replace(/\s+/g, '').replace(/[–\u2010\u2011]/g, '-').normalize('NFC').replace(/Ð/g, 'Đ');
      // Only blanks and dashes change: a comment or other text inside the span is left alone.
      const canFix = repaired === c.symbol.symbol && source !== c.symbol.symbol;
      ctx.report({
        messageId: reason,
        data: { written, symbol: c.symbol.symbol },
        start: span.start,
        end: span.end,
        ...(canFix
          ? { fix: { messageId: 'fix', data: { symbol: c.symbol.symbol }, edits: [{ start: span.start, end: span.end, newText: c.symbol.symbol }] } }
          : {}),
      });
    }
  },
};
