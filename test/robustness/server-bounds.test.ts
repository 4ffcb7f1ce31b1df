// The language server bounded on every input: checks run where a runaway can be stopped, diagnostics stay small, nothing unreadable passes for clean, and every request reads only workspace files.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Diagnostic, ErrorCodes, WorkspaceDiagnosticReport, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver/node';
import { checkText, INTERNAL_ERROR_RULE } from '../../server/src/core/engine';
import { MAX_FINDINGS_PER_RULE, MAX_MESSAGE_CHARS } from '../../server/src/core/limits';
import { exportPlanFile } from '../../server/src/node/word';
import { SERVER_MAIN, TestClient, uri } from '../protocol/client';
import { findingShapes, fixture, shapeOf, sortShapes } from '../protocol/helpers';
import { bundledKnowledge, localToday } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { FRONT } from './support/hostile';
import { requestError, startTestServer } from './support/lsp';
import { testRules } from './support/worker-entry';

const kb = () => bundledKnowledge().kb;

/** A scratch folder that anyone may enter (a server may run as another user). */
function scratch(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-server-bounds-'));
  fs.chmodSync(dir, 0o777);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Opens seed 002 with `trigger` (what sets a test rule off) before its section II and pulls its
 * diagnostics; while the worker is stuck on it, the server reads and answers (folding needs no check).
 */
async function pullWhileStuck(client: TestClient, trigger: string): Promise<{ hostile: string; hostileUri: string; text: string; diagnostics: Diagnostic[] }> {
  const { file, text } = fixture('seed-002-ha-tinh.md');
  const hostile = text.replace('## II.', `${trigger}\n\n## II.`);
  const hostileUri = uri(file);
  client.open(hostileUri, hostile);
  const pulled = client.pull(hostileUri);
  const folding = await client.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri: hostileUri } });
  assert.ok(folding.length > 0);
  return { hostile, hostileUri, text, diagnostics: await pulled };
}

/** The worker started again: another plan is checked as usual, and so is the hostile one once its text is `text` again. */
async function checkedAgain(client: TestClient, hostileUri: string, text: string): Promise<void> {
  const clean = fixture('clean-state.md');
  client.open(uri(clean.file), clean.text);
  assert.deepEqual(await client.pull(uri(clean.file)), []);
  client.replace(hostileUri, text);
  assert.deepEqual(sortShapes((await client.pull(hostileUri)).map(shapeOf)), sortShapes(findingShapes(checkText(hostileUri, text, kb(), { lang: 'en', today: localToday() }).findings, text)));
}

describe('robustness: the server stops a check that runs too long', () => {
  it('a rule that never ends on one plan: stopped at the budget, said once, every other finding kept, the server answering meanwhile', async () => {
    const client = await startTestServer(['--endless-rule=KHÔNG-BAO-GIỜ-XONG', '--check-budget=3000'], { workspaceFolders: [PLAN_FIXTURES], settings: { language: 'en' } });
    try {
      const { hostile, hostileUri, text, diagnostics } = await pullWhileStuck(client, 'KHÔNG-BAO-GIỜ-XONG');
      const stopped = diagnostics.filter((d) => d.code === INTERNAL_ERROR_RULE);
      assert.equal(stopped.length, 1);
      assert.match(stopped[0].message, /^Rule test\.endless ran longer than 3 seconds on this document, so it was stopped and skipped/);
      const others = diagnostics.filter((d) => d.code !== INTERNAL_ERROR_RULE);
      const expected = checkText(hostileUri, hostile, kb(), { lang: 'en', today: localToday() }).findings;
      assert.deepEqual(sortShapes(others.map(shapeOf)), sortShapes(findingShapes(expected, hostile)));
      await checkedAgain(client, hostileUri, text);
      const status = await client.request<{ isPlan: boolean }>('plan43/documentStatus', { uri: hostileUri });
      assert.equal(status.isPlan, true);
    } finally {
      await client.dispose();
    }
  });

  it('a rule that allocates without end: the worker reaches its heap ceiling and starts again, the check said to have failed in one finding, the server answering meanwhile and after', async () => {
    // The ceiling made small so that the runaway reaches it at once; the product's is CHECK_WORKER_HEAP_MB.
    const client = await startTestServer(['--hungry-rule=ĂN-HẾT-BỘ-NHỚ', '--worker-heap=64'], { workspaceFolders: [PLAN_FIXTURES], settings: { language: 'en' } });
    try {
      const { hostileUri, text, diagnostics } = await pullWhileStuck(client, 'ĂN-HẾT-BỘ-NHỚ');
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].code, INTERNAL_ERROR_RULE);
      assert.match(diagnostics[0].message, /^The document could not be checked because of an internal error: the check worker stopped: .*memory limit/);
      await checkedAgain(client, hostileUri, text);
    } finally {
      await client.dispose();
    }
  });

  it('the worker runs the rules the server has: the test worker adds exactly the rules asked for', () => {
    const ids = testRules(['--endless-rule=x', '--throwing-rule', '--hungry-rule=y']).map((r) => r.id);
    assert.ok(ids.includes('test.endless') && ids.includes('test.throws') && ids.includes('test.hungry'));
    assert.equal(ids.length, testRules([]).length + 3);
  });

  it('20,000 headings: the diagnostics of a rule are capped, with the one that counts the rest, and messages stay short', async () => {
    const client = await TestClient.start({ settings: { language: 'en' } });
    try {
      const docUri = 'file:///bounds/headings.md';
      client.open(docUri, FRONT + '## I. A\n'.repeat(20_000));
      const diagnostics = await client.pull(docUri);
      const numbering = diagnostics.filter((d) => d.code === 'section.numbering');
      assert.equal(numbering.length, MAX_FINDINGS_PER_RULE + 1);
      assert.ok(numbering.some((d) => /^18999 more findings of this rule/.test(d.message)));
      assert.ok(diagnostics.every((d) => d.message.length <= MAX_MESSAGE_CHARS));
      assert.ok(diagnostics.length < 10 * MAX_FINDINGS_PER_RULE);
    } finally {
      await client.dispose();
    }
  });
});

describe('robustness: nothing the server cannot read passes for clean', function () {
  let tmp: ReturnType<typeof scratch>;
  beforeEach(() => {
    tmp = scratch();
    fs.copyFileSync(path.join(PLAN_FIXTURES, 'seed-002-ha-tinh.md'), path.join(tmp.dir, 'plan.md'));
  });
  afterEach(() => {
    fs.chmodSync(path.join(tmp.dir, 'lost+found'), 0o755);
    tmp.remove();
  });

  it('a folder it cannot read and a file name that is not UTF-8: each a plan.unreadable finding, in workspace diagnostics and in the report', async () => {
    fs.mkdirSync(path.join(tmp.dir, 'lost+found'));
    fs.copyFileSync(path.join(PLAN_FIXTURES, 'clean-state.md'), path.join(tmp.dir, 'lost+found', 'hidden.md'));
    fs.chmodSync(path.join(tmp.dir, 'lost+found'), 0o000);
    fs.writeFileSync(Buffer.concat([Buffer.from(`${tmp.dir}/ke-hoach-`), Buffer.from([0xff]), Buffer.from('.md')]), fixture('clean-state.md').text);
    // The superuser reads every folder: the server then runs as another user, who cannot.
    const client = await startTestServer([], { main: SERVER_MAIN, workspaceFolders: [tmp.dir], settings: { language: 'en' }, ...(process.getuid?.() === 0 ? { uid: 65534 } : {}) });
    try {
      const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { identifier: 'plan43', previousResultIds: [] });
      const full = report.items.filter((i): i is WorkspaceDocumentDiagnosticReport & { kind: 'full' } => i.kind === 'full');
      const byUri = new Map(full.map((i) => [i.uri, i.items]));
      const folder = byUri.get(uri(path.join(tmp.dir, 'lost+found')));
      assert.ok(folder, `the folder is reported: ${[...byUri.keys()].join(', ')}`);
      assert.equal(folder.length, 1);
      assert.equal(folder[0].code, 'plan.unreadable');
      assert.match(folder[0].message, /^This folder cannot be read \(EACCES: permission denied\)/);
      const parent = byUri.get(uri(tmp.dir));
      assert.ok(parent, 'the file whose name is not UTF-8 is reported on its folder');
      assert.match(parent[0].message, /^The file "ke-hoach-\\xff\.md" in this folder cannot be read/);
      assert.ok((byUri.get(uri(path.join(tmp.dir, 'plan.md'))) ?? []).length > 0, 'the readable plan is checked');
      const submission = await client.request<{ markdown: string; advisory: number; files: unknown[] }>('plan43/submissionReport', {});
      assert.match(submission.markdown, /## lost\+found\n/);
      assert.match(submission.markdown, /This folder cannot be read/);
      assert.equal(submission.files.length, 3);
      // The review page lists both at its top: a folder with a part unread is not a clean review.
      const review = await client.request<{ html: string; plans: number }>('plan43/reviewReport', {});
      assert.equal(review.plans, 1);
      assert.match(review.html, /<section id="unreadable"><h2>Could not be read, not reviewed \(2\)<\/h2>/);
      assert.match(review.html, /<strong>lost\+found<\/strong>: This folder cannot be read/);
      assert.match(review.html, /The file &quot;ke-hoach-\\xff\.md&quot; in this folder cannot be read/);
    } finally {
      await client.dispose();
    }
  });
});

describe('robustness: every custom request reads only workspace files', () => {
  let tmp: ReturnType<typeof scratch>;
  let outside: ReturnType<typeof scratch>;
  beforeEach(() => {
    tmp = scratch();
    outside = scratch();
  });
  afterEach(() => {
    tmp.remove();
    outside.remove();
  });

  it('plan43/exportPlan refuses a closed plan outside the workspace folders (it does not read it)', async () => {
    const secret = path.join(outside.dir, 'plan.md');
    fs.copyFileSync(path.join(PLAN_FIXTURES, 'clean-state.md'), secret);
    const client = await TestClient.start({ workspaceFolders: [tmp.dir], settings: { language: 'en' } });
    try {
      for (const source of [secret, '/etc/passwd']) {
        const err = await requestError(client, 'plan43/exportPlan', { uri: uri(source), target: uri(path.join(tmp.dir, 'out.docx')) });
        assert.equal(err.code, ErrorCodes.InvalidParams);
        assert.match(err.message, /neither open in the editor nor in a workspace folder/);
      }
      assert.deepEqual(fs.readdirSync(tmp.dir), []);
      // Inside the workspace, the same plan is exported.
      fs.copyFileSync(secret, path.join(tmp.dir, 'plan.md'));
      const ok = await client.request<{ written: boolean }>('plan43/exportPlan', { uri: uri(path.join(tmp.dir, 'plan.md')), target: uri(path.join(tmp.dir, 'plan.docx')) });
      assert.equal(ok.written, true);
    } finally {
      await client.dispose();
    }
  });

  it('plan43/importPlan reads a file outside the workspace only from the bytes the client sends', async () => {
    const docx = path.join(outside.dir, 'ke-hoach.docx');
    await exportPlanFile(path.join(PLAN_FIXTURES, 'clean-party.md'), docx, kb());
    const client = await TestClient.start({ workspaceFolders: [tmp.dir], settings: { language: 'en' } });
    try {
      const refused = await requestError(client, 'plan43/importPlan', { uri: uri(docx) });
      assert.equal(refused.code, ErrorCodes.InvalidParams);
      assert.match(refused.message, /outside the workspace folders/);
      const sent = await client.request<{ markdown: string }>('plan43/importPlan', { uri: uri(docx), content: fs.readFileSync(docx).toString('base64') });
      assert.match(sent.markdown, /^template: nq43$/m);
    } finally {
      await client.dispose();
    }
  });
});
