// What Node runs as dist/server.js: starts the check worker, then runs the server's code (dist/server.bundle.js) through V8's code cache; only esbuild builds it into dist/.

import * as path from 'node:path';

// Started as the language server (`node dist/server.js --stdio` by an editor, or `plan43 lsp`), not
// for the command line's checks: the worker starts while the server's code loads, on the other core.
const asServer = require.main === module || process.argv[2] === 'lsp';
// First, before the modules below load Node's own (`crypto`, `vm`, `worker_threads`): V8 takes the
// code Node ships compiled for its modules only under V8's default flags (v8-flags.ts).
if (asServer) (require('./v8-flags') as typeof import('./v8-flags')).restoreDefaultHeapFlags();
const { bundleOf, loadBundle } = require('./code-cache') as typeof import('./code-cache');
const { startEarlyCheckWorker } = require('./early-worker') as typeof import('./early-worker');

if (asServer) startEarlyCheckWorker(path.join(__dirname, 'check-worker.js'));
loadBundle(bundleOf(__filename), module, require.main);
