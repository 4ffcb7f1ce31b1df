// The front matter read without the YAML parser gives, wherever it answers, exactly what the parse gives: the same nodes (values and places), the same parsed plan (metadata with spans, prose blocks, problems, body) and the same findings, and for the folder's registry (readSimpleHead) the same fields and entry; on every fixture plan and seed, and on front matters mutated at random with what YAML reads its own way.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, isMap, isNode, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap } from 'yaml';
import { checkPlan } from '../../server/src/core/engine';
import { findFrontMatter, parseFrontMatterYaml, parseMarkdownPlan } from '../../server/src/core/document/markdown';
import { parsePlanHead } from '../../server/src/core/document/parse';
import { META_STRING_KEYS, META_STRING_KEY_SET } from '../../server/src/core/document/meta';
import { readPlainYaml } from '../../server/src/core/document/plain-yaml';
import { yamlTooDeep } from '../../server/src/core/data/yaml-guard';
import { MAX_YAML_FLOW_DEPTH, MAX_YAML_INDENT } from '../../server/src/core/limits';
import { readSimpleHead } from '../../server/src/core/document/simple-head';
import { entryOfFields, planEntry } from '../../server/src/core/workspace/entry';
import { bundledKnowledge } from '../support/knowledge';
import { FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return markdownFiles(full);
    return d.name.endsWith('.md') ? [full] : [];
  });
}

const kb = bundledKnowledge().kb;
const today = '2026-12-05';

/** A node as the metadata reader sees it: its kind, value, place (start and value end) and children. */
function shape(node: unknown): unknown {
  if (isScalar(node)) return { scalar: node.value, range: node.range?.slice(0, 2) };
  if (isSeq(node)) return { seq: node.items.map(shape), range: node.range?.slice(0, 2) };
  if (isMap(node)) return { map: (node.items as Pair[]).map((p) => [shape(p.key), shape(p.value)]), range: node.range?.slice(0, 2) };
  return { other: node === null ? null : typeof node };
}

/**
 * Whether the plain reading answered for `text`; when it did, it is checked against the parse:
 * the nodes, the whole parsed plan, and (with `findings`) the findings of the check in both
 * modes; and readSimpleHead's fields and registry entry.
 */
function agrees(uri: string, text: string, findings = false): boolean {
  const fm = findFrontMatter(text);
  const plain = fm && readPlainYaml(fm.yamlText, META_STRING_KEY_SET);
  const simple = readSimpleHead(text);
  assert.equal(simple !== undefined, plain !== undefined, uri);
  if (!fm || !plain || !simple) return false;
  const where = `${uri}\n${text.slice(0, 1500)}`;
  const parsed = parseFrontMatterYaml(fm.yamlText);
  assert.deepEqual([...parsed.errors, ...parsed.warnings].map((e) => e.message), [], where);
  // Every node's place but the root's, which the metadata reader does not read (the parser's takes in
  // a comment line after the last value, the plain reading's stops at that value).
  const rootShape = (node: unknown): unknown => ({ ...(shape(node) as object), range: undefined });
  assert.deepEqual(rootShape(plain.contents), rootShape(parsed.contents), where);
  const model = parseMarkdownPlan(uri, text);
  const byParser = parseMarkdownPlan(uri, text, undefined, undefined, parseFrontMatterYaml);
  assert.deepEqual(model, byParser, where);
  if (findings && model.isPlan) {
    for (const mode of ['drafting', 'submission'] as const) {
      assert.deepEqual(checkPlan(model, kb, { mode, lang: 'vi', today }), checkPlan(byParser, kb, { mode, lang: 'vi', today }), `${mode} ${where}`);
    }
  }
  const head = parsePlanHead(uri, text, 'markdown');
  assert.equal(simple.declaresTemplate, head.isPlan, where);
  if (!head.isPlan) return true;
  for (const key of META_STRING_KEYS) assert.equal(simple.fields[key], head.meta[key]?.value, `${key} in ${where}`);
  const origin = { uri, label: 'x' };
  assert.deepEqual(entryOfFields(simple.fields, origin, kb), planEntry(head, origin, kb), where);
  return true;
}

/** Lines and pieces that YAML reads its own way: numbers, nulls, escapes, comments, continuations, nesting, flow, tabs, indicators. */
const LINES = [
  'number: 123', 'number: "Số 5/KH-UBND" # c', "number: 'Số 5/KH-UBND'", 'number: Số 07/KH-UBND', 'number: 0x1F', 'number: 1e3',
  'date: null', 'date: ~', 'date: ngày 05 tháng 12 năm 2026', "date: 'ngày 05 tháng 12 năm 2026' # c", 'date: "ngày 05/12/2026"x', 'date:',
  'issuer: "Ủy ban \\"nhân\\" dân"', "issuer: 'it''s'", 'issuer: a: b', 'issuer: Tỉnh ủy # note', 'issuer: Tỉnh ủy#x', 'issuer: true',
  'issuer: - x', 'issuer: [a, b]', 'issuer: {a: 1}', 'issuer: |', 'issuer: >', 'issuer: &a Tỉnh ủy', 'issuer: *a', 'issuer: !!str 5',
  'issuer: Tỉnh ủy:', 'issuer: "unclosed', "issuer: 'unclosed", 'kind: KẾ HOẠCH', 'kind: "KẾ HOẠCH"', 'subject:  về  một  việc  ',
  '  continued line', '    more', '  - item', '  - "quoted: item"', "  - 'q'", '  - a: b', '  key: value', '  # comment', '\tkey: v',
  'recipients:', '- top item', 'signer:', '  name: ""', '  title: |', '    text', 'implements: [43-NQ/TW, 21-KH/TW]', 'implements: [a, [b]]',
  'implements: [a,', '  b]', 'template: nq43', 'template : nq43', 'template:nq43', '# comment', '', '   ', '...', '%YAML 1.2',
  'issuer: "Tỉnh ủy\\x41"', 'subject: "a\\nb"', '  - "unclosed', "  - 'unclosed", '  key: [a,', '  key: {a: 1,', '  - |', '  - >-',
  'number: "Số 1\u2028"', 'subject: a\u00A0b', 'issuer: Ban\u00A0Thường vụ', 'kind: KẾ HOẠCH\r', 'number:', 'number: ""', "number: ''",
  // Numbers or strings by their first digit, lists written inline, empty values and keys the core schema reads as no string.
  'number: 2026', 'date: 05/12/2026', 'number: 74/KH-UBND', 'number: 0o17', 'number: 12e', '  - 123', '  - 43-NQ/TW', '  - 1.5',
  'implements: [1e3]', 'implements: [43-NQ/TW, 2026]', 'implements: []', 'implements: [ a ,b ]  # c', 'implements: [a, ]', 'implements: [a,,b]',
  'implements: [a:b]', 'implements: [a ]b]', 'implements: [a {b}]', "implements: [it's]", 'implements: 43-NQ/TW, 21-KH/TW', 'implements:', 'recipients: [a, b]', 'recipients: x', 'signer: [a]', 'signer: x',
  '  name: ', '  - ', '  title: null', '  title: ~', 'null: x', 'True: x', '  true: x', '  name: N  # c', '  - x #c', '  - "Lưu: VT" # c',
  '  - a "b"', '  - a [b', '  - a {b}', 'foo: bar', 'foo:', 'recipients:   ', 'signer: # c', 'subject: "x" #c', 'subject: x # c #d',
  // The edges of a line's reading: spaces around values, quotes and comments, keys, dashes, flow items with spaces, no-break and other Unicode spaces around them.
  'subject: "x"  ', 'subject: "x"#c', 'subject: "x"  #c', "subject: 'x' y", 'subject: "a\\"', "subject: 'a\\b'", 'subject: "" ', "subject: ''#",
  'subject:   x   y   ', 'subject: x #', 'subject: x#y #z', 'subject:\tx', 'a1_B: x', '_k: x', '1k: x', 'k-1: x', 'k.1: x', 'kind:  ',
  '  -', '  -x', '  -  x  ', '  - -x', '  - #c', '  -  "q"  # c', '  name:', '  name:x', '  name:  N  ', '  na-me: x', '  _n1: x', '  1n: x',
  '   - x', ' - x', '  name: "a" b', "  name: 'a'#c", '  - "a\\b"', '  name: x # c', '  name: x#c', '  - :x', '  - x:', '  name: a: b',
  'implements: [a]', 'implements: [ ]', 'implements: []  # c', 'implements: [a] # c', 'implements: [a]#c', 'implements: [a] b]', 'implements: [',
  'implements: [a, b', 'implements: [\u00A0a\u00A0, \u3000b\u2009]', 'implements: [a\u00A0b]', 'implements: [\u00A0]', 'implements: [a,\u00A0,b]',
  'implements: [ a , b ,c ]', 'implements: [a, b]  ', 'implements: [a # b]', 'implements:[a]', 'recipients: [ ]', 'signer:  [a] # c',
];
const PIECES = ['"', "'", '#', ' #', ':', ': ', '[', ']', '{', '}', '|', '>', '-', '- ', ' ', '\t', '&', '*', '!', '%', '@', '`', '\\', '0', '.', '?', ',', '\n', '\n  '];

/** The keys at the margin of some front matter lines. */
function marginKeys(lines: readonly string[]): Set<string> {
  return new Set(lines.map((l) => /^([A-Za-z_][A-Za-z0-9_]*) *:/.exec(l)?.[1]).filter((k): k is string => k !== undefined));
}

/** Front matter lines without the keys `keys` at the margin and the indented blocks under them: so that a line written in their place is not a key written twice. */
function withoutKeys(lines: readonly string[], keys: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let dropping = false;
  for (const line of lines) {
    if (!line.startsWith(' ')) dropping = keys.has(/^([A-Za-z_][A-Za-z0-9_]*) *:/.exec(line)?.[1] ?? '');
    if (!dropping) out.push(line);
  }
  return out;
}

/** A front matter changed by a few random edits: a line inserted, replaced or removed, a piece typed into a line. */
function mutate(text: string, random: () => number): string {
  const end = text.indexOf('\n---', 4);
  if (!text.startsWith('---\n') || end < 0) return text;
  let lines = text.slice(4, end).split('\n');
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (lines.length + 1));
    const kind = random();
    if (kind < 0.15) {
      // A line written in place of the key it sets, wherever that stood.
      const line = pick(LINES);
      lines = withoutKeys(lines, marginKeys([line]));
      lines.splice(Math.min(at, lines.length), 0, line);
    } else if (kind < 0.35) lines.splice(at, 0, pick(LINES));
    else if (kind < 0.55 && at < lines.length) lines[at] = pick(LINES);
    else if (kind < 0.65 && at < lines.length) lines.splice(at, 1);
    else if (at < lines.length) {
      const line = lines[at];
      const cut = Math.floor(random() * (line.length + 1));
      lines[at] = line.slice(0, cut) + pick(PIECES) + line.slice(cut);
    }
  }
  return `---\n${lines.join('\n')}${text.slice(end)}`;
}

describe('the front matter read without the YAML parser', () => {
  // The seeds are among the fixtures, as Markdown plans (seed-00N-*.md).
  const files = markdownFiles(FIXTURES);

  it('gives the nodes, the parsed plan, the findings, the fields and the registry entry of the parse on every fixture plan, and reads most of them', () => {
    let answered = 0;
    for (const file of files) if (agrees(file, fs.readFileSync(file, 'utf8'), true)) answered++;
    // Not a test that passes by declining: the plain subset is what plans are written in.
    assert.ok(files.length > 20 && answered >= files.length * 0.6, `${answered} of ${files.length}`);
    assert.ok(files.some((f) => path.basename(f).startsWith('seed-')));
  });

  it('gives what the parse gives, or declines, with each line YAML reads its own way written at the end, alone or in a nested block', function () {
    // Exhaustive (every cut or every line, each parsed whole): on two busy cores it outlasts the
    // suite's default timeout, which is a guard against a hang, not a measure of speed.
    this.timeout(180_000);
    const texts = files.map((f) => fs.readFileSync(f, 'utf8')).filter((t) => t.startsWith('---\n')).slice(0, 8);
    let answered = 0;
    for (const text of texts) {
      const end = text.indexOf('\n---', 4);
      const head = text.slice(4, end).split('\n');
      for (const line of LINES) {
        for (const before of ['', 'recipients:\n', 'signer:\n']) {
          for (const after of ['', '\n  - x', '\nsigner:\n  name: x', '\nissuer: Ủy ban nhân dân tỉnh Lào Cai']) {
            const added = `${before}${line}${after}`;
            // The keys the added lines set are taken out of the front matter first, or every such line would be a key written twice.
            const kept = withoutKeys(head, marginKeys(added.split('\n')));
            if (agrees('line.md', `---\n${kept.join('\n')}\n${added}${text.slice(end)}`)) answered++;
          }
        }
      }
    }
    assert.ok(answered > LINES.length * texts.length, `${answered} answered`);
  });

  it('tells a plan by its template key as the parse does: empty, quoted, commented out, nested, or a longer or shorter key', () => {
    const text = files.map((f) => fs.readFileSync(f, 'utf8')).find((t) => t.startsWith('---\n') && /^template: /m.test(t.slice(0, t.indexOf('\n---', 4))))!;
    const end = text.indexOf('\n---', 4);
    const head = withoutKeys(text.slice(4, end).split('\n'), new Set(['template']));
    const ways = ['template:', 'template:   ', 'template: ""', "template: ''", 'template: nq43', 'template: nq43 # mẫu', '# template: nq43', 'templates: nq43', 'templ: nq43', 'template_: nq43', 'signer:\n  template: nq43', 'recipients:\n  - "template: nq43"'];
    const told: boolean[] = [];
    for (const way of ways) {
      for (const at of ['start', 'end'] as const) {
        const lines = at === 'start' ? [...way.split('\n'), ...withoutKeys(head, marginKeys(way.split('\n')))] : [...withoutKeys(head, marginKeys(way.split('\n'))), ...way.split('\n')];
        const written = `---\n${lines.join('\n')}${text.slice(end)}`;
        assert.ok(agrees('template.md', written), `${way} (${at}): answered`);
        told.push(readSimpleHead(written)!.declaresTemplate);
      }
    }
    // Both answers are given: the first six ways declare a template, the others do not.
    assert.deepEqual(told, ways.flatMap((_, i) => [i < 6, i < 6]));
  });

  it('gives the nodes of the parse, or declines, on random front matters written from pieces of lines', () => {
    // Lines made of the pieces YAML reads its own way, around keys, dashes and values: the edges of each line's reading.
    const random = seededRandom(1743);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const KEYS = ['subject', 'issuer', 'number', 'implements', 'recipients', 'signer', 'a1', '_k'];
    const VALUES = ['Tỉnh ủy Lào Cai', '"Số 5/KH-UBND"', "'q'", '[a, b]', '[ a ,b ]', '[\u00A0a, b]', '[]', '43-NQ/TW', 'x  y'];
    const NESTED = ['  - ', '  name: ', '  title: '];
    const ENDS = ['', '', ' ', ' # c'];
    // What a line may be changed by: a piece inserted or one character removed.
    const ODD = [' ', '  ', '#', ' #', ':', ': ', '-', '- ', '"', "'", '[', ']', ',', '\\', '\u00A0', 'null', '1'];
    let answered = 0;
    for (let n = 0; n < 3000; n++) {
      const lines: string[] = [];
      for (const key of KEYS.filter(() => random() < 0.5)) {
        if (random() < 0.3) {
          lines.push(`${key}:${pick(['', ' ', '  '])}`);
          const nested = pick(NESTED);
          const count = 1 + Math.floor(random() * 3);
          for (let i = 0; i < count; i++) lines.push(`${nested.startsWith('  -') ? nested : `  k${i}: `}${pick(VALUES)}${pick(ENDS)}`);
        } else lines.push(`${key}: ${pick(VALUES)}${pick(ENDS)}`);
      }
      if (lines.length === 0) continue;
      for (let e = Math.floor(random() * 3); e > 0; e--) {
        const at = Math.floor(random() * lines.length);
        const line = lines[at];
        const cut = Math.floor(random() * (line.length + 1));
        lines[at] = random() < 0.7 ? line.slice(0, cut) + pick(ODD) + line.slice(cut) : line.slice(0, cut) + line.slice(cut + 1);
      }
      const yaml = `${lines.join('\n')}${random() < 0.5 ? '\n' : ''}`;
      const plain = readPlainYaml(yaml, META_STRING_KEY_SET);
      if (!plain) continue;
      answered++;
      const parsed = parseFrontMatterYaml(yaml);
      assert.deepEqual([...parsed.errors, ...parsed.warnings].map((e) => e.message), [], yaml);
      const rootShape = (node: unknown): unknown => ({ ...(shape(node) as object), range: undefined });
      assert.deepEqual(rootShape(plain.contents), rootShape(parsed.contents), yaml);
    }
    // Not a test that passes by declining.
    assert.ok(answered > 300, `${answered} answered`);
  });

  it('reads a key line and a nested line by their characters as the patterns did: answers with the parse where they matched, declines where they did not', () => {
    // The patterns the lines were matched with before: /^([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$/ at
    // the margin, /^( +)(?:(- +)|([A-Za-z_][A-Za-z0-9_]*): +)(.*)$/ nested.
    const answered = ['subject: Kế hoạch', 'subject:    Kế hoạch', '_k9: x', 'Z: x', 'recipients:\n  - a', 'recipients:   \n  -    a\n  -  b', 'signer:\n  name:    A\n  title: B', 'a:\n  - \n  - b'];
    const declined = ['subject:Kế hoạch', '9a: x', 'sub-ject: x', 'subject :x', 'ủy: x', 'recipients:\n  -a', 'recipients:\n  - a\n  -', 'signer:\n  name:A', 'signer:\n  name:', 'signer:\n   name:\n   title: B', 'signer:\n  9name: A', 'signer:\n  na-me: A'];
    for (const yaml of answered) {
      const plain = readPlainYaml(yaml, META_STRING_KEY_SET);
      assert.ok(plain, yaml);
      const parsed = parseFrontMatterYaml(yaml);
      assert.deepEqual(shape(plain.contents), shape(parsed.contents), yaml);
    }
    for (const yaml of declined) assert.equal(readPlainYaml(yaml, META_STRING_KEY_SET), undefined, yaml);
  });

  it('gives what the parse gives on mutated front matters, findings included, or declines', () => {
    const random = seededRandom(43);
    const texts = files.map((f) => fs.readFileSync(f, 'utf8')).filter((t) => t.startsWith('---\n'));
    let answered = 0;
    let tried = 0;
    for (let round = 0; round < 12; round++) {
      for (const text of texts) {
        tried++;
        if (agrees(`mutant-${round}.md`, mutate(text, random), round % 3 === 0)) answered++;
      }
    }
    // A key written twice is left to the parser, which reports it: many mutants repeat a key.
    assert.ok(answered > tried * 0.15 && answered < tried, `${answered} of ${tried}`);
  });

  it('reports a front matter nested too deep once, at its place, whichever reading answered: the plain reading only answers for one that is not', () => {
    const body = '\n# I. MỤC ĐÍCH\n\nNội dung.\n';
    const plain = '---\ntemplate: nq43-v1\nsubject: Kế hoạch\n---\n';
    const deepFlow = `---\ntemplate: nq43-v1\nsubject: Kế hoạch\nimplements: ${'['.repeat(150)}${']'.repeat(150)}\n---\n`;
    const deepIndent = `---\ntemplate: nq43-v1\nsigner:\n${' '.repeat(250)}name: A\n---\n`;
    const tooDeep = (text: string): number[] =>
      parseMarkdownPlan('file:///p.md', text + body)
        .problems.filter((p) => p.message.en.includes('nested too deeply'))
        .map((p) => p.span.start);
    assert.deepEqual(tooDeep(plain), []);
    assert.deepEqual(tooDeep(deepFlow), [deepFlow.indexOf('[') + 100]);
    assert.deepEqual(tooDeep(deepIndent), [deepIndent.indexOf('name') - 50]);
    // With CR line breaks, as the parse gives them to the reader as LF.
    const crlf = deepFlow.replace(/\n/g, '\r\n');
    assert.deepEqual(tooDeep(crlf), [crlf.indexOf('[') + 100]);
    assert.deepEqual(tooDeep(plain.replace(/\n/g, '\r\n')), []);
  });
  it('answers exactly where the YAML is not too deep (yamlTooDeep): by the indent of any line, blank or comment, and by brackets counted only past the limit', () => {
    const plain = (yaml: string): boolean => readPlainYaml(yaml, META_STRING_KEY_SET) !== undefined;
    const head = 'template: nq43-v1\nsubject: Kế hoạch\n';
    const cases: string[] = [
      head,
      // A blank line of spaces: its spaces are its indent.
      `${head}${' '.repeat(MAX_YAML_INDENT)}\nissuer: A\n`,
      `${head}${' '.repeat(MAX_YAML_INDENT + 1)}\nissuer: A\n`,
      `${head}signer:\n${' '.repeat(MAX_YAML_INDENT)}name: A\n`,
      `${head}signer:\n${' '.repeat(MAX_YAML_INDENT + 1)}name: A\n`,
      // A comment inside a nested block.
      `${head}signer:\n  name: A\n${' '.repeat(MAX_YAML_INDENT + 1)}# ghi chú\n  title: B\n`,
      `${head}signer:\n  name: A\n${' '.repeat(MAX_YAML_INDENT)}# ghi chú\n  title: B\n`,
      // Brackets in quoted values: counted again from each line at the margin, not across a comment at the margin.
      `${head}a: "${'['.repeat(60)}"\nb: "${'['.repeat(60)}"\n`,
      `${head}a: "${'['.repeat(60)}"\n# ${'{'.repeat(60)}\nb: c\n`,
      `${head}a: "${'['.repeat(MAX_YAML_FLOW_DEPTH)}"\n`,
      `${head}a: "${'['.repeat(MAX_YAML_FLOW_DEPTH + 1)}"\n`,
      `${head}signer:\n  name: "${'['.repeat(60)}"\n  title: "${'['.repeat(60)}"\n`,
    ];
    const answered = cases.map(plain);
    // Each case as the rule it tests: a reading only where yamlTooDeep finds nothing, and a reading wherever it finds nothing here.
    assert.deepEqual(
      answered,
      cases.map((yaml) => yamlTooDeep(yaml) === undefined),
    );
    assert.deepEqual(answered, [true, true, false, true, false, false, true, true, false, true, false, false]);
  });
  it("makes its scalars and pairs as the library's own, without a property of their own for their kind: the library's tests, classes and methods take them", () => {
    const yaml = 'template: nq43-v1\nnumber: "74/KH-UBND"\nimplements: [43-NQ/TW, 21-KH/TW]\nsigner:\n  name: Nguyễn Văn A\nrecipients:\n  - Các sở\n';
    const plain = readPlainYaml(yaml, META_STRING_KEY_SET);
    assert.ok(plain);
    const root = plain.contents as YAMLMap;
    const pairs: unknown[] = [];
    const scalars: unknown[] = [];
    const walk = (node: unknown): void => {
      if (isPair(node)) {
        pairs.push(node);
        walk(node.key);
        walk(node.value);
      } else if (isScalar(node)) scalars.push(node);
      else if (isMap(node) || isSeq(node)) for (const item of node.items) walk(item);
    };
    walk(root);
    assert.equal(pairs.length, 6);
    assert.equal(scalars.length, 12);
    for (const p of pairs) {
      assert.ok(p instanceof Pair && !isNode(p));
      // The kind is the prototype's: no defineProperty for each pair.
      assert.deepEqual(Object.getOwnPropertySymbols(p), []);
      assert.deepEqual(Object.keys(p), ['key', 'value']);
    }
    for (const n of scalars) {
      assert.ok(n instanceof Scalar && isNode(n));
      assert.deepEqual(Object.getOwnPropertySymbols(n), []);
      assert.deepEqual(Object.keys(n), ['value', 'range']);
      assert.equal(String(n), String((n as Scalar).value));
    }
    // The library's own methods on them: a map's look-up by key, and the whole as plain JavaScript.
    assert.equal((root.get('number', true) as Scalar).value, '74/KH-UBND');
    assert.equal(root.get('template'), 'nq43-v1');
    const doc = new Document();
    doc.contents = root;
    assert.deepEqual(doc.toJS(), {
      template: 'nq43-v1',
      number: '74/KH-UBND',
      implements: ['43-NQ/TW', '21-KH/TW'],
      signer: { name: 'Nguyễn Văn A' },
      recipients: ['Các sở'],
    });
  });
});
