// Diagnostics over LSP: pull on the seed fixtures, push for older clients, nothing for ordinary files, workspace diagnostics with progress.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Diagnostic, DiagnosticTag, WorkspaceDiagnosticReport } from 'vscode-languageserver/node';
import { parsePlan } from '../../server/src/core/document/parse';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';
import { pushCapabilities, TestClient, uri } from './client';
import { coreFindings, coreShapes, fixture, planFixtures, shapeOf, sortShapes } from './helpers';

function isPlan(name: string): boolean {
  return parsePlan(name, fixture(name).text).isPlan;
}

const README = '# Notes\n\nAn ordinary Markdown file: no plan front matter, so no findings.\n\n## I. MỤC TIÊU\n\nNghị quyết số 43-NQ/TW ngày 1/1/2000.\n';

describe('protocol: pull diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES] });
  });
  after(async () => {
    await client.dispose();
  });

  for (const name of planFixtures()) {
    it(`${name}: every finding of the core, with code, range, severity and a docs link`, async () => {
      const { file, text } = fixture(name);
      const docUri = uri(file);
      client.open(docUri, text);
      const diagnostics = await client.pull(docUri);
      const expected = coreShapes(docUri, text);
      assert.ok(expected.length > 0 || name.startsWith('clean-'), `${name} should have findings`);
      assert.deepEqual(sortShapes(diagnostics.map(shapeOf)), sortShapes(expected));
      for (const d of diagnostics) {
        assert.equal(d.source, 'plan43');
        const href = d.codeDescription?.href ?? '';
        assert.equal(href, pathToFileURL(path.join(REPO_ROOT, 'docs', 'rules', `${String(d.code)}.md`)).href);
      }
      // A fixable diagnostic says what kind of fix it has (the fix itself stays on the server);
      // related locations travel with the diagnostic.
      const findings = coreFindings(docUri, text);
      const kinds = (list: Array<string | undefined>): string => list.filter((k) => k !== undefined).sort().join(',');
      assert.equal(kinds(diagnostics.map((d) => (d.data as { fix?: string } | undefined)?.fix)), kinds(findings.map((f) => f.fix?.kind)));
      assert.ok(diagnostics.every((d) => d.data === undefined || Object.keys(d.data as object).join() === 'fix'), 'data carries the kind of fix only');
      assert.equal(
        diagnostics.reduce((n, d) => n + (d.relatedInformation?.length ?? 0), 0),
        findings.reduce((n, f) => n + (f.related?.length ?? 0), 0),
      );
      assert.equal(
        diagnostics.filter((d) => d.tags?.includes(DiagnosticTag.Unnecessary)).length,
        findings.filter((f) => f.unnecessary).length,
      );
      client.close(docUri);
    });
  }

  it('a seed plan gets the defects the domain names (seed 003: "khóa XVII" for 43-NQ/TW)', async () => {
    const { file, text } = fixture('seed-003-kien-giang.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const diagnostics = await client.pull(docUri);
    const term = diagnostics.filter((d) => d.code === 'citation.term-mismatch');
    assert.ok(term.length >= 1, 'the wrong term is reported');
    const lines = text.split('\n');
    for (const d of term) assert.match(lines[d.range.start.line], /XVII/);
    client.close(docUri);
  });

  it('an ordinary README.md gets no diagnostics', async () => {
    const docUri = 'file:///project/README.md';
    client.open(docUri, README);
    assert.deepEqual(await client.pull(docUri), []);
  });

  it('answers "unchanged" when the document has not changed since the last pull', async () => {
    const { file, text } = fixture('seed-004-can-tho.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const first = await client.request<{ kind: string; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri: docUri } });
    assert.equal(first.kind, 'full');
    const second = await client.request<{ kind: string; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri: docUri }, previousResultId: first.resultId });
    assert.equal(second.kind, 'unchanged');
    // Changed, its diagnostics as they were: "unchanged" again, under the new version's id.
    client.replace(docUri, `${text}\n`);
    const third = await client.request<{ kind: string; resultId?: string }>('textDocument/diagnostic', { textDocument: { uri: docUri }, previousResultId: second.resultId });
    assert.equal(third.kind, 'unchanged');
    assert.notEqual(third.resultId, second.resultId);
    // Changed with a finding more: in full, named by the last id or an older one.
    const changed = `${text}\nƢ\n`;
    client.replace(docUri, changed);
    const fourth = await client.request<{ kind: string; items?: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: docUri }, previousResultId: third.resultId });
    assert.equal(fourth.kind, 'full');
    assert.deepEqual(sortShapes(fourth.items!.map(shapeOf)), sortShapes(coreShapes(docUri, changed)));
    const fifth = await client.request<{ kind: string }>('textDocument/diagnostic', { textDocument: { uri: docUri }, previousResultId: first.resultId });
    assert.equal(fifth.kind, 'full');
    client.close(docUri);
  });

  it('workspace diagnostics cover every plan of the folder, with progress, and nothing else', async () => {
    const token = 'workspace-progress';
    client.trackProgress(token);
    const ended = client.waitFor<{ token: string; value: { kind: string } }>('$/progress', (p) => p.token === token && p.value.kind === 'end');
    const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { identifier: 'plan43', previousResultIds: [], workDoneToken: token });
    await ended;
    assert.ok(client.progress.some((p) => p.token === token && p.value.kind === 'begin'));
    const plans = planFixtures().filter((f) => isPlan(f));
    const reported = report.items.map((i) => path.basename(new URL(i.uri).pathname)).sort();
    assert.deepEqual(reported, plans);
    for (const item of report.items) {
      assert.equal(item.kind, 'full');
      const file = path.join(PLAN_FIXTURES, path.basename(new URL(item.uri).pathname));
      const text = fs.readFileSync(file, 'utf8');
      if (item.kind === 'full') assert.equal(item.items.length, coreShapes(item.uri, text).length, path.basename(file));
    }
    // Asked again with the result ids it holds, the client learns that nothing changed.
    const again = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
      identifier: 'plan43',
      previousResultIds: report.items.map((i) => ({ uri: i.uri, value: i.resultId })),
    });
    assert.equal(again.items.length, report.items.length);
    assert.ok(again.items.every((i) => i.kind === 'unchanged'));
  });
});

describe('protocol: push diagnostics (client without pull)', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ capabilities: pushCapabilities(), workspaceFolders: [PLAN_FIXTURES] });
  });
  after(async () => {
    await client.dispose();
  });

  it('publishes the findings of an opened plan, then of each new version', async () => {
    const { file, text } = fixture('seed-000-hau-giang.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const published = await client.waitForPublished(docUri, (_, p) => p.version === 1);
    assert.deepEqual(sortShapes(published.diagnostics.map(shapeOf)), sortShapes(coreShapes(docUri, text)));
    // Several quick edits: only the last version is worth publishing.
    client.replace(docUri, `${text}\nA.`);
    client.replace(docUri, `${text}\nAB.`);
    const edited = `${text}\nABC  D.`;
    client.replace(docUri, edited);
    const latest = await client.waitForPublished(docUri, (_, p) => p.version === 4);
    assert.deepEqual(sortShapes(latest.diagnostics.map(shapeOf)), sortShapes(coreShapes(docUri, edited)));
  });

  it('publishes an empty list for an ordinary Markdown file and clears a closed plan', async () => {
    const readme = 'file:///project/README.md';
    client.open(readme, README);
    const published = await client.waitForPublished(readme);
    assert.deepEqual(published.diagnostics, []);

    const { file, text } = fixture('seed-002-ha-tinh.md');
    const docUri = uri(file);
    client.open(docUri, text);
    await client.waitForPublished(docUri, (d) => d.length > 0);
    client.close(docUri);
    await client.waitForPublished(docUri, (d) => d.length === 0);
  });
});
