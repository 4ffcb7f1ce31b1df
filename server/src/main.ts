// The language server's entry point: a connection over --stdio or --node-ipc (chosen from the command line), then the server.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

const connection = createConnection(ProposedFeatures.all);

// A stray exception (a timer, a rejected promise nobody awaited) is logged, not fatal: the
// drafter keeps their diagnostics. Request handlers have their own guards (lsp/context.ts).
process.on('uncaughtException', (err) => connection.console.error(`plan43: uncaught exception: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (reason) =>
  connection.console.error(`plan43: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
);

startServer(connection);
connection.listen();
