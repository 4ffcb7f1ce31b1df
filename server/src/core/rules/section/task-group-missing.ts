// task-group.missing — a task group of the Resolution has no subsection under the tasks section (group 5 folded into 4 is accepted).

import { TaskGroup } from '../../data/types';
import { Heading, Section } from '../../model';
import { ReportedFix, Rule } from '../rule';
import { insertSections, NewSection, Place } from './insert';
import { shortHeading, taskAnalysisOf } from './shared';

export const taskGroupMissing: Rule = {
  id: 'task-group.missing',
  category: 'task-group',
  title: { vi: 'Thiếu nhóm nhiệm vụ của Nghị quyết', en: 'Missing task group of the Resolution' },
  description: {
    vi: 'Phần nhiệm vụ, giải pháp cụ thể hóa từng nhóm nhiệm vụ của Nghị quyết, mỗi nhóm một mục; nhóm "phát triển kinh tế - xã hội" có thể lồng vào nhóm về vai trò của Nhà nước.',
    en: 'The tasks section turns each task group of the Resolution into a numbered subsection; the economic development group may be folded into the group on the State.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Nhóm nhiệm vụ {id} của Nghị quyết ("{title}") chưa có mục tương ứng trong phần "{section}".',
      en: 'Task group {id} of the Resolution ("{title}") has no subsection in "{section}".',
    },
    foldable: {
      vi: 'Nhóm nhiệm vụ {id} của Nghị quyết ("{title}") chưa có mục tương ứng trong phần "{section}", cũng chưa được lồng ghép vào nhóm {into}.',
      en: 'Task group {id} of the Resolution ("{title}") has no subsection in "{section}" and is not folded into group {into} either.',
    },
    fix: { vi: 'Chèn mục "{inserted}" theo mẫu', en: 'Insert subsection "{inserted}" from the template' },
    fixAll: { vi: 'Chèn các nhóm nhiệm vụ còn thiếu ({ids}) theo mẫu', en: 'Insert the missing task groups ({ids}) from the template' },
  },
  fixable: true,
  check(ctx) {
    const analysis = taskAnalysisOf(ctx);
    if (!analysis) return;
    const { section, match, gluedGroups } = analysis;
    const heading = section.heading;
    // A group named by a heading glued to the tasks heading is there; section.heading-glued splits it out.
    const missing = match.missing.filter((g) => !gluedGroups.includes(g));
    // Groups that go to the same place are inserted together, numbered one after the other.
    const runs = new Map<Heading | Section, { place: Place; first: number; groups: TaskGroup[] }>();
    for (const group of missing) {
      const { place, number } = placeFor(section, group, match.subsections);
      const key = 'before' in place ? place.before : 'after' in place ? place.after : section;
      const run = runs.get(key) ?? { place, first: number, groups: [] };
      run.groups.push(group);
      runs.set(key, run);
    }
    for (const run of runs.values()) {
      const inserts: NewSection[] = run.groups.map((g, i) => ({ heading: `${run.first + i}. ${g.title}`, level: heading.level + 1, body: g.skeleton }));
      // A YAML tasks section without subsections has no list to add to.
      const edit = ctx.plan.format === 'yaml' && section.children.length === 0 ? undefined : insertSections(ctx.plan, run.place, inserts);
      const fix: ReportedFix | undefined = edit
        ? run.groups.length > 1
          ? { messageId: 'fixAll', data: { ids: run.groups.map((g) => g.id).join(', ') }, edits: [edit] }
          : { messageId: 'fix', data: { inserted: shortHeading(inserts[0].heading) }, edits: [edit] }
        : undefined;
      for (const group of run.groups) {
        ctx.report({
          messageId: group.mergeInto !== undefined ? 'foldable' : 'default',
          data: { id: group.id, title: shortHeading(group.title), section: heading.raw.text.trim(), into: group.mergeInto ?? '' },
          start: heading.raw.span.start,
          end: heading.raw.span.end,
          fix,
        });
      }
    }
  },
};

/**
 * After the last subsection of an earlier group that comes before any later group, numbered to
 * follow it; before the first later group when no earlier one precedes it; at the end otherwise.
 */
function placeFor(
  tasks: Section,
  group: TaskGroup,
  subsections: ReadonlyArray<{ section: Section; group?: TaskGroup }>,
): { place: Place; number: number } {
  const children = tasks.children;
  const firstLater = subsections.findIndex((s) => s.group !== undefined && s.group.id > group.id);
  const limit = firstLater < 0 ? subsections.length : firstLater;
  let prev: Section | undefined;
  for (let i = 0; i < limit; i++) if (subsections[i].group && subsections[i].group!.id < group.id) prev = subsections[i].section;
  if (!prev && firstLater >= 0) {
    const later = subsections[firstLater].section;
    const numeral = later.heading.numeral;
    return { place: { before: later.heading }, number: numeral?.style === 'arabic' ? numeral.value : children.indexOf(later) + 1 };
  }
  // With no group before it and none after it, the group goes after whatever the section holds.
  const anchor = prev ?? children[children.length - 1];
  if (!anchor) return { place: { after: tasks }, number: 1 };
  const i = children.indexOf(anchor);
  const numeral = anchor.heading.numeral;
  const number = numeral?.style === 'arabic' ? numeral.value + 1 : i + 2;
  const next = children[i + 1];
  return { place: next ? { before: next.heading } : { after: anchor }, number };
}
