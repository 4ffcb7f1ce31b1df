// The parse of a text in pieces finds its front matter in the text's first characters, read in place from the first piece, as it finds it in the whole text.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '../../server/src/core/document/parse';
import { PlanModel } from '../../server/src/core/model';
import { EDITED_PIECE_CHARS, PieceText, Text } from '../../server/src/core/text/piece-text';
import { PLAN_FIXTURES } from '../support/paths';

const PLAN = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-002-ha-tinh.md'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
const URI = 'file:///plans/head.md';

/** A text in pieces that notes the ranges read from its start (where a read of many pieces would be a copy). */
class ReadFromStart implements Text {
  longest = 0;
  constructor(private readonly text: PieceText) {}
  get length(): number {
    return this.text.length;
  }
  slice(start?: number, end?: number): string {
    const read = this.text.slice(start, end);
    if ((start ?? 0) === 0) this.longest = Math.max(this.longest, read.length);
    return read;
  }
  charCodeAt(index: number): number {
    return this.text.charCodeAt(index);
  }
  indexOf(search: string, position?: number): number {
    return this.text.indexOf(search, position);
  }
  lastIndexOf(search: string, position?: number): number {
    return this.text.lastIndexOf(search, position);
  }
  toString(): string {
    return this.text.toString();
  }
}

/** What the parse read of the front matter: whether the text is a plan, where the front matter lies, its metadata and problems. */
function frontMatterRead(plan: PlanModel): string {
  return JSON.stringify({ isPlan: plan.isPlan, metaSpan: plan.metaSpan, meta: plan.meta, problems: plan.problems, sections: plan.sections.length });
}

/** The plan with YAML comment lines after its first line, so that its closing line starts at `closeAt`. */
function planClosingAt(closeAt: number, text = PLAN): string {
  const close = text.indexOf('\n---\n', 4) + 1;
  const firstLineEnd = text.indexOf('\n') + 1;
  const need = closeAt - close;
  assert.ok(need >= 2);
  let padding = '';
  // Lines of 80 characters, then one of the 2 to 81 characters left.
  while (need - padding.length >= 82) padding += `# ${'x'.repeat(77)}\n`;
  padding += `#${'x'.repeat(need - padding.length - 2)}\n`;
  const made = text.slice(0, firstLineEnd) + padding + text.slice(firstLineEnd);
  assert.equal(made.indexOf('\n---\n', 4) + 1, closeAt);
  return made;
}

describe('front matter of a text in pieces', function () {
  this.timeout(120_000);

  it('is read from the first piece of the worker\'s text, not from a head of many pieces', () => {
    const text = new ReadFromStart(PieceText.of(PLAN, EDITED_PIECE_CHARS));
    const plan = parsePlan(URI, text, 'markdown');
    assert.ok(plan.isPlan);
    assert.ok(text.longest > 0 && text.longest <= EDITED_PIECE_CHARS, `read ${text.longest} characters from the start`);
    assert.equal(frontMatterRead(plan), frontMatterRead(parsePlan(URI, PLAN, 'markdown')));
  });

  it('is found as in the whole text wherever its closing line falls around the heads read', () => {
    const sizes = [64, 1_000, EDITED_PIECE_CHARS, 16_384];
    for (const closeAt of [4_090, 4_093, 4_094, 4_095, 4_096, 4_097, 4_100, 16_380, 16_382, 16_383, 16_384, 16_385, 20_000]) {
      const plan = planClosingAt(closeAt);
      const whole = frontMatterRead(parsePlan(URI, plan, 'markdown'));
      for (const size of sizes) assert.equal(frontMatterRead(parsePlan(URI, PieceText.of(plan, size), 'markdown')), whole, `closing line at ${closeAt}, pieces of ${size}`);
    }
    // A flow sequence's second line at the line's start, which ends the metadata of a front
    // matter found unclosed (a head without the closing line), then the closing line past the head.
    const firstLineEnd = PLAN.indexOf('\n') + 1;
    const flow = `${PLAN.slice(0, firstLineEnd)}tags: [một,\nhai]\n${PLAN.slice(firstLineEnd)}`;
    for (const closeAt of [5_000, 17_000]) {
      const plan = planClosingAt(closeAt, flow);
      const whole = frontMatterRead(parsePlan(URI, plan, 'markdown'));
      for (const size of sizes) assert.equal(frontMatterRead(parsePlan(URI, PieceText.of(plan, size), 'markdown')), whole, `a flow sequence, closing line at ${closeAt}, pieces of ${size}`);
    }
  });

  it('is not closed by a line that starts as a closing line cut at the end of a head', () => {
    for (const cutAt of [EDITED_PIECE_CHARS, 16_384]) {
      // A line "---" followed by more on the same line, or a closing line "---\r\n" cut between
      // its CR and LF, the head ending where the cut is.
      for (const [line, cut] of [['---x: 1', 3], ['--- x', 3], ['---\r', 4]] as const) {
        const lineStart = cutAt - cut;
        const plan = planClosingAt(lineStart);
        const changed = `${plan.slice(0, lineStart)}${line}\n# after the line\n${plan.slice(lineStart)}`;
        const whole = frontMatterRead(parsePlan(URI, changed, 'markdown'));
        for (const size of [EDITED_PIECE_CHARS, 16_384]) assert.equal(frontMatterRead(parsePlan(URI, PieceText.of(changed, size), 'markdown')), whole, `a line ${JSON.stringify(line)} at ${lineStart}, pieces of ${size}`);
      }
    }
  });

  it('is read as in the whole text when it is not closed, and a text that does not open one is no plan', () => {
    const unclosed = PLAN.replace('\n---\n', '\n\n');
    const noPlan = `# Notes\n\n${PLAN}`;
    for (const text of [unclosed, noPlan, '---\n', '---', '']) {
      const whole = frontMatterRead(parsePlan(URI, text, 'markdown'));
      for (const size of [16, EDITED_PIECE_CHARS]) assert.equal(frontMatterRead(parsePlan(URI, PieceText.of(text, size), 'markdown')), whole);
    }
  });
});
