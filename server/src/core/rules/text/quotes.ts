// text.quotes — typographic quotes “ ” (or straight quotes ") left unbalanced within a paragraph.

import { memoText } from '../../text/memo';
import { byParagraph } from '../rule';
import { minOf } from '../../arrays';

/** The quotes' code units: “, ” and ". */
const OPEN = 0x201c;
const CLOSE = 0x201d;
const STRAIGHT = 0x22;

/** Index of the first quote that has no partner in `text`, or -1 when the quotes are balanced. */
export function firstUnbalancedQuote(text: string): number {
  // Typographic quotes nest: each ” closes the nearest open “.
  const open: number[] = [];
  let firstStrayClose = -1;
  const straight: number[] = [];
  // Read by code units: `text[i]` made a string of each character outside Latin-1 (most
  // Vietnamese letters) for every paragraph of every check.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN) open.push(i);
    else if (c === CLOSE) {
      if (open.length > 0) open.pop();
      else if (firstStrayClose < 0) firstStrayClose = i;
    } else if (c === STRAIGHT) straight.push(i);
  }
  const candidates: number[] = [];
  if (firstStrayClose >= 0) candidates.push(firstStrayClose);
  if (open.length > 0) candidates.push(open[0]);
  // Straight quotes pair in order; an odd one out is the last.
  if (straight.length % 2 === 1) candidates.push(straight[straight.length - 1]);
  return minOf(candidates, -1);
}

export const textQuotes = byParagraph({
  id: 'text.quotes',
  category: 'text',
  title: { vi: 'Dấu ngoặc kép không thành cặp', en: 'Unbalanced quotation marks' },
  description: {
    vi: 'Trong một đoạn, mỗi dấu mở ngoặc kép “ phải có dấu đóng ” tương ứng (được lồng nhau khi cân đối), và dấu ngoặc kép thẳng " phải đi thành cặp. Dấu thiếu hoặc thừa thường làm sai phạm vi của tên văn bản được viện dẫn.',
    en: 'Within a paragraph every opening “ needs its closing ” (nesting is fine when balanced), and straight quotes " come in pairs. A missing or extra quote usually garbles the quoted title of a cited document.',
  },
  severity: { drafting: 'warning', submission: 'warning' },
  messages: {
    open: {
      vi: 'Dấu mở ngoặc kép "{found}" không thành cặp: không có dấu đóng tương ứng trong đoạn này.',
      en: 'The opening quote "{found}" has no closing quote in this paragraph.',
    },
    close: {
      vi: 'Dấu đóng ngoặc kép "{found}" không thành cặp: không có dấu mở tương ứng trong đoạn này.',
      en: 'The closing quote "{found}" has no opening quote in this paragraph.',
    },
    straight: {
      vi: 'Dấu ngoặc kép thẳng (") không thành cặp trong đoạn này.',
      en: 'A straight quote (") has no partner in this paragraph.',
    },
  },
  fixable: false,
  paragraphs: {
    checkBlock(ctx, block) {
      const text = block.text.text;
      const i = memoText(firstUnbalancedQuote, text, block.text);
      if (i < 0) return;
      const c = text[i];
      const span = block.text.spanOf(i, i + 1);
      ctx.report({
        messageId: c === '“' ? 'open' : c === '”' ? 'close' : 'straight',
        data: { found: c },
        start: span.start,
        end: span.end,
      });
    },
  },
});
