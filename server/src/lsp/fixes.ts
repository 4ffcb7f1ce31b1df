// Whole-document edits shared by code actions, commands and custom requests: fix all, insert every missing section.

import { TextEdit } from 'vscode-languageserver/node';
import { parsePlan } from '../core/document/parse';
import { checkPlan } from '../core/engine';
import { Finding, Level } from '../core/findings';
import { fixAll } from '../core/fix';
import { ALL_RULES } from '../core/rules/index';
import { LineIndex } from '../core/text/line-index';
import { minimalEdit, toTextEdits } from './convert';
import { Analysis, syntaxFor } from './documents';

/** Rules whose fixes insert skeletons from the template. */
export const INSERTING_RULES = ['section.missing', 'task-group.missing'];

function editsBetween(before: string, after: string): TextEdit[] {
  const edit = minimalEdit(before, after);
  return edit ? toTextEdits(new LineIndex(before), [edit]) : [];
}

// Analyses are cached per document version, so the edits computed for one are cached with it:
// VS Code asks for code actions at every move of the cursor over a diagnostic.
const fixAllCache = new WeakMap<Analysis, TextEdit[]>();
const insertCache = new WeakMap<Analysis, TextEdit[]>();

function cached(cache: WeakMap<Analysis, TextEdit[]>, analysis: Analysis, compute: () => TextEdit[]): TextEdit[] {
  let edits = cache.get(analysis);
  if (!edits) {
    edits = compute();
    cache.set(analysis, edits);
  }
  return edits;
}

/** Applies every mechanical fix until none is left (the core's loop) and returns the change as one minimal edit. */
export function fixAllEdits(analysis: Analysis, languageId?: string): TextEdit[] {
  return cached(fixAllCache, analysis, () => computeFixAll(analysis, languageId));
}

function computeFixAll(analysis: Analysis, languageId?: string): TextEdit[] {
  const { plan, settings, kb } = analysis;
  if (!plan.isPlan) return [];
  const syntax = syntaxFor(analysis.uri, languageId) ?? plan.format;
  const options = { mode: settings.mode, lang: settings.lang, levels: settings.levels, today: analysis.today };
  let first = true;
  const check = (text: string): readonly Finding[] => {
    // The current text was checked already.
    if (first && text === plan.text) {
      first = false;
      return analysis.findings;
    }
    return checkPlan(parsePlan(analysis.uri, text, syntax), kb, options);
  };
  const result = fixAll(plan.text, check);
  return editsBetween(plan.text, result.text);
}

/** Inserts every missing section and task group with its skeleton, whatever the levels the user set for those rules. */
export function insertMissingEdits(analysis: Analysis, languageId?: string): TextEdit[] {
  return cached(insertCache, analysis, () => computeInsertMissing(analysis, languageId));
}

function computeInsertMissing(analysis: Analysis, languageId?: string): TextEdit[] {
  const { plan, settings, kb } = analysis;
  if (!plan.isPlan) return [];
  const rules = ALL_RULES.filter((r) => INSERTING_RULES.includes(r.id));
  if (rules.length === 0) return [];
  const levels: Record<string, Level> = Object.fromEntries(rules.map((r) => [r.id, 'warning' as Level]));
  const syntax = syntaxFor(analysis.uri, languageId) ?? plan.format;
  const check = (text: string): readonly Finding[] =>
    checkPlan(parsePlan(analysis.uri, text, syntax), kb, { mode: 'drafting', lang: settings.lang, levels, rules, today: analysis.today }).filter((f) =>
      INSERTING_RULES.includes(f.ruleId),
    );
  const result = fixAll(plan.text, check);
  return editsBetween(plan.text, result.text);
}
