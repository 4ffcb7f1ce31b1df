// The floor of any checker, run as its own process like the others: read every .md file's bytes, decode, NFC, split into lines.

import * as fs from 'node:fs';
import * as path from 'node:path';

function walk(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (e.name.endsWith('.md')) out.push(full);
  }
}

const files: string[] = [];
for (const arg of process.argv.slice(2)) walk(path.resolve(arg), files);
files.sort();
let lines = 0;
let bytes = 0;
for (const file of files) {
  const buffer = fs.readFileSync(file);
  bytes += buffer.length;
  lines += buffer.toString('utf8').normalize('NFC').split(/\r\n|\r|\n/).length;
}
process.stdout.write(`${files.length} files, ${bytes} bytes, ${lines} lines\n`);
