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
});
