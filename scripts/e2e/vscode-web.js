// Starts a real VS Code without a desktop build: code-server on 127.0.0.1 (VS Code's server and Node extension host) and its web workbench in Debian's Chromium, driven by playwright-core.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/** User settings of the throwaway profile: no trust prompt, no welcome page, nothing that phones home. */
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.snippets.codeActions.enabled': false,
  // Vietnamese letters (Debian's fonts-noto-mono); the default monospace font has none.
  'editor.fontFamily': "'Noto Mono', 'Noto Sans Mono', monospace",
  'workbench.colorTheme': 'Default Light Modern',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

class StartError extends Error {}

/** code-server processes still running and temporary folders: cleaned up when this process ends, however it ends. */
const running = new Set();
const temporary = new Set();
process.on('exit', () => {
  for (const child of running) stopProcess(child, 'SIGKILL');
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    process.stderr.write(`e2e: ${signal}: stopping code-server\n`);
    process.exit(130);
  });
}

/** A fresh folder under the system temporary folder, removed when this process ends unless kept. */
function tempDir(prefix, { keep = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (!keep) temporary.add(dir);
  return dir;
}

/** A free TCP port on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The folders of one run: workspace (the folder VS Code opens), user data (with the settings
 * above and `userSettings`) and extensions (empty: only the extension under development is loaded).
 */
function prepareProfile(base, { workspaceName = 'workspace', workspaceSettings, userSettings } = {}) {
  const workspace = path.join(base, workspaceName);
  const userData = path.join(base, 'user-data');
  const extensions = path.join(base, 'extensions');
  for (const d of [workspace, path.join(userData, 'User'), extensions]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify({ ...USER_SETTINGS, ...userSettings }, null, 2)}\n`);
  if (workspaceSettings) {
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), `${JSON.stringify(workspaceSettings, null, 2)}\n`);
  }
  return { base, workspace, userData, extensions };
}

function httpGet(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => {
      req.destroy();
      resolve(0);
    });
  });
}

/**
 * Starts code-server and resolves when it answers; rejects with its output when it exits or does
 * not answer in time. `env` reaches the extension host (the suite reads PLAN43_E2E_* from it).
 */
async function startCodeServer({ entry, profile, logFile, env = {}, timeoutMs = 60_000 }) {
  if (!fs.existsSync(entry)) throw new StartError(`code-server is not installed (${path.relative(ROOT, entry)} is missing): run node scripts/e2e/install.js`);
  const port = await freePort();
  // A config file of our own, or code-server writes a default one (with a password) into the home folder.
  const config = path.join(profile.base, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const args = [
    entry,
    '--config',
    config,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir',
    profile.userData,
    '--extensions-dir',
    profile.extensions,
    profile.workspace,
  ];
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', log, log],
    // Its logs and state stay in the profile, not in the home folder.
    env: {
      ...process.env,
      ...env,
      // No extension gallery: code-server would otherwise query open-vsx.org (no network in tests).
      EXTENSIONS_GALLERY: '{}',
      XDG_CONFIG_HOME: path.join(profile.base, 'xdg-config'),
      XDG_DATA_HOME: path.join(profile.base, 'xdg-data'),
      XDG_CACHE_HOME: path.join(profile.base, 'xdg-cache'),
    },
    detached: process.platform !== 'win32',
  });
  fs.closeSync(log);
  running.add(child);
  child.on('exit', () => running.delete(child));
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
    child.on('error', (err) => {
      exited = { code: null, signal: null, error: err };
      resolve(exited);
    });
  });
  const tail = () => {
    try {
      return fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
    } catch {
      return '';
    }
  };
  const deadline = Date.now() + timeoutMs;
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited) throw new StartError(`code-server exited before it answered (code ${exited.code}, signal ${exited.signal}):\n${tail()}`);
    if ((await httpGet(`${base}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      stopProcess(child);
      throw new StartError(`code-server did not answer on ${base} within ${timeoutMs / 1000} s:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    base,
    child,
    exited: exitPromise,
    isRunning: () => !exited,
    logTail: tail,
    stop: async () => {
      if (exited) return;
      stopProcess(child);
      await Promise.race([exitPromise, new Promise((r) => setTimeout(r, 5000))]);
      if (!exited) stopProcess(child, 'SIGKILL');
    },
  };
}

/** Ends code-server and what it started (the extension host, the language server): its own process group. */
function stopProcess(child, signal = 'SIGTERM') {
  try {
    if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

/** The remote URI of a local path, as the web workbench expects it in `payload`. */
function remoteUri(server, file) {
  return `vscode-remote://127.0.0.1:${server.port}${file.split(path.sep).join('/')}`;
}

/**
 * The workbench URL with the workspace and the development extension; with `testsPath`, the
 * extension host runs that module's run() as VS Code's own browser integration tests do. Without
 * `extensionPath`, VS Code runs only the extensions installed in the profile's extensions folder.
 */
function workbenchUrl(server, { workspace, extensionPath, testsPath }) {
  const payload = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', remoteUri(server, extensionPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remoteUri(server, testsPath)]);
  const params = new URLSearchParams({ folder: workspace });
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${server.base}/?${params.toString()}`;
}

/** Debian's Chromium, headless, as root, with no network of its own (the flags of the machine notes). */
async function launchChromium({ executablePath, headed = false }) {
  let playwright;
  try {
    playwright = require('playwright-core');
  } catch {
    throw new StartError('playwright-core is not installed: run npm ci (it is a devDependency) or npm install --no-save playwright-core');
  }
  if (!fs.existsSync(executablePath)) throw new StartError(`Chromium is not at ${executablePath}: run node scripts/e2e/install.js`);
  try {
    // Its crash-report and cache folders go to a temporary folder, not the home folder.
    const home = tempDir('plan43-chromium-');
    return await playwright.chromium.launch({
      executablePath,
      headless: !headed,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-features=Translate,MediaRouter,OptimizationHints',
      ],
      timeout: 60_000,
    });
  } catch (err) {
    throw new StartError(`Chromium did not start (${executablePath}): ${err.message.split('\n')[0]}`);
  }
}

/** Waits for the workbench to be drawn; a clear error when VS Code does not come up. */
async function waitForWorkbench(page, timeoutMs = 90_000) {
  try {
    await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  } catch {
    throw new StartError(`the VS Code workbench did not appear in Chromium within ${timeoutMs / 1000} s (page title: ${JSON.stringify(await page.title().catch(() => ''))})`);
  }
}

module.exports = {
  ROOT,
  StartError,
  tempDir,
  prepareProfile,
  startCodeServer,
  workbenchUrl,
  launchChromium,
  waitForWorkbench,
  USER_SETTINGS,
};
