#!/usr/bin/env node
// What a reviewing office does in the VS Code web workbench (code-server + Chromium): open a province's folder of plans, read the Plans view, check every plan, open the review report and follow one of its links; screenshots in test-results/e2e/.
'use strict';

// Usage: node scripts/e2e/review-scenario.js [--update-screenshot] [--headed] [--keep]
// (normally run by scripts/e2e/run.js after the other scenario). With --update-screenshot the shots
// of the Plans view and of the review report are also written to docs/plans-view.png and
// docs/review-report.png.

const fs = require('node:fs');
const path = require('node:path');
const web = require('./vscode-web');
const { START_MS, STEP_MS, stepRunner } = require('./workbench');
const { runCommand, withoutTestMarkers } = require('./scenario');

const ROOT = web.ROOT;
const PROVINCE = path.join(ROOT, 'test', 'fixtures', 'province');
const DOCS = path.join(ROOT, 'docs');
const FIRST = 'dang-uy-xa-chau-phong.md';

async function runReviewScenario({ install, resultsDir, updateScreenshot = false, headed = false, keep = false, log = (l) => process.stdout.write(`${l}\n`) }) {
  const steps = [];
  const base = web.tempDir('plan43-review-scenario-', { keep });
  const profile = web.prepareProfile(base, { workspaceName: 'an-giang', userSettings: { 'plan43.language': 'vi' } });
  for (const name of fs.readdirSync(PROVINCE).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    fs.writeFileSync(path.join(profile.workspace, name), withoutTestMarkers(fs.readFileSync(path.join(PROVINCE, name), 'utf8')));
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  for (const f of fs.readdirSync(resultsDir)) if (/^review-scenario-.*\.png$/.test(f)) fs.rmSync(path.join(resultsDir, f));
  const shot = (name) => path.join(resultsDir, `review-scenario-${name}.png`);
  const server = await web.startCodeServer({ entry: install.codeServerEntry, profile, logFile: path.join(resultsDir, 'code-server-review-scenario.log') });
  let browser;
  let page;
  const step = stepRunner({ steps, log, page: () => page, shot });
  /** Waits for what a locator finds; the error names what was awaited. */
  const waitFor = async (what, locator, timeout = STEP_MS) => {
    try {
      await locator.waitFor({ timeout });
    } catch {
      throw new Error(`${what} did not appear in ${timeout} ms`);
    }
  };
  /** Clicks a pane's header until the pane is expanded or collapsed as asked. */
  const setExpanded = async (header, expanded) => {
    for (let tries = 0; (await header.getAttribute('aria-expanded')) !== String(expanded); tries += 1) {
      if (tries === 5) throw new Error(`the pane "${(await header.innerText()).trim()}" stays ${expanded ? 'collapsed' : 'expanded'} after ${tries} clicks`);
      await header.click();
      await page.waitForTimeout(200);
    }
  };
  /** The Plans view's pane in the Explorer. */
  const plansPane = () => page.locator('.pane', { has: page.locator('.pane-header', { hasText: /plans \(resolution 43\)|kế hoạch \(nghị quyết 43\)/i }) });

  log('e2e: review scenario in the VS Code web workbench (what a reviewing office sees)');
  try {
    browser = await web.launchChromium({ executablePath: install.chromium, headed });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(web.workbenchUrl(server, { workspace: profile.workspace, extensionPath: ROOT }), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await web.waitForWorkbench(page);

    await step('open a plan of the folder: the Plans view lists the province\'s plans by level and issuer', async () => {
      const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: FIRST });
      await waitFor(`${FIRST} in the Explorer`, row);
      await row.dblclick();
      await waitFor(`the editor tab of ${FIRST}`, page.locator('.tabs-container .tab.active', { hasText: FIRST }));
      await waitFor('the editor', page.locator('.editor-instance .monaco-editor .view-lines'));
      // The status bar item appears for plans only: the extension is active and its server answers.
      await waitFor('the status bar item of the plan', page.locator('.statusbar-item', { hasText: /blocking|nothing blocks/i }).first(), START_MS);
      // The view appears (collapsed, below the folder) once the server has read the folder's plans.
      const header = plansPane().locator('.pane-header');
      await waitFor('the Plans view in the Explorer', header);
      // The folder's file list makes room for the plans: collapsed, as a reviewer reads the view.
      // Both states are asked again on every round: the workbench may lay the panes out again while
      // the view appears, and a click that toggled a pane once can be undone.
      const folder = page.locator('.pane-header', { hasText: /^an-giang$/i }).first();
      const wanted = ['Province level', 'Commune level', 'Ban Thường vụ Tỉnh ủy An Giang', 'Đảng ủy xã Châu Phong'];
      const deadline = Date.now() + STEP_MS;
      for (;;) {
        await setExpanded(header, true);
        await setExpanded(folder, false);
        const shown = await plansPane().locator('.monaco-list-row').allInnerTexts();
        const missing = wanted.filter((w) => !shown.some((row) => row.includes(w)));
        if (!missing.length) break;
        if (Date.now() > deadline) throw new Error(`the Plans view shows ${shown.length} rows, none of them ${missing.map((m) => `"${m}"`).join(', ')}: ${JSON.stringify(shown)}`);
        await page.waitForTimeout(250);
      }
      const rows = await plansPane().locator('.monaco-list-row').count();
      return `${rows} rows`;
    });

    await step('check every plan for submission: the view fills in the blocking counts', async () => {
      await runCommand(page, 'Plan43: Check Every Plan in the Workspace for Submission');
      await plansPane().locator('.monaco-list-row', { hasText: '1 blocking' }).first().waitFor({ timeout: STEP_MS * 2 });
      await plansPane().locator('.monaco-list-row', { hasText: 'nothing blocks' }).first().waitFor({ timeout: STEP_MS });
      // The summary notification of the check.
      await page.locator('.notifications-toasts .notification-toast', { hasText: /Not ready to submit|Chưa thể trình/i }).first().waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Escape');
      await page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden', timeout: STEP_MS }).catch(() => undefined);
      await page.screenshot({ path: shot('1-plans-view') });
      if (updateScreenshot) fs.copyFileSync(shot('1-plans-view'), path.join(DOCS, 'plans-view.png'));
      const blocked = await plansPane().locator('.monaco-list-row', { hasText: /\d blocking/ }).count();
      return `${blocked} plans block`;
    });

    let report;
    await step('show the review report: the table of plans and the coverage matrix in a webview', async () => {
      // The report takes the editor area, as a reviewer reads it.
      await runCommand(page, 'View: Close All Editors');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: STEP_MS }).catch(() => undefined);
      await runCommand(page, 'Plan43: Show the Review Report of Every Plan');
      report = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      try {
        await report.locator('table.matrix').waitFor({ timeout: STEP_MS * 2 });
        await report.locator('table.plans tbody tr').nth(8).waitFor({ timeout: STEP_MS });
      } catch {
        throw new Error('the review report with its table of plans and its matrix did not appear');
      }
      const missing = await report.locator('#parents table.parents tbody tr').count();
      await page.locator('.notifications-toasts .notification-toast', { hasText: /reviewed/i }).first().waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Escape');
      await report.locator('#coverage').scrollIntoViewIfNeeded();
      await page.screenshot({ path: shot('2-review-report') });
      if (updateScreenshot) fs.copyFileSync(shot('2-review-report'), path.join(DOCS, 'review-report.png'));
      return `${missing} parent citations that do not match`;
    });

    await step('follow a finding\'s link in the report: the plan opens at the line', async () => {
      const link = report.locator(`#findings article a[href^="command:plan43.openPlanAt"]`, { hasText: /^\d+:\d+$/ }).first();
      const label = (await link.innerText()).trim();
      await link.click();
      await page.locator('.tabs-container .tab.active', { hasText: '.md' }).waitFor({ timeout: STEP_MS });
      const active = (await page.locator('.tabs-container .tab.active').first().innerText()).trim();
      return `${label} → ${active}`;
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

module.exports = { runReviewScenario };

if (require.main === module) {
  const { ensureInstalled } = require('./install');
  const argv = new Set(process.argv.slice(2));
  (async () => {
    const install = ensureInstalled();
    const { steps } = await runReviewScenario({
      install,
      resultsDir: path.join(ROOT, 'test-results', 'e2e'),
      updateScreenshot: argv.has('--update-screenshot'),
      headed: argv.has('--headed'),
      keep: argv.has('--keep'),
    });
    const failed = steps.filter((s) => !s.ok).length;
    process.stdout.write(`review scenario: ${steps.length - failed} steps passed, ${failed} failed\n`);
    process.exitCode = failed === 0 && steps.length > 0 ? 0 : 1;
  })().catch((err) => {
    process.stderr.write(`review scenario: FAILED: ${err.message}\n`);
    process.exitCode = 1;
  });
}
