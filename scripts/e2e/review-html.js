#!/usr/bin/env node
// The review report of `plan43 check folder/ --format html` in headless Chromium: the matrix renders with its style, it prints, it loads nothing, and text from the plans cannot run or open anything.
'use strict';

// Usage: node scripts/e2e/review-html.js [--headed] [--keep]   (normally run by scripts/e2e/run.js)
// Each check counts as a test; screenshots, the PDF and the pages go to test-results/e2e/.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const web = require('./vscode-web');
const { stepRunner } = require('./workbench');

const ROOT = web.ROOT;
const PROVINCE = path.join(ROOT, 'test', 'fixtures', 'province');
const PLAN43 = path.join(ROOT, 'bin', 'plan43.js');
/** A text that would run, load or break out of its element if the page did not escape it. */
const HOSTILE = `<script>window.__pwned = 1</script><img src="http://127.0.0.1:9/x.png" onerror="window.__pwned = 2">"'><b onclick="window.__pwned = 3">`;

/** Runs plan43 on a folder and returns the path of the page it wrote. */
function writeReport(folder, output) {
  const r = spawnSync(process.execPath, [PLAN43, 'check', folder, '--submission', '--format', 'html', '-o', output], { cwd: ROOT, encoding: 'utf8' });
  // 1: findings that block submission (the fixtures have some); anything else is a failure of the tool.
  if (r.status !== 0 && r.status !== 1) throw new Error(`plan43 check exited with ${r.status}:\n${r.stderr}`);
  if (!fs.existsSync(output)) throw new Error(`plan43 check wrote no ${output}`);
  return output;
}

/** A copy of the province folder with hostile text in a plan's metadata and body, and in a file name. */
function hostileFolder(base) {
  const dir = path.join(base, 'hostile');
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(PROVINCE).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    fs.copyFileSync(path.join(PROVINCE, name), path.join(dir, name));
  }
  const file = path.join(dir, 'dang-uy-xa-my-hoa-hung.md');
  const text = fs
    .readFileSync(file, 'utf8')
    .replace(/^issuer: .*$/m, `issuer: '${`Đảng ủy xã ${HOSTILE}`.replace(/'/g, "''")}'`)
    .replace(/^Tiếp tục củng cố/m, `${HOSTILE} Tiếp tục củng cố`);
  fs.writeFileSync(file, text);
  // A file name that closes an attribute and opens an element.
  fs.copyFileSync(path.join(PROVINCE, 'dang-uy-xa-vinh-hau.md'), path.join(dir, `x"><img src=y onerror="window.__pwned=4">.md`));
  return dir;
}

async function runReviewHtml({ install, resultsDir, headed = false, keep = false, log = (l) => process.stdout.write(`${l}\n`) }) {
  const steps = [];
  const base = web.tempDir('plan43-review-html-', { keep });
  fs.mkdirSync(resultsDir, { recursive: true });
  const shot = (name) => path.join(resultsDir, `review-html-${name}`);
  let browser;
  // Every check runs, whatever the one before it said.
  const check = stepRunner({ steps, log, keepGoing: true });

  log('e2e: the review report (plan43 check --format html) in headless Chromium');
  try {
    const page = writeReport(PROVINCE, path.join(base, 'review.html'));
    fs.copyFileSync(page, shot('province.html'));
    browser = await web.launchChromium({ executablePath: install.chromium, headed });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    const requests = [];
    const problems = [];
    tab.on('request', (r) => requests.push(r.url()));
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    tab.on('pageerror', (e) => problems.push(e.message));
    tab.on('dialog', (d) => {
      problems.push(`a dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    const url = pathToFileURL(page).href;
    await tab.goto(url, { waitUntil: 'load' });

    await check('the matrix renders: a row per plan, a cell per task group, coloured by its style', async () => {
      const m = await tab.evaluate(() => {
        const rows = [...document.querySelectorAll('table.matrix tbody tr')];
        const cells = rows.map((r) => r.querySelectorAll('td.cov').length);
        const missing = document.querySelector('table.matrix td.cov.covered');
        const box = document.querySelector('table.matrix').getBoundingClientRect();
        return {
          rows: rows.length,
          cells,
          columns: document.querySelectorAll('table.matrix thead th.g').length,
          background: missing ? getComputedStyle(missing).backgroundColor : '',
          collapse: getComputedStyle(document.querySelector('table.matrix')).borderCollapse,
          width: box.width,
          plans: document.querySelectorAll('table.plans tbody tr').length,
        };
      });
      if (m.rows !== 9 || m.plans !== 9) throw new Error(`expected 9 plans, got ${m.rows} matrix rows and ${m.plans} rows`);
      if (m.columns < 7 || m.cells.some((c) => c !== m.columns)) throw new Error(`cells per row ${m.cells.join(',')} for ${m.columns} groups`);
      // The page's style applied (its hash is in the policy): a covered cell is green, tables collapse.
      if (m.background !== 'rgb(218, 251, 225)' || m.collapse !== 'collapse') throw new Error(`the style did not apply: ${m.background}, ${m.collapse}`);
      if (m.width > 1400) throw new Error(`the matrix is wider than the window: ${m.width}px`);
      await tab.locator('#coverage').screenshot({ path: shot('matrix.png') });
      await tab.screenshot({ path: shot('page.png') });
      return `${m.rows} × ${m.columns}`;
    });

    await check('it loads nothing and reports no error: one request (the page itself), no policy violation', async () => {
      if (requests.length !== 1 || requests[0] !== url) throw new Error(`requests: ${requests.join(', ')}`);
      if (problems.length) throw new Error(problems.join('\n'));
    });

    await check('it prints: A4 landscape pages, without the contents list', async () => {
      await tab.emulateMedia({ media: 'print' });
      const nav = await tab.evaluate(() => getComputedStyle(document.querySelector('nav')).display);
      if (nav !== 'none') throw new Error(`the contents list prints (display: ${nav})`);
      await tab.screenshot({ path: shot('print.png'), fullPage: false });
      await tab.emulateMedia({ media: 'screen' });
      const pdf = await tab.pdf({ preferCSSPageSize: true, printBackground: true });
      fs.writeFileSync(shot('print.pdf'), pdf);
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) || []).length;
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
      if (pages < 2) throw new Error(`${pages} page(s)`);
      if (!box || Number(box[1]) <= Number(box[2])) throw new Error(`not landscape: ${box ? box[0] : 'no MediaBox'}`);
      return `${pages} pages, ${Math.round(Number(box[1]))}×${Math.round(Number(box[2]))} pt`;
    });

    await check('text from the plans is shown, never run: no script, no image, no handler, the words as written', async () => {
      const hostile = writeReport(hostileFolder(base), path.join(base, 'hostile.html'));
      fs.copyFileSync(hostile, shot('hostile.html'));
      const before = { requests: requests.length, problems: problems.length };
      const hostileUrl = pathToFileURL(hostile).href;
      await tab.goto(hostileUrl, { waitUntil: 'load' });
      const state = await tab.evaluate(() => ({
        pwned: window.__pwned,
        scripts: document.scripts.length,
        images: document.images.length,
        handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        shown: document.body.innerText.includes('<script>window.__pwned = 1</script>'),
        fileShown: document.body.innerText.includes('x"><img src=y onerror="window.__pwned=4">.md'),
      }));
      if (state.pwned !== undefined) throw new Error(`the page ran text from a plan (window.__pwned = ${state.pwned})`);
      if (state.scripts || state.images || state.handlers) throw new Error(`elements from the plans' text: ${JSON.stringify(state)}`);
      if (!state.shown || !state.fileShown) throw new Error(`the hostile text is not shown as written: ${JSON.stringify(state)}`);
      const extra = requests.slice(before.requests).filter((u) => u !== hostileUrl);
      if (extra.length) throw new Error(`requests: ${extra.join(', ')}`);
      const errors = problems.slice(before.problems);
      if (errors.length) throw new Error(errors.join('\n'));
      await tab.screenshot({ path: shot('hostile.png') });
    });
  } catch (err) {
    steps.push({ name: 'the review report in Chromium', ok: false, error: err.message });
    log(`  ✗ ${err.message}`);
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    if (keep) log(`e2e: kept ${base}`);
    else fs.rmSync(base, { recursive: true, force: true });
  }
  return { steps };
}

module.exports = { runReviewHtml };

if (require.main === module) {
  const { ensureInstalled } = require('./install');
  const argv = new Set(process.argv.slice(2));
  (async () => {
    const install = ensureInstalled();
    const { steps } = await runReviewHtml({ install, resultsDir: path.join(ROOT, 'test-results', 'e2e'), headed: argv.has('--headed'), keep: argv.has('--keep') });
    const failed = steps.filter((s) => !s.ok).length;
    process.stdout.write(`review report in Chromium: ${steps.length - failed} checks passed, ${failed} failed\n`);
    process.exitCode = failed === 0 && steps.length > 0 ? 0 : 1;
  })().catch((err) => {
    process.stderr.write(`review report in Chromium: FAILED: ${err.message}\n`);
    process.exitCode = 1;
  });
}
