// Open documents and their analyses: each version is parsed once, and checked once per settings and data generation.

import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeCitations, CitationAnalysis } from '../core/citations/analysis';
import { KnowledgeBase } from '../core/data/types';
import { PlanSyntax, parsePlan, syntaxOf } from '../core/document/parse';
import { checkPlan, INTERNAL_ERROR_RULE } from '../core/engine';
import { Finding } from '../core/findings';
import { PlanModel } from '../core/model';
import { EffectiveSettings } from './settings';

/** What every feature reads about a document: its plan model, findings and the context they were computed in. */
export interface Analysis {
  uri: string;
  /** Document version; null for a file read from disk. */
  version: number | null;
  plan: PlanModel;
  settings: EffectiveSettings;
  kb: KnowledgeBase;
  findings: Finding[];
  /** Changes whenever the findings may change (version, settings, data). */
  resultId: string;
}

/** The syntax of a document from its language id first (untitled documents have no extension). */
export function syntaxFor(uri: string, languageId?: string): PlanSyntax {
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

/** The citations of an analysed document, read once per analysis (hover and completion ask at every move). */
export function citationsOf(analysis: Analysis): CitationAnalysis {
  let found = citationCache.get(analysis);
  if (!found) {
    found = analyzeCitations(analysis.plan, analysis.kb);
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
  generation: number,
  log: (message: string) => void,
  parsed?: PlanModel,
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
    findings = checkPlan(plan, kb, { mode: settings.mode, lang: settings.lang, levels: settings.levels });
  } catch (err) {
    log(`plan43: checking ${uri} failed: ${(err as Error).stack ?? String(err)}`);
    findings = [
      {
        ruleId: INTERNAL_ERROR_RULE,
        severity: 'warning',
        message:
          settings.lang === 'vi'
            ? `Không kiểm tra được văn bản do lỗi nội bộ: ${(err as Error).message}`
            : `The document could not be checked because of an internal error: ${(err as Error).message}`,
        start: 0,
        end: 0,
      },
    ];
  }
  const resultId = `${version ?? shortHash(text)}:${shortHash(settings.key)}:${generation}`;
  return { uri, version, plan, settings, kb, findings, resultId };
}

export class PlanDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly parsed = new Map<string, { version: number; plan: PlanModel }>();
  private readonly analyses = new Map<string, Analysis>();

  constructor(private readonly log: (message: string) => void) {
    this.documents.onDidClose((e) => {
      this.parsed.delete(e.document.uri);
      this.analyses.delete(e.document.uri);
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
    let plan: PlanModel;
    try {
      plan = parsePlan(doc.uri, doc.getText(), syntaxFor(doc.uri, doc.languageId));
    } catch (err) {
      this.log(`plan43: parsing ${doc.uri} failed: ${(err as Error).stack ?? String(err)}`);
      plan = parsePlan(doc.uri, '', 'markdown');
    }
    this.parsed.set(doc.uri, { version: doc.version, plan });
    return plan;
  }

  /** The findings of the document's current version under these settings and data. */
  analyze(doc: TextDocument, settings: EffectiveSettings, kb: KnowledgeBase, generation: number): Analysis {
    const resultId = `${doc.version}:${shortHash(settings.key)}:${generation}`;
    const cached = this.analyses.get(doc.uri);
    if (cached && cached.resultId === resultId) return cached;
    const plan = this.plan(doc);
    const analysis = analyzeText(doc.uri, doc.getText(), doc.version, undefined, settings, kb, generation, this.log, plan);
    this.analyses.set(doc.uri, analysis);
    return analysis;
  }
}
