// An edited plan's metadata for the workspace index (PlanDocuments.head, WorkspacePlans.documentChanged): the model of its front matter, and the index's metadata and entry, are given again while the edits leave the front matter's text as it was, and after any series of edits, in the body and in the front matter, they are what a parse and an index from scratch give; a keystroke's check is posted before its result id's key is read.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { findFrontMatter } from '../../server/src/core/document/markdown';
import { parsePlanHead } from '../../server/src/core/document/parse';
import { PlanModel } from '../../server/src/core/model';
import { PlanDocuments } from '../../server/src/lsp/documents';
import { PieceDocument } from '../../server/src/lsp/piece-document';
import { EDITED_PIECE_CHARS } from '../../server/src/core/text/piece-text';
import { WorkspacePlans } from '../../server/src/lsp/workspace-plans';
import { DEFAULT_SETTINGS, effectiveSettings } from '../../server/src/lsp/settings';
import { citedSymbols, indexPlan } from '../../server/src/core/workspace/index-entry';
import { bundledKnowledge } from '../support/knowledge';
import { CheckRunner } from '../../server/src/node/check-runner';
import { PLAN_FIXTURES, PROVINCE_FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';

/** What an edit inserts: typing, line breaks, the front matter's own marks (a closing line, a key, a quote). */
const INSERTED = ['a', 'ư', ' ', '\n', '\n\n', '---\n', '\n---', 'date: ', ':', '"', '# ghi chú\n', ' khóa XIII', ''];

type Handler = (event: unknown) => void;

/** The document notifications of a connection, as TextDocuments listens to them, fired by the test. */
function documentEvents(docs: PlanDocuments): { fire(name: string, event: unknown): void } {
  const handlers = new Map<string, Handler>();
  const on = (name: string) => (handler: Handler) => {
    handlers.set(name, handler);
    return { dispose(): void {} };
  };
  const connection = {
    onDidOpenTextDocument: on('open'),
    onDidChangeTextDocument: on('change'),
    onDidCloseTextDocument: on('close'),
    onWillSaveTextDocument: on('willSave'),
    onWillSaveTextDocumentWaitUntil: on('willSaveWaitUntil'),
    onDidSaveTextDocument: on('save'),
  };
  docs.documents.listen(connection as unknown as Parameters<typeof docs.documents.listen>[0]);
  return { fire: (name, event) => handlers.get(name)!(event) };
}

/** Where a closed front matter ends, as the parser finds it; 0 without one. */
function frontMatterEnd(text: string): number {
  const fm = findFrontMatter(text);
  return fm && !fm.unclosed ? fm.end : 0;
}

describe('the head of an edited plan (PlanDocuments.head)', () => {
  let runner: CheckRunner;
  let docs: PlanDocuments;
  let events: { fire(name: string, event: unknown): void };
  beforeEach(() => {
    runner = new CheckRunner({ log: () => undefined });
    docs = new PlanDocuments(() => undefined, runner);
    events = documentEvents(docs);
  });
  afterEach(() => runner.dispose());

  for (const [seed, name] of [
    [61, 'seed-002-ha-tinh.md'],
    [62, 'seed-001-lang-son.md'],
  ] as const) {
    it(`${name}: after every edit, in the body or the front matter, the model is parsePlanHead's from scratch, the same object while the front matter's text is`, () => {
      const next = seededRandom(seed);
      const file = path.join(PLAN_FIXTURES, name);
      const uri = pathToFileURL(file).href;
      const text = fs.readFileSync(file, 'utf8');
      let ref = TextDocument.create(uri, 'markdown', 1, text);
      events.fire('open', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      let last: { plan: PlanModel; front: string } | undefined;
      let kept = 0;
      let made = 0;
      // A keystroke at the end (the model kept), then a letter of the issuer typed over by another:
      // a front matter of the same length, not the same text.
      const atEnd = { range: { start: ref.positionAt(text.length), end: ref.positionAt(text.length) }, text: 'a' };
      ref = TextDocument.update(ref, [atEnd], 2);
      events.fire('change', { textDocument: { uri, version: 2 }, contentChanges: [atEnd] });
      docs.head(docs.get(uri)!);
      for (const typed of ['X', 'Y']) {
        const current = ref.getText();
        const at = current.slice(0, frontMatterEnd(current)).indexOf('\nissuer: ');
        assert.ok(at > 0, `${name}: an issuer in the front matter`);
        const letter = at + '\nissuer: '.length + 2;
        const change: TextDocumentContentChangeEvent = { range: { start: ref.positionAt(letter), end: ref.positionAt(letter + 1) }, text: typed };
        ref = TextDocument.update(ref, [change], ref.version + 1);
        events.fire('change', { textDocument: { uri, version: ref.version }, contentChanges: [change] });
        assert.deepEqual(docs.head(docs.get(uri)!), parsePlanHead(uri, ref.getText(), 'markdown'), `${name}, the issuer typed over with ${typed}`);
      }
      for (let round = 0; round < 80; round++) {
        const current = ref.getText();
        const fmEnd = frontMatterEnd(current);
        // A fifth of the edits in the front matter or on its closing line, the rest in the body.
        const inFront = next() < 0.2 && fmEnd > 0;
        const start = inFront ? Math.floor(next() * fmEnd) : fmEnd + Math.floor(next() * (current.length - fmEnd + 1));
        const end = Math.min(current.length, start + (next() < 0.6 ? 0 : Math.floor(next() * 6)));
        const change: TextDocumentContentChangeEvent = { range: { start: ref.positionAt(start), end: ref.positionAt(end) }, text: INSERTED[Math.floor(next() * INSERTED.length)] };
        ref = TextDocument.update(ref, [change], ref.version + 1);
        events.fire('change', { textDocument: { uri, version: ref.version }, contentChanges: [change] });
        const doc = docs.get(uri)!;
        assert.equal(doc.getText(), ref.getText());
        const plan = docs.head(doc);
        const after = ref.getText();
        assert.deepEqual(plan, parsePlanHead(uri, after, 'markdown'), `${name}, round ${round + 1}`);
        const front = after.slice(0, frontMatterEnd(after));
        if (last !== undefined && front.length > 0 && last.front === front) {
          // The front matter's text as it was: the last model, not a model made again.
          assert.equal(plan, last.plan, `${name}, round ${round + 1}: the front matter did not change`);
          kept++;
        } else made++;
        last = { plan, front };
      }
      assert.ok(kept > 20 && made > 5, `${kept} models given again, ${made} made`);
      // Closed, then opened with another front matter: its model is the new text's.
      events.fire('close', { textDocument: { uri } });
      const other = text.replace('\n---\n', '\nnote: mở lại\n---\n');
      assert.notEqual(other, text);
      events.fire('open', { textDocument: { uri, languageId: 'markdown', version: 1, text: other } });
      ref = TextDocument.create(uri, 'markdown', 1, other);
      for (let round = 0; round < 3; round++) {
        const at = other.length - 10;
        const change: TextDocumentContentChangeEvent = { range: { start: ref.positionAt(at), end: ref.positionAt(at) }, text: 'a' };
        ref = TextDocument.update(ref, [change], ref.version + 1);
        events.fire('change', { textDocument: { uri, version: ref.version }, contentChanges: [change] });
        assert.deepEqual(docs.head(docs.get(uri)!), parsePlanHead(uri, ref.getText(), 'markdown'), `${name}, reopened, round ${round + 1}`);
      }
    });
  }

  /** The longest read from the start of the document while its head is made, and the head. */
  const headRead = (uri: string): { longest: number; plan: PlanModel } => {
    const doc = docs.get(uri)!;
    assert.ok(doc instanceof PieceDocument);
    let longest = 0;
    const slice = doc.slice.bind(doc);
    doc.slice = (start: number, end: number): string => {
      const read = slice(start, end);
      if (start === 0) longest = Math.max(longest, read.length);
      return read;
    };
    try {
      const plan = docs.head(doc);
      return { longest, plan };
    } finally {
      doc.slice = slice;
    }
  };

  it('reads a front matter that closes in the first piece from that piece alone, and a longer one from the longer head, each as parsePlanHead from scratch', () => {
    const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-002-ha-tinh.md'), 'utf8');
    const long = text.replace('\n---\n', `\n${'# ghi chú dài\n'.repeat(600)}---\n`);
    assert.ok(frontMatterEnd(long) > EDITED_PIECE_CHARS && frontMatterEnd(long) < 16_384);
    for (const [name, opened, most] of [
      ['a usual front matter', text, EDITED_PIECE_CHARS],
      ['a front matter past the first piece', long, 16_384],
    ] as const) {
      const uri = pathToFileURL(path.join(PLAN_FIXTURES, `head-${most}.md`)).href;
      let ref = TextDocument.create(uri, 'markdown', 1, opened);
      events.fire('open', { textDocument: { uri, languageId: 'markdown', version: 1, text: opened } });
      for (let i = 0; i < 3; i++) {
        const at = ref.getText().length - 100;
        const change: TextDocumentContentChangeEvent = { range: { start: ref.positionAt(at), end: ref.positionAt(at) }, text: 'a' };
        ref = TextDocument.update(ref, [change], ref.version + 1);
        events.fire('change', { textDocument: { uri, version: ref.version }, contentChanges: [change] });
        const { longest, plan } = headRead(uri);
        assert.ok(longest > 0 && longest <= most, `${name}: read ${longest} characters from the start`);
        assert.deepEqual(plan, parsePlanHead(uri, ref.getText(), 'markdown'), `${name}, keystroke ${i + 1}`);
      }
      events.fire('close', { textDocument: { uri } });
    }
  });
});

describe('an edited plan of the workspace in its index (WorkspacePlans.documentChanged with its symbols read later)', () => {
  let runner: CheckRunner;
  let docs: PlanDocuments;
  let events: { fire(name: string, event: unknown): void };
  let dir: string;
  beforeEach(() => {
    runner = new CheckRunner({ log: () => undefined });
    docs = new PlanDocuments(() => undefined, runner);
    events = documentEvents(docs);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-open-'));
  });
  afterEach(() => {
    runner.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives after every edit the entry, metadata and cited symbols of an index from scratch, the same entry and metadata while the front matter is the same, and its symbols read by the first reader', () => {
    const name = 'dang-uy-xa-chau-phong.md';
    const file = path.join(dir, name);
    // Its body three times: longer than the server's read of a head, so that its model of the front matter is kept while typing.
    const base = fs.readFileSync(path.join(PROVINCE_FIXTURES, name), 'utf8');
    const text = base + base.slice(frontMatterEnd(base)).repeat(2);
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const kb = bundledKnowledge().kb;
    const plans = new WorkspacePlans({
      folders: () => [dir],
      openDocument: (u) => docs.get(u),
      planOf: (doc) => docs.head(doc),
      editsSince: (u, from, to) => docs.edits.since(u, from, to),
      knowledge: () => kb,
      log: () => undefined,
      changed: () => undefined,
    });
    const next = seededRandom(63);
    // Typing, and a symbol of a plan cited or taken out, in the body and in the front matter.
    const inserted = ['a', ' ', '\n\n', ' số 08-KH/ĐU', ' Kế hoạch số 15-KH/UBND', 'ư', '2'];
    let ref = TextDocument.create(uri, 'markdown', 1, text);
    events.fire('open', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    plans.documentChanged(docs.get(uri)!);
    let last = plans.get(uri)!;
    let lastFront = '';
    let same = 0;
    let unread = 0;
    for (let round = 0; round < 60; round++) {
      const current = ref.getText();
      const fmEnd = frontMatterEnd(current);
      const start = next() < 0.15 ? Math.floor(next() * fmEnd) : fmEnd + Math.floor(next() * (current.length - fmEnd + 1));
      const end = Math.min(current.length, start + (next() < 0.7 ? 0 : Math.floor(next() * 12)));
      const change: TextDocumentContentChangeEvent = { range: { start: ref.positionAt(start), end: ref.positionAt(end) }, text: inserted[Math.floor(next() * inserted.length)] };
      ref = TextDocument.update(ref, [change], ref.version + 1);
      events.fire('change', { textDocument: { uri, version: ref.version }, contentChanges: [change] });
      const doc = docs.get(uri)!;
      plans.documentChanged(doc, true);
      // Some versions are never read before the next one's (a reader that never came): read from their own text.
      if (next() < 0.2) {
        unread++;
        continue;
      }
      const after = ref.getText();
      const indexed = plans.get(uri)!;
      const scratch = indexPlan(parsePlanHead(uri, after, 'markdown'), after, { uri, label: name }, kb)!;
      assert.deepEqual(indexed.cites, citedSymbols(after), `round ${round + 1}: the cited symbols`);
      assert.deepEqual(indexed.head, scratch.head, `round ${round + 1}: the metadata`);
      assert.deepEqual(indexed.entry, scratch.entry, `round ${round + 1}: the entry`);
      assert.deepEqual(plans.citesOfDocument(doc), indexed.cites);
      const front = after.slice(0, frontMatterEnd(after));
      if (front === lastFront) {
        // The front matter's text as it was: the last version's metadata and entry, not made again.
        assert.equal(indexed.head, last.head, `round ${round + 1}: the metadata given again`);
        assert.equal(indexed.entry, last.entry, `round ${round + 1}: the entry given again`);
        same++;
      }
      last = indexed;
      lastFront = front;
    }
    assert.ok(same > 20 && unread > 5, `${same} metadata given again, ${unread} versions not read`);
  });
});

describe("a keystroke's check posted before its result id's key is read (PlanDocuments.analyze)", () => {
  it('asks a new version for its generation once its check is posted, and an analysis of the same version for it first', async () => {
    const order: string[] = [];
    // A runner that takes the job and never answers: what matters is when the job is posted.
    const runner = { check: () => (order.push('posted'), new Promise(() => undefined)), forget: () => undefined } as unknown as CheckRunner;
    const docs = new PlanDocuments(() => undefined, runner);
    const events = documentEvents(docs);
    const uri = 'file:///ke-hoach.md';
    events.fire('open', { textDocument: { uri, languageId: 'markdown', version: 1, text: '# Kế hoạch\n' } });
    const settings = effectiveSettings(DEFAULT_SETTINGS, { configurationSupport: false, trusted: true, folders: () => [] }, uri);
    const kb = bundledKnowledge().kb;
    const generation = (): string => (order.push('generation'), '7.0');
    const first = docs.analyze(docs.get(uri)!, settings, kb, generation, '2026-12-07');
    assert.deepEqual(order, ['posted', 'generation'], 'a new version: its check first');
    order.length = 0;
    const again = docs.analyze(docs.get(uri)!, settings, kb, generation, '2026-12-07');
    assert.deepEqual(order, ['generation'], 'the same version under way: its key read to compare, nothing posted');
    assert.equal(again, first);
    order.length = 0;
    const change = { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'a' };
    events.fire('change', { textDocument: { uri, version: 2 }, contentChanges: [change] });
    const other = docs.analyze(docs.get(uri)!, settings, kb, () => (order.push('generation'), '7.1'), '2026-12-07');
    assert.deepEqual(order, ['posted', 'generation'], 'the next version: its check first');
    assert.notEqual(other, first);
  });
});
