// Parses a Markdown plan (YAML front matter + headings) into the plan model with markdown-it.

import { Block, Heading, PlanModel, Section } from '../model';
import { inlineMarkup } from '../text/inline-markup';
import { MappedText } from '../text/mapped-text';
import { memoText, ownCopy, textMemoActive } from '../text/memo';
import { listOfLength, ParseMemory, ParseRecall } from './parse-memory';
import { parseYaml, yamlTooDeep } from '../data/yaml-guard';
import { META_STRING_KEY_SET, readMeta, tooDeepProblem, yamlProblems } from './meta';
import { isPlainRead, readPlainYaml, YamlRead } from './plain-yaml';
import { LineIndex } from '../text/line-index';
import { EDITED_PIECE_CHARS, flatText, PIECE_CHARS, Text } from '../text/piece-text';
import { buildHeading, emptyModel, finishSections, isClosingParagraph, movedHeading, withLfBreaks } from './structure';
import { appendAll } from '../arrays';
import { markdownParser } from './markdown-it';
import { blockString, memoOwnerOf, MovedBlock, movedBlock } from './moved-block';

// Only the block structure is read (headings, paragraphs, list items with their lines): inline
// parsing, most of markdown-it's work on prose, is switched off, and paragraphs and headings are
// marked without their text.
const md = markdownParser({ structure: true });

/** The opening "---" line, at the very start (after a byte order mark); any line break style. */
const FRONT_MATTER_OPEN = /^\uFEFF?---[ \t]*(?:\r\n?|\n)/;
/** The closing "---" (or "...") line. */
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r\n?|\n|$)/m;
/**
 * Where an unclosed front matter stops: the first heading of the body, or the first line that
 * cannot be YAML of a plan (text at the margin that is not "key:", "- item" or a comment).
 */
const UNCLOSED_END = /^(?:#{2,6}[ \t]|(?![ \t]|-|#|[^\r\n:]*:)[^\r\n]*\S)/m;

/** The text with every character except line breaks replaced by a space. */
function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/**
 * The body as the rules read it: the front matter (up to `bodyStart`) and HTML comments blanked.
 * Built from slices rather than an array of characters: a plan of 20,000 lines is 6 MB, and
 * splitting it into one string per character dominated the parse.
 */
function maskText(text: string, bodyStart: number): string {
  const parts: string[] = [blank(text.slice(0, bodyStart))];
  let last = bodyStart;
  const comment = /<!--[\s\S]*?(?:-->|$)/g;
  for (let m = comment.exec(text); m; m = comment.exec(text)) {
    // A comment opened inside the front matter is left as it is, as before.
    if (m.index < bodyStart) continue;
    parts.push(text.slice(last, m.index), blank(m[0]));
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** "[^label]:" at the start of a line: a footnote definition (GitHub Flavored Markdown). */
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\s]{1,64})\]:[ \t]*/;
/** Lines that end a footnote's paragraph: a heading, a list item, another footnote. */
const INTERRUPTS = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]|\d{1,9}[.)][ \t]|\[\^[^\]\s]{1,64}\]:)/;

interface FootnoteDefinition {
  label: string;
  /** From "[^" to the end of its last line. */
  start: number;
  end: number;
  contentStart: number;
}

/**
 * The footnote definitions of the body: "[^1]: text", continued by the lines that follow it up to
 * a blank line, and after a blank line by lines indented four spaces or a tab. Read line by line,
 * only when the body has a "[^" at all.
 */
function footnoteDefinitions(text: Text, from: number): FootnoteDefinition[] {
  const out: FootnoteDefinition[] = [];
  if (text.indexOf('[^', from) < 0) return out;
  let current: FootnoteDefinition | undefined;
  let afterBlank = false;
  for (let pos = from; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const next = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, nl < 0 ? text.length : nl).replace(/\r$/, '');
    const blank = line.trim() === '';
    if (current) {
      if (blank) {
        afterBlank = true;
        pos = next;
        continue;
      }
      const indented = /^(?: {4}|\t)/.test(line);
      if (afterBlank ? indented : indented || !INTERRUPTS.test(line)) {
        current.end = pos + line.length;
        afterBlank = false;
        pos = next;
        continue;
      }
      out.push(current);
      current = undefined;
    }
    const m = FOOTNOTE_DEFINITION.exec(line);
    if (m) {
      current = { label: m[1], start: pos + line.indexOf('['), end: pos + line.length, contentStart: pos + m[0].length };
      afterBlank = false;
    }
    pos = next;
  }
  if (current) out.push(current);
  return out;
}

/** The text with the footnote definitions blanked, as comments are: they are no part of the structure. */
function maskFootnotes(text: string, definitions: readonly FootnoteDefinition[]): string {
  if (definitions.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (const d of definitions) {
    parts.push(text.slice(last, d.start), blank(text.slice(d.start, d.end)));
    last = d.end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/**
 * A heading's or paragraph's text as rules read it: emphasis markers and footnote references left
 * out. `own`: the block is kept for the next versions (see `PieceParse`), so its text is a copy of
 * its own, not a slice of this version's text, which it would keep alive.
 */
function proseText(source: Text, start: number, end: number, own: boolean, base = 0): MappedText {
  const slice = source.slice(start, end);
  return MappedText.without(own ? ownCopy(slice) : slice, base + start, inlineMarkup(slice));
}

/** What the body loop reads of a markdown-it token. */
interface BlockToken {
  type: string;
  tag: string;
  map: [number, number] | null;
}

// An HTML block (a line starting with "<div>", "<script>" …) is text the drafter wrote: it is read
// as a paragraph, so that it is checked, exported and shown as written rather than lost.
const STRUCTURE = new Set(['bullet_list_open', 'ordered_list_open', 'bullet_list_close', 'ordered_list_close', 'heading_open', 'paragraph_open', 'html_block']);

/** The structural tokens of a Markdown text, lines counted from its start. */
function blockTokens(text: string): BlockToken[] {
  const out: BlockToken[] = [];
  for (const t of md.parse(text, {})) {
    // The token's own map: the parse is over, nothing writes to it again, and the token is left.
    if (STRUCTURE.has(t.type)) out.push({ type: t.type, tag: t.tag, map: t.map });
  }
  return out;
}

/** HTML blocks that may run over blank lines (script, pre, style, textarea, <?…?>, <!…>). */
const LONG_HTML = /<(?:script|pre|style|textarea)\b|<[?!]/i;
const FENCE = / {0,3}(`{3,}|~{3,})/y;

/**
 * The body cut into pieces that CommonMark parses the same alone as together: a piece starts at
 * a line that begins at the margin right after a blank line, outside a fenced code block. Such a
 * line cannot continue anything before it (a paragraph ends at the blank line, a list item would
 * need indentation), so each piece's block structure is its own. Undefined when HTML that may
 * run over blank lines is present: the body is then parsed whole.
 */
function splitPieces(text: string): Array<{ text: string; line: number; offset: number }> | undefined {
  if (mayRunOverBlankLines(text)) return undefined;
  const pieces: Array<{ text: string; line: number; offset: number }> = [];
  cutPieces(text, 0, 0, (start, end, line) => {
    pieces.push({ text: text.slice(start, end), line, offset: start });
    return false;
  });
  return pieces;
}

function mayRunOverBlankLines(text: string): boolean {
  return text.indexOf('<') >= 0 && LONG_HTML.test(text);
}

/**
 * Cuts text[from, end) into pieces (see splitPieces), `from` being where a piece starts and
 * `line` its line: `visit` is given each piece's [start, end) and first line in turn, and stops
 * the cut by returning true.
 */
function cutPieces(text: Text, from: number, line: number, visit: (start: number, end: number, line: number) => boolean): void {
  let pieceStart = from;
  let pieceLine = line;
  let previousBlank = false;
  let fence: string | undefined;
  for (let pos = from; pos < text.length; line++) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl + 1;
    // The line alone is read (a fence's run and a blank line lie within it): the text may be in pieces.
    const lineText = text.slice(pos, end);
    const first = lineText.charCodeAt(0);
    // Space, tab, CR or LF: the line does not begin at the margin.
    const atMargin = first !== 32 && first !== 9 && first !== 13 && first !== 10;
    if (fence === undefined && previousBlank && atMargin && pos > pieceStart) {
      if (visit(pieceStart, pos, pieceLine)) return;
      pieceStart = pos;
      pieceLine = line;
    }
    FENCE.lastIndex = 0;
    const f = FENCE.exec(lineText);
    if (f) {
      const run = f[1];
      const rest = lineText.slice(f[0].length);
      if (fence === undefined) {
        // A backtick fence whose info string holds a backtick is not a fence (CommonMark 4.5).
        if (run[0] !== '`' || !rest.includes('`')) fence = run;
      } else if (run[0] === fence[0] && run.length >= fence.length && rest.trim() === '') {
        // Only a run of the same character, at least as long, with nothing after it closes the fence.
        fence = undefined;
      }
    }
    let blank = true;
    for (let i = 0; i < lineText.length; i++) {
      const c = lineText.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10) {
        blank = false;
        break;
      }
    }
    previousBlank = blank;
    pos = end;
  }
  visit(pieceStart, text.length, pieceLine);
}

/**
 * What the parse made of a piece of the body, kept for the next version: its structural tokens and
 * how many headings and blocks they mark. The items themselves are the version's list of the body
 * (`ParseMemory.commit`), the pieces' items one after the other: a piece the edit left alone, moved
 * or not, keeps this record as the same object, and its items are found in the last version's list
 * by counting those of the pieces before it, so that a keystroke makes no record and no array per
 * piece after the change, only the moved items themselves.
 */
interface PieceParse {
  tokens: readonly BlockToken[];
  count: number;
}

/** What the parse of a version leaves for the next: what was made of each piece of the body, and the body's items. */
export type MarkdownParseMemory = ParseMemory<PieceParse, ReadonlyArray<Block | Heading>>;
type Recall = ParseRecall<PieceParse, ReadonlyArray<Block | Heading>>;

/** A heading or block of the body `delta` characters further on (the same object when it did not move). */
function movedItem(item: Block | Heading, delta: number): Block | Heading {
  if (delta === 0) return item;
  if ('level' in item) return movedHeading(item, delta);
  return movedBlock(item, delta);
}

/**
 * The headings and blocks of the body, in order. With a document memory (the language server),
 * each piece's tokens are made once per text and a keystroke parses again only the piece it falls
 * in; without one (the command line), the body is parsed whole. With a memory of the last parse
 * (`recall`), a piece the edit left alone is found by its place, not by its content, and its
 * headings and blocks are taken, moved to where the piece is now. `whole`: the body was parsed
 * whole (HTML that may run over blank lines), and `recall` was neither read nor given anything.
 */
function bodyItems(source: Text, bodyStart: number, lines: LineIndex, recall?: Recall): { items: Array<Block | Heading>; whole: boolean } {
  if (recall && !htmlMayRunOver(source, bodyStart, recall)) return { items: cutFromChange(source, bodyStart, lines, recall), whole: false };
  const out: Array<Block | Heading> = [];
  // Only the body is parsed, from where it starts: a slice shares the text's memory, and blank
  // lines before a CommonMark document change nothing in its structure, so the lines of its
  // tokens are those of the whole text moved by the lines of the front matter.
  const text = flatText(source);
  const body = text.slice(bodyStart);
  const bodyLine = lines.positionAt(bodyStart).line;
  const pieces = textMemoActive() && !recall ? splitPieces(body) : undefined;
  if (!pieces) {
    appendAll(out, pieceItems(text, lines, blockTokens(body), bodyLine, false));
    return { items: out, whole: true };
  }
  for (const piece of pieces) appendAll(out, pieceItems(text, lines, memoText(blockTokens, piece.text), bodyLine + piece.line, false));
  return { items: out, whole: false };
}

/**
 * Whether the body holds HTML that may run over blank lines. When the last parse cut the body
 * into pieces, it had none, and only the text around the change is searched.
 */
function htmlMayRunOver(text: Text, bodyStart: number, recall: Recall): boolean {
  const c = recall.change;
  if (!c || !recall.keptFrom(bodyStart)) return mayRunOverBlankLines(flatText(text).slice(bodyStart));
  // The longest start of such HTML ("<textarea" and the end of its word) lies within this margin.
  const margin = 16;
  return mayRunOverBlankLines(text.slice(Math.max(bodyStart, c.start - margin), Math.min(text.length, c.newEnd + margin)));
}

/**
 * The body's headings and blocks with the memory of the last parse: the pieces before the change
 * are the last parse's, kept whole; the text is cut into pieces again from the first piece the
 * change may have touched, and only until a piece starts after the change where a piece of the
 * last parse started: from there on the pieces are the last parse's, moved. The items of a piece
 * of the last parse are read from the last version's list (`recall.lastList`), moved by the
 * change when they lie after it.
 */
function cutFromChange(text: Text, bodyStart: number, lines: LineIndex, recall: Recall): Array<Block | Heading> {
  const last = recall.lastPieces;
  const lastItems = recall.lastList ?? [];
  // Nearly all the last version's items come again: the list is made at their number and written
  // by index (past it, it grows), then cut to what was written, rather than grown by push from
  // empty (some 10,000 items a keystroke on 20,000 lines, and each growth a copy).
  const out = listOfLength<Block | Heading>(lastItems.length);
  let count = 0;
  // How many items the last parse's pieces before `counted` made: the index in `lastItems` of the first item of that piece.
  let counted = 0;
  let itemsBefore = 0;
  const firstItemOf = (index: number): number => {
    if (index < counted) {
      counted = 0;
      itemsBefore = 0;
    }
    for (; counted < index; counted++) itemsBefore += last[counted].tokens.count;
    return itemsBefore;
  };
  const headCount = recall.unchangedHeadCount(bodyStart) ?? 0;
  let from = bodyStart;
  if (headCount > 0) {
    // The same pieces at the same places: their records and items are the last parse's objects.
    for (let i = 0; i < headCount; i++) recall.keepLastPiece(i, 0);
    const end = firstItemOf(headCount);
    for (let i = 0; i < end; i++) out[count++] = lastItems[i];
    from = recall.lastStart(headCount - 1) + last[headCount - 1].length;
  }
  cutPieces(text, from, lines.positionAt(from).line, (start, end, line) => {
    const length = end - start;
    const index = recall.indexOf(start, length);
    if (index >= 0) {
      const first = firstItemOf(index);
      const delta = start - recall.lastStart(index);
      // The same record, its new place read through the shift kept with it.
      recall.keepLastPiece(index, delta);
      for (let i = first; i < first + last[index].tokens.count; i++) out[count++] = movedItem(lastItems[i], delta);
    } else {
      const tokens = memoText(blockTokens, text.slice(start, end));
      const items = pieceItems(text, lines, tokens, line, true);
      recall.keepPiece(start, length, { tokens, count: items.length });
      for (const item of items) out[count++] = item;
    }
    const tail = end < text.length ? recall.movedTailFrom(end) : undefined;
    if (!tail) return false;
    const { index: tailStart, delta } = tail;
    // Their records kept as they are: one shift for them all, not a record per piece.
    for (let i = tailStart; i < last.length; i++) recall.keepLastPiece(i, delta);
    // Each moved text keeps the rules' memory of the text it was (MappedText.moved): found without hashing the text.
    for (let i = firstItemOf(tailStart); i < lastItems.length; i++) out[count++] = movedItem(lastItems[i], delta);
    return true;
  });
  out.length = count;
  return out;
}

/**
 * The headings and blocks that the structural tokens of a piece of the body mark, the tokens'
 * lines counted from `line`. Everything is read inside the piece (its lists open and close in it):
 * what a piece makes depends on its text alone, at whatever place it is.
 */
function pieceItems(masked: Text, lines: LineIndex, tokens: readonly BlockToken[], line: number, own: boolean): Array<Block | Heading> {
  const body: Array<Block | Heading> = [];
  let listDepth = 0;
  for (const t of tokens) {
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') listDepth++;
    else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') listDepth--;
    else if (t.type === 'heading_open' && t.map) {
      const level = Number(t.tag.slice(1));
      const lineStart = lines.lineStart(t.map[0] + line);
      const lineEnd = lines.lineEnd(t.map[0] + line);
      const lineText = masked.slice(lineStart, lineEnd);
      const atx = /^( {0,3}#{1,6}[ \t]+|\s*#{1,6}$)/.exec(lineText);
      let contentStart = lineStart + (atx ? atx[0].length : /^\s*/.exec(lineText)![0].length);
      let contentEnd = lineEnd;
      let content = masked.slice(contentStart, contentEnd);
      const closing = /[ \t]+#+[ \t]*$|[ \t]+$/.exec(content);
      if (closing) content = content.slice(0, closing.index);
      contentEnd = contentStart + content.length;
      if (content.length === 0) contentStart = contentEnd;
      body.push(buildHeading(level, proseText(masked, contentStart, contentEnd, own), { start: lineStart, end: lineEnd }));
    } else if ((t.type === 'paragraph_open' || t.type === 'html_block') && t.map) {
      const start = lines.lineStart(t.map[0] + line);
      const end = lines.lineEnd(t.map[1] - 1 + line);
      // The paragraph's lines alone are read: the text may be in pieces.
      const lineText = masked.slice(start, end);
      let s = 0;
      if (listDepth > 0) {
        const marker = /^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+/.exec(lineText);
        if (marker) s = marker[0].length;
      }
      while (s < lineText.length && (lineText[s] === ' ' || lineText[s] === '\t')) s++;
      let e = lineText.length;
      while (e > s && /\s/.test(lineText[e - 1])) e--;
      if (e <= s) continue;
      body.push({
        kind: listDepth > 0 ? 'list-item' : 'paragraph',
        text: proseText(lineText, s, e, own, start),
        span: { start: start + s, end: start + e },
        region: 'body',
      });
    }
  }
  return body;
}

export interface FrontMatter {
  start: number;
  yamlStart: number;
  yamlText: string;
  end: number;
  /** True when no closing "---" line was found: the metadata is read up to the body's first line. */
  unclosed: boolean;
}

/**
 * The front matter: an opening "---" on the first line, YAML, a closing "---". Line breaks may be
 * LF, CRLF or a lone CR (old Mac files). A missing closing line is tolerated here and reported.
 */
export function findFrontMatter(text: string): FrontMatter | undefined {
  const open = FRONT_MATTER_OPEN.exec(text);
  if (!open) return undefined;
  const yamlStart = open[0].length;
  const rest = text.slice(yamlStart);
  const close = FRONT_MATTER_CLOSE.exec(rest);
  if (close) {
    return { start: 0, yamlStart, yamlText: rest.slice(0, close.index), end: yamlStart + close.index + close[0].length, unclosed: false };
  }
  const stop = UNCLOSED_END.exec(rest);
  const yamlEnd = stop ? stop.index : rest.length;
  return { start: 0, yamlStart, yamlText: rest.slice(0, yamlEnd), end: yamlStart + yamlEnd, unclosed: true };
}

/**
 * The first characters of a text in pieces the front matter is looked for in, shortest first,
 * before the whole text: a plan's front matter closes within the first few thousand characters,
 * read in place from the first piece, where a longer head ran into the next pieces and V8 copied
 * them into one string at every keystroke.
 */
const FRONT_MATTER_HEADS = [EDITED_PIECE_CHARS, PIECE_CHARS];

/**
 * The front matter of a text that may be in pieces: found in its first characters when it closes
 * there with a character after it (an earlier closing line would lie in them too: see
 * parsePlanHead), else in the whole text.
 */
function frontMatterOf(text: Text): FrontMatter | undefined {
  if (typeof text === 'string') return findFrontMatter(text);
  for (let i = 0; i < FRONT_MATTER_HEADS.length; i++) {
    const head = text.slice(0, FRONT_MATTER_HEADS[i]);
    // A head long enough to hold the opening "---" (after a byte order mark) that does not start
    // with it: neither does the text (a Markdown file that is no plan), which is not joined.
    if (i === 0 && head.length >= 4 && !/^\uFEFF?---/.test(head)) return undefined;
    if (head.length === text.length) return findFrontMatter(head);
    const fm = findFrontMatter(head);
    if (fm && !fm.unclosed && fm.end < head.length) return fm;
  }
  return findFrontMatter(flatText(text));
}

/**
 * The front matter's nodes: read line by line when it is in the plain subset plans are written in
 * (the same nodes as the parser's, and nothing to report), parsed by the YAML library otherwise.
 */
function parseFrontMatter(yaml: string): YamlRead {
  return readPlainYaml(yaml, META_STRING_KEY_SET) ?? parseFrontMatterYaml(yaml);
}

/** The front matter parsed by the YAML library, whatever it holds (the tests compare the plain reading with it). */
export function parseFrontMatterYaml(yaml: string): YamlRead {
  // YAML nested deeper than the parser can take is not parsed at all (reported by the caller).
  return parseYaml(yamlTooDeep(yaml) === undefined ? yaml : '');
}

/** Where the front matter ends (after its closing line), or undefined when the text has none. */
export function frontMatterEnd(text: string): number | undefined {
  return findFrontMatter(text)?.end;
}

/** True when the text starts with a front matter that names a template: what makes a Markdown file a plan. */
export function declaresPlan(text: string): boolean {
  const fm = findFrontMatter(text);
  return !!fm && /^template[ \t]*:/m.test(fm.yamlText);
}

/**
 * `memory`, when given, is the memory of this document's last parse (the language server's check
 * worker keeps one per edited document): the pieces and blocks an edit left alone are taken from
 * it. The model is the same with it or without it. `readFrontMatter` reads the front matter's
 * YAML: the plain reading where it answers, the parser otherwise (the tests pass the parser alone
 * to compare the two).
 */
export function parseMarkdownPlan(
  uri: string,
  text: Text,
  knownLines?: LineIndex,
  memory?: MarkdownParseMemory,
  readFrontMatter: (yaml: string) => YamlRead = parseFrontMatter,
): PlanModel {
  const model = emptyModel(uri, text, 'markdown', knownLines);
  const lines = model.lines;
  const fm = frontMatterOf(text);
  if (!fm) {
    memory?.reset();
    return model;
  }

  // Lone CR line breaks become LF for the YAML parser (same length: offsets do not move). The
  // line index has looked for CRs already (or followed the edits of a text without any).
  const source = lines.hasCarriageReturn ? withLfBreaks(flatText(text)) : text;
  // The front matter rarely changes while the body is typed: parsed once per text (when the
  // document has a memory; the document is only read, never changed, by what follows).
  const doc = memoText(readFrontMatter, withLfBreaks(fm.yamlText));
  const declaresTemplate = /^template[ \t]*:/m.test(fm.yamlText);
  if (!declaresTemplate) {
    memory?.reset();
    return model;
  }
  model.isPlan = true;
  model.metaSpan = { start: fm.start, end: fm.end };
  if (fm.unclosed) {
    model.problems.push({
      message: {
        vi: 'Phần thông tin đầu văn bản chưa được đóng: thêm một dòng "---" sau trường cuối cùng, trước nội dung kế hoạch',
        en: 'The front matter is not closed: add a line "---" after its last key, before the body of the plan',
      },
      span: { start: 0, end: lines.lineEnd(0) },
    });
  }
  appendAll(model.problems, yamlProblems(doc, fm.yamlStart));
  // A plain reading has found it not too deep already (yamlTooDeep reads a CR as the LF it became).
  const deep = isPlainRead(doc) ? undefined : yamlTooDeep(fm.yamlText);
  if (deep !== undefined) model.problems.push(tooDeepProblem(fm.yamlStart + deep));
  const metaResult = readMeta(doc, source, fm.yamlStart, new Set());
  model.meta = metaResult.meta;
  appendAll(model.problems, metaResult.problems);

  // Rules read the body through a mask: HTML comments (where fixtures keep their expectations)
  // become spaces, so offsets stay those of the source. A body without comments is read from the
  // source itself: making a masked copy of a long plan at every keystroke cost more than parsing
  // the paragraph that changed. Nothing before the body is read through the mask.
  // After an edit of a body the last parse read plainly, only the text around the change is
  // searched for the start of a comment or a footnote definition (see plainAround).
  const around = memory && !lines.hasCarriageReturn ? plainAround(source, fm.end, memory.begin(text)) : undefined;
  const commentsMasked = around?.comments === false || source.indexOf('<!--', fm.end) < 0 ? source : maskText(flatText(source), fm.end);
  // Footnote definitions are set aside like comments; the plan keeps them for the export.
  const definitions = around?.footnotes === false && commentsMasked === source ? [] : footnoteDefinitions(commentsMasked, fm.end);
  const masked = definitions.length === 0 ? commentsMasked : maskFootnotes(flatText(commentsMasked), definitions);
  model.footnotes = definitions.map((d) => {
    // Read from the masked text, so that a comment inside a footnote is not printed with it.
    const content = commentsMasked.slice(d.contentStart, d.end).trimEnd();
    return { label: d.label, text: MappedText.slice(content, d.contentStart), span: { start: d.start, end: d.end } };
  });

  // The memory of the last parse is read only when the body is the text itself (no comment, no
  // footnote, no CR): outside the edit the text is then the same by construction, whereas a mask
  // (an opened comment blanks what follows it) or a CR made a line break with the next character
  // may change what lies outside the edit.
  const plain = masked === text && !lines.hasCarriageReturn;
  if (memory && !plain) memory.reset();
  const recall = memory && plain ? memory.begin(text) : undefined;
  // The texts of headings and paragraphs are read from the body; when the body has no comment
  // and no footnote it is the source itself.
  const { items: body, whole } = bodyItems(masked, fm.end, lines, recall);
  const result = assembleBody(body);
  model.preamble = result.preamble;
  model.sections = result.sections;
  model.closing = result.closing;
  model.trailing = result.trailing;
  model.headings = body.filter((b): b is Heading => 'level' in b);
  model.blocks = orderedBlocks(result, metaResult.blocks);
  // A body parsed whole left nothing to read next time: nothing of this version is held.
  if (memory && recall) {
    if (whole) memory.reset();
    else memory.commit(text, recall, body);
  }
  return model;
}

/**
 * Whether the body may hold a comment or a footnote definition, told from the text around the
 * change alone; undefined when that cannot be told. When the last parse kept its pieces, it read
 * the body with neither (no mask: see `plain`), and the body started at the same place, before
 * the change: one now must then overlap the change — a comment's "<!--", or the line of a
 * definition ("[^" in a line the change touched, the lines around it being the last version's).
 */
function plainAround(text: Text, bodyStart: number, recall: Recall): { comments: boolean; footnotes: boolean } | undefined {
  const c = recall.change;
  if (!c || !recall.keptFrom(bodyStart)) return undefined;
  const comments = text.slice(Math.max(bodyStart, c.start - 3), c.newEnd + 3).indexOf('<!--') >= 0;
  const lineStart = Math.max(bodyStart, text.lastIndexOf('\n', c.start - 1) + 1);
  const lineEnd = text.indexOf('\n', c.newEnd);
  const footnotes = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).indexOf('[^') >= 0;
  return { comments, footnotes };
}

export interface AssembledBody {
  preamble: Block[];
  sections: Section[];
  closing?: Block;
  trailing: Block[];
}

/**
 * Builds the section tree from a flat list of headings and blocks: level-2 headings open
 * sections, deeper ones open children; blocks before the first section form the preamble; a
 * "Trên đây là …" paragraph after the sections closes the body.
 */
export function assembleBody(items: Array<Block | Heading>): AssembledBody {
  const preamble: Block[] = [];
  const sections: Section[] = [];
  const stack: Section[] = [];
  let closing: Block | undefined;
  const trailing: Block[] = [];
  // The blocks that go to the innermost open section come in runs (from `run` to the item before
  // the next heading or the closing paragraph): each run is given to its section as one slice of
  // the items, not pushed block by block into a list that grows (some 10,000 blocks a keystroke
  // on 20,000 lines). A section whose blocks a heading of the preamble interrupts takes the next
  // run after the first.
  let run = -1;
  const endRun = (end: number): void => {
    if (run < 0) return;
    const section = stack[stack.length - 1];
    if (section.blocks.length === 0) section.blocks = items.slice(run, end) as Block[];
    else for (let k = run; k < end; k++) section.blocks.push(items[k] as Block);
    run = -1;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if ('level' in item) {
      endRun(i);
      if (closing) {
        trailing.push(headingBlock(item, 'trailing'));
        continue;
      }
      if (item.level <= 1 || (item.level > 2 && stack.length === 0)) {
        preamble.push(headingBlock(item, 'preamble'));
        continue;
      }
      const section: Section = { heading: item, blocks: [], children: [], span: { ...item.span } };
      while (stack.length > 0 && stack[stack.length - 1].heading.level >= item.level) stack.pop();
      if (stack.length === 0) sections.push(section);
      else stack[stack.length - 1].children.push(section);
      stack.push(section);
      continue;
    }
    if (closing) {
      trailing.push(inRegion(item, 'trailing'));
    } else if (stack.length === 0) {
      preamble.push(inRegion(item, 'preamble'));
    } else if (item.kind === 'paragraph' && memoText(isClosingParagraph, blockString(item), memoOwnerOf(item))) {
      // Every paragraph of every version is asked: remembered with its text (a moved block's text
      // holds its entry, and a moved block not yet read its first text's), not folded from a new
      // slice of its start each time.
      endRun(i);
      closing = inRegion(item, 'closing');
    } else if (run < 0) {
      run = i;
    }
  }
  endRun(items.length);
  finishSections(sections);
  return { preamble, sections, ...(closing ? { closing } : {}), trailing };
}

/**
 * A body block in another region: its fields written out, since a moved block's text is read
 * through a getter a spread would not copy. A moved block is its own span (moved-block.ts): the
 * block in its region is given a span of its own, as a block made from scratch has (a few blocks
 * a version: the preamble's, the closing paragraph and what follows it).
 */
function inRegion(item: Block, region: Block['region']): Block {
  const span = item instanceof MovedBlock ? { start: item.start, end: item.end } : item.span;
  return { kind: item.kind, text: item.text, span, region };
}

function headingBlock(h: Heading, region: Block['region']): Block {
  return { kind: 'heading', text: h.raw, span: h.raw.span, region };
}

/**
 * Every body block in document order, headings included, after `before` (the metadata's blocks,
 * which come first whatever their places).
 */
function orderedBlocks(body: AssembledBody, before: readonly Block[] = []): Block[] {
  // Counted first, then written by index into a list of that length: not grown by push (some
  // 10,000 blocks a keystroke on 20,000 lines, and each growth a copy).
  const blocksIn = (s: Section): number => s.children.reduce((n, c) => n + blocksIn(c), 1 + s.blocks.length);
  const total = body.sections.reduce((n, s) => n + blocksIn(s), before.length + body.preamble.length + (body.closing ? 1 : 0) + body.trailing.length);
  const out = listOfLength<Block>(total);
  let count = 0;
  for (const b of before) out[count++] = b;
  const from = count;
  for (const b of body.preamble) out[count++] = b;
  const visit = (s: Section): void => {
    out[count++] = { kind: 'heading', text: s.heading.raw, span: s.heading.raw.span, region: 'body' };
    for (const b of s.blocks) out[count++] = b;
    for (const c of s.children) visit(c);
  };
  for (const s of body.sections) visit(s);
  if (body.closing) out[count++] = body.closing;
  for (const b of body.trailing) out[count++] = b;
  out.length = count;
  // The blocks are nearly always in order already: a stable sort would then leave them as they
  // are, so it runs (on the body's blocks alone) only when one is out of order.
  for (let i = from + 1; i < out.length; i++) {
    if (out[i].span.start < out[i - 1].span.start) {
      const sorted = out.slice(from).sort((a, b) => a.span.start - b.span.start);
      for (let k = 0; k < sorted.length; k++) out[from + k] = sorted[k];
      break;
    }
  }
  return out;
}

export { orderedBlocks };
