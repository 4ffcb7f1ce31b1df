// implementation.front-assigned — a People's Committee plan assigns ("Giao …") the Fatherland Front or a socio-political organisation instead of asking it ("Đề nghị …").

import { Block, walkSections } from '../../model';
import { textMemoActive } from '../../text/memo';
import { fold } from '../../text/normalize';
import { paragraphFolds } from '../../text/paragraph-fold';
import { MappedText } from '../../text/mapped-text';
import { onFirstUse, Rule } from '../rule';
import { replaceIn } from './insert';
import { appendAll } from '../../arrays';

/** At most this many words may stand between the verb and the Front's name ("Ban Thường trực Ủy ban MTTQ"). */
const MAX_LEAD_WORDS = 4;

/**
 * How far after the verb the object is read, in characters: a few words of title and the Front's
 * longest name fit many times over. Reading to the end of the clause instead made a paragraph of
 * "giao x …" without punctuation take time in the square of its length.
 */
const OBJECT_WINDOW = 300;

/**
 * Words that show the Front is not the direct object but a partner or an owner
 * ("Giao Sở Nội vụ phối hợp với Ủy ban MTTQ", "… hoạt động của Mặt trận").
 */
const NOT_OBJECT = onFirstUse(() => /(^|\s)(phối hợp|với|cùng|do|của|về|tại)(\s|$)/u);

export const implementationFrontAssigned: Rule = {
  id: 'implementation.front-assigned',
  category: 'implementation',
  reads: 'section',
  title: { vi: 'Giao nhiệm vụ cho Mặt trận Tổ quốc', en: 'Fatherland Front assigned instead of asked' },
  description: {
    vi: 'Ủy ban nhân dân không có quyền giao nhiệm vụ cho Mặt trận Tổ quốc và các tổ chức chính trị - xã hội; kế hoạch của Ủy ban nhân dân "đề nghị" các tổ chức này phối hợp thực hiện.',
    en: 'A People’s Committee has no authority over the Fatherland Front and the socio-political organisations; its plan asks them ("Đề nghị …") to take part instead of assigning them.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    default: {
      vi: '{variant} không "{verb}" nhiệm vụ cho {front}, vì tổ chức này không thuộc quyền chỉ đạo của cơ quan ban hành; dùng "{request}" thay cho "{verb}".',
      en: 'A {variant} does not "{verb}" (assign) {front}, which is outside the issuer’s authority; write "{request}" (ask) instead.',
    },
    noRequest: {
      vi: '{variant} không "{verb}" nhiệm vụ cho {front}, vì tổ chức này không thuộc quyền chỉ đạo của cơ quan ban hành; cần dùng lời đề nghị thay cho "{verb}".',
      en: 'A {variant} does not "{verb}" (assign) {front}, which is outside the issuer’s authority; ask the organisation instead.',
    },
    fix: { vi: 'Thay "{found}" bằng "{replacement}"', en: 'Replace "{found}" with "{replacement}"' },
  },
  fixable: true,
  check(ctx) {
    const spec = ctx.variant?.implementation;
    if (!ctx.variant || !spec || spec.forbiddenFrontVerbs.length === 0) return;
    const blocks: Block[] = [];
    for (const s of walkSections(ctx.plan.sections)) appendAll(blocks, s.blocks);
    if (ctx.plan.closing) blocks.push(ctx.plan.closing);
    const cues = spec.frontCues.map(fold).filter(Boolean);
    const verbs = spec.forbiddenFrontVerbs.map(fold).filter(Boolean);
    // A check from scratch shares its paragraphs' folds; while a plan is edited (a document's
    // memory) they are not made for every version, and the search tries the positions as before.
    const folds = textMemoActive() ? undefined : ctx.shared(paragraphFolds);
    for (const block of blocks) {
      for (const hit of findAssignments(block.text, verbs, cues, folds?.of(block.text))) {
        const found = block.text.text.slice(hit.start, hit.replaceEnd);
        const replacement = spec.requestVerb ? withCaseOf(found, spec.requestVerb) : undefined;
        const edit = replacement && hit.fixable ? replaceIn(block.text, hit.start, hit.replaceEnd, replacement) : undefined;
        const span = block.text.spanOf(hit.start, hit.verbEnd);
        ctx.report({
          messageId: spec.requestVerb ? 'default' : 'noRequest',
          data: {
            variant: ctx.variant.label[ctx.lang],
            verb: block.text.text.slice(hit.start, hit.verbEnd),
            front: hit.front,
            request: spec.requestVerb ?? '',
          },
          start: span.start,
          end: span.end,
          ...(edit ? { fix: { messageId: 'fix', data: { found, replacement: replacement! }, edits: [edit] } } : {}),
        });
      }
    }
  },
};

export interface Hit {
  start: number;
  verbEnd: number;
  /** End of what the fix replaces: the verb, and a following "cho" ("Giao cho …"). */
  replaceEnd: number;
  front: string;
  fixable: boolean;
}

const isLetter = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/**
 * Characters with which a slice of a text may fold to what the text's fold does not hold: marks,
 * which compose with the character before them (a verb's slice ends before a mark: "giao" of
 * "giao\u0301"); the capital sigma, whose lower case depends on its neighbours; and characters
 * beyond the first plane and lone surrogates, which a slice can cut in two. Without them, folding
 * (composition, repair, lower case, tone placement, quotes and runs of spaces) treats a slice that
 * starts and ends beside a character that is no letter or digit as it treats it inside the text.
 */
const FOLD_NEEDS_CONTEXT = onFirstUse(() => /[\p{M}\u03A3\u{10000}-\u{10FFFF}]|[\uD800-\uDFFF]/u);

/**
 * Whether a forbidden verb can stand in a text whose plain fold is `plain`: a slice of it that
 * folds to a verb leaves that verb in the text's fold, unless the text has a character that folds
 * otherwise beside its neighbours (FOLD_NEEDS_CONTEXT), where the slices are all tried.
 */
export function mayHoldVerb(text: string, plain: string, verbs: readonly string[]): boolean {
  return verbs.some((verb) => plain.includes(verb)) || FOLD_NEEDS_CONTEXT().test(text);
}

/**
 * Occurrences of a forbidden verb whose direct object is the Front or a socio-political
 * organisation. `plain`, the text's plain fold when it is known (shared by the check), lets a
 * paragraph that holds no verb be passed over without trying every position.
 */
export function findAssignments(text: MappedText, verbs: string[], cues: string[], plain?: string): Hit[] {
  const s = text.text;
  const hits: Hit[] = [];
  if (plain !== undefined && !mayHoldVerb(s, plain, verbs)) return hits;
  let span = 1;
  for (const c of cues) span = Math.max(span, c.split(' ').length + 1);
  // Which characters are letters or digits, read once for all the verbs tried at every position.
  const letter = new Uint8Array(s.length + 1);
  for (let i = 0; i < s.length; i++) letter[i] = isLetter(s[i]) ? 1 : 0;
  for (const verb of verbs) {
    for (let i = 0; i + verb.length <= s.length; i++) {
      if ((i > 0 && letter[i - 1]) || letter[i + verb.length]) continue;
      if (fold(s.slice(i, i + verb.length)) !== verb) continue;
      // A capitalised verb inside a sentence is part of a name ("Sở Giao thông vận tải").
      if (/^\p{Lu}/u.test(s[i]) && !atClauseStart(s, i)) continue;
      const verbEnd = i + verb.length;
      let j = verbEnd;
      while (j < s.length && /\s/.test(s[j])) j++;
      let replaceEnd = verbEnd;
      const cho = /^cho(?=\s)/iu.exec(s.slice(j));
      if (cho) {
        replaceEnd = j + cho[0].length;
        j = replaceEnd;
        while (j < s.length && /\s/.test(s[j])) j++;
      }
      // The object runs to the end of the clause, read no further than the window.
      const window = s.slice(j, j + OBJECT_WINDOW);
      const clauseEnd = window.search(/[,;:.()]/u);
      const object = clauseEnd < 0 ? window : window.slice(0, clauseEnd);
      const front = frontAtHead(object, cues, span);
      if (!front) continue;
      hits.push({ start: i, verbEnd, replaceEnd, front: front.name, fixable: front.lead.every((w) => /^\p{Lu}/u.test(w) || fold(w) === 'các') });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** True at the start of a text, an item ("2. ") or a clause; reads back over spaces only. */
function atClauseStart(s: string, i: number): boolean {
  let k = i;
  while (k > 0 && /\s/u.test(s[k - 1])) k--;
  if (k === 0) return true;
  if (/[.;:!?(\-–]/u.test(s[k - 1])) return true;
  // "2)" at the very start of the text: an item number, a few digits long.
  return k <= 12 && /^\d+[.)]$/.test(s.slice(0, k));
}

/**
 * The Front's name when the object starts with it, after at most a few words of title ("Ủy ban",
 * "Ban Thường trực"). Only `span` words from there are compared: the longest name and one more.
 */
function frontAtHead(object: string, cues: string[], span: number): { name: string; lead: string[] } | undefined {
  const words = object.split(/\s+/, MAX_LEAD_WORDS + span + 1).filter(Boolean);
  for (let k = 0; k <= Math.min(MAX_LEAD_WORDS, words.length - 1); k++) {
    const lead = words.slice(0, k);
    if (NOT_OBJECT().test(fold(lead.join(' ')))) return undefined;
    const rest = fold(words.slice(k, k + span).join(' '));
    const cue = cues.find((c) => rest.startsWith(c) && !isLetter(rest[c.length]));
    if (cue) return { name: words.slice(0, k + cue.split(' ').length).join(' '), lead };
  }
  return undefined;
}

/** The replacement written with the capitalisation of the words it replaces. */
function withCaseOf(found: string, replacement: string): string {
  const upper = /^\p{Lu}/u.test(found);
  return upper ? replacement[0].toUpperCase() + replacement.slice(1) : replacement[0].toLowerCase() + replacement.slice(1);
}
