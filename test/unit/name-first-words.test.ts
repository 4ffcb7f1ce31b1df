// name.outdated's search of old names by their first words, compared with a plain search by regular expression over varied and random Vietnamese text.

import assert from 'node:assert/strict';
import { nameText } from '../../server/src/core/data/types';
import { FirstWordHit, firstWordOf, firstWordSearch } from '../../server/src/core/rules/name/first-words';
import { fold, foldOnce } from '../../server/src/core/text/normalize';
import { bundledKnowledge } from '../support/knowledge';
import { seededRandom } from '../support/random';

/** The search as first written: each name at the first match of its first word as a whole word (by code point) that the name goes on from. */
function reference(names: readonly string[], text: string): FirstWordHit[] {
  const hits: FirstWordHit[] = [];
  names.forEach((name, index) => {
    const first = firstWordOf(name)!;
    const escaped = first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'))) {
      if (!text.startsWith(name, m.index)) continue;
      hits.push({ index, at: m.index });
      break;
    }
  });
  return hits.sort((a, b) => a.at - b.at || a.index - b.index);
}

/** Every listed old name of the register, folded, with a first word. */
function registerNames(): string[] {
  const names = bundledKnowledge().kb.names.changes.flatMap((c) => c.names.map((n) => fold(nameText(n))));
  return names.filter((n) => firstWordOf(n) !== undefined);
}

/** Strips the Vietnamese marks and đ: the text as typed without diacritics. */
function withoutMarks(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

describe('name.outdated first-word search', () => {
  const names = registerNames();
  // Names that share a first word and its next two characters, a short name, a name that is another's start.
  const small = ['tỉnh hậu giang', 'tỉnh hà giang', 'tỉnh', 'ban tuyên giáo', 'ban tuyên giáo tỉnh ủy', 'huyện ủy', 'ủy ban', 'khóa xiii', 'sở', 'a1 b'];

  it('finds the register names as the plain search does in plans of varied text', () => {
    const words = ['các', 'và', 'của', 'ban', 'tỉnh', 'huyện', 'ủy', 'uỷ', 'thành', 'phố', 'sở', 'khóa', 'xiii', 'đảng', 'bộ', 'hậu', 'giang', 'Tỉnh', 'BAN', 'tuyên', 'giáo', 'dân', 'vận'];
    const seps = [' ', ' ', ' ', '\n', '\n\n', ', ', '. ', '(', ')', '-', '"', '–', '𝐀', '😀', '\uD835', '1', 'x', ''];
    const random = seededRandom(14);
    let nonEmpty = 0;
    for (let n = 0; n < 3_000; n++) {
      let text = '';
      for (let k = Math.floor(random() * 30); k > 0; k--) {
        const r = random();
        let piece: string;
        if (r < 0.25) piece = names[Math.floor(random() * names.length)];
        else if (r < 0.35) {
          // A part of a name: its beginning, its end, or a name cut short.
          const name = names[Math.floor(random() * names.length)];
          const cut = 1 + Math.floor(random() * (name.length - 1));
          piece = random() < 0.5 ? name.slice(0, cut) : name.slice(cut);
        } else piece = words[Math.floor(random() * words.length)];
        if (random() < 0.1) piece = withoutMarks(piece);
        if (random() < 0.1) piece = piece.normalize('NFD');
        if (random() < 0.1) piece = piece.toUpperCase();
        if (random() < 0.15) piece = piece.replace(/ /g, '\n');
        text += piece + seps[Math.floor(random() * seps.length)];
      }
      const search = firstWordSearch(names);
      // The text as the rule searches it (folded), and as it is, with its marks and case.
      for (const t of [foldOnce(text), text]) {
        const expected = reference(names, t);
        if (expected.length > 0) nonEmpty++;
        assert.deepEqual(search(t), expected, JSON.stringify(t));
      }
    }
    assert.ok(nonEmpty > 2_000, `only ${nonEmpty} texts held a name`);
  });

  it('finds names at the start and end of a text, across line breaks, and reuses one search for many texts', () => {
    const search = firstWordSearch(small);
    const texts = [
      'tỉnh hậu giang',
      'tỉnh',
      'ban tuyên giáo tỉnh ủy',
      'xem tỉnh hà giang và tỉnh hậu giang',
      'tỉnh\nhậu giang; tỉnh hậu\ngiang',
      'tỉnhhậu giang tỉnh1 tỉnh',
      '1tỉnh a1 b sở',
      'ủy ban, huyện ủy ban',
      'khóa xiii.',
      'tỉnh hậu',
      '𝐀tỉnh hà giang',
      '😀tỉnh hà giang',
      '\uD835tỉnh',
      'sở',
      's',
      '',
    ];
    for (let round = 0; round < 3; round++) for (const t of texts) assert.deepEqual(search(t), reference(small, t), JSON.stringify(t));
    assert.deepEqual(search('tỉnh hậu giang'), [
      { index: 0, at: 0 },
      { index: 2, at: 0 },
    ]);
  });

  it('matches random strings of name pieces, letters beyond the first plane and lone surrogates', () => {
    const pieces = ['tỉnh', ' ', 'hậu', 'hà', ' giang', 'ban', 'tuyên', ' giáo', 'ủy', 'huyện', 'a1', ' b', 'sở', 'khóa', ' xiii', '\n', ',', '𝐀', '😀', '\uD835', '\uDC00', '1', 'x', 'ử', '\u0301'];
    const random = seededRandom(43);
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      for (let k = Math.floor(random() * 14); k > 0; k--) text += pieces[Math.floor(random() * pieces.length)];
      const search = n % 2 === 0 ? firstWordSearch(small) : firstWordSearch([...small].reverse());
      const list = n % 2 === 0 ? small : [...small].reverse();
      assert.deepEqual(search(text), reference(list, text), JSON.stringify(text));
    }
  });

  it('finds first words that begin or end other first words, whole words only, wherever one is found inside another', () => {
    // "ba" and "ban" begin "bang"; "an" and "ng" stand inside it; "𝐀" is a letter beyond the first plane.
    const names = ['ba', 'ban cán sự', 'bang hội', 'bang', 'an ninh', 'ng x', 'banga', '𝐀n b', 'ứng', 'ba1'];
    const pieces = ['ba', 'ban', 'bang', 'banga', 'an', 'ng', ' ', ' ', 'n', ' cán sự', ' hội', ' ninh', ' x', ' b', 'ứ', '1', '𝐀', '😀', '\uD835', '\uDC00', '\u0301', ',', '\n'];
    const random = seededRandom(1143);
    let found = 0;
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      for (let k = Math.floor(random() * 16); k > 0; k--) text += pieces[Math.floor(random() * pieces.length)];
      const list = n % 2 === 0 ? names : [...names].reverse();
      const expected = reference(list, text);
      found += expected.length;
      assert.deepEqual(firstWordSearch(list)(text), expected, JSON.stringify(text));
    }
    assert.ok(found > 4_000, `only ${found} names found`);
  });

  it('gives one shared empty list, never written to, for every text that holds no name, and a list of its own to a text that does', () => {
    const search = firstWordSearch(small);
    const none = search('không có tên nào ở đây');
    assert.deepEqual(none, []);
    assert.ok(Object.isFrozen(none));
    // A text with a first word but no name going on from it, and an empty text, give the same list.
    assert.equal(search('ban nhân dân huyện'), none);
    assert.equal(search(''), none);
    assert.equal(firstWordSearch([])('tỉnh hậu giang'), none);
    // Found names are a new list each time, in the order of the reading.
    const first = search('huyện ủy và tỉnh hậu giang');
    const again = search('huyện ủy và tỉnh hậu giang');
    assert.notEqual(first, again);
    assert.notEqual(first, none);
    assert.deepEqual(first, [
      { index: 5, at: 0 },
      { index: 0, at: 12 },
      { index: 2, at: 12 },
    ]);
    // The shared list stays empty after searches that found names.
    assert.equal(search('khóa mới'), none);
    assert.deepEqual(none, []);
  });
});
