// The plan parser's markdown-it with its states and tokens made by plain assignments gives exactly the stock parser's tokens: the same fields in the same order, values and prototypes, on every fixture, on each of their pieces and on random Markdown.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MarkdownIt from 'markdown-it';
import { markdownParser, MAX_MARKDOWN_NESTING } from '../../server/src/core/document/markdown-it';
import { FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';

function textFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return textFiles(full);
    return /\.(md|markdown|txt)$/.test(d.name) ? [full] : [];
  });
}

/** Both parsers set up as the plan parser is (markdown.ts: block structure only). */
function parsers(): { plain: MarkdownIt.MarkdownIt; stock: MarkdownIt.MarkdownIt } {
  const plain = markdownParser();
  const stock = markdownParser(true);
  for (const md of [plain, stock]) md.core.ruler.disable(['inline', 'text_join']);
  return { plain, stock };
}

/** A token as a list of its own fields in order, with its prototype, children included. */
function fields(token: MarkdownIt.Token): unknown {
  return {
    proto: Object.getPrototypeOf(token) as unknown,
    entries: Object.entries(token).map(([k, v]) => [k, k === 'children' && Array.isArray(v) ? (v as MarkdownIt.Token[]).map(fields) : v]),
  };
}

function assertSame(plain: MarkdownIt.MarkdownIt, stock: MarkdownIt.MarkdownIt, text: string, what: string): number {
  const a = plain.parse(text, {});
  const b = stock.parse(text, {});
  assert.equal(a.length, b.length, `${what}: number of tokens`);
  for (let i = 0; i < a.length; i++) assert.deepStrictEqual(fields(a[i]), fields(b[i]), `${what}: token ${i}`);
  // The line marks too, on the text as given (markdown-it's own parse sees it with CR and NUL replaced).
  const env = {};
  assert.deepStrictEqual(Object.entries(new plain.block.State(text, plain, env, [])), Object.entries(new stock.block.State(text, plain, env, [])), `${what}: block state`);
  return a.length;
}

/** Pieces as the plan parser cuts a body: at a line at the margin after a blank line. */
function pieces(text: string): string[] {
  return text.split(/\n(?=\n[^ \t\r\n])/);
}

describe('markdown-it states made by plain assignments', () => {
  const { plain, stock } = parsers();

  it('makes the stock tokens on every fixture, whole and piece by piece', () => {
    const files = textFiles(FIXTURES);
    assert.ok(files.length > 20, `fixtures found: ${files.length}`);
    let tokens = 0;
    let parts = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      tokens += assertSame(plain, stock, text, file);
      for (const p of pieces(text)) {
        assertSame(plain, stock, p, `${file} piece`);
        parts++;
      }
    }
    assert.ok(tokens > 5_000 && parts > 1_000, `tokens ${tokens}, pieces ${parts}`);
  });

  it('makes the stock tokens on random Markdown (lists, quotes, tabs, fences, HTML, CR, NUL, nesting past the limit)', () => {
    const random = seededRandom(20261206);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const starts = ['', ' ', '  ', '   ', '    ', '\t', ' \t', '  \t', '- ', '* ', '+ ', '1. ', '2) ', '> ', '>> ', '# ', '## ', '###### ', '####### ', '```', '~~~', '    - ', '\t1. ', '<div>', '<!-- ', '<script>', '---', '***', '===', '[a]: /u ', '| a | b |'];
    const words = ['Giao', 'Sở Nội vụ', 'chủ trì', 'x', '`code`', '*nhấn*', '**đậm**', '[^1]', '[a]', '-->', '</div>', '\u00a0', '\u0000', 'a\tb', 'ủy'];
    const breaks = ['\n', '\n', '\n', '\n\n', '\r\n', '\r', '\n   \n'];
    let tokens = 0;
    for (let n = 0; n < 3_000; n++) {
      const lines: string[] = [];
      const count = 1 + Math.floor(random() * 12);
      for (let i = 0; i < count; i++) {
        let line = '';
        const depth = random() < 0.1 ? Math.floor(random() * 4) : 0;
        for (let d = 0; d < depth; d++) line += pick(starts);
        line += pick(starts);
        const ws = Math.floor(random() * 4);
        for (let w = 0; w < ws; w++) line += (w ? ' ' : '') + pick(words);
        lines.push(line + (random() < 0.9 ? pick(breaks) : ''));
      }
      tokens += assertSame(plain, stock, lines.join(''), `random ${n}`);
    }
    // A list nested past the limit, then text: the too-deep block becomes a paragraph in both.
    let deep = '';
    for (let d = 0; d < MAX_MARKDOWN_NESTING; d++) deep += `${'  '.repeat(d)}- mức ${d}\n`;
    tokens += assertSame(plain, stock, `${deep}\nSau danh sách.\n`, 'deep list');
    assert.ok(tokens > 20_000, `tokens ${tokens}`);
  });

  it('makes states with the stock fields, in order, values and prototypes', () => {
    const texts = ['', 'a', '\n', ' ', 'a\n  ', 'a\n \t', 'a\n  b', '\t\n', 'a\nb', '  - a\n\t- b\n', ' \t x\n\n    y', '> q\n>\tr\n', fs.readFileSync(textFiles(FIXTURES)[0], 'utf8')];
    const own = (o: object): unknown => Object.entries(o);
    for (const text of texts) {
      const env = {};
      assert.deepStrictEqual(own(new plain.core.State(text, plain, env)), own(new stock.core.State(text, plain, env)), JSON.stringify(text));
      const tokens: MarkdownIt.Token[] = [];
      const state = new plain.block.State(text, plain, env, tokens);
      assert.deepStrictEqual(own(state), own(new stock.block.State(text, plain, env, tokens)), JSON.stringify(text));
      assert.ok(state instanceof stock.block.State && new plain.core.State(text, plain, env) instanceof stock.core.State);
    }
  });

  it("gives markdown-it's own text after its first rule (CR and CR LF made LF, NUL made U+FFFD), with or without either", () => {
    const texts = ['', 'a', 'a\r', '\r', '\r\n', '\n\r', 'a\r\nb\rc\n\r\nd', '\r\r\n\n', '\0', 'a\0b\0', '\r\0\r\n\0', '- a\r\n  - b\0\r\n\r\n# c\r'];
    for (const text of texts) {
      const a = new plain.core.State(text, plain, {});
      const b = new stock.core.State(text, stock, {});
      plain.core.ruler.getRules('')[0](a);
      stock.core.ruler.getRules('')[0](b);
      assert.equal(a.src, b.src, JSON.stringify(text));
      assert.equal(a.src, text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD'), JSON.stringify(text));
    }
    // The rule is the plan parser's own: markdown-it's reads the whole text with two regular expressions.
    assert.notEqual(plain.core.ruler.getRules('')[0], stock.core.ruler.getRules('')[0]);
  });

  it('is the parser of plans, and the stock one only when asked', () => {
    const tokens = markdownParser().parse('- a\n', {});
    const stockTokens = markdownParser(true).parse('- a\n', {});
    assert.equal(Object.getPrototypeOf(tokens[0]), Object.getPrototypeOf(stockTokens[0]));
    // The states differ in their constructors: the plain ones are not markdown-it's classes.
    assert.notEqual(markdownParser().block.State, markdownParser(true).block.State);
    assert.notEqual(markdownParser().core.State, markdownParser(true).core.State);
  });
});

/**
 * The structure-only parser's tokens against the stock parser's with inline parsing off: every
 * token the same, fields in order, values and prototypes, but a paragraph's or heading's inline
 * token, which is the parser's one frozen token without content, and a heading's `markup`.
 */
function assertSameStructure(lean: MarkdownIt.MarkdownIt, stock: MarkdownIt.MarkdownIt, text: string, what: string): number {
  const a = lean.parse(text, {});
  const b = stock.parse(text, {});
  assert.equal(a.length, b.length, `${what}: number of tokens`);
  let shared = 0;
  for (let i = 0; i < a.length; i++) {
    if (Object.isFrozen(a[i])) {
      // The rules' own inline token: after a paragraph's or an ATX heading's opening only.
      const open = b[i - 1];
      assert.ok(b[i].type === 'inline' && (open.type === 'paragraph_open' || (open.type === 'heading_open' && open.markup.startsWith('#'))), `${what}: token ${i}`);
      assert.deepStrictEqual([a[i].type, a[i].content, a[i].map], ['inline', '', null], `${what}: token ${i}`);
      shared++;
      continue;
    }
    // An ATX heading's markers are not written; a setext heading (lheading) is markdown-it's own.
    const atx = (b[i].type === 'heading_open' || b[i].type === 'heading_close') && b[i].markup.startsWith('#');
    const strip = (t: MarkdownIt.Token): unknown => {
      const f = fields(t) as { proto: unknown; entries: Array<[string, unknown]> };
      return atx ? { proto: f.proto, entries: f.entries.filter(([k]) => k !== 'markup') } : f;
    };
    assert.deepStrictEqual(strip(a[i]), strip(b[i]), `${what}: token ${i}`);
  }
  return shared;
}

describe('the structure-only markdown-it parser', () => {
  const lean = markdownParser({ structure: true });
  const stock = markdownParser(true);
  stock.core.ruler.disable(['inline', 'text_join']);

  it('gives paragraphs and headings one frozen inline token without content, the same object every time', () => {
    const a = lean.parse('Đoạn văn\ntiếp theo\n\n## Mục\n', {});
    assert.deepStrictEqual(a.map((t) => t.type), ['paragraph_open', 'inline', 'paragraph_close', 'heading_open', 'inline', 'heading_close']);
    assert.equal(a[1], a[4]);
    assert.equal(a[1], lean.parse('x', {})[1]);
    assert.ok(Object.isFrozen(a[1]));
    assert.equal(a[1].content, '');
    assert.deepStrictEqual(a[0].map, [0, 2]);
    assert.deepStrictEqual([a[3].tag, a[3].map], ['h2', [3, 4]]);
    // A heading ends a paragraph, as markdown-it's does: the rule keeps its chains.
    assert.deepStrictEqual(lean.parse('a\n# b\n> c\n# d\n', {}).map((t) => t.type).filter((t) => t.endsWith('_open')), ['paragraph_open', 'heading_open', 'blockquote_open', 'paragraph_open', 'heading_open']);
  });

  it('makes the stock tokens but for the text on every fixture, whole and piece by piece', () => {
    let shared = 0;
    for (const file of textFiles(FIXTURES)) {
      const text = fs.readFileSync(file, 'utf8');
      shared += assertSameStructure(lean, stock, text, file);
      for (const p of pieces(text)) shared += assertSameStructure(lean, stock, p, `${file} piece`);
    }
    assert.ok(shared > 3_000, `inline tokens shared: ${shared}`);
  });

  it('makes the stock tokens but for the text on random Markdown (lists tight and loose, quotes, headings in paragraphs, setext, nesting past the limit)', () => {
    const random = seededRandom(20261207);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const starts = ['', ' ', '   ', '    ', '\t', '- ', '* ', '+ ', '1. ', '2) ', '> ', '# ', '## ', '###### ', '####### ', '#', '#\t', '```', '<div>', '---', '===', '[a]: /u ', '  - ', '    1. '];
    const words = ['Giao', 'Sở Nội vụ', 'x ', '#', ' ##', '*nhấn*', '\u0000', 'a\tb'];
    const breaks = ['\n', '\n', '\n', '\n\n', '\r\n', '\r', '\n   \n'];
    let shared = 0;
    for (let n = 0; n < 3_000; n++) {
      let text = '';
      const count = 1 + Math.floor(random() * 12);
      for (let i = 0; i < count; i++) {
        let line = pick(starts);
        if (random() < 0.2) line += pick(starts);
        const ws = Math.floor(random() * 4);
        for (let w = 0; w < ws; w++) line += (w ? ' ' : '') + pick(words);
        text += line + (random() < 0.9 ? pick(breaks) : '');
      }
      shared += assertSameStructure(lean, stock, text, `random ${n}`);
    }
    let deep = '';
    for (let d = 0; d < MAX_MARKDOWN_NESTING; d++) deep += `${'  '.repeat(d)}- mức ${d}\n`;
    shared += assertSameStructure(lean, stock, `${deep}\nSau danh sách.\n`, 'deep list');
    assert.ok(shared > 5_000, `inline tokens shared: ${shared}`);
  });
});
