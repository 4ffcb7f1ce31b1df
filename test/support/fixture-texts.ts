// The texts of every Markdown and YAML fixture, in a stable order: what the comparisons of a reader with its earlier reading run over.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES } from './paths';

export function fixtureTexts(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (fs.statSync(file).isDirectory()) walk(file);
      else if (/\.(md|yaml)$/u.test(name)) out.push(fs.readFileSync(file, 'utf8'));
    }
  };
  walk(FIXTURES);
  return out;
}
