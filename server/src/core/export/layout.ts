// Lays a plan out as an official document: header blocks, number, place and date, kind and subject, body, recipients, signature.

import MarkdownIt from 'markdown-it';
import { KnowledgeBase, VariantId } from '../data/types';
import { Localized } from '../findings';
import { Block, PlanModel, Section } from '../model';
import { decideVariant } from '../template/variant';
import { fold } from '../text/normalize';
import { NATIONAL, OFFICIAL, OfficialLayout } from './official';

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface LayoutRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

/** What a paragraph is; the writer gives headings Word's heading styles. */
export type ParagraphRole =
  | 'national'
  | 'motto'
  | 'issuer-parent'
  | 'issuer'
  | 'star'
  | 'number'
  | 'date'
  | 'kind'
  | 'subject'
  | 'rule'
  | 'preamble'
  | 'heading-1'
  | 'heading-2'
  | 'heading-3'
  | 'body'
  | 'closing'
  | 'note'
  | 'recipients-title'
  | 'recipient'
  | 'authority'
  | 'acting'
  | 'title'
  | 'signature-space'
  | 'name';

export interface LayoutParagraph {
  role: ParagraphRole;
  runs: LayoutRun[];
  align: Align;
  /** Size in points. */
  size: number;
  /** First-line indent, millimetres. */
  indent?: number;
  /** Space before and after, points. */
  before?: number;
  after?: number;
  /** Line spacing as a multiple of single spacing. */
  lineSpacing?: number;
  /** A rule paragraph: a line of this length (millimetres), centred in its column. */
  ruleWidth?: number;
  keepWithNext?: boolean;
}

/** A borderless table of one row: the header blocks, or the recipients beside the signature. */
export interface LayoutTable {
  role: 'header' | 'closing';
  /** Column widths in millimetres. */
  widths: number[];
  cells: LayoutParagraph[][];
}

export type LayoutBlock = { type: 'paragraph'; paragraph: LayoutParagraph } | { type: 'table'; table: LayoutTable };

export interface ExportLayout {
  variant: VariantId;
  page: OfficialLayout['page'];
  margins: OfficialLayout['margins'];
  font: string;
  /** Page numbers: centred in the top margin from the second page on. */
  pageNumbers: { size: number; fromPage: number };
  blocks: LayoutBlock[];
  /** Things the drafter should know (variant guessed, metadata missing). */
  warnings: Localized[];
}

const md = new MarkdownIt('commonmark');

/** Markdown emphasis of a line of text as runs (the text of a block is its Markdown source). */
export function inlineRuns(source: string, base: Omit<LayoutRun, 'text'> = {}): LayoutRun[] {
  const runs: LayoutRun[] = [];
  let bold = 0;
  let italic = 0;
  const push = (text: string): void => {
    if (text === '') return;
    const run: LayoutRun = { text, ...base };
    if (bold > 0) run.bold = true;
    if (italic > 0) run.italic = true;
    const last = runs[runs.length - 1];
    if (last && last.bold === run.bold && last.italic === run.italic && last.underline === run.underline) last.text += text;
    else runs.push(run);
  };
  for (const token of md.parseInline(source, {})) {
    for (const t of token.children ?? []) {
      if (t.type === 'strong_open') bold++;
      else if (t.type === 'strong_close') bold--;
      else if (t.type === 'em_open') italic++;
      else if (t.type === 'em_close') italic--;
      else if (t.type === 'softbreak' || t.type === 'hardbreak') push(' ');
      else if (t.type === 'text' || t.type === 'code_inline' || t.type === 'html_inline') push(t.content);
    }
  }
  // Comments are masked as spaces by the parser: trim what they leave at the ends.
  if (runs.length > 0) {
    runs[0].text = runs[0].text.replace(/^\s+/u, '');
    runs[runs.length - 1].text = runs[runs.length - 1].text.replace(/\s+$/u, '');
  }
  return runs.filter((r) => r.text !== '');
}

/** Rough width in millimetres of a line of Times New Roman, for the rules drawn under a line of text. */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.25;
    else if (/\p{Lu}/u.test(ch)) em += bold ? 0.72 : 0.68;
    else if (/\p{Ll}/u.test(ch)) em += bold ? 0.5 : 0.46;
    else if (/\d/u.test(ch)) em += 0.5;
    else em += 0.33;
  }
  return em * size * (25.4 / 72);
}

function upper(s: string): string {
  return s.toLocaleUpperCase('vi');
}

/**
 * The issuer block at the top left. A Party document is issued in the name of the committee
 * ("TỈNH ỦY LẠNG SƠN"; its Standing Committee and its Executive Committee issue under that name,
 * HD 36-HD/VPTW); a People's Committee prints its name over two lines ("ỦY BAN NHÂN DÂN" /
 * "TỈNH HÀ TĨNH", NĐ 30/2020/NĐ-CP).
 */
export function issuerLines(issuer: string, variant: VariantId, kb: KnowledgeBase): string[] {
  const name = issuer.replace(/\s+/gu, ' ').trim();
  if (name === '') return [];
  if (variant === 'party') {
    const committee = name
      .replace(/^Ban Chấp hành Đảng bộ (tỉnh|thành phố)\s+/iu, (_m, level: string) => (fold(level) === 'tỉnh' ? 'Tỉnh ủy ' : 'Thành ủy '))
      .replace(/^Ban Thường vụ\s+/iu, '');
    return [upper(committee)];
  }
  const f = fold(name);
  for (const cue of kb.template.variants.state.issuerCues) {
    const c = fold(cue);
    if (f.startsWith(`${c} `) && f.length === name.length) return [upper(name.slice(0, cue.length)), upper(name.slice(cue.length).trim())];
  }
  return [upper(name)];
}

/** The marker a list item is written with ("- ", "1. "), read from the source before its text. */
function listMarker(plan: PlanModel, block: Block): string {
  const lineStart = plan.lines.lineStart(plan.lines.positionAt(block.span.start).line);
  const prefix = plan.text.slice(lineStart, block.span.start);
  const m = /([-*+•]|\d{1,9}[.)])\s*$/u.exec(prefix);
  if (!m) return '- ';
  return /^[*+•]$/u.test(m[1]) ? '- ' : `${m[1]} `;
}

function metaValue(plan: PlanModel, key: 'kind' | 'issuer' | 'number' | 'place' | 'date' | 'subject'): string {
  return (plan.meta[key]?.value ?? '').replace(/\s+/gu, ' ').trim();
}

/** Lays the plan out in its variant's official form. */
export function layoutPlan(plan: PlanModel, kb: KnowledgeBase): ExportLayout {
  const warnings: Localized[] = [];
  const decided = decideVariant(plan, kb.template).id;
  if (!decided) {
    warnings.push({
      vi: 'Không xác định được văn bản của cấp ủy hay của Ủy ban nhân dân (trường "variant"); dùng thể thức văn bản của Đảng.',
      en: 'Could not tell a Party from a state document (key "variant"); the Party layout is used.',
    });
  }
  const variant: VariantId = decided ?? 'party';
  const o = OFFICIAL[variant];
  const s = o.sizes;
  const textWidthMm = o.page.width - o.margins.left - o.margins.right;
  const headerWidths = [textWidthMm * o.headerLeft, textWidthMm * (1 - o.headerLeft)];
  const closingWidths = [textWidthMm * o.closingLeft, textWidthMm * (1 - o.closingLeft)];
  const p = (role: ParagraphRole, runs: LayoutRun[], align: Align, size: number, extra: Partial<LayoutParagraph> = {}): LayoutParagraph => ({
    role,
    runs,
    align,
    size,
    ...extra,
  });
  const rule = (width: number): LayoutParagraph => p('rule', [], 'center', 2, { ruleWidth: width, before: 0, after: 0 });

  // Header: issuer and number on the left, the Party's title or the national name and motto on the right.
  const issuer = metaValue(plan, 'issuer');
  const lines = issuerLines(issuer, variant, kb);
  if (lines.length === 0) warnings.push({ vi: 'Thiếu cơ quan ban hành (trường "issuer").', en: 'The issuer is missing (key "issuer").' });
  const number = metaValue(plan, 'number') || (variant === 'state' ? 'Số:      /' : 'Số      -');
  const place = metaValue(plan, 'place');
  const date = metaValue(plan, 'date') || 'ngày      tháng      năm      ';
  const dateLine = place ? `${place}, ${date}` : date;
  const left: LayoutParagraph[] = [];
  const right: LayoutParagraph[] = [];
  if (variant === 'party') {
    for (const l of lines) left.push(p('issuer', [{ text: l, bold: true }], 'center', s.issuer));
    left.push(p('star', [{ text: '*' }], 'center', s.issuer));
    left.push(p('number', [{ text: number }], 'center', s.number));
    right.push(p('national', [{ text: NATIONAL.party.title, bold: true }], 'center', s.national));
    right.push(rule(textWidth(NATIONAL.party.title, s.national, true)));
    right.push(p('date', [{ text: dateLine, italic: true }], 'center', s.date, { before: 12 }));
  } else {
    lines.forEach((l) => left.push(p('issuer', [{ text: l, bold: true }], 'center', s.issuer)));
    // NĐ 30: a rule under the issuer, a third to a half of its length.
    const widest = Math.max(0, ...lines.map((l) => textWidth(l, s.issuer, true)));
    if (widest > 0) left.push(rule(widest * 0.4));
    left.push(p('number', [{ text: number }], 'center', s.number, { before: 6 }));
    right.push(p('national', [{ text: NATIONAL.state.title, bold: true }], 'center', s.national));
    right.push(p('motto', [{ text: NATIONAL.state.motto, bold: true }], 'center', s.motto));
    right.push(rule(textWidth(NATIONAL.state.motto, s.motto, true)));
    right.push(p('date', [{ text: dateLine, italic: true }], 'center', s.date, { before: 6 }));
  }
  const blocks: LayoutBlock[] = [{ type: 'table', table: { role: 'header', widths: headerWidths, cells: [left, right] } }];
  const para = (x: LayoutParagraph): void => {
    blocks.push({ type: 'paragraph', paragraph: x });
  };

  // Kind and subject, centred, with a short rule under the subject.
  const kind = metaValue(plan, 'kind');
  const subject = metaValue(plan, 'subject');
  if (kind) para(p('kind', [{ text: kind, bold: true }], 'center', s.kind, { before: 18, after: 0, keepWithNext: true }));
  else warnings.push({ vi: 'Thiếu tên loại văn bản (trường "kind").', en: 'The document kind is missing (key "kind").' });
  if (subject) para(p('subject', inlineRuns(subject, { bold: true }), 'center', s.subject, { after: 0, keepWithNext: true }));
  para({ ...rule(textWidthMm / 4), after: 12 });

  // Body.
  const body = (role: ParagraphRole, runs: LayoutRun[], extra: Partial<LayoutParagraph> = {}): void =>
    para(p(role, runs, 'justify', s.body, { indent: o.indent, after: o.paragraphAfter, lineSpacing: o.lineSpacing, ...extra }));
  const blockRuns = (b: Block): LayoutRun[] => {
    const runs = inlineRuns(b.text.text);
    if (b.kind === 'list-item') runs.unshift({ text: listMarker(plan, b) });
    return runs;
  };
  for (const b of plan.preamble) {
    // A "# KẾ HOẠCH" title in the body is the kind, printed above from the metadata.
    if (b.kind === 'heading') continue;
    body('preamble', blockRuns(b));
  }
  const section = (sec: Section): void => {
    const level = sec.heading.level;
    const role: ParagraphRole = level <= 2 ? 'heading-1' : level === 3 ? 'heading-2' : 'heading-3';
    body(role, inlineRuns(sec.heading.raw.text, { bold: true, ...(level >= 4 ? { italic: true } : {}) }), { keepWithNext: true, align: 'justify' });
    for (const b of sec.blocks) body('body', blockRuns(b));
    sec.children.forEach(section);
  };
  plan.sections.forEach(section);
  if (plan.closing) body('closing', blockRuns(plan.closing));
  for (const b of plan.trailing) para(p('note', blockRuns(b), 'justify', s.recipients + 1, { after: 3 }));

  // Recipients on the left, the signature on the right.
  const recipients = plan.meta.recipients?.value ?? [];
  const closingLeft: LayoutParagraph[] = [];
  if (recipients.length > 0) {
    closingLeft.push(
      variant === 'party'
        ? p('recipients-title', [{ text: 'Nơi nhận:', underline: true }], 'left', s.recipientsTitle, { before: 12, after: 0 })
        : p('recipients-title', [{ text: 'Nơi nhận:', bold: true, italic: true }], 'left', s.recipientsTitle, { before: 12, after: 0 }),
    );
    for (const r of recipients) closingLeft.push(p('recipient', [{ text: `- ${r.value.replace(/\s+/gu, ' ').trim()}` }], 'left', s.recipients, { after: 0 }));
  } else {
    warnings.push({ vi: 'Thiếu nơi nhận (trường "recipients").', en: 'The recipients are missing (key "recipients").' });
  }
  const signer = plan.meta.signer;
  const closingRight: LayoutParagraph[] = [];
  const sig = (role: ParagraphRole, v: string | undefined): void => {
    const t = (v ?? '').replace(/\s+/gu, ' ').trim();
    if (t) closingRight.push(p(role, [{ text: t, bold: true }], 'center', s.signature, { before: closingRight.length === 0 ? 12 : 0, after: 0 }));
  };
  sig('authority', signer?.authority?.value);
  sig('acting', signer?.acting?.value);
  sig('title', signer?.title?.value);
  if (closingRight.length === 0) warnings.push({ vi: 'Thiếu khối chữ ký (trường "signer").', en: 'The signature block is missing (key "signer").' });
  for (let i = 0; i < o.signatureGap; i++) closingRight.push(p('signature-space', [], 'center', s.signature, { after: 0 }));
  sig('name', signer?.name?.value);
  blocks.push({ type: 'table', table: { role: 'closing', widths: closingWidths, cells: [closingLeft, closingRight] } });

  return {
    variant,
    page: o.page,
    margins: o.margins,
    font: o.font,
    pageNumbers: { size: s.body, fromPage: 2 },
    blocks,
    warnings,
  };
}
