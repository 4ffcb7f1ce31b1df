// What the server reads of a document kept in pieces without its whole text (the blank lines and cited symbols around a change, the front matter from the first characters) is what a reading of the whole text gives.

import assert from 'node:assert/strict';
import { parsePlanHead } from '../../server/src/core/document/parse';
import { ParseMemory } from '../../server/src/core/document/parse-memory';
import { blankLineCuts, citedSymbols, CitedSymbolsMemory } from '../../server/src/core/workspace/index-entry';
import { PieceDocument, sliceOf } from '../../server/src/lsp/piece-document';
import { seededRandom } from '../support/random';

describe('readers of a document kept in pieces', () => {
  it('finds the blank lines window by window where the whole text finds them, from any place', () => {
    const bits = ['\n', '\n\n', ' ', '\t', '\r\n', '\r', '\n \n', '  \n', 'x', 'dòng dài hơn', '\n\t\r\n'];
    const next = seededRandom(31);
    for (let round = 0; round < 300; round++) {
      let text = '';
      const parts = Math.floor(next() * 60);
      for (let i = 0; i < parts; i++) text += bits[Math.floor(next() * bits.length)];
      const from = Math.floor(next() * (text.length + 1));
      const whole = [...blankLineCuts(text, from)];
      for (const window of [1, 2, 3, 5, 8, 64]) {
        const windowed = [...blankLineCuts(text, from, (s, e) => text.slice(s, e), window)];
        assert.deepEqual(windowed, whole, `round ${round}, window ${window}, from ${from}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('reads the cited symbols from the pieces as from the whole text, after every edit', () => {
    const typed = ['\n', '\n\n', ' ', '\t', '\r\n', '\n \n', '  \n', 'x', ' Nghị quyết số 43-NQ/TW', ' Kế hoạch 21-KH/TW', '\nNQ/TW', ' 43-'];
    const next = seededRandom(37);
    for (let round = 0; round < 30; round++) {
      const lines = Array.from({ length: 10 + Math.floor(next() * 30) }, () => typed[Math.floor(next() * typed.length)].replace(/^\n/, ''));
      const doc = PieceDocument.create('file:///p.md', 'markdown', 1, lines.join('\n'), 4);
      const memory: CitedSymbolsMemory = new ParseMemory();
      citedSymbols(doc.getText(), memory, sliceOf(doc));
      for (let step = 0; step < 60; step++) {
        const length = doc.getText().length;
        const at = Math.floor(next() * (length + 1));
        const end = next() < 0.3 ? Math.min(length, at + 1 + Math.floor(next() * 6)) : at;
        const inserted = next() < 0.8 ? typed[Math.floor(next() * typed.length)] : '';
        doc.update([{ range: { start: doc.positionAt(at), end: doc.positionAt(end) }, text: inserted }], doc.version + 1);
        memory.edited(at, end, inserted.length);
        const scratch: CitedSymbolsMemory = new ParseMemory();
        const text = doc.getText();
        const whole = citedSymbols(text, scratch);
        assert.deepEqual(citedSymbols(text, memory, sliceOf(doc)), whole, `round ${round}, edit ${step + 1}: the cited symbols read from the pieces differ`);
        assert.deepEqual(memory.keptPieces(), scratch.keptPieces(), `round ${round}, edit ${step + 1}: the text is cut elsewhere than from scratch`);
      }
    }
  });

  it('parses the front matter from the first characters as from the whole text, wherever they end', () => {
    const bits = ['---', '...', '\n', '\r\n', '\r', ' ', '\t', '\u2028', 'template: ke-hoach-trien-khai', 'title: Kế hoạch', 'x', '#', '## Mục', ':'];
    const next = seededRandom(41);
    for (let round = 0; round < 200; round++) {
      let text = next() < 0.8 ? '---\n' : '';
      const parts = Math.floor(next() * 20);
      for (let i = 0; i < parts; i++) text += bits[Math.floor(next() * bits.length)];
      if (next() < 0.5) text += '\n---\n\n# Kế hoạch\n\nNội dung.';
      const whole = JSON.stringify(parsePlanHead('file:///p.md', text, 'markdown'));
      for (let k = 0; k <= text.length; k++) {
        const fromHead = JSON.stringify(parsePlanHead('file:///p.md', text, 'markdown', text.slice(0, k)));
        assert.equal(fromHead, whole, `round ${round}, first ${k} characters of ${JSON.stringify(text)}`);
      }
    }
  });
});
