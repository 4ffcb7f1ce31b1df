// A small LSP client for protocol tests: starts the built server (over --stdio by default) and waits on answers and notifications with timeouts.

import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as net from 'node:net';
import {
  ClientCapabilities,
  createProtocolConnection,
  Diagnostic,
  DocumentDiagnosticReport,
  ErrorCodes,
  generateRandomPipeName,
  InitializeResult,
  IPCMessageReader,
  IPCMessageWriter,
  MessageReader,
  MessageWriter,
  ProtocolConnection,
  PublishDiagnosticsParams,
  ResponseError,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
  WorkDoneProgress,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO_ROOT } from '../support/paths';

export const SERVER_MAIN = path.join(REPO_ROOT, 'out', 'server', 'src', 'main.js');
export const DEFAULT_TIMEOUT = 15000;

/** Rejects when a promise takes longer than `ms`: a test fails with a message, it never hangs. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Capabilities of a client like VS Code: pull diagnostics with refresh, snippets, hierarchical symbols. */
export function pullCapabilities(): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: true,
      applyEdit: true,
      diagnostics: { refreshSupport: true },
      executeCommand: {},
    },
    textDocument: {
      synchronization: { didSave: true },
      diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
      completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } },
      hover: { contentFormat: ['markdown', 'plaintext'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      foldingRange: {},
      publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, versionSupport: true },
    },
    window: { workDoneProgress: true },
  };
}

/** Capabilities of an older client: no pull diagnostics, so the server must publish. */
export function pushCapabilities(): ClientCapabilities {
  const caps = pullCapabilities();
  delete caps.textDocument!.diagnostic;
  delete caps.workspace!.diagnostics;
  return caps;
}

export interface StartOptions {
  /** The command that starts the server, before its transport argument; `node out/server/src/main.js` by default. */
  command?: { file: string; args?: string[]; env?: NodeJS.ProcessEnv; /** Runs the server as this user and group (only the superuser may ask). */ uid?: number };
  /**
   * How the client talks to the server: standard streams (default), Node's IPC channel, a TCP port
   * the client listens on, or a named pipe / Unix socket the client listens on (VS Code's
   * extension: the server is started as vscode-languageclient's `TransportKind.pipe` starts it).
   */
  transport?: 'stdio' | 'node-ipc' | 'socket' | 'pipe';
  capabilities?: ClientCapabilities;
  workspaceFolders?: string[];
  locale?: string;
  initializationOptions?: unknown;
  /** The `plan43` section returned to workspace/configuration (null: nothing set, as Neovim answers). */
  settings?: Record<string, unknown> | null;
  /** False: the request workspace/configuration is not handled at all (the client said it cannot answer it). */
  answersConfiguration?: boolean;
}

interface Waiter<T> {
  accept(value: T): boolean;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  /** The `plan43` settings the client answers with; tests change it and send didChangeConfiguration. */
  settings: Record<string, unknown> | null;
  /** window/logMessage notifications of the server. */
  readonly logged: Array<{ type: number; message: string }> = [];
  /** Every request the server sent, by method. */
  readonly serverRequests: string[] = [];
  /** Every scopeUri the server asked settings for. */
  readonly configurationScopes: Array<string | undefined> = [];
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly appliedEdits: unknown[] = [];
  /** What the server registered dynamically (client/registerCapability). */
  readonly registrations: Array<{ method: string; registerOptions?: unknown }> = [];
  readonly progress: Array<{ token: string | number; value: { kind: string } }> = [];
  readonly stderr: string[] = [];
  initializeResult!: InitializeResult;
  private readonly docs = new Map<string, TextDocument>();
  private readonly waiters = new Set<Waiter<{ method: string; params: unknown }>>();
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    reader: MessageReader,
    writer: MessageWriter,
    settings: Record<string, unknown> | null,
    answersConfiguration: boolean,
  ) {
    this.settings = settings;
    this.connection = createProtocolConnection(reader, writer);
    process.stderr!.setEncoding('utf8').on('data', (d: string) => this.stderr.push(d));
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    const c = this.connection;
    // Requests the test client does not know are noted and refused, as a client without the feature does.
    (c as unknown as { onRequest(handler: (method: string) => unknown): void }).onRequest((method: string) => {
      this.serverRequests.push(method);
      return new ResponseError(ErrorCodes.MethodNotFound, `the test client does not handle ${method}`);
    });
    if (answersConfiguration) {
      c.onRequest('workspace/configuration', (params: { items: Array<{ scopeUri?: string; section?: string }> }) => {
        this.serverRequests.push('workspace/configuration');
        return params.items.map((item) => {
          this.configurationScopes.push(item.scopeUri);
          return item.section === 'plan43' ? this.settings : null;
        });
      });
    }
    c.onRequest('client/registerCapability', (params: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      this.serverRequests.push('client/registerCapability');
      this.registrations.push(...params.registrations);
      this.emit('client/registerCapability', params);
      return null;
    });
    c.onRequest('window/workDoneProgress/create', (params: { token: string | number }) => {
      this.serverRequests.push('window/workDoneProgress/create');
      this.trackProgress(params.token);
      return null;
    });
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.serverRequests.push('workspace/diagnostic/refresh');
      this.emit('workspace/diagnostic/refresh', null);
      return null;
    });
    c.onRequest('workspace/applyEdit', (params: unknown) => {
      this.serverRequests.push('workspace/applyEdit');
      this.appliedEdits.push(params);
      this.emit('workspace/applyEdit', params);
      return { applied: true };
    });
    c.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, params);
      this.emit('textDocument/publishDiagnostics', params);
    });

    c.onNotification('window/logMessage', (params: { type: number; message: string }) => this.logged.push(params));
    c.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run "npx tsc -b" first`);
    const command = options.command ?? { file: process.execPath, args: [SERVER_MAIN] };
    const args = command.args ?? [];
    const env = command.env ?? process.env;
    const user = command.uid !== undefined ? { uid: command.uid, gid: command.uid } : {};
    let child: ChildProcess;
    let reader: MessageReader;
    let writer: MessageWriter;
    if (options.transport === 'node-ipc') {
      child = spawn(command.file, [...args, '--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], env, ...user });
      reader = new IPCMessageReader(child);
      writer = new IPCMessageWriter(child);
    } else if (options.transport === 'socket') {
      // The client listens and the server connects (vscode-languageserver's --socket=PORT).
      const listener = net.createServer();
      await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
      const port = (listener.address() as net.AddressInfo).port;
      const connected = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
      child = spawn(command.file, [...args, `--socket=${port}`], { stdio: ['pipe', 'pipe', 'pipe'], env, ...user });
      const socket = await withTimeout(connected, DEFAULT_TIMEOUT, `the server connecting to port ${port}`).finally(() => listener.close());
      reader = new SocketMessageReader(socket);
      writer = new SocketMessageWriter(socket);
    } else if (options.transport === 'pipe') {
      // As vscode-languageclient does: the client listens on a pipe it names and the server
      // connects to it; the server is forked (an IPC channel it must leave alone) and told the
      // client's process id, which it watches.
      const name = generateRandomPipeName();
      const listener = net.createServer();
      await new Promise<void>((resolve) => listener.listen(name, resolve));
      const connected = new Promise<net.Socket>((resolve) => listener.once('connection', resolve));
      const watched = command.uid !== undefined ? [] : [`--clientProcessId=${process.pid}`];
      child = spawn(command.file, [...args, `--pipe=${name}`, ...watched], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], env, ...user });
      // A server that never connects is ended: its IPC channel would keep it, and this process, alive.
      const started = child;
      const socket = await withTimeout(connected, DEFAULT_TIMEOUT, `the server connecting to the pipe ${name}`)
        .catch((err: unknown) => {
          started.kill();
          throw err;
        })
        .finally(() => listener.close());
      reader = new SocketMessageReader(socket);
      writer = new SocketMessageWriter(socket);
    } else {
      child = spawn(command.file, [...args, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env, ...user });
      reader = new StreamMessageReader(child.stdout!);
      writer = new StreamMessageWriter(child.stdin!);
    }
    const client = new TestClient(child, reader, writer, options.settings === undefined ? {} : options.settings, options.answersConfiguration !== false);
    const folders = options.workspaceFolders ?? [];
    client.initializeResult = await client.request<InitializeResult>('initialize', {
      // The server checks that its client's process lives by signalling it, which another user may not do.
      processId: command.uid !== undefined ? null : process.pid,
      rootUri: folders[0] ? uri(folders[0]) : null,
      // A client without workspace folders sends null and names its root in rootUri alone.
      workspaceFolders: options.capabilities?.workspace?.workspaceFolders === false ? null : folders.map((f) => ({ uri: uri(f), name: path.basename(f) })),
      capabilities: options.capabilities ?? pullCapabilities(),
      ...(options.locale ? { locale: options.locale } : {}),
      ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
    });
    client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Listens to $/progress for a token (the connection routes progress by token). */
  trackProgress(token: string | number): void {
    this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      const p = { token, value };
      this.progress.push(p);
      this.emit('$/progress', p);
    });
  }

  private emit(method: string, params: unknown): void {
    for (const w of [...this.waiters]) if (w.accept({ method, params })) this.waiters.delete(w);
  }

  /** Waits for a notification or server request that satisfies `predicate`; `check` first looks at what already arrived. */
  waitFor<T>(method: string, predicate: (params: T) => boolean = () => true, what = method, timeout = DEFAULT_TIMEOUT): Promise<T> {
    let waiter: Waiter<{ method: string; params: unknown }>;
    const promise = new Promise<T>((resolve) => {
      waiter = {
        accept: (e) => {
          if (e.method !== method || !predicate(e.params as T)) return false;
          resolve(e.params as T);
          return true;
        },
      };
      this.waiters.add(waiter);
    });
    return withTimeout(promise, timeout, what).finally(() => this.waiters.delete(waiter));
  }

  /** Diagnostics published for a URI that satisfy `predicate`, now or later. */
  waitForPublished(docUri: string, predicate: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean = () => true, timeout = DEFAULT_TIMEOUT): Promise<PublishDiagnosticsParams> {
    const current = this.published.get(docUri);
    if (current && predicate(current.diagnostics, current)) return Promise.resolve(current);
    return this.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === docUri && predicate(p.diagnostics, p), `diagnostics of ${docUri}`, timeout);
  }

  request<R>(method: string, params: unknown, timeout = DEFAULT_TIMEOUT): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), timeout, `${method} answer`);
  }

  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  open(docUri: string, text: string, languageId = docUri.endsWith('.yaml') || docUri.endsWith('.yml') ? 'yaml' : 'markdown'): TextDocument {
    const doc = TextDocument.create(docUri, languageId, 1, text);
    this.docs.set(docUri, doc);
    this.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId, version: 1, text } });
    return doc;
  }

  /** Applies LSP edits to an open document and sends them as one incremental change. */
  edit(docUri: string, edits: TextEdit[]): TextDocument {
    const doc = this.document(docUri);
    const text = TextDocument.applyEdits(doc, edits);
    return this.replace(docUri, text);
  }

  /** Replaces the whole text of an open document (an incremental change covering everything). */
  replace(docUri: string, text: string): TextDocument {
    const doc = this.document(docUri);
    const end = doc.positionAt(doc.getText().length);
    const version = doc.version + 1;
    const next = TextDocument.create(docUri, doc.languageId, version, text);
    this.docs.set(docUri, next);
    this.notify('textDocument/didChange', {
      textDocument: { uri: docUri, version },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end }, text }],
    });
    return next;
  }

  close(docUri: string): void {
    this.docs.delete(docUri);
    this.notify('textDocument/didClose', { textDocument: { uri: docUri } });
  }

  document(docUri: string): TextDocument {
    const doc = this.docs.get(docUri);
    if (!doc) throw new Error(`${docUri} is not open`);
    return doc;
  }

  /** Pulls the diagnostics of a document (textDocument/diagnostic) and returns the full report's items. */
  async pull(docUri: string): Promise<Diagnostic[]> {
    const report = await this.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: docUri }, identifier: 'plan43' });
    if (report.kind !== 'full') throw new Error(`expected a full report for ${docUri}, got ${report.kind}`);
    return report.items;
  }

  /** shutdown, exit, and the exit code of the server process. */
  async shutdown(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    await this.request('shutdown', null);
    this.notify('exit', null);
    const code = await withTimeout(this.exited, DEFAULT_TIMEOUT, 'server exit');
    this.connection.dispose();
    return code;
  }

  /** Ends the server whatever its state (after a failed test). */
  async dispose(): Promise<void> {
    try {
      await this.shutdown();
    } catch {
      this.process.kill();
    }
  }
}

export function uri(file: string): string {
  return pathToFileURL(path.resolve(file)).href;
}
