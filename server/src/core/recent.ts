// Bounded maps of what was used last: the server and its check worker keep per-document memories for a few documents only, whatever the number open.

/** Keeps at most `limit` entries, dropping the one used least recently (`key` becomes the most recent). */
export function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) map.delete(map.keys().next().value as K);
}
