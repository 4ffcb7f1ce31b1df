// Types of the importer: what it returns (the Markdown plan, the repairs it made, the values it inferred).

import { Localized } from '../findings';

export type RepairId =
  | 'hard-wrap'
  | 'line-join'
  | 'page-break'
  | 'page-number'
  | 'footnote'
  | 'separator'
  | 'heading-wrapped'
  | 'heading-glued'
  | 'emphasis-residue'
  | 'dash-continuation'
  | 'recipient-wrapped'
  | 'recipient-label'
  | 'list-numbering'
  | 'leftover'
  | 'typography'
  | 'header-unread'
  | 'signature-note'
  | 'signature-extra'
  | 'soft-break'
  | 'tracked-change'
  | 'left-out'
  | 'word-footnote'
  | 'unread';

/** Where a line of the text read from a Word document comes from: its paragraph and how that paragraph starts. */
export interface SourceParagraph {
  /** 1-based among the paragraphs that have text (tables and text boxes included), as Word counts them. */
  paragraph: number;
  /** The first words of the paragraph, to find it in Word. */
  quote: string;
}

/**
 * One change the importer made to the text so that it reads as a plan; `line` is 1-based in the
 * text read (0: the document as a whole). From a Word document, `source` names the paragraph.
 */
export interface Repair {
  id: RepairId;
  line: number;
  message: Localized;
  source?: SourceParagraph;
}

/** A metadata value the importer inferred, with the source line it comes from (0 when none). */
export interface Inference {
  key: string;
  value: string;
  line: number;
  message: Localized;
  source?: SourceParagraph;
}

/**
 * What became of every line (of a text file) or paragraph (of a Word document) that has text: read
 * into the front matter, kept in the body (footnotes and leftovers included), or left out — each
 * left-out one with a repair that says why. `total` is the sum of the three.
 */
export interface ImportAccount {
  unit: 'line' | 'paragraph';
  total: number;
  front: number;
  body: number;
  dropped: number;
  /** Word footnotes written as Markdown footnotes ("[^1]: …"); not counted in `total`. */
  footnotes: number;
}

export interface ImportResult {
  /** The plan as Markdown with YAML front matter (docs/plan-format.md). */
  markdown: string;
  repairs: Repair[];
  inferred: Inference[];
  /** How the text was read: one paragraph per line (Word) or hard-wrapped lines (PDF). */
  layout: 'paragraphs' | 'hard-wrapped';
  /** A text file, or the paragraphs of a Word document. */
  source: 'text' | 'word';
  account: ImportAccount;
}

export interface ImportOptions {
  /** File name shown in the comment at the top of the front matter (no folders). */
  sourceName?: string;
  /** Repairs already made while reading the file (e.g. Word list numbering), kept in the result. */
  readerRepairs?: Repair[];
}
