// Metadata values as mapped text, and source edits that only touch text written verbatim (or re-quote a value when that is safer).

import { TextEdit } from '../findings';
import { Block, MetaField, PlanModel } from '../model';
import { MappedText, Span } from '../text/mapped-text';

/** The value of a metadata field with a map to where its characters are written. */
export function metaText(plan: PlanModel, field: MetaField<string>): MappedText {
  if (field.value === '') return MappedText.slice('', field.span.start);
  return MappedText.aligned(field.value, plan.source, field.span.start, Math.max(field.span.start, field.span.end));
}

/** Where to report on a metadata field: its value, or its key when the value is empty. */
export function fieldSpan(field: MetaField<unknown>): Span {
  const empty = typeof field.value === 'string' ? field.value.trim() === '' : Array.isArray(field.value) && field.value.length === 0;
  return empty ? field.keySpan : field.span;
}

/**
 * The source edit that replaces text[start, end) of `mapped` with `newText` (an insertion when
 * start === end), or undefined when those characters are not written verbatim in the source
 * (YAML escapes, folded lines, or an HTML comment masked out of a Markdown paragraph).
 */
export function verbatimEdit(plan: PlanModel, mapped: MappedText, start: number, end: number, newText: string): TextEdit | undefined {
  const text = mapped.text;
  if (end > start) {
    if (!mapped.isVerbatim(start, end)) return undefined;
    const span = mapped.spanOf(start, end);
    if (plan.source.slice(span.start, span.end) !== text.slice(start, end)) return undefined;
    return { start: span.start, end: span.end, newText };
  }
  if (start > 0) {
    const span = mapped.spanOf(start - 1, start);
    if (plan.source.slice(span.start, span.end) !== text[start - 1]) return undefined;
    return { start: span.end, end: span.end, newText };
  }
  if (text.length > 0) {
    const span = mapped.spanOf(0, 1);
    if (charAt(plan, span.start) !== text[0]) return undefined;
    return { start: span.start, end: span.start, newText };
  }
  return undefined;
}

// A plain YAML scalar must not start with an indicator, contain ": " or " #", end with ":", or
// read as a number, boolean or null; anything else is written in double quotes.
function plainSafe(value: string, inFlow: boolean): boolean {
  if (value === '' || value !== value.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/u.test(value)) return false;
  if (/:\s|:$|\s#/u.test(value)) return false;
  if (inFlow && /[,[\]{}]/u.test(value)) return false;
  if (/^(?:true|false|null|yes|no|on|off|~|[-+]?\d[\d_.]*(?:e[-+]?\d+)?)$/iu.test(value)) return false;
  return true;
}

type ScalarStyle = 'plain' | 'double' | 'single' | 'block';

/** The character at `i` of the plan's text ('' outside it), read from its source: the text may be in pieces. */
function charAt(plan: PlanModel, i: number): string {
  return i < 0 ? '' : plan.source.slice(i, i + 1);
}

function scalarStyle(plan: PlanModel, field: MetaField<string>): ScalarStyle {
  const c = charAt(plan, field.span.start);
  if (field.span.end <= field.span.start) return 'plain';
  if (c === '"') return 'double';
  if (c === "'") return 'single';
  if (c === '|' || c === '>') return 'block';
  return 'plain';
}

function inFlowCollection(plan: PlanModel, field: MetaField<string>): boolean {
  let i = field.span.start - 1;
  while (i >= 0 && (charAt(plan, i) === ' ' || charAt(plan, i) === '\t')) i--;
  return charAt(plan, i) === '[' || charAt(plan, i) === ',';
}

/**
 * The edit that turns a metadata value into `newValue`: only the characters that differ when they
 * are written verbatim and the result stays a valid scalar of the same style; otherwise the whole
 * value rewritten in double quotes. Undefined for block scalars and empty values.
 */
export function metaValueEdit(plan: PlanModel, field: MetaField<string>, newValue: string): TextEdit | undefined {
  const old = field.value;
  if (old === newValue || old === '') return undefined;
  const style = scalarStyle(plan, field);
  if (style === 'block') return undefined;
  let p = 0;
  while (p < old.length && p < newValue.length && old[p] === newValue[p]) p++;
  let s = 0;
  while (s < old.length - p && s < newValue.length - p && old[old.length - 1 - s] === newValue[newValue.length - 1 - s]) s++;
  const inserted = newValue.slice(p, newValue.length - s);
  const styleKeeps =
    style === 'plain'
      ? plainSafe(newValue, inFlowCollection(plan, field))
      : style === 'double'
        ? !/["\\]/u.test(inserted)
        : !inserted.includes("'");
  if (styleKeeps) {
    const edit = verbatimEdit(plan, metaText(plan, field), p, old.length - s, inserted);
    if (edit) return edit;
  }
  if (field.span.end <= field.span.start) return undefined;
  const encoded = plainSafe(newValue, inFlowCollection(plan, field)) ? newValue : JSON.stringify(newValue);
  return { start: field.span.start, end: field.span.end, newText: encoded };
}

/** Every piece of prose the text rules read: the plan's blocks, plus the signer's lines and the place. */
export function proseBlocks(plan: PlanModel): Block[] {
  const extra: Array<[string, MetaField<string> | undefined]> = [
    ['place', plan.meta.place],
    ['signer.authority', plan.meta.signer?.authority],
    ['signer.acting', plan.meta.signer?.acting],
    ['signer.title', plan.meta.signer?.title],
    ['signer.name', plan.meta.signer?.name],
  ];
  const lines: Block[] = [];
  for (const [key, field] of extra) {
    if (!field || field.value.trim() === '' || scalarStyle(plan, field) === 'block') continue;
    const text = metaText(plan, field);
    lines.push({ kind: 'meta', text, span: field.span, region: 'front', metaKey: key });
  }
  return mergedByStart(plan.blocks, lines.sort(byStart));
}

function byStart(a: Block, b: Block): number {
  return a.span.start - b.span.start;
}

/**
 * The plan's blocks and the few metadata lines (each list by its start), in order of their
 * starts, a block before a line that starts where it does: what a stable sort of the two lists
 * one after the other gives, without sorting the plan's some 10,000 blocks again at every
 * keystroke (they are in order already; were they ever not, they are sorted).
 */
export function mergedByStart(blocks: readonly Block[], lines: readonly Block[]): Block[] {
  const out = new Array<Block>(blocks.length + lines.length);
  let l = 0;
  let at = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (b > 0 && block.span.start < blocks[b - 1].span.start) return [...blocks, ...lines].sort(byStart);
    while (l < lines.length && lines[l].span.start < block.span.start) out[at++] = lines[l++];
    out[at++] = block;
  }
  while (l < lines.length) out[at++] = lines[l++];
  return out;
}
