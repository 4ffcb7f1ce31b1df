// A check's findings sent from the worker as a change of the last list it sent for the document: the findings kept (moved or not, or worded again) by their place in that list, the others whole.

import { Finding, HeldFindings, shiftedFinding } from '../core/findings';

/**
 * The findings of a check as a change of a list the receiver holds (`base`): `ops` is read in
 * threes, `from, count, shift`: `count` findings of the base list from index `from`, each `shift`
 * characters further on, or, when `from` is -1, the next `count` findings of `added`, or, when
 * `from` is below -1, `count` findings of the base list from index `-2 - from` moved so, each with
 * the next of `messages` as its message (a finding worded again: `text.tone-style` words each of
 * its findings with plan-wide counts, which one keystroke changes in all of them).
 */
export interface FindingsDelta {
  base: number;
  ops: number[];
  added: Finding[];
  /** The messages of the runs whose `from` is below -1, in order; absent when there are none. */
  messages?: string[];
}

/**
 * Which list of findings a check gave, and the list it was made from by runs of a delta, for a
 * caller that keeps what it made of each finding (lsp/diagnostics.ts): a finding at index `i` of
 * a run `from, count, shift` is the base list's finding `from + (i - the run's first index)`
 * moved `shift` characters on (the same object for no shift); a run with `from` -1 is new findings.
 */
export interface FindingsOrigin {
  /** Stands for this list: the same object as `base.list` of a later list made from it. */
  list: object;
  base?: { list: object; ops: readonly number[] };
  /** The list as the runner holds it (its findings as kept objects and their shifts), when it made it from a delta. */
  findings?: FindingsList;
}

/**
 * A list of findings held as the objects they were made from and how far each is moved: finding
 * `i` is `objects[i]` moved `shifts[i]` characters on (shiftedFinding). A delta's kept findings
 * are taken so, with no object per finding an edit moved (some hundred a keystroke after the edit
 * on 1,000 lines, 38 KB: docs/benchmarks.md, eighteenth and nineteenth rounds); a reader that
 * wants the findings themselves has them made once (`all`), a diagnostic's maker reads the
 * objects and the shifts (lsp/kept-diagnostics.ts).
 */
export class FindingsList {
  private made: Finding[] | undefined;

  private constructor(
    readonly objects: readonly Finding[],
    /** Undefined when no finding is moved. */
    readonly shifts: Int32Array | undefined,
  ) {}

  /** A list of findings as they are (none moved). */
  static of(findings: readonly Finding[]): FindingsList {
    return new FindingsList(findings, undefined);
  }

  /** A check's findings as it gave them (core/engine.ts, `checkPlanHeld`): its objects and their shifts. */
  static held(findings: HeldFindings): FindingsList {
    return new FindingsList(findings.objects, findings.shifts);
  }

  get length(): number {
    return this.objects.length;
  }

  /** How far finding `i` is from its object's offsets. */
  shift(i: number): number {
    return this.shifts === undefined ? 0 : this.shifts[i];
  }

  /** Finding `i` (a new object when it is moved; made again at each call). */
  at(i: number): Finding {
    return this.shifts === undefined ? this.objects[i] : shiftedFinding(this.objects[i], this.shifts[i]);
  }

  /** The findings themselves, made once for every reader of the list (the caller must not change the array). */
  all(): Finding[] {
    if (this.made === undefined) {
      const n = this.objects.length;
      const out = new Array<Finding>(n);
      for (let i = 0; i < n; i++) out[i] = this.at(i);
      this.made = out;
    }
    return this.made;
  }

  /**
   * The list a delta describes, from this list (the one it was made against): its kept findings
   * are this list's objects with their shifts added, its new ones the delta's own.
   */
  after(delta: FindingsDelta): FindingsList {
    const { ops, added } = delta;
    const messages = delta.messages ?? [];
    let worded = 0;
    let count = 0;
    for (let o = 0; o < ops.length; o += 3) count += ops[o + 1];
    const objects = new Array<Finding>(count);
    const shifts = new Int32Array(count);
    let at = 0;
    let next = 0;
    for (let o = 0; o < ops.length; o += 3) {
      const from = ops[o];
      const n = ops[o + 1];
      const shift = ops[o + 2];
      if (from === -1) {
        for (let k = 0; k < n; k++, at++) objects[at] = added[next++];
      } else if (from < -1) {
        const first = -2 - from;
        if (first + n > this.objects.length) throw new Error('a findings delta reads past the list it was made against');
        for (let k = 0; k < n; k++, at++) {
          objects[at] = { ...this.objects[first + k], message: messages[worded++] };
          shifts[at] = this.shift(first + k) + shift;
        }
      } else {
        if (from + n > this.objects.length) throw new Error('a findings delta reads past the list it was made against');
        for (let k = 0; k < n; k++, at++) {
          objects[at] = this.objects[from + k];
          shifts[at] = this.shift(from + k) + shift;
        }
      }
    }
    if (next !== added.length || worded !== messages.length) throw new Error('a findings delta left findings unread');
    return new FindingsList(objects, shifts);
  }
}

/**
 * Whether `b` is `a` moved `shift` characters on: every field a finding's reader looks at (its
 * diagnostic, its fix, its related locations) the same, the offsets moved. A field the finding
 * type does not name makes the answer no, so that such a finding is sent whole.
 */
export function sameMoved(a: Finding, b: Finding, shift: number): boolean {
  if (a === b) return shift === 0;
  return a.message === b.message && sameMovedBut(a, b, shift);
}

/** `sameMoved` but for the message. */
function sameMovedBut(a: Finding, b: Finding, shift: number): boolean {
  if (
    a.start + shift !== b.start ||
    a.end + shift !== b.end ||
    a.ruleId !== b.ruleId ||
    a.severity !== b.severity ||
    a.unnecessary !== b.unnecessary
  ) {
    return false;
  }
  const fa = a.fix;
  const fb = b.fix;
  if (fa !== fb) {
    if (fa === undefined || fb === undefined || fa.title !== fb.title || fa.kind !== fb.kind || fa.edits.length !== fb.edits.length) return false;
    for (let i = 0; i < fa.edits.length; i++) {
      const ea = fa.edits[i];
      const eb = fb.edits[i];
      if (ea.start + shift !== eb.start || ea.end + shift !== eb.end || ea.newText !== eb.newText) return false;
    }
  }
  const ra = a.related;
  const rb = b.related;
  if (ra !== rb) {
    if (ra === undefined || rb === undefined || ra.length !== rb.length) return false;
    for (let i = 0; i < ra.length; i++) {
      if (ra[i].start + shift !== rb[i].start || ra[i].end + shift !== rb[i].end || ra[i].message !== rb[i].message) return false;
    }
  }
  return knownShape(a) && knownShape(b);
}

/**
 * Only the finding type's keys, the required ones with a value: a moved copy (shiftedFinding) has
 * those and the optional ones, `undefined` where absent, which a reader sees as missing. The keys
 * named in a switch, not looked up in sets: asked of both findings of every pair compared, the
 * sets' lookups were most of a delta's time between lists of distinct findings (0.42× with it).
 */
function knownShape(f: Finding): boolean {
  for (const k in f) {
    switch (k) {
      case 'ruleId':
      case 'severity':
      case 'message':
      case 'start':
      case 'end':
        if ((f as unknown as Record<string, unknown>)[k] === undefined) return false;
        break;
      case 'fix':
      case 'related':
      case 'unnecessary':
        break;
      default:
        return false;
    }
  }
  return true;
}

/**
 * The change that makes `next` from `last` (the list the receiver holds as `base`): the findings
 * at the start and at the end that are the last list's moved by any number of characters, then,
 * between them, each finding found among the last list's between them with the same message.
 * Either list may be held as objects and shifts (a check's with a session): whether a finding is
 * another moved reads their objects (the shifts move every offset of a finding alike), so a kept
 * finding, the same object in both, is known at once; a new finding is sent moved.
 */
export function findingsDelta(base: number, lastList: readonly Finding[] | FindingsList, nextList: readonly Finding[] | FindingsList): FindingsDelta {
  const lastHeld = lastList instanceof FindingsList ? lastList : FindingsList.of(lastList);
  const nextHeld = nextList instanceof FindingsList ? nextList : FindingsList.of(nextList);
  const last = lastHeld.objects;
  const next = nextHeld.objects;
  /** How far finding `i` of `next` lies from finding `j` of `last`, both as the receiver reads them. */
  const moved = (j: number, i: number): number => next[i].start + nextHeld.shift(i) - (last[j].start + lastHeld.shift(j));
  const ops: number[] = [];
  const added: Finding[] = [];
  const keep = (from: number, shift: number): void => {
    const n = ops.length;
    // Joined to the run before it when it follows it in the last list with the same shift.
    if (n > 0 && ops[n - 3] >= 0 && ops[n - 1] === shift && ops[n - 3] + ops[n - 2] === from) ops[n - 2]++;
    else ops.push(from, 1, shift);
  };
  const messages: string[] = [];
  const reword = (from: number, shift: number, message: string): void => {
    const n = ops.length;
    if (n > 0 && ops[n - 3] < -1 && ops[n - 1] === shift && -2 - ops[n - 3] + ops[n - 2] === from) ops[n - 2]++;
    else ops.push(-2 - from, 1, shift);
    messages.push(message);
  };
  const add = (f: Finding): void => {
    const n = ops.length;
    if (n > 0 && ops[n - 3] === -1) ops[n - 2]++;
    else ops.push(-1, 1, 0);
    added.push(f);
  };
  let head = 0;
  const most = Math.min(last.length, next.length);
  while (head < most && sameMoved(last[head], next[head], next[head].start - last[head].start)) head++;
  let tail = 0;
  while (tail < most - head) {
    const a = last[last.length - 1 - tail];
    const b = next[next.length - 1 - tail];
    if (!sameMoved(a, b, b.start - a.start)) break;
    tail++;
  }
  for (let i = 0; i < head; i++) keep(i, moved(i, i));
  // Between them: the last list's findings by message, each taken once, in order.
  const byMessage = new Map<string, number[]>();
  for (let j = head; j < last.length - tail; j++) {
    const list = byMessage.get(last[j].message);
    if (list) list.push(j);
    else byMessage.set(last[j].message, [j]);
  }
  // A finding with no match by message may be the last list's next one of its rule not yet
  // taken, worded again: the rule's findings are in the same order in both lists.
  let taken: Uint8Array | undefined;
  let byRule: Map<string, { at: number; list: number[] }> | undefined;
  for (let i = head; i < next.length - tail; i++) {
    const b = next[i];
    const list = byMessage.get(b.message);
    let found = -1;
    if (list) {
      for (let k = 0; k < list.length; k++) {
        const a = last[list[k]];
        if (sameMoved(a, b, b.start - a.start)) {
          found = list[k];
          list.splice(k, 1);
          break;
        }
      }
    }
    if (found >= 0) {
      keep(found, moved(found, i));
      if (taken !== undefined) taken[found] = 1;
      continue;
    }
    if (byRule === undefined) {
      byRule = new Map();
      taken = new Uint8Array(last.length);
      for (let j = head; j < last.length - tail; j++) {
        const rule = byRule.get(last[j].ruleId);
        if (rule) rule.list.push(j);
        else byRule.set(last[j].ruleId, { at: 0, list: [j] });
      }
      // The findings already kept by message.
      for (let o = 0; o < ops.length; o += 3) if (ops[o] >= 0) for (let k = 0; k < ops[o + 1]; k++) taken[ops[o] + k] = 1;
    }
    const rule = byRule.get(b.ruleId);
    if (rule !== undefined) {
      while (rule.at < rule.list.length && taken![rule.list[rule.at]] === 1) rule.at++;
      const j = rule.at < rule.list.length ? rule.list[rule.at] : -1;
      if (j >= 0 && typeof b.message === 'string' && sameMovedBut(last[j], b, b.start - last[j].start)) {
        rule.at++;
        taken![j] = 1;
        // Not found again by its message.
        const same = byMessage.get(last[j].message);
        const k = same === undefined ? -1 : same.indexOf(j);
        if (k >= 0) same!.splice(k, 1);
        reword(j, moved(j, i), b.message);
        continue;
      }
    }
    add(nextHeld.at(i));
  }
  for (let t = tail; t > 0; t--) {
    const j = last.length - t;
    const i = next.length - t;
    keep(j, moved(j, i));
  }
  return messages.length > 0 ? { base, ops, added, messages } : { base, ops, added };
}

/** The list a delta describes, from the list it was made against, as findings (FindingsList.after, each made). */
export function applyFindingsDelta(last: readonly Finding[], delta: FindingsDelta): Finding[] {
  return FindingsList.of(last).after(delta).all();
}
