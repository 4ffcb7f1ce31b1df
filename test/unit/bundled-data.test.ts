// The snapshot of the bundled data (dist/bundled-data.json): built by the test run, equal to a fresh load of schemas/*.yaml, and never used once the YAML has changed.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUNDLED_FILES, BundledSnapshot, fileIdentity, identityRecordFile, readSnapshot, readSources, recordFolder, SETTLED_MS, snapshotFile, snapshotOf, SNAPSHOT_PATH } from '../../server/src/node/bundled-data';
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

  it('is ASCII text, so that a start decodes and parses it as one-byte text, its other characters escaped', () => {
    const text = fs.readFileSync(snapshotFile(SCHEMAS), 'latin1');
    assert.ok(!/[^\x00-\x7f]/.test(text), `${SNAPSHOT_PATH} has characters beyond ASCII: npm run build makes it again`);
    // The Vietnamese names are there, escaped, and come back whole.
    assert.ok(text.includes('\\u1ec7'));
    const fresh = loadKnowledge({ schemasDir: SCHEMAS, fromSource: true, lang: 'en' });
    assert.deepStrictEqual((JSON.parse(text) as BundledSnapshot).names, fresh.kb.names);
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

    /** Until the file system's clock has passed `ns` (a change made now gets later times than those). */
    const waitForClockPast = (ns: bigint): void => {
      const probe = path.join(root, 'clock');
      for (;;) {
        fs.writeFileSync(probe, '');
        if (fs.statSync(probe, { bigint: true }).ctimeNs > ns) return;
      }
    };
    /**
     * The template's resolution edited to 99-NQ/TW, the file keeping its inode, size and
     * modification time (set back to the whole second it had): only its change time shows the edit.
     */
    const editKeepingModificationTime = (file: string): void => {
      const before = fs.statSync(file, { bigint: true });
      waitForClockPast(before.ctimeNs);
      const text = fs.readFileSync(file, 'utf8');
      const edited = text.replace(/^resolution: 43-NQ\/TW$/m, 'resolution: 99-NQ/TW');
      assert.notEqual(edited, text, 'the template names resolution 43-NQ/TW');
      fs.writeFileSync(file, edited);
      fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
      const after = fs.statSync(file, { bigint: true });
      assert.deepEqual([after.ino, after.size, after.mtimeNs], [before.ino, before.size, before.mtimeNs], 'the same inode, size and modification time');
    };

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

    describe('known by the files\' identity on disk', () => {
      const template = (): string => path.join(schemas, BUNDLED_FILES.template);
      /** A snapshot of the copy as the build writes it, its files read `settledFor` ms after their last change (as if the build ran then). */
      const build = (settledFor: number, edit: (snapshot: BundledSnapshot) => void = () => undefined): BundledSnapshot => {
        const sources = readSources(schemas, Date.now() + settledFor);
        const snapshot = snapshotOf(loadKnowledge({ schemasDir: schemas, fromSource: true, lang: 'en' }).kb, sources);
        edit(snapshot);
        fs.writeFileSync(snapshotFile(schemas), JSON.stringify(snapshot));
        return snapshot;
      };
      const marked = (snapshot: BundledSnapshot): void => {
        snapshot.template.resolution = 'from the snapshot';
      };
      const wrongDigests = (snapshot: BundledSnapshot): void => {
        for (const name of Object.keys(snapshot.sources)) snapshot.sources[name] = '0'.repeat(64);
      };

      it('files the build read and nobody changed since are not digested again', () => {
        // Wrong digests would refuse the snapshot: it is used, so its files were known by their identity.
        const snapshot = build(2 * SETTLED_MS, (s) => {
          marked(s);
          wrongDigests(s);
        });
        assert.deepEqual(Object.keys(snapshot.identities ?? {}).sort(), Object.values(BUNDLED_FILES).sort());
        assert.equal(readSnapshot(schemas)?.template.resolution, 'from the snapshot');
      });

      it('an edit of the same size, its modification time set back, is seen by the change time', () => {
        const file = template();
        // A whole second, so that it can be set back exactly.
        fs.utimesSync(file, 1_700_000_000, 1_700_000_000);
        build(2 * SETTLED_MS, marked);
        editKeepingModificationTime(file);
        assert.equal(readSnapshot(schemas), undefined);
        assert.equal(loadKnowledge({ schemasDir: schemas }).kb.template.resolution, '99-NQ/TW');
      });

      it('a file changed just before the build is not known by its identity, only by its digest', () => {
        fs.writeFileSync(template(), fs.readFileSync(template()));
        const sources = readSources(schemas);
        assert.equal(sources[BUNDLED_FILES.template].settled, false);
        const snapshot = build(0, (s) => {
          marked(s);
          s.sources[BUNDLED_FILES.template] = '0'.repeat(64);
        });
        assert.equal(snapshot.identities?.[BUNDLED_FILES.template], undefined);
        assert.equal(readSnapshot(schemas), undefined);
      });

      it('a copy of the files is known by its digests: used when they match, not otherwise', () => {
        build(2 * SETTLED_MS, marked);
        const copy = path.join(root, 'copy');
        fs.cpSync(schemas, path.join(copy, 'schemas'), { recursive: true, preserveTimestamps: true });
        fs.mkdirSync(path.join(copy, 'dist'));
        fs.copyFileSync(snapshotFile(schemas), snapshotFile(path.join(copy, 'schemas')));
        const copied = fs.statSync(path.join(copy, 'schemas', BUNDLED_FILES.template));
        assert.notEqual(fileIdentity(copied), fileIdentity(fs.statSync(template())));
        assert.equal(readSnapshot(path.join(copy, 'schemas'))?.template.resolution, 'from the snapshot');
        const snapshot = JSON.parse(fs.readFileSync(snapshotFile(schemas), 'utf8')) as BundledSnapshot;
        wrongDigests(snapshot);
        fs.writeFileSync(snapshotFile(path.join(copy, 'schemas')), JSON.stringify(snapshot));
        assert.equal(readSnapshot(path.join(copy, 'schemas')), undefined);
        // The files themselves, unchanged, still are.
        fs.writeFileSync(snapshotFile(schemas), JSON.stringify(snapshot));
        assert.equal(readSnapshot(schemas)?.template.resolution, 'from the snapshot');
      });
    });

    describe('installed: the files\' identities recorded beside the code cache', () => {
      // The copy's snapshot is the repository's, whose identities are those of other files: the
      // case of an installed extension, whose files are never those the build read.
      let cache: string;
      beforeEach(() => {
        cache = path.join(root, 'cache');
        fs.mkdirSync(cache, { mode: 0o700 });
      });
      const file = (name: string): string => path.join(schemas, name);
      /** A start as if made when the copy's files have settled. */
      const read = (now = Date.now() + 2 * SETTLED_MS) => readSnapshot(schemas, { recordDir: () => cache, now });
      type IdentityRecord = { format: number; schemas: string; files: { [name: string]: { identity: string; sha256: string } } };
      const record = (): IdentityRecord => JSON.parse(fs.readFileSync(identityRecordFile(cache, schemas), 'utf8')) as IdentityRecord;
      const editSnapshot = (edit: (snapshot: BundledSnapshot) => void): void => {
        const snapshot = JSON.parse(fs.readFileSync(snapshotFile(schemas), 'utf8')) as BundledSnapshot;
        edit(snapshot);
        fs.writeFileSync(snapshotFile(schemas), JSON.stringify(snapshot));
      };
      /** Digests no file has, in the snapshot and (when given) the record alike, and the snapshot marked: used only if no file was digested. */
      const impossibleDigests = (edited?: IdentityRecord): void => {
        editSnapshot((s) => {
          s.template.resolution = 'from the snapshot';
          for (const name of Object.values(BUNDLED_FILES)) s.sources[name] = 'f'.repeat(64);
        });
        if (!edited) return;
        for (const name of Object.keys(edited.files)) edited.files[name].sha256 = 'f'.repeat(64);
        fs.writeFileSync(identityRecordFile(cache, schemas), JSON.stringify(edited));
      };

      it('the first start digests the files and records them; a later start knows them without digesting', () => {
        assert.ok(!fs.existsSync(identityRecordFile(cache, schemas)));
        assert.ok(read(), 'the snapshot matches the copied files');
        const written = record();
        assert.equal(written.schemas, path.resolve(schemas));
        assert.deepEqual(Object.keys(written.files).sort(), Object.values(BUNDLED_FILES).sort());
        const digests = readSources(schemas);
        for (const name of Object.values(BUNDLED_FILES)) {
          assert.equal(written.files[name].identity, fileIdentity(fs.statSync(file(name))));
          assert.equal(written.files[name].sha256, digests[name].sha256);
        }
        impossibleDigests(written);
        assert.equal(read()?.template.resolution, 'from the snapshot');
      });

      it('a file edited under the record (same size, modification time set back) is digested again and refused', () => {
        const template = file(BUNDLED_FILES.template);
        fs.utimesSync(template, 1_700_000_000, 1_700_000_000);
        assert.ok(read());
        editKeepingModificationTime(template);
        assert.equal(read(), undefined);
        assert.equal(loadKnowledge({ schemasDir: schemas }).kb.template.resolution, '99-NQ/TW');
      });

      it('a file replaced by the same bytes (another inode) is digested, used, and recorded anew', () => {
        assert.ok(read());
        const names = Object.values(BUNDLED_FILES);
        const replaced = file(names[1]);
        const old = record().files[names[1]].identity;
        fs.writeFileSync(`${replaced}.new`, fs.readFileSync(replaced));
        fs.renameSync(`${replaced}.new`, replaced);
        assert.notEqual(fileIdentity(fs.statSync(replaced)), old);
        assert.ok(read());
        assert.equal(record().files[names[1]].identity, fileIdentity(fs.statSync(replaced)));
        // Now known: the record is enough again.
        impossibleDigests(record());
        assert.equal(read()?.template.resolution, 'from the snapshot');
      });

      it('a missing file is not taken from the record', () => {
        assert.ok(read());
        fs.rmSync(file(BUNDLED_FILES.names));
        assert.equal(read(), undefined);
      });

      it('a snapshot of other files is refused though the record knows the files', () => {
        assert.ok(read());
        editSnapshot((s) => {
          s.sources[BUNDLED_FILES.registry] = '0'.repeat(64);
        });
        assert.equal(read(), undefined);
      });

      it('a record of another schemas/ folder, or a damaged one, is not used', () => {
        assert.ok(read());
        const other = record();
        other.schemas = path.join(root, 'elsewhere', 'schemas');
        impossibleDigests(other);
        assert.equal(read(), undefined);
        fs.writeFileSync(identityRecordFile(cache, schemas), '{"format": 1, "schemas": ');
        assert.equal(read(), undefined);
      });

      it('files changed just before the start are digested but not recorded until their times have settled', () => {
        assert.ok(read(Date.now()));
        assert.ok(!fs.existsSync(identityRecordFile(cache, schemas)));
        assert.ok(read());
        assert.deepEqual(Object.keys(record().files).sort(), Object.values(BUNDLED_FILES).sort());
      });

      it('is kept in the folder of the code cache, and nowhere when the cache is off', () => {
        assert.equal(recordFolder(schemas, { PLAN43_CODE_CACHE: cache }), cache);
        assert.equal(recordFolder(schemas, { PLAN43_CODE_CACHE: 'off' }), undefined);
        assert.equal(recordFolder(schemas, {}), path.join(root, 'dist', 'code-cache'));
      });
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
