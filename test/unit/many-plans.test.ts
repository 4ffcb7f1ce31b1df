// A check as one of a run over many plans (`manyPlans`, the command line's from 32 files): the same findings as a check of one plan, fewer paragraphs folded, and the server's check of one plan left as it was.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { checkText } from '../../server/src/core/engine';
import { ParagraphFolds } from '../../server/src/core/text/paragraph-fold';
import { bundledKnowledge } from '../support/knowledge';
import { FIXTURES, PLAN_FIXTURES } from '../support/paths';

/** The plans of the fixtures' folders (the golden folder's plans are stored as .md.txt). */
function fixturePlans(): string[] {
  const out: string[] = [];
  for (const dir of ['plans', 'province', 'golden', 'layout', 'seeds']) {
    const full = path.join(FIXTURES, dir);
    if (!fs.existsSync(full)) continue;
    for (const f of fs.readdirSync(full).sort()) if (f.endsWith('.md') || f.endsWith('.md.txt')) out.push(path.join(full, f));
  }
  return out;
}

/** Runs `run` counting the paragraphs folded (`ParagraphFolds.of` asked of a text it had not folded). */
function countingFolds(run: () => void): number {
  const proto = ParagraphFolds.prototype as unknown as { of: (this: { folds: Map<unknown, string> }, text: unknown) => string };
  const own = proto.of;
  let folded = 0;
  proto.of = function (this: { folds: Map<unknown, string> }, text: unknown): string {
    if (!this.folds.has(text)) folded++;
    return own.call(this, text);
  };
  try {
    run();
  } finally {
    proto.of = own;
  }
  return folded;
}

describe('a check as one of a run over many plans', function () {
  this.timeout(180_000);

  it('gives every fixture the same findings as a check of one plan, as of several days and in both modes, folding fewer paragraphs', () => {
    const { kb } = bundledKnowledge();
    const plans = fixturePlans();
    assert.ok(plans.length >= 30, `${plans.length} fixtures`);
    let outdated = 0;
    let alone = 0;
    let many = 0;
    for (const file of plans) {
      const text = fs.readFileSync(file, 'utf8');
      for (const today of ['2024-06-30', '2025-06-01', '2026-12-07']) {
        for (const mode of ['drafting', 'submission'] as const) {
          const options = { mode, lang: 'vi' as const, today };
          let one: ReturnType<typeof checkText>['findings'] = [];
          let ofMany: ReturnType<typeof checkText>['findings'] = [];
          alone += countingFolds(() => (one = checkText(file, text, kb, options).findings));
          many += countingFolds(() => (ofMany = checkText(file, text, kb, { ...options, manyPlans: true }).findings));
          assert.deepEqual(ofMany, one, `${path.basename(file)} as of ${today}, ${mode}`);
          outdated += one.filter((f) => f.ruleId === 'name.outdated').length;
        }
      }
    }
    // Not a vacuous comparison: old names are found in the fixtures.
    assert.ok(outdated > 0, 'name.outdated finds old names in the fixtures');
    // The paragraphs that cannot hold an old name are not folded (the implementation section's rules still fold theirs).
    assert.ok(many < alone, `${many} paragraphs folded in a run over many plans, ${alone} in checks of one plan`);
  });

  it('is how the command line checks a run of 32 files or more, and not one of fewer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-many-'));
    try {
      const plan = fs.readFileSync(path.join(PLAN_FIXTURES, fs.readdirSync(PLAN_FIXTURES).filter((f) => f.endsWith('.md')).sort()[0]), 'utf8');
      const foldsPerFile = (files: number): number => {
        const sub = path.join(dir, String(files));
        fs.mkdirSync(sub);
        for (let i = 0; i < files; i++) fs.writeFileSync(path.join(sub, `plan-${String(i).padStart(2, '0')}.md`), plan);
        let out = '';
        const folds = countingFolds(() => {
          runCli(['check', '--jobs', '1', '--today', '2026-12-07', '--format', 'json', sub], { stdout: (t) => (out += t), stderr: () => undefined, cwd: sub });
        });
        assert.ok(out.length > 0);
        return folds / files;
      };
      const few = foldsPerFile(31);
      const many = foldsPerFile(32);
      assert.ok(many < few, `${many} paragraphs folded per file in a run of 32, ${few} in a run of 31`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
