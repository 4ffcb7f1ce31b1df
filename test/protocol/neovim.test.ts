// Neovim (Debian's, headless) with its own LSP client against `plan43 lsp --stdio` from the installed npm package: the diagnostics it shows are the findings of `plan43 check`, at the same lines and UTF-16 columns.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installedPackage, InstalledPackage, run } from '../support/package';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';
import { tempFolder } from './helpers';

const { ensureDebianPackages } = require(path.join(REPO_ROOT, 'scripts', 'apt.js')) as {
  ensureDebianPackages(packages: string[], options?: { log?: (message: string) => void }): string[];
};

const SCRIPT = path.join(REPO_ROOT, 'test', 'editors', 'neovim-diagnostics.lua');
const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };

interface Shown {
  code: string;
  line: number;
  character: number;
  severity: number;
  message: string;
}

interface NeovimResult {
  error?: string;
  nvim: string;
  server: 'push' | 'pull';
  serverName: string;
  shown: Shown[];
  published: Array<{ code: string; range: { start: { line: number; character: number } } }>;
}

interface CliFinding {
  ruleId: string;
  line: number;
  column: number;
  severity: string;
  message: string;
}

const key = (f: { code: string; line: number; character: number; severity: number; message: string }): string =>
  `${f.line}:${f.character} ${f.code} ${f.severity} ${f.message}`;

describe('Neovim against plan43 lsp --stdio', () => {
  let pkg: InstalledPackage;
  before(async function () {
    // apt-get (the first time only) and packing the repository take minutes, not seconds.
    this.timeout(600_000);
    ensureDebianPackages(['neovim'], { log: (m) => process.stdout.write(`      ${m}\n`) });
    pkg = await installedPackage();
  });

  /** Opens the plan in headless Neovim with the installed server and returns what Neovim shows. */
  async function neovim(plan: string, languageId: string | undefined, waitMs: number): Promise<NeovimResult> {
    const folder = tempFolder('plan43-neovim');
    try {
      const out = path.join(folder.dir, 'diagnostics.json');
      const env = { ...pkg.env, PLAN43_BIN: pkg.bin, PLAN43_PLAN: plan, PLAN43_OUT: out, PLAN43_LANGUAGE_ID: languageId ?? '', PLAN43_WAIT_MS: String(waitMs), HOME: folder.dir, XDG_STATE_HOME: folder.dir, XDG_DATA_HOME: folder.dir };
      const child = spawn('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT.replace(/ /g, '\\ ')}`], { cwd: folder.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      // A failed test must not leave Neovim behind.
      const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
      const code = await ended.finally(() => child.kill());
      assert.ok(fs.existsSync(out), `Neovim wrote no result (exit ${code}):\n${output}`);
      const result = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult;
      assert.equal(result.error, undefined, `${result.error}\n${output}`);
      return result;
    } finally {
      folder.remove();
    }
  }

  /** What `plan43 check --format json` of the installed package says about the plan, in Neovim's terms. */
  async function cli(plan: string): Promise<string[]> {
    const r = await run(pkg.bin, ['check', '--format', 'json', path.basename(plan)], { cwd: path.dirname(plan), env: pkg.env });
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const findings = (JSON.parse(r.stdout) as { files: Array<{ findings: CliFinding[] }> }).files.flatMap((f) => f.findings);
    return findings.map((f) => key({ code: f.ruleId, line: f.line - 1, character: f.column - 1, severity: SEVERITY[f.severity], message: f.message })).sort();
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
      const expected = await cli(plan);
      assert.ok(expected.length > 5, `${name} has findings`);
      assert.deepEqual(result.shown.map(key).sort(), expected);
      assert.equal(result.published.length, expected.length, 'every published diagnostic is shown');
    });
  }
});
