// Parses and validates the data files (template, registry, names) against their JSON Schemas; problems become findings on that file.

import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { isNode, Node, parseDocument } from 'yaml';
import { Finding, Lang } from '../findings';
import { KnowledgeBase, NameRegister, Registry, Template } from './types';
import { checkDataSemantics } from './semantics';

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
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    v = ajv.compile(schema);
    validators.set(schema, v);
  }
  return v;
}

function describe(err: ErrorObject, lang: Lang): string {
  const where = err.instancePath || '/';
  const detail =
    err.keyword === 'additionalProperties'
      ? `${lang === 'vi' ? 'khóa không được phép' : 'unknown key'} "${(err.params as { additionalProperty: string }).additionalProperty}"`
      : err.keyword === 'required'
        ? `${lang === 'vi' ? 'thiếu khóa bắt buộc' : 'missing required key'} "${(err.params as { missingProperty: string }).missingProperty}"`
        : err.message ?? err.keyword;
  return lang === 'vi' ? `Tệp dữ liệu không hợp lệ tại ${where}: ${detail}` : `Invalid data file at ${where}: ${detail}`;
}

/**
 * Parses a YAML or JSON data file and validates it. A file with errors yields findings on that
 * file and no data, so the caller keeps using what it had.
 */
export function loadDataText<T>(kind: DataKind, text: string, schemas: DataSchemas, lang: Lang = 'vi'): LoadedData<T> {
  const findings: Finding[] = [];
  if (text.trim() === '') {
    findings.push({
      ruleId: DATA_SYNTAX_RULE,
      severity: 'error',
      message: lang === 'vi' ? 'Tệp dữ liệu trống.' : 'The data file is empty.',
      start: 0,
      end: 0,
    });
    return { findings };
  }
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) {
    findings.push({
      ruleId: DATA_SYNTAX_RULE,
      severity: 'error',
      message: `YAML: ${e.message.split('\n')[0]}`,
      start: e.pos[0],
      end: Math.max(e.pos[1], e.pos[0] + 1),
    });
  }
  if (findings.length > 0) return { findings };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    findings.push({ ruleId: DATA_SYNTAX_RULE, severity: 'error', message: (err as Error).message, start: 0, end: 0 });
    return { findings };
  }
  const validate = validatorFor(schemas[kind]);
  if (!validate(value)) {
    for (const err of validate.errors ?? []) {
      const path = err.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      const node = doc.getIn(path, true);
      const range = isNode(node) ? (node as Node).range : undefined;
      findings.push({
        ruleId: DATA_SCHEMA_RULE,
        severity: 'error',
        message: describe(err, lang),
        start: range ? range[0] : 0,
        end: range ? range[1] : 0,
      });
    }
    return { findings };
  }
  // What the schema cannot say (patterns compile, section order, real dates): errors reject the file, warnings do not.
  findings.push(...checkDataSemantics(kind, value, text, lang));
  if (findings.some((f) => f.severity === 'error')) return { findings };
  return { data: value as T, findings };
}

/** Adds user registry entries to the bundled ones; an entry with the same symbol and date replaces it. */
export function mergeRegistries(base: Registry, extra: readonly Registry[]): Registry {
  const byKey = new Map<string, Registry['documents'][number]>();
  for (const doc of base.documents) byKey.set(`${doc.symbol}|${doc.date}`, doc);
  for (const r of extra) for (const doc of r.documents) byKey.set(`${doc.symbol}|${doc.date}`, doc);
  return { documents: [...byKey.values()] };
}

export function mergeNames(base: NameRegister, extra: readonly NameRegister[]): NameRegister {
  const byId = new Map(base.changes.map((c) => [c.id, c]));
  for (const r of extra) for (const c of r.changes) byId.set(c.id, c);
  return { changes: [...byId.values()] };
}

export function knowledgeBase(template: Template, registry: Registry, names: NameRegister): KnowledgeBase {
  return { template, registry, names };
}
