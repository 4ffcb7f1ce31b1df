// The seed fixtures and the clean reference plans produce exactly the findings marked in them, and match their golden output.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { checkText } from '../../server/src/core/engine';
import { Finding, Mode } from '../../server/src/core/findings';
import { LineIndex } from '../../server/src/core/text/line-index';
import { bundledKnowledge } from '../support/knowledge';
import { byLine, diffExpectations, readExpectations } from '../support/markers';
import { FIXTURES, PLAN_FIXTURES, REPO_ROOT } from '../support/paths';

const GOLDEN = path.join(FIXTURES, 'golden');

function fixtureFiles(ext: string): string[] {
  if (!fs.existsSync(PLAN_FIXTURES)) return [];
  return fs.readdirSync(PLAN_FIXTURES).filter((f) => f.endsWith(ext)).sort();
}

function run(file: string, mode: Mode): { text: string; findings: Finding[]; lines: LineIndex } {
  const text = fs.readFileSync(path.join(PLAN_FIXTURES, file), 'utf8');
  const { kb } = bundledKnowledge();
  const { today } = readExpectations(text, file.endsWith('.yaml') ? 'yaml' : 'markdown');
  const { plan, findings } = checkText(file, text, kb, { mode, lang: 'vi', today });
  assert.ok(plan.isPlan, `${file} must be read as a plan`);
  return { text, findings, lines: plan.lines };
}

function linesOf(findings: Finding[], lines: LineIndex): Array<{ line: number; ruleId: string }> {
  return findings.map((f) => ({ line: lines.positionAt(f.start).line + 1, ruleId: f.ruleId }));
}

function golden(file: string, findings: Finding[], lines: LineIndex, mode: Mode): string {
  return findings
    .map((f) => {
      const p = lines.positionAt(f.start);
      return `${file}:${p.line + 1}:${p.character + 1}: ${mode} ${f.severity} ${f.ruleId} ${f.message}`;
    })
    .join('\n');
}

describe('fixtures: marked findings', () => {
  const markdown = fixtureFiles('.md');

  it('has the five seed fixtures, two clean plans, and a correct plan of every other structure in 2024 and 2026', () => {
    for (const name of ['seed-000', 'seed-001', 'seed-002', 'seed-003', 'seed-004', 'clean-party.md', 'clean-state.md']) {
      assert.ok(markdown.some((f) => f.startsWith(name)), `missing fixture ${name}`);
    }
    for (const structure of ['clean-party-central', 'clean-state-objectives', 'clean-programme-eighth-plenum']) {
      for (const year of ['2024', '2026']) assert.ok(markdown.includes(`${structure}-${year}.md`), `missing fixture ${structure}-${year}.md`);
    }
  });

  for (const file of markdown) {
    for (const mode of ['drafting', 'submission'] as const) {
      it(`${file} (${mode}) reports exactly the marked findings`, () => {
        const { text, findings, lines } = run(file, mode);
        const ex = readExpectations(text, 'markdown');
        const expected = new Map(ex.drafting);
        if (mode === 'submission') {
          for (const [line, ids] of ex.submissionOnly) expected.set(line, [...(expected.get(line) ?? []), ...ids]);
        }
        const diff = diffExpectations(expected, byLine(linesOf(findings, lines)));
        assert.deepEqual(diff, [], `${file} (${mode}):\n${diff.join('\n')}`);
      });
    }
  }

  for (const file of markdown.filter((f) => f.startsWith('clean-'))) {
    it(`${file} has no findings at all, even at submission`, () => {
      for (const mode of ['drafting', 'submission'] as const) {
        const { findings } = run(file, mode);
        assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
      }
    });
  }
});

/** The correct plans: the clean references and the plans of the other structures. */
const CORRECT = /^(clean-|programme-)/;

describe('fixtures: correct plans of every structure', () => {
  const files = [...fixtureFiles('.md'), ...fixtureFiles('.yaml')].filter((f) => CORRECT.test(f));

  for (const file of files) {
    it(`${file}: at submission, nothing about its structure, text or form is reported`, () => {
      // A programme for several resolutions cites resolutions the bundled registry may not know
      // yet (marked in the file); nothing else may be reported on a correct plan.
      const { findings } = run(file, 'submission');
      const others = findings.filter((f) => f.ruleId !== 'citation.unknown');
      assert.deepEqual(others.map((f) => `${f.ruleId}: ${f.message}`), []);
      if (file.startsWith('clean-')) assert.deepEqual(findings.map((f) => `${f.ruleId}: ${f.message}`), []);
    });

    it(`${file}: plan43 check --fix leaves it byte for byte as it was`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-fixture-'));
      const copy = path.join(dir, file);
      const bytes = fs.readFileSync(path.join(PLAN_FIXTURES, file));
      fs.writeFileSync(copy, bytes);
      for (const args of [['--fix'], ['--fix', '--submission']]) {
        runCli(['check', copy, ...args], { stdout: () => undefined, stderr: () => undefined, cwd: REPO_ROOT });
        assert.ok(fs.readFileSync(copy).equals(bytes), `${file} changed by plan43 check ${args.join(' ')}`);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });
  }
});

describe('fixtures: golden output', () => {
  for (const file of fixtureFiles('.md')) {
    it(`${file} matches golden/${file}.txt`, () => {
      const parts: string[] = [];
      for (const mode of ['drafting', 'submission'] as const) {
        const { findings, lines } = run(file, mode);
        parts.push(golden(file, findings, lines, mode));
      }
      const actual = `${parts.filter(Boolean).join('\n')}\n`;
      const goldenFile = path.join(GOLDEN, `${file}.txt`);
      if (process.env.UPDATE_GOLDEN === '1') {
        fs.mkdirSync(GOLDEN, { recursive: true });
        fs.writeFileSync(goldenFile, actual, 'utf8');
      }
      assert.ok(fs.existsSync(goldenFile), `no golden file; run "npm run test:update-golden" after checking the output`);
      assert.equal(actual, fs.readFileSync(goldenFile, 'utf8'));
    });
  }
});

describe('fixtures: YAML twins', () => {
  for (const file of fixtureFiles('.yaml')) {
    const twin = file.replace(/\.yaml$/, '.md');
    it(`${file} gives the same findings as ${twin}`, () => {
      for (const mode of ['drafting', 'submission'] as const) {
        const y = run(file, mode);
        const m = run(twin, mode);
        const key = (text: string) => (f: Finding) => `${f.ruleId} «${text.slice(f.start, f.end).replace(/\s+/g, ' ')}»`;
        const ys = y.findings.map(key(y.text)).sort();
        const ms = m.findings.map(key(m.text)).sort();
        assert.deepEqual(ys, ms, `${file} vs ${twin} (${mode})`);
      }
    });
  }
});
