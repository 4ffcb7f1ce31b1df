// Parses a Markdown plan (YAML front matter + headings) into the plan model with markdown-it.

import MarkdownIt from 'markdown-it';
import { parseDocument } from 'yaml';
import { Block, Heading, PlanModel, Section } from '../model';
import { MappedText } from '../text/mapped-text';
import { readMeta, yamlProblems } from './meta';
import { buildHeading, emptyModel, finishSections, isClosingParagraph } from './structure';

const md = new MarkdownIt('commonmark');

const FRONT_MATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?)(^(?:---|\.\.\.)[ \t]*(?:\r?\n|$))/m;

/** Replaces every character of source[start, end) except line breaks with a space. */
function blank(chars: string[], start: number, end: number): void {
  for (let i = start; i < end; i++) {
    if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  }
}

interface FrontMatter {
  start: number;
  yamlStart: number;
  yamlText: string;
  end: number;
}

function findFrontMatter(text: string): FrontMatter | undefined {
  const m = FRONT_MATTER.exec(text);
  if (!m || m.index !== 0) return undefined;
  return { start: 0, yamlStart: m[1].length, yamlText: m[2], end: m[0].length };
}

export function parseMarkdownPlan(uri: string, text: string): PlanModel {
  const model = emptyModel(uri, text, 'markdown');
  const lines = model.lines;
  const fm = findFrontMatter(text);
  if (!fm) return model;

  const doc = parseDocument(fm.yamlText, { uniqueKeys: true, prettyErrors: false });
  const declaresTemplate = /^template[ \t]*:/m.test(fm.yamlText);
  if (!declaresTemplate) return model;
  model.isPlan = true;
  model.metaSpan = { start: fm.start, end: fm.end };
  model.problems.push(...yamlProblems(doc, fm.yamlStart));
  const metaResult = readMeta(doc, text, fm.yamlStart, new Set());
  model.meta = metaResult.meta;
  model.problems.push(...metaResult.problems);

  // Rules read the body through a mask: the front matter and HTML comments (where fixtures keep
  // their expectations) become spaces, so offsets stay those of the source.
  const chars = Array.from({ length: text.length }, (_, i) => text[i]);
  blank(chars, 0, fm.end);
  const comment = /<!--[\s\S]*?(?:-->|$)/g;
  for (let m = comment.exec(text); m; m = comment.exec(text)) {
    if (m.index >= fm.end) blank(chars, m.index, m.index + m[0].length);
  }
  const masked = chars.join('');

  const tokens = md.parse(masked, {});
  const body: Array<Block | Heading> = [];
  let listDepth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') listDepth++;
    else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') listDepth--;
    else if (t.type === 'heading_open' && t.map) {
      const level = Number(t.tag.slice(1));
      const lineStart = lines.lineStart(t.map[0]);
      const lineEnd = lines.lineEnd(t.map[0]);
      const lineText = masked.slice(lineStart, lineEnd);
      const atx = /^( {0,3}#{1,6}[ \t]+|\s*#{1,6}$)/.exec(lineText);
      let contentStart = lineStart + (atx ? atx[0].length : /^\s*/.exec(lineText)![0].length);
      let contentEnd = lineEnd;
      let content = masked.slice(contentStart, contentEnd);
      const closing = /[ \t]+#+[ \t]*$|[ \t]+$/.exec(content);
      if (closing) content = content.slice(0, closing.index);
      contentEnd = contentStart + content.length;
      if (content.length === 0) contentStart = contentEnd;
      body.push(buildHeading(level, MappedText.slice(content, contentStart), { start: lineStart, end: lineEnd }));
    } else if (t.type === 'paragraph_open' && t.map) {
      const start = lines.lineStart(t.map[0]);
      const end = lines.lineEnd(t.map[1] - 1);
      let s = start;
      if (listDepth > 0) {
        const marker = /^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(masked.slice(start, end));
        if (marker) s = start + marker[0].length;
      }
      while (s < end && (masked[s] === ' ' || masked[s] === '\t')) s++;
      let e = end;
      while (e > s && /\s/.test(masked[e - 1])) e--;
      if (e <= s) continue;
      body.push({
        kind: listDepth > 0 ? 'list-item' : 'paragraph',
        text: MappedText.slice(masked.slice(s, e), s),
        span: { start: s, end: e },
        region: 'body',
      });
    }
  }

  const result = assembleBody(body);
  model.preamble = result.preamble;
  model.sections = result.sections;
  model.closing = result.closing;
  model.trailing = result.trailing;
  model.headings = body.filter((b): b is Heading => 'level' in b);
  model.blocks = [...metaResult.blocks, ...orderedBlocks(result)];
  return model;
}

export interface AssembledBody {
  preamble: Block[];
  sections: Section[];
  closing?: Block;
  trailing: Block[];
}

/**
 * Builds the section tree from a flat list of headings and blocks: level-2 headings open
 * sections, deeper ones open children; blocks before the first section form the preamble; a
 * "Trên đây là …" paragraph after the sections closes the body.
 */
export function assembleBody(items: Array<Block | Heading>): AssembledBody {
  const preamble: Block[] = [];
  const sections: Section[] = [];
  const stack: Section[] = [];
  let closing: Block | undefined;
  const trailing: Block[] = [];
  for (const item of items) {
    if ('level' in item) {
      if (closing) {
        trailing.push(headingBlock(item, 'trailing'));
        continue;
      }
      if (item.level <= 1 || (item.level > 2 && stack.length === 0)) {
        preamble.push(headingBlock(item, 'preamble'));
        continue;
      }
      const section: Section = { heading: item, blocks: [], children: [], span: { ...item.span } };
      while (stack.length > 0 && stack[stack.length - 1].heading.level >= item.level) stack.pop();
      if (stack.length === 0) sections.push(section);
      else stack[stack.length - 1].children.push(section);
      stack.push(section);
      continue;
    }
    if (closing) {
      trailing.push({ ...item, region: 'trailing' });
    } else if (stack.length === 0) {
      preamble.push({ ...item, region: 'preamble' });
    } else if (item.kind === 'paragraph' && isClosingParagraph(item.text.text)) {
      closing = { ...item, region: 'closing' };
    } else {
      stack[stack.length - 1].blocks.push(item);
    }
  }
  finishSections(sections);
  return { preamble, sections, ...(closing ? { closing } : {}), trailing };
}

function headingBlock(h: Heading, region: Block['region']): Block {
  return { kind: 'heading', text: h.raw, span: h.raw.span, region };
}

/** Every body block in document order, headings included. */
function orderedBlocks(body: AssembledBody): Block[] {
  const out: Block[] = [...body.preamble];
  const visit = (s: Section): void => {
    out.push({ kind: 'heading', text: s.heading.raw, span: s.heading.raw.span, region: 'body' });
    out.push(...s.blocks);
    s.children.forEach(visit);
  };
  body.sections.forEach(visit);
  if (body.closing) out.push(body.closing);
  out.push(...body.trailing);
  return out.sort((a, b) => a.span.start - b.span.start);
}

export { orderedBlocks };
