// Shared pieces of plan structure: headings with their numerals, section spans, the closing paragraph.

import { Heading, PlanFormat, PlanModel, Section } from '../model';
import { LineIndex } from '../text/line-index';
import { fold } from '../text/normalize';
import { MappedText, Span } from '../text/mapped-text';
import { readNumeral } from './numerals';

export function buildHeading(level: number, raw: MappedText, span: Span): Heading {
  const numeral = readNumeral(raw.text);
  if (!numeral) return { level, raw, title: raw, span };
  const numeralEnd = numeral.offset + numeral.text.length;
  return {
    level,
    raw,
    numeral: {
      text: numeral.text,
      style: numeral.style,
      value: numeral.value,
      span: raw.spanOf(numeral.offset, numeralEnd),
    },
    title: raw.sub(numeral.length, raw.text.length),
    span,
  };
}

/** Extends each section's span over its blocks and children. */
export function finishSections(sections: Section[]): void {
  for (const s of sections) {
    finishSections(s.children);
    let end = s.heading.span.end;
    for (const b of s.blocks) end = Math.max(end, b.span.end);
    for (const c of s.children) end = Math.max(end, c.span.end);
    s.span = { start: s.heading.span.start, end };
  }
}

export function isClosingParagraph(text: string): boolean {
  return fold(text).startsWith('trên đây là');
}

/** A model with no plan content yet: what a file that is not a plan stays. */
export function emptyModel(uri: string, text: string, format: PlanFormat): PlanModel {
  return {
    uri,
    format,
    text,
    lines: new LineIndex(text),
    isPlan: false,
    meta: {},
    preamble: [],
    sections: [],
    trailing: [],
    blocks: [],
    headings: [],
    problems: [],
    bodyEnd: text.length,
    eol: /\r\n/.test(text) ? '\r\n' : '\n',
  };
}
