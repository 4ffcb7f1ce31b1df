// The extension manifest: localized contributions, the settings of the LSP contract, files it points to, the problem matcher against real `plan43 check` output, and the packaging set-up.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { findRule } from '../../server/src/core/rules/index';
import { REPO_ROOT } from '../support/paths';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function readJson(rel: string): Json {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8'));
}

function readText(rel: string): string {
  return fs.readFileSync(path.join(REPO_ROOT, rel), 'utf8');
}

/** Every "%key%" string anywhere in the manifest. */
function nlsKeys(value: Json, out: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    if (m) out.add(m[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) nlsKeys(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) nlsKeys(v, out);
  }
  return out;
}

function clientSources(): Array<{ file: string; text: string }> {
  const dir = path.join(REPO_ROOT, 'client', 'src');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `client/src/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** The message strings passed to vscode.l10n.t(...) in the client, unescaped. */
function l10nStrings(): string[] {
  const out = new Set<string>();
  for (const { text } of clientSources()) {
    const re = /l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g;
    for (let m = re.exec(text); m; m = re.exec(text)) out.add(m[1].replace(/\\(.)/g, '$1'));
  }
  return [...out];
}

const placeholders = (s: string): string[] => (s.match(/\{\d+\}/g) ?? []).sort();

describe('extension manifest', () => {
  const pkg = readJson('package.json');
  const en = readJson('package.nls.json') as Record<string, string>;
  const vi = readJson('package.nls.vi.json') as Record<string, string>;
  const contributes = pkg.contributes;

  it('keeps the command line and the scripts the project relies on', () => {
    assert.equal(pkg.bin?.plan43, './bin/plan43.js');
    for (const script of ['build', 'test', 'bundle', 'package', 'vscode:prepublish']) assert.equal(typeof pkg.scripts?.[script], 'string', `script ${script}`);
    assert.match(pkg.scripts.package, /vsce package --no-dependencies/);
    assert.match(pkg.scripts['vscode:prepublish'], /scripts\/bundle\.js --production/);
  });

  it('every %key% of package.json has an English and a Vietnamese text, and no text is unused', () => {
    const keys = nlsKeys(pkg);
    assert.ok(keys.size > 20);
    for (const key of keys) {
      assert.ok(typeof en[key] === 'string' && en[key].trim() !== '', `package.nls.json has "${key}"`);
      assert.ok(typeof vi[key] === 'string' && vi[key].trim() !== '', `package.nls.vi.json has "${key}"`);
    }
    assert.deepEqual(Object.keys(en).filter((k) => !keys.has(k)), [], 'unused keys in package.nls.json');
    assert.deepEqual(Object.keys(vi).sort(), Object.keys(en).sort(), 'both nls files have the same keys');
  });

  it('every command has a localized title, and the contributed and registered commands are the same', () => {
    const commands = contributes.commands as Array<{ command: string; title: string; category?: string }>;
    assert.ok(commands.length >= 4);
    for (const c of commands) {
      assert.match(c.command, /^plan43\./);
      const m = /^%(.+)%$/.exec(c.title);
      assert.ok(m, `${c.command}: the title is a %key%`);
      assert.ok(en[m[1]] && vi[m[1]], `${c.command}: title in both languages`);
      assert.notEqual(en[m[1]], vi[m[1]], `${c.command}: the Vietnamese title is a translation`);
    }
    const declared = new Set(commands.map((c) => c.command));
    for (const required of ['plan43.checkForSubmission', 'plan43.newPlan', 'plan43.insertMissingSections', 'plan43.showReport', 'plan43.importFromWord', 'plan43.exportToWord']) {
      assert.ok(declared.has(required), `${required} is contributed`);
    }
    const registered = new Set<string>();
    for (const { text } of clientSources()) {
      const re = /registerCommand\(\s*'([^']+)'/g;
      for (let m = re.exec(text); m; m = re.exec(text)) registered.add(m[1]);
    }
    assert.deepEqual([...registered].sort(), [...declared].sort(), 'commands registered in client/src = commands contributed');
    for (const [menu, items] of Object.entries(contributes.menus as Record<string, Array<{ command: string }>>)) {
      for (const item of items) assert.ok(declared.has(item.command), `${menu}: ${item.command} is a contributed command`);
    }
  });

  it('offers the Word import on .docx files in the Explorer and the export for the active plan only', () => {
    const menus = contributes.menus as Record<string, Array<{ command: string; when?: string }>>;
    const explorer = menus['explorer/context']?.find((m) => m.command === 'plan43.importFromWord');
    assert.ok(explorer?.when, 'the import is in the Explorer context menu, with a condition');
    const extname = /resourceExtname =~ \/(.+)\/(\w*)/.exec(explorer.when);
    assert.ok(extname, explorer.when);
    const re = new RegExp(extname[1], extname[2]);
    assert.ok(re.test('.docx') && re.test('.DOCX'));
    assert.ok(!re.test('.md') && !re.test('.txt') && !re.test('.doc'));
    for (const menu of ['editor/title', 'commandPalette']) {
      const item = menus[menu]?.find((m) => m.command === 'plan43.exportToWord');
      assert.ok(item, `${menu} has the export`);
      assert.match(item.when ?? '', /plan43\.activeIsPlan/, `${menu}: the export is offered for plans only`);
    }
    const steps = (contributes.walkthroughs as Json[]).flatMap((w) => w.steps as Json[]);
    const word = steps.find((s) => (s.completionEvents as string[]).includes('onCommand:plan43.importFromWord'));
    assert.ok(word, 'a walkthrough step shows the Word round trip');
    for (const command of ['plan43.importFromWord', 'plan43.exportToWord']) {
      for (const nls of [en, vi]) assert.ok(nls[/^%(.+)%$/.exec(word.description)![1]].includes(`command:${command}`), command);
    }
  });

  it('offers the preview, like the Markdown preview: beside the editor from its title bar, in place or beside from the palette, for plans only', () => {
    const menus = contributes.menus as Record<string, Array<{ command: string; when?: string; group?: string }>>;
    const commands = contributes.commands as Array<{ command: string; icon?: string }>;
    for (const command of ['plan43.openPreview', 'plan43.openPreviewToSide']) {
      assert.equal(commands.find((c) => c.command === command)?.icon, '$(open-preview)', `${command} has the preview icon`);
      const palette = menus.commandPalette.find((m) => m.command === command);
      assert.match(palette?.when ?? '', /plan43\.activeIsPlan/, `${command} is in the palette for plans`);
    }
    const button = menus['editor/title'].find((m) => m.command === 'plan43.openPreviewToSide');
    assert.match(button?.group ?? '', /^navigation/, 'a button in the editor title, beside the Markdown one');
    assert.match(button?.when ?? '', /plan43\.activeIsPlan/);
    // A preview left open is restored with the window: its serializer needs the extension active.
    assert.ok(pkg.activationEvents.includes('onWebviewPanel:plan43.preview'));
    assert.match(readText('client/src/extension.ts'), /registerWebviewPanelSerializer\(PREVIEW_VIEW_TYPE/);
    for (const asset of ['media/preview/preview.css', 'media/preview/preview.js']) assert.ok(fs.existsSync(path.join(REPO_ROOT, asset)), asset);
  });

  it('activates for Markdown and YAML (and a restored preview), starts from the bundle, declares untrusted and virtual workspace support', () => {
    assert.deepEqual([...pkg.activationEvents].sort(), ['onLanguage:markdown', 'onLanguage:yaml', 'onWebviewPanel:plan43.preview']);
    assert.equal(pkg.main, './dist/extension.js');
    assert.match(readText('scripts/bundle.js'), /outfile: 'dist\/extension\.js'/);
    assert.match(readText('scripts/bundle.js'), /outfile: 'dist\/server\.js'/);
    assert.match(readText('scripts/bundle.js'), /outfile: 'dist\/check-worker\.js'/);
    assert.match(readText('scripts/bundle.js'), /outfile: 'dist\/check-files-worker\.js'/);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(pkg.capabilities.untrustedWorkspaces.description);
    assert.deepEqual(
      [...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
      ['plan43.namesFiles', 'plan43.registryFiles', 'plan43.templateFile'],
    );
    assert.equal(pkg.capabilities.virtualWorkspaces, false);
    assert.equal(pkg.l10n, './l10n');
  });

  it('declares every setting of the LSP contract, with the server\'s names', () => {
    const props = contributes.configuration.properties as Record<string, Json>;
    const language = props['plan43.language'];
    assert.deepEqual(language.enum, ['auto', 'vi', 'en']);
    assert.equal(language.default, 'auto');
    assert.equal(language.markdownEnumDescriptions.length, 3);
    const rules = props['plan43.rules'];
    assert.equal(rules.type, 'object');
    assert.deepEqual(rules.additionalProperties.enum, ['error', 'warning', 'info', 'hint', 'off']);
    assert.equal(props['plan43.submissionMode'].type, 'boolean');
    assert.equal(props['plan43.templateFile'].type, 'string');
    assert.deepEqual(props['plan43.registryFiles'].items, { type: 'string' });
    assert.deepEqual(props['plan43.namesFiles'].items, { type: 'string' });
    for (const key of ['language', 'rules', 'submissionMode', 'templateFile', 'registryFiles', 'namesFiles']) {
      const p = props[`plan43.${key}`];
      assert.equal(p.scope, 'resource', `plan43.${key} is read per resource`);
      assert.match(p.markdownDescription, /^%.+%$/, `plan43.${key} has a localized description`);
    }
    // The server's settings interface names the same keys.
    const server = readText('server/src/lsp/protocol.ts');
    const body = /export interface Plan43Settings \{([\s\S]*?)\n\}/.exec(server);
    assert.ok(body, 'server/src/lsp/protocol.ts declares Plan43Settings');
    const serverKeys = [...body[1].matchAll(/^\s*(\w+)\??:/gm)].map((m) => m[1]);
    assert.ok(serverKeys.length >= 6);
    for (const key of serverKeys) assert.ok(props[`plan43.${key}`], `setting plan43.${key} is declared`);
  });

  it('points only at files that exist', () => {
    const exists = (rel: string): boolean => fs.existsSync(path.join(REPO_ROOT, rel.replace(/^\.\//, '')));
    for (const s of contributes.snippets) assert.ok(exists(s.path), s.path);
    for (const v of [...contributes.yamlValidation, ...contributes.jsonValidation]) assert.ok(exists(v.url), v.url);
    for (const w of contributes.walkthroughs) for (const step of w.steps) assert.ok(exists(step.media.markdown), step.media.markdown);
    assert.ok(exists('l10n/bundle.l10n.vi.json'));
    assert.ok(exists('LICENSE'));
  });

  it('validates plan, template, registry and names files with the bundled schemas', () => {
    const yaml = contributes.yamlValidation as Array<{ fileMatch: string[]; url: string }>;
    const urlFor = (pattern: string): string | undefined => yaml.find((v) => v.fileMatch.includes(pattern))?.url;
    assert.equal(urlFor('*.plan.yaml'), './schemas/plan.schema.json');
    assert.equal(urlFor('*.template.yaml'), './schemas/template.schema.json');
    assert.equal(urlFor('*registry*.yaml'), './schemas/registry.schema.json');
    assert.equal(urlFor('*names*.yaml'), './schemas/names.schema.json');
    const json = contributes.jsonValidation as Array<{ fileMatch: string[]; url: string }>;
    assert.deepEqual(json.map((v) => v.url).sort(), ['./schemas/names.schema.json', './schemas/registry.schema.json', './schemas/template.schema.json']);
  });

  it('the problem matcher reads the lines of `plan43 check`', () => {
    const matcher = (contributes.problemMatchers as Json[]).find((m) => m.name === 'plan43');
    assert.ok(matcher);
    const re = new RegExp(matcher.pattern.regexp);
    assert.deepEqual(
      [matcher.pattern.file, matcher.pattern.line, matcher.pattern.column, matcher.pattern.severity, matcher.pattern.code, matcher.pattern.message],
      [1, 2, 3, 4, 5, 6],
    );
    let out = '';
    const code = runCli(['check', 'test/fixtures/plans/seed-003-kien-giang.md', '--submission'], {
      stdout: (t: string) => (out += t),
      stderr: () => undefined,
      cwd: REPO_ROOT,
    });
    assert.equal(code, 1, 'the seed has blocking findings');
    const lines = out.trim().split('\n');
    const findingLines = lines.slice(0, -1);
    assert.ok(findingLines.length > 0);
    for (const line of findingLines) {
      const m = re.exec(line);
      assert.ok(m, `the matcher reads: ${line}`);
      assert.ok(fs.existsSync(path.join(REPO_ROOT, m[1])), `file ${m[1]}`);
      assert.ok(Number(m[2]) >= 1 && Number(m[3]) >= 1);
      assert.ok(findRule(m[5]), `code ${m[5]} is a rule id`);
      assert.ok(m[6].length > 0);
    }
    assert.equal(re.exec(lines[lines.length - 1]), null, 'the summary line is not a finding');
  });

  it('every message of the client has a Vietnamese translation with the same placeholders', () => {
    const bundle = readJson('l10n/bundle.l10n.vi.json') as Record<string, string>;
    const strings = l10nStrings();
    assert.ok(strings.length > 20);
    for (const s of strings) {
      assert.ok(typeof bundle[s] === 'string' && bundle[s].trim() !== '', `l10n/bundle.l10n.vi.json translates "${s}"`);
      assert.deepEqual(placeholders(bundle[s]), placeholders(s), `placeholders of "${s}"`);
    }
    assert.deepEqual(Object.keys(bundle).filter((k) => !strings.includes(k)), [], 'unused translations');
  });

  it('packages only what the installed extension and the npm package need, with one list for both', () => {
    // vsce refuses a .vscodeignore beside a "files" list: the list serves the .vsix and npm alike.
    assert.ok(!fs.existsSync(path.join(REPO_ROOT, '.vscodeignore')), 'no .vscodeignore beside "files"');
    const files = pkg.files as string[];
    for (const needed of ['bin/plan43.js', 'dist/extension.js', 'dist/server.js', 'dist/server.bundle.js', 'dist/check-worker.js', 'dist/check-worker.bundle.js', 'dist/check-files-worker.js', 'dist/check-files-worker.bundle.js', 'schemas/*.yaml', 'schemas/*.json', 'snippets/*.code-snippets', 'docs/rules/*.md', 'docs/editors.md', 'media/**', 'l10n/*.json', 'package.nls.json', 'package.nls.vi.json', 'LICENSE']) {
      assert.ok(files.includes(needed), `"files" holds ${needed}`);
    }
    assert.ok(!files.some((f) => /^(client|server|test|out|node_modules|scripts|bench)\b/.test(f)), 'sources, tests and node_modules stay out');
    assert.equal(pkg.private, undefined, 'the package can be published to npm');
    assert.equal(pkg.dependencies, undefined, 'the bundles hold every dependency');
    assert.match(pkg.scripts.prepack, /scripts\/bundle\.js --production/, 'npm pack and publish bundle first');
  });
});
