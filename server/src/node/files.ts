// Finds plan files under the paths given on the command line.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { syntaxOf } from '../core/document/parse';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'out', 'dist', '.vscode-test', '.cache']);

/** Files to check: the files named, and the Markdown/YAML files inside the folders named. */
export function collectFiles(inputs: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') && entry.isDirectory()) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && syntaxOf(entry.name)) {
        files.push(full);
      }
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isDirectory()) walk(input);
    else files.push(input);
  }
  return { files: [...new Set(files)], missing };
}
