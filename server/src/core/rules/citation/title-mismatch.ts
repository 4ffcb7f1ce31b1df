// citation.title-mismatch — a quoted or "về" title contradicts the registry, or the closing paragraph quotes another title than the preamble.

import { Citation, sourceSpan } from '../../citations/analysis';
import { comparableTitle, titleAgrees } from '../../citations/registry';
import { RegistryEntry } from '../../data/types';
import { Localized } from '../../findings';
import { Rule, RuleContext } from '../rule';
import { citationsOf, documentName, openingCitationsOf } from './shared';

const PREAMBLE_NOTE: Localized = { vi: 'Tên văn bản như đã viện dẫn ở phần mở đầu', en: 'The title as cited in the preamble' };

function sameTitle(a: string, b: string): boolean {
  const x = comparableTitle(a);
  const y = comparableTitle(b);
  if (!x || !y) return true;
  return x === y || x.startsWith(y) || y.startsWith(x);
}

/** The quoted title written in the style of the faulty one: keeps its leading "Về " and the case of its first letter. */
function restyle(written: string, title: string): string {
  const lead = /^[Vv]ề\s+/u.exec(written)?.[0] ?? '';
  const refLead = /^[Vv]ề\s+/u.exec(title)?.[0] ?? '';
  let body = title.slice(refLead.length);
  const first = written.slice(lead.length, lead.length + 1);
  if (lead === '' && first && first === first.toUpperCase() && first !== first.toLowerCase()) {
    body = body.charAt(0).toUpperCase() + body.slice(1);
  } else if (lead !== '' || (first && first === first.toLowerCase())) {
    body = body.charAt(0).toLowerCase() + body.slice(1);
  }
  return lead + body;
}

function fixFor(ctx: RuleContext, c: Citation, replacement: string | undefined): { messageId: string; edits: Array<{ start: number; end: number; newText: string }> } | undefined {
  if (!c.title || !c.title.quoted || replacement === undefined) return undefined;
  const span = sourceSpan(c, c.title);
  if (ctx.plan.source.slice(span.start, span.end) !== c.title.text) return undefined;
  const newText = restyle(c.title.text, replacement);
  if (newText === c.title.text) return undefined;
  return { messageId: 'fix', edits: [{ start: span.start, end: span.end, newText }] };
}

/**
 * The preamble's citations by document, in order: looked up for every titled citation, so built
 * once, from the opening citations (the subject line's and the preamble's, a few) rather than all.
 */
function preambleByDocument(opening: readonly Citation[]): Map<Citation['documentKey'], Citation[]> {
  const out = new Map<Citation['documentKey'], Citation[]>();
  for (const o of opening) {
    if (o.block.region !== 'preamble') continue;
    const list = out.get(o.documentKey);
    if (list) list.push(o);
    else out.set(o.documentKey, [o]);
  }
  return out;
}

/** The preamble's citation of the same document (the one with a title first). */
function preambleCitation(preamble: Map<Citation['documentKey'], Citation[]>, c: Citation): Citation | undefined {
  const same = preamble.get(c.documentKey);
  if (!same) return undefined;
  let any: Citation | undefined;
  for (const o of same) {
    if (o.index === c.index) continue;
    if (o.title) return o;
    any ??= o;
  }
  return any;
}

export const citationTitleMismatch: Rule = {
  id: 'citation.title-mismatch',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Tên văn bản viện dẫn không đúng', en: 'Cited title is wrong' },
  description: {
    vi: 'Tên (trích yếu) của văn bản được viện dẫn, ghi trong ngoặc kép hoặc sau "về", phải đúng với danh mục văn bản; đoạn "Trên đây là …" phải nêu đúng tên văn bản như phần mở đầu.',
    en: 'The title of a cited document, quoted or after "về", must match the registry; the closing paragraph ("Trên đây là …") must quote the same title as the preamble.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: 'Tên của {document} được ghi là "{written}", không đúng với tên trong danh mục văn bản: "{expected}".',
      en: 'The title of {document} is quoted as "{written}", which does not match the registry: "{expected}".',
    },
    closing: {
      vi: 'Đoạn kết ghi tên của {document} là "{written}", khác với phần mở đầu: "{expected}".',
      en: 'The closing paragraph quotes the title of {document} as "{written}", unlike the preamble: "{expected}".',
    },
    fix: { vi: 'Ghi đúng tên văn bản', en: 'Quote the right title' },
  },
  fixable: true,
  check(ctx) {
    const all = citationsOf(ctx).citations;
    const inPreamble = preambleByDocument(openingCitationsOf(ctx));
    // The spans, the preamble's citation and the related place are made only for a citation that
    // is reported or in the closing paragraph (every titled citation is read at every keystroke).
    const relatedOf = (preamble: Citation | undefined) => (preamble ? [{ ...sourceSpan(preamble, preamble), message: PREAMBLE_NOTE }] : undefined);
    // By index: a `for … of` makes a result object per citation while the rule runs unoptimized.
    for (let i = 0; i < all.length; i++) {
      const c = all[i];
      if (!c.title) continue;
      const entry: RegistryEntry | undefined = c.resolution.status === 'resolved' ? c.resolution.entry : undefined;
      if (entry && (entry.title || entry.titleKeys?.length) && !titleAgrees(c.title.text, entry)) {
        const span = sourceSpan(c, c.title);
        const preamble = preambleCitation(inPreamble, c);
        const related = relatedOf(preamble);
        // Prefer the wording the plan itself uses where it is right; else the registry's.
        const reference = preamble?.title && titleAgrees(preamble.title.text, entry) ? preamble.title.text : entry.title;
        const fix = fixFor(ctx, c, reference);
        ctx.report({
          data: { document: documentName(c, entry), written: c.title.text, expected: entry.title ?? (entry.titleKeys ?? []).join(' … ') },
          start: span.start,
          end: span.end,
          ...(related ? { related } : {}),
          ...(fix ? { fix } : {}),
          // A workspace plan's subject is drafted text, not a registry title: a citation may word it otherwise, so never blocking.
          ...(entry.scope === 'workspace' ? { severity: { drafting: 'warning', submission: 'warning' } as const } : {}),
        });
        continue;
      }
      if (c.block.region !== 'closing') continue;
      const preamble = preambleCitation(inPreamble, c);
      if (!preamble?.title || sameTitle(c.title.text, preamble.title.text)) continue;
      const span = sourceSpan(c, c.title);
      const related = relatedOf(preamble);
      const fix = preamble.title.quoted ? fixFor(ctx, c, preamble.title.text) : undefined;
      ctx.report({
        messageId: 'closing',
        data: { document: documentName(c, entry), written: c.title.text, expected: preamble.title.text },
        start: span.start,
        end: span.end,
        ...(related ? { related } : {}),
        ...(fix ? { fix } : {}),
      });
    }
  },
};
