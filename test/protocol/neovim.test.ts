// Neovim (Debian's, headless) with its own LSP client against `plan43 lsp --stdio` from the installed npm package: the diagnostics it shows are the findings of `plan43 check`, at the same lines and UTF-16 columns.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { cliDiagnostics, diagnosticKey, runEditor, ShownDiagnostic } from '../support/editors';
import { installedPackage, InstalledPackage } from '../support/package';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';

const { ensureDebianPackages } = require(path.join(REPO_ROOT, 'scripts', 'apt.js')) as {
  ensureDebianPackages(packages: string[], options?: { log?: (message: string) => void }): string[];
};

const SCRIPT = path.join(REPO_ROOT, 'test', 'editors', 'neovim-diagnostics.lua');

interface NeovimResult {
  error?: string;
  nvim: string;
  server: 'push' | 'pull';
  serverName: string;
  shown: ShownDiagnostic[];
  published: Array<{ code: string; range: { start: { line: number; character: number } } }>;
}

describe('Neovim against plan43 lsp --stdio', () => {
  let pkg: InstalledPackage;
  before(async function () {
    // apt-get (the first time only) and packing the repository take minutes, not seconds.
    this.timeout(600_000);
    ensureDebianPackages(['neovim'], { log: (m) => process.stdout.write(`      ${m}\n`) });
    pkg = await installedPackage();
  });

  /** Opens the plan in headless Neovim with the installed server and returns what Neovim shows. */
  function neovim(plan: string, languageId: string | undefined, waitMs: number): Promise<NeovimResult> {
    const args = ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT.replace(/ /g, '\\ ')}`];
    return runEditor<NeovimResult>(pkg, 'plan43-neovim', 'nvim', args, { PLAN43_PLAN: plan, PLAN43_LANGUAGE_ID: languageId ?? '', PLAN43_WAIT_MS: String(waitMs) });
  }

  it('is the Neovim that Debian installs, 0.7 or later', () => {
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
    const m = /^NVIM v(\d+)\.(\d+)/.exec(version);
    assert.ok(m && (Number(m[1]) > 0 || Number(m[2]) >= 7), version);
  });

  for (const [name, languageId] of [
    ['seed-003-kien-giang.md', undefined],
    ['seed-003-kien-giang.yaml', undefined],
    // As eglot 1.9 does with one entry for both modes: a YAML plan said to be Markdown.
    ['seed-003-kien-giang.yaml', 'markdown'],
    ['seed-000-hau-giang.md', undefined],
  ] as const) {
    it(`${name}${languageId ? ` sent as ${languageId}` : ''}: Neovim shows the findings of plan43 check`, async function () {
      const plan = path.join(PLAN_FIXTURES, name);
      // Neovim gives up waiting before the test does, so that it never outlives the test.
      const result = await neovim(plan, languageId, Math.max(1000, this.timeout() - 5000));
      assert.equal(result.serverName, 'plan43');
      assert.equal(result.server, 'push', 'Neovim 0.7 has no pull diagnostics: the server publishes');
      const expected = await cliDiagnostics(pkg, plan);
      assert.ok(expected.length > 5, `${name} has findings`);
      assert.deepEqual(result.shown.map(diagnosticKey).sort(), expected);
      assert.equal(result.published.length, expected.length, 'every published diagnostic is shown');
    });
  }
});
