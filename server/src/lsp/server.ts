// Wires the features to a connection: lifecycle, settings and file events, then one registration per feature.

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Connection,
  DidChangeConfigurationNotification,
  ErrorCodes,
  InitializeError,
  MessageType,
  ResponseError,
  ShowMessageNotification,
} from 'vscode-languageserver/node';
import { findSchemasDir } from '../node/knowledge';
import { isInsideAny } from '../node/paths';
import { initializeResult, readClientInfo } from './capabilities/server';
import { registerCodeActions } from './code-actions';
import { registerCommands } from './commands';
import { registerCompletion } from './completion';
import { guarded, ServerContext, ServerOptions } from './context';
import { DataFiles } from './data-files';
import { DiagnosticsFeature } from './diagnostics';
import { viewOf } from './documents';
import { registerHover } from './hover';
import { registerNavigation } from './navigation';
import { registerWorkspacePlans, startWorkspacePlans } from './plans';
import { PreviewFeature } from './preview';
import { SettingsCache } from './settings';
import { documentSymbols, flattenSymbols, foldingRanges } from './symbols';
import { uriToPath } from './uris';

function packageVersion(root: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function startServer(connection: Connection, options: ServerOptions = {}): ServerContext {
  const ctx = new ServerContext(connection, options);
  const diagnostics = new DiagnosticsFeature(ctx);
  let dynamicConfiguration = false;
  let workspaceFolderEvents = false;
  let refreshTimer: NodeJS.Timeout | undefined;

  // Settings and data changes come in bursts (a save of several files): refresh once.
  const scheduleRefresh = (): void => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      try {
        diagnostics.refreshAll();
      } catch (err) {
        ctx.error('refreshing diagnostics', err);
      }
    }, 50);
  };
  ctx.onInvalidate = scheduleRefresh;

  connection.onInitialize((params) => {
    ctx.client = readClientInfo(params);
    ctx.folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    let schemasDir: string;
    try {
      schemasDir = findSchemasDir(__dirname);
      ctx.extensionRoot = path.dirname(schemasDir);
      ctx.data = new DataFiles(schemasDir, (file) => ctx.openText(file), (m) => connection.console.warn(m), {
        // Settings can name any path: only the workspace folders and the extension's own files are read.
        allowed: (file) => isInsideAny(file, [...ctx.folders.map(uriToPath).filter((p): p is string => !!p), ctx.extensionRoot]),
        warn: (message) => {
          connection.console.warn(message);
          // A notification, not a request: nothing to wait for, and no failure when the client cannot show it.
          void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
        },
      });
    } catch (err) {
      // Without its bundled data the server cannot check anything: say so instead of running blind.
      return new ResponseError<InitializeError>(ErrorCodes.InternalError, `plan43: ${(err as Error).message}`, { retry: false });
    }
    const options = (params.initializationOptions ?? {}) as { settings?: object };
    ctx.settings = new SettingsCache(connection, {
      configurationSupport: ctx.client.configuration,
      ...(ctx.client.locale ? { locale: ctx.client.locale } : {}),
      trusted: ctx.client.trusted,
      ...(options.settings ? { initial: options.settings } : {}),
      folders: () => ctx.folders,
    });
    // The check worker starts now, while the client finishes its start and opens its documents.
    ctx.runner.prestart();
    dynamicConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    workspaceFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    return initializeResult(ctx.client, packageVersion(ctx.extensionRoot));
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    }
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        ctx.folders = [...ctx.folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
        ctx.settings.clear();
        ctx.data.reset();
        ctx.workspace.clear();
        void ctx.workspace.scan();
        scheduleRefresh();
      });
    }
    startWorkspacePlans(ctx);
    // Push clients see the problems of configured data files without opening them.
    if (!ctx.client.pullDiagnostics) void diagnostics.publishDataFiles();
  });

  connection.onDidChangeConfiguration((params) => {
    try {
      ctx.settings.clear(params.settings);
      ctx.data.reset();
      scheduleRefresh();
    } catch (err) {
      ctx.error('workspace/didChangeConfiguration', err);
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    try {
      let changed = false;
      for (const change of params.changes) {
        const file = uriToPath(change.uri);
        if (file && ctx.data.invalidate(file)) changed = true;
        // A plan created, changed or deleted outside the editor.
        ctx.workspace.fileChanged(change.uri);
      }
      if (changed) scheduleRefresh();
    } catch (err) {
      ctx.error('workspace/didChangeWatchedFiles', err);
    }
  });

  // A data file edited in the editor is validated as it is typed; the plans follow.
  const documents = ctx.documents.documents;
  documents.onDidChangeContent((e) => {
    const file = uriToPath(e.document.uri);
    if (file && ctx.data?.isDataFile(file) && ctx.data.invalidate(file)) scheduleRefresh();
  });
  documents.onDidClose((e) => {
    const file = uriToPath(e.document.uri);
    if (file && ctx.data?.isDataFile(file) && ctx.data.invalidate(file, { closedInEditor: true })) scheduleRefresh();
  });

  diagnostics.register();
  registerCompletion(ctx);
  registerHover(ctx);
  registerCodeActions(ctx);
  registerCommands(ctx);
  registerNavigation(ctx);
  const stopWorkspacePlans = registerWorkspacePlans(ctx, diagnostics);
  new PreviewFeature(ctx).register();

  connection.onDocumentSymbol(
    guarded(ctx, 'textDocument/documentSymbol', [], async (params) => {
      const analysis = await ctx.analyze(params.textDocument.uri);
      if (!analysis?.plan.isPlan) return [];
      // Sections are matched against the template as of the plan's date and level, as the rules match them.
      const symbols = documentSymbols(analysis.plan, viewOf(analysis).kb, analysis.settings.lang);
      return ctx.client.hierarchicalSymbols ? symbols : flattenSymbols(analysis.uri, symbols);
    }),
  );
  connection.onFoldingRanges(
    guarded(ctx, 'textDocument/foldingRange', [], (params) => {
      const doc = ctx.document(params.textDocument.uri);
      return doc ? foldingRanges(ctx.documents.plan(doc)) : [];
    }),
  );

  connection.onShutdown(() => {
    if (refreshTimer) clearTimeout(refreshTimer);
    ctx.runner.dispose();
    stopWorkspacePlans();
  });

  documents.listen(connection);
  return ctx;
}
