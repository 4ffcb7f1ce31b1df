// V8's heap-sizing flags of the server's command line, read and set back to V8's defaults once the main thread's heap is made, so that Node's own modules load with the code Node ships compiled for them.

import * as v8 from 'node:v8';

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

/**
 * Sets V8's heap-sizing flags of the command line back to V8's defaults once the main thread's
 * heap is made (V8 reads them when it makes an isolate's heap, not after). Node ships its built-in
 * modules with code compiled ahead, which V8 takes only under the flags it was made with: with
 * any flag changed, every built-in module a thread loads after Node's own start is compiled from
 * its source — the check worker's whole start (Node's environment for it, its loader, `crypto`,
 * `worker_threads`) and the modules the server's code loads (docs/benchmarks.md, *Node's code of
 * its own modules*). The worker is given the same heap by its resource limits (checkWorkerOptions).
 */
export function restoreDefaultHeapFlags(execArgv: readonly string[] = process.execArgv): void {
  const flags = heapFlagsOf(execArgv);
  if (flags.semiSpaceMb !== undefined) v8.setFlagsFromString('--max-semi-space-size=0');
  if (flags.oldSpaceMb !== undefined) v8.setFlagsFromString('--max-old-space-size=0');
}

