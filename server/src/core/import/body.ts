// Finds the sections of the body: Roman section headings, numbered subsection headings, and headings glued together.

import { withoutMarkup } from '../text/inline-markup';
import { Positions } from './ledger';
import { Unit } from './source';
import { Repair } from './types';
import { endsSentence, excerpt, numberedStart, romanHeadingStart, stripEmphasisEnds, upperShare } from './text';

export interface BodyItem {
  kind: 'roman' | 'numbered' | 'text';
  text: string;
  line: number;
}

/** A numbered subsection heading is a title, not a sentence: no full stop, and not a whole paragraph long. */
const MAX_HEADING = 320;

function isNumberedHeading(text: string): boolean {
  if (!numberedStart(text) || [...text].length > MAX_HEADING) return false;
  if (!endsSentence(text)) return true;
  // "2. Mục tiêu:" — a short title ending with a colon is still a title.
  return /:\s*$/u.test(text) && [...text].length <= 80;
}

/**
 * Splits "I. MỤC ĐÍCH, YÊU CẦU**1. Mục đích**" (a section heading and the heading of its first
 * item printed on one line) into the two headings.
 */
function splitGlued(text: string): { head: string; rest: string } | undefined {
  const start = romanHeadingStart(text);
  if (!start) return undefined;
  const title = text.slice(start.titleStart);
  const m = /(?:\*\*|__)?\s*\d{1,2}\.\s*\p{Lu}/u.exec(title);
  if (!m || m.index === 0) return undefined;
  const before = title.slice(0, m.index);
  if (!/\p{L}/u.test(before) || upperShare(before) < 0.8) return undefined;
  return { head: text.slice(0, start.titleStart) + before, rest: title.slice(m.index) };
}

function headingText(text: string, line: number, repairs: Repair[]): string {
  const stripped = stripEmphasisEnds(text).replace(/\s+$/u, '');
  if (stripped !== text.trim()) {
    repairs.push({
      id: 'emphasis-residue',
      line,
      message: {
        vi: `Bỏ dấu "**" còn sót ở tiêu đề "${excerpt(stripped, 50)}".`,
        en: `Removed the leftover "**" around the heading "${excerpt(stripped, 50)}".`,
      },
    });
  }
  return stripped;
}

export interface BodyOptions {
  pos: Positions;
  /**
   * A Word document's paragraphs are kept as the drafter wrote them: a heading glued to the next
   * one stays one paragraph (the checker reports it), and emphasis is Word's, not converter residue.
   */
  word?: boolean;
  /** Paragraphs in a Word heading style, by line: a heading even without its numeral. */
  headingLevels?: ReadonlyMap<number, number>;
}

/** Classifies the paragraphs of the body; `repairs` receives the headings split or joined. */
export function classifyBody(units: readonly Unit[], repairs: Repair[], options: BodyOptions): BodyItem[] {
  const items: BodyItem[] = [];
  let inSection = false;
  const wrapped = (u: Unit, text: string): void => {
    if (u.joins.length === 0) return;
    const at = options.pos.range(u.line, u.endLine);
    repairs.push({
      id: 'heading-wrapped',
      line: u.line,
      message: {
        vi: `Nối tiêu đề viết trên ${u.joins.length + 1} dòng (${at.vi}): "${excerpt(text)}".`,
        en: `Joined a heading printed over ${u.joins.length + 1} lines (${at.en}): "${excerpt(text)}".`,
      },
    });
  };
  const heading = (u: Unit): string => (options.word ? u.text : headingText(u.text, u.line, repairs));
  for (const u of units) {
    const level = options.headingLevels?.get(u.line);
    if (romanHeadingStart(u.text) || (level === 0 && inSection)) {
      inSection = true;
      const glued = options.word ? undefined : splitGlued(u.text);
      if (glued) {
        const head = headingText(glued.head, u.line, []);
        const rest = stripEmphasisEnds(glued.rest).trim();
        repairs.push({
          id: 'heading-glued',
          line: u.line,
          message: {
            vi: `Tách tiêu đề mục "${excerpt(rest, 40)}" dính liền sau tiêu đề phần "${excerpt(head, 40)}".`,
            en: `Split the item heading "${excerpt(rest, 40)}" glued to the section heading "${excerpt(head, 40)}".`,
          },
        });
        items.push({ kind: 'roman', text: head, line: u.line });
        items.push({ kind: isNumberedHeading(rest) ? 'numbered' : 'text', text: rest, line: u.line });
        continue;
      }
      const text = heading(u);
      wrapped(u, text);
      items.push({ kind: 'roman', text, line: u.line });
      continue;
    }
    if (inSection && (isNumberedHeading(stripEmphasisEnds(withoutMarkup(u.text))) || level === 1)) {
      const text = heading(u);
      wrapped(u, text);
      items.push({ kind: 'numbered', text, line: u.line });
      continue;
    }
    items.push({ kind: 'text', text: u.text, line: u.line });
  }
  return items;
}
