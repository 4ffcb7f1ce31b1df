// The preview page of a plan for Node callers (the language server, `plan43 export -o plan.html`): reads the page's style sheet and script shipped in media/preview/ and draws the layout with them.

import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KnowledgeBase } from '../core/data/types';
import { layoutPlan } from '../core/export/index';
import { PreviewOptions, PreviewPage, renderPreview } from '../core/export/html';
import { ExportLayout } from '../core/export/layout';
import { Lang } from '../core/findings';
import { PlanModel } from '../core/model';
import { findSchemasDir } from './knowledge';

let assets: PreviewOptions['assets'] | undefined;

/** media/preview/preview.css and preview.js, beside schemas/ in the repository and in the installed extension; read once. */
export function previewAssets(): PreviewOptions['assets'] {
  if (!assets) {
    const dir = path.join(path.dirname(findSchemasDir(__dirname)), 'media', 'preview');
    assets = { style: fs.readFileSync(path.join(dir, 'preview.css'), 'utf8'), script: fs.readFileSync(path.join(dir, 'preview.js'), 'utf8') };
  }
  return assets;
}

/** A fresh nonce for the page's Content-Security-Policy. */
export function newNonce(): string {
  // `crypto` loaded when a preview is first made, not with the server's code.
  return (require('node:crypto') as typeof Crypto).randomBytes(18).toString('base64');
}

/** The page of a plan's layout; `options` without assets and nonce (they are supplied here). */
export function previewPage(layout: ExportLayout, plan: PlanModel, options: Omit<PreviewOptions, 'assets' | 'nonce' | 'lines'> & { nonce?: string }): PreviewPage {
  return renderPreview(layout, { ...options, lines: plan.lines, nonce: options.nonce ?? newNonce(), assets: previewAssets() });
}

/** The standalone web page `plan43 export -o plan.html` writes: the official layout, printable, without findings. */
export function standaloneHtml(plan: PlanModel, kb: KnowledgeBase, title: string, lang: Lang): { html: string; layout: ExportLayout } {
  const layout = layoutPlan(plan, kb);
  return { html: previewPage(layout, plan, { lang, title }).document, layout };
}
