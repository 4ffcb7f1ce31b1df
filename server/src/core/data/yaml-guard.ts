// Guards around the YAML parser: nesting deeper than it can take is refused before parsing (the same answer in every process, never a stack overflow), and duplicate keys are found in linear time.

import { Document, isScalar, parseDocument, visit, YAMLParseError } from 'yaml';
import { MAX_YAML_FLOW_DEPTH, MAX_YAML_INDENT } from '../limits';

/**
 * The offset where `text` goes deeper than MAX_YAML_FLOW_DEPTH brackets or is indented more than
 * MAX_YAML_INDENT columns, or undefined. Brackets are counted everywhere (a quoted or literal
 * bracket counts too: real plans never come near the limit); the count starts again at every line
 * that begins at the margin, where no flow collection can still be open.
 */
export function yamlTooDeep(text: string): number | undefined {
  let depth = 0;
  let atLineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      atLineStart = true;
      indent = 0;
      continue;
    }
    if (atLineStart) {
      if (c === 32) {
        if (++indent > MAX_YAML_INDENT) return i;
        continue;
      }
      atLineStart = false;
      // "]", "}", "," or "#" at the margin may still belong to an open flow collection.
      if (indent === 0 && c !== 93 && c !== 125 && c !== 44 && c !== 35) depth = 0;
    }
    if (c === 91 || c === 123) {
      if (++depth > MAX_YAML_FLOW_DEPTH) return i;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/**
 * Parses YAML as the plans and data files are read (no pretty errors), with every key of a map
 * that repeats an earlier key of the same map reported as the parser reports it ("Map keys must be
 * unique", at the key). The parser's own check compares each key with every earlier one: front
 * matter of 60,000 keys took 44 seconds, and a registry under the size limit froze the server
 * for a minute on each load. Here each map's keys go through one table.
 */
export function parseYaml(text: string): Document.Parsed {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  const duplicates: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, true>();
      for (const pair of map.items) {
        // Only scalar keys can be equal (as for the parser: the same value, or the same node).
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value)) {
          const at = pair.key.range?.[0] ?? 0;
          duplicates.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        } else seen.set(value, true);
      }
    },
  });
  if (duplicates.length > 0) {
    for (const d of duplicates) doc.errors.push(d);
    // In the order of the text, as the parser would have found them (a stable sort).
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  return doc;
}
