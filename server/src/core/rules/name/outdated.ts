// name.outdated — a body, unit or term named by its old name in a plan dated after the name changed (merged boards, the district level, merged provinces, the sitting Central Committee).

import { NameChange } from '../../data/types';
import { planDateIso } from '../../form/date';
import { findPhrase, foldWithMap } from '../../form/fold-map';
import { proseBlocks, verbatimEdit } from '../../form/meta-text';
import { Block } from '../../model';
import { fold, pairInStyle, toneStyleRegExp } from '../../text/normalize';
import { Rule } from '../rule';

interface Hit {
  block: Block;
  start: number;
  end: number;
  change: NameChange;
  /** Index of the listed name that matched. */
  nameIndex: number;
}

// Dates in messages as the plans write them: "01/7/2025", "03/02/2025".
const isoToVi = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${String(d).padStart(2, '0')}/${m <= 2 ? String(m).padStart(2, '0') : m}/${y}`;
};

// A name followed by "(cũ)" or "trước đây" refers to the former body or unit on purpose.
const FORMER = /^\s*(?:\(\s*cũ\s*\)|trước đây)/u;
// A name right after "của" in a citation is the issuer of the cited document: right when the
// document is older than the change.
const CITATION = /(?:\bsố\s+\S*\d|\d{1,4}\s*-\s*[\p{Lu}Đ]+\s*\/|\d+\s*\/\s*[\p{Lu}Đ]+)/u;
const DATES = /(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})|năm\s+(\d{4})/gu;

function inOlderCitation(text: string, start: number, until: string): boolean {
  const before = text.slice(Math.max(0, start - 240), start);
  if (!/(?:^|\s)của\s+$/iu.test(before.normalize('NFC'))) return false;
  // The citation is the clause that leads to "của": cut at the last ";" or sentence end.
  const clause = before.split(/[;\n]|\.\s/u).pop() ?? '';
  if (!CITATION.test(clause)) return false;
  let newest: string | undefined;
  for (const m of clause.matchAll(DATES)) {
    const iso = m[3] ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : `${m[4]}-01-01`;
    if (!newest || iso > newest) newest = iso;
  }
  // An undated citation is given the benefit of the doubt.
  return newest === undefined || newest < until;
}

/** Two listed names of the same sort begin with the same two words ("tỉnh Bắc Kạn", "tỉnh Bắc Cạn"). */
function sameSort(name: string, first: string): boolean {
  const head = (s: string): string => fold(s).split(' ').slice(0, 2).join(' ');
  return name === first || head(name) === head(first);
}

/** The replacement in the tone style of the text it replaces ("Tỉnh uỷ" stays "uỷ"), so it adds no inconsistency. */
function inStyleOf(found: string, replacement: string): string {
  if (!new RegExp(toneStyleRegExp('hoà').source, 'iu').test(found)) return replacement;
  return replacement.replace(new RegExp(toneStyleRegExp('hòa').source, 'giu'), (pair) => pairInStyle(pair, 'hoà'));
}

/** For a change of term ("khóa XIII" → "khóa XIV"), the part of the phrase that names the term. */
function termPart(text: string, start: number, end: number, current: string): { start: number; end: number } | undefined {
  const head = current.trim().split(/\s+/u)[0];
  const phrase = text.slice(start, end);
  const folded = foldWithMap(phrase);
  for (const hit of findPhrase(folded, head)) {
    const rest = phrase.slice(hit.end);
    const token = /^\s+[^\s,;.)]+/u.exec(rest);
    if (token) return { start: start + hit.start, end: start + hit.end + token[0].length };
  }
  return undefined;
}

export const nameOutdated: Rule = {
  id: 'name.outdated',
  category: 'name',
  title: { vi: 'Tên gọi không còn đúng', en: 'Outdated name' },
  description: {
    vi: 'Với kế hoạch đề ngày sau khi một cơ quan, đơn vị hành chính hay khóa Ban Chấp hành Trung ương đổi tên (các ban được hợp nhất, cấp huyện không còn, tỉnh được sáp nhập, khóa mới của Ban Chấp hành Trung ương), tên cũ còn dùng trong văn bản được nêu kèm tên hiện nay. Tên trong chỗ viện dẫn văn bản ban hành trước đó, hoặc có ghi "(cũ)", "trước đây", vẫn đúng. Danh mục tên gọi là dữ liệu (schemas/names.yaml) nên lần thay đổi sau chỉ cần sửa dữ liệu.',
    en: 'In a plan dated after a body, administrative unit or Central Committee term changed its name (merged boards, the end of the district level, merged provinces, a new Central Committee term), each use of the old name is reported with the current one. Names in citations of earlier documents, or marked "(cũ)" or "trước đây", stay right. The register is data (schemas/names.yaml), so the next change is a data edit.',
  },
  severity: { drafting: 'warning', submission: 'warning' },
  messages: {
    default: {
      vi: '"{found}" không còn đúng từ ngày {until} (kế hoạch đề ngày {date}): {note} Tên hiện nay: "{current}".',
      en: '"{found}" is outdated since {until} (the plan is dated {date}): {note} Current name: "{current}".',
    },
    noCurrent: {
      vi: '"{found}" không còn đúng từ ngày {until} (kế hoạch đề ngày {date}): {note}',
      en: '"{found}" is outdated since {until} (the plan is dated {date}): {note}',
    },
    fix: { vi: 'Thay bằng "{current}"', en: 'Replace with "{current}"' },
  },
  fixable: true,
  check(ctx) {
    const date = planDateIso(ctx.plan);
    if (!date) return;
    const changes = ctx.kb.names.changes.filter((c) => c.until <= date);
    if (changes.length === 0) return;
    for (const block of proseBlocks(ctx.plan)) {
      const text = block.text.text;
      const folded = foldWithMap(text);
      const hits: Hit[] = [];
      for (const change of changes) {
        // Text already in the current form is never reported again (a fix stays fixed).
        const currentRanges = change.current ? findPhrase(folded, change.current) : [];
        change.names.forEach((name, nameIndex) => {
          for (const r of findPhrase(folded, name)) {
            if (currentRanges.some((c) => r.start >= c.start && r.end <= c.end)) continue;
            if (FORMER.test(text.slice(r.end))) continue;
            if (inOlderCitation(text, r.start, change.until)) continue;
            hits.push({ block, start: r.start, end: r.end, change, nameIndex });
          }
        });
      }
      // Longest name first where names overlap ("huyện, thị, thành ủy" over "thành ủy").
      hits.sort((a, b) => a.start - b.start || b.end - a.end);
      let lastEnd = -1;
      for (const hit of hits) {
        if (hit.start < lastEnd) continue;
        lastEnd = hit.end;
        report(hit);
      }
    }

    function report(hit: Hit): void {
      const { change, block } = hit;
      const text = block.text.text;
      const found = text.slice(hit.start, hit.end);
      const span = block.text.spanOf(hit.start, hit.end);
      const data = {
        found,
        until: isoToVi(change.until),
        date: isoToVi(date!),
        note: change.note[ctx.lang] || change.note.vi,
        current: change.current ?? '',
      };
      let edit;
      if (change.current) {
        if (change.kind === 'term') {
          // Only the term changes: "Trung ương khóa XIII hiện nay" → "Trung ương khóa XIV hiện nay".
          const part = termPart(text, hit.start, hit.end, change.current);
          if (part) edit = verbatimEdit(ctx.plan, block.text, part.start, part.end, inStyleOf(text.slice(part.start, part.end), change.current));
        } else if (sameSort(change.names[hit.nameIndex], change.names[0])) {
          // `current` replaces the first listed name. A listed name that begins otherwise
          // ("Tỉnh ủy Hậu Giang" next to "tỉnh Hậu Giang") names another body: reported, not replaced.
          const upper = found === found.toUpperCase() && found !== found.toLowerCase();
          const current = inStyleOf(found, change.current);
          edit = verbatimEdit(ctx.plan, block.text, hit.start, hit.end, upper ? current.toUpperCase() : current);
        }
      }
      ctx.report({
        messageId: change.current ? 'default' : 'noCurrent',
        data,
        start: span.start,
        end: span.end,
        ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}),
      });
    }
  },
};
