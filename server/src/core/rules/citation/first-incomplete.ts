// citation.first-incomplete — the first citation of a document lacks its date or its issuer (or the "của" before the issuer).

import { Citation, sourceSpan, tailOffset } from '../../citations/analysis';
import { typeWordSpec } from '../../citations/type-codes';
import { entryDateText } from '../../citations/registry';
import { RegistryEntry } from '../../data/types';
import { Lang, TextEdit } from '../../findings';
import { Rule } from '../rule';
import { citationsOf, documentName, listedEntries } from './shared';

type Missing = 'noDate' | 'noIssuer' | 'noDateIssuer' | 'noCua';

function missingOf(c: Citation): Missing | undefined {
  if (!c.date && !c.issuer) return 'noDateIssuer';
  if (!c.date) return 'noDate';
  if (!c.issuer) return 'noIssuer';
  if (!c.issuer.linked) return 'noCua';
  return undefined;
}

/** When the symbol names several documents, the date is what tells them apart: say so. */
function sharedSymbolText(c: Citation, lang: Lang): string {
  const candidates = 'candidates' in c.resolution ? c.resolution.candidates : [];
  if (candidates.length < 2 || c.date) return '';
  const dates = listedEntries(candidates, entryDateText, ', ');
  return lang === 'vi'
    ? ` Ký hiệu này dùng cho ${candidates.length} văn bản khác nhau (${dates}); chỉ ngày ban hành phân biệt được.`
    : ` This symbol names ${candidates.length} different documents (${dates}); only the date tells them apart.`;
}

function knownText(entry: RegistryEntry | undefined, missing: Missing, lang: Lang): string {
  if (!entry || missing === 'noCua') return '';
  const parts =
    missing === 'noDate' ? `ngày ${entryDateText(entry)}` : missing === 'noIssuer' ? `của ${entry.issuer}` : `ngày ${entryDateText(entry)} của ${entry.issuer}`;
  return lang === 'vi' ? ` Theo danh mục văn bản: ${parts}.` : ` The registry gives: ${parts}.`;
}

function editFor(c: Citation, entry: RegistryEntry | undefined, missing: Missing, comma: boolean): TextEdit | undefined {
  if (missing === 'noCua') {
    const issuerStart = sourceSpan(c, c.issuer!).start;
    return { start: issuerStart, end: issuerStart, newText: 'của ' };
  }
  if (!entry) return undefined;
  const lead = comma ? ', ' : ' ';
  const tail = tailOffset(c);
  if (missing === 'noDate') return { start: tail, end: tail, newText: `${lead}ngày ${entryDateText(entry)}` };
  if (missing === 'noDateIssuer') return { start: tail, end: tail, newText: `${lead}ngày ${entryDateText(entry)} của ${entry.issuer}` };
  const dateEnd = sourceSpan(c, c.date!).end;
  return { start: dateEnd, end: dateEnd, newText: ` của ${entry.issuer}` };
}

export const citationFirstIncomplete: Rule = {
  id: 'citation.first-incomplete',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Lần viện dẫn đầu tiên chưa đầy đủ', en: 'Incomplete first citation' },
  description: {
    vi: 'Lần đầu nêu một văn bản phải ghi đủ tên loại, số, ký hiệu, ngày ban hành và cơ quan ban hành ("Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng"); các lần sau, hoặc sau khi đã định nghĩa cách viết tắt, có thể ghi gọn. Luật được phép nêu theo tên.',
    en: 'The first mention of a document must give its type, number and symbol, date and issuer ("Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng"); later mentions, or mentions after a short-form definition, may be brief. Laws may be cited by name.',
  },
  severity: { drafting: 'warning', submission: 'warning' },
  messages: {
    noDate: {
      vi: 'Lần đầu viện dẫn {document} cần ghi ngày ban hành.{known}',
      en: 'The first citation of {document} needs its date.{known}',
    },
    noIssuer: {
      vi: 'Lần đầu viện dẫn {document} cần ghi cơ quan ban hành ("của …").{known}',
      en: 'The first citation of {document} needs its issuer ("của …").{known}',
    },
    noDateIssuer: {
      vi: 'Lần đầu viện dẫn {document} cần ghi ngày ban hành và cơ quan ban hành (", ngày … của …").{known}',
      en: 'The first citation of {document} needs its date and issuer (", ngày … của …").{known}',
    },
    noCua: {
      vi: 'Lần đầu viện dẫn {document}: thiếu chữ "của" trước cơ quan ban hành "{issuer}".',
      en: 'The first citation of {document} lacks "của" before its issuer "{issuer}".',
    },
    fixDate: { vi: 'Thêm ngày ban hành theo danh mục văn bản', en: 'Add the date from the registry' },
    fixIssuer: { vi: 'Thêm cơ quan ban hành theo danh mục văn bản', en: 'Add the issuer from the registry' },
    fixDateIssuer: { vi: 'Thêm ngày và cơ quan ban hành theo danh mục văn bản', en: 'Add the date and issuer from the registry' },
    fixCua: { vi: 'Thêm "của" trước cơ quan ban hành', en: 'Add "của" before the issuer' },
  },
  fixable: true,
  check(ctx) {
    const analysis = citationsOf(ctx);
    // By index: a `for … of` makes a result object per citation while the rule runs unoptimized.
    for (let i = 0; i < analysis.citations.length; i++) {
      const c = analysis.citations[i];
      if (!c.first || c.symbol.malformed === 'grammar') continue;
      // An undated symbol naming several documents is citation.ambiguous's finding, not this one's.
      if (c.resolution.status === 'ambiguous') continue;
      const spec = c.typeWord ? typeWordSpec(c.typeWord.text) : undefined;
      if (spec?.lawLike) continue;
      const missing = missingOf(c);
      if (!missing) continue;
      // What it says depends on the citation's parts in its block, its resolution and the plan's
      // habit of a comma before "ngày" alone (that it is the first mention only decides whether it
      // is said): while they are the same, the last check's finding is listed again, moved.
      if (ctx.keyed?.(c.symbol, c.resolution, c.block.span.start, analysis.dateComma)) continue;
      const entry = c.resolution.status === 'resolved' ? c.resolution.entry : undefined;
      const edit = editFor(c, entry, missing, analysis.dateComma);
      const symbol = sourceSpan(c, c.symbol);
      const start = c.typeWord && !c.typeWord.inherited && c.typeWord.at.from < c.symbol.at.from ? sourceSpan(c, c.typeWord).start : symbol.start;
      const fixId = { noDate: 'fixDate', noIssuer: 'fixIssuer', noDateIssuer: 'fixDateIssuer', noCua: 'fixCua' }[missing];
      ctx.report({
        messageId: missing,
        data: { document: documentName(c, entry), known: knownText(entry, missing, ctx.lang) + sharedSymbolText(c, ctx.lang), issuer: c.issuer?.text ?? '' },
        start,
        end: symbol.end,
        ...(edit ? { fix: { messageId: fixId, edits: [edit] } } : {}),
      });
    }
  },
};
