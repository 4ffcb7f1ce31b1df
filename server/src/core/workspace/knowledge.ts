// The knowledge a plan of a folder is checked with: the registry plus the other plans of the folder, each as an entry.

import { KnowledgeBase, RegistryEntry } from '../data/types';

/** One knowledge base per base and list of entries: every plan of a folder is checked with the same one. */
const made = new WeakMap<KnowledgeBase, WeakMap<readonly RegistryEntry[], KnowledgeBase>>();

/**
 * The knowledge base with the workspace's plans added to the registry. The entries come after the
 * registry's own, which win a lookup (citations/registry.ts); a plan that a user's registry file
 * also lists stays an entry, so that two plans claiming one number are still seen.
 */
export function withWorkspace(kb: KnowledgeBase, entries: readonly RegistryEntry[]): KnowledgeBase {
  if (entries.length === 0) return kb;
  let byEntries = made.get(kb);
  if (!byEntries) {
    byEntries = new WeakMap();
    made.set(kb, byEntries);
  }
  let out = byEntries.get(entries);
  if (!out) {
    out = { ...kb, registry: { ...kb.registry, documents: [...kb.registry.documents, ...entries] } };
    byEntries.set(entries, out);
  }
  return out;
}
