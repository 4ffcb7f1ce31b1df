// The one place where core offsets become LSP positions and findings become diagnostics and edits.

import {
  Diagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  DiagnosticTag,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver/node';
import { Finding, Severity, TextEdit as CoreEdit } from '../core/findings';
import { LineAgreement, LineIndex } from '../core/text/line-index';
import { DiagnosticData, DIAGNOSTIC_SOURCE } from './protocol';

export function toPosition(lines: LineIndex, offset: number): Position {
  return lines.positionAt(offset);
}

export function toOffset(lines: LineIndex, position: Position): number {
  return lines.offsetAt(position);
}

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
}

export function toSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

export function toTextEdits(lines: LineIndex, edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText }));
}

/**
 * The diagnostic of a finding. It depends on the finding and the lines only (not on the
 * document's version): the fix stays on the server (see DiagnosticData).
 */
export function toDiagnostic(finding: Finding, lines: LineIndex, uri: string, helpUri: (ruleId: string) => string | undefined): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(lines, finding.start, finding.end),
    severity: toSeverity(finding.severity),
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.fix) diagnostic.data = { fix: finding.fix.kind } satisfies DiagnosticData;
  const href = helpUri(finding.ruleId);
  if (href) diagnostic.codeDescription = { href };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri, range: toRange(lines, r.start, r.end) }, message: r.message }),
    );
  }
  if (finding.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
  return diagnostic;
}

/** One version's diagnostics of a document, by the finding each was made from, and its lines. */
export interface KeptDiagnostics {
  lines: LineIndex;
  byFinding: Map<Finding, Diagnostic>;
}

/**
 * The diagnostics of `findings`, each as `toDiagnostic` makes it, reusing the last version's where
 * that gives the same: after a keystroke most findings are the same objects as the last version's
 * (those before the change) or copies moved by it (those after), and their lines did not change.
 * A finding reuses the diagnostic of itself, or of the finding `sourceOf` says it was moved from,
 * when every offset it reads lies before the first line start the two versions differ in (the
 * same range), or after the last one (the range moved by the change's count of lines, when the
 * finding moved by the change of the text's length). Anything else is converted afresh.
 */
export function toDiagnosticsAfter(
  findings: readonly Finding[],
  lines: LineIndex,
  uri: string,
  helpUri: (ruleId: string) => string | undefined,
  last: KeptDiagnostics | undefined,
  sourceOf: (f: Finding) => Finding | undefined,
): { items: Diagnostic[]; kept: KeptDiagnostics } {
  const byFinding = new Map<Finding, Diagnostic>();
  const items = new Array<Diagnostic>(findings.length);
  const agree = last ? lines.agreement(last.lines) : undefined;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    let d = last && agree ? reused(f, last.byFinding, agree, helpUri, sourceOf) : undefined;
    d ??= toDiagnostic(f, lines, uri, helpUri);
    items[i] = d;
    byFinding.set(f, d);
  }
  return { items, kept: { lines, byFinding } };
}

/** The last version's diagnostic of `f` (or of its source), as it reads in the new lines; undefined when it must be made afresh. */
function reused(
  f: Finding,
  byFinding: Map<Finding, Diagnostic>,
  agree: LineAgreement,
  helpUri: (ruleId: string) => string | undefined,
  sourceOf: (f: Finding) => Finding | undefined,
): Diagnostic | undefined {
  let source = f;
  let old = byFinding.get(f);
  if (old === undefined) {
    const moved = sourceOf(f);
    if (moved === undefined) return undefined;
    old = byFinding.get(moved);
    if (old === undefined) return undefined;
    source = moved;
  }
  // The link to the rule's help may have changed since (the extension's folder).
  if (old.codeDescription?.href !== helpUri(f.ruleId)) return undefined;
  let lo = Math.min(source.start, source.end);
  let hi = Math.max(source.start, source.end);
  if (source.related) {
    for (const r of source.related) {
      lo = Math.min(lo, r.start, r.end);
      hi = Math.max(hi, r.start, r.end);
    }
  }
  const shift = f.start - source.start;
  if (shift === 0 && hi < agree.before) return old;
  if (shift === agree.shift && lo >= agree.after && hi <= agree.earlierLength) return agree.lines === 0 ? old : movedDiagnostic(old, agree.lines);
  return undefined;
}

/** `d` with its ranges `lines` lines further, its other fields the same (and its keys in the same order). */
function movedDiagnostic(d: Diagnostic, lines: number): Diagnostic {
  const out: Diagnostic = { ...d, range: movedRange(d.range, lines) };
  if (d.relatedInformation) {
    out.relatedInformation = d.relatedInformation.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: r.location.uri, range: movedRange(r.location.range, lines) }, message: r.message }),
    );
  }
  return out;
}

function movedRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

/**
 * The finding a diagnostic of this server stands for, among the findings of the document's current
 * version: same rule, message and range. A diagnostic of an older version whose finding moved or
 * changed has none.
 */
export function findingOf(diagnostic: Diagnostic, findings: readonly Finding[], lines: LineIndex): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') return undefined;
  return findings.find(
    (f) => f.ruleId === diagnostic.code && f.message === diagnostic.message && sameRange(toRange(lines, f.start, f.end), diagnostic.range),
  );
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}
