// The check worker's text in pieces reads as the string it stands for, after every edit of random series: slices, characters and searches as the string methods give them, with no join of the whole text.

import assert from 'node:assert/strict';
import { flatText, PieceText } from '../../server/src/core/text/piece-text';
import { seededRandom } from '../support/random';

/** What is typed: line breaks, CR LF, what the parse searches for, Vietnamese letters and surrogate pairs. */
const TYPED = ['a', 'ư', '\n', '\n\n', '\r\n', '\r', '<!--', '-->', '[^', '1]: x', '<', '!', '-', 'ab', '𝒜', '\uD835', '\uDC9C', '', 'Nghị quyết số 43-NQ/TW\n', 'x'.repeat(40)];

/** Offsets as readers may pass them: inside, at the ends, past them, negative, fractional, NaN, undefined. */
function offset(next: () => number, length: number): number | undefined {
  const pick = next();
  if (pick < 0.7) return Math.floor(next() * (length + 1));
  if (pick < 0.75) return undefined;
  if (pick < 0.8) return -Math.floor(next() * (length + 3));
  if (pick < 0.85) return length + 1 + Math.floor(next() * 5);
  if (pick < 0.9) return NaN;
  if (pick < 0.95) return Math.floor(next() * length) + 0.5;
  return next() < 0.5 ? Infinity : -Infinity;
}

describe('text in pieces', () => {
  it('reads as its string after every random edit: slice, charCodeAt, indexOf, lastIndexOf, length, without joining', function () {
    // Exhaustive: the timeout guards against a hang, not a measure (tens of seconds on a loaded machine).
    this.timeout(180_000);
    let reads = 0;
    for (const size of [1, 3, 8, 64]) {
      const next = seededRandom(300 + size);
      for (let round = 0; round < 25; round++) {
        let text = Array.from({ length: Math.floor(next() * 30) }, () => TYPED[Math.floor(next() * TYPED.length)]).join('');
        let pieces = PieceText.of(text, size);
        for (let step = 0; step < 60; step++) {
          const start = Math.floor(next() * (text.length + 1));
          const end = next() < 0.5 ? start : Math.min(text.length, start + Math.floor(next() * (next() < 0.8 ? 5 : 3 * size + 10)));
          const inserted = next() < 0.3 ? '' : Array.from({ length: 1 + Math.floor(next() * 3) }, () => TYPED[Math.floor(next() * TYPED.length)]).join('');
          const before = pieces;
          const beforeText = text;
          pieces = pieces.edited(start, end, inserted);
          text = text.slice(0, start) + inserted + text.slice(end);
          const joins = PieceText.joins;
          const where = `pieces of ${size}, round ${round}, edit ${step}`;
          assert.equal(pieces.length, text.length, `${where}: length`);
          for (let k = 0; k < 12; k++) {
            const a = offset(next, text.length);
            const b = offset(next, text.length);
            assert.equal(pieces.slice(a, b), text.slice(a, b), `${where}: slice(${a}, ${b})`);
            assert.equal(pieces.slice(a), text.slice(a), `${where}: slice(${a})`);
            const at = a ?? 0;
            assert.deepEqual(pieces.charCodeAt(at), text.charCodeAt(at), `${where}: charCodeAt(${at})`);
            // Searched for: what the text holds there (across pieces too), and what the parse looks for.
            const from = Math.max(0, Math.min(text.length, Math.floor(next() * (text.length + 1))));
            const own = text.slice(from, from + 1 + Math.floor(next() * 5));
            for (const search of [own, '\n', '\r', '<!--', '[^', '\n\n', '']) {
              assert.equal(pieces.indexOf(search, b), text.indexOf(search, b), `${where}: indexOf(${JSON.stringify(search)}, ${b})`);
              assert.equal(pieces.lastIndexOf(search, b), text.lastIndexOf(search, b), `${where}: lastIndexOf(${JSON.stringify(search)}, ${b})`);
            }
            reads++;
          }
          // The whole text as a concatenation (what the main thread's document hands on) and piece by piece (its line starts).
          assert.equal(pieces.concatenated(), text, `${where}: the text concatenated`);
          let visited = '';
          pieces.forEachPiece((piece, start) => {
            assert.equal(start, visited.length, `${where}: a piece's start`);
            visited += piece;
          });
          assert.equal(visited, text, `${where}: the pieces in order`);
          assert.equal(PieceText.joins, joins, `${where}: a read joined the text`);
          // The version before the edit is unchanged: what read it (the last line index) still reads it.
          assert.equal(before.length, beforeText.length, `${where}: the last version's length`);
          assert.equal(before.slice(0, beforeText.length), beforeText, `${where}: the last version's text`);
          if (size > 1 && text.length > 0) assert.ok(pieces.pieceCount <= Math.ceil(text.length / size) * 4 + 2, `${where}: ${pieces.pieceCount} pieces for ${text.length} characters`);
          if (next() < 0.1) {
            assert.equal(flatText(pieces), text, `${where}: the text joined`);
            assert.equal(PieceText.joins, joins + 1, `${where}: joined once`);
            assert.equal(pieces.toString(), text);
            assert.equal(PieceText.joins, joins + 1, `${where}: joined once only`);
          }
        }
        assert.equal(flatText(pieces), text);
      }
    }
    assert.ok(reads > 50_000);
  });

  it('refuses an edit outside the text', () => {
    const text = PieceText.of('abcdef', 2);
    assert.throws(() => text.edited(-1, 0, 'x'), RangeError);
    assert.throws(() => text.edited(3, 2, 'x'), RangeError);
    assert.throws(() => text.edited(0, 7, 'x'), RangeError);
    assert.equal(text.edited(6, 6, 'g').slice(), 'abcdefg');
    assert.equal(text.edited(0, 6, '').length, 0);
  });
});
