// Runs the rules over a plan and turns their reports into findings in the drafter's language.

import { DatedView, undatedView, viewOfPlan } from './data/as-of';
import { KnowledgeBase, VariantSpec } from './data/types';
import { boundText, compareFindings, compareMovedFindings, Finding, Fix, formatMessage, HeldFindings, heldFindings, Lang, Level, Localized, makeFinding, Mode, Severity, shiftedFinding, TextEdit } from './findings';
import { MAX_FINDINGS_PER_RULE, MAX_MESSAGE_CHARS } from './limits';
import { Block, PlanModel } from './model';
import { parsePlan, PlanSyntax } from './document/parse';
import { ALL_RULES } from './rules/index';
import { planInternalError } from './rules/plan/internal-error';
import { planTooLarge } from './rules/plan/too-large';
import { blocksFor, levelFor, Report, Rule, RuleContext } from './rules/rule';
import { BlockFindings, CheckSession, findingWithin, KeyedFindings, notableResult } from './incremental';
import { composedText } from './text/composed';
import { listOfLength } from './document/parse-memory';
import { decideVariant, VariantDecision } from './template/variant';

export interface CheckOptions {
  mode?: Mode;
  lang?: Lang;
  /** Per-rule level overrides, 'off' included. */
  levels?: Readonly<Record<string, Level>>;
  /** The rules to run; all registered rules by default. */
  rules?: readonly Rule[];
  /**
   * Findings listed per rule; the rest are counted in one more finding of the rule. Defaults to
   * MAX_FINDINGS_PER_RULE; fix loops ask for MAX_FIXES_PER_RULE.
   */
  maxFindingsPerRule?: number;
  /**
   * Called before each rule runs, with its id: the language server's worker notes it, so that a
   * rule running too long can be named when the check is stopped.
   */
  beforeRule?: (ruleId: string) => void;
  /**
   * Today (yyyy-mm-dd): a plan with no date yet is checked as of this day. The command line and
   * the server pass the real date, tests a fixed one; without it, such a plan is checked against
   * the newest facts and nothing is judged by its date.
   */
  today?: string;
  /**
   * The memory of the previous checks of this document (the language server's worker keeps one
   * per edited document): the paragraph rules' findings in the blocks an edit did not touch are
   * taken from it. The findings are the same with or without it.
   */
  session?: CheckSession;
  /**
   * The check is one of a run over many plans (the command line's over a folder): a rule may then
   * make once what pays only over many plans (a pattern of the register's names, some 10-20 ms in
   * a fresh process). Never for one plan, as the server's first check of a plan just opened.
   * The findings are the same with it or without it.
   */
  manyPlans?: boolean;
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

/** The finding that stands for the findings of a rule past the cap. */
const MORE_FINDINGS: Localized = {
  vi: 'Còn {count} phát hiện khác của quy tắc này trong tệp không được liệt kê (chỉ liệt kê {limit} phát hiện đầu tiên); sửa các lỗi trên rồi kiểm tra lại để thấy tiếp.',
  en: '{count} more findings of this rule in this file are not listed (only the first {limit} are); fix those above and check again to see the rest.',
};

/**
 * True when some rule of these findings reached the listing cap: a fix loop must then check again
 * with MAX_FIXES_PER_RULE rather than reuse them, or it would fix only the listed ones.
 */
export function reachedFindingCap(findings: readonly Finding[], cap = MAX_FINDINGS_PER_RULE): boolean {
  const perRule = new Map<string, number>();
  for (const f of findings) {
    const n = (perRule.get(f.ruleId) ?? 0) + 1;
    if (n > cap) return true;
    perRule.set(f.ruleId, n);
  }
  return false;
}

/** Parses and checks one document. Files that are not plans give no findings. */
export function checkText(uri: string, text: string, kb: KnowledgeBase, options: CheckOptions = {}, syntax?: PlanSyntax): CheckResult {
  const plan = parsePlan(uri, text, syntax);
  return { plan, findings: checkPlan(plan, kb, options) };
}

export function checkPlan(plan: PlanModel, kb: KnowledgeBase, options: CheckOptions = {}): Finding[] {
  return heldFindings(checkPlanHeld(plan, kb, options));
}

/**
 * The findings of `checkPlan` as the objects they were made from and their shifts: with a session,
 * a kept finding of a block the edit moved is its object of the last check and how far its block
 * moved, not a moved copy (the language server's worker sends them so, node/findings-delta.ts).
 */
export function checkPlanHeld(plan: PlanModel, kb: KnowledgeBase, options: CheckOptions = {}): HeldFindings {
  const steps = heldSteps(plan, kb, options);
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
  return [makeFinding(INTERNAL_ERROR_RULE, level, message, 0, 0)];
}

/**
 * The finding left when a check had to be stopped (the language server runs checks where it can
 * stop them): on the rule that ran too long, or on the whole check when no rule was running yet.
 */
export function stoppedFinding(ruleId: string | undefined, seconds: number, options: Pick<CheckOptions, 'mode' | 'lang' | 'levels'> = {}): Finding | undefined {
  const level = levelFor(planInternalError, options.mode ?? 'drafting', options.levels);
  if (level === 'off') return undefined;
  const template = planInternalError.messages[ruleId ? 'timeout' : 'stopped'];
  return makeFinding(INTERNAL_ERROR_RULE, level, formatMessage(localize(template, options.lang ?? 'vi'), { rule: ruleId ?? '', seconds }), 0, 0);
}

/**
 * The check as a sequence of steps, one per rule, returning the findings: a caller that must stay
 * responsive (the language server) can pause or give up between two rules; `checkPlan` runs it
 * through. A rule that throws is reported once (plan.internal-error) and its own findings are
 * dropped; every other rule's findings stay.
 */
export function* checkSteps(plan: PlanModel, kb: KnowledgeBase, options: CheckOptions = {}): Generator<string, Finding[], void> {
  return heldFindings(yield* heldSteps(plan, kb, options));
}

/** The steps of `checkSteps`, returning the findings as `checkPlanHeld` does. */
function* heldSteps(plan: PlanModel, kb: KnowledgeBase, options: CheckOptions = {}): Generator<string, HeldFindings, void> {
  if (!plan.isPlan) return { objects: [], shifts: undefined };
  const mode = options.mode ?? 'drafting';
  const lang = options.lang ?? 'vi';
  let rules = options.rules ?? ALL_RULES;
  // An oversized plan was not parsed: only the rule that says so runs.
  if (plan.tooLarge) rules = rules.filter((r) => r.id === TOO_LARGE_RULE);
  const internalLevel = levelFor(planInternalError, mode, options.levels);
  // Decomposed Vietnamese (NFD) would mislead rules that look for words and dates: they read a
  // composed copy of the plan, and their offsets are mapped back to the text as written.
  // A Markdown plan's memory is used; a YAML plan is its metadata, so any edit may change anything.
  const session = plan.tooLarge || plan.format !== 'markdown' ? undefined : options.session;
  if (options.session && !session) options.session.reset();
  // A check with a session lists about what the last one did: the list is made at that number and
  // written by index (past it, it grows), then cut to what was written, rather than grown by push
  // from empty (some 2,700 findings a keystroke on 20,000 lines, and each growth a copy).
  const findings: Finding[] = session && session.listedFindings > 0 ? listOfLength(session.listedFindings) : [];
  // With a session, how far each finding is moved from its object (HeldFindings): written beside
  // `findings` by index, a kept finding's object listed with its shift rather than copied moved.
  let moves: Int32Array | undefined = session ? new Int32Array(Math.max(session.listedFindings, 64)) : undefined;
  let anyMoved = false;
  let count = 0;
  const add = (f: Finding): void => {
    if (moves !== undefined) moved(0);
    findings[count++] = f;
  };
  /** Writes the shift of the finding listed next, the list of shifts grown to twice when full. */
  const moved = (shift: number): void => {
    if (count >= moves!.length) {
      const grown = new Int32Array(moves!.length * 2);
      grown.set(moves!);
      moves = grown;
    }
    moves![count] = shift;
  };
  // The whole text is composed only when the change since the last check may have changed that.
  const composed = plan.tooLarge || session?.composedAfterChange(plan.source) ? undefined : composedText(plan.text);
  const view = composed ? { plan: parsePlan(plan.uri, composed.text, plan.format), toSource: composed.toSource } : undefined;
  const read = view?.plan ?? plan;
  let decision: VariantDecision = { id: undefined, source: 'unknown' };
  let variant: VariantSpec | undefined;
  let templateFailed = false;
  // Every rule reads the knowledge as of the plan's date (or today) and level: one view for all.
  let dated: DatedView;
  try {
    dated = viewOfPlan(read, kb, options.today);
    decision = decideVariant(read, dated.kb.template);
    variant = dated.variant(decision.id);
  } catch (err) {
    // A template that cannot be read: said once; the rules that need no template still run.
    dated = undatedView(kb);
    templateFailed = true;
    decision = { id: undefined, source: 'unknown' };
    variant = undefined;
    internalError('variant', { err }, lang, internalLevel).forEach(add);
  }
  const caches = new Map<PlanModel, Map<unknown, unknown>>([
    [plan, new Map()],
    [read, new Map()],
  ]);
  const length = plan.source.length;

  const cap = options.maxFindingsPerRule ?? MAX_FINDINGS_PER_RULE;
  // Everything a paragraph rule may read besides its block: when any of it changed, nothing is reused.
  const context = session
    ? JSON.stringify([mode, lang, options.levels ?? {}, options.today ?? '', cap, decision.id ?? '', decision.source, templateFailed])
    : '';
  // The front matter as written, compared apart (CheckSession.begin).
  const frontMatter = session && plan.metaSpan ? plan.source.slice(plan.metaSpan.start, plan.metaSpan.end) : '';
  const begun = session?.begin(plan.source, context, kb, composed === undefined, plan.lines, frontMatter);
  const reuse = begun?.reuse;
  // What the rule being run has made so far: the contexts below report into it. The contexts are
  // made once per check, not once per rule (a context and its functions for each of the 38 rules
  // were some 17 KB of garbage per plan); a rule sees no difference, since each field a context
  // holds is the same for every rule that reads the same plan.
  let rule: Rule = rules[0];
  let level: Exclude<Level, 'off'> = 'error';
  // Past the cap a report is only counted: no finding is built, so a rule that reports every
  // character of a huge paste costs a counter, not memory.
  let listed = 0;
  let hidden = 0;
  let firstHidden: { start: number; end: number; severity: Severity } | undefined;
  /** While a paragraph rule checks one block on its own (checkByBlock), where its reports go. */
  let inBlock: ((severity: Severity, r: Report) => void) | undefined;
  /**
   * The rule's findings by part (RuleContext.keyed): those the last complete check kept, those
   * this check keeps (taken when the rule first asks), and the part whose reports are being made.
   */
  let keyedLast: ReadonlyMap<object, KeyedFindings> | undefined;
  let keyedNext: Map<object, KeyedFindings> | undefined;
  let making: KeyedFindings | undefined;
  const keyed = (key: object, also: unknown, at: number, more?: unknown): boolean => {
    making = undefined;
    if (!keyedNext) ({ last: keyedLast, next: keyedNext } = reuse!.keyed(rule.id));
    // A key met twice in one check (a record two blocks took): reported as usual, not kept.
    if (keyedNext.has(key)) return false;
    const was = keyedLast?.get(key);
    if (was !== undefined && was.also === also && was.more === more) {
      keyedNext.set(key, was);
      const shift = at - was.at;
      const found = was.findings;
      for (let i = 0; i < found.length; i++) list(found[i], shift);
      return true;
    }
    making = { also, more, at, findings: [] };
    keyedNext.set(key, making);
    return false;
  };
  /** The context of the rules that read `own`, made when the first such rule runs. */
  const contextFor = (own: PlanModel): RuleContext => {
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
      manyPlans: options.manyPlans === true,
      shared<T>(compute: (c: RuleContext) => T): T {
        if (!cache.has(compute)) cache.set(compute, compute(ctx));
        return cache.get(compute) as T;
      },
      // Reuse is given only for a plan that needs no composed copy: every rule then reads the same plan.
      ...(reuse ? { analysisMemory: <T>(key: string) => reuse.analysis<T>(key), keyed } : {}),
      report(r: Report): void {
        const severity = r.severity && options.levels?.[rule.id] === undefined ? r.severity[mode] : level;
        if (severity === 'off') return;
        if (inBlock) {
          inBlock(severity, r);
          return;
        }
        if (making) {
          // Kept under the part's key as made, and listed as a kept finding is (under the cap).
          const f = toFinding(rule, severity, r, lang, length);
          making.findings.push(f);
          list(f, 0);
          return;
        }
        if (listed >= cap) {
          if (hidden++ === 0) {
            const start = clampOffset(mapped ? mapped(r.start) : r.start, length);
            firstHidden = { start, end: Math.max(start, clampOffset(mapped ? mapped(r.end) : r.end, length)), severity };
          }
          return;
        }
        listed++;
        add(toFinding(rule, severity, mapped ? mapReport(r, mapped) : r, lang, length));
      },
    };
    return ctx;
  };
  let sourceContext: RuleContext | undefined;
  let readContext: RuleContext | undefined;
  /**
   * Lists a finding of the rule made before (in a block of a previous version, `shift`
   * characters further on now) or just now, under the cap: moved only when listed.
   */
  const list = (f: Finding, shift: number): void => {
    if (listed >= cap) {
      if (hidden++ === 0) firstHidden = { start: f.start + shift, end: f.end + shift, severity: f.severity };
      return;
    }
    listed++;
    if (moves === undefined || shift === 0) {
      add(shiftedFinding(f, shift));
      return;
    }
    anyMoved = true;
    moved(shift);
    findings[count++] = f;
  };
  /**
   * What the paragraph rule being run reports in `block`, checked on its own. A function of its
   * own rather than the body of the loop over the blocks: the closure that takes the reports holds
   * the block, and a block captured in the loop's body gave every visited block, kept or not, a
   * context object of its own (some 0.4 MB a keystroke on 20,000 lines one paragraph per line).
   */
  const checkBlock = (paragraphs: NonNullable<Rule['paragraphs']>, ctx: RuleContext, block: Block): BlockFindings => {
    const fresh: BlockFindings = { findings: [], more: 0, reusable: true, at: block.span.start };
    inBlock = (severity, r) => {
      if (fresh.findings.length < cap) {
        const f = toFinding(rule, severity, r, lang, length);
        if (fresh.reusable && !findingWithin(f, block.span.start, block.span.end)) fresh.reusable = false;
        fresh.findings.push(f);
      } else if (fresh.more++ === 0) {
        const start = clampOffset(r.start, length);
        fresh.firstMore = { start, end: Math.max(start, clampOffset(r.end, length)), severity };
        if (!(start >= block.span.start && fresh.firstMore.end <= block.span.end)) fresh.reusable = false;
      }
    };
    try {
      paragraphs.checkBlock(ctx, block);
    } finally {
      inBlock = undefined;
    }
    return fresh;
  };
  for (const current of rules) {
    const currentLevel = levelFor(current, mode, options.levels);
    if (currentLevel === 'off') continue;
    rule = current;
    level = currentLevel;
    options.beforeRule?.(rule.id);
    const before = count;
    listed = 0;
    hidden = 0;
    firstHidden = undefined;
    inBlock = undefined;
    keyedLast = undefined;
    keyedNext = undefined;
    making = undefined;
    const own = rule.readsSourceText ? plan : read;
    const ctx = own === plan ? (sourceContext ??= contextFor(plan)) : (readContext ??= contextFor(read));
    try {
      if (rule.paragraphs && reuse) {
        // The rule's first part as usual, then each block: its findings of the last check when
        // the block is the same, else those of checking it now, listed in order under the cap.
        rule.paragraphs.checkFirst?.(ctx);
        // A rule whose blocks' findings read the whole document too says what of it (its key).
        const key = rule.paragraphs.documentKey?.(ctx) ?? '';
        reuse.expect(rule.id, key);
        const blocks = blocksFor(rule.paragraphs, own);
        // Only the blocks to check and those with kept findings are visited (RulePass).
        const { visit, kept } = reuse.passFor(rule.id, blocks);
        // Past the first check the pass visits the last check's notable blocks and the few an edit
        // made: the notable blocks are at most those visited, and most of them. The two lists are
        // then made at that number and cut to what was written, rather than grown by push (some
        // 0.1 MB a keystroke on 20,000 lines one paragraph per line); a pass over every block
        // (the first check) grows them, its notable blocks being few of the blocks.
        const sized = visit.length < blocks.length;
        const notable: number[] = sized ? listOfLength(visit.length) : [];
        const results: BlockFindings[] = sized ? listOfLength(visit.length) : [];
        let n = 0;
        for (let v = 0; v < visit.length; v++) {
          const index = visit[v];
          const block = blocks[index];
          const result = kept[v] ?? checkBlock(rule.paragraphs, ctx, block);
          if (!notableResult(result)) continue;
          notable[n] = index;
          results[n++] = result;
          // Kept findings are read where their block is now (BlockFindings.at).
          const shift = block.span.start - result.at;
          // By index, not `for … of`: in this generator's body V8 made an array iterator for each
          // notable block visited and a result object for each finding listed (0.11 MB a keystroke
          // on 20,000 lines one paragraph per line, where some 2,600 kept findings are listed).
          const found = result.findings;
          for (let i = 0; i < found.length; i++) list(found[i], shift);
          if (result.more > 0) {
            const first = result.firstMore;
            if (hidden === 0) firstHidden = first && shift !== 0 ? { start: first.start + shift, end: first.end + shift, severity: first.severity } : first;
            hidden += result.more;
          }
        }
        notable.length = n;
        results.length = n;
        reuse.keep(rule.id, blocks, notable, results, key);
      } else {
        reuse?.drop(rule.id);
        rule.check(ctx);
      }
    } catch (err) {
      // A rule that fails must not take the other findings with it: its own findings, maybe half
      // made, are dropped, and the failure is said once, at the top.
      count = before;
      hidden = 0;
      reuse?.drop(rule.id);
      internalError('default', { rule: rule.id, err }, lang, internalLevel).forEach(add);
    }
    if (hidden > 0 && firstHidden) {
      add(
        makeFinding(rule.id, firstHidden.severity, formatMessage(localize(MORE_FINDINGS, lang), { count: hidden, limit: cap }), firstHidden.start, firstHidden.end),
      );
    }
    yield rule.id;
  }
  findings.length = count;
  begun?.commit(count);
  return orderedFindings(findings, anyMoved ? moves : undefined);
}

/**
 * A check's findings in the order of `compareFindings`, less repeats (`dedupe`), in place: with
 * shifts (`HeldFindings`, at least as many as the findings), in the order of the findings moved,
 * each shift kept with its finding. Exported for its test.
 */
export function orderedFindings(findings: Finding[], shifts: Int32Array | undefined): HeldFindings {
  if (shifts === undefined) return { objects: dedupe(findings.sort(compareFindings), undefined), shifts: undefined };
  sortMoved(findings, shifts, findings.length);
  return { objects: dedupe(findings, shifts), shifts };
}

/** What `sortMoved` merges into, kept from one check to the next (emptied after each sort). */
let scratchObjects: Finding[] = [];
let scratchShifts: Int32Array = new Int32Array(0);

/**
 * Sorts the first `n` findings with their shifts, both in place, in the order of `compareFindings`
 * of the findings moved; stable, as `Array.prototype.sort`, so that `dedupe` keeps the same first.
 * A merge of the runs already in order (each rule lists its findings mostly in the order of the
 * blocks: some tens of runs) through lists kept between checks, rather than a sort of indices and
 * two lists read from it at every keystroke.
 */
function sortMoved(objects: Finding[], shifts: Int32Array, n: number): void {
  if (n < 2) return;
  // Where each run in order starts, and n at the end.
  const runs: number[] = [0];
  for (let i = 1; i < n; i++) if (compareMovedFindings(objects[i - 1], shifts[i - 1], objects[i], shifts[i]) > 0) runs.push(i);
  if (runs.length === 1) return;
  runs.push(n);
  if (scratchShifts.length < n) {
    scratchObjects = listOfLength(n);
    scratchShifts = new Int32Array(n);
  }
  let fromObjects = objects;
  let fromShifts: Int32Array = shifts;
  let toObjects = scratchObjects;
  let toShifts: Int32Array = scratchShifts;
  while (runs.length > 2) {
    // Each pair of runs merged; a last run left alone is copied as it is.
    let r = 0;
    let w = 0;
    for (; r + 2 < runs.length; r += 2) {
      let a = runs[r];
      const aEnd = runs[r + 1];
      let b = aEnd;
      const bEnd = runs[r + 2];
      let k = a;
      while (a < aEnd && b < bEnd) {
        if (compareMovedFindings(fromObjects[a], fromShifts[a], fromObjects[b], fromShifts[b]) <= 0) {
          toObjects[k] = fromObjects[a];
          toShifts[k++] = fromShifts[a++];
        } else {
          toObjects[k] = fromObjects[b];
          toShifts[k++] = fromShifts[b++];
        }
      }
      for (; a < aEnd; a++, k++) {
        toObjects[k] = fromObjects[a];
        toShifts[k] = fromShifts[a];
      }
      for (; b < bEnd; b++, k++) {
        toObjects[k] = fromObjects[b];
        toShifts[k] = fromShifts[b];
      }
      runs[w++] = runs[r];
    }
    if (r + 1 < runs.length) {
      for (let k = runs[r]; k < runs[r + 1]; k++) {
        toObjects[k] = fromObjects[k];
        toShifts[k] = fromShifts[k];
      }
      runs[w++] = runs[r];
    }
    runs[w++] = n;
    runs.length = w;
    const o = fromObjects;
    const sh = fromShifts;
    fromObjects = toObjects;
    fromShifts = toShifts;
    toObjects = o;
    toShifts = sh;
  }
  if (fromObjects !== objects) {
    for (let k = 0; k < n; k++) {
      objects[k] = fromObjects[k];
      shifts[k] = fromShifts[k];
    }
  }
  // The kept list holds no finding past the sort.
  scratchObjects.fill(undefined as unknown as Finding, 0, n);
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
  // Each quoted value is cut by formatMessage; the whole is cut too, whatever a rule puts in it.
  const message = template ? boundText(formatMessage(localize(template, lang), r.data), MAX_MESSAGE_CHARS) : rule.id;
  const start = clampOffset(r.start, length);
  let fix: Fix | undefined;
  if (r.fix && validEdits(r.fix.edits, length)) {
    const titleTemplate = rule.messages[r.fix.messageId];
    fix = {
      title: titleTemplate ? boundText(formatMessage(localize(titleTemplate, lang), r.fix.data ?? r.data), MAX_MESSAGE_CHARS) : rule.id,
      edits: r.fix.edits,
      kind: rule.fixKind ?? 'mechanical',
    };
  }
  const related = r.related?.length
    ? r.related.map((x) => ({ start: clampOffset(x.start, length), end: clampOffset(x.end, length), message: boundText(localize(x.message, lang), MAX_MESSAGE_CHARS) }))
    : undefined;
  return makeFinding(rule.id, level, message, start, Math.max(start, clampOffset(r.end, length)), fix, related, r.unnecessary ? true : undefined);
}

/**
 * The findings less repeats (the same rule, place and message), the first one kept. They come
 * sorted by place, so a repeat is among the findings at the same place: only those are compared.
 * The list (the check's own) is compacted where it is, not copied: on 20,000 lines one paragraph
 * per line a copy grown by push was 0.07 MB a keystroke, and a repeat comes early there.
 */
function dedupe(findings: Finding[], shifts: Int32Array | undefined): Finding[] {
  /** How many findings are kept, at the front of the list, and where those at the current place begin. */
  let kept = 0;
  let placeStart = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    // With shifts (HeldFindings), a place is a finding's offsets moved by its shift; the shifts
    // are compacted with the findings.
    const shift = shifts === undefined ? 0 : shifts[i];
    const lastShift = shifts === undefined || kept === 0 ? 0 : shifts[kept - 1];
    const last = kept > 0 ? findings[kept - 1] : undefined;
    if (!last || last.start + lastShift !== f.start + shift || last.end + lastShift !== f.end + shift) placeStart = kept;
    else if (repeats(findings, placeStart, kept, f)) continue;
    if (shifts !== undefined) shifts[kept] = shift;
    findings[kept++] = f;
  }
  findings.length = kept;
  return findings;
}

/** Whether a finding of `list` in [from, to) has the rule and message of `f`. */
function repeats(list: readonly Finding[], from: number, to: number, f: Finding): boolean {
  for (let i = from; i < to; i++) if (list[i].ruleId === f.ruleId && list[i].message === f.message) return true;
  return false;
}
