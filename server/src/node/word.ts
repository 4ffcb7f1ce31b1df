// Word files: reads .docx with mammoth into plain text for the importer, writes the export layout as .docx with docx.

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  AlignmentType,
  BorderStyle,
  Document,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  ITableCellBorders,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import mammoth from 'mammoth';
import { KnowledgeBase } from '../core/data/types';
import { parsePlan } from '../core/document/parse';
import { ExportLayout, LayoutFootnote, LayoutParagraph, LayoutRun, LayoutTable, layoutPlan } from '../core/export/index';
import { Lang, Localized } from '../core/findings';
import { PlanModel } from '../core/model';
import { importPlanText, ImportResult, Repair } from '../core/import/index';
import { intToRoman } from '../core/document/numerals';
import { standaloneHtml } from './preview';
import { readText } from './text-file';

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** The parts of mammoth's document model the reader uses (see mammoth's "document transforms"). */
interface DocElement {
  type: string;
  children?: DocElement[];
  value?: string;
  isAllCaps?: boolean;
  numbering?: { isOrdered: boolean; level: string } | null;
  noteType?: string;
  noteId?: string;
  body?: DocElement[];
}

interface DocRoot extends DocElement {
  notes?: { resolve(ref: DocElement): DocElement | null };
}

export interface DocxText {
  /** One paragraph per line; table cells one after the other, left to right. */
  text: string;
  /** Automatic Word numbering written out as text ("I.", "1.", "a)", "- "). */
  repairs: Repair[];
  /** mammoth's warnings about the file. */
  messages: string[];
}

function upperShare(text: string): number {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return 0;
  return letters.filter((c) => c === c.toUpperCase() && c !== c.toLowerCase()).length / letters.length;
}

const LETTERS = 'abcdđeghiklmnopqrstuvxy';

/**
 * Reads a .docx file with mammoth into plain text. mammoth's raw-text output drops line breaks
 * inside a paragraph and the numbers of automatic lists, so the text is taken from mammoth's
 * document model: line breaks become new lines, "All caps" runs are written in capitals, list
 * numbers are written out (their format is not in the model: capitals at the first level are
 * read as Roman sections, then 1., 2. … and a), b) …), footnotes follow the text as "[n] …".
 */
export async function readDocx(buffer: Buffer): Promise<DocxText> {
  let root: DocRoot | undefined;
  const result = await mammoth.convertToHtml(
    { buffer },
    {
      transformDocument: (d: DocRoot) => {
        root = d;
        return d;
      },
    },
  );
  const lines: string[] = [];
  const notes: DocElement[] = [];
  const repairs: Repair[] = [];
  let roman = 0;
  const counts: number[] = [];
  let numbered = 0;

  const inline = (e: DocElement): string => {
    switch (e.type) {
      case 'text':
        return e.value ?? '';
      case 'tab':
        return '\t';
      case 'break':
        return '\n';
      case 'noteReference': {
        const note = root?.notes?.resolve(e);
        if (note) notes.push(note);
        return `[${e.noteId ?? notes.length}]`;
      }
      case 'run': {
        const t = (e.children ?? []).map(inline).join('');
        return e.isAllCaps ? t.toLocaleUpperCase('vi') : t;
      }
      default:
        return (e.children ?? []).map(inline).join('');
    }
  };

  const paragraph = (e: DocElement): void => {
    let text = (e.children ?? []).map(inline).join('');
    const n = e.numbering;
    if (n && text.trim() !== '') {
      const level = Number(n.level) || 0;
      let marker: string;
      if (!n.isOrdered) marker = /^\s*[-–+•]/u.test(text) ? '' : '- ';
      else if (level === 0 && upperShare(text) >= 0.8) {
        roman++;
        counts.length = 0;
        marker = `${intToRoman(roman)}. `;
      } else {
        counts[level] = (counts[level] ?? 0) + 1;
        counts.length = level + 1;
        marker = level <= 1 ? `${counts[level]}. ` : `${LETTERS[(counts[level] - 1) % LETTERS.length]}) `;
      }
      if (marker) {
        text = marker + text.trimStart();
        if (n.isOrdered) numbered++;
      }
    }
    lines.push(...text.split('\n'));
  };

  const block = (e: DocElement): void => {
    if (e.type === 'paragraph') paragraph(e);
    else if (e.type === 'table' || e.type === 'tableRow' || e.type === 'tableCell') (e.children ?? []).forEach(block);
    else (e.children ?? []).forEach(block);
  };
  (root?.children ?? []).forEach(block);

  if (notes.length > 0) {
    lines.push('');
    notes.forEach((note, i) => {
      const body = (note.body ?? []).map((p) => (p.children ?? []).map(inline).join('')).join(' ').trim();
      lines.push(`[${note.noteId ?? i + 1}] ${body}`);
    });
  }
  if (numbered > 0) {
    repairs.push({
      id: 'list-numbering',
      line: 1,
      message: {
        vi: `${numbered} đoạn được Word đánh số tự động; số thứ tự đã được viết ra thành chữ (I., 1., a)), cần kiểm tra lại.`,
        en: `${numbered} paragraphs are numbered automatically by Word; their numbers were written out as text (I., 1., a)) and should be checked.`,
      },
    });
  }
  return { text: lines.join('\n'), repairs, messages: result.messages.map((m) => m.message) };
}

/** Reads a plan from a .docx, .txt or .md file and imports it. */
export async function importPlanFile(file: string, kb: KnowledgeBase): Promise<ImportResult & { messages: string[] }> {
  const name = path.basename(file);
  if (/\.docx$/iu.test(file)) {
    const docx = await readDocx(fs.readFileSync(file));
    return { ...importPlanText(docx.text, kb, { sourceName: name, readerRepairs: docx.repairs }), messages: docx.messages };
  }
  if (/\.doc$/iu.test(file)) {
    throw new Error('Tệp .doc (Word 97–2003) chưa đọc được; hãy lưu lại thành .docx / .doc files (Word 97–2003) cannot be read; save the file as .docx');
  }
  // Text copied out of Word is often saved as UTF-16; read it the way plans are read.
  return { ...importPlanText(readText(file).text.replace(/^\uFEFF/, ''), kb, { sourceName: name }), messages: [] };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);
const halfPoints = (pt: number): number => Math.round(pt * 2);

/** The language of every run and of the default style: Word checks the spelling of the text as Vietnamese. */
const VIETNAMESE = { value: 'vi-VN' } as const;

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const HEADINGS = {
  'heading-1': HeadingLevel.HEADING_1,
  'heading-2': HeadingLevel.HEADING_2,
  'heading-3': HeadingLevel.HEADING_3,
} as const;

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS: ITableCellBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };

function runsOf(runs: readonly LayoutRun[], font: string, size: number): ParagraphChild[] {
  return runs.map((r) => {
    // Footnotes are numbered 1, 2 … in the order of their first reference, as the layout numbers them.
    if (r.footnote !== undefined) return new FootnoteReferenceRun(r.footnote + 1);
    return new TextRun({
      text: r.text,
      font,
      size: halfPoints(size),
      language: VIETNAMESE,
      ...(r.bold ? { bold: true } : {}),
      ...(r.italic ? { italics: true } : {}),
      ...(r.underline ? { underline: {} } : {}),
    });
  });
}

function paragraphOf(p: LayoutParagraph, font: string, columnWidth: number): Paragraph {
  const spacing = {
    before: Math.round((p.before ?? 0) * 20),
    after: Math.round((p.after ?? 0) * 20),
    ...(p.lineSpacing ? { line: Math.round(p.lineSpacing * 240), lineRule: LineRuleType.AUTO } : {}),
  };
  const keep = { ...(p.keepWithNext ? { keepNext: true } : {}), ...(p.keepLines ? { keepLines: true } : {}) };
  if (p.ruleWidth !== undefined) {
    // A short solid line under the line above: a bottom border between indents that centre it.
    const side = Math.max(0, (columnWidth - p.ruleWidth) / 2);
    return new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: Math.round((p.after ?? 0) * 20), line: 80, lineRule: LineRuleType.EXACT },
      indent: { left: twips(side), right: twips(side) },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      ...keep,
      children: [new TextRun({ text: '', size: halfPoints(p.size), font })],
    });
  }
  const heading = p.role in HEADINGS ? HEADINGS[p.role as keyof typeof HEADINGS] : undefined;
  const indent = p.hanging ? { left: twips(p.hanging), hanging: twips(p.hanging) } : p.indent ? { firstLine: twips(p.indent) } : undefined;
  return new Paragraph({
    alignment: ALIGN[p.align],
    spacing,
    ...(heading ? { heading } : {}),
    ...(indent ? { indent } : {}),
    ...keep,
    // No single line of a paragraph alone at the foot or the head of a page (Word's default, and
    // what the preview's pages do).
    widowControl: true,
    children: runsOf(p.runs, font, p.size),
  });
}

function tableOf(t: LayoutTable, font: string): Table {
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: twips(t.widths.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: t.widths.map(twips),
    borders: { ...NO_BORDERS, insideHorizontal: NONE, insideVertical: NONE },
    rows: [
      new TableRow({
        // The signature block is signed on one page: the row moves to the next page whole.
        ...(t.keepTogether ? { cantSplit: true } : {}),
        children: t.cells.map(
          (cell, i) =>
            new TableCell({
              width: { size: twips(t.widths[i]), type: WidthType.DXA },
              borders: NO_BORDERS,
              verticalAlign: VerticalAlign.TOP,
              margins: { left: 0, right: 0, top: 0, bottom: 0 },
              children: cell.length > 0 ? cell.map((p) => paragraphOf(p, font, t.widths[i])) : [new Paragraph({})],
            }),
        ),
      }),
    ],
  });
}

function footnoteOf(f: LayoutFootnote, font: string): { children: Paragraph[] } {
  return {
    children: f.paragraphs.map(
      (runs) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: { before: 0, after: 0 }, children: runsOf(runs, font, f.size) }),
    ),
  };
}

/** Writes the layout as a .docx file (A4, Times New Roman, the variant's margins and sizes). */
export async function writeDocx(layout: ExportLayout): Promise<Buffer> {
  const font = layout.font;
  const textWidth = layout.page.width - layout.margins.left - layout.margins.right;
  const children: Array<Paragraph | Table> = [
    // LibreOffice puts an empty line of its own before a document that starts with a table (the
    // header) when the document has footnotes, moving the whole first page down; a paragraph 1 pt
    // high before the table prints alike in Word and LibreOffice.
    new Paragraph({ spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: '', size: 2, font })] }),
    ...layout.blocks.map((b) => (b.type === 'table' ? tableOf(b.table, font) : paragraphOf(b.paragraph, font, textWidth))),
  ];
  const headingStyle = {
    run: { font, size: halfPoints(layout.pageNumbers.size), bold: true, color: '000000', language: VIETNAMESE },
    paragraph: { spacing: { before: 0, after: 120 }, keepNext: true, keepLines: true },
  };
  const doc = new Document({
    creator: 'plan43',
    styles: {
      default: {
        document: { run: { font, size: halfPoints(layout.pageNumbers.size), language: VIETNAMESE } },
        heading1: headingStyle,
        heading2: headingStyle,
        heading3: headingStyle,
      },
    },
    footnotes: Object.fromEntries(layout.footnotes.map((f) => [String(f.number), footnoteOf(f, font)])),
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: twips(layout.page.width), height: twips(layout.page.height) },
            margin: {
              top: twips(layout.margins.top),
              bottom: twips(layout.margins.bottom),
              left: twips(layout.margins.left),
              right: twips(layout.margins.right),
              header: twips(layout.pageNumbers.top),
              footer: twips(layout.margins.bottom / 2),
            },
          },
        },
        headers: {
          // The first page carries no number; the others are numbered at the top centre.
          first: new Header({ children: [new Paragraph({})] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font, size: halfPoints(layout.pageNumbers.size) })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/**
 * Writes a file the user asked for (an exported .docx or .html). Every output of the export goes
 * through here, so that how it is written (in place, or atomically) is decided once.
 */
export function writeOutputFile(file: string, data: Buffer | string): void {
  fs.writeFileSync(file, data);
}

/** The result of an export: the layout's warnings and the plan's own problems (front matter that cannot be read). */
export interface ExportResult {
  warnings: Localized[];
  problems: Localized[];
}

/** The kind of file an export target names: a web page (.html, .htm) or a Word document. */
export function exportFormat(target: string): 'html' | 'docx' {
  return /\.html?$/iu.test(target) ? 'html' : 'docx';
}

/**
 * Lays out a parsed plan and writes the .docx, or the standalone web page when the target is
 * .html. The command line passes the plan read from disk, the language server the open
 * document's current text, so both print the same document.
 */
export async function exportPlan(plan: PlanModel, output: string, kb: KnowledgeBase, options: { lang?: Lang } = {}): Promise<ExportResult> {
  if (!plan.isPlan) {
    throw new Error('Tệp không phải kế hoạch (thiếu "template: nq43") / the file is not a plan (no "template: nq43")');
  }
  if (exportFormat(output) === 'html') {
    const { html, layout } = standaloneHtml(plan, kb, path.basename(plan.uri).replace(/\.[^.]*$/u, ''), options.lang ?? 'vi');
    writeOutputFile(output, html);
    return { warnings: layout.warnings, problems: plan.problems.map((p) => p.message) };
  }
  const layout = layoutPlan(plan, kb);
  writeOutputFile(output, await writeDocx(layout));
  return { warnings: layout.warnings, problems: plan.problems.map((p) => p.message) };
}

/** Reads a plan file (.md or .yaml), lays it out and writes the .docx or .html; returns the layout's warnings. */
export async function exportPlanFile(input: string, output: string, kb: KnowledgeBase, options: { lang?: Lang } = {}): Promise<ExportResult> {
  return exportPlan(parsePlan(input, readText(input).text), output, kb, options);
}
