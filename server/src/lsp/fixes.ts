// Whole-document edits shared by code actions, commands and custom requests: fix all, insert every missing section.

import { TextEdit } from 'vscode-languageserver/node';
import { CheckRunner } from '../node/check-runner';
import { LineIndex } from '../core/text/line-index';
import { minimalEdit, toTextEdits } from './convert';
import { Analysis, syntaxFor } from './documents';

function editsBetween(before: string, after: string): TextEdit[] {
  const edit = minimalEdit(before, after);
  return edit ? toTextEdits(new LineIndex(before), [edit]) : [];
}

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
 * Applies every mechanical fix until none is left (the core's loop, in the check worker) and
 * returns the change as one minimal edit.
 */
export function fixAllEdits(runner: CheckRunner, analysis: Analysis, languageId?: string): Promise<TextEdit[]> {
  return cached(fixAllCache, analysis, () => computeEdits(runner, analysis, 'fix-all', languageId));
}

/** Inserts every missing section and task group with its skeleton, whatever the levels the user set for those rules. */
export function insertMissingEdits(runner: CheckRunner, analysis: Analysis, languageId?: string): Promise<TextEdit[]> {
  return cached(insertCache, analysis, () => computeEdits(runner, analysis, 'insert-missing', languageId));
}

async function computeEdits(runner: CheckRunner, analysis: Analysis, kind: 'fix-all' | 'insert-missing', languageId?: string): Promise<TextEdit[]> {
  const { plan, settings, kb } = analysis;
  if (!plan.isPlan) return [];
  const syntax = syntaxFor(analysis.uri, languageId) ?? plan.format;
  const job = { uri: analysis.uri, text: plan.text, syntax, settings: { mode: settings.mode, lang: settings.lang, levels: settings.levels }, kb };
  const fixed = await runner.fix(kind === 'fix-all' ? { ...job, kind, findings: analysis.findings } : { ...job, kind });
  return editsBetween(plan.text, fixed);
}
