// The front matter read without the YAML parser (readSimpleHead) gives, wherever it answers, exactly the fields and the registry entry the parse gives: on every fixture plan and on front matters mutated at random with what YAML reads its own way.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePlanHead } from '../../server/src/core/document/parse';
import { META_STRING_KEYS } from '../../server/src/core/document/meta';
import { readSimpleHead } from '../../server/src/core/document/simple-head';
import { entryOfFields, planEntry } from '../../server/src/core/workspace/entry';
import { bundledKnowledge } from '../support/knowledge';
import { FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return markdownFiles(full);
    return d.name.endsWith('.md') ? [full] : [];
  });
}

const kb = bundledKnowledge().kb;

/** Whether readSimpleHead answered for `text`; when it did, its answer is checked against the parse. */
function agrees(uri: string, text: string): boolean {
  const simple = readSimpleHead(text);
  if (!simple) return false;
  const plan = parsePlanHead(uri, text, 'markdown');
  const where = `${uri}\n${text.slice(0, 1500)}`;
  assert.equal(simple.declaresTemplate, plan.isPlan, where);
  if (!plan.isPlan) return true;
  for (const key of META_STRING_KEYS) assert.equal(simple.fields[key], plan.meta[key]?.value, `${key} in ${where}`);
  const origin = { uri, label: 'x' };
  assert.deepEqual(entryOfFields(simple.fields, origin, kb), planEntry(plan, origin, kb), where);
  return true;
}

/** Lines and pieces that YAML reads its own way: numbers, nulls, escapes, comments, continuations, nesting, flow, tabs, indicators. */
const LINES = [
  'number: 123', 'number: "Số 5/KH-UBND" # c', "number: 'Số 5/KH-UBND'", 'number: Số 07/KH-UBND', 'number: 0x1F', 'number: 1e3',
  'date: null', 'date: ~', 'date: ngày 05 tháng 12 năm 2026', "date: 'ngày 05 tháng 12 năm 2026' # c", 'date: "ngày 05/12/2026"x', 'date:',
  'issuer: "Ủy ban \\"nhân\\" dân"', "issuer: 'it''s'", 'issuer: a: b', 'issuer: Tỉnh ủy # note', 'issuer: Tỉnh ủy#x', 'issuer: true',
  'issuer: - x', 'issuer: [a, b]', 'issuer: {a: 1}', 'issuer: |', 'issuer: >', 'issuer: &a Tỉnh ủy', 'issuer: *a', 'issuer: !!str 5',
  'issuer: Tỉnh ủy:', 'issuer: "unclosed', "issuer: 'unclosed", 'kind: KẾ HOẠCH', 'kind: "KẾ HOẠCH"', 'subject:  về  một  việc  ',
  '  continued line', '    more', '  - item', '  - "quoted: item"', "  - 'q'", '  - a: b', '  key: value', '  # comment', '\tkey: v',
  'recipients:', '- top item', 'signer:', '  name: ""', '  title: |', '    text', 'implements: [43-NQ/TW, 21-KH/TW]', 'implements: [a, [b]]',
  'implements: [a,', '  b]', 'template: nq43', 'template : nq43', 'template:nq43', '# comment', '', '   ', '...', '%YAML 1.2',
  'issuer: "Tỉnh ủy\\x41"', 'subject: "a\\nb"', '  - "unclosed', "  - 'unclosed", '  key: [a,', '  key: {a: 1,', '  - |', '  - >-',
  'number: "Số 1\u2028"', 'subject: a\u00A0b', 'issuer: Ban\u00A0Thường vụ', 'kind: KẾ HOẠCH\r', 'number:', 'number: ""', "number: ''",
];
const PIECES = ['"', "'", '#', ' #', ':', ': ', '[', ']', '{', '}', '|', '>', '-', '- ', ' ', '\t', '&', '*', '!', '%', '@', '`', '\\', '0', '.', '?', ',', '\n', '\n  '];

/** A front matter changed by a few random edits: a line inserted, replaced or removed, a piece typed into a line. */
function mutate(text: string, random: () => number): string {
  const end = text.indexOf('\n---', 4);
  if (!text.startsWith('---\n') || end < 0) return text;
  const lines = text.slice(4, end).split('\n');
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const edits = 1 + Math.floor(random() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (lines.length + 1));
    const kind = random();
    if (kind < 0.35) lines.splice(at, 0, pick(LINES));
    else if (kind < 0.55 && at < lines.length) lines[at] = pick(LINES);
    else if (kind < 0.65 && at < lines.length) lines.splice(at, 1);
    else if (at < lines.length) {
      const line = lines[at];
      const cut = Math.floor(random() * (line.length + 1));
      lines[at] = line.slice(0, cut) + pick(PIECES) + line.slice(cut);
    }
  }
  return `---\n${lines.join('\n')}${text.slice(end)}`;
}

describe('the front matter read without the YAML parser', () => {
  const files = [...markdownFiles(FIXTURES), ...markdownFiles(path.join(FIXTURES, '..', '..', '..', 'shared', 'seeds'))];

  it('gives the fields and the registry entry of the parse on every fixture plan, and reads most of them', () => {
    let answered = 0;
    for (const file of files) if (agrees(file, fs.readFileSync(file, 'utf8'))) answered++;
    // Not a test that passes by declining: the plain subset is what plans are written in.
    assert.ok(files.length > 20 && answered >= files.length * 0.6, `${answered} of ${files.length}`);
  });

  it('gives the fields of the parse, or declines, with each line YAML reads its own way written at the end, alone or in a nested block', () => {
    const texts = files.map((f) => fs.readFileSync(f, 'utf8')).filter((t) => t.startsWith('---\n')).slice(0, 8);
    let answered = 0;
    for (const text of texts) {
      const end = text.indexOf('\n---', 4);
      for (const line of LINES) {
        for (const before of ['', 'recipients:\n', 'signer:\n']) {
          for (const after of ['', '\n  - x', '\nsigner:\n  name: x', '\nissuer: Ủy ban nhân dân tỉnh Lào Cai']) {
            if (agrees('line.md', `${text.slice(0, end)}\n${before}${line}${after}${text.slice(end)}`)) answered++;
          }
        }
      }
    }
    assert.ok(answered > 0, 'none answered');
  });

  it('gives the fields and the registry entry of the parse on mutated front matters, or declines', () => {
    const random = seededRandom(43);
    const texts = files.map((f) => fs.readFileSync(f, 'utf8')).filter((t) => t.startsWith('---\n'));
    let answered = 0;
    let tried = 0;
    for (let round = 0; round < 12; round++) {
      for (const text of texts) {
        tried++;
        if (agrees(`mutant-${round}.md`, mutate(text, random))) answered++;
      }
    }
    assert.ok(answered > tried * 0.2 && answered < tried, `${answered} of ${tried}`);
  });
});
