// The extension's commands: check for submission (report in a preview, saved on request), new plan, insert missing sections, show report.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import {
  DOCUMENT_STATUS_REQUEST,
  DocumentStatusResult,
  INSERT_MISSING_SECTIONS_REQUEST,
  InsertMissingSectionsResult,
  NEW_PLAN_REQUEST,
  NewPlanParams,
  NewPlanResult,
  PlanFormat,
  SUBMISSION_REPORT_REQUEST,
  SubmissionReportParams,
  SubmissionReportResult,
  VariantId,
} from './protocol';
import { PLANS_VIEW_ID } from './plans-view';
import { ReportStore, saveReport } from './report';
import { isCandidate } from './status-bar';
import { templateChoices } from './template';

/** Gives the commands the running client; it changes when the server is restarted by hand. */
export type ClientAccessor = () => LanguageClient | undefined;

function isVietnamese(): boolean {
  return vscode.env.language.toLowerCase().startsWith('vi');
}

export async function readyClient(getClient: ClientAccessor): Promise<LanguageClient | undefined> {
  const client = getClient();
  if (!client) return undefined;
  if (!client.isRunning()) {
    try {
      await client.start();
    } catch {
      // Reported below.
    }
  }
  if (!client.isRunning()) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The Plan43 server is not running. Run "Plan43: Restart the Plan43 Server" and try again.'));
    return undefined;
  }
  return client;
}

export async function isPlan(client: LanguageClient, doc: vscode.TextDocument | undefined): Promise<boolean> {
  if (!isCandidate(doc)) return false;
  try {
    const status = await client.sendRequest<DocumentStatusResult>(DOCUMENT_STATUS_REQUEST, { uri: doc.uri.toString() });
    return status.isPlan;
  } catch {
    return false;
  }
}

/** The document a command is about: the file the editor title or the Explorer names, or the active editor's. */
export async function commandDocument(arg: unknown): Promise<vscode.TextDocument | undefined> {
  if (!(arg instanceof vscode.Uri)) return vscode.window.activeTextEditor?.document;
  try {
    return await vscode.workspace.openTextDocument(arg);
  } catch {
    return undefined;
  }
}

function documentFor(arg: unknown): vscode.TextDocument | undefined {
  if (arg instanceof vscode.Uri) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === arg.toString());
  return vscode.window.activeTextEditor?.document;
}

/**
 * Check for submission. With a URI (editor title button, status bar) the plan is checked; without
 * one the active plan is offered next to the whole workspace; with no active plan the workspace
 * is checked.
 */
export async function checkForSubmission(getClient: ClientAccessor, store: ReportStore, arg?: unknown): Promise<void> {
  const client = await readyClient(getClient);
  if (!client) return;
  const hasFolders = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  let target: vscode.Uri | undefined;
  if (arg instanceof vscode.Uri) {
    target = arg;
  } else if (arg !== 'workspace') {
    const active = vscode.window.activeTextEditor?.document;
    const activeIsPlan = await isPlan(client, active);
    if (activeIsPlan && active && hasFolders) {
      const current: vscode.QuickPickItem = {
        label: `$(file) ${vscode.l10n.t('This plan')}`,
        description: path.basename(active.uri.path),
      };
      const workspace: vscode.QuickPickItem = {
        label: `$(folder) ${vscode.l10n.t('Every plan in the workspace')}`,
        description: vscode.workspace.name ?? '',
      };
      const picked = await vscode.window.showQuickPick([current, workspace], {
        title: vscode.l10n.t('Check for submission'),
        placeHolder: vscode.l10n.t('What should be checked?'),
      });
      if (!picked) return;
      target = picked === current ? active.uri : undefined;
    } else if (activeIsPlan && active) {
      target = active.uri;
    } else if (!hasFolders) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a plan or a folder of plans to check it for submission.'));
      return;
    }
  }
  if (target === undefined && !hasFolders) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a plan or a folder of plans to check it for submission.'));
    return;
  }

  const params: SubmissionReportParams = target ? { uri: target.toString() } : {};
  let result: SubmissionReportResult;
  try {
    result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: target ? vscode.l10n.t('Checking the plan for submission…') : vscode.l10n.t('Checking every plan in the workspace for submission…'),
      },
      // The Plans view shows the progress of a workspace check too: it fills in as the plans are checked.
      () =>
        target
          ? client.sendRequest<SubmissionReportResult>(SUBMISSION_REPORT_REQUEST, params)
          : vscode.window.withProgress({ location: { viewId: PLANS_VIEW_ID } }, () => client.sendRequest<SubmissionReportResult>(SUBMISSION_REPORT_REQUEST, params)),
    );
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The submission check failed: {0}', (err as Error).message ?? String(err)));
    return;
  }
  if (result.files.length === 0) {
    void vscode.window.showInformationMessage(
      target
        ? vscode.l10n.t('This file is not a plan: a plan names its template in its front matter (template: nq43).')
        : vscode.l10n.t('No plan was found in the workspace. A plan names its template in its front matter (template: nq43).'),
    );
    return;
  }
  const label = target
    ? `${vscode.l10n.t('Submission report')} - ${path.basename(target.path)}`
    : `${vscode.l10n.t('Submission report')} - ${vscode.workspace.name ?? vscode.l10n.t('workspace')}`;
  const reportUri = store.add(result.markdown, label);
  await vscode.commands.executeCommand('markdown.showPreviewToSide', reportUri);

  const summary =
    result.blocking > 0
      ? vscode.l10n.t('Not ready to submit: {0} finding(s) block submission, {1} advisory.', result.blocking, result.advisory)
      : vscode.l10n.t('Ready to submit: nothing blocks ({0} advisory).', result.advisory);
  const save = vscode.l10n.t('Save report…');
  const choice = await (result.blocking > 0
    ? vscode.window.showWarningMessage(summary, save)
    : vscode.window.showInformationMessage(summary, save));
  if (choice === save) await saveReport(store, reportUri);
}

/** The status bar item's click: the report of the active plan. */
export async function showReport(getClient: ClientAccessor, store: ReportStore): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (isCandidate(doc)) return checkForSubmission(getClient, store, doc.uri);
  return checkForSubmission(getClient, store, undefined);
}

/** A file name a drafter can keep: the kind without diacritics ("ke-hoach.md", "chuong-trinh.plan.yaml"). */
function slug(kind: string): string {
  return (
    kind
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'ke-hoach'
  );
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * An untitled document with a real file name, so the server (which tells Markdown from YAML by the
 * name) and the YAML schema association ("*.plan.yaml") both recognise it.
 */
async function untitledUri(base: string, extension: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}${extension}` : `${base}-${n}${extension}`;
    const fileUri = folder ? vscode.Uri.joinPath(folder, name) : undefined;
    const uri = fileUri ? fileUri.with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: name });
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    if (!open && !(fileUri && (await exists(fileUri)))) return uri;
  }
}

export async function newPlan(getClient: ClientAccessor, extensionUri: vscode.Uri): Promise<void> {
  const client = await readyClient(getClient);
  if (!client) return;
  const vi = isVietnamese();
  const { variants, levels } = await templateChoices(extensionUri, vscode.window.activeTextEditor?.document.uri);
  // The level is asked only when the template knows more than one (province, commune …).
  const steps = levels.length > 1 ? 4 : 3;
  const step = (n: number, what: string): string => vscode.l10n.t('New plan ({0}/{1}): {2}', n, steps, what);

  type VariantItem = vscode.QuickPickItem & { id: VariantId; kinds: string[] };
  const variantItems: VariantItem[] =
    variants.length > 0
      ? variants.map((v) => ({ id: v.id, kinds: v.kinds, label: vi ? v.label.vi : v.label.en, description: v.kinds.join(', ') }))
      : [
          { id: 'party', kinds: [], label: vscode.l10n.t('Party committee programme or plan') },
          { id: 'state', kinds: [], label: vscode.l10n.t('People\'s Committee plan') },
        ];
  const variant = await vscode.window.showQuickPick(variantItems, {
    title: step(1, vscode.l10n.t('who issues it?')),
    placeHolder: vscode.l10n.t('Choose the template variant'),
  });
  if (!variant) return;

  let level: string | undefined;
  if (levels.length > 1) {
    type LevelItem = vscode.QuickPickItem & { id: string };
    const picked = await vscode.window.showQuickPick<LevelItem>(
      levels.map((l) => ({ id: l.id, label: vi ? l.label.vi : l.label.en })),
      { title: step(2, vscode.l10n.t('level of the issuing body')), placeHolder: vscode.l10n.t('Choose the level: the bodies, signature and recipients follow it') },
    );
    if (!picked) return;
    level = picked.id;
  }

  let kind: string | undefined;
  if (variant.kinds.length === 1) {
    kind = variant.kinds[0];
  } else if (variant.kinds.length > 1) {
    const picked = await vscode.window.showQuickPick(
      variant.kinds.map((k) => ({ label: k })),
      { title: step(steps - 1, vscode.l10n.t('document kind')), placeHolder: vscode.l10n.t('Choose the kind of document') },
    );
    kind = picked?.label;
  } else {
    kind = await vscode.window.showInputBox({
      title: step(steps - 1, vscode.l10n.t('document kind')),
      prompt: vscode.l10n.t('The document kind in capitals, as printed'),
    });
    kind = kind?.trim();
  }
  if (!kind) return;

  type FormatItem = vscode.QuickPickItem & { format: PlanFormat };
  const format = await vscode.window.showQuickPick<FormatItem>(
    [
      { format: 'markdown', label: 'Markdown', description: '.md', detail: vscode.l10n.t('Front matter and headings; easiest to read and edit') },
      { format: 'yaml', label: 'YAML', description: '.plan.yaml', detail: vscode.l10n.t('Structured data: metadata, sections, texts') },
    ],
    { title: step(steps, vscode.l10n.t('file format')), placeHolder: vscode.l10n.t('Choose the file format') },
  );
  if (!format) return;

  const params: NewPlanParams = { variant: variant.id, kind, format: format.format, ...(level ? { level } : {}) };
  let result: NewPlanResult;
  try {
    result = await client.sendRequest<NewPlanResult>(NEW_PLAN_REQUEST, params);
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not create the plan: {0}', (err as Error).message ?? String(err)));
    return;
  }
  const uri = await untitledUri(slug(kind), format.format === 'yaml' ? '.plan.yaml' : '.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), result.text));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
}

export async function insertMissingSections(getClient: ClientAccessor, arg?: unknown): Promise<void> {
  const client = await readyClient(getClient);
  if (!client) return;
  const doc = documentFor(arg);
  if (!doc || !(await isPlan(client, doc))) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a plan first: a plan names its template in its front matter (template: nq43).'));
    return;
  }
  let result: InsertMissingSectionsResult;
  try {
    result = await client.sendRequest<InsertMissingSectionsResult>(INSERT_MISSING_SECTIONS_REQUEST, { uri: doc.uri.toString() });
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not insert the missing sections: {0}', (err as Error).message ?? String(err)));
    return;
  }
  if (result.edits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No section or task group of the template is missing.'));
    return;
  }
  const edits = await client.protocol2CodeConverter.asTextEdits(result.edits);
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.set(doc.uri, edits);
  const applied = await vscode.workspace.applyEdit(workspaceEdit);
  if (!applied) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The document changed while the sections were prepared; run the command again.'));
    return;
  }
  void vscode.window.showInformationMessage(
    result.edits.length === 1 ? vscode.l10n.t('Inserted 1 missing part.') : vscode.l10n.t('Inserted {0} missing parts.', result.edits.length),
  );
}
