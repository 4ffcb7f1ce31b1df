// Emacs (Debian's, in batch mode) with eglot 1.9 configured as docs/editors.md says, against `plan43 lsp --stdio` from the installed npm package: Flymake shows the findings of `plan43 check`, at the same lines and UTF-16 columns.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliDiagnostics, diagnosticKey, runEditor } from '../support/editors';
import { installedPackage, InstalledPackage } from '../support/package';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';
import { tempFolder } from './helpers';

const { ensureDebianPackages } = require(path.join(REPO_ROOT, 'scripts', 'apt.js')) as {
  ensureDebianPackages(packages: string[], options?: { log?: (message: string) => void; recommends?: boolean }): string[];
};

const SCRIPT = path.join(REPO_ROOT, 'test', 'editors', 'eglot-diagnostics.el');

interface EglotResult {
  error?: string;
  serverName: string;
  emacs: string;
  eglot: string;
  /** What Flymake shows: eglot writes the text as "plan43 [rule]: message". */
  shown: Array<{ line: number; character: number; type: string; code: string; severity: number; text: string }>;
  published: Array<{ code: string; line: number; character: number; severity: number; message: string }>;
}

/** Flymake's type for each LSP severity, as eglot maps them. */
const FLYMAKE_TYPE: Record<number, string> = { 1: 'eglot-error', 2: 'eglot-warning', 3: 'eglot-note', 4: 'eglot-note' };

describe('Emacs eglot against plan43 lsp --stdio', () => {
  let pkg: InstalledPackage;
  before(async function () {
    // apt-get (the first time only) and packing the repository take minutes, not seconds.
    this.timeout(600_000);
    ensureDebianPackages(['emacs-nox', 'elpa-eglot', 'elpa-markdown-mode', 'elpa-yaml-mode'], { recommends: false, log: (m) => process.stdout.write(`      ${m}\n`) });
    pkg = await installedPackage();
  });

  /** Opens the plan in Emacs with the installed server and returns what Flymake shows. */
  function emacs(plan: string, waitMs: number): Promise<EglotResult> {
    return runEditor<EglotResult>(pkg, 'plan43-eglot', 'emacs', ['--batch', '-l', SCRIPT], { PLAN43_PLAN: plan, PLAN43_WAIT_MS: String(waitMs) });
  }

  /** The seed as text pasted from a PDF often is: its body's accents decomposed (NFD), so UTF-16 columns and Emacs's characters differ. */
  function decomposedPlan(dir: string): string {
    const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-003-kien-giang.md'), 'utf8');
    const body = text.indexOf('\n---', 3) + 4;
    const file = path.join(dir, 'nfd-kien-giang.md');
    fs.writeFileSync(file, text.slice(0, body) + text.slice(body).normalize('NFD'));
    return file;
  }

  for (const name of ['seed-003-kien-giang.md', 'seed-003-kien-giang.yaml', 'seed-000-hau-giang.md', 'nfd-kien-giang.md']) {
    it(`${name}: Flymake shows the findings of plan43 check`, async function () {
      const folder = tempFolder('plan43-eglot-plan');
      try {
        const plan = name.startsWith('nfd-') ? decomposedPlan(folder.dir) : path.join(PLAN_FIXTURES, name);
        // Emacs gives up waiting before the test does, so that it never outlives the test.
        const result = await emacs(plan, Math.max(1000, this.timeout() - 5000));
        assert.equal(result.serverName, 'plan43');
        assert.match(result.emacs, /^28\./);
        assert.equal(result.eglot, '1.9', 'the eglot Debian installs for Emacs 28, which sends one language id per entry');
        const expected = await cliDiagnostics(pkg, plan);
        assert.ok(expected.length > 5, `${name} has findings`);
        if (name.startsWith('nfd-')) assert.ok(expected.some((k) => k.includes(' text.normalization ')), 'the decomposed text is reported');
        const shown = result.shown.map((d) => {
          const prefix = `plan43 [${d.code}]: `;
          assert.ok(d.text.startsWith(prefix), d.text);
          assert.equal(d.type, FLYMAKE_TYPE[d.severity], `${d.code} shown as ${d.type}`);
          return diagnosticKey({ code: d.code, line: d.line, character: d.character, severity: d.severity, message: d.text.slice(prefix.length) });
        });
        assert.deepEqual(shown.sort(), expected);
        assert.deepEqual(result.published.map((d) => diagnosticKey(d)).sort(), expected, 'what the server published is what Flymake shows');
      } finally {
        folder.remove();
      }
    });
  }
});
