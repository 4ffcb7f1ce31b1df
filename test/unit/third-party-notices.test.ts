// The bundled packages' licences travel with the bundles: every npm package esbuild puts in dist/ is named in dist/THIRD-PARTY-NOTICES.md with its licence text, and the file is in the package.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from '../support/paths';

interface BundledPackage {
  name: string;
  version: string;
  license: string;
  texts: Array<{ name: string; text: string }>;
}

const notices = require(path.join(REPO_ROOT, 'scripts', 'third-party-notices.js')) as {
  writeNotices(metafiles: esbuild.Metafile[], root: string, outFile: string): BundledPackage[];
  packageDirOf(input: string, root: string): string | undefined;
};

describe('third-party notices', () => {
  it('name every npm package inside the bundles, with its licence and the text of its licence files', async function () {
    this.timeout(120_000);
    // The options scripts/bundle.js builds the package with, every bundle of them.
    const { builds, NOTICES_FILE } = require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as { builds: esbuild.BuildOptions[]; NOTICES_FILE: string };
    const metafiles = await Promise.all(builds.map(async (b) => (await esbuild.build({ ...b, write: false, metafile: true, logLevel: 'silent' })).metafile));
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-notices-')), 'NOTICES.md');
    try {
      const packages = notices.writeNotices(metafiles, REPO_ROOT, out);
      const text = fs.readFileSync(out, 'utf8');
      // Every package that has a file among the bundles' inputs, found independently of the script.
      const expected = new Set<string>();
      for (const m of metafiles) {
        for (const input of Object.keys(m.inputs)) {
          const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input);
          if (match) expected.add(match[1]);
        }
      }
      assert.ok(expected.has('vscode-languageserver') && expected.has('yaml') && expected.has('jszip'), [...expected].join(', '));
      assert.deepEqual([...new Set(packages.map((p) => p.name))].sort(), [...expected].sort());
      for (const p of packages) {
        assert.ok(text.includes(`| ${p.name} | ${p.version} | ${p.license} |`), `${p.name} in the table`);
        assert.ok(text.includes(`## ${p.name} ${p.version}`), `${p.name}'s section`);
        assert.notEqual(p.license, 'UNKNOWN', `${p.name} declares its licence`);
      }
      // A licence that asks for its text to be kept with copies: the text itself is there.
      const server = packages.find((p) => p.name === 'vscode-languageserver')!;
      assert.ok(server.texts.some((t) => /Permission is hereby granted/.test(t.text)));
      assert.ok(text.includes('Permission is hereby granted'));
      // Shipped in the npm package and the .vsix (vsce packages the `files` list).
      const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] };
      assert.ok(manifest.files.includes(NOTICES_FILE), `${NOTICES_FILE} in package.json files`);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });

  it('tell a package apart from the project by the last node_modules of a path, scoped or nested', () => {
    assert.equal(notices.packageDirOf('server/src/main.ts', '/r'), undefined);
    assert.equal(notices.packageDirOf('node_modules/yaml/dist/index.js', '/r'), path.join('/r', 'node_modules', 'yaml'));
    assert.equal(notices.packageDirOf('node_modules/@vscode/l10n/dist/main.js', '/r'), path.join('/r', 'node_modules', '@vscode', 'l10n'));
    assert.equal(notices.packageDirOf('node_modules/a/node_modules/b/index.js', '/r'), path.join('/r', 'node_modules', 'a', 'node_modules', 'b'));
  });
});
