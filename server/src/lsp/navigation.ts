// Navigation between plans and the registry: go to the cited plan or registry entry, find the plans citing a plan, links on citations.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentLink, Location, Range } from 'vscode-languageserver/node';
import { isMap, isSeq, parseDocument } from 'yaml';
import { analyzeCitations, Citation, citationAt, sourceSpan } from '../core/citations/analysis';
import { entryDateIs, parseRegistryDate } from '../core/citations/registry';
import { symbolKey } from '../core/citations/symbol';
import { parsePlan } from '../core/document/parse';
import { viewOfPlanOrUndated } from '../core/data/as-of';
import { RegistryEntry } from '../core/data/types';
import { Lang } from '../core/findings';
import { LineIndex } from '../core/text/line-index';
import { planEntry, planNumberSymbol } from '../core/workspace/entry';
import { BUNDLED_FILES } from '../node/knowledge';
import { readTextFile } from '../node/workspace';
import { guarded, ServerContext } from './context';
import { toOffset, toRange } from './convert';
import { Analysis, citationsOf, syntaxFor } from './documents';
import { pathToUri, uriKey, uriToPath } from './uris';

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The citation whose text holds the offset. */
function citationUnder(analysis: Analysis, offset: number): Citation | undefined {
  const c = citationAt(citationsOf(analysis), offset);
  const span = c && sourceSpan(c, c);
  return c && span && offset >= span.start && offset <= span.end ? c : undefined;
}

/** The entry of a plan of the workspace that is the same document as a registry entry (same symbol and date). */
function planOf(ctx: ServerContext, entry: RegistryEntry): RegistryEntry | undefined {
  if (entry.scope === 'workspace') return entry.origin ? entry : undefined;
  const date = parseRegistryDate(entry.date);
  return date ? ctx.workspace.entriesWith(entry.symbol).find((e) => e.origin && entryDateIs(e, date)) : undefined;
}

/** Where a plan of the workspace writes its number: where "go to definition" lands. */
function planLocation(ctx: ServerContext, entry: RegistryEntry): Location {
  const uri = entry.origin!.uri;
  const range = ctx.workspace.get(uri)?.head.numberRange;
  return { uri, range: range ?? ZERO };
}

/** Registry files read for navigation, with the place of each entry, kept while their text is the same. */
const registryPlaces = new Map<string, { text: string; places: Map<string, Range> }>();

function placeKey(symbol: string, date: string): string {
  return `${symbolKey(symbol)}|${date.trim()}`;
}

/** The places of the entries of a registry file's text, by symbol and date. */
function placesIn(file: string, text: string): Map<string, Range> {
  const cached = registryPlaces.get(file);
  if (cached && cached.text === text) return cached.places;
  const places = new Map<string, Range>();
  try {
    const doc = parseDocument(text, { prettyErrors: false });
    const documents = isMap(doc.contents) ? doc.contents.get('documents', true) : undefined;
    if (isSeq(documents)) {
      const lines = new LineIndex(text);
      for (const item of documents.items) {
        if (!isMap(item) || !item.range) continue;
        const symbol = item.get('symbol');
        const date = item.get('date');
        if (typeof symbol !== 'string' || typeof date !== 'string') continue;
        places.set(placeKey(symbol, date), toRange(lines, item.range[0], item.range[1]));
      }
    }
  } catch {
    // A registry file that does not parse has its own diagnostics; it has no places.
  }
  registryPlaces.set(file, { text, places });
  return places;
}

/**
 * Where an entry of the registry is written: the user's registry files first (the last one wins,
 * as when they are merged), then the bundled registry. Undefined when no file has it.
 */
function registryLocation(ctx: ServerContext, entry: RegistryEntry): Location | undefined {
  const key = placeKey(entry.symbol, entry.date);
  const files = ctx.data
    .states()
    .filter((s) => s.kind === 'registry' && s.text !== undefined)
    .reverse()
    .map((s) => ({ file: s.path, text: s.text! }));
  if (ctx.extensionRoot) {
    const bundled = path.join(ctx.extensionRoot, 'schemas', BUNDLED_FILES.registry);
    const text = registryPlaces.get(bundled)?.text ?? readBundled(bundled);
    if (text !== undefined) files.push({ file: bundled, text });
  }
  for (const { file, text } of files) {
    const range = placesIn(file, text).get(key);
    if (range) return { uri: ctx.document(pathToUri(file))?.uri ?? pathToUri(file), range };
  }
  return undefined;
}

function readBundled(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Where a citation leads: the cited plan, or the registry entry (several when the citation could name several). */
export function citationTargets(ctx: ServerContext, c: Citation): Location[] {
  const r = c.resolution;
  if (r.status === 'resolved') {
    const plan = planOf(ctx, r.entry);
    if (plan) return [planLocation(ctx, plan)];
    const at = registryLocation(ctx, r.entry);
    return at ? [at] : [];
  }
  if (r.status === 'ambiguous' || r.status === 'conflict' || r.status === 'unknown') {
    return r.candidates.flatMap((e) => {
      const plan = planOf(ctx, e);
      if (plan) return [planLocation(ctx, plan)];
      const at = registryLocation(ctx, e);
      return at ? [at] : [];
    });
  }
  return [];
}

/** The document a references request is about: the plan whose number is under the cursor, or the one the citation names. */
function referenceTarget(ctx: ServerContext, analysis: Analysis, offset: number): RegistryEntry | undefined {
  const own = planNumberSymbol(analysis.plan);
  if (own && offset >= own.span.start && offset <= own.span.end) {
    return planEntry(analysis.plan, { uri: analysis.uri, label: '' }) ?? ctx.workspace.entriesWith(own.symbol).find((e) => e.origin && uriKey(e.origin.uri) === uriKey(analysis.uri));
  }
  const c = citationUnder(analysis, offset);
  if (c?.resolution.status !== 'resolved') return undefined;
  return planOf(ctx, c.resolution.entry) ?? c.resolution.entry;
}

/** Whether a citation names the target document. */
function names(c: Citation, target: RegistryEntry): boolean {
  if (c.resolution.status !== 'resolved') return false;
  const e = c.resolution.entry;
  if (symbolKey(e.symbol) !== symbolKey(target.symbol) || e.date !== target.date) return false;
  // Two plans of the workspace may share symbol and date (two communes): the same plan, then.
  return !(e.origin && target.origin) || uriKey(e.origin.uri) === uriKey(target.origin.uri);
}

/** The citations of a plan of the workspace: from its analysis when open, from its file otherwise. */
async function citationsOfPlan(ctx: ServerContext, uri: string): Promise<{ citations: Citation[]; lines: LineIndex } | undefined> {
  const doc = ctx.document(uri);
  if (doc) {
    const analysis = await ctx.analyze(doc.uri);
    return analysis?.plan.isPlan ? { citations: citationsOf(analysis).citations, lines: analysis.plan.lines } : undefined;
  }
  const file = uriToPath(uri);
  const text = file ? readTextFile(file) : undefined;
  if (text === undefined) return undefined;
  const plan = parsePlan(uri, text, syntaxFor(uri));
  if (!plan.isPlan || plan.tooLarge) return undefined;
  const settings = await ctx.settings.get(uri);
  return { citations: analyzeCitations(plan, viewOfPlanOrUndated(plan, ctx.knowledge(settings, uri), ctx.today())).citations, lines: plan.lines };
}

/** Every citation of the target document in the plans of the workspace. */
export async function referencesTo(ctx: ServerContext, target: RegistryEntry, includeDeclaration: boolean): Promise<Location[]> {
  await ctx.workspace.ready();
  const out: Location[] = [];
  if (includeDeclaration) {
    const plan = planOf(ctx, target);
    if (plan) out.push(planLocation(ctx, plan));
  }
  const citing = ctx.workspace.citing(target.symbol).map((p) => p.uri);
  // Open untitled plans are not in the index but may cite it too.
  for (const doc of ctx.documents.all()) if (!doc.uri.startsWith('file:') && !citing.includes(doc.uri)) citing.push(doc.uri);
  for (const uri of citing) {
    const found = await citationsOfPlan(ctx, uri);
    if (!found) continue;
    for (const c of found.citations) {
      if (!names(c, target)) continue;
      const symbol = sourceSpan(c, c.symbol);
      out.push({ uri, range: toRange(found.lines, symbol.start, symbol.end) });
    }
  }
  return out;
}

function linkTooltip(lang: Lang, entry: RegistryEntry, plan: boolean): string {
  const what = `${entry.type} số ${entry.symbol}, ${entry.date}`;
  if (plan) return lang === 'vi' ? `Mở kế hoạch ${entry.origin?.label ?? ''} (${what})` : `Open the plan ${entry.origin?.label ?? ''} (${what})`;
  return lang === 'vi' ? `Mở mục ${what} trong tệp danh mục văn bản` : `Open the entry ${what} in the registry file`;
}

/**
 * Links on the citations of plans of the workspace and of documents of the user's own registry
 * files: both are files of the workspace the drafter may open and correct. The bundled registry
 * (inside the extension) is reached by "go to definition" and hover, not by a link a click follows.
 */
export function citationLinks(ctx: ServerContext, analysis: Analysis): DocumentLink[] {
  const links: DocumentLink[] = [];
  const lang = analysis.settings.lang;
  const bundled = ctx.extensionRoot ? path.join(ctx.extensionRoot, 'schemas') : undefined;
  for (const c of citationsOf(analysis).citations) {
    if (c.resolution.status !== 'resolved') continue;
    const plan = planOf(ctx, c.resolution.entry);
    let target: Location | undefined;
    if (plan) target = planLocation(ctx, plan);
    else {
      const at = registryLocation(ctx, c.resolution.entry);
      const file = at ? uriToPath(at.uri) : undefined;
      if (at && file && !(bundled && file.startsWith(bundled + path.sep))) target = at;
    }
    if (!target) continue;
    const symbol = sourceSpan(c, c.symbol);
    links.push({
      range: toRange(analysis.plan.lines, symbol.start, symbol.end),
      target: `${target.uri}#L${target.range.start.line + 1}`,
      tooltip: linkTooltip(lang, plan ?? c.resolution.entry, !!plan),
    });
  }
  return links;
}

export function registerNavigation(ctx: ServerContext): void {
  const { connection } = ctx;
  connection.onDefinition(
    guarded(ctx, 'textDocument/definition', [] as Location[], async (params) => {
      const analysis = await ctx.analyze(params.textDocument.uri);
      if (!analysis?.plan.isPlan) return [];
      const c = citationUnder(analysis, toOffset(analysis.plan.lines, params.position));
      return c ? citationTargets(ctx, c) : [];
    }),
  );
  connection.onReferences(
    guarded(ctx, 'textDocument/references', [] as Location[], async (params) => {
      const analysis = await ctx.analyze(params.textDocument.uri);
      if (!analysis?.plan.isPlan) return [];
      const target = referenceTarget(ctx, analysis, toOffset(analysis.plan.lines, params.position));
      return target ? referencesTo(ctx, target, params.context?.includeDeclaration ?? false) : [];
    }),
  );
  connection.onDocumentLinks(
    guarded(ctx, 'textDocument/documentLink', [] as DocumentLink[], async (params) => {
      const analysis = await ctx.analyze(params.textDocument.uri);
      return analysis?.plan.isPlan ? citationLinks(ctx, analysis) : [];
    }),
  );
}
