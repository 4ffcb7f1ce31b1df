// onInitialize: what the client can do, and the capabilities the server declares in return.

import { CodeActionKind, InitializeParams, InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { ClientInfo } from '../context';
import {
  DIAGNOSTIC_IDENTIFIER,
  FIX_ALL_CODE_ACTION_KIND,
  INSERT_MISSING_SECTIONS_CODE_ACTION_KIND,
  INSERT_MISSING_SECTIONS_COMMAND,
  Plan43InitializationOptions,
  SERVER_ID,
} from '../protocol';

export const COMPLETION_TRIGGER_CHARACTERS = [' ', '.', '-', '#', '/'];

export function readClientInfo(params: InitializeParams): ClientInfo {
  const caps = params.capabilities;
  const options = (params.initializationOptions ?? {}) as Plan43InitializationOptions;
  const info: ClientInfo = {
    pullDiagnostics: !!caps.textDocument?.diagnostic,
    diagnosticRefresh: !!caps.workspace?.diagnostics?.refreshSupport,
    configuration: !!caps.workspace?.configuration,
    workDoneProgress: !!caps.window?.workDoneProgress,
    snippets: !!caps.textDocument?.completion?.completionItem?.snippetSupport,
    hierarchicalSymbols: !!caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    markdownHover: (caps.textDocument?.hover?.contentFormat ?? ['markdown']).includes('markdown'),
    trusted: options.trusted !== false,
    workspacePlansChanged: options.workspacePlansChanged === true,
    dynamicFileWatchers: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
  };
  // VS Code's client sends its display language in both places; other clients may send either.
  const locale = params.locale ?? options.locale;
  if (locale) info.locale = locale;
  return info;
}

export function initializeResult(client: ClientInfo, version: string): InitializeResult {
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: {
        codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND, INSERT_MISSING_SECTIONS_CODE_ACTION_KIND],
        resolveProvider: false,
      },
      documentSymbolProvider: { label: 'Plan43' },
      definitionProvider: true,
      referencesProvider: true,
      documentLinkProvider: { resolveProvider: false },
      foldingRangeProvider: true,
      executeCommandProvider: { commands: [INSERT_MISSING_SECTIONS_COMMAND] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SERVER_ID, version },
  };
  if (client.pullDiagnostics) {
    result.capabilities.diagnosticProvider = {
      identifier: DIAGNOSTIC_IDENTIFIER,
      interFileDependencies: false,
      workspaceDiagnostics: true,
    };
  }
  return result;
}
