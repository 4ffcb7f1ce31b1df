// What `plan43 check` starts as each of its worker threads in the package, dist/check-files-worker.js: runs the worker's code (dist/check-files-worker.bundle.js) through V8's code cache; only esbuild builds it into dist/.

import { bundleOf, loadBundle } from './code-cache';

loadBundle(bundleOf(__filename), module, require.main);
