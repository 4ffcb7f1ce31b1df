// Code actions over LSP: a quick fix round trip, "fix all" (mechanical fixes) as a source action, and "insert all missing sections" (action, request, command).

import assert from 'node:assert/strict';
import { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { Finding } from '../../server/src/core/findings';
import { fixAll } from '../../server/src/core/fix';
import { PLAN_FIXTURES } from '../support/paths';
import { TestClient, uri } from './client';
import { coreFindings, fixture, withoutSection, withoutSubsections } from './helpers';

const editsOf = (action: CodeAction, docUri: string): TextEdit[] => action.edit?.changes?.[docUri] ?? [];
const hasFix = (d: Diagnostic): boolean => !!(d.data as { fix?: unknown } | undefined)?.fix;

describe('protocol: code actions', () => {
  let client: TestClient;
  let n = 0;
  before(async () => {
    client = await TestClient.start({ workspaceFolders: [PLAN_FIXTURES] });
  });
  after(async () => {
    await client.dispose();
  });

  for (const name of ['seed-000-hau-giang.md', 'seed-003-kien-giang.md', 'seed-003-kien-giang.yaml']) {
    it(`${name}: applying a quick fix removes its finding`, async () => {
      const { file, text } = fixture(name);
      const docUri = uri(file);
      client.open(docUri, text);
      const before = await client.pull(docUri);
      const fixable = before.filter(hasFix);
      assert.ok(fixable.length > 0, `${name} has fixable findings`);
      for (const target of [fixable[0], fixable[fixable.length - 1]]) {
        const diagnostics = await client.pull(docUri);
        const current = diagnostics.find((d) => d.code === target.code && d.message === target.message) ?? target;
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri: docUri },
          range: current.range,
          context: { diagnostics: [current] },
        });
        const quickFix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.length === 1);
        assert.ok(quickFix, `a quick fix for ${String(current.code)}`);
        // The fix of the finding the diagnostic stands for, in the text as it is now.
        const doc = client.document(docUri);
        const finding = coreFindings(docUri, doc.getText()).find(
          (f) => f.ruleId === current.code && f.message === current.message && doc.offsetAt(current.range.start) === f.start && doc.offsetAt(current.range.end) === f.end,
        );
        assert.ok(finding?.fix, `${String(current.code)} is fixable`);
        assert.deepEqual(current.data, { fix: finding.fix.kind });
        assert.equal(quickFix.title, finding.fix.title);
        client.edit(docUri, editsOf(quickFix, docUri));
        const after = await client.pull(docUri);
        // The text before the fixed place is unchanged, so the finding would start where it did.
        const same = (d: Diagnostic): boolean =>
          d.code === current.code && d.range.start.line === current.range.start.line && d.range.start.character === current.range.start.character;
        assert.equal(after.filter(same).length, 0, `${String(current.code)} "${current.message}" is gone`);
        const ofRule = (list: Diagnostic[]): number => list.filter((d) => d.code === current.code).length;
        assert.ok(ofRule(after) < ofRule(diagnostics));
      }
      client.close(docUri);
    });
  }

  it('a quick fix asked with a diagnostic of an older version fixes the text as it is now, or is not offered', async () => {
    // Diagnostics carry no fix: the server takes it from the current version's findings, so a
    // diagnostic the client still holds after more typing must get that version's edits.
    const { file, text } = fixture('seed-002-ha-tinh.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const held = (await client.pull(docUri)).filter(hasFix);
    assert.ok(held.length > 2);
    const quickFixesFor = async (d: Diagnostic): Promise<CodeAction[]> =>
      (
        await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: docUri }, range: d.range, context: { diagnostics: [d] } })
      ).filter((a) => a.kind === 'quickfix' && a.diagnostics?.length === 1);
    const expectedFor = (d: Diagnostic): TextEdit[] | undefined => {
      const doc = client.document(docUri);
      const finding = coreFindings(docUri, doc.getText()).find(
        (f) => f.ruleId === d.code && f.message === d.message && doc.offsetAt(d.range.start) === f.start && doc.offsetAt(d.range.end) === f.end && f.fix,
      );
      return finding?.fix?.edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
    };
    const lines = text.split('\n');
    for (const [where, at] of [
      ['after every finding (they stay where they are)', { line: lines.length - 1, character: lines[lines.length - 1].length }],
      ['before every finding (they move a line down)', { line: 0, character: 0 }],
    ] as const) {
      client.edit(docUri, [{ range: { start: at, end: at }, newText: where.startsWith('after') ? ' x' : '\n' }]);
      await client.pull(docUri);
      for (const d of held) {
        const expected = expectedFor(d);
        const actions = await quickFixesFor(d);
        if (!expected) {
          assert.deepEqual(actions, [], `no quick fix for ${String(d.code)} held from an older version, ${where}`);
          continue;
        }
        assert.equal(actions.length, 1, `${String(d.code)}, ${where}`);
        assert.deepEqual(editsOf(actions[0], docUri), expected, `${String(d.code)}: the edits of the text as it is, ${where}`);
      }
      if (where.startsWith('before')) assert.ok(held.some((d) => !expectedFor(d)), 'a moved finding is not fixed at its old place');
      else assert.ok(held.every((d) => expectedFor(d)), 'a finding that did not move keeps its quick fix');
    }
    client.close(docUri);
  });

  it('source.fixAll.plan43 applies every mechanical fix, one edit per changed line', async () => {
    const { file, text } = fixture('seed-002-ha-tinh.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const before = await client.pull(docUri);
    assert.ok(before.filter(hasFix).length > 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.plan43']);
    const edits = editsOf(actions[0], docUri);
    assert.ok(edits.length > 1, 'not one edit from the first change to the last');
    for (let i = 1; i < edits.length; i++) assert.ok(edits[i - 1].range.end.line < edits[i].range.start.line, 'sorted, one per line');
    const fixed = client.edit(docUri, edits);
    const check = (t: string): Finding[] => coreFindings(docUri, t);
    assert.equal(fixed.getText(), fixAll(text, check).text, 'the text plan43 check --fix writes');
    const after = await client.pull(docUri);
    assert.deepEqual(after.filter(hasFix).map((d) => `${String(d.code)}: ${d.message}`), []);
    assert.ok(after.length < before.length);
    // The same result as the core's own fix loop (plan43 check --fix).
    assert.deepEqual(coreFindings(docUri, fixed.getText()).filter((f) => f.fix), []);
    client.close(docUri);
  });

  it('fix all inserts no section and no task group; their quick fixes are offered but never preferred', async () => {
    const docUri = `file:///actions/gappy-${++n}.md`;
    const text = gappy();
    client.open(docUri, text);
    const before = await client.pull(docUri);
    const missing = before.filter(inserting);
    assert.ok(missing.length >= 3);
    const all = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    // Only the renumbering is mechanical here: applying it leaves every missing part reported.
    const fixed = all.length ? client.edit(docUri, editsOf(all[0], docUri)).getText() : text;
    assert.ok(!fixed.includes('…'), 'fix all inserted a placeholder');
    assert.equal((await client.pull(docUri)).filter(inserting).length, missing.length);
    const target = (await client.pull(docUri)).find(inserting)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: target.range,
      context: { diagnostics: [target] },
    });
    const quick = actions.filter((a) => a.kind === 'quickfix' && a.diagnostics?.length === 1);
    assert.equal(quick.length, 1, 'the insertion is offered as a quick fix');
    assert.equal(quick[0].isPreferred, false);
    client.close(docUri);
  });

  it('source actions are only given when asked for, and nothing for an ordinary file', async () => {
    const { file, text } = fixture('seed-000-hau-giang.md');
    const docUri = uri(file);
    client.open(docUri, text);
    const unasked = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(!unasked.some((a) => a.kind?.startsWith('source')));
    const readme = 'file:///actions/README.md';
    client.open(readme, '# Title\n\nText  with  spaces.\n');
    const none = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: readme },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source'] },
    });
    assert.deepEqual(none, []);
    client.close(docUri);
  });

  /** A party plan without its objectives section and without two task groups. */
  function gappy(): string {
    return withoutSubsections(withoutSection(fixture('clean-party.md').text, 'II. MỤC TIÊU'), ['6. ', '7. ']);
  }
  const inserting = (d: Diagnostic): boolean => d.code === 'section.missing' || d.code === 'task-group.missing';

  it('source.plan43.insertMissingSections inserts every missing section and task group', async () => {
    const docUri = `file:///actions/gappy-${++n}.md`;
    client.open(docUri, gappy());
    const before = await client.pull(docUri);
    assert.ok(before.filter(inserting).length >= 3, before.map((d) => d.code).join(', '));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.plan43.insertMissingSections'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.plan43.insertMissingSections']);
    client.edit(docUri, editsOf(actions[0], docUri));
    const after = await client.pull(docUri);
    assert.deepEqual(after.filter(inserting), []);
  });

  it('the plan43/insertMissingSections request returns the same edits, and the command applies them', async () => {
    const docUri = `file:///actions/gappy-${++n}.md`;
    client.open(docUri, gappy());
    const { edits } = await client.request<{ edits: TextEdit[] }>('plan43/insertMissingSections', { uri: docUri });
    assert.ok(edits.length > 0);
    const applied = client.waitFor<{ edit: WorkspaceEdit }>('workspace/applyEdit');
    const result = await client.request<{ applied: boolean }>('workspace/executeCommand', {
      command: 'plan43.server.insertMissingSections',
      arguments: [docUri],
    });
    assert.deepEqual(result, { applied: true });
    const { edit } = await applied;
    const change = edit.documentChanges?.[0] as { textDocument: { uri: string; version: number }; edits: TextEdit[] };
    assert.deepEqual(change.textDocument, { uri: docUri, version: 1 });
    assert.deepEqual(change.edits, edits);
    client.edit(docUri, edits);
    assert.deepEqual((await client.pull(docUri)).filter(inserting), []);
    // Nothing is left to insert.
    assert.deepEqual((await client.request<{ edits: TextEdit[] }>('plan43/insertMissingSections', { uri: docUri })).edits, []);
  });
});
