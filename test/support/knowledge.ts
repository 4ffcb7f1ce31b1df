// The bundled knowledge base, loaded once for all tests.

import { loadKnowledge, LoadedKnowledge } from '../../server/src/node/knowledge';
import { SCHEMAS } from './paths';

let cached: LoadedKnowledge | undefined;

export function bundledKnowledge(): LoadedKnowledge {
  cached ??= loadKnowledge({ schemasDir: SCHEMAS });
  return cached;
}
