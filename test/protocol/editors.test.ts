// The server as other editors' clients drive it (Neovim, Emacs eglot, Helix, Sublime LSP): push diagnostics only, no workspace/configuration, no workspace folders, one language id for every file, fix-all applied edit by edit, completion without snippets; and `plan43 lsp` over each transport.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ClientCapabilities, CodeAction, CompletionItem, CompletionList, InsertTextFormat, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { runCliCaptured } from '../support/cli';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';
import { pullCapabilities, TestClient, uri } from './client';
import { coreShapes, fixture, insertLines, inserted, lineOf, shapeOf, sortShapes, tempFolder, withoutSection } from './helpers';

const BIN = path.join(REPO_ROOT, 'bin', 'plan43.js');

/**
 * What Neovim 0.7's and eglot 1.9's clients say they can do: push diagnostics only, no
 * workspace/configuration, no workspace folders, no dynamic registration, no snippets, no progress.
 */
function editorCapabilities(): ClientCapabilities {
  return {
    workspace: { applyEdit: true, configuration: false, workspaceFolders: false, didChangeConfiguration: { dynamicRegistration: false } },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
      completion: { completionItem: { snippetSupport: false } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      publishDiagnostics: { relatedInformation: true },
    },
  };
}

/** Requests a server must not send to such a client. */
const UNSUPPORTED_REQUESTS = ['client/registerCapability', 'workspace/configuration', 'window/workDoneProgress/create', 'workspace/diagnostic/refresh'];

/** Applies LSP edits (all ranges in the original text) one at a time, each sent as its own change. */
function applyOneByOne(client: TestClient, docUri: string, edits: readonly TextEdit[]): TextDocument {
  // As Emacs does: every range is first pinned to the original text (markers), then the edits are
  // applied in document order, each one as its own change, the later ranges moving with the text.
  const original = client.document(docUri);
  const pinned = edits.map((e) => ({ start: original.offsetAt(e.range.start), end: original.offsetAt(e.range.end), newText: e.newText }));
  let shift = 0;
  let doc = original;
  for (const e of pinned) {
    const range = { start: doc.positionAt(e.start + shift), end: doc.positionAt(e.end + shift) };
    doc = client.edit(docUri, [{ range, newText: e.newText }]);
    shift += e.newText.length - (e.end - e.start);
  }
  return doc;
}

describe('protocol: other editors', () => {
  let client: TestClient;
  let n = 0;
  before(async () => {
    client = await TestClient.start({ capabilities: editorCapabilities(), workspaceFolders: [PLAN_FIXTURES] });
  });
  after(async () => {
    await client.dispose();
  });

  it('a push client without configuration, folders or registration gets the findings of the command line', async () => {
    assert.equal(client.initializeResult.capabilities.diagnosticProvider, undefined, 'no pull diagnostics offered');
    for (const name of ['seed-003-kien-giang.md', 'seed-003-kien-giang.yaml']) {
      const { file, text } = fixture(name);
      const docUri = uri(file);
      client.open(docUri, text);
      const published = await client.waitForPublished(docUri, (_, p) => p.version === 1);
      const expected = sortShapes(coreShapes(docUri, text));
      assert.ok(expected.length > 5, name);
      assert.deepEqual(sortShapes(published.diagnostics.map(shapeOf)), expected, name);
      client.close(docUri);
    }
    assert.deepEqual(client.serverRequests.filter((m) => UNSUPPORTED_REQUESTS.includes(m)), []);
    assert.deepEqual(client.logged.filter((l) => l.type === 1), [], 'no error logged');
  });

  it('one language id for every file: a file: URI is read by its extension, as the command line reads it', async () => {
    // eglot 1.9 with one entry for both modes says "markdown" of a YAML plan, and the reverse.
    const yaml = fixture('seed-003-kien-giang.yaml');
    const yamlUri = uri(yaml.file);
    client.open(yamlUri, yaml.text, 'markdown');
    const asYaml = await client.waitForPublished(yamlUri, (_, p) => p.version === 1);
    assert.equal(asYaml.diagnostics.length, coreShapes(yamlUri, yaml.text).length);
    assert.deepEqual(sortShapes(asYaml.diagnostics.map(shapeOf)), sortShapes(coreShapes(yamlUri, yaml.text)));
    client.close(yamlUri);

    const clean = fixture('clean-party.md');
    const cleanUri = uri(clean.file);
    client.open(cleanUri, clean.text, 'yaml');
    const asMarkdown = await client.waitForPublished(cleanUri, (_, p) => p.version === 1);
    assert.deepEqual(asMarkdown.diagnostics.map(shapeOf), [], 'a clean Markdown plan has no finding, and no YAML syntax error');
    client.close(cleanUri);

    // Without an extension (an untitled document), the language id still decides.
    const untitledYaml = `untitled:Untitled-${++n}`;
    client.open(untitledYaml, yaml.text, 'yaml');
    const untitled = await client.waitForPublished(untitledYaml, (_, p) => p.version === 1);
    assert.deepEqual(sortShapes(untitled.diagnostics.map(shapeOf)), sortShapes(coreShapes('plan.yaml', yaml.text)));
    client.close(untitledYaml);
  });

  it('fix all, applied edit by edit, gives the text `plan43 check --fix` writes, on a plan typed with decomposed accents', async () => {
    const decomposed = fixture('seed-001-lang-son.md').text.normalize('NFD');
    const docUri = `file:///editors/decomposed-${++n}.md`;
    client.open(docUri, decomposed);
    await client.waitForPublished(docUri, (d, p) => p.version === 1 && d.some((x) => x.code === 'text.normalization'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.plan43']);
    const edits = actions[0].edit?.changes?.[docUri] ?? [];
    const decomposedLines = decomposed.split('\n').filter((l) => l.normalize('NFC') !== l);
    assert.ok(edits.length > decomposedLines.length * 0.9, `${edits.length} edits for ${decomposedLines.length} decomposed lines: about one per line`);
    for (let i = 1; i < edits.length; i++) {
      const [a, b] = [edits[i - 1].range, edits[i].range];
      assert.ok(a.end.line < b.start.line, `edits ${i - 1} and ${i} are sorted, apart, and not on one line`);
    }
    // Each edit replaces a piece of its line, never the text between the first change and the last.
    const doc = client.document(docUri);
    const replaced = edits.reduce((sum, e) => sum + doc.offsetAt(e.range.end) - doc.offsetAt(e.range.start), 0);
    assert.ok(replaced <= decomposedLines.join('\n').length, `${replaced} characters replaced`);
    const fixed = applyOneByOne(client, docUri, edits);

    const folder = tempFolder('plan43-editors-fix');
    try {
      const file = path.join(folder.dir, 'decomposed.md');
      fs.writeFileSync(file, decomposed);
      await runCliCaptured(['check', '--fix', file], folder.dir);
      assert.equal(fixed.getText(), fs.readFileSync(file, 'utf8'));
    } finally {
      folder.remove();
    }
    const after = await client.waitForPublished(docUri, (_, p) => p.version === fixed.version);
    assert.deepEqual(after.diagnostics.filter((d) => (d.data as { fix?: unknown } | undefined)?.fix).map((d) => d.code), [], 'nothing fixable is left');
    client.close(docUri);
  });

  it('completion without snippet support inserts the skeletons as plain text with real line breaks', async () => {
    const snippets = await TestClient.start({ capabilities: pullCapabilities(), workspaceFolders: [PLAN_FIXTURES] });
    try {
      const complete = async (c: TestClient, text: string, ext: string, line: number, character: number): Promise<CompletionItem[]> => {
        const docUri = `file:///editors/complete-${++n}.${ext}`;
        c.open(docUri, text);
        const result = await c.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: docUri }, position: { line, character }, context: { triggerKind: 1 } });
        c.close(docUri);
        return Array.isArray(result) ? result : result.items;
      };
      const party = withoutSection(fixture('clean-party.md').text, 'II. MỤC TIÊU');
      const heading = lineOf(party, /^## III\./);
      const yaml = fixture('seed-003-kien-giang.yaml').text;
      const sections = lineOf(yaml, /^sections:/);
      const frontMatterEnd = lineOf(party, /^signer:/);
      const cases: Array<[string, string, string, number, number]> = [
        ['a missing section', insertLines(party, heading, ['## ', '']), 'md', heading, 3],
        ['a YAML section item', insertLines(yaml, sections + 1, ['  - heading: ']), 'yaml', sections + 1, '  - heading: '.length],
        ['a metadata key', insertLines(party.replace(/^signer:\n(?: {2}.*\n)+/m, ''), frontMatterEnd, ['']), 'md', frontMatterEnd, 0],
      ];
      for (const [what, text, ext, line, character] of cases) {
        const plain = await complete(client, text, ext, line, character);
        const rich = await complete(snippets, text, ext, line, character);
        assert.ok(plain.length > 0, what);
        for (const item of plain) {
          const newText = (item.textEdit as TextEdit).newText;
          assert.notEqual(item.insertTextFormat, InsertTextFormat.Snippet, `${what}: ${String(item.label)} is plain text`);
          assert.doesNotMatch(newText, /\$\{?\d|\\[$}\\]/, `${what}: ${String(item.label)} has no snippet syntax`);
        }
        const multiLine = plain.filter((i) => (i.textEdit as TextEdit).newText.includes('\n'));
        assert.ok(multiLine.length > 0, `${what}: a skeleton of several lines is offered`);
        // The same items; a skeleton reads as the snippet's default text.
        assert.deepEqual(plain.map((i) => i.label), rich.map((i) => i.label), what);
        for (const item of multiLine) {
          const twin = rich.find((r) => r.label === item.label)!;
          if (what === 'a metadata key') assert.ok(inserted(twin).startsWith((item.textEdit as TextEdit).newText.trimEnd()), `${what}: ${String(item.label)}`);
          else assert.equal((item.textEdit as TextEdit).newText, inserted(twin), `${what}: ${String(item.label)}`);
        }
      }
    } finally {
      await snippets.dispose();
    }
  });
});

describe('protocol: settings for clients that answer nothing', () => {
  const { file, text } = fixture('seed-004-can-tho.md');
  const docUri = uri(file);

  for (const [form, settings] of [
    ['the section itself', { language: 'en', rules: { 'form.recipients': 'off' } }],
    ['the section under its name', { plan43: { language: 'en', rules: { 'form.recipients': 'off' } } }],
  ] as const) {
    it(`initializationOptions.settings as ${form} hold when workspace/configuration answers null`, async () => {
      const caps = editorCapabilities();
      caps.workspace!.configuration = true;
      const client = await TestClient.start({ capabilities: caps, settings: null, initializationOptions: { settings } });
      try {
        client.open(docUri, text);
        const published = await client.waitForPublished(docUri, (_, p) => p.version === 1);
        assert.ok(client.serverRequests.includes('workspace/configuration'), 'the server asked');
        assert.deepEqual(sortShapes(published.diagnostics.map(shapeOf)), sortShapes(coreShapes(docUri, text, { lang: 'en', levels: { 'form.recipients': 'off' } })));
      } finally {
        await client.dispose();
      }
    });
  }
});

describe('protocol: plan43 lsp', () => {
  const { file, text } = fixture('seed-002-ha-tinh.md');
  const docUri = uri(file);

  for (const transport of ['stdio', 'node-ipc', 'socket', 'pipe'] as const) {
    it(`runs the server over ${transport}`, async () => {
      const client = await TestClient.start({ command: { file: process.execPath, args: [BIN, 'lsp'] }, transport, workspaceFolders: [PLAN_FIXTURES] });
      try {
        assert.equal(client.initializeResult.serverInfo?.name, 'plan43');
        client.open(docUri, text);
        assert.deepEqual(sortShapes((await client.pull(docUri)).map(shapeOf)), sortShapes(coreShapes(docUri, text)));
        assert.equal(await client.shutdown(), 0, 'exits cleanly after shutdown and exit');
      } finally {
        await client.dispose();
      }
    });
  }

  it('over a pipe, exits when the process that started it dies without a word', async function () {
    this.timeout(90_000);
    // The extension's host, as vscode-languageclient starts the server: it listens on a pipe it
    // names and starts the server with that name and its own process id; here it opens a plan,
    // has it checked (the server then has its check worker and timers: it would live on by
    // itself) and dies, without shutdown or exit, and without naming its process in
    // `initialize`: the command line's id is the only watch. The server, detached, must notice.
    const parent = `
      const { createClientPipeTransport, createProtocolConnection, generateRandomPipeName } = require(${JSON.stringify(require.resolve('vscode-languageserver/node'))});
      const { spawn } = require('node:child_process');
      const fs = require('node:fs');
      // Gone after 60 s whatever happens, so that a server that never connects fails the test.
      setTimeout(() => process.exit(3), 60000).unref();
      (async () => {
        const name = generateRandomPipeName();
        const transport = await createClientPipeTransport(name);
        const server = spawn(process.execPath, [${JSON.stringify(BIN)}, 'lsp', '--pipe=' + name, '--clientProcessId=' + process.pid], { stdio: 'ignore', detached: true });
        const [reader, writer] = await transport.onConnected();
        const c = createProtocolConnection(reader, writer);
        c.onRequest(() => null);
        c.listen();
        await c.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
        c.sendNotification('initialized', {});
        c.sendNotification('textDocument/didOpen', { textDocument: { uri: ${JSON.stringify(docUri)}, languageId: 'markdown', version: 1, text: fs.readFileSync(${JSON.stringify(file)}, 'utf8') } });
        await c.sendRequest('textDocument/diagnostic', { textDocument: { uri: ${JSON.stringify(docUri)} } });
        process.stdout.write(server.pid + '\\n');
        process.exit(0);
      })();`;
    const child = spawn(process.execPath, ['-e', parent], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    await new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const pid = Number(out.trim());
    assert.ok(Number.isInteger(pid) && pid > 0, `the server connected to the pipe (the parent said ${JSON.stringify(out)})`);
    const alive = (): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // The LSP library looks for the client's process every 3 s.
    for (let i = 0; i < 200 && alive(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const stayed = alive();
    if (stayed) process.kill(pid);
    assert.equal(stayed, false, 'the server outlived the process that started it');
  });

  it('says how to call it, and refuses a call without exactly one transport', () => {
    const lsp = (...args: string[]) => spawnSync(process.execPath, [BIN, 'lsp', ...args], { encoding: 'utf8', input: '' });
    const help = lsp('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /plan43 lsp --stdio/);
    assert.match(help.stdout, /docs\/editors\.md/);
    for (const args of [[], ['--stdio', '--node-ipc'], ['--socket=port'], ['--socket'], ['--stdio', '--verbose']]) {
      const r = lsp(...args);
      assert.equal(r.status, 2, `plan43 lsp ${args.join(' ')}`);
      assert.match(r.stderr, /^plan43 lsp: .+\nCách dùng: plan43 lsp --stdio/, `plan43 lsp ${args.join(' ')}`);
      assert.equal(r.stdout, '', 'nothing on standard output, which a client would read as the protocol');
    }
    // The command line's own help names the server command.
    const cli = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    assert.match(cli.stdout, /plan43 lsp --stdio/);
  });
});
