// text.spacing — doubled spaces, a space before punctuation, no-break spaces and tabs inside a line.

import { verbatimEdit } from '../../form/meta-text';
import { memoText } from '../../text/memo';
import { byParagraph, onFirstUse } from '../rule';

// Horizontal white space inside a line: spaces, tabs and no-break spaces (U+00A0, U+202F). Only
// the runs that may be wrong are matched — two or more characters, a tab or no-break space, or a
// space before closing punctuation — and always whole (nothing of the run before the match), so
// the single spaces between words, nearly all of a plan's white space, are skipped by the search.
const RUN = onFirstUse(() => /(?<![ \t\u00A0\u202F])(?:[ \t\u00A0\u202F]{2,}|[\t\u00A0\u202F]| (?=[,.;:)]))/gu);
const CLOSING_PUNCTUATION = new Set([',', '.', ';', ':', ')']);

type Kind = 'beforePunctuation' | 'tab' | 'noBreak' | 'double';

function classify(run: string, text: string, end: number): Kind | undefined {
  const next = text[end];
  // "..." after a space is an ellipsis (text.placeholder looks at it), not a sentence's full stop.
  if (CLOSING_PUNCTUATION.has(next) && !(next === '.' && text[end + 1] === '.')) return 'beforePunctuation';
  if (run.includes('\t')) return 'tab';
  if (/[\u00A0\u202F]/u.test(run)) return 'noBreak';
  if (run.length >= 2) return 'double';
  return undefined;
}

/** The runs of a text that are wrong, inside its lines (indentation and line ends are not looked at). */
function spacingRuns(text: string): Array<{ start: number; end: number; kind: Kind }> {
  const out: Array<{ start: number; end: number; kind: Kind }> = [];
  // The one expression, not a copy per text (an object a paragraph, about 3 MB on 1,000 plans):
  // its search runs to the end, which leaves lastIndex at 0, and nothing it calls uses it. Set
  // to 0 first all the same, should a search ever have been left midway.
  const re = RUN();
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start === 0 || text[start - 1] === '\n' || text[start - 1] === '\r') continue;
    if (end >= text.length || text[end] === '\n' || text[end] === '\r') continue;
    const kind = classify(m[0], text, end);
    if (kind) out.push({ start, end, kind });
  }
  return out;
}

export const textSpacing = byParagraph({
  id: 'text.spacing',
  category: 'text',
  title: { vi: 'Khoảng trắng sai', en: 'Wrong spacing' },
  description: {
    vi: 'Phát hiện hai dấu cách liền nhau giữa hai chữ, dấu cách đứng trước dấu câu (, . ; : )), dấu cách không ngắt (no-break space, U+00A0) và ký tự tab giữa dòng. Thụt đầu dòng và khoảng trắng cuối dòng không bị xét.',
    en: 'Finds two or more spaces between words, a space before punctuation (, . ; : )), no-break spaces (U+00A0) and tabs inside a line. Leading indentation and trailing white space are ignored.',
  },
  severity: { drafting: 'info', submission: 'warning' },
  messages: {
    double: {
      vi: 'Có {count} dấu cách liền nhau; giữa hai từ chỉ dùng một dấu cách.',
      en: '{count} spaces in a row; use a single space between words.',
    },
    beforePunctuation: {
      vi: 'Thừa dấu cách trước dấu "{punct}"; dấu câu viết liền sau từ đứng trước.',
      en: 'Extra space before "{punct}"; punctuation follows the preceding word directly.',
    },
    noBreak: {
      vi: 'Dấu cách không ngắt (U+00A0) thay cho dấu cách thường; cần dùng dấu cách thường.',
      en: 'A no-break space (U+00A0) instead of an ordinary space; use an ordinary space.',
    },
    tab: {
      vi: 'Ký tự tab giữa dòng; giữa hai từ chỉ dùng một dấu cách.',
      en: 'A tab inside the line; use a single space between words.',
    },
    fixSpace: { vi: 'Thay bằng một dấu cách', en: 'Replace with one space' },
    fixRemove: { vi: 'Bỏ dấu cách trước "{punct}"', en: 'Remove the space before "{punct}"' },
  },
  fixable: true,
  paragraphs: {
    checkBlock(ctx, block) {
      const plan = ctx.plan;
      const text = block.text.text;
      // In a Markdown body HTML comments are masked as spaces: only white space that is really
      // written in the source counts.
      const masked = plan.format === 'markdown' && block.region !== 'front';
      for (const { start, end, kind } of memoText(spacingRuns, text, block.text)) {
        const span = block.text.spanOf(start, end);
        const run = text.slice(start, end);
        if (masked && plan.source.slice(span.start, span.end) !== run) continue;
        const punct = text[end];
        const edit = verbatimEdit(plan, block.text, start, end, kind === 'beforePunctuation' ? '' : ' ');
        const data = { count: run.length, punct };
        ctx.report({
          messageId: kind,
          data,
          start: span.start,
          end: span.end,
          ...(edit ? { fix: { messageId: kind === 'beforePunctuation' ? 'fixRemove' : 'fixSpace', data, edits: [edit] } } : {}),
        });
      }
    },
  },
});
