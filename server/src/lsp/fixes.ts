// Whole-document edits shared by code actions, commands and custom requests: fix all (mechanical fixes only), insert every missing section.

import { TextEdit } from 'vscode-languageserver/node';
import { parsePlan } from '../core/document/parse';
import { checkPlan } from '../core/engine';
import { Finding, Level } from '../core/findings';
import { FixAllOptions, fixAllChanges, joinEditsOnSameLine } from '../core/fix';
import { PlanModel } from '../core/model';
import { ALL_RULES } from '../core/rules/index';
import { toTextEdits } from './convert';
import { Analysis } from './documents';

/** Rules whose fixes insert skeletons from the template. */
export const INSERTING_RULES = ['section.missing', 'task-group.missing'];

/**
 * The fix loop's change as LSP edits of the document: one per changed line, each trimmed of what
 * it keeps, so that the rest of the text (the cursor, folding, marks) is left alone and a client
 * applies them quickly whether it applies them at once or one by one.
 */
function loopEdits(plan: PlanModel, check: (text: string) => readonly Finding[], options: FixAllOptions = {}): TextEdit[] {
  const { changes } = fixAllChanges(plan.text, check, options);
  return toTextEdits(plan.lines, joinEditsOnSameLine(plan.text, changes));
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

/**
 * Applies every mechanical fix until none is left (the core's loop, as `plan43 check --fix`) and
 * returns the change as edits. Insertions of template text are left out: they stay quick fixes the
 * drafter chooses.
 */
export function fixAllEdits(analysis: Analysis): TextEdit[] {
  return cached(fixAllCache, analysis, () => computeFixAll(analysis));
}

function computeFixAll(analysis: Analysis): TextEdit[] {
  const { plan, settings, kb } = analysis;
  if (!plan.isPlan) return [];
  // Re-parsed as the document was parsed.
  const syntax = plan.format;
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
  return loopEdits(plan, check);
}

/** Inserts every missing section and task group with its skeleton, whatever the levels the user set for those rules. */
export function insertMissingEdits(analysis: Analysis): TextEdit[] {
  return cached(insertCache, analysis, () => computeInsertMissing(analysis));
}

function computeInsertMissing(analysis: Analysis): TextEdit[] {
  const { plan, settings, kb } = analysis;
  if (!plan.isPlan) return [];
  const rules = ALL_RULES.filter((r) => INSERTING_RULES.includes(r.id));
  if (rules.length === 0) return [];
  const levels: Record<string, Level> = Object.fromEntries(rules.map((r) => [r.id, 'warning' as Level]));
  const syntax = plan.format;
  const check = (text: string): readonly Finding[] =>
    checkPlan(parsePlan(analysis.uri, text, syntax), kb, { mode: 'drafting', lang: settings.lang, levels, rules, today: analysis.today }).filter((f) =>
      INSERTING_RULES.includes(f.ruleId),
    );
  return loopEdits(plan, check, { kinds: ['insertion'] });
}
