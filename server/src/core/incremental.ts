// What the check of one version of a document leaves for the next: each paragraph rule's findings per block, reused for the blocks an edit did not touch.

import { Finding, Severity } from './findings';
import { Block } from './model';
import { LineIndex } from './text/line-index';
import { ownCopy } from './text/memo';
import type { Text } from './text/piece-text';
import type { MarkdownParseMemory } from './document/markdown';
import { listOfLength, ParseMemory } from './document/parse-memory';
import { blockString, MovedBlock } from './document/moved-block';
import { MARK } from './text/unicode-classes';

/**
 * Where the text changed since the last check: [start, oldEnd) of that text became
 * [start, newEnd) of the text now. Everything before `start` is the same, everything from
 * `oldEnd` on is the same, moved by `newEnd - oldEnd`.
 */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * One more edit ([start, end) of the current text replaced by `inserted` characters) composed
 * onto the change so far: the smallest range that covers both.
 */
export function composeChange(change: TextChange | undefined, start: number, end: number, inserted: number): TextChange {
  if (!change) return { start, oldEnd: end, newEnd: start + inserted };
  const delta = change.newEnd - change.oldEnd;
  const from = Math.min(change.start, start);
  const to = Math.max(change.newEnd, end);
  return { start: from, oldEnd: to - delta, newEnd: to + inserted - (end - start) };
}

/** A finding past the listing cap of its rule: only where the first one was and its level are kept. */
export interface HiddenFinding {
  start: number;
  end: number;
  severity: Severity;
}

/**
 * What a paragraph rule reported in one block: the first findings (up to the rule's listing cap),
 * how many more there were and where the first of those was.
 */
export interface BlockFindings {
  /** As they were made: each lies as far from `at` as it lies from its block's start now (see `shiftedFinding` in findings.ts). */
  findings: Finding[];
  more: number;
  /** Read from its block's start as `findings` are, too. */
  firstMore?: HiddenFinding;
  /** False when something reported lies outside the block: it is then checked again every time. */
  reusable: boolean;
  /**
   * Where the block started when the findings were made: they lie `block.span.start - at`
   * characters further on now. Kept relative to their block, a result is the same object from one
   * version to the next however far edits move its block, and the findings are not copied to
   * their new place at every keystroke: only those listed under the rule's cap are
   * (`shiftedFinding`), and those past it are only counted.
   */
  at: number;
}

/**
 * One rule's results on the blocks of the checked version, kept for its notable blocks only (those
 * with findings, or whose findings cannot be reused): every other block of `blocks` had none.
 */
interface RuleMemory {
  blocks: readonly Block[];
  /** The indices in `blocks` of the notable blocks, ascending. */
  notable: readonly number[];
  /** The result of each notable block, in the order of `notable`. */
  results: readonly BlockFindings[];
  /** What the rule read of the whole document for its blocks' findings (ParagraphCheck.documentKey). */
  key: string;
}

/**
 * What a whole-document rule reported of one part of the document (RuleContext.keyed): the
 * findings as they were made, where that part started then (`at`), and what else they depended on
 * (`also` and `more`, compared by identity).
 */
export interface KeyedFindings {
  also: unknown;
  more: unknown;
  at: number;
  findings: Finding[];
}

/** A block's result worth keeping: it has findings, or it must be checked again next time. */
export function notableResult(result: BlockFindings): boolean {
  return result.findings.length > 0 || result.more > 0 || !result.reusable;
}

/**
 * The blocks a paragraph rule's pass must visit, in order: the blocks to check (no kept result)
 * and the blocks whose kept findings are listed. A block not visited had no findings at the last
 * check and is the same block: it has none now. So a keystroke costs the touched blocks and the
 * blocks with findings, not a walk of every block per rule.
 */
export interface RulePass {
  // After an edit both lists are the session's own for the rule, written again at its next pass: read them before.
  /** Indices in the list of blocks the rule reads now, ascending. */
  visit: readonly number[];
  /** For each visited block, its findings of the last check (read from where it is now, BlockFindings.at), or undefined: check it. */
  kept: ReadonlyArray<BlockFindings | undefined>;
}

/** How the blocks of one of this version's lists correspond with those of a list of the last version's. */
interface Correspondence {
  blocks: readonly Block[];
  /** For each block of this version's list, the index of the same block in the last one's, or -1. */
  was: Int32Array;
  /** For each block of the last version's list, the index of the same block in this one's, or -1. */
  becomes: Int32Array;
  /** The indices of this version's blocks that were not in the last version's list (to check), ascending. */
  unmatched: readonly number[];
}

/** The index of each block of a list by its start offset, made once per list (the paragraph rules share one). */
const startsOfList = new WeakMap<readonly Block[], Map<number, number>>();

function indexByStart(blocks: readonly Block[], start: number): number | undefined {
  let byStart = startsOfList.get(blocks);
  if (!byStart) {
    byStart = new Map();
    for (let i = 0; i < blocks.length; i++) byStart.set(blocks[i].span.start, i);
    startsOfList.set(blocks, byStart);
  }
  return byStart.get(start);
}

/** The part of a check of the previous version that can be reused now (see CheckSession.begin). */
export interface Reuse {
  /**
   * The pass of a paragraph rule over the blocks it reads now (`blocks`): which to check, and the
   * kept findings of the others that have any, read from where their blocks are now (see RulePass).
   */
  passFor(ruleId: string, blocks: readonly Block[]): RulePass;
  /**
   * The rule's findings in a block depend on `key` too (what it read of the whole document): when
   * the last check's key differs, none of its blocks' findings is reused.
   */
  expect(ruleId: string, key: string): void;
  /**
   * Keeps what a rule found in the blocks of this version (with the key it expected), for the next
   * check: the result of each notable block (`notableResult`), by its index in `blocks`, ascending.
   */
  keep(ruleId: string, blocks: readonly Block[], notable: readonly number[], results: readonly BlockFindings[], key?: string): void;
  /** A rule failed or was not run: nothing of it is reused next time. */
  drop(ruleId: string): void;
  /** What a document analysis may take from its run on the last version (see AnalysisMemory). */
  analysis<T>(key: string): AnalysisMemory<T>;
  /**
   * A whole-document rule's findings by part (RuleContext.keyed): those the last complete check
   * kept (`last`, when it can be reused) and the map this check keeps for the next (`next`).
   */
  keyed(ruleId: string): { last: ReadonlyMap<object, KeyedFindings> | undefined; next: Map<object, KeyedFindings> };
}

/**
 * The memory of a document's checks, kept by whoever checks its versions one after the other (the
 * language server's worker). It is told how the text changed since the last check (`edited`) or
 * that it cannot tell (`reset`); a check then reuses, for each paragraph rule, the findings of the
 * blocks that lie wholly outside the change and whose text, kind and place are the same. What a
 * check keeps is committed only when it completes, so a check stopped half-way leaves the memory
 * of the last complete one, and the change since then keeps growing. The findings are the same as
 * a check from scratch: the fuzz test (test/unit/incremental.test.ts) compares them after every edit.
 */
export class CheckSession {
  /** Everything the paragraph rules may read besides their block, as of the last check. */
  private context: string | undefined;
  /**
   * The plan's front matter as written, part of the context: compared apart from the rest, which
   * is short, rather than written into its string at every check (some 1,300 characters of
   * two-byte text a keystroke on the bench's plans). A copy of its own (`ownCopy`).
   */
  private frontMatter: string | undefined;
  private knowledge: object | undefined;
  private length = -1;
  private memory = new Map<string, RuleMemory>();
  /** What each document analysis kept at the last check (see AnalysisMemory). */
  private analyses = new Map<string, unknown>();
  /**
   * Each paragraph rule's two lists of its pass (RulePass), written again at its next pass: read
   * only during the pass that made them, they need not be new lists at each check (two lists of
   * about the rule's notable blocks for each paragraph rule at each keystroke).
   */
  private passLists = new Map<string, { visit: number[]; kept: Array<BlockFindings | undefined> }>();
  /** What each whole-document rule kept by part at the last check (see RuleContext.keyed). */
  private keyedMemory = new Map<string, Map<object, KeyedFindings>>();
  private change: TextChange | undefined;
  /** Whether the text of the last check was NFC; undefined when not known. */
  private composed: boolean | undefined;
  private lines: LineIndex | undefined;
  /** How many blocks' findings the last check took from the one before (for tests and measurements). */
  reusedBlocks = 0;
  /** How many blocks the paragraph rules' passes visited at the last check, all rules together (for tests and measurements). */
  visitedBlocks = 0;
  /** How many findings the last complete check listed, before repeats were dropped: the next check's list is made at that number. */
  listedFindings = 0;
  /** What the last complete check kept of a paragraph rule: its notable blocks and their results (for tests). */
  keptFindings(ruleId: string): { blocks: readonly Block[]; notable: readonly number[]; results: readonly BlockFindings[] } | undefined {
    return this.memory.get(ruleId);
  }
  /** What a document analysis kept at the last complete check (for tests and measurements). */
  keptAnalysis(key: string): unknown {
    return this.analyses.get(key);
  }
  /**
   * The memory of the document's last parse, given to parsePlan. It follows the same edits but
   * has its own base: a check stopped half-way was parsed all the same.
   */
  readonly parse: MarkdownParseMemory = new ParseMemory();

  /** The text changed: [start, end) of the text as it was just before this edit became `inserted` characters. */
  edited(start: number, end: number, inserted: number): void {
    this.parse.edited(start, end, inserted);
    if (this.length < 0) return;
    this.change = composeChange(this.change, start, end, inserted);
  }

  /** The text changed in a way not told: the next check reuses nothing. */
  reset(): void {
    this.parse.reset();
    this.length = -1;
    this.context = undefined;
    this.frontMatter = undefined;
    this.knowledge = undefined;
    this.memory = new Map();
    this.analyses = new Map();
    this.keyedMemory = new Map();
    this.passLists = new Map();
    this.change = undefined;
    this.composed = undefined;
    this.lines = undefined;
  }

  /** The change since the last check, when it is known and agrees with the length of `text`. */
  changeFor(text: Text): TextChange | undefined {
    if (this.length < 0) return undefined;
    const change = this.change ?? { start: 0, oldEnd: 0, newEnd: 0 };
    return this.length + change.newEnd - change.oldEnd === text.length ? change : undefined;
  }

  /**
   * Whether `text` is NFC when that can be told from the last check and the change alone (the
   * composed text was NFC, and nothing around the change can compose); undefined otherwise.
   */
  composedAfterChange(text: Text): boolean | undefined {
    const change = this.changeFor(text);
    if (!change || this.composed !== true) return undefined;
    return nothingComposesAround(text, change.start, change.newEnd) ? true : undefined;
  }

  /** The line index of `text`, from the last one and the change when they are known. */
  lineIndex(text: Text): LineIndex {
    const change = this.changeFor(text);
    if (change && this.lines) {
      const edited = this.lines.edited(text, change.start, change.oldEnd, change.newEnd);
      if (edited) return edited;
    }
    return new LineIndex(text);
  }

  /**
   * Starts the check of `text` whose context (settings, data, metadata, variant) is `context` and
   * `frontMatter` (the front matter's text):
   * what can be reused from the last check, and `commit` to call once the check is complete (with
   * the number of findings it listed).
   */
  begin(text: Text, context: string, knowledge: object, composed: boolean, lines: LineIndex | undefined, frontMatter = ''): { reuse: Reuse | undefined; commit(listed: number): void } {
    const change = this.changeFor(text);
    const sameFrontMatter = this.frontMatter === frontMatter;
    const reusable = !!change && composed && this.composed === true && this.context === context && sameFrontMatter && this.knowledge === knowledge;
    // A copy: a rule whose key changed is forgotten here, not in the memory of the last complete check.
    const previous = reusable ? new Map(this.memory) : new Map<string, RuleMemory>();
    const next = new Map<string, RuleMemory>();
    const keyedLast = reusable ? this.keyedMemory : undefined;
    const keyedNext = new Map<string, Map<object, KeyedFindings>>();
    const delta = change ? change.newEnd - change.oldEnd : 0;
    let reused = 0;
    let visited = 0;
    /**
     * The index in `blocks` (a list of the last version's) of the block that `block`, the
     * `index`-th of the `count` blocks of this version's list, was: when it lies wholly outside
     * the change and is the same block, moved by the change.
     */
    const sameAs = (blocks: readonly Block[], block: Block, index: number, count: number): number | undefined => {
      if (!change) return undefined;
      const { start, end } = block.span;
      let oldStart: number;
      let oldIndex: number | undefined;
      // The blocks before the change keep their index; those after it move by the number of
      // blocks the change added or removed. Anything else is looked up by its start.
      if (end <= change.start) {
        oldStart = start;
        oldIndex = index;
      } else if (start >= change.newEnd) {
        oldStart = start - delta;
        oldIndex = index + blocks.length - count;
      } else return undefined;
      if (blocks[oldIndex]?.span.start !== oldStart) oldIndex = indexByStart(blocks, oldStart);
      if (oldIndex === undefined) return undefined;
      const old = blocks[oldIndex];
      // The parser gives the blocks of the pieces before the change again as the same objects;
      // a moved block shares its text's string with the block it was, so the comparison is short.
      if (old === block) return oldIndex;
      if (sameOrigin(old, block)) return oldIndex;
      return sameBlock(old, block, oldStart) ? oldIndex : undefined;
    };
    /**
     * For a list of the last version's blocks and one of this version's, how their blocks
     * correspond (see Correspondence), made once: the paragraph rules read the same lists.
     */
    const correspondences = new Map<readonly Block[], Correspondence>();
    const correspond = (old: readonly Block[], blocks: readonly Block[]): Correspondence => {
      const known = correspondences.get(old);
      if (known?.blocks === blocks) return known;
      const was = new Int32Array(blocks.length);
      const becomes = new Int32Array(old.length).fill(-1);
      const unmatched: number[] = [];
      for (let i = 0; i < blocks.length; i++) {
        const oldIndex = sameAs(old, blocks[i], i, blocks.length) ?? -1;
        was[i] = oldIndex;
        // A block of the last version is taken by one block of this one at most (the first).
        if (oldIndex < 0 || becomes[oldIndex] >= 0) unmatched.push(i);
        else becomes[oldIndex] = i;
      }
      const made = { blocks, was, becomes, unmatched };
      correspondences.set(old, made);
      return made;
    };
    const correspondence = (old: readonly Block[], blocks: readonly Block[]): Int32Array => correspond(old, blocks).was;
    const analyses = new Map<string, unknown>();
    const reuse: Reuse = {
      passFor: (ruleId, blocks) => {
        const memory = previous.get(ruleId);
        if (!memory || !change) {
          visited += blocks.length;
          return everyBlock(blocks.length);
        }
        const { becomes, unmatched } = correspond(memory.blocks, blocks);
        const { notable, results } = memory;
        // Every block that was the same block is reused, less those whose findings cannot be.
        reused += blocks.length - unmatched.length;
        // The notable blocks of the last check that are still there, where they are now, merged
        // with the blocks to check as they are found: written by index into the pass's two lists,
        // made at the most they can hold and cut to what was written. Not two lists of the kept
        // blocks first and then the pass merged from them (four lists for each paragraph rule at
        // each keystroke, some 0.05 MB of them on 20,000 lines one paragraph per line).
        const most = notable.length + unmatched.length;
        // The rule's lists of its last pass, written again (see passLists); made at the most they
        // can hold the first time.
        let lists = this.passLists.get(ruleId);
        if (!lists) this.passLists.set(ruleId, (lists = { visit: listOfLength<number>(most), kept: listOfLength<BlockFindings | undefined>(most) }));
        const { visit, kept } = lists;
        visit.length = most;
        kept.length = most;
        let n = 0;
        let u = 0;
        let unreusable = 0;
        let lastKept = -1;
        for (let k = 0; k < notable.length; k++) {
          const index = becomes[notable[k]];
          if (index < 0) continue;
          // The blocks keep their order from one version to the next, so the kept blocks ascend;
          // were they ever not to, the pass is made by sorting them (passBySort) rather than trusted.
          if (index <= lastKept) {
            const sorted = passBySort(notable, results, becomes, unmatched);
            reused -= sorted.unreusable;
            visited += sorted.pass.visit.length;
            return sorted.pass;
          }
          lastKept = index;
          while (u < unmatched.length && unmatched[u] < index) {
            visit[n] = unmatched[u++];
            kept[n++] = undefined;
          }
          const result = results[k];
          if (!result.reusable) unreusable++;
          visit[n] = index;
          // The same object however far the block moved: its findings are read from its start (BlockFindings.at).
          kept[n++] = result.reusable ? result : undefined;
        }
        while (u < unmatched.length) {
          visit[n] = unmatched[u++];
          kept[n++] = undefined;
        }
        visit.length = n;
        kept.length = n;
        reused -= unreusable;
        visited += n;
        return { visit, kept };
      },
      expect: (ruleId, key) => {
        if (previous.get(ruleId)?.key !== key) previous.delete(ruleId);
      },
      keep: (ruleId, blocks, notable, results, key = '') => {
        next.set(ruleId, { blocks, notable, results, key });
      },
      drop: (ruleId) => {
        next.delete(ruleId);
        keyedNext.delete(ruleId);
      },
      keyed: (ruleId) => {
        let made = keyedNext.get(ruleId);
        if (!made) keyedNext.set(ruleId, (made = new Map()));
        return { last: keyedLast?.get(ruleId), next: made };
      },
      analysis: <T>(key: string): AnalysisMemory<T> => ({
        last: reusable ? (this.analyses.get(key) as T | undefined) : undefined,
        sameBlock: sameAs,
        correspondence,
        keep: (value) => {
          analyses.set(key, value);
        },
      }),
    };
    return {
      reuse: composed ? reuse : undefined,
      commit: (listed) => {
        this.listedFindings = listed;
        this.memory = next;
        this.analyses = analyses;
        this.keyedMemory = keyedNext;
        this.context = context;
        // A slice of the version's text would keep the text it was cut from.
        if (!sameFrontMatter) this.frontMatter = ownCopy(frontMatter);
        this.knowledge = knowledge;
        this.length = text.length;
        this.change = undefined;
        this.composed = composed;
        this.lines = lines;
        this.reusedBlocks = reused;
        this.visitedBlocks = visited;
      },
    };
  }
}

/** The pass of a rule with nothing kept: every block is checked. */
function everyBlock(count: number): RulePass {
  const visit = new Array<number>(count);
  for (let i = 0; i < count; i++) visit[i] = i;
  return { visit, kept: new Array<BlockFindings | undefined>(count).fill(undefined) };
}

/**
 * The pass of a rule whose kept notable blocks do not ascend where they are now (the blocks keep
 * their order from one version to the next, so this is never expected): the notable blocks still
 * there (`becomes` of each, with their results), sorted, merged with the blocks to check
 * (`unmatched`, ascending); and how many of the kept results cannot be reused.
 */
function passBySort(notable: readonly number[], results: readonly BlockFindings[], becomes: Int32Array, unmatched: readonly number[]): { pass: RulePass; unreusable: number } {
  const keptAt: number[] = [];
  const kept: Array<BlockFindings | undefined> = [];
  let unreusable = 0;
  for (let k = 0; k < notable.length; k++) {
    const index = becomes[notable[k]];
    if (index < 0) continue;
    const result = results[k];
    if (!result.reusable) unreusable++;
    keptAt.push(index);
    kept.push(result.reusable ? result : undefined);
  }
  return { pass: mergePasses(unmatched, keptAt, kept), unreusable };
}

/**
 * The blocks to check (`unmatched`, ascending) and the kept notable blocks (`keptAt`, with their
 * results), merged in the order of the blocks.
 */
function mergePasses(unmatched: readonly number[], keptAt: number[], kept: Array<BlockFindings | undefined>): RulePass {
  // Sorted when they do not ascend (see passBySort).
  if (!ascending(keptAt)) {
    const order = keptAt.map((_, k) => k).sort((a, b) => keptAt[a] - keptAt[b]);
    keptAt = order.map((k) => keptAt[k]);
    kept = order.map((k) => kept[k]);
  }
  // Made at their length (every rule's pass, each as long as the blocks it visits), not grown by push.
  const visit = new Array<number>(unmatched.length + keptAt.length);
  const results = new Array<BlockFindings | undefined>(visit.length);
  let u = 0;
  let k = 0;
  for (let at = 0; at < visit.length; at++) {
    if (k >= keptAt.length || (u < unmatched.length && unmatched[u] < keptAt[k])) {
      visit[at] = unmatched[u++];
      results[at] = undefined;
    } else {
      visit[at] = keptAt[k];
      results[at] = kept[k++];
    }
  }
  return { visit, kept: results };
}

function ascending(list: readonly number[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i] <= list[i - 1]) return false;
  return true;
}

/**
 * Whether `block` is a move of `old`, its start already found to be where `old` moved to: both
 * made from one origin (`old` itself, or the origin `old` was moved from), whose kind, region,
 * extent and text they both read, so that `sameBlock` would find them the same. Asked before
 * `sameBlock`, whose reads of the kind, region, key, span and string of blocks of many shapes,
 * moved blocks' getters among them, were about a fifth of a keystroke's citation analysis on
 * 20,000 lines one paragraph per line (every block after the edit is a moved block). A moved
 * block has no key: a plain `old` with one is left to `sameBlock`.
 */
function sameOrigin(old: Block, block: Block): boolean {
  if (!(block instanceof MovedBlock)) return false;
  const origin = block.origin;
  return old instanceof MovedBlock ? old.origin === origin : old === origin && old.metaKey === undefined;
}

/** The same block at another place: same kind, region and key, same extent and the same text. */
function sameBlock(old: Block, block: Block, oldStart: number): boolean {
  return (
    old.span.start === oldStart &&
    old.span.end - old.span.start === block.span.end - block.span.start &&
    old.kind === block.kind &&
    old.region === block.region &&
    old.metaKey === block.metaKey &&
    blockString(old) === blockString(block)
  );
}

/** True when every offset of a finding lies inside the span [start, end]. */
export function findingWithin(f: Finding, start: number, end: number): boolean {
  const inside = (a: number, b: number): boolean => a >= start && b <= end;
  if (!inside(f.start, f.end)) return false;
  if (f.fix && !f.fix.edits.every((e) => inside(e.start, e.end))) return false;
  if (f.related && !f.related.every((r) => inside(r.start, r.end))) return false;
  return true;
}

/**
 * Combining marks and Hangul jamo are what NFC joins to the character before them. When none is
 * near the change (two code units on each side, so that a surrogate pair is seen whole) and the
 * inserted text is NFC itself, a text that was NFC before the change still is.
 */
const COMPOSING = new RegExp(`[${MARK}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]`, 'u');

function nothingComposesAround(text: Text, start: number, newEnd: number): boolean {
  const window = text.slice(Math.max(0, start - 2), Math.min(text.length, newEnd + 2));
  return !COMPOSING.test(window) && window.normalize('NFC') === window;
}

// ---------------------------------------------------------------------------------------------
// Document analyses kept from one version to the next. An analysis that reads every block in
// order (the citations: the first full mention of a document, then the short ones) keeps what it
// made of each block on its own, and after an edit takes that again for the blocks the edit did
// not touch, moved to where they are now; only its pass in order runs over the whole document.

/** What a document analysis may take from its run on the last version checked (Reuse.analysis). */
export interface AnalysisMemory<T> {
  /**
   * What the analysis kept at the last complete check; undefined when nothing may be reused (the
   * first check, a change not told, other settings, data, metadata or variant, decomposed letters).
   */
  readonly last: T | undefined;
  /**
   * The index in `blocks` (a list of blocks of the last version, kept in `last`) of the block
   * that `block`, the `index`-th of the `count` blocks of this version's list, was: when it lies
   * wholly outside the change and has the same kind, region, extent and text. Its place may have
   * moved by the length the change added or removed.
   */
  sameBlock(blocks: readonly Block[], block: Block, index: number, count: number): number | undefined;
  /**
   * For each block of `now` (a list of this version's), the index in `blocks` (a list of the last
   * version's, kept in `last`) of the block it was, as `sameBlock` finds it, or -1: made once per
   * pair of lists and shared with the paragraph rules, so that an analysis that reads every block
   * takes what it kept of the untouched ones by an array read.
   */
  correspondence(blocks: readonly Block[], now: readonly Block[]): Int32Array;
  /** What this version's analysis leaves for the next check; committed when the check completes. */
  keep(value: T): void;
}
