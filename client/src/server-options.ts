// The Node options and environment the extension starts its language server with, as the benchmarks measured them (docs/benchmarks.md).

import * as path from 'node:path';

/**
 * V8's young generation otherwise grows to 32 MB under the churn of checking and stays there: a
 * quarter of the server's resident memory with a hundred plans open. With semi-spaces of 2 MB the
 * same server holds them in about 25 MB less; 1 MB saved no more and made keystrokes about a
 * tenth slower on a long plan (more frequent young-generation collections).
 *
 * The main thread's heap ceiling: under 2,048 MB V8 lets the old generation grow by at most 2x
 * what lives after a full collection instead of 4x (as the check worker's, CHECK_WORKER_HEAP_MB).
 * After typing in a plan of 1,000 lines the server then holds about a sixth less, for a main
 * thread's CPU time about 2 % more, within the noise of the pairs measured (docs/benchmarks.md);
 * nothing changes with plans only opened, where the main thread never reaches its first limit. Node's own ceiling is 2,048 MB on a machine with 8 to 16 GB of memory
 * (4 GB above, less below), and the main thread of a province's 2,000 plans held about 265 MB.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2', '--max-old-space-size=2000'];

/** The variable that names the folder of the server's V8 code cache (server/src/node/code-cache.ts). */
export const CODE_CACHE_ENV = 'PLAN43_CODE_CACHE';

/**
 * Variables of the extension host's environment the server is started without (set empty, which
 * Node reads as unset). NODE_EXTRA_CA_CERTS: Node parses every certificate of that file when the
 * process starts, before any code runs — about 0.4 billion instructions for a system bundle of 144
 * certificates, four fifths of an empty Node process's start — and the server opens no connection
 * that would use them.
 */
export const SERVER_ENV_CLEARED: Readonly<Record<string, string>> = { NODE_EXTRA_CA_CERTS: '' };

/**
 * Variables the server is started with for glibc's allocator, read where Node's malloc is glibc's
 * (Node on Linux; elsewhere nothing reads them). MALLOC_ARENA_MAX: glibc gives a thread that
 * allocates while another holds the arena one of its own, up to eight per core, and memory freed
 * in one arena serves only the threads that use it; with a hundred plans open the server's main
 * thread, its check worker and V8's helper threads held six arenas of 1–5 MB beside the main one.
 * Two arenas took about 6 MB off a few seconds after opening them; one takes about 3 MB more off
 * (what the second arena kept, 0.3–3.6 MB), 3 s and 10 s after the last answer, and the threads
 * then share one lock: typing cost 1.02x the server's CPU time on 1,000 lines and 0.93x on 20,000
 * at the median of pairs on a loaded machine, with no higher keystroke latency (docs/benchmarks.md).
 * A value already in the extension host's environment is the user's choice and is kept.
 */
export const SERVER_ENV_ALLOCATOR: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1' };

/**
 * What the server's environment changes in the extension host's (`hostEnv`): its code cache in the
 * extension's global storage, a folder of the user's profile that no workspace can write, so that
 * each start after the first compiles little of the server (without a local storage folder the
 * server keeps its cache beside its bundle when that folder is the user's alone),
 * SERVER_ENV_CLEARED, and SERVER_ENV_ALLOCATOR where the host's environment does not set them.
 */
export function serverEnvironment(globalStoragePath: string | undefined, hostEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const allocator = Object.fromEntries(Object.entries(SERVER_ENV_ALLOCATOR).filter(([name]) => hostEnv[name] === undefined));
  return { ...SERVER_ENV_CLEARED, ...allocator, ...(globalStoragePath ? { [CODE_CACHE_ENV]: path.join(globalStoragePath, 'code-cache') } : {}) };
}
