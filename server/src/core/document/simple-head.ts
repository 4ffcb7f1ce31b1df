// The string fields of a plan's front matter read without the YAML parser, when the front matter is written in the plain subset every generated or hand-written plan uses; anything else is left to the parser.

import { MAX_PLAN_CHARS } from '../limits';
import { yamlTooDeep } from '../data/yaml-guard';
import { findFrontMatter } from './markdown';
import { MetaStringKey, META_STRING_KEYS } from './meta';

/** The top-level string fields of a front matter, as the parser and `readMeta` would give their values. */
export interface SimpleHead {
  /** Whether the front matter names a template: what makes the text a plan. */
  declaresTemplate: boolean;
  fields: Partial<Record<MetaStringKey, string>>;
}

/** A top-level key at the margin, its colon, and what follows it. */
const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$/;
/** Characters that make a line break or a control the YAML parser treats on its own terms. */
const UNUSUAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
/** What may not start a plain scalar (YAML's indicators), or starts one the core schema reads as a number. */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`+.0-9]/;
/** The core schema's null and booleans. */
const NOT_STRING = /^(?:~|null|true|false)$/i;
/** A line of a nested block: an item of a list or a key of a map, and its value. */
const NESTED_LINE = /^( +)(- +|[A-Za-z_][A-Za-z0-9_]*: +)(.*)$/;
/** What may not start a plain value in a nested block (YAML's indicators). */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

const STRING_KEYS: ReadonlySet<string> = new Set(META_STRING_KEYS);

/**
 * The fields when the front matter is plain: lines of `key: value` at the margin, a value written
 * plain, in one pair of quotes with no escape, or as a one-line list of plain items; keys with an
 * empty value followed by an indented block (the recipients, the signer) whose lines open no
 * quote or bracket; comments and blank lines. Undefined for anything else (a Markdown plan with
 * no front matter, a line break other than LF, a multi-line value, a number, an escape …): the
 * caller then parses the front matter. Where it answers, the fields are exactly what the parse
 * gives (a test compares them on the fixtures and on mutated front matters).
 */
export function readSimpleHead(text: string): SimpleHead | undefined {
  if (text.length > MAX_PLAN_CHARS) return undefined;
  const fm = findFrontMatter(text);
  if (!fm || fm.yamlText.includes('\r') || UNUSUAL.test(fm.yamlText) || yamlTooDeep(fm.yamlText) !== undefined) return undefined;
  const fields: Partial<Record<MetaStringKey, string>> = {};
  // Whether indented lines may follow: only under a key with an empty value (a nested block).
  let nestedAllowed = false;
  // The string key whose empty value is still open to an indented block, which would make it no string.
  let openStringKey = false;
  // The indentation of the nested block's lines and whether they are items or keys: one level, all alike.
  let nestedIndent = -1;
  let nestedItems = false;
  for (const line of fm.yamlText.split('\n')) {
    if (line === '' || /^ *$/.test(line)) continue;
    const first = line.charCodeAt(0);
    if (first === 32) {
      // A comment inside a nested block.
      if (nestedAllowed && !openStringKey && /^ +#/.test(line)) continue;
      const nested = NESTED_LINE.exec(line);
      if (!nestedAllowed || openStringKey || !nested || !oneLineNestedValue(nested[3])) return undefined;
      const items = nested[2].startsWith('-');
      if (nestedIndent < 0) {
        nestedIndent = nested[1].length;
        nestedItems = items;
      } else if (nested[1].length !== nestedIndent || items !== nestedItems) return undefined;
      continue;
    }
    if (first === 35) {
      // A comment at the margin.
      continue;
    }
    const m = KEY_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1];
    const rest = (m[2] ?? '').replace(/ +$/, '');
    const value = rest === '' ? '' : valueOf(rest, STRING_KEYS.has(key));
    if (value === undefined) return undefined;
    nestedAllowed = rest === '';
    nestedIndent = -1;
    openStringKey = rest === '' && STRING_KEYS.has(key);
    if (STRING_KEYS.has(key)) fields[key as MetaStringKey] = value;
  }
  return { declaresTemplate: /^template[ \t]*:/m.test(fm.yamlText), fields };
}

/**
 * Whether the value of a nested line ends on its line and opens nothing: quoted with no escape, or
 * plain with no quote or bracket, no further key (": ") and no block (a final ":").
 */
function oneLineNestedValue(content: string): boolean {
  if (content.startsWith('"') || content.startsWith("'")) return quotedValue(content) !== undefined;
  return !INDICATOR_START.test(content) && !/["'[{]/.test(content) && !content.includes(': ') && !content.replace(/ +$/, '').endsWith(':');
}

/** The value of a one-line quoted scalar with no escape, followed by nothing or a comment; undefined otherwise. */
function quotedValue(rest: string): string | undefined {
  const quote = rest[0];
  const close = rest.indexOf(quote, 1);
  // Nothing after the closing quote but a comment ("" # not printed yet).
  if (close < 0 || !/^ *(?: #.*)?$/.test(rest.slice(close + 1)) || (quote === '"' && rest.slice(0, close).includes('\\'))) return undefined;
  return rest.slice(1, close);
}

/**
 * A one-line value: plain, or quoted with no escape and nothing after the closing quote but a
 * comment; for a key that is not read as a string, also a one-line flow list of plain items.
 * Undefined when the parser must tell.
 */
function valueOf(rest: string, stringKey: boolean): string | undefined {
  const quote = rest[0];
  if (quote === '"' || quote === "'") return quotedValue(rest);
  // A comment starts at the first " #"; the value is what stands before it.
  const comment = rest.indexOf(' #');
  const value = comment < 0 ? rest : rest.slice(0, comment).replace(/ +$/, '');
  if (!stringKey && value.startsWith('[')) {
    // A list such as "[43-NQ/TW, 21-KH/TW]", its value not read here: only that it ends on its line.
    if (!value.endsWith(']') || /["'[\]{}#]/.test(value.slice(1, -1))) return undefined;
    return '';
  }
  if (NOT_PLAIN_START.test(value) || NOT_STRING.test(value) || value.includes(': ') || value.endsWith(':')) return undefined;
  return value;
}
