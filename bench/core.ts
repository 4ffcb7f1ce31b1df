// In-process cost of the core on one document: parse and check, cold and warm, and the memory its model and findings hold.

import { checkPlan } from '../server/src/core/engine';
import { KnowledgeBase } from '../server/src/core/data/types';
import { parsePlan } from '../server/src/core/document/parse';
import { now, Summary, summarize } from './stats';

export interface CoreCost {
  parse: Summary;
  check: Summary;
  total: Summary;
  findings: number;
  /** Heap held by one analysed document (model + findings), in bytes; undefined without --expose-gc. */
  retainedBytes?: number;
}

function collect(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

export function coreCost(uri: string, text: string, kb: KnowledgeBase, runs: number): CoreCost {
  const parse: number[] = [];
  const check: number[] = [];
  const total: number[] = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    // A fresh string each run, as an edit produces, so that nothing is cached on the text.
    const source = i % 2 === 0 ? `${text} ` : `${text}\n`;
    const t0 = now();
    const plan = parsePlan(uri, source);
    const t1 = now();
    const found = checkPlan(plan, kb, { mode: 'drafting', lang: 'vi' });
    const t2 = now();
    parse.push(t1 - t0);
    check.push(t2 - t1);
    total.push(t2 - t0);
    findings = found.length;
  }
  let retainedBytes: number | undefined;
  if (collect()) {
    // Several versions held at once, so that the difference stands out of the heap's noise; the
    // text itself is not counted (the editor holds it anyway).
    const copies = 4;
    const sources = Array.from({ length: copies }, (_, i) => `${text}${'\n'.repeat(i + 2)}`);
    collect();
    const before = process.memoryUsage().heapUsed;
    const held = sources.map((source) => {
      const plan = parsePlan(uri, source);
      return { plan, findings: checkPlan(plan, kb, { mode: 'drafting', lang: 'vi' }) };
    });
    collect();
    retainedBytes = Math.max(0, (process.memoryUsage().heapUsed - before) / copies);
    // Keep them alive until after the measurement.
    if (held.length !== copies) throw new Error('unreachable');
  }
  return { parse: summarize(parse), check: summarize(check), total: summarize(total), findings, ...(retainedBytes !== undefined ? { retainedBytes } : {}) };
}
