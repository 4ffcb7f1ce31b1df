// The citation rules read the plan's citations by index, never through the list's iterator: a `for … of` makes a result object per citation at every keystroke while a rule runs unoptimized.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CitationAnalysis } from '../../server/src/core/citations/analysis';
import { checkText } from '../../server/src/core/engine';
import { CITATION_RULES } from '../../server/src/core/rules/citation/index';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';

// The module object itself (CommonJS), so that the rules' calls go through the wrapper below.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const analysisModule = require('../../server/src/core/citations/analysis') as { analyzeCitations: (...args: unknown[]) => CitationAnalysis };

describe('citation rules: the citations read by index', () => {
  const original = analysisModule.analyzeCitations;
  /** Analyses made while watched, and calls of the iterator of their lists of citations. */
  let analyses = 0;
  let iterated = 0;
  before(() => {
    analysisModule.analyzeCitations = (...args: unknown[]) => {
      const analysis = original(...args);
      analyses++;
      Object.defineProperty(analysis.citations, Symbol.iterator, {
        configurable: true,
        value: function (this: unknown[]) {
          iterated++;
          return Array.prototype[Symbol.iterator].call(this);
        },
      });
      return analysis;
    };
  });
  after(() => {
    analysisModule.analyzeCitations = original;
  });

  const { kb } = bundledKnowledge();
  const settings = { mode: 'drafting' as const, lang: 'vi' as const, levels: {}, today: '2026-12-07' };
  // Plans with citations of every kind the rules read: types, issuers, terms, titles, dates, symbols.
  const plans = ['seed-002-ha-tinh.md', 'clean-party.md'].map((name) => ({ uri: `file:///plans/${name}`, text: fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8') }));

  for (const rule of CITATION_RULES) {
    it(`${rule.id} reads the citations without their iterator`, () => {
      for (const { uri, text } of plans) {
        analyses = 0;
        iterated = 0;
        checkText(uri, text, kb, { ...settings, rules: [rule] });
        assert.ok(analyses > 0, `${uri}: the rule read the plan's citations`);
        assert.equal(iterated, 0, `${rule.id} iterated the list of citations of ${uri}`);
      }
    });
  }
});
