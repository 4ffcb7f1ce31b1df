// Custom requests of the contract (submission report, document status, new plan, insert missing sections) and the server's commands.

import * as path from 'node:path';
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import { Mode } from '../core/findings';
import { readableReport, ReportFile } from '../core/report/readable';
import { RULE_METADATA } from '../core/rules/index';
import { decideVariant } from '../core/template/variant';
import { candidateFiles, readTextFile } from '../node/workspace';
import { ServerContext } from './context';
import { Analysis, analyzeText, syntaxFor } from './documents';
import { insertMissingEdits } from './fixes';
import {
  DocumentStatusParams,
  DocumentStatusResult,
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
import { pathToUri, uriToPath } from './uris';

/** Checks a document (open, or read from disk) in a given mode, whatever the submission setting says. */
async function analyzeIn(ctx: ServerContext, uri: string, mode?: Mode): Promise<Analysis | undefined> {
  const doc = ctx.document(uri);
  let settings = await ctx.settings.get(doc?.uri ?? uri);
  if (mode && settings.mode !== mode) settings = { ...settings, mode, key: `${settings.key}|${mode}` };
  const kb = ctx.knowledge(settings);
  if (doc) {
    if (!mode) return ctx.documents.analyze(doc, settings, kb, ctx.data.generation);
    return analyzeText(doc.uri, doc.getText(), doc.version, syntaxFor(doc.uri, doc.languageId), settings, kb, ctx.data.generation, (m) => ctx.log(m), ctx.documents.plan(doc));
  }
  const file = uriToPath(uri);
  const text = file ? readTextFile(file) : undefined;
  if (text === undefined) return undefined;
  return analyzeText(uri, text, null, syntaxFor(uri), settings, kb, ctx.data.generation, (m) => ctx.log(m));
}

function counts(analysis: Analysis): { blocking: number; advisory: number } {
  const blocking = analysis.findings.filter((f) => f.severity === 'error').length;
  return { blocking, advisory: analysis.findings.length - blocking };
}

function displayPath(ctx: ServerContext, uri: string): string {
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

export async function submissionReport(ctx: ServerContext, params: SubmissionReportParams): Promise<SubmissionReportResult> {
  let uris: string[];
  if (params?.uri) {
    uris = [params.uri];
  } else {
    const folders = ctx.folders.map(uriToPath).filter((p): p is string => !!p);
    const onDisk = candidateFiles(folders).map(pathToUri);
    // Untitled or unsaved plans that are open count too.
    const open = ctx.documents.all().map((d) => d.uri).filter((u) => !u.startsWith('file:'));
    uris = [...onDisk, ...open];
  }
  const analyses: Analysis[] = [];
  for (const uri of uris) {
    const a = await analyzeIn(ctx, ctx.document(uri)?.uri ?? uri, 'submission');
    if (a?.plan.isPlan) analyses.push(a);
  }
  const settings = await ctx.settings.get(params?.uri ?? ctx.folders[0]);
  const files: ReportFile[] = analyses.map((a) => ({
    path: displayPath(ctx, a.uri),
    link: (line: number) => `${a.uri}#L${line + 1}`,
    text: a.plan.text,
    findings: a.findings,
  }));
  const markdown = readableReport(files, {
    lang: settings.lang,
    mode: 'submission',
    rules: RULE_METADATA,
    helpUri: (id) => ctx.helpUri(id) ?? id,
  });
  const perFile: SubmissionReportFile[] = analyses.map((a) => ({ uri: a.uri, variant: decideVariant(a.plan, a.kb.template).id ?? null, ...counts(a) }));
  return {
    markdown,
    blocking: perFile.reduce((n, f) => n + f.blocking, 0),
    advisory: perFile.reduce((n, f) => n + f.advisory, 0),
    files: perFile,
  };
}

export async function documentStatus(ctx: ServerContext, params: DocumentStatusParams): Promise<DocumentStatusResult> {
  const analysis = params?.uri ? await analyzeIn(ctx, params.uri, 'submission') : undefined;
  if (!analysis || !analysis.plan.isPlan) return { isPlan: false, variant: null, blocking: 0, advisory: 0 };
  return { isPlan: true, variant: decideVariant(analysis.plan, analysis.kb.template).id ?? null, ...counts(analysis) };
}

export async function newPlan(ctx: ServerContext, params: NewPlanParams): Promise<NewPlanResult> {
  if (!params || (params.variant !== 'party' && params.variant !== 'state')) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'variant must be "party" or "state"');
  }
  const settings = await ctx.settings.get(ctx.folders[0]);
  const kb = ctx.knowledge(settings);
  return { text: newPlanText(kb, { variant: params.variant, kind: params.kind ?? '', format: params.format === 'yaml' ? 'yaml' : 'markdown' }) };
}

export async function insertMissingSections(ctx: ServerContext, params: InsertMissingSectionsParams): Promise<InsertMissingSectionsResult> {
  const analysis = params?.uri ? await analyzeIn(ctx, params.uri) : undefined;
  if (!analysis) return { edits: [] };
  return { edits: insertMissingEdits(analysis, ctx.document(params.uri)?.languageId) };
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
