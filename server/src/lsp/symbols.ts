// Outline and folding of a plan: front matter, sections and their subsections, each described by what the template expects of it.

import { DocumentSymbol, FoldingRange, SymbolInformation, SymbolKind } from 'vscode-languageserver/node';
import { KnowledgeBase, VariantSpec } from '../core/data/types';
import { Lang } from '../core/findings';
import { PlanModel, Section } from '../core/model';
import { matchSections, matchTaskGroups, SectionEntry, slotRequired } from '../core/template/match';
import { decideVariant } from '../core/template/variant';
import { Span } from '../core/text/mapped-text';
import { toPosition, toRange } from './convert';

const T = {
  front: { vi: 'Thông tin văn bản', en: 'Document metadata' },
  closing: { vi: 'Phần kết thúc', en: 'Closing paragraph' },
  outside: { vi: 'ngoài mẫu', en: 'not in the template' },
  group: { vi: 'nhóm nhiệm vụ', en: 'task group' },
  localGroup: { vi: 'nhóm riêng của địa phương', en: 'local group' },
  partOf: { vi: 'một phần của nhóm nhiệm vụ', en: 'part of task group' },
  resolutionPart: { vi: 'phần về Nghị quyết: các nhóm nhiệm vụ', en: 'part about the Resolution: the task groups' },
  required: { vi: 'bắt buộc', en: 'required' },
};

export function variantOf(plan: PlanModel, kb: KnowledgeBase): VariantSpec | undefined {
  const id = decideVariant(plan, kb.template).id;
  return id ? kb.template.variants[id] : undefined;
}

function nonEmpty(name: string, fallback: string): string {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  return trimmed || fallback;
}

function symbolFor(plan: PlanModel, span: Span, selection: Span, name: string, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol {
  const range = toRange(plan.lines, span.start, Math.max(span.end, selection.end));
  const selectionRange = toRange(plan.lines, Math.max(span.start, selection.start), Math.min(Math.max(span.end, selection.end), selection.end));
  const sym: DocumentSymbol = { name, kind, range, selectionRange };
  if (detail) sym.detail = detail;
  if (children?.length) sym.children = children;
  return sym;
}

function sectionSymbol(plan: PlanModel, section: Section, detail: string | undefined, childDetail: (s: Section) => string | undefined): DocumentSymbol {
  const heading = section.heading;
  const children = section.children.map((c) => sectionSymbol(plan, c, childDetail(c), childDetail));
  return symbolFor(
    plan,
    section.span,
    heading.span,
    nonEmpty(heading.raw.text, '#'),
    heading.level <= 2 ? SymbolKind.Namespace : heading.level === 3 ? SymbolKind.Object : SymbolKind.Field,
    detail,
    children,
  );
}

export function documentSymbols(plan: PlanModel, kb: KnowledgeBase, lang: Lang): DocumentSymbol[] {
  if (!plan.isPlan) return [];
  const out: DocumentSymbol[] = [];
  if (plan.format === 'markdown' && plan.metaSpan) {
    out.push(symbolFor(plan, plan.metaSpan, plan.metaSpan, T.front[lang], SymbolKind.Module, undefined, metaSymbols(plan)));
  } else if (plan.format === 'yaml') {
    out.push(...metaSymbols(plan));
  }

  const variant = variantOf(plan, kb);
  const match = variant ? matchSections(plan, variant, kb.template) : undefined;
  const entries: Array<SectionEntry | undefined> = match ? match.entries : plan.sections.map(() => undefined);
  plan.sections.forEach((section, i) => {
    const entry = entries[i];
    const slot = entry?.slot;
    // What the template expects of the section, in the drafter's words, not the slot's internal id.
    const expected = entry?.form ? nonEmpty(entry.form.description[lang].replace(/\.\s*$/u, ''), entry.form.preferred) : undefined;
    const detail = variant ? (slot && expected ? (slotRequired(slot, match?.shape) ? `${expected} · ${T.required[lang]}` : expected) : T.outside[lang]) : undefined;
    let childDetail: (s: Section) => string | undefined = () => undefined;
    if (slot?.tasks) {
      const groups = matchTaskGroups(section, kb.template);
      const bySection = new Map(groups.items.map((g) => [g.section, g]));
      childDetail = (s) => {
        if (s === groups.container) return T.resolutionPart[lang];
        const g = bySection.get(s);
        if (!g) return undefined;
        if (g.partOf) return `${T.partOf[lang]} ${g.partOf.id}`;
        return g.group ? `${T.group[lang]} ${g.group.id}` : T.localGroup[lang];
      };
    }
    out.push(sectionSymbol(plan, section, detail, childDetail));
  });
  if (plan.closing) {
    const text = plan.closing.text.text;
    out.push(symbolFor(plan, plan.closing.span, plan.closing.span, T.closing[lang], SymbolKind.String, text.length > 60 ? `${text.slice(0, 60)}…` : text));
  }
  return out;
}

function metaSymbols(plan: PlanModel): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const [key, field] of Object.entries(plan.meta)) {
    if (!field || typeof field !== 'object' || !('keySpan' in field)) continue;
    const f = field as { keySpan: Span; span: Span; value?: unknown };
    const span = { start: f.keySpan.start, end: Math.max(f.keySpan.end, f.span.end) };
    const detail = typeof f.value === 'string' ? f.value : undefined;
    out.push(symbolFor(plan, span, f.keySpan, key, SymbolKind.Property, detail));
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** Flat symbols for clients without hierarchical outline support. */
export function flattenSymbols(uri: string, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of symbols) {
    const info: SymbolInformation = { name: s.name, kind: s.kind, location: { uri, range: s.range } };
    if (container) info.containerName = container;
    out.push(info, ...flattenSymbols(uri, s.children ?? [], s.name));
  }
  return out;
}

export function foldingRanges(plan: PlanModel): FoldingRange[] {
  if (!plan.isPlan) return [];
  const out: FoldingRange[] = [];
  const add = (start: number, end: number): void => {
    const startLine = toPosition(plan.lines, start).line;
    const endLine = toPosition(plan.lines, Math.max(start, end - 1)).line;
    if (endLine > startLine) out.push({ startLine, endLine });
  };
  if (plan.format === 'markdown' && plan.metaSpan) add(plan.metaSpan.start, plan.metaSpan.end);
  const visit = (s: Section): void => {
    add(s.heading.span.start, s.span.end);
    s.children.forEach(visit);
  };
  plan.sections.forEach(visit);
  return out;
}
