// Applying every mechanical fix to every fixture and re-checking leaves no mechanical fix, and changes nothing else.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkText } from '../../server/src/core/engine';
import { fixAll } from '../../server/src/core/fix';
import { Mode } from '../../server/src/core/findings';
import { bundledKnowledge } from '../support/knowledge';
import { readExpectations } from '../support/markers';
import { PLAN_FIXTURES } from '../support/paths';

describe('fix round trip', () => {
  const files = fs.existsSync(PLAN_FIXTURES) ? fs.readdirSync(PLAN_FIXTURES).filter((f) => /\.(md|ya?ml)$/.test(f)).sort() : [];
  for (const file of files) {
    for (const mode of ['drafting', 'submission'] as Mode[]) {
      it(`${file} (${mode}): fix all, re-check, no mechanical fix left`, () => {
        const { kb } = bundledKnowledge();
        const text = fs.readFileSync(path.join(PLAN_FIXTURES, file), 'utf8');
        const { today } = readExpectations(text, file.endsWith('.md') ? 'markdown' : 'yaml');
        const check = (t: string) => checkText(file, t, kb, { mode, today }).findings;
        const result = fixAll(text, check);
        const left = check(result.text).filter((f) => f.fix?.kind === 'mechanical');
        assert.deepEqual(left.map((f) => `${f.ruleId}@${f.start}: ${f.message}`), []);
        assert.ok(checkText(file, result.text, kb, { mode, today }).plan.isPlan, 'still a plan after fixing');
        // Fixing twice changes nothing more.
        assert.equal(fixAll(result.text, check).text, result.text);
      });
    }
  }
});
