// User data files over LSP: a registry or template change re-validates the plans; a broken file gets diagnostics and the last good data stays in use.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, FileChangeType, WorkspaceDiagnosticReport } from 'vscode-languageserver/node';
import { SCHEMAS } from '../support/paths';
import { pushCapabilities, TestClient, uri } from './client';
import { fixture, tempFolder } from './helpers';

const registry = (date: string): string => `# Documents of the province\ndocuments:\n  - symbol: 51-CTr/TU\n    type: Chương trình hành động\n    date: ${date}\n    issuer: Tỉnh ủy\n    scope: local\n`;
const BROKEN_SYNTAX = 'documents:\n  - symbol: 51-CTr/TU\n    date: [19/03/2024\n';
const BROKEN_SCHEMA = 'documents:\n  - symbol: 51-CTr/TU\n    date: yesterday\n';

/** Diagnostics of the plan about the local programme's date. */
const dateOf51 = (diagnostics: Diagnostic[], text: string): Diagnostic[] => {
  const lines = text.split('\n');
  return diagnostics.filter((d) => d.code === 'citation.date-mismatch' && /51-CTr\/TU/.test(lines[d.range.start.line]));
};

describe('protocol: user data files', () => {
  const { text } = fixture('seed-003-kien-giang.md');
  let folder: ReturnType<typeof tempFolder>;
  let planUri: string;
  let registryFile: string;
  let registryUri: string;

  beforeEach(() => {
    folder = tempFolder('plan43-data');
    const planFile = path.join(folder.dir, 'plan.md');
    fs.writeFileSync(planFile, text);
    planUri = uri(planFile);
    registryFile = path.join(folder.dir, 'local.registry.yaml');
    registryUri = uri(registryFile);
    fs.writeFileSync(registryFile, registry('01/02/2024'));
  });
  afterEach(() => folder.remove());

  function changed(client: TestClient, file: string): void {
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file), type: FileChangeType.Changed }] });
  }

  it('pull client: registry broken → diagnostics on it, plans keep the last good entries; fixed → gone', async () => {
    const client = await TestClient.start({ workspaceFolders: [folder.dir], settings: { registryFiles: ['local.registry.yaml'] } });
    try {
      client.open(planUri, text);
      // The local registry says 01/02/2024; the plan writes 19/3/2024.
      assert.ok(dateOf51(await client.pull(planUri), text).length > 0, 'the local registry is used');

      fs.writeFileSync(registryFile, BROKEN_SYNTAX);
      let refreshed = client.waitFor('workspace/diagnostic/refresh');
      changed(client, registryFile);
      await refreshed;
      const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { identifier: 'plan43', previousResultIds: [] });
      const item = report.items.find((i) => i.uri === registryUri);
      assert.ok(item && item.kind === 'full' && item.items.length > 0, 'the broken registry is reported');
      if (item.kind === 'full') {
        assert.ok(item.items.every((d) => d.code === 'data.syntax'));
        assert.match(item.items[0].codeDescription?.href ?? '', /docs\/rules\/data\.syntax\.md$/);
      }
      assert.ok(dateOf51(await client.pull(planUri), text).length > 0, 'the last good registry stays in use');

      fs.writeFileSync(registryFile, registry('19/03/2024'));
      refreshed = client.waitFor('workspace/diagnostic/refresh');
      changed(client, registryFile);
      await refreshed;
      assert.deepEqual(dateOf51(await client.pull(planUri), text), [], 'the corrected date is used');
      const again = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', {
        identifier: 'plan43',
        previousResultIds: report.items.map((i) => ({ uri: i.uri, value: i.resultId })),
      });
      const fixed = again.items.find((i) => i.uri === registryUri);
      assert.ok(fixed && fixed.kind === 'full' && fixed.items.length === 0, 'the fixed registry has its diagnostics cleared');
    } finally {
      await client.dispose();
    }
  });

  it('a registry file open in the editor is validated as it is typed', async () => {
    const client = await TestClient.start({ workspaceFolders: [folder.dir], settings: { registryFiles: ['local.registry.yaml'] } });
    try {
      client.open(planUri, text);
      await client.pull(planUri);
      client.open(registryUri, registry('01/02/2024'), 'yaml');
      assert.deepEqual(await client.pull(registryUri), []);
      const refreshed = client.waitFor('workspace/diagnostic/refresh');
      client.replace(registryUri, BROKEN_SCHEMA);
      await refreshed;
      const diagnostics = await client.pull(registryUri);
      assert.ok(diagnostics.length > 0 && diagnostics.every((d) => d.code === 'data.schema'), diagnostics.map((d) => d.message).join('; '));
      // The broken text is in the editor only (the disk still holds a valid file): the bad date is pointed at.
      assert.ok(diagnostics.some((d) => d.range.start.line === 2), diagnostics.map((d) => `${d.range.start.line}: ${d.message}`).join('; '));
    } finally {
      await client.dispose();
    }
  });

  it('push client: diagnostics are published on the broken registry, then cleared', async () => {
    const client = await TestClient.start({ capabilities: pushCapabilities(), workspaceFolders: [folder.dir], settings: { registryFiles: ['local.registry.yaml'] } });
    try {
      client.open(planUri, text);
      await client.waitForPublished(planUri, (d) => dateOf51(d, text).length > 0);
      fs.writeFileSync(registryFile, BROKEN_SYNTAX);
      changed(client, registryFile);
      const broken = await client.waitForPublished(registryUri, (d) => d.length > 0);
      assert.ok(broken.diagnostics.every((d) => d.code === 'data.syntax'));
      fs.writeFileSync(registryFile, registry('19/03/2024'));
      changed(client, registryFile);
      await client.waitForPublished(registryUri, (d) => d.length === 0);
      await client.waitForPublished(planUri, (d) => dateOf51(d, text).length === 0);
    } finally {
      await client.dispose();
    }
  });

  it('a custom template: used when valid, reported and replaced by the last good one when broken', async () => {
    const templateFile = path.join(folder.dir, 'custom.template.yaml');
    const bundled = fs.readFileSync(path.join(SCHEMAS, 'nq43.template.yaml'), 'utf8');
    // Make the Government's programme a required parent of People's Committee plans on its own,
    // not just one of the programmes a plan may implement.
    const stricter = bundled.replace(/\n( +)- anyOf:\n/, '\n$1- symbol: 94/NQ-CP\n$1  level: required\n$1  description: { vi: Nghị quyết số 94/NQ-CP của Chính phủ., en: Government Resolution 94/NQ-CP. }$&');
    assert.notEqual(stricter, bundled, 'the template edit applies');
    fs.writeFileSync(templateFile, stricter);
    const client = await TestClient.start({ capabilities: pushCapabilities(), workspaceFolders: [folder.dir], settings: { templateFile: 'custom.template.yaml' } });
    const requires94 = (d: Diagnostic[]): boolean => d.some((x) => x.code === 'citation.parent-missing' && /94\/NQ-CP/.test(x.message));
    try {
      client.open(planUri, text);
      await client.waitForPublished(planUri, (d) => d.length > 0 && requires94(d));
      fs.writeFileSync(templateFile, stricter.replace(/^taskGroups:/m, 'taskGroupz:'));
      changed(client, templateFile);
      const broken = await client.waitForPublished(uri(templateFile), (d) => d.length > 0);
      assert.ok(broken.diagnostics.every((d) => d.code === 'data.schema'));
      // The plan is still checked with the last good template.
      assert.ok(requires94(client.published.get(planUri)!.diagnostics));
      fs.writeFileSync(templateFile, bundled);
      changed(client, templateFile);
      await client.waitForPublished(uri(templateFile), (d) => d.length === 0);
      await client.waitForPublished(planUri, (d) => d.length > 0 && !requires94(d));
    } finally {
      await client.dispose();
    }
  });

  it('a registry added in the settings is read at once; removed, it is no longer used', async () => {
    const client = await TestClient.start({ workspaceFolders: [folder.dir], settings: {} });
    try {
      client.open(planUri, text);
      assert.deepEqual(dateOf51(await client.pull(planUri), text), []);
      let refreshed = client.waitFor('workspace/diagnostic/refresh');
      client.settings = { registryFiles: [registryFile] };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await refreshed;
      assert.ok(dateOf51(await client.pull(planUri), text).length > 0, 'an absolute path works too');
      refreshed = client.waitFor('workspace/diagnostic/refresh');
      client.settings = {};
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await refreshed;
      assert.deepEqual(dateOf51(await client.pull(planUri), text), []);
    } finally {
      await client.dispose();
    }
  });

  it('an untrusted workspace ignores the user data files', async () => {
    const client = await TestClient.start({
      workspaceFolders: [folder.dir],
      settings: { registryFiles: ['local.registry.yaml'] },
      initializationOptions: { trusted: false },
    });
    try {
      client.open(planUri, text);
      assert.deepEqual(dateOf51(await client.pull(planUri), text), []);
    } finally {
      await client.dispose();
    }
  });
});
