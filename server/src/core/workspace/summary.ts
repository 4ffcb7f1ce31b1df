// A checked plan in a few numbers for the review of a folder: counts, task groups covered, whether it cites its parent right, its findings in short.

import { analyzeCitations, Citation, sourceSpan } from '../citations/analysis';
import { entriesFor } from '../citations/registry';
import { symbolKey } from '../citations/symbol';
import { DatedView, viewOfPlanOrUndated } from '../data/as-of';
import { KnowledgeBase, PlanOrigin } from '../data/types';
import { Finding, Lang, Severity } from '../findings';
import { PlanModel } from '../model';
import { RuleContext } from '../rules/rule';
import { taskAnalysisOf } from '../rules/section/shared';
import { decideVariant } from '../template/variant';
import { classifySymbol } from '../citations/symbol';
import { planNumberSymbol } from './entry';
import { PlanHead, planHead } from './index-entry';

/** How a plan treats one task group of the Resolution. */
export type GroupCoverage = 'covered' | 'missing';

/**
 * How a plan cites the local document it implements, compared with the plans of the folder:
 * 'match' — resolved to a plan of the folder (or an entry of a registry file) and nothing
 *   contradicts it; 'mismatch' — resolved, and the date, issuer, title or type contradicts it;
 * 'unmatched' — the folder holds plans with that symbol but the citation names none of them;
 * 'outside' — no plan of the folder has that symbol (checked only against a registry, as before);
 * 'uncited' — declared under "implements" but not cited in the subject or the preamble.
 */
export type ParentStatus = 'match' | 'mismatch' | 'unmatched' | 'outside' | 'uncited';

export interface ParentSummary {
  symbol: string;
  status: ParentStatus;
  /** The citation as written (cut short). */
  written?: string;
  /** The plan (or registry entry) the citation names, or the plans of the folder with its symbol. */
  targets: Array<{ label: string; uri?: string; date: string; issuer: string }>;
  /** The messages of the findings on that citation (date, issuer, title, type). */
  problems: string[];
}

export interface FindingSummary {
  line: number;
  column: number;
  severity: Severity;
  ruleId: string;
  message: string;
}

export interface PlanSummary {
  uri: string;
  label: string;
  head: PlanHead;
  blocking: number;
  advisory: number;
  counts: Record<Severity, number>;
  /** One state per task group of the template, in its order; undefined when no tasks section was found. */
  coverage?: GroupCoverage[];
  /** The local documents it implements (declared under "implements" or cited in the opening), in order. */
  parents: ParentSummary[];
  findings: FindingSummary[];
}

/** Rules whose findings on the parent's citation mean it does not match the parent. */
const PARENT_RULES = new Set(['citation.date-mismatch', 'citation.issuer-mismatch', 'citation.title-mismatch', 'citation.type-mismatch', 'citation.term-mismatch']);

/** Longest citation text and finding message kept (a folder of thousands of plans stays small). */
const MAX_TEXT = 300;
/** Longest finding message kept. */
const MAX_MESSAGE = 1000;

function cut(s: string, max = MAX_TEXT): string {
  const t = s.replace(/\s+/gu, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * The task groups the plan covers, by the same analysis task-group.missing reports from, as of the
 * plan's dated view: a group is 'missing' exactly when that rule would say so.
 */
export function planCoverage(plan: PlanModel, view: DatedView, lang: Lang = 'vi'): GroupCoverage[] | undefined {
  const decision = decideVariant(plan, view.kb.template);
  const cache = new Map<unknown, unknown>();
  const ctx: RuleContext = {
    plan,
    kb: view.kb,
    view,
    variantId: decision.id,
    variant: view.variant(decision.id),
    mode: 'drafting',
    lang,
    shared<T>(compute: (c: RuleContext) => T): T {
      if (!cache.has(compute)) cache.set(compute, compute(ctx));
      return cache.get(compute) as T;
    },
    report(): void {
      // Nothing is reported: only the shared analysis is read.
    },
  };
  const analysis = taskAnalysisOf(ctx);
  if (!analysis) return undefined;
  const covered = new Set(analysis.match.items.filter((x) => x.group).map((x) => x.group!.id));
  const glued = new Set(analysis.gluedGroups.map((g) => g.id));
  return view.kb.template.taskGroups.map((g) => (covered.has(g.id) || glued.has(g.id) ? 'covered' : 'missing'));
}

/** The citations of the subject line and the preamble only: where a plan names what it implements. */
function openingCitationsOf(plan: PlanModel, view: DatedView): Citation[] {
  const opening = plan.blocks.filter((b) => b.region === 'preamble' || (b.region === 'front' && b.metaKey === 'subject'));
  return analyzeCitations({ ...plan, blocks: opening }, view).citations;
}

/** The local documents a plan implements: those declared under "implements", then the others its opening cites. */
function localParents(plan: PlanModel, opening: readonly Citation[]): string[] {
  const own = planNumberSymbol(plan);
  const seen = new Set<string>(own ? [symbolKey(own.symbol)] : []);
  const out: string[] = [];
  const add = (symbol: string): void => {
    const key = symbolKey(symbol);
    const parsed = classifySymbol(key);
    if (seen.has(key) || parsed.malformed || parsed.central) return;
    seen.add(key);
    out.push(symbol);
  };
  for (const p of plan.meta.implements?.value ?? []) add(p.symbol);
  for (const c of opening) if (!c.symbol.malformed) add(c.symbol.symbol);
  return out;
}

function parentSummary(plan: PlanModel, parent: string, opening: readonly Citation[], kb: KnowledgeBase, findings: readonly Finding[]): ParentSummary {
  const key = symbolKey(parent);
  const citations = opening.filter((c) => symbolKey(c.symbol.symbol) === key);
  const inFolder = entriesFor(kb, parent).filter((e) => e.scope === 'workspace');
  const folderTargets = inFolder.map((e) => ({ label: e.origin?.label ?? e.symbol, ...(e.origin ? { uri: e.origin.uri } : {}), date: e.date, issuer: e.issuer }));
  // The fullest citation: the one the registry resolved, else one with a date.
  const cited = citations.find((c) => c.resolution.status === 'resolved') ?? citations.find((c) => c.date) ?? citations[0];
  if (!cited) return { symbol: parent, status: 'uncited', targets: folderTargets, problems: [] };
  const span = sourceSpan(cited, cited);
  const written = cut(plan.text.slice(span.start, span.end));
  if (cited.resolution.status !== 'resolved') {
    return { symbol: parent, status: inFolder.length > 0 ? 'unmatched' : 'outside', written, targets: folderTargets, problems: [] };
  }
  const entry = cited.resolution.entry;
  const onCitation = (f: Finding): boolean => PARENT_RULES.has(f.ruleId) && f.start >= span.start && f.end <= span.end;
  const problems = findings.filter(onCitation).map((f) => cut(f.message, MAX_MESSAGE));
  return {
    symbol: parent,
    status: problems.length > 0 ? 'mismatch' : 'match',
    written,
    targets: [{ label: entry.origin?.label ?? entry.symbol, ...(entry.origin ? { uri: entry.origin.uri } : {}), date: entry.date, issuer: entry.issuer }],
    problems,
  };
}

/**
 * Sums up a checked plan. `kb` is the knowledge it was checked with (the folder's plans included),
 * `today` the day a plan with no date yet was checked as of: the summary reads the same dated view.
 */
export function summarizePlan(plan: PlanModel, kb: KnowledgeBase, findings: readonly Finding[], origin: PlanOrigin, lang: Lang = 'vi', today?: string): PlanSummary {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  const head = planHead(plan, kb);
  const summary: PlanSummary = {
    uri: origin.uri,
    label: origin.label,
    head,
    blocking: counts.error,
    advisory: findings.length - counts.error,
    counts,
    parents: [],
    findings: findings.map((f) => {
      const p = plan.lines.positionAt(f.start);
      return { line: p.line + 1, column: p.character + 1, severity: f.severity, ruleId: f.ruleId, message: cut(f.message, MAX_MESSAGE) };
    }),
  };
  if (!plan.tooLarge) {
    const view = viewOfPlanOrUndated(plan, kb, today);
    const coverage = planCoverage(plan, view, lang);
    if (coverage) summary.coverage = coverage;
    const opening = openingCitationsOf(plan, view);
    summary.parents = localParents(plan, opening).map((p) => parentSummary(plan, p, opening, view.kb, findings));
  }
  return summary;
}
