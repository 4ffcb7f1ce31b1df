// The classes written out as ranges (core/text/unicode-classes.ts) against the runtime's own `\p{…}`, over every code point, alone, negated and with the `i` flag.

import assert from 'node:assert/strict';
import { LETTER, LETTER_OR_DIGIT, MARK, UNICODE_VERSION, UPPER } from '../../server/src/core/text/unicode-classes';

/** The first code point (a lone surrogate included) on which the two patterns disagree, or undefined. */
function firstDifference(written: RegExp, property: RegExp): number | undefined {
  for (let c = 0; c <= 0x10ffff; c++) {
    const s = String.fromCodePoint(c);
    if (written.test(s) !== property.test(s)) return c;
  }
  return undefined;
}

const CASES: ReadonlyArray<[string, string, string]> = [
  ['LETTER_OR_DIGIT', LETTER_OR_DIGIT, '\\p{L}\\p{N}'],
  ['LETTER', LETTER, '\\p{L}'],
  ['UPPER', UPPER, '\\p{Lu}'],
  ['MARK', MARK, '\\p{M}'],
];

describe('unicode classes written out as ranges', function () {
  this.timeout(60_000);
  it('were read from the Unicode version of this runtime (otherwise: node scripts/unicode-classes.js)', () => {
    assert.equal(process.versions.unicode, UNICODE_VERSION, `the ranges are of Unicode ${UNICODE_VERSION}, this runtime has ${process.versions.unicode}: write them again with node scripts/unicode-classes.js`);
  });
  for (const [name, ranges, property] of CASES) {
    for (const flags of ['u', 'iu']) {
      it(`${name} matches what [${property}] matches, with the flags ${flags}`, () => {
        assert.equal(firstDifference(new RegExp(`^[${ranges}]$`, flags), new RegExp(`^[${property}]$`, flags)), undefined);
      });
      it(`${name} negated matches what [^${property}] matches, with the flags ${flags}`, () => {
        assert.equal(firstDifference(new RegExp(`^[^${ranges}]$`, flags), new RegExp(`^[^${property}]$`, flags)), undefined);
      });
    }
  }

  it('writes every character of a class as itself (a syntax character of classes after a backslash), so that the pattern reads characters, not escapes', () => {
    for (const [name, ranges] of CASES) assert.equal(/\\(?![\\[\]\-^])/.exec(ranges.replace(/\\[\\[\]\-^]/g, ''))?.index, undefined, name);
  });
});
