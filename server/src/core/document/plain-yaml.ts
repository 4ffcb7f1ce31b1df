// A front matter in the plain subset plans are written in, read line by line into the nodes the YAML parser would give (values and places); anything else is left to the parser.

import { Pair, Scalar, YAMLError, YAMLMap, YAMLSeq, YAMLWarning } from 'yaml';
import { yamlTooDeep } from '../data/yaml-guard';

/** What the metadata reader takes from a parse: the root node and the parser's errors and warnings. */
export interface YamlRead {
  readonly contents: unknown;
  readonly errors: readonly YAMLError[];
  readonly warnings: readonly YAMLWarning[];
}

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

// The lines are read by character codes and offsets into the front matter's text, not by regular
// expressions' match arrays and slices of each line: only the keys and values become strings
// (the reader runs twice for each plan of a folder, for the registry and for the parse).
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Whether `c` may start a key ([A-Za-z_]). */
function keyStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** Whether `c` may follow in a key ([A-Za-z0-9_]). */
function keyPart(c: number): boolean {
  return keyStart(c) || (c >= 48 && c <= 57);
}

/** The first offset in [from, to) that is not a space, or `to`. */
function skipSpaces(text: string, from: number, to: number): number {
  while (from < to && text.charCodeAt(from) === SPACE) from++;
  return from;
}

/** The end of [from, to) without its trailing spaces. */
function trimSpacesEnd(text: string, from: number, to: number): number {
  while (to > from && text.charCodeAt(to - 1) === SPACE) to--;
  return to;
}

/** The first offset of `code` in [from, to), or -1. */
function indexIn(text: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** The first offset of " #" (a comment after a value) in [from, to), or `to`. */
function commentAt(text: string, from: number, to: number): number {
  for (let i = from; i + 1 < to; i++) if (text.charCodeAt(i) === SPACE && text.charCodeAt(i + 1) === HASH) return i;
  return to;
}

/** A scalar node at [start, end) of the YAML text, as the parser places it (its node end is `nodeEnd`). */
function scalar(value: string | null, start: number, end: number, nodeEnd: number): Scalar {
  const node = new Scalar(value);
  node.range = [start, end, nodeEnd];
  return node;
}

/** How many characters of the line the last value oneLineValue gave spans (kept here, not in an object made for each value). */
let valueLength = 0;

/**
 * The value of the one-line scalar at [start, end) of `text` (no trailing spaces) as the parser
 * reads it, or undefined when it must tell: quoted with no escape and nothing after the closing
 * quote but a comment, or plain (a comment after " #" and the spaces before it not part of it)
 * where the core schema reads a string. Sets `valueLength` to how many characters it spans.
 */
function oneLineValue(text: string, start: number, end: number): string | undefined {
  const quote = text.charCodeAt(start);
  if (quote === DOUBLE_QUOTE || quote === SINGLE_QUOTE) {
    const close = indexIn(text, quote, start + 1, end);
    if (close < 0) return undefined;
    // Nothing after the closing quote but a comment ("" # not printed yet).
    const after = skipSpaces(text, close + 1, end);
    if (after < end && !(text.charCodeAt(after) === HASH && after > close + 1)) return undefined;
    if (quote === DOUBLE_QUOTE && indexIn(text, BACKSLASH, start + 1, close) >= 0) return undefined;
    valueLength = close + 1 - start;
    return text.slice(start + 1, close);
  }
  const valueEnd = trimSpacesEnd(text, start, commentAt(text, start, end));
  const value = text.slice(start, valueEnd);
  if (!plainString(value)) return undefined;
  valueLength = value.length;
  return value;
}

/** Whether a one-line plain scalar is a string the parser reads as written. */
function plainString(value: string): boolean {
  return value !== '' && !NOT_PLAIN_START.test(value) && !NUMBER_CHARACTERS_ONLY.test(value) && !NOT_STRING.test(value) && !value.includes(': ') && !value.endsWith(':');
}

/** A one-line flow list of plain items ("[43-NQ/TW, 21-KH/TW]") at [start, end) of `text`, its node ending at `nodeEnd`, or undefined. */
function flowList(text: string, start: number, end: number, nodeEnd: number): YAMLSeq | undefined {
  if (text.charCodeAt(end - 1) !== CLOSE_BRACKET || end - start < 2) return undefined;
  const seq = new YAMLSeq();
  seq.flow = true;
  seq.range = [start, end, nodeEnd];
  const innerEnd = end - 1;
  if (skipSpaces(text, start + 1, innerEnd) === innerEnd) return seq;
  // Each part between commas, without the spaces around it: only spaces, for the parser keeps
  // any other white space (a no-break space) in the item.
  let partStart = start + 1;
  while (partStart <= innerEnd) {
    let partEnd = indexIn(text, COMMA, partStart, innerEnd);
    if (partEnd < 0) partEnd = innerEnd;
    const itemStart = skipSpaces(text, partStart, partEnd);
    const itemEnd = trimSpacesEnd(text, itemStart, partEnd);
    const item = text.slice(itemStart, itemEnd);
    if (!plainString(item) || NOT_IN_FLOW_ITEM.test(item)) return undefined;
    seq.items.push(scalar(item, itemStart, itemEnd, itemEnd));
    partStart = partEnd + 1;
  }
  return seq;
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
  if (yaml.includes('\r') || UNUSUAL.test(yaml) || yamlTooDeep(yaml) !== undefined) return undefined;
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
    pos = nodeEnd;
    // The line's first character that is not a space: none on a blank line.
    const text = skipSpaces(yaml, lineStart, lineEnd);
    if (text === lineEnd) continue;
    if (text > lineStart) {
      if (!open || openIsString) return undefined;
      // A comment inside a nested block.
      if (yaml.charCodeAt(text) === HASH) continue;
      // An item ("- " and its value) or a key (a name, ": " and its value).
      const indent = text - lineStart;
      const isItem = yaml.charCodeAt(text) === DASH;
      let keyEnd = text;
      let valueStart: number;
      if (isItem) {
        if (yaml.charCodeAt(text + 1) !== SPACE || text + 1 >= lineEnd) return undefined;
        valueStart = skipSpaces(yaml, text + 1, lineEnd);
      } else {
        if (!keyStart(yaml.charCodeAt(text))) return undefined;
        keyEnd = text + 1;
        while (keyEnd < lineEnd && keyPart(yaml.charCodeAt(keyEnd))) keyEnd++;
        if (keyEnd + 1 >= lineEnd || yaml.charCodeAt(keyEnd) !== COLON || yaml.charCodeAt(keyEnd + 1) !== SPACE) return undefined;
        valueStart = skipSpaces(yaml, keyEnd + 1, lineEnd);
      }
      const contentEnd = trimSpacesEnd(yaml, valueStart, lineEnd);
      let value: Scalar;
      if (contentEnd === valueStart) value = scalar(null, lineEnd, lineEnd, lineEnd);
      else {
        const read = oneLineValue(yaml, valueStart, contentEnd);
        if (read === undefined) return undefined;
        value = scalar(read, valueStart, valueStart + valueLength, nodeEnd);
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
        const key = yaml.slice(text, keyEnd);
        if (NOT_STRING.test(key) || blockKeys!.has(key)) return undefined;
        blockKeys!.add(key);
        block.items.push(new Pair(scalar(key, text, keyEnd, keyEnd), value));
      }
      const end = value.range![2];
      block.range![1] = end;
      block.range![2] = end;
      rootEnd = end;
      continue;
    }
    open = undefined;
    block = undefined;
    const first = yaml.charCodeAt(lineStart);
    // A comment at the margin ends any block.
    if (first === HASH) continue;
    // A key at the margin, its colon, and what follows it after at least one space (or nothing).
    if (!keyStart(first)) return undefined;
    let keyEnd = lineStart + 1;
    while (keyEnd < lineEnd && keyPart(yaml.charCodeAt(keyEnd))) keyEnd++;
    if (keyEnd >= lineEnd || yaml.charCodeAt(keyEnd) !== COLON) return undefined;
    if (keyEnd + 1 < lineEnd && yaml.charCodeAt(keyEnd + 1) !== SPACE) return undefined;
    const key = yaml.slice(lineStart, keyEnd);
    if (NOT_STRING.test(key) || keys.has(key)) return undefined;
    keys.add(key);
    const isString = stringKeys.has(key);
    const valueStart = skipSpaces(yaml, keyEnd + 1, lineEnd);
    const contentEnd = trimSpacesEnd(yaml, valueStart, lineEnd);
    let value: Scalar | YAMLSeq;
    if (contentEnd === valueStart) {
      value = scalar(null, lineEnd, lineEnd, lineEnd);
      open = new Pair(null, value);
      openIsString = isString;
    } else if (!isString && yaml.charCodeAt(valueStart) === OPEN_BRACKET) {
      const list = flowList(yaml, valueStart, trimSpacesEnd(yaml, valueStart, commentAt(yaml, valueStart, contentEnd)), nodeEnd);
      if (!list) return undefined;
      value = list;
    } else {
      const read = oneLineValue(yaml, valueStart, contentEnd);
      if (read === undefined) return undefined;
      value = scalar(read, valueStart, valueStart + valueLength, nodeEnd);
    }
    const pair = open ?? new Pair(null, value);
    pair.key = scalar(key, lineStart, keyEnd, keyEnd);
    root.items.push(pair);
    if (rootStart < 0) rootStart = lineStart;
    rootEnd = value.range![2];
  }
  if (rootStart < 0) return undefined;
  root.range = [rootStart, rootEnd, rootEnd];
  return { contents: root, errors: [], warnings: [] };
}
