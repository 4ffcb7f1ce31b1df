// Status bar item for the active plan: its variant and how many findings block submission; hidden for files that are not plans.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { Later } from './later';
import { DOCUMENT_STATUS_REQUEST, DocumentStatusParams, DocumentStatusResult } from './protocol';

/** Diagnostics arrive in bursts while typing; one status request per pause is enough. */
const REFRESH_DELAY_MS = 250;

export function isCandidate(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && (doc.languageId === 'markdown' || doc.languageId === 'yaml') && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

export class PlanStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly later = new Later(() => this.refresh());
  /** Answers to an older request must not overwrite a newer one. */
  private generation = 0;

  constructor(private readonly client: LanguageClient) {
    this.item = vscode.window.createStatusBarItem('plan43.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('Plan43: plan status');
    this.item.command = 'plan43.showReport';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule(REFRESH_DELAY_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('plan43')) this.schedule(REFRESH_DELAY_MS);
      }),
      // A plan becomes a plan (or stops being one) when its front matter changes, which does not
      // always change its diagnostics.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(REFRESH_DELAY_MS * 2);
      }),
    );
    this.schedule(0);
  }

  schedule(delay: number): void {
    this.later.schedule(delay);
  }

  private async refresh(): Promise<void> {
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (!isCandidate(doc) || !this.client.isRunning()) {
      this.hide();
      return;
    }
    let status: DocumentStatusResult;
    try {
      const params: DocumentStatusParams = { uri: doc.uri.toString() };
      status = await this.client.sendRequest<DocumentStatusResult>(DOCUMENT_STATUS_REQUEST, params);
    } catch {
      // The server may be restarting; the next diagnostics change refreshes the item.
      if (generation === this.generation) this.hide();
      return;
    }
    if (generation !== this.generation) return;
    if (!status.isPlan) {
      this.hide();
      return;
    }
    this.show(status);
  }

  private show(status: DocumentStatusResult): void {
    const variant =
      status.variant === 'party' ? vscode.l10n.t('Party') : status.variant === 'state' ? vscode.l10n.t('People\'s Committee') : vscode.l10n.t('Plan');
    if (status.blocking > 0) {
      this.item.text = `$(checklist) ${variant} · ${
        status.blocking === 1 ? vscode.l10n.t('1 blocking') : vscode.l10n.t('{0} blocking', status.blocking)
      }`;
    } else {
      this.item.text = `$(pass) ${variant} · ${vscode.l10n.t('nothing blocks')}`;
    }
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(
      vscode.l10n.t(
        '{0}: {1} finding(s) block submission, {2} advisory. Click to open the submission report.',
        variant,
        status.blocking,
        status.advisory,
      ),
    );
    this.item.tooltip = tooltip;
    this.item.show();
    void vscode.commands.executeCommand('setContext', 'plan43.activeIsPlan', true);
  }

  private hide(): void {
    this.item.hide();
    void vscode.commands.executeCommand('setContext', 'plan43.activeIsPlan', false);
  }

  dispose(): void {
    this.later.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
