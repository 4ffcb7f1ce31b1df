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

export function toDiagnostic(
  finding: Finding,
  lines: LineIndex,
  uri: string,
  version: number | null,
  helpUri: (ruleId: string) => string | undefined,
): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId };
  if (version !== null) data.version = version;
  if (finding.fix) data.fix = { title: finding.fix.title, edits: toTextEdits(lines, finding.fix.edits), kind: finding.fix.kind };
  const diagnostic: Diagnostic = {
    range: toRange(lines, finding.start, finding.end),
    severity: toSeverity(finding.severity),
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
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

/** Reads Diagnostic.data written by toDiagnostic, tolerating anything else a client sends back. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const d = diagnostic.data as DiagnosticData | undefined;
  if (!d || typeof d !== 'object' || typeof d.ruleId !== 'string') return undefined;
  return d;
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character
  );
}
