// Shared pieces of plan structure: headings with their numerals, section spans, the closing paragraph.

import { Heading, PlanFormat, PlanModel, Section } from '../model';
import { LineIndex } from '../text/line-index';
import { flatText, Text } from '../text/piece-text';
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

/** The same heading `delta` characters further on: its texts shared, not made again (see MappedText.moved). */
export function movedHeading(h: Heading, delta: number): Heading {
  const raw = h.raw.moved(delta);
  const span = { start: h.span.start + delta, end: h.span.end + delta };
  if (!h.numeral) return { level: h.level, raw, title: h.title === h.raw ? raw : h.title.moved(delta), span };
  const numeral = { ...h.numeral, span: { start: h.numeral.span.start + delta, end: h.numeral.span.end + delta } };
  return { level: h.level, raw, numeral, title: h.title.moved(delta), span };
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
  // Every paragraph is asked: fold only its start, long enough that where it is cut cannot change
  // the first words (folding works on neighbouring characters at most); the whole when it is short.
  if (text.length > 80) {
    const head = fold(text.slice(0, 80));
    if (head.length >= 40) return head.startsWith('trên đây là');
  }
  return fold(text).startsWith('trên đây là');
}

/**
 * A model with no plan content yet: what a file that is not a plan stays. `text` may be in pieces
 * (the check worker's): the model's `text` then joins it on first read only. `lines`, when given,
 * is the line index of `text`, known already (see LineIndex.edited).
 */
export function emptyModel(uri: string, text: Text, format: PlanFormat, lines?: LineIndex): PlanModel {
  let flat = typeof text === 'string' ? text : undefined;
  return {
    uri,
    format,
    get text(): string {
      return (flat ??= flatText(text));
    },
    source: text,
    lines: lines ?? new LineIndex(text),
    isPlan: false,
    meta: {},
    preamble: [],
    sections: [],
    trailing: [],
    footnotes: [],
    blocks: [],
    headings: [],
    problems: [],
    bodyEnd: text.length,
    // A lone CR (old Mac files) is a line break too, for LSP and for the line index.
    eol: lines && !lines.hasCarriageReturn ? '\n' : eolOf(flatText(text)),
  };
}

function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : /\r/.test(text) ? '\r' : '\n';
}

/**
 * The text with every lone CR (old Mac line breaks) turned into LF: the same length, so offsets
 * do not move, but the YAML parser and the rules see the line breaks they expect.
 */
export function withLfBreaks(text: string): string {
  // Most texts have no CR at all: a plain search says so faster than the pattern.
  if (text.indexOf('\r') < 0) return text;
  return /\r(?!\n)/.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text;
}
