// A report's diagnostics encoded from the messages kept between versions give the bytes of an encoding from scratch: a plan edited at random, checked at every version, and diagnostics of every shape.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic } from 'vscode-languageserver/node';
import { checkPlan } from '../../server/src/core/engine';
import { parsePlan } from '../../server/src/core/document/parse';
import { Finding } from '../../server/src/core/findings';
import { LineIndex } from '../../server/src/core/text/line-index';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { DiagnosticJson } from '../../server/src/lsp/diagnostic-json';
import { DiagnosticsFeature } from '../../server/src/lsp/diagnostics';
import { ServerContext } from '../../server/src/lsp/context';
import { encodeJson, withElementsJson } from '../../server/src/lsp/json-encoder';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { REPO_ROOT } from '../support/paths';
import { seededRandom } from '../support/random';

/** The bytes the LSP library's own encoder gives. */
function libraryBytes(msg: unknown): Buffer {
  return Buffer.from(JSON.stringify(msg, undefined, 0), 'utf-8');
}

/** A pull report and a push of `items`, each encoded with `json`'s kept messages, against the library's bytes. */
function assertSameBytes(json: DiagnosticJson, items: Diagnostic[], what: string): void {
  const pulled = { jsonrpc: '2.0', id: 3, result: { kind: 'full', resultId: what, items: withElementsJson([...items], (list, head, tail) => json.encodeList(list, undefined, undefined, head, tail).bytes) } };
  assert.ok(Buffer.from(encodeJson(pulled, 'utf-8')).equals(libraryBytes(pulled)), `${what}: the pull report`);
  const pushed = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', version: 2, diagnostics: withElementsJson([...items], (list, head, tail) => json.encodeList(list, undefined, undefined, head, tail).bytes) } };
  assert.ok(Buffer.from(encodeJson(pushed, 'utf-8')).equals(libraryBytes(pushed)), `${what}: the push`);
}

const PIECES = ['a', 'ệ', ' ', '\n', '\n\n', 'Nghị quyết số 43-NQ/TW ngày 24/11/2023', '## Nhiệm vụ\n', '- ', '😀', '"', '\\', 'Điều 1. ', 'số 12/KH-UBND ngày 3/4/2024 của Ủy ban nhân dân tỉnh'];

describe('diagnostics encoded from the kept messages', () => {
  it('give the bytes of an encoding from scratch over random edits of a plan', () => {
    const { kb } = loadKnowledge({ schemasDir: path.join(REPO_ROOT, 'schemas') });
    const dir = path.join(REPO_ROOT, 'test', 'fixtures', 'plans');
    const names = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort();
    const next = seededRandom(1413);
    let kept = 0;
    for (const name of names.slice(0, 6)) {
      let text = fs.readFileSync(path.join(dir, name), 'utf8');
      const uri = `file:///plans/${name}`;
      const json = new DiagnosticJson();
      for (let version = 0; version < 25; version++) {
        const findings = checkPlan(parsePlan(uri, text), kb, { mode: version % 5 === 4 ? 'submission' : 'drafting', lang: version % 7 === 6 ? 'en' : 'vi' });
        const lines = new LineIndex(text);
        // Links to the rules for most versions, none for some: a kept message with another link is written again.
        const help = (id: string): string | undefined => (version % 6 === 5 ? undefined : `file:///ext/docs/rules/${id}.md`);
        const items = findings.map((f) => toDiagnostic(f, lines, uri, help));
        if (items.length > 0) kept++;
        assertSameBytes(json, items, `${name} version ${version}`);
        // A keystroke, a pasted line or a cut, anywhere.
        const at = Math.floor(next() * (text.length + 1));
        const r = next();
        if (r < 0.6) text = text.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + text.slice(at);
        else text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 40)));
      }
    }
    assert.ok(kept > 50, `versions with findings: ${kept}`);
  });

  it('give the bytes of an encoding from scratch for findings of every shape, messages repeated', () => {
    const next = seededRandom(77);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const messages = ['Thiếu số hiệu "Kế hoạch"', 'Ngày 31/02/2024 không có', '', 'a\\b "c"\n\u0000\u2028', 'Trích dẫn 😀 \ud83d lẻ', 'Missing date'];
    const text = `${'Dòng có dấu tiếng Việt.\n'.repeat(30)}cuối`;
    const lines = new LineIndex(text);
    const json = new DiagnosticJson();
    for (let round = 0; round < 200; round++) {
      const count = Math.floor(next() * 40);
      const findings: Finding[] = [];
      for (let i = 0; i < count; i++) {
        const start = Math.floor(next() * (text.length + 20)) - 10;
        const f: Finding = {
          ruleId: pick(['text.tone-style', 'citation.date-mismatch', 'plan.too-large']),
          severity: pick(['error', 'warning', 'info', 'hint'] as const),
          message: pick(messages),
          start,
          end: start + Math.floor(next() * 60) - 5,
        };
        if (next() < 0.3) f.fix = { kind: pick(['mechanical', 'insertion'] as const), title: 't', edits: [] };
        if (next() < 0.2) f.related = [{ start: 3, end: 9, message: pick(messages) }];
        if (next() < 0.2) f.unnecessary = true;
        findings.push(f);
      }
      const help = (id: string): string | undefined => (next() < 0.2 ? undefined : `https://example.org/rules/${id}`);
      const items = findings.map((f) => toDiagnostic(f, lines, 'file:///a.md', help));
      // What toDiagnostic never makes is written whole: numbers JSON writes otherwise, other shapes of keys.
      for (const d of items) {
        const r = next();
        if (r < 0.03) d.range.start.character = Number.NaN;
        else if (r < 0.05) d.range.end.line = 1.5;
        else if (r < 0.06) d.range.end.character = -0;
        else if (r < 0.065) d.range.start.line = -3;
        else if (r < 0.068) d.range.start.line = 2 ** 31;
        else if (r < 0.07) d.data = { fix: 'mechanical', more: 1 };
        else if (r < 0.08) d.codeDescription = { href: 'x', more: 2 } as Diagnostic['codeDescription'];
        else if (r < 0.09) d.severity = undefined;
        else if (r < 0.1) d.tags = [];
      }
      assertSameBytes(json, items, `round ${round}`);
    }
    // The same message, rule, severity, fix and link as a kept one, in objects of another shape.
    const plain = toDiagnostic({ ruleId: 'a.b', severity: 'warning', message: 'Thiếu ngày', start: 2, end: 5, fix: { kind: 'mechanical', title: 't', edits: [] } }, lines, 'file:///a.md', () => 'https://example.org/a.b');
    const odd = [{ ...plain, data: { fix: 'mechanical', more: 1 } }, { ...plain, codeDescription: { href: 'https://example.org/a.b', more: 2 } as Diagnostic['codeDescription'] }];
    assertSameBytes(json, [plain, plain], 'kept');
    assertSameBytes(json, [plain, ...odd], 'other shapes after the kept one');
  });

  it('are kept for a plan only once it is reported at a second version, and its reports give the same bytes', async () => {
    const { kb } = loadKnowledge({ schemasDir: path.join(REPO_ROOT, 'schemas') });
    const uri = 'file:///plans/seed-001.md';
    let text = fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'plans', fs.readdirSync(path.join(REPO_ROOT, 'test', 'fixtures', 'plans')).filter((f) => f.endsWith('.md')).sort()[0]), 'utf8');
    let version = 1;
    // What the feature reads of the server: the analysis of the plan's current version and the rules' links.
    const ctx = {
      analyze: async () => ({ isPlan: true, uri, resultId: `v${version}`, lines: new LineIndex(text), findings: checkPlan(parsePlan(uri, text), kb, { mode: 'drafting', lang: 'vi' }) }),
      helpUri: (id: string) => `file:///ext/docs/rules/${id}.md`,
    } as unknown as ServerContext;
    const feature = new DiagnosticsFeature(ctx);
    const keptFor = (): unknown => (feature as unknown as { json: Map<string, unknown> }).json.get(uri);
    const pull = async (): Promise<void> => {
      const report = await feature.forDocument(uri);
      const msg = { jsonrpc: '2.0', id: version, result: { kind: 'full', ...report } };
      assert.ok(Buffer.from(encodeJson(msg, 'utf-8')).equals(libraryBytes(msg)), `version ${version}`);
    };
    await pull();
    assert.equal(keptFor(), 'v1', 'a plan opened and not edited keeps its first result id only');
    await pull();
    assert.equal(keptFor(), 'v1', 'the same version pulled again keeps nothing more');
    text = text.replace('\n', '\nMột dòng mới.\n');
    version = 2;
    await pull();
    assert.ok(keptFor() instanceof DiagnosticJson, 'a plan reported at a second version keeps its encoded messages');
    const kept = keptFor();
    text = text.replace('\n', '\n\n');
    version = 3;
    await pull();
    assert.equal(keptFor(), kept, 'and goes on with the same ones');
  });
});
