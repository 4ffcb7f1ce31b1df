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
import { LineIndex } from '../core/text/line-index';
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
