// The plans of the workspace folders, kept up to date as files open, change, close and are created or deleted: the registry entries the checks see and the Plans view's list.

import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { symbolKey } from '../core/citations/symbol';
import { mayBePlan, parsePlanHead, PlanSyntax } from '../core/document/parse';
import { KnowledgeBase, RegistryEntry } from '../core/data/types';
import { PlanModel } from '../core/model';
import { sliceOf } from './piece-document';
import { citedSymbols, CitedSymbolsMemory, IndexedPlan, indexPlan, planHead } from '../core/workspace/index-entry';
import { planEntry } from '../core/workspace/entry';
import { ParseMemory } from '../core/document/parse-memory';
import { TextEdit } from '../core/findings';
import { PlanSummary } from '../core/workspace/summary';
import { walkedPath } from '../node/files';
import { candidateFiles, fileStamp, readTextFile } from '../node/workspace';
import { shortHash, syntaxFor } from './documents';
import { pathKey, pathToUri, uriKey, uriToPath } from './uris';

/** What the last submission check said about a plan, for the Plans view. */
export interface PlanStatus {
  blocking: number;
  advisory: number;
  parents: PlanSummary['parents'];
}

interface Tracked {
  uri: string;
  file?: string;
  /** What the index was made from: a file's stamp on disk, or an open document's version. */
  source: string;
  indexed?: IndexedPlan;
  status?: { source: string; value: PlanStatus };
}

/** What the index needs from the server. */
export interface WorkspacePlansHost {
  /** The workspace folders, as paths. */
  folders(): string[];
  /** The open document with this URI, if any. */
  openDocument(uri: string): TextDocument | undefined;
  /** The parsed model of an open document's current version (the server parses each version once). */
  planOf(doc: TextDocument): PlanModel;
  /**
   * The edits that made version `to` of an open document from version `from` (undefined when not
   * all known): the symbols it cites are then read again only where they changed.
   */
  editsSince?(uri: string, from: number, to: number): readonly TextEdit[] | undefined;
  /** The bundled knowledge, for the title keys of the documents a plan's subject cites. */
  knowledge(): KnowledgeBase;
  log(message: string): void;
  /**
   * The index changed: `symbols` are the symbol keys whose entries changed (the plans citing them
   * must be checked again), `list` whether the Plans view's list changed.
   */
  changed(symbols: ReadonlySet<string>, list: boolean): void;
}

/** Files read between two pauses of the first scan, so that the server keeps answering. */
const SCAN_BATCH = 25;

const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * The metadata and registry entry made from an open document's model of its front matter: while
 * typing in the body the server's model of the front matter is the same object at every version
 * (PlanDocuments.head), and what it gives is then the same. Held by the model, so nothing is kept
 * for a model the server let go.
 */
const madeFromHead = new WeakMap<PlanModel, { uri: string; label: string; kb: KnowledgeBase; head: IndexedPlan['head']; entry: RegistryEntry | undefined }>();

/** An open document's version indexed without its cited symbols yet (see WorkspacePlans.settle). */
interface Unsettled {
  indexed: IndexedPlan;
  doc: TextDocument;
  version: number;
  text: string;
  memory: CitedSymbolsMemory | undefined;
}

function entryKey(e: RegistryEntry | undefined): string {
  return e ? JSON.stringify([e.symbol, e.date, e.issuer, e.issuerAliases, e.type, e.title, e.titleAnyOf, e.origin]) : '';
}

export class WorkspacePlans {
  private readonly plans = new Map<string, Tracked>();
  private entriesMemo: readonly RegistryEntry[] | undefined;
  private bySymbol: Map<string, RegistryEntry[]> | undefined;
  private readonly keys = new Map<string, string>();
  /** Open documents' cited symbols, by URI and version. */
  private readonly openCites = new Map<string, { version: number; cites: string[] }>();
  /**
   * Per open document, from its first edit: what the last reading of its cited symbols found per
   * piece, and the version it has been told the edits up to (see citedSymbols).
   */
  private readonly symbolMemories = new Map<string, { version: number; memory?: CitedSymbolsMemory }>();
  /** The open document whose cited symbols are still to be read (documentChanged with `later`). */
  private unsettled: Unsettled | undefined;
  private scanRun: Promise<void> | undefined;
  private scanGeneration = 0;
  /** Bumped whenever an entry changes. */
  generation = 0;

  constructor(private readonly host: WorkspacePlansHost) {}

  /** True while the first reading of the folders is under way. */
  get scanning(): boolean {
    return this.scanRun !== undefined;
  }

  /** Reads every plan file of the folders again (at start and when folders change); resolves when done. */
  scan(): Promise<void> {
    const run = ++this.scanGeneration;
    const job = (async (): Promise<void> => {
      // Let the initialize handshake and the first requests through before reading files.
      await pause();
      const { files } = candidateFiles(this.host.folders());
      const seen = new Set<string>();
      const changed = new Set<string>();
      let list = false;
      for (let i = 0; i < files.length; i++) {
        if (run !== this.scanGeneration) return;
        if (i > 0 && i % SCAN_BATCH === 0) await pause();
        const file = files[i];
        const uri = pathToUri(file);
        seen.add(uriKey(uri));
        if (this.host.openDocument(uri)) continue;
        const r = this.readFile(file, uri);
        for (const s of r.symbols) changed.add(s);
        list ||= r.list;
      }
      // Plans of folders no longer open, or files deleted while the server was not told. A file
      // missing from the listing may also have been created after it was made (the watcher told
      // `fileChanged` during the scan): it is kept while it is still there, in the folders.
      for (const [key, t] of this.plans) {
        if (seen.has(key) || this.host.openDocument(t.uri)) continue;
        if (t.file !== undefined && this.inFolders(t.file) && fileStamp(t.file) !== undefined) continue;
        const r = this.remove(key);
        for (const s of r) changed.add(s);
        list = true;
      }
      if (run === this.scanGeneration) this.notify(changed, list || this.plans.size > 0);
    })()
      .catch((err) => this.host.log(`plan43: reading the workspace plans failed: ${(err as Error)?.stack ?? String(err)}`))
      .finally(() => {
        if (this.scanRun === job) this.scanRun = undefined;
      });
    this.scanRun = job;
    return job;
  }

  /** Waits for the first reading of the folders, if it is under way. */
  async ready(): Promise<void> {
    while (this.scanRun) await this.scanRun;
  }

  /** A file changed, was created or deleted on disk (not open in the editor: the editor's text wins). */
  fileChanged(uri: string): void {
    const file = uriToPath(uri);
    if (!file || !syntaxFor(file) || this.host.openDocument(uri)) return;
    if (!this.inFolders(file)) return;
    const r = fileStamp(file) === undefined ? { symbols: this.remove(uriKey(uri)), list: this.plans.has(uriKey(uri)) } : this.readFile(file, uri);
    this.notify(new Set(r.symbols), r.list);
  }

  /**
   * An open document's current version: indexed from the editor's text. With `later`, the symbols
   * it cites are read by `settle`, which the caller runs before anything else can change the
   * document (in the same turn of the event loop: the memory of its symbols reads the document's
   * current pieces): its registry entry, which the knowledge of its check holds, is made now, while
   * what only the index's references and its result id's key need waits until its check is posted.
   */
  documentChanged(doc: TextDocument, later = false): void {
    this.settle();
    const key = uriKey(doc.uri);
    const source = `v${doc.version}`;
    const tracked = this.plans.get(key);
    if (tracked && tracked.source === source && tracked.uri === doc.uri) return;
    const file = uriToPath(doc.uri);
    // Untitled plans are not in a folder: nothing can cite them by a path, but they can be listed.
    if (file && !this.inFolders(file)) return;
    let plan: PlanModel;
    try {
      plan = this.host.planOf(doc);
    } catch (err) {
      this.host.log(`plan43: indexing ${doc.uri} failed: ${(err as Error)?.message ?? String(err)}`);
      return;
    }
    const r = this.store(key, { uri: doc.uri, ...(file ? { file } : {}), source }, plan, doc.getText(), this.symbolMemory(doc), sliceOf(doc), doc);
    if (!later) this.settle();
    this.notify(new Set(r.symbols), r.list);
  }

  /**
   * Reads the cited symbols of the open document indexed last with `later`, if they are not yet:
   * every reader of the symbols asks for them through here.
   */
  settle(): void {
    const u = this.unsettled;
    if (!u) return;
    this.unsettled = undefined;
    if (u.doc.version === u.version) u.indexed.cites = citedSymbols(u.text, u.memory, sliceOf(u.doc));
    else {
      // Not read in its turn (never, by the callers): read from its own text, the memory started again.
      u.memory?.reset();
      u.indexed.cites = citedSymbols(u.text);
    }
  }

  /**
   * The memory of an open document's cited symbols, brought to its current version by the edits
   * since the version it was told last; none for a document not edited since it was opened, so
   * that a plan only opened and read keeps nothing for it.
   */
  private symbolMemory(doc: TextDocument): CitedSymbolsMemory | undefined {
    const editsSince = this.host.editsSince;
    if (!editsSince) return undefined;
    const held = this.symbolMemories.get(doc.uri);
    if (!held) {
      this.symbolMemories.set(doc.uri, { version: doc.version });
      return undefined;
    }
    if (held.version === doc.version) return held.memory;
    if (!held.memory) held.memory = new ParseMemory();
    else {
      const edits = editsSince(doc.uri, held.version, doc.version);
      if (edits) for (const e of edits) held.memory.edited(e.start, e.end, e.newText.length);
      else held.memory.reset();
    }
    held.version = doc.version;
    return held.memory;
  }

  /** A document was closed: the file on disk is what counts again (or nothing, for an untitled one). */
  documentClosed(uri: string): void {
    this.openCites.delete(uri);
    this.symbolMemories.delete(uri);
    const file = uriToPath(uri);
    const r = file && fileStamp(file) !== undefined && this.inFolders(file) ? this.readFile(file, pathToUri(file)) : { symbols: this.remove(uriKey(uri)), list: true };
    this.notify(new Set(r.symbols), r.list);
  }

  /** Every registry entry the plans of the workspace make, in a stable order (the same array until one changes). */
  entries(): readonly RegistryEntry[] {
    if (!this.entriesMemo) {
      this.entriesMemo = [...this.plans.values()]
        .filter((t) => t.indexed?.entry)
        .sort((a, b) => a.uri.localeCompare(b.uri))
        .map((t) => t.indexed!.entry!);
      this.bySymbol = new Map();
      for (const e of this.entriesMemo) {
        const k = symbolKey(e.symbol);
        const list = this.bySymbol.get(k);
        if (list) list.push(e);
        else this.bySymbol.set(k, [e]);
      }
    }
    return this.entriesMemo;
  }

  /** The entries of the workspace's plans with this symbol. */
  entriesWith(symbol: string): readonly RegistryEntry[] {
    this.entries();
    return this.bySymbol?.get(symbolKey(symbol)) ?? [];
  }

  /** Every plan of the workspace with what the index knows about it. */
  list(): Array<{ indexed: IndexedPlan; status?: PlanStatus }> {
    this.settle();
    const out: Array<{ indexed: IndexedPlan; status?: PlanStatus }> = [];
    for (const t of this.plans.values()) {
      if (!t.indexed) continue;
      out.push({ indexed: t.indexed, ...(t.status && t.status.source === t.source ? { status: t.status.value } : {}) });
    }
    return out;
  }

  /** The indexed plan with this URI. */
  get(uri: string): IndexedPlan | undefined {
    this.settle();
    return this.plans.get(uriKey(uri))?.indexed;
  }

  /** The plans whose text names this symbol. */
  citing(symbol: string): IndexedPlan[] {
    this.settle();
    const key = symbolKey(symbol);
    return [...this.plans.values()].filter((t) => t.indexed?.cites.includes(key)).map((t) => t.indexed!);
  }

  /** Records what a submission check of a plan said (dropped when the plan changes). */
  setStatus(uri: string, source: string | undefined, status: PlanStatus): void {
    const t = this.plans.get(uriKey(uri));
    if (!t || !t.indexed) return;
    const at = source ?? t.source;
    const before = t.status && t.status.source === t.source ? JSON.stringify(t.status.value) : '';
    t.status = { source: at, value: status };
    if (at === t.source && before !== JSON.stringify(status)) this.host.changed(new Set(), true);
  }

  /** The source (stamp or version) a status must be recorded with to be current. */
  sourceOf(uri: string, version: number | null): string | undefined {
    if (version !== null) return `v${version}`;
    const file = uriToPath(uri);
    const stamp = file ? fileStamp(file) : undefined;
    return stamp;
  }

  /**
   * A short key of the entries a document's findings depend on: those of the symbols it cites.
   * It changes exactly when one of them does, so a document whose cited plans did not change keeps
   * its result id (and its cached findings) when the index changes elsewhere.
   */
  keyFor(cites: readonly string[]): string {
    if (cites.length === 0) return '0';
    this.entries();
    const joined = cites.join('|');
    const cacheKey = `${this.generation}:${joined}`;
    let key = this.keys.get(cacheKey);
    if (key === undefined) {
      const parts: string[] = [];
      for (const s of cites) for (const e of this.bySymbol?.get(s) ?? []) parts.push(entryKey(e));
      key = parts.length ? shortHash(parts.join('\n')) : '0';
      if (this.keys.size > 5000) this.keys.clear();
      this.keys.set(cacheKey, key);
    }
    return key;
  }

  /** The symbols an open document's current version names. */
  citesOfDocument(doc: TextDocument): string[] {
    this.settle();
    const t = this.plans.get(uriKey(doc.uri));
    if (t?.indexed && t.source === `v${doc.version}`) return t.indexed.cites;
    if (t && !t.indexed && t.source === `v${doc.version}`) return [];
    const known = this.openCites.get(doc.uri);
    if (known && known.version === doc.version) return known.cites;
    // A document outside the folders: its symbols, if it is a plan the checker reads at all.
    const plan = this.host.planOf(doc);
    const cites = plan.isPlan && !plan.tooLarge ? citedSymbols(doc.getText(), this.symbolMemory(doc), sliceOf(doc)) : [];
    this.openCites.set(doc.uri, { version: doc.version, cites });
    return cites;
  }

  /** The symbols a file on disk names, as last indexed. */
  citesOfFile(file: string): string[] {
    this.settle();
    return this.plans.get(uriKey(pathToUri(file)))?.indexed?.cites ?? [];
  }

  /** Forgets everything (the folders changed); a new scan follows. */
  clear(): void {
    const symbols = new Set<string>();
    for (const key of [...this.plans.keys()]) for (const s of this.remove(key)) symbols.add(s);
    this.notify(symbols, true);
  }

  /** True for a file that a scan of the folders lists (inside one, and not in a folder a scan skips). */
  private inFolders(file: string): boolean {
    const target = pathKey(file);
    return this.host.folders().some((f) => {
      const rel = path.relative(pathKey(f), target);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && walkedPath(rel);
    });
  }

  private readFile(file: string, uri: string): { symbols: string[]; list: boolean } {
    const key = uriKey(uri);
    const stamp = fileStamp(file);
    const tracked = this.plans.get(key);
    if (stamp === undefined) return { symbols: this.remove(key), list: !!tracked };
    if (tracked && tracked.source === stamp && tracked.file !== undefined) return { symbols: [], list: false };
    const text = readTextFile(file);
    if (text === undefined) return { symbols: this.remove(key), list: !!tracked };
    const syntax = syntaxFor(file) as PlanSyntax;
    // Data files, CI files, READMEs: told apart without parsing them (they may be large or hostile).
    if (!mayBePlan(text, syntax)) {
      this.plans.set(key, { uri, file, source: stamp });
      const gone = tracked?.indexed?.entry ? [symbolKey(tracked.indexed.entry.symbol)] : [];
      if (gone.length) this.invalidate();
      return { symbols: gone, list: !!tracked?.indexed };
    }
    let plan: PlanModel;
    try {
      plan = parsePlanHead(uri, text, syntax);
    } catch (err) {
      this.host.log(`plan43: indexing ${file} failed: ${(err as Error)?.message ?? String(err)}`);
      return { symbols: this.remove(key), list: !!tracked };
    }
    return this.store(key, { uri, file, source: stamp }, plan, text);
  }

  /** Stores what a plan is now; returns the symbols whose entries changed and whether the list did. */
  private store(
    key: string,
    where: { uri: string; file?: string; source: string },
    plan: PlanModel,
    text: string,
    symbolMemory?: CitedSymbolsMemory,
    slice?: (start: number, end: number) => string,
    open?: TextDocument,
  ): { symbols: string[]; list: boolean } {
    const before = this.plans.get(key);
    const indexed = plan.isPlan ? (open !== undefined && !plan.tooLarge ? this.indexOpen(plan, where, open, text, symbolMemory) : indexPlan(plan, text, { uri: where.uri, label: this.label(where.uri, where.file) }, this.host.knowledge(), symbolMemory, slice)) : undefined;
    const next: Tracked = { ...where, ...(indexed ? { indexed } : {}), ...(before?.status ? { status: before.status } : {}) };
    this.plans.set(key, next);
    const oldEntry = before?.indexed?.entry;
    const newEntry = indexed?.entry;
    const symbols: string[] = [];
    if (oldEntry !== newEntry && entryKey(oldEntry) !== entryKey(newEntry)) {
      if (oldEntry) symbols.push(symbolKey(oldEntry.symbol));
      if (newEntry) symbols.push(symbolKey(newEntry.symbol));
      this.invalidate();
    }
    const oldHead = before?.indexed?.head;
    const newHead = indexed?.head;
    const list = (oldHead !== newHead && JSON.stringify(oldHead ?? null) !== JSON.stringify(newHead ?? null)) || before?.uri !== where.uri;
    return { symbols, list };
  }

  /**
   * An open document's version indexed as indexPlan does, its cited symbols left to `settle`; its
   * metadata and entry those of the last version when its model of the front matter is the same.
   */
  private indexOpen(plan: PlanModel, where: { uri: string; file?: string }, doc: TextDocument, text: string, memory: CitedSymbolsMemory | undefined): IndexedPlan {
    const label = this.label(where.uri, where.file);
    const kb = this.host.knowledge();
    let made = madeFromHead.get(plan);
    if (made === undefined || made.uri !== where.uri || made.label !== label || made.kb !== kb) {
      made = { uri: where.uri, label, kb, head: planHead(plan, kb), entry: planEntry(plan, { uri: where.uri, label }, kb) };
      madeFromHead.set(plan, made);
    }
    const indexed: IndexedPlan = { uri: where.uri, label, head: made.head, cites: [] };
    if (made.entry) indexed.entry = made.entry;
    this.unsettled = { indexed, doc, version: doc.version, text, memory };
    return indexed;
  }

  private remove(key: string): string[] {
    const before = this.plans.get(key);
    if (!before) return [];
    this.plans.delete(key);
    const entry = before.indexed?.entry;
    if (!entry) return [];
    this.invalidate();
    return [symbolKey(entry.symbol)];
  }

  private invalidate(): void {
    this.entriesMemo = undefined;
    this.bySymbol = undefined;
    this.generation++;
  }

  private notify(symbols: Set<string>, list: boolean): void {
    if (symbols.size > 0 || list) this.host.changed(symbols, list);
  }

  /** How a plan is named to the reader: its path in its workspace folder, or its file name. */
  private label(uri: string, file: string | undefined): string {
    if (!file) return decodeURIComponent(uri.split('/').pop() ?? uri);
    for (const folder of this.host.folders()) {
      const rel = path.relative(folder, file);
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
    return path.basename(file);
  }
}
