// Small statistics and formatting helpers of the benchmarks: percentiles, sizes, rates, Markdown tables.

import { performance } from 'node:perf_hooks';

export const now = (): number => performance.now();

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: sorted.length ? sum / sorted.length : NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function mb(bytes: number | undefined): string {
  if (bytes === undefined || Number.isNaN(bytes)) return '–';
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A size in KB below 1 MB, in MB above. */
export function size(bytes: number | undefined): string {
  if (bytes === undefined || Number.isNaN(bytes)) return '–';
  return bytes < 1024 * 1024 ? kb(bytes) : mb(bytes);
}

export function kb(bytes: number | undefined): string {
  if (bytes === undefined || Number.isNaN(bytes)) return '–';
  return `${(bytes / 1024).toFixed(0)} KB`;
}

export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  return `${(a / b).toFixed(2)}×`;
}

/** A Markdown table; the first row is the header. */
export function table(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const [head, ...body] = rows;
  const line = (cells: ReadonlyArray<string>): string => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
}
