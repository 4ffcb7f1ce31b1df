// form.ending — a People's Committee plan ends its text with "./." (Nghị định 30/2020/NĐ-CP); Party documents have no such mark.

import { verbatimEdit } from '../../form/meta-text';
import { Block } from '../../model';
import { Rule, variantInSentence } from '../rule';

/** The paragraph that ends the body: the closing "Trên đây là …" or else the last block of the last section. */
function lastBodyBlock(blocks: readonly Block[], closing: Block | undefined): Block | undefined {
  if (closing) return closing;
  const body = blocks.filter((b) => (b.region === 'body' || b.region === 'preamble') && b.kind !== 'heading');
  return body[body.length - 1];
}

export const formEnding: Rule = {
  id: 'form.ending',
  category: 'form',
  reads: 'document',
  title: { vi: 'Dấu kết thúc văn bản', en: 'End-of-text mark' },
  description: {
    vi: 'Văn bản hành chính của Ủy ban nhân dân kết thúc phần nội dung bằng dấu "./." ngay sau chữ cuối cùng (Nghị định 30/2020/NĐ-CP). Văn bản của Đảng không dùng dấu này.',
    en: 'A People\'s Committee document ends its text with "./." right after the last word (Decree 30/2020/NĐ-CP). Party documents do not use this mark.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Nội dung {variant} phải kết thúc bằng dấu "{ending}" ngay sau chữ cuối cùng.',
      en: 'The text of a {variant} must end with "{ending}" right after the last word.',
    },
    fix: { vi: 'Thêm "{ending}"', en: 'Add "{ending}"' },
  },
  fixable: true,
  check(ctx) {
    const ending = ctx.variant?.ending;
    if (!ending) return;
    const block = lastBodyBlock(ctx.plan.blocks, ctx.plan.closing);
    if (!block) return;
    const text = block.text.text.trimEnd();
    if (text === '' || text.endsWith(ending)) return;
    // "… chỉ đạo." becomes "… chỉ đạo./.": the full stop already there is the mark's first character.
    let cut = text.length;
    let insert = ending;
    for (let k = Math.min(ending.length - 1, text.length); k > 0; k--) {
      if (text.endsWith(ending.slice(0, k))) {
        insert = ending.slice(k);
        break;
      }
    }
    if (insert === ending && /[,;:]$/u.test(text)) cut = text.length - 1;
    const span = block.text.spanOf(text.length - 1, text.length);
    const edit = verbatimEdit(ctx.plan, block.text, cut, text.length, insert);
    const data = { ending, variant: variantInSentence(ctx.variant!, ctx.lang) };
    ctx.report({ data, start: span.start, end: span.end, ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}) });
  },
};
