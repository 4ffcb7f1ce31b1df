// The check of an edited document from the memory of its previous versions gives exactly the findings of a check from scratch (and the symbols it cites, as the index reads them), after every edit of random series on every fixture plan.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlan } from '../../server/src/core/document/parse';
import { Block, Heading, PlanModel, Section } from '../../server/src/core/model';
import { blockString, MovedBlock } from '../../server/src/core/document/moved-block';
import { orderedBlocks } from '../../server/src/core/document/markdown';
import { MappedText } from '../../server/src/core/text/mapped-text';
import { CheckOptions, checkPlan, checkPlanHeld, checkSteps, checkText, orderedFindings } from '../../server/src/core/engine';
import { BlockFindings, CheckSession, composeChange } from '../../server/src/core/incremental';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { byParagraph } from '../../server/src/core/rules/rule';
import { textLookalike } from '../../server/src/core/rules/text/lookalike';
import { CITATION_RULES } from '../../server/src/core/rules/citation/index';
import { LineIndex } from '../../server/src/core/text/line-index';
import { flatText, PieceText } from '../../server/src/core/text/piece-text';
import { memoText, TextMemo, withTextMemo } from '../../server/src/core/text/memo';
import { citedSymbols, citedSymbolsKept, CitedSymbolsMemory } from '../../server/src/core/workspace/index-entry';
import { ParseMemory } from '../../server/src/core/document/parse-memory';
import { analyzeCitations, Citation, CitationAnalysis, CITATIONS_MEMORY, KeptCitations, sourceSpan, tailOffset } from '../../server/src/core/citations/analysis';
import { extractCitations } from '../../server/src/core/citations/extract';
import { viewOfPlanOrUndated } from '../../server/src/core/data/as-of';
import { asRead as findingsAsRead } from '../support/findings';
import { bundledKnowledge } from '../support/knowledge';
import { KnowledgeBase } from '../../server/src/core/data/types';
import { PLAN_FIXTURES, PROVINCE_FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';
import { KeptToneCounts, textToneStyle, TONE_COUNTS_MEMORY } from '../../server/src/core/rules/text/tone-style';
import { pairInStyle, ToneStyle, toneStyleRegExp } from '../../server/src/core/text/normalize';
import { Finding, heldFindings, makeFinding, shiftedFinding } from '../../server/src/core/findings';
import { ASSIGNMENT_MATCH_MEMORY, SECTION_MATCH_MEMORY, TASK_MATCH_MEMORY } from '../../server/src/core/rules/section/kept-match';

/**
 * What is typed: letters, spaces and line breaks, and what changes findings or the structure —
 * look-alikes, decomposed marks, special hyphens, quotes, placeholders, outdated names, headings,
 * list markers, HTML comments, fences, a citation, front matter lines.
 */
const PIECES = [
  'a', 'ư', 'đ', ' ', '  ', '\n', '\n\n', '.', ',', ' ,', '\t', '\u00A0',
  'Ƣ', 'ð', '\uFFFD', 'a\u0301', '\u0301', '\u2011', '\u00AD', '"', '“', '”', '...', '[...]', 'xxx',
  'huyện', 'Ban Tuyên giáo Tỉnh ủy', 'khóa XIII', 'hoà', 'hòa', 'thuỷ',
  '\n## ', '\n### ', '# ', '\n- ', '1. ', '<!--', '-->', '\n```\n', '\n---\n',
  ' Nghị quyết số 43-NQ/TW ngày 24/11/2023', ' Kế hoạch số 12-KH/TU', 'ngày 05/12/2026', '\r\n',
  // Pieces of symbols, so that a symbol is split across lines, joined or broken by an edit.
  ' 43-', '\nNQ/TW', ' - ', '/', '\n-\n', '12/2025/NĐ-CP', '\n\nKH/UBND',
];

interface Fixture {
  name: string;
  text: string;
  syntax: 'markdown' | 'yaml';
}

function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const dir of [PLAN_FIXTURES, PROVINCE_FIXTURES]) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (!/\.(md|ya?ml)$/.test(name) || name === 'README.md') continue;
      out.push({ name, text: fs.readFileSync(path.join(dir, name), 'utf8'), syntax: name.endsWith('.md') ? 'markdown' : 'yaml' });
    }
  }
  return out;
}

/** One edit: where (mostly in the body, sometimes in the front matter or at the very ends) and what. */
/** `edited` reads as `fresh`, the index of `text` built afresh: every line, and positions and offsets at random. */
function sameLineIndex(edited: LineIndex, fresh: LineIndex, text: string, next: () => number): void {
  assert.equal(edited.lineCount, fresh.lineCount);
  // The parse trusts it to tell a text without CR (no lone CR to make a line feed of).
  assert.equal(edited.hasCarriageReturn, fresh.hasCarriageReturn);
  for (let line = 0; line < fresh.lineCount; line++) {
    assert.equal(edited.lineStart(line), fresh.lineStart(line));
    assert.equal(edited.lineEnd(line), fresh.lineEnd(line));
  }
  for (let i = 0; i < 8; i++) {
    const offset = Math.floor(next() * (text.length + 3)) - 1;
    assert.deepEqual(edited.positionAt(offset), fresh.positionAt(offset), `position of ${offset}`);
    const position = { line: Math.floor(next() * (fresh.lineCount + 2)) - 1, character: Math.floor(next() * 6) };
    assert.equal(edited.offsetAt(position), fresh.offsetAt(position));
  }
}

function randomEdit(next: () => number, text: string): { start: number; end: number; inserted: string } {
  const pick = next();
  let at = pick < 0.05 ? 0 : pick < 0.1 ? text.length : pick < 0.2 ? Math.floor(next() * Math.min(text.length, 600)) : Math.floor(next() * (text.length + 1));
  if (pick >= 0.5) {
    // At the edge of a line, where a block ends and the next begins: where a wrong reuse would show.
    const line = text.indexOf('\n', at);
    if (line >= 0) at = Math.max(0, Math.min(text.length, line + Math.floor(next() * 4) - 2));
  }
  const kind = next();
  if (kind < 0.55) return { start: at, end: at, inserted: PIECES[Math.floor(next() * PIECES.length)] };
  const end = Math.min(text.length, at + 1 + Math.floor(next() * (next() < 0.8 ? 4 : 120)));
  if (kind < 0.85) return { start: at, end, inserted: '' };
  return { start: at, end, inserted: PIECES[Math.floor(next() * PIECES.length)] };
}

const shape = (findings: unknown): string => JSON.stringify(findings);

/** Citations typed into a plan: full first mentions, undated and short ones, a short-form definition, symbols of several documents, a list. */
const CITATION_PIECES = [
  ' Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII',
  ' Nghị quyết số 43-NQ/TW',
  ' Nghị quyết 43-NQ/TW ngày 24/11/2024',
  ' Kế hoạch số 21-KH/TW, ngày 28/11/2023 của Bộ Chính trị (sau đây viết tắt là Kế hoạch 21-KH/TW)',
  ' Kế hoạch 21-KH/TW',
  ' Nghị quyết số 20-NQ/TW',
  ' Nghị quyết số 20-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương Đảng khóa XIII',
  ' Nghị quyết số 20-NQ/TW khóa XII',
  ' Quyết định số 217, 218-QĐ/TW, ngày 02/01/2020 của Bộ Chính trị',
  ' Kế hoạch số 12-KH/TU ngày 05/12/2026',
  ' Chỉ thị số 99-CT/TW',
  // A symbol that fits no grammar, dated and not.
  ' Nghị quyết liên tịch số 88/NQLT/CP-ĐCTUBTWMTTQVN ngày 12/3/2003',
  ' Nghị quyết liên tịch số 88/NQLT/CP-ĐCTUBTWMTTQVN',
];

/** Dates and subjects written into the front matter: the plan's date decides which documents it may cite. */
const META_LINES = [
  'date: ngày 15 tháng 3 năm 2024',
  'date: ngày 05 tháng 12 năm 2026',
  'date: ngày 01 tháng 01 năm 2023',
  'subject: thực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng khóa XIII',
  'subject: thực hiện Kế hoạch số 21-KH/TW',
];

/**
 * An edit of the citations: at a citation of the plan (a full one typed before it, its date
 * changed or removed, the citation removed, its symbol broken), its block split before or after
 * it or joined with the next or the one before, a paragraph typed before its block (which moves
 * it and every block after it), a citation typed at the end of a line, a line of the front matter
 * changed, or any edit.
 */
function citationEdit(next: () => number, text: string, analysis: CitationAnalysis): { start: number; end: number; inserted: string; kind: string } {
  const pick = next();
  const piece = (): string => CITATION_PIECES[Math.floor(next() * CITATION_PIECES.length)];
  const body = analysis.citations.filter((c) => !c.inSubject);
  if (pick < 0.15) {
    const line = META_LINES[Math.floor(next() * META_LINES.length)];
    const key = line.slice(0, line.indexOf(':') + 1);
    const at = text.indexOf(`\n${key}`);
    if (at >= 0) {
      const end = text.indexOf('\n', at + 1);
      return { start: at + 1, end: end < 0 ? text.length : end, inserted: line, kind: 'metadata' };
    }
  } else if (pick < 0.55 && body.length > 0) {
    const c = body[Math.floor(next() * body.length)];
    const span = sourceSpan(c, c);
    const symbol = sourceSpan(c, c.symbol);
    const how = next();
    if (how < 0.2) return { start: span.start, end: span.start, inserted: `${piece().trimStart()} và `, kind: 'citation' };
    if (how < 0.3 && c.date) return { ...sourceSpan(c, c.date), inserted: next() < 0.5 ? '' : '16/6/2022', kind: 'citation' };
    if (how < 0.4) return { start: span.start, end: span.end, inserted: '', kind: 'citation' };
    // A digit of the symbol replaced: nothing after it moves, and a later mention may stop or start being the first.
    if (how < 0.45) return { start: symbol.start, end: symbol.start + 1, inserted: next() < 0.5 ? '4' : '9', kind: 'same length' };
    if (how < 0.5) return { start: symbol.start + 1, end: symbol.start + 1, inserted: next() < 0.5 ? '1' : ' ', kind: 'citation' };
    if (how < 0.55 && c.issuer) return { ...sourceSpan(c, c.issuer), inserted: 'Bộ Chính trị', kind: 'citation' };
    // The citation's block split in two, before or after it: its citations go into two blocks.
    if (how < 0.7) {
      const at = next() < 0.5 ? span.start : Math.min(span.end, c.block.span.end);
      return { start: at, end: at, inserted: '\n\n', kind: 'split' };
    }
    // The blank line after its block, or before it, removed: two blocks joined into one.
    if (how < 0.85) {
      const after = next() < 0.5;
      const at = after ? text.indexOf('\n\n', c.block.span.end) : text.lastIndexOf('\n\n', c.block.span.start);
      if (at >= 0) return { start: at, end: at + 1, inserted: after ? '' : ' ', kind: 'join' };
    }
    // A paragraph typed before its block: the block and every one after it move, unchanged.
    return { start: c.block.span.start, end: c.block.span.start, inserted: 'Đoạn văn mới không viện dẫn.\n\n', kind: 'moved' };
  } else if (pick < 0.85) {
    const from = Math.floor(next() * text.length);
    const lineEnd = text.indexOf('\n', from);
    const at = lineEnd < 0 ? text.length : lineEnd;
    return { start: at, end: at, inserted: piece(), kind: 'citation' };
  }
  const edit = randomEdit(next, text);
  return { ...edit, kind: 'other' };
}

/**
 * Where each citation of an analysis is written, read again from its block without the analysis:
 * the block's citations read afresh and mapped by the block's text, against the analysis's places
 * from the block's start (a place kept from a moved block that forgot its block's start differs).
 */
function assertPlacedInText(analysis: CitationAnalysis, label: string): void {
  let at = 0;
  while (at < analysis.citations.length) {
    const block = analysis.citations[at].block;
    const raws = extractCitations(block.text.text);
    for (const [k, raw] of raws.entries()) {
      const c: Citation = analysis.citations[at + k];
      assert.equal(c.block, block, `${label}: citation ${at + k} is read in its block`);
      assert.deepEqual(sourceSpan(c, c.symbol), block.text.spanOf(raw.symbolStart, raw.symbolEnd), `${label}: the symbol of citation ${at + k}`);
      assert.equal(tailOffset(c), block.text.toSource(raw.tailStart), `${label}: the end of the symbol of citation ${at + k}`);
      if (raw.date) assert.deepEqual(sourceSpan(c, c.date!), block.text.spanOf(raw.date.start, raw.date.end), `${label}: the date of citation ${at + k}`);
      if (raw.title) assert.deepEqual(sourceSpan(c, c.title!), block.text.spanOf(raw.title.start, raw.title.end), `${label}: the title of citation ${at + k}`);
    }
    at += raws.length;
  }
}

/** Everything a parse gives but the line index (the same lines, built another way). */
function modelShape(plan: PlanModel): Omit<PlanModel, 'lines' | 'source'> {
  // The text the parse read (in pieces or not) is the model's text.
  assert.equal(flatText(plan.source), plan.text);
  const { lines: _lines, source: _source, ...rest } = plan;
  const sections = (list: Section[]): Section[] => list.map((s) => ({ ...s, blocks: s.blocks.map(asRead), children: sections(s.children) }));
  return {
    ...rest,
    preamble: rest.preamble.map(asRead),
    sections: sections(rest.sections),
    ...(rest.closing ? { closing: asRead(rest.closing) } : {}),
    trailing: rest.trailing.map(asRead),
    blocks: rest.blocks.map(asRead),
  };
}

/** `value` with every block an edit moved in it (in arrays and plain objects) as its readers see it (`asRead`). */
function blocksAsRead<T>(value: T): T {
  if (value instanceof MovedBlock) return asRead(value) as T;
  if (Array.isArray(value)) return value.map(blocksAsRead) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, blocksAsRead(v)])) as T;
  }
  return value;
}

/**
 * A block as its readers see it, its fields read one by one: a block an edit moved is kept as a
 * `MovedBlock`, whose text is made when it is read, and what it holds besides is no part of the
 * model. Its text's memory entry is no part of it either (a private field).
 */
function asRead(block: Block): Block {
  const read: Block = { kind: block.kind, text: block.text, span: { start: block.span.start, end: block.span.end }, region: block.region };
  if (block.metaKey !== undefined) read.metaKey = block.metaKey;
  return read;
}

/**
 * The parse of `text` with the session's memory, as the server's check worker makes it: from the
 * text in pieces (of 16 characters, so that every read crosses them), none of them joined.
 */
function parsedInPieces(uri: string, text: string, session: CheckSession): PlanModel {
  const pieces = PieceText.of(text, 16).edited(0, 0, '');
  return parsePlan(uri, pieces, 'markdown', session.lineIndex(pieces), session.parse);
}

/**
 * The citation analysis the check of a plan with a session made and kept for the next one; none
 * when it could reuse nothing (decomposed letters), or when the text is not a plan (nothing was
 * checked, and the session still holds the last plan's).
 */
function keptCitations(session: CheckSession, plan: PlanModel): KeptCitations | undefined {
  return plan.isPlan ? (session.keptAnalysis(CITATIONS_MEMORY) as KeptCitations | undefined) : undefined;
}

/**
 * The paragraph rules' kept results after a check with `session` are those a first check of the
 * same text keeps: the same notable blocks (by index and place) with the same findings, counts
 * and reusability. Nothing to compare when the text is not a plan (nothing was checked).
 */
function assertKeptAsFromScratch(session: CheckSession, kb: KnowledgeBase, uri: string, text: string, syntax: 'markdown' | 'yaml', options: CheckOptions, where: string): void {
  const plan = parsePlan(uri, text, syntax);
  if (!plan.isPlan) return;
  const fresh = new CheckSession();
  checkPlan(plan, kb, { ...options, session: fresh });
  const keptShape = (s: CheckSession, ruleId: string): object | undefined => {
    const kept = s.keptFindings(ruleId);
    // Each result read where its block is now: its findings and first hidden one moved as far as its block moved since they were made.
    const read = (r: BlockFindings, k: number): object => {
      const shift = kept!.blocks[kept!.notable[k]].span.start - r.at;
      const first = r.firstMore && { ...r.firstMore, start: r.firstMore.start + shift, end: r.firstMore.end + shift };
      return { findings: r.findings.map((f) => shiftedFinding(f, shift)), more: r.more, ...(first ? { firstMore: first } : {}), reusable: r.reusable };
    };
    // Each span read as its place (a moved block is its own span, moved-block.ts).
    return kept && { notable: [...kept.notable], spans: kept.notable.map((i) => ({ start: kept.blocks[i].span.start, end: kept.blocks[i].span.end })), results: kept.results.map(read) };
  };
  for (const rule of ALL_RULES) {
    if (!rule.paragraphs) continue;
    assert.deepStrictEqual(keptShape(session, rule.id), keptShape(fresh, rule.id), `${where}: what ${rule.id} keeps for the next check differs from a first check's`);
  }
}

/** The citation analysis of a text from scratch, as the citation rules read it. */
function citationsFromScratch(uri: string, text: string, kb: KnowledgeBase, today: string): CitationAnalysis {
  const plan = parsePlan(uri, text, 'markdown');
  return analyzeCitations(plan, viewOfPlanOrUndated(plan, kb, today));
}

/**
 * An edit of the blocks around `span` (a block of the text): the block split in two at a space,
 * joined with the block after it (the blank line between them removed), a paragraph, a heading
 * or a blank line typed before it, or a line before it deleted: the blocks after the edit move,
 * those around it are made again.
 */
function blockEdit(next: () => number, text: string, span: { start: number; end: number }): { start: number; end: number; inserted: string; kind: string } {
  const pick = next();
  if (pick < 0.25) {
    const space = text.indexOf(' ', span.start + Math.floor(next() * Math.max(1, span.end - span.start)));
    const at = space >= 0 && space < span.end ? space : span.start + Math.floor((span.end - span.start) / 2);
    return { start: at, end: at + (space === at ? 1 : 0), inserted: '\n\n', kind: 'split' };
  }
  if (pick < 0.5) {
    const gap = /\n[ \t]*\n/y;
    gap.lastIndex = span.end;
    const found = gap.exec(text);
    if (found) return { start: span.end, end: span.end + found[0].length, inserted: next() < 0.5 ? ' ' : '\n', kind: 'join' };
  }
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  if (pick < 0.7) return { start: lineStart, end: lineStart, inserted: 'Đoạn mới, trước khối này.\n\n', kind: 'paragraph before' };
  if (pick < 0.85) return { start: lineStart, end: lineStart, inserted: next() < 0.5 ? '## III. MỤC MỚI\n\n' : '\n', kind: 'heading before' };
  const before = text.lastIndexOf('\n', Math.max(0, lineStart - 2));
  return { start: before + 1, end: lineStart, inserted: '', kind: 'deleted before' };
}

describe('a paragraph rule\'s pass after an edit', () => {
  const paragraph = (text: string, start: number): Block => ({ kind: 'paragraph', text: MappedText.slice(text, start), span: { start, end: start + text.length }, region: 'body' });
  const result = (at: number, reusable = true): BlockFindings => ({ findings: [], more: 0, reusable, at });

  it('visits the blocks to check and the notable blocks still there in the order of the blocks, each kept result where its block is now', () => {
    const session = new CheckSession();
    const knowledge = {};
    // Six paragraphs of five characters, ten apart.
    const old = [0, 1, 2, 3, 4, 5].map((i) => paragraph(`abcd${i}`, i * 10));
    const begun = session.begin(PieceText.of('x'.repeat(60)), '', knowledge, true, undefined);
    const r1 = result(10);
    const r4 = result(40);
    const r5 = result(50, false);
    // Notable blocks before, after and on both sides of the two blocks the edit touches, and one of those two.
    begun.reuse!.keep('both', old, [1, 3, 4, 5], [r1, result(30), r4, r5]);
    begun.reuse!.keep('before', old, [1], [r1]);
    begun.reuse!.keep('after', old, [4], [r4]);
    begun.reuse!.keep('none', old, [], []);
    begun.commit(0);
    // [20, 35) becomes sixteen characters: the third and fourth blocks changed, the two after them moved by one.
    session.edited(20, 35, 16);
    const now = [old[0], old[1], paragraph('wxyz2', 20), paragraph('wxyzv3', 30), paragraph('abcd4', 41), paragraph('abcd5', 51)];
    const second = session.begin(PieceText.of('x'.repeat(61)), '', knowledge, true, undefined);
    const reuse = second.reuse!;
    assert.deepEqual(reuse.passFor('both', now), { visit: [1, 2, 3, 4, 5], kept: [r1, undefined, undefined, r4, undefined] }, 'a result that cannot be reused is checked again');
    assert.deepEqual(reuse.passFor('before', now), { visit: [1, 2, 3], kept: [r1, undefined, undefined] });
    assert.deepEqual(reuse.passFor('after', now), { visit: [2, 3, 4], kept: [undefined, undefined, r4] });
    assert.deepEqual(reuse.passFor('none', now), { visit: [2, 3], kept: [undefined, undefined] });
    second.commit(0);
    // Four blocks the same in each of the four passes, less the one result that cannot be reused.
    assert.equal(session.reusedBlocks, 15);
    assert.equal(session.visitedBlocks, 5 + 3 + 3 + 2);
  });
  it('writes a rule\'s pass into the lists of its last pass, longer or shorter, each rule with its own', () => {
    const session = new CheckSession();
    const knowledge = {};
    const blocksAt = (length: number, shift: number): Block[] => Array.from({ length }, (_, i) => paragraph(`abcd${i % 10}`, i * 10 + (i > 0 ? shift : 0)));
    const old = blocksAt(8, 0);
    let begun = session.begin(PieceText.of('x'.repeat(80)), '', knowledge, true, undefined);
    const results = [1, 3, 5, 7].map((i) => result(i * 10));
    begun.reuse!.keep('a', old, [1, 3, 5, 7], results);
    begun.reuse!.keep('b', old, [3], [results[1]]);
    begun.commit(0);
    // Typed in the first block: every other block moved by one, all of them the same.
    session.edited(2, 2, 1);
    let now = blocksAt(8, 1);
    begun = session.begin(PieceText.of('x'.repeat(81)), '', knowledge, true, undefined);
    const a1 = begun.reuse!.passFor('a', now);
    const b1 = begun.reuse!.passFor('b', now);
    assert.deepEqual(a1, { visit: [0, 1, 3, 5, 7], kept: [undefined, ...results] });
    assert.deepEqual(b1, { visit: [0, 3], kept: [undefined, results[1]] });
    assert.notEqual(a1.visit, b1.visit, 'each rule its own lists');
    begun.reuse!.keep('a', now, [1, 3, 5, 7], results);
    begun.reuse!.keep('b', now, [1, 3, 5, 7], results);
    begun.commit(0);
    // Typed in the first block again: 'a' visits as many blocks, 'b' more than last time.
    session.edited(2, 2, 1);
    now = blocksAt(8, 2);
    begun = session.begin(PieceText.of('x'.repeat(82)), '', knowledge, true, undefined);
    const a2 = begun.reuse!.passFor('a', now);
    assert.equal(a2.visit, a1.visit, 'the same list written again');
    assert.equal(a2.kept, a1.kept);
    assert.deepEqual(a2, { visit: [0, 1, 3, 5, 7], kept: [undefined, ...results] });
    const b2 = begun.reuse!.passFor('b', now);
    assert.equal(b2.visit, b1.visit);
    assert.deepEqual(b2, { visit: [0, 1, 3, 5, 7], kept: [undefined, ...results] });
    begun.reuse!.keep('a', now, [1, 3, 5, 7], results);
    begun.commit(0);
    // Typed in the fourth block: the fourth, a notable block, is checked again, and
    // the list, made at the most it could hold, is cut to what was written.
    session.edited(35, 35, 1);
    now = blocksAt(8, 2).map((b, i) => (i === 3 ? paragraph('abcxd3', 32) : i > 3 ? paragraph(`abcd${i}`, i * 10 + 3) : b));
    begun = session.begin(PieceText.of('x'.repeat(83)), '', knowledge, true, undefined);
    const a3 = begun.reuse!.passFor('a', now);
    assert.equal(a3.visit, a1.visit);
    assert.deepEqual(a3, { visit: [1, 3, 5, 7], kept: [results[0], undefined, results[2], results[3]] });
  });
});

/** A fixture plan with paragraphs of its own at the end, and what the kept citation findings' tests check it with. */
function withParagraphs(...paragraphs: string[]): { uri: string; text: string; options: CheckOptions } {
  const name = 'party-2026-outdated-names.md';
  const text = fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8').trimEnd() + paragraphs.map((p) => `\n\n${p}`).join('') + '\n';
  return { uri: `file:///plans/${name}`, text, options: { mode: 'drafting', lang: 'vi', today: '2026-12-05' } };
}

describe('incremental check', function () {
  // Hundreds of checks of every fixture: slow on a busy machine, whatever the code does.
  this.timeout(600_000);
  const { kb } = bundledKnowledge();
  const settings: Array<{ label: string; options: CheckOptions }> = [
    { label: 'drafting, vi', options: { mode: 'drafting', lang: 'vi', today: '2026-12-05' } },
    // A listing cap of 2 makes the cap, the count of the rest and its first place matter.
    { label: 'submission, en, cap 2', options: { mode: 'submission', lang: 'en', today: '2026-12-05', maxFindingsPerRule: 2 } },
  ];

  it('every rule declares what it reads, and a paragraph rule gives its check of one block', () => {
    for (const rule of ALL_RULES) {
      assert.ok(['paragraph', 'section', 'metadata', 'document'].includes(rule.reads), `${rule.id} declares what it reads`);
      // A rule that reads more than its block checks block by block only when it names what else it reads.
      const byBlock = rule.reads === 'paragraph' || (rule.reads === 'document' && !!rule.paragraphs?.documentKey);
      assert.equal(byBlock, !!rule.paragraphs, `${rule.id}: a paragraph rule, and only one, checks block by block`);
    }
    assert.ok(ALL_RULES.filter((r) => r.reads === 'paragraph').length >= 7);
  });

  it('the line index updated by an edit is the one built afresh', () => {
    const next = seededRandom(7);
    let text = 'a\nbc\n\nd';
    let lines = new LineIndex(text);
    for (let i = 0; i < 2000; i++) {
      const { start, end, inserted } = randomEdit(next, text);
      const changed = text.slice(0, start) + inserted + text.slice(end);
      const edited = lines.edited(changed, start, end, start + inserted.length);
      const fresh = new LineIndex(changed);
      if (edited) {
        assert.equal(edited.lineCount, fresh.lineCount);
        // The parse trusts it to tell a text without CR (no lone CR to make a line feed of).
        assert.equal(edited.hasCarriageReturn, fresh.hasCarriageReturn);
        sameLineIndex(edited, fresh, changed, next);
      } else assert.ok(/\r/.test(changed) || /\r/.test(text), 'only a text with a CR is indexed afresh');
      text = changed.length > 5000 ? changed.slice(0, 100) : changed;
      lines = text === changed ? (edited ?? fresh) : new LineIndex(text);
    }
  });

  it('the line index of characters typed in one line shares its list of line starts, and reads as the one built afresh', () => {
    // Runs of characters typed or deleted in one line (the later line starts moved, not copied)
    // between edits elsewhere and line breaks typed or removed (the list made again).
    const next = seededRandom(71);
    const startsOf = (lines: LineIndex): number[] => (lines as unknown as { starts: number[] }).starts;
    let text = 'ab\ncd\n\nef gh\nij\n';
    let lines = new LineIndex(text);
    let shared = 0;
    let made = 0;
    let at = 1;
    for (let i = 0; i < 3000; i++) {
      const kind = next();
      let start = at;
      let end = at;
      let inserted = '';
      if (kind < 0.6) inserted = 'xyz '[Math.floor(next() * 4)];
      else if (kind < 0.75) {
        // A character deleted before the cursor: a line break too, sometimes.
        start = Math.max(0, at - 1);
      } else if (kind < 0.85) inserted = next() < 0.5 ? '\n' : 'u\nv';
      else {
        start = Math.floor(next() * (text.length + 1));
        end = Math.min(text.length, start + Math.floor(next() * 3));
        inserted = next() < 0.5 ? 'w' : '';
      }
      const changed = text.slice(0, start) + inserted + text.slice(end);
      const before = lines.lineCount > 0 ? [...Array(lines.lineCount).keys()].map((line) => lines.lineStart(line)) : [];
      const edited = lines.edited(changed, start, end, start + inserted.length);
      assert.ok(edited, 'a text without CR is indexed from the last index');
      if (startsOf(edited) === startsOf(lines)) shared++;
      else made++;
      // The last index reads as it did: the shared list is not written.
      assert.deepEqual([...Array(lines.lineCount).keys()].map((line) => lines.lineStart(line)), before);
      sameLineIndex(edited, new LineIndex(changed), changed, next);
      at = start + inserted.length;
      text = changed;
      lines = edited;
      if (text.length > 400) {
        text = text.slice(0, 60);
        lines = new LineIndex(text);
        at = Math.min(at, text.length);
      }
    }
    assert.ok(shared > 1000, `the list shared ${shared} times`);
    assert.ok(made > 300, `the list made again ${made} times`);
  });

  it('reads the cited symbols by position as a reading from scratch does, cut at the same places, after every edit', () => {
    // Blank lines (with spaces, tabs, CRs) are where the text is cut: typed into, made and removed
    // next to the change, they decide which pieces before and after it can be taken as they were.
    const typed = ['\n', '\n\n', ' ', '\t', '\r\n', '\n \n', '  \n', 'x', ' Nghị quyết số 43-NQ/TW', ' Kế hoạch 21-KH/TW', '\nNQ/TW', ' 43-'];
    const next = seededRandom(23);
    let moved = 0;
    let reused = 0;
    let sameRecords = 0;
    let placedAgain = 0;
    for (let round = 0; round < 40; round++) {
      const lines = Array.from({ length: 10 + Math.floor(next() * 30) }, () => typed[Math.floor(next() * typed.length)].replace(/^\n/, ''));
      let text = lines.join('\n');
      const memory: CitedSymbolsMemory = new ParseMemory();
      citedSymbols(text, memory);
      // The records the memory holds and where they lie, its shifts applied (read without a reading: begin alone).
      const records = (t: string) => {
        const recall = memory.begin(t);
        return recall.lastPieces.map((record, i) => ({ record, start: recall.lastStart(i), length: record.length }));
      };
      let lastRecords = records(text);
      for (let step = 0; step < 60; step++) {
        const at = Math.floor(next() * (text.length + 1));
        const end = next() < 0.3 ? Math.min(text.length, at + 1 + Math.floor(next() * 6)) : at;
        const inserted = next() < 0.8 ? typed[Math.floor(next() * typed.length)] : '';
        text = text.slice(0, at) + inserted + text.slice(end);
        memory.edited(at, end, inserted.length);
        const scratch: CitedSymbolsMemory = new ParseMemory();
        const whole = citedSymbols(text, scratch);
        assert.deepEqual(whole, citedSymbols(text));
        assert.deepEqual(citedSymbols(text, memory), whole, `round ${round}, edit ${step + 1}: the cited symbols read by position differ`);
        assert.deepEqual(memory.keptPieces(), scratch.keptPieces(), `round ${round}, edit ${step + 1}: the text is cut elsewhere than from scratch`);
        const now = records(text);
        assert.deepEqual(now.map(({ start, length }) => ({ start, length })), scratch.keptPieces(), `round ${round}, edit ${step + 1}: the next reading reads the pieces at other places`);
        moved += memory.moved;
        reused += memory.reused;
        if (memory.placedAgain > placedAgain) {
          // The runs of shifts grew many (edits at many places of a long text): the records were made again with their places.
          placedAgain = memory.placedAgain;
        } else {
          // A piece moved by the change keeps its record, the same object: its place is read through the memory's shift.
          const delta = inserted.length - (end - at);
          const lastAt = new Map(lastRecords.map((p) => [p.start, p]));
          for (const piece of now) {
            if (delta === 0 || piece.start < at + inserted.length + 2) continue;
            const was = lastAt.get(piece.start - delta);
            if (was && was.length === piece.length && was.record === piece.record) sameRecords++;
          }
        }
        lastRecords = now;
      }
    }
    // Pieces were taken before and after the change, moved by it.
    assert.ok(moved > 500 && reused > 2000, `moved ${moved}, reused ${reused}`);
    assert.ok(sameRecords > 500, `moved pieces kept their records ${sameRecords} times (records made again with their places ${placedAgain} times)`);
  });

  it('gives the list of cited symbols in the order a reading from scratch gives, whether kept or made again, after typed, deleted and pasted text and pieces joined and split', () => {
    // Few symbols, each named in many pieces: a symbol's first place moves when the piece that
    // named it first loses it, and two symbols of one piece swap when a paste reorders them.
    const words = ['43-NQ/TW', '21-KH/TW', '08-KH/ĐU', '15/2023/NĐ-CP', 'x', 'lời', ' ', ', '];
    const next = seededRandom(43);
    const kept0 = citedSymbolsKept.lists;
    let made = 0;
    let several = 0;
    for (let round = 0; round < 30; round++) {
      const piece = (): string => Array.from({ length: 1 + Math.floor(next() * 4) }, () => (next() < 0.5 ? ` số ${words[Math.floor(next() * 4)]}` : ` ${words[4 + Math.floor(next() * 4)]}`)).join('');
      let text = Array.from({ length: 5 + Math.floor(next() * 25) }, piece).join(next() < 0.5 ? '\n\n' : '\n');
      const memory: CitedSymbolsMemory = new ParseMemory();
      citedSymbols(text, memory);
      for (let step = 0; step < 80; step++) {
        const at = Math.floor(next() * (text.length + 1));
        const kind = next();
        let end = at;
        let inserted = '';
        if (kind < 0.4) inserted = 'x 4/-'[Math.floor(next() * 5)]; // typed, a symbol's characters among them
        else if (kind < 0.55) end = Math.min(text.length, at + 1 + Math.floor(next() * 12)); // deleted
        else if (kind < 0.7) {
          // Pasted: a part of the text copied elsewhere, or cut and put back elsewhere.
          const from = Math.floor(next() * text.length);
          inserted = text.slice(from, from + Math.floor(next() * 40));
          if (next() < 0.3) end = Math.min(text.length, at + inserted.length);
        } else if (kind < 0.8) inserted = next() < 0.5 ? '\n\n' : '\n \n'; // a piece split
        else if (kind < 0.9) {
          // Two pieces joined: the blank line before the next piece removed.
          const blank = text.indexOf('\n\n', at);
          if (blank >= 0) [end, inserted] = [blank + 2, text.slice(at, blank) + ' '];
        } else inserted = piece();
        text = text.slice(0, at) + inserted + text.slice(end);
        memory.edited(at, end, inserted.length);
        const before = citedSymbolsKept.lists;
        const got = citedSymbols(text, memory);
        if (citedSymbolsKept.lists === before) made++;
        if (got.length > 2) several++;
        assert.deepEqual(got, citedSymbols(text), `round ${round}, edit ${step + 1}: the cited symbols differ from a reading from scratch`);
      }
    }
    // Both ways were taken many times: the last list kept, and the list made again.
    const kept = citedSymbolsKept.lists - kept0;
    assert.ok(kept > 500 && made > 300 && several > 1000, `kept ${kept}, made ${made}, lists of three symbols or more ${several}`);
  });

  it('moves every offset of a kept finding, with its keys in the order a finding is made with, and leaves the finding as it was', () => {
    const made: Finding[] = [
      { ruleId: 'text.lookalike', severity: 'warning', message: 'a', start: 10, end: 12, fix: { title: 't', edits: [{ start: 10, end: 11, newText: 'x' }, { start: 11, end: 12, newText: 'y' }], kind: 'mechanical' } },
      { ruleId: 'citation.unknown', severity: 'error', message: 'b', start: 3, end: 9, related: [{ start: 1, end: 2, message: 'r' }], unnecessary: true },
      { ruleId: 'text.spacing', severity: 'hint', message: 'c', start: 0, end: 4, fix: { title: 'u', edits: [{ start: 0, end: 4, newText: '' }], kind: 'mechanical' }, related: [{ start: 5, end: 6, message: 's' }] },
      { ruleId: 'text.spacing', severity: 'info', message: 'd', start: 7, end: 7 },
    ];
    const before = JSON.stringify(made);
    for (const f of made) {
      const moved = shiftedFinding(f, 7);
      const expected: Finding = { ruleId: f.ruleId, severity: f.severity, message: f.message, start: f.start + 7, end: f.end + 7 };
      if (f.fix) expected.fix = { title: f.fix.title, edits: f.fix.edits.map((e) => ({ ...e, start: e.start + 7, end: e.end + 7 })), kind: f.fix.kind };
      if (f.related) expected.related = f.related.map((r) => ({ ...r, start: r.start + 7, end: r.end + 7 }));
      if (f.unnecessary !== undefined) expected.unnecessary = f.unnecessary;
      // The JSON sent to the editor is the same text, keys in the same order.
      assert.equal(JSON.stringify(moved), JSON.stringify(expected), f.message);
      assert.equal(shiftedFinding(f, 0), f, 'not moved: the same object');
    }
    assert.equal(JSON.stringify(made), before, 'the kept findings are not written to');
  });

  it('orders findings held with their shifts as the findings moved, stably, each shift with its finding, and drops the same repeats', () => {
    const next = seededRandom(23);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    let repeats = 0;
    let runs = 0;
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(next() * 60);
      const objects: Finding[] = [];
      const shifts = new Int32Array(n + Math.floor(next() * 4));
      // Runs in order (a rule's findings in the order of the blocks), places that tie, and
      // findings that differ only by severity: the first listed is the one kept.
      let at = Math.floor(next() * 20);
      for (let i = 0; i < n; i++) {
        if (next() < 0.15) {
          at = Math.floor(next() * 20);
          runs++;
        } else at += Math.floor(next() * 3);
        const shift = next() < 0.5 ? 0 : Math.floor(next() * 7) - 3;
        const start = at - shift;
        objects.push(makeFinding(pick(['a.rule', 'b.rule']), pick(['error', 'warning'] as const), pick(['x', 'y']), start, start + Math.floor(next() * 2)));
        shifts[i] = shift;
      }
      const moved = objects.map((f, i) => shiftedFinding(f, shifts[i]));
      const expected = orderedFindings(moved.slice(), undefined).objects;
      const before = objects.slice();
      const held = orderedFindings(objects, shifts);
      assert.deepStrictEqual(findingsAsRead(heldFindings(held)), findingsAsRead(expected), `round ${round}`);
      for (let i = 0; i < held.objects.length; i++) {
        // Each finding with its own shift: the object is one of the list's, found where its shift says.
        const k = before.indexOf(held.objects[i]);
        assert.ok(k >= 0, `round ${round}, finding ${i}: one of the objects given`);
        assert.equal(held.objects[i].start + held.shifts![i], moved[k].start, `round ${round}, finding ${i}: its shift`);
        assert.equal(expected[i].severity, held.objects[i].severity, `round ${round}, finding ${i}: the first of repeats kept`);
      }
      repeats += n - held.objects.length;
    }
    assert.ok(repeats > 50, `${repeats} repeats dropped`);
    assert.ok(runs > 500, `${runs} runs`);
  });

  it('gives a kept finding of a block the edit moved as the last check\'s object and how far its block moved, the findings those of a check from scratch', () => {
    const name = 'party-2026-outdated-names.md';
    const uri = `file:///plans/${name}`;
    const options: CheckOptions = { mode: 'drafting', lang: 'vi', today: '2026-12-05' };
    let text = fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
    const plan = parsePlan(uri, text);
    const session = new CheckSession();
    let last = checkPlanHeld(plan, kb, { ...options, session });
    assert.equal(last.shifts, undefined, 'the first check: nothing moved');
    const at = plan.blocks.find((b) => b.span.start > plan.metaSpan!.end)!.span.start;
    let typed = 0;
    for (let i = 0; i < 6; i++) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      session.edited(at, at, 1);
      typed++;
      const held = checkPlanHeld(parsePlan(uri, text), kb, { ...options, session });
      assert.ok(held.shifts !== undefined && held.objects.length <= held.shifts.length, `keystroke ${i + 1}: held with shifts`);
      assert.deepStrictEqual(findingsAsRead(heldFindings(held)), findingsAsRead(checkPlan(parsePlan(uri, text), kb, options)), `keystroke ${i + 1}: a check from scratch`);
      const lastObjects = new Set(last.objects);
      let kept = 0;
      for (let k = 0; k < held.objects.length; k++) {
        const shift = held.shifts![k];
        if (shift === 0) continue;
        // Only a kept finding is moved: an object of a check before, moved as far as the text typed since it was made.
        assert.ok(shift > 0 && shift <= typed, `keystroke ${i + 1}: shift ${shift}`);
        if (lastObjects.has(held.objects[k])) kept++;
      }
      assert.ok(kept > 5, `keystroke ${i + 1}: ${kept} kept findings the last check's objects`);
      last = held;
    }
  });

  it('lists a citation rule\'s finding of a citation whose block an edit moved as the last check\'s object, and makes it again when the citation\'s block is edited, the findings those of a check from scratch', () => {
    // A symbol with a space inside (citation.malformed) and a date the registry contradicts
    // (citation.date-mismatch), each in a paragraph of its own at the end.
    const { uri, options, ...plain } = withParagraphs('Thực hiện Nghị quyết số 43 -NQ/TW của Ban Chấp hành Trung ương.', 'Quán triệt Nghị quyết số 43-NQ/TW, ngày 25/11/2023 của Ban Chấp hành Trung ương Đảng.');
    let text = plain.text;
    const rules = ['citation.malformed', 'citation.date-mismatch'];
    const ofRules = (objects: readonly Finding[]): Finding[] => objects.filter((f) => rules.includes(f.ruleId));
    const session = new CheckSession();
    const plan = parsePlan(uri, text);
    const first = checkPlanHeld(plan, kb, { ...options, session });
    const made = ofRules(first.objects);
    assert.deepStrictEqual(made.map((f) => f.ruleId).sort(), [...rules].sort(), 'one finding of each rule');
    const at = plan.blocks.find((b) => b.span.start > plan.metaSpan!.end)!.span.start;
    for (let i = 1; i <= 4; i++) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      session.edited(at, at, 1);
      const held = checkPlanHeld(parsePlan(uri, text), kb, { ...options, session });
      assert.deepStrictEqual(findingsAsRead(heldFindings(held)), findingsAsRead(checkPlan(parsePlan(uri, text), kb, options)), `keystroke ${i}: a check from scratch`);
      for (const f of made) {
        // The finding made at the first check, listed with how far its block moved since.
        const k = held.objects.indexOf(f);
        assert.ok(k >= 0, `keystroke ${i}: the ${f.ruleId} finding is the first check's object`);
        assert.equal(held.shifts![k], i, `keystroke ${i}: moved by what was typed`);
      }
    }
    // Typed inside the paragraph of each citation: its finding made again, a new object, then kept in turn.
    for (const word of ['Thực hiện', 'Quán triệt']) {
      const inside = text.lastIndexOf(word) + word.length;
      text = text.slice(0, inside) + ' y' + text.slice(inside);
      session.edited(inside, inside, 2);
      const held = checkPlanHeld(parsePlan(uri, text), kb, { ...options, session });
      assert.deepStrictEqual(findingsAsRead(heldFindings(held)), findingsAsRead(checkPlan(parsePlan(uri, text), kb, options)), `typed after "${word}": a check from scratch`);
      const fresh = ofRules(held.objects).filter((f) => !made.includes(f));
      assert.equal(fresh.length, 1, `typed after "${word}": one finding made again`);
      assert.equal(fresh[0].ruleId, word === 'Thực hiện' ? 'citation.malformed' : 'citation.date-mismatch');
      made[made.findIndex((f) => f.ruleId === fresh[0].ruleId)] = fresh[0];
    }
  });

  it('lists citation.first-incomplete\'s finding as the last check\'s object while its citation and the plan\'s comma before "ngày" are the same, and makes it again when either changes, the findings those of a check from scratch', () => {
    // A first citation without its date, in a paragraph of its own, and five dated citations
    // without a comma before "ngày": most of the plan's dated citations then have none, so the
    // fix inserts " ngày …"; a comma typed in one of the five tips the plan to ", ngày …".
    const dated = Array(5).fill('Quán triệt Nghị quyết số 43-NQ/TW ngày 24/11/2023 của Ban Chấp hành Trung ương Đảng').join('; ') + '.';
    const { uri, options, ...plain } = withParagraphs('Thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương Đảng khoá XIII.', dated);
    let text = plain.text;
    const ofRule = (objects: readonly Finding[]): Finding[] => objects.filter((f) => f.ruleId === 'citation.first-incomplete');
    const inserted = (f: Finding): string => f.fix!.edits[0].newText;
    const session = new CheckSession();
    const plan = parsePlan(uri, text);
    let [made] = ofRule(checkPlanHeld(plan, kb, { ...options, session }).objects);
    assert.equal(inserted(made), ' ngày 25/10/2021', 'no comma before "ngày", as most dated citations of the plan');
    const check = (label: string): ReturnType<typeof checkPlanHeld> => {
      const held = checkPlanHeld(parsePlan(uri, text), kb, { ...options, session });
      assert.deepStrictEqual(findingsAsRead(heldFindings(held)), findingsAsRead(checkPlan(parsePlan(uri, text), kb, options)), `${label}: a check from scratch`);
      assert.equal(ofRule(held.objects).length, 1, `${label}: one finding of the rule`);
      return held;
    };
    const type = (at: number, typed: string): void => {
      text = text.slice(0, at) + typed + text.slice(at);
      session.edited(at, at, typed.length);
    };
    const at = plan.blocks.find((b) => b.span.start > plan.metaSpan!.end)!.span.start;
    for (let i = 1; i <= 3; i++) {
      type(at, 'x');
      const held = check(`keystroke ${i}`);
      // The finding made at the first check, listed with how far its block moved since.
      const k = held.objects.indexOf(made);
      assert.ok(k >= 0, `keystroke ${i}: the first check's object`);
      assert.equal(held.shifts![k], i, `keystroke ${i}: moved by what was typed`);
    }
    // A comma typed in another paragraph: the citation is the same, the plan's habit is not.
    type(text.indexOf('43-NQ/TW ngày', text.lastIndexOf('Quán triệt')) + '43-NQ/TW'.length, ',');
    let [fresh] = ofRule(check('a comma typed').objects);
    assert.notEqual(fresh, made, 'a comma typed: made again');
    assert.equal(inserted(fresh), ', ngày 25/10/2021', 'a comma typed: the fix follows the plan');
    made = fresh;
    type(at, 'x');
    assert.equal(ofRule(check('after the comma').objects)[0], made, 'after the comma: kept in turn');
    // Typed inside the citation's paragraph: made again.
    type(text.lastIndexOf('Thực hiện') + 'Thực hiện'.length, ' y');
    [fresh] = ofRule(check('typed in its paragraph').objects);
    assert.notEqual(fresh, made, 'typed in its paragraph: made again');
  });

  it('lists the findings a whole-document rule kept under a key while its key and what else they depend on are the same, moved to where the key\'s part is now; makes them again otherwise; a key met twice is reported as usual', () => {
    const { check: _check, reads: _reads, paragraphs: _paragraphs, ...meta } = textLookalike;
    const keys = [{}, {}, {}];
    const also: unknown[] = ['a', 'b', 'c'];
    const more: unknown[] = [true, undefined, false];
    // Where each key's part is now, moved by what is typed before it; the third key is asked twice.
    let base = 10;
    let made = 0;
    const rule: typeof textLookalike = {
      ...meta,
      id: 'test.keyed',
      reads: 'document',
      messages: { default: { vi: 'Phần {n}', en: 'Part {n}' }, fix: { vi: 'Sửa', en: 'Fix' } },
      check(ctx) {
        for (const [n, key] of [...keys.entries(), [2, keys[2]] as const]) {
          const at = base + n * 5;
          if (ctx.keyed?.(key, also[n], at, more[n])) continue;
          made++;
          ctx.report({ data: { n: String(n) }, start: at + 1, end: at + 3, fix: { messageId: 'fix', edits: [{ start: at, end: at + 1, newText: 'z' }] } });
          ctx.report({ data: { n: `${n}'` }, start: at + 2, end: at + 4 });
        }
      },
    };
    const uri = 'file:///plans/party-2026-outdated-names.md';
    let text = fs.readFileSync(path.join(PLAN_FIXTURES, 'party-2026-outdated-names.md'), 'utf8');
    const options: CheckOptions = { mode: 'drafting', lang: 'vi', today: '2026-12-05', rules: [rule] };
    const session = new CheckSession();
    const plan = parsePlan(uri, text);
    // Typed at the body's first block; the parts the rule reports lie after it.
    const typedAt = plan.blocks.find((b) => b.span.start > plan.metaSpan!.end)!.span.start;
    base = typedAt + 10;
    let held = checkPlanHeld(parsePlan(uri, text), kb, { ...options, session });
    assert.equal(made, 4, 'the first check makes every part');
    const first = held.objects.slice();
    const type = (): void => {
      text = text.slice(0, typedAt) + 'x' + text.slice(typedAt);
      session.edited(typedAt, typedAt, 1);
      base++;
    };
    /** A keystroke checked with the session: the parts made again, and the findings those of a check from scratch. */
    const keystroke = (parts: number, label: string, lang: CheckOptions['lang'] = 'vi'): void => {
      type();
      made = 0;
      held = checkPlanHeld(parsePlan(uri, text), kb, { ...options, lang, session });
      assert.equal(made, parts, label);
      const scratch = checkPlan(parsePlan(uri, text), kb, { ...options, lang });
      assert.deepStrictEqual(findingsAsRead(heldFindings(held)), findingsAsRead(scratch), `${label}: a check from scratch`);
    };
    keystroke(1, 'only the key met twice is made again');
    const keptObjects = held.objects.filter((f) => first.includes(f));
    assert.equal(keptObjects.length, 6, 'the three keys\' findings the first check\'s objects');
    // What else the findings depend on changed for the second key: made again.
    also[1] = 'b2';
    keystroke(2, 'the second key and the key met twice made again');
    // The second value they depend on changed for the first key: made again.
    more[0] = false;
    keystroke(2, 'the first key and the key met twice made again');
    // A check stopped before its end keeps nothing: the next check takes what the last complete
    // one kept (the second key's findings made with 'b2', not those the stopped check made with 'b3').
    type();
    also[1] = 'b3';
    const steps = checkSteps(parsePlan(uri, text), kb, { ...options, session });
    steps.next();
    also[1] = 'b2';
    keystroke(1, 'after a stopped check, only the key met twice made again');
    // Another context (the language): nothing kept is listed.
    keystroke(4, 'another context: every part made again', 'en');
  });

  it('composes edits into the change that covers them', () => {
    const next = seededRandom(11);
    for (let round = 0; round < 300; round++) {
      const original = 'x'.repeat(20 + Math.floor(next() * 40));
      let text = original;
      let change;
      for (let k = 0; k < 1 + Math.floor(next() * 4); k++) {
        const { start, end, inserted } = randomEdit(next, text);
        const piece = inserted.replace(/x/g, 'y') || '';
        text = text.slice(0, start) + piece + text.slice(end);
        change = composeChange(change, start, end, piece.length);
      }
      // Outside the change the texts are the same: nothing of the original was lost there.
      assert.ok(change);
      assert.equal(text.length - change.newEnd, original.length - change.oldEnd);
      assert.equal(text.slice(0, change.start), original.slice(0, change.start));
      assert.equal(text.slice(change.newEnd), original.slice(change.oldEnd));
    }
  });

  for (const { label, options } of settings) {
    it(`gives the findings of a check from scratch after every random edit of every fixture (${label})`, () => {
      let compared = 0;
      let analysesCompared = 0;
      let reusedSome = false;
      let symbolsReused = false;
      for (const [index, fixture] of fixtures().entries()) {
        const next = seededRandom(1000 + index);
        const uri = `file:///plans/${fixture.name}`;
        const session = new CheckSession();
        const memo = new TextMemo();
        // The server's index of the workspace keeps the symbols a document cites per piece, by position.
        const symbols: CitedSymbolsMemory = new ParseMemory();
        let text = fixture.text;
        // As the server's check worker holds it: in pieces (small ones, so that edits and reads cross them).
        const size = [1, 7, 64, 4096][index % 4];
        let pieces = PieceText.of(text, size);
        const incremental = (): string => {
          memo.nextGeneration();
          const fromScratch = modelShape(parsePlan(uri, text, fixture.syntax));
          return withTextMemo(memo, () => {
            const plan = parsePlan(uri, pieces, fixture.syntax, session.lineIndex(pieces), session.parse);
            // Checked before the model's text is read (which joins the pieces, and then every read takes the joined text).
            const findings = shape(checkPlan(plan, kb, { ...options, session }));
            // The parse with the memory of the last one is the parse from scratch.
            assert.deepStrictEqual(modelShape(plan), fromScratch, `${fixture.name}: the parse differs from one from scratch`);
            return findings;
          });
        };
        incremental();
        for (let step = 0; step < 40; step++) {
          // Sometimes several edits come before the next check (versions the server gave up).
          const edits = next() < 0.2 ? 2 + Math.floor(next() * 3) : 1;
          for (let k = 0; k < edits; k++) {
            const { start, end, inserted } = randomEdit(next, text);
            text = text.slice(0, start) + inserted + text.slice(end);
            pieces = pieces.edited(start, end, inserted);
            session.edited(start, end, inserted.length);
            symbols.edited(start, end, inserted.length);
          }
          // Now and then the server cannot tell what changed (a restarted worker, a full text).
          if (next() < 0.03) {
            session.reset();
            pieces = PieceText.of(text, size);
          }
          if (next() < 0.03) symbols.reset();
          const got = incremental();
          const expected = shape(checkText(uri, text, kb, options, fixture.syntax).findings);
          assert.equal(got, expected, `${fixture.name}, edit ${step + 1}: the findings differ from a check from scratch`);
          // What the paragraph rules keep for the next check (their notable blocks and results) is what a first check keeps.
          assertKeptAsFromScratch(session, kb, uri, text, fixture.syntax, options, `${fixture.name}, edit ${step + 1}`);
          // The citation analysis the check made (and keeps for the next) is the one from scratch.
          const kept = keptCitations(session, parsePlan(uri, text, fixture.syntax));
          if (kept) {
            assert.deepStrictEqual(blocksAsRead(kept.analysis), citationsFromScratch(uri, text, kb, options.today!), `${fixture.name}, edit ${step + 1}: the citation analysis differs`);
            assertPlacedInText(kept.analysis, `${fixture.name}, edit ${step + 1}`);
            analysesCompared++;
          }
          // The symbols the index of the workspace reads, piece by piece from memory or whole.
          const whole = citedSymbols(text);
          assert.deepEqual(withTextMemo(memo, () => citedSymbols(text)), whole, `${fixture.name}, edit ${step + 1}: the cited symbols differ`);
          // And by position, from what the last reading found in the pieces the edits left alone
          // (not read at every version: the edits of versions given up add up).
          if (next() < 0.8) {
            assert.deepEqual(withTextMemo(memo, () => citedSymbols(text, symbols)), whole, `${fixture.name}, edit ${step + 1}: the cited symbols read by position differ`);
            if (symbols.reused > 0) symbolsReused = true;
          }
          compared++;
          if (session.reusedBlocks > 0) reusedSome = true;
        }
      }
      assert.ok(compared > 0 && reusedSome && symbolsReused);
      // Not after an edit that typed decomposed letters (nothing is then reused or kept) nor in a YAML plan.
      assert.ok(analysesCompared > 150, `the citation analysis was compared after ${analysesCompared} of ${compared} edits`);
    });
  }

  it('keeps the citations of the blocks an edit did not touch: the analysis is the one from scratch after edits of citations and the metadata', () => {
    const today = '2026-12-05';
    const options: CheckOptions = { mode: 'submission', lang: 'vi', today, rules: CITATION_RULES };
    let compared = 0;
    let taken = 0;
    let firstsChanged = 0;
    /** Citations of a block the edit moved whose parts are the last version's own objects. */
    let movedKept = 0;
    /** Citations that are the last version's own objects (their block is too, at the same place). */
    let sameObjects = 0;
    /** Citations that are the last version's records in a block the edit moved, given their block and place now. */
    let movedRecords = 0;
    /** Citations that are the last version's records whose first mention the pass in order found otherwise for this version. */
    let firstRewritten = 0;
    const kinds = new Map<string, number>();
    // Each fixture as it is, its body read whole (its comments), and without its comments, read by
    // pieces: the blocks the edit left alone are then the last version's objects.
    const plain = fixtures().map((f) => ({ ...f, name: `${f.name} without comments`, text: f.text.replace(/<!--[\s\S]*?-->/g, '') }));
    for (const [index, fixture] of [...fixtures(), ...plain].entries()) {
      if (fixture.syntax !== 'markdown') continue;
      const next = seededRandom(9000 + index);
      const uri = `file:///plans/${fixture.name}`;
      const session = new CheckSession();
      const memo = new TextMemo();
      let text = fixture.text;
      let expected = citationsFromScratch(uri, text, kb, today);
      let firsts = '';
      /** The last version's citations by their symbol's parts: the record, its block's start and whether it was the first mention, read after its check. */
      let last: Map<Citation['symbol'], { record: Citation; start: number; first: boolean }> | undefined;
      for (let step = 0; step < 30; step++) {
        if (step > 0) {
          const edits = next() < 0.2 ? 2 : 1;
          for (let k = 0; k < edits; k++) {
            const edit = citationEdit(next, text, k === 0 ? expected : citationsFromScratch(uri, text, kb, today));
            text = text.slice(0, edit.start) + edit.inserted + text.slice(edit.end);
            session.edited(edit.start, edit.end, edit.inserted.length);
            kinds.set(edit.kind, (kinds.get(edit.kind) ?? 0) + 1);
          }
          if (next() < 0.03) session.reset();
        }
        memo.nextGeneration();
        const plan = withTextMemo(memo, () => parsedInPieces(uri, text, session));
        const findings = withTextMemo(memo, () => checkPlan(plan, kb, { ...options, session }));
        assert.equal(shape(findings), shape(checkText(uri, text, kb, options).findings), `${fixture.name}, edit ${step}: the findings differ from a check from scratch`);
        expected = citationsFromScratch(uri, text, kb, today);
        const kept = keptCitations(session, plan);
        if (kept) {
          // Each record at one place of the list, the place it says.
          assert.equal(new Set(kept.analysis.citations).size, kept.analysis.citations.length, `${fixture.name}, edit ${step}: a record at two places`);
          kept.analysis.citations.forEach((c, i) => assert.equal(c.index, i, `${fixture.name}, edit ${step}: the index of citation ${i}`));
          assert.deepStrictEqual(blocksAsRead(kept.analysis), expected, `${fixture.name}, edit ${step}: the citation analysis differs from one from scratch`);
          assertPlacedInText(kept.analysis, `${fixture.name}, edit ${step}`);
          compared++;
          taken += kept.taken;
          // A citation whose block only moved keeps the objects of its parts.
          // The last version's records are this version's now, given their block and place.
          for (const c of kept.analysis.citations) {
            const was = last?.get(c.symbol);
            if (!was) continue;
            const moved = was.start !== c.block.span.start;
            if (moved) movedKept++;
            if (was.record !== c) continue;
            if (moved) movedRecords++;
            else sameObjects++;
            if (was.first !== c.first) firstRewritten++;
          }
        }
        last = kept ? new Map(kept.analysis.citations.map((c) => [c.symbol, { record: c, start: c.block.span.start, first: c.first }])) : undefined;
        const nowFirsts = expected.citations.filter((c) => c.first).map((c) => `${c.documentKey}@${c.index}`).join(' ');
        if (step > 0 && nowFirsts !== firsts) firstsChanged++;
        firsts = nowFirsts;
      }
    }
    assert.ok(compared > 200, `the analysis was compared ${compared} times`);
    assert.ok(taken > 0, 'citations were taken from the last version');
    assert.ok(firstsChanged > 20, `the first mentions changed ${firstsChanged} times`);
    assert.ok((kinds.get('metadata') ?? 0) > 20 && (kinds.get('citation') ?? 0) > 100, 'the metadata and citations were edited');
    for (const kind of ['split', 'join', 'moved']) assert.ok((kinds.get(kind) ?? 0) > 20, `blocks with citations were ${kind}: ${kinds.get(kind) ?? 0} times`);
    assert.ok(movedKept > 100, `the citations of moved blocks kept their parts ${movedKept} times`);
    assert.ok(sameObjects > 100, `citations were the last version's objects ${sameObjects} times`);
    assert.ok(movedRecords > 100, `citations of moved blocks were the last version's records ${movedRecords} times`);
    assert.ok(firstRewritten > 5, `the last version's records were given another first mention ${firstRewritten} times`);
    assert.ok((kinds.get('same length') ?? 0) > 20, `symbols were edited in place ${kinds.get('same length') ?? 0} times`);
  });

  it('takes again the citation records a check stopped after its analysis gave another block and place: the next check gives the analysis and findings from scratch', () => {
    const today = '2026-12-05';
    const options: CheckOptions = { mode: 'submission', lang: 'vi', today, rules: CITATION_RULES };
    let stopped = 0;
    let compared = 0;
    /** Records the stopped check took from the last complete one and the next check took again. */
    let retaken = 0;
    let undone = 0;
    for (const [index, fixture] of fixtures().entries()) {
      if (fixture.syntax !== 'markdown') continue;
      const next = seededRandom(21000 + index);
      const uri = `file:///plans/${fixture.name}`;
      const session = new CheckSession();
      const memo = new TextMemo();
      let text = fixture.text;
      const apply = (edit: { start: number; end: number; inserted: string }): void => {
        text = text.slice(0, edit.start) + edit.inserted + text.slice(edit.end);
        session.edited(edit.start, edit.end, edit.inserted.length);
      };
      const parsed = (): PlanModel => {
        memo.nextGeneration();
        return withTextMemo(memo, () => parsedInPieces(uri, text, session));
      };
      withTextMemo(memo, () => checkPlan(parsed(), kb, { ...options, session }));
      for (let step = 0; step < 12; step++) {
        const before = text;
        const edit = citationEdit(next, text, citationsFromScratch(uri, text, kb, today));
        apply(edit);
        // Checked up to its first citation rule (the analysis made), then given up for a newer version.
        const plan = parsed();
        const complete = keptCitations(session, plan);
        const placed = new Map(complete?.analysis.citations.map((c) => [c, { index: c.index, block: c.block }]));
        withTextMemo(memo, () => {
          const steps = checkSteps(plan, kb, { ...options, session });
          for (let r = steps.next(); !r.done; r = steps.next()) if (r.value.startsWith('citation.')) break;
        });
        // The complete check's records the stopped one gave another block or place.
        const rebound = new Set([...placed].filter(([c, was]) => c.index !== was.index || c.block !== was.block).map(([c]) => c));
        stopped++;
        // The newer version: the edit undone (the blocks and citations of the complete check at their places again) or another one.
        if (next() < 0.4) {
          apply({ start: edit.start, end: edit.start + edit.inserted.length, inserted: before.slice(edit.start, edit.end) });
          undone++;
        } else apply(citationEdit(next, text, citationsFromScratch(uri, text, kb, today)));
        const now = parsed();
        const findings = withTextMemo(memo, () => checkPlan(now, kb, { ...options, session }));
        assert.equal(shape(findings), shape(checkText(uri, text, kb, options).findings), `${fixture.name}, edit ${step}: the findings after a stopped check differ from a check from scratch`);
        const kept = keptCitations(session, now);
        if (!kept) continue;
        assert.deepStrictEqual(blocksAsRead(kept.analysis), citationsFromScratch(uri, text, kb, today), `${fixture.name}, edit ${step}: the citation analysis after a stopped check differs from one from scratch`);
        assertPlacedInText(kept.analysis, `${fixture.name}, edit ${step}, after a stopped check`);
        kept.analysis.citations.forEach((c, i) => assert.equal(c.index, i, `${fixture.name}, edit ${step}: the index of citation ${i}`));
        compared++;
        for (const c of kept.analysis.citations) if (rebound.has(c)) retaken++;
      }
    }
    assert.ok(stopped > 100 && compared > 100, `${stopped} checks stopped, ${compared} analyses compared`);
    assert.ok(undone > 30, `${undone} edits undone after a stopped check`);
    assert.ok(retaken > 100, `the records of the last complete check were taken again ${retaken} times`);
  });

  it('gives a later undated mention, a record of the last version, the document its dated mention names now that an edit of the date names another of the same symbol', () => {
    const today = '2026-12-05';
    const options: CheckOptions = { mode: 'submission', lang: 'vi', today, rules: CITATION_RULES };
    const uri = 'file:///plans/seed-001-lang-son.md';
    // 25-NQ/TW names two documents (of 25/7/2008 and of 12/3/2003); the undated mention takes the dated one's.
    let text = `${fixtures().find((f) => f.name === 'seed-001-lang-son.md')!.text}\n\nQuán triệt Nghị quyết số 25-NQ/TW ngày 25/7/2008 của Ban Chấp hành Trung ương.\n\nTiếp tục thực hiện Nghị quyết số 25-NQ/TW trong toàn tỉnh.\n`;
    const session = new CheckSession();
    const memo = new TextMemo();
    const check = (): { plan: PlanModel; findings: Finding[] } => {
      memo.nextGeneration();
      const plan = withTextMemo(memo, () => parsedInPieces(uri, text, session));
      return { plan, findings: withTextMemo(memo, () => checkPlan(plan, kb, { ...options, session })) };
    };
    const entryOf = (c: Citation): string => (c.resolution.status === 'resolved' ? `${c.resolution.entry.date} ${c.resolution.by}` : c.resolution.status);
    const first = check();
    const before = keptCitations(session, first.plan)!.analysis.citations;
    const later = before[before.length - 1];
    assert.equal(entryOf(later), '25/07/2008 earlier');
    const at = text.lastIndexOf('25/7/2008');
    text = `${text.slice(0, at)}12/3/2003${text.slice(at + 9)}`;
    session.edited(at, at + 9, 9);
    const { plan, findings } = check();
    const kept = keptCitations(session, plan)!;
    assert.equal(kept.analysis.citations[kept.analysis.citations.length - 1], later, "the later mention is the last version's record");
    assert.equal(entryOf(later), '12/03/2003 earlier');
    assert.deepStrictEqual(blocksAsRead(kept.analysis), citationsFromScratch(uri, text, kb, today));
    assert.equal(shape(findings), shape(checkText(uri, text, kb, options).findings));
  });

  it('takes a record of the last version at one place at most: a block of the last version that two blocks are said to be gives the second new records', () => {
    const today = '2026-12-05';
    const text = fixtures().find((f) => f.name === 'seed-001-lang-son.md')!.text;
    const plan = parsePlan('file:///plans/seed-001-lang-son.md', text, 'markdown');
    const view = viewOfPlanOrUndated(plan, kb, today);
    let kept: KeptCitations | undefined;
    const first = analyzeCitations(plan, view, { last: undefined, sameBlock: () => undefined, correspondence: () => new Int32Array(0), keep: (k) => (kept = k) });
    // Every block with citations said to be the first such block of the last version.
    const holding = plan.blocks.findIndex((_, i) => kept!.starts[i + 1] > kept!.starts[i]);
    const again = analyzeCitations(plan, view, { last: kept, sameBlock: (_blocks, _block, i) => (kept!.starts[i + 1] > kept!.starts[i] ? holding : undefined), correspondence: () => new Int32Array(0), keep: () => undefined });
    const own = first.citations.slice(kept!.starts[holding], kept!.starts[holding + 1]);
    assert.ok(own.length > 0 && again.citations.length > own.length);
    assert.equal(new Set(again.citations).size, again.citations.length, 'a record at two places');
    again.citations.forEach((c, i) => assert.equal(c.index, i, `the index of citation ${i}`));
    assert.deepEqual(again.citations.slice(0, own.length), own, 'the first block takes the records');
    assert.ok(again.citations.slice(own.length).every((c) => !own.includes(c)), 'the others are new records');
  });

  it('keeps the tone-style findings of the blocks an edit did not touch while both styles keep their counts, and gives the findings from scratch as the prevailing style changes', () => {
    // Both styles in about equal numbers, so that typing either one changes which prevails.
    const mixed = (text: string): string => {
      let n = 0;
      return text.replace(new RegExp(toneStyleRegExp('hòa').source, 'giu'), (pair) => (n++ % 2 === 0 ? pairInStyle(pair, 'hoà') : pair));
    };
    const typed = ['hoà', 'hòa', ' thuỷ', ' thủy', ' khóa', 'Hoà', 'a', ' ', '\n\n', '.', 'xoè'];
    let compared = 0;
    let kept = 0;
    let flipped = 0;
    let countsTaken = 0;
    for (const [index, fixture] of fixtures().entries()) {
      if (fixture.syntax !== 'markdown' || fixture.text.normalize('NFC') !== fixture.text) continue;
      const next = seededRandom(13000 + index);
      const uri = `file:///plans/${fixture.name}`;
      const cap = next() < 0.5 ? 3 : undefined;
      const options: CheckOptions = { mode: 'drafting', lang: 'vi', today: '2026-12-05', rules: [textToneStyle], ...(cap ? { maxFindingsPerRule: cap } : {}) };
      const session = new CheckSession();
      const memo = new TextMemo();
      let text = mixed(fixture.text);
      let last: Finding[] = [];
      let prevailing = '';
      for (let step = 0; step < 25; step++) {
        let editStart = text.length;
        if (step > 0) {
          const at = Math.floor(next() * (text.length + 1));
          const edit = next() < 0.75 ? { start: at, end: at, inserted: typed[Math.floor(next() * typed.length)] } : { ...randomEdit(next, text) };
          text = text.slice(0, edit.start) + edit.inserted + text.slice(edit.end);
          session.edited(edit.start, edit.end, edit.inserted.length);
          editStart = edit.start;
        }
        memo.nextGeneration();
        const findings = withTextMemo(memo, () => checkPlan(parsedInPieces(uri, text, session), kb, { ...options, session }));
        assert.equal(shape(findings), shape(checkText(uri, text, kb, options).findings), `${fixture.name}, edit ${step}: the findings differ from a check from scratch`);
        compared++;
        // Each block's counts, most of them taken from the last version's, are those of its text
        // (none are kept for a text that needed a composed copy).
        const counts = session.keptAnalysis(TONE_COUNTS_MEMORY) as KeptToneCounts | undefined;
        counts?.blocks.forEach((block, i) => {
          const inStyle = (style: ToneStyle): number => block.text.text.match(new RegExp(toneStyleRegExp(style).source, 'giu'))?.length ?? 0;
          assert.deepEqual([counts.firstVowel[i], counts.mainVowel[i]], [inStyle('hòa'), inStyle('hoà')], `${fixture.name}, edit ${step}: the counts of block ${i}`);
        });
        countsTaken += counts?.taken ?? 0;
        // A finding well before the edit, of a block the edit did not touch, is the last check's own object when the counts stayed.
        if (findings.some((f) => f.end < editStart - 200 && last.includes(f))) kept++;
        const now = findings.find((f) => f.ruleId === textToneStyle.id)?.message.includes('"hòa" (') ? 'hòa' : 'hoà';
        if (findings.length > 0 && prevailing && now !== prevailing) flipped++;
        if (findings.length > 0) prevailing = now;
        last = findings;
      }
    }
    assert.ok(compared > 100, `compared ${compared} times`);
    assert.ok(kept > 20, `tone-style findings kept from the last check ${kept} times`);
    assert.ok(flipped > 3, `the prevailing style changed ${flipped} times`);
    assert.ok(countsTaken > 1000, `blocks' counts taken from the last version ${countsTaken} times`);
  });

  it('parses as from scratch with the memory of the last parse, after every random edit and every edit that moves, splits or joins blocks', () => {
    // Without comments, CR line breaks and footnotes, where the memory of the last parse is read
    // (a fixture keeps its expectations in comments); pieces that open comments are left out too.
    // HTML that may run over blank lines makes the body parsed whole; typed across the place of an edit ("<pr" + "e").
    const pieces = [...PIECES.filter((p) => !/<!--|-->|\r|\[\^/.test(p)), '\n<pre>\n', '<pr', 'e>', '\n\n<textarea', '<?'];
    let reused = 0;
    let moved = 0;
    let compared = 0;
    const kinds = new Map<string, number>();
    for (const [index, fixture] of fixtures().entries()) {
      if (fixture.syntax !== 'markdown') continue;
      const next = seededRandom(5000 + index);
      const uri = `file:///plans/${fixture.name}`;
      const session = new CheckSession();
      const memo = new TextMemo();
      let text = fixture.text.replace(/<!--[\s\S]*?-->/g, '').replace(/\r/g, '');
      for (let step = 0; step < 60; step++) {
        memo.nextGeneration();
        const plan = withTextMemo(memo, () => parsedInPieces(uri, text, session));
        assert.deepStrictEqual(modelShape(plan), modelShape(parsePlan(uri, text, 'markdown')), `${fixture.name}, edit ${step}: the parse differs from one from scratch`);
        reused += session.parse.reused;
        moved += session.parse.moved;
        compared++;
        const edits = next() < 0.2 ? 2 + Math.floor(next() * 3) : 1;
        for (let k = 0; k < edits; k++) {
          const block = plan.blocks.length > 0 && next() < 0.35 ? plan.blocks[Math.floor(next() * plan.blocks.length)] : undefined;
          const edit = block ? blockEdit(next, text, block.span) : { ...randomEdit(next, text), kind: 'random' };
          if (edit.kind === 'random') {
            edit.inserted = edit.inserted && pieces[Math.floor(next() * pieces.length)];
            // Often a character typed over another: a block keeps its place and length, not its text.
            if (next() < 0.4 && text.length > 0) {
              // Half of them at the start of a line, where a block begins.
              const line = next() < 0.5 ? text.indexOf('\n', edit.start) + 1 : 0;
              edit.start = Math.min(line > 0 ? line : edit.start, text.length - 1);
              edit.end = edit.start + 1;
              edit.inserted = 'aư*_ #'[Math.floor(next() * 6)];
            }
          }
          kinds.set(edit.kind, (kinds.get(edit.kind) ?? 0) + 1);
          text = text.slice(0, edit.start) + edit.inserted + text.slice(edit.end);
          session.edited(edit.start, edit.end, edit.inserted.length);
        }
        if (next() < 0.03) session.reset();
      }
    }
    assert.ok(compared > 0 && reused > compared, 'pieces were taken from the last parse');
    assert.ok(moved > compared, `pieces were taken from the last parse at another place ${moved} times`);
    for (const kind of ['split', 'join', 'paragraph before', 'heading before', 'deleted before']) assert.ok((kinds.get(kind) ?? 0) > 20, `${kind}: ${kinds.get(kind) ?? 0} edits`);
  });

  it('parses as from scratch when HTML that runs over blank lines is typed in pieces, one edit ending where the next begins', () => {
    const fixture = fixtures().find((f) => f.name === 'clean-commune-party-2026.md')!;
    const uri = `file:///plans/${fixture.name}`;
    let compared = 0;
    for (const [first, second] of [['<pr', 'e>'], ['<', 'pre>'], ['<text', 'area>'], ['<', '?x']]) {
      const session = new CheckSession();
      const memo = new TextMemo();
      let text = fixture.text.replace(/<!--[\s\S]*?-->/g, '');
      const parse = (): void => {
        memo.nextGeneration();
        const plan = withTextMemo(memo, () => parsedInPieces(uri, text, session));
        assert.deepStrictEqual(modelShape(plan), modelShape(parsePlan(uri, text, 'markdown')), `${first}${second}: the parse differs from one from scratch`);
        compared++;
      };
      parse();
      // At the start of a paragraph in the middle of the body, in two keystrokes: the second
      // alone is no HTML, and the pieces after it would be the last parse's.
      const at = text.indexOf('\n\n', Math.floor(text.length / 2)) + 2;
      for (const [offset, typed] of [[at, first], [at + first.length, second]] as const) {
        text = text.slice(0, offset) + typed + text.slice(offset);
        session.edited(offset, offset, typed.length);
        parse();
      }
    }
    assert.equal(compared, 12);
  });

  it('parses as from scratch when a comment, a footnote definition or a CR is typed into a body read plainly, in pieces too', () => {
    // The last parse read the body without a mask, so only the text around the change is searched
    // for what would make one: typed whole, or in pieces that end where the next begins ("<!" + "--").
    const typed = ['<!--', '-->', '<!', '--', '-', '<', '!', '[^1]: chú thích', '[^', '^', '[', '1]: x', '\n[^2]: ghi chú\n', '\r', '\r\n', '\n', '\n\n', 'a', ' ', '    '];
    let compared = 0;
    let reused = 0;
    let masked = 0;
    let footnotes = 0;
    for (const [index, fixture] of fixtures().filter((f) => f.syntax === 'markdown').slice(0, 4).entries()) {
      const next = seededRandom(7000 + index);
      const uri = `file:///plans/${fixture.name}`;
      const session = new CheckSession();
      const memo = new TextMemo();
      const plain = fixture.text.replace(/<!--[\s\S]*?-->/g, '').replace(/\r/g, '');
      let text = plain;
      let at = Math.floor(text.length / 2);
      for (let step = 0; step < 150; step++) {
        memo.nextGeneration();
        const plan = withTextMemo(memo, () => parsedInPieces(uri, text, session));
        const fromScratch = parsePlan(uri, text, 'markdown');
        assert.deepStrictEqual(modelShape(plan), modelShape(fromScratch), `${fixture.name}, edit ${step}: the parse differs from one from scratch`);
        reused += session.parse.reused;
        if (fromScratch.footnotes.length > 0) footnotes++;
        if (text.indexOf('<!--') >= 0) masked++;
        // Mostly where the last edit ended (typing), sometimes elsewhere; now and then the plain text again.
        if (next() < 0.04) {
          text = plain;
          session.reset();
          continue;
        }
        if (next() < 0.2) at = Math.floor(next() * (text.length + 1));
        at = Math.min(at, text.length);
        const end = next() < 0.25 ? Math.min(text.length, at + 1 + Math.floor(next() * 5)) : at;
        const inserted = next() < 0.9 ? typed[Math.floor(next() * typed.length)] : '';
        text = text.slice(0, at) + inserted + text.slice(end);
        session.edited(at, end, inserted.length);
        at += inserted.length;
        compared++;
      }
    }
    // Split in two at every place and typed at the start of a paragraph in the middle of the body:
    // in order, the second half before the first, or with a character between them then deleted.
    const fixture = fixtures().find((f) => f.name === 'clean-commune-party-2026.md')!;
    const uri = `file:///plans/${fixture.name}`;
    for (const whole of ['<!--', '[^1]: x']) {
      for (let k = 1; k < whole.length; k++) {
        const [first, second] = [whole.slice(0, k), whole.slice(k)];
        for (const order of ['in order', 'second first', 'joined']) {
          const session = new CheckSession();
          const memo = new TextMemo();
          let text = fixture.text.replace(/<!--[\s\S]*?-->/g, '');
          const at = text.indexOf('\n\n', Math.floor(text.length / 2)) + 2;
          const edits: Array<[number, number, string]> =
            order === 'in order' ? [[at, at, first], [at + first.length, at + first.length, second]]
            : order === 'second first' ? [[at, at, second], [at, at, first]]
            : [[at, at, `${first}q${second}`], [at + first.length, at + first.length + 1, '']];
          const parse = (): void => {
            memo.nextGeneration();
            const plan = withTextMemo(memo, () => parsedInPieces(uri, text, session));
            assert.deepStrictEqual(modelShape(plan), modelShape(parsePlan(uri, text, 'markdown')), `${first} ${second}, ${order}: the parse differs from one from scratch`);
          };
          parse();
          for (const [start, end, inserted] of edits) {
            text = text.slice(0, start) + inserted + text.slice(end);
            session.edited(start, end, inserted.length);
            parse();
          }
          assert.ok(text.includes(whole));
        }
      }
    }
    // An edit of the front matter that ends it earlier: a line of it that holds a comment's or a
    // definition's start becomes the body's first, far from the change.
    for (const extra of ['ghi_chu: "<!-- x"\n', '[^1]: y\n']) {
      const session = new CheckSession();
      const plain = fixture.text.replace(/<!--[\s\S]*?-->/g, '');
      const close = plain.indexOf('\n---\n', 4) + 1;
      let text = plain.slice(0, close) + extra + plain.slice(close);
      for (const edit of [undefined, '---\n']) {
        if (edit) {
          text = text.slice(0, close) + edit + text.slice(close);
          session.edited(close, close, edit.length);
        }
        const plan = parsedInPieces(uri, text, session);
        assert.deepStrictEqual(modelShape(plan), modelShape(parsePlan(uri, text, 'markdown')), `${extra.trim()}: the parse differs from one from scratch`);
      }
    }
    assert.ok(compared > 400 && reused > compared, `pieces were taken from the last parse (${reused} in ${compared} parses)`);
    assert.ok(masked > 50 && footnotes > 50, `comments typed ${masked} times, footnote definitions ${footnotes} times`);
  });

  it('checks again every time a block whose findings reach outside it, and keeps the others', () => {
    // A paragraph rule that says where each block with "của" starts, pointing to the plan's first
    // character in some of them: those findings reach outside their block and are never reused.
    const { check: _check, reads: _reads, paragraphs: _paragraphs, ...meta } = textLookalike;
    const outside = byParagraph({
      ...meta,
      id: 'test.outside',
      messages: { default: { vi: 'Khối có "của"', en: 'A block with "của"' } },
      paragraphs: {
        checkBlock(ctx, block) {
          const at = block.text.text.indexOf('của');
          if (at < 0) return;
          const start = block.text.spanOf(at, at + 3).start;
          const related = block.text.text.includes('các') ? [{ start: 0, end: 1, message: { vi: 'Đầu văn bản', en: 'The plan starts here' } }] : undefined;
          ctx.report({ start, end: start + 3, ...(related ? { related } : {}) });
        },
      },
    });
    const options: CheckOptions = { mode: 'drafting', lang: 'vi', today: '2026-12-05', rules: [outside] };
    let compared = 0;
    let rechecked = 0;
    let reused = 0;
    for (const [index, fixture] of fixtures().entries()) {
      if (fixture.syntax !== 'markdown') continue;
      const next = seededRandom(17000 + index);
      const uri = `file:///plans/${fixture.name}`;
      const session = new CheckSession();
      let text = fixture.text;
      for (let step = 0; step < 20; step++) {
        if (step > 0) {
          const { start, end, inserted } = randomEdit(next, text);
          text = text.slice(0, start) + inserted + text.slice(end);
          session.edited(start, end, inserted.length);
        }
        const findings = checkPlan(parsedInPieces(uri, text, session), kb, { ...options, session });
        assert.equal(shape(findings), shape(checkText(uri, text, kb, options).findings), `${fixture.name}, edit ${step}: the findings differ from a check from scratch`);
        assertKeptAsFromScratch(session, kb, uri, text, 'markdown', options, `${fixture.name}, edit ${step}`);
        compared++;
        if (step > 0) reused += session.reusedBlocks;
        rechecked += session.keptFindings(outside.id)?.results.filter((r) => !r.reusable).length ?? 0;
      }
    }
    assert.ok(compared > 100 && reused > 1000 && rechecked > 100, `compared ${compared}, reused ${reused}, blocks not reusable ${rechecked}`);
  });

  it('takes the template matching of the last version again while the headings and the implementation items are the same, and matches afresh when they change', () => {
    const options: CheckOptions = { mode: 'drafting', lang: 'vi', today: '2026-12-05' };
    /** How many versions in a row took the kept match again; undefined when nothing is kept. */
    const taken = (session: CheckSession, key: string): number | undefined => (session.keptAnalysis(key) as { taken: number } | undefined)?.taken;
    const ruleIds = (found: string): string[] => [...new Set((JSON.parse(found) as Array<{ ruleId: string }>).map((f) => f.ruleId))];
    const type = (name: string, steps: Array<{ from: string; to: string; expect: (session: CheckSession, rules: string[]) => void }>): void => {
      const uri = `file:///plans/${name}`;
      let text = fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
      const session = new CheckSession();
      const check = (): string => shape(checkPlan(parsedInPieces(uri, text, session), kb, { ...options, session }));
      check();
      for (const [i, step] of steps.entries()) {
        const start = text.indexOf(step.from);
        assert.ok(start >= 0, `${name}, step ${i + 1}: "${step.from}" is in the text`);
        text = text.slice(0, start) + step.to + text.slice(start + step.from.length);
        session.edited(start, start + step.from.length, step.to.length);
        const got = check();
        assert.equal(got, shape(checkText(uri, text, kb, options, 'markdown').findings), `${name}, step ${i + 1}: the findings differ from a check from scratch`);
        step.expect(session, ruleIds(got));
      }
    };
    // A letter typed before the tasks section: everything is taken again, the places moved.
    const typed = { from: '\n\n### 2. Yêu cầu', to: 'x\n\n### 2. Yêu cầu' };
    type('seed-003-kien-giang.md', [
      {
        ...typed,
        expect: (session, rules) => {
          assert.deepEqual([SECTION_MATCH_MEMORY, TASK_MATCH_MEMORY, ASSIGNMENT_MATCH_MEMORY].map((key) => taken(session, key)), [1, 1, 1]);
          assert.ok(rules.includes('task-group.order') && !rules.includes('task-group.missing'));
        },
      },
      {
        // A task group's heading renamed: group 5 is missing, the heading no longer out of order.
        from: '### 7. Phát huy dân chủ xã hội chủ nghĩa, tiềm năng và sức sáng tạo của Nhân dân',
        to: '### 7. Công tác khác',
        expect: (session, rules) => {
          assert.deepEqual([taken(session, SECTION_MATCH_MEMORY), taken(session, TASK_MATCH_MEMORY), taken(session, ASSIGNMENT_MATCH_MEMORY)], [0, 0, 2]);
          assert.ok(rules.includes('task-group.missing') && !rules.includes('task-group.order'));
        },
      },
      { ...typed, expect: (session, rules) => assert.ok(taken(session, TASK_MATCH_MEMORY) === 1 && rules.includes('task-group.missing')) },
      {
        // The implementation section's items made to charge no body with following up.
        from: '2. Giao Sở Nội vụ là cơ quan đầu mối, chủ trì đôn đốc, kiểm tra',
        to: '2. Các cơ quan chủ trì',
        expect: (session, rules) => assert.ok(taken(session, ASSIGNMENT_MATCH_MEMORY) === 0 && rules.includes('implementation.no-monitoring')),
      },
      { ...typed, expect: (session, rules) => assert.ok(taken(session, ASSIGNMENT_MATCH_MEMORY) === 1 && rules.includes('implementation.no-monitoring')) },
      {
        // The missing group's heading glued to the tasks heading: the group is there, to be split out.
        from: '## II. NHIỆM VỤ VÀ GIẢI PHÁP',
        to: '## II. NHIỆM VỤ VÀ GIẢI PHÁP **7. Phát huy dân chủ xã hội chủ nghĩa, tiềm năng và sức sáng tạo của Nhân dân**',
        expect: (session, rules) => assert.ok(taken(session, TASK_MATCH_MEMORY) === 0 && rules.includes('section.heading-glued') && !rules.includes('task-group.missing')),
      },
    ]);
    // A programme for several resolutions: the task groups are the lettered paragraphs of the part about
    // the Resolution, so the task-group analysis reads paragraphs and is never kept.
    type('clean-programme-eighth-plenum-2026.md', [
      { ...typed, expect: (session) => assert.deepEqual([taken(session, SECTION_MATCH_MEMORY), taken(session, TASK_MATCH_MEMORY)], [1, undefined]) },
      {
        from: 'a) Nâng cao nhận thức, trách nhiệm của cấp ủy',
        to: 'a) Công tác khác của cấp ủy',
        expect: (session, rules) => assert.ok(taken(session, TASK_MATCH_MEMORY) === undefined && rules.includes('task-group.missing')),
      },
      {
        // A group of the part written as a heading: the part has a subsection, its items are headings, kept.
        from: '\n\nb) Hoàn thiện chủ trương',
        to: '\n\n#### b) Hoàn thiện chủ trương',
        expect: (session, rules) => assert.ok(taken(session, TASK_MATCH_MEMORY) === 0 && rules.includes('task-group.missing')),
      },
      { ...typed, expect: (session) => assert.equal(taken(session, TASK_MATCH_MEMORY), 1) },
      {
        from: '#### b) Hoàn thiện chủ trương, chính sách về đại đoàn kết toàn dân tộc',
        to: '#### b) Hoàn thiện công tác khác',
        expect: (session) => assert.equal(taken(session, TASK_MATCH_MEMORY), 0),
      },
      {
        // The part about the Resolution no longer named: the plan is read in the shape of one plan.
        from: '### 2. Thực hiện Nghị quyết số 43-NQ/TW',
        to: '### 2. Thực hiện nội dung khác',
        expect: (session, rules) => assert.ok(taken(session, SECTION_MATCH_MEMORY) === 0 && rules.includes('task-group.missing')),
      },
    ]);
    // A subsection made a section and the next section made its subsection, in one edit: the
    // same titles in the same order, as many sections, the subsections apart otherwise. The kept
    // key counts each list before its items, so the match is made afresh.
    const seed = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-003-kien-giang.md'), 'utf8');
    const regrouped = seed.slice(seed.indexOf('\n### 2. Yêu cầu'), seed.indexOf('\n## II. NHIỆM VỤ') + '\n## II.'.length);
    type('seed-003-kien-giang.md', [
      { ...typed, expect: (session) => assert.equal(taken(session, SECTION_MATCH_MEMORY), 1) },
      {
        from: regrouped,
        to: regrouped.replace('\n### 2. Yêu cầu', '\n## 2. Yêu cầu').replace('\n## II.', '\n### II.'),
        expect: (session) => assert.equal(taken(session, SECTION_MATCH_MEMORY), 0),
      },
      { from: 'x\n\n## 2. Yêu cầu', to: 'xy\n\n## 2. Yêu cầu', expect: (session) => assert.equal(taken(session, SECTION_MATCH_MEMORY), 1) },
    ]);
  });

  it('gives the blocks an edit moved the text memory of the blocks they were, and takes no other memory', () => {
    // Without the fixture's comments (its expectations): a body with a comment is parsed whole.
    const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'party-2026-outdated-names.md'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const uri = 'file:///plans/party-2026-outdated-names.md';
    const session = new CheckSession();
    const memo = new TextMemo();
    let reads = 0;
    // A pure function of the text that counts its calls: a remembered text is not read again.
    const words = (t: string): number => {
      reads++;
      return t.split(' ').length;
    };
    const longBlocks = (plan: PlanModel): Block[] => plan.blocks.filter((b) => b.region !== 'front' && b.text.text.length >= 48);
    const readAll = (plan: PlanModel): number[] => longBlocks(plan).map((b) => memoText(words, b.text.text, b.text));
    const parse = (t: string): PlanModel => {
      memo.nextGeneration();
      return withTextMemo(memo, () => parsePlan(uri, PieceText.of(t, 64), 'markdown', session.lineIndex(PieceText.of(t, 64)), session.parse));
    };
    const first = parse(text);
    const counts = withTextMemo(memo, () => readAll(first));
    assert.ok(counts.length > 5);
    assert.equal(reads, counts.length);
    // A word typed at the start of the body: every block after it moves.
    const at = longBlocks(first)[0].span.start;
    let edited = text;
    let last = first;
    for (let k = 0; k < 3; k++) {
      edited = edited.slice(0, at) + 'Một ' + edited.slice(at);
      session.parse.edited(at, at, 4);
      const plan = parse(edited);
      const blocks = longBlocks(plan);
      // The same texts, moved: none is read again, and the values are the ones they had.
      const moved = blocks.filter((b) => b.span.start > at + 4);
      assert.ok(moved.length >= counts.length - 1 && moved.every((b) => !last.blocks.includes(b)), 'the blocks after the edit are made again, moved');
      // Each holds the entry of the block it was, before any rule asks: no lookup by content.
      const was = new Map(longBlocks(last).map((b) => [b.span.start + 4, b.text.memoEntry]));
      assert.ok(moved.every((b) => b.text.memoEntry !== undefined && b.text.memoEntry === was.get(b.span.start)), 'a moved block does not hold the memory of the block it was');
      const before = reads;
      assert.deepEqual(withTextMemo(memo, () => moved.map((b) => memoText(words, b.text.text, b.text))), moved.map((b) => words(b.text.text)));
      assert.equal(reads - before, moved.length, 'a moved block was read again from its memory');
      last = plan;
    }
    // A text holding another memory's entry is looked up in its own memory (and read there once).
    const other = new TextMemo();
    const block = longBlocks(last).at(-1)!;
    assert.ok(block.text.memoEntry !== undefined);
    const before = reads;
    assert.equal(withTextMemo(other, () => memoText(words, block.text.text, block.text)), words(block.text.text));
    assert.equal(reads - before, 2, 'the text was taken from another memory');
    assert.equal(withTextMemo(other, () => memoText(words, block.text.text, block.text)), words(block.text.text));
    assert.equal(reads - before, 3);
  });

  it('keeps in the parse memory exactly the pieces a parse wrote, fewer or more than the last parse had, with no hole', () => {
    // The list of a parse's pieces is made at the last parse's number of pieces and cut to what was written.
    const memory = new ParseMemory<string>();
    const first = PieceText.of('aaaa bbbb cccc');
    const recall = memory.begin(first);
    recall.keepPiece(0, 4, 'a');
    recall.keepPiece(5, 4, 'b');
    recall.keepPiece(10, 4, 'c');
    memory.commit(first, recall);
    // Fewer: the last piece deleted.
    memory.edited(9, 14, 0);
    const shorter = PieceText.of('aaaa bbbb');
    const fewer = memory.begin(shorter);
    assert.equal(fewer.lastPieces.length, 3);
    fewer.keepLastPiece(0, 0);
    fewer.keepLastPiece(1, 0);
    assert.deepEqual(fewer.pieces.map((p) => p.tokens), ['a', 'b']);
    assert.equal(fewer.pieces.length, 2);
    memory.commit(shorter, fewer);
    assert.deepEqual(memory.keptPieces(), [{ start: 0, length: 4 }, { start: 5, length: 4 }]);
    // More: two pieces typed after the two kept.
    memory.edited(9, 9, 10);
    const longer = PieceText.of('aaaa bbbb dddd eeee');
    const more = memory.begin(longer);
    more.keepLastPiece(0, 0);
    more.keepLastPiece(1, 0);
    more.keepPiece(10, 4, 'd');
    more.keepPiece(15, 4, 'e');
    memory.commit(longer, more);
    assert.deepEqual(more.pieces.map((p) => p.tokens), ['a', 'b', 'd', 'e']);
    assert.deepEqual(memory.keptPieces(), [{ start: 0, length: 4 }, { start: 5, length: 4 }, { start: 10, length: 4 }, { start: 15, length: 4 }]);
  });

  it('keeps the records of the pieces an edit moved and the blocks before it as the same objects, and parses as from scratch after typed, deleted and pasted text, pieces joined and split and the front matter edited', () => {
    // A plan of some two hundred pieces, each a paragraph: an edit near its middle moves about a hundred.
    const base = fs.readFileSync(path.join(PLAN_FIXTURES, 'party-2026-outdated-names.md'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const at = base.indexOf('\n', base.indexOf('\n## ') + 1) + 1;
    const added = Array.from({ length: 200 }, (_, i) => `Đoạn thứ ${i + 1}: tổ chức thực hiện kế hoạch ở cơ sở.\n\n`).join('');
    let text = base.slice(0, at) + '\n' + added + base.slice(at);
    const uri = 'file:///plans/long.md';
    const session = new CheckSession();
    const memo = new TextMemo();
    const next = seededRandom(1414);
    const parse = (t: string): PlanModel => {
      memo.nextGeneration();
      return withTextMemo(memo, () => parsedInPieces(uri, t, session));
    };
    // The records of the last parse's pieces, read as the next parse reads them.
    const records = (t: string) => {
      const recall = session.parse.begin(PieceText.of(t));
      return recall.lastPieces.map((record, i) => ({ record, start: recall.lastStart(i), length: record.length, tokens: record.tokens }));
    };
    let last = parse(text);
    let lastRecords = records(text);
    let sameRecords = 0;
    let sameBlocks = 0;
    let placedAgain = 0;
    let movedTwice = 0;
    let compared = 0;
    const kinds = new Map<string, number>();
    for (let step = 0; step < 80; step++) {
      // Where an edit falls: one of the added paragraphs, most often near the middle.
      // Their strings read without their texts: a moved block's text is made when read (see below).
      const paragraphs = last.blocks.filter((b) => b.kind === 'paragraph' && blockString(b).startsWith('Đoạn'));
      const block = paragraphs[Math.min(paragraphs.length - 1, Math.floor(paragraphs.length * (0.3 + next() * 0.4)))];
      const r = next();
      let edit: { start: number; end: number; inserted: string; kind: string };
      if (r < 0.35) edit = { start: block.span.end, end: block.span.end, inserted: 'ư', kind: 'typed' };
      else if (r < 0.5) edit = { start: block.span.end - 1, end: block.span.end, inserted: '', kind: 'deleted' };
      else if (r < 0.65) edit = { start: block.span.end, end: block.span.end, inserted: '\n\nĐoạn dán vào, thêm một mảnh.\n\nMột đoạn nữa', kind: 'pasted' };
      // The blank line after the paragraph removed: it and the next paragraph become one piece.
      else if (r < 0.8) edit = { start: block.span.end, end: block.span.end + 1, inserted: '', kind: 'joined' };
      // A paragraph cut in two pieces at a space.
      else if (r < 0.9) {
        const space = text.indexOf(' ', block.span.start + 5);
        edit = { start: space, end: space + 1, inserted: '\n\n', kind: 'split' };
      } else if (r < 0.95) {
        // A line of the front matter added: the body starts further on, every piece of it moves.
        const close = text.indexOf('\n---', 3) + 1;
        edit = { start: close, end: close, inserted: '# ghi chú\n', kind: 'front matter' };
      } else edit = { start: at, end: at, inserted: 'Một ', kind: 'before' };
      kinds.set(edit.kind, (kinds.get(edit.kind) ?? 0) + 1);
      text = text.slice(0, edit.start) + edit.inserted + text.slice(edit.end);
      session.edited(edit.start, edit.end, edit.inserted.length);
      const plan = parse(text);
      const delta = edit.inserted.length - (edit.end - edit.start);
      // Moved blocks whose texts were not read since an earlier edit moved them: their moves add up.
      for (const b of plan.blocks) if (b instanceof MovedBlock && b.delta !== delta) movedTwice++;
      // Reading a block's text makes it: compared with a parse from scratch after two edits of
      // three, so that some blocks are moved again before any text of theirs is read.
      if (step % 3 !== 1 || step === 79) {
        assert.deepStrictEqual(modelShape(plan), modelShape(parsePlan(uri, text, 'markdown')), `edit ${step} (${edit.kind}): the parse differs from one from scratch`);
        compared++;
      }
      const now = records(text);
      // The places the memory holds, its shifts applied, are those of a parse from scratch with a memory.
      const scratch = new CheckSession();
      withTextMemo(new TextMemo(), () => parsedInPieces(uri, text, scratch));
      assert.deepEqual(session.parse.keptPieces(), scratch.parse.keptPieces(), `edit ${step} (${edit.kind}): the pieces are kept at other places than from scratch`);
      assert.deepEqual(now.map(({ start, length }) => ({ start, length })), scratch.parse.keptPieces(), `edit ${step} (${edit.kind}): the next parse reads the pieces at other places`);
      // Edits at many places made many runs of shifts: the records were made again with their places (checked below).
      if (session.parse.placedAgain > placedAgain) {
        placedAgain = session.parse.placedAgain;
        last = plan;
        lastRecords = now;
        continue;
      }
      const lastAt = new Map(lastRecords.map((p) => [p.start, p]));
      for (const piece of now) {
        if (piece.start + piece.length < edit.start) {
          // Before the change: the last parse's record itself.
          assert.equal(piece.record, lastAt.get(piece.start)?.record, `edit ${step}: the piece at ${piece.start} before the change is a new record`);
        } else if (piece.start >= edit.start + edit.inserted.length + 2) {
          const was = lastAt.get(piece.start - delta);
          if (!was || was.length !== piece.length) continue;
          // After it, moved: its record is the same object, its new place read through the memory's shift.
          assert.equal(piece.record, was.record, `edit ${step}: the moved piece at ${piece.start} was given a new record`);
          assert.equal(piece.tokens, was.tokens, `edit ${step}: the moved piece at ${piece.start} was made again`);
          sameRecords++;
        }
      }
      // The blocks before the change are the last version's objects.
      const lastBlocks = new Set(last.blocks);
      for (const b of plan.blocks) {
        if (b.region !== 'body' || b.kind === 'heading' || b.span.end >= edit.start - 2 || b.span.start < at) continue;
        assert.ok(lastBlocks.has(b), `edit ${step}: the block at ${b.span.start} before the change was made again`);
        sameBlocks++;
      }
      last = plan;
      lastRecords = now;
    }
    assert.ok(sameRecords > 2000, `moved pieces kept their records ${sameRecords} times`);
    assert.ok(placedAgain > 0 && placedAgain < 10, `the records were made again with their places ${placedAgain} times in 80 edits`);
    assert.ok(sameBlocks > 2000, `blocks before the change kept ${sameBlocks} times`);
    assert.ok(movedTwice > 1000 && compared > 50, `blocks moved twice before their texts were read: ${movedTwice}; compared ${compared} times`);
    for (const kind of ['typed', 'deleted', 'pasted', 'joined', 'split', 'front matter']) assert.ok((kinds.get(kind) ?? 0) > 2, `${kind}: ${kinds.get(kind) ?? 0} edits`);
  });

  it('puts the blocks of the body in order after the blocks of the metadata, which stay first as they are', () => {
    const block = (start: number, region: Block['region'] = 'body'): Block => ({ kind: 'paragraph', text: MappedText.slice('x', start), span: { start, end: start + 1 }, region });
    const meta = [block(30, 'front'), block(10, 'front')];
    const heading: Heading = { level: 2, raw: MappedText.slice('II. Nhiệm vụ', 100), title: MappedText.slice('Nhiệm vụ', 104), span: { start: 97, end: 112 } };
    const inOrder = orderedBlocks({ preamble: [block(50)], sections: [{ heading, blocks: [block(120), block(140)], children: [], span: { start: 97, end: 141 } }], trailing: [block(200, 'trailing')] }, meta);
    assert.deepEqual(inOrder.map((b) => b.span.start), [30, 10, 50, 100, 120, 140, 200]);
    // A body whose blocks are not in the order of their places (a YAML plan's keys may not be): sorted, the metadata's left first.
    const outOfOrder = orderedBlocks({ preamble: [block(150)], sections: [{ heading, blocks: [block(120), block(110)], children: [], span: { start: 97, end: 141 } }], trailing: [block(90, 'trailing')] }, meta);
    assert.deepEqual(outOfOrder.map((b) => b.span.start), [30, 10, 90, 100, 110, 120, 150]);
    assert.deepEqual(orderedBlocks({ preamble: [block(5), block(3)], sections: [], trailing: [] }).map((b) => b.span.start), [3, 5]);
  });

  it('keeps the findings of the blocks an edit moved as they were made, each block result the same object, and moves only those listed under the cap', () => {
    const paragraphRules = ALL_RULES.filter((r) => r.paragraphs);
    const base: CheckOptions = { mode: 'drafting', lang: 'vi', today: '2026-12-05' };
    /** Three characters typed at `from` then the last deleted, three times, with `cap`; says how many moved blocks kept their findings' list and after how many keystrokes a rule had findings past its cap. */
    const typeBefore = (name: string, from: number, cap: number | undefined): { sameFindings: number; sameResults: number; hidden: number } => {
      const text = fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
      const uri = `file:///plans/${name}`;
      const session = new CheckSession();
      const options: CheckOptions = { ...base, ...(cap ? { maxFindingsPerRule: cap } : {}) };
      let current = text;
      checkPlan(parsePlan(uri, current), kb, { ...options, session });
      let at = from;
      let sameFindings = 0;
      let sameResults = 0;
      let hidden = 0;
      for (let i = 0; i < 12; i++) {
        const lastLists = new Set(paragraphRules.flatMap((r) => session.keptFindings(r.id)?.results.map((x) => x.findings) ?? []));
        const lastResults = new Set(paragraphRules.flatMap((r) => session.keptFindings(r.id)?.results ?? []));
        const typed = i % 4 === 3 ? '' : 'x ,'[i % 4];
        const start = typed === '' ? at - 1 : at;
        const end = at;
        current = current.slice(0, start) + typed + current.slice(end);
        session.edited(start, end, typed.length);
        at = start + typed.length;
        const got = checkPlan(parsePlan(uri, current), kb, { ...options, session });
        const expected = checkPlan(parsePlan(uri, current), kb, options);
        assert.deepStrictEqual(got, expected, `${name}, cap ${cap}, keystroke ${i + 1}: the findings differ from a check from scratch`);
        assertKeptAsFromScratch(session, kb, uri, current, 'markdown', options, `${name}, cap ${cap}, keystroke ${i + 1}`);
        for (const rule of paragraphRules) {
          const kept = session.keptFindings(rule.id);
          kept?.results.forEach((r, k) => {
            if (kept.blocks[kept.notable[k]].span.start !== r.at && r.findings.length > 0 && lastLists.has(r.findings)) sameFindings++;
            // A moved block's result is the last check's, not a copy made to move it.
            if (kept.blocks[kept.notable[k]].span.start !== r.at && lastResults.has(r)) sameResults++;
          });
        }
        // A rule past its cap lists `cap` findings and one saying how many more, placed at the first hidden one.
        if (cap && got.some((f) => f.start > at && got.filter((g) => g.ruleId === f.ruleId).length === cap + 1)) hidden++;
      }
      return { sameFindings, sameResults, hidden };
    };
    // Typed at the start of the block of the body's first finding: the blocks after it move. With
    // a cap that lists the findings up to that one, the first hidden one is in a moved block.
    const name = 'party-2026-outdated-names.md';
    const plan = parsePlan(`file:///plans/${name}`, fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8'));
    const all = checkPlan(plan, kb, base).filter((f) => paragraphRules.some((r) => r.id === f.ruleId));
    const firstInBody = all.findIndex((f) => f.start > plan.metaSpan!.end);
    const typedIn = plan.blocks.find((b) => b.span.start <= all[firstInBody].start && all[firstInBody].end <= b.span.end)!;
    assert.ok(all.filter((f) => f.start > typedIn.span.end).length > 3, 'findings after the block typed in');
    for (const cap of [undefined, firstInBody + 1]) {
      const { sameFindings, sameResults, hidden } = typeBefore(name, typedIn.span.start, cap);
      assert.ok(sameFindings > 50, `cap ${cap}: ${sameFindings} moved blocks' findings kept as they were made`);
      assert.equal(sameResults, sameFindings, `cap ${cap}: every moved block's result kept as the same object`);
      if (cap) assert.equal(hidden, 12, 'the findings past the cap were counted after the change');
    }
    // Typed just before the first block with tone-style findings, which has two: with a cap of 1,
    // the first hidden one is the one that block kept past the cap, moved.
    const lang = 'seed-001-lang-son.md';
    const langPlan = parsePlan(`file:///plans/${lang}`, fs.readFileSync(path.join(PLAN_FIXTURES, lang), 'utf8'));
    const tone = checkPlan(langPlan, kb, base).filter((f) => f.ruleId === 'text.tone-style');
    const toneBlock = langPlan.blocks.findIndex((b) => b.span.start <= tone[0].start && tone[0].end <= b.span.end);
    assert.ok(tone.filter((f) => f.end <= langPlan.blocks[toneBlock].span.end).length >= 2, 'two tone-style findings in that block');
    const { hidden } = typeBefore(lang, langPlan.blocks[toneBlock - 1].span.start, 1);
    assert.equal(hidden, 12, 'the findings past the cap were counted after the change');
  });

  it('makes the lists of a check at the numbers of the last one and cuts them to what was written: fewer or more citations, notable blocks and findings than the last check had, with no hole', () => {
    // The citations and their own parts, each paragraph rule's notable blocks and results, and the
    // findings are written by index into lists of the last check's numbers and cut to what was written.
    const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'seed-001-lang-son.md'), 'utf8');
    const uri = 'file:///plans/seed-001-lang-son.md';
    const today = '2026-12-07';
    const session = new CheckSession();
    const options: CheckOptions = { mode: 'drafting', lang: 'vi', today, session };
    const noHole = (list: readonly unknown[], what: string): void => {
      assert.equal(list.filter(() => true).length, list.length, `${what}: a hole in the list`);
    };
    const checked = (now: string, where: string): void => {
      const findings = checkPlan(parsedInPieces(uri, now, session), kb, options);
      noHole(findings, `${where}: the findings`);
      assert.equal(shape(findings), shape(checkPlan(parsePlan(uri, now), kb, { mode: 'drafting', lang: 'vi', today })), `${where}: the findings of a check from scratch`);
      const kept = keptCitations(session, parsePlan(uri, now))!;
      // After an edit, the lists were made at the last check's numbers (what was kept is reused).
      if (where !== 'first') assert.ok(kept.taken > 0 && session.reusedBlocks > 0, `${where}: nothing reused`);
      noHole(kept.analysis.citations, `${where}: the citations`);
      noHole(kept.own, `${where}: the citations' own parts`);
      assert.equal(kept.own.length, kept.analysis.citations.length, `${where}: one own part a citation`);
      assert.equal(shape(kept.analysis), shape(citationsFromScratch(uri, now, kb, today)), `${where}: the citations of an analysis from scratch`);
      for (const rule of ALL_RULES) {
        const mine = session.keptFindings(rule.id);
        if (!mine) continue;
        noHole(mine.notable, `${where}: ${rule.id}'s notable blocks`);
        noHole(mine.results, `${where}: ${rule.id}'s results`);
      }
      assertKeptAsFromScratch(session, kb, uri, now, 'markdown', options, where);
    };
    checked(text, 'first');
    const before = { citations: keptCitations(session, parsePlan(uri, text))!.own.length, findings: session.listedFindings };
    assert.ok(before.citations > 20 && before.findings > 10, `${before.citations} citations, ${before.findings} findings`);
    // Fewer: the middle third of the body deleted, the blocks after it moved.
    const from = text.indexOf('\n\n', Math.floor(text.length / 3)) + 2;
    const to = text.indexOf('\n\n', Math.floor((2 * text.length) / 3)) + 2;
    const cut = text.slice(from, to);
    const shorter = text.slice(0, from) + text.slice(to);
    session.edited(from, to, 0);
    checked(shorter, 'a third deleted');
    const fewer = { citations: keptCitations(session, parsePlan(uri, shorter))!.own.length, findings: session.listedFindings };
    assert.ok(fewer.citations < before.citations && fewer.findings < before.findings, `fewer: ${JSON.stringify(fewer)} after ${JSON.stringify(before)}`);
    // More: the third pasted back twice, the blocks after it moved.
    const longer = shorter.slice(0, from) + cut + cut + shorter.slice(from);
    session.edited(from, from, 2 * cut.length);
    checked(longer, 'a third pasted twice');
    const more = { citations: keptCitations(session, parsePlan(uri, longer))!.own.length, findings: session.listedFindings };
    assert.ok(more.citations > before.citations && more.findings > before.findings, `more: ${JSON.stringify(more)} after ${JSON.stringify(before)}`);
  });

  it('reuses the findings of the blocks an edit did not touch', () => {
    // A plan in NFC with text findings (a plan with decomposed letters is checked in full).
    const text = fs.readFileSync(path.join(PLAN_FIXTURES, 'party-2026-outdated-names.md'), 'utf8');
    const uri = 'file:///plans/party-2026-outdated-names.md';
    const session = new CheckSession();
    const options: CheckOptions = { mode: 'drafting', lang: 'vi', today: '2026-12-05', session };
    const first = checkPlan(parsePlan(uri, text), kb, options);
    // A space typed at the end of the last paragraph: every finding before it is the same object.
    const at = text.trimEnd().length;
    const changed = text.slice(0, at) + ' ' + text.slice(at);
    session.edited(at, at, 1);
    const second = checkPlan(parsePlan(uri, changed), kb, options);
    assert.ok(session.reusedBlocks > 0);
    // Each paragraph rule visited the touched block and the blocks with findings only, not every block.
    const paragraphRules = ALL_RULES.filter((r) => r.paragraphs && session.keptFindings(r.id));
    const notable = paragraphRules.reduce((n, r) => n + session.keptFindings(r.id)!.notable.length, 0);
    const blocks = paragraphRules.reduce((n, r) => n + session.keptFindings(r.id)!.blocks.length, 0);
    assert.ok(paragraphRules.length >= 7 && session.visitedBlocks <= notable + paragraphRules.length, `visited ${session.visitedBlocks} blocks, ${notable} with findings`);
    assert.ok(session.visitedBlocks * 3 < blocks, `visited ${session.visitedBlocks} of ${blocks} blocks`);
    const textRule = (f: { ruleId: string }): boolean => f.ruleId === 'name.outdated' || f.ruleId.startsWith('text.');
    const lastBlock = parsePlan(uri, text).blocks.at(-1)!;
    // (The place of the date line is checked once per version, with the metadata.)
    const before = first.filter((f) => textRule(f) && f.start >= parsePlan(uri, text).metaSpan!.end && f.end < lastBlock.span.start);
    assert.ok(before.length > 0);
    assert.ok(before.every((f) => second.includes(f)), 'the text findings of unchanged blocks are kept, not made again');
  });
});
