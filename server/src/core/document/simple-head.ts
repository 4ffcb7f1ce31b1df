// The string fields of a plan's front matter read without the YAML parser, when the front matter is written in the plain subset every generated or hand-written plan uses; anything else is left to the parser.

import { isScalar, Pair, YAMLMap } from 'yaml';
import { MAX_PLAN_CHARS } from '../limits';
import { findFrontMatter } from './markdown';
import { MetaStringKey, META_STRING_KEY_SET } from './meta';
import { readPlainYaml } from './plain-yaml';

/** The top-level string fields of a front matter, as the parser and `readMeta` would give their values. */
export interface SimpleHead {
  /** Whether the front matter names a template: what makes the text a plan. */
  declaresTemplate: boolean;
  fields: Partial<Record<MetaStringKey, string>>;
}

/**
 * The fields when the front matter is plain (see readPlainYaml); undefined for a Markdown plan
 * with no front matter or one the parser must read. Where it answers, the fields are exactly what
 * the parse gives (a test compares them on the fixtures and on mutated front matters).
 */
export function readSimpleHead(text: string): SimpleHead | undefined {
  if (text.length > MAX_PLAN_CHARS) return undefined;
  const fm = findFrontMatter(text);
  const read = fm && readPlainYaml(fm.yamlText, META_STRING_KEY_SET);
  if (!read) return undefined;
  const fields: Partial<Record<MetaStringKey, string>> = {};
  // A plain front matter's lines at the margin are keys (a key and its colon, nothing between) or
  // comments: it declares a template when one of its keys is "template", which is what
  // `^template[ \t]*:` finds in it, without a search of its whole text.
  let declaresTemplate = false;
  for (const pair of (read.contents as YAMLMap).items as Pair[]) {
    const key = (pair.key as { value: string }).value;
    if (key === 'template') declaresTemplate = true;
    // A plain front matter's string keys hold one-line scalars (or nothing: an empty string).
    if (META_STRING_KEY_SET.has(key) && isScalar(pair.value)) fields[key as MetaStringKey] = (pair.value.value as string | null) ?? '';
  }
  return { declaresTemplate, fields };
}
