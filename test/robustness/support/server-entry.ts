// A language server like the shipped one (server/src/main.ts) with extra rules, budgets and a heap ceiling chosen on its command line: how the containment tests make a rule fail, run slowly, never end or use up the worker's memory over LSP without any hook in the product.

import * as path from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../../../server/src/lsp/server';

export { THROWING_RULE } from './worker-entry';

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg?.slice(name.length + 3);
}

if (require.main === module) {
  const budget = option('budget');
  const budgets = budget
    ? Object.fromEntries(['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol'].map((m) => [m, Number(budget)]))
    : undefined;
  const checkBudget = option('check-budget');
  const workerHeap = option('worker-heap');
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, {
    // The worker reads the extra rules from the same options (worker-entry.ts).
    checkWorker: { script: path.join(__dirname, 'worker-entry.js'), argv: process.argv.slice(2), ...(workerHeap ? { heapMb: Number(workerHeap) } : {}) },
    ...(checkBudget ? { checkBudgetMs: Number(checkBudget) } : {}),
    ...(budgets ? { budgets } : {}),
  });
  connection.listen();
}
