// task-group.missing — one of the seven task groups of the Resolution has no item in the tasks section (or in its part about the Resolution).

import { TaskGroup } from '../../data/types';
import { intToLetter } from '../../document/numerals';
import { GroupItem } from '../../template/match';
import { Heading, Section } from '../../model';
import { ReportedFix, Rule } from '../rule';
import { insertSections, NewSection, Place } from './insert';
import { shortHeading, taskAnalysisOf } from './shared';

export const taskGroupMissing: Rule = {
  id: 'task-group.missing',
  category: 'task-group',
  reads: 'section',
  title: { vi: 'Thiếu nhóm nhiệm vụ của Nghị quyết', en: 'Missing task group of the Resolution' },
  description: {
    vi: 'Phần nhiệm vụ, giải pháp cụ thể hóa từng nhóm trong bảy nhóm nhiệm vụ của Nghị quyết, mỗi nhóm một mục (trong chương trình thực hiện nhiều nghị quyết: mỗi nhóm một tiết trong phần về Nghị quyết số 43-NQ/TW). Nội dung "tập trung phát triển kinh tế - xã hội" thuộc nhóm 4, dù viết thành ý hay thành mục riêng.',
    en: 'The tasks section turns each of the seven task groups of the Resolution into an item (in a programme for several resolutions: an item of the part about Resolution 43-NQ/TW). Economic and social development belongs to group 4, whether written as a bullet or as an item of its own.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Nhóm nhiệm vụ {id} của Nghị quyết ("{title}") chưa có mục tương ứng trong phần "{section}".',
      en: 'Task group {id} of the Resolution ("{title}") has no item in "{section}".',
    },
    fix: { vi: 'Chèn mục "{inserted}" theo mẫu', en: 'Insert item "{inserted}" from the template' },
    fixAll: { vi: 'Chèn các nhóm nhiệm vụ còn thiếu ({ids}) theo mẫu', en: 'Insert the missing task groups ({ids}) from the template' },
  },
  fixable: true,
  fixKind: 'insertion',
  check(ctx) {
    const analysis = taskAnalysisOf(ctx);
    if (!analysis) return;
    const { match, gluedGroups } = analysis;
    const container = match.container;
    const heading = container.heading;
    // A group named by a heading glued to the tasks heading is there; section.heading-glued splits it out.
    const missing = match.missing.filter((g) => !gluedGroups.includes(g));
    // Groups written as paragraphs or bullets get no inserted heading: it would not sit among them.
    const insertable = match.itemsAreSections || match.items.every((x) => !x.group);
    const subsections = match.items.filter((x): x is GroupItem & { section: Section } => x.section !== undefined);
    // Groups that go to the same place are inserted together, numbered one after the other.
    const runs = new Map<Heading | Section, { place: Place; first: ItemNumber; groups: TaskGroup[] }>();
    for (const group of missing) {
      const { place, number } = placeFor(container, group, subsections);
      const key = 'before' in place ? place.before : 'after' in place ? place.after : container;
      const run = runs.get(key) ?? { place, first: number, groups: [] };
      run.groups.push(group);
      runs.set(key, run);
    }
    for (const run of runs.values()) {
      const inserts: NewSection[] = run.groups.map((g, i) => ({
        heading: `${itemNumber(run.first, i)} ${g.title}`,
        level: heading.level + 1,
        body: g.skeleton,
      }));
      // A YAML section without subsections has no list to add to.
      const edit =
        !insertable || (ctx.plan.format === 'yaml' && container.children.length === 0) ? undefined : insertSections(ctx.plan, run.place, inserts);
      const fix: ReportedFix | undefined = edit
        ? run.groups.length > 1
          ? { messageId: 'fixAll', data: { ids: run.groups.map((g) => g.id).join(', ') }, edits: [edit] }
          : { messageId: 'fix', data: { inserted: shortHeading(inserts[0].heading) }, edits: [edit] }
        : undefined;
      for (const group of run.groups) {
        ctx.report({
          data: { id: group.id, title: shortHeading(group.title), section: shortHeading(heading.raw.text) },
          start: heading.raw.span.start,
          end: heading.raw.span.end,
          fix,
        });
      }
    }
  },
};

/** A number of an inserted item: "3." or "c)", as the items around it are numbered. */
interface ItemNumber {
  style: 'arabic' | 'letter';
  value: number;
}

function itemNumber(first: ItemNumber, offset: number): string {
  const n = first.value + offset;
  return first.style === 'letter' ? `${intToLetter(n)})` : `${n}.`;
}

/** The numbering style of the container's items: letters when its subsections are lettered. */
function styleOf(children: readonly Section[]): ItemNumber['style'] {
  const letters = children.filter((c) => c.heading.numeral?.style === 'letter').length;
  const arabic = children.filter((c) => c.heading.numeral?.style === 'arabic').length;
  return letters > arabic ? 'letter' : 'arabic';
}

/**
 * After the last subsection of an earlier group that comes before any later group, numbered to
 * follow it; before the first later group when no earlier one precedes it; at the end otherwise.
 */
function placeFor(container: Section, group: TaskGroup, subsections: ReadonlyArray<{ section: Section; group?: TaskGroup }>): { place: Place; number: ItemNumber } {
  const children = container.children;
  const style = styleOf(children);
  const valueOf = (s: Section, fallback: number): number => {
    const n = s.heading.numeral;
    return n && (n.style === 'arabic' || n.style === 'letter') ? n.value : fallback;
  };
  const firstLater = subsections.findIndex((s) => s.group !== undefined && s.group.id > group.id);
  const limit = firstLater < 0 ? subsections.length : firstLater;
  let prev: Section | undefined;
  for (let i = 0; i < limit; i++) if (subsections[i].group && subsections[i].group!.id < group.id) prev = subsections[i].section;
  if (!prev && firstLater >= 0) {
    const later = subsections[firstLater].section;
    return { place: { before: later.heading }, number: { style, value: valueOf(later, children.indexOf(later) + 1) } };
  }
  // With no group before it and none after it, the group goes after whatever the section holds.
  const anchor = prev ?? children[children.length - 1];
  if (!anchor) return { place: { after: container }, number: { style, value: 1 } };
  const i = children.indexOf(anchor);
  const next = children[i + 1];
  return { place: next ? { before: next.heading } : { after: anchor }, number: { style, value: valueOf(anchor, i + 1) + 1 } };
}
