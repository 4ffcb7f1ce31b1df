// What the server starts as its check worker, dist/check-worker.js: runs the worker's code (dist/check-worker.bundle.js) through V8's code cache; only esbuild builds it into dist/.

import { bundleOf, loadBundle } from './code-cache';

loadBundle(bundleOf(__filename), module, require.main);
