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
  | 'leftover';

/** One change the importer made to the text so that it reads as a plan; `line` is 1-based in the source. */
export interface Repair {
  id: RepairId;
  line: number;
  message: Localized;
}

/** A metadata value the importer inferred, with the source line it comes from (0 when none). */
export interface Inference {
  key: string;
  value: string;
  line: number;
  message: Localized;
}

export interface ImportResult {
  /** The plan as Markdown with YAML front matter (docs/plan-format.md). */
  markdown: string;
  repairs: Repair[];
  inferred: Inference[];
  /** How the text was read: one paragraph per line (Word) or hard-wrapped lines (PDF). */
  layout: 'paragraphs' | 'hard-wrapped';
}

export interface ImportOptions {
  /** File name shown in the comment at the top of the front matter (no folders). */
  sourceName?: string;
  /** Repairs already made while reading the file (e.g. Word list numbering), kept in the result. */
  readerRepairs?: Repair[];
}
