// Hover on citations and headings, document symbols and folding ranges over LSP.

import assert from 'node:assert/strict';
import { DocumentSymbol, FoldingRange, Hover, MarkupContent } from 'vscode-languageserver/node';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { TestClient, uri } from './client';
import { fixture, lineOf, planFixtures } from './helpers';

const valueOf = (h: Hover | null): string => (h ? (h.contents as MarkupContent).value : '');

describe('protocol: hover, symbols, folding', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES] });
  });
  after(async () => {
    await client.dispose();
  });

  async function hoverAt(docUri: string, line: number, character: number): Promise<Hover | null> {
    return client.request<Hover | null>('textDocument/hover', { textDocument: { uri: docUri }, position: { line, character } });
  }

  it('on a citation: the registry entry and what the text says differently', async () => {
    const { file, text } = fixture('seed-003-kien-giang.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const line = lineOf(text, /^Thực hiện Chương trình hành động số 51-CTr\/TU/);
    const character = text.split('\n')[line].indexOf('43-NQ/TW') + 3;
    const hover = await hoverAt(docUri, line, character);
    const value = valueOf(hover);
    assert.match(value, /43-NQ\/TW/);
    for (const fact of ['Nghị quyết', '24/11/2023', 'Ban Chấp hành Trung ương Đảng', 'XIII', 'đại đoàn kết toàn dân tộc']) {
      assert.ok(value.includes(fact), `hover shows ${fact}`);
    }
    // Seed 003 writes "khóa XVII": the hover says so next to the right term.
    assert.match(value, /XVII.*XIII/);
    assert.ok(hover!.range && hover!.range.start.line === line);
    assert.ok(hover!.range.start.character <= character && hover!.range.end.character >= character);
  });

  it('on a local citation the registry does not know: how to add it', async () => {
    const { file, text } = fixture('seed-003-kien-giang.md');
    const docUri = uri(file);
    const line = lineOf(text, /^Thực hiện Chương trình hành động số 51-CTr\/TU/);
    const value = valueOf(await hoverAt(docUri, line, text.split('\n')[line].indexOf('51-CTr') + 2));
    assert.match(value, /51-CTr\/TU/);
    assert.match(value, /registryFiles/);
  });

  it('on a section heading: what the template expects of the section', async () => {
    const { file, text } = fixture('seed-003-kien-giang.md');
    const docUri = uri(file);
    const purpose = valueOf(await hoverAt(docUri, lineOf(text, /^## I\. /), 6));
    assert.match(purpose, /MỤC ĐÍCH, YÊU CẦU/);
    assert.match(purpose, /bắt buộc/);
    assert.match(purpose, /✓ Mục đích/);
    assert.match(purpose, /✓ Yêu cầu/);
    const tasks = valueOf(await hoverAt(docUri, lineOf(text, /^## II\. /), 6));
    // The seven groups of the Resolution, each ticked when the plan covers it.
    assert.equal((tasks.match(/^- [✓✗] \d\. /gm) ?? []).length, 7);
    assert.match(tasks, /^- ✓ 5\. Phát huy dân chủ/m);
    const implementation = valueOf(await hoverAt(docUri, lineOf(text, /^## III\. /), 6));
    assert.match(implementation, /phải là phần cuối cùng/);
    assert.match(implementation, /Đề nghị Mặt trận Tổ quốc/);
  });

  it('on a task group heading: the group of the Resolution it covers; on plain text: nothing', async () => {
    const { file, text } = fixture('seed-003-kien-giang.md');
    const docUri = uri(file);
    const group = valueOf(await hoverAt(docUri, lineOf(text, /^### 7\. Phát huy dân chủ/), 8));
    assert.match(group, /Nhóm nhiệm vụ 5/);
    const armed = valueOf(await hoverAt(docUri, lineOf(text, /^### 5\. Nâng cao trách nhiệm của lực lượng vũ trang/), 8));
    assert.match(armed, /Nhóm riêng của địa phương/);
    const plain = await hoverAt(docUri, lineOf(text, /^Các sở, ban, ngành; UBND các huyện/), 3);
    assert.equal(plain, null);
  });

  it('on the headings of plans of other structures: the structure, subheadings not required, the groups found in the part', async () => {
    const central = fixture('clean-party-central-2024.md');
    const centralUri = uri(central.file);
    client.open(centralUri, central.text);
    const purpose = valueOf(await hoverAt(centralUri, lineOf(central.text, /^## I- /), 6));
    assert.match(purpose, /Bố cục: kế hoạch theo bố cục của Kế hoạch số 21-KH\/TW/);
    assert.match(purpose, /- ✗ Mục đích \(không bắt buộc\)/);

    const programme = fixture('clean-programme-eighth-plenum-2024.md');
    const programmeUri = uri(programme.file);
    client.open(programmeUri, programme.text);
    const part = valueOf(await hoverAt(programmeUri, lineOf(programme.text, /^### 2\. Thực hiện Nghị quyết số 43-NQ\/TW/), 8));
    assert.match(part, /Phần về Nghị quyết của chương trình thực hiện nhiều nghị quyết/);
    assert.equal((part.match(/^- ✓ \d\. /gm) ?? []).length, 7);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: programmeUri } });
    const tasks = symbols.find((x) => x.name.startsWith('II. NHIỆM VỤ'))!;
    assert.equal(tasks.children?.[1].detail, 'phần về Nghị quyết: các nhóm nhiệm vụ');
  });

  it('document symbols: sections with their slot, task groups below, the metadata first', async () => {
    const { file, text } = fixture('seed-004-can-tho.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: docUri } });
    const names = symbols.map((s) => s.name);
    assert.equal(names[0], 'Thông tin văn bản');
    assert.deepEqual(names.slice(1, 5), ['I- ĐÁNH GIÁ THỰC TRẠNG', 'II- QUAN ĐIỂM, MỤC TIÊU', 'III- NHIỆM VỤ VÀ GIẢI PHÁP', 'IV- TỔ CHỨC THỰC HIỆN']);
    // The detail says what the template expects of the section (its form's description), not the slot id.
    const slots = bundledKnowledge().kb.template.variants.party.sections;
    ['opening', 'objectives', 'tasks', 'implementation'].forEach((id, i) => {
      const descriptions = slots.find((s) => s.id === id)!.forms.map((f) => f.description.vi.replace(/\.\s*$/u, ''));
      assert.ok(descriptions.includes(symbols[i + 1].detail?.split(' · ')[0] ?? ''), `${symbols[i + 1].name}: ${symbols[i + 1].detail}`);
    });
    const tasks = symbols[3];
    assert.equal(tasks.children?.length, 7);
    assert.equal(tasks.children?.[0].detail, 'nhóm nhiệm vụ 1');
    for (const s of symbols) {
      assert.ok(s.range.start.line <= s.selectionRange.start.line && s.selectionRange.end.line <= s.range.end.line, `${s.name}: selection inside range`);
    }
    assert.ok(symbols[0].children?.some((c) => c.name === 'signer'));
  });

  it('folding ranges: the front matter and every section', async () => {
    const { file, text } = fixture('seed-004-can-tho.md');
    const docUri = uri(file);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: docUri } });
    const starts = ranges.map((r) => r.startLine);
    assert.ok(starts.includes(0), 'the front matter folds');
    for (const pattern of [/^## I- /, /^## II- /, /^### 1\. Quan điểm/, /^## IV- /]) assert.ok(starts.includes(lineOf(text, pattern)), String(pattern));
    for (const r of ranges) assert.ok(r.endLine > r.startLine);
  });

  it('symbols, folding and hover stay the same when more plans are read than the server keeps parsed', async () => {
    // The server keeps the models of the plans read last and parses a plan again when it was
    // dropped: what every feature answers must not depend on which.
    const plans = planFixtures().filter((f) => f.endsWith('.md'));
    assert.ok(plans.length > 10, 'more plans than the models kept');
    const ask = async (docUri: string): Promise<unknown> => {
      const lines = client.document(docUri).getText().split('\n');
      const line = Math.max(0, lines.findIndex((l) => l.includes('43-NQ/TW')));
      return {
        symbols: await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: docUri } }),
        folding: await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: docUri } }),
        hover: await hoverAt(docUri, line, Math.max(0, lines[line].indexOf('43-NQ/TW')) + 3),
      };
    };
    const uris = plans.map((f) => `file:///kept-models/${f}`);
    for (const [i, f] of plans.entries()) client.open(uris[i], fixture(f).text);
    const first: unknown[] = [];
    for (const u of uris) first.push(await ask(u));
    assert.ok(first.filter((a) => (a as { symbols: unknown[] }).symbols.length > 0 && (a as { hover: unknown }).hover !== null).length > 10);
    for (const [i, u] of uris.entries()) assert.deepEqual(await ask(u), first[i], plans[i]);
    // An edited plan answers for its new text, as the same text opened afresh does.
    const text = `${client.document(uris[0]).getText()}\nThêm một đoạn về Nghị quyết số 43-NQ/TW.\n`;
    client.replace(uris[0], text);
    await client.pull(uris[0]);
    client.open('file:///kept-models/fresh.md', text);
    assert.deepEqual(await ask(uris[0]), await ask('file:///kept-models/fresh.md'));
    for (const u of [...uris, 'file:///kept-models/fresh.md']) client.close(u);
  });

  it('an ordinary Markdown file has no plan symbols and no hover', async () => {
    const readme = 'file:///symbols/README.md';
    client.open(readme, '# Notes\n\n## I. MỤC TIÊU\n\nNghị quyết số 43-NQ/TW.\n');
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: readme } }), []);
    assert.equal(await hoverAt(readme, 4, 17), null);
  });
});
