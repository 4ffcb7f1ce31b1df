// The snapshot of the bundled data (dist/bundled-data.json): built by the test run, equal to a fresh load of schemas/*.yaml, and never used once the YAML has changed.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSnapshot, snapshotFile, SNAPSHOT_PATH, BUNDLED_FILES } from '../../server/src/node/bundled-data';
import { loadKnowledge } from '../../server/src/node/knowledge';
import { REPO_ROOT, SCHEMAS } from '../support/paths';

describe('bundled data snapshot', () => {
  it('was built from the current YAML', () => {
    assert.equal(snapshotFile(SCHEMAS), path.join(REPO_ROOT, SNAPSHOT_PATH));
    assert.ok(fs.existsSync(snapshotFile(SCHEMAS)), `${SNAPSHOT_PATH} is missing: npm run build makes it`);
    assert.ok(readSnapshot(SCHEMAS), `${SNAPSHOT_PATH} was built from other YAML files: npm run build makes it again`);
  });

  it('holds exactly what parsing and validating the YAML gives', () => {
    const fresh = loadKnowledge({ schemasDir: SCHEMAS, fromSource: true, lang: 'en' });
    assert.deepEqual(fresh.dataFindings, []);
    assert.deepStrictEqual(readSnapshot(SCHEMAS), fresh.kb);
    // And what the server and the command line load is that snapshot.
    assert.deepStrictEqual(loadKnowledge({ schemasDir: SCHEMAS }).kb, fresh.kb);
  });

  describe('in a copy of the package', () => {
    let root: string;
    let schemas: string;
    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-snapshot-'));
      schemas = path.join(root, 'schemas');
      fs.cpSync(SCHEMAS, schemas, { recursive: true });
      fs.mkdirSync(path.join(root, 'dist'));
      fs.copyFileSync(snapshotFile(SCHEMAS), snapshotFile(schemas));
    });
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('the snapshot is used when it matches the YAML', () => {
      // Marked so that reading it, not the YAML, shows.
      const snapshot = JSON.parse(fs.readFileSync(snapshotFile(schemas), 'utf8'));
      snapshot.template.resolution = 'from the snapshot';
      fs.writeFileSync(snapshotFile(schemas), JSON.stringify(snapshot));
      assert.equal(loadKnowledge({ schemasDir: schemas }).kb.template.resolution, 'from the snapshot');
    });

    it('an edited YAML file wins over the snapshot built before the edit', () => {
      const file = path.join(schemas, BUNDLED_FILES.template);
      const text = fs.readFileSync(file, 'utf8');
      const line = /^resolution: .*$/m.exec(text);
      assert.ok(line, 'the template names its resolution');
      fs.writeFileSync(file, text.replace(line[0], 'resolution: 99-NQ/TW'));
      assert.equal(readSnapshot(schemas), undefined);
      const loaded = loadKnowledge({ schemasDir: schemas });
      assert.deepEqual(loaded.dataFindings, []);
      assert.equal(loaded.kb.template.resolution, '99-NQ/TW');
    });

    it('a missing or damaged snapshot falls back to the YAML', () => {
      fs.writeFileSync(snapshotFile(schemas), '{"format": 1, "sources": ');
      assert.equal(readSnapshot(schemas), undefined);
      assert.deepStrictEqual(loadKnowledge({ schemasDir: schemas }).kb, loadKnowledge({ schemasDir: SCHEMAS }).kb);
      fs.rmSync(snapshotFile(schemas));
      assert.equal(readSnapshot(schemas), undefined);
      assert.deepStrictEqual(loadKnowledge({ schemasDir: schemas }).kb, loadKnowledge({ schemasDir: SCHEMAS }).kb);
    });
  });
});
