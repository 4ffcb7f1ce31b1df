// The bundled template, registry and names as one JSON snapshot built from schemas/*.yaml at build time, so that start-up reads data instead of parsing YAML and compiling JSON Schemas.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KnowledgeBase, NameRegister, Registry, Template } from '../core/data/types';
import { DataKind } from '../core/data/load';

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

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * How long before its digest a file's modification and change times must be for its identity to
 * be recorded. A file rewritten within the same tick of the file system's clock (a few ms; 1–2 s
 * on some file systems) keeps its times; a file whose times were already this old when it was read
 * gets later times from any write after that.
 */
export const SETTLED_MS = 3_000;

/**
 * A file on disk as its status tells it: device, inode, size, modification and change times (in ms,
 * to a fraction of a microsecond; a status in BigInts costs its first use in a thread ten times as
 * much). Any write changes the change time, which no program can set back short of the system's
 * clock (the modification time it can); a copy, a checkout, an unpacked package is another inode.
 * So an identity that is still the same is the same bytes — unless the file was rewritten within
 * the tick of its last times, which SETTLED_MS rules out.
 */
export function fileIdentity(stat: fs.Stats): string {
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

/** A bundled YAML file as read: its SHA-256, its identity, and whether its times were settled when it was read. */
export interface SourceState {
  sha256: string;
  identity: string;
  settled: boolean;
}

/**
 * The bundled YAML files as they are now, each file's status taken from the open file before its
 * bytes are read: a write while it is read changes the times after those recorded, so the identity
 * recorded never stands for bytes other than those digested.
 */
export function readSources(schemasDir: string, now: number = Date.now()): Record<string, SourceState> {
  const out: Record<string, SourceState> = {};
  for (const name of Object.values(BUNDLED_FILES)) {
    const fd = fs.openSync(path.join(schemasDir, name), 'r');
    try {
      const stat = fs.fstatSync(fd);
      const sha256 = sha256Of(fs.readFileSync(fd));
      out[name] = { sha256, identity: fileIdentity(stat), settled: now - Math.max(stat.mtimeMs, stat.ctimeMs) >= SETTLED_MS };
    } finally {
      fs.closeSync(fd);
    }
  }
  return out;
}

/** The digests of the bundled YAML files as they are now (a start whose files are not those the build read: no status needed). */
export function sourceDigests(schemasDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.values(BUNDLED_FILES)) out[name] = sha256Of(fs.readFileSync(path.join(schemasDir, name)));
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

/**
 * The bundled knowledge from the snapshot, or undefined when there is none, it cannot be read, or
 * it was built from other YAML files than those in the folder (an edit not yet built): the caller
 * then loads the YAML itself, so the data in use is never older than the files. The files are
 * known by their identity on disk when it is the one the build recorded, by their digests otherwise.
 */
export function readSnapshot(schemasDir: string): KnowledgeBase | undefined {
  let snapshot: BundledSnapshot;
  try {
    snapshot = JSON.parse(fs.readFileSync(snapshotFile(schemasDir), 'utf8')) as BundledSnapshot;
  } catch {
    return undefined;
  }
  if (!snapshot || snapshot.format !== SNAPSHOT_FORMAT || !snapshot.template || !snapshot.registry || !snapshot.names) return undefined;
  // The files the build read, untouched since: no need to read and digest them (the usual start of
  // a built tree). A copy, an unpacked package or an edit makes them other files: digested then.
  if (unchangedSinceBuild(schemasDir, snapshot.identities)) return { template: snapshot.template, registry: snapshot.registry, names: snapshot.names };
  let digests: Record<string, string>;
  try {
    digests = sourceDigests(schemasDir);
  } catch {
    return undefined;
  }
  for (const [name, digest] of Object.entries(digests)) if (snapshot.sources?.[name] !== digest) return undefined;
  return { template: snapshot.template, registry: snapshot.registry, names: snapshot.names };
}
