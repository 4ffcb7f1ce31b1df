// The scans that read a text by code units instead of a string per character (core/rules/text/quotes.ts `firstUnbalancedQuote`, core/citations/extract.ts `unquotedTitleEnd`, the symbol reader's blanks and separators in core/citations/symbol.ts) against the scans they replace, over the fixtures' texts and random texts.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unquotedTitleEnd } from '../../server/src/core/citations/extract';
import { findSymbols } from '../../server/src/core/citations/symbol';
import { firstUnbalancedQuote } from '../../server/src/core/rules/text/quotes';
import { minOf } from '../../server/src/core/arrays';
import { referenceFindSymbols, unquotedTitleEnd as titleEndByCharacters } from '../support/extract-reference';
import { randomPieceTexts } from '../support/random';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'plans');
/** The fixtures' plans, each paragraph (text between blank lines) a text. */
const fixtureParagraphs = (): string[] =>
  fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8').split(/\n\s*\n/));

/** Pieces of random texts: the quotes and what ends a title, Vietnamese letters in and out of Latin-1, marks, surrogates. */
const PIECES: readonly string[] = [
  '“', '”', '"', '‘', '’', ';', '(', ')', '.', '!', '?', ':', '\n', '\r\n', '\n\n', ' ', '  ', '\t', ',',
  '(sau đây gọi là ', '(gọi tắt là ', '(Viết tắt: ', '( GỌI CHUNG ', '. Ngày', '. 1', ': -', '. “', 'Nghị quyết', 'số 43-NQ/TW', 'về', 'phát triển',
  'a', 'đ', 'ư', 'ơ', 'ệ', 'Đ', '1', '\u0300', '\u0301', '😀', '\uD800', '\uDC00', '\u201C\u201D', '\u00A0',
];

/** firstUnbalancedQuote as it was written: a string per character. */
function quoteByCharacters(text: string): number {
  const open: number[] = [];
  let firstStrayClose = -1;
  const straight: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“') open.push(i);
    else if (c === '”') {
      if (open.length > 0) open.pop();
      else if (firstStrayClose < 0) firstStrayClose = i;
    } else if (c === '"') straight.push(i);
  }
  const candidates: number[] = [];
  if (firstStrayClose >= 0) candidates.push(firstStrayClose);
  if (open.length > 0) candidates.push(open[0]);
  if (straight.length % 2 === 1) candidates.push(straight[straight.length - 1]);
  return minOf(candidates, -1);
}

describe('scans by code units give what the scans by characters gave', function () {
  const texts = [...fixtureParagraphs(), ...randomPieceTexts(PIECES, 23, 4000, 40)];

  it('firstUnbalancedQuote: the first quote without a partner, over the fixtures\' paragraphs and random texts', () => {
    let unbalanced = 0;
    for (const text of texts) {
      const expected = quoteByCharacters(text);
      if (expected >= 0) unbalanced++;
      assert.equal(firstUnbalancedQuote(text), expected, JSON.stringify(text));
    }
    // The texts hold both answers, many times.
    assert.ok(unbalanced > 500 && unbalanced < texts.length - 500, String(unbalanced));
  });

  it('unquotedTitleEnd: where a title without quotes ends, from every place of the fixtures\' paragraphs and random texts', () => {
    let compared = 0;
    const ends = new Set<string>();
    for (const text of texts) {
      for (let start = 0; start <= text.length; start += 1 + (start % 7)) {
        const expected = titleEndByCharacters(text, start);
        assert.equal(unquotedTitleEnd(text, start), expected, `${JSON.stringify(text)} from ${start}`);
        ends.add(expected === text.length ? 'end' : text[expected]);
        compared++;
      }
    }
    // Every way a title ends happens.
    for (const end of ['end', ';', '\n', '(', ')', '.', '!', '?', ':']) assert.ok(ends.has(end), end);
    assert.ok(compared > 50_000, String(compared));
  });

  it('findSymbols: the symbol reader\'s blanks and separators read by code units, over the fixtures\' paragraphs and random texts of symbols\' parts', () => {
    // Every blank the reader takes (space, tab, no-break space, one LF, CR or CRLF) and every
    // separator ("-", "/", "–", Word's two hyphens), around numbers, years and segments.
    const parts = [
      '43', '140', '2017', '12345', '2025', 'NQ', 'TW', 'KH', 'UBND', 'QĐ', 'NĐ', 'CP', 'QH15', 'Kế', 'ĐU', 'CTr', 'Ðx',
      '-', '/', '–', '\u2010', '\u2011', '—', '.', ',',
      ' ', '  ', '\t', '\u00A0', '\n', '\r', '\r\n', '\n\n', ' \n ', 'a', 'đ', '\u0301',
      '45–NQ/TW', '45\u2010KH/TU', '21/KH\u2011UBND', '45 -\r\nNQ/TW', '35-\tCTr/TU', '140/2017/NĐ\u00A0-CP',
    ];
    let found = 0;
    const kinds = new Set<string>();
    for (const text of [...texts, ...randomPieceTexts(parts, 31, 20000, 12)]) {
      const expected = referenceFindSymbols(text);
      assert.deepEqual(findSymbols(text), expected, JSON.stringify(text));
      found += expected.length;
      for (const symbol of expected) kinds.add(symbol.malformed ?? 'none');
    }
    // Symbols are read, and written with a space, a line break and a dash among them.
    assert.ok(found > 1_000, String(found));
    for (const kind of ['none', 'space', 'linebreak', 'dash']) assert.ok(kinds.has(kind), kind);
  });
});
