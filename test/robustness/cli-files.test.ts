// The command line and the files it reads and writes: no input is ever overwritten, --fix writes in one piece and only what it read, unreadable paths are said and skipped, strange file names are read and shown safely, results are streamed file by file.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli';
import { checkText } from '../../server/src/core/engine';
import { MAX_IMPORT_BYTES } from '../../server/src/core/limits';
import { readableReport } from '../../server/src/core/report/readable';
import { toSarif } from '../../server/src/core/report/sarif';
import { RULE_METADATA } from '../../server/src/core/rules/index';
import { LineIndex } from '../../server/src/core/text/line-index';
import { IMPORT_CONTENT_MAX_BYTES } from '../../server/src/lsp/protocol';
import { AtomicFile, readWithStamp, WriteRefused, writeFileAtomic } from '../../server/src/node/safe-write';
import { exportPlanFile } from '../../server/src/node/word';
import { runCliCaptured } from '../support/cli';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES, REPO_ROOT } from '../support/paths';
import { plan } from './support/hostile';

/** A plan with fixable findings (double spaces) and findings without a fix. */
const FIXABLE = plan('seed-001-lang-son.md');

function cli(args: string[], cwd: string): { code: number; out: string; err: string; writes: number } {
  let out = '';
  let err = '';
  let writes = 0;
  const code = runCli(args, {
    stdout: (t) => {
      out += t;
      writes++;
    },
    stderr: (t) => (err += t),
    cwd,
  });
  return { code, out, err, writes };
}

/** A scratch folder that anyone may enter (a test may run the command line as another user). */
function scratch(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-cli-files-'));
  fs.chmodSync(dir, 0o777);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const noStackTrace = (text: string): void => assert.doesNotMatch(text, /\n\s+at .+\(.*:\d+:\d+\)/, text);

describe('robustness: the command line never overwrites an input', () => {
  let tmp: ReturnType<typeof scratch>;
  let planFile: string;
  beforeEach(() => {
    tmp = scratch();
    planFile = path.join(tmp.dir, 'plan.md');
    fs.writeFileSync(planFile, FIXABLE);
  });
  afterEach(() => tmp.remove());

  for (const [name, make] of [
    ['the plan itself', (): string => 'plan.md'],
    ['a symbolic link to the plan', (): string => (fs.symlinkSync(planFile, path.join(tmp.dir, 'link.md')), 'link.md')],
    ['a hard link to the plan', (): string => (fs.linkSync(planFile, path.join(tmp.dir, 'hard.md')), 'hard.md')],
    ['a data file of the run', (): string => (fs.writeFileSync(path.join(tmp.dir, 'local.registry.yaml'), 'documents: []\n'), 'local.registry.yaml')],
  ] as const) {
    it(`check --output refuses ${name}, and writes nothing`, () => {
      const output = make();
      const before = fs.readFileSync(path.join(tmp.dir, output));
      const r = cli(['check', 'plan.md', '--registry', 'local.registry.yaml', '--output', output, '--lang', 'en'], tmp.dir);
      assert.equal(r.code, 2);
      assert.match(r.err, /one of this command's own input files/);
      assert.deepEqual(fs.readFileSync(path.join(tmp.dir, output)), before);
      assert.equal(fs.readFileSync(planFile, 'utf8'), FIXABLE);
      assert.equal(r.out, '');
      noStackTrace(r.err);
    });
  }

  it('a file named "--output=victim.md" put on the command line by a shell glob is refused; after --, it is a file name', () => {
    const victim = path.join(tmp.dir, 'victim.md');
    fs.writeFileSync(victim, 'keep me\n');
    fs.writeFileSync(path.join(tmp.dir, '--output=victim.md'), '');
    // What `plan43 check *.md` becomes in this folder.
    const glob = ['--output=victim.md', 'plan.md', 'victim.md'];
    const r = cli(['check', ...glob, '--lang', 'en'], tmp.dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /both an option and the name of a file here.*put -- before file names/);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me\n');
    const safe = cli(['check', '--lang', 'en', '--', ...glob], tmp.dir);
    assert.ok(safe.code === 0 || safe.code === 1, safe.err);
    assert.match(safe.out, /^plan\.md:\d+:\d+: /m);
    assert.equal(fs.readFileSync(victim, 'utf8'), 'keep me\n');
  });

  it('import -o refuses the file it imports, by name and through a link', async () => {
    const docx = path.join(tmp.dir, 'word.docx');
    await exportPlanFile(path.join(PLAN_FIXTURES, 'clean-party.md'), docx, bundledKnowledge().kb);
    fs.symlinkSync(docx, path.join(tmp.dir, 'link.md'));
    const before = fs.readFileSync(docx);
    for (const output of ['word.docx', 'link.md']) {
      const r = await runCliCaptured(['import', 'word.docx', '-o', output, '--lang', 'en'], tmp.dir);
      assert.equal(r.code, 2, output);
      assert.match(r.err, /one of this command's own input files/, output);
      noStackTrace(r.err);
    }
    assert.deepEqual(fs.readFileSync(docx), before);
    assert.ok(fs.lstatSync(path.join(tmp.dir, 'link.md')).isSymbolicLink());
    const ok = await runCliCaptured(['import', 'word.docx', '-o', 'imported.md'], tmp.dir);
    assert.equal(ok.code, 0, ok.err);
    assert.match(fs.readFileSync(path.join(tmp.dir, 'imported.md'), 'utf8'), /^---\n[^]*?^template: nq43$/m);
  });

  it('export -o refuses the plan through a symbolic or a hard link', async () => {
    fs.symlinkSync(planFile, path.join(tmp.dir, 'soft.docx'));
    fs.linkSync(planFile, path.join(tmp.dir, 'hard.docx'));
    for (const output of ['soft.docx', 'hard.docx', 'plan.md']) {
      const r = await runCliCaptured(['export', 'plan.md', '-o', output, '--lang', 'en'], tmp.dir);
      assert.equal(r.code, 2, output);
      assert.match(r.err, /one of this command's own input files/, output);
    }
    assert.equal(fs.readFileSync(planFile, 'utf8'), FIXABLE);
    const ok = await runCliCaptured(['export', 'plan.md', '-o', 'plan.docx'], tmp.dir);
    assert.equal(ok.code, 0, ok.err);
    assert.equal(fs.readFileSync(path.join(tmp.dir, 'plan.docx')).subarray(0, 2).toString(), 'PK');
  });

  it('an import is bounded: a file over the limit is refused with the reason, and the server takes no more', async () => {
    assert.equal(IMPORT_CONTENT_MAX_BYTES, MAX_IMPORT_BYTES);
    const big = path.join(tmp.dir, 'big.txt');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_IMPORT_BYTES + 1);
    const r = await runCliCaptured(['import', 'big.txt', '-o', 'out.md', '--lang', 'en'], tmp.dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /too large to be imported/);
    assert.equal(fs.existsSync(path.join(tmp.dir, 'out.md')), false);
    assert.deepEqual(fs.readdirSync(tmp.dir).sort(), ['big.txt', 'plan.md'], 'no temporary file left');
  });
});

describe('robustness: --fix writes in one piece, and only what it read', () => {
  let tmp: ReturnType<typeof scratch>;
  beforeEach(() => {
    tmp = scratch();
  });
  afterEach(() => tmp.remove());

  /** The file was rewritten with its fixes. */
  const fixed = (text: string): boolean => text !== FIXABLE && text.length > 0;

  it('keeps the file mode and leaves no temporary file', () => {
    const file = path.join(tmp.dir, 'plan.md');
    fs.writeFileSync(file, FIXABLE);
    fs.chmodSync(file, 0o640);
    const r = cli(['check', 'plan.md', '--fix'], tmp.dir);
    assert.ok(r.code === 0 || r.code === 1, r.err);
    assert.notEqual(fs.readFileSync(file, 'utf8'), FIXABLE);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(tmp.dir), ['plan.md']);
  });

  it('writes the target of a symbolic link inside its folder, and the link stays a link', () => {
    fs.writeFileSync(path.join(tmp.dir, 'real.md'), FIXABLE);
    fs.symlinkSync('real.md', path.join(tmp.dir, 'link.md'));
    const r = cli(['check', 'link.md', '--fix'], tmp.dir);
    assert.ok(r.code === 0 || r.code === 1, r.err);
    assert.ok(fs.lstatSync(path.join(tmp.dir, 'link.md')).isSymbolicLink());
    assert.notEqual(fs.readFileSync(path.join(tmp.dir, 'real.md'), 'utf8'), FIXABLE);
  });

  it('a symbolic link out of its folder, or a file with several hard links, is written only with --allow-links', () => {
    const inside = path.join(tmp.dir, 'work');
    const outside = path.join(tmp.dir, 'elsewhere');
    fs.mkdirSync(inside);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'plan.md'), FIXABLE);
    fs.symlinkSync(path.join(outside, 'plan.md'), path.join(inside, 'link.md'));
    fs.writeFileSync(path.join(inside, 'twice.md'), FIXABLE);
    fs.linkSync(path.join(inside, 'twice.md'), path.join(outside, 'twice.md'));
    const refused = cli(['check', 'link.md', 'twice.md', '--fix', '--lang', 'en'], inside);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /link\.md: fixes not written: the file is a symbolic link that points out of its folder .*--allow-links/);
    assert.match(refused.err, /twice\.md: fixes not written: the file has 2 names \(hard links\).*--allow-links/);
    assert.equal(fs.readFileSync(path.join(outside, 'plan.md'), 'utf8'), FIXABLE);
    assert.equal(fs.readFileSync(path.join(inside, 'twice.md'), 'utf8'), FIXABLE);
    const allowed = cli(['check', 'link.md', 'twice.md', '--fix', '--allow-links'], inside);
    assert.ok(allowed.code === 0 || allowed.code === 1, allowed.err);
    assert.ok(fixed(fs.readFileSync(path.join(outside, 'plan.md'), 'utf8')));
    assert.ok(fs.lstatSync(path.join(inside, 'link.md')).isSymbolicLink());
  });

  it('a read-only file is not written, said once; the other files are fixed and checked', () => {
    fs.writeFileSync(path.join(tmp.dir, 'a.md'), FIXABLE);
    fs.writeFileSync(path.join(tmp.dir, 'b.md'), FIXABLE);
    fs.chmodSync(path.join(tmp.dir, 'a.md'), 0o444);
    const r = cli(['check', '.', '--fix', '--lang', 'en'], tmp.dir);
    assert.equal(r.code, 2);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
    assert.match(r.err, /^plan43: a\.md: not writing a\.md: the file is read-only/);
    noStackTrace(r.err);
    assert.equal(fs.readFileSync(path.join(tmp.dir, 'a.md'), 'utf8'), FIXABLE);
    assert.ok(fixed(fs.readFileSync(path.join(tmp.dir, 'b.md'), 'utf8')));
    assert.match(r.out, /^a\.md:\d+:\d+: /m);
    assert.match(r.out, /2 plan\(s\)/);
  });

  it('a file changed after it was read (even to the same size and time) is not written', () => {
    const file = path.join(tmp.dir, 'plan.md');
    fs.writeFileSync(file, 'version one\n');
    const { stamp } = readWithStamp(file);
    const { mtime } = fs.statSync(file);
    fs.writeFileSync(file, 'version two\n');
    fs.utimesSync(file, mtime, mtime);
    assert.throws(() => writeFileAtomic(file, 'fixed\n', { shown: 'plan.md', unchangedSince: stamp }), (err: unknown) => err instanceof WriteRefused && /changed after it was read/.test(err.message));
    assert.equal(fs.readFileSync(file, 'utf8'), 'version two\n');
    assert.deepEqual(fs.readdirSync(tmp.dir), ['plan.md']);
  });

  it('a write stopped half-way leaves the file as it was', () => {
    const file = path.join(tmp.dir, 'plan.md');
    fs.writeFileSync(file, FIXABLE);
    const out = new AtomicFile(file, { shown: 'plan.md' });
    out.write('half of a plan');
    assert.equal(fs.readFileSync(file, 'utf8'), FIXABLE, 'the target is untouched until the end');
    out.abort();
    assert.deepEqual(fs.readdirSync(tmp.dir), ['plan.md']);
  });
});

describe('robustness: the command line reads what it can and says what it cannot', () => {
  let tmp: ReturnType<typeof scratch>;
  beforeEach(() => {
    tmp = scratch();
  });
  afterEach(() => tmp.remove());

  it('an unreadable folder is said once and skipped; the other plans are checked', () => {
    fs.writeFileSync(path.join(tmp.dir, 'plan.md'), FIXABLE);
    fs.mkdirSync(path.join(tmp.dir, 'lost+found'));
    fs.writeFileSync(path.join(tmp.dir, 'lost+found', 'hidden.md'), FIXABLE);
    fs.chmodSync(path.join(tmp.dir, 'lost+found'), 0o000);
    try {
      let r: { code: number; out: string; err: string };
      if (process.getuid?.() === 0) {
        // The superuser reads every folder: the command line runs as another user to meet one it cannot.
        const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'plan43.js'), 'check', '.', '--lang', 'en'], { cwd: tmp.dir, encoding: 'utf8', uid: 65534, gid: 65534 });
        r = { code: run.status ?? -1, out: run.stdout, err: run.stderr };
      } else r = cli(['check', '.', '--lang', 'en'], tmp.dir);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /^plan43: lost\+found: cannot be read, skipped \(EACCES: permission denied\)\n$/);
      assert.match(r.out, /^plan\.md:\d+:\d+: /m);
      assert.match(r.out, /1 plan\(s\)/);
    } finally {
      fs.chmodSync(path.join(tmp.dir, 'lost+found'), 0o755);
    }
  });

  it('--output into a folder that does not exist: one clear message, nothing checked or written', () => {
    fs.writeFileSync(path.join(tmp.dir, 'plan.md'), FIXABLE);
    const r = cli(['check', 'plan.md', '--output', 'missing/out.json', '--lang', 'en'], tmp.dir);
    assert.equal(r.code, 2);
    assert.equal(r.err, 'plan43: cannot write missing/out.json: its folder does not exist\n');
    assert.equal(r.out, '');
  });

  it('a file name with a line break cannot split a "path:line:col" line; JSON keeps the real name', () => {
    const name = 'ke\nhoach.md';
    fs.writeFileSync(path.join(tmp.dir, name), FIXABLE);
    const r = cli(['check', '.', '--lang', 'en'], tmp.dir);
    const lines = r.out.trimEnd().split('\n');
    assert.ok(lines.length > 2);
    for (const line of lines.slice(0, -1)) assert.match(line, /^ke\\nhoach\.md:\d+:\d+: (error|warning|info|hint) \S+ /);
    const json = JSON.parse(cli(['check', '.', '--format', 'json'], tmp.dir).out) as { files: Array<{ path: string }> };
    assert.deepEqual(json.files.map((f) => f.path), [name]);
  });

  it('a file whose name is not UTF-8 is found in a folder, named on the command line, checked and fixed by its bytes', () => {
    const bytes = Buffer.concat([Buffer.from(`${tmp.dir}/k\u1EBF-`), Buffer.from([0xff, 0xfe]), Buffer.from('.md')]);
    fs.writeFileSync(bytes, FIXABLE);
    const r = cli(['check', '.', '--lang', 'en'], tmp.dir);
    assert.match(r.out, /^kế-\\xff\\xfe\.md:\d+:\d+: /m);
    // The shell passes the bytes; Node reads them as U+FFFD.
    const named = cli(['check', 'kế-\uFFFD\uFFFD.md', '--fix', '--lang', 'en'], tmp.dir);
    assert.ok(named.code === 0 || named.code === 1, named.err);
    assert.notEqual(fs.readFileSync(bytes, 'utf8'), FIXABLE);
  });
});

describe('robustness: results are written file by file, the same documents as before', () => {
  const files = ['seed-001-lang-son.md', 'seed-002-ha-tinh.md', 'seed-003-kien-giang.yaml', 'clean-state.md'];
  let tmp: ReturnType<typeof scratch>;
  before(() => {
    tmp = scratch();
    for (const f of files) fs.copyFileSync(path.join(PLAN_FIXTURES, f), path.join(tmp.dir, f));
    fs.writeFileSync(path.join(tmp.dir, 'notes.md'), '# not a plan\n');
  });
  after(() => tmp.remove());

  /** The day undated plans are checked as of, the same for the command line and the documents built here. */
  const TODAY = '2026-06-30';

  /** Each plan of the folder checked as the command line checks it, in its order. */
  function results(mode: 'drafting' | 'submission'): Array<{ display: string; text: string; findings: ReturnType<typeof checkText>['findings'] }> {
    return [...files]
      .sort((a, b) => a.localeCompare(b))
      .map((f) => {
        const file = path.join(tmp.dir, f);
        const text = fs.readFileSync(file, 'utf8');
        return { display: f, text, findings: checkText(file, text, bundledKnowledge().kb, { mode, lang: 'en', today: TODAY }).findings };
      });
  }

  it('JSON: the document JSON.stringify makes of all results at once, written in several pieces', () => {
    const r = cli(['check', '.', '--format', 'json', '--lang', 'en', '--today', TODAY], tmp.dir);
    assert.ok(r.writes > files.length, `${r.writes} writes`);
    const all = results('drafting');
    const count = (s: string): number => all.flatMap((x) => x.findings).filter((f) => f.severity === s).length;
    const expected = `${JSON.stringify(
      {
        mode: 'drafting',
        files: all.map((x) => {
          const lines = new LineIndex(x.text);
          return {
            path: x.display,
            findings: x.findings.map((f) => {
              const s = lines.positionAt(f.start);
              const e = lines.positionAt(f.end);
              return { ...f, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
            }),
          };
        }),
        summary: { files: all.length, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') },
      },
      null,
      2,
    )}\n`;
    assert.equal(r.out, expected);
    const empty = cli(['check', 'notes.md', '--format', 'json'], tmp.dir);
    assert.equal(empty.out, `${JSON.stringify({ mode: 'drafting', files: [], summary: { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0 } }, null, 2)}\n`);
  });

  it('SARIF and the readable report: the documents built at once', () => {
    const all = results('submission');
    const sarif = cli(['check', '.', '--format', 'sarif', '--submission', '--lang', 'en', '--today', TODAY], tmp.dir);
    const helpUri = (id: string): string => `${new URL(`file://${path.join(REPO_ROOT, 'docs', 'rules', `${id}.md`)}`).href}`;
    const expected = toSarif(
      all.map((x) => ({ uri: x.display, text: x.text, findings: x.findings })),
      { toolName: 'plan43', toolVersion: JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version, helpUri, lang: 'en', rules: RULE_METADATA, baseUri: `${new URL(`file://${tmp.dir}/`).href}` },
    );
    assert.equal(sarif.out, `${JSON.stringify(expected, null, 2)}\n`);
    const report = cli(['check', '.', '--format', 'report', '--submission', '--lang', 'en', '--today', TODAY], tmp.dir);
    assert.equal(report.out, readableReport(all.map((x) => ({ path: x.display, text: x.text, findings: x.findings })), { lang: 'en', mode: 'submission', rules: RULE_METADATA, helpUri }));
    const empty = cli(['check', 'notes.md', '--format', 'sarif'], tmp.dir);
    assert.deepEqual(JSON.parse(empty.out).runs[0].results, []);
  });
});
