// Chooses the parser by file name and caches one model per document version.

import { PlanModel } from '../model';
import { parseMarkdownPlan } from './markdown';
import { parseYamlPlan } from './yaml-plan';

export type PlanSyntax = 'markdown' | 'yaml' | undefined;

export function syntaxOf(uri: string): PlanSyntax {
  const lower = uri.toLowerCase();
  if (/\.(md|markdown)$/.test(lower)) return 'markdown';
  if (/\.(ya?ml)$/.test(lower)) return 'yaml';
  return undefined;
}

/** Parses a document as a plan; files of other kinds give a model with isPlan = false. */
export function parsePlan(uri: string, text: string, syntax: PlanSyntax = syntaxOf(uri)): PlanModel {
  if (syntax === 'yaml') return parseYamlPlan(uri, text);
  return parseMarkdownPlan(uri, text);
}
