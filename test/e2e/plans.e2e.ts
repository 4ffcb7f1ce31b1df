// A province's plans in a real VS Code: the Plans view by level and issuer, filled in by the workspace check; the review report; definition, references, links and hover across the plans.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, openInEditor, REPO_ROOT, waitFor, within, workspaceFile } from './support';

const PROVINCE = path.join(REPO_ROOT, 'test', 'fixtures', 'province');
const FOLDER = 'province';

/** The Plans view's data provider, as the extension exports it (its API). */
interface PlansProvider {
  /** Fires when the list changes; the view itself is redrawn only while it is on screen. */
  onDidChangePlans: vscode.Event<void>;
  getChildren(node?: unknown): unknown[];
  getTreeItem(node: unknown): vscode.TreeItem;
}

function provider(): PlansProvider {
  const api = vscode.extensions.getExtension(EXTENSION_ID)?.exports as { plans?: PlansProvider } | undefined;
  assert.ok(api?.plans, 'the extension exports the Plans view (activate returns { plans })');
  return api.plans;
}

const labelOf = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));

/** The tree as VS Code would draw it: "level / issuer / plan" rows with their descriptions. */
function tree(view: PlansProvider): Array<{ level: string; issuer: string; plan: vscode.TreeItem; children: vscode.TreeItem[] }> {
  const out: Array<{ level: string; issuer: string; plan: vscode.TreeItem; children: vscode.TreeItem[] }> = [];
  for (const level of view.getChildren()) {
    for (const issuer of view.getChildren(level)) {
      for (const plan of view.getChildren(issuer)) {
        out.push({
          level: labelOf(view.getTreeItem(level)),
          issuer: labelOf(view.getTreeItem(issuer)),
          plan: view.getTreeItem(plan),
          children: view.getChildren(plan).map((c) => view.getTreeItem(c)),
        });
      }
    }
  }
  return out;
}

/** The rows of the province's plans (the other suites' plans are in the workspace too). */
function provinceRows(view: PlansProvider): ReturnType<typeof tree> {
  return tree(view).filter((r) => r.plan.resourceUri?.path.includes(`/${FOLDER}/`));
}

const fileOf = (name: string): vscode.Uri => workspaceFile(`${FOLDER}/${name}`);

function describeRows(view: PlansProvider): string {
  return provinceRows(view)
    .map((r) => `${r.level} / ${r.issuer} / ${labelOf(r.plan)} — ${String(r.plan.description)}`)
    .join('\n      ');
}

suite('A province\'s plans in VS Code', () => {
  suiteSetup(async () => {
    for (const name of fs.readdirSync(PROVINCE).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
      await vscode.workspace.fs.writeFile(fileOf(name), fs.readFileSync(path.join(PROVINCE, name)));
    }
    // Opening a plan activates the extension (when no other suite did); the server watches the new files.
    await openInEditor(fileOf('dang-uy-xa-chau-phong.md'));
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the Plans view lists every plan of the folder by level and issuer, with its date, variant and the plan it implements', async () => {
    const view = provider();
    const rows = await waitFor(
      'the nine plans of the province in the Plans view',
      [view.onDidChangePlans],
      () => {
        const r = provinceRows(view);
        return r.length === 9 ? r : undefined;
      },
      () => describeRows(view),
    );
    const programme = rows.find((r) => labelOf(r.plan).startsWith('12-CTr/TU'))!;
    assert.equal(programme.level, 'Province level');
    assert.equal(programme.issuer, 'Ban Thường vụ Tỉnh ủy An Giang');
    assert.match(String(programme.plan.description), /^15\/09\/2025 · Party · /u);
    const communes = rows.filter((r) => r.level === 'Commune level');
    assert.equal(communes.length, 7);
    assert.deepEqual([...new Set(communes.filter((r) => r.issuer === 'Đảng ủy xã Vĩnh Hậu').map((r) => labelOf(r.plan)))], ['10-KH/ĐU · KẾ HOẠCH']);
    const draft = rows.find((r) => r.plan.resourceUri?.path.endsWith('ubnd-phuong-rach-gia-du-thao.md'))!;
    assert.match(labelOf(draft.plan), /^\(no number yet\)/u);
    // The parent, with a click that opens it.
    const commune = rows.find((r) => r.plan.resourceUri?.path.endsWith('ubnd-xa-my-hoa-hung.md'))!;
    assert.equal(labelOf(commune.children[0]), 'implements 08-KH/ĐU');
    assert.equal((commune.children[0].command?.arguments?.[0] as vscode.Uri).path, fileOf('dang-uy-xa-my-hoa-hung.md').path);
    assert.equal(commune.plan.command?.command, 'vscode.open');
  });

  test('checking every plan for submission fills the view in: blocking counts and parents that do not match', async () => {
    const view = provider();
    // The command ends when its summary notification is answered; it is dismissed below.
    const command = vscode.commands.executeCommand('plan43.checkWorkspaceForSubmission');
    command.then(undefined, () => undefined);
    const rows = await waitFor(
      'the blocking counts of the province\'s plans',
      [view.onDidChangePlans],
      () => {
        const r = provinceRows(view);
        return r.length === 9 && r.every((x) => !String(x.plan.description).includes('not checked yet')) ? r : undefined;
      },
      () => describeRows(view),
    );
    const byFile = (name: string): (typeof rows)[number] => rows.find((r) => r.plan.resourceUri?.path.endsWith(`/${name}`))!;
    assert.match(String(byFile('dang-uy-xa-chau-phong.md').plan.description), /· 1 blocking$/u);
    assert.match(String(byFile('ubnd-phuong-rach-gia-du-thao.md').plan.description), /· 2 blocking$/u);
    assert.match(String(byFile('tinh-uy-chuong-trinh.md').plan.description), /· nothing blocks$/u);
    const parent = byFile('dang-uy-xa-chau-phong.md').children[0];
    assert.equal(labelOf(parent), 'implements 12-CTr/TU');
    assert.match(String(parent.description), /another date, issuer or title/u);
    assert.equal(String(byFile('dang-uy-xa-my-hoa-hung.md').children[0].description), 'cited right');
    await vscode.commands.executeCommand('notifications.clearAll');
    await within('the workspace check to finish once its notification is dismissed', command);
  });

  test('the review report opens in a webview, and its links open a plan at a line', async () => {
    const isReview = (t: vscode.Tab): boolean => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('plan43.review');
    const shown = waitFor(
      'the review report tab',
      [vscode.window.tabGroups.onDidChangeTabs],
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isReview),
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .map((t) => t.label)
          .join(', '),
    );
    const command = vscode.commands.executeCommand('plan43.showReviewReport');
    command.then(undefined, () => undefined);
    const tab = await shown;
    assert.equal(tab.label, 'Review of the plans');
    await vscode.commands.executeCommand('notifications.clearAll');
    await within('the review command to finish once its notification is dismissed', command);

    // What a link of the report runs: the plan, at the line of a finding.
    await vscode.commands.executeCommand('plan43.openPlanAt', fileOf('dang-uy-xa-chau-phong.md').toString(), 26);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.path, fileOf('dang-uy-xa-chau-phong.md').path);
    assert.equal(editor?.selection.active.line, 25);
  });

  test('definition, references, links and hover lead from a commune plan to the provincial programme', async () => {
    const commune = fileOf('dang-uy-xa-chau-phong.md');
    const doc = await vscode.workspace.openTextDocument(commune);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('Thực hiện Nghị quyết'));
    const position = new vscode.Position(line, doc.lineAt(line).text.indexOf('12-CTr/TU') + 2);
    const programme = fileOf('tinh-uy-chuong-trinh.md');

    const definitions = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', commune, position);
    const targets = definitions.map((d) => ('targetUri' in d ? d.targetUri : d.uri).path);
    assert.ok(targets.includes(programme.path), `definition: ${targets.join(', ')}`);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', commune, position);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /tinh-uy-chuong-trinh\.md/u);
    assert.match(hoverText, /15\/09\/2025/u);

    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', commune);
    assert.ok(
      links.some((l) => l.target?.path === programme.path && l.range.contains(position)),
      `links: ${links.map((l) => l.target?.toString()).join(', ')}`,
    );

    const program = await vscode.workspace.openTextDocument(programme);
    const numberLine = program.getText().split('\n').findIndex((l) => l.startsWith('number:'));
    const numberAt = new vscode.Position(numberLine, program.lineAt(numberLine).text.indexOf('12-CTr/TU') + 1);
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', programme, numberAt);
    const citing = new Set(references.map((r) => path.posix.basename(r.uri.path)));
    for (const name of ['dang-uy-xa-chau-phong.md', 'dang-uy-xa-my-hoa-hung.md', 'ubnd-tinh-ke-hoach.md', 'ubnd-xa-chau-phong.md']) {
      assert.ok(citing.has(name), `references: ${[...citing].join(', ')}`);
    }
  });
});
