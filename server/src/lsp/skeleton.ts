// Text built from the template data: citations in their first and short forms, section skeletons, a whole new plan.

import { entriesFor, parseRegistryDate } from '../core/citations/registry';
import { DatedView } from '../core/data/as-of';
import { KnowledgeBase, RegistryEntry, SectionSlot, VariantId, VariantSpec } from '../core/data/types';
import { intToRoman } from '../core/document/numerals';
import { markdownSection, yamlSection } from '../core/rules/section/insert';
import { sectionBody } from '../core/rules/section/missing';
import { fold } from '../core/text/normalize';

/** "Nghị quyết số 43-NQ/TW" */
export function shortCitation(entry: RegistryEntry): string {
  return `${entry.type} số ${entry.symbol}`;
}

/** The part after the symbol in a first citation: ", ngày 24/11/2023 của … khóa XIII". */
export function citationTail(entry: RegistryEntry): string {
  return `, ngày ${entry.date} của ${entry.issuer}${entry.term ? ` khóa ${entry.term}` : ''}`;
}

/** The title with its link word: "về …", except for titles that already start with a verb ("thực hiện …"). */
export function citationSubject(entry: RegistryEntry): string {
  if (!entry.title) return '';
  const folded = fold(entry.title);
  return /^(về|thực hiện|ban hành|quy định)\b/.test(folded) ? entry.title : `về ${entry.title}`;
}

/** "Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII về …" (Nghị định 30/2020/NĐ-CP form). */
export function fullCitation(entry: RegistryEntry): string {
  const subject = citationSubject(entry);
  return `${shortCitation(entry)}${citationTail(entry)}${subject ? ` ${subject}` : ''}`;
}

/** A registry date (dd/mm/yyyy) as a number that sorts by time. */
export function dateKey(date: string): number {
  const d = parseRegistryDate(date);
  return d ? d.year * 10000 + d.month * 100 + d.day : 0;
}

/** "CHƯƠNG TRÌNH HÀNH ĐỘNG" → "Chương trình hành động". */
export function sentenceCase(s: string): string {
  const lower = s.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

/** The body (Markdown) a slot gets when inserted: its first form's skeleton, task groups for the tasks slot. */
export function slotBody(kb: KnowledgeBase, slot: SectionSlot): string {
  const form = slot.forms[0];
  return sectionBody(kb.template, slot, form.skeleton);
}

/** The number line of a new plan: the variant's example with the number left blank and the kind's type code. */
export function blankNumber(variant: VariantSpec, kindName: string): string {
  const kind = variant.kinds.find((k) => k.name === kindName) ?? variant.kinds[0];
  const codes = new Set(variant.kinds.flatMap((k) => k.symbolTypes));
  let out = variant.numberExample.replace(/\d+(?=\s*[-/])/, '');
  const type = kind.symbolTypes[0];
  if (type) {
    out = out.replace(/[A-ZĐ][A-Za-zĐđ]*/gu, (code) => (codes.has(code) ? type : code));
  }
  return out;
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function yamlBlock(key: string, text: string, indent: number): string[] {
  const pad = ' '.repeat(indent);
  return [`${pad}${key}: |`, ...text.split('\n').map((l) => (l.trim() === '' ? '' : `${pad}  ${l}`))];
}

/**
 * A section as a YAML list item ("- heading: …", "text: |", nested "sections:") whose dash sits at
 * column `indent`; the first line is returned without its indentation (it replaces text from the dash on).
 */
export function yamlSectionLines(heading: string, markdownBody: string, indent: number, level: number): string[] {
  const lines = yamlSection({ heading, level, body: markdownBody }, indent);
  lines[0] = lines[0].slice(indent);
  return lines;
}

export interface NewPlanOptions {
  variant: VariantId;
  kind: string;
  format: 'markdown' | 'yaml';
}

/** The registry entry of a symbol that a plan of the view's date can cite; with several (numbers restart every term), the most recent issued by then. */
export function registryEntryAsOf(view: DatedView, symbol: string): RegistryEntry | undefined {
  const issued = new Set(view.documents);
  return entriesFor(view.kb, symbol)
    .filter((e) => issued.has(e))
    .sort((a, b) => dateKey(b.date) - dateKey(a.date))[0];
}

/** The date line of a new plan: the day left blank, the month and year of the view's day (when it has one). */
function newDateLine(view: DatedView): string {
  const m = view.basis === 'latest' ? null : /^(\d{4})-(\d{2})-\d{2}$/.exec(view.date);
  return m ? `ngày    tháng ${Number(m[2])} năm ${m[1]}` : 'ngày    tháng    năm     ';
}

/**
 * A whole plan skeleton from the template as of the view's day and level: metadata (the level's
 * issuer, number, signature and the usual recipients of the time), a preamble citing the parents,
 * every required section with the assignments expected then.
 */
export function newPlanText(view: DatedView, options: NewPlanOptions): string {
  const kb = view.kb;
  const variant = kb.template.variants[options.variant];
  const kind = variant.kinds.find((k) => fold(k.name) === fold(options.kind))?.name ?? variant.kinds[0].name;
  const parents = variant.parents
    .filter((p) => p.level !== 'optional' && p.symbol)
    .map((p) => registryEntryAsOf(view, p.symbol!))
    .filter((e): e is RegistryEntry => !!e);
  const resolution = registryEntryAsOf(view, kb.template.resolution);
  const end = variant.recipients.itemEnd;
  const recipients = [...(variant.recipients.suggestions ?? []).map((r) => `${r.text}${end}`), `…${end}`, variant.recipients.lastItemExample];
  const sig = variant.signature.example;

  const meta: string[] = [
    `template: ${kb.template.id}`,
    `variant: ${variant.id}`,
    `kind: ${kind}`,
    `issuer: ${yamlString(variant.issuerExample ?? '')}`,
    `number: ${yamlString(blankNumber(variant, kind))}`,
    `place: ""`,
    `date: ${yamlString(newDateLine(view))}`,
    `subject: ${yamlString(resolution ? `thực hiện ${fullCitation(resolution)}` : `thực hiện ${kb.template.resolution}`)}`,
    `implements: [${parents.map((p) => p.symbol).join(', ')}]`,
    'recipients:',
    ...recipients.map((r) => `  - ${yamlString(r)}`),
    'signer:',
    `  authority: ${yamlString(sig.authority)}`,
    ...(sig.acting ? [`  acting: ${yamlString(sig.acting)}`] : []),
    `  title: ${yamlString(sig.title)}`,
    `  name: ""`,
  ];

  const preamble = `Thực hiện ${parents.map(fullCitation).join('; ') || kb.template.resolution}, … ban hành ${sentenceCase(kind)} thực hiện như sau:`;
  const sections = variant.sections
    .filter((s) => s.required)
    .map((slot, i) => ({ heading: `${intToRoman(i + 1)}. ${slot.forms[0].preferred}`, level: 2, body: slotBody(kb, slot) }));
  const closing = `Trên đây là ${sentenceCase(kind)} thực hiện ${resolution ? shortCitation(resolution) : kb.template.resolution}.${variant.ending ? variant.ending.replace(/^\./, '') : ''}`;

  if (options.format === 'yaml') {
    return `${[...meta, ...yamlBlock('preamble', preamble, 0), 'sections:', ...sections.flatMap((s) => yamlSection(s, 2)), ...yamlBlock('closing', closing, 0)].join('\n')}\n`;
  }
  return ['---', ...meta, '---', '', preamble, '', ...sections.map((s) => `${markdownSection(s)}\n`), closing, ''].join('\n');
}
