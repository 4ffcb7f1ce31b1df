// The server's shared state handed to every feature: connection, documents, settings, data, client capabilities.

import * as path from 'node:path';
import { CancellationToken, Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isoDateOf } from '../core/data/as-of';
import { KnowledgeBase } from '../core/data/types';
import { withTextMemo } from '../core/text/memo';
import { CheckRunner } from '../node/check-runner';
import { withWorkspace } from '../core/workspace/knowledge';
import { isInsideAny } from '../node/paths';
import { currentBudget, DEFAULT_REQUEST_BUDGET_MS, RequestBudget, RequestInterrupted, withBudget } from './budget';
import { Analysis, AnalysisSuperseded, PlanDocuments } from './documents';
import { DataFiles } from './data-files';
import { EffectiveSettings, SettingsCache } from './settings';
import { pathToUri, uriKey, uriToPath } from './uris';
import { WorkspacePlans } from './workspace-plans';

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
  /** The client wants to be told when the list of the workspace's plans changes. */
  workspacePlansChanged: boolean;
  /** The client accepts file watchers registered by the server. */
  dynamicFileWatchers: boolean;
}

/** How a server is put together; the production entry point uses the defaults. */
export interface ServerOptions {
  /**
   * The worker that runs the checks, when not the product's own: only code that starts the server
   * itself can set this (the robustness tests start one whose worker has a rule made to fail, to
   * be slow or never to end): nothing a client or a workspace sends reaches it.
   */
  checkWorker?: { script: string; argv?: readonly string[]; heapMb?: number };
  /** Most milliseconds a check may run, whatever the length of the text; defaultCheckBudget otherwise. */
  checkBudgetMs?: number;
  /** Time budgets of interactive requests in milliseconds, by LSP method; DEFAULT_REQUEST_BUDGET_MS otherwise. */
  budgets?: Readonly<Record<string, number>>;
}

/** After this many analyses given up for newer versions, a request has the current version's finished whatever comes next. */
const MAX_SUPERSEDED = 3;

export class ServerContext {
  readonly documents: PlanDocuments;
  /** Runs the checks in a worker thread the server can stop (see node/check-runner.ts). */
  readonly runner: CheckRunner;
  settings!: SettingsCache;
  data!: DataFiles;
  client!: ClientInfo;
  /** Workspace folder URIs. */
  folders: string[] = [];
  /** Folder of the installed extension (parent of schemas/), for documentation links. */
  extensionRoot = '';
  /** Called when findings of every open document may have changed (settings, data). */
  onInvalidate: () => void = () => undefined;
  /** Called when the workspace's plans changed: the entries of `symbols`, and whether the list of plans did. */
  onPlansChanged: (symbols: ReadonlySet<string>, list: boolean) => void = () => undefined;
  /** The plans of the workspace folders: registry entries for one another, and the Plans view's list. */
  readonly workspace: WorkspacePlans;

  constructor(
    readonly connection: Connection,
    readonly options: ServerOptions = {},
  ) {
    this.runner = new CheckRunner({
      ...(options.checkWorker ? { script: options.checkWorker.script, argv: options.checkWorker.argv ?? [] } : {}),
      ...(options.checkWorker?.heapMb !== undefined ? { heapMb: options.checkWorker.heapMb } : {}),
      ...(options.checkBudgetMs !== undefined ? { budgetMs: () => options.checkBudgetMs! } : {}),
      log: (m) => this.log(m),
    });
    this.documents = new PlanDocuments((m) => this.log(m), this.runner);
    this.workspace = new WorkspacePlans({
      folders: () => this.folders.map(uriToPath).filter((p): p is string => !!p),
      openDocument: (uri) => this.document(uri),
      // The index reads only the metadata: a keystroke in the body costs no parse of the whole text here.
      planOf: (doc) => this.documents.head(doc),
      editsSince: (uri, from, to) => this.documents.edits.since(uri, from, to),
      knowledge: () => this.data.bundledKnowledge,
      log: (m) => this.log(m),
      changed: (symbols, list) => this.onPlansChanged(symbols, list),
    });
  }

  /** The time budget of a request, in milliseconds. */
  budgetFor(method: string): number {
    return this.options.budgets?.[method] ?? DEFAULT_REQUEST_BUDGET_MS;
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
    // Asked for every diagnostic of every pull (a large plan has thousands): made once per rule.
    if (this.helpUrisRoot !== this.extensionRoot) {
      this.helpUris.clear();
      this.helpUrisRoot = this.extensionRoot;
    }
    let uri = this.helpUris.get(ruleId);
    if (uri === undefined) {
      uri = pathToUri(path.join(this.extensionRoot, 'docs', 'rules', `${ruleId}.md`));
      this.helpUris.set(ruleId, uri);
    }
    return uri;
  }

  private readonly helpUris = new Map<string, string>();
  private helpUrisRoot = '';

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

  /** Today on this machine (yyyy-mm-dd): a plan with no date yet is checked and completed as of this day. */
  today(): string {
    return isoDateOf(new Date());
  }

  /**
   * The knowledge a plan is checked with: the bundled and user data, and the plans of the workspace
   * as registry entries — for a plan of the workspace (a file in its folders, or an untitled
   * document); a file from elsewhere, opened on its own, is checked with the data alone.
   */
  knowledge(settings: EffectiveSettings, uri?: string): KnowledgeBase {
    const kb = this.data.knowledgeFor({
      ...(settings.templateFile ? { templateFile: settings.templateFile } : {}),
      registryFiles: settings.registryFiles,
      namesFiles: settings.namesFiles,
      lang: settings.lang,
    });
    return uri !== undefined && !this.inWorkspace(uri) ? kb : withWorkspace(kb, this.workspace.entries());
  }

  /** Whether a document belongs to the workspace: a file inside its folders, or an untitled document. */
  inWorkspace(uri: string): boolean {
    if (uri.startsWith('untitled:')) return true;
    // Asked at every check of a document: answered once per document and set of folders.
    const key = this.folders.join('\n');
    if (this.insideKey !== key) {
      this.inside.clear();
      this.insideKey = key;
    }
    let inside = this.inside.get(uri);
    if (inside === undefined) {
      const file = uriToPath(uri);
      inside = !!file && isInsideAny(file, this.folders.map(uriToPath).filter((p): p is string => !!p));
      if (this.inside.size > 10_000) this.inside.clear();
      this.inside.set(uri, inside);
    }
    return inside;
  }

  private readonly inside = new Map<string, boolean>();
  private insideKey = '';

  /**
   * What an open document's findings depend on besides its text and settings: the data files
   * (their generation) and the workspace plans it cites (a key of their entries). Part of its
   * result id, so that a change elsewhere in the workspace leaves it unchanged. A document outside
   * the workspace is checked with the data alone (see knowledge): no workspace plan counts for its
   * findings, and the symbols it cites are not read for its key — they were read at every
   * keystroke, on the main thread before the check was sent (about 0.13 ms on 1,000 lines).
   */
  generationOf(doc: TextDocument): string {
    if (!this.inWorkspace(doc.uri)) return `${this.data.generation}.0`;
    return `${this.data.generation}.${this.workspace.keyFor(this.workspace.citesOfDocument(doc))}`;
  }

  /** The same for a plan file read from disk. */
  generationOfFile(file: string): string {
    return `${this.data.generation}.${this.workspace.keyFor(this.workspace.citesOfFile(file))}`;
  }

  /**
   * The analysis of an open document, or undefined when it is not open. The check runs in the
   * background; a request with a budget (see `guarded`) stops waiting when it is cancelled or its
   * time is up, and the analysis is kept for the next one.
   */
  async analyze(uri: string): Promise<Analysis | undefined> {
    const budget = currentBudget();
    for (let superseded = 0; ; superseded++) {
      const doc = this.document(uri);
      if (!doc) return undefined;
      const settings = await this.settings.get(doc.uri);
      // The document may have changed while the settings were fetched: analyze what is current.
      const current = this.documents.get(doc.uri) ?? doc;
      // Its own entry first, so that the knowledge below has this version's number and date. The
      // symbols it cites are read with the memory of its earlier versions (only what changed is
      // read), once its check is posted (see PlanDocuments.analyze): they make only its result id's
      // key, which a new version's check does not wait for (0.07 to 0.18 ms a keystroke before).
      const memo = this.documents.indexMemo(current.uri);
      withTextMemo(memo, () => this.workspace.documentChanged(current, true));
      const kb = this.knowledge(settings, current.uri);
      const generation = (): string => withTextMemo(memo, () => this.generationOf(current));
      // Typing faster than a large plan is checked: after a few versions given up, this one is finished.
      const work = this.documents.analyze(current, settings, kb, generation, this.today(), superseded >= MAX_SUPERSEDED);
      // Read in this turn whatever the analysis asked (the memory of the symbols reads this version's pieces).
      withTextMemo(memo, () => this.workspace.settle());
      try {
        return await (budget ? budget.wait(work) : work);
      } catch (err) {
        // A runner that was stopped (the server is shutting down) refuses every job: trying again
        // would never end, and would keep the server from reading the exit notification.
        if (!(err instanceof AnalysisSuperseded) || this.runner.stopped) throw err;
      }
    }
  }

  /** File-system path of a document URI, if it has one. */
  pathOf(uri: string): string | undefined {
    return uriToPath(uri);
  }
}

/**
 * Wraps a request handler: it runs under the request's time budget and cancellation token (an
 * interrupted request is answered with RequestCancelled or ServerCancelled, which clients drop
 * silently); any other exception is logged and the client gets an empty answer.
 */
export function guarded<P, R>(
  ctx: ServerContext,
  name: string,
  empty: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): (params: P, token: CancellationToken) => Promise<R> {
  return async (params, token) => {
    const budget = new RequestBudget(name, ctx.budgetFor(name), token);
    try {
      budget.check();
      return await withBudget(budget, () => handler(params, token));
    } catch (err) {
      if (err instanceof RequestInterrupted) throw err.toResponseError();
      ctx.error(name, err);
      return empty;
    }
  };
}
