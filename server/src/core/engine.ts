// Runs the rules over a plan and turns their reports into findings in the drafter's language.

import { DatedView, undatedView, viewOfPlan } from './data/as-of';
import { KnowledgeBase, VariantSpec } from './data/types';
import { compareFindings, Finding, formatMessage, Lang, Level, Localized, Mode, TextEdit } from './findings';
import { PlanModel } from './model';
import { parsePlan, PlanSyntax } from './document/parse';
import { ALL_RULES } from './rules/index';
import { planInternalError } from './rules/plan/internal-error';
import { planTooLarge } from './rules/plan/too-large';
import { levelFor, Report, Rule, RuleContext } from './rules/rule';
import { composedText } from './text/composed';
import { decideVariant, VariantDecision } from './template/variant';

export interface CheckOptions {
  mode?: Mode;
  lang?: Lang;
  /** Per-rule level overrides, 'off' included. */
  levels?: Readonly<Record<string, Level>>;
  /** The rules to run; all registered rules by default. */
  rules?: readonly Rule[];
  /**
   * Today (yyyy-mm-dd): a plan with no date yet is checked as of this day. The command line and
   * the server pass the real date, tests a fixed one; without it, such a plan is checked against
   * the newest facts and nothing is judged by its date.
   */
  today?: string;
}

export interface CheckResult {
  plan: PlanModel;
  findings: Finding[];
}

export const INTERNAL_ERROR_RULE = planInternalError.id;
/** The rule that reports a plan over the size limit; the only one run on such a plan. */
export const TOO_LARGE_RULE = planTooLarge.id;

export function localize(text: Localized, lang: Lang): string {
  return text[lang] || text.vi;
}

/** Parses and checks one document. Files that are not plans give no findings. */
export function checkText(uri: string, text: string, kb: KnowledgeBase, options: CheckOptions = {}, syntax?: PlanSyntax): CheckResult {
  const plan = parsePlan(uri, text, syntax);
  return { plan, findings: checkPlan(plan, kb, options) };
}

export function checkPlan(plan: PlanModel, kb: KnowledgeBase, options: CheckOptions = {}): Finding[] {
  const steps = checkSteps(plan, kb, options);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/** Longest part of an exception message quoted in a finding. */
const MAX_ERROR_TEXT = 200;

function internalError(messageId: 'default' | 'variant', data: { rule?: string; err: unknown }, lang: Lang, level: Level): Finding[] {
  if (level === 'off') return [];
  let raw: string;
  try {
    raw = String(data.err instanceof Error ? data.err.message : data.err);
  } catch {
    raw = '?';
  }
  const error = raw.length > MAX_ERROR_TEXT ? `${raw.slice(0, MAX_ERROR_TEXT)}…` : raw;
  const message = formatMessage(localize(planInternalError.messages[messageId], lang), { rule: data.rule ?? '', error });
  return [{ ruleId: INTERNAL_ERROR_RULE, severity: level, message, start: 0, end: 0 }];
}

/**
 * The check as a sequence of steps, one per rule, returning the findings: a caller that must stay
 * responsive (the language server) can pause or give up between two rules; `checkPlan` runs it
 * through. A rule that throws is reported once (plan.internal-error) and its own findings are
 * dropped; every other rule's findings stay.
 */
export function* checkSteps(plan: PlanModel, kb: KnowledgeBase, options: CheckOptions = {}): Generator<string, Finding[], void> {
  if (!plan.isPlan) return [];
  const mode = options.mode ?? 'drafting';
  const lang = options.lang ?? 'vi';
  let rules = options.rules ?? ALL_RULES;
  // An oversized plan was not parsed: only the rule that says so runs.
  if (plan.tooLarge) rules = rules.filter((r) => r.id === TOO_LARGE_RULE);
  const findings: Finding[] = [];
  const internalLevel = levelFor(planInternalError, mode, options.levels);
  // Decomposed Vietnamese (NFD) would mislead rules that look for words and dates: they read a
  // composed copy of the plan, and their offsets are mapped back to the text as written.
  const composed = plan.tooLarge ? undefined : composedText(plan.text);
  const view = composed ? { plan: parsePlan(plan.uri, composed.text, plan.format), toSource: composed.toSource } : undefined;
  const read = view?.plan ?? plan;
  let decision: VariantDecision = { id: undefined, source: 'unknown' };
  let variant: VariantSpec | undefined;
  // Every rule reads the knowledge as of the plan's date (or today) and level: one view for all.
  let dated: DatedView;
  try {
    dated = viewOfPlan(read, kb, options.today);
    decision = decideVariant(read, dated.kb.template);
    variant = dated.variant(decision.id);
  } catch (err) {
    // A template that cannot be read: said once; the rules that need no template still run.
    dated = undatedView(kb);
    decision = { id: undefined, source: 'unknown' };
    variant = undefined;
    findings.push(...internalError('variant', { err }, lang, internalLevel));
  }
  const caches = new Map<PlanModel, Map<unknown, unknown>>([
    [plan, new Map()],
    [read, new Map()],
  ]);
  const length = plan.text.length;

  for (const rule of rules) {
    const level = levelFor(rule, mode, options.levels);
    if (level === 'off') continue;
    const before = findings.length;
    const own = rule.readsSourceText ? plan : read;
    const cache = caches.get(own)!;
    const mapped = own === plan || !view ? undefined : view.toSource;
    const ctx: RuleContext = {
      plan: own,
      kb: dated.kb,
      view: dated,
      variantId: decision.id,
      variant,
      mode,
      lang,
      shared<T>(compute: (c: RuleContext) => T): T {
        if (!cache.has(compute)) cache.set(compute, compute(ctx));
        return cache.get(compute) as T;
      },
      report(r: Report): void {
        const severity = r.severity && options.levels?.[rule.id] === undefined ? r.severity[mode] : level;
        if (severity === 'off') return;
        findings.push(toFinding(rule, severity, mapped ? mapReport(r, mapped) : r, lang, length));
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule that fails must not take the other findings with it: its own findings, maybe half
      // made, are dropped, and the failure is said once, at the top.
      findings.length = before;
      findings.push(...internalError('default', { rule: rule.id, err }, lang, internalLevel));
    }
    yield rule.id;
  }
  return dedupe(findings.sort(compareFindings));
}

/** A report made on the composed copy of a plan, in the offsets of the text as written. */
function mapReport(r: Report, toSource: (offset: number) => number): Report {
  const out: Report = { ...r, start: toSource(r.start), end: toSource(r.end) };
  if (r.fix) out.fix = { ...r.fix, edits: r.fix.edits.map((e) => ({ ...e, start: toSource(e.start), end: toSource(e.end) })) };
  if (r.related) out.related = r.related.map((x) => ({ ...x, start: toSource(x.start), end: toSource(x.end) }));
  return out;
}

/** An offset a rule reported, made safe for every consumer: a whole number inside the text. */
function clampOffset(n: number, length: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.min(Math.trunc(n), length)) : 0;
}

/** Edits whose offsets are not whole numbers inside the text would corrupt it when applied. */
function validEdits(edits: readonly TextEdit[], length: number): boolean {
  return edits.every((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end >= e.start && e.end <= length && typeof e.newText === 'string');
}

function toFinding(rule: Rule, level: Exclude<Level, 'off'>, r: Report, lang: Lang, length: number): Finding {
  const template = rule.messages[r.messageId ?? 'default'];
  const message = template ? formatMessage(localize(template, lang), r.data) : rule.id;
  const start = clampOffset(r.start, length);
  const finding: Finding = { ruleId: rule.id, severity: level, message, start, end: Math.max(start, clampOffset(r.end, length)) };
  if (r.fix && validEdits(r.fix.edits, length)) {
    const titleTemplate = rule.messages[r.fix.messageId];
    finding.fix = {
      title: titleTemplate ? formatMessage(localize(titleTemplate, lang), r.fix.data ?? r.data) : rule.id,
      edits: r.fix.edits,
      kind: rule.fixKind ?? 'mechanical',
    };
  }
  if (r.related?.length) {
    finding.related = r.related.map((x) => ({ start: clampOffset(x.start, length), end: clampOffset(x.end, length), message: localize(x.message, lang) }));
  }
  if (r.unnecessary) finding.unnecessary = true;
  return finding;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}|${f.start}|${f.end}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
