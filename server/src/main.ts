// The language server's entry point: a connection over --stdio or --node-ipc (chosen from the command line), then the server.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
