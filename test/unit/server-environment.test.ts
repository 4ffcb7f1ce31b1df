// The environment the extension starts its language server with (client/src/server-options.ts): what Node is spared at the server's start, and the allocator's arenas.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

/** The client's module as built (the client talks to the server only over LSP; the tests read its output). */
const { serverEnvironment } = require(path.join(REPO_ROOT, 'out', 'client', 'src', 'server-options.js')) as {
  serverEnvironment: (globalStoragePath: string | undefined, hostEnv?: NodeJS.ProcessEnv) => Record<string, string>;
};

/** What Node writes on its standard error when it starts and exits at once with `env`. */
function startWith(env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, ['-e', '0'], { env, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stderr;
}

describe('the environment of the language server', () => {
  it('starts Node without reading extra CA certificates, which the server never uses', () => {
    // An extension host whose environment names a certificate file: Node reads it as it starts (and says when it cannot).
    const host = { ...process.env, NODE_EXTRA_CA_CERTS: path.join(REPO_ROOT, 'no-such-certificates.pem') };
    assert.match(startWith(host), /extra certs/);
    assert.doesNotMatch(startWith({ ...host, ...serverEnvironment(undefined) }), /extra certs/);
    assert.doesNotMatch(startWith({ ...host, ...serverEnvironment(path.join(REPO_ROOT, 'storage')) }), /extra certs/);
  });

  it('keeps the code cache in the extension’s global storage when there is one', () => {
    assert.equal(serverEnvironment(path.join(REPO_ROOT, 'storage')).PLAN43_CODE_CACHE, path.join(REPO_ROOT, 'storage', 'code-cache'));
    assert.equal(serverEnvironment(undefined).PLAN43_CODE_CACHE, undefined);
  });

  it('limits glibc’s allocator to one arena, unless the extension host’s environment names its own limit', () => {
    assert.equal(serverEnvironment(undefined, {}).MALLOC_ARENA_MAX, '1');
    assert.equal(serverEnvironment(path.join(REPO_ROOT, 'storage'), { PATH: '/usr/bin' }).MALLOC_ARENA_MAX, '1');
    // The user's own value reaches the server unchanged: the client merges its variables over the host's.
    const own = { MALLOC_ARENA_MAX: '8' };
    assert.equal({ ...own, ...serverEnvironment(undefined, own) }.MALLOC_ARENA_MAX, '8');
  });
});
