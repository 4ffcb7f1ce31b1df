// Hostile input over LSP, against the real server: each case gets the core's findings in bounded time and every other request is still answered; broken messages and files on disk too.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeAction, Diagnostic, WorkspaceDiagnosticReport, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { checkText } from '../../server/src/core/engine';
import { encodeText } from '../../server/src/node/text-file';
import { bundledKnowledge, localToday } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { TestClient, uri, withTimeout } from '../protocol/client';
import { coreShapes, fixture, findingShapes, shapeOf, sortShapes, tempFolder } from '../protocol/helpers';
import { aliasBomb, deepFlow, HOSTILE_CASES, plan, randomBytes } from './support/hostile';

/** Every request a drafter's editor sends about a document, each answered in time. */
async function everyRequestAnswers(client: TestClient, docUri: string, diagnostics: Diagnostic[], lineCount: number): Promise<void> {
  const doc = { textDocument: { uri: docUri } };
  const middle = { line: Math.floor(lineCount / 2), character: 3 };
  const answers = await Promise.all([
    client.request('textDocument/documentSymbol', doc),
    client.request('textDocument/foldingRange', doc),
    client.request('textDocument/hover', { ...doc, position: middle }),
    client.request('textDocument/hover', { ...doc, position: { line: lineCount + 10, character: 9999 } }),
    client.request('textDocument/completion', { ...doc, position: middle }),
    client.request('textDocument/completion', { ...doc, position: { line: 0, character: 9999 } }),
    client.request<CodeAction[]>('textDocument/codeAction', {
      ...doc,
      range: { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } },
      context: { diagnostics: diagnostics.slice(0, 50), only: ['quickfix', 'source.fixAll.plan43'] },
    }),
    client.request('plan43/documentStatus', { uri: docUri }),
    // The preview beside the editor draws the page of whatever is typed.
    client.request('plan43/preview', { uri: docUri, full: true }),
  ]);
  assert.equal(answers.length, 9);
}

describe('robustness: hostile plans over LSP', function () {
  this.timeout(120_000);
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES], settings: { language: 'vi' } });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0, 'the server exits cleanly after every hostile input');
  });

  for (const c of HOSTILE_CASES) {
    it(`${c.name}: the core's findings, then every request answered`, async () => {
      const text = c.text();
      client.open(c.uri, text);
      const diagnostics = await client.pull(c.uri);
      assert.deepEqual(sortShapes(diagnostics.map(shapeOf)), sortShapes(coreShapes(c.uri, text)), `${c.name}: the server says what the core says`);
      const codes = new Set(diagnostics.map((d) => String(d.code)));
      for (const id of c.expects) assert.ok(codes.has(id), `${c.name}: ${id}`);
      await everyRequestAnswers(client, c.uri, diagnostics, text.split('\n').length);
      client.close(c.uri);
    });
  }

  it('after all of them the server still checks a real plan exactly', async () => {
    const { file, text } = fixture('seed-000-hau-giang.md');
    client.open(uri(file), text);
    assert.deepEqual(sortShapes((await client.pull(uri(file))).map(shapeOf)), sortShapes(coreShapes(uri(file), text)));
    client.close(uri(file));
  });

  it('an edit inside a 50 MB plan is applied, and the plan stays refused until it is small again', async () => {
    const docUri = 'file:///hostile/edited-huge.md';
    const small = plan('clean-state.md');
    const huge = `${small}\n${'Nội dung. '.repeat(5_500_000)}\n`;
    client.open(docUri, huge);
    assert.deepEqual((await client.pull(docUri)).map((d) => d.code), ['plan.too-large']);
    const end = client.document(docUri).positionAt(huge.length);
    const start = client.document(docUri).positionAt(small.length);
    client.notify('textDocument/didChange', {
      textDocument: { uri: docUri, version: 2 },
      contentChanges: [{ range: { start, end }, text: '' }],
    });
    await withTimeout(
      (async () => {
        for (;;) {
          const codes = (await client.pull(docUri)).map((d) => d.code);
          if (!codes.includes('plan.too-large')) return codes;
        }
      })(),
      30_000,
      'the shortened plan to be checked',
    );
    client.close(docUri);
  });
});

describe('robustness: broken messages over LSP', function () {
  this.timeout(60_000);
  let client: TestClient;
  beforeEach(async () => {
    client = await TestClient.start({});
  });
  afterEach(async () => {
    assert.equal(await client.shutdown(), 0);
  });

  /** Writes one JSON-RPC message with these exact body bytes. */
  function writeRaw(body: Buffer): void {
    client.process.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  it('invalid UTF-8 bytes inside a message become U+FFFD and are reported where they were', async () => {
    const text = plan('clean-state.md');
    const at = text.indexOf('đoàn kết');
    const head = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///raw/plan.md', languageId: 'markdown', version: 1, text: '@@' } } });
    const [before, after] = head.split('@@');
    const json = (s: string): Buffer => Buffer.from(JSON.stringify(s).slice(1, -1), 'utf8');
    writeRaw(Buffer.concat([Buffer.from(before, 'utf8'), json(text.slice(0, at)), Buffer.from([0xc3, 0x28, 0xff]), json(text.slice(at)), Buffer.from(after, 'utf8')]));
    const diagnostics = await client.pull('file:///raw/plan.md');
    const lookalike = diagnostics.filter((d) => d.code === 'text.lookalike');
    assert.ok(lookalike.length >= 1, JSON.stringify(diagnostics.map((d) => d.code)));
    const position = { line: text.slice(0, at).split('\n').length - 1, character: at - text.lastIndexOf('\n', at - 1) - 1 };
    assert.deepEqual(lookalike[0].range.start, position);
  });

  it('a message that is not JSON, unknown methods and nonsense parameters leave the server answering', async () => {
    writeRaw(Buffer.from('{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {', 'utf8'));
    writeRaw(Buffer.from([0xff, 0xfe, 0x00, 0x7b]));
    client.notify('textDocument/didChange', { textDocument: { uri: 'file:///never/opened.md', version: 3 }, contentChanges: [{ text: 'x' }] });
    client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///raw/no-text.md', languageId: 'markdown', version: 1 } });
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 1 }, { uri: 'file:///%E0%A4%A', type: 2 }] });
    client.notify('workspace/didChangeConfiguration', { settings: { plan43: { rules: 'all', registryFiles: [42, null, { a: 1 }], language: 7 } } });
    client.notify('plan43/unknownNotification', { any: 'thing' });
    await assert.rejects(client.request('plan43/unknownRequest', {}), /Unhandled method/);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///raw/x.md' }, position: { line: -5, character: -1 } }), null);
    // Positions beyond the end, in the middle of a surrogate pair, negative: clamped, never an error.
    const docUri = 'file:///raw/plan.md';
    client.open(docUri, `${plan('clean-state.md')}😀`);
    client.notify('textDocument/didChange', {
      textDocument: { uri: docUri, version: 2 },
      contentChanges: [{ range: { start: { line: 9999, character: 5 }, end: { line: 99999, character: 99 } }, text: '\nThêm 😀 dòng.' }],
    });
    client.notify('textDocument/didChange', {
      textDocument: { uri: docUri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 999 }, end: { line: 0, character: 2 } }, text: '' }],
    });
    const diagnostics = await client.pull(docUri);
    assert.ok(Array.isArray(diagnostics));
    const { file, text } = fixture('clean-party.md');
    client.open(uri(file), text);
    assert.deepEqual(await client.pull(uri(file)), [], 'a clean plan is still clean');
  });
});

describe('robustness: hostile files on disk over LSP (workspace diagnostics)', function () {
  this.timeout(120_000);
  let folder: ReturnType<typeof tempFolder>;
  let client: TestClient;
  before(async () => {
    folder = tempFolder('plan43-hostile-disk');
    const seed = plan('seed-003-kien-giang.md');
    fs.writeFileSync(path.join(folder.dir, 'utf16le.md'), encodeText(`\uFEFF${seed}`, 'utf16le'));
    fs.writeFileSync(path.join(folder.dir, 'utf16be.md'), encodeText(`\uFEFF${seed}`, 'utf16be'));
    const clean = plan('clean-state.md');
    const at = clean.indexOf('đoàn kết');
    fs.writeFileSync(path.join(folder.dir, 'invalid-utf8.md'), Buffer.concat([Buffer.from(clean.slice(0, at)), Buffer.from([0xe1, 0xba]), Buffer.from(clean.slice(at))]));
    fs.writeFileSync(path.join(folder.dir, 'binary.md'), randomBytes(100_000, 7));
    fs.writeFileSync(path.join(folder.dir, 'huge.md'), `${clean}\n${'x'.repeat(12 * 1024 * 1024)}\n`);
    fs.writeFileSync(path.join(folder.dir, 'lone-cr.md'), seed.replace(/\n/g, '\r'));
    client = await TestClient.start({ workspaceFolders: [folder.dir], settings: { language: 'vi' } });
  });
  after(async () => {
    await client.dispose();
    folder.remove();
  });

  it('decodes UTF-16, reports invalid UTF-8, refuses the huge file and skips binary bytes', async () => {
    const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { identifier: 'plan43', previousResultIds: [] }, 60_000);
    const byName = new Map(report.items.map((i) => [path.basename(i.uri), i as WorkspaceFullDocumentDiagnosticReport]));
    const seed = plan('seed-003-kien-giang.md');
    const expected = sortShapes(findingShapes(checkText('file:///p.md', `\uFEFF${seed}`, bundledKnowledge().kb, { lang: 'vi', today: localToday() }).findings, `\uFEFF${seed}`));
    for (const name of ['utf16le.md', 'utf16be.md']) {
      assert.deepEqual(sortShapes(byName.get(name)!.items.map(shapeOf)), expected, `${name} is read as the plan it is`);
    }
    assert.deepEqual(
      sortShapes(byName.get('lone-cr.md')!.items.map(shapeOf)),
      sortShapes(findingShapes(checkText('file:///p.md', seed, bundledKnowledge().kb, { lang: 'vi', today: localToday() }).findings, seed)),
      'lone CR line breaks give the same lines and columns',
    );
    assert.ok(byName.get('invalid-utf8.md')!.items.some((d) => d.code === 'text.lookalike'), 'the broken bytes are reported');
    assert.deepEqual(byName.get('huge.md')!.items.map((d) => d.code), ['plan.too-large']);
    assert.equal(byName.has('binary.md'), false, 'binary bytes are not a plan');
    assert.ok(Array.isArray(await client.request('textDocument/documentSymbol', { textDocument: { uri: uri(path.join(folder.dir, 'utf16le.md')) } })));
  });
});

describe('robustness: hostile data files over LSP', function () {
  this.timeout(120_000);
  let folder: ReturnType<typeof tempFolder>;
  let client: TestClient;
  const files: Record<string, string> = {
    'bomb.registry.yaml': aliasBomb('documents'),
    'cycle.registry.yaml': 'documents: &d\n  - symbol: 51-CTr/TU\n    related: *d\n',
    'empty.registry.yaml': '',
    'deep.registry.yaml': `documents: ${deepFlow(10000)}\n`,
    'malformed.names.yaml': 'changes:\n  - id: [x\n',
    'huge.names.yaml': `changes:\n${'  - id: x\n'.repeat(150_000)}`,
    'self.template.yaml': 'variants: &v\n  party: *v\n  state: *v\n',
  };
  before(async () => {
    folder = tempFolder('plan43-hostile-data');
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder.dir, name), text);
    fs.writeFileSync(path.join(folder.dir, 'plan.md'), plan('seed-001-lang-son.md'));
    client = await TestClient.start({
      workspaceFolders: [folder.dir],
      settings: {
        language: 'en',
        templateFile: 'self.template.yaml',
        registryFiles: Object.keys(files).filter((n) => n.includes('registry')),
        namesFiles: Object.keys(files).filter((n) => n.includes('names')),
      },
    });
  });
  after(async () => {
    assert.equal(await client.shutdown(), 0);
    folder.remove();
  });

  it('each broken file is reported on itself with its reason; the plan is checked with the bundled data', async () => {
    const planUri = uri(path.join(folder.dir, 'plan.md'));
    const text = plan('seed-001-lang-son.md');
    client.open(planUri, text);
    const diagnostics = await client.pull(planUri);
    assert.deepEqual(sortShapes(diagnostics.map(shapeOf)), sortShapes(coreShapes(planUri, text, { lang: 'en' })));
    const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { identifier: 'plan43', previousResultIds: [] });
    const reasons: Record<string, RegExp> = {
      'bomb.registry.yaml': /billion laughs/,
      'cycle.registry.yaml': /refers to itself/,
      'empty.registry.yaml': /empty/,
      'deep.registry.yaml': /nested too deeply/,
      'malformed.names.yaml': /YAML/,
      'huge.names.yaml': /over the limit/,
      'self.template.yaml': /refers to itself/,
    };
    for (const [name, reason] of Object.entries(reasons)) {
      const item = report.items.find((i) => i.uri.endsWith(`/${name}`)) as WorkspaceFullDocumentDiagnosticReport | undefined;
      assert.ok(item && item.items.some((d) => String(d.code).startsWith('data.') && reason.test(d.message)), `${name}: ${JSON.stringify(item?.items.map((d) => d.message))}`);
    }
    const completion = await client.request<unknown[] | { items: unknown[] }>('textDocument/completion', { textDocument: { uri: planUri }, position: { line: 40, character: 0 } });
    assert.ok(Array.isArray(completion) || Array.isArray(completion.items), 'the server still answers');
  });
});
