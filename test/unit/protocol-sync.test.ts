// The LSP contract is declared once per side (server/src/lsp/protocol.ts, client/src/protocol.ts); their exported string constants must be equal.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';

/** `export const NAME = 'value';` declarations of a file, read as text (the client is not compiled with the tests). */
function stringConstants(rel: string): Record<string, string> {
  const text = fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
  const out: Record<string, string> = {};
  const re = /^export const (\w+)(?:\s*:\s*[\w.]+)?\s*=\s*(['"])((?:(?!\2)[^\\]|\\.)*)\2\s*(?:as const\s*)?;/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]] = m[3];
  return out;
}

describe('protocol: client and server agree', () => {
  const server = stringConstants('server/src/lsp/protocol.ts');
  const client = stringConstants('client/src/protocol.ts');

  it('both sides declare the contract', () => {
    for (const side of [server, client]) {
      assert.ok(Object.keys(side).length >= 8);
      assert.equal(side.SUBMISSION_REPORT_REQUEST, 'plan43/submissionReport');
      assert.equal(side.DOCUMENT_STATUS_REQUEST, 'plan43/documentStatus');
      assert.equal(side.NEW_PLAN_REQUEST, 'plan43/newPlan');
      assert.equal(side.INSERT_MISSING_SECTIONS_REQUEST, 'plan43/insertMissingSections');
      assert.equal(side.IMPORT_PLAN_REQUEST, 'plan43/importPlan');
      assert.equal(side.EXPORT_PLAN_REQUEST, 'plan43/exportPlan');
      assert.equal(side.PREVIEW_REQUEST, 'plan43/preview');
      assert.equal(side.PREVIEW_VIEW_TYPE, 'plan43.preview');
    }
  });

  it('exports the same string constants with the same values', () => {
    assert.deepEqual(client, server);
  });

  it('the Word import and export and the preview messages have the same fields on both sides', () => {
    const fields = (rel: string, name: string): string[] => {
      const text = fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
      const body = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(text);
      assert.ok(body, `${rel} declares ${name}`);
      return [...body[1].matchAll(/^  (\w+)(\??):\s*([^;]+);/gm)].map((m) => `${m[1]}${m[2]}: ${m[3]}`);
    };
    for (const name of ['ImportPlanParams', 'ImportRepair', 'ImportInference', 'ImportPlanResult', 'ExportPlanParams', 'ExportPlanResult', 'PreviewParams', 'PreviewResult']) {
      const server = fields('server/src/lsp/protocol.ts', name);
      assert.ok(server.length > 0, name);
      assert.deepEqual(fields('client/src/protocol.ts', name), server, name);
    }
  });

  it('every custom method and command the client sends is one the server declares', () => {
    const declared = new Set(Object.values(server));
    const dir = path.join(REPO_ROOT, 'client', 'src');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/['"](plan43\/\w+|plan43\.server\.\w+)['"]/g)) {
        assert.ok(declared.has(m[1]), `client/src/${file} uses "${m[1]}", which server/src/lsp/protocol.ts does not declare`);
      }
    }
  });
});
