// The start-up bench's helpers (bench/start-up.ts): its starts find the code cache settled, as an editor's next start does, and a counted start's parts are read from callgrind's annotation.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSettled, SETTLED_MS } from '../../server/src/node/file-identity';
import { REPO_ROOT } from '../support/paths';

/** The bench is built beside the tests (`tsc -b`), not imported by them (the bench's project refers to the tests'). */
interface StartUpHelpers {
  settledCodeCache(dir: string): Promise<void>;
  inclusiveByName(text: string, names: readonly string[]): number[];
}
const helpers = (): StartUpHelpers => require(path.join(REPO_ROOT, 'out', 'bench', 'start-up.js')) as StartUpHelpers;

/** Lines as `callgrind_annotate --inclusive=yes` prints them: a function under ??? and under a source path, a recursion's second level, a C function. */
const ANNOTATION = `--------------------------------------------------------------------------------
Ir                      file:function
--------------------------------------------------------------------------------
490,613,707 (100.0%)  PROGRAM TOTALS
  198,659,862 (40.49%)  ???:node::LoadEnvironment(node::Environment*, std::function<v8::MaybeLocal<v8::Value> (node::StartExecutionCallbackInfo const&)>) [/usr/bin/node]
   47,394,401 ( 9.66%)  ???:v8::internal::GCExtension::GC(v8::FunctionCallbackInfo<v8::Value> const&) [/usr/bin/node]
   24,136,954 ( 4.92%)  ???:v8::internal::Runtime_CompileLazy(int, unsigned long*, v8::internal::Isolate*) [/usr/bin/node]
    2,776,427 ( 0.57%)  ???:v8::internal::Runtime_CompileLazy(int, unsigned long*, v8::internal::Isolate*)'2 [/usr/bin/node]
   20,551,824 ( 4.19%)  ???:SHA256_Update [/usr/bin/node]
   12,000,000 ( 2.45%)  /home/iojs/build/ws/out/../deps/uv/src/unix/core.c:uv_run [/usr/bin/node]
`;

describe('bench: start-up helpers', function () {
  this.timeout(30_000);

  it('waits until every file of a code cache folder is settled, as the loader asks before it records a cache known whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-settle-'));
    try {
      fs.writeFileSync(path.join(dir, 'server.bundle.0123456789abcdef.cache'), 'a');
      fs.writeFileSync(path.join(dir, 'check-worker.bundle.0123456789abcdef.cache'), 'b');
      await helpers().settledCodeCache(dir);
      const now = Date.now();
      for (const f of fs.readdirSync(dir)) assert.ok(isSettled(fs.statSync(path.join(dir, f)), now), `${f} is settled (${SETTLED_MS} ms old) when the wait ends`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a function\'s inclusive count once, whatever its file and recursion, and 0 for one that did not run', () => {
    const names = ['node::LoadEnvironment(', 'v8::internal::Runtime_CompileLazy(', 'SHA256_Update', 'uv_run', 'v8::internal::Heap::CollectGarbage('];
    assert.deepEqual(helpers().inclusiveByName(ANNOTATION, names), [198_659_862, 24_136_954, 20_551_824, 12_000_000, 0]);
  });
});
