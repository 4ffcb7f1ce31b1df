// The custom requests of the contract: plan43/documentStatus, plan43/submissionReport, plan43/newPlan.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkText } from '../../server/src/core/engine';
import { PLAN_FIXTURES } from '../support/paths';
import { bundledKnowledge } from '../support/knowledge';
import { TestClient, uri } from './client';
import { coreFindings, fixture, planFixtures } from './helpers';

interface Status {
  isPlan: boolean;
  variant: 'party' | 'state' | null;
  blocking: number;
  advisory: number;
}

interface Report {
  markdown: string;
  blocking: number;
  advisory: number;
  files: Array<{ uri: string; variant: 'party' | 'state' | null; blocking: number; advisory: number }>;
}

function submissionCounts(docUri: string, text: string): { blocking: number; advisory: number } {
  const findings = coreFindings(docUri, text, { mode: 'submission' });
  const blocking = findings.filter((f) => f.severity === 'error').length;
  return { blocking, advisory: findings.length - blocking };
}

describe('protocol: custom requests', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES], settings: { language: 'vi' } });
  });
  after(async () => {
    await client.dispose();
  });

  it('plan43/documentStatus: variant and submission counts of an open plan, even while drafting', async () => {
    const { file, text } = fixture('seed-003-kien-giang.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const status = await client.request<Status>('plan43/documentStatus', { uri: docUri });
    assert.deepEqual(status, { isPlan: true, variant: 'state', ...submissionCounts(docUri, text) });
    assert.ok(status.blocking > 0);
  });

  it('plan43/documentStatus: the counts of each version, the same when asked again, and the blocking count of the preview', async () => {
    const { file, text } = fixture('clean-party.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const first = await client.request<Status>('plan43/documentStatus', { uri: docUri });
    assert.deepEqual(first, { isPlan: true, variant: 'party', ...submissionCounts(docUri, text) });
    assert.deepEqual(await client.request<Status>('plan43/documentStatus', { uri: docUri }), first);
    // A version with a blocking problem more (the signer's name removed), then the text as it was.
    const lines = text.split('\n');
    const name = lines.findIndex((l) => /^\s+name:/.test(l));
    const edited = [...lines.slice(0, name), ...lines.slice(name + 1)].join('\n');
    for (const version of [edited, text, edited]) {
      client.replace(docUri, version);
      const status = await client.request<Status>('plan43/documentStatus', { uri: docUri });
      assert.deepEqual(status, { isPlan: true, variant: 'party', ...submissionCounts(docUri, version) });
      assert.deepEqual(await client.request<Status>('plan43/documentStatus', { uri: docUri }), status);
      const preview = await client.request<{ blocking: number }>('plan43/preview', { uri: docUri });
      assert.equal(preview.blocking, status.blocking);
    }
    assert.notEqual(submissionCounts(docUri, edited).blocking, first.blocking);
    client.close(docUri);
  });

  it('plan43/documentStatus: a closed file is read from disk; an ordinary file is not a plan', async () => {
    const { file, text } = fixture('seed-004-can-tho.md');
    const status = await client.request<Status>('plan43/documentStatus', { uri: uri(file) });
    assert.deepEqual(status, { isPlan: true, variant: 'party', ...submissionCounts(uri(file), text) });
    const readme = 'file:///requests/README.md';
    client.open(readme, '# Notes\n');
    assert.deepEqual(await client.request<Status>('plan43/documentStatus', { uri: readme }), { isPlan: false, variant: null, blocking: 0, advisory: 0 });
  });

  it('plan43/submissionReport for one document: the readable report with links to lines', async () => {
    const { file, text } = fixture('seed-003-kien-giang.md');
    const docUri = uri(file);
    const report = await client.request<Report>('plan43/submissionReport', { uri: docUri });
    const counts = submissionCounts(docUri, text);
    assert.equal(report.blocking, counts.blocking);
    assert.equal(report.advisory, counts.advisory);
    assert.deepEqual(report.files, [{ uri: docUri, variant: 'state', ...counts }]);
    assert.match(report.markdown, /^# Báo cáo kiểm tra trước khi trình/);
    assert.ok(report.markdown.includes('## seed-003-kien-giang.md'));
    assert.match(report.markdown, new RegExp(`\\]\\(${docUri.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#L\\d+\\)`));
    assert.match(report.markdown, /Danh mục kiểm tra theo mẫu/);
  });

  it('plan43/submissionReport for the workspace: every plan of the folders', async () => {
    const report = await client.request<Report>('plan43/submissionReport', {});
    const plans = planFixtures().filter((f) => checkText(f, fixture(f).text, bundledKnowledge().kb).plan.isPlan);
    assert.deepEqual(report.files.map((f) => path.basename(new URL(f.uri).pathname)).sort(), plans);
    assert.equal(report.blocking, report.files.reduce((n, f) => n + f.blocking, 0));
    const clean = report.files.find((f) => f.uri.endsWith('clean-party.md'))!;
    assert.deepEqual({ blocking: clean.blocking, advisory: clean.advisory }, { blocking: 0, advisory: 0 });
  });

  for (const [variant, kind] of [['party', 'CHƯƠNG TRÌNH HÀNH ĐỘNG'], ['state', 'KẾ HOẠCH']] as const) {
    for (const format of ['markdown', 'yaml'] as const) {
      it(`plan43/newPlan ${variant} ${format}: a whole skeleton from the template, read as a plan of that variant`, async () => {
        const { text } = await client.request<{ text: string }>('plan43/newPlan', { variant, kind, format });
        const name = format === 'yaml' ? 'new.yaml' : 'new.md';
        const { plan, findings } = checkText(name, text, bundledKnowledge().kb, { mode: 'drafting' });
        assert.ok(plan.isPlan);
        assert.deepEqual(plan.problems, []);
        assert.equal(plan.meta.variant?.value, variant);
        assert.equal(plan.meta.kind?.value, kind);
        const variantSpec = bundledKnowledge().kb.template.variants[variant];
        const required = variantSpec.sections.filter((s) => s.required).map((s) => s.forms[0].preferred);
        assert.deepEqual(plan.sections.map((s) => s.heading.title.text), required);
        // While drafting, a skeleton has no structural defect: every section and task group is there.
        const structural = findings.filter((f) => /^(section|task-group|plan)\./.test(f.ruleId));
        assert.deepEqual(structural.map((f) => `${f.ruleId}: ${f.message}`), []);
        assert.ok(!findings.some((f) => f.severity === 'error'), findings.map((f) => f.ruleId).join(', '));
      });
    }
  }

  it('plan43/newPlan rejects an unknown variant', async () => {
    await assert.rejects(client.request('plan43/newPlan', { variant: 'other', kind: 'KẾ HOẠCH', format: 'markdown' }), /variant/);
  });
});
