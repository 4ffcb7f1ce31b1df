// The markdown-it parser of plans: CommonMark, with block nesting past the limit read as plain text instead of silently dropped.

import MarkdownIt from 'markdown-it';

/**
 * Deepest block nesting parsed as structure (each list level counts two, a quote one). markdown-it
 * recurses once per level, so some limit is needed; CommonMark's preset sets 20, which a list
 * nested ten levels deep reaches.
 */
export const MAX_MARKDOWN_NESTING = 100;

/**
 * Past its nesting limit markdown-it's block parser jumps to the end of the document: everything
 * after the deep list was lost (false "missing section", an export without three quarters of the
 * text). Here the lines of the too-deep block become one plain paragraph instead, and parsing goes
 * on after it, so no text is ever dropped.
 */
function flattenTooDeep(state: MarkdownIt.StateBlock, startLine: number, endLine: number): void {
  let line = startLine;
  let last = startLine;
  while (line < endLine) {
    line = state.skipEmptyLines(line);
    // The block ends at a line indented less than it, as in markdown-it's own loop.
    if (line >= endLine || state.sCount[line] < state.blkIndent) break;
    line++;
    last = line;
  }
  if (last === startLine) {
    state.line = Math.max(line, startLine);
    return;
  }
  const open = state.push('paragraph_open', 'p', 1);
  open.map = [startLine, last];
  const inline = state.push('inline', '', 0);
  inline.content = state.getLines(startLine, last, state.blkIndent, false).trim();
  inline.map = [startLine, last];
  inline.children = [];
  state.push('paragraph_close', 'p', -1);
  state.line = last;
}

/**
 * markdown-it's states and tokens, made the same with plain assignments. Its build sets each
 * field of `StateCore`, `StateBlock` and `Token` through a helper (`_defineProperty`, with its
 * key conversion and `in` test): a quarter of its time on a plan, which is parsed as one small
 * document per piece (markdown.ts). The objects made here have the same fields, in the same
 * order, with the same values and prototypes (`instanceof` holds, the methods are markdown-it's),
 * and the lines indexed with the same marks. A test compares the states and tokens with the stock
 * parser's.
 */
interface StateClasses {
  core: new (src: string, md: MarkdownIt.MarkdownIt, env: MarkdownIt.Env) => MarkdownIt.StateCore;
  block: new (src: string, md: MarkdownIt.MarkdownIt, env: MarkdownIt.Env, tokens: MarkdownIt.Token[]) => MarkdownIt.StateBlock;
}

function plainStates(md: MarkdownIt.MarkdownIt): StateClasses {
  const StockCore = md.core.State;
  const StockBlock = md.block.State;
  const StockToken = new StockCore('', md, {}).Token;

  // Field order as markdown-it's Token sets them: its class fields, then its constructor's.
  function Token(this: Record<string, unknown>, type: string, tag: string, nesting: number): void {
    this.map = null;
    this.level = 0;
    this.children = null;
    this.content = '';
    this.markup = '';
    this.info = '';
    this.block = false;
    this.hidden = false;
    this.type = type;
    this.tag = tag;
    this.attrs = null;
    this.nesting = nesting;
    this.meta = null;
  }
  Token.prototype = StockToken.prototype;
  const NewToken = Token as unknown as new (type: string, tag: string, nesting: number) => MarkdownIt.Token;

  function StateCore(this: Record<string, unknown>, src: string, parser: MarkdownIt.MarkdownIt, env: MarkdownIt.Env): void {
    this.tokens = [];
    this.inlineMode = false;
    this.Token = StockToken;
    this.src = src;
    this.env = env;
    this.md = parser;
  }
  StateCore.prototype = StockCore.prototype;

  function StateBlock(this: Record<string, unknown>, src: string, parser: MarkdownIt.MarkdownIt, env: MarkdownIt.Env, tokens: MarkdownIt.Token[]): void {
    const bMarks: number[] = [];
    const eMarks: number[] = [];
    const tShift: number[] = [];
    const sCount: number[] = [];
    const bsCount: number[] = [];
    this.bMarks = bMarks;
    this.eMarks = eMarks;
    this.tShift = tShift;
    this.sCount = sCount;
    this.bsCount = bsCount;
    this.blkIndent = 0;
    this.line = 0;
    this.lineMax = 0;
    this.tight = false;
    this.listIndent = -1;
    this.parentType = 'root';
    this.level = 0;
    this.Token = StockToken;
    this.src = src;
    this.md = parser;
    this.env = env;
    this.tokens = tokens;
    // Each line's start, end, and indent in characters and in columns (a tab to the next multiple
    // of 4), as markdown-it's loop over every character gives them; here only the indent is read
    // character by character, the line's end is found by indexOf. As in that loop, a last line
    // of spaces and tabs alone with no line break after it is no line.
    const s = src;
    const len = s.length;
    for (let start = 0; start < len; ) {
      let pos = start;
      let indent = 0;
      let offset = 0;
      for (; pos < len; pos++) {
        const ch = s.charCodeAt(pos);
        if (ch === 0x20) offset++;
        else if (ch === 0x09) offset += 4 - (offset % 4);
        else break;
        indent++;
      }
      if (pos >= len) break;
      const lf = s.indexOf('\n', pos);
      const end = lf < 0 ? len : lf;
      bMarks.push(start);
      eMarks.push(end);
      tShift.push(indent);
      sCount.push(offset);
      bsCount.push(0);
      start = end + 1;
    }
    bMarks.push(s.length);
    eMarks.push(s.length);
    tShift.push(0);
    sCount.push(0);
    bsCount.push(0);
    this.lineMax = bMarks.length - 1;
  }
  StateBlock.prototype = Object.create(StockBlock.prototype) as object;
  // markdown-it's push, with its Token made as above.
  (StateBlock.prototype as MarkdownIt.StateBlock).push = function (this: MarkdownIt.StateBlock, type: string, tag: string, nesting: number): MarkdownIt.Token {
    const token = new NewToken(type, tag, nesting);
    token.block = true;
    if (nesting < 0) this.level--;
    token.level = this.level;
    if (nesting > 0) this.level++;
    this.tokens.push(token);
    return token;
  };
  return { core: StateCore as unknown as StateClasses['core'], block: StateBlock as unknown as StateClasses['block'] };
}

const CARRIAGE_RETURNS = /\r\n?/g;
const NULS = /\0/g;

/**
 * markdown-it's first core rule, `normalize` (a CR or CR LF made LF, a NUL U+FFFD), with the same
 * `src` after it: each replacement runs only where `indexOf` finds its character. markdown-it's
 * two replacements each read the whole of every piece of a plan with a regular expression, and a
 * plan's pieces seldom hold either character (0.7 % of the samples of `plan43 check` on the
 * bench's plans went to them).
 */
function normalizeBreaks(state: MarkdownIt.StateCore): void {
  let src = state.src;
  if (src.indexOf('\r') >= 0) src = src.replace(CARRIAGE_RETURNS, '\n');
  if (src.indexOf('\0') >= 0) src = src.replace(NULS, '\uFFFD');
  state.src = src;
}

/** A heading token's tag by its level, so that no tag is made per heading. */
const HEADING_TAGS = ['', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];

/**
 * markdown-it's `paragraph` and `heading` block rules for a parser that reads only the block
 * structure (inline parsing off): the same lines, the same open and close tokens with the same
 * fields but for the heading's `markup`, and in place of the inline token between them the one
 * frozen `inline` token given, without its content. The stock rules cut each paragraph's lines
 * out and join and trim them, and each heading's text and markers, and give each an inline token
 * and its lines, for an inline pass that never runs: the two rules allocated 37 MB on the bench's
 * 1,000 plans, these some 20 MB. A token stands in for the inline one so that the tokens keep their
 * places: the list rule marks a tight list's paragraphs by counting two tokens past each opening.
 */
type BlockRule = (state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;

function structureRules(noInline: MarkdownIt.Token): { paragraph: BlockRule; heading: BlockRule } {
  function paragraph(state: MarkdownIt.StateBlock, startLine: number, endLine: number): boolean {
    const terminatorRules = state.md.block.ruler.getRules('paragraph');
    const oldParentType = state.parentType;
    let nextLine = startLine + 1;
    state.parentType = 'paragraph';
    for (; nextLine < endLine && !state.isEmpty(nextLine); nextLine++) {
      // A line indented as code, or in a quote's lazy continuation, goes on the paragraph.
      if (state.sCount[nextLine] - state.blkIndent > 3) continue;
      if (state.sCount[nextLine] < 0) continue;
      let terminate = false;
      for (let i = 0, l = terminatorRules.length; i < l; i++) {
        if (terminatorRules[i](state, nextLine, endLine, true)) {
          terminate = true;
          break;
        }
      }
      if (terminate) break;
    }
    state.line = nextLine;
    const open = state.push('paragraph_open', 'p', 1);
    open.map = [startLine, nextLine];
    state.tokens.push(noInline);
    state.push('paragraph_close', 'p', -1);
    state.parentType = oldParentType;
    return true;
  }
  function heading(state: MarkdownIt.StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
    let pos = state.bMarks[startLine] + state.tShift[startLine];
    const max = state.eMarks[startLine];
    if (state.sCount[startLine] - state.blkIndent >= 4) return false;
    let ch = state.src.charCodeAt(pos);
    if (ch !== 0x23 || pos >= max) return false;
    let level = 1;
    ch = state.src.charCodeAt(++pos);
    while (ch === 0x23 && pos < max && level <= 6) {
      level++;
      ch = state.src.charCodeAt(++pos);
    }
    if (level > 6 || (pos < max && ch !== 0x20 && ch !== 0x09)) return false;
    if (silent) return true;
    state.line = startLine + 1;
    const open = state.push('heading_open', HEADING_TAGS[level], 1);
    open.map = [startLine, state.line];
    state.tokens.push(noInline);
    state.push('heading_close', HEADING_TAGS[level], -1);
    return true;
  }
  return { paragraph, heading };
}

/** The options of markdownParser. */
export interface ParserOptions {
  /** markdown-it's own states, tokens and `normalize` (for the tests; see plainStates and normalizeBreaks). */
  stock?: boolean;
  /**
   * Block structure only: inline parsing off, and paragraphs and headings without their text
   * (see structureRules); their inline token is one frozen token of the parser's.
   */
  structure?: boolean;
}

/**
 * A CommonMark parser whose block nesting past MAX_MARKDOWN_NESTING is read as a paragraph; see
 * ParserOptions for `stock` and `structure` (a boolean is `stock`, as the tests give it).
 */
export function markdownParser(options: ParserOptions | boolean = {}): MarkdownIt.MarkdownIt {
  const { stock = false, structure = false } = typeof options === 'boolean' ? { stock: options } : options;
  const md = new MarkdownIt('commonmark');
  md.set({ maxNesting: MAX_MARKDOWN_NESTING });
  if (!stock) {
    const states = plainStates(md);
    md.core.State = states.core as typeof md.core.State;
    md.block.State = states.block as typeof md.block.State;
    md.core.ruler.at('normalize', normalizeBreaks);
  }
  if (structure) {
    md.core.ruler.disable(['inline', 'text_join']);
    // The inline token of every paragraph and heading: frozen, so that nothing can write to it.
    const TokenClass = new md.core.State('', md, {}).Token;
    const rules = structureRules(Object.freeze(new TokenClass('inline', '', 0)));
    md.block.ruler.at('paragraph', rules.paragraph);
    // `at` sets the rule's chains anew: the heading ends these blocks, as markdown-it's does.
    md.block.ruler.at('heading', rules.heading, { alt: ['paragraph', 'reference', 'blockquote'] });
  }
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state, startLine, endLine): void => {
    if (state.level < MAX_MARKDOWN_NESTING) tokenize(state, startLine, endLine);
    else flattenTooDeep(state, startLine, endLine);
  };
  return md;
}
