// Chooses the parser by file name and caches one model per document version.

import { MAX_PLAN_CHARS, PLAN_HEAD_CHARS } from '../limits';
import { PlanModel } from '../model';
import { LineIndex } from '../text/line-index';
import { flatText, Text } from '../text/piece-text';
import { declaresPlan, findFrontMatter, frontMatterEnd, MarkdownParseMemory, parseMarkdownPlan } from './markdown';
import { emptyModel } from './structure';
import { parseYamlPlan } from './yaml-plan';

export type PlanSyntax = 'markdown' | 'yaml' | undefined;

export function syntaxOf(uri: string): PlanSyntax {
  const lower = uri.toLowerCase();
  if (/\.(md|markdown)$/.test(lower)) return 'markdown';
  if (/\.(ya?ml)$/.test(lower)) return 'yaml';
  return undefined;
}

/**
 * Parses a document as a plan; files of other kinds give a model with isPlan = false. `lines`, when
 * given, is the line index of `text`, known already (the language server's worker updates it by
 * each edit instead of searching the whole text again); `memory`, the memory of the document's
 * last parse, which a Markdown plan's parse reads and leaves for the next (see parse-memory.ts).
 * `text` may be in pieces (the worker's `PieceText`): a Markdown plan's parse after an edit then
 * reads the slices it needs, and the model's `text` is joined only when a reader asks for it.
 */
export function parsePlan(uri: string, text: Text, syntax: PlanSyntax = syntaxOf(uri), lines?: LineIndex, memory?: MarkdownParseMemory): PlanModel {
  if (text.length > MAX_PLAN_CHARS || syntax === 'yaml') memory?.reset();
  if (text.length > MAX_PLAN_CHARS) return oversizedModel(uri, text, syntax);
  if (syntax === 'yaml') return parseYamlPlan(uri, flatText(text), lines);
  return parseMarkdownPlan(uri, text, lines, memory);
}

/**
 * Whether a text can be a plan at all, without parsing it: a Markdown front matter or a YAML
 * document that names a template near its start. What it says no to is never a plan; what it says
 * yes to is parsed to know.
 */
export function mayBePlan(text: string, syntax: PlanSyntax): boolean {
  const head = text.slice(0, PLAN_HEAD_CHARS);
  return syntax === 'yaml' ? /^template[ \t]*:/m.test(head) : declaresPlan(head);
}

/**
 * The plan's metadata without its body, for what only needs the metadata (the index of a
 * folder's plans): a Markdown plan's front matter alone is parsed, so the cost does not grow with
 * the body. Offsets are those of the whole text. A YAML plan is one document and is parsed whole.
 */
export function parsePlanHead(uri: string, text: string, syntax: PlanSyntax = syntaxOf(uri), head?: string): PlanModel {
  if (syntax === 'yaml' || text.length > MAX_PLAN_CHARS) return parsePlan(uri, text, syntax);
  if (head !== undefined && head.length < text.length) {
    // `head`, the text's first characters read elsewhere, settles the front matter when it holds
    // its closing line and a character after it: an earlier closing line would lie in `head` too.
    // Then `text`, whose characters V8 would copy whole if it is made of concatenated strings, is not read.
    const fm = findFrontMatter(head);
    if (fm && !fm.unclosed && fm.end < head.length) return parseMarkdownPlan(uri, head.slice(0, fm.end));
  }
  const end = frontMatterEnd(text);
  return parseMarkdownPlan(uri, end === undefined ? text : text.slice(0, end));
}

/**
 * A document over the size limit is not parsed: only its head is read, to tell whether it is a
 * plan at all. A plan gets `tooLarge` (one plan.too-large finding); anything else stays a non-plan.
 */
function oversizedModel(uri: string, text: Text, syntax: PlanSyntax): PlanModel {
  const format = syntax === 'yaml' ? 'yaml' : 'markdown';
  const model = emptyModel(uri, text, format);
  const head = text.slice(0, PLAN_HEAD_CHARS);
  model.isPlan = format === 'yaml' ? /^template[ \t]*:/m.test(head) : declaresPlan(head);
  if (model.isPlan) model.tooLarge = { length: text.length, limit: MAX_PLAN_CHARS };
  return model;
}
