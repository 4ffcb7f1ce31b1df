// The knowledge base the server checks with: bundled data plus the user's template, registry and names files, reloaded when they change.

import { DataKind, DataSchemas, LoadedData, loadDataText, mergeNames, mergeRegistries } from '../core/data/load';
import { checkTemplateLinks } from '../core/data/semantics';
import { KnowledgeBase, NameRegister, Registry, Template } from '../core/data/types';
import { Finding, Lang, makeFinding } from '../core/findings';
import { MAX_DATA_CHARS } from '../core/limits';
import { byteCapFor, readText } from '../node/text-file';
import { loadKnowledge, loadSchemas } from '../node/knowledge';
import { pathKey } from './uris';

export interface DataConfig {
  templateFile?: string;
  registryFiles: readonly string[];
  namesFiles: readonly string[];
  lang: Lang;
}

/** A user data file as last read: its findings, and the last content that validated. */
export interface DataFileState {
  path: string;
  kind: DataKind;
  /** The text the findings refer to; undefined when the file could not be read. */
  text?: string;
  findings: Finding[];
  /** The last data that validated: a broken edit keeps it in use. */
  lastGood?: unknown;
}

interface Entry extends DataFileState {
  lang: Lang;
  /** The file's own findings; `findings` adds those about its links to other files (a template's change ids). */
  own: Finding[];
  /** True when the text came from an open editor rather than the disk. */
  fromEditor: boolean;
}

/** Which files settings may make the server read, and how a refusal is told to the drafter. */
export interface DataFileAccess {
  /** False for a path the server must not read (outside the workspace folders and the extension). */
  allowed?: (file: string) => boolean;
  /** Shows a refusal to the drafter (once per path); the log when absent. */
  warn?: (message: string) => void;
}

export class DataFiles {
  /** The JSON Schemas, read when a user's data file is first validated (the bundled data comes validated). */
  private schemas: DataSchemas | undefined;
  private readonly bundled: KnowledgeBase;
  private readonly files = new Map<string, Entry>();
  private readonly memo = new Map<string, KnowledgeBase>();
  /** Files the cached knowledge bases were built from: the data files in use. */
  private readonly used = new Set<string>();
  /** Bumped whenever a data file changes; part of every diagnostic result id. */
  generation = 0;

  /** Paths already refused, so that the drafter is told once per path. */
  private readonly refused = new Set<string>();

  constructor(
    private readonly schemasDir: string,
    /** The text of a file open in the editor, which wins over the disk. */
    private readonly openText: (file: string) => string | undefined,
    private readonly log: (message: string) => void,
    private readonly access: DataFileAccess = {},
  ) {
    this.bundled = loadKnowledge({ schemasDir }).kb;
  }

  get bundledKnowledge(): KnowledgeBase {
    return this.bundled;
  }

  /** The knowledge base for these settings; cached until one of its files changes. */
  knowledgeFor(config: DataConfig): KnowledgeBase {
    const key = JSON.stringify([config.templateFile ?? '', config.registryFiles, config.namesFiles, config.lang]);
    const cached = this.memo.get(key);
    if (cached) return cached;
    let template = this.bundled.template;
    if (config.templateFile) template = (this.load('template', config.templateFile, config.lang) as Template | undefined) ?? template;
    const registries = config.registryFiles.map((f) => this.load('registry', f, config.lang) as Registry | undefined).filter((r): r is Registry => !!r);
    const names = config.namesFiles.map((f) => this.load('names', f, config.lang) as NameRegister | undefined).filter((r): r is NameRegister => !!r);
    const kb: KnowledgeBase =
      !config.templateFile && registries.length === 0 && names.length === 0
        ? this.bundled
        : { template, registry: mergeRegistries(this.bundled.registry, registries), names: mergeNames(this.bundled.names, names) };
    if (config.templateFile && template !== this.bundled.template) {
      // A user template's dated facts may name changes of the register in use: said on the template.
      const entry = this.files.get(pathKey(config.templateFile));
      if (entry?.text !== undefined) entry.findings = [...entry.own, ...checkTemplateLinks(template, kb.names, entry.text, config.lang)];
    }
    this.memo.set(key, kb);
    return kb;
  }

  /** The state of a user data file the server has read, by path. */
  state(file: string): DataFileState | undefined {
    return this.files.get(pathKey(file));
  }

  /** Every user data file in use. */
  states(): DataFileState[] {
    return [...this.files.values()].filter((e) => this.used.has(pathKey(e.path)));
  }

  isDataFile(file: string): boolean {
    return this.used.has(pathKey(file));
  }

  /**
   * Marks a file as changed (on disk or in the editor). Returns true when it is a data file in
   * use, so that the caller re-validates the plans.
   */
  invalidate(file: string, options: { closedInEditor?: boolean } = {}): boolean {
    const entry = this.used.has(pathKey(file)) ? this.files.get(pathKey(file)) : undefined;
    if (!entry) return false;
    if (options.closedInEditor && !entry.fromEditor) return false;
    const text = this.readText(entry.path);
    if (text.text === entry.text && text.fromEditor === entry.fromEditor) return false;
    this.reload(entry, text);
    this.memo.clear();
    this.generation++;
    return true;
  }

  /**
   * Forgets every cached knowledge base (settings changed: files may be added or dropped). The
   * files are read again when next used; their last good data is kept.
   */
  reset(): void {
    this.memo.clear();
    this.used.clear();
    this.generation++;
  }

  private load(kind: DataKind, file: string, lang: Lang): unknown {
    if (this.access.allowed && !this.access.allowed(file)) {
      // Settings may name any path; only files inside the workspace folders (or the extension) are read.
      if (!this.refused.has(pathKey(file))) {
        this.refused.add(pathKey(file));
        (this.access.warn ?? this.log)(
          lang === 'vi'
            ? `Plan43: không đọc tệp dữ liệu ${file}: tệp nằm ngoài các thư mục của không gian làm việc. Hãy chép tệp vào thư mục dự án và trỏ cài đặt tới bản chép đó; trong lúc này dùng dữ liệu đi kèm.`
            : `Plan43: not reading the data file ${file}: it is outside the workspace folders. Copy it into the project and point the setting at the copy; the bundled data is used meanwhile.`,
        );
      }
      return undefined;
    }
    const key = pathKey(file);
    this.used.add(key);
    const read = this.readText(file);
    let entry = this.files.get(key);
    if (!entry || entry.kind !== kind || entry.lang !== lang) {
      entry = { path: file, kind, lang, findings: [], own: [], fromEditor: false, ...(entry && entry.kind === kind ? { lastGood: entry.lastGood } : {}) };
      this.files.set(key, entry);
      this.reload(entry, read);
    } else if (read.text !== entry.text || read.fromEditor !== entry.fromEditor) {
      // Changed while it was not in use (no event reached the server for it).
      this.reload(entry, read);
    }
    return entry.lastGood;
  }

  private readText(file: string): { text?: string; error?: string; fromEditor: boolean } {
    const open = this.openText(file);
    if (open !== undefined) return { text: open, fromEditor: true };
    try {
      return { text: readText(file, { maxBytes: byteCapFor(MAX_DATA_CHARS) }).text, fromEditor: false };
    } catch (err) {
      return { error: (err as Error).message, fromEditor: false };
    }
  }

  private reload(entry: Entry, read: { text?: string; error?: string; fromEditor: boolean }): void {
    entry.fromEditor = read.fromEditor;
    if (read.text === undefined) {
      // A file that cannot be read has no place to show a diagnostic: say it in the log.
      // A deleted file no longer contributes data.
      delete entry.text;
      delete entry.lastGood;
      entry.findings = [];
      entry.own = [];
      this.log(`plan43: ${entry.lang === 'vi' ? 'không đọc được tệp dữ liệu' : 'cannot read data file'} ${entry.path}: ${read.error ?? ''}`);
      return;
    }
    entry.text = read.text;
    let result: LoadedData<unknown>;
    try {
      this.schemas ??= loadSchemas(this.schemasDir);
      result = loadDataText<unknown>(entry.kind, read.text, this.schemas, entry.lang);
    } catch (err) {
      result = { findings: [makeFinding('data.syntax', 'error', (err as Error).message, 0, 0)] };
    }
    entry.own = result.findings;
    entry.findings = result.findings;
    if (result.data !== undefined) entry.lastGood = result.data;
  }
}
