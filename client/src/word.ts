// The Word round trip in the editor: "Import Plan from Word…" turns a .docx or .txt into a Markdown plan and shows what was changed; "Export to Word…" writes the active plan as an official .docx.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { ClientAccessor, commandDocument, exists, readyClient } from './commands';
import {
  DOCUMENT_STATUS_REQUEST,
  DocumentStatusResult,
  EXPORT_PLAN_REQUEST,
  ExportPlanParams,
  ExportPlanResult,
  IMPORT_PLAN_REQUEST,
  ImportPlanParams,
  ImportPlanResult,
} from './protocol';
import { ReportStore } from './report';
import { isCandidate } from './status-bar';

const basename = (uri: vscode.Uri): string => path.posix.basename(uri.path);
const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Plan file names: "ke-hoach.md", "ke-hoach.plan.yaml" … without their extension. */
const PLAN_EXTENSION = /(\.plan)?\.(md|markdown|ya?ml)$/iu;

/**
 * The dialog's answer with the extension the server needs (on Linux a name typed without it keeps
 * none); when the extension is added, an existing file is replaced only after asking.
 */
async function withExtension(uri: vscode.Uri, extension: string, accepted: RegExp): Promise<vscode.Uri | undefined> {
  if (accepted.test(uri.path)) return uri;
  const fixed = uri.with({ path: `${uri.path}${extension}` });
  if (await exists(fixed)) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already exists. Replace it?', basename(fixed)), { modal: true }, replace);
    if (answer !== replace) return undefined;
  }
  return fixed;
}

/** Writes the text; a file open in the editor is replaced through the editor and saved, so no edit is lost to a conflict. */
async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!open) {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(open.positionAt(0), open.positionAt(open.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await open.save())) {
    throw new Error(vscode.l10n.t('the file is open and could not be replaced'));
  }
}

/** Markdown special characters in the importer's messages (they quote the plan's text) are shown as written. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
}

/** The import report: what the importer changed and inferred, each with its paragraph (.docx) or line (.txt) in the source. */
export function importReport(source: vscode.Uri, target: vscode.Uri, result: ImportPlanResult): string {
  // A .txt is the text read, so its lines link; a .docx is named by its paragraphs and their first words.
  const linkable = result.source === 'text';
  const at = (x: { line: number; paragraph?: number; quote?: string }): string => {
    if (x.paragraph !== undefined) return `${vscode.l10n.t('paragraph {0}', x.paragraph)}: “${escapeMarkdown(x.quote ?? '')}” — `;
    if (x.line < 1 || !linkable) return '';
    const label = vscode.l10n.t('line {0}', x.line);
    return `[${label}](${source.toString()}#L${x.line}) — `;
  };
  const a = result.account;
  const out: string[] = [
    `# ${vscode.l10n.t('Import report')}: ${escapeMarkdown(basename(source))}`,
    '',
    `${vscode.l10n.t('Plan')}: [${escapeMarkdown(basename(target))}](${target.toString()})`,
    '',
    vscode.l10n.t(
      'The body text is kept as written, defects included, so that the checker can report them. The importer made {0} repair(s) to the layout and inferred {1} value(s) of the front matter: check them against the original.',
      result.repairs.length,
      result.inferred.length,
    ),
    '',
    a.unit === 'paragraph'
      ? vscode.l10n.t(
          'Read {0} paragraph(s) with text: {1} into the front matter, {2} into the body, {3} left out (each listed below with its reason).',
          a.total,
          a.front,
          a.body,
          a.dropped,
        )
      : vscode.l10n.t(
          'Read {0} line(s) with text: {1} into the front matter, {2} into the body, {3} left out (each listed below with its reason).',
          a.total,
          a.front,
          a.body,
          a.dropped,
        ),
  ];
  if (a.footnotes > 0) out.push('', vscode.l10n.t('{0} Word footnote(s) are at the end of the plan as Markdown footnotes.', a.footnotes));
  if (result.source === 'word') {
    out.push('', vscode.l10n.t('Paragraphs are counted as Word counts them: those with text, tables and text boxes included; the quote is how the paragraph starts.'));
  }
  if (result.repairs.length > 0) {
    out.push('', `## ${vscode.l10n.t('What was changed')} (${result.repairs.length})`, '');
    for (const r of result.repairs) out.push(`- ${at(r)}${escapeMarkdown(r.message)}`);
  }
  if (result.inferred.length > 0) {
    out.push('', `## ${vscode.l10n.t('Inferred front matter')} (${result.inferred.length})`, '');
    for (const i of result.inferred) out.push(`- \`${i.key}\`: ${at(i)}${escapeMarkdown(i.message)}`);
  }
  out.push('');
  return out.join('\n');
}

/**
 * Import Plan from Word: the source comes from the explorer (a .docx) or an open dialog; the server
 * reads it and returns the Markdown plan; the drafter chooses where to save it (beside the source
 * by default); the plan opens with the report of what was changed beside it.
 */
export async function importFromWord(getClient: ClientAccessor, store: ReportStore, arg?: unknown): Promise<void> {
  const client = await readyClient(getClient);
  if (!client) return;
  let source = arg instanceof vscode.Uri ? arg : undefined;
  if (!source) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import a plan from Word'),
      openLabel: vscode.l10n.t('Import'),
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      filters: { [vscode.l10n.t('Word documents and text files')]: ['docx', 'txt'] },
      ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
    });
    source = picked?.[0];
  }
  if (!source) return;
  if (source.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Only files on this computer can be imported: {0}', source.toString()));
    return;
  }

  const params: ImportPlanParams = { uri: source.toString() };
  let result: ImportPlanResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}…', basename(source)) },
      () => client.sendRequest<ImportPlanResult>(IMPORT_PLAN_REQUEST, params),
    );
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not import {0}: {1}', basename(source), errorText(err)));
    return;
  }
  if (!result.markdown) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not import {0}: {1}', basename(source), vscode.l10n.t('see the Plan43 output for details')));
    return;
  }

  // Asked after reading, so a file that cannot be imported costs no second dialog.
  const chosen = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save the imported plan as Markdown'),
    saveLabel: vscode.l10n.t('Save plan'),
    defaultUri: source.with({ path: source.path.replace(/\.[^./]*$/u, '') + '.md' }),
    filters: { Markdown: ['md'] },
  });
  const target = chosen && (await withExtension(chosen, '.md', /\.(md|markdown)$/iu));
  if (!target) return;
  try {
    await writeText(target, result.markdown);
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not save {0}: {1}', basename(target), errorText(err)));
    return;
  }
  await vscode.window.showTextDocument(target);

  const stem = basename(source).replace(/\.[^.]*$/u, '');
  const reportUri = store.add(importReport(source, target, result), `${vscode.l10n.t('Import report')} - ${basename(source)}`, {
    name: `${vscode.l10n.t('import-report')}-${stem}.md`,
    folder: target.with({ path: path.posix.dirname(target.path) }),
    title: vscode.l10n.t('Save the import report as Markdown'),
  });
  const changes = result.repairs.length + result.inferred.length;
  if (changes > 0) await vscode.commands.executeCommand('markdown.showPreviewToSide', reportUri);
  void vscode.window.showInformationMessage(
    changes > 0
      ? vscode.l10n.t(
          'Imported {0} into {1}: {2} repair(s) and {3} inferred value(s), listed beside the plan. Check them against the original.',
          basename(source),
          vscode.workspace.asRelativePath(target),
          result.repairs.length,
          result.inferred.length,
        )
      : vscode.l10n.t('Imported {0} into {1}.', basename(source), vscode.workspace.asRelativePath(target)),
  );
}

/** The .docx proposed for a plan: beside it, with the same name; an untitled plan goes to the workspace folder. */
function defaultDocx(doc: vscode.TextDocument): vscode.Uri | undefined {
  const stem = basename(doc.uri).replace(PLAN_EXTENSION, '') || 'ke-hoach';
  if (doc.uri.scheme === 'file') return doc.uri.with({ path: `${path.posix.dirname(doc.uri.path)}/${stem}.docx` });
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return folder ? vscode.Uri.joinPath(folder, `${stem}.docx`) : undefined;
}

/**
 * Export to Word: the active plan (or the plan the editor title or explorer names), as it is in the
 * editor, unsaved changes included, to the .docx the drafter chooses; warnings are shown, and the
 * file can be opened in Word.
 */
export async function exportToWord(getClient: ClientAccessor, output: vscode.OutputChannel, arg?: unknown): Promise<void> {
  const client = await readyClient(getClient);
  if (!client) return;
  const doc = await commandDocument(arg);
  let status: DocumentStatusResult | undefined;
  if (isCandidate(doc)) {
    try {
      status = await client.sendRequest<DocumentStatusResult>(DOCUMENT_STATUS_REQUEST, { uri: doc.uri.toString() });
    } catch {
      status = undefined;
    }
  }
  if (!doc || !status?.isPlan) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a plan first: a plan names its template in its front matter (template: nq43).'));
    return;
  }

  const defaultUri = defaultDocx(doc);
  const chosen = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export the plan to Word'),
    saveLabel: vscode.l10n.t('Export'),
    ...(defaultUri ? { defaultUri } : {}),
    filters: { [vscode.l10n.t('Word documents')]: ['docx'] },
  });
  const target = chosen && (await withExtension(chosen, '.docx', /\.docx$/iu));
  if (!target) return;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Word files can only be written on this computer: {0}', target.toString()));
    return;
  }

  const params: ExportPlanParams = { uri: doc.uri.toString(), target: target.toString() };
  let result: ExportPlanResult;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0} to Word…', basename(doc.uri)) },
      () => client.sendRequest<ExportPlanResult>(EXPORT_PLAN_REQUEST, params),
    );
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the plan: {0}', errorText(err)));
    return;
  }
  if (!result.written) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the plan: {0}', vscode.l10n.t('see the Plan43 output for details')));
    return;
  }

  const where = vscode.workspace.asRelativePath(target);
  // The warnings stay in the output channel after the notification is gone.
  if (result.warnings.length > 0) {
    output.appendLine(vscode.l10n.t('Export to Word: {0}', where));
    for (const w of result.warnings) output.appendLine(`  - ${w}`);
  }
  let message =
    result.warnings.length === 0
      ? vscode.l10n.t('Exported the plan to {0}.', where)
      : result.warnings.length === 1
        ? vscode.l10n.t('Exported the plan to {0}, with a warning: {1}', where, result.warnings[0])
        : vscode.l10n.t('Exported the plan to {0}, with {1} warnings: {2}', where, result.warnings.length, result.warnings.join(' '));
  // A draft may be exported; the drafter should still know it is not ready to sign.
  if (status.blocking > 0) message += ` ${vscode.l10n.t('{0} finding(s) still block submission.', status.blocking)}`;
  const open = vscode.l10n.t('Open');
  const showWarnings = vscode.l10n.t('Show warnings');
  const buttons = result.warnings.length > 1 ? [open, showWarnings] : [open];
  const shown = result.warnings.length > 0 ? vscode.window.showWarningMessage(message, ...buttons) : vscode.window.showInformationMessage(message, ...buttons);
  void shown.then(async (choice) => {
    if (choice === open) await vscode.env.openExternal(target);
    else if (choice === showWarnings) output.show(true);
  });
}
