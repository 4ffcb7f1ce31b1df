// The review report page with its Content-Security-Policy: the hash of its one style, so the page applies that style and nothing else.

import type * as Crypto from 'node:crypto';
import { REVIEW_CSS, reviewReportHtml, ReviewOptions, writeReviewReport } from '../core/report/review';
import { PlanSummary } from '../core/workspace/summary';

let styleSource: string | undefined;

/** "'sha256-…'": the CSP source that allows exactly the report's style element; made when first asked for, so that loading the server's code loads no `crypto`. */
export function reviewStyleSource(): string {
  styleSource ??= `'sha256-${(require('node:crypto') as typeof Crypto).createHash('sha256').update(REVIEW_CSS, 'utf8').digest('base64')}'`;
  return styleSource;
}

export function reviewHtml(plans: readonly PlanSummary[], options: Omit<ReviewOptions, 'styleSource'>): string {
  return reviewReportHtml(plans, { ...options, styleSource: reviewStyleSource() });
}

/** The same page handed to `write` in pieces as it is made, never whole in memory. */
export function writeReviewHtml(plans: readonly PlanSummary[], options: Omit<ReviewOptions, 'styleSource'>, write: (piece: string) => void): void {
  writeReviewReport(plans, { ...options, styleSource: reviewStyleSource() }, write);
}
