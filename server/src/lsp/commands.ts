// Custom requests of the contract (submission report, document status, new plan, insert missing sections, Word import and export) and the server's commands.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import { defaultLevel, knowledgeAsOf } from '../core/data/as-of';
import { parsePlan } from '../core/document/parse';
import { Lang, Localized, Mode } from '../core/findings';
import { PlanModel } from '../core/model';
import { readableReport, ReportFile } from '../core/report/readable';
import { PlanSummary, summarizePlan } from '../core/workspace/summary';
import { RULE_METADATA } from '../core/rules/index';
import { decideVariant } from '../core/template/variant';
import { isInsideAny } from '../node/paths';
import { InputSet, WriteRefused } from '../node/safe-write';
import { unreadableFinding } from '../core/rules/plan/unreadable';
import { candidateFiles, readTextFile, readWorkspaceText, unreadablePlace, UnreadablePlace } from '../node/workspace';
import { ServerContext } from './context';
import { Analysis, analyzeText, shortHash, syntaxFor } from './documents';
import { insertMissingEdits } from './fixes';
import {
  DocumentStatusParams,
  DocumentStatusResult,
  EXPORT_PLAN_REQUEST,
  ExportPlanParams,
  ExportPlanResult,
  IMPORT_PLAN_REQUEST,
  ImportPlanParams,
  ImportPlanResult,
  INSERT_MISSING_SECTIONS_COMMAND,
  INSERT_MISSING_SECTIONS_REQUEST,
  InsertMissingSectionsParams,
  InsertMissingSectionsResult,
  NEW_PLAN_REQUEST,
  NewPlanParams,
  NewPlanResult,
  DOCUMENT_STATUS_REQUEST,
  SUBMISSION_REPORT_REQUEST,
  SubmissionReportParams,
  SubmissionReportResult,
  SubmissionReportFile,
} from './protocol';
import { newPlanText } from './skeleton';
import { pathToUri, uriKey, uriToPath } from './uris';

/**
 * The Word reader and writer (JSZip, docx and their dependencies), loaded on the first import or
 * export: most sessions never use them, and loading them at start-up cost about a tenth of the
 * server's start and of its memory.
 */
function word(): typeof import('../node/word') {
  return require('../node/word') as typeof import('../node/word');
}

/**
/**
 * Checks a document (open, or read from disk) in a given mode, whatever the submission setting
 * says. A workspace file that cannot be read gives the reason; a file outside the workspace
 * folders, nothing.
 */
export async function analyzeIn(ctx: ServerContext, uri: string, mode?: Mode): Promise<Analysis | { file: string; unreadable: string } | undefined> {
  const doc = ctx.document(uri);
  let settings = await ctx.settings.get(doc?.uri ?? uri);
  const ownMode = !mode || settings.mode === mode;
  if (!ownMode) settings = { ...settings, mode: mode!, key: `${settings.key}|${mode}` };
  if (doc) {
    ctx.workspace.documentChanged(doc);
    const kb = ctx.knowledge(settings, doc.uri);
    const generation = ctx.generationOf(doc);
    if (ownMode) return ctx.documents.analyze(doc, settings, kb, generation, ctx.today(), true);
    return analyzeText(ctx.runner, doc.uri, doc.getText(), doc.version, syntaxFor(doc.uri, doc.languageId), settings, kb, generation, ctx.today(), (m) => ctx.log(m), ctx.documents.plan(doc));
  }
  const kb = ctx.knowledge(settings, uri);
  // A document that is not open is read from disk only inside the workspace folders.
  const file = uriToPath(uri);
  const folders = ctx.folders.map(uriToPath).filter((p): p is string => !!p);
  if (!file || !isInsideAny(file, folders)) return undefined;
  const read = readWorkspaceText(file);
  if (!('text' in read)) return { file, unreadable: read.reason };
  return analyzeText(ctx.runner, uri, read.text, null, syntaxFor(uri), settings, kb, ctx.generationOfFile(file), ctx.today(), (m) => ctx.log(m));
}

/** What the status bar and the preview show of a document's submission check. */
export type SubmissionStatus = DocumentStatusResult;

/**
 * The submission status of each open document checked in drafting mode (the status bar and the
 * preview ask for it after every change), kept for its version, settings and data. Only the counts
 * are kept, not the check's findings and plan model: with a hundred plans open, whole analyses
 * held about 60 KB each that nothing read again (the Plans view keeps its own summary).
 */
const otherModeStatus = new WeakMap<object, { resultId: string; status: SubmissionStatus }>();

/** A document's submission status: from the check of this version when it was counted already, else checked (and recorded for the Plans view). */
export async function submissionStatus(ctx: ServerContext, uri: string): Promise<SubmissionStatus> {
  const doc = ctx.document(uri);
  let resultId: string | undefined;
  if (doc) {
    const settings = await ctx.settings.get(doc.uri);
    if (settings.mode !== 'submission') {
      // The index first, as analyzeIn does: the data generation the status depends on follows it.
      ctx.workspace.documentChanged(doc);
      resultId = `${doc.version}:${shortHash(`${settings.key}|submission`)}:${ctx.generationOf(doc)}:${ctx.today()}`;
      const cached = otherModeStatus.get(doc);
      if (cached && cached.resultId === resultId) return cached.status;
    }
  }
  const analysis = await analyzeIn(ctx, doc?.uri ?? uri, 'submission');
  if (!analysis || 'unreadable' in analysis || !analysis.plan.isPlan) return { isPlan: false, variant: null, blocking: 0, advisory: 0 };
  recordSubmissionCheck(ctx, analysis);
  const status: SubmissionStatus = { isPlan: true, variant: decideVariant(analysis.plan, analysis.kb.template).id ?? null, ...counts(analysis) };
  if (doc && resultId === analysis.resultId) otherModeStatus.set(doc, { resultId, status });
  return status;
}

function counts(analysis: Analysis): { blocking: number; advisory: number } {
  const blocking = analysis.findings.filter((f) => f.severity === 'error').length;
  return { blocking, advisory: analysis.findings.length - blocking };
}

export function displayPath(ctx: ServerContext, uri: string): string {
  const file = uriToPath(uri);
  if (!file) return uri;
  for (const folder of ctx.folders) {
    const base = uriToPath(folder);
    if (!base) continue;
    const rel = path.relative(base, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return file;
}

/**
 * Every candidate plan file of the workspace folders and the untitled plans that are open; and
 * where the folders could not be read (a folder without permission, a name that is not UTF-8).
 */
export function workspacePlanUris(ctx: ServerContext): { uris: string[]; unreadable: UnreadablePlace[] } {
  const folders = ctx.folders.map(uriToPath).filter((p): p is string => !!p);
  const onDisk = candidateFiles(folders);
  // Untitled or unsaved plans that are open count too.
  const open = ctx.documents.all().map((d) => d.uri).filter((u) => !u.startsWith('file:'));
  const unreadable = onDisk.unreadable.map(unreadablePlace).filter((p): p is UnreadablePlace => !!p);
  return { uris: [...onDisk.files.map(pathToUri), ...open], unreadable };
}

/** Sums up a plan checked for submission and keeps what the Plans view shows of it. */
export function recordSubmissionCheck(ctx: ServerContext, analysis: Analysis): PlanSummary {
  const summary = summarizePlan(analysis.plan, analysis.kb, analysis.findings, { uri: analysis.uri, label: displayPath(ctx, analysis.uri) }, analysis.settings.lang, analysis.today);
  ctx.workspace.setStatus(analysis.uri, ctx.workspace.sourceOf(analysis.uri, analysis.version), {
    blocking: summary.blocking,
    advisory: summary.advisory,
    parents: summary.parents,
  });
  return summary;
}

export async function submissionReport(ctx: ServerContext, params: SubmissionReportParams): Promise<SubmissionReportResult> {
  let uris: string[];
  const settings = await ctx.settings.get(params?.uri ?? ctx.folders[0]);
  const reportSettings = { ...settings, mode: 'submission' as const };
  // Files and folders that could not be read are part of the report, never left out as if clean.
  const files: ReportFile[] = [];
  const perFile: SubmissionReportFile[] = [];
  const unreadableAt = (file: string, kind: 'file' | 'folder' | 'name', reason: string, name?: string): void => {
    const finding = unreadableFinding(kind, { reason, ...(name ? { name } : {}) }, reportSettings);
    if (!finding) return;
    files.push({ path: displayPath(ctx, pathToUri(file)), text: '', findings: [finding] });
    perFile.push({ uri: pathToUri(file), variant: null, blocking: finding.severity === 'error' ? 1 : 0, advisory: finding.severity === 'error' ? 0 : 1 });
  };
  if (params?.uri) {
    uris = [params.uri];
  } else {
    const workspace = workspacePlanUris(ctx);
    for (const place of workspace.unreadable) unreadableAt(place.path, place.kind, place.reason, place.name);
    uris = workspace.uris;
  }
  // Plans cite one another: every plan of the folders must be known before any is checked.
  if (!params?.uri) await ctx.workspace.ready();
  for (const uri of uris) {
    const a = await analyzeIn(ctx, ctx.document(uri)?.uri ?? uri, 'submission');
    if (a && 'unreadable' in a) {
      unreadableAt(a.file, 'file', a.unreadable);
      continue;
    }
    if (!a?.plan.isPlan) continue;
    files.push({ path: displayPath(ctx, a.uri), link: (line: number) => `${a.uri}#L${line + 1}`, text: a.plan.text, findings: a.findings });
    perFile.push({ uri: a.uri, variant: decideVariant(a.plan, a.kb.template).id ?? null, ...counts(a) });
    // The Plans view fills in as the plans are checked.
    recordSubmissionCheck(ctx, a);
    if (uris.length > 1) await new Promise((resolve) => setImmediate(resolve));
  }
  const markdown = readableReport(files, {
    lang: settings.lang,
    mode: 'submission',
    rules: RULE_METADATA,
    helpUri: (id) => ctx.helpUri(id) ?? id,
  });
  return {
    markdown,
    blocking: perFile.reduce((n, f) => n + f.blocking, 0),
    advisory: perFile.reduce((n, f) => n + f.advisory, 0),
    files: perFile,
  };
}

export async function documentStatus(ctx: ServerContext, params: DocumentStatusParams): Promise<DocumentStatusResult> {
  return params?.uri ? submissionStatus(ctx, params.uri) : { isPlan: false, variant: null, blocking: 0, advisory: 0 };
}

export async function newPlan(ctx: ServerContext, params: NewPlanParams): Promise<NewPlanResult> {
  if (!params || (params.variant !== 'party' && params.variant !== 'state')) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'variant must be "party" or "state"');
  }
  const settings = await ctx.settings.get(ctx.folders[0]);
  const kb = ctx.knowledge(settings);
  const levels = kb.template.levels ?? [];
  const level = params.level === undefined ? defaultLevel(kb.template) : levels.find((l) => l.id === params.level)?.id;
  if (!level) {
    throw new ResponseError(ErrorCodes.InvalidParams, `level must be one of the template's levels: ${levels.map((l) => l.id).join(', ') || '(none)'}`);
  }
  // The skeleton's date line gives this month with the day left blank, which is read as the first
  // of the month: the skeleton is written as of that day, so that it says what its check expects.
  const view = knowledgeAsOf(kb, `${ctx.today().slice(0, 8)}01`, level, 'plan');
  return { text: newPlanText(view, { variant: params.variant, kind: params.kind ?? '', format: params.format === 'yaml' ? 'yaml' : 'markdown' }) };
}

export async function insertMissingSections(ctx: ServerContext, params: InsertMissingSectionsParams): Promise<InsertMissingSectionsResult> {
  const analysis = params?.uri ? await analyzeIn(ctx, params.uri) : undefined;
  if (!analysis || 'unreadable' in analysis) return { edits: [] };
  return { edits: await insertMissingEdits(ctx.runner, analysis) };
}

// ---------------------------------------------------------------------------------------------
// Word import and export. The client passes the file the user picked in a dialog; the server reads
// only that source and writes only that target, and refuses anything that is not a file: URI.
// ---------------------------------------------------------------------------------------------

const WORD: Record<string, Localized> = {
  notFileUri: { vi: 'Chỉ nhập, xuất được tệp trên máy (địa chỉ file:): {0}', en: 'Only files on this computer (file: URIs) can be imported or exported: {0}' },
  importType: { vi: 'Chỉ nhập được tệp Word .docx hoặc tệp văn bản .txt: {0}', en: 'Only Word .docx files and .txt text files can be imported: {0}' },
  notFound: { vi: 'Không tìm thấy tệp: {0}', en: 'File not found: {0}' },
  readFailed: { vi: 'Không đọc được tệp {0}: {1}', en: 'Could not read {0}: {1}' },
  exportType: { vi: 'Tệp xuất phải có đuôi .docx: {0}', en: 'The export target must be a .docx file: {0}' },
  samePath: { vi: 'Tệp xuất trùng với tệp kế hoạch: {0}', en: 'The export target is the plan itself: {0}' },
  notOpen: { vi: 'Kế hoạch không mở trong trình soạn thảo và không nằm trong thư mục làm việc: {0}', en: 'The plan is neither open in the editor nor in a workspace folder: {0}' },
  outside: {
    vi: 'Tệp {0} nằm ngoài thư mục làm việc; máy chủ chỉ đọc tệp trong thư mục làm việc (trình soạn thảo gửi nội dung tệp đã chọn)',
    en: '{0} is outside the workspace folders; the server reads only workspace files (the editor sends the content of a file picked elsewhere)',
  },
  notPlan: { vi: 'Văn bản không phải kế hoạch: phần thông tin đầu phải ghi mẫu áp dụng (template: nq43).', en: 'The document is not a plan: its front matter must name the template (template: nq43).' },
  writeFailed: { vi: 'Không ghi được tệp {0}: {1}', en: 'Could not write {0}: {1}' },
};

function say(lang: Lang, id: keyof typeof WORD, ...args: string[]): string {
  return WORD[id][lang].replace(/\{(\d)\}/g, (_, i: string) => args[Number(i)] ?? '');
}

/** The path of a file: URI the client passed, or a refusal in the user's language. */
function filePath(uri: unknown, lang: Lang): string {
  const file = typeof uri === 'string' ? uriToPath(uri) : undefined;
  if (!file) throw new ResponseError(ErrorCodes.InvalidParams, say(lang, 'notFileUri', String(uri)));
  return file;
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export async function importPlan(ctx: ServerContext, params: ImportPlanParams): Promise<ImportPlanResult> {
  const settings = await ctx.settings.get(typeof params?.uri === 'string' ? params.uri : undefined);
  const lang = settings.lang;
  const file = filePath(params?.uri, lang);
  // The same message as for a .doc renamed .docx (see node/word.ts).
  if (/\.doc$/iu.test(file)) throw new ResponseError(ErrorCodes.InvalidParams, word().wordFileMessage('old-word', path.basename(file))[lang]);
  if (!/\.(docx|txt)$/iu.test(file)) throw new ResponseError(ErrorCodes.InvalidParams, say(lang, 'importType', path.basename(file)));
  // A file outside the workspace folders is not read here: the client sends the bytes of the file
  // the drafter picked, as for every other request the server reads only workspace files.
  const content = typeof params.content === 'string' ? params.content : undefined;
  const folders = ctx.folders.map(uriToPath).filter((p): p is string => !!p);
  if (content === undefined) {
    let isFile = false;
    try {
      isFile = fs.statSync(file).isFile();
    } catch {
      // Reported below.
    }
    if (!isFile) throw new ResponseError(ErrorCodes.InvalidParams, say(lang, 'notFound', path.basename(file)));
    if (!isInsideAny(file, folders)) throw new ResponseError(ErrorCodes.InvalidParams, say(lang, 'outside', path.basename(file)));
  }
  // The knowledge of the folder the source is in: its own template and registry, if it has them.
  const kb = ctx.knowledge(settings);
  let result: Awaited<ReturnType<ReturnType<typeof word>['importPlanFile']>>;
  try {
    result = content === undefined ? await word().importPlanFile(file, kb) : await word().importPlanBytes(path.basename(file), Buffer.from(content, 'base64'), kb);
  } catch (err) {
    // A .doc renamed .docx, a password-protected or damaged file: said in the drafter's words.
    if (err instanceof word().WordFileError) throw new ResponseError(ErrorCodes.InvalidParams, err.localized[lang]);
    ctx.error(IMPORT_PLAN_REQUEST, err);
    throw new ResponseError(ErrorCodes.InternalError, say(lang, 'readFailed', path.basename(file), reason(err)));
  }
  const place = (x: { line: number; source?: { paragraph: number; quote: string } }): { line: number; paragraph?: number; quote?: string } => ({
    line: x.line,
    ...(x.source ? { paragraph: x.source.paragraph, quote: x.source.quote } : {}),
  });
  return {
    markdown: result.markdown,
    repairs: result.repairs.map((r) => ({ id: r.id, ...place(r), message: r.message[lang] })),
    inferred: result.inferred.map((i) => ({ key: i.key, value: i.value, ...place(i), message: i.message[lang] })),
    source: result.source,
    account: result.account,
  };
}

export async function exportPlanRequest(ctx: ServerContext, params: ExportPlanParams): Promise<ExportPlanResult> {
  const doc = params?.uri ? ctx.document(params.uri) : undefined;
  const settings = await ctx.settings.get(doc?.uri ?? (typeof params?.uri === 'string' ? params.uri : undefined));
  const lang = settings.lang;
  const target = filePath(params?.target, lang);
  if (!/\.docx$/iu.test(target)) throw new ResponseError(ErrorCodes.InvalidParams, say(lang, 'exportType', path.basename(target)));
  // The plan itself, by its own name or through a symbolic or hard link, is never the target.
  const source = typeof params.uri === 'string' ? uriToPath(params.uri) : undefined;
  const inputs = new InputSet();
  if (source) inputs.add(source);
  if ((typeof params.uri === 'string' && uriKey(params.uri) === uriKey(params.target)) || inputs.has(target)) {
    throw new ResponseError(ErrorCodes.InvalidParams, say(lang, 'samePath', path.basename(target)));
  }
  // The open document as it is now, unsaved changes included; a closed plan file as it is on disk,
  // read only inside the workspace folders (as the status and report requests do).
  let plan: PlanModel;
  if (doc) {
    plan = ctx.documents.plan(doc);
  } else {
    const folders = ctx.folders.map(uriToPath).filter((p): p is string => !!p);
    const text = source && isInsideAny(source, folders) ? readTextFile(source) : undefined;
    if (!source || text === undefined) throw new ResponseError(ErrorCodes.InvalidParams, say(lang, 'notOpen', String(params?.uri)));
    plan = parsePlan(params.uri, text, syntaxFor(params.uri));
  }
  if (!plan.isPlan) throw new ResponseError(ErrorCodes.InvalidParams, say(lang, 'notPlan'));
  let result: Awaited<ReturnType<ReturnType<typeof word>['exportPlan']>>;
  try {
    result = await word().exportPlan(plan, target, ctx.knowledge(settings), { write: { shown: path.basename(target), inputs } });
  } catch (err) {
    if (err instanceof WriteRefused) throw new ResponseError(ErrorCodes.InvalidParams, err.say(lang));
    // Typically the file is open in Word (EBUSY, EPERM) or the folder is gone (ENOENT).
    ctx.error(EXPORT_PLAN_REQUEST, err);
    throw new ResponseError(ErrorCodes.InternalError, say(lang, 'writeFailed', path.basename(target), reason(err)));
  }
  return { written: true, warnings: [...result.problems, ...result.warnings].map((w) => w[lang]) };
}

export function registerCommands(ctx: ServerContext): void {
  const { connection } = ctx;
  const wrap = <P, R>(name: string, empty: R, fn: (p: P) => Promise<R>) => async (params: P): Promise<R> => {
    try {
      return await fn(params);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      ctx.error(name, err);
      return empty;
    }
  };
  connection.onRequest(
    SUBMISSION_REPORT_REQUEST,
    wrap<SubmissionReportParams, SubmissionReportResult>(SUBMISSION_REPORT_REQUEST, { markdown: '', blocking: 0, advisory: 0, files: [] }, (p) => submissionReport(ctx, p)),
  );
  connection.onRequest(
    DOCUMENT_STATUS_REQUEST,
    wrap<DocumentStatusParams, DocumentStatusResult>(DOCUMENT_STATUS_REQUEST, { isPlan: false, variant: null, blocking: 0, advisory: 0 }, (p) => documentStatus(ctx, p)),
  );
  connection.onRequest(NEW_PLAN_REQUEST, wrap<NewPlanParams, NewPlanResult>(NEW_PLAN_REQUEST, { text: '' }, (p) => newPlan(ctx, p)));
  connection.onRequest(
    INSERT_MISSING_SECTIONS_REQUEST,
    wrap<InsertMissingSectionsParams, InsertMissingSectionsResult>(INSERT_MISSING_SECTIONS_REQUEST, { edits: [] }, (p) => insertMissingSections(ctx, p)),
  );
  connection.onRequest(
    IMPORT_PLAN_REQUEST,
    wrap<ImportPlanParams, ImportPlanResult>(
      IMPORT_PLAN_REQUEST,
      { markdown: '', repairs: [], inferred: [], source: 'text', account: { unit: 'line', total: 0, front: 0, body: 0, dropped: 0, footnotes: 0 } },
      (p) => importPlan(ctx, p),
    ),
  );
  connection.onRequest(
    EXPORT_PLAN_REQUEST,
    wrap<ExportPlanParams, ExportPlanResult>(EXPORT_PLAN_REQUEST, { written: false, warnings: [] }, (p) => exportPlanRequest(ctx, p)),
  );
  connection.onExecuteCommand(async (params) => {
    try {
      if (params.command !== INSERT_MISSING_SECTIONS_COMMAND) return null;
      const arg = params.arguments?.[0] as string | { uri?: string } | undefined;
      const uri = typeof arg === 'string' ? arg : arg?.uri;
      if (!uri) return null;
      const doc = ctx.document(uri);
      const { edits } = await insertMissingSections(ctx, { uri: doc?.uri ?? uri });
      if (edits.length === 0) return { applied: false };
      const result = await connection.workspace.applyEdit(
        doc ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] } : { changes: { [uri]: edits } },
      );
      return { applied: result.applied };
    } catch (err) {
      ctx.error('workspace/executeCommand', err);
      return null;
    }
  });
}
