// section.numbering — Roman numerals repeated or skipped, "I." and "I-" mixed in one document, numbered subsections repeated or skipped.

import { intToRoman } from '../../document/numerals';
import { Heading, Section } from '../../model';
import { Report, Rule, RuleContext } from '../rule';
import { replaceIn } from './insert';
import { gluedHeadingsOf, romanStyleOf, sectionMatchOf, shortHeading } from './shared';

export const sectionNumbering: Rule = {
  id: 'section.numbering',
  category: 'section',
  reads: 'document',
  title: { vi: 'Đánh số phần, mục sai', en: 'Wrong section numbering' },
  description: {
    vi: 'Các phần lớn đánh số La Mã liên tục (I, II, III …) theo một kiểu duy nhất ("I." hoặc "I-"); các mục trong một phần đánh số 1, 2, 3 … không lặp, không bỏ sót.',
    en: 'Top-level sections are numbered I, II, III … in a single style ("I." or "I-"); the numbered items of a section run 1, 2, 3 … without repeats or gaps.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    repeated: {
      vi: 'Số thứ tự "{found}" bị lặp lại: phần thứ {position} phải đánh số "{expected}".',
      en: 'Numeral "{found}" is repeated: section {position} should be numbered "{expected}".',
    },
    skipped: {
      vi: 'Số thứ tự "{found}" không liền mạch: phần thứ {position} phải đánh số "{expected}".',
      en: 'Numeral "{found}" breaks the sequence: section {position} should be numbered "{expected}".',
    },
    noNumeral: {
      vi: 'Tiêu đề phần "{heading}" chưa có số La Mã; theo thứ tự phải là "{expected}".',
      en: 'Section heading "{heading}" has no Roman numeral; in sequence it should be "{expected}".',
    },
    style: {
      vi: 'Kiểu đánh số "{found}" khác với các phần còn lại của văn bản (kiểu "{majority}"); một văn bản chỉ dùng một kiểu: viết "{expected}".',
      en: 'Numeral "{found}" uses another style than the rest of the document ("{majority}"); use one style throughout: write "{expected}".',
    },
    subRepeated: {
      vi: 'Số mục "{found}" trong phần "{parent}" bị lặp lại: mục thứ {position} phải đánh số "{expected}".',
      en: 'Item number "{found}" in "{parent}" is repeated: item {position} should be numbered "{expected}".',
    },
    subSkipped: {
      vi: 'Số mục "{found}" trong phần "{parent}" không liền mạch: mục thứ {position} phải đánh số "{expected}".',
      en: 'Item number "{found}" in "{parent}" breaks the sequence: item {position} should be numbered "{expected}".',
    },
    fix: { vi: 'Đánh số lại thành "{expected}"', en: 'Renumber as "{expected}"' },
  },
  fixable: true,
  check(ctx) {
    checkRoman(ctx);
    const glued = gluedHeadingsOf(ctx);
    const visit = (s: Section): void => {
      // A "1. …" glued to the parent heading counts as the first item.
      const g = glued.get(s);
      const firstNumber = g ? Number(/\d+/.exec(g.text)?.[0] ?? '0') + 1 : 1;
      checkItems(ctx, s, firstNumber);
      s.children.forEach(visit);
    };
    ctx.plan.sections.forEach(visit);
  },
};

function fixFor(heading: Heading, expected: string): Report['fix'] {
  const n = heading.numeral;
  if (!n) return undefined;
  const start = heading.raw.text.indexOf(n.text);
  if (start < 0) return undefined;
  const edit = replaceIn(heading.raw, start, start + n.text.length, expected);
  return edit ? { messageId: 'fix', data: { expected }, edits: [edit] } : undefined;
}

function checkRoman(ctx: RuleContext): void {
  const sections = ctx.plan.sections;
  if (sections.length === 0) return;
  const style = romanStyleOf(ctx);
  const majorityExample = `I${style.separator}`;
  // A gap left on purpose for a missing required section is section.missing's business.
  const gapBefore = new Map<number, number>();
  for (const m of sectionMatchOf(ctx)?.missing ?? []) gapBefore.set(m.before, (gapBefore.get(m.before) ?? 0) + 1);

  const seen = new Set<number>();
  let next = 1;
  sections.forEach((s, i) => {
    const h = s.heading;
    const n = h.numeral;
    const roman = n && (n.style === 'roman-dot' || n.style === 'roman-hyphen') ? n : undefined;
    if (!roman) {
      const expected = `${intToRoman(next)}${style.separator}`;
      // A heading numbered "1." at the top level gets its numeral replaced; one without any gets one.
      // Not when a numeral is there behind emphasis ("**II. MỤC TIÊU**"): adding one would double it.
      const hidden = /^[*_\s]+[IVXL]+\s*[.\-–]/u.test(h.raw.text);
      const insert = hidden ? undefined : replaceIn(h.raw, 0, 0, `${expected} `);
      const fix = n ? fixFor(h, expected) : insert ? { messageId: 'fix', data: { expected }, edits: [insert] } : undefined;
      ctx.report({
        messageId: 'noNumeral',
        data: { heading: shortHeading(h.raw.text), expected },
        start: h.raw.span.start,
        end: h.raw.span.end,
        fix,
      });
      next++;
      return;
    }
    const allowed = [next, next + (gapBefore.get(i) ?? 0)];
    const valueOk = allowed.includes(roman.value);
    const styleOk = roman.style === style.style;
    const value = valueOk ? roman.value : next;
    const expected = `${intToRoman(value)}${style.separator}`;
    if (!valueOk || !styleOk) {
      const messageId = !valueOk ? (seen.has(roman.value) ? 'repeated' : 'skipped') : 'style';
      ctx.report({
        messageId,
        data: { found: roman.text, expected, position: i + 1, majority: majorityExample },
        start: roman.span.start,
        end: roman.span.end,
        fix: fixFor(h, expected),
      });
    }
    seen.add(roman.value);
    next = value + 1;
  });
}

function checkItems(ctx: RuleContext, parent: Section, first: number): void {
  const items = parent.children.filter((c) => c.heading.numeral?.style === 'arabic');
  const seen = new Set<number>();
  let next = first;
  items.forEach((c, i) => {
    const n = c.heading.numeral!;
    if (n.value !== next) {
      const expected = `${next}${n.text.slice(-1)}`;
      ctx.report({
        messageId: seen.has(n.value) || n.value < next ? 'subRepeated' : 'subSkipped',
        data: { found: n.text, expected, position: i + first, parent: shortHeading(parent.heading.raw.text) },
        start: n.span.start,
        end: n.span.end,
        fix: fixFor(c.heading, expected),
      });
    }
    seen.add(n.value);
    next++;
  });
}
