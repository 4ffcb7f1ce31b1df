// The plan model: one shape for Markdown and YAML plans, every piece of text mapped back to the source.

import { Localized } from './findings';
import { LineIndex } from './text/line-index';
import { MappedText, Span } from './text/mapped-text';
import type { Text } from './text/piece-text';
import { appendAll } from './arrays';

export type PlanFormat = 'markdown' | 'yaml';
export type NumeralStyle = 'roman-dot' | 'roman-hyphen' | 'arabic' | 'letter';

/** A value from the front matter (or the top level of a YAML plan) with where it is written. */
export interface MetaField<T> {
  value: T;
  /** Span of the value; for an empty value, where it would be written. */
  span: Span;
  /** Span of the key. */
  keySpan: Span;
}

/** A parent document the plan declares it implements. */
export interface ParentRef {
  symbol: string;
  date?: string;
  span: Span;
}

export interface SignerMeta {
  span: Span;
  keySpan: Span;
  authority?: MetaField<string>;
  acting?: MetaField<string>;
  title?: MetaField<string>;
  name?: MetaField<string>;
}

export interface PlanMeta {
  template?: MetaField<string>;
  variant?: MetaField<string>;
  kind?: MetaField<string>;
  issuer?: MetaField<string>;
  number?: MetaField<string>;
  place?: MetaField<string>;
  date?: MetaField<string>;
  subject?: MetaField<string>;
  implements?: MetaField<ParentRef[]>;
  recipients?: MetaField<MetaField<string>[]>;
  signer?: SignerMeta;
}

export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'meta';

/** A unit of prose: a heading, a paragraph, a list item, or a text value of the metadata. */
export interface Block {
  kind: BlockKind;
  text: MappedText;
  span: Span;
  /** Where the block sits: 'front' (metadata), 'preamble', 'body', 'closing', 'trailing'. */
  region: 'front' | 'preamble' | 'body' | 'closing' | 'trailing';
  /** For metadata blocks, the key they come from (e.g. 'subject', 'recipients'). */
  metaKey?: string;
}

export interface Numeral {
  text: string;
  style: NumeralStyle;
  /** 1-based value (I → 1, 3 → 3, c → 3). */
  value: number;
  span: Span;
}

export interface Heading {
  /** 1 = document title, 2 = Roman section, 3 = numbered subsection, 4 = lettered item. */
  level: number;
  /** The heading's text without Markdown markers, numeral included. */
  raw: MappedText;
  numeral?: Numeral;
  /** The heading's text after the numeral and its separator. */
  title: MappedText;
  /** Span of the whole heading line, markers included. */
  span: Span;
}

export interface Section {
  heading: Heading;
  /** Blocks directly under the heading, before the first child section. */
  blocks: Block[];
  children: Section[];
  /** From the heading to the end of the section's last block or child. */
  span: Span;
}

/** A Markdown footnote definition "[^1]: …"; the checker ignores it, the export prints it as a footnote. */
export interface Footnote {
  /** The label between "[^" and "]" ("1", "nguon"). */
  label: string;
  /** The footnote's text, after "[^label]:". */
  text: MappedText;
  /** The whole definition, label included. */
  span: Span;
}

export interface ParseProblem {
  message: Localized;
  span: Span;
}

export interface PlanModel {
  uri: string;
  format: PlanFormat;
  /**
   * The text as one string. When the plan was parsed from a text in pieces (the language server's
   * check worker) it is joined on first read: a reader on the path of a keystroke reads `source`.
   */
  readonly text: string;
  /** The text as the parse read it: slices of it cost what they hold, whatever the text's length. */
  source: Text;
  lines: LineIndex;
  /** False for ordinary Markdown files (no plan front matter); they get no findings. */
  isPlan: boolean;
  /** Span of the front matter (Markdown) or of the whole document (YAML). */
  metaSpan?: Span;
  meta: PlanMeta;
  /** Blocks before the first section (subject line, preamble). */
  preamble: Block[];
  sections: Section[];
  /** The "Trên đây là …" paragraph, if any. */
  closing?: Block;
  /** Blocks after the closing paragraph (footnotes printed as text). */
  trailing: Block[];
  /**
   * Footnote definitions ("[^1]: …"), in the order written. Like comments, they are no part of the
   * structure and no rule reads them; the references ("[^1]") are left out of the blocks' text.
   */
  footnotes: Footnote[];
  /** Every prose block in document order, metadata values included. */
  blocks: Block[];
  /** Headings in document order, at every level. */
  headings: Heading[];
  /** Syntax problems found while parsing (malformed front matter or YAML). */
  problems: ParseProblem[];
  /** Offset where new top-level content may be appended (end of the body). */
  bodyEnd: number;
  /** Line break used by the document ("\n", "\r\n", or "\r" for a file with old Mac line breaks). */
  eol: string;
  /**
   * Set when the document is longer than the checker accepts: only its front matter was read, and
   * the plan gets one plan.too-large finding instead of a check.
   */
  tooLarge?: { length: number; limit: number };
}

/** All blocks of a section and its children, in order. */
export function sectionBlocks(section: Section): Block[] {
  const out: Block[] = [...section.blocks];
  for (const child of section.children) appendAll(out, sectionBlocks(child));
  return out;
}

/** Walks every section at every depth, parents before children. */
export function* walkSections(sections: readonly Section[]): Generator<Section> {
  for (const s of sections) {
    yield s;
    yield* walkSections(s.children);
  }
}
