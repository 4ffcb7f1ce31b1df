// Reads plan metadata (front matter of a Markdown plan, top level of a YAML plan) into the model, with spans.

import { isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap } from 'yaml';
import { Block, MetaField, ParentRef, ParseProblem, PlanMeta, SignerMeta } from '../model';
import { MappedText, Span } from '../text/mapped-text';
import type { Text } from '../text/piece-text';
import { YamlRead } from './plain-yaml';

export const META_STRING_KEYS = ['template', 'variant', 'kind', 'issuer', 'number', 'place', 'date', 'subject'] as const;
export type MetaStringKey = (typeof META_STRING_KEYS)[number];
export const META_STRING_KEY_SET: ReadonlySet<string> = new Set(META_STRING_KEYS);
export const META_KEYS = [...META_STRING_KEYS, 'implements', 'recipients', 'signer'] as const;
export const SIGNER_KEYS = ['authority', 'acting', 'title', 'name'] as const;

/** Metadata keys whose values are prose that text and citation rules read. */
const PROSE_KEYS = new Set(['issuer', 'subject', 'kind']);

export interface MetaReadResult {
  meta: PlanMeta;
  blocks: Block[];
  problems: ParseProblem[];
}

interface Ctx {
  source: Text;
  base: number;
  problems: ParseProblem[];
  blocks: Block[];
}

function nodeSpan(ctx: Ctx, node: Node | null | undefined, fallback: Span): Span {
  if (!node || !node.range) return fallback;
  return { start: ctx.base + node.range[0], end: ctx.base + node.range[1] };
}

function keySpanOf(ctx: Ctx, pair: Pair): Span {
  const key = pair.key as Node | null;
  return nodeSpan(ctx, key, { start: ctx.base, end: ctx.base });
}

function scalarToString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A string field; empty or null values give '' with a zero-length span after the key. */
function readString(ctx: Ctx, pair: Pair, key: string, prose: boolean): MetaField<string> | undefined {
  const keySpan = keySpanOf(ctx, pair);
  const valueNode = pair.value as Node | null;
  const emptySpan = { start: keySpan.end + 1, end: keySpan.end + 1 };
  if (valueNode === null || valueNode === undefined) return { value: '', span: emptySpan, keySpan };
  const value = scalarToString(valueNode);
  if (value === undefined) {
    ctx.problems.push({
      message: { vi: `"${key}" phải là một chuỗi văn bản`, en: `"${key}" must be a text value` },
      span: nodeSpan(ctx, valueNode, keySpan),
    });
    return undefined;
  }
  const span = nodeSpan(ctx, valueNode, emptySpan);
  if (prose && value.trim() !== '') {
    const text = MappedText.aligned(value, ctx.source, span.start, span.end);
    ctx.blocks.push({ kind: 'meta', text, span, region: 'front', metaKey: key });
  }
  return { value, span: value === '' ? { start: span.start, end: span.start } : span, keySpan };
}

function readParents(ctx: Ctx, pair: Pair): MetaField<ParentRef[]> | undefined {
  const keySpan = keySpanOf(ctx, pair);
  const node = pair.value as Node | null;
  const span = nodeSpan(ctx, node, { start: keySpan.end, end: keySpan.end });
  if (!node) return { value: [], span, keySpan };
  if (!isSeq(node)) {
    const single = scalarToString(node);
    if (single !== undefined && single.trim() !== '') {
      // "43-NQ/TW, 21-KH/TW" without brackets is a list the drafter meant, not one symbol.
      const parts = single.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
      return { value: parts.map((symbol) => ({ symbol, span })), span, keySpan };
    }
    ctx.problems.push({ message: { vi: '"implements" phải là một danh sách', en: '"implements" must be a list' }, span });
    return undefined;
  }
  const parents: ParentRef[] = [];
  for (const item of node.items as Node[]) {
    const itemSpan = nodeSpan(ctx, item, span);
    const asString = scalarToString(item);
    if (asString !== undefined) {
      if (asString.trim()) parents.push({ symbol: asString.trim(), span: itemSpan });
      continue;
    }
    if (isMap(item)) {
      const symbol = scalarToString(item.get('symbol', true));
      const date = scalarToString(item.get('date', true));
      if (symbol) {
        parents.push({ symbol: symbol.trim(), ...(date ? { date: date.trim() } : {}), span: itemSpan });
        continue;
      }
    }
    ctx.problems.push({
      message: { vi: 'Mỗi văn bản cấp trên là một ký hiệu, ví dụ "43-NQ/TW"', en: 'Each parent is a symbol such as "43-NQ/TW"' },
      span: itemSpan,
    });
  }
  return { value: parents, span, keySpan };
}

function readRecipients(ctx: Ctx, pair: Pair): MetaField<MetaField<string>[]> | undefined {
  const keySpan = keySpanOf(ctx, pair);
  const node = pair.value as Node | null;
  const span = nodeSpan(ctx, node, { start: keySpan.end, end: keySpan.end });
  if (!node) return { value: [], span, keySpan };
  if (!isSeq(node)) {
    ctx.problems.push({ message: { vi: '"recipients" phải là một danh sách', en: '"recipients" must be a list' }, span });
    return undefined;
  }
  const items: MetaField<string>[] = [];
  for (const item of node.items as Node[]) {
    const itemSpan = nodeSpan(ctx, item, span);
    const value = scalarToString(item);
    if (value === undefined) {
      ctx.problems.push({ message: { vi: 'Mỗi nơi nhận là một dòng văn bản', en: 'Each recipient is one line of text' }, span: itemSpan });
      continue;
    }
    items.push({ value, span: itemSpan, keySpan: itemSpan });
    if (value.trim()) {
      ctx.blocks.push({
        kind: 'meta',
        text: MappedText.aligned(value, ctx.source, itemSpan.start, itemSpan.end),
        span: itemSpan,
        region: 'front',
        metaKey: 'recipients',
      });
    }
  }
  return { value: items, span, keySpan };
}

function readSigner(ctx: Ctx, pair: Pair): SignerMeta | undefined {
  const keySpan = keySpanOf(ctx, pair);
  const node = pair.value as Node | null;
  const span = nodeSpan(ctx, node, { start: keySpan.end, end: keySpan.end });
  if (!node) return { span, keySpan };
  if (!isMap(node)) {
    ctx.problems.push({
      message: { vi: '"signer" gồm authority, acting, title, name', en: '"signer" has authority, acting, title, name' },
      span,
    });
    return undefined;
  }
  const signer: SignerMeta = { span, keySpan };
  for (const p of (node as YAMLMap).items as Pair[]) {
    const k = scalarToString(p.key);
    if (k && (SIGNER_KEYS as readonly string[]).includes(k)) {
      const f = readString(ctx, p, `signer.${k}`, true);
      if (f) signer[k as (typeof SIGNER_KEYS)[number]] = f;
    } else {
      ctx.problems.push({
        message: { vi: `Trường không được hỗ trợ trong "signer": "${k}"`, en: `Unknown key in "signer": "${k}"` },
        span: keySpanOf(ctx, p),
      });
    }
  }
  return signer;
}

/**
 * Reads the metadata keys of a YAML mapping. `base` is the offset of the YAML text inside the
 * whole document. Keys that are not metadata are left to the caller (`extraKeys`).
 */
export function readMeta(doc: YamlRead, source: Text, base: number, extraKeys: ReadonlySet<string>): MetaReadResult {
  const ctx: Ctx = { source, base, problems: [], blocks: [] };
  const meta: PlanMeta = {};
  const root = doc.contents;
  if (!root) return { meta, blocks: ctx.blocks, problems: ctx.problems };
  if (!isMap(root)) {
    ctx.problems.push({
      message: { vi: 'Phần thông tin đầu văn bản phải là các dòng "tên trường: giá trị"', en: 'The metadata must be "key: value" pairs' },
      span: nodeSpan(ctx, root as Node, { start: base, end: base }),
    });
    return { meta, blocks: ctx.blocks, problems: ctx.problems };
  }
  for (const pair of root.items as Pair[]) {
    const key = scalarToString(pair.key);
    if (key === undefined) continue;
    if ((META_STRING_KEYS as readonly string[]).includes(key)) {
      const f = readString(ctx, pair, key, PROSE_KEYS.has(key));
      if (f) meta[key as MetaStringKey] = f;
    } else if (key === 'implements') {
      const f = readParents(ctx, pair);
      if (f) meta.implements = f;
    } else if (key === 'recipients') {
      const f = readRecipients(ctx, pair);
      if (f) meta.recipients = f;
    } else if (key === 'signer') {
      const f = readSigner(ctx, pair);
      if (f) meta.signer = f;
    } else if (!extraKeys.has(key)) {
      ctx.problems.push({
        message: { vi: `Trường không được hỗ trợ: "${key}"`, en: `Unknown key: "${key}"` },
        span: keySpanOf(ctx, pair),
      });
    }
  }
  return { meta, blocks: ctx.blocks, problems: ctx.problems };
}

/** YAML refused before parsing because it is nested too deep (data/yaml-guard.ts), at `offset`. */
export function tooDeepProblem(offset: number): ParseProblem {
  return {
    message: {
      vi: 'Cấu trúc YAML lồng nhau quá sâu nên phần này không đọc được; hãy viết phẳng hơn',
      en: 'The YAML is nested too deeply to be read here; flatten it',
    },
    span: { start: offset, end: offset + 1 },
  };
}

/** At most this many YAML errors are reported; a file of garbage would otherwise give thousands. */
const MAX_YAML_PROBLEMS = 50;

/**
 * Converts the YAML parser's own errors and warnings into parse problems. Nesting too deep for the
 * parser's stack is said once, in words, rather than as the engine's "Maximum call stack" text.
 */
export function yamlProblems(doc: YamlRead, base: number): ParseProblem[] {
  const out: ParseProblem[] = [];
  let deep = false;
  const all = [...doc.errors, ...doc.warnings];
  for (const e of all) {
    const span = { start: base + e.pos[0], end: base + Math.max(e.pos[1], e.pos[0] + 1) };
    const first = e.message.split('\n')[0];
    if (/maximum call stack/i.test(first)) {
      if (deep) continue;
      deep = true;
      out.push({
        message: {
          vi: 'Cấu trúc YAML lồng nhau quá sâu nên phần này không đọc được; hãy viết phẳng hơn',
          en: 'The YAML is nested too deeply to be read here; flatten it',
        },
        span,
      });
      continue;
    }
    if (out.length === MAX_YAML_PROBLEMS) {
      out.push({
        message: {
          vi: `Còn ${all.length - MAX_YAML_PROBLEMS} lỗi cú pháp YAML khác không được liệt kê`,
          en: `${all.length - MAX_YAML_PROBLEMS} more YAML syntax errors are not listed`,
        },
        span,
      });
      break;
    }
    out.push({ message: { vi: `Lỗi cú pháp YAML: ${first}`, en: `YAML syntax error: ${first}` }, span });
  }
  return out;
}
