// A document's URI converted to its path: the same path as a conversion from scratch for any URI, however many were converted between two conversions of it, and a URI converted again (as a keystroke converts its plan's six times) not parsed again.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import url = require('node:url');
import { uriKey, uriToPath } from '../../server/src/lsp/uris';

/** What uriToPath gave before its paths were kept: a conversion from scratch. */
function fromScratch(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(url.fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** Counts the calls of url.fileURLToPath while `run` runs (the compiled modules read it from the module at each call). */
function parsesDuring(run: () => void): number {
  const original = url.fileURLToPath;
  let calls = 0;
  (url as { fileURLToPath: typeof url.fileURLToPath }).fileURLToPath = ((u: string | URL) => {
    calls++;
    return original(u);
  }) as typeof url.fileURLToPath;
  try {
    run();
  } finally {
    (url as { fileURLToPath: typeof url.fileURLToPath }).fileURLToPath = original;
  }
  return calls;
}

describe('uriToPath', () => {
  const samples = [
    'file:///home/drafter/ke-hoach/ke-hoach-43.md',
    'file:///home/drafter/k%E1%BA%BF%20ho%E1%BA%A1ch/b%C3%A1o-c%C3%A1o.md',
    'file:///home/drafter/a/../b/./plan.md',
    'file:///home/Drafter/Plan.md',
    'file:///home/drafter/plan.md',
    'file:///c%3A/Users/drafter/plan.md',
    'file:///tmp/a%2Fb.md',
    'file://server/share/plan.md',
    'file:',
    'untitled:Untitled-1',
    'https://example.com/plan.md',
  ];

  it('gives the path a conversion from scratch gives, converted again after many others', () => {
    for (let round = 0; round < 3; round++) {
      for (const uri of samples) assert.equal(uriToPath(uri), fromScratch(uri), uri);
      // More URIs than are kept, between two conversions of the samples.
      for (let i = 0; i < 150; i++) {
        const uri = `file:///home/drafter/plans/plan-${round}-${i}.md`;
        assert.equal(uriToPath(uri), fromScratch(uri));
        assert.equal(uriToPath(uri), fromScratch(uri));
      }
    }
    assert.equal(uriKey('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(uriKey(samples[0]), fromScratch(samples[0]));
  });

  it('does not parse a URI converted just before again', () => {
    const uri = 'file:///home/drafter/ke-hoach/k%E1%BA%BF-ho%E1%BA%A1ch-typed.md';
    assert.equal(
      parsesDuring(() => uriToPath(uri)),
      1,
    );
    const expected = fromScratch(uri);
    assert.equal(
      parsesDuring(() => {
        for (let i = 0; i < 6; i++) assert.equal(uriToPath(uri), expected);
      }),
      0,
    );
    // One that cannot be a path is not parsed again either, and stays without a path.
    const bad = 'file:///tmp/a%2Fb-typed.md';
    assert.equal(
      parsesDuring(() => {
        for (let i = 0; i < 6; i++) assert.equal(uriToPath(bad), undefined);
      }),
      1,
    );
  });
});
