// citation.issuer-mismatch — the issuing body written for a cited document contradicts the registry.

import { sourceSpan } from '../../citations/analysis';
import { issuerMatches, knownBodyName } from '../../citations/registry';
import { issuerContradicts } from '../../citations/workspace';
import { Rule } from '../rule';
import { citationsOf, documentName } from './shared';

export const citationIssuerMismatch: Rule = {
  id: 'citation.issuer-mismatch',
  category: 'citation',
  reads: 'document',
  title: { vi: 'Cơ quan ban hành không khớp danh mục', en: 'Citation issuer contradicts the registry' },
  description: {
    vi: 'Cơ quan ban hành ghi sau "của" phải là cơ quan đã ban hành văn bản theo danh mục văn bản. Bộ Chính trị, Ban Chấp hành Trung ương và Ban Bí thư là ba cơ quan khác nhau; cách viết rút gọn hoặc đầy đủ của cùng một cơ quan đều được chấp nhận.',
    en: 'The body written after "của" must be the one that issued the document according to the registry. The Politburo, the Central Committee and the Secretariat are different bodies; a short or full name of the same body is accepted.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: '{document} được ghi là của {written}, nhưng theo danh mục văn bản là của {expected}.',
      en: '{document} is attributed to {written} here, but the registry says it was issued by {expected}.',
    },
    fix: { vi: 'Sửa thành {expected}', en: 'Change the issuer to {expected}' },
  },
  fixable: true,
  check(ctx) {
    const citations = citationsOf(ctx).citations;
    // By index: a `for … of` makes a result object per citation while the rule runs unoptimized.
    for (let i = 0; i < citations.length; i++) {
      const c = citations[i];
      if (!c.issuer || c.resolution.status !== 'resolved' || (c.sharedTail && !c.compressed)) continue;
      const entry = c.resolution.entry;
      if (issuerMatches(c.issuer.text, entry)) continue;
      // A plan of the workspace is named by its drafters' words: only a body that cannot be its issuer is wrong.
      if (entry.scope === 'workspace' && !issuerContradicts(c.issuer.text, entry)) continue;
      const span = sourceSpan(c, c.issuer);
      // Replace only a written name that is exactly a known body's name, never a run of prose.
      const fixable =
        knownBodyName(ctx.kb, c.issuer.text) && ctx.plan.source.slice(span.start, span.end) === c.issuer.text;
      ctx.report({
        data: { document: documentName(c, entry), written: c.issuer.text, expected: entry.issuer },
        start: span.start,
        end: span.end,
        ...(fixable
          ? { fix: { messageId: 'fix', data: { expected: entry.issuer }, edits: [{ start: span.start, end: span.end, newText: entry.issuer }] } }
          : {}),
      });
    }
  },
};
