// What Node runs as dist/server.js: starts the check worker, then runs the server's code (dist/server.bundle.js) through V8's code cache; only esbuild builds it into dist/.

import * as path from 'node:path';
import { bundleOf, loadBundle } from './code-cache';
import { startEarlyCheckWorker } from './early-worker';

// Started as the language server (`node dist/server.js --stdio` by an editor, or `plan43 lsp`), not
// for the command line's checks: the worker starts while the server's code loads, on the other core.
if (require.main === module || process.argv[2] === 'lsp') startEarlyCheckWorker(path.join(__dirname, 'check-worker.js'));
loadBundle(bundleOf(__filename), module, require.main);
