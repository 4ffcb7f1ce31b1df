#!/usr/bin/env node
// The user-level scenario in the VS Code web workbench (code-server + Chromium): open a seed plan, read the Problems panel, apply a quick fix, accept a snippet, open the preview beside the plan and work from it, open the submission report; screenshots in test-results/e2e/.
'use strict';

// Usage: node scripts/e2e/scenario.js [--update-screenshot] [--headed] [--keep]
// (normally run by scripts/e2e/run.js after the suite). With --update-screenshot the shot of the
// quick fix over the Problems panel is also written to docs/screenshot.png, and the plan beside
// its preview to docs/preview.png.

const fs = require('node:fs');
const path = require('node:path');
const web = require('./vscode-web');
const { START_MS, STEP_MS, problemBadge, problemRows, stepRunner } = require('./workbench');

const ROOT = web.ROOT;
const SEED = path.join(ROOT, 'test', 'fixtures', 'plans', 'seed-003-kien-giang.md');
const PLAN_NAME = 'ke-hoach-kien-giang.md';
const SCREENSHOT_DOC = path.join(ROOT, 'docs', 'screenshot.png');
/** The words of the preamble where the scenario types "XVII" over "XIII" (after the quick fix wrote it). */
const TYPED_AT = 'Trung ương Đảng khóa XIII về tiếp tục phát huy truyền thống, sức mạnh đại đoàn kết toàn dân tộc, xây dựng đất nước ta ngày càng phồn vinh, hạnh phúc, Ủy ban';
/** The README's picture of the plan beside its preview. */
const PREVIEW_SCREENSHOT_DOC = path.join(ROOT, 'docs', 'preview.png');

/** Waits until the Problems badge satisfies `op` ("==" or ">=") `value`; resolves with the number. */
async function waitForProblemCount(page, op, value, what) {
  try {
    const handle = await page.waitForFunction(problemBadge, { op, value }, { timeout: STEP_MS });
    return (await handle.jsonValue()).n;
  } catch {
    const { n } = await page.evaluate(problemBadge, null);
    throw new Error(`timed out waiting for ${what}; the Problems badge shows ${n}`);
  }
}

/** Runs a command from the command palette, by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_MS });
  await row.click();
}

async function editorText(page) {
  return page.$eval('.editor-instance .monaco-editor .view-lines', (el) => el.innerText.replace(/\u00a0/g, ' '));
}

/**
 * The seed plan as a drafter has it: without the fixture's comments (seed line numbers, expected
 * findings), which are there for the tests.
 */
function withoutTestMarkers(text) {
  const lines = text.split('\n');
  const end = lines.indexOf('---', 1);
  return lines
    .map((line, i) => {
      if (i > 0 && i < end) return /^\s*#/.test(line) ? null : line.replace(/\s+#\s.*$/, '');
      return line.replace(/\s*<!--[^>]*-->\s*$/, '');
    })
    .filter((line) => line !== null)
    .join('\n');
}

async function runScenario({ install, resultsDir, updateScreenshot = false, headed = false, keep = false, log = (l) => process.stdout.write(`${l}\n`) }) {
  const steps = [];
  const base = web.tempDir('plan43-scenario-', { keep });
  // VS Code in a browser saves files a second after each change; a drafter's desktop VS Code does
  // not, and the preview says when the plan has unsaved changes.
  const profile = web.prepareProfile(base, { workspaceName: 'ke-hoach-43', userSettings: { 'plan43.language': 'vi', 'files.autoSave': 'off' } });
  fs.writeFileSync(path.join(profile.workspace, PLAN_NAME), withoutTestMarkers(fs.readFileSync(SEED, 'utf8')));
  fs.mkdirSync(resultsDir, { recursive: true });
  for (const f of fs.readdirSync(resultsDir)) if (/^scenario-.*\.png$/.test(f)) fs.rmSync(path.join(resultsDir, f));
  const shot = (name) => path.join(resultsDir, `scenario-${name}.png`);
  const server = await web.startCodeServer({ entry: install.codeServerEntry, profile, logFile: path.join(resultsDir, 'code-server-scenario.log') });
  let browser;
  let page;
  const step = stepRunner({ steps, log, page: () => page, shot });

  log('e2e: scenario in the VS Code web workbench (what a drafter sees)');
  try {
    browser = await web.launchChromium({ executablePath: install.chromium, headed });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(web.workbenchUrl(server, { workspace: profile.workspace, extensionPath: ROOT }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await web.waitForWorkbench(page);

    await step('open the seed plan', async () => {
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: PLAN_NAME }).waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: STEP_MS });
      await input.fill(PLAN_NAME);
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: PLAN_NAME }).first().waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: PLAN_NAME }).waitFor({ timeout: STEP_MS });
      await page.locator('.editor-instance .monaco-editor .view-lines').waitFor({ timeout: STEP_MS });
      // The status bar item appears for plans only: the extension is active and its server answers.
      const status = page.locator('.statusbar-item', { hasText: /phải sửa trước khi trình|blocking|nothing blocks|Không có gì/i }).first();
      await status.waitFor({ timeout: START_MS });
      return `status bar: ${(await status.innerText()).trim()}`;
    });

    let before = 0;
    await step('read the Problems panel', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ timeout: STEP_MS });
      // Hints (text.tone-style, task-group.order) are not listed in the panel: 5 warnings are.
      before = await waitForProblemCount(page, '>=', 5, 'the seed plan\'s warnings in the Problems badge');
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'citation.first-incomplete' }).first().waitFor({ timeout: STEP_MS });
      const rows = await problemRows(page);
      for (const code of ['form.recipients', 'citation.term-mismatch', 'citation.first-incomplete']) {
        if (!rows.some((r) => r.includes(code))) throw new Error(`no ${code} in the Problems panel; rows:\n${rows.join('\n')}`);
      }
      await page.screenshot({ path: shot('1-problems') });
      return `${before} problems`;
    });

    await step('apply a quick fix from the light bulb menu', async () => {
      // From the Problems panel to the finding: the editor selects its range.
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'citation.term-mismatch' }).first().click();
      await page.keyboard.press('Enter');
      await page.locator('.editor-instance .monaco-editor.focused').waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Sửa thành khóa XIII' }).first();
      await item.waitFor({ state: 'visible', timeout: STEP_MS });
      await page.screenshot({ path: shot('2-quick-fix') });
      if (updateScreenshot) fs.copyFileSync(shot('2-quick-fix'), SCREENSHOT_DOC);
      // The preferred fix is focused: Enter applies it, as a user does.
      await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Sửa thành khóa XIII' }).waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
      const after = await waitForProblemCount(page, '==', before - 1, `the Problems badge to drop to ${before - 1}`);
      return `${before} → ${after} problems`;
    });

    await step('type a snippet prefix and accept the standard clause', async () => {
      // A new line at the end of the implementation section, above the closing paragraph.
      await page.keyboard.press('Control+F');
      const find = page.locator('.editor-instance .find-widget textarea, .editor-instance .find-widget input').first();
      await find.waitFor({ state: 'visible', timeout: STEP_MS });
      await find.fill('Trên đây là Kế hoạch');
      await page.locator('.editor-instance .find-widget .matchesCount', { hasText: /^1 of 1$/ }).waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.type('tcth-daumoi', { delay: 30 });
      // Markdown has no suggestions while typing by default: Ctrl+Space asks for them.
      await page.keyboard.press('Control+Space');
      const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'tcth-daumoi' }).first();
      await suggestion.waitFor({ state: 'visible', timeout: STEP_MS });
      await page.screenshot({ path: shot('3-snippet-suggestion') });
      await page.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'tcth-daumoi' }).waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => (document.querySelector('.editor-instance .monaco-editor .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ').includes('là cơ quan đầu mối'),
        undefined,
        { timeout: STEP_MS },
      );
      await page.keyboard.press('Escape');
      const text = await editorText(page);
      const line = text.split('\n').find((l) => l.includes('cơ quan đầu mối')) ?? '';
      await page.screenshot({ path: shot('4-snippet-inserted') });
      return `inserted: "${line.trim().slice(0, 60)}…"`;
    });

    // The preview is a webview: an iframe holding the active frame with the page.
    const preview = () => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const marks = (text) => preview().locator('#plan43-pages mark.finding', text ? { hasText: text } : {});

    await step('open the preview to the side and see the findings on the page', async () => {
      await runCommand(page, 'Plan43: Open Preview to the Side');
      await page.locator('.tabs-container .tab', { hasText: `Preview ${PLAN_NAME}` }).first().waitFor({ timeout: STEP_MS });
      try {
        await preview().locator('#plan43-pages .page').first().waitFor({ timeout: STEP_MS });
        await marks().first().waitFor({ timeout: STEP_MS });
      } catch {
        throw new Error('the preview with its pages and marked findings did not appear');
      }
      const pages = await preview().locator('#plan43-pages .page').count();
      const marked = await marks().count();
      const banner = (await preview().locator('.banner .count').innerText()).trim();
      if (!/lỗi chặn trình ký/.test(banner)) throw new Error(`the banner says "${banner}"`);
      if (!(await preview().locator('#plan43-pages', { hasText: 'ỦY BAN NHÂN DÂN' }).count())) throw new Error('the header of the official layout is not on the page');
      await page.screenshot({ path: shot('6-preview') });
      return `${pages} pages, ${marked} marks, banner "${banner}"`;
    });

    await step('type a defect in the plan and see it marked in the preview', async () => {
      const before = await marks('XVII').count();
      // The quick fix wrote "khóa XIII" in the preamble; the drafter types the wrong term back.
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+F');
      const find = page.locator('.editor-instance .find-widget textarea, .editor-instance .find-widget input').first();
      await find.waitFor({ state: 'visible', timeout: STEP_MS });
      await find.fill(TYPED_AT);
      await page.locator('.editor-instance .find-widget .matchesCount', { hasText: /^1 of 1$/ }).waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Escape');
      // The match is selected: "khóa XIII" is 18 characters into it; select "XIII" and type over it.
      await page.keyboard.press('ArrowLeft');
      for (let i = 0; i < 'Trung ương Đảng khóa '.length; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type('XVII', { delay: 40 });
      try {
        await marks('XVII').nth(before).waitFor({ timeout: STEP_MS });
      } catch {
        throw new Error(`the preview did not mark the typed "XVII" (it marks ${await marks('XVII').count()}, ${before} before)`);
      }
      // The plan is not saved: the preview says so.
      await preview().locator('.banner .unsaved').waitFor({ state: 'visible', timeout: STEP_MS }).catch(() => {
        throw new Error('the preview does not say the plan has unsaved changes');
      });
      return `"XVII" marked in the preview (${before} → ${await marks('XVII').count()}), unsaved changes shown`;
    });

    await step('click a finding in the preview and land on its line', async () => {
      // Move the cursor away first, to the top of the plan; the Problems panel and the side bar
      // are put away, for the editor and the preview to have the window.
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Control+J');
      await page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: STEP_MS });
      await page.keyboard.press('Control+B');
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: STEP_MS });
      const position = page.locator('.statusbar-item[id="status.editor.selection"]');
      await position.filter({ hasText: /Ln 1,/ }).waitFor({ timeout: STEP_MS });
      // The page is drawn again when the findings settle: click() finds the mark again if so.
      await marks('XVII').first().click();
      // The editor selects the finding's range, "XVII": the cursor at its end, four characters selected.
      // The file on disk is as it was opened (nothing was saved): the seed's "XVII" is where it was typed again.
      const lines = fs.readFileSync(path.join(profile.workspace, PLAN_NAME), 'utf8').split('\n');
      const as = TYPED_AT.replace('XIII', 'XVII');
      const line = lines.findIndex((l) => l.includes(as));
      const column = lines[line].indexOf(as) + 'Trung ương Đảng khóa XVII'.length + 1;
      const expected = `Ln ${line + 1}, Col ${column} (4 selected)`;
      await position.filter({ hasText: expected }).waitFor({ timeout: STEP_MS }).catch(async () => {
        throw new Error(`the editor is not at the finding (${expected}): ${await position.innerText().catch(() => '?')}`);
      });
      await page.screenshot({ path: shot('7-preview-side-by-side') });
      if (updateScreenshot) fs.copyFileSync(shot('7-preview-side-by-side'), PREVIEW_SCREENSHOT_DOC);
      return (await position.innerText()).trim();
    });

    await step('close the preview', async () => {
      // The close button of its tab (keys typed while the preview has the focus go to the page).
      const tab = page.locator('.tabs-container .tab', { hasText: `Preview ${PLAN_NAME}` }).first();
      await tab.hover();
      await tab.locator('.tab-actions .action-label').first().click();
      await page.locator('.tabs-container .tab', { hasText: `Preview ${PLAN_NAME}` }).waitFor({ state: 'detached', timeout: STEP_MS });
      await page.locator('.tabs-container .tab', { hasText: PLAN_NAME }).first().click();
    });

    await step('check for submission and open the report', async () => {
      await runCommand(page, 'Plan43: Check for Submission');
      // A plan is open in a folder: the command asks what to check.
      const thisPlan = page.locator('.quick-input-widget .monaco-list-row', { hasText: PLAN_NAME }).first();
      await thisPlan.waitFor({ state: 'visible', timeout: STEP_MS });
      await thisPlan.click();
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /Chưa thể trình|Not ready to submit|phải sửa trước khi trình/i }).first();
      await toast.waitFor({ state: 'visible', timeout: STEP_MS });
      // The Markdown preview is a webview: an iframe holding the active frame with the report.
      const report = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      try {
        await report.locator('body', { hasText: 'form.number' }).waitFor({ timeout: STEP_MS });
        await report.locator('body', { hasText: 'form.date' }).waitFor({ timeout: STEP_MS });
      } catch {
        throw new Error('the Markdown preview with the submission report (form.number, form.date) did not appear');
      }
      await page.screenshot({ path: shot('5-submission-report') });
      const message = await toast.locator('.notification-list-item-message').first().innerText().catch(() => '');
      return `notification: "${message.trim()}"`;
    });
  } catch (err) {
    if (!steps.length || steps[steps.length - 1].ok) throw err;
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    await server.stop();
    if (keep) log(`e2e: kept ${base}`);
    else fs.rmSync(base, { recursive: true, force: true });
  }
  return { steps };
}

module.exports = { runScenario, runCommand, withoutTestMarkers };

if (require.main === module) {
  const { ensureInstalled } = require('./install');
  const argv = new Set(process.argv.slice(2));
  (async () => {
    const install = ensureInstalled();
    const { steps } = await runScenario({
      install,
      resultsDir: path.join(ROOT, 'test-results', 'e2e'),
      updateScreenshot: argv.has('--update-screenshot'),
      headed: argv.has('--headed'),
      keep: argv.has('--keep'),
    });
    const failed = steps.filter((s) => !s.ok).length;
    process.stdout.write(`scenario: ${steps.length - failed} steps passed, ${failed} failed\n`);
    process.exitCode = failed === 0 && steps.length > 0 ? 0 : 1;
  })().catch((err) => {
    process.stderr.write(`scenario: FAILED: ${err.message}\n`);
    process.exitCode = 1;
  });
}
