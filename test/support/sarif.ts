// Validates SARIF output against the official SARIF 2.1.0 schema that @microsoft/sarif-multitool ships.

import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from './paths';

function sarifSchemaPath(): string {
  const dir = path.join(REPO_ROOT, 'node_modules', '@microsoft');
  for (const pkg of fs.readdirSync(dir)) {
    const candidate = path.join(dir, pkg, 'sarif-2.1.0.json');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('the SARIF 2.1.0 schema (from @microsoft/sarif-multitool) is not installed');
}

/** The schema's errors for a SARIF log (an empty list when it is valid). */
export function sarifErrors(sarif: unknown): unknown[] {
  const schema = JSON.parse(fs.readFileSync(sarifSchemaPath(), 'utf8')) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(sarif) ? [] : [...(validate.errors ?? [])];
}
