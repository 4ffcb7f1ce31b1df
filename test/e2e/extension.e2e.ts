// The extension inside a real VS Code: activation, diagnostics of a seed plan, completion, a quick fix, "Check for submission", the preview and settings, through the public vscode API.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  codeOf,
  describeDiagnostics,
  diagnosticKeys,
  EXTENSION_ID,
  expectedFindings,
  expectedSubmissionOnly,
  fileExists,
  keys,
  openInEditor,
  planDiagnostics,
  REPO_ROOT,
  sameKeys,
  setWorkspaceSetting,
  START_MS,
  targetOf,
  waitFor,
  waitForDiagnostics,
  within,
  workspaceFile,
} from './support';

const SEED = path.join(REPO_ROOT, 'test', 'fixtures', 'plans', 'seed-003-kien-giang.md');
const CLEAN_STATE = path.join(REPO_ROOT, 'test', 'fixtures', 'plans', 'clean-state.md');
const SEED_TEXT = fs.readFileSync(SEED, 'utf8');

/**
 * What seed 003 gives while drafting, beyond its markers: the severity of each rule and the text
 * each diagnostic's range covers (README: drafting severities; fixture README: the markers).
 */
const SEED_SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  'form.recipients': vscode.DiagnosticSeverity.Warning,
  'citation.term-mismatch': vscode.DiagnosticSeverity.Warning,
  'citation.first-incomplete': vscode.DiagnosticSeverity.Warning,
  'text.tone-style': vscode.DiagnosticSeverity.Hint,
  'task-group.order': vscode.DiagnosticSeverity.Hint,
};
const SEED_RANGES: Record<string, string[]> = {
  'form.recipients@23': ['LĐVP. UBND tỉnh'],
  'form.recipients@25': ['"Lưu: VT, ckbich"'],
  'citation.term-mismatch@33': ['XVII'],
  'text.tone-style@71': ['hoá', 'hoá'],
  'text.tone-style@77': ['hoà'],
  'text.tone-style@85': ['xoá', 'hoá'],
  'citation.first-incomplete@97': ['Kết luận số 21-KL/TW'],
  'task-group.order@139': ['7. Phát huy dân chủ xã hội chủ nghĩa, tiềm năng và sức sáng tạo của Nhân dân'],
  'citation.term-mismatch@171': ['XVII'],
};
const SEED_KEYS = keys(expectedFindings(SEED_TEXT));

/** Copies of the fixtures in the workspace folder, one per test that edits or reconfigures. */
const FILES = {
  diagnostics: 'diagnostics.md',
  quickFix: 'quick-fix.md',
  submission: 'submission.md',
  settings: 'settings.md',
  completion: 'completion.md',
  notes: 'notes.md',
  preview: 'preview.md',
  previewOther: 'preview-other.md',
} as const;

const NOTES_TEXT = '# Meeting notes\n\nAn ordinary Markdown file: it names no template, so it is not a plan.\n\n- Nghị quyết số 43-NQ/TW khóa XVII\n';

function seedReady(list: vscode.Diagnostic[]): boolean {
  return sameKeys(diagnosticKeys(list), SEED_KEYS);
}

async function writeWorkspaceFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

const extensionWasActiveAtStart = vscode.extensions.getExtension(EXTENSION_ID)?.isActive;

suite('Plan43 in VS Code', () => {
  suiteSetup(async () => {
    assert.ok(fs.existsSync(SEED), `fixture missing: ${SEED}`);
    await writeWorkspaceFile(FILES.diagnostics, SEED_TEXT);
    await writeWorkspaceFile(FILES.quickFix, SEED_TEXT);
    await writeWorkspaceFile(FILES.submission, SEED_TEXT);
    await writeWorkspaceFile(FILES.settings, SEED_TEXT);
    await writeWorkspaceFile(FILES.completion, fs.readFileSync(CLEAN_STATE, 'utf8'));
    await writeWorkspaceFile(FILES.notes, NOTES_TEXT);
    await writeWorkspaceFile(FILES.preview, SEED_TEXT);
    await writeWorkspaceFile(FILES.previewOther, fs.readFileSync(CLEAN_STATE, 'utf8'));
    // Messages in Vietnamese whatever the display language; the settings test switches to English.
    await setWorkspaceSetting('plan43', 'language', 'vi');
  });

  suiteTeardown(async () => {
    await setWorkspaceSetting('plan43', 'language', undefined);
    await setWorkspaceSetting('plan43', 'rules', undefined);
  });

  suite('activation', () => {
    test('the extension is installed from the development folder and not active before a file is opened', () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
      // The runners name the folder they passed as extensionDevelopmentPath.
      const expected = process.env.PLAN43_E2E_EXTENSION_PATH || REPO_ROOT;
      assert.equal(path.resolve(ext.extensionPath), path.resolve(expected), 'the extension under test is not the development folder');
      assert.equal(extensionWasActiveAtStart, false, 'the extension was active before any Markdown or YAML file was opened');
    });

    test('opening a plan activates it and brings the plan its diagnostics', async () => {
      const uri = workspaceFile(FILES.diagnostics);
      await openInEditor(uri);
      await waitForDiagnostics(uri, 'the diagnostics of the seed plan', (list) => list.length > 0, START_MS);
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    });

    test('an ordinary Markdown file gets no diagnostics, and gets them only while it names the template', async () => {
      const uri = workspaceFile(FILES.notes);
      const editor = await openInEditor(uri);
      // The seed plan, opened before, has its diagnostics: the server is answering.
      await waitForDiagnostics(workspaceFile(FILES.diagnostics), 'the seed plan to be checked', seedReady);
      assert.deepEqual(planDiagnostics(uri), [], 'an ordinary Markdown file got diagnostics');

      // Naming the template makes it a plan (with findings: it has none of the sections)…
      const frontMatter = '---\ntemplate: nq43\nvariant: state\n---\n\n';
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), frontMatter)));
      const asPlan = await waitForDiagnostics(uri, 'diagnostics once the file names the template', (list) => list.length > 0);
      assert.ok(asPlan.some((d) => codeOf(d).startsWith('section.')), `expected section findings, got ${describeDiagnostics(asPlan)}`);

      // …and removing the name makes it an ordinary file again, without diagnostics.
      const lines = frontMatter.split('\n').length - 1;
      assert.ok(await editor.edit((b) => b.delete(new vscode.Range(0, 0, lines, 0))));
      assert.equal(editor.document.getText(), NOTES_TEXT);
      await waitForDiagnostics(uri, 'no diagnostics once the template is no longer named', (list) => list.length === 0);
    });
  });

  suite('diagnostics of a converted seed plan (seed 003, Kiên Giang)', () => {
    let list: vscode.Diagnostic[] = [];
    const uri = (): vscode.Uri => workspaceFile(FILES.diagnostics);

    suiteSetup(async () => {
      await openInEditor(uri());
      list = await waitForDiagnostics(uri(), `the findings marked in the fixture (${SEED_KEYS.length})`, seedReady);
    });

    test('the rule codes and lines are those the fixture marks, no more and no fewer', () => {
      assert.ok(SEED_KEYS.length >= 10, 'the fixture lost its markers');
      assert.deepEqual(diagnosticKeys(list), SEED_KEYS);
      // The blank number and day are submission findings, not drafting ones.
      const submissionOnly = new Set(expectedSubmissionOnly(SEED_TEXT).map((e) => e.ruleId));
      assert.ok(submissionOnly.has('form.number') && submissionOnly.has('form.date'));
      assert.ok(!list.some((d) => submissionOnly.has(codeOf(d))), 'a submission-only finding is shown while drafting');
    });

    test('each diagnostic has the drafting severity of its rule and the source "plan43"', () => {
      for (const d of list) {
        const code = codeOf(d);
        assert.ok(code in SEED_SEVERITY, `unexpected rule ${code}`);
        assert.equal(vscode.DiagnosticSeverity[d.severity], vscode.DiagnosticSeverity[SEED_SEVERITY[code]], `severity of ${code}`);
        assert.equal(d.source, 'plan43');
      }
    });

    test('each range covers the flagged text', () => {
      const doc = vscode.workspace.textDocuments.find((t) => t.uri.toString() === uri().toString());
      assert.ok(doc);
      const covered: Record<string, string[]> = {};
      for (const d of list) {
        const key = `${codeOf(d)}@${d.range.start.line + 1}`;
        assert.equal(d.range.start.line, d.range.end.line, `${key} spans lines`);
        (covered[key] ??= []).push(doc.getText(d.range));
      }
      for (const texts of Object.values(covered)) texts.sort();
      const expected = Object.fromEntries(Object.entries(SEED_RANGES).map(([k, v]) => [k, [...v].sort()]));
      assert.deepEqual(covered, expected);
    });

    test('each code links to the rule page in docs/rules/', () => {
      for (const d of list) {
        const target = targetOf(d);
        assert.ok(target, `${codeOf(d)} has no documentation link`);
        assert.equal(target.scheme, 'file');
        assert.ok(target.path.endsWith(`/docs/rules/${codeOf(d)}.md`), `link of ${codeOf(d)}: ${target.toString()}`);
        assert.ok(fileExists(target), `the rule page ${path.relative(REPO_ROOT, target.fsPath)} does not exist`);
      }
    });

    test('messages are in Vietnamese and name what to write', () => {
      const term = list.filter((d) => codeOf(d) === 'citation.term-mismatch');
      assert.equal(term.length, 2);
      for (const d of term) assert.match(d.message, /khóa XIII/);
      const tone = list.find((d) => codeOf(d) === 'text.tone-style');
      assert.match(tone?.message ?? '', /hóa|hòa|xóa/);
    });
  });

  suite('completion', () => {
    test('a missing task group is offered on an empty line and inserts the standard clause of the Resolution', async () => {
      const uri = workspaceFile(FILES.completion);
      const editor = await openInEditor(uri);
      const doc = editor.document;
      const text = doc.getText();
      const start = text.indexOf('### 7.');
      const end = text.indexOf('## III.');
      assert.ok(start > 0 && end > start, 'clean-state.md changed: task group 7 and section III not found');
      const title = text.slice(start + '### 7. '.length, text.indexOf('\n', start)).trim();

      // Remove task group 7: the plan now misses it.
      assert.ok(await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(start), doc.positionAt(end)), '\n\n')));
      await waitForDiagnostics(uri, 'task-group.missing after deleting task group 7', (list) => list.some((d) => codeOf(d) === 'task-group.missing'));

      const line = doc.positionAt(start).line;
      assert.equal(doc.lineAt(line).text, '', 'the line of the removed group is not empty');
      const position = new vscode.Position(line, 0);
      const completions = await within(
        'vscode.executeCompletionItemProvider',
        vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position),
      );
      const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
      const item = completions.items.find((i) => labelOf(i).startsWith('### 7.') && labelOf(i).includes('phong trào thi đua'));
      assert.ok(item, `no completion for task group 7; offered: ${completions.items.map(labelOf).slice(0, 20).join(' | ')}`);

      // Contributed snippets are offered in plans too (the standard clauses by prefix).
      assert.ok(
        completions.items.some((i) => i.kind === vscode.CompletionItemKind.Snippet && labelOf(i) === 'tcth-daumoi'),
        'the snippet "tcth-daumoi" is not offered',
      );

      // Accept it as the editor does: its snippet over its range.
      const insert = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString(String(item.insertText ?? labelOf(item)));
      const range = item.range instanceof vscode.Range ? item.range : item.range ? item.range.replacing : new vscode.Range(position, position);
      assert.ok(await editor.insertSnippet(insert, range), 'the snippet was not inserted');
      assert.ok(doc.getText().includes(`### 7. ${title}`), 'the heading of task group 7 was not inserted');
      await waitForDiagnostics(uri, 'task-group.missing to go once the group is inserted', (list) => !list.some((d) => codeOf(d).startsWith('task-group.')));
    });
  });

  suite('quick fix', () => {
    test('the fix of citation.term-mismatch, applied through vscode.executeCodeActionProvider, corrects the term', async () => {
      const uri = workspaceFile(FILES.quickFix);
      const editor = await openInEditor(uri);
      const before = await waitForDiagnostics(uri, 'the seed findings', seedReady);
      const target = before.find((d) => codeOf(d) === 'citation.term-mismatch' && d.range.start.line === 32);
      assert.ok(target);

      const actions = await within(
        'vscode.executeCodeActionProvider',
        vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
          'vscode.executeCodeActionProvider',
          uri,
          target.range,
          vscode.CodeActionKind.QuickFix.value,
        ),
      );
      const fixes = actions.filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
      // The API command does not carry the actions' diagnostics back: the fix is the preferred
      // action for this range that names the right term; "fix all" is the other one.
      const fix = fixes.find((a) => a.isPreferred && /XIII/.test(a.title));
      const shown = actions.map((a) => {
        const action = a as vscode.CodeAction;
        return `${a.title} [${action.kind?.value ?? 'command'}; ${(action.diagnostics ?? []).map(codeOf).join(',')}]`;
      });
      assert.ok(fix, `no quick fix for citation.term-mismatch; offered: ${shown.join(' | ')}`);
      assert.ok(fix.edit, 'the quick fix carries no edit');
      assert.ok(fixes.some((a) => a !== fix && /Plan43/.test(a.title)), 'no "fix all" next to the quick fix');

      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit was not applied');
      assert.equal(editor.document.getText(target.range.with({ end: target.range.start.translate(0, 4) })), 'XIII');
      const after = await waitForDiagnostics(
        uri,
        'citation.term-mismatch on line 33 to go',
        (list) => !list.some((d) => codeOf(d) === 'citation.term-mismatch' && d.range.start.line === 32) && list.length === before.length - 1,
      );
      assert.ok(after.some((d) => codeOf(d) === 'citation.term-mismatch' && d.range.start.line === 170), 'the other finding went too');
    });
  });

  suite('Check for submission', () => {
    test('plan43.checkForSubmission shows the submission report in the Markdown preview', async () => {
      const uri = workspaceFile(FILES.submission);
      await openInEditor(uri);
      await waitForDiagnostics(uri, 'the seed findings', seedReady);

      const isReport = (d: vscode.TextDocument): boolean => d.uri.scheme === 'plan43-report';
      const reportOpened = waitFor('the report document (scheme plan43-report)', [vscode.workspace.onDidOpenTextDocument], () =>
        vscode.workspace.textDocuments.find(isReport),
      );
      const previewShown = waitFor(
        'a Markdown preview tab',
        [vscode.window.tabGroups.onDidChangeTabs],
        () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('markdown.preview')),
        () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .map((t) => t.label)
            .join(', '),
      );
      // The command ends when its summary notification is answered; it is dismissed below.
      const command = vscode.commands.executeCommand('plan43.checkForSubmission', uri);
      command.then(undefined, () => undefined);

      const report = await reportOpened;
      const markdown = report.getText();
      // Submission severities: the blank number and day block submission.
      assert.match(markdown, /form\.number/);
      assert.match(markdown, /form\.date/);
      assert.match(markdown, /citation\.term-mismatch/);
      assert.match(markdown, /submission\.md/);
      const tab = await previewShown;
      assert.ok(tab.label.length > 0);

      await vscode.commands.executeCommand('notifications.clearAll');
      await within('the command to finish once its notification is dismissed', command);
    });
  });

  suite('preview', () => {
    const previewTabs = (): vscode.Tab[] =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('plan43.preview'));
    const describeTabs = (): string =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs.map((t) => `${t.label} (column ${g.viewColumn})`))
        .join(', ');

    suiteTeardown(async () => {
      for (const tab of previewTabs()) await vscode.window.tabGroups.close(tab);
    });

    test('Open Preview to the Side shows the plan beside its editor, and the preview follows the active plan', async () => {
      const uri = workspaceFile(FILES.preview);
      const editor = await openInEditor(uri);
      await waitForDiagnostics(uri, 'the seed findings', seedReady);
      assert.equal(previewTabs().length, 0);
      await vscode.commands.executeCommand('plan43.openPreviewToSide');
      const tab = await waitFor('the preview beside the plan', [vscode.window.tabGroups.onDidChangeTabs], () => previewTabs()[0], describeTabs);
      assert.equal(tab.label, `Preview ${FILES.preview}`);
      assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor, not in its place');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the editor keeps the focus');

      // Another plan becomes the active editor: the one preview shows it.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceFile(FILES.previewOther)), { viewColumn: editor.viewColumn, preview: false });
      await waitFor('the preview to follow the active plan', [vscode.window.tabGroups.onDidChangeTabs], () => previewTabs().find((t) => t.label === `Preview ${FILES.previewOther}`), describeTabs);
      assert.equal(previewTabs().length, 1, 'one preview');

      // An ordinary Markdown file does not take the preview away from the plan.
      await openInEditor(workspaceFile(FILES.notes));
      await vscode.commands.executeCommand('plan43.openPreview');
      assert.deepEqual(
        previewTabs().map((t) => t.label),
        [`Preview ${FILES.previewOther}`],
      );
    });

    test('Open Preview in place replaces nothing but opens the preview in the editor\'s column', async () => {
      for (const t of previewTabs()) await vscode.window.tabGroups.close(t);
      const editor = await openInEditor(workspaceFile(FILES.preview));
      await vscode.commands.executeCommand('plan43.openPreview', workspaceFile(FILES.preview));
      const tab = await waitFor('the preview in the editor\'s column', [vscode.window.tabGroups.onDidChangeTabs], () => previewTabs()[0], describeTabs);
      assert.equal(tab.group.viewColumn, editor.viewColumn);
      assert.ok(tab.group.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === workspaceFile(FILES.preview).toString()), 'the plan stays open');
    });
  });

  suite('settings', () => {
    const uri = (): vscode.Uri => workspaceFile(FILES.settings);

    suiteSetup(async () => {
      await openInEditor(uri());
      await waitForDiagnostics(uri(), 'the seed findings', seedReady);
    });

    suiteTeardown(async () => {
      await setWorkspaceSetting('plan43', 'language', 'vi');
      await setWorkspaceSetting('plan43', 'rules', undefined);
    });

    test('plan43.language "en" turns the messages into English', async () => {
      const vi = planDiagnostics(uri()).find((d) => codeOf(d) === 'citation.term-mismatch');
      assert.match(vi?.message ?? '', /khóa XIII/);
      await setWorkspaceSetting('plan43', 'language', 'en');
      const list = await waitForDiagnostics(uri(), 'English messages', (l) =>
        l.some((d) => codeOf(d) === 'citation.term-mismatch' && /registry gives term XIII/.test(d.message)),
      );
      assert.deepEqual(diagnosticKeys(list), SEED_KEYS, 'the language changed the findings themselves');
    });

    test('plan43.rules turns a rule off and changes the level of another', async () => {
      await setWorkspaceSetting('plan43', 'rules', { 'text.tone-style': 'off', 'task-group.order': 'error' });
      const list = await waitForDiagnostics(
        uri(),
        'text.tone-style off and task-group.order an error',
        (l) =>
          !l.some((d) => codeOf(d) === 'text.tone-style') &&
          l.some((d) => codeOf(d) === 'task-group.order' && d.severity === vscode.DiagnosticSeverity.Error),
      );
      const expected = SEED_KEYS.filter((k) => !k.startsWith('text.tone-style@'));
      assert.deepEqual(diagnosticKeys(list), expected);

      await setWorkspaceSetting('plan43', 'rules', undefined);
      await waitForDiagnostics(uri(), 'the rules back at their defaults', seedReady);
    });
  });
});
