// Parses and validates the data files (template, registry, names) against their JSON Schemas; problems become findings on that file.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { isNode, Node } from 'yaml';
import { Finding, Lang, makeFinding } from '../findings';
import { KnowledgeBase, NameRegister, PartyTerm, Registry, Template } from './types';
import { checkDataSemantics } from './semantics';
import { parseYaml, yamlTooDeep } from './yaml-guard';
import { MAX_DATA_CHARS, MAX_DATA_FINDINGS } from '../limits';
import { appendAll } from '../arrays';

export type DataKind = 'template' | 'registry' | 'names';

export const DATA_SYNTAX_RULE = 'data.syntax';
export const DATA_SCHEMA_RULE = 'data.schema';

export interface DataSchemas {
  template: object;
  registry: object;
  names: object;
}

export interface LoadedData<T> {
  data?: T;
  findings: Finding[];
}

const validators = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let v = validators.get(schema);
  if (!v) {
    // The schemas ship with the product and never come from the user: checking them against the
    // JSON Schema meta-schema on every start was a fifth of the time to load the data.
    // Loaded here, not at the top: the bundled data comes validated, so Ajv is needed only for a
    // user's own data file, and loading it was a sizeable part of the start-up.
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, validateSchema: false });
    v = ajv.compile(schema);
    validators.set(schema, v);
  }
  return v;
}

function describe(err: ErrorObject, lang: Lang): string {
  const where = err.instancePath || '/';
  const detail =
    err.keyword === 'additionalProperties'
      ? `${lang === 'vi' ? 'trường không được phép' : 'unknown key'} "${(err.params as { additionalProperty: string }).additionalProperty}"`
      : err.keyword === 'required'
        ? `${lang === 'vi' ? 'thiếu trường bắt buộc' : 'missing required key'} "${(err.params as { missingProperty: string }).missingProperty}"`
        : err.message ?? err.keyword;
  return lang === 'vi' ? `Tệp dữ liệu không hợp lệ tại ${where}: ${detail}` : `Invalid data file at ${where}: ${detail}`;
}

function dataFinding(ruleId: string, message: string, start = 0, end = 0): Finding {
  return makeFinding(ruleId, 'error', message, start, end);
}

/**
 * The path of the first place where a value contains itself (a YAML alias inside its own anchor,
 * which the parser turns into a cyclic object), or undefined. Walked without recursion.
 */
export function findCycle(value: unknown): Array<string | number> | undefined {
  const onPath = new Set<object>();
  const done = new Set<object>();
  type Frame = { node: object; keys: Array<string | number>; next: number; key: string | number | undefined };
  const stack: Frame[] = [];
  const push = (node: unknown, key: string | number | undefined): Array<string | number> | undefined => {
    if (!node || typeof node !== 'object' || done.has(node)) return undefined;
    if (onPath.has(node)) return [...stack.slice(1).map((f) => f.key!), key!];
    onPath.add(node);
    const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    stack.push({ node, keys, next: 0, key });
    return undefined;
  };
  push(value, undefined);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.keys.length) {
      stack.pop();
      onPath.delete(top.node);
      done.add(top.node);
      continue;
    }
    const key = top.keys[top.next++];
    const cycle = push((top.node as Record<string | number, unknown>)[key], key);
    if (cycle) return cycle;
  }
  return undefined;
}

/** At most MAX_DATA_FINDINGS findings, then one that says how many more there are. */
function capped(findings: Finding[], lang: Lang): Finding[] {
  if (findings.length <= MAX_DATA_FINDINGS) return findings;
  const rest = findings.length - MAX_DATA_FINDINGS;
  const next = findings[MAX_DATA_FINDINGS];
  const message = lang === 'vi' ? `Còn ${rest} lỗi khác trong tệp dữ liệu không được liệt kê.` : `${rest} more problems in the data file are not listed.`;
  return [...findings.slice(0, MAX_DATA_FINDINGS), makeFinding(next.ruleId, next.severity, message, next.start, next.end)];
}

/**
 * Parses a YAML or JSON data file and validates it. A file with errors yields findings on that
 * file and no data, so the caller keeps using what it had. Nothing in the file is evaluated: it is
 * parsed as data (aliases limited, cycles refused), then checked against its JSON Schema.
 */
export function loadDataText<T>(kind: DataKind, text: string, schemas: DataSchemas, lang: Lang = 'vi'): LoadedData<T> {
  if (text.trim() === '') {
    return { findings: [dataFinding(DATA_SYNTAX_RULE, lang === 'vi' ? 'Tệp dữ liệu trống.' : 'The data file is empty.')] };
  }
  if (text.length > MAX_DATA_CHARS) {
    return {
      findings: [
        dataFinding(
          DATA_SYNTAX_RULE,
          lang === 'vi'
            ? `Tệp dữ liệu dài ${text.length} ký tự, vượt giới hạn ${MAX_DATA_CHARS} ký tự nên không được đọc; hãy tách thành nhiều tệp.`
            : `The data file is ${text.length} characters long, over the limit of ${MAX_DATA_CHARS}, so it is not read; split it into several files.`,
        ),
      ],
    };
  }
  try {
    return validateText<T>(kind, text, schemas, lang);
  } catch (err) {
    // A defect of the checker on a strange file must not take the server or the command line down.
    return { findings: [dataFinding(DATA_SYNTAX_RULE, (err as Error)?.message ?? String(err))] };
  }
}

function validateText<T>(kind: DataKind, text: string, schemas: DataSchemas, lang: Lang): LoadedData<T> {
  const findings: Finding[] = [];
  const tooDeep = yamlTooDeep(text);
  if (tooDeep !== undefined) {
    const message = lang === 'vi' ? 'Cấu trúc YAML lồng nhau quá sâu nên tệp không đọc được.' : 'The YAML is nested too deeply to be read.';
    return { findings: [dataFinding(DATA_SYNTAX_RULE, message, tooDeep, tooDeep + 1)] };
  }
  const doc = parseYaml(text);
  let deep = false;
  for (const e of doc.errors) {
    const first = e.message.split('\n')[0];
    if (/maximum call stack/i.test(first)) {
      // Nesting too deep for the parser: said once, in words.
      if (deep) continue;
      deep = true;
      findings.push(
        dataFinding(
          DATA_SYNTAX_RULE,
          lang === 'vi' ? 'Cấu trúc YAML lồng nhau quá sâu nên tệp không đọc được.' : 'The YAML is nested too deeply to be read.',
          e.pos[0],
          Math.max(e.pos[1], e.pos[0] + 1),
        ),
      );
      continue;
    }
    findings.push(dataFinding(DATA_SYNTAX_RULE, `YAML: ${first}`, e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)));
  }
  if (findings.length > 0) return { findings: capped(findings, lang) };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const message = (err as Error).message;
    findings.push(
      dataFinding(
        DATA_SYNTAX_RULE,
        /alias/i.test(message)
          ? lang === 'vi'
            ? 'Tệp dùng bí danh YAML (*tên) quá nhiều lần, như kiểu tấn công "billion laughs"; tệp không được đọc.'
            : 'The file expands YAML aliases (*name) too many times, like a "billion laughs" attack; it is not read.'
          : message,
      ),
    );
    return { findings };
  }
  const cycle = findCycle(value);
  if (cycle) {
    const node = doc.getIn(cycle, true);
    const range = isNode(node) ? (node as Node).range : undefined;
    findings.push(
      dataFinding(
        DATA_SYNTAX_RULE,
        lang === 'vi'
          ? `Tệp tham chiếu đến chính nó tại /${cycle.join('/')}: một bí danh (*tên) nằm trong chính phần được đặt neo (&tên); tệp không được đọc.`
          : `The file refers to itself at /${cycle.join('/')}: an alias (*name) sits inside its own anchor (&name); it is not read.`,
        range ? range[0] : 0,
        range ? range[1] : 0,
      ),
    );
    return { findings };
  }
  const validate = validatorFor(schemas[kind]);
  if (!validate(value)) {
    for (const err of (validate.errors ?? []).slice(0, MAX_DATA_FINDINGS + 1)) {
      const path = err.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      const node = doc.getIn(path, true);
      const range = isNode(node) ? (node as Node).range : undefined;
      findings.push(makeFinding(DATA_SCHEMA_RULE, 'error', describe(err, lang), range ? range[0] : 0, range ? range[1] : 0));
    }
    return { findings: capped(findings, lang) };
  }
  // What the schema cannot say (patterns compile, section order, real dates): errors reject the file, warnings do not.
  appendAll(findings, checkDataSemantics(kind, value, text, lang));
  const shown = capped(findings, lang);
  if (findings.some((f) => f.severity === 'error')) return { findings: shown };
  return { data: value as T, findings: shown };
}

/**
 * Adds user registry entries to the bundled ones; an entry with the same symbol and date replaces
 * it. Party terms add up the same way: a user file may add a term (or correct one) by its name.
 */
export function mergeRegistries(base: Registry, extra: readonly Registry[]): Registry {
  const byKey = new Map<string, Registry['documents'][number]>();
  for (const doc of base.documents) byKey.set(`${doc.symbol}|${doc.date}`, doc);
  for (const r of extra) for (const doc of r.documents) byKey.set(`${doc.symbol}|${doc.date}`, doc);
  const all = [base, ...extra];
  const terms = new Map<string, PartyTerm>();
  for (const r of all) for (const t of r.partyTerms?.terms ?? []) terms.set(t.term, t);
  const issuers = [...new Set(all.flatMap((r) => r.partyTerms?.issuers ?? []))];
  const partyTerms = terms.size > 0 || issuers.length > 0 ? { partyTerms: { issuers, terms: [...terms.values()] } } : {};
  return { documents: [...byKey.values()], ...partyTerms };
}

export function mergeNames(base: NameRegister, extra: readonly NameRegister[]): NameRegister {
  const byId = new Map(base.changes.map((c) => [c.id, c]));
  for (const r of extra) for (const c of r.changes) byId.set(c.id, c);
  return { changes: [...byId.values()] };
}

export function knowledgeBase(template: Template, registry: Registry, names: NameRegister): KnowledgeBase {
  return { template, registry, names };
}
