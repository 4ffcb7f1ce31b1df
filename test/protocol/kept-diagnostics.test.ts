// A plan being edited is reported from its last diagnostics and their JSON where its findings and lines did not change: after every pull, over a stream transport and over IPC, the report is what the findings of a check from scratch converted afresh give, key for key.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/core/text/line-index';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { pathToUri } from '../../server/src/lsp/uris';
import { REPO_ROOT } from '../support/paths';
import { seededRandom } from '../support/random';
import { TestClient, uri } from './client';
import { coreFindings, fixture } from './helpers';

const TYPED = ['a', 'ư', ' ', '\n', '\n\n', 'huyện', ' khóa XIII', '\n## ', ' Nghị quyết số 43-NQ/TW', '\u0301', '\n- Đoạn dán\n- và một dòng nữa\n', ''];

/** The help link the server gives a rule (its documentation page in the extension's folder). */
const help = (id: string): string => pathToUri(path.join(REPO_ROOT, 'docs', 'rules', `${id}.md`));

describe('protocol: diagnostics of a plan being edited made from the last report', function () {
  // Dozens of checks of a plan through the server: slow on a busy machine, whatever the code does.
  this.timeout(300_000);

  for (const [seed, name, transport] of [
    [41, 'seed-002-ha-tinh.md', 'stdio'],
    [42, 'seed-003-kien-giang.yaml', 'stdio'],
    [43, 'seed-002-ha-tinh.md', 'node-ipc'],
  ] as const) {
    it(`${name} over ${transport}: every report is the findings of a check from scratch converted afresh`, async () => {
      const client = await TestClient.start({ transport });
      try {
        const next = seededRandom(seed);
        const { file, text } = fixture(name);
        const docUri = uri(file);
        const languageId = name.endsWith('.yaml') ? 'yaml' : 'markdown';
        let doc = TextDocument.create(docUri, languageId, 1, text);
        client.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId, version: 1, text } });
        const expected = (): string => {
          const current = doc.getText();
          const lines = new LineIndex(current);
          return JSON.stringify(coreFindings(docUri, current).map((f): Diagnostic => toDiagnostic(f, lines, docUri, help)));
        };
        assert.equal(JSON.stringify(await client.pull(docUri)), expected());
        for (let round = 0; round < 30; round++) {
          // One or two notifications before the pull (a version the server may give up), each one edit:
          // typed, a line break, a paste of lines, a cut, often where the last one was.
          const notifications = next() < 0.8 ? 1 : 2;
          for (let n = 0; n < notifications; n++) {
            const current = doc.getText();
            const start = Math.floor(next() * (current.length + 1));
            const end = Math.min(current.length, start + (next() < 0.7 ? 0 : Math.floor(next() * 60)));
            const change: TextDocumentContentChangeEvent = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: TYPED[Math.floor(next() * TYPED.length)] };
            const version = doc.version + 1;
            doc = TextDocument.update(doc, [change], version);
            client.notify('textDocument/didChange', { textDocument: { uri: docUri, version }, contentChanges: [change] });
          }
          assert.equal(JSON.stringify(await client.pull(docUri)), expected(), `${name}, round ${round + 1}`);
          // The same version asked for again: its report encoded again, from its own JSON.
          if (next() < 0.25) assert.equal(JSON.stringify(await client.pull(docUri)), expected(), `${name}, round ${round + 1}, asked again`);
        }
      } finally {
        await client.dispose();
      }
    });
  }
});
