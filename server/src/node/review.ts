// The review report page with its Content-Security-Policy: the hash of its one style, so the page applies that style and nothing else.

import { createHash } from 'node:crypto';
import { REVIEW_CSS, reviewReportHtml, ReviewOptions, writeReviewReport } from '../core/report/review';
import { PlanSummary } from '../core/workspace/summary';

/** "'sha256-…'": the CSP source that allows exactly the report's style element. */
export const REVIEW_STYLE_SOURCE = `'sha256-${createHash('sha256').update(REVIEW_CSS, 'utf8').digest('base64')}'`;

export function reviewHtml(plans: readonly PlanSummary[], options: Omit<ReviewOptions, 'styleSource'>): string {
  return reviewReportHtml(plans, { ...options, styleSource: REVIEW_STYLE_SOURCE });
}

/** The same page handed to `write` in pieces as it is made, never whole in memory. */
export function writeReviewHtml(plans: readonly PlanSummary[], options: Omit<ReviewOptions, 'styleSource'>, write: (piece: string) => void): void {
  writeReviewReport(plans, { ...options, styleSource: REVIEW_STYLE_SOURCE }, write);
}
