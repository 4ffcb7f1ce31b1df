// Patterns of a start's first check written smaller or fewer (core/citations/type-codes.ts `typeWordTree`, core/citations/registry.ts's abbreviations, core/citations/extract.ts's dates in one pattern; the short form's words written as a tree are compared by citation-patterns.test.ts): each matches what the form it replaces matched.

import assert from 'node:assert/strict';
import { ANY_CASE_PATTERNS, execAt } from '../../server/src/core/citations/extract';
import { canonicalIssuer } from '../../server/src/core/citations/registry';
import { TYPE_WORDS, typeWordAlternation, typeWordTree } from '../../server/src/core/citations/type-codes';
import { anyCaseSource, fold } from '../../server/src/core/text/normalize';
import { CITATION_PIECES } from '../support/citation-pieces';
import { randomPieceTexts } from '../support/random';

const WORDS = [...TYPE_WORDS.map((t) => t.word), 'Thông báo (kết luận)'];
const TAIL = '(\\s+số\\s*:?\\s*|\\s*:\\s*|\\s+)$';

/** What a pattern's match gives the reader: where, and each group. */
function matched(re: RegExp, text: string): string {
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? JSON.stringify([m.index, ...m]) : 'none';
}

describe('patterns of a start\'s first check written smaller', function () {
  this.timeout(60000);

  it('the type words\' tree matches what the words written out match, where they match', () => {
    const flat = new RegExp(`(?:^|[^\\p{L}])(${typeWordAlternation()})${TAIL}`, 'iu');
    const tree = new RegExp(`(?:^|[^\\p{L}])(${typeWordTree()})${TAIL}`, 'iu');
    const tails = [' số ', ' số: ', ': ', ' ', '  số', ' số x', '', ' x '];
    const texts: string[] = [];
    for (const w of WORDS) {
      const parts = w.split(' ');
      // Every word, every first part of one (a word of its own or not), and two words one after the other.
      for (let n = 1; n <= parts.length; n++) for (const t of tails) texts.push(`Thực hiện ${parts.slice(0, n).join(' ')}${t}`, `${parts.slice(0, n).join('  ').toUpperCase()}${t}`);
      for (const v of WORDS) texts.push(`${w} ${v} số `, `${w}${v} số `, `x${w} số `);
    }
    texts.push(...randomPieceTexts([...CITATION_PIECES, ...WORDS, ' ', ' số ', ': '], 7, 3000, 6));
    let found = 0;
    for (const text of texts) {
      const expected = matched(flat, text);
      if (expected !== 'none') found++;
      assert.equal(matched(tree, text), expected, text);
    }
    assert.ok(found > 200, `${found} texts matched`);
  });

  it('the citation reader writes each common first part of the type words once', () => {
    const source = ANY_CASE_PATTERNS.TYPE_BEFORE!.source;
    for (const part of ['Chương', 'Thông', 'Nghị']) assert.equal(source.split(anyCaseSource(part)).length - 1, 1, part);
    assert.ok(source.length < typeWordAlternation(anyCaseSource).length, 'shorter than the words written out');
  });

  it('the abbreviations of central bodies are expanded in one pass as the five passes did', () => {
    const FIVE: Array<[RegExp, string]> = [
      [/\bbch\b/gu, 'ban chấp hành'],
      [/\bbct\b/gu, 'bộ chính trị'],
      [/\bbbt\b/gu, 'ban bí thư'],
      [/\bubtvqh\b/gu, 'ủy ban thường vụ quốc hội'],
      [/\bttg\b/gu, 'thủ tướng chính phủ'],
    ];
    const reference = (s: string): string => {
      let t = fold(s).replace(/\([^)]*\)/gu, ' ');
      t = t.replace(/\s*,?\s*khóa\s+[ivxlc]+\s*$/u, '');
      for (const [re, full] of FIVE) t = t.replace(re, full);
      t = t.replace(/(^|\s)(tw|tư)(?=\s|$)/gu, '$1trung ương');
      return t.replace(/[.,;:]+$/u, '').replace(/\s+/gu, ' ').trim();
    };
    const abbreviations = ['bch', 'BCH', 'bct', 'bbt', 'ubtvqh', 'UBTVQH', 'ttg', 'TTg', 'tw', 'TW', 'bchbct', 'bcht', 'xbch'];
    const between = ['', ' ', '-', ',', '_', '1', 'ị', '.', '/', ' (x) '];
    const texts: string[] = [];
    for (const a of abbreviations) for (const b of abbreviations) for (const s of between) texts.push(`${a}${s}${b}`, `Ban ${a}${s}${b} khóa XIII`);
    texts.push(...randomPieceTexts([...abbreviations, ...between, 'Ban', 'Trung ương', 'Đảng'], 11, 3000, 6));
    let expanded = 0;
    for (const text of texts) {
      const expected = reference(text);
      if (expected !== fold(text).replace(/\s+/gu, ' ').trim()) expanded++;
      assert.equal(canonicalIssuer(text), expected, text);
    }
    assert.ok(expanded > 500, `${expanded} texts expanded`);
  });

  it('the dates in one pattern match what the short form, or else the long form, matched, at every place', () => {
    const SHORT = new RegExp(`(\\s*,)?\\s*${anyCaseSource('ngày')}\\s+(\\d{1,2})\\s*([/.-])\\s*(\\d{1,2})\\s*\\3\\s*(\\d{4})(?!\\d)`, 'uy');
    const LONG = new RegExp(`(\\s*,)?\\s*${anyCaseSource('ngày')}\\s+(\\d{1,2})\\s+${anyCaseSource('tháng')}\\s+(\\d{1,2})\\s+${anyCaseSource('năm')}\\s+(\\d{4})(?!\\d)`, 'uy');
    const DATE = ANY_CASE_PATTERNS.DATE;
    /** What the reader takes: the match, the comma, the day, the month, the year, and whether it is the long form. */
    const read = (m: RegExpExecArray | null, long: boolean, month: number, year: number): string => (m ? JSON.stringify([m.index, m[0], m[1], m[2], m[month], m[year], long]) : 'none');
    const pieces = [', ngày ', ' ngày ', 'Ngày', 'NGÀY ', ' ngày  ', '24', '1', '123', '/', '.', '-', ' / ', ' - ', '11', '2023', '20231', ' tháng ', ' THÁNG ', 'tháng', ' năm ', ' Năm ', ' ', ',', 'x', '\u00A0'];
    const texts = randomPieceTexts(pieces, 19, 6000, 10);
    texts.push(...randomPieceTexts(CITATION_PIECES, 23, 1000, 8));
    // Every way of writing each part, and what breaks it.
    for (const head of [', ngày ', ' ,ngày  ', 'Ngày ', 'NGÀY\u00A0', 'ngày', 'x ngày ']) {
      for (const day of ['1', '24', '123', ' 24']) {
        for (const middle of ['/11/', ' . 11 . ', '-1-', '/11.', ' tháng 11 năm ', ' THÁNG 1  Năm ', ' tháng 11 ', ' tháng 123 năm ', '/ 11 /', ' tháng11 năm ']) {
          for (const year of ['2023', '20231', '202', '2023,', '2023 tháng']) texts.push(`${head}${day}${middle}${year}`);
        }
      }
    }
    let found = 0;
    let long = 0;
    for (const text of texts) {
      for (let at = 0; at <= text.length; at++) {
        const s = execAt(SHORT, text, at);
        const expected = s ? read(s, false, 4, 5) : read(execAt(LONG, text, at), true, 3, 4);
        const m = execAt(DATE, text, at);
        const actual = m && m[3] === undefined ? read(m, true, 6, 7) : read(m, false, 4, 5);
        if (expected !== 'none') found++;
        if (expected.endsWith('true]')) long++;
        assert.equal(actual, expected, `${JSON.stringify(text)} at ${at}`);
      }
    }
    assert.ok(found > 800 && long > 200, `${found} dates, ${long} long`);
  });
});
