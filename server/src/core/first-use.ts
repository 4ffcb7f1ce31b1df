// A value built the first time it is read rather than when its module loads: every thread that loads a module runs its top level, and a thread may never need what it builds there.

/**
 * The language server's main thread loads the rules, completion and the workspace's citation
 * matching, and the first diagnostics need none of them; a regular expression with a Unicode class
 * is parsed into tables when it is created. Such patterns are written
 * `const PATTERN = onFirstUse(() => /…/u)` and read `PATTERN()`.
 */
export function onFirstUse<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
