// The plans of the workspace over LSP: the index kept current as documents change, the plans citing a changed plan checked again, the Plans view's list and the review report.

import { DidChangeWatchedFilesNotification } from 'vscode-languageserver/node';
import { unreadableFinding } from '../core/rules/plan/unreadable';
import { PlanSummary } from '../core/workspace/summary';
import { IndexedPlan } from '../core/workspace/index-entry';
import { reviewHtml } from '../node/review';
import { analyzeIn, displayPath, recordSubmissionCheck, workspacePlanUris } from './commands';
import { guarded, ServerContext } from './context';
import { DiagnosticsFeature } from './diagnostics';
import {
  PLAN_FILES_GLOB,
  REVIEW_REPORT_REQUEST,
  ReviewReportParams,
  ReviewReportResult,
  WORKSPACE_PLANS_CHANGED_NOTIFICATION,
  WORKSPACE_PLANS_REQUEST,
  WorkspacePlan,
  WorkspacePlansResult,
} from './protocol';
import { pathToUri } from './uris';
import { PlanStatus } from './workspace-plans';

/** Pause after the last keystroke before an open plan's metadata is indexed again. */
const INDEX_DELAY_MS = 300;
/** Changes come in bursts (a save of several files, the first scan): said once. */
const CHANGE_DELAY_MS = 100;

/** A plan of the index as the Plans view shows it. */
export function workspacePlan(ctx: ServerContext, indexed: IndexedPlan, status: PlanStatus | undefined): WorkspacePlan {
  const h = indexed.head;
  let parent: WorkspacePlan['parent'] = null;
  if (h.parent) {
    const checked = status?.parents.find((p) => p.symbol === h.parent) ?? status?.parents[0];
    const resolved = checked && (checked.status === 'match' || checked.status === 'mismatch') ? checked.targets[0]?.uri : undefined;
    // Before a check, the parent is known only when a single plan of the workspace has its symbol.
    const only = ctx.workspace.entriesWith(h.parent).filter((e) => e.origin);
    const uri = resolved ?? (checked ? undefined : only.length === 1 ? only[0].origin!.uri : undefined);
    parent = { symbol: checked?.symbol ?? h.parent, uri: uri ?? null, status: checked?.status ?? null };
  }
  return {
    uri: indexed.uri,
    label: indexed.label,
    kind: h.kind,
    issuer: h.issuer,
    number: h.number,
    symbol: h.symbol ?? null,
    date: h.date,
    isoDate: h.isoDate ?? null,
    subject: h.subject,
    variant: h.variant,
    level: h.level,
    parent,
    blocking: status ? status.blocking : null,
    advisory: status ? status.advisory : null,
  };
}

export async function workspacePlans(ctx: ServerContext): Promise<WorkspacePlansResult> {
  return {
    scanning: ctx.workspace.scanning,
    plans: ctx.workspace
      .list()
      .map((p) => workspacePlan(ctx, p.indexed, p.status))
      .sort((a, b) => a.label.localeCompare(b.label)),
  };
}

/** The link a report gives to a plan at a line: the client's command when it has one, else the file. */
function reportLink(params: ReviewReportParams | undefined): (uri: string, line?: number) => string {
  const command = typeof params?.openCommand === 'string' && /^[\w.-]+$/.test(params.openCommand) ? params.openCommand : undefined;
  if (command) return (uri, line) => `command:${command}?${encodeURIComponent(JSON.stringify([uri, line ?? 1]))}`;
  return (uri, line) => (line ? `${uri}#L${line}` : uri);
}

/**
 * Every plan of the workspace checked for submission and summed up in one page. Only the summaries
 * are kept while the plans are checked, one after the other.
 */
export async function reviewReport(ctx: ServerContext, params: ReviewReportParams | undefined): Promise<ReviewReportResult> {
  await ctx.workspace.ready();
  const summaries: PlanSummary[] = [];
  const settings = await ctx.settings.get(ctx.folders[0]);
  // What could not be read is listed on the page, never left out as if the folder were clean.
  const unreadable: Array<{ label: string; message: string }> = [];
  const unreadableAt = (file: string, kind: 'file' | 'folder' | 'name', reason: string, name?: string): void => {
    const finding = unreadableFinding(kind, { reason, ...(name ? { name } : {}) }, { ...settings, mode: 'submission' });
    unreadable.push({ label: displayPath(ctx, pathToUri(file)), message: finding?.message ?? reason });
  };
  const workspace = workspacePlanUris(ctx);
  for (const place of workspace.unreadable) unreadableAt(place.path, place.kind, place.reason, place.name);
  for (const uri of workspace.uris) {
    const a = await analyzeIn(ctx, ctx.document(uri)?.uri ?? uri, 'submission');
    if (a && 'unreadable' in a) {
      unreadableAt(a.file, 'file', a.unreadable);
      continue;
    }
    if (!a?.plan.isPlan) continue;
    summaries.push(recordSubmissionCheck(ctx, a));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const kb = ctx.knowledge(settings);
  const html = reviewHtml(summaries, {
    lang: settings.lang,
    mode: 'submission',
    taskGroups: kb.template.taskGroups,
    generator: 'Plan43',
    link: reportLink(params),
    unreadable,
  });
  return { html, plans: summaries.length, blocked: summaries.filter((s) => s.blocking > 0).length };
}

/** Registers the handlers; returns what stops the pending timers at shutdown. */
export function registerWorkspacePlans(ctx: ServerContext, diagnostics: DiagnosticsFeature): () => void {
  const { connection } = ctx;
  const documents = ctx.documents.documents;
  const timers = new Map<string, NodeJS.Timeout>();

  documents.onDidOpen((e) => ctx.workspace.documentChanged(e.document));
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const previous = timers.get(uri);
    if (previous) clearTimeout(previous);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        const doc = ctx.document(uri);
        if (doc) ctx.workspace.documentChanged(doc);
      }, INDEX_DELAY_MS),
    );
  });
  documents.onDidClose((e) => {
    const timer = timers.get(e.document.uri);
    if (timer) clearTimeout(timer);
    timers.delete(e.document.uri);
    ctx.workspace.documentClosed(e.document.uri);
  });

  const pending = new Set<string>();
  let listChanged = false;
  let timer: NodeJS.Timeout | undefined;
  ctx.onPlansChanged = (symbols, list) => {
    for (const s of symbols) pending.add(s);
    listChanged ||= list || symbols.size > 0;
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      try {
        const changed = new Set(pending);
        pending.clear();
        diagnostics.refreshDependents(changed);
        if (listChanged && ctx.client.workspacePlansChanged) void connection.sendNotification(WORKSPACE_PLANS_CHANGED_NOTIFICATION);
        listChanged = false;
      } catch (err) {
        ctx.error('workspace plans changed', err);
      }
    }, CHANGE_DELAY_MS);
  };

  connection.onRequest(
    WORKSPACE_PLANS_REQUEST,
    guarded(ctx, WORKSPACE_PLANS_REQUEST, { scanning: false, plans: [] } as WorkspacePlansResult, () => workspacePlans(ctx)),
  );
  connection.onRequest(REVIEW_REPORT_REQUEST, async (params: ReviewReportParams | undefined): Promise<ReviewReportResult> => {
    try {
      return await reviewReport(ctx, params);
    } catch (err) {
      ctx.error(REVIEW_REPORT_REQUEST, err);
      return { html: '', plans: 0, blocked: 0 };
    }
  });
  return () => {
    if (timer) clearTimeout(timer);
    for (const t of timers.values()) clearTimeout(t);
  };
}

/** After initialize: watch the plan files (when the client lets the server register watchers) and read the folders. */
export function startWorkspacePlans(ctx: ServerContext): void {
  if (ctx.client.dynamicFileWatchers) {
    void ctx.connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: PLAN_FILES_GLOB }] })
      .catch((err: unknown) => ctx.error('registering the plan file watcher', err));
  }
  void ctx.workspace.scan();
}
