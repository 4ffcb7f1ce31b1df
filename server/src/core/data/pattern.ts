// Regular expressions from a template (numberPattern, lastItemPattern, parent patterns): refused when they could take exponential time, and run only on short texts.

import { Localized } from '../findings';
import { MAX_PATTERN_CHARS, MAX_PATTERN_INPUT_CHARS } from '../limits';
import { appendAll } from '../arrays';

/*
 * JavaScript's regular expressions backtrack and cannot be interrupted, and a template is data a
 * workspace may bring. Three guards keep a pattern from freezing the checker:
 *
 * 1. A pattern is refused (a data.schema error on the template, which is then not used) when it
 *    is longer than MAX_PATTERN_CHARS, uses a back-reference, or repeats a group that itself
 *    holds a variable repetition (*, +, ?, {0,1}, {1,3} …) or an alternation — the shapes of
 *    exponential backtracking, such as (a+)+, (a|a)* or (?:L\s?\s?)*. One shape is allowed because it
 *    cannot backtrack exponentially: a repeated group that starts with a fixed character none of
 *    its own repetitions can match, whose repetitions cannot match a character in common either,
 *    as in (?:-[A-Z][a-z0-9]*)* — every round must start at that character and each character of
 *    a round has one place to go, so the split is unique.
 * 2. A pattern is refused when more than MAX_PATTERN_STACK variable repetitions in a row can match
 *    the same character (\d*\d*\d*\d*): each one multiplies the ways to split a text, so the
 *    time grows with the length of the text to that power.
 * 3. Patterns run only on texts up to MAX_PATTERN_INPUT_CHARS long (testPattern): what is left,
 *    at most the cube of that length, stays short.
 */

/** Most variable repetitions in a row that may match the same character (see guard 2). */
export const MAX_PATTERN_STACK = 3;

interface Quantifier {
  min: number;
  /** Infinity for *, + and {n,}. */
  max: number;
}

type Node =
  | { kind: 'char'; source: string; quantifier?: Quantifier }
  | { kind: 'set'; source: string; quantifier?: Quantifier }
  | { kind: 'assertion' }
  | { kind: 'backreference' }
  | { kind: 'group'; alternatives: Node[][]; lookaround: boolean; quantifier?: Quantifier };

class PatternSyntaxError extends Error {}

/** A small reader of JavaScript pattern syntax ('u' flag), enough to see repetitions and groups. */
class Reader {
  private i = 0;

  constructor(private readonly src: string) {}

  parse(): Node[][] {
    const alternatives = this.alternatives();
    if (this.i < this.src.length) throw new PatternSyntaxError('unbalanced )');
    return alternatives;
  }

  private alternatives(): Node[][] {
    const out: Node[][] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      out.push(this.sequence());
    }
    return out;
  }

  private sequence(): Node[] {
    const out: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const node = this.atom();
      const q = this.quantifier();
      if (q) {
        if (node.kind === 'assertion' || node.kind === 'backreference') {
          if (node.kind === 'backreference') out.push(node);
          continue;
        }
        node.quantifier = q;
      }
      out.push(node);
    }
    return out;
  }

  private atom(): Node {
    const s = this.src;
    const c = s[this.i];
    if (c === '^' || c === '$') {
      this.i++;
      return { kind: 'assertion' };
    }
    if (c === '.') {
      this.i++;
      return { kind: 'set', source: '.' };
    }
    if (c === '[') return { kind: 'set', source: this.classSource() };
    if (c === '(') return this.group();
    if (c === '\\') return this.escape();
    const cp = s.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return { kind: 'char', source: ch };
  }

  private escape(): Node {
    const s = this.src;
    const start = this.i;
    const e = s[this.i + 1];
    if (e === undefined) throw new PatternSyntaxError('trailing \\');
    if (e === 'b' || e === 'B') {
      this.i += 2;
      return { kind: 'assertion' };
    }
    if (/[1-9]/.test(e) || e === 'k') {
      this.i += 2;
      if (e === 'k') this.skipPast('>');
      else while (/\d/.test(s[this.i] ?? '')) this.i++;
      return { kind: 'backreference' };
    }
    if (e === 'p' || e === 'P') {
      this.i += 2;
      this.skipPast('}');
      return { kind: 'set', source: s.slice(start, this.i) };
    }
    if (e === 'u') {
      this.i += 2;
      if (s[this.i] === '{') this.skipPast('}');
      else this.i += 4;
      return { kind: 'set', source: s.slice(start, this.i) };
    }
    if (e === 'x') {
      this.i += 4;
      return { kind: 'set', source: s.slice(start, this.i) };
    }
    if (e === 'c') {
      this.i += 3;
      return { kind: 'set', source: s.slice(start, this.i) };
    }
    this.i += 2;
    // \d \w \s and their negations are sets; an escaped sign or a control escape is one character.
    const control: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', '0': '\0' };
    if (e in control) return { kind: 'char', source: control[e] };
    if (/[^A-Za-z0-9]/.test(e)) return { kind: 'char', source: e };
    return { kind: 'set', source: s.slice(start, this.i) };
  }

  private skipPast(close: string): void {
    const end = this.src.indexOf(close, this.i);
    if (end < 0) throw new PatternSyntaxError(`missing ${close}`);
    this.i = end + 1;
  }

  private classSource(): string {
    const s = this.src;
    const start = this.i;
    this.i++;
    if (s[this.i] === '^') this.i++;
    if (s[this.i] === ']') this.i++;
    while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
    if (this.i >= s.length) throw new PatternSyntaxError('missing ]');
    this.i++;
    return s.slice(start, this.i);
  }

  private group(): Node {
    const s = this.src;
    this.i++;
    let lookaround = false;
    if (s[this.i] === '?') {
      const next = s.slice(this.i, this.i + 3);
      if (next.startsWith('?:')) this.i += 2;
      else if (next.startsWith('?=') || next.startsWith('?!')) {
        this.i += 2;
        lookaround = true;
      } else if (next === '?<=' || next === '?<!') {
        this.i += 3;
        lookaround = true;
      } else if (next.startsWith('?<')) this.skipPast('>');
      else throw new PatternSyntaxError('unknown group');
    }
    const alternatives = this.alternatives();
    if (s[this.i] !== ')') throw new PatternSyntaxError('missing )');
    this.i++;
    return { kind: 'group', alternatives, lookaround };
  }

  private quantifier(): Quantifier | undefined {
    const s = this.src;
    let q: Quantifier | undefined;
    const c = s[this.i];
    if (c === '*') q = { min: 0, max: Infinity };
    else if (c === '+') q = { min: 1, max: Infinity };
    else if (c === '?') q = { min: 0, max: 1 };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
      if (!m) return undefined;
      q = { min: Number(m[1]), max: m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]) };
      this.i += m[0].length - 1;
    } else return undefined;
    this.i++;
    if (s[this.i] === '?') this.i++;
    return q;
  }
}

/** The quantifier of a node, if it can have one. */
const quantifierOf = (n: Node): Quantifier | undefined => (n.kind === 'char' || n.kind === 'set' || n.kind === 'group' ? n.quantifier : undefined);

/** A group or an atom that may match more than once. */
const repeats = (q: Quantifier | undefined): boolean => !!q && q.max > 1;
/** A quantifier that leaves a choice of how much to match: *, +, ?, {0,1}, {2,5} (not {3}). */
const variable = (q: Quantifier | undefined): boolean => !!q && q.min !== q.max;

/** Every node inside a group's alternatives, at any depth. */
function* inside(alternatives: readonly Node[][]): Generator<Node> {
  for (const seq of alternatives) {
    for (const node of seq) {
      yield node;
      if (node.kind === 'group') yield* inside(node.alternatives);
    }
  }
}

/** Character sets compiled once: every set is tried on every probe character. */
const setPatterns = new Map<string, RegExp | undefined>();

function matchesChar(node: Node, ch: string): boolean {
  if (node.kind === 'char') return node.source === ch;
  if (node.kind !== 'set') return true;
  let re = setPatterns.get(node.source);
  if (!setPatterns.has(node.source)) {
    try {
      re = new RegExp(`^(?:${node.source})$`, 'u');
    } catch {
      re = undefined;
    }
    if (setPatterns.size > 1000) setPatterns.clear();
    setPatterns.set(node.source, re);
  }
  return re ? re.test(ch) : true;
}

/** Characters a plan's one-line values are made of: what two character sets are compared on. */
const PROBES = [
  ...' \t\n\r\u00a0\u2003\u3000…–—“”‘’«»',
  ...Array.from({ length: 0x7f - 0x21 }, (_, i) => String.fromCharCode(0x21 + i)),
  ...'ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ',
  ...'ĂÂĐÊÔƠƯÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ',
];

/** True when no probe character matches both nodes. */
function disjoint(a: Node, b: Node): boolean {
  if (a.kind === 'char') return !matchesChar(b, a.source);
  return !PROBES.some((ch) => matchesChar(a, ch) && matchesChar(b, ch));
}

/**
 * A repeated group is safe when it has one alternative that starts with a single character or
 * character set, no variable repetition inside can match what it starts with, and no two of them
 * can match the same character: every round then starts at a distinct place and is split one way
 * only, as in (?:-[A-Z][a-z]*)* or (?:\s\p{L}+)*.
 */
function separated(group: Extract<Node, { kind: 'group' }>): boolean {
  if (group.alternatives.length !== 1) return false;
  const [first] = group.alternatives[0];
  if (!first || (first.kind !== 'char' && first.kind !== 'set') || first.quantifier) return false;
  const repeated: Node[] = [];
  for (const node of inside(group.alternatives)) {
    if (node.kind === 'group' && (node.lookaround || node.alternatives.length > 1 || variable(node.quantifier) || repeats(node.quantifier))) return false;
    if ((node.kind === 'char' || node.kind === 'set') && variable(node.quantifier)) {
      if (!disjoint(first, node) || repeated.some((other) => !disjoint(other, node))) return false;
      repeated.push(node);
    }
  }
  return true;
}

function nestedRepetition(alternatives: readonly Node[][]): string | undefined {
  for (const node of inside(alternatives)) {
    if (node.kind !== 'group' || !repeats(node.quantifier)) continue;
    const risky =
      node.alternatives.length > 1 ||
      [...inside(node.alternatives)].some((n) => (n.kind === 'char' || n.kind === 'set' || n.kind === 'group') && variable(n.quantifier));
    if (risky && !separated(node)) return 'nested';
  }
  return undefined;
}

interface StackRole {
  /** Per probe character: whether the node can match it. */
  matches: Uint8Array;
  variable: boolean;
  optional: boolean;
}

/** What a node of a sequence does to each probe character; undefined for what matches no character. */
function stackRole(node: Node): StackRole | undefined {
  if (node.kind === 'assertion' || node.kind === 'backreference') return undefined;
  const matches = new Uint8Array(PROBES.length);
  if (node.kind === 'group') {
    if (node.lookaround) return undefined;
    const nodes = [...inside(node.alternatives)];
    const atoms = nodes.filter((n) => n.kind === 'char' || n.kind === 'set');
    PROBES.forEach((ch, i) => {
      matches[i] = atoms.some((n) => matchesChar(n, ch)) ? 1 : 0;
    });
    const emptyAlternative = node.alternatives.some((alt) => alt.every((n) => n.kind === 'assertion' || (n.kind === 'group' && n.lookaround) || quantifierOf(n)?.min === 0));
    return {
      matches,
      variable: variable(node.quantifier) || node.alternatives.length > 1 || nodes.some((n) => variable(quantifierOf(n))),
      optional: node.quantifier?.min === 0 || emptyAlternative,
    };
  }
  PROBES.forEach((ch, i) => {
    matches[i] = matchesChar(node, ch) ? 1 : 0;
  });
  return { matches, variable: variable(node.quantifier), optional: node.quantifier?.min === 0 };
}

/** The nodes of a sequence, with plain groups (one alternative, no quantifier) opened up. */
function flatSequence(seq: readonly Node[]): Node[] {
  const out: Node[] = [];
  for (const node of seq) {
    if (node.kind === 'group' && !node.lookaround && !node.quantifier && node.alternatives.length === 1) appendAll(out, flatSequence(node.alternatives[0]));
    else out.push(node);
  }
  return out;
}

/**
 * The most variable repetitions that, one after the other, can all match one character: the
 * power of the text's length that backtracking can take. A node that must match and cannot match
 * the character ends the run; one that may match nothing does not.
 */
function stackDepth(alternatives: readonly Node[][]): number {
  let deepest = 0;
  for (const seq of alternatives) {
    const flat = flatSequence(seq);
    const roles = flat.map(stackRole).filter((r): r is StackRole => !!r);
    for (let i = 0; i < PROBES.length; i++) {
      let run = 0;
      for (const role of roles) {
        if (role.matches[i]) {
          if (role.variable) deepest = Math.max(deepest, ++run);
        } else if (!role.optional) run = 0;
      }
    }
    for (const node of flat) if (node.kind === 'group') deepest = Math.max(deepest, stackDepth(node.alternatives));
  }
  return deepest;
}

/**
 * Why a template's pattern is refused, in the drafter's words; undefined when it compiles and
 * cannot backtrack exponentially.
 */
export function patternProblem(source: string): Localized | undefined {
  if (source.length > MAX_PATTERN_CHARS) {
    return {
      vi: `biểu thức chính quy dài ${source.length} ký tự, vượt giới hạn ${MAX_PATTERN_CHARS}`,
      en: `the regular expression is ${source.length} characters long, over the limit of ${MAX_PATTERN_CHARS}`,
    };
  }
  try {
    new RegExp(source, 'u');
  } catch (err) {
    const message = (err as Error).message;
    return { vi: `biểu thức chính quy không dịch được (${message})`, en: `the regular expression does not compile (${message})` };
  }
  let tree: Node[][];
  try {
    tree = new Reader(source).parse();
  } catch {
    return { vi: 'biểu thức chính quy có cú pháp không được hỗ trợ', en: 'the regular expression uses syntax that is not supported' };
  }
  if ([...inside(tree)].some((n) => n.kind === 'backreference')) {
    return { vi: 'biểu thức chính quy không được dùng tham chiếu ngược (\\1, \\k<tên>)', en: 'the regular expression must not use back-references (\\1, \\k<name>)' };
  }
  if (nestedRepetition(tree)) {
    return {
      vi: 'biểu thức chính quy lặp một nhóm mà bên trong lại có lặp, phần tùy chọn hoặc lựa chọn (như (a+)+, (a|b)* hay (a\\s?\\s?)*): có thể chạy rất lâu; hãy viết lại',
      en: 'the regular expression repeats a group that itself repeats, has optional parts or alternates (like (a+)+, (a|b)* or (a\\s?\\s?)*), which can run for a very long time; rewrite it',
    };
  }
  const stacked = stackDepth(tree);
  if (stacked > MAX_PATTERN_STACK) {
    return {
      vi: `biểu thức chính quy có ${stacked} phần lặp liền nhau cùng khớp một ký tự (như \\d*\\d*\\d*\\d*), quá giới hạn ${MAX_PATTERN_STACK}: có thể chạy rất lâu; hãy viết lại`,
      en: `the regular expression has ${stacked} repetitions in a row that can match the same character (like \\d*\\d*\\d*\\d*), over the limit of ${MAX_PATTERN_STACK}, which can run for a very long time; rewrite it`,
    };
  }
  return undefined;
}

const compiled = new Map<string, RegExp | undefined>();

/** The pattern compiled with the 'u' flag, or undefined when patternProblem refuses it. */
export function compilePattern(source: string): RegExp | undefined {
  if (compiled.has(source)) return compiled.get(source);
  const re = patternProblem(source) ? undefined : new RegExp(source, 'u');
  if (compiled.size > 200) compiled.clear();
  compiled.set(source, re);
  return re;
}

/** Runs a template pattern on a text; a text over MAX_PATTERN_INPUT_CHARS does not match. */
export function testPattern(re: RegExp | undefined, text: string): boolean {
  if (!re || text.length > MAX_PATTERN_INPUT_CHARS) return false;
  re.lastIndex = 0;
  return re.test(text);
}
