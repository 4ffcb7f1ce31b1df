// Findings: what a rule reports, as plain data with source offsets, shared by the CLI, the report and the server.

import { MAX_QUOTED_CHARS } from './limits';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Level = Severity | 'off';
export type Lang = 'vi' | 'en';
export type Mode = 'drafting' | 'submission';

export interface Localized {
  vi: string;
  en: string;
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * What a fix does: a mechanical correction (a look-alike letter, a date from the registry, a
 * numeral), or the insertion of a section or group skeleton from the template, whose "…" the
 * drafter must then replace. Batch fixers (`plan43 check --fix`, fix-all) apply only mechanical
 * fixes; an insertion is a quick fix the drafter chooses in the editor.
 */
export type FixKind = 'mechanical' | 'insertion';

export interface Fix {
  title: string;
  edits: TextEdit[];
  kind: FixKind;
}

export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fix?: Fix;
  related?: RelatedLocation[];
  /** Marks a finding about text that may be removed (LSP "unnecessary" tag). */
  unnecessary?: boolean;
}

/**
 * A finding, with every field written in one order: `fix`, `related` and `unnecessary` are
 * `undefined` when it has none, never missing. Findings of one shape keep V8's loads of them
 * monomorphic where lists of findings are compared and moved (the incremental pass, the worker's
 * delta, the server's diagnostics): findings of several shapes deoptimized those functions
 * (docs/benchmarks.md, seventeenth and eighteenth rounds). Every finding is made here. JSON drops
 * the `undefined` fields, so the reports are as before; the worker's structured clone keeps them.
 *
 * Written field by field onto `{}`, not as one literal: the structured clone that brings the
 * worker's findings to the server makes each object so (from an empty object, a field at a time),
 * and only then is a finding moved on the server's side (findings-delta.ts) of the same hidden
 * class as one that came from the worker. A literal has a class of its own.
 */
export function makeFinding(
  ruleId: string,
  severity: Severity,
  message: string,
  start: number,
  end: number,
  fix?: Fix,
  related?: RelatedLocation[],
  unnecessary?: boolean,
): Finding {
  const f = {} as Finding;
  f.ruleId = ruleId;
  f.severity = severity;
  f.message = message;
  f.start = start;
  f.end = end;
  f.fix = fix;
  f.related = related;
  f.unnecessary = unnecessary;
  return f;
}

/**
 * A finding `delta` characters further on (the same object when `delta` is 0), made as every
 * finding is (`makeFinding`): a spread of findings of several shapes took V8's slow path. The
 * incremental check moves the kept findings of a moved block with it, the worker's delta the
 * findings after an edit.
 */
export function shiftedFinding(f: Finding, delta: number): Finding {
  if (delta === 0) return f;
  const fix = f.fix;
  let moved: Finding['fix'];
  if (fix) {
    // The lists written by index rather than by `map` (a closure each): a keystroke in 20,000 lines
    // moves some thousand findings, most of them with a fix.
    const edits = new Array<TextEdit>(fix.edits.length);
    for (let i = 0; i < edits.length; i++) {
      const e = fix.edits[i];
      edits[i] = { start: e.start + delta, end: e.end + delta, newText: e.newText };
    }
    moved = { title: fix.title, edits, kind: fix.kind };
  }
  const related = f.related && f.related.map((r) => ({ start: r.start + delta, end: r.end + delta, message: r.message }));
  return makeFinding(f.ruleId, f.severity, f.message, f.start + delta, f.end + delta, moved, related, f.unnecessary);
}

/**
 * A check's findings as the objects they were made from and how far each is moved: finding `i` is
 * `objects[i]` moved `shifts[i]` characters on (`shiftedFinding`), `shifts` undefined when none
 * is. The incremental check gives a kept finding of a moved block so, rather than a moved copy of
 * it at every keystroke (some 1,600 findings, 0.24 MB a keystroke on 20,000 lines one paragraph
 * per line: docs/benchmarks.md, twenty-second round), and the worker's delta reads them so
 * (node/findings-delta.ts). `shifts` may be longer than `objects`: only the first
 * `objects.length` are read.
 */
export interface HeldFindings {
  readonly objects: readonly Finding[];
  readonly shifts: Int32Array | undefined;
}

/** The findings themselves: `objects` itself when none is moved, else a new list of each moved (`shiftedFinding`). */
export function heldFindings(held: HeldFindings): Finding[] {
  const { objects, shifts } = held;
  if (shifts === undefined) return objects as Finding[];
  const out = new Array<Finding>(objects.length);
  for (let i = 0; i < objects.length; i++) out[i] = shiftedFinding(objects[i], shifts[i]);
  return out;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/**
 * The order of a plan's findings: by place, then rule id, then message, the last two by UTF-16 code
 * units. Not `localeCompare`: its order follows the locale the process runs in, so one plan's report
 * could differ between two machines; and V8 loads the collator's data for it (about 2.2 MB resident in
 * the server, 69 M instructions at a process's first call: docs/benchmarks.md, fourteenth round) for
 * findings that rarely tie past their rule (several missing task groups at one heading, told apart by
 * their numbers, which both orders put alike). Rule ids are lower-case ASCII, dots and hyphens, where
 * the two orders agree (a test says so).
 */
export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || compareCodeUnits(a.ruleId, b.ruleId) || compareCodeUnits(a.message, b.message);
}

/** The order of `compareFindings` between `a` moved `sa` characters on and `b` moved `sb` on. */
export function compareMovedFindings(a: Finding, sa: number, b: Finding, sb: number): number {
  return a.start + sa - (b.start + sb) || a.end + sa - (b.end + sb) || compareCodeUnits(a.ruleId, b.ruleId) || compareCodeUnits(a.message, b.message);
}

/** Two strings' order by their UTF-16 code units (that of `<`), as a comparator's number. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A text cut to at most `max` characters, "…" marking the cut; a surrogate pair is never split.
 * Messages quote the plan, and a plan can hold a "title" or a numeral of any length.
 */
export function boundText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A message template cut at its {name} placeholders: the texts between them (one more than the
 * names), and the names. Templates are the rules' own few hundred strings, so each is cut once:
 * the checks of an edited document format every finding of the document rules at every version.
 */
interface TemplateParts {
  texts: string[];
  names: string[];
}

const templateParts = new Map<string, TemplateParts>();

function partsOf(template: string): TemplateParts {
  let parts = templateParts.get(template);
  if (!parts) {
    parts = { texts: [], names: [] };
    let from = 0;
    for (const m of template.matchAll(/\{(\w+)\}/g)) {
      parts.texts.push(template.slice(from, m.index));
      parts.names.push(m[1]);
      from = m.index + m[0].length;
    }
    parts.texts.push(template.slice(from));
    // Only the templates a rule could hold are kept; a template made of data is cut every time.
    if (templateParts.size < 4096) templateParts.set(template, parts);
  }
  return parts;
}

/** Replaces {name} placeholders in a message; each value is cut to MAX_QUOTED_CHARS. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  const { texts, names } = partsOf(template);
  let out = texts[0];
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    out += (key in data ? boundText(String(data[key]), MAX_QUOTED_CHARS) : `{${key}}`) + texts[i + 1];
  }
  return out;
}
