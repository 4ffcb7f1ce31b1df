#!/usr/bin/env node
// Prints the README rule table from the built rule registry (npm run build first); the docs test checks the README against it.
'use strict';
const path = require('node:path');
const { RULE_METADATA, fixLabel } = require(path.join(__dirname, '..', 'out', 'server', 'src', 'core', 'rules', 'index.js'));

const rows = RULE_METADATA.map(
  (r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.title.vi} / ${r.title.en} | ${r.severity.drafting} | ${r.severity.submission} | ${fixLabel(r)} |`,
);
process.stdout.write(
  ['| rule | what it checks | drafting | submission | fix |', '|---|---|---|---|---|', ...rows].join('\n') + '\n',
);
