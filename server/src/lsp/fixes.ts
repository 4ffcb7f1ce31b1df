// Whole-document edits shared by code actions, commands and custom requests: fix all (mechanical fixes only), insert every missing section.

import { TextEdit } from 'vscode-languageserver/node';
import { joinEditsOnSameLine } from '../core/fix';
import { CheckRunner } from '../node/check-runner';
import { toTextEdits } from './convert';
import { Analysis } from './documents';

// Analyses are cached per document version, so the edits computed for one are cached with it:
// VS Code asks for code actions at every move of the cursor over a diagnostic.
const fixAllCache = new WeakMap<Analysis, Promise<TextEdit[]>>();
const insertCache = new WeakMap<Analysis, Promise<TextEdit[]>>();

function cached(cache: WeakMap<Analysis, Promise<TextEdit[]>>, analysis: Analysis, compute: () => Promise<TextEdit[]>): Promise<TextEdit[]> {
  let edits = cache.get(analysis);
  if (!edits) {
    edits = compute();
    cache.set(analysis, edits);
    // A failure (the worker stopped) is not kept: the next request tries again.
    edits.catch(() => cache.delete(analysis));
  }
  return edits;
}

/**
 * Applies every mechanical fix until none is left (the core's loop, as `plan43 check --fix`, run in
 * the check worker) and returns the change as edits. Insertions of template text are left out:
 * they stay quick fixes the drafter chooses.
 */
export function fixAllEdits(runner: CheckRunner, analysis: Analysis): Promise<TextEdit[]> {
  return cached(fixAllCache, analysis, () => computeEdits(runner, analysis, 'fix-all'));
}

/** Inserts every missing section and task group with its skeleton, whatever the levels the user set for those rules. */
export function insertMissingEdits(runner: CheckRunner, analysis: Analysis): Promise<TextEdit[]> {
  return cached(insertCache, analysis, () => computeEdits(runner, analysis, 'insert-missing'));
}

/**
 * The fix loop's change as LSP edits of the document: one per changed line, each trimmed of what
 * it keeps, so that the rest of the text (the cursor, folding, marks) is left alone and a client
 * applies them quickly whether it applies them at once or one by one.
 */
async function computeEdits(runner: CheckRunner, analysis: Analysis, kind: 'fix-all' | 'insert-missing'): Promise<TextEdit[]> {
  const { plan, settings, kb } = analysis;
  if (!plan.isPlan) return [];
  // Re-parsed as the document was parsed.
  const job = {
    uri: analysis.uri,
    text: plan.text,
    syntax: plan.format,
    settings: { mode: settings.mode, lang: settings.lang, levels: settings.levels, today: analysis.today },
    kb,
  };
  const changes = await runner.fix(kind === 'fix-all' ? { ...job, kind, findings: analysis.findings } : { ...job, kind });
  return toTextEdits(plan.lines, joinEditsOnSameLine(plan.text, changes));
}
