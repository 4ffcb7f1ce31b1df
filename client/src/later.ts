// Runs an action once after a pause: bursts of events (diagnostics, change notifications) become one refresh.

import * as vscode from 'vscode';

export class Later implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly action: () => unknown) {}

  /** Runs the action after `delay` ms; a call before then starts the wait again. */
  schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.action();
    }, delay);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
