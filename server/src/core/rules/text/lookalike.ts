// text.lookalike — letters that broken converters put in place of Vietnamese letters (Ƣ ƣ Ð ð) and the replacement character U+FFFD.

import { verbatimEdit } from '../../form/meta-text';
import { memoText } from '../../text/memo';
import { byParagraph, onFirstUse } from '../rule';

/** Look-alike → the Vietnamese letter it stands for; undefined when the right letter cannot be told. */
const LOOKALIKES: ReadonlyMap<string, string | undefined> = new Map([
  ['\u01A2', 'Ư'],
  ['\u01A3', 'ư'],
  ['\u00D0', 'Đ'],
  ['\u00F0', 'đ'],
  ['\uFFFD', undefined],
]);

const LOOKALIKE_CLASS = `[${[...LOOKALIKES.keys()].join('')}]`;
const FOUND = onFirstUse(() => new RegExp(LOOKALIKE_CLASS, 'g'));

/** Where the look-alikes are in a text: a search for the few characters rather than a lookup per character. */
function lookalikeIndexes(text: string): number[] {
  const out: number[] = [];
  // The one expression, from its start (see spacingRuns).
  const found = FOUND();
  found.lastIndex = 0;
  for (let m = found.exec(text); m; m = found.exec(text)) out.push(m.index);
  return out;
}

const CODE = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export const textLookalike = byParagraph({
  id: 'text.lookalike',
  category: 'text',
  title: { vi: 'Ký tự giống chữ tiếng Việt', en: 'Look-alike character' },
  description: {
    vi: 'Phát hiện các ký tự do công cụ chuyển mã lỗi để lại thay cho chữ tiếng Việt: "Ƣ/ƣ" (U+01A2/U+01A3) thay cho "Ư/ư", "Ð/ð" (U+00D0/U+00F0) thay cho "Đ/đ", và ký tự thay thế U+FFFD. Chúng trông giống nhau nhưng làm hỏng việc tìm kiếm, sắp xếp và đối chiếu văn bản.',
    en: 'Finds characters that broken converters leave in place of Vietnamese letters: "Ƣ/ƣ" (U+01A2/U+01A3) for "Ư/ư", "Ð/ð" (U+00D0/U+00F0) for "Đ/đ", and the replacement character U+FFFD. They look alike but break search, sorting and matching.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Ký tự "{found}" ({code}) không phải chữ tiếng Việt; cần thay bằng "{expected}".',
      en: 'The character "{found}" ({code}) is not a Vietnamese letter; it should be "{expected}".',
    },
    unknown: {
      vi: 'Ký tự thay thế "\uFFFD" (U+FFFD): chữ gốc đã mất khi chuyển mã và không thể tự khôi phục; cần đối chiếu bản gốc để gõ lại.',
      en: 'Replacement character "\uFFFD" (U+FFFD): the original letter was lost in conversion and cannot be restored automatically; retype it from the original.',
    },
    fix: { vi: 'Thay "{found}" bằng "{expected}"', en: 'Replace "{found}" with "{expected}"' },
  },
  fixable: true,
  paragraphs: {
    checkBlock(ctx, block) {
      for (const i of memoText(lookalikeIndexes, block.text.text, block.text)) {
        const c = block.text.text[i];
        const expected = LOOKALIKES.get(c);
        const span = block.text.spanOf(i, i + 1);
        if (expected === undefined) {
          ctx.report({ messageId: 'unknown', start: span.start, end: span.end });
          continue;
        }
        const edit = verbatimEdit(ctx.plan, block.text, i, i + 1, expected);
        const data = { found: c, expected, code: CODE(c) };
        ctx.report({ data, start: span.start, end: span.end, ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}) });
      }
    },
  },
});
