// Starting servers for the robustness tests: the shipped one, or the test entry with extra rules; both driven by the protocol tests' TestClient.

import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InitializeResult } from 'vscode-languageserver/node';
import { pullCapabilities, StartOptions, TestClient, uri } from '../../protocol/client';

/** The compiled test entry (support/server-entry.ts). */
export const TEST_SERVER_MAIN = path.join(__dirname, 'server-entry.js');

type ClientConstructor = new (process: ChildProcess, settings: Record<string, unknown>) => TestClient;

/**
 * Starts the test entry (or `main`) with `args` and initializes it exactly as TestClient.start does
 * with the shipped server.
 */
export async function startTestServer(args: string[], options: StartOptions & { main?: string; nodeArgs?: string[]; uid?: number } = {}): Promise<TestClient> {
  const main = options.main ?? TEST_SERVER_MAIN;
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run "npx tsc -b" first`);
  // `uid`: the server runs as that user (and group), which only the superuser can ask for.
  const user = options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {};
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), main, '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'], ...user });
  const client = new (TestClient as unknown as ClientConstructor)(child, options.settings ?? {});
  const folders = options.workspaceFolders ?? [];
  client.initializeResult = await client.request<InitializeResult>('initialize', {
    // The server checks that its client's process lives by signalling it, which another user may not do.
    processId: options.uid !== undefined ? null : process.pid,
    rootUri: folders[0] ? uri(folders[0]) : null,
    workspaceFolders: folders.map((f) => ({ uri: uri(f), name: path.basename(f) })),
    capabilities: options.capabilities ?? pullCapabilities(),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.initializationOptions !== undefined ? { initializationOptions: options.initializationOptions } : {}),
  });
  client.notify('initialized', {});
  return client;
}

/** Milliseconds a promise took, with its value. */
export async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  const value = await promise;
  return { value, ms: Date.now() - start };
}

/** The error of a request that must fail, or a failure of the test when it answers. */
export async function requestError(client: TestClient, method: string, params: unknown): Promise<{ code: number; message: string }> {
  try {
    await client.request(method, params);
  } catch (err) {
    const e = err as { code?: number; message: string };
    if (typeof e.code === 'number') return { code: e.code, message: e.message };
    throw err;
  }
  throw new Error(`${method} answered where it had to fail`);
}

/** Resident memory of a process in bytes (Linux /proc), or undefined elsewhere. */
export function residentBytes(pid: number | undefined, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
