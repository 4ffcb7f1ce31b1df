// The Plans view in the Explorer: every plan of the workspace grouped by level and issuer, with its date, variant, blocking count and the plan it implements.

import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { Later } from './later';
import { PlanLevel, WORKSPACE_PLANS_CHANGED_NOTIFICATION, WORKSPACE_PLANS_REQUEST, WorkspacePlan, WorkspacePlansResult } from './protocol';

export const PLANS_VIEW_ID = 'plan43.plans';

/** Notifications come in bursts while plans are checked one after the other: the tree is redrawn once per pause. */
const REFRESH_DELAY_MS = 200;

/** How long VS Code must have stopped asking for rows before the view is told to redraw. */
const QUIET_MS = 500;

const LEVEL_ORDER: readonly PlanLevel[] = ['central', 'province', 'district', 'commune', 'unknown'];

function levelLabel(level: PlanLevel): string {
  switch (level) {
    case 'central':
      return vscode.l10n.t('Central level');
    case 'province':
      return vscode.l10n.t('Province level');
    case 'district':
      return vscode.l10n.t('District level');
    case 'commune':
      return vscode.l10n.t('Commune level');
    default:
      return vscode.l10n.t('Level not known');
  }
}

function variantLabel(plan: WorkspacePlan): string {
  return plan.variant === 'party' ? vscode.l10n.t('Party') : plan.variant === 'state' ? vscode.l10n.t('People\'s Committee') : vscode.l10n.t('Plan');
}

/** "15/09/2025" from "2025-09-15"; the date as written when the day is still blank. */
function shortDate(plan: WorkspacePlan): string {
  return plan.isoDate ? plan.isoDate.split('-').reverse().join('/') : plan.date;
}

/** A row of the tree. Levels and issuers read the current list when asked for their children. */
type Node =
  | { kind: 'level'; level: PlanLevel }
  | { kind: 'issuer'; level: PlanLevel; issuer: string }
  | { kind: 'plan'; plan: WorkspacePlan }
  | { kind: 'parent'; plan: WorkspacePlan };

export class PlansView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private plans: WorkspacePlan[] = [];
  private scanning = false;
  private readonly later = new Later(() => this.refresh());
  private readonly disposables: vscode.Disposable[] = [];
  /** Answers to an older request must not overwrite a newer one. */
  private generation = 0;
  private listening: LanguageClient | undefined;
  /** The list last fetched, as JSON: an unchanged list redraws nothing. */
  private listJson = '';
  /**
   * When VS Code last asked for a row or was told to redraw, whether the view is on screen, and
   * whether the rows it last drew are out of date.
   */
  private lastAsked = 0;
  private visible = false;
  private outOfDate = false;
  private readonly redraw = new Later(() => this.redrawWhenQuiet());
  /** Fires when the list of plans changes, whether or not the view is on screen (for the extension's API). */
  private readonly plansChanged = new vscode.EventEmitter<void>();
  readonly onDidChangePlans = this.plansChanged.event;

  constructor(private readonly getClient: () => LanguageClient | undefined) {}

  /** Listens to the server's change notifications (again after a restart) and fetches the list. */
  attach(): void {
    const client = this.getClient();
    if (client && client !== this.listening && client.isRunning()) {
      this.listening = client;
      this.disposables.push(client.onNotification(WORKSPACE_PLANS_CHANGED_NOTIFICATION, () => this.schedule(REFRESH_DELAY_MS)));
    }
    this.schedule(0);
  }

  /** The plans as last fetched. */
  get current(): readonly WorkspacePlan[] {
    return this.plans;
  }

  schedule(delay: number): void {
    this.later.schedule(delay);
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const client = this.getClient();
    if (!client?.isRunning()) return;
    let result: WorkspacePlansResult;
    try {
      result = await client.sendRequest<WorkspacePlansResult>(WORKSPACE_PLANS_REQUEST, {});
    } catch {
      // The server may be restarting; its next notification refreshes the view.
      return;
    }
    if (generation !== this.generation) return;
    const json = JSON.stringify(result);
    if (json === this.listJson) return;
    this.listJson = json;
    this.plans = result.plans;
    this.scanning = result.scanning;
    void vscode.commands.executeCommand('setContext', 'plan43.hasPlans', this.plans.length > 0);
    this.plansChanged.fire();
    this.outOfDate = true;
    this.redrawWhenQuiet();
  }

  /** Follows whether the view is on screen: a hidden view is redrawn when it is shown again. */
  watch(view: vscode.TreeView<Node>): vscode.TreeView<Node> {
    this.visible = view.visible;
    this.disposables.push(
      view.onDidChangeVisibility(({ visible }) => {
        this.visible = visible;
        // VS Code draws a view it shows: it is left to do so before it is told to redraw.
        this.lastAsked = Date.now();
        if (visible) this.redrawWhenQuiet();
      }),
    );
    return view;
  }

  /**
   * Tells VS Code to redraw the view, only while it is on screen and once it has stopped asking for
   * rows. A redraw that starts while VS Code still fetches the rows of the previous one (or the
   * rows of a view it is just showing) can leave rows of one group drawn under another, with VS
   * Code 1.100 and earlier, until the next redraw.
   */
  private redrawWhenQuiet(): void {
    if (!this.outOfDate || !this.visible) return;
    const wait = this.lastAsked + QUIET_MS - Date.now();
    if (wait > 0) {
      this.redraw.schedule(wait);
      return;
    }
    this.outOfDate = false;
    this.lastAsked = Date.now();
    this.changed.fire(undefined);
  }

  /**
   * Where a plan's row stands: its group and its file. A plan whose level or issuer changes (read
   * again, or edited) moves to another group under a new id, so that VS Code never meets one id
   * under two parents in the course of a refresh, which leaves stale rows in the tree.
   */
  private placeOf(plan: WorkspacePlan): string {
    return `${plan.level}:${this.issuerOf(plan)}:${plan.uri}`;
  }

  private issuerOf(plan: WorkspacePlan): string {
    return plan.issuer || vscode.l10n.t('(no issuer)');
  }

  private plansOf(node: Node): WorkspacePlan[] {
    if (node.kind === 'level') return this.plans.filter((p) => p.level === node.level);
    if (node.kind === 'issuer') return this.plans.filter((p) => p.level === node.level && this.issuerOf(p) === node.issuer);
    return [node.plan];
  }

  getChildren(node?: Node): Node[] {
    this.lastAsked = Date.now();
    if (!node) return LEVEL_ORDER.filter((level) => this.plans.some((p) => p.level === level)).map((level) => ({ kind: 'level' as const, level }));
    if (node.kind === 'level') {
      const issuers = [...new Set(this.plansOf(node).map((p) => this.issuerOf(p)))].sort((a, b) => a.localeCompare(b, 'vi'));
      return issuers.map((issuer) => ({ kind: 'issuer' as const, level: node.level, issuer }));
    }
    if (node.kind === 'issuer') {
      return this.plansOf(node)
        .sort((a, b) => (a.isoDate ?? '9999').localeCompare(b.isoDate ?? '9999') || a.label.localeCompare(b.label))
        .map((plan) => ({ kind: 'plan' as const, plan }));
    }
    // A plan's row shows the latest state of that plan.
    if (node.kind === 'plan') {
      const plan = this.plans.find((p) => p.uri === node.plan.uri) ?? node.plan;
      return plan.parent ? [{ kind: 'parent', plan }] : [];
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    this.lastAsked = Date.now();
    switch (node.kind) {
      case 'level': {
        const item = new vscode.TreeItem(levelLabel(node.level), vscode.TreeItemCollapsibleState.Expanded);
        // Stable ids: VS Code keeps each row's place and expansion when the list is fetched again.
        item.id = `level:${node.level}`;
        item.description = vscode.l10n.t('{0} plan(s)', this.plansOf(node).length);
        item.contextValue = 'plan43.level';
        return item;
      }
      case 'issuer': {
        const item = new vscode.TreeItem(node.issuer, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `issuer:${node.level}:${node.issuer}`;
        const plans = this.plansOf(node);
        const blocked = plans.filter((p) => (p.blocking ?? 0) > 0).length;
        item.description = blocked ? vscode.l10n.t('{0} plan(s), {1} blocked', plans.length, blocked) : vscode.l10n.t('{0} plan(s)', plans.length);
        item.iconPath = new vscode.ThemeIcon('organization');
        item.contextValue = 'plan43.issuer';
        return item;
      }
      case 'plan':
        return this.planItem(node.plan);
      case 'parent':
        return this.parentItem(node.plan);
    }
  }

  private planItem(plan: WorkspacePlan): vscode.TreeItem {
    const name = plan.symbol ?? vscode.l10n.t('(no number yet)');
    const item = new vscode.TreeItem(`${name} · ${plan.kind || variantLabel(plan)}`, plan.parent ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `plan:${this.placeOf(plan)}`;
    item.resourceUri = vscode.Uri.parse(plan.uri);
    const count =
      plan.blocking === null
        ? vscode.l10n.t('not checked yet')
        : plan.blocking === 0
          ? vscode.l10n.t('nothing blocks')
          : plan.blocking === 1
            ? vscode.l10n.t('1 blocking')
            : vscode.l10n.t('{0} blocking', plan.blocking);
    item.description = `${shortDate(plan)} · ${variantLabel(plan)} · ${count}`;
    item.iconPath =
      plan.blocking === null
        ? new vscode.ThemeIcon('circle-outline')
        : plan.blocking > 0
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
          : new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escape(plan.kind)} ${escape(plan.number || name)}**\n\n`);
    tooltip.appendText(`${plan.issuer}, ${plan.date}\n\n`);
    if (plan.subject) tooltip.appendText(`${plan.subject}\n\n`);
    tooltip.appendText(`${plan.label} · ${variantLabel(plan)} · ${count}`);
    if (plan.advisory !== null) tooltip.appendText(` · ${vscode.l10n.t('{0} advisory', plan.advisory)}`);
    item.tooltip = tooltip;
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open the plan'), arguments: [vscode.Uri.parse(plan.uri)] };
    item.contextValue = 'plan43.plan';
    return item;
  }

  private parentItem(plan: WorkspacePlan): vscode.TreeItem {
    const parent = plan.parent!;
    const item = new vscode.TreeItem(vscode.l10n.t('implements {0}', parent.symbol), vscode.TreeItemCollapsibleState.None);
    item.id = `parent:${this.placeOf(plan)}`;
    const status =
      parent.status === 'match'
        ? vscode.l10n.t('cited right')
        : parent.status === 'mismatch' || parent.status === 'unmatched'
          ? vscode.l10n.t('cited with another date, issuer or title than the plan of the folder')
          : parent.status === 'uncited'
            ? vscode.l10n.t('declared but not cited in the preamble')
            : parent.status === 'outside'
              ? vscode.l10n.t('not in the folder')
              : parent.uri
                ? vscode.l10n.t('in the folder')
                : '';
    item.description = status;
    item.iconPath =
      parent.status === 'mismatch' || parent.status === 'unmatched' || parent.status === 'uncited'
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
        : new vscode.ThemeIcon('arrow-up');
    if (parent.uri) {
      const target = this.plans.find((p) => p.uri === parent.uri);
      item.tooltip = target ? `${target.issuer} — ${target.number}, ${target.date}` : parent.uri;
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open the plan it implements'), arguments: [vscode.Uri.parse(parent.uri)] };
    }
    item.contextValue = 'plan43.parent';
    return item;
  }

  /** While the server still reads the folders, the view says so. */
  get isScanning(): boolean {
    return this.scanning;
  }

  dispose(): void {
    this.later.dispose();
    this.redraw.dispose();
    this.changed.dispose();
    this.plansChanged.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
}
