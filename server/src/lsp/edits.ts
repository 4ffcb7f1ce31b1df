// The edits of each open document as the client sent them (didChange ranges, as offsets), so that the check worker can be sent an edit instead of the whole text.

import { TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver/node';
import { TextEdit } from '../core/findings';
import { composeChange, TextChange } from '../core/incremental';
import { LineIndex } from '../core/text/line-index';
import { PieceDocument } from './piece-document';

/** The edits that made version `to` of a document from version `from`, each in offsets of the text just before it; undefined for a whole new text. */
interface Step {
  from: number;
  to: number;
  edits: TextEdit[] | undefined;
}

/** Versions kept per document: a reader further behind is given the whole text. */
const KEPT_STEPS = 64;

export class EditHistory {
  private readonly steps = new Map<string, Step[]>();

  /**
   * The documents' configuration for TextDocuments: documents kept in pieces (the library's
   * document copied the whole text at every edit), noting each change's range first.
   */
  documents(): TextDocuments<PieceDocument> {
    return new TextDocuments<PieceDocument>({
      create: (uri, languageId, version, content) => {
        this.steps.delete(uri);
        return PieceDocument.create(uri, languageId, version, content);
      },
      update: (document, changes, version) => this.update(document, changes, version),
    });
  }

  private update(document: PieceDocument, changes: TextDocumentContentChangeEvent[], version: number): PieceDocument {
    const from = document.version;
    let edits: TextEdit[] | undefined = [];
    // Each change is in the positions of the text the changes before it made: applied one by one,
    // as the library does, with each range read as offsets just before it is applied.
    for (const change of changes) {
      if ('range' in change) {
        const start = document.offsetAt(change.range.start);
        const end = Math.max(start, document.offsetAt(change.range.end));
        edits?.push({ start, end, newText: change.text });
      } else edits = undefined;
      document.update([change], version);
    }
    let list = this.steps.get(document.uri);
    if (!list) {
      list = [];
      this.steps.set(document.uri, list);
    }
    list.push({ from, to: version, edits });
    if (list.length > KEPT_STEPS) list.splice(0, list.length - KEPT_STEPS);
    return document;
  }

  /** The edits from version `from` to version `to` of a document, or undefined when they are not all known. */
  since(uri: string, from: number, to: number): TextEdit[] | undefined {
    if (from === to) return [];
    const list = this.steps.get(uri);
    if (!list) return undefined;
    let i = list.findIndex((s) => s.from === from);
    if (i < 0) return undefined;
    const out: TextEdit[] = [];
    for (let version = from; version !== to; i++) {
      const step = list[i];
      if (!step || step.from !== version || !step.edits) return undefined;
      for (const e of step.edits) out.push(e);
      version = step.to;
    }
    return out;
  }

  /** The line index of a version, from the index of an earlier one and the edits between, when they are known. */
  lineIndex(
    uri: string,
    text: string,
    version: number,
    earlier: { version: number; lines: LineIndex } | undefined,
    read?: (start: number, end: number) => string,
  ): LineIndex {
    const edits = earlier ? this.since(uri, earlier.version, version) : undefined;
    if (earlier && edits) {
      // The range the edits cover: only the text inserted there is searched for line breaks.
      let change: TextChange | undefined;
      for (const e of edits) change = composeChange(change, e.start, e.end, e.newText.length);
      // The inserted text read from the document's pieces (`read`), not from the text, which it would copy whole.
      const lines = change
        ? earlier.lines.edited(text, change.start, change.oldEnd, change.newEnd, read?.(change.start, change.newEnd))
        : earlier.lines.edited(text, 0, 0, 0);
      if (lines) return lines;
    }
    return new LineIndex(text);
  }

  forget(uri: string): void {
    this.steps.delete(uri);
  }
}
