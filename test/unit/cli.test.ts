// The plan43 command line: formats, options, exit codes, --fix, and SARIF valid against the SARIF 2.1.0 schema.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';
import { sarifErrors } from '../support/sarif';

function cli(args: string[], cwd = REPO_ROOT): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd });
  return { code, out, err };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-cli-'));
}

const CLEAN = path.join(PLAN_FIXTURES, 'clean-party.md');
const SEED = path.join(PLAN_FIXTURES, 'seed-003-kien-giang.md');

describe('cli', () => {
  it('prints help and exits 0', () => {
    const r = cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /plan43 check/);
    assert.match(r.out, /Exit codes/);
  });

  it('exits 2 on a usage error, with the reason', () => {
    for (const args of [['check', '--format', 'xml'], ['lint'], ['check', '--rule', 'no.such-rule=off'], ['check', '--lang', 'fr'], []]) {
      const r = cli(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /plan43: /);
    }
  });

  it('exits 2 when a named file does not exist', () => {
    const r = cli(['check', 'no/such/plan.md']);
    assert.equal(r.code, 2);
    assert.match(r.err, /không tìm thấy/);
  });

  it('exits 0 on a clean plan and 1 on a plan with errors', () => {
    assert.equal(cli(['check', CLEAN, '--submission']).code, 0);
    const r = cli(['check', SEED, '--submission']);
    assert.equal(r.code, 1);
  });

  it('prints compiler-style lines a problem matcher can read', () => {
    const r = cli(['check', SEED, '--submission']);
    const lines = r.out.trim().split('\n');
    const findingLines = lines.slice(0, -1);
    assert.ok(findingLines.length > 0);
    for (const line of findingLines) {
      assert.match(line, /^test\/fixtures\/plans\/seed-003-kien-giang\.md:\d+:\d+: (error|warning|info|hint) [a-z-]+\.[a-z-]+ \S/);
    }
    assert.match(lines[lines.length - 1], /^1 kế hoạch: \d+ lỗi, \d+ cảnh báo, \d+ gợi ý\.$/);
  });

  it('speaks English with --lang en', () => {
    const r = cli(['check', SEED, '--lang', 'en']);
    assert.match(r.out, /1 plan\(s\): \d+ error\(s\)/);
  });

  it('checks every plan in a folder and skips files that are not plans', () => {
    const dir = tempDir();
    fs.copyFileSync(CLEAN, path.join(dir, 'a.md'));
    fs.writeFileSync(path.join(dir, 'README.md'), '# Notes\n\nNot a plan.\n');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.copyFileSync(SEED, path.join(dir, 'node_modules', 'ignored.md'));
    const r = cli(['check', dir, '--format', 'json']);
    const json = JSON.parse(r.out) as { files: Array<{ path: string }>; summary: { files: number } };
    assert.equal(json.summary.files, 1);
    assert.equal(json.files.length, 1);
  });

  it('uses submission severities with --submission', () => {
    const drafting = JSON.parse(cli(['check', SEED, '--format', 'json']).out) as { summary: { errors: number } };
    const submission = JSON.parse(cli(['check', SEED, '--format', 'json', '--submission']).out) as { summary: { errors: number } };
    assert.ok(submission.summary.errors > drafting.summary.errors);
  });

  it('turns a rule off with --rule', () => {
    const all = cli(['check', SEED, '--submission']).out;
    assert.match(all, / form\.ending | form\.number /);
    const r = cli(['check', SEED, '--submission', '--rule', 'form.number=off']);
    assert.doesNotMatch(r.out, / form\.number /);
  });

  it('writes a readable report with --format report', () => {
    const r = cli(['check', SEED, '--submission', '--format', 'report']);
    assert.match(r.out, /^# Báo cáo kiểm tra trước khi trình/);
    assert.match(r.out, /Phải sửa trước khi trình/);
    assert.match(r.out, /Danh mục kiểm tra theo mẫu/);
  });

  it('writes SARIF 2.1.0 that validates against the official schema, with rule metadata and help URIs', () => {
    const r = cli(['check', SEED, '--submission', '--format', 'sarif']);
    const sarif = JSON.parse(r.out) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; results: Array<{ ruleId: string; ruleIndex: number }> }>;
    };
    const errors = sarifErrors(sarif);
    assert.deepEqual(errors.slice(0, 5), []);
    const run = sarif.runs[0];
    assert.ok(run.results.length > 0);
    for (const result of run.results) {
      const rule = run.tool.driver.rules[result.ruleIndex];
      assert.equal(rule.id, result.ruleId);
      assert.ok(fs.existsSync(new URL(rule.helpUri)), `docs page for ${rule.id}`);
    }
  });

  it('writes the result to a file with --output', () => {
    const dir = tempDir();
    const out = path.join(dir, 'result.sarif');
    const r = cli(['check', SEED, '--format', 'sarif', '--output', out]);
    assert.equal(r.out, '');
    assert.ok(JSON.parse(fs.readFileSync(out, 'utf8')));
  });

  it('--fix applies mechanical fixes in place and nothing else', () => {
    const dir = tempDir();
    const file = path.join(dir, 'plan.md');
    fs.copyFileSync(SEED, file);
    const before = JSON.parse(cli(['check', file, '--format', 'json']).out) as { files: Array<{ findings: Array<{ fix?: unknown }> }> };
    assert.ok(before.files[0].findings.some((f) => f.fix), 'the seed has fixable findings');
    cli(['check', file, '--fix']);
    const after = JSON.parse(cli(['check', file, '--format', 'json']).out) as { files: Array<{ findings: Array<{ fix?: { kind: string }; ruleId: string }> }> };
    assert.deepEqual(after.files[0].findings.filter((f) => f.fix?.kind === 'mechanical').map((f) => f.ruleId), []);
    const unfixable = (x: typeof before) => x.files[0].findings.filter((f) => !f.fix).length;
    assert.ok(unfixable(after) > 0, 'findings without a fix are left for the drafter');
  });

  it('--fix never inserts a section or a task group: text the drafter would have to replace', () => {
    const dir = tempDir();
    const file = path.join(dir, 'plan.md');
    const clean = fs.readFileSync(CLEAN, 'utf8');
    // Without its objectives section and its group on democracy, the plan has two insertion fixes.
    const objectives = clean.indexOf('## II. MỤC TIÊU');
    const tasks = clean.indexOf('## III. NHIỆM VỤ');
    const democracy = clean.indexOf('### 6. Phát huy dân chủ');
    const front = clean.indexOf('### 7. Đổi mới nội dung');
    assert.ok(objectives > 0 && tasks > objectives && democracy > tasks && front > democracy);
    const text = clean.slice(0, objectives) + clean.slice(tasks, democracy) + clean.slice(front);
    fs.writeFileSync(file, text);
    const before = JSON.parse(cli(['check', file, '--format', 'json']).out) as { files: Array<{ findings: Array<{ fix?: { kind: string }; ruleId: string }> }> };
    const inserting = before.files[0].findings.filter((f) => f.fix?.kind === 'insertion').map((f) => f.ruleId);
    assert.deepEqual(inserting.sort(), ['section.missing', 'task-group.missing']);
    cli(['check', file, '--fix']);
    const fixed = fs.readFileSync(file, 'utf8');
    assert.ok(!fixed.includes('…'), 'no placeholder was inserted');
    assert.ok(!fixed.includes('MỤC TIÊU'), 'the objectives section was not inserted');
    assert.ok(!/^### \d+\. Phát huy dân chủ/m.test(fixed), 'the group was not inserted');
  });

  it('reports a broken user registry on that file and exits 2', () => {
    const dir = tempDir();
    const registry = path.join(dir, 'local-registry.yaml');
    fs.writeFileSync(registry, 'documents:\n  - symbol: 51-CTr/TU\n    date: 2024-03-19\n');
    const r = cli(['check', CLEAN, '--registry', registry]);
    assert.equal(r.code, 2);
    assert.match(r.out, /local-registry\.yaml:\d+:\d+: error data\.schema /);
  });

  it('installs as the plan43 bin of the package', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const bin = path.join(REPO_ROOT, pkg.bin.plan43);
    const r = spawnSync(process.execPath, [bin, 'check', CLEAN], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /1 kế hoạch: 0 lỗi/);
  });
});
