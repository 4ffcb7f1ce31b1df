// A plan's diagnostics made from the last version's (lsp/kept-diagnostics.ts) and their JSON copied from the last report's (lsp/diagnostic-json.ts) are those of a check from scratch converted afresh: random edits through the product's runner and worker, with checks cancelled, versions skipped, whole texts, the worker ended and the document forgotten, compared after every check as objects and as bytes.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic } from 'vscode-languageserver/node';
import { checkText } from '../../server/src/core/engine';
import { Finding, shiftedFinding, TextEdit } from '../../server/src/core/findings';
import { LineIndex } from '../../server/src/core/text/line-index';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { DiagnosticJson, EncodedList } from '../../server/src/lsp/diagnostic-json';
import { diagnosticsAfter, MadeDiagnostics, sameDiagnostics } from '../../server/src/lsp/kept-diagnostics';
import { CheckRunner, CheckTicket } from '../../server/src/node/check-runner';
import { CheckSettings } from '../../server/src/node/check-worker';
import { FindingsList, findingsDelta } from '../../server/src/node/findings-delta';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';
import { checkGivenUp, workerEndedOrForgotten } from '../support/runner-rounds';

const PIECES = ['a', 'ệ', '\n', '\n\n', 'x\ny\nz', '😀', ' ', 'Điều 1.\n- ', ''];
const TYPED = ['a', 'ư', ' ', '\n', '\n\n', 'huyện', ' khóa XIII', '\n## ', ' Nghị quyết số 43-NQ/TW', '\u0301', 'Ủy ban nhân dân', '.', '\n- Đoạn dán\n- và một dòng nữa\n'];

describe("diagnostics made from the last version's", function () {
  // Hundreds of checks of fixture plans in the worker and from scratch: slow on a busy machine.
  this.timeout(600_000);

  it("the line index says where two versions' positions agree", () => {
    const next = seededRandom(1515);
    let text = 'a\nbc\n\nd\nef\ng';
    let lines = new LineIndex(text);
    let before = 0;
    let after = 0;
    let shared = 0;
    for (let i = 0; i < 2000; i++) {
      const earlier = next() < 0.2 ? new LineIndex(text) : lines;
      const earlierText = text;
      // One to three edits between the two versions, the index updated (sharing the starts when typed in one line) or built afresh.
      for (let e = Math.floor(next() * 3); e >= 0; e--) {
        const start = Math.floor(next() * (text.length + 1));
        const end = next() < 0.5 ? start : Math.min(text.length, start + 1 + Math.floor(next() * 12));
        const inserted = next() < 0.3 && end > start ? '' : PIECES[Math.floor(next() * PIECES.length)];
        const changed = text.slice(0, start) + inserted + text.slice(end);
        lines = (next() < 0.85 ? lines.edited(changed, start, end, start + inserted.length) : undefined) ?? new LineIndex(changed);
        text = changed;
      }
      if (text.length > 400) {
        text = text.slice(0, 200);
        lines = new LineIndex(text);
        continue;
      }
      if ((lines as unknown as { starts: Int32Array }).starts === (earlier as unknown as { starts: Int32Array }).starts) shared++;
      const agree = lines.agreement(earlier);
      assert.equal(agree.shift, text.length - earlierText.length);
      assert.equal(agree.earlierLength, earlierText.length);
      assert.equal(agree.lines, lines.lineCount - earlier.lineCount);
      // The most the two indexes agree on, from a search of every offset: the agreement says as much.
      let most = 0;
      while (most <= earlierText.length && most <= text.length && sameAt(lines, earlier, most, most, 0)) most++;
      let least = earlierText.length;
      while (least >= 0 && least + agree.shift >= 0 && sameAt(lines, earlier, least + agree.shift, least, agree.lines)) least--;
      for (let o = 0; o <= earlierText.length; o++) {
        const was = earlier.positionAt(o);
        if (o < agree.before) {
          assert.deepEqual(lines.positionAt(o), was, `version ${i}: offset ${o} before the change`);
          before++;
        }
        if (o >= agree.after) {
          assert.deepEqual(lines.positionAt(o + agree.shift), { line: was.line + agree.lines, character: was.character }, `version ${i}: offset ${o} after the change`);
          after++;
        }
      }
      // As much as a search of every offset finds: from the first offset whose position differs, to the last.
      assert.ok(agree.before >= most, `version ${i}: before ${agree.before}, offsets the same up to ${most}`);
      assert.ok(agree.after <= least + 1, `version ${i}: after ${agree.after}, offsets moved from ${least + 1}`);
      assert.deepEqual(lines.agreement(lines), { before: text.length + 1, after: 0, earlierLength: text.length, shift: 0, lines: 0 });
    }
    assert.ok(before > 10_000 && after > 5_000, `${before} offsets before, ${after} after`);
    assert.ok(shared > 200, `${shared} versions shared their starts`);
  });

  it('findings of every shape kept, moved and added over random edits: the diagnostics of a conversion afresh', () => {
    const next = seededRandom(1516);
    const uri = 'file:///plans/random.md';
    const help = (id: string): string | undefined => (id === 'plan.a' ? undefined : `https://help.example/${id}`);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const span = (length: number): { start: number; end: number } => {
      const start = Math.floor(next() * (length + 1));
      return { start, end: Math.min(length, start + Math.floor(next() * 30)) };
    };
    const near = (at: number, length: number): { start: number; end: number } => {
      const start = Math.max(0, Math.min(length, at + Math.floor(next() * 120) - 60));
      return { start, end: Math.min(length, start + Math.floor(next() * 10)) };
    };
    const finding = (length: number): Finding => {
      const f: Finding = { ruleId: pick(['plan.a', 'text.b', 'name.c']), severity: pick(['error', 'warning', 'info'] as const), message: pick(['một', 'hai', 'ba', 'bốn']), ...span(length) };
      // Related locations near the finding, after it or before it.
      if (next() < 0.3) f.related = Array.from({ length: 1 + Math.floor(next() * 2) }, () => ({ ...near(f.start, length), message: pick(['x', 'y']) }));
      if (next() < 0.2) f.fix = { title: 'sửa', kind: pick(['mechanical', 'insertion'] as const), edits: [{ ...near(f.start, length), newText: 'z' }] };
      if (next() < 0.1) f.unnecessary = true;
      return f;
    };
    let text = Array.from({ length: 40 }, (_, i) => `dòng ${i} ${'x'.repeat(i % 7)}`).join('\n');
    let lines = new LineIndex(text);
    let findings = Array.from({ length: 30 }, () => finding(text.length));
    let last = diagnosticsAfter(undefined, uri, findings, { list: {} }, lines, help);
    let moved = 0;
    let reused = 0;
    for (let i = 0; i < 400; i++) {
      // Typed mostly, now and then a cut of a few characters.
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + (next() < 0.7 ? 0 : Math.floor(next() * 10)));
      const inserted = pick(['a', '\n', '\n\n', 'b\nc', '', 'ệ', 'một dòng\n']);
      const changed = text.slice(0, start) + inserted + text.slice(end);
      const shift = inserted.length - (end - start);
      lines = (next() < 0.8 ? lines.edited(changed, start, end, start + inserted.length) : undefined) ?? new LineIndex(changed);
      text = changed;
      // Findings wholly before the edit kept, wholly after it moved, the others dropped; a few added.
      const offsets = (f: Finding): number[] => [f.start, f.end, ...(f.related ?? []).flatMap((r) => [r.start, r.end]), ...(f.fix?.edits ?? []).flatMap((e) => [e.start, e.end])];
      const nextFindings: Finding[] = [];
      for (const f of findings) {
        if (offsets(f).every((o) => o < start)) nextFindings.push(f);
        else if (offsets(f).every((o) => o > end)) nextFindings.push(shiftedFinding(f, shift));
      }
      for (let k = nextFindings.length < 25 ? 5 : Math.floor(next() * 3); k > 0; k--) nextFindings.splice(Math.floor(next() * (nextFindings.length + 1)), 0, finding(text.length));
      const delta = findingsDelta(0, findings, nextFindings);
      const made = diagnosticsAfter(last, uri, nextFindings, { list: {}, base: { list: last.list!, ops: delta.ops } }, lines, help);
      const fresh = new LineIndex(text);
      const expected = nextFindings.map((f) => toDiagnostic(f, fresh, uri, help));
      assert.deepStrictEqual(made.items, expected, `version ${i}`);
      assert.equal(JSON.stringify(made.items), JSON.stringify(expected), `version ${i}: the JSON`);
      const kept = new Set(last.items);
      for (let k = 0; k < made.items.length; k++) {
        if (kept.has(made.items[k])) reused++;
        else if (nextFindings[k].related !== undefined && findings.some((f) => f.message === nextFindings[k].message && f.start + shift === nextFindings[k].start)) moved++;
      }
      findings = nextFindings;
      last = made;
      if (findings.length > 60) findings = findings.slice(0, 30);
      if (text.length > 3000) {
        text = text.slice(0, 1500);
        lines = new LineIndex(text);
        findings = Array.from({ length: 30 }, () => finding(text.length));
        last = diagnosticsAfter(undefined, uri, findings, { list: {} }, lines, help);
      }
    }
    assert.ok(reused > 4000 && moved > 100, `${reused} diagnostics reused, ${moved} with related locations moved`);
  });

  for (const [seed, name] of [
    [31, 'seed-002-ha-tinh.md'],
    [32, 'clean-party.md'],
    [33, 'seed-003-kien-giang.yaml'],
  ] as const) {
    it(`${name}: every check's diagnostics and their JSON are those of a check from scratch`, async () => {
      const { kb } = bundledKnowledge();
      const next = seededRandom(seed);
      const settings: CheckSettings = { mode: 'drafting', lang: 'vi', levels: {}, today: '2026-12-05' };
      const syntax = name.endsWith('.yaml') ? ('yaml' as const) : ('markdown' as const);
      const uri = `file:///plans/${name}`;
      let text = fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
      let lines = new LineIndex(text);
      // Every version's text and the edits that made it from the one before.
      const versions: Array<{ text: string; edits: TextEdit[] }> = [{ text, edits: [] }];
      let whole = false;
      const editsSince = (from: number): TextEdit[] | undefined => {
        if (whole || from < 1 || from >= versions.length) return undefined;
        return versions.slice(from).flatMap((v) => v.edits);
      };
      let root = 'https://help.example/a/';
      const help = (id: string): string | undefined => (id.startsWith('plan.') && id.length % 3 === 0 ? undefined : root + id);
      const runner = new CheckRunner({ log: () => undefined });
      const json = new DiagnosticJson();
      const check = (version: number, ticket?: CheckTicket): ReturnType<CheckRunner['check']> =>
        runner.check({ uri, text: versions[version - 1].text, syntax, settings, kb, memo: true, version, editsSince }, ticket);
      let last: MadeDiagnostics | undefined;
      // The JSON of `last.items`, when it was encoded (as the diagnostics feature keeps it).
      let lastJson: EncodedList | undefined;
      const counts = { reused: 0, moved: 0, copied: 0, total: 0 };
      // Checks whose diagnostics were made from the held list, and those of them that took some of the last ones.
      const afresh = { checked: 0, taken: 0 };
      try {
        for (let round = 0; round < 50; round++) {
          if (round > 0) {
            // One to three versions, the checks of all but the last skipped now and then.
            const count = 1 + Math.floor(next() * 3);
            for (let v = 0; v < count; v++) {
              const edits: TextEdit[] = [];
              for (let e = Math.floor(next() * 2); e >= 0; e--) {
                const at = next();
                let start: number;
                let end: number;
                if (at < 0.3 && last && last.findings.length > 0) {
                  // A finding's own line edited.
                  const f = last.findings.at(Math.floor(next() * last.findings.length));
                  start = Math.max(0, Math.min(text.length, f.start + Math.floor(next() * 3)));
                  end = start;
                } else {
                  start = Math.floor(next() * (text.length + 1));
                  // Typed (nothing cut), or a cut of up to a few lines.
                  end = Math.min(text.length, start + (next() < 0.6 ? 0 : Math.floor(next() * 80)));
                }
                const newText = next() < 0.15 && end > start ? '' : TYPED[Math.floor(next() * TYPED.length)];
                const changed = text.slice(0, start) + newText + text.slice(end);
                lines = lines.edited(changed, start, end, start + newText.length) ?? new LineIndex(changed);
                text = changed;
                edits.push({ start, end, newText });
              }
              versions.push({ text, edits });
              if (v < count - 1 && next() < 0.5) {
                await checkGivenUp(check, versions.length, next);
              }
            }
            whole = next() < 0.1;
            await workerEndedOrForgotten(runner, uri, next);
            // Now and then the help links change (another extension folder).
            if (next() < 0.05) root = root.endsWith('a/') ? 'https://help.example/b/' : 'https://help.example/a/';
          }
          const checked = await check(versions.length);
          // The list as the runner holds it, as the diagnostics feature reads it (its moved findings not made), now and then the findings made.
          const held = next() < 0.8 ? checked.origin?.findings : undefined;
          // Findings made from the held list: only for the diagnostics converted afresh (a kept or moved one reads its object).
          const at = FindingsList.prototype.at;
          let madeFindings = 0;
          FindingsList.prototype.at = function (this: FindingsList, i: number): Finding {
            madeFindings++;
            return at.call(this, i);
          };
          let made: MadeDiagnostics;
          try {
            made = diagnosticsAfter(last, uri, held ?? checked.findings, checked.origin, lines, help);
          } finally {
            FindingsList.prototype.at = at;
          }
          if (held !== undefined && last !== undefined && made.sources !== undefined) {
            const taken = made.sources.filter((j) => j >= 0).length;
            assert.ok(madeFindings <= made.items.length - taken, `${name}, round ${round + 1}: ${madeFindings} findings made for ${made.items.length - taken} diagnostics not taken`);
            afresh.checked++;
            if (taken > 0) afresh.taken++;
          }
          const fresh = new LineIndex(text);
          const expected: Diagnostic[] = checkText(uri, text, kb, settings, syntax).findings.map((f) => toDiagnostic(f, fresh, uri, help));
          assert.deepStrictEqual(made.items, expected, `${name}, round ${round + 1}`);
          const expectedJson = JSON.stringify(expected);
          assert.equal(JSON.stringify(made.items), expectedJson, `${name}, round ${round + 1}: the report's JSON`);
          if (last) {
            const kept = new Set(last.items);
            for (let i = 0; i < made.items.length; i++) {
              if (kept.has(made.items[i])) counts.reused++;
              else if (made.sources !== undefined && made.items[i].message !== undefined && last.items.some((d) => d.message === made.items[i].message && d.range.start.character === made.items[i].range.start.character)) counts.moved++;
            }
            counts.total += made.items.length;
          }
          // Encoded now and then only (a report answered "unchanged", a transport that does not encode): the next one then copies nothing.
          const from = made.sources !== undefined && lastJson !== undefined ? lastJson : undefined;
          lastJson = undefined;
          if (next() < 0.85) {
            // With the message around the list written in the same buffer, or the elements alone.
            const around = next() < 0.5 ? ([`{"id":${round},"items":[`, ']}'] as const) : undefined;
            const encoded = around
              ? json.encodeList(made.items, made.sources, from, Buffer.from(around[0]), Buffer.from(around[1]))
              : json.encodeList(made.items, made.sources, from);
            const written = encoded.bytes.toString('utf8');
            if (around) assert.equal(written, `${around[0]}${expectedJson.slice(1, -1)}${around[1]}`, `${name}, round ${round + 1}: the encoded message`);
            else assert.equal(`[${written}]`, expectedJson, `${name}, round ${round + 1}: the encoded report`);
            let start = encoded.first;
            for (let i = 0; i < made.items.length; i++) {
              assert.equal(encoded.bytes.subarray(start, encoded.ends[i]).toString('utf8'), JSON.stringify(made.items[i]), `${name}, round ${round + 1}: element ${i}`);
              start = encoded.ends[i] + 1;
            }
            if (from !== undefined && made.sources !== undefined) counts.copied += made.sources.filter((j) => j >= 0).length;
            lastJson = encoded;
          }
          last = made;
        }
      } finally {
        runner.dispose();
      }
      // Most diagnostics were taken from the last version's, and their JSON copied.
      assert.ok(counts.reused > counts.total / 5, `${counts.reused} of ${counts.total} diagnostics reused`);
      assert.ok(counts.moved > counts.total / 50, `${counts.moved} of ${counts.total} diagnostics moved by lines`);
      assert.ok(counts.copied > counts.total / 8, `${counts.copied} of ${counts.total} diagnostics' JSON copied`);
      assert.ok(afresh.taken > 10, `${afresh.taken} of ${afresh.checked} checks from the held list took some of the last diagnostics`);
    });
  }
});

/** Whether offset `b` of the later index is `lines` lines below offset `a` of the earlier one, at the same character. */
function sameAt(later: LineIndex, earlier: LineIndex, b: number, a: number, lines: number): boolean {
  const p = later.positionAt(b);
  const q = earlier.positionAt(a);
  return p.line === q.line + lines && p.character === q.character;
}

describe('two versions\' diagnostics compared for a pull answered "unchanged"', () => {
  const diagnostic = (line: number, message = 'Thiếu ngày ban hành.'): Diagnostic => ({
    range: { start: { line, character: 2 }, end: { line, character: 9 } },
    severity: 2,
    code: 'citation.first-incomplete',
    source: 'plan43',
    message,
    data: { fix: 'mechanical' },
    codeDescription: { href: 'file:///docs/rules/citation.first-incomplete.md' },
  });

  it('the same objects, or copies equal key for key, are the same', () => {
    const a = [diagnostic(1), diagnostic(4)];
    assert.equal(sameDiagnostics(a, a.slice()), true);
    assert.equal(sameDiagnostics(a, [diagnostic(1), diagnostic(4)]), true);
    assert.equal(sameDiagnostics([], []), true);
    const related = (): Diagnostic => ({ ...diagnostic(3), relatedInformation: [{ location: { uri: 'file:///p.md', range: diagnostic(0).range }, message: 'đây' }], tags: [1] });
    assert.equal(sameDiagnostics([related()], [related()]), true);
  });

  it('any difference the client would see, or a key in another order, is not', () => {
    const a = [diagnostic(1), diagnostic(4)];
    assert.equal(sameDiagnostics(a, [diagnostic(1)]), false, 'a diagnostic fewer');
    assert.equal(sameDiagnostics(a, [diagnostic(4), diagnostic(1)]), false, 'the order');
    assert.equal(sameDiagnostics(a, [diagnostic(1), diagnostic(5)]), false, 'a line');
    const moved = diagnostic(4);
    moved.range.end.character = 10;
    assert.equal(sameDiagnostics(a, [diagnostic(1), moved]), false, 'a character');
    assert.equal(sameDiagnostics(a, [diagnostic(1), diagnostic(4, 'Thiếu số hiệu.')]), false, 'the message');
    assert.equal(sameDiagnostics(a, [diagnostic(1), { ...diagnostic(4), data: { fix: 'review' } }]), false, 'the data');
    assert.equal(sameDiagnostics(a, [diagnostic(1), { ...diagnostic(4), tags: [1] }]), false, 'a key more');
    const { severity, ...rest } = diagnostic(4);
    assert.equal(sameDiagnostics(a, [diagnostic(1), { ...rest, severity } as Diagnostic]), false, 'the keys in another order (other JSON)');
    const listed = (href: unknown): Diagnostic => ({ ...diagnostic(4), relatedInformation: [{ location: { uri: String(href), range: diagnostic(0).range }, message: 'đây' }] });
    assert.equal(sameDiagnostics([listed('file:///a.md')], [listed('file:///b.md')]), false, 'a related location');
  });
});
