// The review report of a folder of plans: `plan43 check folder/ --format html`, one standalone page (rows, coverage matrix, parent citations, findings), escaped and loading nothing.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkText } from '../../server/src/core/engine';
import { escapeHtml, REVIEW_CSS, reviewReportHtml } from '../../server/src/core/report/review';
import { PlanSummary, summarizePlan } from '../../server/src/core/workspace/summary';
import { withWorkspace } from '../../server/src/core/workspace/knowledge';
import { isoDateOf } from '../../server/src/core/data/as-of';
import { checkOneFile, FileCheckSettings, formatFor, shownData, version } from '../../server/src/node/check-files';
import { collectFiles } from '../../server/src/node/files';
import { reviewHtml, reviewStyleSource } from '../../server/src/node/review';
import { planEntriesOf } from '../../server/src/node/workspace';
import { runCliCaptured } from '../support/cli';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES, PROVINCE_FIXTURES } from '../support/paths';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-review-'));
}

/** The rows of the body of the table with this class. */
function rows(html: string, table: string): string[] {
  const m = new RegExp(`<table class="${table}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html);
  assert.ok(m, `a table "${table}"`);
  return m[1].split('<tr').slice(1);
}

describe('review report: plan43 check folder/ --format html', () => {
  it('writes one page for the province folder with -o: a row per plan, the matrix, the wrong parent citations, the findings', async () => {
    const dir = tempDir();
    const r = await runCliCaptured(['check', PROVINCE_FIXTURES, '--submission', '--format', 'html', '-o', path.join(dir, 'review.html')], dir);
    // Blocking findings (the draft's blank number, a wrong date, a wrong issuer): exit 1, as the other formats.
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out, '');
    const html = fs.readFileSync(path.join(dir, 'review.html'), 'utf8');
    assert.match(html, /^<!DOCTYPE html>\n<html lang="vi">/u);
    const plans = rows(html, 'plans');
    assert.equal(plans.length, 9);
    // Province first, then the communes; a blocked plan is marked.
    assert.match(plans[0], /Tỉnh<\/td>/u);
    assert.equal(plans.filter((row) => row.startsWith(' class="blocked"')).length, 3);
    const { kb } = bundledKnowledge();
    const matrix = rows(html, 'matrix');
    assert.equal(matrix.length, 9);
    for (const row of matrix) assert.equal((row.match(/<td class="cov /g) ?? []).length, kb.template.taskGroups.length);
    for (const g of kb.template.taskGroups) assert.ok(html.includes(`<th class="g" title="${escapeHtml(g.title.trim())}">${g.id}</th>`), `column ${g.id}`);
    // The parent citations that do not match the plan of the folder: the wrong date and the wrong issuer.
    const parents = rows(html, 'parents');
    assert.equal(parents.length, 2);
    assert.match(parents.join(''), /15\/8\/2025/u);
    assert.match(parents.join(''), /Ủy ban nhân dân tỉnh/u);
    assert.match(html, /<section id="duplicates">/u);
    // Each plan's findings, with a link to the line, relative to the page.
    assert.match(html, /<a href="\.\.\/[^"]*province\/dang-uy-xa-chau-phong\.md#L26">26:/u);
  });

  it('prints the page without -o, links relative to the working folder; no plan: a page that says so', async () => {
    const r = await runCliCaptured(['check', 'dang-uy-xa-my-hoa-hung.md', 'tinh-uy-chuong-trinh.md', '--format', 'html', '--lang', 'en'], PROVINCE_FIXTURES);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /<html lang="en">/u);
    assert.match(r.out, /href="dang-uy-xa-my-hoa-hung\.md"/u);
    assert.match(r.out, /Every plan cites the parents the folder holds correctly\./u);
    const empty = await runCliCaptured(['check', tempDir(), '--format', 'html'], PLAN_FIXTURES);
    assert.equal(empty.code, 0);
    assert.match(empty.out, /Không tìm thấy kế hoạch nào/u);
  });

  it('a broken registry file given with the folder is said on standard error, and the run exits with 2', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'registry.yaml'), 'documents:\n  - symbol: 12-CTr/TU\n');
    const r = await runCliCaptured(['check', PROVINCE_FIXTURES, '--format', 'html', '--registry', 'registry.yaml', '-o', 'review.html'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /^registry\.yaml:\d+:\d+: error data\.schema /mu);
    assert.match(fs.readFileSync(path.join(dir, 'review.html'), 'utf8'), /<table class="plans">/u);
  });

  it('a path it cannot read is said on standard error and listed at the top of the page, never left out', async () => {
    const dir = tempDir();
    const r = await runCliCaptured(['check', PROVINCE_FIXTURES, 'khong-co.md', '--format', 'html', '--lang', 'en', '-o', 'review.html'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /^plan43: khong-co\.md: not found\n/mu);
    const html = fs.readFileSync(path.join(dir, 'review.html'), 'utf8');
    assert.match(html, /<section id="unreadable"><h2>Could not be read, not reviewed \(1\)<\/h2><ul>\n<li class="bad"><strong>khong-co\.md<\/strong>: not found<\/li>/u);
    assert.match(html, /<table class="plans">/u);
    // A name is text on the page, never markup.
    const page = reviewReportHtml([], { lang: 'vi', mode: 'submission', taskGroups: bundledKnowledge().kb.template.taskGroups, styleSource: "'none'", unreadable: [{ label: '<b>x</b>.md', message: 'EACCES' }] });
    assert.ok(page.includes('<strong>&lt;b&gt;x&lt;/b&gt;.md</strong>: EACCES'));
  });

  it('writes, in pieces and with each plan\'s article kept out of memory until then, the page built whole from the summaries', async () => {
    const dir = tempDir();
    const spools = (): string[] => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('plan43-review-page-'));
    const before = spools();
    const output = path.join(dir, 'out', 'review.html');
    fs.mkdirSync(path.dirname(output));
    const r = await runCliCaptured(['check', PROVINCE_FIXTURES, PLAN_FIXTURES, '--submission', '--format', 'html', '-o', output], dir);
    assert.equal(r.code, 1, r.err);
    const page = fs.readFileSync(output, 'utf8');
    // The same plans checked one by one, their summaries kept whole, the page made whole.
    const files = collectFiles([PROVINCE_FIXTURES, PLAN_FIXTURES]).files;
    const { kb } = bundledKnowledge();
    const settings: FileCheckSettings = { format: 'html', lang: 'vi', mode: 'submission', levels: {}, today: isoDateOf(new Date()), fix: false, allowLinks: false, cwd: dir };
    const workspace = withWorkspace(kb, planEntriesOf(files as string[], (f) => shownData(f, dir), kb));
    const summaries = files.map((f) => checkOneFile(f, workspace, settings, formatFor(settings)).summary).filter((s): s is PlanSummary => s !== undefined);
    const whole = reviewHtml(summaries, {
      lang: 'vi',
      mode: 'submission',
      taskGroups: kb.template.taskGroups,
      generator: `plan43 ${version()}`,
      link: (file, line) => `${path.relative(path.dirname(output), file).split(path.sep).map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}`,
      unreadable: [],
    });
    assert.ok(whole.length > 150_000, `a page of several pieces (${whole.length} characters)`);
    assert.ok(page === whole, 'the same page');
    // Nothing is left in the temporary folder.
    assert.deepEqual(spools(), before);
  });

  it('loads nothing, runs nothing: its policy allows only its own style, by hash', () => {
    const hash = `'sha256-${createHash('sha256').update(REVIEW_CSS, 'utf8').digest('base64')}'`;
    assert.equal(reviewStyleSource(), hash);
    const html = reviewReportHtml([], { lang: 'vi', mode: 'drafting', taskGroups: bundledKnowledge().kb.template.taskGroups, styleSource: hash });
    // The attribute's entities decode to the quotes of the source: 'sha256-…'.
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${escapeHtml(hash)};`));
    assert.ok(html.includes(`<style>${REVIEW_CSS}</style>`));
    assert.doesNotMatch(html, /<script|<link|<img|https?:/iu);
  });

  it('escapes every text taken from the plans: metadata, citations, messages, paths', () => {
    const { kb } = bundledKnowledge();
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const text = fs
      .readFileSync(path.join(PLAN_FIXTURES, 'clean-state.md'), 'utf8')
      .replace(/^issuer: .*$/m, `issuer: '${hostile.replace(/'/g, "''")}'`)
      .replace(/^subject: /m, `subject: ${hostile.replace(/[<>"]/g, '')} `)
      .replace('Thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023', `Thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 <b onclick="x()">`);
    const file = `</td><script>x()</script>.md`;
    const { plan, findings } = checkText(file, text, kb, { lang: 'vi', mode: 'submission' });
    const summary = summarizePlan(plan, kb, findings, { uri: file, label: file });
    const html = reviewReportHtml([summary], {
      lang: 'vi',
      mode: 'submission',
      taskGroups: kb.template.taskGroups,
      styleSource: reviewStyleSource(),
      link: (uri, line) => `${uri}"onmouseover="x()#L${line ?? 1}`,
    });
    // No element and no attribute the plans could have opened: every "<" and quote of their text is an entity.
    assert.doesNotMatch(html, /<script|<img|<b |"\s*on\w+=/iu);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'));
    assert.ok(html.includes('&lt;/td&gt;&lt;script&gt;x()&lt;/script&gt;.md'));
  });
});
