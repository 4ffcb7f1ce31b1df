// V8's heap-sizing flags of the server's command line, read and set back to V8's defaults once the main thread's heap is made, so that Node's own modules load with the code Node ships compiled for them.

/** V8's heap-sizing flags of a command line (`--max-semi-space-size=2 --max-old-space-size=2000`, as the extension starts the server), in MB. */
export function heapFlagsOf(execArgv: readonly string[]): { semiSpaceMb?: number; oldSpaceMb?: number } {
  const out: { semiSpaceMb?: number; oldSpaceMb?: number } = {};
  for (let i = 0; i < execArgv.length; i++) {
    const m = /^--max[-_](semi|old)[-_]space[-_]size(?:=(.*))?$/.exec(execArgv[i]);
    if (!m) continue;
    const text = m[2] ?? execArgv[i + 1];
    if (m[2] === undefined) i++;
    const mb = Number(text);
    if (text === undefined || !/^\d+$/.test(text) || !Number.isSafeInteger(mb)) continue;
    if (m[1] === 'semi') out.semiSpaceMb = mb;
    else out.oldSpaceMb = mb;
  }
  return out;
}

/** Where restoreDefaultHeapFlags takes V8's setFlagsFromString from (the tests give another). */
export type FlagSetterSource = () => ((flags: string) => void) | undefined;

/**
 * V8's setFlagsFromString as Node's binding of V8 offers it (what `node:v8` calls), reached through
 * `process.binding`, whose deprecation warning is silenced for this one call; undefined where it is
 * not offered. Not `node:v8` itself: that module loads Node's streams (about twenty modules) for its
 * heap snapshots, and while the flags are still set V8 refuses the code Node ships compiled for them,
 * so they were compiled from source, and the code Node then kept of them, made under the flags, was
 * refused again in the check worker (docs/benchmarks.md, *Node's streams loaded after the flags are set back*).
 */
export function bindingFlagSetter(): ((flags: string) => void) | undefined {
  const quiet = process.noDeprecation;
  process.noDeprecation = true;
  try {
    const binding = (process as unknown as { binding?(name: string): { setFlagsFromString?: unknown } }).binding?.('v8');
    const set = binding?.setFlagsFromString;
    return typeof set === 'function' ? (flags) => void set.call(binding, flags) : undefined;
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
  }
}

/**
 * Sets V8's heap-sizing flags of the command line back to V8's defaults once the main thread's
 * heap is made (V8 reads them when it makes an isolate's heap, not after). Node ships its built-in
 * modules with code compiled ahead, which V8 takes only under the flags it was made with: with
 * any flag changed, every built-in module a thread loads after Node's own start is compiled from
 * its source — the check worker's whole start (Node's environment for it, its loader, `crypto`,
 * `worker_threads`) and the modules the server's code loads (docs/benchmarks.md, *Node's code of
 * its own modules*). The worker is given the same heap by its resource limits (checkWorkerOptions).
 * Loads none of Node's modules where Node's binding of V8 can be had (bindingFlagSetter).
 */
export function restoreDefaultHeapFlags(execArgv: readonly string[] = process.execArgv, setterSource: FlagSetterSource = bindingFlagSetter): void {
  const flags = heapFlagsOf(execArgv);
  if (flags.semiSpaceMb === undefined && flags.oldSpaceMb === undefined) return;
  const set = setterSource() ?? (require('node:v8') as typeof import('node:v8')).setFlagsFromString;
  if (flags.semiSpaceMb !== undefined) set('--max-semi-space-size=0');
  if (flags.oldSpaceMb !== undefined) set('--max-old-space-size=0');
}
