// The server's index of the workspace's plans while it reads the folders: files created, deleted or hidden during the scan end up as a later scan would list them.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parsePlan } from '../../server/src/core/document/parse';
import { pathToUri } from '../../server/src/lsp/uris';
import { WorkspacePlans } from '../../server/src/lsp/workspace-plans';
import { bundledKnowledge } from '../support/knowledge';
import { PROVINCE_FIXTURES } from '../support/paths';

/** A folder with the province's plans and an index over it whose host runs `during` once, in the middle of the scan. */
function setUp(during: (plans: WorkspacePlans, dir: string) => void): { plans: WorkspacePlans; dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-scan-'));
  for (const name of ['tinh-uy-chuong-trinh.md', 'ubnd-tinh-ke-hoach.md', 'dang-uy-xa-chau-phong.md']) {
    fs.copyFileSync(path.join(PROVINCE_FIXTURES, name), path.join(dir, name));
  }
  let ran = false;
  const plans: WorkspacePlans = new WorkspacePlans({
    folders: () => [dir],
    // Asked for each listed file as the scan reaches it: the moment a watcher event can arrive.
    openDocument: () => {
      if (!ran) {
        ran = true;
        during(plans, dir);
      }
      return undefined;
    },
    planOf: (doc: TextDocument) => parsePlan(doc.uri, doc.getText()),
    knowledge: () => bundledKnowledge().kb,
    log: () => undefined,
    changed: () => undefined,
  });
  return { plans, dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const labels = (plans: WorkspacePlans): string[] => plans.list().map((p) => p.indexed.label).sort();

describe('workspace index: files that change while the folders are read', () => {
  it('keeps a plan created after the folder was listed, which the watcher reported during the scan', async () => {
    const late = 'dang-uy-xa-my-hoa-hung.md';
    const ws = setUp((plans, dir) => {
      fs.copyFileSync(path.join(PROVINCE_FIXTURES, late), path.join(dir, late));
      plans.fileChanged(pathToUri(path.join(dir, late)));
    });
    try {
      await ws.plans.scan();
      assert.deepEqual(labels(ws.plans), [late, 'dang-uy-xa-chau-phong.md', 'tinh-uy-chuong-trinh.md', 'ubnd-tinh-ke-hoach.md'].sort());
      assert.equal(ws.plans.entriesWith('08-KH/ĐU').length, 1, 'the late plan is a registry entry for the others');
      // A second scan lists it too: the first ends as the second would.
      await ws.plans.scan();
      assert.equal(labels(ws.plans).length, 4);
    } finally {
      ws.remove();
    }
  });

  it('drops a plan deleted during the scan, and never takes one in a folder a scan skips', async () => {
    const ws = setUp((plans, dir) => {
      fs.rmSync(path.join(dir, 'ubnd-tinh-ke-hoach.md'));
      plans.fileChanged(pathToUri(path.join(dir, 'ubnd-tinh-ke-hoach.md')));
      for (const hidden of ['node_modules', '.history']) {
        fs.mkdirSync(path.join(dir, hidden));
        fs.copyFileSync(path.join(PROVINCE_FIXTURES, 'ubnd-xa-chau-phong.md'), path.join(dir, hidden, 'copy.md'));
        plans.fileChanged(pathToUri(path.join(dir, hidden, 'copy.md')));
      }
    });
    try {
      await ws.plans.scan();
      assert.deepEqual(labels(ws.plans), ['dang-uy-xa-chau-phong.md', 'tinh-uy-chuong-trinh.md']);
    } finally {
      ws.remove();
    }
  });
});
