// Starting servers for the robustness tests: the shipped one, or the test entry with extra rules; both driven by the protocol tests' TestClient.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { StartOptions, TestClient } from '../../protocol/client';

/** The compiled test entry (support/server-entry.ts). */
export const TEST_SERVER_MAIN = path.join(__dirname, 'server-entry.js');

/**
 * Starts the test entry (or `main`) with `args` and initializes it exactly as TestClient.start does
 * with the shipped server.
 */
export function startTestServer(args: string[], options: StartOptions & { main?: string; nodeArgs?: string[]; uid?: number } = {}): Promise<TestClient> {
  const main = options.main ?? TEST_SERVER_MAIN;
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run "npx tsc -b" first`);
  // `uid`: the server runs as that user (and group), which only the superuser can ask for.
  return TestClient.start({ ...options, command: { file: process.execPath, args: [...(options.nodeArgs ?? []), main, ...args], ...(options.uid !== undefined ? { uid: options.uid } : {}) } });
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
