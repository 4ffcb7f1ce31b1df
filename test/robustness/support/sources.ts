// The product's source lines (server and client), for tests that audit what the code may do.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/paths';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) for (const f of sources(full)) out.push(f);
    else if (e.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/**
 * Source lines of the product (server and client) matching a pattern, as "file:line", comments
 * left out; with `withoutStrings`, the contents of string literals too (messages may quote code).
 */
export function productLines(pattern: RegExp, options: { withoutStrings?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const dir of ['server/src', 'client/src']) {
    for (const file of sources(path.join(REPO_ROOT, dir))) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          let code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
          if (options.withoutStrings) code = code.replace(/`[^`]*`|'[^']*'/g, "''");
          if (pattern.test(code)) out.push(`${path.relative(REPO_ROOT, file).split(path.sep).join('/')}:${i + 1}`);
        });
    }
  }
  return out;
}
