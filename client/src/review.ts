// The review report of every plan of the workspace in a webview (the server's standalone page, scripts off, links that open the plans), and saving it as an HTML file to print or send.

import * as vscode from 'vscode';
import { ClientAccessor, readyClient } from './commands';
import { REVIEW_REPORT_REQUEST, ReviewReportParams, ReviewReportResult } from './protocol';
import { PLANS_VIEW_ID } from './plans-view';

export const REVIEW_PANEL_ID = 'plan43.review';
/** The command the report's links run: opens a plan at a line. The only command the webview may run. */
export const OPEN_PLAN_AT_COMMAND = 'plan43.openPlanAt';

/** The review shown last, as a standalone page (links to the files) for "Save". */
let lastStandalone: string | undefined;
let panel: vscode.WebviewPanel | undefined;

/** Opens a plan at a line (1-based): what the report's links do. */
export async function openPlanAt(uri: unknown, line: unknown): Promise<void> {
  if (typeof uri !== 'string') return;
  const at = typeof line === 'number' && line >= 1 ? Math.floor(line) - 1 : 0;
  const position = new vscode.Position(at, 0);
  await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(position, position), preview: false });
}

async function fetchReview(getClient: ClientAccessor, params: ReviewReportParams): Promise<ReviewReportResult | undefined> {
  const client = await readyClient(getClient);
  if (!client) return undefined;
  const title = vscode.l10n.t('Checking every plan of the workspace for the review…');
  try {
    // The Plans view shows the progress too: it fills in as the plans are checked.
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () =>
      vscode.window.withProgress({ location: { viewId: PLANS_VIEW_ID } }, () => client.sendRequest<ReviewReportResult>(REVIEW_REPORT_REQUEST, params)),
    );
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The review report could not be made: {0}', (err as Error).message ?? String(err)));
    return undefined;
  }
}

/** "Plan43: Show the Review Report": every plan checked for submission, in one page beside the editor. */
export async function showReviewReport(getClient: ClientAccessor): Promise<void> {
  if ((vscode.workspace.workspaceFolders?.length ?? 0) === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder of plans to review them.'));
    return;
  }
  const result = await fetchReview(getClient, { openCommand: OPEN_PLAN_AT_COMMAND });
  if (!result) return;
  if (result.plans === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No plan was found in the workspace. A plan names its template in its front matter (template: nq43).'));
    return;
  }
  lastStandalone = undefined;
  if (!panel) {
    panel = vscode.window.createWebviewPanel(REVIEW_PANEL_ID, vscode.l10n.t('Review of the plans'), vscode.ViewColumn.Active, {
      // The page is the server's standalone HTML: no script, nothing loaded, only its links to the plans.
      enableScripts: false,
      enableCommandUris: [OPEN_PLAN_AT_COMMAND],
      localResourceRoots: [],
      enableFindWidget: true,
    });
    panel.onDidDispose(() => {
      panel = undefined;
    });
  }
  panel.webview.html = result.html;
  panel.reveal(vscode.ViewColumn.Active);
  void vscode.commands.executeCommand('setContext', 'plan43.hasReview', true);
  const summary =
    result.blocked > 0
      ? vscode.l10n.t('{0} plan(s) reviewed: {1} not ready to submit.', result.plans, result.blocked)
      : vscode.l10n.t('{0} plan(s) reviewed: nothing blocks.', result.plans);
  const save = vscode.l10n.t('Save as HTML…');
  const choice = await vscode.window.showInformationMessage(summary, save);
  if (choice === save) await saveReviewReport(getClient);
}

/** Saves the review as a standalone HTML page (links to the plan files), to print or to send with the plans. */
export async function saveReviewReport(getClient: ClientAccessor): Promise<void> {
  if (lastStandalone === undefined) {
    const result = await fetchReview(getClient, {});
    if (!result || result.plans === 0) return;
    lastStandalone = result.html;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const today = new Date();
  const stamp = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${vscode.l10n.t('review-report')}-${stamp}.html`) : undefined,
    filters: { HTML: ['html'] },
    saveLabel: vscode.l10n.t('Save report'),
    title: vscode.l10n.t('Save the review report as HTML'),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(lastStandalone));
  void vscode.window.showInformationMessage(vscode.l10n.t('Report saved to {0}.', vscode.workspace.asRelativePath(target)));
}
