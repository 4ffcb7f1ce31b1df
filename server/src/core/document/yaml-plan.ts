// Parses a YAML plan (metadata, preamble, nested sections, closing) into the plan model with the `yaml` package.

import { isMap, isScalar, isSeq, Node, Scalar, YAMLMap } from 'yaml';
import { Block, Heading, PlanModel } from '../model';
import { MappedText, Span } from '../text/mapped-text';
import { assembleBody, orderedBlocks } from './markdown';
import { parseYaml, yamlTooDeep } from '../data/yaml-guard';
import { readMeta, tooDeepProblem, yamlProblems } from './meta';
import { LineIndex } from '../text/line-index';
import { buildHeading, emptyModel, withLfBreaks } from './structure';
import { appendAll } from '../arrays';

const BODY_KEYS = new Set(['preamble', 'sections', 'closing', 'notes']);

export function parseYamlPlan(uri: string, original: string, lines?: LineIndex): PlanModel {
  const model = emptyModel(uri, original, 'yaml', lines);
  // The parser and the value mapping read lone CR line breaks as LF; offsets are the same.
  const text = withLfBreaks(original);
  // YAML nested deeper than the parser can take is not parsed at all, and said once.
  const deep = yamlTooDeep(text);
  const doc = parseYaml(deep === undefined ? text : '');
  const root = doc.contents;
  if (!isMap(root) || !root.has('template')) {
    // Not every YAML file is a plan; only one that names its template is checked.
    if (!/^template[ \t]*:/m.test(text)) return model;
  }
  model.isPlan = true;
  model.metaSpan = { start: 0, end: text.length };
  appendAll(model.problems, yamlProblems(doc, 0));
  if (deep !== undefined) model.problems.push(tooDeepProblem(deep));
  const metaResult = readMeta(doc, text, 0, BODY_KEYS);
  model.meta = metaResult.meta;
  appendAll(model.problems, metaResult.problems);
  if (!isMap(root)) return model;

  const items: Array<Block | Heading> = [];
  const pushProse = (node: unknown, kind: 'paragraph', region: Block['region']): void => {
    const mapped = scalarText(node, text);
    if (mapped) appendAll(items, splitParagraphs(mapped, kind, region));
  };

  pushProse(root.get('preamble', true), 'paragraph', 'preamble');
  const sections = root.get('sections', true) as Node | undefined;
  if (sections !== undefined && sections !== null) {
    if (isSeq(sections)) readSections(sections.items as Node[], 2, text, items, model);
    else model.problems.push({ message: { vi: '"sections" phải là một danh sách', en: '"sections" must be a list' }, span: rangeOf(sections) });
  }
  const closing = scalarText(root.get('closing', true), text);
  const closingBlocks = closing ? splitParagraphs(closing, 'paragraph', 'closing') : [];
  const notes = scalarText(root.get('notes', true), text);
  const noteBlocks = notes ? splitParagraphs(notes, 'paragraph', 'trailing') : [];

  const body = assembleBody(items);
  model.preamble = body.preamble;
  model.sections = body.sections;
  model.closing = closingBlocks[0] ?? body.closing;
  model.trailing = [...body.trailing, ...closingBlocks.slice(1), ...noteBlocks];
  model.headings = items.filter((b): b is Heading => 'level' in b);
  model.blocks = [
    ...metaResult.blocks,
    ...orderedBlocks({ preamble: model.preamble, sections: model.sections, ...(model.closing ? { closing: model.closing } : {}), trailing: model.trailing }),
  ];
  return model;
}

function rangeOf(node: Node | null | undefined): Span {
  if (!node || !node.range) return { start: 0, end: 0 };
  return { start: node.range[0], end: node.range[1] };
}

function readSections(nodes: Node[], level: number, text: string, out: Array<Block | Heading>, model: PlanModel): void {
  for (const node of nodes) {
    if (!isMap(node)) {
      model.problems.push({
        message: { vi: 'Mỗi mục cần có "heading" và "text"', en: 'Each section needs "heading" and "text"' },
        span: rangeOf(node),
      });
      continue;
    }
    const map = node as YAMLMap;
    const headingNode = map.get('heading', true) as Node | undefined;
    const heading = scalarText(headingNode, text);
    if (!heading) {
      model.problems.push({ message: { vi: 'Mục thiếu "heading"', en: 'Section without "heading"' }, span: rangeOf(node) });
    } else {
      const lineStart = model.lines.lineStart(model.lines.positionAt(heading.span.start).line);
      out.push(buildHeading(level, heading, { start: lineStart, end: heading.span.end }));
    }
    const body = scalarText(map.get('text', true), text);
    if (body) appendAll(out, splitParagraphs(body, 'paragraph', 'body'));
    const children = map.get('sections', true) as Node | undefined;
    if (children && isSeq(children)) readSections(children.items as Node[], level + 1, text, out, model);
  }
}

/** The value of a string scalar, mapped to its place in the source. */
function scalarText(node: unknown, source: string): MappedText | undefined {
  if (!isScalar(node)) return undefined;
  const value = (node as Scalar).value;
  if (typeof value !== 'string' || !node.range) return undefined;
  return MappedText.aligned(value, source, node.range[0], node.range[1]);
}

/** Splits a block of prose into paragraphs (blank-line separated) and "- " list items. */
function splitParagraphs(text: MappedText, kind: 'paragraph', region: Block['region']): Block[] {
  const out: Block[] = [];
  const s = text.text;
  let i = 0;
  let start = -1;
  let isItem = false;
  const flush = (end: number): void => {
    if (start < 0) return;
    let a = start;
    let e = end;
    while (e > a && /\s/.test(s[e - 1])) e--;
    if (isItem) a += /^\s*-\s*/.exec(s.slice(a, e))?.[0].length ?? 0;
    if (e > a) {
      const sub = text.sub(a, e);
      out.push({ kind: isItem ? 'list-item' : kind, text: sub, span: sub.span, region });
    }
    start = -1;
  };
  while (i <= s.length) {
    const nl = s.indexOf('\n', i);
    const lineEnd = nl < 0 ? s.length : nl;
    const line = s.slice(i, lineEnd);
    if (line.trim() === '') {
      flush(i);
    } else {
      const item = /^\s*- /.test(line);
      if (item || start < 0) {
        flush(i);
        start = i;
        isItem = item;
      }
    }
    if (nl < 0) break;
    i = nl + 1;
  }
  flush(s.length);
  return out;
}
