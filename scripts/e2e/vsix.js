// The packaged extension as a drafter installs it: `npm run package` builds the .vsix, code-server installs it into an empty extensions folder, and the workbench (with no development extension) shows a seed plan's findings; screenshots in test-results/e2e/.
'use strict';

// Run by `node scripts/e2e/run.js --vsix`. Every check is a counted step; a check that cannot run
// because an earlier one failed counts as failed, so the run never passes without all of them.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const web = require('./vscode-web');
const { START_MS, STEP_MS, problemBadge, problemRows } = require('./workbench');

const ROOT = web.ROOT;
const SEED = path.join(ROOT, 'test', 'fixtures', 'plans', 'seed-003-kien-giang.md');
const PLAN_NAME = path.basename(SEED);

/**
 * An ordinary Markdown file: no front matter naming the template. Its citation has the wrong term
 * (the resolution is of the XIII Central Committee), which a plan would be told about.
 */
const README_TEXT = `# Kế hoạch 43 — thư mục làm việc

Thư mục này chứa các dự thảo kế hoạch thực hiện Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban
Chấp hành Trung ương Đảng khóa XII.

- Dự thảo: \`${PLAN_NAME}\`
- Người soạn: Văn phòng
`;

/** The checks, in order; each is one counted test. */
const STEPS = [
  'npm run package builds the .vsix with the bundles and without sources',
  'code-server installs the .vsix into an empty extensions folder',
  'VS Code starts without a development extension and lists Plan43 as installed',
  'opening the seed plan lists its findings with rule ids in the Problems panel',
  "the extension's status bar item shows the plan's variant and blocking findings",
  'an ordinary README.md in the workspace gets no findings',
];

/** Runs a command; resolves with its exit code and output, which also go to `logFile`. */
function runLogged(command, args, { cwd = ROOT, env = process.env, logFile, timeoutMs = 180_000 }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
    };
    // Decoded as streams: a chunk may end inside a character.
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    const timer = setTimeout(() => {
      output += `\n(stopped after ${timeoutMs / 1000} s)\n`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    const done = (code, error) => {
      clearTimeout(timer);
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      fs.writeFileSync(logFile, `$ ${command} ${args.join(' ')}\n${output}${error ? `\n${error.message}\n` : ''}`);
      resolve({ code, output, error });
    };
    child.on('error', (err) => done(null, err));
    child.on('close', (code) => done(code));
  });
}

function tail(text, lines = 20) {
  return text.trim().split('\n').slice(-lines).join('\n');
}

/** The names of the entries of a zip file, from its central directory (a .vsix is a zip). */
function zipEntries(file) {
  const buf = fs.readFileSync(file);
  // The end-of-central-directory record is in the last 22 + 65535 bytes (after a comment).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${path.basename(file)} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${path.basename(file)}: broken central directory`);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** `npm run package` into `dir`; returns the .vsix path after checking what it holds. */
async function packageExtension(dir, resultsDir) {
  const { name, version, publisher } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.join(dir, `${name}-${version}.vsix`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // The package script's vscode:prepublish compiles and bundles (esbuild, production); vsce runs offline.
  const r = await runLogged(npm, ['run', 'package', '--', '--out', vsix], { logFile: path.join(resultsDir, 'vsix-package.log') });
  if (r.code !== 0) throw new Error(`npm run package failed (exit ${r.code}${r.error ? `, ${r.error.message}` : ''}):\n${tail(r.output)}`);
  if (!fs.existsSync(vsix)) throw new Error(`npm run package succeeded but wrote no ${path.basename(vsix)}:\n${tail(r.output)}`);
  const entries = zipEntries(vsix);
  const missing = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/server.bundle.js', 'extension/dist/check-worker.js', 'extension/dist/check-worker.bundle.js', 'extension/dist/word.js', 'extension/dist/bundled-data.json', 'extension/schemas/nq43.template.yaml', 'extension.vsixmanifest'].filter(
    (e) => !entries.includes(e),
  );
  if (missing.length) throw new Error(`${path.basename(vsix)} lacks ${missing.join(', ')}`);
  const unwanted = entries.filter((e) => /^extension\/(node_modules|client|server|test|out)\//.test(e) || /\.(ts|map)$/.test(e));
  if (unwanted.length) throw new Error(`${path.basename(vsix)} holds what the bundles replace: ${unwanted.slice(0, 5).join(', ')}`);
  const kib = Math.round(fs.statSync(vsix).size / 1024);
  return { vsix, id: `${publisher}.${name}`, version, detail: `${path.basename(vsix)}, ${entries.length} entries, ${kib} KiB` };
}

/** code-server's own CLI: `--install-extension FILE.vsix` into the profile's (empty) extensions folder. */
async function installVsix({ install, profile, pkg, resultsDir }) {
  const config = path.join(profile.base, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const r = await runLogged(
    process.execPath,
    [install.codeServerEntry, '--config', config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--install-extension', pkg.vsix],
    {
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(profile.base, 'xdg-config'),
        XDG_DATA_HOME: path.join(profile.base, 'xdg-data'),
        XDG_CACHE_HOME: path.join(profile.base, 'xdg-cache'),
      },
      logFile: path.join(resultsDir, 'vsix-install.log'),
      timeoutMs: 60_000,
    },
  );
  if (r.code !== 0 || !/successfully installed/i.test(r.output)) {
    throw new Error(`code-server --install-extension failed (exit ${r.code}):\n${tail(r.output)}`);
  }
  const folder = path.join(profile.extensions, `${pkg.id}-${pkg.version}`);
  for (const f of ['package.json', path.join('dist', 'extension.js'), path.join('dist', 'server.js')]) {
    if (!fs.existsSync(path.join(folder, f))) throw new Error(`the installed extension has no ${f} (in ${path.basename(folder)})`);
  }
  let listed = [];
  try {
    listed = JSON.parse(fs.readFileSync(path.join(profile.extensions, 'extensions.json'), 'utf8'));
  } catch {
    // Reported below.
  }
  const entry = listed.find((e) => e.identifier && e.identifier.id === pkg.id);
  if (!entry || entry.version !== pkg.version) throw new Error(`extensions.json does not list ${pkg.id}@${pkg.version}`);
  const others = fs.readdirSync(profile.extensions).filter((f) => f !== 'extensions.json' && f !== path.basename(folder) && !f.startsWith('.'));
  if (others.length) throw new Error(`the extensions folder holds more than Plan43: ${others.join(', ')}`);
  return `${pkg.id}@${pkg.version} from ${entry.metadata && entry.metadata.source ? entry.metadata.source : 'file'}`;
}

/** Opens a workspace file with Quick Open, as a user does, and waits for its tab. */
async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_MS });
  await page.locator('.editor-instance .monaco-editor .view-lines').waitFor({ timeout: STEP_MS });
}

/** Brings an open editor to the front by clicking its tab. */
async function showTab(page, name) {
  await page.locator('.tabs-container .tab', { hasText: name }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: STEP_MS });
}

/** The extension's status bar item: the one whose id VS Code derives from `plan43.status`. */
function statusItem(page) {
  return page.locator('.part.statusbar .statusbar-item[id$="plan43.status"]');
}

/**
 * Packages, installs and checks the extension. Resolves with { steps }, one per STEPS entry, each
 * { name, ok, ms, detail?, error?, notRun? }.
 */
async function runVsixCheck({ install, resultsDir, headed = false, keep = false, log = (l) => process.stdout.write(`${l}\n`) }) {
  const steps = [];
  const base = web.tempDir('plan43-vsix-', { keep });
  const profile = web.prepareProfile(base, { workspaceName: 'ke-hoach-43' });
  fs.copyFileSync(SEED, path.join(profile.workspace, PLAN_NAME));
  fs.writeFileSync(path.join(profile.workspace, 'README.md'), README_TEXT);
  fs.mkdirSync(resultsDir, { recursive: true });
  const shot = (name) => path.join(resultsDir, `vsix-${name}.png`);
  let server;
  let browser;
  let page;

  const step = async (fn) => {
    const name = STEPS[steps.length];
    const t = Date.now();
    try {
      const detail = await fn();
      steps.push({ name, ok: true, ms: Date.now() - t, detail });
      log(`  ✓ ${name}${detail ? ` — ${detail}` : ''} (${Date.now() - t} ms)`);
    } catch (err) {
      steps.push({ name, ok: false, ms: Date.now() - t, error: err.message });
      log(`  ✗ ${name}\n      ${String(err.message).split('\n').slice(0, 12).join('\n      ')}`);
      if (page) await page.screenshot({ path: shot(`failed-${steps.length}`) }).catch(() => undefined);
      throw err;
    }
  };

  log('e2e: the packaged extension, installed from its .vsix into VS Code');
  try {
    let pkg;
    await step(async () => {
      pkg = await packageExtension(base, resultsDir);
      return pkg.detail;
    });

    await step(() => installVsix({ install, profile, pkg, resultsDir }));

    let before = 0;
    await step(async () => {
      server = await web.startCodeServer({ entry: install.codeServerEntry, profile, logFile: path.join(resultsDir, 'code-server-vsix.log') });
      browser = await web.launchChromium({ executablePath: install.chromium, headed });
      page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
      // No payload: no extensionDevelopmentPath, no tests; only what the extensions folder holds.
      const url = web.workbenchUrl(server, { workspace: profile.workspace });
      if (url.includes('payload')) throw new Error(`the workbench URL names a development extension: ${url}`);
      await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await web.waitForWorkbench(page);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: PLAN_NAME }).waitFor({ timeout: STEP_MS });
      // The Extensions view, filtered to what is installed, as a user checks an installation.
      await page.keyboard.press('Control+Shift+X');
      const search = page.locator('.extensions-viewlet .suggest-input-container .monaco-editor');
      await search.waitFor({ state: 'visible', timeout: STEP_MS });
      await search.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('@installed');
      const row = page.locator('.extensions-viewlet .extensions-list .monaco-list-row', { hasText: 'Plan43' }).first();
      try {
        await row.waitFor({ state: 'visible', timeout: STEP_MS });
      } catch {
        const rows = await page.$$eval('.extensions-viewlet .extensions-list .monaco-list-row', (els) => els.map((e) => e.textContent));
        throw new Error(`Plan43 is not in the installed extensions; rows: ${JSON.stringify(rows)}`);
      }
      const name = (await row.locator('.name').first().innerText().catch(() => 'Plan43')).trim();
      await page.screenshot({ path: shot('1-installed') });
      // Back to the files.
      await page.keyboard.press('Control+Shift+E');
      return `installed: "${name}"`;
    });

    await step(async () => {
      await quickOpen(page, PLAN_NAME);
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ timeout: STEP_MS });
      try {
        before = (await (await page.waitForFunction(problemBadge, { op: '>=', value: 5 }, { timeout: START_MS })).jsonValue()).n;
      } catch {
        throw new Error(`the seed plan's findings did not reach the Problems panel (badge: ${(await page.evaluate(problemBadge, null)).n})`);
      }
      const codes = ['citation.term-mismatch', 'form.recipients', 'citation.first-incomplete'];
      await page.locator('.markers-panel .monaco-list-row', { hasText: codes[0] }).first().waitFor({ timeout: STEP_MS });
      const rows = await problemRows(page);
      const absent = codes.filter((c) => !rows.some((r) => r.includes(c)));
      if (absent.length) throw new Error(`no ${absent.join(', ')} in the Problems panel; rows:\n${rows.join('\n')}`);
      if (!rows.some((r) => r.includes('plan43'))) throw new Error(`no finding of source plan43 in the Problems panel; rows:\n${rows.join('\n')}`);
      return `${before} problems, among them ${codes.join(', ')}`;
    });

    await step(async () => {
      const item = statusItem(page);
      try {
        await item.filter({ hasText: /blocking|nothing blocks|phải sửa trước khi trình|Không có gì/i }).waitFor({ state: 'visible', timeout: STEP_MS });
      } catch {
        const items = await page.$$eval('.part.statusbar .statusbar-item', (els) => els.map((e) => `${e.id}: ${e.textContent}`));
        throw new Error(`the Plan43 status bar item did not appear for the plan; status bar: ${JSON.stringify(items)}`);
      }
      const text = (await item.innerText()).trim();
      if (!/People's Committee|Ủy ban/i.test(text)) throw new Error(`the status bar item does not name the plan's variant (state): "${text}"`);
      await page.screenshot({ path: shot('2-plan') });
      return `status bar: "${text}"`;
    });

    await step(async () => {
      await quickOpen(page, 'README.md');
      // The server answered for the README: not a plan, so the status bar item goes.
      await statusItem(page).waitFor({ state: 'hidden', timeout: STEP_MS });
      // Back to the plan: the item comes back, an answer the server gives after the README's check.
      await showTab(page, PLAN_NAME);
      await statusItem(page).filter({ hasText: /blocking|nothing blocks|phải sửa trước khi trình|Không có gì/i }).waitFor({ state: 'visible', timeout: STEP_MS });
      await showTab(page, 'README.md');
      await statusItem(page).waitFor({ state: 'hidden', timeout: STEP_MS });
      const { n } = await page.evaluate(problemBadge, null);
      if (n !== before) throw new Error(`the Problems badge went from ${before} to ${n} with README.md open`);
      const rows = await problemRows(page);
      const readme = rows.filter((r) => r.includes('README.md'));
      if (readme.length) throw new Error(`README.md has findings in the Problems panel:\n${readme.join('\n')}`);
      if (!rows.some((r) => r.includes(PLAN_NAME))) throw new Error(`the plan's findings left the Problems panel; rows:\n${rows.join('\n')}`);
      await page.screenshot({ path: shot('3-readme') });
      return `still ${n} problems, all in ${PLAN_NAME}`;
    });
  } catch (err) {
    // The failed step is recorded; anything else (a bug in this script) is reported as one.
    if (!steps.length || steps[steps.length - 1].ok) steps.push({ name: STEPS[steps.length] || 'the check', ok: false, ms: 0, error: err.message });
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    if (server) await server.stop();
    if (keep) log(`e2e: kept ${base}`);
    else fs.rmSync(base, { recursive: true, force: true });
  }
  for (const name of STEPS.slice(steps.length)) {
    steps.push({ name, ok: false, ms: 0, notRun: true, error: 'not run: an earlier check failed' });
    log(`  - ${name} (not run: counted as a failure)`);
  }
  return { steps };
}

module.exports = { runVsixCheck, zipEntries, STEPS };
