// Edits sent as ranges reach the check worker as edits of the version it holds; after any series of them (several changes per notification, whole texts between, versions pulled or skipped) the diagnostics are those of a check from scratch.

import assert from 'node:assert/strict';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { TestClient, uri } from './client';
import { coreShapes, fixture, shapeOf, sortShapes } from './helpers';
import { seededRandom } from '../support/random';

const TYPED = ['a', 'ư', ' ', '  ', '\n', '\n\n', 'Ƣ', '\u2011', '"', 'huyện', ' khóa XIII', '\n## ', '<!--', ' Nghị quyết số 43-NQ/TW', '\u0301'];

describe('protocol: edits as ranges', function () {
  // Dozens of checks of a plan through the server: slow on a busy machine, whatever the code does.
  this.timeout(300_000);
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({});
  });
  after(async () => {
    await client.dispose();
  });

  for (const [seed, name] of [
    [1, 'seed-002-ha-tinh.md'],
    [2, 'clean-party.md'],
    [3, 'clean-state.yaml'],
  ] as const) {
    it(`${name}: the diagnostics after every series of edits are those of a check from scratch`, async () => {
      const next = seededRandom(seed);
      const { file, text } = fixture(name);
      const docUri = uri(file);
      const languageId = name.endsWith('.yaml') ? 'yaml' : 'markdown';
      let doc = TextDocument.create(docUri, languageId, 1, text);
      client.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId, version: 1, text } });
      assert.deepEqual(sortShapes((await client.pull(docUri)).map(shapeOf)), sortShapes(coreShapes(docUri, text)));
      for (let round = 0; round < 12; round++) {
        // One to three notifications before the pull (versions the server may give up), each with
        // one to three changes, every range in the text the changes before it made.
        const notifications = 1 + Math.floor(next() * 3);
        for (let n = 0; n < notifications; n++) {
          const changes: TextDocumentContentChangeEvent[] = [];
          const count = 1 + Math.floor(next() * 3);
          for (let c = 0; c < count; c++) {
            let change: TextDocumentContentChangeEvent;
            const current = doc.getText();
            if (next() < 0.05) {
              change = { text: current.replace('a', 'ă') };
            } else {
              const start = Math.floor(next() * (current.length + 1));
              const end = Math.min(current.length, start + (next() < 0.6 ? 0 : Math.floor(next() * 8)));
              change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: TYPED[Math.floor(next() * TYPED.length)] };
            }
            changes.push(change);
            doc = TextDocument.update(doc, [change], doc.version);
          }
          const version = doc.version + 1;
          doc = TextDocument.create(docUri, languageId, version, doc.getText());
          client.notify('textDocument/didChange', { textDocument: { uri: docUri, version }, contentChanges: changes });
        }
        const served = sortShapes((await client.pull(docUri)).map(shapeOf));
        assert.deepEqual(served, sortShapes(coreShapes(docUri, doc.getText())), `${name}, round ${round + 1}`);
      }
      client.notify('textDocument/didClose', { textDocument: { uri: docUri } });
    });
  }
});
