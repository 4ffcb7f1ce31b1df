// Word files: opens a .docx package for the importer (which reads its paragraphs, numbering and footnotes), writes the export layout as .docx with docx.

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
import JSZip from 'jszip';
import { KnowledgeBase } from '../core/data/types';
import { parsePlan } from '../core/document/parse';
import { ExportLayout, LayoutFootnote, LayoutParagraph, LayoutRun, LayoutTable, layoutPlan } from '../core/export/index';
import { Lang, Localized } from '../core/findings';
import { PlanModel } from '../core/model';
import { importPlanText, importWordDocument, ImportResult } from '../core/import/index';
import { readWordDocument, WordDocument } from '../core/import/word/document';
import { XmlError } from '../core/import/word/xml';
import { standaloneHtml } from './preview';
import { decodeText, readText } from './text-file';
import { docxTextBytes } from './zip-size';
import { MAX_IMPORT_BYTES, MAX_IMPORT_UNPACKED_BYTES, MAX_PLAN_CHARS } from '../core/limits';
import { AtomicWriteOptions, writeFileAtomic } from './safe-write';

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** Why a file cannot be read as a Word document. */
export type WordFileProblem = 'old-word' | 'not-word' | 'damaged' | 'too-large';

/** A file that is not a .docx the reader can open, with the message a drafter reads (in both languages). */
export class WordFileError extends Error {
  constructor(
    readonly problem: WordFileProblem,
    readonly localized: Localized,
  ) {
    super(`${localized.vi} / ${localized.en}`);
  }
}

/** The message for a file that cannot be read as a Word document: the same for a .doc and for a .doc renamed .docx. */
export function wordFileMessage(problem: WordFileProblem, name: string): Localized {
  switch (problem) {
    case 'old-word':
      return {
        vi: `Tệp ${name} là tệp Word 97–2003 (.doc) hoặc tệp Word có đặt mật khẩu, chưa đọc được; hãy mở trong Word (bỏ mật khẩu nếu có) và lưu lại thành .docx (Word Document).`,
        en: `${name} is a Word 97–2003 file (.doc) or a password-protected Word file, which cannot be read; open it in Word (remove the password, if any) and save it as .docx (Word Document).`,
      };
    case 'not-word':
      return {
        vi: `Tệp ${name} không phải tệp Word .docx (có thể là tệp loại khác bị đổi đuôi); hãy mở trong Word và lưu lại thành .docx (Word Document).`,
        en: `${name} is not a Word .docx file (it may be another kind of file renamed); open it in Word and save it as .docx (Word Document).`,
      };
    case 'damaged':
      return {
        vi: `Tệp ${name} bị hỏng, không đọc được như tệp Word .docx; hãy mở trong Word (Word thường sửa được tệp hỏng) và lưu lại thành .docx.`,
        en: `${name} is damaged and cannot be read as a Word .docx file; open it in Word (Word can often repair it) and save it as .docx again.`,
      };
    case 'too-large':
      return {
        vi: `Tệp ${name} quá lớn: phần chữ của tệp Word vượt ${megabytes(MAX_IMPORT_UNPACKED_BYTES)} MB khi giải nén.`,
        en: `${name} is too large: the text of the Word file exceeds ${megabytes(MAX_IMPORT_UNPACKED_BYTES)} MB once unpacked.`,
      };
  }
}

/** Bytes as the limits are written (`core/limits.ts`): mebibytes, called MB as the drafter knows them. */
function megabytes(n: number): string {
  return (n / 1024 / 1024).toFixed(0);
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** The start of an OLE compound file: a Word 97–2003 document, or an encrypted (password-protected) .docx. */
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * One part of the package as text. Read as a stream and given up past the limit of what the text
 * parts may unpack to, so that a part whose zip directory lies about its size is refused without
 * being inflated to gigabytes; pictures are never read at all.
 */
function readPart(zip: JSZip, name: string, file: string): Promise<string | undefined> {
  const entry = zip.file(name);
  if (!entry) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_IMPORT_UNPACKED_BYTES) {
        stream.removeAllListeners('data');
        stream.pause();
        reject(new WordFileError('too-large', wordFileMessage('too-large', file)));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', () => reject(new WordFileError('damaged', wordFileMessage('damaged', file))));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/**
 * Reads a .docx into its paragraphs (core/import/word): the package is opened with JSZip and only
 * its text parts are read (word/document.xml, styles, numbering, footnotes and endnotes), so the
 * lists are numbered by Word's own definitions and pictures are never decoded. A file that is not a
 * .docx throws WordFileError with a message for the drafter, never a library's.
 */
export async function readDocx(buffer: Buffer, name = 'tệp'): Promise<WordDocument> {
  if (buffer.length >= OLE.length && buffer.subarray(0, OLE.length).equals(OLE)) throw new WordFileError('old-word', wordFileMessage('old-word', name));
  if (buffer.length < ZIP.length || !buffer.subarray(0, ZIP.length).equals(ZIP)) throw new WordFileError('not-word', wordFileMessage('not-word', name));
  if (buffer.length > MAX_IMPORT_BYTES) throw importTooLarge(buffer.length);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch {
    throw new WordFileError('damaged', wordFileMessage('damaged', name));
  }
  const document = await readPart(zip, 'word/document.xml', name);
  // A zip without a Word body: an Excel or PowerPoint file, an OpenDocument file, an archive renamed.
  if (document === undefined) throw new WordFileError('not-word', wordFileMessage('not-word', name));
  const [styles, numbering, footnotes, endnotes] = await Promise.all(
    ['word/styles.xml', 'word/numbering.xml', 'word/footnotes.xml', 'word/endnotes.xml'].map((p) => readPart(zip, p, name)),
  );
  try {
    return readWordDocument({
      document,
      ...(styles !== undefined ? { styles } : {}),
      ...(numbering !== undefined ? { numbering } : {}),
      ...(footnotes !== undefined ? { footnotes } : {}),
      ...(endnotes !== undefined ? { endnotes } : {}),
    });
  } catch (err) {
    if (err instanceof XmlError) throw new WordFileError('damaged', wordFileMessage('damaged', name));
    throw err;
  }
}

/** Imports a .docx held in memory: its paragraphs read as a plan. */
export async function importDocx(buffer: Buffer, kb: KnowledgeBase, sourceName?: string): Promise<ImportResult> {
  const doc = await readDocx(buffer, sourceName);
  return importWordDocument(doc, kb, sourceName ? { sourceName } : {});
}

/** Reads a plan from a .docx, .txt or .md file and imports it; a file larger than an import takes is refused. */
export async function importPlanFile(file: string, kb: KnowledgeBase): Promise<ImportResult> {
  const size = fs.statSync(file).size;
  if (size > MAX_IMPORT_BYTES) throw importTooLarge(size);
  return importPlanBytes(path.basename(file), fs.readFileSync(file), kb);
}

function importTooLarge(size: number): Error {
  return new Error(
    `Tệp quá lớn để nhập (${megabytes(size)} MB, giới hạn ${megabytes(MAX_IMPORT_BYTES)} MB); hãy bỏ bớt hình ảnh hoặc lưu thành .txt / ` +
      `the file is too large to be imported (${megabytes(size)} MB, the limit is ${megabytes(MAX_IMPORT_BYTES)} MB); remove pictures or save it as .txt`,
  );
}

/**
 * Imports a plan from the bytes of a .docx, .txt or .md file named `name`. What is read is bounded:
 * the bytes themselves, the text parts a .docx unpacks to (pictures are never read), and the text
 * of a .txt (no more than a plan may hold).
 */
export async function importPlanBytes(name: string, bytes: Buffer, kb: KnowledgeBase): Promise<ImportResult> {
  if (bytes.length > MAX_IMPORT_BYTES) throw importTooLarge(bytes.length);
  if (/\.docx$/iu.test(name)) {
    const unpacked = docxTextBytes(bytes);
    if (unpacked !== undefined && unpacked > MAX_IMPORT_UNPACKED_BYTES) throw new WordFileError('too-large', wordFileMessage('too-large', name));
    return importDocx(bytes, kb, name);
  }
  if (/\.doc$/iu.test(name)) throw new WordFileError('old-word', wordFileMessage('old-word', name));
  // Text copied out of Word is often saved as UTF-16; read it the way plans are read.
  const decoded = decodeText(bytes);
  if (decoded.text.length > MAX_PLAN_CHARS) throw importTooLarge(bytes.length);
  return importPlanText(decoded.text.replace(/^\uFEFF/, ''), kb, { sourceName: name });
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
 * through here, in one piece: a full disk or a stopped export leaves the previous file as it was,
 * and `write.inputs` (the plan, through any link) is never overwritten.
 */
export function writeOutputFile(file: string, data: Buffer | string, write?: AtomicWriteOptions): void {
  writeFileAtomic(file, data, write ?? { shown: file });
}

/** How an export is written: the language of the web page, and the files it must not overwrite. */
export interface ExportOptions {
  lang?: Lang;
  write?: AtomicWriteOptions;
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
export async function exportPlan(plan: PlanModel, output: string, kb: KnowledgeBase, options: ExportOptions = {}): Promise<ExportResult> {
  if (!plan.isPlan) {
    throw new Error('Tệp không phải kế hoạch (thiếu "template: nq43") / the file is not a plan (no "template: nq43")');
  }
  if (exportFormat(output) === 'html') {
    const { html, layout } = standaloneHtml(plan, kb, path.basename(plan.uri).replace(/\.[^.]*$/u, ''), options.lang ?? 'vi');
    writeOutputFile(output, html, options.write);
    return { warnings: layout.warnings, problems: plan.problems.map((p) => p.message) };
  }
  const layout = layoutPlan(plan, kb);
  writeOutputFile(output, await writeDocx(layout), options.write);
  return { warnings: layout.warnings, problems: plan.problems.map((p) => p.message) };
}

/**
 * Reads a plan file (.md or .yaml), lays it out and writes the .docx or .html; returns the layout's
 * warnings. `options.write.inputs` names the files the output must not be (the plan, through any link).
 */
export async function exportPlanFile(input: string, output: string, kb: KnowledgeBase, options: ExportOptions = {}): Promise<ExportResult> {
  return exportPlan(parsePlan(input, readText(input).text), output, kb, options);
}
