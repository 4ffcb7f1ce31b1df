// Settings over LSP: read per resource, refreshed on didChangeConfiguration (language, rule levels, submission mode), display language by default.

import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver/node';
import { PLAN_FIXTURES } from '../support/paths';
import { pushCapabilities, TestClient, uri } from './client';
import { coreShapes, fixture, shapeOf, sortShapes } from './helpers';

describe('protocol: settings', () => {
  let client: TestClient;
  const { file, text } = fixture('seed-003-kien-giang.md');
  const docUri = uri(file);

  before(async () => {
    client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES], settings: { language: 'vi' } });
    client.open(docUri, text);
  });
  after(async () => {
    await client.dispose();
  });

  /** Changes the settings the way VS Code does (didChangeConfiguration) and waits for the server's refresh request. */
  async function reconfigure(settings: Record<string, unknown>): Promise<void> {
    client.settings = settings;
    const refreshed = client.waitFor('workspace/diagnostic/refresh');
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
  }

  it('asks for the settings of the document itself (scopeUri)', async () => {
    await client.pull(docUri);
    assert.ok(client.configurationScopes.includes(docUri));
  });

  it('language en: messages in English', async () => {
    const vi = await client.pull(docUri);
    assert.deepEqual(sortShapes(vi.map(shapeOf)), sortShapes(coreShapes(docUri, text, { lang: 'vi' })));
    await reconfigure({ language: 'en' });
    const en = await client.pull(docUri);
    assert.deepEqual(sortShapes(en.map(shapeOf)), sortShapes(coreShapes(docUri, text, { lang: 'en' })));
    assert.notDeepEqual(en.map((d) => d.message), vi.map((d) => d.message));
  });

  it('a rule set to off disappears; another level is applied as set', async () => {
    await reconfigure({ language: 'vi' });
    const before = await client.pull(docUri);
    assert.ok(before.some((d) => d.code === 'citation.term-mismatch'));
    await reconfigure({ language: 'vi', rules: { 'citation.term-mismatch': 'off', 'form.recipients': 'hint', 'no.such-rule': 'error', 'text.tone-style': 'loud' } });
    const after = await client.pull(docUri);
    assert.ok(!after.some((d) => d.code === 'citation.term-mismatch'));
    const recipients = after.filter((d) => d.code === 'form.recipients');
    assert.ok(recipients.length > 0 && recipients.every((d) => d.severity === DiagnosticSeverity.Hint));
    assert.deepEqual(
      sortShapes(after.map(shapeOf)),
      sortShapes(coreShapes(docUri, text, { levels: { 'citation.term-mismatch': 'off', 'form.recipients': 'hint' } })),
    );
  });

  it('submissionMode on: submission severities, blank number and day become errors', async () => {
    await reconfigure({ language: 'vi', submissionMode: true });
    const diagnostics = await client.pull(docUri);
    assert.deepEqual(sortShapes(diagnostics.map(shapeOf)), sortShapes(coreShapes(docUri, text, { mode: 'submission' })));
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code);
    assert.ok(errors.includes('form.number') && errors.includes('form.date'), errors.join(', '));
    await reconfigure({ language: 'vi', submissionMode: false });
    const drafting = await client.pull(docUri);
    assert.ok(!drafting.some((d) => d.code === 'form.number'));
  });
});

describe('protocol: settings by default and for push clients', () => {
  const { file, text } = fixture('seed-004-can-tho.md');
  const docUri = uri(file);

  it('language auto follows the display language (locale en → English, vi → Vietnamese)', async () => {
    for (const [locale, lang] of [['en-US', 'en'], ['vi', 'vi']] as const) {
      const client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES], locale, settings: { language: 'auto' } });
      try {
        client.open(docUri, text);
        const diagnostics = await client.pull(docUri);
        assert.deepEqual(sortShapes(diagnostics.map(shapeOf)), sortShapes(coreShapes(docUri, text, { lang })), locale);
      } finally {
        await client.dispose();
      }
    }
  });

  it('a push client gets new diagnostics after a configuration change', async () => {
    const client = await TestClient.start({ capabilities: pushCapabilities(), workspaceFolders: [PLAN_FIXTURES], settings: {} });
    try {
      client.open(docUri, text);
      const first = await client.waitForPublished(docUri, (d) => d.length > 0);
      const code = String(first.diagnostics[0].code);
      client.settings = { rules: { [code]: 'off' } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const second = await client.waitForPublished(docUri, (d) => !d.some((x) => x.code === code));
      assert.deepEqual(sortShapes(second.diagnostics.map(shapeOf)), sortShapes(coreShapes(docUri, text, { levels: { [code]: 'off' } })));
    } finally {
      await client.dispose();
    }
  });

  it('a client without workspace/configuration: settings from initializationOptions and didChangeConfiguration', async () => {
    const caps = pushCapabilities();
    caps.workspace!.configuration = false;
    const client = await TestClient.start({ capabilities: caps, workspaceFolders: [PLAN_FIXTURES], initializationOptions: { settings: { language: 'en' } } });
    try {
      client.open(docUri, text);
      const first = await client.waitForPublished(docUri, (d) => d.length > 0);
      assert.deepEqual(sortShapes(first.diagnostics.map(shapeOf)), sortShapes(coreShapes(docUri, text, { lang: 'en' })));
      client.notify('workspace/didChangeConfiguration', { settings: { plan43: { language: 'vi' } } });
      const second = await client.waitForPublished(docUri, (d) => d.length > 0 && d[0].message !== first.diagnostics[0].message);
      assert.deepEqual(sortShapes(second.diagnostics.map(shapeOf)), sortShapes(coreShapes(docUri, text, { lang: 'vi' })));
      assert.deepEqual(client.configurationScopes, []);
    } finally {
      await client.dispose();
    }
  });
});
