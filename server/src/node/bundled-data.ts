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
  template: Template;
  registry: Registry;
  names: NameRegister;
}

/** Where the snapshot of the data in this schemas/ folder is. */
export function snapshotFile(schemasDir: string): string {
  return path.join(path.dirname(schemasDir), SNAPSHOT_PATH);
}

/** The digests of the bundled YAML files as they are now. */
export function sourceDigests(schemasDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.values(BUNDLED_FILES)) {
    out[name] = createHash('sha256').update(fs.readFileSync(path.join(schemasDir, name))).digest('hex');
  }
  return out;
}

/** The snapshot of a knowledge base loaded (and validated) from the YAML files. */
export function snapshotOf(kb: KnowledgeBase, schemasDir: string): BundledSnapshot {
  return { format: SNAPSHOT_FORMAT, sources: sourceDigests(schemasDir), template: kb.template, registry: kb.registry, names: kb.names };
}

/**
 * The bundled knowledge from the snapshot, or undefined when there is none, it cannot be read, or
 * it was built from other YAML files than those in the folder (an edit not yet built): the caller
 * then loads the YAML itself, so the data in use is never older than the files.
 */
export function readSnapshot(schemasDir: string): KnowledgeBase | undefined {
  let snapshot: BundledSnapshot;
  try {
    snapshot = JSON.parse(fs.readFileSync(snapshotFile(schemasDir), 'utf8')) as BundledSnapshot;
  } catch {
    return undefined;
  }
  if (!snapshot || snapshot.format !== SNAPSHOT_FORMAT || !snapshot.template || !snapshot.registry || !snapshot.names) return undefined;
  let digests: Record<string, string>;
  try {
    digests = sourceDigests(schemasDir);
  } catch {
    return undefined;
  }
  for (const [name, digest] of Object.entries(digests)) if (snapshot.sources?.[name] !== digest) return undefined;
  return { template: snapshot.template, registry: snapshot.registry, names: snapshot.names };
}
