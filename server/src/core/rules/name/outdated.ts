// name.outdated — a body, unit, place or term named by its old name in a plan dated (or, undated, checked today) after the name changed: merged boards and departments, the end of the provincial đảng đoàn and ban cán sự đảng, the district level, merged provinces, the sitting Central Committee.

import { viDate } from '../../data/as-of';
import { NameChange, nameText } from '../../data/types';
import { Lang, TextEdit } from '../../findings';
import { findFolded, findPhrase, foldWithMap } from '../../form/fold-map';
import { metaValueEdit, verbatimEdit } from '../../form/meta-text';
import { Block } from '../../model';
import { memoText, textMemoActive } from '../../text/memo';
import { paragraphFolds } from '../../text/paragraph-fold';
import { anyCaseTonePairs, fold, foldOnce, nextTonePair, pairInStyle } from '../../text/normalize';
import { byParagraph, onFirstUse, RuleContext } from '../rule';
import { firstWordOf, firstWordSearch } from './first-words';
import { mayHoldTest } from './may-hold';
import type { Text } from '../../text/piece-text';

/** An old name found in a paragraph, by offsets in its text. */
interface TextHit {
  start: number;
  end: number;
  change: NameChange;
  /** Which of the change's names was found. */
  nameIndex: number;
}

interface Hit extends TextHit {
  block: Block;
}

interface Needle {
  change: NameChange;
  nameIndex: number;
  /** The name, folded once. */
  folded: string;
}

/**
 * The old names of the changes found in a text, the longest where they overlap, none already in
 * the current form: `hitsIn(text)` folds the text itself; `hitsInFolded(text, plain)` is given
 * the text's plain fold (`foldOnce`), made once per paragraph and shared with other rules.
 */
interface HitFinder {
  hitsIn: (text: string) => readonly TextHit[];
  hitsInFolded: (text: string, plain: string) => readonly TextHit[];
}

/**
 * The test of paragraphs as written (`mayHoldTest`) of the old names of every change of a register,
 * one per register: the changes in force at any date are some of them (a list cut at the date), so
 * a text whose fold holds none of them holds none of those in force. One pattern for all the dates
 * of the plans a run checks: one per list of changes cost some 10–30 ms to make each.
 */
const mayHoldTests = new WeakMap<readonly NameChange[], (text: string) => boolean>();

function mayHoldOf(register: readonly NameChange[]): (text: string) => boolean {
  let test = mayHoldTests.get(register);
  if (!test) {
    test = mayHoldTest(register.flatMap((change) => change.names.map((name) => fold(nameText(name)))));
    mayHoldTests.set(register, test);
  }
  return test;
}

/** What a paragraph that names none of them gives: one empty list for all, never written to. */
const NO_HITS: readonly TextHit[] = Object.freeze([]);

// One finder per list of changes in force: the lists are shared by every plan of the same period,
// so a paragraph left unchanged by an edit is not searched again (memoText of the same `hitsIn`).
const finders = new WeakMap<readonly NameChange[], HitFinder>();

/** The finder of the old names of `changes` (see HitFinder). */
function hitFinder(changes: readonly NameChange[]): HitFinder {
  let finder = finders.get(changes);
  if (finder) return finder;
  const needles: Needle[] = changes.flatMap((change) => change.names.map((name, nameIndex) => ({ change, nameIndex, folded: fold(nameText(name)) })));
  const currents = new Map(
    changes.map((c) => [c, [c.current, ...c.names.map((n) => (typeof n === 'string' ? undefined : n.current))].filter((x): x is string => !!x).map(fold)]),
  );
  const anywhere: Needle[] = [];
  const byFirstWord: Needle[] = [];
  for (const n of needles) {
    if (firstWordOf(n.folded)) byFirstWord.push(n);
    else if (n.folded !== '') anywhere.push(n);
  }
  const firstWordHits = firstWordSearch(byFirstWord.map((n) => n.folded));
  const hitsInFolded = (text: string, plain: string): readonly TextHit[] => {
    // Most paragraphs name none of them: a plain fold tells, and the map back is made only when needed.
    // Each name starting where its first word stands as a whole word, in the order a reading word
    // by word finds them in, which decides between two names found at the same place.
    const firstWordFound = firstWordHits(plain);
    let present: Set<Needle> | undefined;
    for (const n of anywhere) if (plain.includes(n.folded)) (present ??= new Set()).add(n);
    if (!present && firstWordFound.length === 0) return NO_HITS;
    present ??= new Set();
    for (const hit of firstWordFound) present.add(byFirstWord[hit.index]);
    const folded = foldWithMap(text);
    const hits: TextHit[] = [];
    const currentRanges = new Map<NameChange, Array<{ start: number; end: number }>>();
    for (const n of present) {
      // Text already in the current form is never reported again (a fix stays fixed).
      let ranges = currentRanges.get(n.change);
      if (!ranges) {
        ranges = currents.get(n.change)!.flatMap((c) => findFolded(folded, c));
        currentRanges.set(n.change, ranges);
      }
      for (const r of findFolded(folded, n.folded)) {
        if (ranges.some((c) => r.start >= c.start && r.end <= c.end)) continue;
        if (FORMER().test(text.slice(r.end))) continue;
        if (inOlderCitation(text, r.start, n.change.until)) continue;
        hits.push({ start: r.start, end: r.end, change: n.change, nameIndex: n.nameIndex });
      }
    }
    // Longest name first where names overlap ("huyện, thị, thành ủy" over "thành ủy").
    hits.sort((a, b) => a.start - b.start || b.end - a.end);
    let lastEnd = -1;
    return hits.filter((hit) => {
      if (hit.start < lastEnd) return false;
      lastEnd = hit.end;
      return true;
    });
  };
  finder = { hitsIn: (text) => hitsInFolded(text, foldOnce(text)), hitsInFolded };
  finders.set(changes, finder);
  return finder;
}

/** The date the plan is judged by, in words: its own date line, or today for a plan with no date yet. */
function whenText(ctx: RuleContext, lang: Lang): string {
  const day = viDate(ctx.view.date);
  if (ctx.view.basis === 'today') return lang === 'vi' ? `kế hoạch chưa ghi ngày, được xét theo ngày hôm nay ${day}` : `the plan has no date yet and is checked as of today, ${day}`;
  return lang === 'vi' ? `kế hoạch đề ngày ${day}` : `the plan is dated ${day}`;
}

/** Changes whose source is not settled are said as hints only. */
const UNVERIFIED = { drafting: 'hint', submission: 'hint' } as const;

// A name followed by "(cũ)" or "trước đây" refers to the former body or unit on purpose.
const FORMER = onFirstUse(() => /^\s*(?:\(\s*cũ\s*\)|trước đây)/u);
// A name right after "của" in a citation is the issuer of the cited document: right when the
// document is older than the change.
const CITATION = onFirstUse(() => /(?:\bsố\s+\S*\d|\d{1,4}\s*-\s*[\p{Lu}Đ]+\s*\/|\d+\s*\/\s*[\p{Lu}Đ]+)/u);
const DATES = onFirstUse(() => /(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})|năm\s+(\d{4})/gu);

function inOlderCitation(text: string, start: number, until: string): boolean {
  const before = text.slice(Math.max(0, start - 240), start);
  if (!/(?:^|\s)của\s+$/iu.test(before.normalize('NFC'))) return false;
  // The citation is the clause that leads to "của": cut at the last ";" or sentence end.
  const clause = before.split(/[;\n]|\.\s/u).pop() ?? '';
  if (!CITATION().test(clause)) return false;
  let newest: string | undefined;
  for (const m of clause.matchAll(DATES())) {
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

/**
 * The current name that replaces a listed name: its own, or the change's for a name of the same
 * sort as the first one. A listed name that begins otherwise ("Tỉnh ủy Hậu Giang" next to "tỉnh
 * Hậu Giang") names another body and is reported, not replaced, unless it carries its own.
 */
function currentFor(change: NameChange, index: number): string | undefined {
  const listed = change.names[index];
  if (typeof listed !== 'string') return listed.current;
  if (!change.current || (change.successors?.length ?? 0) > 1) return undefined;
  return sameSort(listed, nameText(change.names[0])) ? change.current : undefined;
}

/**
 * The tone pairs of each style in any case, made once: building a pattern for every old name found
 * was 1.5 % of a command line run and some 25 MB of garbage on 1,000 plans. Both are global, read
 * by `nextTonePair` (which asks the letters' ranges what follows a pair) from 0 at each call.
 */
const MAIN_VOWEL_PAIRS = onFirstUse(() => anyCaseTonePairs('hoà'));
const FIRST_VOWEL_PAIRS = onFirstUse(() => anyCaseTonePairs('hòa'));

/** The replacement in the tone style of the text it replaces ("Tỉnh uỷ" stays "uỷ"), so it adds no inconsistency. */
function inStyleOf(found: string, replacement: string): string {
  const main = MAIN_VOWEL_PAIRS();
  main.lastIndex = 0;
  if (!nextTonePair(main, found)) return replacement;
  // What `replace` with the whole pattern did: each pair in the "hòa" style put in the other.
  const first = FIRST_VOWEL_PAIRS();
  first.lastIndex = 0;
  let out = '';
  let from = 0;
  for (let m = nextTonePair(first, replacement); m; m = nextTonePair(first, replacement)) {
    out += replacement.slice(from, m.index) + pairInStyle(m[0], 'hoà');
    from = m.index + m[0].length;
  }
  return out + replacement.slice(from);
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

export const nameOutdated = byParagraph({
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
      vi: '"{found}" không còn đúng từ ngày {until} ({when}): {note} Tên hiện nay: "{current}".',
      en: '"{found}" is outdated since {until} ({when}): {note} Current name: "{current}".',
    },
    noCurrent: {
      vi: '"{found}" không còn đúng từ ngày {until} ({when}): {note}',
      en: '"{found}" is outdated since {until} ({when}): {note}',
    },
    successors: {
      vi: '"{found}" không còn đúng từ ngày {until} ({when}): {note} Cơ quan tiếp nhận là một trong: {successors}; hãy chọn tên đúng với địa phương.',
      en: '"{found}" is outdated since {until} ({when}): {note} It was taken over by one of: {successors}; choose the one that fits the locality.',
    },
    place: {
      vi: 'Địa danh "{found}" không còn đúng từ ngày {until} ({when}): {note} Địa danh hiện nay: "{current}".',
      en: 'The place "{found}" is outdated since {until} ({when}): {note} Current place: "{current}".',
    },
    placeCommune: {
      vi: 'Địa danh "{found}" không còn đúng từ ngày {until} ({when}): {note} Với văn bản của xã, phường, đặc khu, địa danh là tên xã, phường, đặc khu nơi cơ quan ban hành đóng trụ sở.',
      en: 'The place "{found}" is outdated since {until} ({when}): {note} A commune, ward or special zone writes the name of the commune, ward or zone where the issuer sits.',
    },
    fix: { vi: 'Thay bằng "{current}"', en: 'Replace with "{current}"' },
    fixRemove: {
      vi: 'Bỏ dòng này: thay bằng "{current}" thì trùng với một nơi nhận ở trên',
      en: 'Remove this line: replaced with "{current}", it would repeat a recipient above',
    },
  },
  fixable: true,
  paragraphs: {
    checkFirst(ctx) {
      const changes = ctx.view.outdatedNames;
      if (changes.length > 0) checkPlace(ctx, changes, whenText(ctx, ctx.lang));
    },
    checkBlock(ctx, block) {
      const changes = ctx.view.outdatedNames;
      // The date line's place is a name of its own, compared whole (checkFirst).
      if (changes.length === 0 || block.metaKey === 'place') return;
      const { finder, when } = ctx.shared(namesContext);
      // A recipient line's hits were found with every other line's when a fix of one of them
      // asked which lines repeat another (recipientRemovals): taken from there, not searched again.
      const hits = block.metaKey === 'recipients' && !textMemoActive() ? (ctx.shared(recipientHits).get(block) ?? NO_HITS) : hitsOf(ctx, finder, block);
      for (const hit of hits) reportHit(ctx, when, { ...hit, block });
    },
  },
});

/** The old names in a block's text. */
function hitsOf(ctx: RuleContext, finder: HitFinder, block: Block): readonly TextHit[] {
  const text = block.text;
  // While a plan is edited its paragraphs' hits are remembered with their texts (the fold
  // made once per paragraph's text across versions). A check from scratch folds a paragraph,
  // once for all the rules that read it folded; in a run over many plans (`manyPlans`, the
  // command line's) only when its text as written may hold an old name (nine paragraphs in
  // ten of the corpus cannot: their fold and search were some 6 % of a command line run).
  // That test's pattern costs 12-19 ms to make in a fresh process, which one plan does not
  // repay: the server's first check of a plan just opened (no memory yet) folds every paragraph.
  if (textMemoActive()) return memoText(finder.hitsIn, text.text, text);
  return ctx.manyPlans !== true || mayHoldOf(ctx.view.kb.names.changes)(text.text) ? finder.hitsInFolded(text.text, ctx.shared(paragraphFolds).of(text)) : NO_HITS;
}

/**
 * The old names in each recipient line (the front matter's `recipients` blocks), found once per
 * check: a fix of one line reads every line's (recipientRemovals), and each line's own check its
 * own. Searched in the lines' check and again for the removals, the second search was some 0.6 %
 * of a command line run's samples (docs/benchmarks.md, twenty-sixth round).
 */
function recipientHits(ctx: RuleContext): Map<Block, readonly TextHit[]> {
  const { finder } = ctx.shared(namesContext);
  const hits = new Map<Block, readonly TextHit[]>();
  for (const block of ctx.plan.blocks) if (block.metaKey === 'recipients') hits.set(block, hitsOf(ctx, finder, block));
  return hits;
}

/** What every block's check needs, made once per check: the finder of the old names and the plan's date in words. */
function namesContext(ctx: RuleContext): { finder: HitFinder; when: string } {
  return { finder: hitFinder(ctx.view.outdatedNames), when: whenText(ctx, ctx.lang) };
}

function reportHit(ctx: RuleContext, when: string, hit: Hit): void {
  const { change, block } = hit;
  const text = block.text.text;
  const found = text.slice(hit.start, hit.end);
  const span = block.text.spanOf(hit.start, hit.end);
  const successors = change.successors ?? [];
  const current = change.kind === 'term' ? change.current : currentFor(change, hit.nameIndex);
  const data = {
    found,
    until: viDate(change.until),
    when,
    note: change.note[ctx.lang] || change.note.vi,
    current: current ?? change.current ?? '',
    successors: successors.map((x) => `"${x}"`).join(', '),
  };
  const removal = block.metaKey === 'recipients' ? ctx.shared(recipientRemovals).get(block) : undefined;
  const replacement = replacementFor(hit);
  const edit = removal ?? (replacement ? verbatimEdit(ctx.plan, block.text, replacement.start, replacement.end, replacement.text) : undefined);
  ctx.report({
    messageId: successors.length > 1 ? 'successors' : data.current ? 'default' : 'noCurrent',
    data,
    start: span.start,
    end: span.end,
    ...(edit ? { fix: { messageId: removal ? 'fixRemove' : 'fix', data, edits: [edit] } } : {}),
    ...(change.certainty === 'unverified' ? { severity: UNVERIFIED } : {}),
  });
}

/** What a fix writes for an old name, in the paragraph's text: the whole name, or only the term of a "sitting committee" phrase. */
function replacementFor(hit: Hit): { start: number; end: number; text: string } | undefined {
  const { change } = hit;
  const text = hit.block.text.text;
  const current = change.kind === 'term' ? change.current : currentFor(change, hit.nameIndex);
  if (!current || change.certainty === 'unverified') return undefined;
  if (change.kind === 'term') {
    // Only the term changes: "Trung ương khóa XIII hiện nay" → "Trung ương khóa XIV hiện nay".
    const part = termPart(text, hit.start, hit.end, current);
    return part ? { ...part, text: inStyleOf(text.slice(part.start, part.end), current) } : undefined;
  }
  const found = text.slice(hit.start, hit.end);
  const upper = found === found.toUpperCase() && found !== found.toLowerCase();
  const styled = inStyleOf(found, current);
  return { start: hit.start, end: hit.end, text: upper ? styled.toUpperCase() : styled };
}

/** A recipient compared with another: folded, without its list mark and closing punctuation. */
function recipientKey(text: string): string {
  return fold(text)
    .replace(/^[\s\-–+•]+/u, '')
    .replace(/[\s,;.]+$/u, '');
}

/**
 * Recipient lines that a fix would make repeat another one ("Ban Tuyên giáo Tỉnh ủy" and "Ban
 * Dân vận Tỉnh ủy" both become "Ban Tuyên giáo và Dân vận Tỉnh ủy"): their fix removes the line
 * instead, so that a fixed plan lists each body once. Only a line of a block list that holds one
 * old name is removed; anything else keeps its replacement.
 */
function recipientRemovals(ctx: RuleContext): Map<Block, TextEdit> {
  const removals = new Map<Block, TextEdit>();
  const recipients = ctx.plan.blocks.filter((b) => b.metaKey === 'recipients');
  if (recipients.length < 2) return removals;
  // Made from the front matter alone, so a check that keeps the findings of unchanged blocks (the
  // front matter unchanged) keeps the right ones.
  const { hitsIn } = ctx.shared(namesContext).finder;
  const found = textMemoActive() ? undefined : ctx.shared(recipientHits);
  const hits: Hit[] = recipients.flatMap((block) => (found?.get(block) ?? memoText(hitsIn, block.text.text, block.text)).map((hit) => ({ ...hit, block })));
  // A line no fix touches stays, wherever it is; of the lines fixes make alike, the first stays.
  const fixed: Array<{ block: Block; key: string }> = [];
  const seen = new Set<string>();
  for (const block of recipients) {
    const own = hits.filter((h) => h.block === block);
    const replacement = own.length === 1 ? replacementFor(own[0]) : undefined;
    const text = block.text.text;
    if (!replacement) {
      if (own.length === 0) seen.add(recipientKey(text));
      continue;
    }
    fixed.push({ block, key: recipientKey(text.slice(0, replacement.start) + replacement.text + text.slice(replacement.end)) });
  }
  for (const { block, key } of fixed) {
    const removal = seen.has(key) ? lineRemoval(ctx.plan.source, block) : undefined;
    if (removal) removals.set(block, removal);
    else seen.add(key);
  }
  return removals;
}

/** Removes the line of a block-list item ("  - …"), when the item is alone on its line. */
function lineRemoval(source: Text, block: Block): TextEdit | undefined {
  const lineStart = source.lastIndexOf('\n', block.span.start - 1) + 1;
  const lineEnd = source.indexOf('\n', block.span.end);
  if (lineEnd < 0) return undefined;
  if (!/^\s*-\s+$/u.test(source.slice(lineStart, block.span.start)) || !/^\s*$/u.test(source.slice(block.span.end, lineEnd))) return undefined;
  return { start: lineStart, end: lineEnd + 1, newText: '' };
}

/**
 * The place of the date line ("Hậu Giang, ngày …") of a province that no longer exists. A
 * provincial body writes the new province's name; a commune writes its own name, so for a commune
 * plan the finding says so and offers no replacement.
 */
function checkPlace(ctx: RuleContext, changes: readonly NameChange[], when: string): void {
  const place = ctx.plan.meta.place;
  const value = place?.value.trim() ?? '';
  if (!place || value === '') return;
  const folded = fold(value);
  for (const change of changes) {
    if (!(change.places ?? []).some((p) => fold(p) === folded)) continue;
    const provincial = ctx.view.level !== 'commune' && !!change.currentPlace;
    const data = { found: value, until: viDate(change.until), when, note: change.note[ctx.lang] || change.note.vi, current: change.currentPlace ?? '' };
    const edit = provincial && change.certainty !== 'unverified' ? metaValueEdit(ctx.plan, place, place.value.replace(value, change.currentPlace!)) : undefined;
    ctx.report({
      messageId: provincial ? 'place' : 'placeCommune',
      data,
      start: place.span.start,
      end: place.span.end,
      ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}),
      ...(change.certainty === 'unverified' ? { severity: UNVERIFIED } : {}),
    });
    return;
  }
}
