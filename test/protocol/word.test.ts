// The Word round trip over LSP: plan43/importPlan reads the .docx or .txt the client names, plan43/exportPlan writes the open plan to the .docx it names; anything else is refused.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import mammoth from 'mammoth';
import { ErrorCodes } from 'vscode-languageserver/node';
import { parsePlan } from '../../server/src/core/document/parse';
import { layoutPlan } from '../../server/src/core/export/index';
import { exportPlanFile, importPlanFile } from '../../server/src/node/word';
import { bundledKnowledge } from '../support/knowledge';
import { OFFICE_CONVERSION_TIMEOUT, officeDocuments } from '../support/office';
import { FIXTURES, PLAN_FIXTURES } from '../support/paths';
import { TestClient, uri } from './client';
import { fixture, tempFolder } from './helpers';

interface ImportResult {
  markdown: string;
  repairs: Array<{ id: string; line: number; paragraph?: number; quote?: string; message: string }>;
  inferred: Array<{ key: string; value: string; line: number; paragraph?: number; quote?: string; message: string }>;
  source: 'text' | 'word';
  account: { unit: string; total: number; front: number; body: number; dropped: number; footnotes: number };
}

interface ExportResult {
  written: boolean;
  warnings: string[];
}

const SEED = path.join(FIXTURES, 'seeds', '002_93cd38a88412c321.txt');

async function docxText(file: string): Promise<string> {
  return (await mammoth.extractRawText({ path: file })).value;
}

/** The error a request fails with; fails the test when it succeeds. */
async function refusal(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: number; message: string };
  }
  assert.fail('the request was expected to be refused');
}

describe('protocol: Word import and export', () => {
  let client: TestClient;
  let temp: ReturnType<typeof tempFolder>;
  before(async () => {
    temp = tempFolder('plan43-word');
    client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES], settings: { language: 'vi' } });
  });
  after(async () => {
    await client.dispose();
    temp.remove();
  });

  /** Switches the language setting; the server reads it again on the next request. */
  function setLanguage(language: 'vi' | 'en'): void {
    client.settings = { ...client.settings, language };
    client.notify('workspace/didChangeConfiguration', { settings: { plan43: client.settings } });
  }

  it('plan43/importPlan on a seed .txt: the importer\'s plan, repairs and inferred values in the drafter\'s language', async () => {
    const expected = await importPlanFile(SEED, bundledKnowledge().kb);
    const result = await client.request<ImportResult>('plan43/importPlan', { uri: uri(SEED) });
    assert.equal(result.markdown, expected.markdown);
    assert.match(result.markdown, /^---\n[\s\S]*^template: nq43$/m);
    assert.deepEqual(
      result.repairs,
      expected.repairs.map((r) => ({ id: r.id, line: r.line, message: r.message.vi })),
    );
    assert.ok(result.repairs.some((r) => r.id === 'hard-wrap'), 'the PDF text of seed 002 is hard-wrapped');
    assert.deepEqual(
      result.inferred,
      expected.inferred.map((i) => ({ key: i.key, value: i.value, line: i.line, message: i.message.vi })),
    );
    assert.ok(result.inferred.some((i) => i.key === 'issuer' && i.value.includes('Hà Tĩnh')));
    assert.equal(result.source, 'text');
    assert.deepEqual(result.account, expected.account);

    setLanguage('en');
    try {
      const english = await client.request<ImportResult>('plan43/importPlan', { uri: uri(SEED) });
      assert.equal(english.markdown, expected.markdown);
      assert.deepEqual(english.repairs.map((r) => r.message), expected.repairs.map((r) => r.message.en));
      assert.deepEqual(english.inferred.map((i) => i.message), expected.inferred.map((i) => i.message.en));
    } finally {
      setLanguage('vi');
    }
  });

  it('plan43/importPlan on a .docx: an exported plan comes back with its metadata and headings', async () => {
    const docx = path.join(temp.dir, 'Chuong trinh 60.docx');
    await exportPlanFile(path.join(PLAN_FIXTURES, 'clean-party.md'), docx, bundledKnowledge().kb);
    const result = await client.request<ImportResult>('plan43/importPlan', { uri: uri(docx) });
    const original = parsePlan('clean-party.md', fixture('clean-party.md').text);
    const imported = parsePlan('imported.md', result.markdown);
    assert.ok(imported.isPlan, 'the import is a plan');
    for (const key of ['variant', 'kind', 'issuer', 'number', 'place', 'date'] as const) {
      assert.equal(imported.meta[key]?.value, original.meta[key]?.value, key);
    }
    const headings = (p: typeof original): string[] => p.sections.map((s) => s.heading.title.text);
    assert.deepEqual(headings(imported), headings(original));
    assert.ok(result.inferred.length > 0);
  });

  it('plan43/importPlan on an office .docx: repairs name their paragraph and quote its start; every paragraph is accounted for', async function () {
    this.timeout(OFFICE_CONVERSION_TIMEOUT);
    const docx = officeDocuments()['clean-party'].docx;
    const result = await client.request<ImportResult>('plan43/importPlan', { uri: uri(docx) });
    assert.equal(result.source, 'word');
    assert.equal(result.account.unit, 'paragraph');
    assert.equal(result.account.total, result.account.front + result.account.body + result.account.dropped);
    assert.equal(result.account.footnotes, 2);
    const tracked = result.repairs.find((r) => r.id === 'tracked-change');
    assert.ok(tracked?.paragraph && tracked.quote?.startsWith('Giữ gìn đoàn kết'), JSON.stringify(tracked));
    assert.match(tracked.message, /^Thay đổi được theo dõi/u);
    for (const r of result.repairs) if (r.line > 0) assert.ok(r.paragraph && r.quote, r.id);
    assert.match(result.markdown, /^\[\^1\]: /mu);
  });

  it('plan43/importPlan on a .doc renamed .docx: the message of a .doc, in the drafter\'s language', async function () {
    this.timeout(OFFICE_CONVERSION_TIMEOUT);
    const renamed = path.join(temp.dir, 'cu-doi-ten.docx');
    fs.copyFileSync(officeDocuments()['clean-party'].doc!, renamed);
    const vi = await refusal(client.request('plan43/importPlan', { uri: uri(renamed) }));
    assert.equal(vi.code, ErrorCodes.InvalidParams);
    assert.match(vi.message, /^Tệp cu-doi-ten\.docx là tệp Word 97–2003 \(\.doc\)/u);
    setLanguage('en');
    try {
      const en = await refusal(client.request('plan43/importPlan', { uri: uri(renamed) }));
      assert.match(en.message, /^cu-doi-ten\.docx is a Word 97–2003 file \(\.doc\)/u);
    } finally {
      setLanguage('vi');
    }
    fs.rmSync(renamed);
  });

  it('plan43/exportPlan writes the open document as it is in the editor, not the file on disk', async () => {
    const { file, text } = fixture('clean-party.md');
    const docUri = uri(file);
    const marker = 'Câu này chỉ có trong văn bản đang mở, chưa được lưu.';
    const edited = text.replace('### 2. Yêu cầu\n', `### 2. Yêu cầu\n\n${marker}\n`);
    assert.notEqual(edited, text);
    client.open(docUri, edited);
    try {
      const target = path.join(temp.dir, 'chuong-trinh.docx');
      const result = await client.request<ExportResult>('plan43/exportPlan', { uri: docUri, target: uri(target) });
      assert.deepEqual(result, { written: true, warnings: [] });
      const written = await docxText(target);
      assert.ok(written.includes(marker), 'the unsaved text is exported');
      for (const line of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'TỈNH ỦY LẠNG SƠN', 'Số 60-CTr/TU', 'I. MỤC ĐÍCH, YÊU CẦU', 'Lương Minh Tuấn']) {
        assert.ok(written.includes(line), `the document has "${line}"`);
      }
      assert.equal(fs.readFileSync(file, 'utf8'), text, 'the plan file is untouched');
    } finally {
      client.close(docUri);
    }
  });

  it('plan43/exportPlan: a plan that is not open is read from disk; an untitled plan is exported from the editor', async () => {
    const { file } = fixture('clean-state.md');
    const fromDisk = path.join(temp.dir, 'ke-hoach.docx');
    assert.deepEqual(await client.request<ExportResult>('plan43/exportPlan', { uri: uri(file), target: uri(fromDisk) }), { written: true, warnings: [] });
    const written = await docxText(fromDisk);
    for (const line of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 74/KH-UBND', 'Phạm Văn Hiếu']) {
      assert.ok(written.includes(line), `the document has "${line}"`);
    }

    const untitled = 'untitled:Untitled-1';
    client.open(untitled, fixture('clean-state.md').text, 'markdown');
    try {
      const target = path.join(temp.dir, 'untitled.docx');
      assert.equal((await client.request<ExportResult>('plan43/exportPlan', { uri: untitled, target: uri(target) })).written, true);
      assert.ok((await docxText(target)).includes('Phạm Văn Hiếu'));
    } finally {
      client.close(untitled);
    }
  });

  it('plan43/exportPlan returns the layout\'s warnings in the drafter\'s language', async () => {
    const { file, text } = fixture('clean-party.md');
    const docUri = uri(file);
    const unsigned = text.replace(/^signer:\n(?: {2}.*\n)+/m, '');
    assert.notEqual(unsigned, text);
    const expected = layoutPlan(parsePlan(docUri, unsigned), bundledKnowledge().kb).warnings;
    assert.ok(expected.length > 0, 'a plan without a signer is laid out with a warning');
    client.open(docUri, unsigned);
    try {
      const target = path.join(temp.dir, 'unsigned.docx');
      const vi = await client.request<ExportResult>('plan43/exportPlan', { uri: docUri, target: uri(target) });
      assert.deepEqual(vi, { written: true, warnings: expected.map((w) => w.vi) });
      setLanguage('en');
      try {
        const en = await client.request<ExportResult>('plan43/exportPlan', { uri: docUri, target: uri(target) });
        assert.deepEqual(en.warnings, expected.map((w) => w.en));
      } finally {
        setLanguage('vi');
      }
    } finally {
      client.close(docUri);
    }
  });

  it('refuses sources and targets that are not files the user picked, and writes nothing', async () => {
    const planUri = uri(path.join(PLAN_FIXTURES, 'clean-party.md'));
    const importRefusals: Array<[string, RegExp]> = [
      ['untitled:Untitled-2', /file:/],
      ['https://example.org/ke-hoach.docx', /file:/],
      [uri(path.join(PLAN_FIXTURES, 'clean-party.md')), /\.docx/],
      [uri(path.join(temp.dir, 'khong-co.docx')), /Không tìm thấy/],
      [uri(path.join(temp.dir, 'cu.doc')), /\.doc\b/],
    ];
    for (const [source, message] of importRefusals) {
      const err = await refusal(client.request('plan43/importPlan', { uri: source }));
      assert.equal(err.code, ErrorCodes.InvalidParams, source);
      assert.match(err.message, message, source);
    }

    const before = fs.readdirSync(temp.dir).sort();
    const exportRefusals: Array<[unknown, RegExp]> = [
      [{ uri: planUri, target: 'untitled:ke-hoach.docx' }, /file:/],
      [{ uri: planUri, target: 'https://example.org/ke-hoach.docx' }, /file:/],
      [{ uri: planUri }, /file:/],
      [{ uri: planUri, target: uri(path.join(temp.dir, 'ke-hoach.md')) }, /\.docx/],
      [{ uri: 'untitled:Untitled-9', target: uri(path.join(temp.dir, 'closed.docx')) }, /không mở/],
    ];
    for (const [params, message] of exportRefusals) {
      const err = await refusal(client.request('plan43/exportPlan', params));
      assert.equal(err.code, ErrorCodes.InvalidParams, JSON.stringify(params));
      assert.match(err.message, message, JSON.stringify(params));
    }

    // A document that is not a plan is not exported.
    const readme = uri(path.join(temp.dir, 'README.md'));
    client.open(readme, '# Ghi chú\n\nKhông phải kế hoạch.\n');
    try {
      const err = await refusal(client.request('plan43/exportPlan', { uri: readme, target: uri(path.join(temp.dir, 'readme.docx')) }));
      assert.equal(err.code, ErrorCodes.InvalidParams);
      assert.match(err.message, /template: nq43/);
    } finally {
      client.close(readme);
    }
    assert.deepEqual(fs.readdirSync(temp.dir).sort(), before, 'nothing was written');
  });

  it('a target that cannot be written is reported with the reason', async () => {
    const { file } = fixture('clean-party.md');
    const target = path.join(temp.dir, 'khong-co-thu-muc', 'ke-hoach.docx');
    const err = await refusal(client.request('plan43/exportPlan', { uri: uri(file), target: uri(target) }));
    assert.equal(err.code, ErrorCodes.InternalError);
    assert.match(err.message, /^Không ghi được tệp ke-hoach\.docx: .*ENOENT/);
    assert.equal(fs.existsSync(target), false);
  });
});
