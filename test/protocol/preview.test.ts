// The preview over LSP: plan43/preview draws the open plan's current text as its official layout, with the findings the editor shows marked where they fall and the blocking count of the submission check.

import assert from 'node:assert/strict';
import { ErrorCodes } from 'vscode-languageserver/node';
import { TestClient } from './client';
import { PreviewResult } from '../../server/src/lsp/protocol';
import { coreFindings, fixture } from './helpers';
import { PLAN_FIXTURES } from '../support/paths';

interface PageData {
  findings: Array<{ id: number; severity: string; ruleId: string; placed: boolean; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
}

const dataOf = (body: string): PageData => JSON.parse(/<script type="application\/json" id="plan43-data">([\s\S]*?)<\/script>/u.exec(body)![1]) as PageData;
const nonceOf = (document: string): string => /'nonce-([^']+)'/u.exec(document)![1];

describe('protocol: the official-layout preview', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES], settings: { language: 'vi' } });
  });
  after(async () => {
    await client.dispose();
  });

  it('draws an open plan: a whole page with a strict policy, the blocks with their lines, the findings of the editor marked', async () => {
    const { file, text } = fixture('seed-003-kien-giang.md');
    const uri = `file://${file}`;
    client.open(uri, text);
    const diagnostics = await client.pull(uri);
    const result = await client.request<PreviewResult>('plan43/preview', { uri, full: true });
    assert.equal(result.isPlan, true);
    assert.equal(result.version, 1);
    const doc = result.document!;
    const nonce = nonceOf(doc);
    assert.ok(nonce.length >= 16);
    assert.match(doc, new RegExp(`default-src 'none'; style-src 'nonce-${nonce.replace(/[+/=]/gu, '\\$&')}'; script-src 'nonce-`, 'u'));
    assert.doesNotMatch(doc, /https?:\/\/|src="|<link/u, 'nothing from elsewhere');
    assert.equal((doc.match(/<script nonce=/gu) ?? []).length, 1);
    assert.ok(doc.includes(result.body) && doc.includes(result.css));
    // The findings are those the editor shows: same rules, same ranges.
    const data = dataOf(result.body);
    assert.deepEqual(
      data.findings.map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`).sort(),
      diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort(),
    );
    // The term defect "XVII" is marked on the page where it is written, with its message and fix.
    const term = data.findings.find((f) => f.ruleId === 'citation.term-mismatch')!;
    assert.ok(term.placed);
    const mark = new RegExp(`<mark class="finding sev-warning" data-f="${term.id}" title="([^"]*)" tabindex="0">XVII</mark>`, 'u').exec(result.body);
    assert.ok(mark, 'XVII is marked');
    assert.match(mark[1], /Cảnh báo: .*khóa XIII.*\(citation\.term-mismatch\)\nSửa nhanh: Sửa thành khóa XIII/su);
    assert.equal(result.marked, data.findings.filter((f) => f.placed).length);
    // Submission check: the blank number and day block.
    const submission = coreFindings(uri, text, { mode: 'submission' }).filter((f) => f.severity === 'error').length;
    assert.equal(result.blocking, submission);
    assert.ok(result.blocking >= 2);
    assert.match(result.body, new RegExp(`<span class="count">${result.blocking} lỗi chặn trình ký</span>`, 'u'));
    // Blocks carry the lines they come from: the heading of section I is on its line.
    const line = text.split('\n').findIndex((l) => l.startsWith('## I. MỤC ĐÍCH VÀ YÊU CẦU'));
    assert.match(result.body, new RegExp(`data-role="heading-1" data-keep="next lines" data-line="${line}" data-line-end="${line}"><b>I\\. MỤC ĐÍCH VÀ YÊU CẦU</b>`, 'u'));
    client.close(uri);
  });

  it('an update draws the current text, unsaved: a defect typed shows up marked, without a whole page', async () => {
    const { file, text } = fixture('clean-state.md');
    const uri = `file://${file}`;
    client.open(uri, text);
    const first = await client.request<PreviewResult>('plan43/preview', { uri, full: false });
    assert.equal(first.document, undefined);
    assert.equal(first.blocking, 0);
    assert.equal(dataOf(first.body).findings.length, 0);
    assert.match(first.body, /Không có lỗi chặn trình ký/u);
    // Type "khóa XVII" for "khóa XIII" in the preamble.
    const typed = client.replace(uri, text.replace('Đảng khóa XIII về tiếp tục', 'Đảng khóa XVII về tiếp tục'));
    const second = await client.request<PreviewResult>('plan43/preview', { uri, full: false });
    assert.equal(second.version, typed.version);
    const data = dataOf(second.body);
    const term = data.findings.find((f) => f.ruleId === 'citation.term-mismatch');
    assert.ok(term?.placed, 'the typed defect is marked');
    assert.match(second.body, new RegExp(`data-f="${term.id}"[^>]*>XVII</mark>`, 'u'));
    client.close(uri);
  });

  it('in English with plan43.language "en"; plan text stays text', async () => {
    client.settings = { ...client.settings, language: 'en' };
    client.notify('workspace/didChangeConfiguration', { settings: { plan43: client.settings } });
    try {
      const uri = 'untitled:Untitled-9';
      client.open(uri, '---\ntemplate: nq43\nvariant: state\nsubject: <img src=x onerror="alert(1)">\n---\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\n<script>alert("x")</script>\n');
      const result = await client.request<PreviewResult>('plan43/preview', { uri, full: true });
      assert.match(result.body, /finding\(s\) block submission|Nothing blocks submission/u);
      assert.match(result.document!, /<html lang="en">/u);
      // Findings on the quotes may mark parts of the text: read it without the marks.
      const text = result.body.replace(/<\/?mark[^>]*>/gu, '');
      assert.ok(text.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'), 'the script line shows as text');
      assert.ok(text.includes('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'), 'the image in the subject shows as text');
      assert.doesNotMatch(result.body, /<script>|<img/u);
      client.close(uri);
    } finally {
      client.settings = { ...client.settings, language: 'vi' };
      client.notify('workspace/didChangeConfiguration', { settings: { plan43: client.settings } });
    }
  });

  it('an ordinary Markdown file is no plan, and a document that is not open is refused', async () => {
    const uri = 'untitled:Notes-1';
    client.open(uri, '# Notes\n\nText.\n');
    const result = await client.request<PreviewResult>('plan43/preview', { uri, full: true });
    assert.deepEqual([result.isPlan, result.body, result.document], [false, '', undefined]);
    client.close(uri);
    await assert.rejects(client.request('plan43/preview', { uri: 'file:///nowhere/plan.md', full: true }), (err: { code: number; message: string }) => {
      assert.equal(err.code, ErrorCodes.InvalidParams);
      assert.match(err.message, /không mở/u);
      return true;
    });
  });
});
