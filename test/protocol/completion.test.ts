// Completion in each context: top level, tasks section, implementation section, citations, front matter, YAML plans.

import assert from 'node:assert/strict';
import { CompletionItem, CompletionList, InsertTextFormat } from 'vscode-languageserver/node';
import { parsePlan } from '../../server/src/core/document/parse';
import { PLAN_FIXTURES } from '../support/paths';
import { TestClient } from './client';
import { accept, coreFindings, fixture, insertLines, inserted, lineOf, withoutSection, withoutSubsections } from './helpers';

describe('protocol: completion', () => {
  let client: TestClient;
  let n = 0;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES] });
  });
  after(async () => {
    await client.dispose();
  });

  /** Opens `text` as a fresh document and asks for completion at line/character. */
  async function complete(text: string, line: number, character: number, ext = 'md', triggerCharacter?: string): Promise<{ uri: string; items: CompletionItem[] }> {
    const docUri = `file:///completion/plan-${++n}.${ext}`;
    client.open(docUri, text);
    const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
    const result = await client.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri: docUri }, position: { line, character }, context });
    return { uri: docUri, items: Array.isArray(result) ? result : result.items };
  }

  const party = (): string => fixture('clean-party.md').text;
  const state = (): string => fixture('clean-state.md').text;

  it('at the top level, offers the missing sections in template order with their skeleton', async () => {
    const text = withoutSection(party(), 'II. MỤC TIÊU');
    const at = lineOf(text, /^## III\./);
    const typed = insertLines(text, at, ['## ', '']);
    const { items } = await complete(typed, at, 3);
    const labels = items.map((i) => i.label);
    // The objectives slot has two forms; both are offered, numbered for where they are inserted.
    assert.deepEqual(labels.sort(), ['## II. MỤC TIÊU', '## II. QUAN ĐIỂM, MỤC TIÊU'].sort());
    const objectives = items.find((i) => i.label === '## II. MỤC TIÊU')!;
    assert.equal(objectives.insertTextFormat, InsertTextFormat.Snippet);
    const result = accept(typed, objectives);
    assert.match(result, /## II\. MỤC TIÊU\n\n### 1\. /);
    // Accepting it fills the gap: the section is no longer missing.
    assert.ok(!coreFindings('x.md', result).some((f) => f.ruleId === 'section.missing'));
  });

  it('on an empty line before the first section, offers the missing sections too', async () => {
    const text = withoutSection(party(), 'I. MỤC ĐÍCH');
    const at = lineOf(text, /^## II\./);
    const typed = insertLines(text, at, ['']);
    const { items } = await complete(typed, at, 0);
    assert.ok(items.some((i) => i.label === '## I. MỤC ĐÍCH, YÊU CẦU'));
    assert.ok(items.some((i) => i.label === '## I. TÌNH HÌNH VÀ NGUYÊN NHÂN'));
    assert.ok(!items.some((i) => /MỤC TIÊU|NHIỆM VỤ/.test(String(i.label))), 'present sections are not offered');
    // A space typed on an empty line is indentation: no list pops up.
    const spaced = insertLines(text, at, [' ']);
    assert.deepEqual((await complete(spaced, at, 1, 'md', ' ')).items, []);
  });

  it('uses the document\'s numeral style ("I-")', async () => {
    const { text } = fixture('seed-004-can-tho.md');
    const without = withoutSection(text, 'II- QUAN ĐIỂM');
    const at = lineOf(without, /^## III- /);
    const typed = insertLines(without, at, ['##', '']);
    const { items } = await complete(typed, at, 2);
    assert.ok(items.length > 0);
    for (const i of items) assert.match(String(i.label), /^## II- /);
  });

  it('under the tasks section, offers the task groups still missing', async () => {
    const text = withoutSubsections(party(), ['2. ', '3. ']);
    const at = lineOf(text, /^### 4\. /);
    const typed = insertLines(text, at, ['### ', '']);
    const { items } = await complete(typed, at, 4);
    assert.deepEqual(
      items.map((i) => String(i.label).slice(0, 20)),
      ['### 2. Hoàn thiện ch', '### 2. Xây dựng, chỉ'],
    );
    const result = accept(typed, items[0]);
    assert.ok(!coreFindings('x.md', result).some((f) => f.ruleId === 'task-group.missing' && /Hoàn thiện/.test(f.message)));
  });

  it('under the implementation section, offers the variant\'s assignments not yet made', async () => {
    const text = state();
    const at = lineOf(text, /TỔ CHỨC THỰC HIỆN/);
    // Drop every numbered assignment, then start a new line under the heading.
    const lines = text.split('\n');
    let end = at + 1;
    while (end < lines.length && !/^(## |Trên đây là)/.test(lines[end])) end++;
    lines.splice(at + 1, end - at - 1, '', '', '');
    const typed = lines.join('\n');
    const { items } = await complete(typed, at + 1, 0);
    const assignments = items.filter((i) => /^\d+\. /.test(String(i.label)));
    assert.ok(assignments.length >= 3, `assignments offered: ${items.map((i) => i.label).join(' | ')}`);
    assert.match(inserted(assignments[0]), /^1\. /);
    assert.ok(assignments.some((i) => /^Đề nghị/.test(inserted(i).replace(/^\d+\. /, ''))), 'the state variant asks the Front');
  });

  it('in text, a symbol prefix offers the full first citation, or the short form when already cited', async () => {
    const text = party();
    const at = lineOf(text, /^## II\./);
    const typed = insertLines(text, at, ['Căn cứ 45-', '']);
    const { items } = await complete(typed, at, 'Căn cứ 45-'.length);
    const item = items.find((i) => i.label === '45-NQ/TW');
    assert.ok(item, 'the registry symbol is offered');
    assert.match(inserted(item), /^Nghị quyết số 45-NQ\/TW, ngày \d\d\/\d\d\/\d{4} của .+ khóa XIII về /);

    // 43-NQ/TW is cited in full in the preamble: the short form follows.
    const typed2 = insertLines(text, at, ['Thực hiện Nghị quyết số ', '']);
    const { items: items2 } = await complete(typed2, at, 'Thực hiện Nghị quyết số '.length);
    const short = items2.find((i) => i.label === '43-NQ/TW');
    assert.ok(short);
    assert.equal(inserted(short), 'Nghị quyết số 43-NQ/TW');
    assert.ok(items2.every((i) => /^Nghị quyết số /.test(inserted(i))), 'only resolutions follow "Nghị quyết số"');
    // Accepting it leaves a citation the core reads as the short form of a cited document.
    const result = accept(typed2, short);
    assert.ok(result.includes('Thực hiện Nghị quyết số 43-NQ/TW\n'));
  });

  it('in the front matter, offers the keys not yet present and the values of variant, kind, template and signer', async () => {
    const text = party().replace(/^place: .*\n/m, '').replace(/^kind: .*\n/m, '');
    const at = lineOf(text, /^template:/);
    const typed = insertLines(text, at, ['']);
    const { items } = await complete(typed, at, 0);
    assert.deepEqual(items.map((i) => i.label).sort(), ['kind', 'place']);

    const variantLine = lineOf(text, /^variant:/);
    const v = text.split('\n');
    v[variantLine] = 'variant: ';
    const { items: variants } = await complete(v.join('\n'), variantLine, 'variant: '.length);
    assert.deepEqual(variants.map((i) => i.label).sort(), ['party', 'state']);

    const templateLine = lineOf(text, /^template:/);
    const t = text.split('\n');
    t[templateLine] = 'template: ';
    const { items: templates } = await complete(t.join('\n'), templateLine, 'template: '.length);
    assert.deepEqual(templates.map((i) => i.label), ['nq43']);

    const kindText = insertLines(text, variantLine + 1, ['kind: ']);
    const { items: kinds } = await complete(kindText, variantLine + 1, 'kind: '.length);
    assert.deepEqual(kinds.map((i) => i.label).sort(), ['CHƯƠNG TRÌNH', 'CHƯƠNG TRÌNH HÀNH ĐỘNG', 'KẾ HOẠCH'].sort());

    const authorityLine = lineOf(text, /^ {2}authority:/);
    const a = text.split('\n');
    a[authorityLine] = '  authority: ';
    const { items: authorities } = await complete(a.join('\n'), authorityLine, '  authority: '.length);
    const labels = authorities.map((i) => String(i.label).trim());
    for (const prefix of ['T/M', 'K/T']) assert.ok(labels.includes(prefix), `${prefix} offered: ${labels.join(', ')}`);
    assert.ok(!labels.includes('TM.'), 'a Party plan is not offered the state prefixes');
  });

  it('in a YAML plan, offers the missing top-level keys and the missing sections as list items', async () => {
    const { text } = fixture('seed-003-kien-giang.yaml');
    const withoutPlace = text.replace(/^place:.*\n/m, '');
    const at = lineOf(withoutPlace, /^template:/);
    const { items } = await complete(insertLines(withoutPlace, at, ['']), at, 0, 'yaml');
    assert.ok(items.some((i) => i.label === 'place'));
    assert.ok(!items.some((i) => i.label === 'template' || i.label === 'sections'));

    const sectionsLine = lineOf(text, /^sections:/);
    const typed = insertLines(text, sectionsLine + 1, ['  - heading: ']);
    const { items: sections } = await complete(typed, sectionsLine + 1, '  - heading: '.length, 'yaml');
    // Seed 003 has every required section; the optional objectives section may still be added.
    assert.ok(sections.some((i) => /MỤC TIÊU/.test(String(i.label))), sections.map((i) => i.label).join(' | '));
    assert.match(inserted(sections[0]), /^- heading: "I\. MỤC TIÊU"\n {4}sections:\n {6}- heading: "1\. Mục tiêu chung"/);
    // The item is valid YAML in place: the plan now has the section, and no syntax problem.
    const result = parsePlan('plan.yaml', accept(typed, sections[0]));
    assert.deepEqual(result.problems, []);
    assert.equal(result.sections[0].heading.raw.text, 'I. MỤC TIÊU');
  });

  it('gives nothing in an ordinary Markdown file', async () => {
    const { items } = await complete('# Notes\n\n## \n\nNghị quyết số \n', 2, 3);
    assert.deepEqual(items, []);
  });
});
