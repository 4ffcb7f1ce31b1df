// The bundled template, registry and names as one JSON snapshot built from schemas/*.yaml at build time, so that start-up reads data instead of parsing YAML and compiling JSON Schemas.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { KnowledgeBase, NameRegister, Registry, Template } from '../core/data/types';
import { DataKind } from '../core/data/load';
import { cacheFolder, nameDigest, sha256, writeWhole } from './code-cache';
import { fileIdentity, isSettled, SETTLED_MS } from './file-identity';

/** Bumped when the shape of the snapshot changes, so that an older file is not read as a newer one. */
export const SNAPSHOT_FORMAT = 1;

/** The snapshot's place in the package: beside the bundles, which ship without schemas' YAML parser. */
export const SNAPSHOT_PATH = path.join('dist', 'bundled-data.json');

export const BUNDLED_FILES: Record<DataKind, string> = {
  template: 'nq43.template.yaml',
  registry: 'registry.yaml',
  names: 'names.yaml',
};

export interface BundledSnapshot {
  format: number;
  /** The SHA-256 of each YAML file the snapshot was built from: a snapshot of other files is not used. */
  sources: Record<string, string>;
  /**
   * What each YAML file was on disk when the build read it (see fileIdentity), for the files whose
   * times were settled by then: while a file is still that, it holds what was digested, and a
   * start need not read and digest it again. Absent in snapshots of older builds.
   */
  identities?: Record<string, string>;
  template: Template;
  registry: Registry;
  names: NameRegister;
}

/** Where the snapshot of the data in this schemas/ folder is. */
export function snapshotFile(schemasDir: string): string {
  return path.join(path.dirname(schemasDir), SNAPSHOT_PATH);
}

const sha256Of = (bytes: Buffer): string => sha256(bytes).toString('hex');

export { fileIdentity, SETTLED_MS };

/** A bundled YAML file as read: its SHA-256, its identity, and whether its times were settled when it was read. */
export interface SourceState {
  sha256: string;
  identity: string;
  settled: boolean;
}

/**
 * One bundled YAML file as it is now, its status taken from the open file before its bytes are
 * read: a write while it is read changes the times after those recorded, so the identity recorded
 * never stands for bytes other than those digested.
 */
function readSource(schemasDir: string, name: string, now: number): SourceState {
  const fd = fs.openSync(path.join(schemasDir, name), 'r');
  try {
    const stat = fs.fstatSync(fd);
    const sha256 = sha256Of(fs.readFileSync(fd));
    return { sha256, identity: fileIdentity(stat), settled: isSettled(stat, now) };
  } finally {
    fs.closeSync(fd);
  }
}

/** The bundled YAML files as they are now (see readSource). */
export function readSources(schemasDir: string, now: number = Date.now()): Record<string, SourceState> {
  const out: Record<string, SourceState> = {};
  for (const name of Object.values(BUNDLED_FILES)) out[name] = readSource(schemasDir, name, now);
  return out;
}

/**
 * The snapshot of a knowledge base loaded (and validated) from the YAML files, `sources` being those
 * files as read before they were loaded: a file changed after that has another identity and digest
 * than those recorded, so the snapshot is not used with it.
 */
export function snapshotOf(kb: KnowledgeBase, sources: Record<string, SourceState>): BundledSnapshot {
  const digests: Record<string, string> = {};
  const identities: Record<string, string> = {};
  for (const [name, state] of Object.entries(sources)) {
    digests[name] = state.sha256;
    if (state.settled) identities[name] = state.identity;
  }
  return { format: SNAPSHOT_FORMAT, sources: digests, identities, template: kb.template, registry: kb.registry, names: kb.names };
}

/** Whether every bundled YAML file has still the identity the build recorded (and so the bytes it digested). */
function unchangedSinceBuild(schemasDir: string, identities: Record<string, string> | undefined): boolean {
  if (!identities) return false;
  for (const name of Object.values(BUNDLED_FILES)) {
    const recorded = identities[name];
    if (recorded === undefined) return false;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(schemasDir, name));
    } catch {
      return false;
    }
    if (fileIdentity(stat) !== recorded) return false;
  }
  return true;
}

/** Bumped when the shape of the record of the files' identities changes. */
const RECORD_FORMAT = 1;

/**
 * The record, kept in the folder of the code cache, of the bundled YAML files' identities once their
 * digests were found to be those of the snapshot: an installed extension's files are never those the
 * build read (another inode), so without it every start would digest them (7.6 M instructions in
 * each thread). One record per schemas/ folder, so that two installs sharing a cache folder do not
 * take each other's.
 */
interface IdentityRecord {
  format: number;
  /** The schemas/ folder the files are in. */
  schemas: string;
  /** Each file's identity (see fileIdentity) when it was read, and the SHA-256 of what was read. */
  files: Record<string, { identity: string; sha256: string }>;
}

/** The file of the record of the files in `schemasDir`, in the folder `dir`. */
export function identityRecordFile(dir: string, schemasDir: string): string {
  // The record names its folder, checked when read (readRecord): the file's name only keeps installs apart.
  return path.join(dir, `bundled-data.${nameDigest(path.resolve(schemasDir))}.json`);
}

/** The files' entries of the record of `schemasDir`, or none when there is no such record or it cannot be read. */
function readRecord(file: string, schemasDir: string): IdentityRecord['files'] {
  const out: IdentityRecord['files'] = {};
  let record: IdentityRecord;
  try {
    record = JSON.parse(fs.readFileSync(file, 'utf8')) as IdentityRecord;
  } catch {
    return out;
  }
  if (!record || record.format !== RECORD_FORMAT || record.schemas !== path.resolve(schemasDir) || !record.files || typeof record.files !== 'object') return out;
  for (const name of Object.values(BUNDLED_FILES)) {
    const entry = record.files[name];
    if (entry && typeof entry.identity === 'string' && typeof entry.sha256 === 'string') out[name] = { identity: entry.identity, sha256: entry.sha256 };
  }
  return out;
}

/** Writes the record whole or not at all (the server's two threads may write it at the same time). */
function writeRecord(file: string, schemasDir: string, files: IdentityRecord['files']): void {
  const record: IdentityRecord = { format: RECORD_FORMAT, schemas: path.resolve(schemasDir), files };
  writeWhole(file, JSON.stringify(record));
}

/** The folder of the code cache of the bundles beside the snapshot (see cacheFolder), where the record is kept; undefined when there is none. */
export function recordFolder(schemasDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return cacheFolder(path.dirname(snapshotFile(schemasDir)), env).dir;
}

export interface ReadSnapshotOptions {
  /** The folder of the record of the files' identities; by default that of the code cache (see recordFolder). */
  recordDir?: () => string | undefined;
  /** The time now (the tests read files as if later). */
  now?: number;
}

/**
 * The bundled knowledge from the snapshot, or undefined when there is none, it cannot be read, or
 * it was built from other YAML files than those in the folder (an edit not yet built): the caller
 * then loads the YAML itself, so the data in use is never older than the files. The files are
 * known by their identity on disk when it is the one the build recorded, or the one the record in
 * the code cache's folder gives with the digest the snapshot expects; by their digests otherwise,
 * and the record is then written for the files that matched.
 */
export function readSnapshot(schemasDir: string, options: ReadSnapshotOptions = {}): KnowledgeBase | undefined {
  let snapshot: BundledSnapshot;
  try {
    snapshot = JSON.parse(fs.readFileSync(snapshotFile(schemasDir), 'utf8')) as BundledSnapshot;
  } catch {
    return undefined;
  }
  if (!snapshot || snapshot.format !== SNAPSHOT_FORMAT || !snapshot.template || !snapshot.registry || !snapshot.names) return undefined;
  const kb: KnowledgeBase = { template: snapshot.template, registry: snapshot.registry, names: snapshot.names };
  // The files the build read, untouched since: no need to read and digest them (the usual start of
  // a built tree). A copy, an unpacked package or an edit makes them other files.
  if (unchangedSinceBuild(schemasDir, snapshot.identities)) return kb;
  // An installed extension: its files as the record of an earlier start knows them, or digested.
  const now = options.now ?? Date.now();
  const folder = (options.recordDir ?? (() => recordFolder(schemasDir)))();
  const file = folder ? identityRecordFile(folder, schemasDir) : undefined;
  const recorded = file ? readRecord(file, schemasDir) : {};
  const known: IdentityRecord['files'] = {};
  let learned = false;
  try {
    for (const name of Object.values(BUNDLED_FILES)) {
      const expected = snapshot.sources?.[name];
      if (typeof expected !== 'string') return undefined;
      const entry = recorded[name];
      if (entry && entry.sha256 === expected && fileIdentity(fs.statSync(path.join(schemasDir, name))) === entry.identity) {
        known[name] = entry;
        continue;
      }
      const state = readSource(schemasDir, name, now);
      if (state.sha256 !== expected) return undefined;
      // A file changed within a tick of the file system's clock may change again with the same times: not recorded.
      if (state.settled) {
        known[name] = { identity: state.identity, sha256: state.sha256 };
        learned = true;
      }
    }
  } catch {
    return undefined;
  }
  if (file && learned) writeRecord(file, schemasDir, known);
  return kb;
}
