// The architecture's layer rules: the core is pure, only the LSP adapter knows LSP, the client talks to the server only over LSP.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

function sources(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(full));
    else if (e.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const re = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  const out: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'url', 'util', 'crypto', 'worker_threads', 'process']);

describe('architecture: layers', () => {
  const core = sources(path.join(REPO_ROOT, 'server', 'src', 'core'));

  it('the core exists', () => assert.ok(core.length > 10));

  it('the core imports no vscode*, no Node built-in and nothing outside the core', () => {
    const bad: string[] = [];
    for (const file of core) {
      for (const spec of imports(file)) {
        const rel = path.relative(REPO_ROOT, file);
        if (spec.startsWith('vscode') || spec.startsWith('node:') || NODE_BUILTINS.has(spec)) bad.push(`${rel}: ${spec}`);
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (!target.startsWith(path.join(REPO_ROOT, 'server', 'src', 'core'))) bad.push(`${rel}: ${spec} (outside the core)`);
        }
      }
    }
    assert.deepEqual(bad, []);
  });

  it('only server/src/lsp imports vscode-languageserver*', () => {
    const bad: string[] = [];
    for (const file of sources(path.join(REPO_ROOT, 'server', 'src'))) {
      const rel = path.relative(path.join(REPO_ROOT, 'server', 'src'), file).split(path.sep).join('/');
      if (rel.startsWith('lsp/') || rel === 'main.ts') continue;
      for (const spec of imports(file)) if (spec.startsWith('vscode-languageserver')) bad.push(`${rel}: ${spec}`);
    }
    assert.deepEqual(bad, []);
  });

  it('the client does not import server code', () => {
    const bad: string[] = [];
    for (const file of sources(path.join(REPO_ROOT, 'client', 'src'))) {
      for (const spec of imports(file)) if (spec.includes('server/')) bad.push(`${path.relative(REPO_ROOT, file)}: ${spec}`);
    }
    assert.deepEqual(bad, []);
  });

  it('every module starts with a one-line purpose comment', () => {
    const bad = [...core, ...sources(path.join(REPO_ROOT, 'server', 'src')), ...sources(path.join(REPO_ROOT, 'client', 'src'))]
      .filter((f, i, all) => all.indexOf(f) === i)
      .filter((f) => !/^\/\/ \S/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(REPO_ROOT, f));
    assert.deepEqual(bad, []);
  });
});
