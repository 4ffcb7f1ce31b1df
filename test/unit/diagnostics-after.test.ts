// A pull's diagnostics made from the last version's where the lines did not change are those every finding converted afresh gives: random edits through the product's runner, compared after every edit, as objects and as JSON.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic } from 'vscode-languageserver/node';
import { Finding } from '../../server/src/core/findings';
import { LineIndex } from '../../server/src/core/text/line-index';
import { KeptDiagnostics, toDiagnostic, toDiagnosticsAfter } from '../../server/src/lsp/convert';
import { CheckRunner, movedFrom } from '../../server/src/node/check-runner';
import { CheckSettings } from '../../server/src/node/check-worker';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';

const PIECES = ['a', 'ệ', '\n', '\n\n', 'x\ny\nz', '😀', ' ', 'Điều 1.\n- ', ''];
const TYPED = ['a', 'ư', ' ', '\n', '\n\n', 'huyện', ' khóa XIII', '\n## ', ' Nghị quyết số 43-NQ/TW', '\u0301', 'Ủy ban nhân dân', '.', '\n- Đoạn dán\n- và một dòng nữa\n'];

describe('diagnostics made from the last version\'s', function () {
  // Hundreds of checks of fixture plans in the worker: slow on a busy machine.
  this.timeout(600_000);

  it('the line index says where two versions\' positions agree', () => {
    const next = seededRandom(1414);
    let text = 'a\nbc\n\nd\nef\ng';
    let lines = new LineIndex(text);
    let before = 0;
    let after = 0;
    for (let i = 0; i < 1500; i++) {
      const earlier = next() < 0.2 ? new LineIndex(text) : lines;
      const earlierText = text;
      // One to three edits between the two versions, the index updated or built afresh.
      for (let e = Math.floor(next() * 3); e >= 0; e--) {
        const start = Math.floor(next() * (text.length + 1));
        const end = next() < 0.5 ? start : Math.min(text.length, start + 1 + Math.floor(next() * 12));
        const inserted = next() < 0.3 && end > start ? '' : PIECES[Math.floor(next() * PIECES.length)];
        const changed = text.slice(0, start) + inserted + text.slice(end);
        lines = (next() < 0.8 ? lines.edited(changed, start, end, start + inserted.length) : undefined) ?? new LineIndex(changed);
        text = changed;
      }
      if (text.length > 400) {
        text = text.slice(0, 200);
        lines = new LineIndex(text);
        continue;
      }
      const agree = lines.agreement(earlier);
      assert.equal(agree.shift, text.length - earlierText.length);
      assert.equal(agree.earlierLength, earlierText.length);
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
      assert.deepEqual(lines.agreement(lines), { before: text.length + 1, after: 0, earlierLength: text.length, shift: 0, lines: 0 });
    }
    assert.ok(before > 10_000 && after > 5_000, `${before} offsets before, ${after} after`);
  });

  for (const [seed, name] of [
    [21, 'seed-002-ha-tinh.md'],
    [22, 'seed-003-kien-giang.yaml'],
  ] as const) {
    it(`${name}: every version's diagnostics are those of its findings converted afresh`, async () => {
      const { kb } = bundledKnowledge();
      const next = seededRandom(seed);
      const settings: CheckSettings = { mode: 'drafting', lang: 'vi', levels: {}, today: '2026-12-05' };
      const syntax = name.endsWith('.yaml') ? ('yaml' as const) : ('markdown' as const);
      const uri = `file:///plans/${name}`;
      let text = fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
      let lines = new LineIndex(text);
      let root = 'https://help.example/a/';
      const help = (id: string): string | undefined => (id.startsWith('plan.') && id.length % 3 === 0 ? undefined : root + id);
      const runner = new CheckRunner({ log: () => undefined });
      let version = 1;
      let edits: Array<{ start: number; end: number; newText: string }> = [];
      const editsSince = (from: number): Array<{ start: number; end: number; newText: string }> | undefined => (from === version - 1 ? edits : undefined);
      let kept: KeptDiagnostics | undefined;
      let findings: Finding[] = [];
      let reused = 0;
      let moved = 0;
      let total = 0;
      try {
        for (let round = 0; round < 60; round++) {
          if (round > 0) {
            edits = [];
            for (let e = Math.floor(next() * 2); e >= 0; e--) {
              const kind = next();
              let start: number;
              let end: number;
              if (kind < 0.3 && findings.length > 0) {
                // A finding's own line edited.
                const f = findings[Math.floor(next() * findings.length)];
                start = Math.min(text.length, f.start + Math.floor(next() * 3));
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
            version++;
            // Now and then the help links change (another extension folder).
            if (next() < 0.05) root = root.endsWith('a/') ? 'https://help.example/b/' : 'https://help.example/a/';
          }
          findings = (await runner.check({ uri, text, syntax, settings, kb, memo: true, version, editsSince })).findings;
          const made = toDiagnosticsAfter(findings, lines, uri, help, kept, movedFrom);
          const fresh = new LineIndex(text);
          const expected: Diagnostic[] = findings.map((f) => toDiagnostic(f, fresh, uri, help));
          assert.deepStrictEqual(made.items, expected, `${name}, version ${version}`);
          assert.equal(JSON.stringify(made.items), JSON.stringify(expected), `${name}, version ${version}: the report's JSON`);
          if (kept) {
            const last = new Set(kept.byFinding.values());
            for (let i = 0; i < findings.length; i++) {
              if (last.has(made.items[i])) reused++;
              else if (movedFrom(findings[i]) && kept.byFinding.has(movedFrom(findings[i])!)) moved++;
            }
            total += findings.length;
          }
          kept = made.kept;
        }
      } finally {
        runner.dispose();
      }
      // The diagnostics of most findings were reused or moved, not converted afresh.
      assert.ok(reused > total / 4, `${reused} of ${total} diagnostics reused`);
      assert.ok(moved > total / 10, `${moved} of ${total} diagnostics of moved findings`);
    });
  }
});
