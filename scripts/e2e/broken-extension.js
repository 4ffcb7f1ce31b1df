// Makes a deliberately broken copy of the extension for the check that the end-to-end suite can fail: the real client and server, with the server's diagnostics turned off.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Builds the copy in `dir`: every top-level entry of the repository is linked, except dist/, which
 * holds the real client bundle and, as dist/server.js (the server the client starts), a wrapper
 * that loads the compiled server from out/ after replacing DiagnosticsFeature.forDocument (and
 * forWorkspace, the workspace pull) with functions that find nothing. Returns the copy's path, to pass as extensionDevelopmentPath.
 */
function createBrokenExtension(dir) {
  const diagnosticsModule = path.join(ROOT, 'out', 'server', 'src', 'lsp', 'diagnostics.js');
  const serverMain = path.join(ROOT, 'out', 'server', 'src', 'main.js');
  const clientBundle = path.join(ROOT, 'dist', 'extension.js');
  for (const f of [diagnosticsModule, serverMain, clientBundle]) {
    if (!fs.existsSync(f)) throw new Error(`cannot build the broken copy: ${path.relative(ROOT, f)} is missing (npm run build, node scripts/bundle.js)`);
  }
  const { DiagnosticsFeature } = require(diagnosticsModule);
  if (typeof DiagnosticsFeature?.prototype?.forDocument !== 'function') {
    throw new Error('cannot build the broken copy: DiagnosticsFeature.forDocument is gone from server/src/lsp/diagnostics.ts; update scripts/e2e/broken-extension.js');
  }

  fs.mkdirSync(dir, { recursive: true });
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry === 'dist' || entry === '.git' || entry === '.cache') continue;
    fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  }
  const dist = path.join(dir, 'dist');
  fs.mkdirSync(dist);
  fs.copyFileSync(clientBundle, path.join(dist, 'extension.js'));
  fs.writeFileSync(
    path.join(dist, 'server.js'),
    [
      "// The Plan43 server with its diagnostics turned off: a deliberately broken extension for the e2e self-check.",
      "'use strict';",
      `const { DiagnosticsFeature } = require(${JSON.stringify(diagnosticsModule)});`,
      "DiagnosticsFeature.prototype.forDocument = async function () { return { resultId: 'turned-off', items: [] }; };",
      "if (typeof DiagnosticsFeature.prototype.forWorkspace === 'function') DiagnosticsFeature.prototype.forWorkspace = async function () { return { items: [] }; };",
      // Loaded rather than run, the entry point waits to be started.
      `require(${JSON.stringify(serverMain)}).startLanguageServer();`,
      '',
    ].join('\n'),
  );
  return dir;
}

module.exports = { createBrokenExtension };
