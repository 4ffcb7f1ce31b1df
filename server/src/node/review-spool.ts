// The plans' articles of the review page (`plan43 check --format html`), made as each plan is checked and kept in a temporary file until the page is written: the page of a folder of thousands of plans is never held in memory, only each plan's few numbers.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REVIEW_LISTED_RULES } from '../core/report/review';
import { PlanSummary } from '../core/workspace/summary';

/** Where a plan's article lies in the file, in bytes. */
interface Place {
  start: number;
  length: number;
}

export class ArticleSpool {
  private readonly dir: string;
  private readonly file: string;
  private fd: number | undefined;
  private size = 0;
  private readonly places = new WeakMap<PlanSummary, Place>();

  /** Throws when no temporary file can be made: the caller then keeps the summaries whole. */
  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-review-page-'));
    this.file = path.join(this.dir, 'articles.html');
    try {
      this.fd = fs.openSync(this.file, 'wx+', 0o600);
    } catch (err) {
      this.dispose();
      throw err;
    }
    try {
      // Where an open file can lose its name (not on Windows), nothing is left behind even if the run is killed.
      fs.unlinkSync(this.file);
      fs.rmdirSync(this.dir);
    } catch {
      // Removed by dispose().
    }
  }

  /**
   * Keeps `article` (the plan's article as the page will hold it) and returns the summary the page
   * still needs: without the findings the article holds. When it cannot be kept (a full disk), the
   * whole summary is returned and its article is made again when the page is written.
   */
  add(summary: PlanSummary, article: string): PlanSummary {
    if (this.fd === undefined) return summary;
    const bytes = Buffer.from(article, 'utf8');
    try {
      for (let written = 0; written < bytes.length; ) written += fs.writeSync(this.fd, bytes, written, bytes.length - written, this.size + written);
    } catch {
      return summary;
    }
    const slim: PlanSummary = { ...summary, findings: summary.findings.filter((f) => REVIEW_LISTED_RULES.has(f.ruleId)) };
    this.places.set(slim, { start: this.size, length: bytes.length });
    this.size += bytes.length;
    return slim;
  }

  /** The article kept for `summary`, or undefined when it was not kept. */
  article(summary: PlanSummary): string | undefined {
    const place = this.places.get(summary);
    if (!place || this.fd === undefined) return undefined;
    const bytes = Buffer.alloc(place.length);
    for (let read = 0; read < place.length; ) {
      const n = fs.readSync(this.fd, bytes, read, place.length - read, place.start + read);
      if (n === 0) throw new Error('the review page\'s temporary file was cut short');
      read += n;
    }
    return bytes.toString('utf8');
  }

  /** Closes and removes the temporary file. */
  dispose(): void {
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Already closed.
      }
      this.fd = undefined;
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
