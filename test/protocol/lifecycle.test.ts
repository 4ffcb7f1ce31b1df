// The server's lifecycle over stdio: initialize and the declared capabilities, robustness on bad input, shutdown and exit code 0.

import assert from 'node:assert/strict';
import { TextDocumentSyncKind } from 'vscode-languageserver/node';
import { PLAN_FIXTURES } from '../support/paths';
import { pullCapabilities, pushCapabilities, TestClient, uri } from './client';
import { fixture } from './helpers';

describe('protocol: lifecycle', () => {
  it('declares the contract capabilities to a pull client', async () => {
    const client = await TestClient.start({ capabilities: pullCapabilities(), workspaceFolders: [PLAN_FIXTURES] });
    try {
      const caps = client.initializeResult.capabilities;
      assert.deepEqual(caps.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
      assert.deepEqual(caps.diagnosticProvider, { identifier: 'plan43', interFileDependencies: false, workspaceDiagnostics: true });
      assert.deepEqual(caps.completionProvider?.triggerCharacters, [' ', '.', '-', '#', '/']);
      assert.equal(caps.hoverProvider, true);
      assert.deepEqual(
        typeof caps.codeActionProvider === 'object' ? caps.codeActionProvider.codeActionKinds : undefined,
        ['quickfix', 'source.fixAll.plan43', 'source.plan43.insertMissingSections'],
      );
      assert.ok(caps.documentSymbolProvider);
      assert.ok(caps.foldingRangeProvider);
      assert.deepEqual(caps.executeCommandProvider?.commands, ['plan43.server.insertMissingSections']);
      assert.equal(client.initializeResult.serverInfo?.name, 'plan43');
    } finally {
      await client.dispose();
    }
  });

  it('declares no pull diagnostics to a client that cannot pull', async () => {
    const client = await TestClient.start({ capabilities: pushCapabilities() });
    try {
      assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined);
    } finally {
      await client.dispose();
    }
  });

  it('survives malformed plans and requests about unknown documents, then exits with code 0', async () => {
    const client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES] });
    const broken = 'file:///broken/plan.md';
    // Front matter that is not YAML, a heading glued to text, an unterminated comment.
    client.open(broken, '---\ntemplate: nq43\nvariant: [party\nsigner: {authority\n---\n\n## I. MỤC ĐÍCH### 1.\n<!-- never closed\n## IV-\n');
    const diagnostics = await client.pull(broken);
    assert.ok(diagnostics.length > 0, 'a malformed plan yields findings');
    assert.ok(diagnostics.some((d) => d.code === 'plan.syntax'), 'the YAML error is reported');
    // Requests about a document the server never saw get empty answers, not errors.
    const ghost = 'file:///nowhere/ghost.md';
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: ghost }, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: ghost } }), []);
    const completion = await client.request<unknown>('textDocument/completion', { textDocument: { uri: broken }, position: { line: 99, character: 99 } });
    assert.ok(completion !== undefined);
    // Every feature still works on a real plan afterwards.
    const { file, text } = fixture('clean-state.md');
    client.open(uri(file), text);
    assert.deepEqual(await client.pull(uri(file)), []);
    assert.equal(await client.shutdown(), 0);
  });

  it('exits with code 0 when it is shut down while plans are being checked', async () => {
    const client = await TestClient.start({ capabilities: pullCapabilities(), workspaceFolders: [PLAN_FIXTURES] });
    try {
      // Long plans (a seed's body forty times over), pulled and not awaited: their checks are under
      // way in the worker when the shutdown stops it, and the pulls that were waiting for them must
      // not try again without end.
      const pulls: Array<Promise<unknown>> = [];
      for (const name of ['seed-000-hau-giang.md', 'seed-002-ha-tinh.md', 'seed-004-can-tho.md']) {
        const { file, text } = fixture(name);
        const end = text.indexOf('\n---', 4) + 4;
        client.open(uri(file), text.slice(0, end) + text.slice(end).repeat(40));
        pulls.push(client.pull(uri(file)).catch(() => undefined));
      }
      assert.equal(await client.shutdown(), 0);
      await Promise.all(pulls);
    } finally {
      await client.dispose();
    }
  });
});
