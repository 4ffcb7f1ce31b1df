// Regular expressions from a template (numberPattern, lastItemPattern, parent patterns): refused when they could take exponential time, and run only on short texts.

import { Localized } from '../findings';
import { MAX_PATTERN_CHARS, MAX_PATTERN_INPUT_CHARS } from '../limits';

/*
 * JavaScript's regular expressions backtrack and cannot be interrupted, and a template is data a
 * workspace may bring. Two guards keep a pattern from freezing the checker:
 *
 * 1. A pattern is refused (a data.schema error on the template, which is then not used) when it
 *    is longer than MAX_PATTERN_CHARS, uses a back-reference, or repeats a group that itself
 *    holds a repetition or an alternation — the shapes of catastrophic backtracking, such as
 *    (a+)+ or (a|a)*. One shape is allowed because it cannot backtrack exponentially: a repeated
 *    group that starts with a fixed character none of its own repetitions can match, as in
 *    (?:-[A-Z][a-z0-9]*)* — every round must start at that character, so the split is unique.
 * 2. Patterns run only on texts up to MAX_PATTERN_INPUT_CHARS long (testPattern): what is left,
 *    polynomial backtracking such as \d*\d*\d*, stays short.
 */

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

const repeats = (q: Quantifier | undefined): boolean => !!q && q.max > 1;

/** Every node inside a group's alternatives, at any depth. */
function* inside(alternatives: readonly Node[][]): Generator<Node> {
  for (const seq of alternatives) {
    for (const node of seq) {
      yield node;
      if (node.kind === 'group') yield* inside(node.alternatives);
    }
  }
}

function matchesChar(node: Node, ch: string): boolean {
  if (node.kind === 'char') return node.source === ch;
  if (node.kind !== 'set') return true;
  try {
    return new RegExp(`^(?:${node.source})$`, 'u').test(ch);
  } catch {
    return true;
  }
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
 * character set, and no repetition inside can match what it starts with: every round then starts
 * at a distinct place, as in (?:-[A-Z][a-z]*)* or (?:\s\p{L}+)*.
 */
function separated(group: Extract<Node, { kind: 'group' }>): boolean {
  if (group.alternatives.length !== 1) return false;
  const [first] = group.alternatives[0];
  if (!first || (first.kind !== 'char' && first.kind !== 'set') || first.quantifier) return false;
  for (const node of inside(group.alternatives)) {
    if (node.kind === 'group' && (node.lookaround || node.alternatives.length > 1 || repeats(node.quantifier))) return false;
    if ((node.kind === 'char' || node.kind === 'set') && repeats(node.quantifier) && !disjoint(first, node)) return false;
  }
  return true;
}

function nestedRepetition(alternatives: readonly Node[][]): string | undefined {
  for (const node of inside(alternatives)) {
    if (node.kind !== 'group' || !repeats(node.quantifier)) continue;
    const risky =
      node.alternatives.length > 1 ||
      [...inside(node.alternatives)].some((n) => (n.kind === 'char' || n.kind === 'set' || n.kind === 'group') && repeats(n.quantifier));
    if (risky && !separated(node)) return 'nested';
  }
  return undefined;
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
      vi: 'biểu thức chính quy lặp một nhóm mà bên trong lại có lặp hoặc lựa chọn (như (a+)+ hay (a|b)*): có thể chạy rất lâu; hãy viết lại',
      en: 'the regular expression repeats a group that itself repeats or alternates (like (a+)+ or (a|b)*), which can run for a very long time; rewrite it',
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
