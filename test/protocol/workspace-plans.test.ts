// The plans of a workspace over LSP: checked as a set, definition, references, hover and links across files, the Plans list and the review report, the index following edits and files.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DocumentDiagnosticReport,
  DocumentLink,
  FileChangeType,
  Hover,
  Location,
  MarkupContent,
  WorkspaceDiagnosticReport,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/core/text/line-index';
import {
  PLAN_FILES_GLOB,
  REVIEW_REPORT_REQUEST,
  ReviewReportResult,
  WORKSPACE_PLANS_CHANGED_NOTIFICATION,
  WORKSPACE_PLANS_REQUEST,
  WorkspacePlansResult,
} from '../../server/src/lsp/protocol';
import { PROVINCE_FIXTURES, SCHEMAS } from '../support/paths';
import { DEFAULT_TIMEOUT, TestClient, uri, withTimeout } from './client';
import { lineOf, tempFolder } from './helpers';

const PROGRAMME = 'tinh-uy-chuong-trinh.md';

/** A position in a file's text: the line matching `line` and the column of `at` in it (plus `shift`). */
function at(text: string, line: RegExp, find: string, shift = 2): { line: number; character: number } {
  const l = lineOf(text, line);
  const character = text.split('\n')[l].indexOf(find);
  assert.ok(character >= 0, `"${find}" on the line ${line}`);
  return { line: l, character: character + shift };
}

describe('protocol: the plans of a workspace', () => {
  let folder: { dir: string; remove(): void };
  let client: TestClient;
  let changes = 0;
  let waiting: Array<() => void> = [];
  /** The next plan43/workspacePlansChanged notification (bounded: a test fails, it never hangs). */
  const nextChange = (): Promise<void> => withTimeout(new Promise<void>((resolve) => waiting.push(resolve)), DEFAULT_TIMEOUT, WORKSPACE_PLANS_CHANGED_NOTIFICATION);
  const file = (name: string): string => path.join(folder.dir, name);
  const text = (name: string): string => fs.readFileSync(file(name), 'utf8');
  const plans = (): Promise<WorkspacePlansResult> => client.request<WorkspacePlansResult>(WORKSPACE_PLANS_REQUEST, {});

  before(async () => {
    // A copy: the tests create, change and delete plan files.
    folder = tempFolder('plan43-province');
    for (const name of fs.readdirSync(PROVINCE_FIXTURES)) fs.copyFileSync(path.join(PROVINCE_FIXTURES, name), file(name));
    client = await TestClient.start({ workspaceFolders: [folder.dir], settings: { language: 'vi' }, initializationOptions: { workspacePlansChanged: true } });
    client.connection.onNotification(WORKSPACE_PLANS_CHANGED_NOTIFICATION, () => {
      changes++;
      const resolvers = waiting;
      waiting = [];
      for (const r of resolvers) r();
    });
  });
  after(async () => {
    await client.dispose();
    folder.remove();
  });

  it('watches the plan files and lists every plan of the folders, by level, with the parent it implements', async () => {
    const result = await plans();
    const watcher = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watcher?.registerOptions, { watchers: [{ globPattern: PLAN_FILES_GLOB }] });
    assert.equal(result.scanning, false);
    assert.equal(result.plans.length, 9);
    const programme = result.plans.find((p) => p.label === PROGRAMME)!;
    assert.equal(programme.symbol, '12-CTr/TU');
    assert.equal(programme.level, 'province');
    assert.equal(programme.variant, 'party');
    assert.equal(programme.isoDate, '2025-09-15');
    assert.equal(programme.blocking, null, 'no count before a submission check');
    const commune = result.plans.find((p) => p.label === 'ubnd-xa-my-hoa-hung.md')!;
    assert.equal(commune.level, 'commune');
    assert.deepEqual(commune.parent, { symbol: '08-KH/ĐU', uri: uri(file('dang-uy-xa-my-hoa-hung.md')), status: null });
    const draft = result.plans.find((p) => p.label === 'ubnd-phuong-rach-gia-du-thao.md')!;
    assert.equal(draft.symbol, null);
  });

  it('workspace diagnostics: the plans are checked against one another', async () => {
    const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { identifier: 'plan43', previousResultIds: [] });
    const codes = (name: string): string[] => {
      const item = report.items.find((i) => i.uri === uri(file(name)));
      return item && item.kind === 'full' ? item.items.map((d) => String(d.code)) : [];
    };
    assert.deepEqual(codes('dang-uy-xa-chau-phong.md'), ['citation.date-mismatch']);
    assert.deepEqual(codes('ubnd-xa-chau-phong.md'), ['citation.issuer-mismatch']);
    assert.deepEqual(codes('dang-uy-xa-vinh-hau.md'), ['form.duplicate-number']);
    assert.deepEqual(codes('dang-uy-xa-my-hoa-hung.md'), []);
  });

  it('go to definition: a citation of a plan of the folder opens it at its number; a central document, its registry entry', async () => {
    const name = 'dang-uy-xa-chau-phong.md';
    const docUri = uri(file(name));
    client.open(docUri, text(name));
    const target = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: docUri }, position: at(text(name), /^Thực hiện Nghị quyết/, '12-CTr/TU') });
    const programme = text(PROGRAMME);
    const numberLine = lineOf(programme, /^number:/);
    assert.deepEqual(target, [
      { uri: uri(file(PROGRAMME)), range: { start: { line: numberLine, character: 12 }, end: { line: numberLine, character: 21 } } },
    ]);
    const central = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: docUri }, position: at(text(name), /^Thực hiện Nghị quyết/, '43-NQ/TW') });
    assert.equal(central.length, 1);
    assert.equal(central[0].uri, uri(path.join(SCHEMAS, 'registry.yaml')));
    const registry = fs.readFileSync(path.join(SCHEMAS, 'registry.yaml'), 'utf8').split('\n');
    assert.match(registry[central[0].range.start.line], /- symbol: 43-NQ\/TW/u);
    // Not on a citation: nothing.
    assert.deepEqual(await client.request<Location[]>('textDocument/definition', { textDocument: { uri: docUri }, position: { line: 0, character: 0 } }), []);
  });

  it('hover on a citation of a plan of the folder: its file, subject and date, and what the citation says differently', async () => {
    const name = 'dang-uy-xa-chau-phong.md';
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uri(file(name)) }, position: at(text(name), /^Thực hiện Nghị quyết/, '12-CTr/TU') });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /kế hoạch trong thư mục làm việc: tinh-uy-chuong-trinh\.md/u);
    assert.match(value, /Trích yếu: thực hiện Nghị quyết số 43-NQ\/TW/u);
    assert.match(value, /Ngày ban hành: 15\/09\/2025/u);
    assert.match(value, /ghi 15\/8\/2025, đúng là 15\/09\/2025/u);
  });

  it('document links: each citation of a plan of the folder links to it, at its number', async () => {
    const name = 'ubnd-xa-my-hoa-hung.md';
    const docUri = uri(file(name));
    client.open(docUri, text(name));
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: docUri } });
    const lines = new LineIndex(text(name));
    const linked = links.map((l) => `${text(name).slice(lines.offsetAt(l.range.start), lines.offsetAt(l.range.end))} → ${path.basename(l.target!.split('#')[0])}#${l.target!.split('#')[1]}`);
    for (const expected of ['12-CTr/TU → tinh-uy-chuong-trinh.md#L8', '215/KH-UBND → ubnd-tinh-ke-hoach.md#L8', '08-KH/ĐU → dang-uy-xa-my-hoa-hung.md#L8']) {
      assert.ok(linked.includes(expected), `${expected} in ${linked.join(', ')}`);
    }
    // The plan of its own the folder does not hold, and the central documents: no link.
    assert.ok(!linked.some((l) => l.startsWith('31/KH-UBND') || l.startsWith('43-NQ/TW')), linked.join(', '));
    assert.ok(links.every((l) => l.tooltip && /Mở kế hoạch/u.test(l.tooltip)));
  });

  it('find all references on a plan\'s number: every citation of it in the other plans, open or not', async () => {
    const docUri = uri(file(PROGRAMME));
    client.open(docUri, text(PROGRAMME));
    const position = at(text(PROGRAMME), /^number:/, '12-CTr/TU');
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: docUri }, position, context: { includeDeclaration: false } });
    const citing = new Set(refs.map((r) => path.basename(new URL(r.uri).pathname)));
    // Every plan of the folder but the programme itself cites it (the commune People's Committees through their Party committees' plans too).
    assert.deepEqual(
      [...citing].sort(),
      fs.readdirSync(folder.dir).filter((f) => f.endsWith('.md') && f !== PROGRAMME && f !== 'README.md').sort(),
    );
    // The citation with the wrong date is a citation of the programme all the same.
    const wrong = text('dang-uy-xa-chau-phong.md');
    assert.ok(refs.some((r) => r.uri.endsWith('dang-uy-xa-chau-phong.md') && r.range.start.line === lineOf(wrong, /^Thực hiện Nghị quyết/)));
    const withDeclaration = await client.request<Location[]>('textDocument/references', { textDocument: { uri: docUri }, position, context: { includeDeclaration: true } });
    assert.equal(withDeclaration.length, refs.length + 1);
    // From a citation: the same references.
    const fromCitation = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri(file('ubnd-xa-my-hoa-hung.md')) },
      position: at(text('ubnd-xa-my-hoa-hung.md'), /^Thực hiện Nghị quyết/, '12-CTr/TU'),
      context: { includeDeclaration: false },
    });
    assert.equal(fromCitation.length, refs.length);
  });

  it('the review report: every plan checked for submission in one page, links running the client\'s command; the list gets the counts', async () => {
    const before = changes;
    const changed = nextChange();
    const review = await client.request<ReviewReportResult>(REVIEW_REPORT_REQUEST, { openCommand: 'plan43.openPlanAt' });
    assert.equal(review.plans, 9);
    assert.equal(review.blocked, 3);
    assert.match(review.html, /<html lang="vi">/u);
    const link = `command:plan43.openPlanAt?${encodeURIComponent(JSON.stringify([uri(file('dang-uy-xa-chau-phong.md')), 26]))}`;
    assert.ok(review.html.includes(`href="${link}"`), 'a link to the wrong date, through the command');
    const files = await client.request<ReviewReportResult>(REVIEW_REPORT_REQUEST, {});
    assert.ok(files.html.includes(`href="${uri(file('dang-uy-xa-chau-phong.md'))}#L26"`));
    await changed;
    const result = await plans();
    const chauPhong = result.plans.find((p) => p.label === 'dang-uy-xa-chau-phong.md')!;
    assert.equal(chauPhong.blocking, 1);
    assert.deepEqual(chauPhong.parent, { symbol: '12-CTr/TU', uri: uri(file(PROGRAMME)), status: 'mismatch' });
    assert.equal(result.plans.find((p) => p.label === PROGRAMME)!.blocking, 0);
    assert.ok(changes > before, 'the client was told the list changed');
  });

  it('a cited plan edited in the editor: the plans citing it are checked again, the others keep their result', async () => {
    const communeParty = 'dang-uy-xa-my-hoa-hung.md';
    const communeState = 'ubnd-xa-my-hoa-hung.md';
    const unrelated = 'dang-uy-xa-chau-phong.md';
    client.open(uri(file(communeParty)), text(communeParty));
    const first = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: uri(file(unrelated)) } });
    assert.equal(first.kind, 'full');
    assert.deepEqual(await client.pull(uri(file(communeState))), []);
    // The commune Party committee's plan now says it was issued on the 21st.
    const refreshed = client.waitFor('workspace/diagnostic/refresh');
    client.replace(uri(file(communeParty)), text(communeParty).replace('ngày 20 tháng 10 năm 2025', 'ngày 21 tháng 10 năm 2025'));
    await client.pull(uri(file(communeParty)));
    await refreshed;
    const dependent = await client.pull(uri(file(communeState)));
    assert.deepEqual(
      dependent.map((d) => String(d.code)),
      ['citation.date-mismatch', 'citation.date-mismatch'],
      'the subject and the preamble cite the plan as of the 20th',
    );
    const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri: uri(file(unrelated)) },
      previousResultId: first.kind === 'full' ? first.resultId : undefined,
    });
    assert.equal(again.kind, 'unchanged', 'a plan that does not cite it keeps its result');
    // Closed without saving: the file on disk counts again.
    const restored = client.waitFor('workspace/diagnostic/refresh');
    client.close(uri(file(communeParty)));
    await restored;
    assert.deepEqual(await client.pull(uri(file(communeState))), []);
  });

  it('a plan outside the folders keeps its result when a plan of the workspace it cites is edited: it is checked with the data alone', async () => {
    const communeParty = 'dang-uy-xa-my-hoa-hung.md';
    const communeState = 'ubnd-xa-my-hoa-hung.md';
    const outside = tempFolder('plan43-outside');
    try {
      // The commune's plan, which cites the commune Party committee's, opened from a folder of its own.
      const outsideUri = uri(path.join(outside.dir, communeState));
      fs.writeFileSync(path.join(outside.dir, communeState), text(communeState));
      client.open(outsideUri, text(communeState));
      const first = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: outsideUri } });
      assert.equal(first.kind, 'full');
      client.open(uri(file(communeParty)), text(communeParty));
      const refreshed = client.waitFor('workspace/diagnostic/refresh');
      client.replace(uri(file(communeParty)), text(communeParty).replace('ngày 20 tháng 10 năm 2025', 'ngày 21 tháng 10 năm 2025'));
      await client.pull(uri(file(communeParty)));
      await refreshed;
      // In the folder, the same plan now cites it with a wrong date; outside, nothing of the workspace counts.
      assert.deepEqual(
        (await client.pull(uri(file(communeState)))).map((d) => String(d.code)),
        ['citation.date-mismatch', 'citation.date-mismatch'],
      );
      const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
        textDocument: { uri: outsideUri },
        previousResultId: first.kind === 'full' ? first.resultId : undefined,
      });
      assert.equal(again.kind, 'unchanged', 'its result id does not follow the workspace plans it cites');
      assert.deepEqual(await client.pull(outsideUri), first.kind === 'full' ? first.items : undefined, 'and its diagnostics are the same');
      const restored = client.waitFor('workspace/diagnostic/refresh');
      client.close(uri(file(communeParty)));
      await restored;
      client.close(outsideUri);
    } finally {
      outside.remove();
    }
  });

  it('a plan typed into: the symbols it cites follow each ranged change, added and removed', async () => {
    const cited = 'dang-uy-xa-my-hoa-hung.md';
    const citing = 'dang-uy-xa-chau-phong.md';
    const citedUri = uri(file(cited));
    const citingUri = uri(file(citing));
    // Typed as an editor sends keystrokes: ranged changes (the client's edit() sends the whole text).
    let doc = TextDocument.create(citingUri, 'markdown', 1, text(citing));
    client.notify('textDocument/didOpen', { textDocument: { uri: citingUri, languageId: 'markdown', version: 1, text: doc.getText() } });
    const type = (start: number, end: number, inserted: string): Promise<DocumentDiagnosticReport> => {
      const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: inserted };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      client.notify('textDocument/didChange', { textDocument: { uri: citingUri, version: doc.version }, contentChanges: [change] });
      return client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: citingUri } });
    };
    // The plan cites another one with a wrong date already (see the workspace diagnostics above).
    const mismatches = (r: DocumentDiagnosticReport | undefined): number => (r?.kind === 'full' ? r.items.filter((d) => d.code === 'citation.date-mismatch').length : -1);
    // The end of a paragraph in the middle of the tasks, far from the front matter.
    const heading = doc.getText().indexOf('\n### 3. ');
    let offset = doc.getText().indexOf('\n', heading + 5);
    offset = doc.getText().indexOf('\n', offset + 2);
    assert.ok(heading > 0 && offset > heading);
    // A few keystrokes first (the index keeps what each piece cited from the second version on).
    for (const piece of [' Đồng', ' thời,']) {
      await type(offset, offset, piece);
      offset += piece.length;
    }
    const sentence = [' thực hiện Kế hoạch số 08-', 'KH/ĐU ngày 20/10/2025', ' của Đảng ủy xã Mỹ Hòa Hưng.'];
    const from = offset;
    let report: DocumentDiagnosticReport | undefined;
    for (const piece of sentence) {
      report = await type(offset, offset, piece);
      offset += piece.length;
    }
    assert.equal(mismatches(report), 1);
    // The cited plan now says the 21st: the plan that cites it since it was typed is checked again.
    client.open(citedUri, text(cited));
    let refreshed = client.waitFor('workspace/diagnostic/refresh');
    client.replace(citedUri, text(cited).replace('ngày 20 tháng 10 năm 2025', 'ngày 21 tháng 10 năm 2025'));
    await client.pull(citedUri);
    await refreshed;
    const after = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri: citingUri },
      previousResultId: report?.kind === 'full' ? report.resultId : undefined,
    });
    assert.equal(after.kind, 'full', 'the typed citation counts for the index');
    assert.equal(mismatches(after), 2, 'the typed citation is checked against the plan as edited');
    // The sentence deleted by one ranged change: the plan no longer depends on the cited one.
    const removed = await type(from, offset, '');
    assert.equal(mismatches(removed), 1);
    refreshed = client.waitFor('workspace/diagnostic/refresh');
    client.replace(citedUri, text(cited));
    await client.pull(citedUri);
    await refreshed;
    const unchanged = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri: citingUri },
      previousResultId: removed.kind === 'full' ? removed.resultId : undefined,
    });
    assert.equal(unchanged.kind, 'unchanged', 'a plan that no longer cites it keeps its result');
    client.close(citedUri);
    client.close(citingUri);
  });

  it('files created and deleted on disk: the list and the checks follow', async () => {
    const name = 'dang-uy-phuong-rach-gia.md';
    const plan = text('dang-uy-xa-my-hoa-hung.md')
      .replace(/Mỹ Hòa Hưng/g, 'Rạch Giá')
      .replace('Đảng ủy xã Rạch Giá', 'Đảng ủy phường Rạch Giá')
      .replace('Số 08-KH/ĐU', 'Số 15-KH/ĐU')
      .replace('ngày 20 tháng 10 năm 2025', 'ngày 22 tháng 10 năm 2025');
    fs.writeFileSync(file(name), plan);
    let listed = nextChange();
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file(name)), type: FileChangeType.Created }] });
    await listed;
    const added = (await plans()).plans.find((p) => p.label === name);
    assert.equal(added?.symbol, '15-KH/ĐU');
    // The ward's draft cites the ward Party committee's plan (15-KH/ĐU, 22/10/2025), now in the folder: still right.
    const draft = 'ubnd-phuong-rach-gia-du-thao.md';
    client.open(uri(file(name)), plan);
    const draftRefs = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri(file(name)) },
      position: at(plan, /^number:/, '15-KH/ĐU'),
      context: { includeDeclaration: false },
    });
    assert.ok(draftRefs.some((r) => r.uri === uri(file(draft))));
    client.close(uri(file(name)));
    fs.rmSync(file(name));
    listed = nextChange();
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file(name)), type: FileChangeType.Deleted }] });
    await listed;
    assert.equal((await plans()).plans.find((p) => p.label === name), undefined);
  });
});
