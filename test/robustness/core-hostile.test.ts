// Hostile input at the core: broken, huge, deep and strangely encoded plans and data files give clear findings (or a clear refusal) in bounded time, and never an internal error.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DATA_SCHEMA_RULE, DATA_SYNTAX_RULE, DataKind, loadDataText } from '../../server/src/core/data/load';
import { checkText, INTERNAL_ERROR_RULE } from '../../server/src/core/engine';
import { Finding } from '../../server/src/core/findings';
import { fixAll } from '../../server/src/core/fix';
import { MAX_DATA_CHARS, MAX_PLAN_CHARS } from '../../server/src/core/limits';
import { LineIndex } from '../../server/src/core/text/line-index';
import { loadKnowledge, loadSchemas } from '../../server/src/node/knowledge';
import { decodeText, encodeText, readText } from '../../server/src/node/text-file';
import { bundledKnowledge } from '../support/knowledge';
import { SCHEMAS } from '../support/paths';
import { tempFolder } from '../protocol/helpers';
import { aliasBomb, deepFlow, HOSTILE_CASES, HostileCase, largePlan, plan } from './support/hostile';

// No time is asserted here: how the cost of each input grows is measured by the robustness
// benchmark (docs/reliability.md); a runaway shows as the test's time-out, never as a pass.
function check(uri: string, text: string): { isPlan: boolean; findings: Finding[] } {
  const { plan: model, findings } = checkText(uri, text, bundledKnowledge().kb, { lang: 'en' });
  return { isPlan: model.isPlan, findings };
}

const ids = (findings: readonly Finding[]): Set<string> => new Set(findings.map((f) => f.ruleId));

/** Findings in a comparable form, by offsets, by line and column, or by rule and message only. */
export function comparable(findings: readonly Finding[], text: string, by: 'offsets' | 'positions' | 'messages'): string[] {
  const lines = new LineIndex(text);
  return findings
    .map((f) => {
      if (by === 'offsets') return `${f.ruleId} ${f.start}-${f.end} ${f.message}`;
      if (by === 'messages') return `${f.ruleId} ${f.message}`;
      const s = lines.positionAt(f.start);
      const e = lines.positionAt(f.end);
      return `${f.ruleId} ${s.line}:${s.character}-${e.line}:${e.character} ${f.message}`;
    })
    .sort();
}

/** What every hostile case must satisfy, whatever layer computed the findings. */
export function assertClearAnswer(c: HostileCase, isPlan: boolean, findings: readonly Finding[] | readonly { ruleId: string; message: string }[]): void {
  const found = new Set(findings.map((f) => f.ruleId));
  assert.equal(isPlan, c.isPlan, `${c.name}: is ${c.isPlan ? '' : 'not '}a plan`);
  if (!c.isPlan) assert.deepEqual([...found], [], `${c.name}: no finding on a file that is not a plan`);
  assert.ok(!found.has(INTERNAL_ERROR_RULE), `${c.name}: no rule failed (${findings.filter((f) => f.ruleId === INTERNAL_ERROR_RULE).map((f) => f.message).join('; ')})`);
  for (const id of c.expects) assert.ok(found.has(id), `${c.name}: ${id} is reported (found ${[...found].join(', ') || 'nothing'})`);
  for (const id of c.excludes ?? []) assert.ok(!found.has(id), `${c.name}: ${id} is not reported`);
}

describe('robustness: hostile plans at the core', () => {
  for (const c of HOSTILE_CASES) {
    it(`${c.name}: a clear answer`, () => {
      const text = c.text();
      const result = check(c.uri, text);
      assertClearAnswer(c, result.isPlan, result.findings);
      if (c.sameAs) {
        const plainText = c.sameAs.text();
        const plain = check(c.uri, plainText);
        assert.deepEqual(comparable(result.findings, text, c.sameAs.by), comparable(plain.findings, plainText, c.sameAs.by));
      }
    });
  }

  it('the size limit: a plan just under it is checked, one character over it is refused with the reason', () => {
    const under = largePlan(200_000);
    assert.ok(!ids(check('file:///p.md', under).findings).has('plan.too-large'));
    const over = `---\ntemplate: nq43\n---\n${'x'.repeat(MAX_PLAN_CHARS)}`;
    const { findings } = check('file:///p.md', over);
    assert.deepEqual(findings.map((f) => f.ruleId), ['plan.too-large']);
    assert.match(findings[0].message, /10,000,000/);
    assert.equal(findings[0].start, 0);
    const vi = checkText('file:///p.md', over, bundledKnowledge().kb, { lang: 'vi' }).findings[0];
    assert.match(vi.message, /vượt giới hạn 10\.000\.000 ký tự/);
    // A YAML plan over the limit is refused the same way; one that is not a plan stays silent.
    assert.deepEqual(check('file:///p.plan.yaml', `template: nq43\nnotes: "${'x'.repeat(MAX_PLAN_CHARS)}"\n`).findings.map((f) => f.ruleId), ['plan.too-large']);
    assert.deepEqual(check('file:///p.yaml', `name: ci\nrun: "${'x'.repeat(MAX_PLAN_CHARS)}"\n`).findings, []);
  });

  it('an unclosed front matter is reported on its first line and its keys are still read', () => {
    const text = plan('clean-state.md').replace(/\n---\n/, '\n\n');
    const syntax = check('file:///p.md', text).findings.filter((f) => f.ruleId === 'plan.syntax');
    assert.ok(syntax.some((f) => /not closed/.test(f.message) && f.start === 0 && f.end === 3), JSON.stringify(syntax));
  });

  for (const name of ['clean-state.md', 'seed-001-lang-son.md', 'seed-003-kien-giang.yaml']) {
    it(`decomposed (NFD) ${name}: the same findings as composed, and "fix all" gives the same plan`, () => {
      const nfc = plan(name);
      const nfd = nfc.normalize('NFD');
      const uri = `file:///${name}`;
      const findings = (t: string): Finding[] => checkText(uri, t, bundledKnowledge().kb, { lang: 'en' }).findings;
      const decomposed = findings(nfd);
      assert.ok(decomposed.some((f) => f.ruleId === 'text.normalization'));
      // Every other rule reads the composed text: no false finding, and each finding where it belongs.
      const others = decomposed.filter((f) => f.ruleId !== 'text.normalization');
      assert.deepEqual(
        others.map((f) => `${f.ruleId} ${nfd.slice(f.start, f.end).normalize('NFC')}`),
        findings(nfc).map((f) => `${f.ruleId} ${nfc.slice(f.start, f.end)}`),
      );
      const fixedNfd = fixAll(nfd, findings).text;
      assert.equal(fixedNfd.normalize('NFC'), fixAll(nfc, findings).text, 'no fix computed on decomposed text corrupts the plan');
      assert.ok(!findings(fixedNfd).some((f) => f.fix), 'nothing fixable is left');
    });
  }

  it('a YAML alias bomb is never expanded: bounded memory', () => {
    const before = process.memoryUsage().heapUsed;
    const { findings } = check('file:///p.md', `---\ntemplate: nq43\n${aliasBomb('subject')}---\n`);
    assert.ok(process.memoryUsage().heapUsed - before < 200 * 1024 * 1024);
    assert.ok(findings.some((f) => f.ruleId === 'plan.syntax' && /"subject" must be a text value/.test(f.message)), findings.map((f) => f.message).join('\n'));
  });

  it('nesting too deep for the YAML parser is said once, in words', () => {
    const { findings } = check('file:///p.md', `---\ntemplate: nq43\nsubject: ${deepFlow(10000)}\n---\n`);
    const deep = findings.filter((f) => /nested too deeply/.test(f.message));
    assert.equal(deep.length, 1);
    assert.ok(!findings.some((f) => /Maximum call stack/.test(f.message)));
  });
});

describe('robustness: files on disk (encodings)', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder('plan43-encodings');
  });
  afterEach(() => folder.remove());

  it('invalid UTF-8 is decoded with U+FFFD, marked lossy, and reported where the bytes were', () => {
    const text = plan('clean-state.md');
    const at = text.indexOf('đoàn kết');
    const bytes = Buffer.concat([Buffer.from(text.slice(0, at), 'utf8'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(text.slice(at), 'utf8')]);
    const file = path.join(folder.dir, 'broken.md');
    fs.writeFileSync(file, bytes);
    const decoded = readText(file);
    assert.equal(decoded.lossy, true);
    assert.equal(decoded.encoding, 'utf8');
    const lookalikes = check('file:///broken.md', decoded.text).findings.filter((f) => f.ruleId === 'text.lookalike');
    assert.deepEqual(
      lookalikes.map((f) => decoded.text.slice(f.start, f.end)),
      ['\uFFFD', '\uFFFD'],
      'each replacement character is reported where the broken bytes were',
    );
    assert.equal(lookalikes[0].start, at);
  });

  for (const encoding of ['utf16le', 'utf16be'] as const) {
    it(`UTF-16 with a byte order mark (${encoding}) reads as the same plan, and writes back as ${encoding}`, () => {
      const text = `\uFEFF${plan('seed-003-kien-giang.md')}`;
      const file = path.join(folder.dir, 'plan.md');
      fs.writeFileSync(file, encodeText(text, encoding));
      const decoded = readText(file);
      assert.deepEqual({ text: decoded.text, encoding: decoded.encoding, lossy: decoded.lossy }, { text, encoding, lossy: false });
      assert.deepEqual(encodeText(decoded.text, decoded.encoding), fs.readFileSync(file));
    });
  }

  it('a UTF-8 byte order mark is kept, so that writing back keeps it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('---\ntemplate: nq43\n---\n', 'utf8')]);
    const decoded = decodeText(bytes);
    assert.equal(decoded.text.charCodeAt(0), 0xfeff);
    assert.deepEqual(encodeText(decoded.text, decoded.encoding), bytes);
  });

  it('a capped read of a huge file still shows it as over the limit', () => {
    const file = path.join(folder.dir, 'huge.md');
    // Three bytes of UTF-8 per character: the cap is reached before the end of the file.
    fs.writeFileSync(file, `---\ntemplate: nq43\n---\n${'ẫ'.repeat(MAX_PLAN_CHARS + 10)}`);
    const decoded = readText(file, { maxBytes: MAX_PLAN_CHARS * 3 + 4 });
    assert.equal(decoded.truncated, true);
    assert.deepEqual(check('file:///huge.md', decoded.text).findings.map((f) => f.ruleId), ['plan.too-large']);
  });

  it('a folder, a pipe or a device is never read as a file (it would block or never end)', () => {
    assert.throws(() => readText(folder.dir), /not a regular file/);
    for (const device of ['/dev/zero', '/dev/random']) if (fs.existsSync(device)) assert.throws(() => readText(device), /not a regular file/);
  });
});

describe('robustness: hostile data files (template, registry, names)', () => {
  const schemas = loadSchemas(SCHEMAS);
  const load = (kind: DataKind, text: string) => loadDataText(kind, text, schemas, 'en');
  const bundledTemplate = fs.readFileSync(path.join(SCHEMAS, 'nq43.template.yaml'), 'utf8');
  const bundledRegistry = fs.readFileSync(path.join(SCHEMAS, 'registry.yaml'), 'utf8');

  const cases: Array<{ name: string; kind: DataKind; text: () => string; rule: string; message: RegExp }> = [
    { name: 'an empty registry', kind: 'registry', text: () => '', rule: DATA_SYNTAX_RULE, message: /empty/ },
    { name: 'an empty template', kind: 'template', text: () => '\n  \n', rule: DATA_SYNTAX_RULE, message: /empty/ },
    { name: 'a malformed registry', kind: 'registry', text: () => 'documents:\n  - symbol: 51-CTr/TU\n    date: [19/03/2024\n', rule: DATA_SYNTAX_RULE, message: /YAML/ },
    { name: 'a malformed template', kind: 'template', text: () => bundledTemplate.replace(/^variants:/m, 'variants: [\n'), rule: DATA_SYNTAX_RULE, message: /YAML/ },
    {
      name: 'a names file that is binary',
      kind: 'names',
      text: () => decodeText(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))).text,
      rule: DATA_SCHEMA_RULE,
      message: /must be object/,
    },
    { name: 'a billion-laughs registry', kind: 'registry', text: () => aliasBomb('documents'), rule: DATA_SYNTAX_RULE, message: /billion laughs/ },
    { name: 'a billion-laughs template', kind: 'template', text: () => aliasBomb('variants'), rule: DATA_SYNTAX_RULE, message: /billion laughs/ },
    { name: 'a billion-laughs names file', kind: 'names', text: () => aliasBomb('changes'), rule: DATA_SYNTAX_RULE, message: /billion laughs/ },
    {
      name: 'a registry that refers to itself',
      kind: 'registry',
      text: () => 'documents: &d\n  - symbol: 51-CTr/TU\n    related: *d\n',
      rule: DATA_SYNTAX_RULE,
      message: /refers to itself at \/documents\/0\/related/,
    },
    { name: 'a template that refers to itself', kind: 'template', text: () => 'variants: &v\n  party: *v\n', rule: DATA_SYNTAX_RULE, message: /refers to itself at \/variants\/party/ },
    { name: 'a registry nested 10,000 deep', kind: 'registry', text: () => `documents: ${deepFlow(10000)}\n`, rule: DATA_SYNTAX_RULE, message: /nested too deeply/ },
    { name: 'a registry with duplicate keys', kind: 'registry', text: () => 'documents: []\ndocuments: []\n', rule: DATA_SYNTAX_RULE, message: /unique/ },
    {
      name: 'a huge registry',
      kind: 'registry',
      text: () => bundledRegistry + '  - symbol: 1-KH/TU\n    type: Kế hoạch\n    date: 19/03/2024\n    issuer: Tỉnh ủy\n    scope: local\n'.repeat(MAX_DATA_CHARS / 60),
      rule: DATA_SYNTAX_RULE,
      message: /over the limit of 1000000/,
    },
    {
      name: 'a registry with thousands of problems',
      kind: 'registry',
      text: () => `documents:\n${'  - symbol: 1-KH/TU\n'.repeat(5000)}`,
      rule: DATA_SCHEMA_RULE,
      message: /more problems in the data file are not listed/,
    },
    {
      name: 'a template whose number pattern backtracks exponentially',
      kind: 'template',
      text: () => bundledTemplate.replace(/^(\s+numberPattern: ).*$/m, (_, key: string) => `${key}'^(\\d+)+$'`),
      rule: DATA_SCHEMA_RULE,
      message: /repeats a group that itself repeats/,
    },
  ];

  for (const c of cases) {
    it(`${c.name}: refused with a clear reason`, () => {
      const result = load(c.kind, c.text());
      assert.equal(result.data, undefined, 'the file is not used');
      assert.ok(result.findings.length > 0 && result.findings.length <= 101, `${result.findings.length} findings`);
      assert.ok(result.findings.every((f) => f.ruleId === c.rule), result.findings.map((f) => `${f.ruleId} ${f.message}`).join('\n'));
      assert.ok(result.findings.some((f) => c.message.test(f.message)), result.findings.map((f) => f.message).join('\n'));
    });
  }

  it('a broken user file on disk leaves the bundled data in use, with findings on that file (also UTF-16)', () => {
    const folder = tempFolder('plan43-data-files');
    try {
      const bomb = path.join(folder.dir, 'bomb.registry.yaml');
      fs.writeFileSync(bomb, aliasBomb('documents'));
      const utf16 = path.join(folder.dir, 'local.registry.yaml');
      const local = 'documents:\n  - symbol: 51-CTr/TU\n    type: Chương trình hành động\n    date: 01/02/2024\n    issuer: Tỉnh ủy\n    scope: local\n';
      fs.writeFileSync(utf16, encodeText(`\uFEFF${local}`, 'utf16le'));
      const template = path.join(folder.dir, 'empty.template.yaml');
      fs.writeFileSync(template, '');
      const loaded = loadKnowledge({ schemasDir: SCHEMAS, templateFile: template, registryFiles: [bomb, utf16], lang: 'en' });
      assert.deepEqual(
        loaded.dataFindings.map((d) => path.basename(d.file)),
        ['empty.template.yaml', 'bomb.registry.yaml'],
        'the UTF-16 registry is read without findings',
      );
      assert.deepEqual(loaded.kb.template, bundledKnowledge().kb.template, 'the bundled template stays in use');
      assert.ok(loaded.kb.registry.documents.some((d) => d.symbol === '51-CTr/TU' && d.date === '01/02/2024'), 'the UTF-16 registry is used');
    } finally {
      folder.remove();
    }
  });
});
