// The template matching of the last version taken again while what it reads (headings, the implementation section's items) is the same.

import { SectionShape, Template, TaskGroup, VariantSpec } from '../../data/types';
import { AnalysisMemory } from '../../incremental';
import { PlanModel, Section } from '../../model';
import { ParagraphFolds } from '../../text/paragraph-fold';
import { AssignmentMatch, GroupItem, ImplementationUnit, implementationUnits, matchAssignments, MissingSlot, SectionEntry, SectionMatch, TaskGroupMatch } from '../../template/match';

// Each kept value holds what its matching read, as a string (`key`), and what it made of it by
// index, never the sections themselves (they belong to the last version's model). A version whose
// inputs give the same key gets the same result, put on its own sections and places. `taken`
// counts the versions in a row that took it again (for tests and measurements).

/**
 * A copy of a string that shares no memory with it: a string cut from a document keeps the whole
 * text of its version alive in V8, and a kept match may be taken again for many versions.
 */
function detached(s: string): string {
  return ` ${s}`.slice(1);
}

/** The memory keys (Reuse.analysis). */
export const SECTION_MATCH_MEMORY = 'section.match';
export const TASK_MATCH_MEMORY = 'section.task-groups';
export const ASSIGNMENT_MATCH_MEMORY = 'section.assignments';

interface Kept {
  key: ReadKey;
  template: Template;
  variant: VariantSpec;
  taken: number;
}

/** What `matchSections` made, without its sections. */
export interface KeptSectionMatch extends Kept {
  entries: ReadonlyArray<Omit<SectionEntry, 'section'>>;
  shape?: SectionShape;
  missing: MissingSlot[];
  tasks: number;
  implementation: number;
}

/**
 * What a matching read, as the titles and counts it read in order (each list's length before its
 * items, so that two structures never give the same list). A version's is compared with the last
 * one's as it is read (`sameKey`), and made only when they differ (`keyOf`): made at every
 * version as one string, it was some 20 KB of two-byte text a keystroke on 1,000 lines.
 */
type ReadKey = ReadonlyArray<string | number>;
type KeyReader = (each: (value: string | number) => void) => void;

/** True when `read` reads `key`'s values, in order and no more. */
function sameKey(key: ReadKey, read: KeyReader): boolean {
  let i = 0;
  let same = true;
  read((value) => {
    if (same && (i >= key.length || key[i] !== value)) same = false;
    i++;
  });
  return same && i === key.length;
}

/** The values `read` reads, its strings detached from the version's text (the key is kept). */
function keyOf(read: KeyReader): ReadKey {
  const out: Array<string | number> = [];
  read((value) => out.push(typeof value === 'string' ? detached(value) : value));
  return out;
}

/**
 * What `matchSections` reads besides the metadata (its kind and number), which the memory is not
 * given across (AnalysisMemory.last): each top-level heading's title and its subsections' titles
 * (the required subheadings, the part about the resolution).
 */
function sectionKey(plan: PlanModel): KeyReader {
  return (each) => {
    each(plan.sections.length);
    for (const s of plan.sections) {
      each(s.heading.title.text);
      each(s.children.length);
      for (const c of s.children) each(c.heading.title.text);
    }
  };
}

/** The section match of `plan`, taken from the last version's when it read the same. */
export function keptSectionMatch(
  plan: PlanModel,
  variant: VariantSpec,
  template: Template,
  memory: AnalysisMemory<KeptSectionMatch> | undefined,
  compute: () => SectionMatch,
): SectionMatch {
  if (!memory) return compute();
  const key = sectionKey(plan);
  const last = memory.last;
  if (last && last.template === template && last.variant === variant && sameKey(last.key, key)) {
    memory.keep({ ...last, taken: last.taken + 1 });
    const entries: SectionEntry[] = last.entries.map((e) => ({ ...e, section: plan.sections[e.index] }));
    return {
      entries,
      ...(last.shape ? { shape: last.shape } : {}),
      missing: last.missing,
      tasks: last.tasks < 0 ? undefined : entries[last.tasks],
      implementation: last.implementation < 0 ? undefined : entries[last.implementation],
    };
  }
  const match = compute();
  memory.keep({
    key: keyOf(key),
    template,
    variant,
    taken: 0,
    entries: match.entries.map(({ section: _, glued, ...rest }) => ({ ...rest, ...(glued ? { glued: { ...glued, text: detached(glued.text) } } : {}) })),
    ...(match.shape ? { shape: match.shape } : {}),
    missing: match.missing,
    tasks: match.tasks ? match.entries.indexOf(match.tasks) : -1,
    implementation: match.implementation ? match.entries.indexOf(match.implementation) : -1,
  });
  return match;
}

/** What the task-group analysis made of the tasks section, by index. */
export interface KeptTaskMatch extends Kept {
  /** -1: the items are the tasks section's subsections; else the index of the part about the resolution among them. */
  part: number;
  items: ReadonlyArray<Pick<GroupItem, 'group' | 'partOf' | 'candidates'>>;
  missing: TaskGroup[];
  gluedGroups: TaskGroup[];
}

export interface TaskAnalysisParts {
  match: TaskGroupMatch;
  gluedGroups: TaskGroup[];
}

/**
 * What the task-group analysis reads when every container it may take its items from has
 * subsections: the tasks section's heading (a glued heading names groups), its place, and the
 * titles of its subsections and theirs. A container without subsections has its paragraphs read:
 * then nothing is kept.
 */
function taskKey(plan: PlanModel, tasks: Section): KeyReader {
  return (each) => {
    each(plan.sections.indexOf(tasks));
    each(tasks.heading.title.text);
    each(tasks.children.length);
    for (const c of tasks.children) {
      each(c.heading.title.text);
      each(c.children.length);
      for (const g of c.children) each(g.heading.title.text);
    }
  };
}

/**
 * The task-group analysis of `tasks`, taken from the last version's when it read the same.
 * `part` tells the part about the resolution (resolutionPartOf), asked only when the analysis runs.
 */
export function keptTaskMatch(
  plan: PlanModel,
  tasks: Section,
  variant: VariantSpec | undefined,
  template: Template,
  memory: AnalysisMemory<KeptTaskMatch> | undefined,
  compute: () => TaskAnalysisParts,
  part: () => Section | undefined,
): TaskAnalysisParts {
  // Without a variant every variant's tasks section is tried: nothing is kept.
  if (!memory || !variant) return compute();
  const key = taskKey(plan, tasks);
  const last = memory.last;
  if (last && last.template === template && last.variant === variant && sameKey(last.key, key)) {
    memory.keep({ ...last, taken: last.taken + 1 });
    const container = last.part < 0 ? tasks : tasks.children[last.part];
    const items: GroupItem[] = container.children.map((c, i) => ({ section: c, title: c.heading.title.text, span: c.heading.raw.span, ...last.items[i] }));
    return { match: { container, inResolutionPart: last.part >= 0, items, itemsAreSections: true, missing: last.missing }, gluedGroups: last.gluedGroups };
  }
  const made = compute();
  // Kept only when no paragraph was read: the tasks section and its part about the resolution, if any, have subsections.
  const resolutionPart = tasks.children.length > 0 ? part() : undefined;
  if (tasks.children.length > 0 && (!resolutionPart || resolutionPart.children.length > 0)) {
    const { match } = made;
    memory.keep({
      key: keyOf(key),
      template,
      variant,
      taken: 0,
      part: match.inResolutionPart ? tasks.children.indexOf(match.container) : -1,
      items: match.items.map((x) => ({ ...(x.group ? { group: x.group } : {}), ...(x.partOf ? { partOf: x.partOf } : {}), candidates: x.candidates })),
      missing: match.missing,
      gluedGroups: made.gluedGroups,
    });
  }
  return made;
}

/** What `matchAssignments` made of the implementation section's items, by index. */
export interface KeptAssignmentMatch extends Kept {
  units: ReadonlyArray<Omit<ImplementationUnit, 'span'>>;
  result: Omit<AssignmentMatch, 'units'>;
}

/** The usual assignments `section` makes, taken from the last version's when its items read the same. */
export function keptAssignmentMatch(
  section: Section,
  variant: VariantSpec,
  template: Template,
  memory: AnalysisMemory<KeptAssignmentMatch> | undefined,
  folds?: ParagraphFolds,
): AssignmentMatch {
  if (!memory) return matchAssignments(section, variant, folds);
  const found = implementationUnits(section);
  // What matchAssignments reads is each item's text; the places are this version's.
  const key: KeyReader = (each) => {
    each(found.length);
    for (const u of found) each(u.text);
  };
  const last = memory.last;
  if (last && last.template === template && last.variant === variant && sameKey(last.key, key)) {
    memory.keep({ ...last, taken: last.taken + 1 });
    return { ...last.result, units: last.units.map((u, i) => ({ ...u, span: found[i].span })) };
  }
  const match = matchAssignments(section, variant, folds);
  const { units, ...result } = match;
  memory.keep({ key: keyOf(key), template, variant, taken: 0, units: units.map(({ span: _, folded, ...rest }) => ({ ...rest, folded: detached(folded) })), result });
  return match;
}
