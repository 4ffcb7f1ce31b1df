// A block that an edit before it moved is one record, its own span, made from a block no edit moved: what the parse keeps from one keystroke to the next.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '../../server/src/core/document/parse';
import { blockString, memoOwnerOf, MovedBlock, movedBlock } from '../../server/src/core/document/moved-block';
import { Block } from '../../server/src/core/model';
import { CheckSession } from '../../server/src/core/incremental';
import { MappedText } from '../../server/src/core/text/mapped-text';
import { TextMemo, withTextMemo } from '../../server/src/core/text/memo';
import { PieceText } from '../../server/src/core/text/piece-text';
import { PLAN_FIXTURES } from '../support/paths';

function paragraph(text: string, start: number): Block {
  return { kind: 'paragraph', text: MappedText.slice(text, start), span: { start, end: start + text.length }, region: 'body' };
}

describe('moved blocks', () => {
  it('a moved block is its own span, at its place now, and reads its kind, region and text from the block it was made from', () => {
    const made = paragraph('Tổ chức thực hiện.', 10);
    const once = movedBlock(made, 5);
    assert.equal(once.span, once, 'a second object for the span');
    assert.deepEqual({ start: once.span.start, end: once.span.end }, { start: 15, end: 33 });
    assert.equal(once.origin, made);
    assert.equal(once.kind, 'paragraph');
    assert.equal(once.region, 'body');
    assert.equal(once.delta, 5);
    assert.equal(blockString(once), 'Tổ chức thực hiện.');
    assert.equal(once.origin, made, 'the text made before it was read');
    assert.equal(once.text.toSource(0), 15);
    assert.equal(once.text.text, 'Tổ chức thực hiện.');
    // Its fields in the one order a literal gives them: one hidden class for every moved block.
    assert.deepEqual(Object.keys(once), ['origin', 'start', 'end']);
    // The last version's block is left as it was.
    assert.deepEqual(made.span, { start: 10, end: 28 });
  });

  it('reading a moved block\'s text makes its origin a plain block holding that text at its place, read from then on', () => {
    const made = paragraph('Kế hoạch số 21-KH/TW.', 4);
    const once = movedBlock(made, 6);
    const read = once.text;
    assert.ok(!(once.origin instanceof MovedBlock));
    assert.notEqual(once.origin, made);
    assert.equal(once.origin.text, read);
    assert.deepEqual({ start: once.origin.span.start, end: once.origin.span.end }, { start: 10, end: 31 });
    assert.equal(once.origin.kind, 'paragraph');
    assert.equal(once.origin.region, 'body');
    // The block itself is as it was: its place, kind, region and string; its text made once.
    assert.deepEqual({ start: once.start, end: once.end, delta: once.delta }, { start: 10, end: 31, delta: 0 });
    assert.equal(once.kind, 'paragraph');
    assert.equal(blockString(once), 'Kế hoạch số 21-KH/TW.');
    assert.equal(once.text, read, 'the text made again');
    assert.equal(memoOwnerOf(once), read);
    assert.deepEqual(Object.keys(once), ['origin', 'start', 'end']);
    // The last version's block is left as it was.
    assert.deepEqual(made.span, { start: 4, end: 25 });
    assert.equal(made.text.toSource(0), 4);
    // A block moved back to its origin's place reads the origin's text, with no new object.
    const back = movedBlock(movedBlock(made, 3), -3);
    assert.equal(back.text, made.text);
    assert.equal(back.origin, made);
  });

  it('a block moved again before its text was read keeps its origin, the moves added up', () => {
    const made = paragraph('Kế hoạch số 21-KH/TW.', 0);
    const twice = movedBlock(movedBlock(made, 3), -1);
    assert.equal(twice.origin, made, 'a moved block holding another');
    assert.equal(twice.delta, 2);
    assert.deepEqual({ start: twice.start, end: twice.end }, { start: 2, end: 23 });
    assert.equal(twice.text.toSource(0), 2);
  });

  it('a block moved again after its text was read is moved from a plain block holding that text (the text memory goes with it)', () => {
    const made = paragraph('Kế hoạch số 21-KH/TW.', 4);
    const once = movedBlock(made, 6);
    const read = once.text;
    const twice = movedBlock(once, 7);
    assert.ok(!(twice.origin instanceof MovedBlock), 'a moved block holding another');
    assert.equal(twice.origin.text, read);
    assert.equal(memoOwnerOf(twice), read);
    assert.deepEqual({ start: twice.origin.span.start, end: twice.origin.span.end }, { start: 10, end: 31 });
    assert.equal(twice.delta, 7);
    assert.deepEqual({ start: twice.start, end: twice.end }, { start: 17, end: 38 });
    assert.equal(twice.text.toSource(0), 17);
    assert.equal(blockString(twice), 'Kế hoạch số 21-KH/TW.');
  });

  it('the blocks a keystroke moves in a parse with the session are moved blocks; one given another region has a plain span of its own', () => {
    const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'clean-commune-party-2026.md'), 'utf8');
    const uri = 'file:///plans/clean-commune-party-2026.md';
    const session = new CheckSession();
    const memo = new TextMemo();
    const parse = (t: string) => withTextMemo(memo, () => {
      memo.nextGeneration();
      const pieces = PieceText.of(t);
      return parsePlan(uri, pieces, 'markdown', session.lineIndex(pieces), session.parse);
    });
    parse(text);
    // A word typed in the first section's first paragraph: every block after it moves.
    const at = text.indexOf('\n\n', text.indexOf('\n## ')) + 2;
    const edited = text.slice(0, at) + 'Một ' + text.slice(at);
    session.edited(at, at, 4);
    const plan = parse(edited);
    const moved = plan.blocks.filter((b) => b instanceof MovedBlock);
    assert.ok(moved.length > 10, `${moved.length} moved blocks`);
    for (const b of moved) assert.equal(b.span, b);
    assert.ok(plan.closing, 'the fixture has a closing paragraph');
    const closing = plan.closing!;
    assert.ok(!(closing.span instanceof MovedBlock), 'the closing paragraph shares the moved block as its span');
    assert.deepEqual(Object.keys(closing.span), ['start', 'end']);
    assert.equal(edited.slice(closing.span.start, closing.span.end), closing.text.text);
    const scratch = parsePlan(uri, edited, 'markdown');
    assert.deepEqual(
      plan.blocks.map((b) => [b.kind, b.region, b.span.start, b.span.end, b.text.text]),
      scratch.blocks.map((b) => [b.kind, b.region, b.span.start, b.span.end, b.text.text]),
    );
  });
  it('a moved block made from the block it is compared with, or from that block\'s origin, is the same block without reading its kind, region or text', () => {
    let reads = 0;
    /** A paragraph whose kind, region and text count their reads. */
    const counted = (text: string, start: number, metaKey?: string): Block => {
      const made = paragraph(text, start);
      const block = { span: made.span, metaKey } as Block;
      for (const [key, value] of [['kind', made.kind], ['region', made.region], ['text', made.text]] as const) {
        Object.defineProperty(block, key, { get: () => (reads++, value), enumerable: true });
      }
      return block;
    };
    // The session's comparison after an edit of three characters before every block.
    const session = new CheckSession();
    session.begin(PieceText.of('x'.repeat(60)), '', {}, true, undefined).commit(0);
    session.edited(0, 0, 3);
    const same = session.begin(PieceText.of('x'.repeat(63)), '', {}, true, undefined).reuse!.analysis('test').sameBlock;

    const origin = counted('Tổ chức thực hiện.', 10);
    assert.equal(same([origin], movedBlock(origin, 3), 0, 1), 0, 'a block moved from the one it was');
    const movedBefore = movedBlock(origin, 2);
    assert.equal(same([movedBefore], movedBlock(movedBefore, 3), 0, 1), 0, 'a moved block moved again');
    assert.equal(reads, 0, 'the kind, region or text read');

    // Anything else is compared: another origin with the same text is the same block, with another text not.
    assert.equal(same([counted('Tổ chức thực hiện.', 10)], movedBlock(origin, 3), 0, 1), 0);
    assert.ok(reads > 0);
    assert.equal(same([counted('Tổ chức thực hiện!', 10)], movedBlock(origin, 3), 0, 1), undefined);
    assert.equal(same([movedBlock(counted('Tổ chức thực hiện!', 8), 2)], movedBlock(origin, 3), 0, 1), undefined);
    assert.equal(same([origin], counted('Tổ chức thực hiện!', 13), 0, 1), undefined, 'a plain block with another text');
    assert.equal(same([origin], counted('Tổ chức thực hiện.', 13), 0, 1), 0, 'a plain block with the same text');
    // A block with a key is not a moved block's origin in a parse; were it one, the key would differ.
    const keyed = counted('Tổ chức thực hiện.', 10, 'subject');
    assert.equal(same([keyed], movedBlock(keyed, 3), 0, 1), undefined, 'a block with a key the same as a moved block without one');
    // The start must be the one the old block moved to.
    assert.equal(same([origin], movedBlock(origin, 4), 0, 1), undefined, 'a block moved by another length');
  });
});
