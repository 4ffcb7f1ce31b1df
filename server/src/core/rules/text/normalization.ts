// text.normalization — Vietnamese written in decomposed Unicode (NFD: a letter followed by combining marks) instead of the composed form (NFC).

import { verbatimEdit } from '../../form/meta-text';
import { memoText } from '../../text/memo';
import { byParagraph, onFirstUse } from '../rule';

// A word with its combining marks; only words that change under NFC are reported.
const WORD = onFirstUse(() => /[\p{L}\p{M}\p{N}]+/gu);

/** The words of a text that change under NFC, with their composed form. */
function decomposedWords(text: string): Array<{ start: number; end: number; nfc: string }> {
  const out: Array<{ start: number; end: number; nfc: string }> = [];
  if (text.normalize('NFC') === text) return out;
  const re = new RegExp(WORD().source, WORD().flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const word = m[0];
    const nfc = word.normalize('NFC');
    if (nfc !== word) out.push({ start: m.index, end: m.index + word.length, nfc });
  }
  return out;
}

export const textNormalization = byParagraph({
  id: 'text.normalization',
  category: 'text',
  title: { vi: 'Chữ tiếng Việt chưa dựng sẵn (NFC)', en: 'Vietnamese text not in NFC' },
  description: {
    vi: 'Phát hiện chữ tiếng Việt được mã hóa ở dạng tổ hợp (chữ cái cộng dấu rời, Unicode NFD) thay vì dạng dựng sẵn (NFC). Hai dạng hiển thị như nhau nhưng không khớp khi tìm kiếm, so sánh hoặc nộp lên hệ thống quản lý văn bản.',
    en: 'Finds Vietnamese written in decomposed form (letters followed by separate combining marks, Unicode NFD) instead of the precomposed form (NFC). Both look the same but do not match in search, comparison or document-management systems.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Từ "{found}" được gõ ở dạng dấu rời (Unicode tổ hợp); cần chuyển sang dạng dựng sẵn (NFC).',
      en: 'The word "{found}" is written with separate combining marks; it should be in precomposed form (NFC).',
    },
    fix: { vi: 'Chuyển "{found}" sang dạng dựng sẵn (NFC)', en: 'Convert "{found}" to NFC' },
  },
  fixable: true,
  // It reports the decomposed text itself, which the other rules read composed.
  readsSourceText: true,
  paragraphs: {
    checkBlock(ctx, block) {
      for (const { start, end, nfc } of memoText(decomposedWords, block.text.text, block.text)) {
        const span = block.text.spanOf(start, end);
        const edit = verbatimEdit(ctx.plan, block.text, start, end, nfc);
        const data = { found: nfc };
        ctx.report({ data, start: span.start, end: span.end, ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}) });
      }
    },
  },
});
