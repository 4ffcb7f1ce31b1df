// Matches a plan against its template: which slot each section fills, which task group each subsection covers, which assignments the implementation section makes.

import { Assignment, KindSpec, SectionForm, SectionShape, SectionSlot, TaskGroup, Template, VariantSpec } from '../data/types';
import { compilePattern, testPattern } from '../data/pattern';
import { Block, PlanModel, Section, sectionBlocks } from '../model';
import { MappedText, Span } from '../text/mapped-text';
import { fold, foldHeading } from '../text/normalize';
import { ParagraphFolds } from '../text/paragraph-fold';

// ---------------------------------------------------------------------------------------------
// Cue sets

type CueSets = readonly (readonly string[])[];

/**
 * The cue sets with every phrase folded, made once per list: the template's lists are matched
 * against every heading of every plan, and folding each phrase again (a lookup in the table of
 * folded short strings) was most of the matcher's time. The data is never changed once loaded.
 */
const foldedCueSets = new WeakMap<CueSets, readonly (readonly string[])[]>();

function foldedCues(cueSets: CueSets): readonly (readonly string[])[] {
  let folded = foldedCueSets.get(cueSets);
  if (!folded) {
    folded = cueSets.map((set) => set.map(fold));
    foldedCueSets.set(cueSets, folded);
  }
  return folded;
}

/** True when the folded text contains every phrase of at least one cue set. */
export function matchesCueSets(foldedText: string, cueSets: CueSets): boolean {
  for (const set of foldedCues(cueSets)) if (set.length > 0 && heldLength(foldedText, set) >= 0) return true;
  return false;
}

/**
 * How strongly a folded text matches cue sets: the folded length of every phrase of every set
 * it satisfies (0 when it satisfies none). Longer and more numerous cues make a more specific match.
 */
export function cueScore(foldedText: string, cueSets: CueSets): number {
  return foldedCueScore(foldedText, foldedCues(cueSets));
}

/** `cueScore` of cue sets already folded (`foldedCues`). */
function foldedCueScore(foldedText: string, folded: readonly (readonly string[])[]): number {
  let score = 0;
  for (const phrases of folded) {
    if (phrases.length === 0) continue;
    const held = heldLength(foldedText, phrases);
    if (held > 0) score += held;
  }
  return score;
}

/**
 * The folded length of the phrases when the text holds every one of them, else -1. In loops: the
 * task groups' cues are asked of every item of every tasks section, and a closure for each set
 * asked (two, with the length's) was most of what the matcher made.
 */
function heldLength(foldedText: string, phrases: readonly string[]): number {
  let length = 0;
  for (let k = 0; k < phrases.length; k++) {
    const p = phrases[k];
    if (!foldedText.includes(p)) return -1;
    length += p.length;
  }
  return length;
}

// ---------------------------------------------------------------------------------------------
// Glued headings

export interface GluedHeading {
  /** Index in the heading title where the glued text starts (markers such as "**" included). */
  start: number;
  /** Index in the title where the real heading ends (trailing spaces excluded). */
  headEnd: number;
  /** The glued heading as it should read on its own line ("1. Mục đích"), markers dropped. */
  text: string;
}

/** Start of a numbered heading glued behind another one: optional emphasis, then "1." or "1)" and a word. */
const GLUED_TAIL = /^[ \t]*(?:\*\*|__|\*|_)?[ \t]*(\d{1,2})[ \t]*[.)][ \t]*(?=\S)/u;

/**
 * Finds a numbered heading glued to the end of a known heading ("MỤC ĐÍCH, YÊU CẦU**1. Mục đích**").
 * `known` holds folded headings (foldHeading) that may carry such a tail.
 */
export function findGluedHeading(title: string, known: ReadonlySet<string>): GluedHeading | undefined {
  if (known.has(foldHeading(title))) return undefined;
  for (let i = 1; i < title.length; i++) {
    const m = GLUED_TAIL.exec(title.slice(i));
    if (!m) continue;
    // The glued number must not be the end of a longer number of the heading ("năm 2030.").
    if (/\p{N}/u.test(title[i - 1]) && /^\d/.test(m[0])) continue;
    let headEnd = i;
    while (headEnd > 0 && /\s/.test(title[headEnd - 1])) headEnd--;
    if (!known.has(foldHeading(title.slice(0, headEnd)))) continue;
    const text = title
      .slice(i)
      .trim()
      .replace(/^(?:\*\*|__|\*|_)\s*/, '')
      .replace(/\s*(?:\*\*|__|\*|_)$/, '')
      .trim();
    return { start: i, headEnd, text };
  }
  return undefined;
}

/** Folded headings of every form of every variant: what a section heading may legitimately say. */
export function knownSectionHeadings(template: Template): Set<string> {
  const out = new Set<string>();
  for (const variant of Object.values(template.variants)) {
    for (const slot of variant.sections) {
      for (const form of slot.forms) {
        for (const h of [...form.headings, form.preferred]) out.add(foldHeading(h));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sections

export interface SectionEntry {
  section: Section;
  /** Index among the plan's top-level sections. */
  index: number;
  /** The slot the heading fills; undefined when it matches no accepted heading ('unknown'). */
  slot?: SectionSlot;
  /** Index of the slot in the variant's order, -1 when unknown. */
  slotIndex: number;
  form?: SectionForm;
  /** Set when the next heading is glued to this one; the slot was matched on the part before it. */
  glued?: GluedHeading;
}

export interface MissingSlot {
  slot: SectionSlot;
  slotIndex: number;
  /**
   * Index of the top-level section the missing one belongs before; equal to the number of
   * sections when it belongs after all of them.
   */
  before: number;
  /**
   * Slots that would do in its place in another structure the plan may take (MỤC TIÊU for the
   * purpose of a People's Committee plan), themselves missing too.
   */
  alternatives: SectionSlot[];
}

export interface SectionMatch {
  entries: SectionEntry[];
  /** The other structure the plan follows (a KẾ HOẠCH shaped like 21-KH/TW …); undefined for the sections as listed. */
  shape?: SectionShape;
  /** Slots required in the plan's shape that no section fills, in template order. */
  missing: MissingSlot[];
  /** The first section filling the tasks slot. */
  tasks?: SectionEntry;
  /** The first section filling the implementation slot. */
  implementation?: SectionEntry;
}

interface SlotForm {
  slot: SectionSlot;
  slotIndex: number;
  form: SectionForm;
}

/** Each variant's heading index and its keys: made once per variant, which is not changed, not at each plan. */
const headingIndexes = new WeakMap<VariantSpec, { index: ReadonlyMap<string, SlotForm[]>; known: ReadonlySet<string> }>();

function headingIndexOf(variant: VariantSpec): { index: ReadonlyMap<string, SlotForm[]>; known: ReadonlySet<string> } {
  let made = headingIndexes.get(variant);
  if (!made) {
    const index = headingIndex(variant);
    made = { index, known: new Set(index.keys()) };
    headingIndexes.set(variant, made);
  }
  return made;
}

function headingIndex(variant: VariantSpec): Map<string, SlotForm[]> {
  const index = new Map<string, SlotForm[]>();
  variant.sections.forEach((slot, slotIndex) => {
    for (const form of slot.forms) {
      for (const h of [...form.headings, form.preferred]) {
        const key = foldHeading(h);
        const list = index.get(key) ?? [];
        if (!list.some((x) => x.slot === slot && x.form === form)) list.push({ slot, slotIndex, form });
        index.set(key, list);
      }
    }
  });
  return index;
}

/** A Roman numeral and its separator at the start of a folded heading. */
const ROMAN_PREFIX = /^[ivxl]+\s*[.\-–]\s*/u;

/**
 * Tells, for each top-level section, which slot and form of the variant it fills, which of the
 * variant's shapes the plan follows, and which slots that shape requires are missing. Without the
 * template, shapes for a programme for several resolutions cannot be told and do not apply.
 */
export function matchSections(plan: PlanModel, variant: VariantSpec, template?: Template): SectionMatch {
  const { index, known } = headingIndexOf(variant);
  const entries: SectionEntry[] = [];
  let lastSlot = -1;
  plan.sections.forEach((section, i) => {
    const title = section.heading.title.text;
    const key = foldHeading(title);
    // A numeral the parser did not take ("**I. MỤC TIÊU**") is still not part of the heading.
    let candidates = index.get(key) ?? index.get(key.replace(ROMAN_PREFIX, ''));
    let glued: GluedHeading | undefined;
    if (!candidates) {
      glued = findGluedHeading(title, known);
      if (glued) candidates = index.get(foldHeading(title.slice(0, glued.headEnd)));
    }
    if (!candidates || candidates.length === 0) {
      entries.push({ section, index: i, slotIndex: -1 });
      return;
    }
    // A heading accepted by two slots goes to the first one that keeps the order.
    const pick = candidates.find((c) => c.slotIndex >= lastSlot) ?? candidates[0];
    lastSlot = Math.max(lastSlot, pick.slotIndex);
    entries.push({ section, index: i, slot: pick.slot, slotIndex: pick.slotIndex, form: pick.form, ...(glued ? { glued } : {}) });
  });

  const present = new Set(entries.filter((e) => e.slot).map((e) => e.slotIndex));
  const tasks = entries.find((e) => e.slot?.tasks);
  const missingIn = (shape: SectionShape | undefined): MissingSlot[] => {
    const out: MissingSlot[] = [];
    variant.sections.forEach((slot, slotIndex) => {
      if (!slotRequired(slot, shape) || present.has(slotIndex)) return;
      out.push({ slot, slotIndex, before: insertionIndex(entries, slotIndex, slot, plan.sections.length), alternatives: [] });
    });
    return out;
  };
  const shapes = applicableShapes(plan, variant, tasks?.section, template);
  // The shape that leaves the fewest required sections missing, then the fewest subheadings
  // missing; on a tie the sections as listed, then the shapes in the template's order.
  let best: { shape?: SectionShape; missing: MissingSlot[]; subsections: number } | undefined;
  for (const shape of [undefined, ...shapes]) {
    const candidate = { shape, missing: missingIn(shape), subsections: missingSubsections(entries, shape) };
    if (!best || candidate.missing.length < best.missing.length || (candidate.missing.length === best.missing.length && candidate.subsections < best.subsections)) {
      best = candidate;
    }
  }

  // A missing slot another structure would replace by slots missing as well: the drafter may write either.
  for (const gap of best!.missing) {
    for (const other of shapes) {
      if (other === best!.shape || slotRequired(gap.slot, other)) continue;
      for (const id of other.required ?? []) {
        const slot = variant.sections.find((s) => s.id === id);
        if (slot && slot !== gap.slot && !present.has(variant.sections.indexOf(slot)) && !gap.alternatives.includes(slot)) gap.alternatives.push(slot);
      }
    }
  }

  return {
    entries,
    ...(best!.shape ? { shape: best!.shape } : {}),
    missing: best!.missing,
    tasks,
    implementation: entries.find((e) => e.slot?.implementation),
  };
}

/** True when the slot must be present in a plan of the shape (the sections as listed when undefined). */
export function slotRequired(slot: SectionSlot, shape: SectionShape | undefined): boolean {
  if ((shape?.required ?? []).includes(slot.id)) return true;
  return slot.required && !(shape?.optional ?? []).includes(slot.id);
}

/** The subheadings a form expects in the shape: none for a slot whose items the shape leaves plain. */
export function expectedSubsections(slot: SectionSlot, form: SectionForm, shape: SectionShape | undefined): Array<{ heading: string; required: boolean }> {
  const subs = form.subsections ?? [];
  return (shape?.plainItems ?? []).includes(slot.id) ? subs.map((s) => ({ ...s, required: false })) : subs;
}

/** True when a section has a subheading that starts like the expected one ("Mục tiêu" for "Mục tiêu chung"). */
export function hasSubsection(section: Section, heading: string): boolean {
  const expected = foldHeading(heading);
  return section.children.some((c) => foldHeading(c.heading.title.text).startsWith(expected));
}

function missingSubsections(entries: readonly SectionEntry[], shape: SectionShape | undefined): number {
  let n = 0;
  for (const e of entries) {
    if (!e.slot || !e.form) continue;
    for (const sub of expectedSubsections(e.slot, e.form, shape)) if (sub.required && !hasSubsection(e.section, sub.heading)) n++;
  }
  return n;
}

/**
 * The kinds the plan may be: the one its metadata names, else those whose type its number carries
 * ("KH" is a KẾ HOẠCH; "CTr" a CHƯƠNG TRÌNH or a CHƯƠNG TRÌNH HÀNH ĐỘNG). Undefined when nothing
 * tells the kind yet.
 */
export function planKinds(plan: PlanModel, variant: VariantSpec): KindSpec[] | undefined {
  const written = plan.meta.kind?.value.trim();
  if (written) return variant.kinds.filter((k) => fold(k.name) === fold(written));
  const number = plan.meta.number?.value.trim() ?? '';
  // Through the guard on long texts, as every template pattern runs (data/pattern.ts).
  const pattern = compilePattern(variant.numberPattern);
  const type = testPattern(pattern, number) ? pattern?.exec(number)?.groups?.type : undefined;
  if (!type) return undefined;
  return variant.kinds.filter((k) => k.symbolTypes.some((t) => fold(t) === fold(type)));
}

/**
 * The variant's shapes whose conditions the plan meets. A plan whose kind cannot be told yet may
 * take any shape that depends on the kind: a missing section is not reported on a guess.
 */
function applicableShapes(plan: PlanModel, variant: VariantSpec, tasks: Section | undefined, template: Template | undefined): SectionShape[] {
  const shapes = variant.shapes ?? [];
  if (shapes.length === 0) return [];
  const kinds = planKinds(plan, variant);
  const several = tasks !== undefined && template !== undefined && resolutionPartOf(tasks, template) !== undefined;
  return shapes.filter((s) => {
    if (s.kinds && kinds && !kinds.some((k) => s.kinds!.some((name) => fold(name) === fold(k.name)))) return false;
    if (s.severalResolutions && !several) return false;
    return true;
  });
}

/**
 * Where a missing slot belongs: after the last section of an earlier slot, before the next
 * section of a later slot; a slot that must be last goes after everything.
 */
function insertionIndex(entries: SectionEntry[], slotIndex: number, slot: SectionSlot, count: number): number {
  if (slot.last) return count;
  let lo = -1;
  entries.forEach((e, i) => {
    if (e.slot && e.slotIndex < slotIndex) lo = i;
  });
  for (let i = lo + 1; i < entries.length; i++) {
    if (entries[i].slot && entries[i].slotIndex > slotIndex) return i;
  }
  return count;
}

/** Finds the tasks section with the plan's variant, or with any variant when the variant is unknown. */
export function findTasksSection(plan: PlanModel, template: Template, variant: VariantSpec | undefined): Section | undefined {
  const variants = variant ? [variant] : Object.values(template.variants);
  for (const v of variants) {
    const found = matchSections(plan, v, template).tasks;
    if (found) return found.section;
  }
  return undefined;
}

/** Finds the implementation section, as findTasksSection does. */
export function findImplementationSection(plan: PlanModel, template: Template, variant: VariantSpec | undefined): Section | undefined {
  const variants = variant ? [variant] : Object.values(template.variants);
  for (const v of variants) {
    const found = matchSections(plan, v, template).implementation;
    if (found) return found.section;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Task groups

export interface GroupItem {
  /** The subsection, when the item is one (a numbered or lettered heading). */
  section?: Section;
  /** The paragraph or list item, when the item is written as one ("a) …", "- …", "1. …" in a list). */
  block?: Block;
  /** What is compared with the cues: the heading's title, or the lead of the paragraph. */
  title: string;
  /** Where the item is named: its heading, or the lead of its paragraph. */
  span: Span;
  /** The group this item covers; undefined for a local extra group or a part of a group. */
  group?: TaskGroup;
  /** The group this item is a part of (the economy part of group 4 written as its own item). */
  partOf?: TaskGroup;
  /** Ids of every group whose cues the title satisfies. */
  candidates: number[];
}

export interface TaskGroupMatch {
  /**
   * The section whose items are the task groups: the tasks section, or in a programme for several
   * resolutions the part of it about the template's resolution.
   */
  container: Section;
  /** True when the container is the part about the resolution inside a programme for several. */
  inResolutionPart: boolean;
  /** The container's items in document order: its subsections, else its lettered paragraphs, else its list items. */
  items: GroupItem[];
  /** True when the items are subsections (headings), where a missing group can be inserted as one. */
  itemsAreSections: boolean;
  /** Groups covered by no item, in the resolution's order. */
  missing: TaskGroup[];
}

/** "a) …" at the start of a paragraph, after emphasis marks. */
const LETTERED = /^[\s*_]*[a-zđ]\)\s*/u;
/** Longest lead of a paragraph compared with the cues: a group's title is shorter. */
const MAX_LEAD = 300;

/** The lead of a paragraph item: after its letter, up to the first ":" or the end of its first sentence. */
function leadOf(block: Block): { title: string; span: Span } {
  const text = block.text.text;
  const marker = LETTERED.exec(text);
  const start = marker ? marker[0].length : 0;
  const rest = text.slice(start, start + MAX_LEAD);
  const stop = rest.search(/[:.](?=\s|$)|\n/u);
  const end = start + (stop < 0 ? rest.length : stop);
  return { title: text.slice(start, end), span: block.text.spanOf(start, Math.max(start, end)) };
}

/** The items of a section that may be task groups: its subsections, else its lettered paragraphs, else its list items. */
function groupItems(container: Section): { items: Array<Pick<GroupItem, 'section' | 'block' | 'title' | 'span'>>; sections: boolean } {
  if (container.children.length > 0) {
    return { items: container.children.map((c) => ({ section: c, title: c.heading.title.text, span: c.heading.raw.span })), sections: true };
  }
  const lettered = container.blocks.filter((b) => b.kind === 'paragraph' && LETTERED.test(b.text.text));
  const blocks = lettered.length > 0 ? lettered : container.blocks.filter((b) => b.kind === 'list-item');
  // The fields of `leadOf`'s answer written out rather than spread, as in `groupItem`.
  return {
    items: blocks.map((b) => {
      const { title, span } = leadOf(b);
      return { block: b, title, span };
    }),
    sections: false,
  };
}

/**
 * An item with its group, or the group it is a part of, and its candidates: `{ ...x, group,
 * candidates }` as literals written out, with the same fields in the same order. The spread
 * copied each item through V8's generic clone of an object: 0.8 % of a command line run's
 * samples; written out, the match took 0.72-0.84x its time warm (docs/benchmarks.md, twenty-sixth round).
 */
function groupItem(x: Pick<GroupItem, 'section' | 'block' | 'title' | 'span'>, group: TaskGroup | undefined, partOf: TaskGroup | undefined, candidates: number[]): GroupItem {
  const { title, span } = x;
  if (x.section !== undefined) {
    const section = x.section;
    if (group) return { section, title, span, group, candidates };
    if (partOf) return { section, title, span, partOf, candidates };
    return { section, title, span, candidates };
  }
  const block = x.block;
  if (group) return { block, title, span, group, candidates };
  if (partOf) return { block, title, span, partOf, candidates };
  return { block, title, span, candidates };
}

/** Matches the items of one container to the groups. */
function matchIn(container: Section, groups: readonly TaskGroup[], inResolutionPart: boolean): TaskGroupMatch {
  const { items: raw, sections } = groupItems(container);
  const titles = sections ? foldedChildHeadings(container) : raw.map((x) => foldHeading(x.title));
  // Each group's cues looked up once, not once per item.
  const cues = groups.map((g) => foldedCues(g.cues));
  const scores = titles.map((title) => cues.map((c) => foldedCueScore(title, c)));
  const assignment = bestAssignment(scores, groups.map((g) => g.id));
  // Each item made in one object, its fields in the order they were (the item, its group or the
  // group it is a part of, its candidates): the conditional spreads made an object each and the
  // candidates two lists and two closures, for every paragraph of a tasks section that has no
  // subsections (some 8 MB on 1,000 plans).
  const items: GroupItem[] = raw.map((x, i) => {
    const group = assignment[i] >= 0 ? groups[assignment[i]] : undefined;
    const partOf = group ? undefined : groups.find((g) => g.parts?.some((p) => matchesCueSets(titles[i], p.cues)));
    const row = scores[i];
    const candidates: number[] = [];
    for (let j = 0; j < groups.length; j++) if (row[j] > 0) candidates.push(groups[j].id);
    return groupItem(x, group, partOf, candidates);
  });
  const covered = new Set(items.filter((x) => x.group).map((x) => x.group!.id));
  return { container, inResolutionPart, items, itemsAreSections: sections, missing: groups.filter((g) => !covered.has(g.id)) };
}

/** The last section whose subsections' headings were folded, and those headings. */
let lastFolded: { section: Section; heads: readonly string[] } | undefined;

/**
 * The folded headings (foldHeading) of a section's subsections. The tasks section's are asked
 * twice a check, for its resolution part and for its task groups, and a task group's heading is
 * often past the length the fold's table keeps (some 2,500 headings of over 160 characters folded
 * again on 1,000 plans): the last section's are kept, one section and no more, so that a server
 * with many plans open keeps nothing more per plan. A parsed section is not changed afterwards.
 */
function foldedChildHeadings(section: Section): readonly string[] {
  if (lastFolded?.section === section) return lastFolded.heads;
  const heads = section.children.map((c) => foldHeading(c.heading.title.text));
  lastFolded = { section, heads };
  return heads;
}

/**
 * The part of a tasks section about the template's resolution, in a programme for several
 * resolutions: a subsection whose heading names this resolution and no task group, beside at
 * least one other subsection that names a resolution.
 */
export function resolutionPartOf(tasks: Section, template: Template): Section | undefined {
  // The section match (its shapes) and the task-group match both ask for it: found once per
  // section and template. A parsed section is not changed afterwards, nor is a template.
  const known = resolutionParts.get(tasks);
  if (known && known.template === template) return known.part;
  const part = findResolutionPart(tasks, template);
  resolutionParts.set(tasks, { template, part });
  return part;
}

/** The last answer of resolutionPartOf for each tasks section, with the template it was found with. */
const resolutionParts = new WeakMap<Section, { template: Template; part: Section | undefined }>();

function findResolutionPart(tasks: Section, template: Template): Section | undefined {
  const cues = template.resolutionParts;
  if (!cues) return undefined;
  const heads = foldedChildHeadings(tasks);
  const isGroup = (h: string): boolean => template.taskGroups.some((g) => cueScore(h, g.cues) > 0);
  const own = tasks.children.filter((_, i) => matchesCueSets(heads[i], cues.ownCues) && !isGroup(heads[i]));
  if (own.length !== 1) return undefined;
  const others = tasks.children.filter((c, i) => c !== own[0] && matchesCueSets(heads[i], cues.partCues));
  return others.length > 0 ? own[0] : undefined;
}

/**
 * Assigns the items of the tasks section to task groups: each item to at most one group and each
 * group to at most one item, with as many matches as possible, then the most specific cues, then
 * the fewest inversions of the resolution's order. In a programme for several resolutions the
 * items are those of the part about the template's resolution, when more groups are found there.
 */
export function matchTaskGroups(tasks: Section, template: Template): TaskGroupMatch {
  const direct = matchIn(tasks, template.taskGroups, false);
  const part = resolutionPartOf(tasks, template);
  if (!part) return direct;
  const nested = matchIn(part, template.taskGroups, true);
  const count = (m: TaskGroupMatch): number => m.items.filter((x) => x.group).length;
  return count(nested) > count(direct) ? nested : direct;
}

interface Best {
  count: number;
  score: number;
  inversions: number;
  pick: number[];
}

function better(a: Best, b: Best | undefined): boolean {
  if (!b) return true;
  if (a.count !== b.count) return a.count > b.count;
  if (a.score !== b.score) return a.score > b.score;
  return a.inversions < b.inversions;
}

/** Search over the candidates, best first (a plan has seven groups with one or two candidates each). */
function bestAssignment(scores: number[][], ids: number[]): number[] {
  const n = scores.length;
  const options = scores.map((row) =>
    row
      .map((s, j) => ({ s, j }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s)
      .map((x) => x.j),
  );
  const pick = new Array<number>(n).fill(-1);
  // Only the subsections some group could match take part in the search: the recursion is as deep
  // as they are many, and a plan with thousands of subsections must not exhaust the stack.
  const active = options.flatMap((o, i) => (o.length > 0 ? [i] : []));
  if (active.length > MAX_SEARCH_DEPTH) return greedyAssignment(options, pick);
  const used = new Set<number>();
  let best: Best | undefined;
  let budget = 200_000;
  const visit = (k: number, count: number, score: number): void => {
    if (budget-- <= 0) return;
    // The subsections left could add at most one match each: a bound to prune the search.
    if (best && count + (active.length - k) < best.count) return;
    if (k === active.length) {
      const chosen = pick.map((j) => (j >= 0 ? ids[j] : -1)).filter((x) => x >= 0);
      let inversions = 0;
      for (let a = 0; a < chosen.length; a++) for (let b = a + 1; b < chosen.length; b++) if (chosen[a] > chosen[b]) inversions++;
      const candidate: Best = { count, score, inversions, pick: [...pick] };
      if (better(candidate, best)) best = candidate;
      return;
    }
    const i = active[k];
    for (const j of options[i]) {
      if (used.has(j)) continue;
      used.add(j);
      pick[i] = j;
      visit(k + 1, count + 1, score + scores[i][j]);
      used.delete(j);
      pick[i] = -1;
    }
    visit(k + 1, count, score);
  };
  visit(0, 0, 0);
  return best?.pick ?? pick;
}

/** More candidate subsections than this and the search gives way to a greedy choice. */
const MAX_SEARCH_DEPTH = 64;

/** Each subsection, in order, takes its best group not taken yet: for plans far from any real one. */
function greedyAssignment(options: readonly number[][], pick: number[]): number[] {
  const used = new Set<number>();
  options.forEach((row, i) => {
    const j = row.find((x) => !used.has(x));
    if (j === undefined) return;
    used.add(j);
    pick[i] = j;
  });
  return pick;
}

/** The first item whose group comes before a group already seen (a swapped order), if any. */
export function firstOutOfOrder(match: TaskGroupMatch): GroupItem | undefined {
  let max = -Infinity;
  for (const s of match.items) {
    if (!s.group) continue;
    if (s.group.id < max) return s;
    max = s.group.id;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Implementation assignments

export interface ImplementationUnit {
  /** Folded text of the item: a paragraph, a list item, or a subsection with its heading. */
  folded: string;
  span: Span;
  /** Ids of the assignments whose cues the item satisfies. */
  assignments: string[];
  monitoring: boolean;
}

export interface AssignmentMatch {
  units: ImplementationUnit[];
  present: Assignment[];
  missing: Assignment[];
  /** True when some item charges a body with monitoring and reporting. */
  monitoring: boolean;
}

/**
 * The items of the implementation section: its paragraphs and list items, and each subsection as
 * one item. `block` is the text object of an item that is one block (whose fold a check shares).
 */
export function implementationUnits(section: Section): Array<{ text: string; span: Span; block?: MappedText }> {
  const units: Array<{ text: string; span: Span; block?: MappedText }> = section.blocks.map((b: Block) => ({ text: b.text.text, span: b.span, block: b.text }));
  for (const child of section.children) {
    units.push({
      text: [child.heading.title.text, ...sectionBlocks(child).map((b) => b.text.text)].join('\n'),
      span: child.span,
    });
  }
  return units.sort((a, b) => a.span.start - b.span.start);
}

/**
 * Tells which of the variant's usual assignments the implementation section makes. `folds`, a
 * check's shared folds of its paragraphs, gives the fold of an item that is one block.
 */
export function matchAssignments(section: Section, variant: VariantSpec, folds?: ParagraphFolds): AssignmentMatch {
  const spec = variant.implementation;
  const units: ImplementationUnit[] = implementationUnits(section).map((u) => {
    const folded = folds && u.block ? folds.of(u.block) : fold(u.text);
    return {
      folded,
      span: u.span,
      assignments: spec.assignments.filter((a) => matchesCueSets(folded, a.cues)).map((a) => a.id),
      monitoring: matchesCueSets(folded, spec.monitoringCues),
    };
  });
  const found = new Set(units.flatMap((u) => u.assignments));
  return {
    units,
    present: spec.assignments.filter((a) => found.has(a.id)),
    missing: spec.assignments.filter((a) => !found.has(a.id)),
    monitoring: units.some((u) => u.monitoring),
  };
}
