// The citation reader compared with the reader it replaced (test/support/extract-reference.ts) on every paragraph of the fixtures and on random texts made of citations' pieces.

import assert from 'node:assert/strict';
import { extractCitations, execAt } from '../../server/src/core/citations/extract';
import { findSymbols } from '../../server/src/core/citations/symbol';
import { parsePlan } from '../../server/src/core/document/parse';
import { referenceExtractCitations, referenceFindSymbols } from '../support/extract-reference';
import { fixtureTexts } from '../support/fixture-texts';
import { CITATION_PIECES as PIECES } from '../support/citation-pieces';
import { randomPieceTexts } from '../support/random';

describe('the citation reader, compared with the reader it replaced', () => {
  it('reads every paragraph, the front matter and the whole text of each fixture as before', function () {
    // Exhaustive: the timeout guards against a hang, not a measure (tens of seconds on a loaded machine).
    this.timeout(180_000);
    let citations = 0;
    let paragraphs = 0;
    for (const text of fixtureTexts()) {
      assert.deepStrictEqual(extractCitations(text), referenceExtractCitations(text));
      const plan = parsePlan('plan.md', text);
      for (const block of plan.blocks) {
        const t = block.text.text;
        const got = extractCitations(t);
        assert.deepStrictEqual(got, referenceExtractCitations(t), t);
        assert.deepStrictEqual(findSymbols(t), referenceFindSymbols(t), t);
        citations += got.length;
        paragraphs++;
      }
    }
    // The fixtures hold enough citations for the comparison to mean something.
    assert.ok(paragraphs > 1000 && citations > 300, `${paragraphs} paragraphs, ${citations} citations`);
  });

  it('reads 30,000 random texts of citations\' pieces as before', function () {
    // Exhaustive: the timeout guards against a hang, not a measure (tens of seconds on a loaded machine).
    this.timeout(180_000);
    let citations = 0;
    let lists = 0;
    let shared = 0;
    for (const text of randomPieceTexts(PIECES, 14, 30000, 24)) {
      const got = extractCitations(text);
      assert.deepStrictEqual(got, referenceExtractCitations(text), JSON.stringify(text));
      assert.deepStrictEqual(findSymbols(text), referenceFindSymbols(text), JSON.stringify(text));
      citations += got.length;
      lists += got.filter((c) => c.compressed || c.typeInherited).length;
      shared += got.filter((c) => c.sharedTail && !c.compressed).length;
    }
    // Every kind of part was read many times over (lists, shared tails among them).
    assert.ok(citations > 30000 && lists > 5000 && shared > 300, `${citations} citations, ${lists} in lists, ${shared} with a shared tail`);
  });

  it('execAt matches a sticky expression where "^" matched on the slice, and only there', () => {
    const sticky = /(\s*,)?\s*ngày\s+(\d{1,2})/iuy;
    const anchored = /^(\s*,)?\s*ngày\s+(\d{1,2})/iu;
    const text = 'Kế hoạch 21-KH/TW, ngày 24/11/2023 và ngày 3 𝐀 ngày 7';
    for (let at = 0; at <= text.length; at++) {
      const a = anchored.exec(text.slice(at));
      const s = execAt(sticky, text, at);
      assert.equal(s?.[0], a?.[0], `at ${at}`);
      assert.equal(s?.[2], a?.[2], `at ${at}`);
      if (s) assert.equal(s.index, at);
    }
    // A match further on is not found from an earlier place.
    assert.equal(execAt(sticky, text, 0), null);
  });

  it('reads symbols as before where the unit before a number, a part\'s letters or a part\'s length decide', () => {
    const long = 'A'.repeat(38);
    const texts = [
      // A part of 39, 40, 41 and 45 letters: the reader takes at most 40 after its separator.
      `Kế hoạch 21-${long}B/TW`,
      `Kế hoạch 21-${long}BC/TW`,
      `Kế hoạch 21-${long}BCD/TW`,
      `Kế hoạch 21-${long}BCDEFGH/TW và 22-KH/${long}BCD`,
      // The look-alike "Ð", "Đ" and "đ" within and at the start of a part; a lower-case start.
      'số 12-ÐU/TU, 13-NQ/ĐU, 14-Nđ/TW, 15-kh/TW, 16/QĐ-UBND, 17/Qđ-ÐU, 18-đ/TW, 35/QÐ-UBND, 36-KHÐ/TÐ',
      // The unit before the number: letters and digits of every kind, the separators, marks.
      'a1-NQ/TW Z2-NQ/TW z3-NQ/TW é4-NQ/TW Đ5-NQ/TW ư6-NQ/TW ٣7-NQ/TW 中8-NQ/TW',
      '/9-NQ/TW -10-NQ/TW .11-NQ/TW –12-NQ/TW \u201013-NQ/TW \u201114-NQ/TW _15-NQ/TW',
      '𝐀16-NQ/TW 😀17-NQ/TW \uD83518-NQ/TW \uDC0019-NQ/TW \u030120-NQ/TW (21-NQ/TW) "22-NQ/TW"',
      // After a part, the unit that ends it: a letter beyond ASCII, a digit, a mark, a letter beyond the first plane.
      'số 23-NQ/TWé, 24-NQ/TWĐ 25-NQ/TW\u0301 26-NQ/TW𝐀 27-NQ/TW😀 28-KHx/TW_ 29-KH/TƯ',
      '30/2017/NĐ-CP 31/2022/QH15 32-NQ/TW/ 33 - NQ/TW 34-\nNQ/TW',
      // Lists closed by "," or "và" and any white space, or not lists: the numbers before a symbol.
      'Quyết định số 217, 218-QĐ/TW; Quyết định số 217 và 218-QĐ/TW; Quyết định số 217,\u00a0218-QĐ/TW',
      'Quyết định số 217 và\u3000218-QĐ/TW, Quyết định số 217 ,\t\n 218-QĐ/TW, Quyết định số 217\ufeff,\u2028218-QĐ/TW',
      'Quyết định số 217 va 218-QĐ/TW, Quyết định số 217 và218-QĐ/TW, Quyết định số 217 vàx 218-QĐ/TW, Quyết định số 217;218-QĐ/TW',
      `Quyết định số ${'1, '.repeat(19)}217, 218-QĐ/TW và ${'x'.repeat(57)}và 219-QĐ/TW và ${'x'.repeat(58)}, 220-QĐ/TW`,
      `${'x'.repeat(59)}, 221-QĐ/TW và 217 và 218-QĐ/TW`,
    ];
    let found = 0;
    for (const text of texts) {
      const got = findSymbols(text);
      assert.deepStrictEqual(got, referenceFindSymbols(text), JSON.stringify(text));
      assert.deepStrictEqual(extractCitations(text), referenceExtractCitations(text), JSON.stringify(text));
      found += got.length;
    }
    assert.ok(found >= 25, `only ${found} symbols`);
  });
});
