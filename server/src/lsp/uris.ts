// File URIs and paths: converts between them and compares URIs written by different encoders.

import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The file-system path of a file: URI; undefined for other schemes (untitled:). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
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
