// Reads the body of a Word document (word/document.xml) into paragraphs: text with Markdown emphasis, line breaks, Word's list numbers, tables, text boxes, footnotes, tracked changes.

import { Localized } from '../../findings';
import { ListMarker, Numbering } from './numbering';
import { layer, RunLook, runLook, StyleSheet } from './styles';
import { child, childrenNamed, childVal, parseXml, XmlElement, XmlNode } from './xml';

/** Where a paragraph sits when it is in a table: the table (1-based in the document), row and cell. */
export interface TablePosition {
  table: number;
  row: number;
  cell: number;
}

export interface WordParagraph {
  /** 1-based among the paragraphs that have text, in document order (tables and text boxes included). */
  index: number;
  /** The text with Markdown emphasis, cut where the drafter broke the line (Shift+Enter) or the page. */
  segments: string[];
  /** The number or bullet Word draws before the paragraph. */
  marker?: ListMarker;
  /** 0 for a paragraph in a Heading 1 style, 1 for Heading 2 …; undefined for body text. */
  outlineLevel?: number;
  table?: TablePosition;
  /** What the reader changed or left out in this paragraph (tracked changes, images …). */
  notes: WordNote[];
  /** The paragraph's words for quoting it: no emphasis markers, line breaks as spaces. */
  plain: string;
}

/** Something the reader changed (accepted tracked changes) or left out (pictures, hidden text, comments …). */
export interface WordNote {
  kind: 'tracked-change' | 'left-out';
  message: Localized;
}

export interface WordFootnote {
  /** The label of its reference in the text: "1", "2" … in the order Word numbers them. */
  label: string;
  /** Its text with Markdown emphasis, paragraphs joined by spaces. */
  text: string;
}

export interface WordDocument {
  paragraphs: WordParagraph[];
  footnotes: WordFootnote[];
  /** What the reader left out of the document as a whole (comments, notes that nothing refers to). */
  notes: WordNote[];
  /** How many paragraphs Word numbers automatically (bullets not counted). */
  numbered: number;
}

/** The XML parts of a .docx package that the reader uses (word/…); only the document is required. */
export interface WordParts {
  document: string;
  styles?: string;
  numbering?: string;
  footnotes?: string;
  endnotes?: string;
}

interface TextPiece {
  text: string;
  bold: boolean;
  italic: boolean;
  /** A footnote reference or other markup that emphasis must not wrap. */
  markup?: boolean;
}

type Piece = TextPiece | { break: 'line' | 'page' };

/** Characters of the Symbol and Wingdings fonts that Word uses as bullets or dashes. */
const SYMBOLS: Readonly<Record<string, string>> = { F0B7: '•', F02D: '-', F0A7: '▪', F0D8: '➢', F0FC: '✓', F076: '❖', F0A8: '□' };

const CONTAINERS = new Set(['w:hyperlink', 'w:smartTag', 'w:customXml', 'w:fldSimple', 'w:ins', 'w:moveTo', 'w:bdo', 'w:dir', 'w:sdtContent']);
const REMOVED = new Set(['w:del', 'w:moveFrom']);

function excerpt(text: string, max = 40): string {
  const t = text.replace(/\s+/gu, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** Whitespace only (the pieces between two emphasised words). */
const BLANK = /^\s*$/u;

/**
 * The Markdown of a line of pieces. Emphasis that covers every word of the paragraph is the
 * paragraph's layout (a heading, the date line, the signature) and is not written; the rest is
 * written "*…*", "**…**", "***…***", spaces outside the markers, and literal asterisks escaped.
 */
function render(pieces: readonly TextPiece[], dropBold: boolean, dropItalic: boolean): string {
  const styled = pieces.map((p) => ({ text: p.text, b: p.bold && !dropBold && !p.markup, i: p.italic && !dropItalic && !p.markup, markup: p.markup }));
  const emphasised = styled.some((p) => (p.b || p.i) && !BLANK.test(p.text));
  if (!emphasised) return styled.map((p) => p.text).join('');
  // Spaces between two words of the same emphasis belong to it: one "**…**" for both words.
  for (let k = 0; k < styled.length; k++) {
    const p = styled[k];
    if (!BLANK.test(p.text)) continue;
    const before = styled[k - 1];
    const after = styled[k + 1];
    p.b = !!before && !!after && before.b && after.b;
    p.i = !!before && !!after && before.i && after.i;
  }
  const groups: Array<{ text: string; b: boolean; i: boolean }> = [];
  for (const p of styled) {
    const text = p.markup ? p.text : p.text.replace(/\*/g, '\\*');
    const last = groups[groups.length - 1];
    if (last && last.b === p.b && last.i === p.i) last.text += text;
    else groups.push({ text, b: p.b, i: p.i });
  }
  return groups
    .map((g) => {
      if (!g.b && !g.i) return g.text;
      const m = /^(\s*)([\s\S]*?)(\s*)$/u.exec(g.text)!;
      if (m[2] === '') return g.text;
      const marker = g.b && g.i ? '***' : g.b ? '**' : '*';
      return `${m[1]}${marker}${m[2]}${marker}${m[3]}`;
    })
    .join('');
}

class Reader {
  readonly paragraphs: WordParagraph[] = [];
  readonly footnotes: WordFootnote[] = [];
  readonly notes: WordNote[] = [];
  numbered = 0;
  private readonly styles: StyleSheet;
  private readonly numbering: Numbering;
  private readonly notesById = new Map<string, XmlElement>();
  private readonly endnotesById = new Map<string, XmlElement>();
  /** Footnote ids in the order of their references, with their labels. */
  private readonly noteLabels = new Map<string, string>();
  private tables = 0;
  /** Open fields: whether their result (the text Word shows) has started. */
  private readonly fields: boolean[] = [];
  /** Notes of paragraphs without text, waiting for the next paragraph that has some. */
  private pending: WordNote[] = [];
  private comments = 0;

  constructor(parts: WordParts) {
    this.styles = new StyleSheet(parts.styles ? parseXml(parts.styles) : undefined);
    this.numbering = new Numbering(parts.numbering ? parseXml(parts.numbering) : undefined, this.styles);
    for (const [xml, map, name] of [
      [parts.footnotes, this.notesById, 'w:footnote'],
      [parts.endnotes, this.endnotesById, 'w:endnote'],
    ] as const) {
      if (!xml) continue;
      for (const n of childrenNamed(parseXml(xml), name)) {
        const type = n.attrs['w:type'];
        if (type && type !== 'normal') continue;
        const id = n.attrs['w:id'];
        if (id !== undefined) map.set(id, n);
      }
    }
  }

  /** Walks the body's blocks in order, without recursion: paragraphs, tables and their cells, content controls, text boxes. */
  readBody(body: XmlElement): void {
    const stack: Array<{ node: XmlNode; table?: TablePosition }> = [];
    const pushAll = (nodes: readonly XmlNode[], table?: TablePosition): void => {
      for (let k = nodes.length - 1; k >= 0; k--) stack.push(table ? { node: nodes[k], table } : { node: nodes[k] });
    };
    pushAll(body.children);
    while (stack.length > 0) {
      const { node, table } = stack.pop()!;
      if (typeof node === 'string') continue;
      switch (node.name) {
        case 'w:p': {
          const boxes = this.paragraph(node, table);
          // Text boxes anchored in the paragraph are read right after it.
          for (let k = boxes.length - 1; k >= 0; k--) pushAll(boxes[k].children, table);
          break;
        }
        case 'w:tbl': {
          const number = table?.table ?? ++this.tables;
          const work: Array<{ node: XmlNode; table: TablePosition }> = [];
          childrenNamed(node, 'w:tr').forEach((tr, r) => {
            childrenNamed(tr, 'w:tc').forEach((tc, c) => {
              for (const n of tc.children) work.push({ node: n, table: table ?? { table: number, row: r + 1, cell: c + 1 } });
            });
          });
          for (let k = work.length - 1; k >= 0; k--) stack.push(work[k]);
          break;
        }
        case 'w:sdt':
          pushAll(child(node, 'w:sdtContent')?.children ?? [], table);
          break;
        case 'w:customXml':
          pushAll(node.children, table);
          break;
        default:
          break;
      }
    }
    this.flushPending();
    if (this.comments > 0) {
      this.notes.push({
        kind: 'left-out',
        message: {
          vi: `${this.comments} lời nhận xét (comment) của Word không được nhập: đó là ghi chú bên lề, không phải nội dung văn bản.`,
          en: `${this.comments} Word comment(s) were not imported: they are margin notes, not text of the document.`,
        },
      });
    }
    const orphans = [...this.notesById.keys()].filter((id) => !this.noteLabels.has(`f${id}`)).length;
    if (orphans > 0) {
      this.notes.push({
        kind: 'left-out',
        message: {
          vi: `${orphans} chú thích trong tệp không được đoạn nào tham chiếu (Word không hiển thị chúng); không được nhập.`,
          en: `${orphans} footnote(s) in the file are referred to by no paragraph (Word does not show them); not imported.`,
        },
      });
    }
  }

  private flushPending(): void {
    if (this.pending.length === 0) return;
    const last = this.paragraphs[this.paragraphs.length - 1];
    if (last) last.notes.push(...this.pending);
    else this.notes.push(...this.pending);
    this.pending = [];
  }

  /** Reads one paragraph; returns the text boxes anchored in it. */
  private paragraph(p: XmlElement, table: TablePosition | undefined): XmlElement[] {
    const pPr = child(p, 'w:pPr');
    const styleId = childVal(pPr, 'w:pStyle');
    const style = this.styles.paragraph(styleId);
    const base = layer(this.styles.defaults, style.run);
    const read = this.runs(p, base, true);
    const notes = read.notes;

    // The number or bullet: the paragraph's own numbering, else its style's.
    const numPr = child(pPr, 'w:numPr');
    const numId = childVal(numPr, 'w:numId') ?? style.numId;
    let marker: ListMarker | undefined;
    if (numId !== undefined && numId !== '0') {
      const ilvl = Number(childVal(numPr, 'w:ilvl') ?? style.ilvl ?? this.numbering.levelOfStyle(numId, styleId) ?? 0);
      marker = this.numbering.next(numId, Number.isInteger(ilvl) && ilvl >= 0 && ilvl < 9 ? ilvl : 0);
    }

    const segments = this.segments(read.pieces);
    const plain = read.pieces
      .map((x) => ('break' in x ? ' ' : x.text))
      .join('')
      .replace(/\s+/gu, ' ')
      .trim();
    if (plain === '') {
      if (marker && !marker.bullet && marker.text.trim() !== '') {
        notes.push({
          kind: 'left-out',
          message: {
            vi: `Một đoạn trống được Word đánh số "${marker.text}" (số đó vẫn được tính) không được nhập.`,
            en: `An empty paragraph that Word numbers "${marker.text}" (the number still counts) was not imported.`,
          },
        });
      }
      this.pending.push(...notes);
      return read.boxes;
    }
    if (marker && !marker.bullet && marker.text.trim() !== '') this.numbered++;
    this.flushPending();
    this.paragraphs.push({
      index: this.paragraphs.length + 1,
      segments,
      ...(marker && marker.text.trim() !== '' ? { marker } : {}),
      ...(style.outlineLevel !== undefined ? { outlineLevel: style.outlineLevel } : {}),
      ...(table ? { table } : {}),
      notes,
      plain: `${marker && marker.text.trim() !== '' ? `${marker.text} ` : ''}${plain}`.trim(),
    });
    return read.boxes;
  }

  /** The pieces cut at line and page breaks, each rendered with its emphasis. */
  private segments(pieces: readonly Piece[]): string[] {
    const words = pieces.filter((x): x is TextPiece => !('break' in x) && !x.markup && !BLANK.test(x.text));
    const allBold = words.length > 0 && words.every((x) => x.bold);
    const allItalic = words.length > 0 && words.every((x) => x.italic);
    const out: string[] = [];
    let line: TextPiece[] = [];
    for (const x of pieces) {
      if ('break' in x) {
        out.push(render(line, allBold, allItalic));
        line = [];
      } else line.push(x);
    }
    out.push(render(line, allBold, allItalic));
    return out;
  }

  /**
   * The runs of a paragraph (or of a footnote's paragraph) as pieces, without recursion:
   * hyperlinks, content controls, fields and tracked insertions are read through; tracked
   * deletions, hidden text, field codes, images and comments are left out and noted.
   */
  private runs(p: XmlElement, base: RunLook, body: boolean): { pieces: Piece[]; notes: WordNote[]; boxes: XmlElement[] } {
    const pieces: Piece[] = [];
    const notes: WordNote[] = [];
    const boxes: XmlElement[] = [];
    let inserted = '';
    let deleted = '';
    let hidden = '';
    let objects = 0;
    let symbols = 0;
    const stack: Array<{ node: XmlNode; removed: boolean; insertedText: boolean }> = [];
    for (let k = p.children.length - 1; k >= 0; k--) stack.push({ node: p.children[k], removed: false, insertedText: false });
    while (stack.length > 0) {
      const { node, removed, insertedText } = stack.pop()!;
      if (typeof node === 'string') continue;
      if (node.name === 'w:r') {
        const rPr = child(node, 'w:rPr');
        const look = layer(layer(base, this.styles.character(childVal(rPr, 'w:rStyle'))), runLook(rPr));
        for (const c of node.children) {
          if (typeof c === 'string') continue;
          const result = this.runChild(c, look, removed, body);
          if (result === undefined) continue;
          if ('box' in result) {
            if (result.box) boxes.push(...result.box);
            else objects++;
            continue;
          }
          if ('comment' in result) {
            if (body) this.comments++;
            continue;
          }
          if ('symbol' in result) {
            symbols++;
            continue;
          }
          if (removed) {
            if ('text' in result) deleted += result.text;
            continue;
          }
          if ('text' in result && look.hidden) {
            hidden += result.text;
            continue;
          }
          if ('text' in result && insertedText) inserted += result.text;
          pieces.push(result);
        }
        continue;
      }
      // An equation is not text a plan can hold: counted with the pictures and said.
      if (node.name === 'm:oMath' || node.name === 'm:oMathPara') {
        objects++;
        continue;
      }
      const removes = REMOVED.has(node.name);
      if (removes || CONTAINERS.has(node.name) || node.name === 'w:sdt') {
        const kids = node.name === 'w:sdt' ? child(node, 'w:sdtContent')?.children ?? [] : node.children;
        const inserts = node.name === 'w:ins' || node.name === 'w:moveTo';
        for (let k = kids.length - 1; k >= 0; k--) stack.push({ node: kids[k], removed: removed || removes, insertedText: insertedText || inserts });
        continue;
      }
    }
    if (inserted.trim() !== '' || deleted.trim() !== '') {
      const kept = inserted.trim() !== '' ? `giữ phần chèn thêm "${excerpt(inserted)}"` : '';
      const dropped = deleted.trim() !== '' ? `bỏ phần đã xóa "${excerpt(deleted)}"` : '';
      const keptEn = inserted.trim() !== '' ? `kept the insertion "${excerpt(inserted)}"` : '';
      const droppedEn = deleted.trim() !== '' ? `dropped the deletion "${excerpt(deleted)}"` : '';
      notes.push({
        kind: 'tracked-change',
        message: {
          vi: `Thay đổi được theo dõi (Track Changes) chưa chấp nhận: ${[kept, dropped].filter(Boolean).join('; ')}, như khi chấp nhận mọi thay đổi.`,
          en: `Tracked changes not yet accepted: ${[keptEn, droppedEn].filter(Boolean).join('; ')}, as if all changes were accepted.`,
        },
      });
    }
    if (hidden.trim() !== '') {
      notes.push({
        kind: 'left-out',
        message: { vi: `Bỏ chữ ẩn (Hidden) "${excerpt(hidden)}": Word không in chữ này.`, en: `Dropped the hidden text "${excerpt(hidden)}": Word does not print it.` },
      });
    }
    if (objects > 0) {
      notes.push({
        kind: 'left-out',
        message: {
          vi: `Bỏ ${objects} hình ảnh, công thức hoặc đối tượng nhúng (không phải chữ).`,
          en: `Left out ${objects} picture(s), equation(s) or embedded object(s) (not text).`,
        },
      });
    }
    if (symbols > 0) {
      notes.push({
        kind: 'left-out',
        message: { vi: `Bỏ ${symbols} ký hiệu của phông Symbol/Wingdings không có chữ tương ứng.`, en: `Left out ${symbols} Symbol/Wingdings character(s) with no text equivalent.` },
      });
    }
    return { pieces, notes, boxes };
  }

  /** One child of a run. */
  private runChild(
    c: XmlElement,
    look: RunLook,
    removed: boolean,
    body: boolean,
  ): Piece | { box: XmlElement[] | undefined } | { comment: true } | { symbol: true } | undefined {
    const inField = this.fields.length > 0 && !this.fields.every((shown) => shown);
    const piece = (text: string): TextPiece => ({ text: look.caps ? text.toLocaleUpperCase('vi') : text, bold: !!look.bold, italic: !!look.italic });
    switch (c.name) {
      case 'w:fldChar': {
        const type = c.attrs['w:fldCharType'];
        if (type === 'begin') this.fields.push(false);
        else if (type === 'separate' && this.fields.length > 0) this.fields[this.fields.length - 1] = true;
        else if (type === 'end') this.fields.pop();
        return undefined;
      }
      case 'w:t':
      case 'w:delText':
        if (inField) return undefined;
        if (c.name === 'w:delText' && !removed) return undefined;
        return piece(c.children.filter((x): x is string => typeof x === 'string').join(''));
      case 'w:tab':
      case 'w:ptab':
        return inField ? undefined : piece('\t');
      case 'w:noBreakHyphen':
        return inField ? undefined : piece('\u2011');
      case 'w:softHyphen':
        return inField ? undefined : piece('\u00AD');
      case 'w:sym': {
        if (inField) return undefined;
        const code = (c.attrs['w:char'] ?? '').toUpperCase();
        const mapped = SYMBOLS[code];
        if (mapped) return piece(mapped);
        const n = parseInt(code, 16);
        // A character outside the fonts' private area is a character.
        return n > 0x20 && (n < 0xe000 || n > 0xf8ff) ? piece(String.fromCodePoint(n)) : { symbol: true };
      }
      case 'w:br':
        if (inField) return undefined;
        return { break: c.attrs['w:type'] === 'page' ? 'page' : 'line' };
      case 'w:cr':
        return inField ? undefined : { break: 'line' };
      case 'w:footnoteReference':
      case 'w:endnoteReference': {
        if (!body) return undefined;
        const id = c.attrs['w:id'] ?? '';
        const endnote = c.name === 'w:endnoteReference';
        const key = `${endnote ? 'e' : 'f'}${id}`;
        const note = (endnote ? this.endnotesById : this.notesById).get(id);
        if (!note) return undefined;
        let label = this.noteLabels.get(key);
        if (!label) {
          label = String(this.footnotes.length + 1);
          this.noteLabels.set(key, label);
          this.footnotes.push({ label, text: this.noteText(note) });
        }
        return { text: `[^${label}]`, bold: false, italic: false, markup: true };
      }
      case 'w:commentReference':
        return { comment: true };
      case 'w:drawing':
      case 'w:pict':
      case 'w:object':
      case 'mc:AlternateContent': {
        // A text box's paragraphs are text; Word writes them twice (the drawing and a VML fallback).
        const from = c.name === 'mc:AlternateContent' ? (c.children.find((x): x is XmlElement => typeof x !== 'string') ?? c) : c;
        const found = boxesIn(from);
        return { box: found.length > 0 ? found : undefined };
      }
      default:
        return undefined;
    }
  }

  /** The text of a footnote: its paragraphs, their emphasis kept, joined by spaces. */
  private noteText(note: XmlElement): string {
    const parts: string[] = [];
    for (const p of childrenNamed(note, 'w:p')) {
      const style = this.styles.paragraph(childVal(child(p, 'w:pPr'), 'w:pStyle'));
      const read = this.runs(p, layer(this.styles.defaults, style.run), false);
      const text = this.segments(read.pieces).join(' ').replace(/\s+/gu, ' ').trim();
      if (text) parts.push(text);
    }
    return parts.join(' ');
  }
}

/** The text boxes (w:txbxContent) inside a drawing, without recursion. */
function boxesIn(e: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const stack: XmlNode[] = [e];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') continue;
    if (node.name === 'w:txbxContent') {
      out.push(node);
      continue;
    }
    for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]);
  }
  return out;
}

/** Reads a Word document from the XML parts of its package. Throws XmlError when a part is not XML. */
export function readWordDocument(parts: WordParts): WordDocument {
  const reader = new Reader(parts);
  const root = parseXml(parts.document);
  const body = child(root, 'w:body');
  if (body) reader.readBody(body);
  return { paragraphs: reader.paragraphs, footnotes: reader.footnotes, notes: reader.notes, numbered: reader.numbered };
}
