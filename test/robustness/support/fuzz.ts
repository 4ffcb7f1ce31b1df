// A seeded fuzz and soak run over LSP: random edits of several open plans (Vietnamese, surrogate pairs, positions past line ends) interleaved with requests, checked against the core; used by the test suite (short) and scripts/fuzz-soak.js (long).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, LSPErrorCodes, Position, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PLAN_FIXTURES } from '../../support/paths';
import { SERVER_MAIN, TestClient } from '../../protocol/client';
import { coreShapes, shapeOf, sortShapes } from '../../protocol/helpers';
import { residentBytes, startTestServer } from './lsp';
import { seeded } from './hostile';

export interface FuzzOptions {
  seed: number;
  edits: number;
  /** Fixture plans opened and edited side by side. */
  plans: string[];
  /** Chance that an edit is followed by a request. */
  requestRate: number;
  /** Requests allowed in flight at once. */
  window: number;
  /** Every this many edits, one plan's diagnostics are compared with the core's on the same text. */
  verifyEvery: number;
  /** Every this many edits of a plan, it is put back to its fixture text (random edits wear a plan down to noise). */
  resetEvery: number;
  /** Progress lines, for the long run. */
  progress?: (line: string) => void;
  /** A folder where the text and both diagnostic lists of a mismatch are written, to reproduce it. */
  dumpDir?: string;
  /** Node options of the server process, such as a heap limit that turns a leak into a crash. */
  nodeArgs?: string[];
}

export interface FuzzResult {
  seed: number;
  edits: number;
  requests: number;
  /** Requests answered with a result. */
  answered: number;
  /** Requests answered with RequestCancelled, ServerCancelled or ContentModified (a superseded or over-budget request). */
  cancelled: number;
  /** Requests that failed otherwise, or never answered: must be none. */
  failed: string[];
  /** Comparisons of the server's diagnostics with the core's on the same text. */
  verified: number;
  mismatches: string[];
  /** plan.internal-error diagnostics and errors the server logged: must be none. */
  internalErrors: string[];
  /** The server process ended during the run. */
  crashes: number;
  exitCode: number | null;
  peakRssBytes?: number;
  durationMs: number;
}

/** Text pieces an edit inserts: Vietnamese (composed and decomposed), surrogate pairs, line breaks, Markdown and YAML syntax. */
const PIECES = [
  'đoàn kết',
  'Nghị quyết số 43-NQ/TW',
  ' ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng',
  'Ủy ban nhân dân tỉnh',
  'tiếp tục phát huy truyền thống',
  'khoá',
  'đoàn kết'.normalize('NFD'),
  '\u0301',
  '😀',
  '𝔘𝔫𝔦',
  '👩‍👩‍👧',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '\n## II. NHIỆM VỤ, GIẢI PHÁP\n\n',
  '\n### 1. Nâng cao nhận thức\n',
  '\n- Sở Nội vụ chủ trì;\n',
  '---\n',
  'template: nq43\n',
  'variant: party\n',
  '```',
  '~~~',
  '````js',
  '<pre>',
  '</pre>',
  '\n    ',
  '> ',
  '1. ',
  '<!--',
  '-->',
  '[',
  ']',
  '*',
  '#',
  '  ',
  '\t',
  '"',
  '“',
  '…',
  'Ƣ',
  '\uFFFD',
  '\u0000',
  '\uFEFF',
  ':',
  '{',
  'Số: 74/KH-UBND',
  'Lưu: VT, NC.',
];

const ACCEPTABLE_ERRORS = new Set<number>([LSPErrorCodes.RequestCancelled, LSPErrorCodes.ServerCancelled, LSPErrorCodes.ContentModified]);

interface OpenPlan {
  uri: string;
  original: string;
  doc: TextDocument;
  editsSinceReset: number;
  lastDiagnostics: Diagnostic[];
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const random = seeded(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (n: number): number => Math.floor(random() * n);
  const started = Date.now();
  const result: FuzzResult = {
    seed: options.seed,
    edits: 0,
    requests: 0,
    answered: 0,
    cancelled: 0,
    failed: [],
    verified: 0,
    mismatches: [],
    internalErrors: [],
    crashes: 0,
    exitCode: null,
    durationMs: 0,
  };

  const client = options.nodeArgs
    ? await startTestServer([], { main: SERVER_MAIN, nodeArgs: options.nodeArgs, settings: { language: 'vi' } })
    : await TestClient.start({ settings: { language: 'vi' } });
  const pid = client.process.pid;
  let peak = residentBytes(pid) ?? 0;
  let dead = false;
  client.process.on('exit', (code, signal) => {
    if (code !== 0 || signal) {
      result.crashes++;
      dead = true;
      result.internalErrors.push(`the server exited (${signal ?? code}): ${client.stderr.join('').slice(-1500)}`);
    }
  });
  // Errors the server logs are swallowed exceptions (a handler that failed): each one is a defect.
  client.connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
    if (p.type === 1 && result.internalErrors.length < 20) result.internalErrors.push(p.message.slice(0, 500));
  });

  const plans: OpenPlan[] = options.plans.map((name, i) => {
    const original = fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
    const uri = `file:///fuzz/${i}-${name}`;
    client.open(uri, original);
    const languageId = /\.ya?ml$/.test(name) ? 'yaml' : 'markdown';
    return { uri, original, doc: TextDocument.create(uri, languageId, 1, original), editsSinceReset: 0, lastDiagnostics: [] };
  });

  const inFlight = new Set<Promise<void>>();
  /** Settles when the server process ends, so that no wait outlives it. */
  const exited = new Promise<void>((resolve) => client.process.once('exit', () => resolve()));
  const send = (method: string, params: unknown, onResult?: (value: unknown) => void): void => {
    result.requests++;
    const p = client
      .request(method, params, 60_000)
      .then(
        (value) => {
          result.answered++;
          onResult?.(value);
        },
        (err: { code?: number; message?: string }) => {
          if (typeof err.code === 'number' && ACCEPTABLE_ERRORS.has(err.code)) result.cancelled++;
          else if (result.failed.length < 20) result.failed.push(`${method}: ${err.message ?? String(err)}`);
          else result.failed.push('…');
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  /** A position anywhere in the document, and sometimes past the end of its line or of the document. */
  const position = (doc: TextDocument): Position => {
    const lines = doc.lineCount;
    const line = random() < 0.05 ? lines + int(3) : int(lines);
    const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    return { line, character: random() < 0.1 ? text.length + int(20) : int(text.length + 1) };
  };

  const change = (plan: OpenPlan): TextDocumentContentChangeEvent => {
    const doc = plan.doc;
    const size = doc.getText().length;
    const growing = size > plan.original.length * 2;
    const roll = random();
    const insertText = (): string => Array.from({ length: 1 + int(3) }, () => pick(PIECES)).join(random() < 0.5 ? ' ' : '');
    const start = position(doc);
    if (roll < (growing ? 0.2 : 0.45)) return { range: { start, end: start }, text: insertText() };
    // A range up to a few lines long, its end sometimes past the end of the line.
    const endLine = start.line + (random() < 0.7 ? 0 : int(4));
    const end = { line: endLine, character: endLine === start.line ? start.character + int(40) : int(80) };
    if (roll < 0.8) return { range: { start, end }, text: '' };
    return { range: { start, end }, text: insertText() };
  };

  const verify = async (plan: OpenPlan): Promise<void> => {
    const text = plan.doc.getText();
    const diagnostics = await client.pull(plan.uri);
    result.verified++;
    const got = sortShapes(diagnostics.map(shapeOf));
    const want = sortShapes(coreShapes(plan.uri, text));
    if (JSON.stringify(got) !== JSON.stringify(want) && result.mismatches.length < 5) {
      result.mismatches.push(`${plan.uri} v${plan.doc.version}: server ${got.length} diagnostics, core ${want.length}`);
      if (options.dumpDir) {
        const base = path.join(options.dumpDir, `mismatch-${options.seed}-${result.mismatches.length}`);
        fs.mkdirSync(options.dumpDir, { recursive: true });
        fs.writeFileSync(`${base}${path.extname(plan.uri)}`, text);
        fs.writeFileSync(`${base}.json`, JSON.stringify({ uri: plan.uri, version: plan.doc.version, server: got, core: want }, null, 1));
      }
    }
  };

  const noteInternal = (diagnostics: Diagnostic[]): void => {
    for (const d of diagnostics) if (d.code === 'plan.internal-error' && result.internalErrors.length < 20) result.internalErrors.push(d.message);
  };

  for (let i = 0; i < options.edits && !dead; i++) {
    const plan = plans[int(plans.length)];
    let changes: TextDocumentContentChangeEvent[];
    if (plan.editsSinceReset >= options.resetEvery) {
      const end = plan.doc.positionAt(plan.doc.getText().length);
      changes = [{ range: { start: { line: 0, character: 0 }, end }, text: plan.original }];
      plan.editsSinceReset = 0;
    } else {
      changes = random() < 0.1 ? [change(plan), change(plan)] : [change(plan)];
      plan.editsSinceReset++;
    }
    const version = plan.doc.version + 1;
    plan.doc = TextDocument.update(plan.doc, changes, version);
    client.notify('textDocument/didChange', { textDocument: { uri: plan.uri, version }, contentChanges: changes });
    result.edits++;

    if (random() < options.requestRate) {
      const doc = { textDocument: { uri: plan.uri } };
      const at = position(plan.doc);
      const kind = int(6);
      if (kind === 0) send('textDocument/completion', { ...doc, position: at });
      else if (kind === 1) send('textDocument/hover', { ...doc, position: at });
      else if (kind === 2) {
        send('textDocument/codeAction', {
          ...doc,
          range: { start: at, end: at },
          context: { diagnostics: plan.lastDiagnostics.slice(0, 20), only: random() < 0.3 ? ['source.fixAll.plan43'] : undefined },
        });
      } else if (kind === 3) send('textDocument/documentSymbol', doc);
      else if (kind === 4) send('textDocument/foldingRange', doc);
      else {
        send('textDocument/diagnostic', { ...doc, identifier: 'plan43' }, (report) => {
          const items = (report as { items?: Diagnostic[] }).items;
          if (items) {
            plan.lastDiagnostics = items;
            noteInternal(items);
          }
        });
      }
      while (inFlight.size >= options.window && !dead) await Promise.race([...inFlight, exited]);
    }

    if ((i + 1) % options.verifyEvery === 0 && !dead) {
      await Promise.race([Promise.all(inFlight), exited]);
      if (dead) break;
      await verify(plans[int(plans.length)]);
      peak = Math.max(peak, residentBytes(pid) ?? 0);
      options.progress?.(
        `${result.edits} edits, ${result.requests} requests (${result.answered} answered, ${result.cancelled} cancelled, ${result.failed.length} failed), ` +
          `${result.verified} checks, rss ${Math.round((residentBytes(pid) ?? 0) / 1048576)} MB`,
      );
    }
  }
  if (dead) {
    // The run is over: what was in flight will never be answered.
    result.failed.push(`${inFlight.size} requests unanswered when the server exited`);
    result.exitCode = client.process.exitCode;
    result.durationMs = Date.now() - started;
    if (peak > 0) result.peakRssBytes = peak;
    return result;
  }
  await Promise.all(inFlight);
  for (const plan of plans) {
    await verify(plan);
    noteInternal(await client.pull(plan.uri));
  }
  peak = Math.max(peak, residentBytes(pid, 'VmHWM') ?? 0, residentBytes(pid) ?? 0);
  result.exitCode = await client.shutdown();
  if (peak > 0) result.peakRssBytes = peak;
  result.durationMs = Date.now() - started;
  return result;
}
