// A front matter in the plain subset plans are written in, read line by line into the nodes the YAML parser would give (values and places); anything else is left to the parser.

import { Pair, Scalar, YAMLError, YAMLMap, YAMLSeq, YAMLWarning } from 'yaml';
import { yamlTooDeep } from '../data/yaml-guard';
import { MAX_YAML_FLOW_DEPTH, MAX_YAML_INDENT } from '../limits';

/** What the metadata reader takes from a parse: the root node and the parser's errors and warnings. */
export interface YamlRead {
  readonly contents: unknown;
  readonly errors: readonly YAMLError[];
  readonly warnings: readonly YAMLWarning[];
}

/**
 * A top-level key at the margin and its colon, then the line's end or a space: what was the
 * pattern `^([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$` on a line without line terminators (UNUSUAL
 * declines the text with any but LF). The key ends at the line's first colon, its value after the
 * spaces that follow it; asked by `test`, which makes no match's array (with `exec`, this pattern's
 * and NESTED_HEAD's were some 10 MB on 1,000 plans), and read by the compiled pattern, which a
 * reading by character codes did in more instructions.
 */
const KEY_HEAD = /^[A-Za-z_][A-Za-z0-9_]*:(?: |$)/;
/**
 * A line of a nested block: its indent, then an item of a list ("- ") or a key of a map and its
 * colon and a space; what was `^( +)(?:(- +)|([A-Za-z_][A-Za-z0-9_]*): +)(.*)$` (see KEY_HEAD).
 */
const NESTED_HEAD = /^ +(?:- |[A-Za-z_][A-Za-z0-9_]*: )/;
/** Characters that make a line break or a control the YAML parser treats on its own terms. */
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
/** What may not start a plain scalar (YAML's indicators), or starts one the core schema may read as a number. */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`+.]/;
/** A scalar starting with a digit is a string for sure only with a character no number of the core schema holds ("43-NQ/TW"). */
const NUMBER_CHARACTERS_ONLY = /^[0-9][0-9A-Za-z.+_-]*$/;
/** The core schema's null and booleans (more than it reads so: declining is always safe). */
const NOT_STRING = /^(?:~|null|true|false)$/i;
/** What a plain item of a one-line flow list may not hold. */
const NOT_IN_FLOW_ITEM = /["'[\]{}#:]/;
/** A blank line, or an empty flow list's inside. */
const ONLY_SPACES = /^ *$/;
/** What may follow a closing quote: spaces, then nothing or a comment (read from `lastIndex`, the line not cut). */
const AFTER_QUOTE = / *(?: #.*)?$/y;
/** A comment line inside a nested block. */
const NESTED_COMMENT = /^ +#/;

// The patterns are constants, not literals in the functions: a literal makes a new RegExp object
// each time it is evaluated, one per line of every front matter read (only AFTER_QUOTE keeps a
// state, its `lastIndex`, set before each use).

/** `s` without its trailing spaces (U+0020 only, as the parser trims a value): `s` itself when it has none. */
function trimEndSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** How many spaces (U+0020) `s` starts with. */
function leadingSpaces(s: string): number {
  return spacesFrom(s, 0);
}

/** Where the spaces (U+0020) from `at` in `s` end. */
function spacesFrom(s: string, at: number): number {
  let n = at;
  while (n < s.length && s.charCodeAt(n) === 32) n++;
  return n;
}

/**
 * The library's nodes tell their kind by a symbol property (`isScalar`, `isPair`, … read
 * `node[Symbol.for('yaml.node.type')]`), which each constructor defines on each node with
 * `Object.defineProperty`: about 1 % of the command line's samples, for the scalars and pairs of
 * each front matter read twice a plan (the folder's registry, then the parse). The plain reading
 * makes its scalars and pairs without those constructors: each an object of a class whose
 * prototype holds that property and inherits the library's class (`instanceof`, its methods), so
 * that the library and the metadata reader take them for its own, with the same fields.
 */
const NODE_TYPE = Symbol.for('yaml.node.type');

/** A scalar of the plain reading: a `Scalar` whose kind is its prototype's. */
class PlainScalar {
  declare value: string | null;
  declare range: [number, number, number];
  constructor(value: string | null, range: [number, number, number]) {
    this.value = value;
    this.range = range;
  }
}

/** A pair of the plain reading: a `Pair` whose kind is its prototype's. */
class PlainPair {
  declare key: unknown;
  declare value: unknown;
  constructor(key: unknown, value: unknown) {
    this.key = key;
    this.value = value;
  }
}

/** Gives `cls`'s objects the methods of `base` and the kind `type` (a symbol of `Symbol.for`), as the library's constructor does. */
function inherit(cls: { prototype: object }, base: { prototype: object }, type: string): void {
  Object.setPrototypeOf(cls.prototype, base.prototype);
  Object.defineProperty(cls.prototype, NODE_TYPE, { value: Symbol.for(type) });
}
inherit(PlainScalar, Scalar, 'yaml.scalar');
inherit(PlainPair, Pair, 'yaml.pair');

/** A scalar node at [start, end) of the YAML text, as the parser places it (its node end is `nodeEnd`). */
function scalar(value: string | null, start: number, end: number, nodeEnd: number): Scalar {
  return new PlainScalar(value, [start, end, nodeEnd]) as unknown as Scalar;
}

/** A pair of `key` and `value`, as the library's `new Pair(key, value)` makes it. */
function pair(key: unknown, value: unknown): Pair {
  return new PlainPair(key, value) as unknown as Pair;
}

/**
 * The value of a one-line scalar as the parser reads it, or undefined when it must tell: quoted
 * with no escape and nothing after the closing quote but a comment, or plain (a comment after
 * " #" and the spaces before it not part of it) where the core schema reads a string. `length` is
 * how many characters of the line it spans.
 */
function oneLineValue(rest: string): { value: string; length: number } | undefined {
  const quote = rest[0];
  if (quote === '"' || quote === "'") {
    const close = rest.indexOf(quote, 1);
    // Nothing after the closing quote but a comment ("" # not printed yet).
    if (close < 0) return undefined;
    AFTER_QUOTE.lastIndex = close + 1;
    // A backslash inside double quotes is an escape: searched backwards from the closing quote only.
    if (!AFTER_QUOTE.test(rest) || (quote === '"' && rest.lastIndexOf('\\', close - 1) >= 0)) return undefined;
    return { value: rest.slice(1, close), length: close + 1 };
  }
  const comment = rest.indexOf(' #');
  const value = trimEndSpaces(comment < 0 ? rest : rest.slice(0, comment));
  if (!plainString(value)) return undefined;
  return { value, length: value.length };
}

/** Whether a one-line plain scalar is a string the parser reads as written. */
function plainString(value: string): boolean {
  return value !== '' && !NOT_PLAIN_START.test(value) && !NUMBER_CHARACTERS_ONLY.test(value) && !NOT_STRING.test(value) && !value.includes(': ') && !value.endsWith(':');
}

/** A one-line flow list of plain items ("[43-NQ/TW, 21-KH/TW]") at `start`, or undefined. */
function flowList(value: string, start: number, nodeEnd: number): YAMLSeq | undefined {
  if (!value.endsWith(']')) return undefined;
  const seq = new YAMLSeq();
  seq.flow = true;
  seq.range = [start, start + value.length, nodeEnd];
  const inner = value.slice(1, -1);
  if (ONLY_SPACES.test(inner)) return seq;
  let at = 1;
  for (const part of inner.split(',')) {
    // Only spaces around an item: the parser keeps any other white space (a no-break space) in it.
    const lead = leadingSpaces(part);
    const item = trimEndSpaces(part.slice(lead));
    if (!plainString(item) || NOT_IN_FLOW_ITEM.test(item)) return undefined;
    const itemStart = start + at + lead;
    seq.items.push(scalar(item, itemStart, itemStart + item.length, itemStart + item.length));
    at += part.length + 1;
  }
  return seq;
}

/**
 * Whether `yamlTooDeep` may find `yaml` too deep by its brackets: only when it opens more than
 * MAX_YAML_FLOW_DEPTH of them in all, then asked. Its other limit, the indent, the plain reading
 * checks on each line it reads (a line at the margin has none), so that `yamlTooDeep` answers
 * undefined exactly where the two do. Its scan of every character was a third of the plain
 * reading's own time; a front matter has a few brackets, found by `indexOf`.
 */
function mayBeTooDeep(yaml: string): boolean {
  let opens = 0;
  for (const bracket of BRACKETS) {
    for (let at = yaml.indexOf(bracket); at >= 0; at = yaml.indexOf(bracket, at + 1)) {
      if (++opens > MAX_YAML_FLOW_DEPTH) return yamlTooDeep(yaml) !== undefined;
    }
  }
  return false;
}

/** What opens a flow collection. */
const BRACKETS = ['[', '{'] as const;

const plainReads = new WeakSet<YamlRead>();

/**
 * True when `read` is a reading of `readPlainYaml`: its YAML is not too deep (`yamlTooDeep`), the
 * first thing the plain reading asks, and the parse need not scan the front matter again to know.
 */
export function isPlainRead(read: YamlRead): boolean {
  return plainReads.has(read);
}

/**
 * The root map of `yaml` (a front matter's text, LF line breaks) when it is plain: lines of
 * `key: value` at the margin, a value written plain, in one pair of quotes with no escape, or (for
 * a key whose value is not text) as a one-line list of plain items; keys with an empty value
 * followed by one indented block of list items or of keys (the recipients, the signer) with
 * one-line values; comments and blank lines. Each key once. Undefined for anything else (a
 * multi-line value, a number, an escape, a line break other than LF, a comment at the margin
 * inside a block …): the caller then parses it. Where it answers, the nodes are what the parser
 * gives — values and ranges — and it has nothing to report (a test compares them).
 * `stringKeys` are the keys read as text, which may not hold a block or a list.
 */
export function readPlainYaml(yaml: string, stringKeys: ReadonlySet<string>): YamlRead | undefined {
  if (yaml.includes('\r') || UNUSUAL.test(yaml) || mayBeTooDeep(yaml)) return undefined;
  const root = new YAMLMap();
  const keys = new Set<string>();
  // The top-level pair whose empty value may still become an indented block, and that block.
  let open: Pair | undefined;
  let openIsString = false;
  let block: YAMLSeq | YAMLMap | undefined;
  let blockKeys: Set<string> | undefined;
  let blockIndent = 0;
  let rootStart = -1;
  let rootEnd = 0;
  let pos = 0;
  while (pos < yaml.length) {
    const lf = yaml.indexOf('\n', pos);
    const lineEnd = lf < 0 ? yaml.length : lf;
    // Where a value's node ends: after its line break.
    const nodeEnd = lf < 0 ? yaml.length : lf + 1;
    const lineStart = pos;
    const line = yaml.slice(lineStart, lineEnd);
    pos = nodeEnd;
    // Every line's indent is within `yamlTooDeep`'s limit (see mayBeTooDeep): a blank line's
    // spaces count as its indent.
    if (ONLY_SPACES.test(line)) {
      if (line.length > MAX_YAML_INDENT) return undefined;
      continue;
    }
    const first = line.charCodeAt(0);
    if (first === 32) {
      if (!open || openIsString) return undefined;
      const indent = leadingSpaces(line);
      if (indent > MAX_YAML_INDENT) return undefined;
      // A comment inside a nested block.
      if (NESTED_COMMENT.test(line)) continue;
      if (!NESTED_HEAD.test(line)) return undefined;
      // A key starts with a letter or "_": a dash after the indent is an item's.
      const isItem = line.charCodeAt(indent) === 45;
      const colon = isItem ? -1 : line.indexOf(':', indent);
      const key = isItem ? '' : line.slice(indent, colon);
      const valueAt = spacesFrom(line, isItem ? indent + 1 : colon + 1);
      const content = trimEndSpaces(line.slice(valueAt));
      const valueStart = lineStart + valueAt;
      let value: Scalar;
      if (content === '') value = scalar(null, lineEnd, lineEnd, lineEnd);
      else {
        const read = oneLineValue(content);
        if (!read) return undefined;
        value = scalar(read.value, valueStart, valueStart + read.length, nodeEnd);
      }
      if (!block) {
        blockIndent = indent;
        block = isItem ? new YAMLSeq() : new YAMLMap();
        blockKeys = isItem ? undefined : new Set();
        block.range = [lineStart + indent, 0, 0];
        open.value = block;
      } else if (indent !== blockIndent || isItem !== (block instanceof YAMLSeq)) return undefined;
      if (block instanceof YAMLSeq) block.items.push(value);
      else {
        if (NOT_STRING.test(key) || blockKeys!.has(key)) return undefined;
        blockKeys!.add(key);
        block.items.push(pair(scalar(key, lineStart + indent, lineStart + indent + key.length, lineStart + indent + key.length), value));
      }
      const end = value.range![2];
      block.range![1] = end;
      block.range![2] = end;
      rootEnd = end;
      continue;
    }
    open = undefined;
    block = undefined;
    // A comment at the margin ends any block.
    if (first === 35) continue;
    if (!KEY_HEAD.test(line)) return undefined;
    const colon = line.indexOf(':');
    const key = line.slice(0, colon);
    if (NOT_STRING.test(key) || keys.has(key)) return undefined;
    keys.add(key);
    const isString = stringKeys.has(key);
    const valueAt = spacesFrom(line, colon + 1);
    const rest = trimEndSpaces(line.slice(valueAt));
    const valueStart = lineStart + valueAt;
    let value: Scalar | YAMLSeq;
    if (rest === '') {
      value = scalar(null, lineEnd, lineEnd, lineEnd);
      open = pair(null, value);
      openIsString = isString;
    } else if (!isString && rest[0] === '[') {
      const comment = rest.indexOf(' #');
      const list = flowList(comment < 0 ? rest : trimEndSpaces(rest.slice(0, comment)), valueStart, nodeEnd);
      if (!list) return undefined;
      value = list;
    } else {
      const read = oneLineValue(rest);
      if (!read) return undefined;
      value = scalar(read.value, valueStart, valueStart + read.length, nodeEnd);
    }
    const entry = open ?? pair(null, value);
    entry.key = scalar(key, lineStart, lineStart + key.length, lineStart + key.length);
    root.items.push(entry);
    if (rootStart < 0) rootStart = lineStart;
    rootEnd = value.range![2];
  }
  if (rootStart < 0) return undefined;
  root.range = [rootStart, rootEnd, rootEnd];
  const read: YamlRead = { contents: root, errors: [], warnings: [] };
  plainReads.add(read);
  return read;
}
