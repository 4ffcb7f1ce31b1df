// The bundles' copy of `entities` (markdown-it's decoder of character references) makes its HTML trie on the first text that holds a `&`, not as it loads, and decodes as the library does.

import assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { REPO_ROOT } from '../support/paths';

interface BundleScript {
  builds: esbuild.BuildOptions[];
  lazyEntityTree: (code: string, file: string) => string;
}

const bundleScript = (): BundleScript => require(path.join(REPO_ROOT, 'scripts', 'bundle.js')) as BundleScript;

/** The trie's length, as `entities` declares it: the Uint16Array its decoder makes. */
const TREE_LENGTH = 13494;

/** The code markdown-it runs to read a text, bundled with the options and plugins of `outfile`. */
async function bundled(outfile: string): Promise<string> {
  const options = bundleScript().builds.find((b) => b.outfile === outfile);
  assert.ok(options, outfile);
  const result = await esbuild.build({
    ...options,
    entryPoints: undefined,
    outfile: undefined,
    stdin: { contents: "import MarkdownIt from 'markdown-it';\nexport const render = (text) => new MarkdownIt().render(text);\n", resolveDir: REPO_ROOT, loader: 'js' },
    // The plugins that rewrite what the bundle holds; `asciiSource` writes files, not wanted here.
    plugins: (options.plugins ?? []).filter((p) => p.name !== 'ascii-source'),
    write: false,
    sourcemap: false,
    minify: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** The bundle loaded, with the number of Uint16Arrays of the trie's length it has made so far. */
function load(code: string): { render: (text: string) => string; treesMade: () => number } {
  let made = 0;
  // The bundle reads `Uint16Array` as a free name: this one counts the arrays of the trie's length.
  const Counted = new Proxy(Uint16Array, {
    construct(target, args: unknown[]) {
      if (args[0] === TREE_LENGTH) made++;
      return Reflect.construct(target, args) as object;
    },
  });
  const m = { exports: {} as { render: (text: string) => string } };
  new Function('module', 'exports', 'require', 'Uint16Array', code)(m, m.exports, require, Counted);
  return { render: m.exports.render, treesMade: () => made };
}

/** Texts with character references everywhere markdown-it decodes them, and with what is not one. */
const TEXTS = [
  'a &amp; b &copy; &#x41; &#65; &nbsp;x',
  '&notit; &notin; &amp &ampx &AMP; &CounterClockwiseContourIntegral; &#0; &#xD800; &#1114112;',
  '[link](/u?a=1&amp;b=2 "t&eacute;")',
  '![img &lt;](x.png "&quot;")',
  '```j&ouml;\ncode &amp; kept\n```',
  '`&amp;`',
  '<a href="?a&amp;b">&copy;</a>',
  '&;  & amp; &#; &#x; &#xZZ; &unknownname; 5 & 6',
  'Nghị quyết số 43-NQ/TW &ndash; ngày 24/11/2023 &hellip;',
];

describe("the bundles' HTML trie of entities made on first use", function () {
  this.timeout(120_000);

  for (const outfile of ['dist/server.bundle.js', 'dist/check-worker.bundle.js', 'dist/check-files-worker.bundle.js', 'dist/word.js']) {
    it(`${outfile}: not made as markdown-it loads, nor for a text without "&"; made once at the first "&"`, async () => {
      const { render, treesMade } = load(await bundled(outfile));
      assert.equal(treesMade(), 0, 'made as the bundle loaded');
      render('# I. MỤC ĐÍCH\n\nThực hiện Nghị quyết số 43-NQ/TW, ngày 24/11/2023 [x](/y "z") `c`');
      assert.equal(treesMade(), 0, 'made for a text without "&"');
      render('a &amp; b');
      assert.equal(treesMade(), 1);
      render('c &copy; d &notin;');
      assert.equal(treesMade(), 1, 'made again');
    });
  }

  it('the bundled markdown-it renders references as the library does', async () => {
    const { render } = load(await bundled('dist/check-worker.bundle.js'));
    const md = new MarkdownIt();
    for (const text of TEXTS) assert.equal(render(text), md.render(text), text);
    // The named references of the library's encoding map (over a thousand), each whole, without its
    // semicolon and cut one character short.
    const names = [...new Set(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'entities', 'dist', 'generated', 'encode-html.js'), 'utf8').match(/[A-Za-z][A-Za-z0-9]*(?=;)/g) ?? [])];
    assert.ok(names.length > 1000, String(names.length));
    const all = names.map((n) => `&${n}; &${n} &${n.slice(0, -1)};`).join('\n\n');
    assert.equal(render(all), md.render(all));
  });

  it('the build stops where entities is not as the rewrite was written against', () => {
    const { lazyEntityTree } = bundleScript();
    const dist = path.join(REPO_ROOT, 'node_modules', 'entities', 'dist');
    const treeFile = path.join(dist, 'generated', 'decode-data-html.js');
    const decodeFile = path.join(dist, 'decode.js');
    const tree = fs.readFileSync(treeFile, 'utf8');
    const decode = fs.readFileSync(decodeFile, 'utf8');
    // As shipped: rewritten, the trie made by a function only.
    assert.match(lazyEntityTree(tree, treeFile), /export function htmlDecodeTreeOf\(\) \{\n {4}return htmlDecodeTreeMade \?\?= decodeTrieDict\(/);
    assert.doesNotMatch(lazyEntityTree(tree, treeFile), /export const htmlDecodeTree\b/);
    const lazy = lazyEntityTree(decode, decodeFile);
    assert.ok(lazy.indexOf('const decodeTree = htmlDecodeTreeOf();') > lazy.indexOf('if (offset < 0)\n        return input;'));
    // Another form of the declaration, another reading of the trie, or its re-export gone.
    assert.throws(() => lazyEntityTree(tree.replace('export const htmlDecodeTree =', 'export var htmlDecodeTree ='), treeFile), /declared once/);
    assert.throws(() => lazyEntityTree(`${decode}\nexport const size = htmlDecodeTree.length;\n`, decodeFile), /elsewhere/);
    assert.throws(() => lazyEntityTree(decode.replace('export { htmlDecodeTree } from "./generated/decode-data-html.js";\n', ''), decodeFile), /imported, read and re-exported once/);
  });
});
