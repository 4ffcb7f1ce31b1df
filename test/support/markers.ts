// Reads the expected findings marked inline in a fixture (see test/fixtures/README.md).

/**
 * The day a fixture with no date of its own is checked as of, unless it says otherwise with a
 * `today: yyyy-mm-dd` marker (the undated seeds were in force in 2024 and are checked as of then).
 */
export const FIXTURE_TODAY = '2026-12-05';

export interface Expectations {
  /** The day the fixture is checked as of when it has no date ("today: 2024-06-30"). */
  today: string;
  /** line (1-based) → rule ids expected in the drafting run (repeats kept). */
  drafting: Map<number, string[]>;
  /** line → rule ids expected only in the submission run. */
  submissionOnly: Map<number, string[]>;
}

function add(map: Map<number, string[]>, line: number, ids: string[]): void {
  if (ids.length === 0) return;
  map.set(line, [...(map.get(line) ?? []), ...ids]);
}

function parseParts(comment: string, line: number, ex: Expectations): void {
  for (const part of comment.split(';')) {
    const today = /^\s*today\s*:\s*(\d{4}-\d{2}-\d{2})\s*$/.exec(part);
    if (today) {
      ex.today = today[1];
      continue;
    }
    const m = /^\s*(expect|expect-submission)\s*:\s*(.+?)\s*$/.exec(part);
    if (!m) continue;
    const ids = m[2].split(',').map((s) => s.trim()).filter(Boolean);
    add(m[1] === 'expect' ? ex.drafting : ex.submissionOnly, line, ids);
  }
}

export function readExpectations(text: string, format: 'markdown' | 'yaml'): Expectations {
  const ex: Expectations = { today: FIXTURE_TODAY, drafting: new Map(), submissionOnly: new Map() };
  const lines = text.split(/\r\n|\r|\n/);
  let inFrontMatter = format === 'yaml';
  lines.forEach((line, i) => {
    if (format === 'markdown') {
      if (i === 0 && line.trim() === '---') {
        inFrontMatter = true;
        return;
      }
      if (inFrontMatter && (line.trim() === '---' || line.trim() === '...')) {
        inFrontMatter = false;
        return;
      }
    }
    if (inFrontMatter) {
      const hash = line.search(/\s#\s|^#\s/);
      if (hash >= 0) parseParts(line.slice(hash).replace(/^\s*#/, ''), i + 1, ex);
      return;
    }
    const re = /<!--([\s\S]*?)-->/g;
    for (let m = re.exec(line); m; m = re.exec(line)) parseParts(m[1], i + 1, ex);
  });
  return ex;
}

/** Turns findings into the same line → ids shape for comparison. */
export function byLine(items: ReadonlyArray<{ line: number; ruleId: string }>): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const it of items) add(map, it.line, [it.ruleId]);
  return map;
}

/** Lists the differences between expected and actual, or returns [] when they agree. */
export function diffExpectations(expected: Map<number, string[]>, actual: Map<number, string[]>): string[] {
  const out: string[] = [];
  const lines = [...new Set([...expected.keys(), ...actual.keys()])].sort((a, b) => a - b);
  for (const line of lines) {
    const want = [...(expected.get(line) ?? [])].sort();
    const got = [...(actual.get(line) ?? [])].sort();
    const missing = [...want];
    const extra: string[] = [];
    for (const g of got) {
      const i = missing.indexOf(g);
      if (i >= 0) missing.splice(i, 1);
      else extra.push(g);
    }
    if (missing.length) out.push(`line ${line}: expected but not reported: ${missing.join(', ')}`);
    if (extra.length) out.push(`line ${line}: reported but not marked: ${extra.join(', ')}`);
  }
  return out;
}
