// The prose the text rules read: the plan's blocks and the metadata lines merged in order of their starts, as a stable sort of both lists gives.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '../../server/src/core/document/parse';
import { mergedByStart, proseBlocks } from '../../server/src/core/form/meta-text';
import { Block } from '../../server/src/core/model';
import { MappedText } from '../../server/src/core/text/mapped-text';
import { PLAN_FIXTURES, PROVINCE_FIXTURES } from '../support/paths';

function block(start: number, name: string): Block {
  return { kind: 'meta', text: MappedText.slice(name, start), span: { start, end: start + name.length }, region: 'front', metaKey: name };
}

const stableByStart = (list: readonly Block[]): Block[] => [...list].sort((a, b) => a.span.start - b.span.start);

describe('the prose blocks of a plan', () => {
  it('are the blocks and the metadata lines in the order a stable sort of both gives, on every fixture', () => {
    let lines = 0;
    for (const dir of [PLAN_FIXTURES, PROVINCE_FIXTURES]) {
      for (const name of fs.readdirSync(dir).sort()) {
        if (!/\.(md|ya?ml)$/.test(name) || name === 'README.md') continue;
        const file = path.join(dir, name);
        const plan = parsePlan(file, fs.readFileSync(file, 'utf8'));
        const prose = proseBlocks(plan);
        const own = new Set(plan.blocks);
        const extra = prose.filter((b) => !own.has(b));
        lines += extra.length;
        assert.equal(prose.length, plan.blocks.length + extra.length, `${name}: every block is there once`);
        assert.deepStrictEqual(prose, stableByStart([...plan.blocks, ...extra]), `${name}: the prose blocks are out of order`);
        assert.ok(Object.keys(prose).length === prose.length, `${name}: the list has no holes`);
      }
    }
    assert.ok(lines > 20, `metadata lines were merged ${lines} times`);
  });

  it('puts a block before a metadata line that starts where it does, and the lines among themselves as given', () => {
    const blocks = [block(0, 'a'), block(10, 'b'), block(20, 'c')];
    const lines = [block(5, 'x'), block(10, 'y'), block(10, 'z'), block(30, 'w')];
    const merged = mergedByStart(blocks, lines);
    assert.deepStrictEqual(
      merged.map((b) => b.metaKey),
      ['a', 'x', 'b', 'y', 'z', 'c', 'w'],
    );
    assert.deepStrictEqual(merged, stableByStart([...blocks, ...lines]));
    assert.deepStrictEqual(mergedByStart([], lines), lines);
    assert.deepStrictEqual(mergedByStart(blocks, []), blocks);
  });

  it('sorts blocks given out of order as a stable sort does', () => {
    const blocks = [block(0, 'a'), block(20, 'c'), block(10, 'b'), block(10, 'd')];
    const lines = [block(10, 'y'), block(25, 'z')];
    assert.deepStrictEqual(
      mergedByStart(blocks, lines).map((b) => b.metaKey),
      ['a', 'b', 'd', 'y', 'c', 'z'],
    );
  });
});
