// Extension entry point: starts the Plan43 language server over IPC for Markdown and YAML files, registers the commands (checks, new plan, Word import and export, the preview) and the status bar item.

import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { checkForSubmission, ClientAccessor, insertMissingSections, newPlan, showReport } from './commands';
import { InitializationOptions, PREVIEW_VIEW_TYPE, SERVER_ID, SETTINGS_SECTION, WATCHED_FILES_GLOB } from './protocol';
import { PLANS_VIEW_ID, PlansView } from './plans-view';
import { PlanPreview } from './preview';
import { REPORT_SCHEME, ReportStore, saveReport } from './report';
import { openPlanAt, saveReviewReport, showReviewReport } from './review';
import { RestartingErrorHandler } from './restart';
import { SERVER_EXEC_ARGV, serverEnvironment } from './server-options';
import { PlanStatusBar } from './status-bar';
import { exportToWord, importFromWord } from './word';

let client: LanguageClient | undefined;

/** The bundled server in a packaged extension; the tsc output while developing. */
function serverModule(context: vscode.ExtensionContext): string {
  const bundled = context.asAbsolutePath('dist/server.js');
  if (fs.existsSync(bundled)) return bundled;
  return context.asAbsolutePath('out/server/src/main.js');
}

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, errorHandler: RestartingErrorHandler): LanguageClient {
  const serverPath = serverModule(context);
  const env = serverEnvironment(context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined);
  const serverOptions: ServerOptions = {
    run: { module: serverPath, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV], env } },
    debug: { module: serverPath, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'], env } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every Markdown and YAML file goes to the server, which answers only for plans (front matter
    // naming the template); READMEs and CI files get nothing.
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    // A function, so a restart after the workspace is trusted sends the new trust state.
    initializationOptions: (): InitializationOptions => ({ trusted: vscode.workspace.isTrusted, locale: vscode.env.language, workspacePlansChanged: true }),
    synchronize: {
      configurationSection: SETTINGS_SECTION,
      // Template, registry and names files may be YAML or JSON; the server filters by its settings.
      fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_FILES_GLOB),
    },
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel: output,
    errorHandler,
    markdown: { isTrusted: false, supportHtml: false },
  };
  return new LanguageClient(SERVER_ID, 'Plan43', serverOptions, clientOptions);
}

/** What the extension offers other extensions and its tests: the Plans view's data, as VS Code reads it. */
export interface Plan43Api {
  readonly plans: PlansView;
}

export async function activate(context: vscode.ExtensionContext): Promise<Plan43Api> {
  const output = vscode.window.createOutputChannel('Plan43');
  const errorHandler = new RestartingErrorHandler(output);
  const store = new ReportStore();
  context.subscriptions.push(output, store, vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, store));

  client = createClient(context, output, errorHandler);
  const getClient: ClientAccessor = () => client;
  const statusBar = new PlanStatusBar(client);
  const plansView = new PlansView(getClient);
  const preview = new PlanPreview(getClient);
  context.subscriptions.push(
    statusBar,
    plansView,
    preview,
    plansView.watch(vscode.window.createTreeView(PLANS_VIEW_ID, { treeDataProvider: plansView, showCollapseAll: true })),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, preview),
    client.onDidChangeState(() => {
      statusBar.schedule(0);
      plansView.attach();
    }),
    { dispose: () => void client?.stop() },
  );

  const restart = async (): Promise<void> => {
    errorHandler.reset();
    if (!client) return;
    try {
      if (client.isRunning()) await client.restart();
      else await client.start();
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The Plan43 server could not be started: {0}', (err as Error).message ?? String(err)));
    }
    statusBar.schedule(0);
    preview.refresh();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('plan43.checkForSubmission', (arg?: unknown) => checkForSubmission(getClient, store, arg)),
    vscode.commands.registerCommand('plan43.checkWorkspaceForSubmission', () => checkForSubmission(getClient, store, 'workspace')),
    vscode.commands.registerCommand('plan43.showReport', () => showReport(getClient, store)),
    vscode.commands.registerCommand('plan43.saveReport', (arg?: unknown) => saveReport(store, arg instanceof vscode.Uri ? arg : undefined)),
    vscode.commands.registerCommand('plan43.newPlan', () => newPlan(getClient, context.extensionUri)),
    vscode.commands.registerCommand('plan43.insertMissingSections', (arg?: unknown) => insertMissingSections(getClient, arg)),
    vscode.commands.registerCommand('plan43.importFromWord', (arg?: unknown) => importFromWord(getClient, store, arg)),
    vscode.commands.registerCommand('plan43.exportToWord', (arg?: unknown) => exportToWord(getClient, output, arg)),
    vscode.commands.registerCommand('plan43.openPreview', (arg?: unknown) => preview.open(arg, false)),
    vscode.commands.registerCommand('plan43.openPreviewToSide', (arg?: unknown) => preview.open(arg, true)),
    vscode.commands.registerCommand('plan43.restartServer', restart),
    vscode.commands.registerCommand('plan43.showReviewReport', () => showReviewReport(getClient)),
    vscode.commands.registerCommand('plan43.saveReviewReport', () => saveReviewReport(getClient)),
    vscode.commands.registerCommand('plan43.openPlanAt', (uri?: unknown, line?: unknown) => openPlanAt(uri, line)),
    vscode.commands.registerCommand('plan43.refreshPlans', () => plansView.refresh()),
    // Trust lets the server read the workspace's own template, registry and names files.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
  );

  try {
    await client.start();
  } catch (err) {
    output.appendLine(String((err as Error).stack ?? err));
    void vscode.window.showErrorMessage(vscode.l10n.t('The Plan43 server could not be started: {0}', (err as Error).message ?? String(err)));
  }
  statusBar.schedule(0);
  plansView.attach();
  // A preview VS Code restored before the server was up is drawn now.
  preview.refresh();
  return { plans: plansView };
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
