// "Fix all" told as edits of the original text: they give the text the fix loop gives, one per changed place (or line), small, sorted and not overlapping.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../server/src/core/engine';
import { Finding, TextEdit } from '../../server/src/core/findings';
import { applyEdits, EditTrail, fixAll, fixAllChanges, joinEditsOnSameLine, trimmed } from '../../server/src/core/fix';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';

/** Applies edits one by one from the last to the first: what a client does with LSP edits, whose ranges all refer to the original text. */
function oneByOne(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].reverse()) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Sorted, not overlapping, and (unless joined) each one changes its first and its last character. */
function assertWellFormed(text: string, edits: readonly TextEdit[], joined = false): void {
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i];
    assert.ok(e.start <= e.end && e.end <= text.length, `edit ${i} is inside the text`);
    if (i > 0) assert.ok(edits[i - 1].end <= e.start, `edit ${i} starts after edit ${i - 1} ends`);
    if (joined) assert.ok(trimmed(text, e), `edit ${i} changes something`);
    else assert.deepEqual(trimmed(text, e), e, `edit ${i} keeps nothing at its ends: ${JSON.stringify({ old: text.slice(e.start, e.end), new: e.newText })}`);
  }
}

const check = (uri: string) => (t: string): Finding[] => checkText(uri, t, bundledKnowledge().kb, { lang: 'vi', mode: 'submission' }).findings;

describe('fix all as edits', () => {
  const files = fs.readdirSync(PLAN_FIXTURES).filter((f) => /\.(md|ya?ml)$/.test(f)).sort();
  for (const file of files) {
    it(`${file}: the edits give the fix loop's text, one per changed place`, () => {
      const text = fs.readFileSync(path.join(PLAN_FIXTURES, file), 'utf8');
      const result = fixAllChanges(text, check(file));
      assert.equal(result.text, fixAll(text, check(file)).text, 'the same loop as plan43 check --fix');
      assertWellFormed(text, result.changes);
      assert.equal(oneByOne(text, result.changes), result.text);
      assert.equal(applyEdits(text, result.changes), result.text);
      const joined = joinEditsOnSameLine(text, result.changes);
      assertWellFormed(text, joined, true);
      for (let i = 1; i < joined.length; i++) assert.ok(text.slice(joined[i - 1].end, joined[i].start).includes('\n'), 'joined edits are on different lines');
      assert.equal(oneByOne(text, joined), result.text);
      if (result.text !== text) assert.ok(result.changes.length > 0);
    });
  }

  it('a plan typed with decomposed accents gets one small edit per changed line, not one edit over the whole plan', () => {
    const nfc = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-001-lang-son.md'), 'utf8');
    const nfd = nfc.normalize('NFD');
    const result = fixAllChanges(nfd, check('seed-001-lang-son.md'));
    const edits = joinEditsOnSameLine(nfd, result.changes);
    assert.equal(oneByOne(nfd, edits), result.text);
    const changedLines = nfd.split('\n').filter((line, i) => line !== result.text.split('\n')[i]).length;
    assert.ok(changedLines > 50, `${changedLines} lines change`);
    assert.equal(edits.length, changedLines, 'one edit per changed line');
    for (const e of edits) assert.ok(!nfd.slice(e.start, e.end).includes('\n'), 'no edit reaches over a line break');
    // What the edits replace is about what changes, not the plan between the first change and the last.
    const replaced = edits.reduce((n, e) => n + (e.end - e.start), 0);
    const changedText = nfd.split('\n').filter((line, i) => line !== result.text.split('\n')[i]).reduce((n, l) => n + l.length, 0);
    assert.ok(replaced <= changedText, `${replaced} characters replaced, ${changedText} on the changed lines`);
  });

  it('follows later passes over text an earlier pass put in, and drops what a later pass undoes', () => {
    const original = 'abc def ghi';
    const trail = new EditTrail(original);
    // Pass 1: "abc" → "ABCD", "ghi" removed.
    trail.apply([
      { start: 0, end: 3, newText: 'ABCD' },
      { start: 8, end: 11, newText: '' },
    ]);
    // Pass 2 on "ABCD def ": "CD d" → "cd d" (the inserted text and the original meet), then "abc" is put back at the end.
    trail.apply([
      { start: 2, end: 6, newText: 'cd d' },
      { start: 9, end: 9, newText: 'ghi' },
    ]);
    const changes = trail.changes();
    assert.equal(applyEdits(original, changes), 'ABcd def ghi');
    // "ghi" removed and put back is no change at all; "abc " became "ABcd ".
    assert.deepEqual(changes, [{ start: 0, end: 3, newText: 'ABcd' }]);
  });

  it('never splits a surrogate pair or a CRLF', () => {
    const text = 'x\u{1F600}y\r\nz';
    assert.deepEqual(trimmed(text, { start: 0, end: text.length, newText: 'x\u{1F601}y\r\nz' }), { start: 1, end: 3, newText: '\u{1F601}' });
    // "\r\n" → "\r\r\n": the insertion is not placed between \r and \n.
    const crlf = trimmed(text, { start: 0, end: text.length, newText: 'x\u{1F600}y\r\r\nz' })!;
    assert.equal(applyEdits(text, [crlf]), 'x\u{1F600}y\r\r\nz');
    assert.notEqual(text[crlf.start - 1], '\r');
    assert.equal(trimmed(text, { start: 2, end: 5, newText: text.slice(2, 5) }), undefined, 'an edit that changes nothing');
  });

  it('joins only edits on the same line', () => {
    const text = 'aa bb\ncc dd\nee';
    const edits = [
      { start: 0, end: 1, newText: 'A' },
      { start: 3, end: 4, newText: 'B' },
      { start: 9, end: 11, newText: 'D' },
      { start: 12, end: 12, newText: 'new line\n' },
    ];
    const joined = joinEditsOnSameLine(text, edits);
    assert.deepEqual(joined, [
      { start: 0, end: 4, newText: 'Aa B' },
      { start: 9, end: 11, newText: 'D' },
      { start: 12, end: 12, newText: 'new line\n' },
    ]);
    assert.equal(applyEdits(text, joined), applyEdits(text, edits));
    // Lines ended by a lone \r (old Mac files) or by \r\n are lines too.
    for (const eol of ['\r', '\r\n']) {
      const other = ['aa bb', 'cc dd', 'ee'].join(eol);
      const at = (s: string): number => other.indexOf(s);
      const onLines = [
        { start: at('aa'), end: at('aa') + 1, newText: 'A' },
        { start: at('bb'), end: at('bb') + 1, newText: 'B' },
        { start: at('dd'), end: at('dd') + 2, newText: 'D' },
        { start: at('ee'), end: at('ee'), newText: `new line${eol}` },
      ];
      assert.equal(joinEditsOnSameLine(other, onLines).length, 3, JSON.stringify(eol));
    }
  });
});
