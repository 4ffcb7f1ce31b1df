// The rule modules build no regular expression when they load (server/src/core/rules/rule.ts, onFirstUse): the server's main thread loads them and never runs them.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../support/paths';

const RULES_SOURCE = path.join(REPO_ROOT, 'server', 'src', 'core', 'rules');
const RULES_OUT = path.join(REPO_ROOT, 'out', 'server', 'src', 'core', 'rules');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Regular expressions a module's top level creates: literals and `RegExp` calls outside any function. */
function regExpsAtLoad(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    const isCall = (ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp';
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral || isCall) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${path.relative(REPO_ROOT, file)}:${line + 1}: ${node.getText(source).slice(0, 60)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the rule modules at load', () => {
  it('no rule module creates a regular expression at its top level', function () {
    this.timeout(30_000);
    const files = sourceFiles(RULES_SOURCE);
    assert.ok(files.length > 40, `the rules are found: ${files.length}`);
    assert.deepEqual(files.flatMap(regExpsAtLoad), []);
  });

  it('loading the rules calls RegExp nowhere, not even in the modules they call at load', function () {
    this.timeout(30_000);
    // The modules the rules import are loaded first, then RegExp is watched while the rules load.
    const program = `
      const path = require('node:path');
      const rules = ${JSON.stringify(RULES_OUT)} + path.sep;
      require(rules + 'index.js');
      const loaded = Object.keys(require.cache);
      const others = loaded.filter((f) => !f.startsWith(rules));
      for (const f of loaded) delete require.cache[f];
      for (const f of others) require(f);
      const leaked = Object.keys(require.cache).filter((f) => f.startsWith(rules));
      if (leaked.length > 0) throw new Error('loaded with the other modules: ' + leaked.join(', '));
      const made = [];
      const Original = RegExp;
      globalThis.RegExp = new Proxy(Original, {
        construct: (target, args) => (made.push(String(args[0]).slice(0, 60)), Reflect.construct(target, args)),
        apply: (target, self, args) => (made.push(String(args[0]).slice(0, 60)), Reflect.apply(target, self, args)),
      });
      const { ALL_RULES } = require(rules + 'index.js');
      globalThis.RegExp = Original;
      process.stdout.write(JSON.stringify({ rules: ALL_RULES.length, made }));
    `;
    const r = spawnSync(process.execPath, ['-e', program], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { rules, made } = JSON.parse(r.stdout) as { rules: number; made: string[] };
    assert.ok(rules > 30, `the rules loaded: ${rules}`);
    assert.deepEqual(made, []);
  });
});
