// Findings as their readers see them: without the optional fields a finding holds as `undefined` (JSON drops them, and every reader tests them for a value), for tests that compare findings with literals.

import { Finding } from '../../server/src/core/findings';

/** A copy of each finding without its `undefined` fields. */
export function asRead(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f)) if (v !== undefined) out[k] = v;
    return out as unknown as Finding;
  });
}
