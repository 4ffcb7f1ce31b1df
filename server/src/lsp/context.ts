// The server's shared state handed to every feature: connection, documents, settings, data, client capabilities.

import * as path from 'node:path';
import { CancellationToken, Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { KnowledgeBase } from '../core/data/types';
import { Analysis, PlanDocuments } from './documents';
import { DataFiles } from './data-files';
import { EffectiveSettings, SettingsCache } from './settings';
import { pathToUri, uriKey, uriToPath } from './uris';

/** What the client said it can do, read once in onInitialize. */
export interface ClientInfo {
  /** textDocument/diagnostic (pull); otherwise the server publishes. */
  pullDiagnostics: boolean;
  /** workspace/diagnostic/refresh. */
  diagnosticRefresh: boolean;
  configuration: boolean;
  workDoneProgress: boolean;
  snippets: boolean;
  hierarchicalSymbols: boolean;
  markdownHover: boolean;
  locale?: string;
  trusted: boolean;
}

export class ServerContext {
  readonly documents: PlanDocuments;
  settings!: SettingsCache;
  data!: DataFiles;
  client!: ClientInfo;
  /** Workspace folder URIs. */
  folders: string[] = [];
  /** Folder of the installed extension (parent of schemas/), for documentation links. */
  extensionRoot = '';
  /** Called when findings of every open document may have changed (settings, data). */
  onInvalidate: () => void = () => undefined;

  constructor(readonly connection: Connection) {
    this.documents = new PlanDocuments((m) => this.log(m));
  }

  log(message: string): void {
    // stdout is the protocol with --stdio: never console.log.
    this.connection.console.log(message);
  }

  error(where: string, err: unknown): void {
    this.connection.console.error(`plan43: ${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  helpUri(ruleId: string): string | undefined {
    if (!this.extensionRoot) return undefined;
    return pathToUri(path.join(this.extensionRoot, 'docs', 'rules', `${ruleId}.md`));
  }

  /** The open document with this URI, whatever the encoding of the URI. */
  document(uri: string): TextDocument | undefined {
    const direct = this.documents.get(uri);
    if (direct) return direct;
    const key = uriKey(uri);
    return this.documents.all().find((d) => uriKey(d.uri) === key);
  }

  /** Text of an open document by file path (data files edited in the editor). */
  openText(file: string): string | undefined {
    return this.document(pathToUri(file))?.getText();
  }

  knowledge(settings: EffectiveSettings): KnowledgeBase {
    return this.data.knowledgeFor({
      ...(settings.templateFile ? { templateFile: settings.templateFile } : {}),
      registryFiles: settings.registryFiles,
      namesFiles: settings.namesFiles,
      lang: settings.lang,
    });
  }

  /** The analysis of an open document, or undefined when it is not open. */
  async analyze(uri: string): Promise<Analysis | undefined> {
    const doc = this.document(uri);
    if (!doc) return undefined;
    const settings = await this.settings.get(doc.uri);
    const kb = this.knowledge(settings);
    // The document may have changed while the settings were fetched: analyze what is current.
    const current = this.documents.get(doc.uri) ?? doc;
    return this.documents.analyze(current, settings, kb, this.data.generation);
  }

  /** File-system path of a document URI, if it has one. */
  pathOf(uri: string): string | undefined {
    return uriToPath(uri);
  }
}

/** Wraps a request handler: an exception is logged and the client gets an empty answer. */
export function guarded<P, R>(
  ctx: ServerContext,
  name: string,
  empty: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    try {
      return await handler(params, token);
    } catch (err) {
      ctx.error(name, err);
      return empty;
    }
  };
}
