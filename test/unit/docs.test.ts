// The README rule table and docs/rules/ agree with the rule registry, and every rule is documented in both languages.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, fixLabel, RULE_METADATA } from '../../server/src/core/rules/index';
import { REPO_ROOT } from '../support/paths';

const DOCS = path.join(REPO_ROOT, 'docs', 'rules');

function readmeRuleRows(): Array<{ id: string; drafting: string; submission: string; fix: string }> {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- rules:start -->');
  const end = readme.indexOf('<!-- rules:end -->');
  assert.ok(start >= 0 && end > start, 'README.md must hold the rule table between <!-- rules:start --> and <!-- rules:end -->');
  return readme
    .slice(start, end)
    .split('\n')
    .filter((l) => /^\| \[`/.test(l))
    .map((l) => {
      const cells = l.split('|').map((c) => c.trim());
      const id = /\[`([^`]+)`\]/.exec(cells[1])![1];
      return { id, drafting: cells[3], submission: cells[4], fix: cells[5] };
    });
}

describe('docs: rules', () => {
  it('rule ids are unique and namespaced', () => {
    const ids = RULE_METADATA.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
  });

  it('has every rule the validation issue names', () => {
    const required = [
      'section.missing', 'section.order', 'section.numbering', 'section.empty', 'section.heading-glued',
      'task-group.missing', 'task-group.order', 'implementation.no-monitoring', 'implementation.front-assigned',
      'citation.parent-missing', 'citation.parent-undeclared', 'citation.date-mismatch', 'citation.term-mismatch',
      'citation.issuer-mismatch', 'citation.title-mismatch', 'citation.type-mismatch', 'citation.first-incomplete',
      'citation.malformed', 'citation.ambiguous', 'citation.unknown',
      'form.number', 'form.date', 'form.signature', 'form.recipients', 'form.ending',
      'text.lookalike', 'text.normalization', 'text.quotes', 'text.spacing', 'text.tone-style', 'text.placeholder',
      'name.outdated',
    ];
    const ids = new Set(ALL_RULES.map((r) => r.id));
    assert.deepEqual(required.filter((id) => !ids.has(id)), []);
  });

  it('every rule has messages in Vietnamese and English', () => {
    for (const r of RULE_METADATA) {
      for (const text of [r.title, r.description, ...Object.values(r.messages)]) {
        assert.ok(text.vi.trim() && text.en.trim(), `${r.id}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('every rule has a docs page with what, why, how to fix and an example', () => {
    for (const r of RULE_METADATA) {
      const file = path.join(DOCS, `${r.id}.md`);
      assert.ok(fs.existsSync(file), `docs/rules/${r.id}.md`);
      const page = fs.readFileSync(file, 'utf8');
      assert.match(page, new RegExp(`^# \`${r.id.replace('.', '\\.')}\``), `${r.id}: title line`);
      for (const heading of [/^## /m, /Ví dụ|Example/]) assert.match(page, heading, `${r.id}: ${heading}`);
    }
  });

  it('docs/rules holds no page for a rule that does not exist', () => {
    const ids = new Set(RULE_METADATA.map((r) => r.id));
    const pages = fs.readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md' && f !== 'retired.md');
    assert.deepEqual(pages.filter((p) => !ids.has(p.replace(/\.md$/, ''))), []);
  });

  it('the README rule table lists every rule, in registry order, with its severities and fixability', () => {
    const rows = readmeRuleRows();
    assert.deepEqual(rows.map((r) => r.id), RULE_METADATA.map((r) => r.id));
    for (const row of rows) {
      const rule = RULE_METADATA.find((r) => r.id === row.id)!;
      assert.equal(row.drafting, rule.severity.drafting, `${row.id} drafting`);
      assert.equal(row.submission, rule.severity.submission, `${row.id} submission`);
      assert.equal(row.fix, fixLabel(rule), `${row.id} fix`);
    }
  });
});

describe('docs: README examples', () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');

  for (const [fence, file] of [
    ['markdown', 'clean-party.md'],
    ['yaml', 'clean-state.yaml'],
  ] as const) {
    it(`the README's ${fence} example is test/fixtures/plans/${file}, whole`, () => {
      const summary = readme.indexOf(`<code>test/fixtures/plans/${file}</code>`);
      assert.ok(summary >= 0, `README names ${file}`);
      const open = readme.indexOf(`\`\`\`${fence}\n`, summary);
      const close = readme.indexOf('\n```\n', open + 4);
      const example = readme.slice(open + fence.length + 4, close + 1);
      const fixture = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'plans', file), 'utf8');
      assert.equal(example, fixture);
    });
  }

  it('the two setup commands are the ones CI and users run', () => {
    assert.match(readme, /npm ci && npm run examples/);
    assert.match(readme, /^npm test\b/m);
    const ci = fs.readFileSync(path.join(REPO_ROOT, '.ci', 'run'), 'utf8');
    assert.match(ci, /npm test/);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.ok(pkg.scripts.examples && pkg.scripts.test);
  });
});
