// Findings: what a rule reports, as plain data with source offsets, shared by the CLI, the report and the server.

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

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

/** Replaces {name} placeholders in a message. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}
