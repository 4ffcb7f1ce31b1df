// Refuses YAML nested deeper than the parser can take, before it is parsed: the same answer in every process, never a stack overflow.

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
