// The JSON of a report's diagnostics written from pieces kept between versions: what follows a diagnostic's range (severity, rule, message, links) is encoded once per message, the ranges at every version.

import { Diagnostic } from 'vscode-languageserver/node';

/**
 * Kept UTF-8 of what follows a diagnostic's range, for one message: valid while the diagnostic's
 * other fields are these.
 */
interface Tail {
  severity: unknown;
  code: unknown;
  source: unknown;
  fix: unknown;
  href: unknown;
  /** `,"severity":…,"message":…[,"data":…][,"codeDescription":…]` */
  bytes: Buffer;
}

/** A list's encoded elements joined by commas (after `first` bytes of what comes before them), and the offset after each element. */
export interface EncodedList {
  bytes: Buffer;
  first: number;
  ends: Int32Array;
}

/** Bytes of ASCII that a report's elements are written with. */
const RANGE_HEAD = Buffer.from('{"range":{"start":{"line":', 'latin1');
const CHARACTER = Buffer.from(',"character":', 'latin1');
const END_LINE = Buffer.from('},"end":{"line":', 'latin1');
const RANGE_TAIL = Buffer.from('}}', 'latin1');
/** The most bytes a range takes with the element's closing brace: its ASCII and four numbers of at most 24 characters as String writes them. */
const RANGE_BYTES = RANGE_HEAD.length + 2 * CHARACTER.length + END_LINE.length + RANGE_TAIL.length + 4 * 24 + 1;

/**
 * Encodes the diagnostics of one document's reports, version after version. A keystroke changes
 * the findings around the edit and moves the others: on 20,000 lines one paragraph per line the
 * report is some 1,800 diagnostics and 800 KB of JSON, nearly all of it the same messages as the
 * last version's. Each message's encoded tail is kept while a report holds it; the ranges, the
 * related locations and the tags are written at every version.
 *
 * The diagnostics must be as `toDiagnostic` makes them (lsp/convert.ts): their keys in its order,
 * `data` holding `fix` alone and `codeDescription` `href` alone. Anything else (a number JSON
 * would not write as JavaScript does, a key of another shape) is written by JSON.stringify.
 */
export class DiagnosticJson {
  private tails = new Map<string, Tail>();

  /** The UTF-8 of the diagnostics' JSON joined by commas: the bytes between a list's brackets. */
  encode(diagnostics: readonly Diagnostic[]): Buffer {
    return this.encodeList(diagnostics).bytes;
  }

  /**
   * `encode`, with where each element ends; an element whose `sources` entry is j ≥ 0 is the
   * element j of `last` (the same diagnostic, so the same JSON) and its bytes are copied from it,
   * a run of them at once. `head` and `tail`, when given, are written before and after them (the
   * message around a list: one buffer, not a copy of the elements' into another).
   */
  encodeList(diagnostics: readonly Diagnostic[], sources?: Int32Array, last?: EncodedList, head?: Uint8Array, tail?: Uint8Array): EncodedList {
    // The messages of the last reports, bounded: kept while in use, dropped when the report is renewed wholly.
    if (this.tails.size > 2 * diagnostics.length + 256) this.tails.clear();
    const count = diagnostics.length;
    const from = last !== undefined && sources !== undefined && sources.length === count ? sources : undefined;
    const lastEnds = last?.ends;
    const lastFirst = last === undefined ? 0 : last.first;
    // Per element not copied from `last`, in their order: its kept tail and what follows it, or its
    // whole JSON when it is written whole. A keystroke copies nearly every element: lists of the
    // report's length were most of what encoding it allocated.
    const tails: Array<Buffer | undefined> = [];
    const rests: string[] = [];
    const wholes: Array<Buffer | undefined> = [];
    let size = count + (head === undefined ? 0 : head.length) + (tail === undefined ? 0 : tail.length);
    for (let i = 0; i < count; i++) {
      const j = from === undefined ? -1 : from[i];
      if (j >= 0 && j < lastEnds!.length) {
        size += lastEnds![j] - (j === 0 ? lastFirst : lastEnds![j - 1] + 1);
        continue;
      }
      const d = diagnostics[i];
      const tail = rangeWritable(d) ? this.tailOf(d) : undefined;
      if (tail) {
        const rest = restJson(d);
        tails.push(tail);
        rests.push(rest);
        wholes.push(undefined);
        size += RANGE_BYTES + tail.length + (rest.length > 0 ? Buffer.byteLength(rest, 'utf8') : 0);
      } else {
        const whole = Buffer.from(JSON.stringify(d), 'utf8');
        tails.push(undefined);
        rests.push('');
        wholes.push(whole);
        size += whole.length;
      }
    }
    const out = Buffer.allocUnsafe(size);
    const ends = new Int32Array(count);
    let at = 0;
    if (head !== undefined) {
      out.set(head, 0);
      at = head.length;
    }
    const first = at;
    // The next of the elements not copied.
    let k = 0;
    for (let i = 0; i < count; i++) {
      if (i > 0) out[at++] = 0x2c; // ,
      const j = from === undefined ? -1 : from[i];
      if (j >= 0 && j < lastEnds!.length) {
        // The run of elements that follow one another in the last list too, copied with their commas.
        let r = 1;
        while (i + r < count && from![i + r] === j + r && j + r < lastEnds!.length) r++;
        const start = j === 0 ? lastFirst : lastEnds![j - 1] + 1;
        const base = at - start;
        at += last!.bytes.copy(out, at, start, lastEnds![j + r - 1]);
        for (let t = 0; t < r; t++) ends[i + t] = lastEnds![j + t] + base;
        i += r - 1;
        continue;
      }
      const tail = tails[k];
      const rest = rests[k];
      const whole = wholes[k];
      k++;
      if (tail === undefined) {
        at += whole!.copy(out, at);
        ends[i] = at;
        continue;
      }
      const { start, end } = diagnostics[i].range;
      at += RANGE_HEAD.copy(out, at);
      at = writeNumber(out, at, start.line);
      at += CHARACTER.copy(out, at);
      at = writeNumber(out, at, start.character);
      at += END_LINE.copy(out, at);
      at = writeNumber(out, at, end.line);
      at += CHARACTER.copy(out, at);
      at = writeNumber(out, at, end.character);
      at += RANGE_TAIL.copy(out, at);
      at += tail.copy(out, at);
      if (rest.length > 0) at += out.write(rest, at, 'utf8');
      out[at++] = 0x7d; // }
      ends[i] = at;
    }
    if (tail !== undefined) {
      out.set(tail, at);
      at += tail.length;
    }
    return { bytes: out.subarray(0, at), first, ends };
  }

  /** The kept tail of this diagnostic's message, made when it has none or its fields differ. */
  private tailOf(d: Diagnostic): Buffer | undefined {
    const message = d.message;
    if (typeof message !== 'string') return undefined;
    const fix = d.data === undefined ? undefined : (d.data as { fix?: unknown }).fix;
    const href = d.codeDescription === undefined ? undefined : d.codeDescription.href;
    // Objects of another shape than toDiagnostic's are never taken from the kept tails.
    if (d.data !== undefined && !onlyKey(d.data, 'fix')) return undefined;
    if (d.codeDescription !== undefined && !onlyKey(d.codeDescription, 'href')) return undefined;
    const kept = this.tails.get(message);
    if (kept && kept.severity === d.severity && kept.code === d.code && kept.source === d.source && kept.fix === fix && kept.href === href) return kept.bytes;
    // Made as JSON.stringify writes these keys, and kept only when the shapes are toDiagnostic's.
    if (d.data !== undefined && JSON.stringify(d.data) !== `{"fix":${JSON.stringify(fix)}}`) return undefined;
    if (d.codeDescription !== undefined && JSON.stringify(d.codeDescription) !== `{"href":${JSON.stringify(href)}}`) return undefined;
    const json = JSON.stringify({ severity: d.severity, code: d.code, source: d.source, message, data: d.data, codeDescription: d.codeDescription });
    // `{…}` less its braces, after the range: a comma before it when it has any key.
    const inner = json.slice(1, -1);
    const bytes = Buffer.from(inner.length > 0 ? `,${inner}` : '', 'utf8');
    this.tails.set(message, { severity: d.severity, code: d.code, source: d.source, fix, href, bytes });
    return bytes;
  }
}

/** Whether `value` is an object whose one enumerable key is `key` (as JSON.stringify would write it). */
function onlyKey(value: unknown, key: string): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  let found = false;
  for (const k in value) {
    if (k !== key) return false;
    found = true;
  }
  return found;
}

/** Writes a finite number as JSON writes it (as String does); returns the offset after it. */
function writeNumber(out: Buffer, at: number, n: number): number {
  if (!(n >= 0 && (n | 0) === n)) return at + out.write(String(n), at, 'latin1');
  // A line or a column: digits written from the last.
  let digits = 1;
  for (let x = n; x >= 10; x = (x / 10) | 0) digits++;
  for (let i = at + digits - 1, x = n; i >= at; i--, x = (x / 10) | 0) out[i] = 0x30 + (x % 10);
  return at + digits;
}

/** Whether the range's four numbers are written by String as JSON writes them (finite numbers). */
function rangeWritable(d: Diagnostic): boolean {
  const r = d.range;
  if (typeof r !== 'object' || r === null) return false;
  const { start, end } = r;
  return (
    typeof start === 'object' &&
    start !== null &&
    typeof end === 'object' &&
    end !== null &&
    Number.isFinite(start.line) &&
    Number.isFinite(start.character) &&
    Number.isFinite(end.line) &&
    Number.isFinite(end.character)
  );
}

/** The JSON of what follows the tail (related locations, tags), with its commas; '' for none. */
function restJson(d: Diagnostic): string {
  let rest = '';
  if (d.relatedInformation !== undefined) rest += `,"relatedInformation":${JSON.stringify(d.relatedInformation)}`;
  if (d.tags !== undefined) rest += `,"tags":${JSON.stringify(d.tags)}`;
  return rest;
}
