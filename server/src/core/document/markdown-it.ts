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

/** A CommonMark parser whose block nesting past MAX_MARKDOWN_NESTING is read as a paragraph. */
export function markdownParser(): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt('commonmark');
  md.set({ maxNesting: MAX_MARKDOWN_NESTING });
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state, startLine, endLine): void => {
    if (state.level < MAX_MARKDOWN_NESTING) tokenize(state, startLine, endLine);
    else flattenTooDeep(state, startLine, endLine);
  };
  return md;
}
