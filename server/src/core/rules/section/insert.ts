// Edits shared by the structure rules: replacing text inside a heading and inserting a new section, in Markdown or YAML plans.

import { TextEdit } from '../../findings';
import { Heading, PlanModel, Section } from '../../model';
import { MappedText } from '../../text/mapped-text';
import { appendAll } from '../../arrays';

/** A section to insert: its heading (numeral included), its level and a Markdown body whose subsections are one level deeper. */
export interface NewSection {
  heading: string;
  level: number;
  body: string;
}

/** Where a new section goes: before an existing heading, after an existing section, or at an offset after other content. */
export type Place = { before: Heading } | { after: Section } | { at: number };

/** An edit of text[start, end) of a heading or paragraph, when it maps onto a verbatim range of the source. */
export function replaceIn(text: MappedText, start: number, end: number, newText: string): TextEdit | undefined {
  if (!text.isVerbatim(start, end)) return undefined;
  if (end <= start) {
    const at = text.toSource(start);
    return { start: at, end: at, newText };
  }
  const span = text.spanOf(start, end);
  if (span.end - span.start !== end - start) return undefined;
  return { start: span.start, end: span.end, newText };
}

/** End of the source line holding an offset. */
export function lineEndOf(plan: PlanModel, offset: number): number {
  return plan.lines.lineEnd(plan.lines.positionAt(offset).line);
}

/**
 * The edit inserting sections (in order) at one place, or undefined when the document's layout does
 * not allow a safe edit. Sections that belong at the same place go in one edit: two insertions at
 * one offset would not both apply in a single pass of fixes.
 */
export function insertSections(plan: PlanModel, place: Place, sections: readonly NewSection[]): TextEdit | undefined {
  if (sections.length === 0) return undefined;
  return plan.format === 'yaml' ? insertYaml(plan, place, sections) : insertMarkdown(plan, place, sections);
}

function withEol(text: string, eol: string): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

/** The Markdown of a section: "## heading", a blank line, then the body. */
export function markdownSection(section: NewSection, eol = '\n'): string {
  const head = `${'#'.repeat(section.level)} ${section.heading}`;
  const body = section.body.trim();
  return withEol(body ? `${head}\n\n${body}` : head, eol);
}

function insertMarkdown(plan: PlanModel, place: Place, sections: readonly NewSection[]): TextEdit {
  const eol = plan.eol;
  const text = sections.map((x) => markdownSection(x, eol)).join(`${eol}${eol}`);
  if ('before' in place) {
    const at = place.before.span.start;
    return { start: at, end: at, newText: `${text}${eol}${eol}` };
  }
  const at = 'after' in place ? lineEndOf(plan, Math.max(place.after.span.start, place.after.span.end - 1)) : place.at;
  return { start: at, end: at, newText: `${eol}${eol}${text}` };
}

// ---------------------------------------------------------------------------------------------
// YAML: a section is an item of a `sections` list ("- heading: …", "text: |", nested "sections:").

interface YamlNode {
  heading: string;
  text: string;
  children: YamlNode[];
}

/** Splits a Markdown body into its own text and the subsections one level below `level`. */
function parseBody(body: string, level: number): { text: string; children: YamlNode[] } {
  const marker = new RegExp(`^#{${level + 1}}[ \\t]+(.*)$`);
  const lines = body.split(/\r\n|\r|\n/);
  const own: string[] = [];
  const parts: Array<{ heading: string; lines: string[] }> = [];
  for (const line of lines) {
    const m = marker.exec(line);
    if (m) parts.push({ heading: m[1].trim(), lines: [] });
    else if (parts.length) parts[parts.length - 1].lines.push(line);
    else own.push(line);
  }
  return {
    text: own.join('\n').trim(),
    children: parts.map((p) => {
      const inner = parseBody(p.lines.join('\n'), level + 1);
      return { heading: p.heading, text: inner.text, children: inner.children };
    }),
  };
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The YAML lines of one list item whose dash sits at column `indent`. */
function yamlItem(node: YamlNode, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const out = [`${pad}- heading: ${quote(node.heading)}`];
  if (node.text) {
    out.push(`${pad}  text: |`);
    for (const line of node.text.split('\n')) out.push(line.trim() === '' ? '' : `${pad}    ${line}`);
  }
  if (node.children.length) {
    out.push(`${pad}  sections:`);
    for (const child of node.children) appendAll(out, yamlItem(child, indent + 4));
  }
  return out;
}

/** Column of the "- " that opens the list item holding a heading, when the heading is written "- heading: …". */
function itemIndent(plan: PlanModel, heading: Heading): number | undefined {
  const line = plan.lines.positionAt(heading.raw.span.start).line;
  const m = /^( *)- +heading[ \t]*:/.exec(plan.lines.lineText(line));
  return m ? m[1].length : undefined;
}

function insertYaml(plan: PlanModel, place: Place, sections: readonly NewSection[]): TextEdit | undefined {
  const eol = plan.eol;
  const nodes: YamlNode[] = sections.map((x) => {
    const parsed = parseBody(x.body, x.level);
    return { heading: x.heading, text: parsed.text, children: parsed.children };
  });
  const lines = (indent: number): string => nodes.flatMap((n) => yamlItem(n, indent)).join(eol);
  if ('before' in place) {
    const indent = itemIndent(plan, place.before);
    if (indent === undefined) return undefined;
    const at = plan.lines.lineStart(plan.lines.positionAt(place.before.raw.span.start).line);
    return { start: at, end: at, newText: lines(indent) + eol };
  }
  if ('after' in place) {
    const indent = itemIndent(plan, place.after.heading);
    if (indent === undefined) return undefined;
    const at = lineEndOf(plan, Math.max(place.after.span.start, place.after.span.end - 1));
    return { start: at, end: at, newText: eol + lines(indent) };
  }
  return undefined;
}

/** The YAML lines of a section written as a list item whose dash sits at column `indent` (completion, new plans). */
export function yamlSection(section: NewSection, indent: number): string[] {
  const parsed = parseBody(section.body, section.level);
  return yamlItem({ heading: section.heading, text: parsed.text, children: parsed.children }, indent);
}
