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
import { assemble, Line, readSource, Unit } from './source';
import { isSignatureLine, readTail, startsTail } from './tail';
import { ImportOptions, ImportResult, Inference, Repair } from './types';
import { excerpt, oneLine, romanHeadingStart } from './text';

export type { ImportOptions, ImportResult, Inference, Repair, RepairId } from './types';

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
function joinRepairs(units: readonly Unit[], layout: ImportResult['layout'], headingLines: ReadonlySet<number>, repairs: Repair[]): number {
  let wrapped = 0;
  for (const u of units) {
    if (headingLines.has(u.line)) continue;
    for (const j of u.joins) {
      if (j.reason === 'bracket') {
        repairs.push({
          id: 'line-join',
          line: j.line,
          message: {
            vi: `Nối dấu ngoặc bị xuống dòng ở dòng ${j.line} vào đoạn ở dòng ${u.line}.`,
            en: `Joined the bracket broken onto line ${j.line} to the paragraph on line ${u.line}.`,
          },
        });
      } else if (j.gap) {
        repairs.push({
          id: 'page-break',
          line: j.line,
          message: {
            vi: `Nối câu bị ngắt trang: dòng ${j.line} tiếp nối đoạn bắt đầu ở dòng ${u.line} ("${excerpt(u.text, 40)}").`,
            en: `Rejoined a sentence split by a page break: line ${j.line} continues the paragraph starting on line ${u.line} ("${excerpt(u.text, 40)}").`,
          },
        });
      } else if (layout === 'hard-wrapped') {
        wrapped++;
      } else {
        repairs.push({
          id: 'line-join',
          line: j.line,
          message: {
            vi: `Nối dòng ${j.line} (bắt đầu bằng chữ thường) vào đoạn ở dòng ${u.line}.`,
            en: `Joined line ${j.line} (it starts in lower case) to the paragraph on line ${u.line}.`,
          },
        });
      }
    }
  }
  return wrapped;
}

/**
 * Reads the text of a plan as extracted from Word or PDF and writes it as a Markdown plan. The
 * body text is kept as written; what is changed (joined lines, removed page numbers, split
 * headings …) is listed in `repairs`, and what is inferred (issuer, variant, parents …) in `inferred`.
 */
export function importPlanText(text: string, kb: KnowledgeBase, options: ImportOptions = {}): ImportResult {
  const source = readSource(text);
  const repairs: Repair[] = [...(options.readerRepairs ?? []), ...source.repairs];
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

  const head = readHead(source, lines.slice(0, bodyIndex), kindIndex, repairs);
  const bodyUnits = assemble(source, lines.slice(bodyIndex, tailIndex), repairs);
  const body = classifyBody(bodyUnits, repairs);
  const tail = readTail(lines.slice(tailIndex), prefixes, repairs);

  const headingLines = new Set(body.filter((b) => b.kind !== 'text').map((b) => b.line));
  // The subject is a title printed over several lines: joining it is reading it, not repairing it.
  const wrapped = joinRepairs([...head.preamble, ...bodyUnits], source.layout, headingLines, repairs);
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
  if (fromPreamble) {
    issuer = fromPreamble.text;
    issuerNote = `phần mở đầu, dòng ${fromPreamble.line}`;
    if (province && lacksPlace(issuer)) {
      issuer = `${issuer} ${province}`;
      issuerNote += head.place ? ', địa danh' : ', tỉnh/thành phố nêu trong văn bản';
    }
  } else if (head.headerIssuer.length > 0) {
    issuer = issuerFromCapitals(head.headerIssuer, province);
    issuerNote = `tiêu đề cơ quan, dòng ${head.headerIssuer[0].line}`;
  }
  if (issuer) {
    inferred.push({
      key: 'issuer',
      value: issuer,
      line: fromPreamble?.line ?? head.headerIssuer[0]?.line ?? 0,
      message: { vi: `Cơ quan ban hành "${issuer}" suy ra từ ${issuerNote}.`, en: `Issuer "${issuer}" inferred from the ${fromPreamble ? 'preamble' : 'header'}.` },
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

  const textOf = (units: readonly Unit[]): string => oneLine(units.map((u) => u.text).join(' '));
  if (head.subject.length > 0) {
    const from = head.subject[0].line;
    const to = head.subject[head.subject.length - 1].endLine;
    inferred.push({
      key: 'subject',
      value: textOf(head.subject),
      line: from,
      message: {
        vi: from === to ? `Trích yếu lấy từ dòng ${from}.` : `Trích yếu ghép từ các dòng ${from}–${to}.`,
        en: from === to ? `Subject taken from line ${from}.` : `Subject joined from lines ${from}–${to}.`,
      },
    });
  }
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
    recipients: tail.recipients.map((r) => r.text),
    signer: {
      authority: tail.signer.authority?.text ?? '',
      ...(tail.signer.acting ? { acting: tail.signer.acting.text } : {}),
      title: tail.signer.title?.text ?? '',
      name: tail.signer.name?.text ?? '',
    },
    notes: {
      ...(issuerNote ? { issuer: `suy ra: ${issuerNote}` } : {}),
      ...(!head.place && place ? { place: 'suy ra: tỉnh/thành phố nêu trong văn bản' } : {}),
      ...(head.number ? {} : { number: 'văn bản gốc không ghi số' }),
      ...(head.date ? {} : { date: 'văn bản gốc không ghi ngày' }),
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
  return { markdown: emitMarkdown(draft), repairs, inferred, layout: source.layout };
}
