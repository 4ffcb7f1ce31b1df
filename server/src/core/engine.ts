// Runs the rules over a plan and turns their reports into findings in the drafter's language.

import { KnowledgeBase } from './data/types';
import { compareFindings, Finding, formatMessage, Lang, Level, Localized, Mode } from './findings';
import { PlanModel } from './model';
import { parsePlan, PlanSyntax } from './document/parse';
import { ALL_RULES } from './rules/index';
import { levelFor, Report, Rule, RuleContext } from './rules/rule';
import { decideVariant } from './template/variant';

export interface CheckOptions {
  mode?: Mode;
  lang?: Lang;
  /** Per-rule level overrides, 'off' included. */
  levels?: Readonly<Record<string, Level>>;
  /** The rules to run; all registered rules by default. */
  rules?: readonly Rule[];
}

export interface CheckResult {
  plan: PlanModel;
  findings: Finding[];
}

export const INTERNAL_ERROR_RULE = 'plan.internal-error';

export function localize(text: Localized, lang: Lang): string {
  return text[lang] || text.vi;
}

/** Parses and checks one document. Files that are not plans give no findings. */
export function checkText(uri: string, text: string, kb: KnowledgeBase, options: CheckOptions = {}, syntax?: PlanSyntax): CheckResult {
  const plan = parsePlan(uri, text, syntax);
  return { plan, findings: checkPlan(plan, kb, options) };
}

export function checkPlan(plan: PlanModel, kb: KnowledgeBase, options: CheckOptions = {}): Finding[] {
  if (!plan.isPlan) return [];
  const mode = options.mode ?? 'drafting';
  const lang = options.lang ?? 'vi';
  const rules = options.rules ?? ALL_RULES;
  const decision = decideVariant(plan, kb.template);
  const variant = decision.id ? kb.template.variants[decision.id] : undefined;
  const cache = new Map<unknown, unknown>();
  const findings: Finding[] = [];

  for (const rule of rules) {
    const level = levelFor(rule, mode, options.levels);
    if (level === 'off') continue;
    const ctx: RuleContext = {
      plan,
      kb,
      variantId: decision.id,
      variant,
      mode,
      lang,
      shared<T>(compute: (c: RuleContext) => T): T {
        if (!cache.has(compute)) cache.set(compute, compute(ctx));
        return cache.get(compute) as T;
      },
      report(r: Report): void {
        const own = r.severity && options.levels?.[rule.id] === undefined ? r.severity[mode] : level;
        if (own === 'off') return;
        findings.push(toFinding(rule, own, r, lang));
      },
    };
    try {
      rule.check(ctx);
    } catch (err) {
      // A rule that fails must not take the other findings with it: say so once, at the top.
      findings.push({
        ruleId: INTERNAL_ERROR_RULE,
        severity: 'warning',
        message:
          lang === 'vi'
            ? `Quy tắc ${rule.id} gặp lỗi nội bộ và đã được bỏ qua: ${(err as Error).message}`
            : `Rule ${rule.id} failed and was skipped: ${(err as Error).message}`,
        start: 0,
        end: 0,
      });
    }
  }
  return dedupe(findings.sort(compareFindings));
}

function toFinding(rule: Rule, level: Exclude<Level, 'off'>, r: Report, lang: Lang): Finding {
  const template = rule.messages[r.messageId ?? 'default'];
  const message = template ? formatMessage(localize(template, lang), r.data) : rule.id;
  const finding: Finding = { ruleId: rule.id, severity: level, message, start: r.start, end: Math.max(r.start, r.end) };
  if (r.fix) {
    const titleTemplate = rule.messages[r.fix.messageId];
    finding.fix = {
      title: titleTemplate ? formatMessage(localize(titleTemplate, lang), r.fix.data ?? r.data) : rule.id,
      edits: r.fix.edits,
    };
  }
  if (r.related?.length) {
    finding.related = r.related.map((x) => ({ start: x.start, end: x.end, message: localize(x.message, lang) }));
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
