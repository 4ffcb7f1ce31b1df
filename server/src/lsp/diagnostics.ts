// Diagnostics: pull (document and workspace, with progress) and, for clients without pull, debounced push.

import {
  CancellationToken,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  WorkDoneProgressReporter,
  WorkspaceDiagnosticParams,
  WorkspaceDiagnosticReport,
  WorkspaceDiagnosticRequest,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { Finding } from '../core/findings';
import { keepRecent } from '../core/recent';
import { LineIndex } from '../core/text/line-index';
import { unreadableFinding } from '../core/rules/plan/unreadable';
import { candidateFiles, fileStamp, readWorkspaceText, unreadablePlace } from '../node/workspace';
import { ServerContext } from './context';
import { toDiagnostic } from './convert';
import { Analysis, checkFailed, shortHash, syntaxFor } from './documents';
import { DataFileState } from './data-files';
import { DiagnosticJson, EncodedList } from './diagnostic-json';
import { diagnosticsAfter, MadeDiagnostics, sameDiagnostics } from './kept-diagnostics';
import { withElementsJson } from './json-encoder';
import { pathToUri, uriKey, uriToPath } from './uris';

/** Delay between the last keystroke and a pushed diagnostic. */
export const PUSH_DELAY_MS = 150;

/** Plans whose last diagnostics (and their JSON) are kept for the next version: as many as the check runner keeps lists of findings. */
const KEPT_REPORTS = 4;

/** A plan's last diagnostics, and their encoded JSON once written (for the next version's to copy). */
interface KeptReport {
  resultId: string;
  made: MadeDiagnostics;
  /** The JSON of `made.items` once encoded; until then, that of the last version's items, which `made.sources` refer to. */
  encoded: EncodedList | undefined;
  encodedItems: readonly Diagnostic[] | undefined;
}

interface DiagnosticsResult {
  resultId: string;
  items: Diagnostic[];
  /** The items are those of the report the client named by its previous result id (a pull answers "unchanged"). */
  unchanged?: boolean;
}

export class DiagnosticsFeature {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Data files whose diagnostics were pushed, so that a fixed file gets its diagnostics cleared. */
  private readonly pushedDataFiles = new Set<string>();
  /** Files of the workspace known not to be plans, by path and stamp. */
  private readonly notPlans = new Map<string, string>();
  /**
   * Each open plan's encoded messages, kept from one report to the next (stream transports only),
   * once the plan is reported at a second version: until then, the result id of its first report.
   * A plan opened and not edited keeps nothing: with a hundred plans open the kept messages of
   * every one of them were about as much memory as the reports of a plan being typed in save.
   */
  private readonly json = new Map<string, DiagnosticJson | string>();
  /**
   * The last diagnostics of the plans being edited, with the findings they were made from: the
   * next version's findings, a change of that list (node/findings-delta.ts), reuse them where
   * their lines did not change (lsp/kept-diagnostics.ts).
   */
  private readonly reports = new Map<string, KeptReport>();

  constructor(private readonly ctx: ServerContext) {}

  register(): void {
    const { connection, documents } = this.ctx;
    connection.languages.diagnostics.on(async (params) => {
      try {
        // Checking is synchronous and cached per version: a cancelled request still gets its answer.
        const result = await this.forDocument(params.textDocument.uri, params.previousResultId);
        if (params.previousResultId && (params.previousResultId === result.resultId || result.unchanged === true)) {
          return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId } satisfies DocumentDiagnosticReport;
        }
        return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.items } satisfies DocumentDiagnosticReport;
      } catch (err) {
        this.ctx.error('textDocument/diagnostic', err);
        return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      }
    });
    // Registered directly: the library's onWorkspace removes workDoneToken from the params before
    // the handler runs, so a handler cannot tell a client-supplied token from none.
    connection.onRequest(WorkspaceDiagnosticRequest.type, async (params, token) => {
      try {
        return await this.forWorkspace(params, token);
      } catch (err) {
        this.ctx.error('workspace/diagnostic', err);
        return { items: [] };
      }
    });
    documents.documents.onDidChangeContent((e) => {
      if (!this.ctx.client.pullDiagnostics) this.schedule(e.document.uri);
    });
    documents.documents.onDidClose((e) => {
      this.json.delete(e.document.uri);
      this.reports.delete(e.document.uri);
      const timer = this.timers.get(e.document.uri);
      if (timer) clearTimeout(timer);
      this.timers.delete(e.document.uri);
      if (!this.ctx.client.pullDiagnostics) void this.ctx.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
  }

  /** Findings of every open document may have changed (settings, data files). */
  refreshAll(): void {
    if (this.ctx.client.pullDiagnostics) {
      if (this.ctx.client.diagnosticRefresh) {
        this.ctx.connection.languages.diagnostics.refresh();
      }
      return;
    }
    for (const doc of this.ctx.documents.all()) this.schedule(doc.uri);
    void this.publishDataFiles();
  }

  /**
   * The entries of these symbols changed (a cited plan's number, date, issuer …): the documents
   * citing them are checked again. A pull client is asked to pull again, and gets "unchanged" for
   * every document whose cited plans did not change; a push client gets those documents pushed.
   */
  refreshDependents(symbols: ReadonlySet<string>): void {
    if (symbols.size === 0) return;
    if (this.ctx.client.pullDiagnostics) {
      if (this.ctx.client.diagnosticRefresh) this.ctx.connection.languages.diagnostics.refresh();
      return;
    }
    for (const doc of this.ctx.documents.all()) {
      if (this.ctx.workspace.citesOfDocument(doc).some((s) => symbols.has(s))) this.schedule(doc.uri);
    }
  }

  /** Debounced push of one document's diagnostics. */
  schedule(uri: string): void {
    const previous = this.timers.get(uri);
    if (previous) clearTimeout(previous);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }, PUSH_DELAY_MS),
    );
  }

  private async publish(uri: string): Promise<void> {
    try {
      const doc = this.ctx.document(uri);
      if (!doc) return;
      const version = doc.version;
      const result = await this.forDocument(uri);
      // A newer version is on its way: its own timer will publish.
      if (this.ctx.document(uri)?.version !== version) return;
      await this.ctx.connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: result.items });
    } catch (err) {
      this.ctx.error(`publishing diagnostics of ${uri}`, err);
    }
  }

  /** Pushes the findings on user data files (push clients only: pull clients ask for them). */
  async publishDataFiles(): Promise<void> {
    try {
      // Reading the settings of the workspace loads the configured data files.
      const settings = await this.ctx.settings.get(this.ctx.folders[0]);
      this.ctx.knowledge(settings);
      const seen = new Set<string>();
      for (const state of this.ctx.data.states()) {
        const uri = this.dataFileUri(state);
        seen.add(uri);
        if (state.findings.length === 0 && !this.pushedDataFiles.has(uri)) continue;
        if (this.ctx.document(uri)) continue; // an open data file is published with the other documents
        await this.ctx.connection.sendDiagnostics({ uri, diagnostics: this.dataDiagnostics(state, uri) });
        if (state.findings.length) this.pushedDataFiles.add(uri);
        else this.pushedDataFiles.delete(uri);
      }
      for (const uri of [...this.pushedDataFiles]) {
        if (!seen.has(uri)) {
          await this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
          this.pushedDataFiles.delete(uri);
        }
      }
    } catch (err) {
      this.ctx.error('publishing data file diagnostics', err);
    }
  }

  /**
   * Diagnostics of an open document: a plan's findings, or the problems of a data file. With the
   * result id of the client's last report (a pull's `previousResultId`): `unchanged` when the plan
   * was reported at that id since it was being edited and its diagnostics are still those.
   */
  async forDocument(uri: string, previousResultId?: string): Promise<DiagnosticsResult> {
    const analysis = await this.ctx.analyze(uri);
    if (!analysis) return { resultId: 'closed', items: [] };
    if (analysis.isPlan) {
      const last = previousResultId === undefined ? undefined : this.reports.get(analysis.uri);
      const report = this.reportOf(analysis);
      const items = report.made.items;
      // Most keystrokes leave every diagnostic as it was (typing at a paragraph's end: 164 and
      // 169 of 200 on the bench's plans of 1,000 lines): the client holds them already, and a
      // full report would be its whole list (35 and 110 KB there) encoded, sent and decoded again.
      if (last !== undefined && last !== report && last.resultId === previousResultId && sameDiagnostics(last.made.items, items)) {
        // The last report's JSON is this one's too (the same elements' JSON, in order): kept for the next version's to copy.
        if (last.encoded !== undefined && last.encodedItems === last.made.items) {
          report.encoded = last.encoded;
          report.encodedItems = items;
        }
        return { resultId: analysis.resultId, items, unchanged: true };
      }
      const kept = this.json.get(analysis.uri);
      if (kept === undefined || kept === analysis.resultId) {
        if (kept === undefined) this.json.set(analysis.uri, analysis.resultId);
        return { resultId: analysis.resultId, items };
      }
      // Being edited: encoded from the last report's messages when the transport encodes (a stream), see lsp/diagnostic-json.ts.
      return {
        resultId: analysis.resultId,
        items: withElementsJson(items, (list, head, tail) => {
          const json = this.jsonOf(analysis.uri);
          if (list !== report.made.items) return json.encodeList(list, undefined, undefined, head, tail).bytes;
          // The elements taken from the last version's items copied from its JSON, when that is the JSON kept.
          // Or, encoded again (another request, another id), its own elements copied whole.
          const again = report.encodedItems === list;
          const encoded = json.encodeList(list, again ? Int32Array.from(list, (_, i) => i) : report.made.sources, report.encoded, head, tail);
          report.encoded = encoded;
          report.encodedItems = list;
          return encoded.bytes;
        }),
      };
    }
    const file = uriToPath(uri);
    const state = file ? this.ctx.data.state(file) : undefined;
    if (state) return { resultId: this.dataResultId(state), items: this.dataDiagnostics(state, uri) };
    return { resultId: `none:${analysis.resultId}`, items: [] };
  }

  /**
   * The diagnostics of a plan's analysis: the last ones when they are this analysis's, else made
   * from them where the findings follow from theirs (see diagnosticsAfter), else afresh. Kept for
   * the next version while the check names its list of findings (an open document's).
   */
  private reportOf(analysis: Analysis): KeptReport {
    const uri = analysis.uri;
    const last = this.reports.get(uri);
    // The list as the runner holds it when the check gave one: its moved findings are not made for the diagnostics.
    const findings = analysis.origin?.findings ?? analysis.findings;
    if (last !== undefined && last.resultId === analysis.resultId && last.made.source === findings && last.made.lines === analysis.lines) return last;
    const made = diagnosticsAfter(last?.made, uri, findings, analysis.origin, analysis.lines, (id) => this.ctx.helpUri(id));
    // The last JSON is what the sources refer to only when it is the last items' own.
    const encoded = made.sources !== undefined && last !== undefined && last.encodedItems === last.made.items ? last.encoded : undefined;
    const report: KeptReport = { resultId: analysis.resultId, made, encoded, encodedItems: undefined };
    // Not for a plan's first report: a plan opened and not edited keeps nothing (see json).
    if (analysis.origin !== undefined && this.json.has(uri)) keepRecent(this.reports, uri, report, KEPT_REPORTS);
    else this.reports.delete(uri);
    return report;
  }

  private jsonOf(uri: string): DiagnosticJson {
    const kept = this.json.get(uri);
    if (kept instanceof DiagnosticJson) return kept;
    const json = new DiagnosticJson();
    this.json.set(uri, json);
    return json;
  }

  private dataFileUri(state: DataFileState): string {
    return this.ctx.document(pathToUri(state.path))?.uri ?? pathToUri(state.path);
  }

  private dataResultId(state: DataFileState): string {
    return `data:${this.ctx.data.generation}:${shortHash(state.text ?? '')}:${state.findings.length}`;
  }

  private dataDiagnostics(state: DataFileState, uri: string): Diagnostic[] {
    const lines = new LineIndex(state.text ?? '');
    return state.findings.map((f) => toDiagnostic(f, lines, uri, (id) => this.ctx.helpUri(id)));
  }

  /**
   * Every plan of the workspace folders. VS Code asks again about every two seconds with the
   * result ids it holds, so unchanged files are answered from their stamp without being read.
   */
  private async forWorkspace(params: WorkspaceDiagnosticParams, token: CancellationToken): Promise<WorkspaceDiagnosticReport> {
    const previous = new Map(params.previousResultIds.map((p) => [uriKey(p.uri), p.value]));
    // The plans cite one another: check them once every plan of the folders is known.
    await this.ctx.workspace.ready();
    const folders = this.ctx.folders.map(uriToPath).filter((p): p is string => !!p);
    const { files, unreadable } = candidateFiles(folders);
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    // What could not be read is said on it: a workspace with an unreadable folder is not clean.
    const problems = new Map<string, Diagnostic[]>();
    const unreadableAt = async (file: string, kind: 'file' | 'folder' | 'name', reason: string, name?: string): Promise<void> => {
      const uri = pathToUri(file);
      const settings = await this.ctx.settings.get(uri);
      const finding = unreadableFinding(kind, { reason, ...(name ? { name } : {}) }, settings);
      if (!finding) return;
      const list = problems.get(uri) ?? [];
      list.push(toDiagnostic(finding, new LineIndex(''), uri, (id) => this.ctx.helpUri(id)));
      problems.set(uri, list);
    };
    for (const u of unreadable) {
      const place = unreadablePlace(u);
      if (place) await unreadableAt(place.path, place.kind, place.reason, place.name);
    }

    interface Job {
      file: string;
      uri: string;
      resultId: string;
      stamp: string;
    }
    const jobs: Job[] = [];
    for (const file of files) {
      // User data files are reported below, with their own problems.
      if (this.ctx.data.isDataFile(file)) continue;
      const uri = pathToUri(file);
      const open = this.ctx.document(uri);
      if (open) {
        const result = await this.forDocument(open.uri);
        if (result.items.length === 0 && !previous.has(uriKey(open.uri))) continue;
        items.push(
          previous.get(uriKey(open.uri)) === result.resultId
            ? { kind: DocumentDiagnosticReportKind.Unchanged, uri: open.uri, version: open.version, resultId: result.resultId }
            : { kind: DocumentDiagnosticReportKind.Full, uri: open.uri, version: open.version, resultId: result.resultId, items: result.items },
        );
        continue;
      }
      const stamp = fileStamp(file);
      if (!stamp) continue;
      const settings = await this.ctx.settings.get(uri);
      const resultId = `${stamp}:${shortHash(settings.key)}:${this.ctx.generationOfFile(file)}`;
      const before = previous.get(uriKey(uri));
      if (before === resultId) {
        items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId });
        continue;
      }
      if (this.notPlans.get(file) === resultId) {
        if (before !== undefined) items.push({ kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: [] });
        continue;
      }
      jobs.push({ file, uri, resultId, stamp });
    }

    let progress: WorkDoneProgressReporter | undefined;
    if (jobs.length > 0) {
      // The client's token when it sent one, else a progress the server creates.
      progress =
        params.workDoneToken !== undefined
          ? this.ctx.connection.window.attachWorkDoneProgress(params.workDoneToken)
          : this.ctx.client.workDoneProgress
            ? await this.ctx.connection.window.createWorkDoneProgress()
            : undefined;
      const lang = (await this.ctx.settings.get(this.ctx.folders[0])).lang;
      progress?.begin(lang === 'vi' ? 'Kiểm tra kế hoạch' : 'Checking plans', 0, `0/${jobs.length}`, false);
    }
    try {
      for (let i = 0; i < jobs.length; i++) {
        if (token.isCancellationRequested) break;
        const job = jobs[i];
        progress?.report(Math.round((i / jobs.length) * 100), `${i + 1}/${jobs.length}`);
        const read = readWorkspaceText(job.file);
        if (!('text' in read)) {
          await unreadableAt(job.file, 'file', read.reason);
          continue;
        }
        const text = read.text;
        const settings = await this.ctx.settings.get(job.uri);
        const kb = this.ctx.knowledge(settings);
        // Checked in the worker, after the drafter's own documents; only the worker parses the file.
        let checked: { isPlan: boolean | undefined; findings: Finding[] };
        try {
          const { mode, lang, levels } = settings;
          checked = await this.ctx.runner.check({ uri: job.uri, text, syntax: syntaxFor(job.file), settings: { mode, lang, levels, today: this.ctx.today() }, kb, memo: false }, undefined, false);
        } catch (err) {
          // Said on the file, never left out as if it were clean.
          this.ctx.error(`checking ${job.uri}`, err);
          checked = { isPlan: undefined, findings: [checkFailed(err, settings.lang)] };
        }
        if (checked.isPlan === false) {
          this.notPlans.set(job.file, job.resultId);
          if (previous.has(uriKey(job.uri))) items.push({ kind: DocumentDiagnosticReportKind.Full, uri: job.uri, version: null, resultId: job.resultId, items: [] });
          continue;
        }
        this.notPlans.delete(job.file);
        const lines = new LineIndex(text);
        items.push({
          kind: DocumentDiagnosticReportKind.Full,
          uri: job.uri,
          version: null,
          resultId: job.resultId,
          items: checked.findings.map((f) => toDiagnostic(f, lines, job.uri, (id) => this.ctx.helpUri(id))),
        });
      }
    } finally {
      progress?.done();
    }

    // A folder or file readable again loses its finding.
    for (const p of params.previousResultIds) {
      if (p.value.startsWith('unreadable:') && !problems.has(p.uri) && !items.some((it) => uriKey(it.uri) === uriKey(p.uri))) {
        items.push({ kind: DocumentDiagnosticReportKind.Full, uri: p.uri, version: null, resultId: `readable:${this.ctx.data.generation}`, items: [] });
      }
    }
    for (const [uri, diagnostics] of problems) {
      const resultId = `unreadable:${shortHash(diagnostics.map((d) => d.message).join('\n'))}:${this.ctx.data.generation}`;
      items.push(
        previous.get(uriKey(uri)) === resultId
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId }
          : { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: diagnostics },
      );
    }

    // Problems of the user's data files belong to the workspace too.
    for (const state of this.ctx.data.states()) {
      const uri = this.dataFileUri(state);
      if (this.ctx.document(uri) || items.some((it) => uriKey(it.uri) === uriKey(uri))) continue;
      const resultId = this.dataResultId(state);
      const before = previous.get(uriKey(uri));
      if (state.findings.length === 0 && before === undefined) continue;
      items.push(
        before === resultId
          ? { kind: DocumentDiagnosticReportKind.Unchanged, uri, version: null, resultId }
          : { kind: DocumentDiagnosticReportKind.Full, uri, version: null, resultId, items: this.dataDiagnostics(state, uri) },
      );
    }
    return { items };
  }
}
