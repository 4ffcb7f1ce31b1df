// The preview page drawn from the layout model: plan text only ever as text, findings marked where they fall (overlapping, empty, off the page), the formats as classes under a strict Content-Security-Policy.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkText } from '../../server/src/core/engine';
import { escapeHtml, MAX_MARKED, renderPreview } from '../../server/src/core/export/html';
import { layoutPlan } from '../../server/src/core/export/index';
import { Finding } from '../../server/src/core/findings';
import { previewAssets } from '../../server/src/node/preview';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';

const kb = (): ReturnType<typeof bundledKnowledge>['kb'] => bundledKnowledge().kb;

/** The page of a plan; `blocking` null for a page without banner (exported to a file). */
function page(text: string, findings: Finding[] = [], blocking: number | null = 0, name = 'plan.md'): ReturnType<typeof renderPreview> {
  const plan = parsePlan(name, text);
  return renderPreview(layoutPlan(plan, kb()), {
    lang: 'vi',
    lines: plan.lines,
    findings,
    ...(blocking === null ? {} : { blocking }),
    title: name,
    nonce: 'TEST-NONCE',
    assets: previewAssets(),
  });
}

/** The elements a page may contain: the ones the renderer writes, nothing a plan could bring. */
const ALLOWED_TAGS = new Set(['div', 'p', 'b', 'i', 'u', 'span', 'mark', 'sup', 'table', 'colgroup', 'col', 'tr', 'td', 'br', 'details', 'summary', 'ul', 'li', 'a', 'script']);

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/gu)].map((m) => m[1].toLowerCase());
}

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)><iframe src="javascript:alert(3)"></iframe>&amp;" \' </style></table>';

describe('preview page: plan text is text', () => {
  it('markup in every field and in the body shows as written, escaped; no element a plan could bring', () => {
    const yaml = (s: string): string => JSON.stringify(s);
    const text = [
      '---',
      'template: nq43',
      'variant: state',
      `kind: ${yaml(HOSTILE)}`,
      `issuer: ${yaml(`Ủy ban nhân dân ${HOSTILE}`)}`,
      `number: ${yaml(`Số: 12/KH-UBND ${HOSTILE}`)}`,
      `place: ${yaml(HOSTILE)}`,
      `date: ${yaml(`ngày 05 tháng 6 năm 2024 ${HOSTILE}`)}`,
      `subject: ${yaml(HOSTILE)}`,
      'recipients:',
      `  - ${yaml(HOSTILE)}`,
      'signer:',
      `  authority: ${yaml(HOSTILE)}`,
      `  title: ${yaml(HOSTILE)}`,
      `  name: ${yaml(HOSTILE)}`,
      '---',
      '',
      HOSTILE,
      '',
      `## I. ${HOSTILE}`,
      '',
      `${HOSTILE} *${HOSTILE}*[^1]`,
      '',
      `- ${HOSTILE}`,
      '',
      `[^1]: ${HOSTILE}`,
      '',
    ].join('\n');
    const findings = checkText('plan.md', text, kb(), { lang: 'vi' }).findings;
    const { body, document } = page(text, findings, 3);
    for (const tag of tagsOf(body)) assert.ok(ALLOWED_TAGS.has(tag), `<${tag}> in the page`);
    const scripts = [...body.matchAll(/<script([^>]*)>/gu)].map((m) => m[1]);
    assert.deepEqual(scripts, [' type="application/json" id="plan43-data"'], 'the only script of the body is data');
    assert.doesNotMatch(body, /<iframe|<img|<script>/u);
    // Every copy of the hostile text is there, escaped (marks of findings aside).
    const plain = body.replace(/<\/?mark[^>]*>/gu, '');
    const escaped = escapeHtml(HOSTILE);
    assert.ok(plain.split(escaped).length - 1 >= 8, `escaped copies: ${plain.split(escaped).length - 1}`);
    // The data block cannot be closed by plan text.
    const data = /<script type="application\/json" id="plan43-data">([\s\S]*?)<\/script>/u.exec(body)![1];
    assert.doesNotMatch(data, /</u);
    assert.ok(JSON.parse(data));
    // The document: one style sheet and one script, both with the nonce; nothing from elsewhere.
    assert.equal((document.match(/<script nonce="TEST-NONCE">/gu) ?? []).length, 1);
    assert.equal((document.match(/<style nonce="TEST-NONCE"/gu) ?? []).length, 2);
    assert.match(document, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-TEST-NONCE'; script-src 'nonce-TEST-NONCE'; img-src data:; font-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'">/u);
    assert.doesNotMatch(document, / style="|https?:\/\/|<link|@import|url\(/u, 'no inline style attribute, no remote or file resource');
    assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('preview page: findings on the page', () => {
  const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-003-kien-giang.md'), 'utf8');
  const at = (s: string, nth = 0): number => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(s, i + 1);
    return i;
  };
  const finding = (start: number, end: number, severity: Finding['severity'], ruleId: string, message: string, fix?: string): Finding => ({
    ruleId,
    severity,
    message,
    start,
    end,
    ...(fix ? { fix: { title: fix, edits: [], kind: 'mechanical' as const } } : {}),
  });

  it('marks each finding on the text it covers, with its severity, message and quick fix; overlaps split the text', () => {
    const xvii = at('khóa XVII') + 'khóa '.length;
    const findings = [
      finding(xvii, xvii + 4, 'warning', 'citation.term-mismatch', 'Sai khóa', 'Sửa thành khóa XIII'),
      finding(xvii - 5, xvii + 2, 'error', 'test.overlap', 'Chồng lấn'),
    ];
    const { body, marked } = page(text, findings, 1, 'seed.md');
    assert.equal(marked, 2);
    assert.match(body, /<mark class="finding sev-error" data-f="1" title="Lỗi: Chồng lấn \(test\.overlap\)" tabindex="0">khóa <\/mark>/u);
    assert.match(body, /<mark class="finding sev-error" data-f="0 1" title="Cảnh báo: Sai khóa \(citation\.term-mismatch\)\nSửa nhanh: Sửa thành khóa XIII\n\nLỗi: Chồng lấn \(test\.overlap\)" tabindex="0">XV<\/mark><mark class="finding sev-warning" data-f="0" [^>]*>II<\/mark>/u);
  });

  it('an empty finding marks the character it stands before; a finding on a blank number marks the blank too', () => {
    const place = at('khóa XVII');
    // form.number at submission covers the whole value, quotes included.
    const number = text.indexOf('"Số: /KH-UBND"');
    const { body } = page(text, [finding(place, place, 'info', 'test.empty', 'Ở đây'), finding(number, number + 14, 'error', 'form.number', 'Thiếu số')], 2, 'seed.md');
    assert.match(body, /<mark class="finding sev-info" data-f="0" [^>]*>k<\/mark>hóa/u);
    assert.match(
      body,
      /<mark class="finding sev-error" data-f="1" [^>]*>Số:<\/mark><span class="blank" [^>]*><mark class="finding sev-error" data-f="1" [^>]*> {8}<\/mark><\/span><mark class="finding sev-error" data-f="1" [^>]*>\/KH-UBND<\/mark>/u,
    );
  });

  it('a finding with no place on the printed page is listed in the banner, where a click reveals it', () => {
    const implementsKey = text.indexOf('implements:');
    const { body, marked } = page(text, [finding(implementsKey, implementsKey + 10, 'warning', 'test.front', 'Khóa implements')], 0, 'seed.md');
    assert.equal(marked, 0);
    assert.match(body, /<details class="off-page"><summary>Không nằm trên trang in \(1\)<\/summary><ul><li><a href="#" class="finding-link sev-warning" data-f="0" [^>]*>Khóa implements <span class="rule">\(test\.front\)<\/span><\/a><\/li><\/ul><\/details>/u);
    const data = JSON.parse(/id="plan43-data">([\s\S]*?)<\/script>/u.exec(body)![1]) as { findings: Array<{ placed: boolean; range: { start: { line: number } } }> };
    assert.deepEqual(data.findings.map((f) => [f.placed, f.range.start.line]), [[false, text.slice(0, implementsKey).split('\n').length - 1]]);
  });

  it('marks at most MAX_MARKED findings, the most severe first, and says how many more there are', () => {
    const body = at('Thực hiện hiệu quả');
    const many: Finding[] = Array.from({ length: MAX_MARKED + 500 }, (_, i) =>
      finding(body + (i % 300), body + (i % 300) + 1, i < 10 ? 'error' : 'hint', i < 10 ? 'test.error' : 'test.hint', `điểm ${i}`),
    );
    const { body: html, marked } = page(text, many, 0, 'seed.md');
    assert.equal(marked, MAX_MARKED);
    assert.match(html, /<span class="hidden-count">500 điểm khác không được đánh dấu \(xem khung Problems\)<\/span>/u);
    const data = JSON.parse(/id="plan43-data">([\s\S]*?)<\/script>/u.exec(html)![1]) as { findings: Array<{ ruleId: string }> };
    assert.equal(data.findings.length, MAX_MARKED);
    assert.equal(data.findings.filter((f) => f.ruleId === 'test.error').length, 10, 'every error is kept');
  });

  it('the banner says what blocks, in the drafter\'s language; a page exported to a file has no banner', () => {
    assert.match(page(text, [], 1).body, /<div class="banner blocking" role="status"><div class="headline"><span class="count">1 lỗi chặn trình ký<\/span>/u);
    assert.match(page(text, [], 0).body, /<span class="count">Không có lỗi chặn trình ký<\/span>/u);
    assert.doesNotMatch(page(text, [], null).body, /class="banner/u);
  });

  it('formats are classes of the page\'s own style sheet: the export\'s sizes, indents and spacing', () => {
    const { body, css } = page(text, [], 0, 'seed.md');
    const bodyClass = /<p class="p r-body (f\d+)"/u.exec(body)![1];
    assert.match(css, new RegExp(`\\.${bodyClass}\\{font-size:14pt;text-align:justify;padding-top:0pt;padding-bottom:6pt;text-indent:12\\.7mm;line-height:1\\.321\\}`, 'u'));
    assert.match(css, /@page|\.doc\{font-family:'Times New Roman','Liberation Serif','Tinos','Nimbus Roman','Times',serif;--page-w:210mm;--page-h:297mm;--m-top:20mm;--m-bottom:20mm;--m-left:30mm;--m-right:15mm;--text-w:165mm\}/u);
    const recipient = /<p class="p r-recipient (f\d+)"/u.exec(body)![1];
    assert.match(css, new RegExp(`\\.${recipient}\\{font-size:11pt;text-align:left;padding-top:0pt;padding-bottom:0pt;padding-left:2\\.251mm;text-indent:-2\\.251mm;line-height:1\\.149\\}`, 'u'));
  });
});
