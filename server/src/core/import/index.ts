// Turns the plain text of an existing plan (from Word or PDF) into a structured Markdown plan, listing every repair it makes.

import { compilePattern, testPattern } from '../data/pattern';
import { KnowledgeBase, ParentRequirement, VariantId } from '../data/types';
import { classifyBody } from './body';
import { emitMarkdown, PlanDraft } from './emit';
import {
  isKindLine,
  issuerFromCapitals,
  issuerFromPreamble,
  kindNames,
  lacksPlace,
  parentsCited,
  provinceOf,
  readHead,
  variantOfIssuer,
} from './front';
import { withoutMarkup } from '../text/inline-markup';
import { Ledger, LINE_POSITIONS, LineRole, outranks, paragraphPositions, Positions } from './ledger';
import { assemble, Line, readSource, Unit } from './source';
import { isSignatureLine, readTail, startsTail } from './tail';
import { ImportAccount, ImportOptions, ImportResult, Inference, Repair, SourceParagraph } from './types';
import { excerpt, oneLine, romanHeadingStart } from './text';
import { normalizeTypography } from './typography';
import { WordDocument } from './word/document';
import { wordLines } from './word/lines';

export type { ImportAccount, ImportOptions, ImportResult, Inference, Repair, RepairId, SourceParagraph } from './types';

/** Every signing-authority prefix the template knows, of both variants ("T/M", "TM.", "KT." …). */
function signaturePrefixes(kb: KnowledgeBase): string[] {
  const out = new Set<string>();
  for (const v of Object.values(kb.template.variants)) {
    for (const p of [...v.signature.authorityPrefixes, ...v.signature.wrongPrefixes]) out.add(p);
  }
  // Longest first, so that "TUQ." is tried before "TL.".
  return [...out].sort((a, b) => b.length - a.length);
}

function variantOfSignature(authority: string | undefined, kb: KnowledgeBase): VariantId | undefined {
  if (!authority) return undefined;
  for (const v of Object.values(kb.template.variants)) {
    if (isSignatureLine(authority, v.signature.authorityPrefixes)) return v.id;
  }
  return undefined;
}

function variantOfNumber(number: string | undefined, kb: KnowledgeBase): VariantId | undefined {
  if (!number) return undefined;
  for (const v of Object.values(kb.template.variants)) {
    if (testPattern(compilePattern(v.numberPattern), number)) return v.id;
  }
  return undefined;
}

/** Repairs for paragraphs joined from several lines (headings report their own). */
function joinRepairs(units: readonly Unit[], layout: ImportResult['layout'], headingLines: ReadonlySet<number>, repairs: Repair[], pos: Positions): number {
  let wrapped = 0;
  for (const u of units) {
    if (headingLines.has(u.line)) continue;
    for (const j of u.joins) {
      const from = pos.at(j.line);
      const to = pos.at(u.line);
      if (j.reason === 'bracket') {
        repairs.push({
          id: 'line-join',
          line: j.line,
          message: {
            vi: `Nối dấu ngoặc bị xuống dòng ở ${from.vi} vào đoạn ở ${to.vi}.`,
            en: `Joined the bracket broken onto ${from.en} to the paragraph on ${to.en}.`,
          },
        });
      } else if (j.gap) {
        repairs.push({
          id: 'page-break',
          line: j.line,
          message: {
            vi: `Nối câu bị ngắt trang: ${from.vi} tiếp nối đoạn bắt đầu ở ${to.vi} ("${excerpt(u.text, 40)}").`,
            en: `Rejoined a sentence split by a page break: ${from.en} continues the paragraph starting on ${to.en} ("${excerpt(u.text, 40)}").`,
          },
        });
      } else if (layout === 'hard-wrapped') {
        wrapped++;
      } else {
        repairs.push({
          id: 'line-join',
          line: j.line,
          message: {
            vi: `Nối ${from.vi} (bắt đầu bằng chữ thường) vào đoạn ở ${to.vi}.`,
            en: `Joined ${from.en} (it starts in lower case) to the paragraph on ${to.en}.`,
          },
        });
      }
    }
  }
  return wrapped;
}

/** What the importer reads, whatever the file: lines of text, and how to name a place in the file. */
interface SourceInput {
  lines: readonly string[];
  pos: Positions;
  /** Word only: paragraphs in heading styles, by line; footnotes to write at the end. */
  headingLevels?: ReadonlyMap<number, number>;
  footnotes?: ReadonlyArray<{ label: string; text: string }>;
  word?: boolean;
}

/** The repairs that remove lines from the text read: their lines are left out, and say why. */
const DROPPING = new Set(['page-number', 'separator']);

/**
 * Reads the text of a plan as extracted from Word or PDF and writes it as a Markdown plan. The
 * body text is kept as written; what is changed (joined lines, removed page numbers, split
 * headings …) is listed in `repairs`, and what is inferred (issuer, variant, parents …) in `inferred`.
 */
export function importPlanText(text: string, kb: KnowledgeBase, options: ImportOptions = {}): ImportResult {
  const repairs: Repair[] = [...(options.readerRepairs ?? [])];
  const lines = text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .map((line, i) => typographyOf(line, i + 1, false, repairs));
  const result = importSource({ lines, pos: LINE_POSITIONS }, kb, options, repairs);
  return {
    markdown: result.markdown,
    repairs: result.repairs,
    inferred: result.inferred,
    layout: result.layout,
    source: 'text',
    account: account(result.roles, lines, (line) => line, 'line', 0),
  };
}

/** A line with Word's invisible characters replaced, the change listed as a repair. */
function typographyOf(line: string, number: number, prose: boolean, repairs: Repair[]): string {
  const t = normalizeTypography(line, prose);
  if (t.changes) repairs.push({ id: 'typography', line: number, message: t.changes });
  return t.text;
}

/**
 * Reads the paragraphs of a Word document (see word/document.ts) as a plan: the same reading as
 * for text, with the paragraphs as lines, Word's list numbers written out, footnotes written as
 * Markdown footnotes, and every repair located by its paragraph.
 */
export function importWordDocument(doc: WordDocument, kb: KnowledgeBase, options: ImportOptions = {}): ImportResult {
  const prefixes = signaturePrefixes(kb);
  const read = wordLines(doc, (t) => startsTail(t, prefixes), kindNames(kb));
  const repairs: Repair[] = [...(options.readerRepairs ?? []), ...read.repairs];
  const lines = read.lines.map((line, i) => typographyOf(line, i + 1, read.prose[i], repairs));
  const paragraphOf = (line: number): number => read.paragraphOf[line - 1] ?? 0;
  const result = importSource(
    { lines, pos: paragraphPositions(paragraphOf), headingLevels: read.headingLevels, footnotes: doc.footnotes, word: true },
    kb,
    options,
    repairs,
  );
  const quotes = new Map(doc.paragraphs.map((p) => [p.index, excerpt(p.plain, 40)]));
  const locate = (line: number): SourceParagraph | undefined => {
    const paragraph = paragraphOf(line);
    return paragraph > 0 ? { paragraph, quote: quotes.get(paragraph) ?? '' } : undefined;
  };
  const withSource = <T extends { line: number }>(x: T): T & { source?: SourceParagraph } => {
    const where = x.line > 0 ? locate(x.line) : undefined;
    return where ? { ...x, source: where } : x;
  };
  return {
    markdown: result.markdown,
    repairs: result.repairs.map(withSource),
    inferred: result.inferred.map(withSource),
    layout: result.layout,
    source: 'word',
    account: account(result.roles, lines, paragraphOf, 'paragraph', doc.footnotes.length),
  };
}

/** What became of every line (or paragraph) that has text; a paragraph is left out only when all its lines are. */
function account(roles: Ledger, lines: readonly string[], unitOf: (line: number) => number, unit: ImportAccount['unit'], footnotes: number): ImportAccount {
  const of = new Map<number, LineRole>();
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    const role = roles.roleOf(i + 1) ?? 'dropped';
    const u = unitOf(i + 1);
    if (outranks(role, of.get(u))) of.set(u, role);
  });
  const count = (pred: (r: LineRole) => boolean): number => [...of.values()].filter(pred).length;
  return {
    unit,
    total: of.size,
    front: count((r) => r === 'front'),
    body: count((r) => r === 'body' || r === 'footnote'),
    dropped: count((r) => r === 'dropped'),
    footnotes,
  };
}

/** The reading shared by text files and Word documents. */
function importSource(
  input: SourceInput,
  kb: KnowledgeBase,
  options: ImportOptions,
  repairs: Repair[],
): Omit<ImportResult, 'account' | 'source'> & { roles: Ledger } {
  const source = readSource(input.lines);
  const pos = input.pos;
  const ledger = new Ledger();
  repairs.push(...source.repairs);
  for (const r of source.repairs) if (DROPPING.has(r.id)) ledger.mark(r.line, 'dropped');
  for (const f of source.footnotes) ledger.mark(f.line, 'footnote');
  const inferred: Inference[] = [];
  const prefixes = signaturePrefixes(kb);
  const kinds = kindNames(kb);
  const lines = source.lines;

  let firstRoman = lines.findIndex((l) => romanHeadingStart(l.text) !== undefined);
  if (firstRoman < 0) firstRoman = lines.length;
  const kindIndex = lines.slice(0, firstRoman).findIndex((l) => isKindLine(l.text, kinds));
  // The recipients and the signature follow the sections (or the preamble of a plan without sections).
  const tailFrom = firstRoman < lines.length ? firstRoman : kindIndex + 1;
  let tailIndex = lines.findIndex((l, i) => i >= tailFrom && startsTail(l.text, prefixes));
  if (tailIndex < 0) tailIndex = lines.length;
  const bodyIndex = Math.min(firstRoman, tailIndex);

  const head = readHead(source, lines.slice(0, bodyIndex), kindIndex, repairs, ledger);
  const bodyUnits = assemble(source, lines.slice(bodyIndex, tailIndex), repairs);
  const body = classifyBody(bodyUnits, repairs, { pos, ...(input.word ? { word: true } : {}), ...(input.headingLevels ? { headingLevels: input.headingLevels } : {}) });
  const tail = readTail(lines.slice(tailIndex), prefixes, repairs, ledger, pos);
  for (const u of head.subject) ledger.markUnit(u, 'front');
  for (const u of [...head.preamble, ...bodyUnits]) ledger.markUnit(u, 'body');

  const headingLines = new Set(body.filter((b) => b.kind !== 'text').map((b) => b.line));
  // The subject is a title printed over several lines: joining it is reading it, not repairing it.
  const wrapped = joinRepairs([...head.preamble, ...bodyUnits], source.layout, headingLines, repairs, pos);
  if (source.layout === 'hard-wrapped') {
    repairs.push({
      id: 'hard-wrap',
      line: lines[0]?.line ?? 1,
      message: {
        vi: `Văn bản chép từ PDF, mỗi dòng bị ngắt cứng: đã nối ${wrapped} dòng vào đoạn văn của chúng.`,
        en: `Text copied from a PDF with hard line breaks: ${wrapped} lines were joined to their paragraphs.`,
      },
    });
  }
  for (const f of source.footnotes) {
    repairs.push({
      id: 'footnote',
      line: f.line,
      message: {
        vi: `Chuyển chú thích "${excerpt(f.text, 40)}" xuống cuối phần nội dung.`,
        en: `Moved the footnote "${excerpt(f.text, 40)}" to the end of the body.`,
      },
    });
  }
  for (const l of tail.leftover) {
    repairs.push({
      id: 'leftover',
      line: l.line,
      message: {
        vi: `Dòng "${excerpt(l.text, 40)}" sau phần nội dung không thuộc nơi nhận hay chữ ký; giữ ở cuối văn bản.`,
        en: `The line "${excerpt(l.text, 40)}" after the body is neither a recipient nor the signature; kept at the end.`,
      },
    });
  }

  // Issuer, place and variant.
  // Lines joined with spaces: a place name may be wrapped over two lines of PDF text.
  const fullText = lines.map((l) => l.text).join(' ');
  const fromPreamble = issuerFromPreamble(head.preamble, kb);
  const province = head.place?.text ?? provinceOf(fullText)?.text;
  let issuer = '';
  let issuerNote: string | undefined;
  const headerIssuer = oneLine(head.headerIssuer.map((l) => l.text).join(' '));
  if (fromPreamble) {
    issuer = fromPreamble.text;
    issuerNote = `phần mở đầu, ${pos.at(fromPreamble.line).vi}`;
    if (province && lacksPlace(issuer)) {
      issuer = `${issuer} ${province}`;
      issuerNote += head.place ? ', địa danh' : ', tỉnh/thành phố nêu trong văn bản';
    }
    // The header's issuer block is read too: said beside the value, for the drafter to compare.
    if (headerIssuer) issuerNote += `; tiêu đề cơ quan: ${headerIssuer}`;
  } else if (head.headerIssuer.length > 0) {
    issuer = issuerFromCapitals(head.headerIssuer, province);
    issuerNote = `tiêu đề cơ quan, ${pos.at(head.headerIssuer[0].line).vi}`;
  }
  if (issuer) {
    inferred.push({
      key: 'issuer',
      value: issuer,
      line: fromPreamble?.line ?? head.headerIssuer[0]?.line ?? 0,
      message: {
        vi: `Cơ quan ban hành "${issuer}" suy ra từ ${issuerNote}.`,
        en: `Issuer "${issuer}" inferred from the ${fromPreamble ? 'preamble' : 'header'}${fromPreamble && headerIssuer ? ` (the header's issuer block reads "${headerIssuer}")` : ''}.`,
      },
    });
  }
  const place = head.place?.text ?? province ?? '';
  if (!head.place && place) {
    inferred.push({
      key: 'place',
      value: place,
      line: 0,
      message: { vi: `Địa danh "${place}" suy ra từ tên tỉnh/thành phố nêu trong văn bản.`, en: `Place "${place}" inferred from the province named in the text.` },
    });
  }
  const authority = tail.signer.authority?.text;
  const variant =
    (issuer ? variantOfIssuer(issuer, kb) : undefined) ??
    head.headerVariant ??
    variantOfSignature(authority, kb) ??
    variantOfNumber(head.number?.text, kb);
  if (variant) {
    inferred.push({
      key: 'variant',
      value: variant,
      line: 0,
      message: {
        vi: `Biến thể "${variant}" (${variant === 'party' ? 'văn bản của cấp ủy' : 'văn bản của Ủy ban nhân dân'}) suy ra từ cơ quan ban hành, tiêu đề hoặc chữ ký.`,
        en: `Variant "${variant}" inferred from the issuer, the header or the signature.`,
      },
    });
  }
  const requirements: ParentRequirement[] = variant
    ? kb.template.variants[variant].parents
    : Object.values(kb.template.variants).flatMap((v) => v.parents);
  const parents = parentsCited(head.preamble, requirements);
  if (parents.length > 0) {
    inferred.push({
      key: 'implements',
      value: parents.join(', '),
      line: head.preamble[0]?.line ?? 0,
      message: { vi: `Văn bản cấp trên ${parents.join(', ')} lấy từ phần mở đầu.`, en: `Parents ${parents.join(', ')} taken from the preamble.` },
    });
  }

  // From Word, front-matter values are plain text: its emphasis and footnote references stay in the
  // body. A text file's "**" is converter residue, kept as printed (the checker reads past it).
  const plain = (text: string): string => (input.word ? oneLine(withoutMarkup(text)) : text);
  const textOf = (units: readonly Unit[]): string => plain(oneLine(units.map((u) => u.text).join(' ')));
  if (head.subject.length > 0) {
    const from = head.subject[0].line;
    const to = head.subject[head.subject.length - 1].endLine;
    const at = pos.range(from, to);
    inferred.push({
      key: 'subject',
      value: textOf(head.subject),
      line: from,
      message: { vi: `Trích yếu lấy từ ${at.vi}.`, en: `Subject taken from ${at.en}.` },
    });
  }
  // Never claim the original has no number or date: say whether one was found, or seen and not read.
  const missing = (key: 'number' | 'date', unread: boolean | undefined): string => {
    const what = key === 'number' ? 'số, ký hiệu' : 'ngày tháng';
    const note = unread ? `có ${what} ở phần đầu văn bản gốc nhưng không đọc được (xem báo cáo nhập)` : `không tìm thấy ${what} ở phần đầu văn bản gốc`;
    inferred.push({
      key,
      value: '',
      line: 0,
      message: unread
        ? { vi: `Để trống "${key}": ${note}; cần điền theo bản gốc.`, en: `"${key}" left empty: the header of the original holds a ${key === 'number' ? 'number' : 'date'} that could not be read; fill it in from the original.` }
        : { vi: `Để trống "${key}": ${note}.`, en: `"${key}" left empty: no ${key === 'number' ? 'number and symbol' : 'date'} found in the header of the original.` },
    });
    return note;
  };
  const numberNote = head.number ? undefined : missing('number', head.numberUnread);
  const dateNote = head.date ? undefined : missing('date', head.dateUnread);
  for (const l of tail.leftover) ledger.mark(l.line, 'body');
  // Whatever no step of the reading took is listed, never lost without a word.
  input.lines.forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === '' || ledger.roleOf(line) !== undefined) return;
    ledger.mark(line, 'dropped');
    repairs.push({
      id: 'unread',
      line,
      message: {
        vi: `Không đưa "${excerpt(text, 50)}" vào kế hoạch: không đọc được thành phần nào của kế hoạch ở vị trí này.`,
        en: `"${excerpt(text, 50)}" was not put into the plan: it reads as no part of a plan where it stands.`,
      },
    });
  });
  const leftoverText = (ls: readonly Line[]): string[] => ls.map((l) => l.text);
  const draft: PlanDraft = {
    ...(variant ? { variant } : {}),
    kind: head.kind?.text ?? '',
    issuer,
    number: head.number?.text ?? '',
    place,
    date: head.date?.text ?? '',
    subject: textOf(head.subject),
    implements: parents,
    recipients: tail.recipients.map((r) => plain(r.text)),
    signer: {
      authority: plain(tail.signer.authority?.text ?? ''),
      ...(tail.signer.acting ? { acting: plain(tail.signer.acting.text) } : {}),
      title: plain(tail.signer.title?.text ?? ''),
      name: plain(tail.signer.name?.text ?? ''),
    },
    noteDefinitions: input.footnotes ?? [],
    notes: {
      ...(issuerNote ? { issuer: `suy ra: ${issuerNote}` } : {}),
      ...(!head.place && place ? { place: 'suy ra: tỉnh/thành phố nêu trong văn bản' } : {}),
      ...(numberNote ? { number: numberNote } : {}),
      ...(dateNote ? { date: dateNote } : {}),
      ...(variant ? { variant: variant === 'party' ? 'văn bản của cấp ủy' : 'văn bản của Ủy ban nhân dân' } : {}),
    },
    header: [
      `Nhập từ ${options.sourceName ?? 'văn bản'} (plan43 import): kiểm tra lại các giá trị suy ra và phần đã sửa.`,
    ],
    preamble: head.preamble.map((u) => u.text),
    body,
    footnotes: [...source.footnotes.map((f) => f.text), ...leftoverText(tail.leftover)],
  };

  repairs.sort((a, b) => a.line - b.line);
  return { markdown: emitMarkdown(draft), repairs, inferred, layout: source.layout, roles: ledger };
}
