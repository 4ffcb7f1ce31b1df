// A plan's diagnostics made from the last version's where the check's findings are the last list's: the runs of the findings' delta (node/findings-delta.ts) read in step with the last diagnostics, a diagnostic kept or moved by whole lines where its lines did not change, with no map per finding; and whether two versions' diagnostics are the same JSON (a pull then answered "unchanged").

import { Diagnostic, Range } from 'vscode-languageserver/node';
import { Finding } from '../core/findings';
import { LineIndex } from '../core/text/line-index';
import { FindingsList, FindingsOrigin } from '../node/findings-delta';
import { toDiagnostic } from './convert';

/** The diagnostics of one version of a plan, with what they were made from. */
export interface MadeDiagnostics {
  uri: string;
  /** The list of findings they stand for (FindingsOrigin.list); undefined when the check named none. */
  list: object | undefined;
  /** The findings as given (an array, or the list as the runner holds it), for a caller to tell whether they are the same. */
  source: readonly Finding[] | FindingsList;
  /** The findings, read through their objects and shifts. */
  findings: FindingsList;
  lines: LineIndex;
  items: Diagnostic[];
  /**
   * For each of `items`, the index of the last version's diagnostic it is (the same object, so the
   * same JSON), else -1; undefined when none was taken from it.
   */
  sources: Int32Array | undefined;
}

/**
 * The diagnostics of `findings`, as `toDiagnostic` makes each of them: a finding of the last list
 * that did not move (or moved by the change of the text's length), all of whose offsets are on
 * lines the two line indexes agree on, gives the last diagnostic (the same object) or a copy with
 * its lines moved; any other is converted afresh. `findings` may be the list as the runner holds it
 * (FindingsOrigin.findings): a moved finding is then made only when it is converted afresh.
 */
export function diagnosticsAfter(
  last: MadeDiagnostics | undefined,
  uri: string,
  source: readonly Finding[] | FindingsList,
  origin: FindingsOrigin | undefined,
  lines: LineIndex,
  helpUri: (ruleId: string) => string | undefined,
): MadeDiagnostics {
  const list = origin?.list;
  const base = origin?.base;
  const findings = source instanceof FindingsList ? source : FindingsList.of(source);
  const objects = findings.objects;
  const count = findings.length;
  const items = new Array<Diagnostic>(count);
  if (last === undefined || base === undefined || base.list !== last.list || last.list === undefined || last.uri !== uri) {
    for (let i = 0; i < count; i++) items[i] = toDiagnostic(findings.at(i), lines, uri, helpUri);
    return { uri, list, source, findings, lines, items, sources: undefined };
  }
  const lastObjects = last.findings.objects;
  const agree = lines.agreement(last.lines);
  const sources = new Int32Array(count);
  const ops = base.ops;
  let at = 0;
  for (let o = 0; o < ops.length; o += 3) {
    const from = ops[o];
    const n = ops[o + 1];
    const shift = ops[o + 2];
    for (let k = 0; k < n && at < count; k++, at++) {
      const j = from + k;
      sources[at] = -1;
      if (from < 0 || j >= last.items.length) {
        items[at] = toDiagnostic(findings.at(at), lines, uri, helpUri);
        continue;
      }
      const d = last.items[j];
      // The last version's finding j is its object moved `was` on: the bounds are moved back instead.
      const was = last.findings.shift(j);
      const before = shift === 0 && allBefore(lastObjects[j], agree.before - was);
      const after = !before && shift === agree.shift && allAfter(lastObjects[j], agree.after - was, agree.earlierLength - was);
      if ((!before && !after) || (d.codeDescription === undefined ? undefined : d.codeDescription.href) !== helpUri(objects[at].ruleId)) {
        items[at] = toDiagnostic(findings.at(at), lines, uri, helpUri);
      } else if (before || agree.lines === 0) {
        items[at] = d;
        sources[at] = j;
      } else items[at] = movedLines(d, agree.lines);
    }
  }
  // Findings the runs do not cover (never, from a delta of this list): converted afresh.
  for (; at < count; at++) {
    sources[at] = -1;
    items[at] = toDiagnostic(findings.at(at), lines, uri, helpUri);
  }
  return { uri, list, source, findings, lines, items, sources };
}

/** Whether every offset a finding's diagnostic reads (as toRange reads them) is below `before`. */
function allBefore(f: Finding, before: number): boolean {
  if (!(f.start < before && Math.max(f.start, f.end) < before)) return false;
  const related = f.related;
  if (related !== undefined) {
    for (let i = 0; i < related.length; i++) {
      if (!(related[i].start < before && Math.max(related[i].start, related[i].end) < before)) return false;
    }
  }
  return true;
}

/** Whether every offset a finding's diagnostic reads is in [lo, hi] (the part after the change the indexes agree on). */
function allAfter(f: Finding, lo: number, hi: number): boolean {
  const end = Math.max(f.start, f.end);
  if (!(f.start >= lo && end <= hi)) return false;
  const related = f.related;
  if (related !== undefined) {
    for (let i = 0; i < related.length; i++) {
      const r = related[i];
      if (!(r.start >= lo && Math.max(r.start, r.end) <= hi)) return false;
    }
  }
  return true;
}

function movedRange(r: Range, lines: number): Range {
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}

/** `d` with its ranges `lines` lines further: the same keys in the same order. */
function movedLines(d: Diagnostic, lines: number): Diagnostic {
  const out: Diagnostic = { ...d, range: movedRange(d.range, lines) };
  if (d.relatedInformation !== undefined) {
    out.relatedInformation = d.relatedInformation.map((r) => ({ location: { uri: r.location.uri, range: movedRange(r.location.range, lines) }, message: r.message }));
  }
  return out;
}

/**
 * Whether two lists of diagnostics are the same JSON, element by element: an element the same
 * object, or equal in every key, in the same order (a diagnostic made again for an unchanged
 * finding on the line typed in). Any doubt (a key of another shape) answers false.
 */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && !sameJson(a[i], b[i])) return false;
  }
  return true;
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameJson((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}
