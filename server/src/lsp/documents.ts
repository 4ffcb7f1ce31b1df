// Open documents and their analyses: each version is parsed once, and checked once per settings and data generation.

import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeCitations, CitationAnalysis } from '../core/citations/analysis';
import { DatedView, undatedView, viewOfPlan } from '../core/data/as-of';
import { KnowledgeBase } from '../core/data/types';
import { PlanSyntax, parsePlan, syntaxOf } from '../core/document/parse';
import { checkPlan, checkSteps, INTERNAL_ERROR_RULE } from '../core/engine';
import { Finding, Lang } from '../core/findings';
import { PlanModel } from '../core/model';
import { TextMemo, withTextMemo } from '../core/text/memo';
import { Rule } from '../core/rules/rule';
import { EffectiveSettings } from './settings';
import { uriToPath } from './uris';

/** What every feature reads about a document: its plan model, findings and the context they were computed in. */
export interface Analysis {
  uri: string;
  /** Document version; null for a file read from disk. */
  version: number | null;
  plan: PlanModel;
  settings: EffectiveSettings;
  kb: KnowledgeBase;
  /** The day an undated plan is checked as of (yyyy-mm-dd). */
  today: string;
  findings: Finding[];
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

const citationCache = new WeakMap<Analysis, CitationAnalysis>();
const viewCache = new WeakMap<Analysis, DatedView>();

/**
 * The knowledge as of the plan's date (or today) and level: what the rules read, and so what every
 * suggestion, hover and skeleton of the server reads too.
 */
export function viewOf(analysis: Analysis): DatedView {
  let view = viewCache.get(analysis);
  if (!view) {
    try {
      view = viewOfPlan(analysis.plan, analysis.kb, analysis.today);
    } catch {
      // A template that cannot be resolved (the check reports it): suggestions fall back on the data as loaded.
      view = undatedView(analysis.kb);
    }
    viewCache.set(analysis, view);
  }
  return view;
}

/** The memory of the document a plan model was parsed from, while the document is edited. */
const memoOfPlan = new WeakMap<PlanModel, TextMemo>();

/** The citations of an analysed document, read once per analysis (hover and completion ask at every move). */
export function citationsOf(analysis: Analysis): CitationAnalysis {
  let found = citationCache.get(analysis);
  if (!found) {
    found = withTextMemo(memoOfPlan.get(analysis.plan), () => analyzeCitations(analysis.plan, viewOf(analysis)));
    citationCache.set(analysis, found);
  }
  return found;
}

/** Parses and checks; a failure of the core becomes one finding rather than a crash of the server. */
export function analyzeText(
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
  rules?: readonly Rule[],
): Analysis {
  let plan: PlanModel;
  try {
    plan = parsed ?? parsePlan(uri, text, syntax);
  } catch (err) {
    log(`plan43: parsing ${uri} failed: ${(err as Error).stack ?? String(err)}`);
    plan = parsePlan(uri, '', 'markdown');
  }
  let findings: Finding[];
  try {
    findings = withTextMemo(memoOfPlan.get(plan), () => checkPlan(plan, kb, { mode: settings.mode, lang: settings.lang, levels: settings.levels, today, ...(rules ? { rules } : {}) }));
  } catch (err) {
    log(`plan43: checking ${uri} failed: ${(err as Error).stack ?? String(err)}`);
    findings = [checkFailed(err, settings.lang)];
  }
  const resultId = `${version ?? shortHash(text)}:${shortHash(settings.key)}:${generation}:${today}`;
  return { uri, version, plan, settings, kb, today, findings, resultId };
}

/** The one finding left when the check as a whole failed (a rule's failure is contained by the engine). */
function checkFailed(err: unknown, lang: Lang): Finding {
  return {
    ruleId: INTERNAL_ERROR_RULE,
    severity: 'warning',
    message:
      lang === 'vi'
        ? `Không kiểm tra được văn bản do lỗi nội bộ: ${(err as Error)?.message ?? String(err)}`
        : `The document could not be checked because of an internal error: ${(err as Error)?.message ?? String(err)}`,
    start: 0,
    end: 0,
  };
}

/** Thrown to the waiters of an analysis given up because its document changed or closed. */
export class AnalysisSuperseded extends Error {
  constructor(uri: string, version: number) {
    super(`the analysis of ${uri} version ${version} was superseded by a newer version`);
  }
}

/** Work between two pauses of a background analysis, in milliseconds. */
const SLICE_MS = 10;

const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class PlanDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly parsed = new Map<string, { version: number; plan: PlanModel }>();
  private readonly analyses = new Map<string, Analysis>();
  /** Analyses under way in the background, one per document. */
  private readonly pending = new Map<string, { resultId: string; promise: Promise<Analysis> }>();
  /** Version of each document when it was opened. */
  private readonly opened = new Map<string, number>();
  /**
   * What the previous versions of an edited document computed per paragraph (parse pieces,
   * citations, per-paragraph text checks), so that a keystroke re-checks only what changed. Made
   * on the first change: a document only opened and read costs no memory for it.
   */
  private readonly memos = new Map<string, TextMemo>();

  constructor(
    private readonly log: (message: string) => void,
    /** The rules to run; all registered rules when undefined (a test server may add its own). */
    readonly rules?: readonly Rule[],
  ) {
    this.documents.onDidOpen((e) => this.opened.set(e.document.uri, e.document.version));
    this.documents.onDidClose((e) => {
      this.parsed.delete(e.document.uri);
      this.analyses.delete(e.document.uri);
      this.opened.delete(e.document.uri);
      this.memos.delete(e.document.uri);
    });
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  all(): TextDocument[] {
    return this.documents.all();
  }

  /** The plan model of the document's current version, parsed once. */
  plan(doc: TextDocument): PlanModel {
    const cached = this.parsed.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.plan;
    let memo = this.memos.get(doc.uri);
    if (!memo && this.opened.has(doc.uri) && this.opened.get(doc.uri) !== doc.version) {
      memo = new TextMemo();
      this.memos.set(doc.uri, memo);
    }
    memo?.nextGeneration();
    let plan: PlanModel;
    try {
      plan = withTextMemo(memo, () => parsePlan(doc.uri, doc.getText(), syntaxFor(doc.uri, doc.languageId)));
    } catch (err) {
      this.log(`plan43: parsing ${doc.uri} failed: ${(err as Error).stack ?? String(err)}`);
      plan = parsePlan(doc.uri, '', 'markdown');
    }
    if (memo) memoOfPlan.set(plan, memo);
    this.parsed.set(doc.uri, { version: doc.version, plan });
    return plan;
  }

  /** The findings of the document's current version under these settings and data. */
  analyze(doc: TextDocument, settings: EffectiveSettings, kb: KnowledgeBase, generation: number | string, today: string): Analysis {
    const resultId = `${doc.version}:${shortHash(settings.key)}:${generation}:${today}`;
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.resultId === resultId) return cached;
    const plan = this.plan(doc);
    const analysis = analyzeText(doc.uri, doc.getText(), doc.version, undefined, settings, kb, generation, today, this.log, plan, this.rules);
    this.analyses.set(doc.uri, analysis);
    return analysis;
  }

  /**
   * The same analysis, computed without holding the server: the check pauses every few
   * milliseconds so that other messages (a cancellation, the next keystroke, another request) are
   * read in between. Requests for the same version share one analysis. When the document changes
   * or closes meanwhile, the analysis is given up (AnalysisSuperseded) rather than finished for
   * nobody.
   */
  analyzeInBackground(doc: TextDocument, settings: EffectiveSettings, kb: KnowledgeBase, generation: number | string, today: string): Promise<Analysis> {
    const uri = doc.uri;
    const version = doc.version;
    const resultId = `${version}:${shortHash(settings.key)}:${generation}:${today}`;
    const cached = this.analyses.get(uri);
    if (cached && cached.resultId === resultId) return Promise.resolve(cached);
    const running = this.pending.get(uri);
    if (running && running.resultId === resultId) return running.promise;

    const plan = this.plan(doc);
    const text = plan.text;
    const current = (): boolean => this.documents.get(uri)?.version === version;
    const promise = (async (): Promise<Analysis> => {
      let findings: Finding[];
      try {
        const steps = checkSteps(plan, kb, { mode: settings.mode, lang: settings.lang, levels: settings.levels, today, ...(this.rules ? { rules: this.rules } : {}) });
        // Each step runs synchronously with the document's memory; other documents' steps may come in between.
        const memo = memoOfPlan.get(plan);
        const next = (): IteratorResult<string, Finding[]> => withTextMemo(memo, () => steps.next());
        let sliceStart = Date.now();
        let step = next();
        while (!step.done) {
          if (Date.now() - sliceStart >= SLICE_MS) {
            await pause();
            if (!current()) throw new AnalysisSuperseded(uri, version);
            sliceStart = Date.now();
          }
          step = next();
        }
        findings = step.value;
      } catch (err) {
        if (err instanceof AnalysisSuperseded) throw err;
        this.log(`plan43: checking ${uri} failed: ${(err as Error)?.stack ?? String(err)}`);
        findings = [checkFailed(err, settings.lang)];
      }
      const analysis: Analysis = { uri, version, plan, settings, kb, today, findings, resultId };
      if (current() || text === this.documents.get(uri)?.getText()) this.analyses.set(uri, analysis);
      return analysis;
    })();
    this.pending.set(uri, { resultId, promise });
    // Forget the entry once settled; both outcomes are handled here, so a rejection nobody waits
    // for (every request gave up) is not an unhandled one.
    const forget = (): void => {
      if (this.pending.get(uri)?.promise === promise) this.pending.delete(uri);
    };
    promise.then(forget, forget);
    return promise;
  }
}
