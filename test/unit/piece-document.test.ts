// The server's document kept in pieces behaves exactly as the LSP library's document: text, line count, positions and offsets after every edit of random series (CR LF, lone CR, surrogate pairs, positions past the end, full changes).

import assert from 'node:assert/strict';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { PieceText } from '../../server/src/core/text/piece-text';
import { PieceDocument } from '../../server/src/lsp/piece-document';
import { seededRandom } from '../support/random';

/** Bits of text an edit inserts: line breaks of every kind, a surrogate pair, Vietnamese letters. */
const BITS = ['a', 'ệ', 'Điều 1. ', '\n', '\r\n', '\r', '\n\n', '😀', '\ud83d', '\ude00', ' ', 'xyz\r', '\nb', 'dòng\r\ndòng\n', ''];

function randomText(next: () => number, parts: number): string {
  let s = '';
  for (let i = 0; i < parts; i++) s += BITS[Math.floor(next() * BITS.length)];
  return s;
}

/** A position anywhere: inside lines, past a line's end, past the last line, before the first (negative). */
function randomPosition(next: () => number, lineCount: number): { line: number; character: number } {
  const r = next();
  const line = r < 0.05 ? -1 : r < 0.12 ? lineCount + Math.floor(next() * 3) : Math.floor(next() * lineCount);
  const character = next() < 0.05 ? -1 : Math.floor(next() * 12);
  return { line, character };
}

function compare(doc: PieceDocument, ref: TextDocument, next: () => number, where: string): void {
  assert.equal(doc.getText(), ref.getText(), `text ${where}`);
  assert.equal(doc.lineCount, ref.lineCount, `lineCount ${where}`);
  assert.equal(doc.version, ref.version, `version ${where}`);
  const length = ref.getText().length;
  for (let k = 0; k < 12; k++) {
    const offset = Math.floor(next() * (length + 4)) - 2;
    assert.deepEqual(doc.positionAt(offset), ref.positionAt(offset), `positionAt(${offset}) ${where}`);
    const p = randomPosition(next, ref.lineCount);
    assert.equal(doc.offsetAt(p), ref.offsetAt(p), `offsetAt(${JSON.stringify(p)}) ${where}`);
    const q = randomPosition(next, ref.lineCount);
    assert.equal(doc.getText({ start: p, end: q }), ref.getText({ start: p, end: q }), `getText(range) ${where}`);
    const line = Math.floor(next() * (ref.lineCount + 2)) - 1;
    assert.deepEqual(doc.getLineRange(line), ref.getLineRange(line), `getLineRange(${line}) ${where}`);
    assert.equal(doc.getEOLCharacters(line), ref.getEOLCharacters(line), `getEOLCharacters(${line}) ${where}`);
  }
}

function randomChange(next: () => number, ref: TextDocument): TextDocumentContentChangeEvent {
  if (next() < 0.02) return { text: randomText(next, Math.floor(next() * 60)) };
  const start = randomPosition(next, ref.lineCount);
  // Mostly short ranges near the start, sometimes reversed, sometimes long.
  const end =
    next() < 0.6
      ? { line: start.line + (next() < 0.2 ? 1 : 0), character: Math.max(0, start.character) + Math.floor(next() * 3) }
      : randomPosition(next, ref.lineCount);
  const text = randomText(next, Math.floor(next() * (next() < 0.1 ? 40 : 4)));
  return next() < 0.3 ? { range: { start, end }, rangeLength: 0, text } : { range: { start, end }, text };
}

describe('PieceDocument', () => {
  for (const pieceSize of [1, 3, 8, 64]) {
    it(`gives what the library's document gives after random edits, pieces of ${pieceSize}`, () => {
      for (let series = 0; series < 40; series++) {
        const next = seededRandom(pieceSize * 1000 + series);
        const initial = randomText(next, Math.floor(next() * 80));
        const doc = PieceDocument.create('file:///a.md', 'markdown', 1, initial, pieceSize);
        const ref = TextDocument.create('file:///a.md', 'markdown', 1, initial);
        compare(doc, ref, next, `series ${series}, initial`);
        for (let step = 0; step < 80; step++) {
          const changes: TextDocumentContentChangeEvent[] = [];
          const count = next() < 0.15 ? 2 + Math.floor(next() * 3) : 1;
          // Each change in the positions of the text the changes before it made, as a client sends them.
          const probe = TextDocument.create('file:///a.md', 'markdown', ref.version, ref.getText());
          for (let c = 0; c < count; c++) {
            const change = randomChange(next, probe);
            changes.push(change);
            TextDocument.update(probe, [change], ref.version);
          }
          const version = ref.version + 1 + Math.floor(next() * 2);
          doc.update(changes, version);
          TextDocument.update(ref, changes, version);
          compare(doc, ref, next, `series ${series}, step ${step}, changes ${JSON.stringify(changes)}`);
        }
      }
    });
  }

  it('makes the whole text only when it is asked for, and reads a range from the pieces', () => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) lines.push(`Đoạn ${i}: nội dung của đoạn văn bản.`);
    const text = lines.join('\n');
    const doc = PieceDocument.create('file:///b.md', 'markdown', 1, text, 256);
    const ref = TextDocument.create('file:///b.md', 'markdown', 1, text);
    const next = seededRandom(5);
    const joins = PieceText.joins;
    for (let step = 0; step < 300; step++) {
      const line = Math.floor(next() * ref.lineCount);
      const change = { range: { start: { line, character: 3 }, end: { line, character: 3 + Math.floor(next() * 3) } }, text: next() < 0.1 ? '\n' : 'ư' };
      doc.update([change], step + 2);
      TextDocument.update(ref, [change], step + 2);
      const start = Math.floor(next() * text.length);
      assert.equal(doc.slice(start, start + 500), ref.getText().substring(start, start + 500));
      assert.equal(doc.charCodeAt(start), ref.getText().charCodeAt(start));
      if (step % 50 === 0) compare(doc, ref, next, `step ${step}`);
    }
    compare(doc, ref, next, 'end');
    // Its text is a core PieceText, never joined flat by the document: the whole text it gives is a concatenation, copied when read.
    assert.equal(PieceText.joins, joins, 'the document joined its text');
  });
});
