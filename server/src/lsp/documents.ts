// Open documents and their analyses: each version is parsed once, and checked once per settings and data generation.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeCitations, CitationAnalysis } from '../core/citations/analysis';
import { DatedView, undatedView, viewOfPlan } from '../core/data/as-of';
import { KnowledgeBase } from '../core/data/types';
import { findFrontMatter } from '../core/document/markdown';
import { PlanSyntax, parsePlan, parsePlanHead, syntaxOf } from '../core/document/parse';
import { INTERNAL_ERROR_RULE } from '../core/engine';
import { MAX_PLAN_CHARS } from '../core/limits';
import { Finding, Lang, makeFinding, TextEdit } from '../core/findings';
import { PlanModel } from '../core/model';
import { LineIndex } from '../core/text/line-index';
import { keepRecent } from '../core/recent';
import { TextMemo, withTextMemo } from '../core/text/memo';
import { EDITED_PIECE_CHARS } from '../core/text/piece-text';
import { CheckCancelled, CheckRunner, CheckTicket } from '../node/check-runner';
import { FindingsOrigin } from '../node/findings-delta';
import { EditHistory } from './edits';
import { PieceDocument, sliceOf } from './piece-document';
import { EffectiveSettings } from './settings';
import { uriToPath } from './uris';

/** What every feature reads about a document: its plan model, findings and the context they were computed in. */
export interface Analysis {
  uri: string;
  /** Document version; null for a file read from disk. */
  version: number | null;
  /**
   * The plan model, parsed in the server when a feature first reads it (hover, completion, code
   * actions): diagnostics need only `isPlan`, `lines` and the findings, which the check worker gives.
   */
  readonly plan: PlanModel;
  isPlan: boolean;
  /** Line starts of the text the findings are about. */
  lines: LineIndex;
  settings: EffectiveSettings;
  kb: KnowledgeBase;
  /** The day an undated plan is checked as of (yyyy-mm-dd). */
  today: string;
  findings: Finding[];
  /** The list the check worker's answer stands for and the one it was made from (see FindingsOrigin), for the diagnostics to follow the change. */
  origin?: FindingsOrigin;
  /** Changes whenever the findings may change (version, settings, data). */
  resultId: string;
}

/**
 * The syntax of a document. A file's extension decides, as it does for `plan43 check`: some
 * editors send one language id for every file of a server (eglot 1.9 sends "markdown" for YAML
 * plans too). The language id decides only for other schemes (untitled documents, whose language
 * the user may have picked) or a file without a known extension.
 */
export function syntaxFor(uri: string, languageId?: string): PlanSyntax {
  const file = uriToPath(uri);
  const byName = file ? syntaxOf(file) : undefined;
  if (byName) return byName;
  if (languageId === 'yaml') return 'yaml';
  if (languageId === 'markdown') return 'markdown';
  return syntaxOf(uri);
}

/** Short stable hash (FNV-1a) so that result ids stay small. */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * What the features computed from a plan model (the knowledge as of its date, its citations), kept
 * with the model rather than with an analysis, so that it goes when the model is dropped (see
 * KEPT_MODELS); valid for the knowledge and day it was computed with.
 */
const derivedOfPlan = new WeakMap<PlanModel, { kb: KnowledgeBase; today: string; view: DatedView; citations?: CitationAnalysis }>();

function derivedOf(analysis: Analysis): { view: DatedView; citations?: CitationAnalysis } {
  const plan = analysis.plan;
  let derived = derivedOfPlan.get(plan);
  if (!derived || derived.kb !== analysis.kb || derived.today !== analysis.today) {
    let view: DatedView;
    try {
      view = viewOfPlan(plan, analysis.kb, analysis.today);
    } catch {
      // A template that cannot be resolved (the check reports it): suggestions fall back on the data as loaded.
      view = undatedView(analysis.kb);
    }
    derived = { kb: analysis.kb, today: analysis.today, view };
    derivedOfPlan.set(plan, derived);
  }
  return derived;
}

/**
 * The knowledge as of the plan's date (or today) and level: what the rules read, and so what every
 * suggestion, hover and skeleton of the server reads too.
 */
export function viewOf(analysis: Analysis): DatedView {
  return derivedOf(analysis).view;
}

/** The memory of the document a plan model was parsed from, while the document is edited. */
const memoOfPlan = new WeakMap<PlanModel, TextMemo>();

/** The citations of an analysed document, read once per plan model (hover and completion ask at every move). */
export function citationsOf(analysis: Analysis): CitationAnalysis {
  const derived = derivedOf(analysis);
  derived.citations ??= withTextMemo(memoOfPlan.get(analysis.plan), () => analyzeCitations(analysis.plan, derived.view));
  return derived.citations;
}

/**
 * Plan models kept parsed (those features read last), and documents whose parse memory is kept
 * (those edited last). A model is about 30 KB for a plan of 16,000 characters, a parse memory
 * more; with a hundred plans open, keeping one of each per plan kept megabytes that nothing read
 * again. A document read again after its model was dropped is parsed again, in a few milliseconds.
 */
const KEPT_MODELS = 8;
/** Characters read for a plan's front matter before its whole text is (see head): a front matter is a few hundred. */
const HEAD_CHARS = 16_384;

/**
 * The first characters of an open document read for its front matter: those of its first piece
 * when they settle it as parsePlanHead reads it (closed, with a character after its closing line),
 * else HEAD_CHARS. Read in place from the first piece, where HEAD_CHARS ran over four pieces that
 * V8 copied into one string at every keystroke.
 */
function headOf(doc: PieceDocument): string {
  const short = doc.slice(0, EDITED_PIECE_CHARS);
  const fm = findFrontMatter(short);
  return fm && !fm.unclosed && fm.end < short.length ? short : doc.slice(0, HEAD_CHARS);
}
const KEPT_MEMOS = 4;

/**
 * The text of a Markdown plan's front matter when `head`, the text's first characters, settles it
 * as parsePlanHead reads it (closed, with a character after its closing line, in a plan it does not
 * parse whole); else undefined. parsePlanHead's model is then made from this text and the URI alone.
 */
function settledFrontMatter(doc: TextDocument, head: string): string | undefined {
  if (syntaxFor(doc.uri, doc.languageId) === 'yaml') return undefined;
  const length = doc.getText().length;
  if (length > MAX_PLAN_CHARS || head.length >= length) return undefined;
  const fm = findFrontMatter(head);
  return fm && !fm.unclosed && fm.end < head.length ? head.slice(0, fm.end) : undefined;
}

/**
 * Parses (for the features that read the plan) and checks a text; the check runs in the worker,
 * where a runaway can be stopped. A failure becomes one finding rather than a crash of the server.
 */
export async function analyzeText(
  runner: CheckRunner,
  uri: string,
  text: string,
  version: number | null,
  syntax: PlanSyntax,
  settings: EffectiveSettings,
  kb: KnowledgeBase,
  generation: number | string,
  today: string,
  log: (message: string) => void,
  parsed?: PlanModel,
): Promise<Analysis> {
  let plan: PlanModel;
  try {
    plan = parsed ?? parsePlan(uri, text, syntax);
  } catch (err) {
    log(`plan43: parsing ${uri} failed: ${(err as Error).stack ?? String(err)}`);
    plan = parsePlan(uri, '', 'markdown');
  }
  const findings = plan.isPlan ? await checkIn(runner, { uri, text, syntax: syntax ?? plan.format, settings, today, kb, memo: false }, log) : [];
  const resultId = `${version ?? shortHash(text)}:${shortHash(settings.key)}:${generation}:${today}`;
  return { uri, version, plan, isPlan: plan.isPlan, lines: plan.lines, settings, kb, today, findings, resultId };
}

/** A text to check in the worker; an open document's `version` lets the worker be sent only the edits since the version it holds. */
export interface CheckInRequest {
  uri: string;
  text: string;
  syntax: PlanSyntax;
  settings: EffectiveSettings;
  today: string;
  kb: KnowledgeBase;
  memo: boolean;
  version?: number;
  editsSince?: (version: number) => TextEdit[] | undefined;
}

/** The check of a text in the worker; a failure of the check is one finding. */
export async function checkIn(
  runner: CheckRunner,
  request: CheckInRequest,
  log: (message: string) => void,
  ticket?: CheckTicket,
  interactive = true,
): Promise<Finding[]> {
  return (await checkInWorker(runner, request, log, ticket, interactive)).findings;
}

/** checkIn, with whether the worker found a plan (undefined when that is not known: the check was stopped or failed). */
async function checkInWorker(
  runner: CheckRunner,
  request: CheckInRequest,
  log: (message: string) => void,
  ticket?: CheckTicket,
  interactive = true,
): Promise<{ isPlan: boolean | undefined; findings: Finding[]; origin?: FindingsOrigin }> {
  const { settings, today, ...rest } = request;
  try {
    return await runner.check({ ...rest, settings: { mode: settings.mode, lang: settings.lang, levels: settings.levels, today } }, ticket, interactive);
  } catch (err) {
    if (err instanceof CheckCancelled) throw err;
    log(`plan43: checking ${request.uri} failed: ${(err as Error)?.stack ?? String(err)}`);
    return { isPlan: undefined, findings: [checkFailed(err, settings.lang)] };
  }
}

/** The one finding left when the check as a whole failed (a rule's failure is contained by the engine). */
export function checkFailed(err: unknown, lang: Lang): Finding {
  return makeFinding(
    INTERNAL_ERROR_RULE,
    'warning',
    lang === 'vi'
      ? `Không kiểm tra được văn bản do lỗi nội bộ: ${(err as Error)?.message ?? String(err)}`
      : `The document could not be checked because of an internal error: ${(err as Error)?.message ?? String(err)}`,
    0,
    0,
  );
}

/** Thrown to the waiters of an analysis given up because its document changed or closed. */
export class AnalysisSuperseded extends Error {
  constructor(uri: string, version: number) {
    super(`the analysis of ${uri} version ${version} was superseded by a newer version`);
  }
}

export class PlanDocuments {
  /** The edits of each open document, from the client's didChange ranges. */
  readonly edits = new EditHistory();
  readonly documents = this.edits.documents();
  private readonly parsed = new Map<string, { version: number; plan: PlanModel }>();
  /** The memory of the front matter's parse, per edited document (see head). */
  private readonly headMemos = new Map<string, TextMemo>();
  /** The front matter's text of the documents edited last and the model made from it (see head). */
  private readonly heads = new Map<string, { front: string; plan: PlanModel }>();
  private readonly analyses = new Map<string, Analysis>();
  /** Analyses under way, one per document. */
  private readonly pending = new Map<string, { resultId: string; version: number; promise: Promise<Analysis>; ticket: CheckTicket; finish: boolean }>();
  /** Version of each document when it was opened. */
  private readonly opened = new Map<string, number>();
  /**
   * What the previous versions of an edited document computed per paragraph while parsing (parse
   * pieces, citations), so that a keystroke parses again only what changed. Made on the first
   * change: a document only opened and read costs no memory for it. The check's own memory of
   * the paragraphs is in the worker.
   */
  private readonly memos = new Map<string, TextMemo>();

  constructor(
    private readonly log: (message: string) => void,
    readonly runner: CheckRunner,
  ) {
    this.documents.onDidOpen((e) => this.opened.set(e.document.uri, e.document.version));
    this.documents.onDidChangeContent((e) => {
      // A newer version makes the check under way useless, unless it must finish (see analyze).
      const running = this.pending.get(e.document.uri);
      if (running && !running.finish) running.ticket.cancel();
    });
    this.documents.onDidClose((e) => {
      this.parsed.delete(e.document.uri);
      this.headMemos.delete(e.document.uri);
      this.heads.delete(e.document.uri);
      this.analyses.delete(e.document.uri);
      this.opened.delete(e.document.uri);
      this.memos.delete(e.document.uri);
      this.edits.forget(e.document.uri);
      this.pending.get(e.document.uri)?.ticket.cancel();
      this.runner.forget(e.document.uri);
    });
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  /** True once the document was changed after it was opened: the check keeps a memory of its paragraphs. */
  private edited(doc: TextDocument): boolean {
    return this.opened.has(doc.uri) && this.opened.get(doc.uri) !== doc.version;
  }

  /**
   * The metadata of the document's current version, for the index of the workspace's plans: the
   * plan when this version was parsed whole already, else its front matter alone (parsePlanHead),
   * so that a keystroke in the body does not make the server parse the whole text again — the
   * check parses it in the worker, and the features that read the plan parse it when they ask.
   * Kept only for the documents edited last, with the front matter's text it was made from: the
   * index reads each version once (WorkspacePlans keeps what it needs of it, per version), and a
   * model kept per open plan held about 12 KB that nothing read again.
   */
  head(doc: TextDocument): PlanModel {
    const parsed = this.parsed.get(doc.uri);
    if (parsed && parsed.version === doc.version) return parsed.plan;
    // The front matter read from the document's first pieces, when they hold it: not the whole text.
    const head = doc instanceof PieceDocument ? headOf(doc) : undefined;
    // While a document is edited, a keystroke in the body leaves its front matter's text as it was,
    // and the model parsePlanHead makes from that text alone is then the last one.
    const front = head !== undefined && this.edited(doc) ? settledFrontMatter(doc, head) : undefined;
    const kept = this.heads.get(doc.uri);
    const memo = this.headMemos.get(doc.uri);
    if (front !== undefined && kept !== undefined && kept.front === front && memo !== undefined) {
      keepRecent(this.heads, doc.uri, kept, KEPT_MEMOS);
      // The memory goes on to this version as a parse would take it (the index reads the cited symbols with it).
      keepRecent(this.headMemos, doc.uri, memo, KEPT_MEMOS);
      memo.nextGeneration();
      return kept.plan;
    }
    const plan = this.parse(doc, this.headMemos, (text, syntax) => parsePlanHead(doc.uri, text, syntax, head));
    if (front !== undefined) keepRecent(this.heads, doc.uri, { front, plan }, KEPT_MEMOS);
    else this.heads.delete(doc.uri);
    return plan;
  }

  /** The memory of an edited document's metadata and cited symbols, for the index of the workspace's plans (see head). */
  indexMemo(uri: string): TextMemo | undefined {
    return this.headMemos.get(uri);
  }

  /** The plan model of the document's current version, parsed once (`lines`: its line index, when known). */
  plan(doc: TextDocument, lines?: LineIndex): PlanModel {
    const cached = this.parsed.get(doc.uri);
    if (cached && cached.version === doc.version) {
      keepRecent(this.parsed, doc.uri, cached, KEPT_MODELS);
      return cached.plan;
    }
    const plan = this.parse(doc, this.memos, (text, syntax) => parsePlan(doc.uri, text, syntax, lines));
    keepRecent(this.parsed, doc.uri, { version: doc.version, plan }, KEPT_MODELS);
    return plan;
  }

  /** Parses a document's text with the memory of its previous versions in `memos` (made on its first edit); a failure is logged and gives an empty model. */
  private parse(doc: TextDocument, memos: Map<string, TextMemo>, parse: (text: string, syntax: PlanSyntax) => PlanModel): PlanModel {
    let memo = memos.get(doc.uri);
    if (!memo && this.edited(doc)) memo = new TextMemo();
    if (memo) keepRecent(memos, doc.uri, memo, KEPT_MEMOS);
    memo?.nextGeneration();
    let plan: PlanModel;
    try {
      plan = withTextMemo(memo, () => parse(doc.getText(), syntaxFor(doc.uri, doc.languageId)));
    } catch (err) {
      this.log(`plan43: parsing ${doc.uri} failed: ${(err as Error).stack ?? String(err)}`);
      plan = parsePlan(doc.uri, '', 'markdown');
    }
    if (memo) memoOfPlan.set(plan, memo);
    return plan;
  }

  /**
   * The findings of the document's current version under these settings and data, checked in the
   * worker while the server goes on reading messages (a cancellation, the next keystroke, another
   * request). Requests for the same version share one analysis. When the document changes or
   * closes meanwhile, the check is given up (AnalysisSuperseded) rather than finished for nobody,
   * unless `finish` asks for this version's findings whatever happens.
   */
  analyze(doc: TextDocument, settings: EffectiveSettings, kb: KnowledgeBase, generation: number | string | (() => number | string), today: string, finish = false): Promise<Analysis> {
    const uri = doc.uri;
    const version = doc.version;
    const idOf = (g: number | string): string => `${version}:${shortHash(settings.key)}:${g}:${today}`;
    const cached = this.analyses.get(uri);
    const running = this.pending.get(uri);
    // A generation asked of a function is asked after the check is posted when no analysis of this
    // version is kept or under way (a keystroke's): no result id of another version can match.
    let resultId = typeof generation !== 'function' || cached?.version === version || running?.version === version ? idOf(typeof generation === 'function' ? generation() : generation) : '';
    if (cached && cached.resultId === resultId) return Promise.resolve(cached);
    if (running && running.resultId === resultId) {
      if (finish) running.finish = true;
      return running.promise;
    }
    running?.ticket.cancel();

    // Only the worker parses the text to check it; the server parses it for the features that
    // read the plan, when one first does (see Analysis.plan), and meanwhile goes on reading messages.
    const text = doc.getText();
    const syntax = syntaxFor(uri, doc.languageId) ?? 'markdown';
    const ticket = new CheckTicket();
    const current = (): boolean => this.documents.get(uri)?.version === version;
    // The line index from the last analysis's and the edits since, rather than searched afresh.
    const earlier = this.analyses.get(uri);
    const read = sliceOf(doc);
    const lines = this.edits.lineIndex(uri, text, version, earlier?.version != null ? { version: earlier.version, lines: earlier.lines } : undefined, read);
    // The model of the current version is the one kept with the document (and dropped with it, see
    // KEPT_MODELS); an earlier version's, which only a request already under way may read, is kept here.
    let earlierPlan: PlanModel | undefined;
    const planOf = (): PlanModel => {
      const current = this.documents.get(uri);
      if (current?.version === version) return this.plan(current, lines);
      earlierPlan ??= parsePlan(uri, text, syntax, lines);
      return earlierPlan;
    };
    const promise = (async (): Promise<Analysis> => {
      let checked: { isPlan: boolean | undefined; findings: Finding[]; origin?: FindingsOrigin };
      try {
        checked = await checkInWorker(
          this.runner,
          { uri, text, syntax, settings, today, kb, memo: this.edited(doc), version, editsSince: (from) => this.edits.since(uri, from, version) },
          this.log,
          ticket,
        );
      } catch (err) {
        if (err instanceof CheckCancelled) throw new AnalysisSuperseded(uri, version);
        throw err;
      }
      const analysis: Analysis = {
        uri,
        version,
        get plan(): PlanModel {
          return planOf();
        },
        // Not known when the check was stopped: the server's own parse tells.
        isPlan: checked.isPlan ?? planOf().isPlan,
        lines,
        settings,
        kb,
        today,
        // Made when a reader other than the diagnostics asks (those read the list as held: origin.findings).
        get findings(): Finding[] {
          return checked.findings;
        },
        ...(checked.origin ? { origin: checked.origin } : {}),
        resultId,
      };
      if (current() || text === this.documents.get(uri)?.getText()) this.analyses.set(uri, analysis);
      return analysis;
    })();
    if (resultId === '') {
      try {
        resultId = idOf((generation as () => number | string)());
      } catch (err) {
        ticket.cancel();
        promise.catch(() => undefined);
        throw err;
      }
    }
    const entry = { resultId, version, promise, ticket, finish };
    this.pending.set(uri, entry);
    // Forget the entry once settled; both outcomes are handled here, so a rejection nobody waits
    // for (every request gave up) is not an unhandled one.
    const forget = (): void => {
      if (this.pending.get(uri) === entry) this.pending.delete(uri);
    };
    promise.then(forget, forget);
    return promise;
  }
}
