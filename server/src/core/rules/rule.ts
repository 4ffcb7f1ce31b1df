// The rule contract: a rule is data (id, severities, messages, docs) plus one check function.

import { FixKind, Lang, Level, Localized, Mode, Severity, TextEdit } from '../findings';
import { DatedView } from '../data/as-of';
import { KnowledgeBase, VariantId, VariantSpec } from '../data/types';
import { PlanModel } from '../model';

export type RuleCategory = 'plan' | 'section' | 'task-group' | 'implementation' | 'citation' | 'form' | 'text' | 'name';

export interface RuleMeta {
  /** Stable, namespaced id: never renamed, never reused. */
  id: string;
  category: RuleCategory;
  title: Localized;
  /** One or two sentences: what the rule checks and why it matters. */
  description: Localized;
  severity: { drafting: Level; submission: Level };
  /** Message templates; `{name}` placeholders are filled from the report's data. */
  messages: Record<string, Localized>;
  /** True when the rule offers a fix. */
  fixable: boolean;
  /**
   * The kind of its fixes, mechanical when omitted. Only mechanical fixes are applied by
   * `plan43 check --fix` and fix-all; an insertion of template text is offered as a quick fix.
   */
  fixKind?: FixKind;
}

export interface ReportedFix {
  /** Key in the rule's messages for the fix title. */
  messageId: string;
  data?: Record<string, string | number>;
  edits: TextEdit[];
}

export interface Report {
  /** Key in the rule's messages; 'default' when omitted. */
  messageId?: string;
  data?: Record<string, string | number>;
  start: number;
  end: number;
  fix?: ReportedFix;
  related?: Array<{ start: number; end: number; message: Localized }>;
  unnecessary?: boolean;
  /**
   * Levels of this one report when they differ from the rule's (an expected rather than a
   * required parent document); a user's level for the rule still wins.
   */
  severity?: { drafting: Level; submission: Level };
}

export interface RuleContext {
  readonly plan: PlanModel;
  /** The knowledge as of the plan's date and level (the same as `view.kb`). */
  readonly kb: KnowledgeBase;
  /** The dated view every rule asks its questions through: date, level, term, names in force. */
  readonly view: DatedView;
  /** The variant the plan declares or that was inferred, as of the plan's date and level; undefined when it cannot be told. */
  readonly variantId: VariantId | undefined;
  readonly variant: VariantSpec | undefined;
  readonly mode: Mode;
  readonly lang: Lang;
  /** Computes an analysis once per check and shares it between rules. */
  shared<T>(compute: (ctx: RuleContext) => T): T;
  report(report: Report): void;
}

export interface Rule extends RuleMeta {
  check(ctx: RuleContext): void;
  /**
   * True for a rule that must read the text exactly as written. The others read a plan whose
   * decomposed Vietnamese (NFD) is composed first (NFC), their offsets mapped back, so that
   * "ngày" typed with separate marks is still the word "ngày" to them.
   */
  readsSourceText?: boolean;
}

/** Severity in force for a rule, after user overrides. */
export function levelFor(rule: RuleMeta, mode: Mode, overrides?: Readonly<Record<string, Level>>): Level {
  return overrides?.[rule.id] ?? rule.severity[mode];
}

/**
 * The variant's name inside a sentence: a Vietnamese label starts lower-case there ("theo mẫu kế
 * hoạch của Ủy ban nhân dân"); an English one keeps its capitals (Party, People's Committee).
 */
export function variantInSentence(variant: VariantSpec, lang: Lang): string {
  const label = variant.label[lang];
  return lang === 'vi' ? label.charAt(0).toLocaleLowerCase('vi') + label.slice(1) : label;
}

export function isSeverity(level: Level): level is Severity {
  return level !== 'off';
}
