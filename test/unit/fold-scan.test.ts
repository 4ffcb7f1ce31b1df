// The fold made in one scan after composing and lower case, compared with the same fold made pass by pass with regular expressions, on the fixtures, the register of names and random text.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nameText } from '../../server/src/core/data/types';
import { fold, foldHeading, foldOnce, repairLookalikes, toHoaStyle } from '../../server/src/core/text/normalize';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES, PROVINCE_FIXTURES } from '../support/paths';
import { randomPieceTexts } from '../support/random';

/** The fold as it was written, one pass after another. */
function foldByPasses(s: string): string {
  let t = s.normalize('NFC');
  t = repairLookalikes(t);
  t = t.toLowerCase();
  t = toHoaStyle(t);
  t = t.replace(/[*_`“”"'‘’]/g, '');
  return t.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** Random text of the pieces a fold treats apart: pairs in both styles before letters, digits and marks, look-alikes, quotes, white space of every kind, cased letters whose lower case depends on their neighbours. */
function randomTexts(seed: number, count: number): string[] {
  const pieces = [
    'hòa', 'hoà', 'HOÀ', 'Hoà', 'thuỷ', 'THUỶ', 'khoẻ', 'quý', 'qoà', 'Qoà', 'QOÀ', 'oà', 'oá', 'oả', 'oã', 'oạ', 'oè', 'oé', 'oẻ', 'oẽ', 'oẹ', 'uỳ', 'uý', 'uỷ', 'uỹ', 'uỵ',
    'o', 'u', 'O', 'U', 'a', 'e', 'y', 'n', 'ng', '1', '2', 'ȯ', 'Ο', 'à', 'ỳ', 'ả', 'o\u0300', 'u\u0309', '\u0301', '\u0323', '\u0300',
    '𝐀', '𝟏', '😀', '\uD835', '\uDC00', 'Σ', 'ΣΑΣ', 'σ', 'İ', 'ß', 'ﬁ', 'Ơ', 'Ư', 'Đ', '\u01A2', '\u01A3', '\u00D0', '\u00F0',
    '*', '_', '`', '"', '“', '”', "'", '‘', '’', ' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\v', '\f', '\u00A0', '\u1680', '\u2000', '\u200A', '\u200B', '\u2028', '\u2029',
    '\u202F', '\u205F', '\u3000', '\uFEFF', ',', '.', '-', '\u2010', '\u2011', '–', 'Ủy ban', 'Uỷ ban', 'U\u0309y ban', 'Sở Nội vụ', 'Giao\u00A0cho', '\u1100', '\u1161', 'Ω', 'Å',
  ];
  return randomPieceTexts(pieces, seed, count, 20);
}

describe('the fold in one scan', () => {
  it('folds random text as the passes do', () => {
    let changed = 0;
    for (const text of randomTexts(43, 40_000)) {
      const expected = foldByPasses(text);
      if (expected !== text) changed++;
      assert.equal(foldOnce(text), expected, JSON.stringify(text));
      assert.equal(fold(text), expected, JSON.stringify(text));
    }
    assert.ok(changed > 30_000, `only ${changed} texts changed`);
  });

  it('folds every line and paragraph of the fixtures and the register of names as the passes do', () => {
    const texts: string[] = [];
    for (const dir of [PLAN_FIXTURES, PROVINCE_FIXTURES]) {
      for (const name of fs.readdirSync(dir).sort()) {
        if (!/\.(md|ya?ml)$/.test(name)) continue;
        const source = fs.readFileSync(path.join(dir, name), 'utf8');
        texts.push(source, ...source.split('\n'), ...source.split(/\n\s*\n/));
      }
    }
    for (const change of bundledKnowledge().kb.names.changes) texts.push(...change.names.map(nameText), change.current ?? '');
    assert.ok(texts.length > 4_000, `only ${texts.length} texts`);
    for (const text of texts) {
      assert.equal(foldOnce(text), foldByPasses(text), JSON.stringify(text.slice(0, 200)));
      assert.equal(fold(text), foldByPasses(text), JSON.stringify(text.slice(0, 200)));
    }
  });

  it('keeps the text as it is when nothing changes, and folds the edge cases as the passes do', () => {
    const same = 'ủy ban nhân dân tỉnh hòa bình, 2024';
    assert.equal(foldOnce(same), same);
    for (const text of ['', ' ', '  \t ', '*', ' * ', 'a *', '* a', 'a * b', 'a*  *b', 'oà', 'qoà', 'hoà1', 'hoàn', 'hoà𝐀', 'hoà😀', 'hoà\uD835', 'hoà\u0301', 'HOÀ BÌNH', 'ΣΑΣ Σ', 'İ', '\u01A2\u00D0 \u2010\u2011', ' \uFEFFa\u3000b\u205F ']) {
      assert.equal(foldOnce(text), foldByPasses(text), JSON.stringify(text));
    }
    assert.equal(foldHeading('Nhiệm vụ  và   giải pháp:'), 'nhiệm vụ, giải pháp');
  });
});
