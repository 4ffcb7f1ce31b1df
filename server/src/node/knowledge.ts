// Loads the bundled template, registry and names from schemas/, plus the user's own files; the only file reading the core's data needs.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataKind, DataSchemas, loadDataText, mergeNames, mergeRegistries } from '../core/data/load';
import { checkTemplateLinks } from '../core/data/semantics';
import { KnowledgeBase, NameRegister, Registry, Template } from '../core/data/types';
import { Finding, Lang, makeFinding } from '../core/findings';
import { MAX_DATA_CHARS } from '../core/limits';
import { BUNDLED_FILES, readSnapshot } from './bundled-data';
import { byteCapFor, readText } from './text-file';
import { appendAll } from '../core/arrays';

export { BUNDLED_FILES };

/** Finds the folder that holds the bundled data, from the built or the bundled code's location. */
export function findSchemasDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'schemas');
    if (fs.existsSync(path.join(candidate, BUNDLED_FILES.template))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('Không tìm thấy thư mục schemas/ đi kèm / bundled schemas/ folder not found');
}

export function loadSchemas(schemasDir: string): DataSchemas {
  const read = (name: string): object => JSON.parse(fs.readFileSync(path.join(schemasDir, name), 'utf8')) as object;
  return {
    template: read('template.schema.json'),
    registry: read('registry.schema.json'),
    names: read('names.schema.json'),
  };
}

export interface FileFindings {
  file: string;
  findings: Finding[];
  text: string;
}

export interface LoadedKnowledge {
  kb: KnowledgeBase;
  /** Findings on data files (the bundled ones are expected to have none). */
  dataFindings: FileFindings[];
}

export interface KnowledgeOptions {
  schemasDir?: string;
  /** A user template that replaces the bundled one. */
  templateFile?: string;
  /** User registry files added to the bundled registry. */
  registryFiles?: readonly string[];
  /** User names files added to the bundled register. */
  namesFiles?: readonly string[];
  lang?: Lang;
  /**
   * Parse and validate the bundled YAML even when a current snapshot of it was built (what the
   * build of the snapshot and the test that it matches the YAML do).
   */
  fromSource?: boolean;
}

/**
 * Reads the bundled data (from its snapshot when one was built from the current YAML) and the
 * user's files; JSON Schemas are read and compiled only when a YAML file has to be validated. A user file that cannot be read or does not
 * validate yields findings on that file and is left out; the bundled data is used instead.
 */
export function loadKnowledge(options: KnowledgeOptions = {}): LoadedKnowledge {
  const dir = options.schemasDir ?? findSchemasDir();
  let schemas: DataSchemas | undefined;
  const snapshot = options.fromSource ? undefined : readSnapshot(dir);
  const lang = options.lang ?? 'vi';
  const dataFindings: FileFindings[] = [];

  const texts = new Map<string, string>();
  const load = <T>(kind: DataKind, file: string): T | undefined => {
    let text: string;
    try {
      // A file far over the size limit is read only far enough to be refused as too large.
      text = readText(file, { maxBytes: byteCapFor(MAX_DATA_CHARS) }).text;
    } catch (err) {
      dataFindings.push({
        file,
        text: '',
        findings: [
          makeFinding('data.syntax', 'error', lang === 'vi' ? `Không đọc được tệp: ${(err as Error).message}` : `Cannot read the file: ${(err as Error).message}`, 0, 0),
        ],
      });
      return undefined;
    }
    texts.set(file, text);
    schemas ??= loadSchemas(dir);
    const result = loadDataText<T>(kind, text, schemas, lang);
    if (result.findings.length) dataFindings.push({ file, text, findings: result.findings });
    return result.data;
  };

  const bundled = <T>(kind: DataKind): T => {
    if (snapshot) return snapshot[kind] as T;
    const data = load<T>(kind, path.join(dir, BUNDLED_FILES[kind]));
    if (!data) {
      const problems = dataFindings.map((f) => f.findings.map((x) => x.message).join('; ')).join('; ');
      throw new Error(`Dữ liệu đi kèm bị lỗi / bundled data is broken (${BUNDLED_FILES[kind]}): ${problems}`);
    }
    return data;
  };

  let template = bundled<Template>('template');
  let templateFile = path.join(dir, BUNDLED_FILES.template);
  if (options.templateFile) {
    const own = load<Template>('template', options.templateFile);
    if (own) {
      template = own;
      templateFile = options.templateFile;
    }
  }
  const registry = mergeRegistries(
    bundled<Registry>('registry'),
    (options.registryFiles ?? []).map((f) => load<Registry>('registry', f)).filter((r): r is Registry => !!r),
  );
  const names = mergeNames(
    bundled<NameRegister>('names'),
    (options.namesFiles ?? []).map((f) => load<NameRegister>('names', f)).filter((r): r is NameRegister => !!r),
  );
  // The template's dated facts may name changes of the register: said on the template file. The
  // bundled template's links were checked when its snapshot was built.
  if (snapshot && templateFile === path.join(dir, BUNDLED_FILES.template)) return { kb: { template, registry, names }, dataFindings };
  const links = checkTemplateLinks(template, names, texts.get(templateFile) ?? '', lang);
  if (links.length > 0) {
    const entry = dataFindings.find((f) => f.file === templateFile);
    if (entry) appendAll(entry.findings, links);
    else dataFindings.push({ file: templateFile, text: texts.get(templateFile) ?? '', findings: links });
  }
  return { kb: { template, registry, names }, dataFindings };
}
