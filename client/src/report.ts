// Reports (submission check, Word import) as read-only virtual Markdown documents (scheme plan43-report), shown in the Markdown preview and saved only on request.

import * as vscode from 'vscode';

export const REPORT_SCHEME = 'plan43-report';

/** How "Save report" offers a report: the file name it proposes, where, and the dialog's title. */
export interface SaveOptions {
  /** File name without folder; default: submission-report-<date>.md. */
  name?: string;
  /** Folder proposed in the dialog; default: the first workspace folder. */
  folder?: vscode.Uri;
  title?: string;
}

export class ReportStore implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly reports = new Map<string, string>();
  private readonly saveOptions = new Map<string, SaveOptions>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private counter = 0;
  /** The report shown last: what "Save report" saves when no report is named. */
  private latest: vscode.Uri | undefined;

  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '';
  }

  /** Stores a report under a new URI; the path ends in .md so the preview treats it as Markdown. */
  add(markdown: string, label: string, save: SaveOptions = {}): vscode.Uri {
    this.counter += 1;
    const safe = label.replace(/[\\/:*?"<>|#?%]+/g, '-').trim() || 'plan43';
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${safe}.md`, query: String(this.counter) });
    this.reports.set(uri.toString(), markdown);
    this.saveOptions.set(uri.toString(), save);
    this.latest = uri;
    this.changed.fire(uri);
    void vscode.commands.executeCommand('setContext', 'plan43.hasReport', true);
    return uri;
  }

  get(uri: vscode.Uri | undefined): { uri: vscode.Uri; markdown: string; save: SaveOptions } | undefined {
    const target = uri && uri.scheme === REPORT_SCHEME ? uri : this.latest;
    if (!target) return undefined;
    const markdown = this.reports.get(target.toString());
    return markdown === undefined ? undefined : { uri: target, markdown, save: this.saveOptions.get(target.toString()) ?? {} };
  }

  dispose(): void {
    this.changed.dispose();
    this.reports.clear();
    this.saveOptions.clear();
  }
}

/** Asks where to save a report and writes it there; nothing is written without the dialog's answer. */
export async function saveReport(store: ReportStore, uri?: vscode.Uri): Promise<void> {
  const report = store.get(uri);
  if (!report) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no report to save. Run "Check for submission" first.'));
    return;
  }
  const folder = report.save.folder ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  const today = new Date();
  const stamp = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const name = report.save.name ?? `${vscode.l10n.t('submission-report')}-${stamp}.md`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { Markdown: ['md'] },
    saveLabel: vscode.l10n.t('Save report'),
    title: report.save.title ?? vscode.l10n.t('Save the submission report as Markdown'),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(report.markdown));
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Report saved to {0}.', vscode.workspace.asRelativePath(target)), open);
  if (choice === open) await vscode.window.showTextDocument(target);
}
