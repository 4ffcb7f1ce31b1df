// The check worker sends an open document's findings as a change of the last list it sent: after any series of edits (versions skipped, whole texts, cancelled checks, the worker started again, the document forgotten) the server holds the findings of a check from scratch.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessagePort, Worker } from 'node:worker_threads';
import { checkText } from '../../server/src/core/engine';
import { Finding, makeFinding, shiftedFinding, TextEdit } from '../../server/src/core/findings';
import { CheckRunner, CheckTicket } from '../../server/src/node/check-runner';
import { CheckSettings, runCheckWorker, WorkerJob, WorkerReply, WorkerRequest } from '../../server/src/node/check-worker';
import { parsePlan } from '../../server/src/core/document/parse';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { applyFindingsDelta, FindingsList, FindingsOrigin, findingsDelta, sameMoved } from '../../server/src/node/findings-delta';
import { asRead } from '../support/findings';
import { bundledKnowledge } from '../support/knowledge';
import { PLAN_FIXTURES } from '../support/paths';
import { seededRandom } from '../support/random';
import { checkGivenUp, workerEndedOrForgotten } from '../support/runner-rounds';

const TYPED = ['a', 'ư', ' ', '\n', '\n\n', 'huyện', ' khóa XIII', '\n## ', ' Nghị quyết số 43-NQ/TW', '\u0301', 'Ủy ban nhân dân', '.'];

describe('check worker: findings sent as a change of the last list', function () {
  // Hundreds of checks of fixture plans in the worker and from scratch: slow on a busy machine.
  this.timeout(600_000);

  for (const [seed, name] of [
    [11, 'seed-002-ha-tinh.md'],
    [12, 'clean-party.md'],
    [13, 'seed-003-kien-giang.yaml'],
  ] as const) {
    it(`${name}: the runner's findings after every check are those of a check from scratch`, async () => {
      const { kb } = bundledKnowledge();
      const next = seededRandom(seed);
      const settings: CheckSettings = { mode: 'drafting', lang: 'vi', levels: {}, today: '2026-12-05' };
      const syntax = name.endsWith('.yaml') ? ('yaml' as const) : ('markdown' as const);
      const uri = `file:///plans/${name}`;
      let text = fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
      // Every version's text and the edits that made it from the one before.
      const versions: Array<{ text: string; edits: TextEdit[] }> = [{ text, edits: [] }];
      let whole = false;
      const editsSince = (from: number): TextEdit[] | undefined => {
        if (whole || from < 1 || from >= versions.length) return undefined;
        return versions.slice(from).flatMap((v) => v.edits);
      };
      const runner = new CheckRunner({ log: () => undefined });
      const deltas = { kept: 0, added: 0, replies: 0 };
      const watched = new WeakSet<Worker>();
      const watch = (): void => {
        const worker = (runner as unknown as { worker: Worker | undefined }).worker;
        if (!worker || watched.has(worker)) return;
        watched.add(worker);
        worker.on('message', (reply: WorkerReply) => {
          if (reply.type !== 'done' || reply.result.kind !== 'check-delta') return;
          deltas.replies++;
          const { ops } = reply.result.delta;
          for (let o = 0; o < ops.length; o += 3) {
            if (ops[o] >= 0) deltas.kept += ops[o + 1];
            else deltas.added += ops[o + 1];
          }
        });
      };
      const check = (version: number, ticket?: CheckTicket): Promise<{ findings: Finding[] }> =>
        runner.check({ uri, text: versions[version - 1].text, syntax, settings, kb, memo: true, version, editsSince }, ticket);
      let compared = 0;
      // The list the runner held after the last check, and how many kept findings were taken as its objects.
      let lastHeld: FindingsOrigin | undefined;
      let taken = 0;
      try {
        assert.deepStrictEqual((await check(1)).findings, checkText(uri, text, kb, settings, syntax).findings);
        for (let round = 0; round < 40; round++) {
          // One to three versions, the checks of all but the last skipped now and then.
          const count = 1 + Math.floor(next() * 3);
          for (let v = 0; v < count; v++) {
            const start = Math.floor(next() * (text.length + 1));
            const end = Math.min(text.length, start + (next() < 0.6 ? 0 : Math.floor(next() * 12)));
            const newText = TYPED[Math.floor(next() * TYPED.length)];
            text = text.slice(0, start) + newText + text.slice(end);
            versions.push({ text, edits: [{ start, end, newText }] });
            if (v < count - 1 && next() < 0.5) {
              await checkGivenUp(check, versions.length, next);
            }
          }
          whole = next() < 0.1;
          await workerEndedOrForgotten(runner, uri, next);
          const result = await check(versions.length);
          watch();
          // The runner holds the list as objects and shifts: a kept finding is the last list's object, not a copy.
          const origin = (result as { origin?: FindingsOrigin }).origin;
          if (origin?.base && lastHeld?.findings && origin.base.list === lastHeld.list) {
            const ops = origin.base.ops;
            for (let o = 0, at = 0; o < ops.length; at += ops[o + 1], o += 3) {
              for (let k = 0; ops[o] >= 0 && k < ops[o + 1]; k++, taken++) {
                assert.equal(origin.findings!.objects[at + k], lastHeld.findings.objects[ops[o] + k], `${name}, round ${round + 1}: kept finding ${at + k}`);
              }
            }
          }
          lastHeld = origin;
          assert.deepStrictEqual(result.findings, checkText(uri, text, kb, settings, syntax).findings, `${name}, round ${round + 1}`);
          compared++;
        }
      } finally {
        runner.dispose();
      }
      assert.equal(compared, 40);
      assert.ok(taken > 100, `${taken} kept findings taken as the last list's objects`);
      // The changes were sent, and kept most findings.
      assert.ok(deltas.replies > 10, `${deltas.replies} answers were changes`);
      assert.ok(deltas.kept > deltas.added, `${deltas.kept} findings kept, ${deltas.added} sent whole`);
    });
  }

  it('rebuilds random lists of findings of every shape, version after version, from a copy of the last', () => {
    const next = seededRandom(5);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const messages = ['a', 'b', 'Thiếu mục', 'trùng "x"', 'c\u0301'];
    const make = (at: number): Finding => {
      const start = at + Math.floor(next() * 5);
      const f: Finding = { ruleId: pick(['r.one', 'r.two']), severity: pick(['error', 'warning', 'info', 'hint'] as const), message: pick(messages), start, end: start + Math.floor(next() * 4) };
      if (next() < 0.3) f.fix = { title: pick(['Sửa', 'Fix']), kind: pick(['mechanical', 'insertion'] as const), edits: [{ start, end: start + 1, newText: pick(['x', '']) }] };
      if (next() < 0.2) f.related = [{ start: start + 2, end: start + 3, message: pick(messages) }];
      if (next() < 0.2) f.unnecessary = next() < 0.5;
      // A field the finding type does not name: sent whole; an optional field present as `undefined`, as makeFinding writes it.
      if (next() < 0.03) (f as unknown as Record<string, unknown>).extra = 1;
      if (next() < 0.03) (f as unknown as Record<string, unknown>).unnecessary = undefined;
      return f;
    };
    /** A field of a finding changed, as a finding made again after an edit may be. */
    const altered = (f: Finding): Finding => {
      const g: Finding = structuredClone(f);
      switch (Math.floor(next() * 9)) {
        case 0:
          g.severity = g.severity === 'error' ? 'warning' : 'error';
          break;
        case 1:
          g.ruleId += '!';
          break;
        case 2:
          g.end++;
          break;
        case 3:
          if (g.fix?.edits.length) g.fix.edits[0].newText += 'y';
          else g.fix = { title: 'Fix', kind: 'mechanical', edits: [] };
          break;
        case 4:
          if (g.fix?.edits.length) g.fix.edits[0].end++;
          else g.unnecessary = true;
          break;
        case 5:
          if (g.related?.length) g.related[0].message += '!';
          else g.related = [];
          break;
        case 6:
          if (g.related?.length) g.related[0].start--;
          else delete g.fix;
          break;
        case 7:
          g.unnecessary = !g.unnecessary;
          break;
        default:
          if (g.fix) g.fix.title += '!';
          else g.message += '!';
      }
      return g;
    };
    let kept = 0;
    for (let run = 0; run < 100; run++) {
      let last: Finding[] = [];
      for (let at = 0, n = Math.floor(next() * 40); n > 0; n--, at += Math.floor(next() * 10)) last.push(make(at));
      // What the receiver holds: a copy, as a structured clone makes it.
      let held: Finding[] = structuredClone(last);
      // The same lists held as the runner holds them: objects and shifts, chained from the first.
      let list0 = FindingsList.of(held);
      for (let version = 0; version < 20; version++) {
        const change = Math.floor(next() * (last.length + 1));
        const shift = Math.floor(next() * 21) - 10;
        const list: Finding[] = [];
        for (let i = 0; i < last.length; i++) {
          const f = last[i];
          const moved = i < change ? 0 : shift;
          const r = next();
          if (r < 0.08) continue;
          if (r < 0.16) list.push(make(f.start + moved));
          else if (r < 0.3) list.push(altered({ ...structuredClone(f), start: f.start + moved, end: f.end + moved }));
          else if (moved === 0 && r < 0.6) list.push(f);
          else {
            const g = structuredClone(f);
            g.start += moved;
            g.end += moved;
            if (g.fix) for (const e of g.fix.edits) ((e.start += moved), (e.end += moved));
            if (g.related) for (const x of g.related) ((x.start += moved), (x.end += moved));
            list.push(g);
          }
          if (next() < 0.05) list.push(make(f.start + moved));
        }
        // Now and then two findings change places (the order is the check's, whatever it is).
        if (list.length > 2 && next() < 0.2) {
          const i = Math.floor(next() * (list.length - 1));
          [list[i], list[i + 1]] = [list[i + 1], list[i]];
        }
        const delta = structuredClone(findingsDelta(7, last, list));
        for (let o = 0; o < delta.ops.length; o += 3) if (delta.ops[o] >= 0) kept += delta.ops[o + 1];
        held = applyFindingsDelta(held, delta);
        const after = list0.after(delta);
        for (let o = 0, at = 0; o < delta.ops.length; at += delta.ops[o + 1], o += 3) {
          for (let k = 0; delta.ops[o] >= 0 && k < delta.ops[o + 1]; k++) assert.equal(after.objects[at + k], list0.objects[delta.ops[o] + k], `run ${run}, version ${version}: no new object for a kept finding`);
        }
        list0 = after;
        assert.deepStrictEqual(asRead(list0.all()), asRead(list), `run ${run}, version ${version}: held as objects and shifts`);
        for (let i = 0; i < list.length; i++) assert.deepStrictEqual(asRead([list0.at(i)]), asRead([list[i]]), `run ${run}, version ${version}, finding ${i}`);
        // As a reader sees them: a moved copy has every field, `undefined` where the finding has none.
        assert.deepStrictEqual(asRead(held), asRead(list), `run ${run}, version ${version}`);
        last = list;
      }
    }
    assert.ok(kept > 10_000, `${kept} findings kept`);
  });
  it("a finding is the last one moved only with the finding type's keys, the required ones with a value", () => {
    const a = makeFinding('r.one', 'warning', 'Thiếu mục', 10, 14);
    assert.equal(sameMoved(a, makeFinding('r.one', 'warning', 'Thiếu mục', 13, 17), 3), true);
    const fixed = { title: 'Sửa', kind: 'mechanical' as const, edits: [{ start: 10, end: 11, newText: 'x' }] };
    const b = makeFinding('r.one', 'warning', 'Thiếu mục', 10, 14, fixed, [{ start: 20, end: 21, message: 'ở đây' }], true);
    assert.equal(sameMoved(b, makeFinding('r.one', 'warning', 'Thiếu mục', 8, 12, { ...fixed, edits: [{ start: 8, end: 9, newText: 'x' }] }, [{ start: 18, end: 19, message: 'ở đây' }], true), -2), true);
    // Written as a literal, without the optional keys: the same.
    assert.equal(sameMoved(a, { ruleId: 'r.one', severity: 'warning', message: 'Thiếu mục', start: 11, end: 15 }, 1), true);
    // A key the type does not name, in either finding: sent whole.
    assert.equal(sameMoved(a, { ...makeFinding('r.one', 'warning', 'Thiếu mục', 11, 15), extra: 1 } as Finding, 1), false);
    assert.equal(sameMoved({ ...a, data: undefined } as Finding, makeFinding('r.one', 'warning', 'Thiếu mục', 11, 15), 1), false);
    // A required key without a value in both: not a finding the receiver can make again.
    for (const key of ['ruleId', 'severity', 'message'] as const) {
      const x = { ...a, [key]: undefined } as unknown as Finding;
      const y = { ...makeFinding('r.one', 'warning', 'Thiếu mục', 11, 15), [key]: undefined } as unknown as Finding;
      assert.equal(sameMoved(x, y, 1), false, key);
    }
  });

  it("sends a rule's findings worded again as their messages alone, the rest of each taken from the last list", () => {
    // As text.tone-style words its findings with plan-wide counts: one keystroke changes them in all.
    const worded = (n: number, at: number): Finding => makeFinding('text.tone-style', 'hint', `"khoá" (${n} chỗ so với 160)`, at, at + 4, { title: 'Viết "khóa"', kind: 'mechanical', edits: [{ start: at + 2, end: at + 4, newText: 'óa' }] });
    const other = (at: number): Finding => makeFinding('citation.malformed', 'warning', 'Thiếu số', at, at + 2);
    const last = [other(5), worded(444, 10), other(15), worded(444, 40), worded(444, 90), other(95)];
    // The edit at 50 types one character and changes the count: the findings after it one further on.
    const next = [other(5), worded(445, 10), other(15), worded(445, 40), worded(445, 91), makeFinding('citation.malformed', 'warning', 'Mới', 93, 94), other(96)];
    const delta = structuredClone(findingsDelta(3, last, next));
    assert.deepEqual(delta.added.map((f) => f.message), ['Mới']);
    assert.deepEqual(delta.messages, ['"khoá" (445 chỗ so với 160)', '"khoá" (445 chỗ so với 160)', '"khoá" (445 chỗ so với 160)']);
    assert.deepStrictEqual(asRead(applyFindingsDelta(structuredClone(last), delta)), asRead(next));
    const held = FindingsList.of(structuredClone(last)).after(delta);
    assert.deepStrictEqual(asRead(held.all()), asRead(next));
    // A finding of another rule, or with another fix, is not taken as worded again.
    const moved = [other(5), makeFinding('text.lookalike', 'hint', '"khoá" (445 chỗ so với 160)', 10, 14), other(15), { ...worded(445, 40), fix: undefined }, worded(444, 90), other(95)];
    const whole = findingsDelta(4, last, moved);
    assert.equal(whole.messages, undefined);
    assert.equal(whole.added.length, 2);
    assert.deepStrictEqual(asRead(applyFindingsDelta(structuredClone(last), structuredClone(whole))), asRead(moved));
  });

  it('sends an open document\'s findings whole, each kept finding of a moved block moved, when the server holds another list than the last sent', () => {
    const { kb } = bundledKnowledge();
    // The worker's side run in this thread: its replies taken as it posts them.
    let onMessage: ((m: WorkerRequest) => void) | undefined;
    const replies: WorkerReply[] = [];
    const port = { on: (_: string, f: (m: WorkerRequest) => void) => (onMessage = f), postMessage: (m: WorkerReply) => replies.push(m) } as unknown as MessagePort;
    runCheckWorker(ALL_RULES, port, undefined, () => undefined);
    onMessage!({ type: 'knowledge', key: 1, kb });
    const name = 'party-2026-outdated-names.md';
    const uri = `file:///plans/${name}`;
    let text = fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
    const settings: CheckSettings = { mode: 'drafting', lang: 'vi', levels: {}, today: '2026-12-05' };
    const plan = parsePlan(uri, text);
    const at = plan.blocks.find((b) => b.span.start > plan.metaSpan!.end)!.span.start;
    const check = (version: number, job: Partial<WorkerJob>): Finding[] => {
      onMessage!({ type: 'job', id: version, job: { kind: 'check', uri, text: '', syntax: 'markdown', settings, knowledge: 1, memo: true, skip: [], version, ...job } as WorkerJob });
      const reply = replies.pop()!;
      assert.ok(reply.type === 'done' && reply.result.kind === 'check' && 'findings' in reply.result, `version ${version}: the findings whole`);
      return reply.result.findings;
    };
    check(1, { text });
    for (let version = 2; version < 5; version++) {
      text = text.slice(0, at) + 'x' + text.slice(at);
      // No list named: the findings come whole, never as a change.
      const got = check(version, { edits: { base: version - 1, changes: [{ start: at, end: at, newText: 'x' }], length: text.length } });
      assert.deepStrictEqual(asRead(got), asRead(checkText(uri, text, kb, settings).findings), `version ${version}: a check from scratch`);
    }
  });

  it('makes from lists held as objects and shifts the delta it makes from their findings, a kept object known without reading it and a new finding sent moved', () => {
    const next = seededRandom(17);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    const messages = ['a', 'b', 'Thiếu mục', 'c\u0301'];
    // Made as the engine makes every finding (makeFinding), with a fix or related locations now and then.
    const make = (at: number): Finding => {
      const start = at + Math.floor(next() * 5);
      const fix = next() < 0.3 ? { title: 'Sửa', kind: 'mechanical' as const, edits: [{ start, end: start + 1, newText: pick(['x', '']) }] } : undefined;
      const related = next() < 0.2 ? [{ start: start + 2, end: start + 3, message: pick(messages) }] : undefined;
      return makeFinding(pick(['r.one', 'r.two']), pick(['error', 'warning'] as const), pick(messages), start, start + Math.floor(next() * 4), fix, related);
    };
    let sameObjects = 0;
    let moved = 0;
    for (let run = 0; run < 60; run++) {
      const objects: Finding[] = [];
      for (let at = 0, n = 1 + Math.floor(next() * 30); n > 0; n--, at += Math.floor(next() * 10)) objects.push(make(at));
      const shifts = new Int32Array(objects.length + 3);
      for (let i = 0; i < objects.length; i++) shifts[i] = next() < 0.5 ? 0 : Math.floor(next() * 21) - 10;
      let last = FindingsList.held({ objects, shifts });
      for (let version = 0; version < 10; version++) {
        const change = Math.floor(next() * (last.length + 1));
        const by = 1 + Math.floor(next() * 5);
        const nextObjects: Finding[] = [];
        const nextShifts: number[] = [];
        for (let i = 0; i < last.length; i++) {
          const shift = last.shift(i) + (i < change ? 0 : by);
          const r = next();
          if (r < 0.1) continue;
          if (r < 0.2) {
            nextObjects.push(make(last.objects[i].start + shift));
            nextShifts.push(0);
          } else if (r < 0.3) {
            // The same finding made again, moved: another object, found the same.
            nextObjects.push(shiftedFinding(last.objects[i], shift));
            nextShifts.push(0);
          } else if (r < 0.4) {
            // Made again at the last place, and moved (a kept result of a block moved twice).
            nextObjects.push(shiftedFinding(last.objects[i], 0 - by));
            nextShifts.push(shift + by);
          } else if (r < 0.45) {
            // A new finding of a block moved since it was made.
            nextObjects.push(make(last.objects[i].start + shift - by));
            nextShifts.push(by);
          } else {
            nextObjects.push(last.objects[i]);
            nextShifts.push(shift);
          }
        }
        const list = FindingsList.held({ objects: nextObjects, shifts: Int32Array.from(nextShifts) });
        const delta = findingsDelta(3, last, list);
        assert.deepStrictEqual(delta, findingsDelta(3, last.all(), list.all()), `run ${run}, version ${version}: the delta of the findings themselves`);
        for (let o = 0, at = 0; o < delta.ops.length; at += delta.ops[o + 1], o += 3) {
          for (let k = 0; delta.ops[o] >= 0 && k < delta.ops[o + 1]; k++) if (last.objects[delta.ops[o] + k] === list.objects[at + k]) sameObjects++;
        }
        for (const f of delta.added) if (!nextObjects.includes(f)) moved++;
        assert.deepStrictEqual(asRead(last.after(delta).all()), asRead(list.all()), `run ${run}, version ${version}: the list the delta makes`);
        last = list;
      }
    }
    assert.ok(sameObjects > 10, `${sameObjects} kept objects`);
    assert.ok(moved > 10, `${moved} new findings sent moved`);
  });
});
