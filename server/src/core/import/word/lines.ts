// Turns the paragraphs of a Word document into the lines the importer reads: list numbers written out, line breaks read by where they are, what the reader noted turned into repairs.

import { withoutMarkup } from '../../text/inline-markup';
import { Repair } from '../types';
import { isHeaderLine, isKindLine } from '../front';
import { startsBlock } from '../source';
import { excerpt, romanHeadingStart } from '../text';
import { WordDocument, WordParagraph } from './document';
import { ListMarker } from './numbering';

export interface WordLines {
  /** The lines of text, as a text file would hold them. */
  lines: string[];
  /** The 1-based paragraph of each line (lines[i] comes from paragraph paragraphOf[i]). */
  paragraphOf: number[];
  /** Lines whose tabs are spaces: paragraphs of prose, not the columns of the header or the signature. */
  prose: boolean[];
  /** Lines of paragraphs in a Word heading style: line → outline level (0 for Heading 1). */
  headingLevels: Map<number, number>;
  repairs: Repair[];
}

/** How a list marker reads in text: a number as Word shows it, a bullet as a dash. */
function markerText(marker: ListMarker): string {
  const text = marker.text.trim();
  if (!marker.bullet) return marker.text;
  return /^[-–+]$/u.test(text) ? text : '-';
}

/**
 * The marker and a space. Even a level whose number is followed by "nothing" shows a gap in most
 * documents (the label sits in its own indent, as LibreOffice lays out lists), and the reading of
 * "a)" or "1." as an item needs the space.
 */
function lead(p: WordParagraph): string {
  return p.marker ? `${markerText(p.marker)} ` : '';
}

/**
 * A symbol cut by a line break ("21-" / "KH/TW"): the break is kept, as printed, for
 * citation.malformed to report. Only the ends of the two pieces are looked at.
 */
function cutSymbol(before: string, after: string): boolean {
  return /\d[-/]$/u.test(before.slice(-8).trimEnd()) && /^[\p{Lu}\d]/u.test(after.slice(0, 8).trimStart());
}

/**
 * The lines of a Word document. A line break (Shift+Enter) or page break inside a paragraph of the
 * body is a space, so a wrapped heading stays one heading; it ends the line when what follows
 * starts an item of its own ("- …", "2. …"). In the header, in tables and in the recipients and
 * signature, where each line is a piece of information, every break ends a line.
 */
export function wordLines(doc: WordDocument, startsTail: (text: string) => boolean, kinds: readonly string[]): WordLines {
  const out: WordLines = { lines: [], paragraphOf: [], prose: [], headingLevels: new Map(), repairs: [] };
  const paragraphs = doc.paragraphs;
  const segmentsOf = (p: WordParagraph): string[] => {
    const segs = [...p.segments];
    segs[0] = lead(p) + segs[0].trimStart();
    return segs;
  };
  const bodyStart = paragraphs.findIndex((p) => !p.table && romanHeadingStart(segmentsOf(p).join(' ').trim()) !== undefined);
  const from = bodyStart < 0 ? 0 : bodyStart;
  let tailStart = paragraphs.findIndex((p, i) => i >= from && startsTail(withoutMarkup(segmentsOf(p)[0]).trim()));
  if (tailStart < 0) tailStart = paragraphs.length;
  // Before the kind ("KẾ HOẠCH") stand the header blocks: pieces of information, their tabs columns.
  const headEnd = bodyStart < 0 ? tailStart : bodyStart;
  const kindAt = paragraphs.findIndex((p, i) => i < headEnd && isKindLine(withoutMarkup(segmentsOf(p)[0]).trim(), kinds));

  const push = (text: string, p: WordParagraph, prose: boolean): number => {
    out.lines.push(text);
    out.paragraphOf.push(p.index);
    out.prose.push(prose);
    return out.lines.length;
  };

  paragraphs.forEach((p, i) => {
    const segs = segmentsOf(p);
    const firstLine = out.lines.length + 1;
    const head = i < headEnd;
    const first = withoutMarkup(segs[0]).trim();
    const lineByLine = !!p.table || i >= tailStart || i <= kindAt || (head && (isHeaderLine(first) || isKindLine(first, kinds)));
    if (lineByLine) {
      // Pieces of information (number, date, recipients, signature): plain text, emphasis is layout.
      for (const s of segs) push(withoutMarkup(s), p, false);
    } else if (segs.length === 1) {
      push(segs[0], p, true);
    } else {
      // Pieces joined once at the end: a paragraph of 200,000 line breaks is read in linear time.
      let parts = [segs[0].trimEnd()];
      let last = segs[0];
      let spaces = 0;
      const splits: string[] = [];
      for (let k = 1; k < segs.length; k++) {
        const next = segs[k].trim();
        if (next === '') continue;
        if (startsBlock(next)) {
          push(parts.join(''), p, true);
          splits.push(next);
          parts = [next];
        } else if (cutSymbol(last, next)) {
          parts.push('\n', next);
        } else {
          parts.push(' ', next);
          spaces++;
        }
        last = next;
      }
      push(parts.join(''), p, true);
      if (spaces > 0) {
        out.repairs.push({
          id: 'soft-break',
          line: firstLine,
          message: {
            vi: `Đọc ${spaces} dấu ngắt dòng (Shift+Enter) trong đoạn thành dấu cách: đoạn vẫn là một đoạn.`,
            en: `Read ${spaces} line break(s) (Shift+Enter) inside the paragraph as spaces: it stays one paragraph.`,
          },
        });
      }
      for (const s of splits) {
        out.repairs.push({
          id: 'soft-break',
          line: firstLine,
          message: {
            vi: `Tách đoạn tại dấu ngắt dòng (Shift+Enter) trước "${excerpt(s, 40)}": phần sau bắt đầu một mục riêng.`,
            en: `Split the paragraph at the line break (Shift+Enter) before "${excerpt(s, 40)}": what follows starts an item of its own.`,
          },
        });
      }
    }
    if (p.outlineLevel !== undefined) out.headingLevels.set(firstLine, p.outlineLevel);
    for (const note of p.notes) out.repairs.push({ id: note.kind, line: firstLine, message: note.message });
  });

  for (const note of doc.notes) out.repairs.push({ id: note.kind, line: 0, message: note.message });
  if (doc.numbered > 0) {
    out.repairs.push({
      id: 'list-numbering',
      line: 0,
      message: {
        vi: `${doc.numbered} đoạn được Word đánh số tự động; số được viết ra như Word hiển thị, theo định nghĩa đánh số của tệp (kiểu số I., 1., a), số bắt đầu, đánh lại từ đầu).`,
        en: `${doc.numbered} paragraph(s) are numbered automatically by Word; their numbers are written out as Word shows them, following the file's numbering definitions (format I., 1., a), start values, restarts).`,
      },
    });
  }
  if (doc.footnotes.length > 0) {
    out.repairs.push({
      id: 'word-footnote',
      line: 0,
      message: {
        vi: `${doc.footnotes.length} chú thích cuối trang của Word được ghi thành chú thích Markdown ([^1] trong câu, "[^1]: …" ở cuối kế hoạch); bộ kiểm tra bỏ qua chúng như bỏ qua ghi chú.`,
        en: `${doc.footnotes.length} Word footnote(s) are written as Markdown footnotes ([^1] in the sentence, "[^1]: …" at the end of the plan); the checker ignores them as it ignores comments.`,
      },
    });
  }
  return out;
}
