// The bundled knowledge base, loaded once for all tests.

import { isoDateOf } from '../../server/src/core/data/as-of';
import { loadKnowledge, LoadedKnowledge } from '../../server/src/node/knowledge';
import { SCHEMAS } from './paths';

let cached: LoadedKnowledge | undefined;

export function bundledKnowledge(): LoadedKnowledge {
  cached ??= loadKnowledge({ schemasDir: SCHEMAS });
  return cached;
}

/** Today as the server and the command line take it: what a plan with no date yet is checked as of. */
export function localToday(): string {
  return isoDateOf(new Date());
}
