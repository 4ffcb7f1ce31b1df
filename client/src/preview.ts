// "Plan43: Open Preview" and "Open Preview to the Side": a webview showing the active plan laid out as the official document it will be printed as, drawn by the server, live while typing, in step with the editor.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { ClientAccessor, commandDocument, isPlan, readyClient } from './commands';
import { PREVIEW_REQUEST, PREVIEW_VIEW_TYPE, PreviewParams, PreviewResult } from './protocol';

/** Typing comes in bursts: the page is drawn again once the typing pauses this long. */
const UPDATE_DELAY_MS = 120;
/** After the preview or the editor scrolls the other, its own scroll events are not sent back for this long. */
const ECHO_MS = 300;

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Messages the page's script sends (media/preview/preview.js). */
type FromPage =
  | { type: 'ready'; pages: number }
  | { type: 'rendered'; version: number; pages: number }
  | { type: 'revealLine'; line: number }
  | { type: 'openLine'; line: number }
  | { type: 'reveal'; range: LspRange };

const basename = (uri: vscode.Uri): string => path.posix.basename(uri.path);

/** The one preview panel: it shows the active plan and follows the editor when another plan becomes active. */
export class PlanPreview implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Answers to an older request must not replace a newer page. */
  private generation = 0;
  /** The panel holds a page document (its script and style); after that only bodies are sent. */
  private hasDocument = false;
  private ignoreEditorScrollUntil = 0;
  private ignorePageScrollUntil = 0;

  constructor(private readonly getClient: ClientAccessor) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.shows(e.document.uri)) this.schedule(UPDATE_DELAY_MS);
      }),
      // Findings change without the text changing (settings, data files, the check finishing).
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.uri && e.uris.some((u) => this.shows(u))) this.schedule(UPDATE_DELAY_MS);
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (this.shows(d.uri)) void this.panel?.webview.postMessage({ type: 'unsaved', unsaved: false });
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.follow(editor)),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (!this.panel || !this.shows(e.textEditor.document.uri) || Date.now() < this.ignoreEditorScrollUntil) return;
        const line = e.visibleRanges[0]?.start.line;
        if (line === undefined) return;
        this.ignorePageScrollUntil = Date.now() + ECHO_MS;
        void this.panel.webview.postMessage({ type: 'scrollToLine', line });
      }),
    );
  }

  private shows(uri: vscode.Uri): boolean {
    return !!this.uri && uri.toString() === this.uri.toString();
  }

  /** The commands: the plan the editor title names, or the active one; beside the editor or in its place. */
  async open(arg: unknown, toSide: boolean): Promise<void> {
    const client = await readyClient(this.getClient);
    if (!client) return;
    const doc = await commandDocument(arg);
    if (!doc || !(await isPlan(client, doc))) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a plan first: a plan names its template in its front matter (template: nq43).'));
      return;
    }
    const editorColumn = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One;
    const column = toSide ? vscode.ViewColumn.Beside : editorColumn;
    if (this.panel) {
      this.panel.reveal(column, toSide);
    } else {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, this.titleFor(doc.uri), { viewColumn: column, preserveFocus: toSide }, PlanPreview.options());
      this.adopt(panel);
    }
    this.show(doc.uri);
  }

  /** The webview's options: its own script, nothing read from disk or the network. */
  private static options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, enableFindWidget: true, localResourceRoots: [], enableCommandUris: false };
  }

  private titleFor(uri: vscode.Uri): string {
    return vscode.l10n.t('Preview {0}', basename(uri));
  }

  /** Brings a preview back after VS Code reloads its window. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = PlanPreview.options();
    const uri = state && typeof state === 'object' && typeof (state as { uri?: unknown }).uri === 'string' ? vscode.Uri.parse((state as { uri: string }).uri) : undefined;
    this.panel?.dispose();
    this.adopt(panel);
    if (uri) this.show(uri);
    else this.showMessage(vscode.l10n.t('Open a plan first: a plan names its template in its front matter (template: nq43).'));
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.hasDocument = false;
    this.panelDisposables = [
      panel.onDidDispose(() => {
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
        this.panel = undefined;
        this.uri = undefined;
        this.hasDocument = false;
      }),
      panel.webview.onDidReceiveMessage((m: FromPage) => void this.onMessage(m)),
      // A hidden webview loses its page; shown again, it is given the current one.
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) this.schedule(0);
      }),
    ];
  }

  private show(uri: vscode.Uri): void {
    this.uri = uri;
    if (this.panel) this.panel.title = this.titleFor(uri);
    this.schedule(0);
  }

  /** Follows the active editor when it is another plan; other files leave the preview as it is. */
  private async follow(editor: vscode.TextEditor | undefined): Promise<void> {
    if (!this.panel || !editor || this.shows(editor.document.uri)) return;
    const client = this.getClient();
    if (client?.isRunning() && (await isPlan(client, editor.document))) this.show(editor.document.uri);
  }

  private schedule(delay: number): void {
    if (!this.panel || !this.uri) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  private showMessage(text: string): void {
    if (!this.panel) return;
    this.hasDocument = false;
    const escaped = text.replace(/[&<>"]/gu, (c) => `&#${c.charCodeAt(0)};`);
    this.panel.webview.html = `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escaped}</p></body></html>`;
  }

  private async update(): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    const client = this.getClient();
    if (!panel || !uri || !client?.isRunning()) return;
    const generation = ++this.generation;
    const full = !this.hasDocument;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) {
      this.showMessage(vscode.l10n.t('{0} is closed.', basename(uri)));
      return;
    }
    let result: PreviewResult;
    try {
      const params: PreviewParams = { uri: uri.toString(), full };
      result = await client.sendRequest<PreviewResult>(PREVIEW_REQUEST, params);
    } catch (err) {
      if (generation === this.generation) this.showMessage(vscode.l10n.t('The preview could not be drawn: {0}', err instanceof Error ? err.message : String(err)));
      return;
    }
    if (generation !== this.generation || panel !== this.panel || !this.shows(uri)) return;
    if (!result.isPlan) {
      this.showMessage(vscode.l10n.t('{0} is not a plan: a plan names its template in its front matter (template: nq43).', basename(uri)));
      return;
    }
    if (full && result.document) {
      panel.webview.html = result.document;
      this.hasDocument = true;
      // The page asks for nothing when it starts: it says it is ready, and gets the state below.
    } else {
      void panel.webview.postMessage({ type: 'update', uri: uri.toString(), version: result.version, body: result.body, css: result.css, unsaved: doc.isDirty });
    }
  }

  private editorFor(uri: vscode.Uri): vscode.TextEditor | undefined {
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  }

  private async onMessage(m: FromPage): Promise<void> {
    const uri = this.uri;
    if (!m || typeof m !== 'object' || !uri) return;
    switch (m.type) {
      case 'ready': {
        // A page (re)loaded from the document it was given: bring it to the current version, and
        // tell it which plan it shows, so that it can say so when VS Code restores it.
        void this.panel?.webview.postMessage({ type: 'state', uri: uri.toString() });
        this.schedule(0);
        const line = this.editorFor(uri)?.visibleRanges[0]?.start.line;
        if (line !== undefined) {
          this.ignorePageScrollUntil = Date.now() + ECHO_MS;
          void this.panel?.webview.postMessage({ type: 'scrollToLine', line });
        }
        return;
      }
      case 'revealLine': {
        const editor = this.editorFor(uri);
        if (!editor || Date.now() < this.ignorePageScrollUntil || typeof m.line !== 'number') return;
        this.ignoreEditorScrollUntil = Date.now() + ECHO_MS;
        const line = Math.max(0, Math.min(m.line, editor.document.lineCount - 1));
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        return;
      }
      case 'openLine':
      case 'reveal': {
        const range =
          m.type === 'reveal'
            ? new vscode.Range(m.range.start.line, m.range.start.character, m.range.end.line, m.range.end.character)
            : new vscode.Range(m.line, 0, m.line, 0);
        const column = this.editorFor(uri)?.viewColumn ?? vscode.ViewColumn.One;
        const editor = await vscode.window.showTextDocument(uri, { viewColumn: column, preserveFocus: false, selection: range });
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        return;
      }
      default:
        return;
    }
  }

  /** Draws the page again (the server started, or restarted). */
  refresh(): void {
    this.hasDocument = false;
    this.schedule(0);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of [...this.disposables, ...this.panelDisposables]) d.dispose();
  }
}
