// The official-layout preview over LSP (plan43/preview): the open plan's model, as checked, laid out and drawn as a page with its findings marked; the client only shows it.

import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { layoutPlan } from '../core/export/index';
import { Finding } from '../core/findings';
import { TextMemo, withTextMemo } from '../core/text/memo';
import { previewPage } from '../node/preview';
import { submissionStatus } from './commands';
import { ServerContext } from './context';
import { Analysis } from './documents';
import { PREVIEW_REQUEST, PreviewParams, PreviewResult } from './protocol';

const NOT_OPEN = { vi: 'Kế hoạch không mở trong trình soạn thảo: {0}', en: 'The plan is not open in the editor: {0}' };

const errors = (findings: readonly Finding[]): number => findings.filter((f) => f.severity === 'error').length;

export class PreviewFeature {
  /**
   * What the previous version's layout worked out per paragraph (its emphasis), so that a
   * keystroke lays out again only the paragraph it changed; one memory per previewed document.
   */
  private readonly memos = new Map<string, TextMemo>();

  constructor(private readonly ctx: ServerContext) {}

  register(): void {
    this.ctx.connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams) => {
      try {
        return await this.render(params);
      } catch (err) {
        if (err instanceof ResponseError) throw err;
        this.ctx.error(PREVIEW_REQUEST, err);
        throw new ResponseError(ErrorCodes.InternalError, String((err as Error)?.message ?? err));
      }
    });
    this.ctx.documents.documents.onDidClose((e) => {
      this.memos.delete(e.document.uri);
    });
  }

  /** Findings that block submission: those of the submission check of the same version (shared with the status bar's). */
  private async blockingCount(analysis: Analysis): Promise<number> {
    if (analysis.settings.mode === 'submission') return errors(analysis.findings);
    return (await submissionStatus(this.ctx, analysis.uri)).blocking;
  }

  async render(params: PreviewParams): Promise<PreviewResult> {
    const doc = typeof params?.uri === 'string' ? this.ctx.document(params.uri) : undefined;
    if (!doc) {
      const lang = (await this.ctx.settings.get(typeof params?.uri === 'string' ? params.uri : undefined)).lang;
      throw new ResponseError(ErrorCodes.InvalidParams, NOT_OPEN[lang].replace('{0}', String(params?.uri)));
    }
    const analysis = await this.ctx.analyze(doc.uri);
    if (!analysis || !analysis.plan.isPlan) return { uri: doc.uri, version: doc.version, isPlan: false, body: '', css: '', blocking: 0, marked: 0 };
    const blocking = await this.blockingCount(analysis);
    let memo = this.memos.get(doc.uri);
    if (!memo) {
      memo = new TextMemo();
      this.memos.set(doc.uri, memo);
    }
    memo.nextGeneration();
    const plan = analysis.plan;
    const layout = withTextMemo(memo, () => layoutPlan(plan, analysis.kb));
    const title = decodeURIComponent(doc.uri.replace(/^.*\//u, ''));
    const page = previewPage(layout, plan, { lang: analysis.settings.lang, findings: analysis.findings, blocking, title });
    return {
      uri: doc.uri,
      version: analysis.version ?? doc.version,
      isPlan: true,
      ...(params.full ? { document: page.document } : {}),
      body: page.body,
      css: page.css,
      blocking,
      marked: page.marked,
    };
  }
}
