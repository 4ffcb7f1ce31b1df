// The Node options and environment the extension starts its language server with, as the benchmarks measured them (docs/benchmarks.md).

import * as path from 'node:path';

/**
 * V8's young generation otherwise grows to 32 MB under the churn of checking and stays there: a
 * quarter of the server's resident memory with a hundred plans open. With semi-spaces of 2 MB the
 * same server holds them in about 25 MB less; 1 MB saved no more and made keystrokes about a
 * tenth slower on a long plan (more frequent young-generation collections).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];

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
 * What the server's environment changes in the extension host's: its code cache in the extension's
 * global storage, a folder of the user's profile that no workspace can write, so that each start
 * after the first compiles little of the server (without a local storage folder the server keeps
 * its cache beside its bundle when that folder is the user's alone), and SERVER_ENV_CLEARED.
 */
export function serverEnvironment(globalStoragePath: string | undefined): Record<string, string> {
  return { ...SERVER_ENV_CLEARED, ...(globalStoragePath ? { [CODE_CACHE_ENV]: path.join(globalStoragePath, 'code-cache') } : {}) };
}
