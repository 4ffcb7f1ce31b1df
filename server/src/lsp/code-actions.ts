// Code actions: a quick fix per fixable diagnostic, "fix all" (mechanical fixes) as source.fixAll.plan43, and "insert all missing sections".

import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { Lang } from '../core/findings';
import { CheckRunner } from '../node/check-runner';
import { guarded, ServerContext } from './context';
import { findingOf, toTextEdits } from './convert';
import { Analysis } from './documents';
import { fixAllEdits, insertMissingEdits } from './fixes';
import { DIAGNOSTIC_SOURCE, FIX_ALL_CODE_ACTION_KIND, INSERT_MISSING_SECTIONS_CODE_ACTION_KIND } from './protocol';

const T = {
  fixAll: { vi: 'Sửa tất cả lỗi sửa được tự động trong văn bản (Plan43)', en: 'Fix all auto-fixable problems in this document (Plan43)' },
  insertMissing: { vi: 'Chèn tất cả các phần, nhóm nhiệm vụ còn thiếu theo mẫu (Plan43)', en: 'Insert all missing sections and task groups from the template (Plan43)' },
};

/** True when `kind` is requested by `only` (a requested kind covers its sub-kinds). */
function requested(only: readonly string[] | undefined, kind: string, whenUnspecified: boolean): boolean {
  if (!only || only.length === 0) return whenUnspecified;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The fix of a diagnostic, from the finding it stands for in the document's current version. */
function fixOf(diagnostic: Diagnostic, analysis: Analysis): { title: string; edits: TextEdit[]; mechanical: boolean } | undefined {
  const finding = findingOf(diagnostic, analysis.findings, analysis.plan.lines);
  return finding?.fix
    ? { title: finding.fix.title, edits: toTextEdits(analysis.plan.lines, finding.fix.edits), mechanical: finding.fix.kind === 'mechanical' }
    : undefined;
}

export async function codeActions(runner: CheckRunner, params: CodeActionParams, analysis: Analysis): Promise<CodeAction[]> {
  if (!analysis.plan.isPlan) return [];
  const lang: Lang = analysis.settings.lang;
  const uri = params.textDocument.uri;
  const only = params.context.only;
  const actions: CodeAction[] = [];

  if (requested(only, CodeActionKind.QuickFix, true)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const fix = fixOf(diagnostic, analysis);
      if (!fix || fix.edits.length === 0) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        // Auto Fix applies preferred fixes unasked: template text to complete is never one.
        isPreferred: fix.mechanical,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
    // As vscode-eslint does: next to a quick fix, offer to fix everything when there is more to fix.
    if (actions.length > 0 && analysis.findings.filter((f) => f.fix?.kind === 'mechanical').length > 1) {
      const edits = await fixAllEdits(runner, analysis);
      if (edits.length) actions.push({ title: T.fixAll[lang], kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } });
    }
  }

  // Source actions only when asked for (the Source Action menu, code actions on save).
  if (requested(only, FIX_ALL_CODE_ACTION_KIND, false)) {
    const edits = await fixAllEdits(runner, analysis);
    if (edits.length) actions.push({ title: T.fixAll[lang], kind: FIX_ALL_CODE_ACTION_KIND, edit: { changes: { [uri]: edits } } });
  }
  if (requested(only, INSERT_MISSING_SECTIONS_CODE_ACTION_KIND, false)) {
    const edits = await insertMissingEdits(runner, analysis);
    if (edits.length) actions.push({ title: T.insertMissing[lang], kind: INSERT_MISSING_SECTIONS_CODE_ACTION_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}

export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction(
    guarded(ctx, 'textDocument/codeAction', [] as CodeAction[], async (params: CodeActionParams) => {
      const analysis = await ctx.analyze(params.textDocument.uri);
      if (!analysis) return [];
      return codeActions(ctx.runner, params, analysis);
    }),
  );
}
