// Paths of the repository as seen from the compiled tests (out/test/...).

import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const PLAN_FIXTURES = path.join(FIXTURES, 'plans');
/** A province's plans checked together: each plan a registry entry for the others. */
export const PROVINCE_FIXTURES = path.join(FIXTURES, 'province');
export const SCHEMAS = path.join(REPO_ROOT, 'schemas');
