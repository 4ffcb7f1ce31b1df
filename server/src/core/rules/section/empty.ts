// section.empty — a section or subsection with no text at all under its heading.

import { Section } from '../../model';
import { Rule } from '../rule';
import { shortHeading } from './shared';

export const sectionEmpty: Rule = {
  id: 'section.empty',
  category: 'section',
  reads: 'section',
  title: { vi: 'Phần, mục không có nội dung', en: 'Empty section' },
  description: {
    vi: 'Một phần hoặc một mục có tiêu đề nhưng không có nội dung nào bên dưới: nội dung còn thiếu, hoặc tiêu đề thừa.',
    en: 'A section or subsection has a heading and nothing under it: either its content is missing or the heading is superfluous.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Phần "{heading}" chưa có nội dung: cần viết nội dung dưới tiêu đề này hoặc bỏ tiêu đề.',
      en: 'Section "{heading}" has no content: write its text under the heading or remove the heading.',
    },
    sub: {
      vi: 'Mục "{heading}" chưa có nội dung: cần viết nội dung dưới tiêu đề này hoặc bỏ tiêu đề.',
      en: 'Item "{heading}" has no content: write its text under the heading or remove the heading.',
    },
  },
  fixable: false,
  check(ctx) {
    // Only the outermost empty section is reported: its empty subsections say nothing more.
    const visit = (s: Section, top: boolean): void => {
      if (!hasText(s)) {
        ctx.report({
          messageId: top ? 'default' : 'sub',
          data: { heading: shortHeading(s.heading.raw.text) },
          start: s.heading.raw.span.start,
          end: s.heading.raw.span.end,
        });
        return;
      }
      for (const c of s.children) visit(c, false);
    };
    for (const s of ctx.plan.sections) visit(s, true);
  },
};

function hasText(s: Section): boolean {
  return s.blocks.length > 0 || s.children.some(hasText);
}
