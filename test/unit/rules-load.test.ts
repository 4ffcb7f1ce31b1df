// The rule modules, completion and the workspace's citation matching build no regular expression when they load (server/src/core/first-use.ts, onFirstUse): the server's main thread loads them and its first answers run none of them.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from '../support/paths';

const RULES_SOURCE = path.join(REPO_ROOT, 'server', 'src', 'core', 'rules');
const RULES_OUT = path.join(REPO_ROOT, 'out', 'server', 'src', 'core', 'rules');
/** Modules besides the rules that the server's main thread loads and a start's first answers do not run. */
const FIRST_USE_MODULES = [path.join('lsp', 'completion'), path.join('core', 'citations', 'workspace')];

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

  it('loading the rules calls RegExp nowhere, not even in the functions they call at load', function () {
    this.timeout(30_000);
    const { loaded, made } = regExpsMadeLoading(path.join(RULES_OUT, 'index.js'), RULES_OUT + path.sep);
    assert.ok(loaded > 30, `the rules loaded: ${loaded}`);
    assert.deepEqual(made, []);
  });
});

describe('completion and the workspace\'s citation matching at load', () => {
  it('create no regular expression at their top level', () => {
    assert.deepEqual(
      FIRST_USE_MODULES.flatMap((m) => regExpsAtLoad(path.join(REPO_ROOT, 'server', 'src', `${m}.ts`))),
      [],
    );
  });

  for (const m of FIRST_USE_MODULES) {
    it(`loading ${m.split(path.sep).join('/')} calls RegExp nowhere, not even in the functions it calls at load`, function () {
      this.timeout(30_000);
      const file = path.join(REPO_ROOT, 'out', 'server', 'src', `${m}.js`);
      const { loaded, made } = regExpsMadeLoading(file, file);
      assert.equal(loaded, 1);
      assert.deepEqual(made, []);
    });
  }
});

/**
 * The regular expressions made by RegExp calls while `entry` and what it imports load, at the top
 * level of a module whose file name begins with `watched` (there or in a function it calls, wherever
 * that is; not in the modules it imports, which run their own top level; a module in an import cycle
 * is found too). Literals are found by regExpsAtLoad. `loaded`: how many watched modules loaded.
 */
function regExpsMadeLoading(entry: string, watched: string): { loaded: number; made: string[] } {
  const program = `
    const entry = ${JSON.stringify(entry)};
    const watched = ${JSON.stringify(watched)};
    const made = [];
    const Original = RegExp;
    const note = (args) => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = Infinity;
      const stack = new Error().stack;
      Error.stackTraceLimit = limit;
      // The module whose top level is running: the frame just inside the innermost Module._compile.
      const frames = stack.split('\\n');
      const compile = frames.findIndex((frame) => frame.includes('Module._compile'));
      if (compile > 0 && frames[compile - 1].includes('(' + watched)) made.push(String(args[0]).slice(0, 60));
    };
    globalThis.RegExp = new Proxy(Original, {
      construct: (target, args) => (note(args), Reflect.construct(target, args)),
      apply: (target, self, args) => (note(args), Reflect.apply(target, self, args)),
    });
    require(entry);
    globalThis.RegExp = Original;
    process.stdout.write(JSON.stringify({ loaded: Object.keys(require.cache).filter((f) => f.startsWith(watched)).length, made }));
  `;
  const r = spawnSync(process.execPath, ['-e', program], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { loaded: number; made: string[] };
}
