// A plan being edited is reported from its last diagnostics and their JSON where its findings and lines did not change: after every pull, over a stream transport and over IPC, the report is what the findings of a check from scratch converted afresh give, key for key.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver/node';
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

/** A fixture plan opened in the server and edited there, as the client holds it. */
class Edited {
  readonly uri: string;
  doc: TextDocument;

  constructor(
    private readonly client: TestClient,
    name: string,
  ) {
    const { file, text } = fixture(name);
    this.uri = uri(file);
    const languageId = name.endsWith('.yaml') ? 'yaml' : 'markdown';
    this.doc = TextDocument.create(this.uri, languageId, 1, text);
    client.notify('textDocument/didOpen', { textDocument: { uri: this.uri, languageId, version: 1, text } });
  }

  /** Replaces [start, end) with `text`: one didChange of one range. */
  change(start: number, end: number, text: string): void {
    const change: TextDocumentContentChangeEvent = { range: { start: this.doc.positionAt(start), end: this.doc.positionAt(end) }, text };
    const version = this.doc.version + 1;
    this.doc = TextDocument.update(this.doc, [change], version);
    this.client.notify('textDocument/didChange', { textDocument: { uri: this.uri, version }, contentChanges: [change] });
  }

  /** The JSON of the findings of a check from scratch of the current text, converted afresh. */
  expected(): string {
    const current = this.doc.getText();
    const lines = new LineIndex(current);
    return JSON.stringify(coreFindings(this.uri, current).map((f): Diagnostic => toDiagnostic(f, lines, this.uri, help)));
  }
}

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
        const edited = new Edited(client, name);
        const docUri = edited.uri;
        assert.equal(JSON.stringify(await client.pull(docUri)), edited.expected());
        for (let round = 0; round < 30; round++) {
          // One or two notifications before the pull (a version the server may give up), each one edit:
          // typed, a line break, a paste of lines, a cut, often where the last one was.
          const notifications = next() < 0.8 ? 1 : 2;
          for (let n = 0; n < notifications; n++) {
            const current = edited.doc.getText();
            const start = Math.floor(next() * (current.length + 1));
            const end = Math.min(current.length, start + (next() < 0.7 ? 0 : Math.floor(next() * 60)));
            edited.change(start, end, TYPED[Math.floor(next() * TYPED.length)]);
          }
          assert.equal(JSON.stringify(await client.pull(docUri)), edited.expected(), `${name}, round ${round + 1}`);
          // The same version asked for again: its report encoded again, from its own JSON.
          if (next() < 0.25) assert.equal(JSON.stringify(await client.pull(docUri)), edited.expected(), `${name}, round ${round + 1}, asked again`);
        }
      } finally {
        await client.dispose();
      }
    });
  }

  for (const [seed, name, transport] of [
    [51, 'seed-002-ha-tinh.md', 'stdio'],
    [52, 'seed-003-kien-giang.yaml', 'node-ipc'],
  ] as const) {
    it(`${name} over ${transport}, pulled as VS Code pulls: "unchanged" only when the diagnostics the client holds are the plan's`, async () => {
      const client = await TestClient.start({ transport });
      try {
        const next = seededRandom(seed);
        const edited = new Edited(client, name);
        const docUri = edited.uri;
        // What the client holds, and the result ids it was given (the last one first).
        let held: Diagnostic[] = [];
        const ids: string[] = [];
        const pull = async (previousResultId: string | undefined): Promise<DocumentDiagnosticReport> => {
          const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: docUri }, identifier: 'plan43', ...(previousResultId === undefined ? {} : { previousResultId }) });
          if (report.kind === 'full') held = report.items;
          if (report.resultId !== undefined) ids.unshift(report.resultId);
          return report;
        };
        await pull(undefined);
        assert.equal(JSON.stringify(held), edited.expected());
        let typedAt = Math.floor(edited.doc.getText().length / 2);
        let unchanged = 0;
        let full = 0;
        for (let round = 0; round < 60; round++) {
          const current = edited.doc.getText();
          // Mostly a letter typed where the last one was (a keystroke that seldom changes a
          // diagnostic), now and then an edit anywhere.
          if (next() < 0.7) {
            typedAt = Math.min(typedAt, current.length);
            edited.change(typedAt, typedAt, next() < 0.8 ? 'a' : ' ');
            typedAt += 1;
          } else {
            const start = Math.floor(next() * (current.length + 1));
            const end = Math.min(current.length, start + (next() < 0.7 ? 0 : Math.floor(next() * 60)));
            const typed = TYPED[Math.floor(next() * TYPED.length)];
            edited.change(start, end, typed);
            typedAt = start + typed.length;
          }
          // Now and then the client names a report older than the last (its pull of the last was
          // given up): the server cannot know what it holds, and answers in full.
          const stale = ids.length > 1 && next() < 0.15;
          const report = await pull(stale ? ids[1] : ids[0]);
          if (stale) assert.equal(report.kind, 'full', `${name}, round ${round + 1}: a stale result id answered in full`);
          if (report.kind === 'unchanged') unchanged++;
          else full++;
          assert.equal(JSON.stringify(held), edited.expected(), `${name}, round ${round + 1} (${report.kind})`);
          // The same version asked for by a client holding nothing: in full, encoded from the JSON kept.
          if (next() < 0.25) assert.equal(JSON.stringify(await client.pull(docUri)), edited.expected(), `${name}, round ${round + 1}, asked again in full`);
        }
        assert.ok(unchanged >= 10, `keystrokes answered "unchanged": ${unchanged}`);
        assert.ok(full >= 10, `keystrokes answered in full: ${full}`);
      } finally {
        await client.dispose();
      }
    });
  }
});
