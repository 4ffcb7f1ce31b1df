// Completion by context: missing sections, task groups and assignments from the template, registry citations, front-matter keys and values.

import {
  CompletionItem,
  CompletionItemKind,
  CompletionList,
  InsertTextFormat,
  MarkupKind,
  Position,
  Range,
} from 'vscode-languageserver/node';
import { sourceSpan } from '../core/citations/analysis';
import { symbolKey } from '../core/citations/symbol';
import { typeWordAlternation } from '../core/citations/type-codes';
import { onFirstUse } from '../core/first-use';
import { DatedView } from '../core/data/as-of';
import { KnowledgeBase, RegistryEntry, SectionForm, SectionSlot, TaskGroup, VariantSpec } from '../core/data/types';
import { META_KEYS, SIGNER_KEYS } from '../core/document/meta';
import { intToRoman } from '../core/document/numerals';
import { Lang } from '../core/findings';
import { PlanModel, Section } from '../core/model';
import { assignmentHeading } from '../core/template/assignments';
import { implementationUnits, matchAssignments, matchSections, matchTaskGroups, slotRequired } from '../core/template/match';
import { fold } from '../core/text/normalize';
import { guarded, ServerContext } from './context';
import { toOffset, toPosition } from './convert';
import { Analysis, citationsOf, viewOf } from './documents';
import { blankNumber, dateKey, fullCitation, shortCitation, slotBody, yamlSectionLines } from './skeleton';
import { variantOf } from './symbols';

const T = {
  required: { vi: 'Phần bắt buộc', en: 'Required section' },
  optional: { vi: 'Phần không bắt buộc', en: 'Optional section' },
  group: { vi: 'Nhóm nhiệm vụ {id} của Nghị quyết', en: 'Task group {id} of the Resolution' },
  assignment: { vi: 'Phân công tổ chức thực hiện', en: 'Implementation assignment' },
  first: { vi: 'Viện dẫn đầy đủ (lần đầu)', en: 'Full citation (first mention)' },
  short: { vi: 'Viện dẫn rút gọn (đã viện dẫn đầy đủ ở trên)', en: 'Short citation (cited in full above)' },
  key: { vi: 'Trường thông tin văn bản', en: 'Metadata key' },
  template: { vi: 'Mẫu kế hoạch', en: 'Plan template' },
};

const BODY_KEYS = ['preamble', 'sections', 'closing', 'notes'] as const;

interface Where {
  analysis: Analysis;
  plan: PlanModel;
  /** The knowledge as of the plan's date (today for a plan with no date yet) and level: what the rules check against. */
  view: DatedView;
  kb: KnowledgeBase;
  lang: Lang;
  variant: VariantSpec | undefined;
  position: Position;
  offset: number;
  lineStart: number;
  lineText: string;
  /** Text of the line before the cursor. */
  before: string;
  snippets: boolean;
}

function rangeFrom(where: Where, character: number, toLineEnd = false): Range {
  return {
    start: { line: where.position.line, character },
    end: toLineEnd ? { line: where.position.line, character: where.lineText.length } : where.position,
  };
}

/** Escapes text for a snippet and turns each "…" into a tab stop, so the drafter can jump from gap to gap. */
function snippetOf(text: string): string {
  let n = 0;
  const escaped = text.replace(/[\\$}]/g, '\\$&');
  const body = escaped.replace(/…/g, () => `\${${++n}:…}`);
  return `${body}$0`;
}

function eolize(text: string, eol: string): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

function item(where: Where, label: string, text: string, range: Range, extra: Partial<CompletionItem> = {}): CompletionItem {
  const newText = eolize(text, where.plan.eol);
  const asSnippet = where.snippets && extra.insertTextFormat !== InsertTextFormat.PlainText;
  return {
    label,
    ...extra,
    insertTextFormat: asSnippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range, newText: asSnippet ? snippetOf(newText) : newText },
  };
}

// ---------------------------------------------------------------------------------------------
// Sections, task groups, assignments

/** Separator of Roman numerals in this plan ("I." or "I-"): the majority, "." when there is none. */
function romanSeparator(plan: PlanModel): string {
  let dot = 0;
  let hyphen = 0;
  for (const s of plan.sections) {
    if (s.heading.numeral?.style === 'roman-dot') dot++;
    if (s.heading.numeral?.style === 'roman-hyphen') hyphen++;
  }
  return hyphen > dot ? '-' : '.';
}

/** Top-level sections that start before the cursor's line (the line being typed is not one of them). */
function sectionsBefore(where: Where): Section[] {
  return where.plan.sections.filter((s) => s.heading.span.start < where.lineStart);
}

function enclosingSection(where: Where): Section | undefined {
  const before = sectionsBefore(where);
  return before[before.length - 1];
}

interface MissingSection {
  slot: SectionSlot;
  slotIndex: number;
  form: SectionForm;
  /** Required in the structure the plan follows (a KẾ HOẠCH shaped like 21-KH/TW needs no objectives). */
  required: boolean;
}

function missingSections(where: Where): MissingSection[] {
  if (!where.variant) return [];
  const match = matchSections(where.plan, where.variant, where.kb.template);
  const present = new Set(
    match.entries.filter((e) => e.slot && !onCursorLine(where, e.section)).map((e) => e.slotIndex),
  );
  const out: MissingSection[] = [];
  where.variant.sections.forEach((slot, slotIndex) => {
    if (present.has(slotIndex)) return;
    for (const form of slot.forms) out.push({ slot, slotIndex, form, required: slotRequired(slot, match.shape) });
  });
  return out;
}

function onCursorLine(where: Where, section: Section): boolean {
  return toPosition(where.plan.lines, section.heading.span.start).line === where.position.line;
}

function sectionItems(where: Where, range: Range, sortPrefix: string): CompletionItem[] {
  const numeral = `${intToRoman(sectionsBefore(where).length + 1)}${romanSeparator(where.plan)}`;
  return missingSections(where).map((m, i) => {
    const heading = `${numeral} ${m.form.preferred}`;
    const body = slotBody(where.kb, { ...m.slot, forms: [m.form] });
    const text = `## ${heading}\n\n${body}\n`;
    return item(where, `## ${heading}`, text, range, {
      kind: CompletionItemKind.Module,
      detail: `${m.required ? T.required[where.lang] : T.optional[where.lang]} · ${where.variant!.label[where.lang]}`,
      documentation: { kind: MarkupKind.Markdown, value: `${m.form.description[where.lang]}\n\n---\n\n${body}` },
      filterText: `## ${heading}`,
      sortText: `${sortPrefix}${String(m.slotIndex).padStart(2, '0')}${i}`,
    });
  });
}

function tasksSection(where: Where): Section | undefined {
  if (!where.variant) return undefined;
  return matchSections(where.plan, where.variant, where.kb.template).tasks?.section;
}

function implementationSection(where: Where): Section | undefined {
  if (!where.variant) return undefined;
  return matchSections(where.plan, where.variant, where.kb.template).implementation?.section;
}

function taskGroupItems(where: Where, section: Section, range: Range, sortPrefix: string): CompletionItem[] {
  const match = matchTaskGroups(section, where.kb.template);
  const n = section.children.filter((c) => c.heading.span.start < where.lineStart).length + 1;
  return match.missing.map((g: TaskGroup) => {
    const heading = `${n}. ${g.title}`;
    const text = `### ${heading}\n\n${g.skeleton.trim()}\n`;
    return item(where, `### ${heading}`, text, range, {
      kind: CompletionItemKind.Class,
      detail: T.group[where.lang].replace('{id}', String(g.id)),
      documentation: { kind: MarkupKind.Markdown, value: g.skeleton },
      filterText: `### ${heading}`,
      sortText: `${sortPrefix}${String(g.id).padStart(2, '0')}`,
    });
  });
}

function assignmentItems(where: Where, section: Section, range: Range, style: 'paragraph' | 'heading', sortPrefix: string): CompletionItem[] {
  const variant = where.variant!;
  const match = matchAssignments(section, variant);
  const n =
    style === 'heading'
      ? section.children.filter((c) => c.heading.span.start < where.lineStart).length + 1
      : implementationUnits(section).filter((u) => u.span.start < where.lineStart).length + 1;
  return match.missing.map((a, i) => {
    const text = style === 'heading' ? `### ${n}. ${assignmentHeading(a)}\n\n${a.text}\n` : `${n}. ${a.text}\n`;
    const label = `${n}. ${assignmentHeading(a)}`;
    return item(where, label, text, range, {
      kind: CompletionItemKind.Field,
      detail: T.assignment[where.lang],
      documentation: { kind: MarkupKind.Markdown, value: a.text },
      filterText: style === 'heading' ? `### ${label}` : `${n}. ${a.text}`,
      sortText: `${sortPrefix}${String(i).padStart(2, '0')}`,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Citations

// Built on first use (core/first-use.ts): a start's first answers complete nothing.
const TYPE_WORD_BEFORE_SO = onFirstUse(() => new RegExp(`(?:^|[^\\p{L}])((?:${typeWordAlternation()}))\\s+số\\s*$`, 'iu'));
const SYMBOL_PREFIX = onFirstUse(() => /(?:^|[^\p{L}\p{N}])(\d{1,5}(?:\/\d{4})?[-/][\p{L}\d/-]*)$/u);
const TYPE_WORD_SO_PARTIAL = onFirstUse(() => new RegExp(`(?:^|[^\\p{L}])((?:${typeWordAlternation()}))\\s+số\\s+([\\p{L}\\d/-]*)$`, 'iu'));

/** Registry documents cited before `limit` (in the body, not the subject line): their short form is enough. */
function citedBefore(where: Where, limit: number): Set<string> {
  const out = new Set<string>();
  try {
    for (const c of citationsOf(where.analysis).citations) {
      if (c.inSubject || sourceSpan(c, c).end > limit) continue;
      if (c.resolution.status === 'resolved') out.add(entryKey(c.resolution.entry));
      else if (c.resolution.status === 'ambiguous') for (const e of c.resolution.candidates) out.add(entryKey(e));
    }
  } catch {
    // Citation analysis only chooses between the two forms; without it, the full form is offered.
  }
  return out;
}

function entryKey(e: RegistryEntry): string {
  return `${symbolKey(e.symbol)}|${dateKey(e.date)}`;
}

function citationItems(where: Where): CompletionItem[] | undefined {
  const typed = TYPE_WORD_SO_PARTIAL().exec(where.before) ?? TYPE_WORD_BEFORE_SO().exec(where.before);
  let symbolOnly = typed ? undefined : SYMBOL_PREFIX().exec(where.before);
  // "ngày 10/" is a date being typed, not the symbol 10/2022/QH15.
  if (symbolOnly && /ngày\s*$/iu.test(where.before.slice(0, where.before.length - symbolOnly[1].length))) symbolOnly = null;
  if (!typed && !symbolOnly) return undefined;

  const typeWord = typed?.[1];
  const partial = typed ? (typed[2] ?? '') : symbolOnly![1];
  // The replaced range starts at the type word when there is one, else at the symbol.
  const startChar = typed ? where.before.length - typed[0].length + typed[0].indexOf(typed[1]) : where.before.length - partial.length;
  const range = rangeFrom(where, startChar);
  const typedText = where.before.slice(startChar);
  const partialKey = symbolKey(partial);

  const cited = citedBefore(where, where.lineStart + startChar);
  // "… số 43-" after a word that is not a type word: the type word is not repeated.
  const afterSo = !typed && /(?:^|[^\p{L}])số\s*$/iu.test(where.before.slice(0, startChar));
  const parents = new Set(parentSymbols(where.variant));
  // Only what had been issued by the plan's date can be cited in it.
  const entries = where.view.documents.filter((e) => {
    if (typeWord && fold(e.type) !== fold(typeWord)) return false;
    return symbolKey(e.symbol).startsWith(partialKey);
  });
  if (entries.length === 0) return [];
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const e of entries.sort((a, b) => dateKey(b.date) - dateKey(a.date))) {
    const isCited = cited.has(entryKey(e));
    const written = isCited ? shortCitation(e) : fullCitation(e);
    const text = afterSo ? written.slice(`${e.type} số `.length) : written;
    if (seen.has(text)) continue;
    seen.add(text);
    const parentRank = parents.has(e.symbol) ? '0' : '1';
    items.push(
      item(where, e.symbol, text, range, {
        kind: CompletionItemKind.Reference,
        insertTextFormat: InsertTextFormat.PlainText,
        labelDetails: { description: `${e.type} · ${e.date}` },
        detail: isCited ? T.short[where.lang] : T.first[where.lang],
        documentation: {
          kind: MarkupKind.Markdown,
          value: `**${shortCitation(e)}**, ngày ${e.date} của ${e.issuer}${e.term ? ` khóa ${e.term}` : ''}${e.title ? `\n\n${e.title}` : ''}`,
        },
        filterText: typed ? `${typedText.replace(/\s+số\s*.*$/iu, '')} số ${e.symbol}` : e.symbol,
        sortText: `${parentRank}${isCited ? '0' : '1'}${e.symbol}`,
      }),
    );
  }
  return items;
}

// ---------------------------------------------------------------------------------------------
// Front matter and the top level of YAML plans

/** The metadata key a line belongs to: the nearest key at column 0 at or above it. */
function topKeyOf(where: Where): string | undefined {
  for (let line = where.position.line; line >= 0; line--) {
    const text = line === where.position.line ? where.before : where.plan.lines.lineText(line);
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(text);
    if (m) return m[1];
    if (where.plan.format === 'markdown' && /^---\s*$/.test(text)) return undefined;
  }
  return undefined;
}

function inFrontMatter(where: Where): boolean {
  const { plan } = where;
  if (plan.format === 'yaml') return true;
  if (!plan.metaSpan) return false;
  const closingLine = toPosition(plan.lines, Math.max(0, plan.metaSpan.end - 1)).line;
  return where.position.line > 0 && where.position.line < closingLine;
}

function presentKeys(where: Where): Set<string> {
  const out = new Set<string>();
  const first = where.plan.format === 'markdown' ? 1 : 0;
  const last = where.plan.format === 'markdown' && where.plan.metaSpan ? toPosition(where.plan.lines, where.plan.metaSpan.end - 1).line : where.plan.lines.lineCount - 1;
  for (let line = first; line <= last; line++) {
    if (line === where.position.line) continue;
    const m = /^([A-Za-z_][\w-]*)\s*:/.exec(where.plan.lines.lineText(line));
    if (m) out.add(m[1]);
  }
  return out;
}

function presentSignerKeys(where: Where): Set<string> {
  const out = new Set<string>();
  for (const k of SIGNER_KEYS) if (where.plan.meta.signer?.[k] && !onLine(where, where.plan.meta.signer[k]!.keySpan.start)) out.add(k);
  return out;
}

function onLine(where: Where, offset: number): boolean {
  return toPosition(where.plan.lines, offset).line === where.position.line;
}

function choice(values: readonly string[]): string {
  const escaped = values.map((v) => v.replace(/[\\$}|,]/g, '\\$&'));
  return escaped.length > 1 ? `\${1|${escaped.join(',')}|}` : `\${1:${escaped[0] ?? ''}}`;
}

function keySnippet(where: Where, key: string): { snippet: string; plain: string } {
  const v = where.variant;
  const kb = where.kb;
  const q = (s: string): string => JSON.stringify(s).replace(/[\\$}]/g, '\\$&');
  const kinds = [...new Set((v ? [v] : Object.values(kb.template.variants)).flatMap((x) => x.kinds.map((k) => k.name)))];
  const parents = (v?.parents ?? []).filter((p) => p.symbol && p.level !== 'optional').map((p) => p.symbol!);
  switch (key) {
    case 'template':
      return { snippet: `template: ${kb.template.id}`, plain: `template: ${kb.template.id}` };
    case 'variant':
      return { snippet: `variant: ${choice(Object.keys(kb.template.variants))}`, plain: 'variant: ' };
    case 'kind':
      return { snippet: `kind: ${choice(kinds)}`, plain: 'kind: ' };
    case 'number':
      return { snippet: `number: ${v ? q(blankNumber(v, where.plan.meta.kind?.value ?? v.kinds[0].name)) : '${1}'}`, plain: 'number: ' };
    case 'date':
      return { snippet: 'date: "ngày ${1:   } tháng ${2:   } năm ${3:    }"', plain: 'date: ' };
    case 'implements':
      return { snippet: `implements: [\${1:${parents.join(', ')}}]`, plain: 'implements: []' };
    case 'recipients': {
      // The usual recipients of the variant as of the plan's date and level, then a gap and the "Lưu" item.
      const esc = (x: string): string => yamlScalar(x).replace(/[\\$}]/g, '\\$&');
      const end = v?.recipients.itemEnd ?? '';
      const usual = (v?.recipients.suggestions ?? []).map((r) => `  - ${esc(`${r.text}${end}`)}`);
      const last = v?.recipients.lastItemExample ?? '';
      return {
        snippet: ['recipients:', ...usual, `  - \${1:…${end}}`, `  - \${2:${esc(last)}}`].join('\n'),
        plain: 'recipients:\n  - ',
      };
    }
    case 'issuer':
      return { snippet: `issuer: \${1:${(v?.issuerExample ?? '').replace(/[\\$}]/g, '\\$&')}}`, plain: 'issuer: ' };
    case 'signer': {
      const ex = v?.signature.example;
      const lines = ['signer:', `  authority: \${1:${ex?.authority ?? ''}}`];
      let n = 2;
      if (ex?.acting) lines.push(`  acting: \${${n++}:${ex.acting}}`);
      lines.push(`  title: \${${n++}:${ex?.title ?? ''}}`, `  name: \${${n}}`);
      return { snippet: lines.join('\n'), plain: 'signer:\n  authority: ' };
    }
    case 'preamble':
    case 'closing':
    case 'notes':
      return { snippet: `${key}: |\n  \${1}`, plain: `${key}: |\n  ` };
    case 'sections':
      return { snippet: 'sections:\n  - heading: ${1}', plain: 'sections:\n  - heading: ' };
    default:
      return { snippet: `${key}: \${1}`, plain: `${key}: ` };
  }
}

function keyItems(where: Where, range: Range): CompletionItem[] {
  const present = presentKeys(where);
  const keys: string[] = [...META_KEYS, ...(where.plan.format === 'yaml' ? BODY_KEYS : [])];
  return keys
    .filter((k) => !present.has(k))
    .map((key, i) => {
      const s = keySnippet(where, key);
      const text = where.snippets ? s.snippet : s.plain;
      return {
        label: key,
        kind: CompletionItemKind.Property,
        detail: T.key[where.lang],
        sortText: String(i).padStart(2, '0'),
        insertTextFormat: where.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range, newText: eolize(text, where.plan.eol) },
      };
    });
}

/** A plain YAML scalar cannot hold ": ", " #" or start with an indicator character. */
function needsQuotes(value: string): boolean {
  return /:\s|:$|\s#|^[\s"'&*!|>%@`#,[\]{}?-]/.test(value.trimEnd());
}

/** A value as a YAML scalar: plain when it can be, quoted otherwise ("Lưu: VT, NC."). */
function yamlScalar(value: string): string {
  return needsQuotes(value) ? JSON.stringify(value) : value;
}

function valueItems(where: Where, key: string, range: Range, quoted: boolean): CompletionItem[] {
  const kb = where.kb;
  const v = where.variant;
  const variants = v ? [v] : Object.values(kb.template.variants);
  const values: Array<{ label: string; detail?: string }> = [];
  switch (key) {
    case 'template':
      values.push({ label: kb.template.id, detail: kb.template.title[where.lang] });
      break;
    case 'variant':
      for (const x of Object.values(kb.template.variants)) values.push({ label: x.id, detail: x.label[where.lang] });
      break;
    case 'kind':
      for (const name of new Set(variants.flatMap((x) => x.kinds.map((k) => k.name)))) values.push({ label: name });
      break;
    case 'number':
      for (const x of variants) for (const k of x.kinds) values.push({ label: blankNumber(x, k.name), detail: k.name });
      break;
    case 'issuer':
      for (const x of variants) if (x.issuerExample) values.push({ label: x.issuerExample, detail: x.label[where.lang] });
      break;
    case 'authority': {
      for (const x of variants) {
        values.push({ label: x.signature.example.authority, detail: x.label[where.lang] });
        for (const p of x.signature.authorityPrefixes) values.push({ label: `${p} `, detail: x.label[where.lang] });
      }
      break;
    }
    case 'acting':
      for (const x of variants) if (x.signature.example.acting) values.push({ label: x.signature.example.acting, detail: x.label[where.lang] });
      break;
    case 'title':
      for (const x of variants) for (const t of x.signature.titles) values.push({ label: t, detail: x.label[where.lang] });
      break;
    default:
      return [];
  }
  const seen = new Set<string>();
  return values
    .filter((x) => (seen.has(x.label) ? false : (seen.add(x.label), true)))
    .map((x, i) => ({
      label: x.label,
      kind: CompletionItemKind.Value,
      ...(x.detail ? { detail: x.detail } : {}),
      sortText: String(i).padStart(3, '0'),
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: quoted ? x.label : yamlScalar(x.label) },
    }));
}

function frontMatterItems(where: Where): CompletionItem[] | undefined {
  const before = where.before;
  const top = topKeyOf(where);
  // A key inside the signer block.
  if (top === 'signer') {
    const nested = /^(\s+)([A-Za-z_]*)$/.exec(before);
    if (nested) {
      const present = presentSignerKeys(where);
      return SIGNER_KEYS.filter((k) => !present.has(k)).map((k, i) => ({
        label: k,
        kind: CompletionItemKind.Property,
        sortText: String(i),
        textEdit: { range: rangeFrom(where, nested[1].length), newText: `${k}: ` },
      }));
    }
    const value = /^\s+(authority|acting|title)\s*:\s*("?)(.*)$/.exec(before);
    if (value) return valueItems(where, value[1], rangeFrom(where, before.length - value[3].length), value[2] === '"');
  }
  const value = /^([A-Za-z_][\w-]*)\s*:\s*("?)(.*)$/.exec(before);
  if (value && value[1] !== 'subject' && !BODY_KEYS.includes(value[1] as (typeof BODY_KEYS)[number])) {
    if (value[1] === 'implements') return implementsItems(where, value[3]);
    return valueItems(where, value[1], rangeFrom(where, before.length - value[3].length), value[2] === '"');
  }
  if (top === 'implements' && /^\s+-\s*\S*$/.test(before)) return implementsItems(where, before.replace(/^\s+-\s*/, ''));
  return undefined;
}

/** The symbols of the documents a plan of this variant (as of its date and level) may implement, choices included. */
function parentSymbols(variant: VariantSpec | undefined): string[] {
  const choices = (variant?.parents ?? []).flatMap((p) => (p.anyOf && p.anyOf.length > 0 ? p.anyOf : [p]));
  return choices.map((c) => c.symbol).filter((s): s is string => !!s);
}

/** Symbols for `implements`: the variant's parents first, then the registry documents issued by the plan's date. */
function implementsItems(where: Where, typed: string): CompletionItem[] {
  const token = /[^\s,[\]]*$/.exec(typed)?.[0] ?? '';
  const range = rangeFrom(where, where.before.length - token.length);
  const symbols = [...new Set([...parentSymbols(where.variant), ...where.view.documents.map((d) => d.symbol)])];
  return symbols.map((s, i) => ({
    label: s,
    kind: CompletionItemKind.Reference,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: s },
  }));
}

// ---------------------------------------------------------------------------------------------
// YAML plans: headings of list items under `sections`

function yamlSectionItems(where: Where): CompletionItem[] | undefined {
  const m = /^(\s*)-\s+heading\s*:\s*(.*)$/.exec(where.before);
  if (!m) return undefined;
  const indent = m[1].length;
  // Find the `sections:` key that owns this list item.
  let owner: number | undefined;
  for (let line = where.position.line - 1; line >= 0; line--) {
    const text = where.plan.lines.lineText(line);
    if (text.trim() === '') continue;
    const ind = /^\s*/.exec(text)![0].length;
    if (ind < indent || (ind === indent && !/^\s*-/.test(text))) {
      if (/^\s*sections\s*:\s*$/.test(text)) owner = ind;
      break;
    }
  }
  if (owner === undefined) return undefined;
  const range = rangeFrom(where, indent, true);
  if (owner === 0) {
    const numeral = `${intToRoman(sectionsBefore(where).length + 1)}${romanSeparator(where.plan)}`;
    return missingSections(where).map((ms, i) => {
      const heading = `${numeral} ${ms.form.preferred}`;
      const lines = yamlSectionLines(heading, slotBody(where.kb, { ...ms.slot, forms: [ms.form] }), indent, 2);
      return item(where, heading, lines.join('\n'), range, {
        kind: CompletionItemKind.Module,
        detail: `${ms.required ? T.required[where.lang] : T.optional[where.lang]} · ${where.variant!.label[where.lang]}`,
        filterText: `- heading: ${heading}`,
        sortText: `${String(ms.slotIndex).padStart(2, '0')}${i}`,
      });
    });
  }
  const tasks = tasksSection(where);
  if (!tasks || enclosingSection(where) !== tasks) return [];
  const match = matchTaskGroups(tasks, where.kb.template);
  const n = tasks.children.filter((c) => c.heading.span.start < where.lineStart).length + 1;
  return match.missing.map((g) => {
    const heading = `${n}. ${g.title}`;
    const lines = yamlSectionLines(heading, g.skeleton, indent, 3);
    return item(where, heading, lines.join('\n'), range, {
      kind: CompletionItemKind.Class,
      detail: T.group[where.lang].replace('{id}', String(g.id)),
      filterText: `- heading: ${heading}`,
      sortText: String(g.id).padStart(2, '0'),
    });
  });
}

// ---------------------------------------------------------------------------------------------

export function completions(analysis: Analysis, position: Position, snippets: boolean, triggerCharacter?: string): CompletionItem[] {
  const plan = analysis.plan;
  if (!plan.isPlan) return [];
  const offset = toOffset(plan.lines, position);
  const lineStart = plan.lines.lineStart(position.line);
  const lineText = plan.lines.lineText(position.line);
  const view = viewOf(analysis);
  const where: Where = {
    analysis,
    plan,
    view,
    kb: view.kb,
    lang: analysis.settings.lang,
    variant: variantOf(plan, view.kb),
    position,
    offset,
    lineStart,
    lineText,
    before: lineText.slice(0, offset - lineStart),
    snippets,
  };

  if (inFrontMatter(where)) {
    // A key being typed at the top level (an empty line at column 0 starts a new key).
    if (/^([A-Za-z_][\w-]*)?$/.test(where.before) && where.lineText.slice(where.before.length).trim() === '') {
      return keyItems(where, rangeFrom(where, 0));
    }
    const top = topKeyOf(where);
    if (plan.format === 'yaml') {
      if (top === 'sections') {
        const s = yamlSectionItems(where);
        if (s) return s;
      }
      if (top === 'preamble' || top === 'sections' || top === 'closing' || top === 'notes') return citationItems(where) ?? [];
    }
    const fm = frontMatterItems(where);
    if (fm) return fm;
    if (top === 'subject') return citationItems(where) ?? [];
    return [];
  }

  // Below the closing paragraph there is nothing left to complete from the template.
  const afterClosing = plan.closing !== undefined && lineStart > plan.closing.span.start;

  // A heading being typed.
  const heading = /^(#{1,3})(?:\s+(.*))?$/.exec(where.before);
  if (heading && !afterClosing) {
    const range = rangeFrom(where, 0, true);
    if (heading[1].length <= 2) return sectionItems(where, range, '');
    const enclosing = enclosingSection(where);
    const tasks = tasksSection(where);
    if (tasks && enclosing === tasks) return taskGroupItems(where, tasks, range, '');
    const impl = implementationSection(where);
    if (impl && enclosing === impl && where.variant) return assignmentItems(where, impl, range, 'heading', '');
    return [];
  }

  const cites = citationItems(where);
  if (cites) return cites;
  // A space typed on an empty line is indentation, not a request for the template's parts.
  if (afterClosing || (where.lineText.trim() === '' && triggerCharacter === ' ')) return [];

  const enclosing = enclosingSection(where);
  const impl = implementationSection(where);
  // A numbered item being started in the implementation section.
  if (impl && enclosing === impl && where.variant && /^\s*\d{0,2}\.?\s*$/.test(where.before) && where.lineText.trim() === where.before.trim()) {
    const range = rangeFrom(where, 0, true);
    const assignments = assignmentItems(where, impl, range, impl.children.length > 0 ? 'heading' : 'paragraph', '0');
    return where.before.trim() === '' ? [...assignments, ...sectionItems(where, range, '1')] : assignments;
  }
  // An empty line: what the template still expects here.
  if (where.lineText.trim() === '') {
    const range = rangeFrom(where, 0, true);
    const tasks = tasksSection(where);
    if (tasks && enclosing === tasks) return [...taskGroupItems(where, tasks, range, '0'), ...sectionItems(where, range, '1')];
    return sectionItems(where, range, '');
  }
  return [];
}

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion(
    guarded(ctx, 'textDocument/completion', [] as CompletionItem[] | CompletionList, async (params) => {
      const analysis = await ctx.analyze(params.textDocument.uri);
      if (!analysis) return [];
      // The list depends on what is typed (a symbol, a heading): ask again as the word grows.
      return { isIncomplete: true, items: completions(analysis, params.position, ctx.client.snippets, params.context?.triggerCharacter) };
    }),
  );
}
