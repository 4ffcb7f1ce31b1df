// Restart policy for the language server: a crashed server comes back (the drafter is told once), but a server that keeps crashing is left down with one message.

import * as vscode from 'vscode';
import { CloseAction, CloseHandlerResult, ErrorAction, ErrorHandler, ErrorHandlerResult } from 'vscode-languageclient/node';

/** At most this many restarts ... */
export const MAX_RESTARTS = 5;
/** ... within this window; older crashes are forgotten. */
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class RestartingErrorHandler implements ErrorHandler {
  private readonly crashes: number[] = [];
  private gaveUp = false;
  /** The drafter was told about a restart: later ones only go to the log. */
  private toldRestart = false;

  constructor(private readonly output: vscode.OutputChannel) {}

  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    // Transport errors are usually transient (one bad message); a server that fails three writes
    // in a row is unusable, and shutting it down lets closed() decide about a restart.
    if (count !== undefined && count <= 3) return { action: ErrorAction.Continue };
    return { action: ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length <= MAX_RESTARTS) {
      const message = vscode.l10n.t('The Plan43 server stopped; restarting it ({0} of {1}).', this.crashes.length, MAX_RESTARTS);
      this.output.appendLine(message);
      // Said once while the extension runs, so that the drafter knows why diagnostics blinked;
      // later restarts are in the log only.
      if (!this.toldRestart) {
        this.toldRestart = true;
        void vscode.window.showWarningMessage(message, vscode.l10n.t('Show log')).then((choice) => {
          if (choice === vscode.l10n.t('Show log')) this.output.show(true);
        });
      }
      return { action: CloseAction.Restart, handled: true };
    }
    // The message is shown once per session: repeating it on every later close would only nag.
    if (!this.gaveUp) {
      this.gaveUp = true;
      void vscode.window
        .showErrorMessage(
          vscode.l10n.t(
            'The Plan43 server stopped {0} times in 3 minutes and will not be restarted. Plans are not checked until you restart it.',
            MAX_RESTARTS + 1,
          ),
          vscode.l10n.t('Show log'),
          vscode.l10n.t('Restart server'),
        )
        .then((choice) => {
          if (choice === vscode.l10n.t('Show log')) this.output.show(true);
          else if (choice === vscode.l10n.t('Restart server')) void vscode.commands.executeCommand('plan43.restartServer');
        });
    }
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  /** A deliberate restart starts a fresh count. */
  reset(): void {
    this.crashes.length = 0;
    this.gaveUp = false;
  }
}
