#!/usr/bin/env node
// Writes dist/THIRD-PARTY-NOTICES.md beside the bundles: the name, version, licence and licence text of every npm package whose code esbuild put inside them, as those licences ask of a copy.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/** A licence file's name, as packages spell it. */
const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/iu;

/**
 * The folder of the package an esbuild input belongs to (`node_modules/a/…`, `node_modules/@s/a/…`,
 * nested `node_modules/a/node_modules/b/…`), or undefined for the project's own files.
 */
function packageDirOf(input, root) {
  const parts = input.split(/[\\/]/u);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return undefined;
  const length = parts[at + 1].startsWith('@') ? 2 : 1;
  return path.join(root, ...parts.slice(0, at + 1 + length));
}

/** The packages whose files are inputs of the given esbuild metafiles, sorted by name and version. */
function bundledPackages(metafiles, root) {
  const byDir = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const dir = packageDirOf(input, root);
      if (!dir || byDir.has(dir)) continue;
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const licenceFiles = fs
        .readdirSync(dir)
        .filter((name) => LICENCE_FILE.test(name))
        .sort();
      byDir.set(dir, {
        name: manifest.name,
        version: manifest.version,
        license: typeof manifest.license === 'string' ? manifest.license : (manifest.license && manifest.license.type) || 'UNKNOWN',
        homepage: manifest.homepage,
        texts: licenceFiles.map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8').trim() })),
      });
    }
  }
  // The same package and version found at two places is one notice.
  const unique = new Map();
  for (const p of byDir.values()) unique.set(`${p.name}@${p.version}`, p);
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** The notices page: a table of the packages, then each one's licence text. */
function noticesText(packages, product) {
  const lines = [
    '# Third-party notices',
    '',
    `${product} bundles code from the npm packages below (in \`dist/\`). Each is distributed under`,
    'its own licence, whose text follows.',
    '',
    '| package | version | licence |',
    '| --- | --- | --- |',
    ...packages.map((p) => `| ${p.name} | ${p.version} | ${p.license} |`),
  ];
  for (const p of packages) {
    lines.push('', `## ${p.name} ${p.version}`, '', `Licence: ${p.license}${p.homepage ? ` — ${p.homepage}` : ''}`);
    if (p.texts.length === 0) lines.push('', `The package ships no licence file; its manifest declares ${p.license}.`);
    for (const t of p.texts) lines.push('', `### ${t.name}`, '', '```text', t.text.replace(/```/gu, "'''"), '```');
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the notices for these metafiles into `outFile`; returns the packages named. */
function writeNotices(metafiles, root, outFile) {
  const packages = bundledPackages(metafiles, root);
  const product = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).name;
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, noticesText(packages, product));
  return packages;
}

module.exports = { bundledPackages, noticesText, writeNotices, packageDirOf };
