// Measurements through the real language server over LSP: edit → diagnostics (pull and push), completion, hover, start-up, resident memory.

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import {
  CompletionList,
  Diagnostic,
  createProtocolConnection,
  DocumentDiagnosticReport,
  Hover,
  InitializeResult,
  Position,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MAX_MARKED } from '../server/src/core/export/html';
import { PUSH_DELAY_MS } from '../server/src/lsp/diagnostics';
import { IDLE_COLLECT_MS, SETTLE_COLLECT_MS } from '../server/src/node/idle-collect';
import { pullCapabilities, pushCapabilities, SERVER_MAIN, TestClient, withTimeout } from '../test/protocol/client';
import { coreShapes, shapeOf, sortShapes } from '../test/protocol/helpers';
import { now, Summary, summarize } from './stats';

/** Slow sizes must not trip the test client's default timeout. */
const LONG = 600_000;

/** Resident set size of a process, from /proc on Linux, else from ps. */
export function residentBytes(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    if (m) return Number(m[1]) * 1024;
  } catch {
    // Not Linux: fall through to ps.
  }
  try {
    const out = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    const kb = Number(out.trim());
    return Number.isFinite(kb) && kb > 0 ? kb * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** An open document as the editor holds it, changed by small incremental edits like keystrokes. */
export class EditedDocument {
  doc: TextDocument;

  constructor(
    private readonly client: TestClient,
    readonly uri: string,
    text: string,
  ) {
    this.doc = TextDocument.create(uri, 'markdown', 1, text);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  get version(): number {
    return this.doc.version;
  }

  /** Inserts `text` at `offset` as one incremental didChange (what an editor sends for a keystroke). */
  insert(offset: number, text: string): void {
    const position = this.doc.positionAt(offset);
    const change = { range: { start: position, end: position }, text };
    const version = this.doc.version + 1;
    this.doc = TextDocument.update(this.doc, [change], version);
    this.client.notify('textDocument/didChange', { textDocument: { uri: this.uri, version }, contentChanges: [change] });
  }

  position(offset: number): Position {
    return this.doc.positionAt(offset);
  }

  pull(): Promise<DocumentDiagnosticReport> {
    return this.client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: this.uri }, identifier: 'plan43' }, LONG);
  }

  /** The result id and diagnostics of the last report `pullAsEditor` got. */
  private held: { resultId: string | undefined; items: Diagnostic[] } = { resultId: undefined, items: [] };

  /**
   * A pull as VS Code's client makes it: with the result id of the last report it got, keeping
   * its diagnostics when the answer is "unchanged". The diagnostics the editor then holds.
   */
  async pullAsEditor(): Promise<{ kind: 'full' | 'unchanged'; items: Diagnostic[] }> {
    const previousResultId = this.held.resultId;
    const report = await this.client.request<DocumentDiagnosticReport>(
      'textDocument/diagnostic',
      { textDocument: { uri: this.uri }, identifier: 'plan43', ...(previousResultId === undefined ? {} : { previousResultId }) },
      LONG,
    );
    if (report.kind === 'full') this.held = { resultId: report.resultId, items: report.items };
    else this.held = { resultId: report.resultId, items: this.held.items };
    return { kind: report.kind, items: this.held.items };
  }
}

/** Where the drafter types: the end of a paragraph in the middle of the task section. */
export function typingOffset(text: string): number {
  const middle = Math.floor(text.length / 2);
  const heading = text.lastIndexOf('\n### ', middle);
  const from = heading >= 0 ? heading + 1 : middle;
  // The first paragraph after that heading: the end of its line.
  const para = text.indexOf('\n\n', from);
  const lineEnd = text.indexOf('\n', para + 2);
  return lineEnd > 0 ? lineEnd : text.length;
}

/** What is typed, one character per edit: a clause with a citation, so that completion has work too. */
export const TYPED = ' Đồng thời, tổ chức thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII; phát huy sức mạnh đại đoàn kết toàn dân tộc, xây dựng quê hương ngày càng giàu đẹp, văn minh.';

function typedChar(i: number): string {
  return TYPED[i % TYPED.length];
}

export interface LatencyResult {
  /** didChange → full report of textDocument/diagnostic. */
  pull: Summary;
  /** Time of the very first pull after didOpen (parse and check from nothing). */
  firstPull: number;
  findings: number;
  /** The plan was over the size limit: one plan.too-large finding and nothing checked. */
  tooLarge: boolean;
  /** Keystrokes answered "unchanged" (the diagnostics the editor held were still the plan's). */
  unchanged: number;
  /**
   * The keystrokes apart by answer: those answered in full (a diagnostic changed: the report's
   * list encoded, sent and decoded) and those answered "unchanged". About three in four are
   * "unchanged" on the bench's typing, so the p95 of `pull` is the full answers'.
   */
  byKind: { full: Summary; unchanged: Summary };
  /** Resident memory of the server after the edits. */
  rss?: number;
}

/**
 * A server with pull diagnostics, one document open, `edits` keystrokes each followed by a pull.
 * `execArgv`: Node options the server is started with (the extension's, for the numbers it sees);
 * `server`: the server's script (another build's, to compare two trees); `folder`: the workspace
 * folder the client opens (the plan's own, as VS Code opens a plan of its folder), none without.
 */
export async function pullLatency(uri: string, text: string, edits: number, execArgv: readonly string[] = [], server = SERVER_MAIN, folder?: string): Promise<LatencyResult> {
  const client = await TestClient.start({ capabilities: pullCapabilities(), command: { file: process.execPath, args: [...execArgv, server] }, ...(folder !== undefined ? { workspaceFolders: [folder] } : {}) });
  try {
    const doc = new EditedDocument(client, uri, text);
    const t0 = now();
    const first = await doc.pullAsEditor();
    const firstPull = now() - t0;
    let offset = typingOffset(text);
    const times: number[] = [];
    const fullTimes: number[] = [];
    const unchangedTimes: number[] = [];
    let last: Diagnostic[] | undefined;
    let findings = first.items.length;
    const tooLarge = first.items.some((d) => d.code === 'plan.too-large');
    let unchanged = 0;
    for (let i = 0; i < edits; i++) {
      const ch = typedChar(i);
      const start = now();
      doc.insert(offset, ch);
      // As VS Code pulls: "unchanged" when the keystroke left every diagnostic as it was.
      const report = await doc.pullAsEditor();
      const took = now() - start;
      times.push(took);
      if (report.kind === 'unchanged') unchanged++;
      (report.kind === 'unchanged' ? unchangedTimes : fullTimes).push(took);
      findings = report.items.length;
      last = report.items;
      offset += ch.length;
    }
    const rss = residentBytes(client.process.pid!);
    if (edits > 0) agreesWithCore(uri, doc.doc.getText(), last!);
    return { pull: summarize(times), firstPull, findings, tooLarge, unchanged, byKind: { full: summarize(fullTimes), unchanged: summarize(unchangedTimes) }, ...(rss !== undefined ? { rss } : {}) };
  } finally {
    await client.dispose();
  }
}

/**
 * The server re-checks an edited document from what it remembers of the previous versions; after
 * the last keystroke its diagnostics must be exactly those of a check from scratch of the same
 * text. A difference stops the run: fast and wrong would be no result.
 */
function agreesWithCore(uri: string, text: string, diagnostics: Diagnostic[]): void {
  const served = sortShapes(diagnostics.map(shapeOf));
  const core = sortShapes(coreShapes(uri, text));
  const key = (x: (typeof served)[number]): string => `${x.line}:${x.character}-${x.endLine}:${x.endCharacter} ${x.code} ${x.message}`;
  const a = served.map(key).join('\n');
  const b = core.map(key).join('\n');
  if (a !== b) {
    const onlyServed = served.map(key).filter((k) => !b.includes(k)).slice(0, 3);
    const onlyCore = core.map(key).filter((k) => !a.includes(k)).slice(0, 3);
    throw new Error(`the server's diagnostics after ${uri} was edited differ from a check from scratch: server only ${JSON.stringify(onlyServed)}, core only ${JSON.stringify(onlyCore)}`);
  }
}

/** A server without pull diagnostics: didChange → publishDiagnostics of that version, less the server's debounce. */
export async function pushLatency(uri: string, text: string, edits: number): Promise<{ push: Summary; raw: Summary }> {
  const client = await TestClient.start({ capabilities: pushCapabilities() });
  try {
    const doc = new EditedDocument(client, uri, text);
    await client.waitForPublished(uri, (_, p) => p.version === 1, LONG);
    let offset = typingOffset(text);
    const raw: number[] = [];
    for (let i = 0; i < edits; i++) {
      const ch = typedChar(i);
      const start = now();
      doc.insert(offset, ch);
      const version = doc.version;
      await client.waitFor<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version, `diagnostics of version ${version}`, LONG);
      raw.push(now() - start);
      offset += ch.length;
    }
    return { push: summarize(raw.map((t) => Math.max(0, t - PUSH_DELAY_MS))), raw: summarize(raw) };
  } finally {
    await client.dispose();
  }
}

export interface RequestLatency {
  /** Completion right after a keystroke: the server re-checks the new version first. */
  completionAfterEdit: Summary;
  /** Completion on a document already checked. */
  completion: Summary;
  /** Hover on citations and headings of a document already checked. */
  hover: Summary;
  /** The first hover after an edit (the citations of the new version are analysed once). */
  hoverAfterEdit: Summary;
  completionItems: number;
}

/** Completion while typing a citation, and hover over citations and headings. */
export async function requestLatency(uri: string, text: string, edits: number): Promise<RequestLatency> {
  const client = await TestClient.start({ capabilities: pullCapabilities() });
  try {
    const doc = new EditedDocument(client, uri, text);
    await doc.pull();
    let offset = typingOffset(text);
    const afterEdit: number[] = [];
    let items = 0;
    const complete = async (): Promise<number> => {
      const list = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: doc.position(offset) }, LONG);
      return list?.items.length ?? 0;
    };
    for (let i = 0; i < edits; i++) {
      const ch = typedChar(i);
      const start = now();
      doc.insert(offset, ch);
      offset += ch.length;
      items = Math.max(items, await complete());
      afterEdit.push(now() - start);
    }
    await doc.pull();
    const steady: number[] = [];
    for (let i = 0; i < edits; i++) {
      const start = now();
      await complete();
      steady.push(now() - start);
    }

    // Hover targets: every citation symbol and every heading, visited in turn.
    const current = doc.doc.getText();
    const targets: number[] = [];
    for (const re of [/\d{1,3}-(?:NQ|KH|CTr|KL|CT|HD)\/TW/g, /^#{2,3} /gm]) {
      for (let m = re.exec(current); m; m = re.exec(current)) targets.push(m.index + Math.min(4, m[0].length - 1));
    }
    targets.sort((a, b) => a - b);
    const hover = (at: number): Promise<Hover | null> =>
      client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: doc.position(at) }, LONG);
    const hovers: number[] = [];
    for (let i = 0; i < edits && targets.length > 0; i++) {
      const at = targets[Math.floor((i * targets.length) / edits)];
      const start = now();
      await hover(at);
      hovers.push(now() - start);
    }
    const hoverEdits: number[] = [];
    const hoverRounds = Math.max(5, Math.min(50, Math.floor(edits / 4)));
    for (let i = 0; i < hoverRounds && targets.length > 0; i++) {
      const ch = typedChar(i);
      doc.insert(offset, ch);
      offset += ch.length;
      await doc.pull();
      // The target moved with the inserted character when it lies after the cursor.
      const base = targets[Math.floor((i * targets.length) / hoverRounds)];
      const at = base >= offset - ch.length ? base + ch.length * (i + 1) : base;
      const start = now();
      await hover(Math.min(at, doc.doc.getText().length - 1));
      hoverEdits.push(now() - start);
    }
    return { completionAfterEdit: summarize(afterEdit), completion: summarize(steady), hover: summarize(hovers), hoverAfterEdit: summarize(hoverEdits), completionItems: items };
  } finally {
    await client.dispose();
  }
}

export interface PreviewLatency {
  /** A keystroke, then plan43/preview: the new version checked (drafting and submission), laid out and drawn. */
  afterEdit: Summary;
  /** plan43/preview on a version already drawn once: layout and drawing only. */
  steady: Summary;
  /** Size of an update (the page's body and formats), bytes. */
  bytes: number;
  /** Findings marked on the page after the last keystroke. */
  marked: number;
}

interface PreviewAnswer {
  version: number;
  body: string;
  css: string;
  marked: number;
}

/**
 * The preview while typing: after each keystroke the page is asked for at once, as the preview
 * beside the editor asks (it waits for a pause in the typing; asking at once is the harder case).
 * After the last keystroke, the findings on the page must be those of the diagnostics.
 */
export async function previewLatency(uri: string, text: string, edits: number): Promise<PreviewLatency> {
  const client = await TestClient.start({ capabilities: pullCapabilities() });
  try {
    const doc = new EditedDocument(client, uri, text);
    await doc.pull();
    const preview = (): Promise<PreviewAnswer> => client.request<PreviewAnswer>('plan43/preview', { uri, full: false }, LONG);
    await preview();
    let offset = typingOffset(text);
    const afterEdit: number[] = [];
    let last: PreviewAnswer | undefined;
    for (let i = 0; i < edits; i++) {
      const ch = typedChar(i);
      const start = now();
      doc.insert(offset, ch);
      offset += ch.length;
      last = await preview();
      afterEdit.push(now() - start);
      if (last.version !== doc.version) throw new Error(`the preview drew version ${last.version}, the document is at ${doc.version}`);
    }
    const steady: number[] = [];
    for (let i = 0; i < edits; i++) {
      const start = now();
      last = await preview();
      steady.push(now() - start);
    }
    // Fast and wrong would be no result: the page marks what the diagnostics report (at most
    // MAX_MARKED of them, the banner telling how many more).
    const diagnostics = await doc.pull();
    const data = JSON.parse(/id="plan43-data">([\s\S]*?)<\/script>/u.exec(last!.body)![1]) as { findings: unknown[] };
    if (diagnostics.kind !== 'full' || data.findings.length !== Math.min(diagnostics.items.length, MAX_MARKED)) {
      throw new Error(`the preview of ${uri} has ${data.findings.length} findings, the diagnostics ${diagnostics.kind === 'full' ? diagnostics.items.length : diagnostics.kind}`);
    }
    return { afterEdit: summarize(afterEdit), steady: summarize(steady), bytes: Buffer.byteLength(last!.body) + Buffer.byteLength(last!.css), marked: last!.marked };
  } finally {
    await client.dispose();
  }
}

/** A server process driven over stdio without the test client, so that Node options can be given (start-up, memory). */
/** `wrap`: a command the server's Node process runs under (valgrind), its program first. */
async function spawnServer(
  serverScript: string,
  execArgv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  wrap: readonly string[] = [],
): Promise<{ child: ChildProcess; connection: ProtocolConnection; stop(): Promise<void>; exit(): Promise<void> }> {
  const command = [...wrap, process.execPath, ...execArgv, serverScript, '--stdio'];
  const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'ignore'], env });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    try {
      if (child.exitCode === null) {
        await withTimeout(connection.sendRequest('shutdown', null), 15000, 'shutdown');
        await connection.sendNotification('exit', null);
        await withTimeout(exited, 15000, 'server exit');
      }
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  };
  // `exit` without `shutdown`: the process ends at once, nothing after the last answer runs.
  const exit = async (): Promise<void> => {
    try {
      if (child.exitCode === null) {
        await connection.sendNotification('exit', null);
        await withTimeout(exited, LONG, 'server exit');
      }
    } finally {
      connection.dispose();
    }
  };
  await withTimeout(
    connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, workspaceFolders: [], capabilities: pullCapabilities() }),
    LONG,
    'initialize',
  );
  await connection.sendNotification('initialized', {});
  return { child, connection, stop, exit };
}

/**
 * How long after the last answer the memory is read a second time: the check worker collects its
 * garbage once its checks have paused for IDLE_COLLECT_MS (server/src/node/idle-collect.ts), so
 * this is the memory a user sees once the server has been left alone for a moment.
 */
export const SETTLED_AFTER_MS = IDLE_COLLECT_MS + 2000;

/**
 * How long after the last answer the memory is read a third time: past the worker's second
 * collection (SETTLE_COLLECT_MS after its first), which gives its young generation back; what a
 * user sees once the server has been left alone for a few seconds more.
 */
export const LATER_AFTER_MS = IDLE_COLLECT_MS + SETTLE_COLLECT_MS + 4000;

/**
 * Resident memory of a server holding `texts` open, each pulled once (as an editor does for the
 * documents it shows), read half a second after the last answer (`rss`, before any collection),
 * SETTLED_AFTER_MS after it (`settled`) and, unless `readLater` is false (a smoke run, whose time is
 * bounded), LATER_AFTER_MS after it (`later`). `execArgv` and `env`: the Node options and
 * environment the server is started with.
 */
export async function memoryWithOpen(
  serverScript: string,
  texts: ReadonlyArray<{ uri: string; text: string }>,
  execArgv: readonly string[] = [],
  env: NodeJS.ProcessEnv = process.env,
  readLater = true,
): Promise<{ rss?: number; settled?: number; later?: number; idle?: number }> {
  const server = await spawnServer(serverScript, execArgv, env);
  try {
    const idle = residentBytes(server.child.pid!);
    for (const { uri, text } of texts) {
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      await withTimeout(server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, identifier: 'plan43' }), LONG, 'diagnostics');
    }
    const answered = now();
    // Let the server settle (pending writes, timers) before reading its memory.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rss = residentBytes(server.child.pid!);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, answered + SETTLED_AFTER_MS - now())));
    const settled = residentBytes(server.child.pid!);
    let later: number | undefined;
    if (readLater) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, answered + LATER_AFTER_MS - now())));
      later = residentBytes(server.child.pid!);
    }
    return {
      ...(rss !== undefined ? { rss } : {}),
      ...(settled !== undefined ? { settled } : {}),
      ...(later !== undefined ? { later } : {}),
      ...(idle !== undefined ? { idle } : {}),
    };
  } finally {
    await server.stop();
  }
}

export interface StartResult {
  /** Spawn → initialize answered. */
  initialized: Summary;
  /** Spawn (or, with openAfterMs, didOpen) → first diagnostics of an opened plan (pull). */
  firstDiagnostics: Summary;
  /** An empty Node process (`node -e 0`) with the server's environment, run after each start: the floor, measured in the same minutes. */
  emptyProcess: Summary;
  /** The number of diagnostics of the first pull, of each start. */
  diagnostics: number[];
}

export interface StartOptions {
  /** Node options of the server (the extension's: client/src/server-options.ts). */
  execArgv?: readonly string[];
  /** The server's environment for each run (a code cache folder, empty or made). */
  env?: (run: number) => NodeJS.ProcessEnv;
  /**
   * Open the plan this long after `initialized`, and time its first diagnostics from `didOpen`: a
   * plan opened in an editor whose server is already up (what the drafter waits for then).
   */
  openAfterMs?: number;
  /**
   * The server's Node process run under this command, its program first (valgrind's callgrind, to
   * count a whole start); its end waited for at each start.
   */
  wrap?: readonly string[];
  /**
   * End the server with `exit` as soon as the pull is answered, without `shutdown`: what a start
   * does up to its first diagnostics, without what the running server's timers do after them.
   */
  exitAtAnswer?: boolean;
}

/**
 * Start-up of a server script: spawn, initialize, initialized, didOpen of a plan, pull; fresh
 * processes, each followed by an empty Node process so that the ratio of the two compares runs of
 * the same minutes. Used for the built server (out/) and for the bundle the extension ships.
 */
export async function startup(serverScript: string, uri: string, text: string, runs: number, options: StartOptions = {}): Promise<StartResult> {
  const init: number[] = [];
  const first: number[] = [];
  const empty: number[] = [];
  const diagnostics: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    const server = await spawnServer(serverScript, options.execArgv ?? [], options.env?.(r) ?? process.env, options.wrap);
    try {
      init.push(now() - t0);
      let opened = t0;
      if (options.openAfterMs !== undefined) {
        await new Promise((resolve) => setTimeout(resolve, options.openAfterMs));
        opened = now();
      }
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      const report = await withTimeout(server.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri }, identifier: 'plan43' }), LONG, 'first diagnostics');
      first.push(now() - opened);
      if (options.exitAtAnswer) await server.exit();
      diagnostics.push(report.kind === 'full' ? report.items.length : -1);
    } finally {
      await server.stop();
    }
    // Started with the server's environment, which may leave out what Node does at every start.
    const e0 = now();
    execFileSync(process.execPath, ['-e', '0'], { env: options.env?.(r) ?? process.env });
    empty.push(now() - e0);
  }
  return { initialized: summarize(init), firstDiagnostics: summarize(first), emptyProcess: summarize(empty), diagnostics };
}
