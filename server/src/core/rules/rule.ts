// The rule contract: a rule is data (id, severities, messages, docs) plus one check function.

import { FixKind, Lang, Level, Localized, Mode, Severity, TextEdit } from '../findings';
import { DatedView } from '../data/as-of';
import { KnowledgeBase, VariantId, VariantSpec } from '../data/types';
import { proseBlocks } from '../form/meta-text';
import { Block, PlanModel } from '../model';
import type { AnalysisMemory } from '../incremental';

export type RuleCategory = 'plan' | 'section' | 'task-group' | 'implementation' | 'citation' | 'form' | 'text' | 'name';

/**
 * What a rule's findings depend on, besides the settings, the data and the plan's metadata (its
 * date, level and variant), which every rule may read:
 * - 'paragraph': one prose block at a time (its text, kind, region and the source within its span);
 *   the rule gives `checkBlock`, and after an edit only the blocks that changed are checked again;
 * - 'section': the headings and the blocks of a section;
 * - 'metadata': the front matter;
 * - 'document': anything in the plan (the citations read in order, the section tree, counts over
 *   the whole text).
 * Only the findings of the rules that check block by block are kept from one version to the next
 * today (the 'paragraph' rules, and a 'document' rule that names what else it reads with
 * `ParagraphCheck.documentKey`); the others run again on every version.
 */
export type RuleReads = 'paragraph' | 'section' | 'metadata' | 'document';

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
  /**
   * True when this check is one of a run over many plans (CheckOptions.manyPlans): work made once
   * for every plan of the run may be made then, never for the check of one plan.
   */
  readonly manyPlans?: boolean;
  /** Computes an analysis once per check and shares it between rules. */
  shared<T>(compute: (ctx: RuleContext) => T): T;
  /**
   * What a shared document analysis (named by `key`) kept when the last version of this document
   * was checked, to take again for the blocks an edit did not touch; absent without the memory
   * of a check session. The analysis must give the same result with it or without it.
   */
  readonly analysisMemory?: <T>(key: string) => AnalysisMemory<T> | undefined;
  /**
   * For a whole-document rule, with the memory of a check session: says that the reports made
   * from now until the next call (or the rule's end) are all the rule finds of one part of the
   * document, and depend on nothing but `key`, an object that stays the same object exactly while
   * what it was read from is the same (a citation's part, placed in its block), on `also`
   * (compared by identity), on `more` (a second such value, for a rule whose findings read one
   * more thing, such as a whole document's habit) and on the check's context, their offsets moving
   * with `at` (where the part's block starts). When the last complete check kept findings for that
   * key, made with the same `also` and `more`, they are listed, moved to `at`, and the answer is
   * true: report nothing then. Else false: report as usual. Absent without a session (report as
   * usual).
   */
  readonly keyed?: (key: object, also: unknown, at: number, more?: unknown) => boolean;
  report(report: Report): void;
}

export interface Rule extends RuleMeta {
  /** What the rule's findings depend on (see RuleReads). */
  reads: RuleReads;
  check(ctx: RuleContext): void;
  /**
   * True for a rule that must read the text exactly as written. The others read a plan whose
   * decomposed Vietnamese (NFD) is composed first (NFC), their offsets mapped back, so that
   * "ngày" typed with separate marks is still the word "ngày" to them.
   */
  readsSourceText?: boolean;
  /**
   * For a rule that reads one paragraph at a time: the blocks it reads (the prose blocks when
   * omitted) and the check of one of them. `check` is then `checkFirst` followed by `checkBlock`
   * on each block in order (see `byParagraph`); every offset it reports for a block (findings,
   * fixes, related places) lies inside that block's span, or the block is never reused. A
   * 'document' rule may check block by block too when it names what else it reads (`documentKey`).
   */
  paragraphs?: ParagraphCheck;
}

export interface ParagraphCheck {
  blocksOf?(plan: PlanModel): readonly Block[];
  /** What the rule checks once per version before the blocks; it may read the metadata only. */
  checkFirst?(ctx: RuleContext): void;
  /**
   * For a rule whose findings in a block depend on the whole document as well (a count over every
   * block, as `text.tone-style`'s prevailing style): all that it reads of the document beyond the
   * block, as a string. A block's findings are reused only while this key is the same.
   */
  documentKey?(ctx: RuleContext): string;
  checkBlock(ctx: RuleContext, block: Block): void;
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

const proseOfPlan = new WeakMap<PlanModel, readonly Block[]>();

/** The prose blocks of a plan, listed once per plan model for all the rules that read them. */
export function paragraphsOf(plan: PlanModel): readonly Block[] {
  let found = proseOfPlan.get(plan);
  if (!found) {
    found = proseBlocks(plan);
    proseOfPlan.set(plan, found);
  }
  return found;
}

/** The blocks a paragraph rule reads in a plan. */
export function blocksFor(paragraphs: ParagraphCheck, plan: PlanModel): readonly Block[] {
  return paragraphs.blocksOf ? paragraphs.blocksOf(plan) : paragraphsOf(plan);
}

/** A rule that reads one paragraph at a time: its whole check is its check of each block in turn. */
export function byParagraph(rule: Omit<Rule, 'check' | 'reads' | 'paragraphs'> & { paragraphs: ParagraphCheck }): Rule {
  const { paragraphs } = rule;
  return {
    ...rule,
    reads: 'paragraph',
    check(ctx: RuleContext): void {
      paragraphs.checkFirst?.(ctx);
      for (const block of blocksFor(paragraphs, ctx.plan)) paragraphs.checkBlock(ctx, block);
    },
  };
}

/** The rules' patterns are built on first use (core/first-use.ts): the server's main thread never runs a rule. */
export { onFirstUse } from '../first-use';
