// The line index of an edited version, updated from the last version's, answers every position and offset as one built afresh: random edits that add, remove and join lines.

import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/text/line-index';
import { seededRandom } from '../support/random';

const PIECES = ['a', 'ệ', '\n', '\n\n', 'x\ny\nz', '😀', ' ', 'Điều 1.\n- ', ''];

describe('line index updated by edits', () => {
  it('answers positions and offsets as the index built afresh', () => {
    const next = seededRandom(2014);
    let text = 'a\nbc\n\nd';
    let lines = new LineIndex(text);
    let checked = 0;
    for (let i = 0; i < 3000; i++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = next() < 0.5 ? start : Math.min(text.length, start + 1 + Math.floor(next() * 12));
      const inserted = next() < 0.3 && end > start ? '' : PIECES[Math.floor(next() * PIECES.length)];
      const changed = text.slice(0, start) + inserted + text.slice(end);
      const edited = lines.edited(changed, start, end, start + inserted.length);
      assert.ok(edited, `edit ${i}: a text without CR is updated`);
      const fresh = new LineIndex(changed);
      assert.equal(edited.lineCount, fresh.lineCount, `edit ${i}: lines`);
      for (let offset = -2; offset <= changed.length + 2; offset++) {
        // Counted in the text itself: the line breaks before the offset, and its distance from the last one.
        const at = Math.max(0, Math.min(offset, changed.length));
        const before = changed.slice(0, at);
        const expected = { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
        assert.deepEqual(edited.positionAt(offset), expected, `edit ${i}: offset ${offset}`);
        assert.deepEqual(fresh.positionAt(offset), expected, `edit ${i}: offset ${offset} (afresh)`);
      }
      for (let line = -1; line <= fresh.lineCount; line++) {
        for (const character of [0, 1, 3, 1000]) assert.equal(edited.offsetAt({ line, character }), fresh.offsetAt({ line, character }), `edit ${i}: ${line}:${character}`);
      }
      checked++;
      // Kept short, so that every offset can be asked at every edit.
      text = changed.length > 400 ? changed.slice(0, 60) : changed;
      lines = text === changed ? edited : new LineIndex(text);
    }
    assert.equal(checked, 3000);
  });
});
