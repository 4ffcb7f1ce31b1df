// Hover: on a citation, the registry entry and what the text says differently; on a heading, what the template expects there.

import { Hover, MarkupKind } from 'vscode-languageserver/node';
import { Citation, citationAt, sourceSpan } from '../core/citations/analysis';
import { issuerMatches, parseRegistryDate, sameDate, sameTerm, titleAgrees } from '../core/citations/registry';
import { issuerContradicts } from '../core/citations/workspace';
import { typeAgrees, typeWordSpec } from '../core/citations/type-codes';
import { DatedView, viDate } from '../core/data/as-of';
import { KnowledgeBase, RegistryEntry, SectionSlot, VariantSpec } from '../core/data/types';
import { Lang } from '../core/findings';
import { PlanModel, Section } from '../core/model';
import { expectedSubsections, hasSubsection, matchAssignments, matchSections, matchTaskGroups, SectionEntry, SectionMatch, slotRequired, TaskGroupMatch } from '../core/template/match';
import { fold } from '../core/text/normalize';
import { variantInSentence } from '../core/rules/rule';
import { guarded, ServerContext } from './context';
import { toOffset, toRange } from './convert';
import { Analysis, citationsOf, viewOf } from './documents';
import { variantOf } from './symbols';
import { appendAll } from '../core/arrays';

type L = { vi: string; en: string };
const T = {
  type: { vi: 'Loại văn bản', en: 'Type' },
  date: { vi: 'Ngày ban hành', en: 'Date' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issuer' },
  term: { vi: 'Khóa', en: 'Term' },
  title: { vi: 'Trích yếu', en: 'Subject' },
  note: { vi: 'Ghi chú', en: 'Note' },
  inRegistry: { vi: 'theo danh mục văn bản', en: 'from the registry' },
  inWorkspace: { vi: 'kế hoạch trong thư mục làm việc: {file}', en: 'a plan of the workspace: {file}' },
  differs: { vi: 'Khác với danh mục', en: 'Differs from the registry' },
  matches: { vi: 'Khớp với danh mục.', en: 'Matches the registry.' },
  written: { vi: 'ghi', en: 'written' },
  expected: { vi: 'đúng là', en: 'registry' },
  typeSymbol: { vi: 'không khớp loại trong ký hiệu', en: 'does not agree with the type in the symbol' },
  earlier: { vi: 'Dẫn lại văn bản đã viện dẫn ở trên.', en: 'Refers back to a document cited above.' },
  firstNoDate: { vi: 'Đây là lần viện dẫn đầu tiên: cần ghi ngày ban hành và cơ quan ban hành.', en: 'This is the first citation: give the date and the issuer.' },
  ambiguous: { vi: 'Ký hiệu này ứng với nhiều văn bản (số văn bản của Đảng được đánh lại theo nhiệm kỳ); ghi ngày ban hành để phân biệt:', en: 'This symbol names several documents (Party numbers restart every term); give the date to tell which:' },
  conflict: { vi: 'Ngày ghi không khớp văn bản nào mang ký hiệu này:', en: 'The date matches none of the documents with this symbol:' },
  unknown: { vi: 'Văn bản trung ương này không có trong danh mục (hoặc không có ở khóa đã ghi).', en: 'This central document is not in the registry (or not for the term written).' },
  candidates: { vi: 'Các văn bản cùng ký hiệu trong danh mục:', en: 'Documents with this symbol in the registry:' },
  local: {
    vi: 'Văn bản địa phương không có trong danh mục, cũng không có trong thư mục làm việc: đặt kế hoạch đó vào thư mục, hoặc thêm vào tệp danh mục của đơn vị (cài đặt plan43.registryFiles) để được kiểm tra.',
    en: 'A local document neither in the registry nor in the workspace: put that plan in the folder, or add it to your registry file (setting plan43.registryFiles), to have it checked.',
  },
  malformed: { vi: 'Ký hiệu không theo quy tắc số, ký hiệu văn bản.', en: 'The symbol follows no known grammar.' },
  section: { vi: 'Phần {n}/{total} của mẫu', en: 'Section {n} of {total} in the template' },
  required: { vi: 'bắt buộc', en: 'required' },
  optional: { vi: 'không bắt buộc', en: 'optional' },
  last: { vi: 'phải là phần cuối cùng', en: 'must be the last section' },
  accepted: { vi: 'Tiêu đề được chấp nhận', en: 'Accepted headings' },
  subsections: { vi: 'Tiểu mục theo mẫu', en: 'Expected subsections' },
  shape: { vi: 'Bố cục', en: 'Structure' },
  groups: { vi: 'Các nhóm nhiệm vụ của Nghị quyết', en: 'Task groups of the Resolution' },
  groupsIn: { vi: 'Các nhóm nhiệm vụ của Nghị quyết (trong mục "{part}")', en: 'Task groups of the Resolution (in "{part}")' },
  resolutionPart: { vi: 'Phần về Nghị quyết của chương trình thực hiện nhiều nghị quyết: các nhóm nhiệm vụ được đối chiếu ở đây.', en: 'The part about the Resolution in a programme for several resolutions: the task groups are checked here.' },
  partOf: { vi: 'Một phần của nhóm nhiệm vụ {id} của Nghị quyết', en: 'Part of task group {id} of the Resolution' },
  assignments: { vi: 'Phân công thường có', en: 'Usual assignments' },
  monitoring: { vi: 'Có cơ quan theo dõi, đôn đốc, báo cáo', en: 'A body follows up and reports' },
  noMonitoring: { vi: 'Chưa có cơ quan được giao theo dõi, đôn đốc, báo cáo', en: 'No body is charged with follow-up and reporting' },
  unknownSection: { vi: 'Tiêu đề này không khớp phần nào của mẫu {variant}. Các phần theo mẫu:', en: 'This heading matches no section of the template for a {variant}. Its sections:' },
  noVariant: { vi: 'Chưa xác định được loại kế hoạch (trường "variant": party hoặc state), nên chưa đối chiếu được với mẫu.', en: 'The kind of plan is not known (key "variant": party or state), so the heading cannot be compared with the template.' },
  group: { vi: 'Nhóm nhiệm vụ {id} của Nghị quyết', en: 'Task group {id} of the Resolution' },
  localGroup: { vi: 'Nhóm riêng của địa phương: không khớp nhóm nào trong các nhóm nhiệm vụ của Nghị quyết.', en: 'A local group: it matches none of the Resolution task groups.' },
  asOfPlan: { vi: 'Đối chiếu theo mẫu {level}, tại ngày {date} (ngày của kế hoạch).', en: 'Compared with the {level} template as of {date} (the plan\'s date).' },
  asOfToday: { vi: 'Đối chiếu theo mẫu {level}, tại ngày {date} (kế hoạch chưa ghi ngày nên tính là hôm nay).', en: 'Compared with the {level} template as of {date} (the plan has no date yet, so today).' },
  asOfLatest: { vi: 'Đối chiếu theo mẫu {level}, theo dữ liệu mới nhất (chưa rõ ngày của kế hoạch).', en: 'Compared with the {level} template, newest data (the plan\'s date is not known).' },
};

function t(x: L, lang: Lang, data: Record<string, string | number> = {}): string {
  return x[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

function entryLines(e: RegistryEntry, lang: Lang): string[] {
  const out = [
    `- ${t(T.type, lang)}: ${e.type}`,
    `- ${t(T.date, lang)}: ${e.date}`,
    `- ${t(T.issuer, lang)}: ${e.issuer}`,
  ];
  if (e.term) out.push(`- ${t(T.term, lang)}: ${e.term}`);
  if (e.title) out.push(`- ${t(T.title, lang)}: ${e.title}`);
  if (e.note) out.push(`- ${t(T.note, lang)}: ${e.note}`);
  return out;
}

function candidateLine(e: RegistryEntry): string {
  return `- ${e.type} số ${e.symbol}, ngày ${e.date} của ${e.issuer}${e.term ? ` khóa ${e.term}` : ''}${e.title ? ` — ${e.title}` : ''}`;
}

/** What the citation says that the registry entry contradicts. */
export function citationDifferences(c: Citation, e: RegistryEntry, lang: Lang): string[] {
  const out: string[] = [];
  const w = t(T.written, lang);
  const x = t(T.expected, lang);
  if (c.typeWord && !c.typeWord.inherited) {
    const spec = typeWordSpec(c.typeWord.text);
    if (spec && fold(spec.word) !== fold(e.type)) out.push(`${t(T.type, lang)}: ${w} "${c.typeWord.text}", ${x} "${e.type}"`);
    else if (spec && !typeAgrees(spec, c.symbol.typeCode)) out.push(`${t(T.type, lang)} "${c.typeWord.text}" ${t(T.typeSymbol, lang)} ${c.symbol.symbol}`);
  }
  const date = parseRegistryDate(e.date);
  if (c.date && date && !sameDate(c.date, date)) out.push(`${t(T.date, lang)}: ${w} ${c.date.text}, ${x} ${e.date}`);
  if (c.issuer && !issuerMatches(c.issuer.text, e) && (e.scope !== 'workspace' || issuerContradicts(c.issuer.text, e))) out.push(`${t(T.issuer, lang)}: ${w} "${c.issuer.text}", ${x} "${e.issuer}"`);
  if (c.term && e.term && !sameTerm(c.term.text, e.term)) out.push(`${t(T.term, lang)}: ${w} ${c.term.text}, ${x} ${e.term}`);
  if (c.title && !titleAgrees(c.title.text, e)) out.push(`${t(T.title, lang)}: ${w} "${c.title.text}", ${x} "${e.title ?? ''}"`);
  return out;
}

export function citationHover(c: Citation, lang: Lang): string {
  const r = c.resolution;
  const head = `**${c.typeWord ? `${c.typeWord.text} số ` : ''}${c.symbol.symbol}**`;
  const out: string[] = [];
  switch (r.status) {
    case 'resolved': {
      const where = r.entry.scope === 'workspace' ? t(T.inWorkspace, lang, { file: r.entry.origin?.label ?? '' }) : t(T.inRegistry, lang);
      out.push(`${head} — ${where}`, '');
      appendAll(out, entryLines(r.entry, lang)).push('');
      const diffs = citationDifferences(c, r.entry, lang);
      if (diffs.length) appendAll(out, [`**${t(T.differs, lang)}:**`, '', ...diffs.map((d) => `- ${d}`)]);
      else out.push(t(T.matches, lang));
      if (r.by === 'earlier') out.push('', t(T.earlier, lang));
      break;
    }
    case 'ambiguous':
      out.push(head, '', t(T.ambiguous, lang), '', ...r.candidates.map(candidateLine));
      break;
    case 'conflict':
      out.push(head, '', t(T.conflict, lang), '', ...r.candidates.map(candidateLine));
      break;
    case 'unknown':
      out.push(head, '', t(T.unknown, lang));
      if (r.candidates.length) out.push('', t(T.candidates, lang), '', ...r.candidates.map(candidateLine));
      break;
    default:
      out.push(head, '', c.symbol.malformed === 'grammar' ? t(T.malformed, lang) : t(T.local, lang));
  }
  if (c.first && !c.date && r.status !== 'unchecked') out.push('', t(T.firstNoDate, lang));
  return out.join('\n');
}

function check(ok: boolean): string {
  return ok ? '✓' : '✗';
}

/** Which template the hover compares with: the plan's level and the day its facts are taken on. */
function asOfLine(view: DatedView, lang: Lang): string {
  const level = view.levelSpec?.label[lang] ?? view.level;
  const which = view.basis === 'plan' ? T.asOfPlan : view.basis === 'today' ? T.asOfToday : T.asOfLatest;
  return `_${t(which, lang, { level, date: viDate(view.date) })}_`;
}

function sectionHover(entry: SectionEntry, match: SectionMatch, variant: VariantSpec, view: DatedView, lang: Lang): string {
  const kb = view.kb;
  const out: string[] = [];
  const required = (s: SectionSlot): string => (slotRequired(s, match.shape) ? t(T.required, lang) : t(T.optional, lang));
  if (!entry.slot) {
    out.push(t(T.unknownSection, lang, { variant: variantInSentence(variant, lang) }), '');
    variant.sections.forEach((s) => out.push(`- ${s.forms.map((f) => f.preferred).join(' / ')} (${required(s)})`));
    return out.join('\n');
  }
  const slot = entry.slot;
  const form = entry.form ?? slot.forms[0];
  const flags = [required(slot), ...(slot.last ? [t(T.last, lang)] : [])];
  out.push(`**${form.preferred}** — ${t(T.section, lang, { n: entry.slotIndex + 1, total: variant.sections.length })} · ${variant.label[lang]} (${flags.join(', ')})`, '');
  if (match.shape) out.push(`${t(T.shape, lang)}: ${match.shape.label[lang]}.`, '');
  out.push(form.description[lang], '');
  out.push(`${t(T.accepted, lang)}: ${[...new Set(slot.forms.flatMap((f) => f.headings))].map((h) => `"${h}"`).join(', ')}`);
  const section = entry.section;
  const subsections = expectedSubsections(slot, form, match.shape);
  if (subsections.length) {
    out.push('', `**${t(T.subsections, lang)}:**`, '');
    for (const sub of subsections) {
      out.push(`- ${check(hasSubsection(section, sub.heading))} ${sub.heading} (${sub.required ? t(T.required, lang) : t(T.optional, lang)})`);
    }
  }
  if (slot.tasks) appendAll(out, ['', ...groupChecklist(matchTaskGroups(section, kb.template), section, kb, lang)]);
  if (slot.implementation) {
    const match = matchAssignments(section, variant);
    const present = new Set(match.present.map((a) => a.id));
    out.push('', `**${t(T.assignments, lang)}:**`, '');
    for (const a of variant.implementation.assignments) out.push(`- ${check(present.has(a.id))} ${a.label[lang]}`);
    out.push('', `${check(match.monitoring)} ${match.monitoring ? t(T.monitoring, lang) : t(T.noMonitoring, lang)}`);
  }
  out.push('', asOfLine(view, lang));
  return out.join('\n');
}

/** The seven groups, each ticked when an item covers it; the part the groups are in when it is not the tasks section itself. */
function groupChecklist(match: TaskGroupMatch, tasks: Section, kb: KnowledgeBase, lang: Lang): string[] {
  const covered = new Set(match.items.filter((s) => s.group).map((s) => s.group!.id));
  const title = match.container === tasks ? t(T.groups, lang) : t(T.groupsIn, lang, { part: match.container.heading.raw.text.trim() });
  return [`**${title}:**`, '', ...kb.template.taskGroups.map((g) => `- ${check(covered.has(g.id))} ${g.id}. ${g.title}`)];
}

/** Hover of a heading inside the tasks section: the group an item covers, or the checklist of the part the groups are in. */
function subsectionHover(section: Section, tasks: Section, kb: KnowledgeBase, lang: Lang): string | undefined {
  const match = matchTaskGroups(tasks, kb.template);
  if (match.container === section && section !== tasks) return [t(T.resolutionPart, lang), '', ...groupChecklist(match, tasks, kb, lang)].join('\n');
  const entry = match.items.find((s) => s.section === section);
  if (!entry) return undefined;
  if (entry.partOf) return [`**${t(T.partOf, lang, { id: entry.partOf.id })}**`, '', entry.partOf.title].join('\n');
  if (!entry.group) return t(T.localGroup, lang);
  return [`**${t(T.group, lang, { id: entry.group.id })}**`, '', entry.group.title].join('\n');
}

/** The heading under the cursor and its top-level section, if any. */
function headingAt(plan: PlanModel, offset: number): { section: Section; top: Section } | undefined {
  for (const top of plan.sections) {
    if (offset < top.span.start || offset > Math.max(top.span.end, top.heading.span.end)) continue;
    if (offset <= top.heading.span.end) return { section: top, top };
    const stack = [...top.children];
    while (stack.length) {
      const s = stack.shift()!;
      if (offset >= s.heading.span.start && offset <= s.heading.span.end) return { section: s, top };
      appendAll(stack, s.children);
    }
  }
  return undefined;
}

export function hover(analysis: Analysis, offset: number): Hover | null {
  const { plan } = analysis;
  // The template as of the plan's date and level: the checklist is what the rules expect.
  const view = viewOf(analysis);
  const kb = view.kb;
  const lang = analysis.settings.lang;
  if (!plan.isPlan) return null;

  const citations = citationsOf(analysis);
  const c = citationAt(citations, offset);
  const span = c && sourceSpan(c, c);
  if (c && span && offset >= span.start && offset <= span.end) {
    return { contents: { kind: MarkupKind.Markdown, value: citationHover(c, lang) }, range: toRange(plan.lines, span.start, span.end) };
  }

  const at = headingAt(plan, offset);
  if (!at) return null;
  const variant = variantOf(plan, kb);
  const range = toRange(plan.lines, at.section.heading.span.start, at.section.heading.span.end);
  if (!variant) return { contents: { kind: MarkupKind.Markdown, value: t(T.noVariant, lang) }, range };
  const match = matchSections(plan, variant, kb.template);
  if (at.section === at.top) {
    const entry = match.entries.find((e) => e.section === at.top);
    return entry ? { contents: { kind: MarkupKind.Markdown, value: sectionHover(entry, match, variant, view, lang) }, range } : null;
  }
  if (match.tasks?.section === at.top) {
    const value = subsectionHover(at.section, at.top, kb, lang);
    return value ? { contents: { kind: MarkupKind.Markdown, value }, range } : null;
  }
  return null;
}

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(
    guarded(ctx, 'textDocument/hover', null as Hover | null, async (params) => {
      const analysis = await ctx.analyze(params.textDocument.uri);
      if (!analysis) return null;
      return hover(analysis, toOffset(analysis.plan.lines, params.position));
    }),
  );
}
