// section.heading-glued — a section heading with the next numbered heading glued to it ("I. MỤC ĐÍCH, YÊU CẦU**1. Mục đích**").

import { Rule } from '../rule';
import { replaceIn } from './insert';
import { gluedHeadingsOf } from './shared';

export const sectionHeadingGlued: Rule = {
  id: 'section.heading-glued',
  category: 'section',
  reads: 'section',
  title: { vi: 'Tiêu đề dính liền tiêu đề mục sau', en: 'Heading glued to the next heading' },
  description: {
    vi: 'Khi chép từ Word hoặc PDF, tiêu đề phần có thể dính liền với tiêu đề mục đầu tiên của nó trên cùng một dòng; mục đó khi ấy không được nhận ra.',
    en: 'Text copied from Word or PDF may leave a section heading and the heading of its first item on one line; that item is then not recognised.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Tiêu đề "{heading}" dính liền với tiêu đề mục "{glued}"; cần tách "{glued}" thành một tiêu đề mục riêng trên dòng mới.',
      en: 'Heading "{heading}" has the item heading "{glued}" glued to it; put "{glued}" on a line of its own as an item heading.',
    },
    fix: { vi: 'Tách "{glued}" thành tiêu đề mục riêng', en: 'Split "{glued}" into its own item heading' },
  },
  fixable: true,
  check(ctx) {
    const eol = ctx.plan.eol;
    for (const [section, g] of gluedHeadingsOf(ctx)) {
      const h = section.heading;
      const title = h.title;
      const markdown = ctx.plan.format === 'markdown';
      // In Markdown the emphasis markers around the glued heading ("**1. Mục đích**") are left out
      // of the text the rules read; the finding and the fix cover them too.
      const outer = title.outerSpanOf(g.start, title.text.length);
      const hasMarkup = markdown && outer.end - outer.start > title.text.length - g.start;
      const span = hasMarkup ? outer : title.spanOf(g.start, title.text.length);
      // A YAML heading cannot be split on its own: the item's text would have to move too.
      const newText = `${eol}${eol}${'#'.repeat(h.level + 1)} ${g.text}`;
      const edit = !markdown
        ? undefined
        : hasMarkup
          ? { start: title.outerSpanOf(g.headEnd, title.text.length).start, end: outer.end, newText }
          : replaceIn(title, g.headEnd, title.text.length, newText);
      ctx.report({
        data: { heading: title.text.slice(0, g.headEnd).trim(), glued: g.text },
        start: span.start,
        end: span.end,
        ...(edit ? { fix: { messageId: 'fix', edits: [edit] } } : {}),
      });
    }
  },
};
