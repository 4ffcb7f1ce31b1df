// The Word test documents as an office saves them (LibreOffice, from test/fixtures/word/*.fodt), built by scripts/word-fixtures.js.

import * as path from 'node:path';
import { REPO_ROOT } from './paths';

export type OfficeDocuments = Record<string, { docx: string; doc?: string }>;

// The script is plain JavaScript so that npm test can run it before the build; the tests load it as it is.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const script = require(path.join(REPO_ROOT, 'scripts', 'word-fixtures.js')) as { officeDocuments(options?: { log?: (line: string) => void }): OfficeDocuments };

/**
 * The converted documents by name ("seed-000", "clean-party" …). With a cold cache this converts
 * every document with LibreOffice; `npm test` and `npm run test:unit` build them before mocha, so
 * a test only finds them.
 */
export function officeDocuments(): OfficeDocuments {
  return script.officeDocuments({ log: () => undefined });
}

/** How long a hook that asks for the documents may take: a cold cache starts LibreOffice. */
export const OFFICE_CONVERSION_TIMEOUT = 20 * 60 * 1000;
