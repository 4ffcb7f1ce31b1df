// name.outdated's test of a paragraph as written before its fold (`mayHoldTest`): never false for a text whose fold holds an old name, over every unit and pair of units it reads, the fixtures' paragraphs and random texts of the names written in every way the fold reads alike.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nameText } from '../../server/src/core/data/types';
import { parsePlan } from '../../server/src/core/document/parse';
import { mayHoldTest, readUnits } from '../../server/src/core/rules/name/may-hold';
import { fold, foldOnce } from '../../server/src/core/text/normalize';
import { bundledKnowledge } from '../support/knowledge';
import { seededRandom } from '../support/random';

/** Every listed old name of the register, folded (those without a first word too). */
function registerNames(): string[] {
  return [...new Set(bundledKnowledge().kb.names.changes.flatMap((c) => c.names.map((n) => fold(nameText(n)))))];
}

/** Whether the fold of `text` holds one of `names`: what the test must never deny. */
function foldHolds(names: readonly string[], text: string): boolean {
  const folded = foldOnce(text);
  return names.some((n) => n !== '' && folded.includes(n));
}

/** A name written otherwise, the fold the same: hoà-style pairs, upper case, decomposed, look-alikes, spaces. */
function variants(name: string): string[] {
  const hoa = name.replace(/òa|óa|ỏa|õa|ọa|òe|óe|ỏe|õe|ọe|ùy|úy|ủy|ũy|ụy/gu, (p) => (p.normalize('NFD')[0] + p.normalize('NFD').slice(2) + p.normalize('NFD')[1]).normalize('NFC'));
  return [
    name,
    hoa,
    name.toUpperCase(),
    hoa.toUpperCase(),
    name.normalize('NFD'),
    name.replace(/ư/gu, '\u01A3').replace(/đ/gu, '\u00F0'),
    name.replace(/ /gu, '  '),
    name.replace(/ /gu, '\n'),
    name.replace(/ /gu, '\u00A0'),
    name.replace(/ /gu, ' \t\u2003'),
    `**${name}**`,
    name.replace(/ /gu, ' *'),
    name.replace(/^(.)/u, '$1_'),
    `“${name}”`,
    name.replace(/-/gu, '\u2011'),
  ];
}

describe('name.outdated: a paragraph tested as written before its fold', function () {
  this.timeout(120_000);
  const names = registerNames();
  const mayHold = mayHoldTest(names);

  it('reads units each its own composed form with a lower case of one unit, no two of which compose or change case together', () => {
    const units = readUnits().map((u) => String.fromCharCode(u));
    for (const c of units) {
      assert.equal(c.normalize('NFC'), c, `U+${c.charCodeAt(0).toString(16)}`);
      assert.equal(c.toLowerCase().length, 1, `U+${c.charCodeAt(0).toString(16)}`);
    }
    for (const x of units) {
      for (const y of units) {
        const pair = x + y;
        if (pair.normalize('NFC') !== pair || pair.toLowerCase() !== x.toLowerCase() + y.toLowerCase()) {
          assert.fail(`U+${x.charCodeAt(0).toString(16)} U+${y.charCodeAt(0).toString(16)}`);
        }
      }
    }
  });

  it('is true for every pair of units read whose fold holds a name of their fold', () => {
    // Each pair's fold as a name of its own: the test must find it in the pair as written.
    const units = readUnits().map((u) => String.fromCharCode(u));
    const starts = units.filter((c) => /^[ou]$/u.test(foldOnce(c)));
    const pairs = starts.flatMap((x) => units.map((y) => x + y)).filter((p) => foldOnce(p).length === 2);
    const test = mayHoldTest([...new Set(pairs.map((p) => foldOnce(p)))]);
    for (const p of pairs) assert.ok(test(p), `"${p}" → "${foldOnce(p)}"`);
  });

  it('is true for every name written in each way the fold reads alike, alone and within a sentence', () => {
    for (const name of names) {
      for (const v of variants(name)) {
        for (const text of [v, `Giao ${v}, chủ trì.`, `(${v})`]) {
          if (foldHolds([name], text)) assert.ok(mayHold(text), JSON.stringify(text));
        }
      }
    }
  });

  it('is true for every fixture paragraph whose fold holds a name, and false for most of the others', () => {
    const dir = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'plans');
    let holding = 0;
    let passed = 0;
    let total = 0;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.md'))) {
      const plan = parsePlan(f, fs.readFileSync(path.join(dir, f), 'utf8'));
      for (const block of plan.blocks) {
        const text = block.text.text;
        total++;
        const holds = foldHolds(names, text);
        const may = mayHold(text);
        if (holds) {
          holding++;
          assert.ok(may, JSON.stringify(text));
        }
        if (may) passed++;
      }
    }
    assert.ok(holding > 0 && total > 100);
    // Not a test that lets everything through: at most half the paragraphs are folded.
    assert.ok(passed < total / 2, `${passed} of ${total}`);
  });

  it('is never false for random texts of names, pieces of names, units read and units not read, where the fold holds a name', () => {
    const random = seededRandom(2026_12_07);
    // Whole names now and then; mostly their words and halves, which come near a name without being one.
    const whole = names.flatMap((n) => variants(n));
    const pieces = [
      ...names.flatMap((n) => n.split(' ')),
      ...names.map((n) => n.slice(0, Math.ceil(n.length / 2))),
      ...names.map((n) => n.slice(Math.floor(n.length / 2))),
      ' ', '  ', '\n', '\t', '\u00A0', '\u2003', '\u3000', '\uFEFF', '*', '_', '`', '"', "'", '‘', '’', '“', '”',
      'o', 'u', 'O', 'U', 'q', 'Q', 'à', 'À', 'ý', 'Ỷ', 'ẹ', 'a', 'y', 'e', '\u0301', '\u0323', '\u0309', 'İ', 'ı', '\u212A', 'ẞ', 'ß',
      '\u01A2', '\u01A3', '\u00D0', '\u00F0', '\u2010', '\u2011', '–', '…', ',', '.', '-', '&', '😀', 'Σ', 'x', '1', 'Ư', 'ư', 'đ', 'Đ',
    ];
    let holding = 0;
    let denied = 0;
    for (let n = 0; n < 60_000; n++) {
      let text = '';
      for (let k = 1 + Math.floor(random() * 8); k > 0; k--) {
        const from = random() < 0.05 ? whole : pieces;
        let piece = from[Math.floor(random() * from.length)];
        if (random() < 0.08) piece = piece.normalize('NFD');
        if (random() < 0.08) piece = piece.toUpperCase();
        text += piece;
      }
      const may = mayHold(text);
      if (!may) denied++;
      if (foldHolds(names, text)) {
        holding++;
        if (!may) assert.fail(JSON.stringify(text));
      }
    }
    assert.ok(holding > 5_000 && denied > 5_000, `${holding} holding, ${denied} denied`);
  });

  it('reads a name with a character no unit read gives, and a list of no names', () => {
    const test = mayHoldTest(['ban α', '', 'sở tt&tt']);
    assert.equal(test('ban α'), true, 'a unit not read: may hold');
    assert.equal(test('ban a'), false);
    assert.equal(test('Sở TT&TT'), true);
    assert.equal(test('Sở TT và TT'), false);
    const none = mayHoldTest([]);
    assert.equal(none('Huyện ủy'), false);
    assert.equal(none('“Huyện ủy”'), true, 'a quote is not read');
  });
});
