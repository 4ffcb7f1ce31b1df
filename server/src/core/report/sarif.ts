// SARIF 2.1.0 output: one run, rule metadata with help links, one result per finding.

import { Finding, Lang, Severity } from '../findings';
import { LineIndex } from '../text/line-index';
import { RuleMeta } from '../rules/rule';

export interface SarifInput {
  /** URI of the file, relative to the run's base (forward slashes) or absolute. */
  uri: string;
  text: string;
  findings: readonly Finding[];
}

export interface SarifOptions {
  toolName: string;
  toolVersion: string;
  informationUri?: string;
  /** Absolute URI of a rule's docs page. */
  helpUri(ruleId: string): string;
  lang: Lang;
  rules: readonly RuleMeta[];
  /** Absolute URI of the folder the file URIs are relative to. */
  baseUri?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** The SARIF results of one file's findings. */
export function sarifResults(input: SarifInput, options: SarifOptions): object[] {
  const index = ruleIndex(options.rules);
  const lines = new LineIndex(input.text);
  return input.findings.map((f) => {
    const s = lines.positionAt(f.start);
    const e = lines.positionAt(f.end);
    const region = {
      startLine: s.line + 1,
      startColumn: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      charOffset: f.start,
      charLength: f.end - f.start,
    };
    const location = {
      physicalLocation: {
        artifactLocation: { uri: input.uri, ...(options.baseUri ? { uriBaseId: 'SRCROOT' } : {}) },
        region,
      },
    };
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [location],
    };
    const ruleIndex = index.get(f.ruleId);
    if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
    if (f.related?.length) {
      result.relatedLocations = f.related.map((r, i) => {
        const rs = lines.positionAt(r.start);
        const re = lines.positionAt(r.end);
        return {
          id: i + 1,
          message: { text: r.message },
          physicalLocation: {
            artifactLocation: { uri: input.uri, ...(options.baseUri ? { uriBaseId: 'SRCROOT' } : {}) },
            region: { startLine: rs.line + 1, startColumn: rs.character + 1, endLine: re.line + 1, endColumn: re.character + 1 },
          },
        };
      });
    }
    if (f.fix) {
      result.fixes = [
        {
          description: { text: f.fix.title },
          artifactChanges: [
            {
              artifactLocation: { uri: input.uri, ...(options.baseUri ? { uriBaseId: 'SRCROOT' } : {}) },
              replacements: f.fix.edits.map((edit) => ({
                deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
                insertedContent: { text: edit.newText },
              })),
            },
          ],
        },
      ];
    }
    return result;
  });
}

const ruleIndexes = new WeakMap<readonly RuleMeta[], Map<string, number>>();

function ruleIndex(rules: readonly RuleMeta[]): Map<string, number> {
  let index = ruleIndexes.get(rules);
  if (!index) {
    index = new Map(rules.map((r, i) => [r.id, i]));
    ruleIndexes.set(rules, index);
  }
  return index;
}

/** The SARIF log of a run: every rule's metadata, and the results given (empty to stream them in). */
export function sarifLog(options: SarifOptions, results: readonly object[]): object {
  // Every rule is listed, used or not, so a viewer can explain any id and show what was checked.
  const rules = options.rules;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName,
            version: options.toolVersion,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            language: options.lang,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[.-](\w)/g, (_m, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title[options.lang] },
              fullDescription: { text: r.description[options.lang] },
              helpUri: options.helpUri(r.id),
              defaultConfiguration: {
                level: r.severity.drafting === 'off' ? 'none' : LEVEL[r.severity.drafting],
                enabled: r.severity.drafting !== 'off',
              },
              properties: {
                category: r.category,
                fixable: r.fixable,
                submissionLevel: r.severity.submission,
              },
            })),
          },
        },
        ...(options.baseUri ? { originalUriBaseIds: { SRCROOT: { uri: options.baseUri } } } : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function toSarif(inputs: readonly SarifInput[], options: SarifOptions): object {
  return sarifLog(
    options,
    inputs.flatMap((input) => sarifResults(input, options)),
  );
}
