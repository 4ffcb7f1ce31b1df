// Runs the end-to-end suite in a desktop VS Code with @vscode/test-electron's runTests, for machines that have one (its path in PLAN43_VSCODE_EXECUTABLE); nothing is downloaded.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * Runs out/test/e2e/index.js in the desktop VS Code at `vscodeExecutablePath` with the extension
 * at `extensionPath`, in the prepared `profile` (workspace, user data, extensions folders).
 * Resolves with the exit code; the suite writes its detailed result to env.PLAN43_E2E_RESULT.
 */
async function runSuiteInElectron({ vscodeExecutablePath, extensionPath, testsPath, profile, env, log }) {
  if (!fs.existsSync(vscodeExecutablePath)) {
    throw new Error(`PLAN43_VSCODE_EXECUTABLE points to ${vscodeExecutablePath}, which does not exist`);
  }
  let runTests;
  try {
    ({ runTests } = require('@vscode/test-electron'));
  } catch {
    throw new Error('@vscode/test-electron is not installed: run npm ci');
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log('no DISPLAY: a desktop VS Code needs one on Linux (run under xvfb-run -a)');
  }
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: testsPath,
      extensionTestsEnv: env,
      launchArgs: [
        profile.workspace,
        '--user-data-dir',
        profile.userData,
        '--extensions-dir',
        profile.extensions,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
        '--no-sandbox',
      ],
    });
  } catch (err) {
    // runTests rejects when VS Code exits with a code other than 0 (a failed test, or no start).
    const m = /code (\d+)/.exec(String(err && err.message));
    log(`VS Code: ${err && err.message ? err.message : err}`);
    return m ? Number(m[1]) || 1 : 1;
  }
}

module.exports = { runSuiteInElectron };

if (require.main === module) {
  process.stderr.write(`Run the suite with: node ${path.join('scripts', 'e2e', 'run.js')} (with PLAN43_VSCODE_EXECUTABLE set)\n`);
  process.exitCode = 2;
}
