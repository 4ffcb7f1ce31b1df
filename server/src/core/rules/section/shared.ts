// Analyses the structure rules share through ctx.shared: section and task-group matching, numeral style, glued headings.

import { TaskGroup } from '../../data/types';
import { NumeralStyle, Section } from '../../model';
import { intToRoman } from '../../document/numerals';
import {
  findGluedHeading,
  GluedHeading,
  knownSectionHeadings,
  matchSections,
  matchTaskGroups,
  SectionMatch,
  TaskGroupMatch,
  findTasksSection,
  matchesCueSets,
  resolutionPartOf,
} from '../../template/match';
import { KeptSectionMatch, KeptTaskMatch, keptSectionMatch, keptTaskMatch, SECTION_MATCH_MEMORY, TASK_MATCH_MEMORY } from './kept-match';
import { foldHeading } from '../../text/normalize';
import { RuleContext } from '../rule';

const computeSectionMatch = (ctx: RuleContext): SectionMatch | undefined => {
  const variant = ctx.variant;
  if (!variant) return undefined;
  // While typing the headings rarely change: the last version's match is taken again when they did not.
  return keptSectionMatch(ctx.plan, variant, ctx.kb.template, ctx.analysisMemory?.<KeptSectionMatch>(SECTION_MATCH_MEMORY), () =>
    matchSections(ctx.plan, variant, ctx.kb.template),
  );
};

/** The plan's sections matched to its variant's slots; undefined when the variant is unknown. */
export function sectionMatchOf(ctx: RuleContext): SectionMatch | undefined {
  return ctx.shared(computeSectionMatch);
}

const computeKnownHeadings = (ctx: RuleContext): Set<string> => knownSectionHeadings(ctx.kb.template);

/** Folded headings of every section form of the template (both variants). */
export function knownHeadingsOf(ctx: RuleContext): Set<string> {
  return ctx.shared(computeKnownHeadings);
}

const computeGlued = (ctx: RuleContext): Map<Section, GluedHeading> => {
  const known = knownHeadingsOf(ctx);
  const out = new Map<Section, GluedHeading>();
  for (const s of ctx.plan.sections) {
    const g = findGluedHeading(s.heading.title.text, known);
    if (g) out.set(s, g);
  }
  return out;
};

/** Top-level sections whose heading has the next heading glued to it. */
export function gluedHeadingsOf(ctx: RuleContext): Map<Section, GluedHeading> {
  return ctx.shared(computeGlued);
}

export interface TaskAnalysis {
  section: Section;
  match: TaskGroupMatch;
  /** Groups missing from the items but named by a heading glued to the tasks heading itself. */
  gluedGroups: TaskGroup[];
}

const computeTasks = (ctx: RuleContext): TaskAnalysis | undefined => {
  const matched = sectionMatchOf(ctx)?.tasks?.section;
  const section = matched ?? findTasksSection(ctx.plan, ctx.kb.template, ctx.variant);
  if (!section) return undefined;
  const analyse = (): { match: TaskGroupMatch; gluedGroups: TaskGroup[] } => {
    const match = matchTaskGroups(section, ctx.kb.template);
    const glued = gluedHeadingsOf(ctx).get(section);
    return { match, gluedGroups: glued ? match.missing.filter((g) => matchesCueSets(foldHeading(glued.text), g.cues)) : [] };
  };
  // Only a tasks section found by the variant's match is taken again (without a variant every variant is tried).
  const memory = matched && ctx.variant ? ctx.analysisMemory?.<KeptTaskMatch>(TASK_MATCH_MEMORY) : undefined;
  const { match, gluedGroups } = keptTaskMatch(ctx.plan, section, ctx.variant, ctx.kb.template, memory, analyse, () => resolutionPartOf(section, ctx.kb.template));
  return { section, match, gluedGroups };
};

/** The tasks section and the task groups its items cover. */
export function taskAnalysisOf(ctx: RuleContext): TaskAnalysis | undefined {
  return ctx.shared(computeTasks);
}

export interface RomanStyle {
  style: NumeralStyle;
  /** Separator written after the numeral: "." or "-". */
  separator: string;
  /** Number of top-level headings written in each style. */
  counts: Map<NumeralStyle, number>;
}

const computeRomanStyle = (ctx: RuleContext): RomanStyle => {
  const counts = new Map<NumeralStyle, number>();
  const separators = new Map<NumeralStyle, string>();
  let first: NumeralStyle | undefined;
  for (const s of ctx.plan.sections) {
    const n = s.heading.numeral;
    if (!n || (n.style !== 'roman-dot' && n.style !== 'roman-hyphen')) continue;
    counts.set(n.style, (counts.get(n.style) ?? 0) + 1);
    if (!separators.has(n.style)) separators.set(n.style, n.text.slice(-1));
    first ??= n.style;
  }
  // The majority wins; on a tie the style of the first heading does.
  let style: NumeralStyle = first ?? 'roman-dot';
  for (const [k, v] of counts) if (v > (counts.get(style) ?? 0)) style = k;
  return { style, separator: separators.get(style) ?? (style === 'roman-hyphen' ? '-' : '.'), counts };
};

/** The Roman numeral style the document uses (the majority of its top-level headings). */
export function romanStyleOf(ctx: RuleContext): RomanStyle {
  return ctx.shared(computeRomanStyle);
}

/** A Roman numeral written in the document's style: "IV." or "IV-". */
export function romanNumeral(ctx: RuleContext, value: number): string {
  return `${intToRoman(value)}${romanStyleOf(ctx).separator}`;
}

/** Headings of a slot's forms as a drafter reads them in a message: "MỤC TIÊU" hoặc "QUAN ĐIỂM, MỤC TIÊU". */
export function headingChoices(headings: string[], lang: 'vi' | 'en'): string {
  const quoted = [...new Set(headings)].map((h) => `"${h}"`);
  return quoted.join(lang === 'vi' ? ' hoặc ' : ' or ');
}

/** A heading short enough to quote in a message: long task-group headings are cut at a word. */
export function shortHeading(text: string, max = 80): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')} …`;
}
