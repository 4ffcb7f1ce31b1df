// File URIs and paths: converts between them and compares URIs written by different encoders.

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The paths of the file: URIs converted last. A keystroke in a plan converted its URI six times
 * on the main thread (the index, the data files, the syntax, the head, the analysis), each a URL
 * parsed and a path normalized; the path is a function of the URI's text alone.
 */
const PATHS = new Map<string, string | null>();
const KEPT_PATHS = 64;

/** The file-system path of a file: URI; undefined for other schemes (untitled:). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const known = PATHS.get(uri);
  if (known !== undefined) return known ?? undefined;
  let file: string | null;
  try {
    file = path.normalize(fileURLToPath(uri));
  } catch {
    file = null;
  }
  // The oldest goes first: a workspace's scan converts each of its files once.
  if (PATHS.size >= KEPT_PATHS) PATHS.delete(PATHS.keys().next().value as string);
  PATHS.set(uri, file);
  return file ?? undefined;
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * A comparable form of a URI: clients percent-encode differently (VS Code writes "c%3A" and
 * encodes more characters than Node does), so file URIs are compared by path.
 */
export function uriKey(uri: string): string {
  const p = uriToPath(uri);
  if (p === undefined) return uri;
  return process.platform === 'win32' ? p.toLowerCase() : p;
}

export function pathKey(file: string): string {
  const p = path.normalize(file);
  return process.platform === 'win32' ? p.toLowerCase() : p;
}
