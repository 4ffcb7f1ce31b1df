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
