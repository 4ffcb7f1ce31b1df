// Helpers of the citation rules: the plan's citation analysis (computed once per check) and how documents are named in messages.

import { analyzeCitations, Citation, CitationAnalysis, CITATIONS_MEMORY, KeptCitations, openingCitations } from '../../citations/analysis';
import { entryDateText } from '../../citations/registry';
import { RegistryEntry } from '../../data/types';
import { Lang } from '../../findings';
import { RuleContext } from '../rule';

function compute(ctx: RuleContext): CitationAnalysis {
  return analyzeCitations(ctx.plan, ctx.view, ctx.analysisMemory?.<KeptCitations>(CITATIONS_MEMORY));
}

/** The citations of the plan being checked, shared by every citation rule. */
export function citationsOf(ctx: RuleContext): CitationAnalysis {
  return ctx.shared(compute);
}

function computeOpening(ctx: RuleContext): Citation[] {
  return openingCitations(citationsOf(ctx));
}

/**
 * The citations of the subject line and the preamble, shared by the rules of parent documents:
 * read out of every citation once per check, not once per rule (3,829 citations on 20,000 lines).
 */
export function openingCitationsOf(ctx: RuleContext): readonly Citation[] {
  return ctx.shared(computeOpening);
}

/** "Nghị quyết số 43-NQ/TW": the registry's type word when it knows the document, else the written one. */
export function documentName(c: Citation, entry?: RegistryEntry): string {
  const type = entry?.type ?? c.typeWord?.text;
  return type ? `${type} số ${c.symbol.symbol}` : `văn bản số ${c.symbol.symbol}`;
}

/**
 * The registry entries a message lists, each as `label` gives it, joined by `separator`: what
 * `entries.map(label).join(separator)` gives, without the mapped array. The registry's lists of
 * candidates come in several element kinds (an empty literal, a filtered list, a list of one), and
 * the mapped arrays with them: the optimized rules that listed them so were deoptimized for a wrong
 * map at the join while typing (docs/benchmarks.md, nineteenth round).
 */
export function listedEntries(entries: readonly RegistryEntry[], label: (entry: RegistryEntry) => string, separator: string): string {
  let out = '';
  for (let i = 0; i < entries.length; i++) out += i === 0 ? label(entries[i]) : separator + label(entries[i]);
  return out;
}

/** A registry entry as listed in a message: "ngày 16/06/2022 của Ban Chấp hành Trung ương Đảng khóa XIII". */
export function entryLabel(entry: RegistryEntry, lang: Lang): string {
  const term = entry.term ? (lang === 'vi' ? ` khóa ${entry.term}` : ` (term ${entry.term})`) : '';
  const date = entryDateText(entry);
  return lang === 'vi' ? `ngày ${date} của ${entry.issuer}${term}` : `of ${date} by ${entry.issuer}${term}`;
}

/** The registry entry of a resolved citation. */
export function resolvedEntry(c: Citation): RegistryEntry | undefined {
  return c.resolution.status === 'resolved' ? c.resolution.entry : undefined;
}
