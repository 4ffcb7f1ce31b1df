// Containment: a failing rule is reported once and every other finding stays (core and LSP); a slow request is cut at its budget or when cancelled; the client's restart policy says so once.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import Module from 'node:module';
import * as path from 'node:path';
import { CancellationTokenSource, LSPErrorCodes } from 'vscode-languageserver/node';
import { checkPlan, checkSteps, checkText, INTERNAL_ERROR_RULE } from '../../server/src/core/engine';
import { Finding } from '../../server/src/core/findings';
import { parsePlan } from '../../server/src/core/document/parse';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { levelFor, Rule, RuleContext } from '../../server/src/core/rules/rule';
import { LineIndex } from '../../server/src/core/text/line-index';
import { bundledKnowledge, localToday } from '../support/knowledge';
import { REPO_ROOT } from '../support/paths';
import { SERVER_MAIN, uri, withTimeout } from '../protocol/client';
import { findingShapes, fixture, planFixtures, shapeOf, sortShapes } from '../protocol/helpers';
import { THROWING_RULE } from './support/server-entry';
import { requestError, startTestServer } from './support/lsp';

const kb = (): ReturnType<typeof bundledKnowledge>['kb'] => bundledKnowledge().kb;
const withoutInternal = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.ruleId !== INTERNAL_ERROR_RULE);

/** The rules with `extra` in the middle, where a defective rule would sit among the others. */
function rulesWith(...extra: Rule[]): Rule[] {
  const rules = [...ALL_RULES];
  rules.splice(Math.floor(rules.length / 2), 0, ...extra);
  return rules;
}

describe('robustness: a rule that fails, at the core', () => {
  for (const name of planFixtures()) {
    it(`${name}: reported once, skipped, and every other finding intact`, () => {
      const { file, text } = fixture(name);
      const baseline = checkText(file, text, kb(), { mode: 'submission', lang: 'en' }).findings;
      const findings = checkText(file, text, kb(), { mode: 'submission', lang: 'en', rules: rulesWith(THROWING_RULE) }).findings;
      const internal = findings.filter((f) => f.ruleId === INTERNAL_ERROR_RULE);
      assert.deepEqual(internal.map((f) => [f.message, f.start, f.end, f.severity]), [['Rule test.throws failed and was skipped: deliberate failure of a test rule', 0, 0, 'warning']]);
      assert.deepEqual(withoutInternal(findings), baseline, 'the failing rule reported before it threw: that half-made finding is dropped');
    });
  }

  it('in Vietnamese, and at the level the drafter set for plan.internal-error', () => {
    const { file, text } = fixture('clean-state.md');
    const rules = rulesWith(THROWING_RULE);
    assert.deepEqual(
      checkText(file, text, kb(), { rules }).findings.map((f) => f.message),
      ['Quy tắc test.throws gặp lỗi nội bộ và đã được bỏ qua: deliberate failure of a test rule'],
    );
    assert.deepEqual(checkText(file, text, kb(), { rules, levels: { 'plan.internal-error': 'off' } }).findings, []);
    assert.equal(checkText(file, text, kb(), { rules, levels: { 'plan.internal-error': 'error' } }).findings[0].severity, 'error');
  });

  it('an analysis shared by two rules that throws: each rule is reported once, the others are intact', () => {
    const broken = (): never => {
      throw new Error('shared analysis failed');
    };
    const user = (id: string): Rule => ({ ...THROWING_RULE, id, check: (ctx: RuleContext) => void ctx.shared(broken) });
    const { file, text } = fixture('seed-001-lang-son.md');
    const baseline = checkText(file, text, kb(), { lang: 'en' }).findings;
    const findings = checkText(file, text, kb(), { lang: 'en', rules: rulesWith(user('test.one'), user('test.two')) }).findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId === INTERNAL_ERROR_RULE).map((f) => f.message),
      ['Rule test.one failed and was skipped: shared analysis failed', 'Rule test.two failed and was skipped: shared analysis failed'],
    );
    assert.deepEqual(withoutInternal(findings), baseline);
  });

  it('offsets that are not numbers, negative or past the end are made safe; an edit outside the text loses its fix', () => {
    const wild: Rule = {
      ...THROWING_RULE,
      id: 'test.wild',
      messages: { default: { vi: 'x', en: 'x' }, fix: { vi: 'f', en: 'f' } },
      check(ctx) {
        const n = ctx.plan.text.length;
        ctx.report({ start: Number.NaN, end: Infinity });
        ctx.report({ start: -5, end: n + 100, related: [{ start: -1, end: n * 2, message: { vi: 'r', en: 'r' } }] });
        ctx.report({ start: 2.7, end: 1, fix: { messageId: 'fix', edits: [{ start: n, end: n + 10, newText: 'x' }] } });
      },
    };
    const { file, text } = fixture('clean-state.md');
    const findings = checkText(file, text, kb(), { rules: [wild] }).findings;
    const lines = new LineIndex(text);
    assert.equal(findings.length, 3);
    for (const f of findings) {
      assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end) && f.start >= 0 && f.start <= f.end && f.end <= text.length, JSON.stringify(f));
      for (const r of f.related ?? []) assert.ok(r.start >= 0 && r.end <= text.length);
      assert.ok(Number.isInteger(lines.positionAt(f.end).character));
      assert.equal(f.fix, undefined);
    }
  });

  it('a template that makes the variant decision fail: said once, and the check goes on', () => {
    const base = kb();
    const template = new Proxy(base.template, {
      get(target, prop, receiver) {
        if (prop === 'variants') throw new Error('template variants unreadable');
        return Reflect.get(target, prop, receiver);
      },
    });
    const { file, text } = fixture('clean-state.md');
    const findings = checkPlan(parsePlan(file, text), { ...base, template }, { lang: 'en' });
    assert.ok(findings.some((f) => f.ruleId === INTERNAL_ERROR_RULE && /variant could not be decided/.test(f.message)), findings.map((f) => f.message).join('\n'));
  });

  it('the check runs as one step per rule, so that a caller can pause between rules', () => {
    const { file, text } = fixture('seed-002-ha-tinh.md');
    const steps = checkSteps(parsePlan(file, text), kb());
    const seen: string[] = [];
    let step = steps.next();
    while (!step.done) {
      seen.push(step.value);
      step = steps.next();
    }
    assert.deepEqual(seen, ALL_RULES.filter((r) => levelFor(r, 'drafting') !== 'off').map((r) => r.id));
    assert.deepEqual(step.value, checkText(file, text, kb()).findings);
  });
});

describe('robustness: containment over LSP', function () {
  this.timeout(60_000);

  it('a rule that fails inside the server: reported once, every other diagnostic intact, every request answered', async () => {
    const client = await startTestServer(['--throwing-rule'], { workspaceFolders: [path.join(REPO_ROOT, 'test', 'fixtures', 'plans')], settings: { language: 'vi' } });
    try {
      for (const name of ['seed-000-hau-giang.md', 'seed-003-kien-giang.yaml', 'clean-party.md']) {
        const { file, text } = fixture(name);
        const docUri = uri(file);
        client.open(docUri, text);
        const diagnostics = await client.pull(docUri);
        const expected = checkText(docUri, text, kb(), { lang: 'vi', today: localToday(), rules: rulesWith(THROWING_RULE) }).findings;
        assert.deepEqual(sortShapes(diagnostics.map(shapeOf)), sortShapes(findingShapes(expected, text)));
        assert.equal(diagnostics.filter((d) => d.code === INTERNAL_ERROR_RULE).length, 1);
        const position = { line: 20, character: 5 };
        await client.request('textDocument/hover', { textDocument: { uri: docUri }, position });
        await client.request('textDocument/completion', { textDocument: { uri: docUri }, position });
        await client.request('textDocument/documentSymbol', { textDocument: { uri: docUri } });
        const status = await client.request<{ isPlan: boolean; advisory: number }>('plan43/documentStatus', { uri: docUri });
        assert.equal(status.isPlan, true);
        client.close(docUri);
      }
    } finally {
      await client.dispose();
    }
  });

  it('a request over its budget is answered with ServerCancelled at once; the analysis goes on and serves the next one', async () => {
    // Eight rules busy 250 ms each: a check of two seconds; hover may wait 300 ms.
    const client = await startTestServer(['--slow-rules=8:250', '--budget=300']);
    try {
      const { file, text } = fixture('seed-004-can-tho.md');
      const docUri = uri(file);
      client.open(docUri, text);
      const position = { textDocument: { uri: docUri }, position: { line: 30, character: 10 } };
      // Asked together: the hover's refusal must come before the check ends (the diagnostics).
      const settled: string[] = [];
      const hover = requestError(client, 'textDocument/hover', position).then((e) => (settled.push('hover'), e));
      const pulled = client.pull(docUri).then((d) => (settled.push('diagnostics'), d));
      const [error, diagnostics] = await Promise.all([hover, pulled]);
      assert.equal(error.code, LSPErrorCodes.ServerCancelled);
      assert.match(error.message, /budget of 300 ms/);
      assert.deepEqual(settled, ['hover', 'diagnostics'], 'the hover is answered without waiting for the two-second check');
      // Diagnostics have no budget: they wait for the whole check and lose nothing.
      assert.deepEqual(sortShapes(diagnostics.map(shapeOf)), sortShapes(findingShapes(checkText(docUri, text, kb(), { lang: 'vi', today: localToday() }).findings, text)));
      // A new two-second check would overrun the 300 ms budget again, and the request would be
      // refused: an answer (here no hover at that place) proves it is served from the finished analysis.
      assert.equal(await client.request('textDocument/hover', position), null);
    } finally {
      await client.dispose();
    }
  });

  it('a request the client cancels is answered with RequestCancelled without waiting for the check', async () => {
    const client = await startTestServer(['--slow-rules=8:250']);
    try {
      const { file, text } = fixture('seed-004-can-tho.md');
      const docUri = uri(file);
      client.open(docUri, text);
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest('textDocument/completion', { textDocument: { uri: docUri }, position: { line: 30, character: 0 } }, source.token);
      // Folding needs no analysis: its answer, read while the completion waits for the check,
      // proves that the completion has started; then it is cancelled.
      await client.request('textDocument/foldingRange', { textDocument: { uri: docUri } });
      source.cancel();
      // Asked right after the cancel: the diagnostics wait for the two-second check, the
      // cancelled completion must not.
      const settled: string[] = [];
      const cancelled = assert
        .rejects(withTimeout(pending, 5000, 'the cancelled completion'), (err: { code?: number }) => err.code === LSPErrorCodes.RequestCancelled)
        .then(() => settled.push('completion'));
      const pulled = client.pull(docUri).then((d) => (settled.push('diagnostics'), d));
      const [, diagnostics] = await Promise.all([cancelled, pulled]);
      assert.deepEqual(settled, ['completion', 'diagnostics'], 'the cancelled completion is answered without waiting for the check');
      assert.ok(diagnostics.length > 0);
    } finally {
      await client.dispose();
    }
  });

  it('edits that arrive during a long check supersede it: the answer is for the newest text', async () => {
    const client = await startTestServer(['--slow-rules=4:200']);
    try {
      const { file, text } = fixture('clean-state.md');
      const docUri = uri(file);
      client.open(docUri, text);
      const first = client.pull(docUri);
      let current = text;
      for (const replacement of ['MỤC ĐÍCH', 'MỤC TIÊU', 'NỘI DUNG']) {
        current = current.replace(/## I\. [^\n]+/, `## I. ${replacement}`);
        client.replace(docUri, current);
      }
      await first.catch(() => undefined);
      const diagnostics = await client.pull(docUri);
      assert.deepEqual(sortShapes(diagnostics.map(shapeOf)), sortShapes(findingShapes(checkText(docUri, current, kb(), { lang: 'vi', today: localToday() }).findings, current)));
    } finally {
      await client.dispose();
    }
  });

  it('a server whose client went away exits instead of lingering', async () => {
    const child = spawn(process.execPath, [SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.end();
    const code = await withTimeout(exited, 10_000, 'the server to exit after its input closed');
    assert.notEqual(code, undefined);
  });
});

/** A stand-in for the vscode module: records what the restart policy shows. */
interface FakeVscode {
  shown: Array<{ kind: 'warning' | 'error'; message: string; items: string[] }>;
}

/** What the tests use of client/src/restart.ts (loaded from its build, with the fake vscode module). */
interface RestartPolicyModule {
  RESTART_WINDOW_MS: number;
  RestartingErrorHandler: new (output: { appendLine(line: string): void; show(preserveFocus?: boolean): void }) => {
    closed(): unknown;
    error(error: Error, message: unknown, count: number | undefined): unknown;
    reset(): void;
  };
}

function loadRestartPolicy(): { module: RestartPolicyModule; fake: FakeVscode } {
  const fake: FakeVscode = { shown: [] };
  const show = (kind: 'warning' | 'error') => (message: string, ...items: string[]) => {
    fake.shown.push({ kind, message, items });
    return Promise.resolve(undefined);
  };
  const vscode = {
    window: { showWarningMessage: show('warning'), showErrorMessage: show('error') },
    l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) },
    commands: { executeCommand: () => Promise.resolve() },
  };
  // vscode-languageclient reads more of the API than the policy does: anything else is a harmless stub.
  const stub: ProxyHandler<object> = { get: (target, prop) => (prop in target ? (target as Record<string | symbol, unknown>)[prop] : new Proxy(function () {}, stub)) };
  const proxy = new Proxy(vscode, stub);
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? proxy : original.call(this, request, ...rest);
  };
  try {
    const file = path.join(REPO_ROOT, 'out', 'client', 'src', 'restart.js');
    delete require.cache[file];
    return { module: require(file) as RestartPolicyModule, fake };
  } finally {
    loader._load = original;
  }
}

describe('robustness: the client restarts a dead server and says so once', () => {
  const RESTART = 2; // CloseAction.Restart
  const DO_NOT_RESTART = 1; // CloseAction.DoNotRestart

  it('restarts up to five times in three minutes, tells the drafter once, then gives up with one message', () => {
    const { module, fake } = loadRestartPolicy();
    const log: string[] = [];
    const handler = new module.RestartingErrorHandler({ appendLine: (l: string) => log.push(l), show: () => undefined });
    const actions = Array.from({ length: 8 }, () => (handler.closed() as { action: number }).action);
    assert.deepEqual(actions, [RESTART, RESTART, RESTART, RESTART, RESTART, DO_NOT_RESTART, DO_NOT_RESTART, DO_NOT_RESTART]);
    assert.deepEqual(
      fake.shown.map((s) => [s.kind, s.message]),
      [
        ['warning', 'The Plan43 server stopped; restarting it (1 of 5).'],
        ['error', 'The Plan43 server stopped 6 times in 3 minutes and will not be restarted. Plans are not checked until you restart it.'],
      ],
    );
    assert.equal(log.length, 5, 'every restart is in the log');
    // A deliberate restart starts a fresh count; the drafter was already told about restarts.
    handler.reset();
    assert.equal((handler.closed() as { action: number }).action, RESTART);
    assert.equal(fake.shown.length, 2);
  });

  it('forgets crashes older than the window', () => {
    const { module } = loadRestartPolicy();
    const handler = new module.RestartingErrorHandler({ appendLine: () => undefined, show: () => undefined });
    const realNow = Date.now;
    let now = realNow();
    Date.now = () => now;
    try {
      for (let i = 0; i < 5; i++) handler.closed();
      now += module.RESTART_WINDOW_MS + 1000;
      assert.equal((handler.closed() as { action: number }).action, RESTART);
    } finally {
      Date.now = realNow;
    }
  });

  it('keeps the connection after a few transport errors, shuts it down after more', () => {
    const { module } = loadRestartPolicy();
    const handler = new module.RestartingErrorHandler({ appendLine: () => undefined, show: () => undefined });
    const action = (count: number): number => (handler.error(new Error('write failed'), undefined, count) as { action: number }).action;
    assert.deepEqual([1, 2, 3, 4, 10].map(action), [1, 1, 1, 2, 2]); // ErrorAction.Continue = 1, Shutdown = 2
  });
});
