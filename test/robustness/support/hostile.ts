// The hostile inputs every layer is tried with (core, server over LSP): each with what a clear answer must contain.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeText } from '../../../server/src/node/text-file';
import { PLAN_FIXTURES } from '../../support/paths';
import { seededRandom } from '../../support/random';

/** Seeded pseudo-random numbers: every run builds the same inputs. */
export const seeded = seededRandom;

export function plan(name: string): string {
  return fs.readFileSync(path.join(PLAN_FIXTURES, name), 'utf8');
}

/** Bytes that are not text, as a file would hold them. */
export function randomBytes(length: number, seed = 1): Buffer {
  const next = seeded(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

export const FRONT = '---\ntemplate: nq43\nvariant: state\n---\n\n';

/** Nine levels of nine aliases each: 9^9 (387 million) strings once expanded. */
export function aliasBomb(lastKey: string, indent = ''): string {
  const lines = [`${indent}a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let i = 1; i <= 8; i++) lines.push(`${indent}a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  lines.push(`${indent}${lastKey}: *a8`);
  return lines.join('\n') + '\n';
}

export function deepFlow(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

export interface HostileCase {
  name: string;
  uri: string;
  text(): string;
  /** False when the input is not a plan at all and must get no finding. */
  isPlan: boolean;
  /** Rule ids that must be among the findings: the clear answer. */
  expects: string[];
  /** Rule ids that must not be among them (besides plan.internal-error, never allowed). */
  excludes?: string[];
  /**
   * The same plan written plainly: the findings must be the same, compared by offsets (same
   * length), by line and column (other line breaks), or by rule and message (text shifted).
   */
  sameAs?: { text(): string; by: 'offsets' | 'positions' | 'messages' };
}

const MB = 1024 * 1024;

/** A plan whose body is `bytes` long: a real plan's body repeated. */
export function largePlan(chars: number): string {
  const seed = plan('seed-001-lang-son.md');
  const body = seed.slice(seed.indexOf('\n---', 3) + 4);
  const parts = [seed];
  let length = seed.length;
  while (length < chars) {
    parts.push(body);
    length += body.length;
  }
  return parts.join('');
}

export const HOSTILE_CASES: HostileCase[] = [
  { name: 'an empty file', uri: 'file:///hostile/empty.md', text: () => '', isPlan: false, expects: [] },
  {
    name: 'binary bytes',
    uri: 'file:///hostile/binary.md',
    text: () => decodeText(randomBytes(64 * 1024)).text,
    isPlan: false,
    expects: [],
  },
  {
    name: 'binary bytes after a plan front matter (NUL, control characters, U+FFFD)',
    uri: 'file:///hostile/binary-plan.md',
    text: () => FRONT + decodeText(randomBytes(64 * 1024, 2)).text,
    isPlan: true,
    expects: ['text.lookalike', 'section.missing'],
  },
  {
    name: 'a 50 MB plan',
    uri: 'file:///hostile/huge.md',
    text: () => FRONT + ('Tăng cường công tác thông tin, tuyên truyền về đại đoàn kết toàn dân tộc. '.repeat(20) + '\n\n').repeat(Math.ceil((50 * MB) / 1500)),
    isPlan: true,
    expects: ['plan.too-large'],
  },
  {
    name: 'a 50 MB file that is not a plan',
    uri: 'file:///hostile/huge-notes.md',
    text: () => '# Notes\n\n' + 'x'.repeat(50 * MB),
    isPlan: false,
    expects: [],
  },
  {
    name: 'a plan with a 1 MB single line',
    uri: 'file:///hostile/one-line.md',
    text: () => `${plan('clean-state.md')}\n${'Tăng cường  công tác tuyên truyền, '.repeat(Math.ceil(MB / 35))}\n`,
    isPlan: true,
    expects: ['text.spacing'],
    excludes: ['plan.too-large'],
  },
  {
    name: 'replacement characters left by invalid UTF-8',
    uri: 'file:///hostile/fffd.md',
    text: () => plan('clean-state.md').replace('đoàn kết', 'đo\uFFFDn k\uFFFDt'),
    isPlan: true,
    expects: ['text.lookalike'],
  },
  {
    name: 'lone surrogates and emoji in the text',
    uri: 'file:///hostile/surrogates.md',
    text: () => plan('clean-state.md').replace('đoàn kết', 'đoàn \uD800kết \uDC00 😀\uD83D'),
    isPlan: true,
    expects: [],
  },
  {
    name: 'a byte order mark (UTF-16 or UTF-8 with BOM, decoded)',
    uri: 'file:///hostile/bom.md',
    text: () => `\uFEFF${plan('seed-003-kien-giang.md')}`,
    isPlan: true,
    expects: ['citation.term-mismatch'],
    sameAs: { text: () => plan('seed-003-kien-giang.md'), by: 'messages' },
  },
  {
    name: 'decomposed (NFD) Vietnamese',
    uri: 'file:///hostile/nfd.md',
    text: () => plan('clean-state.md').normalize('NFD'),
    isPlan: true,
    expects: ['text.normalization'],
  },
  {
    name: 'CRLF line breaks',
    uri: 'file:///hostile/crlf.md',
    text: () => plan('seed-002-ha-tinh.md').replace(/\n/g, '\r\n'),
    isPlan: true,
    expects: ['citation.date-mismatch'],
    sameAs: { text: () => plan('seed-002-ha-tinh.md'), by: 'positions' },
  },
  {
    name: 'lone CR line breaks (old Mac files)',
    uri: 'file:///hostile/cr.md',
    text: () => plan('seed-002-ha-tinh.md').replace(/\n/g, '\r'),
    isPlan: true,
    expects: ['citation.date-mismatch'],
    sameAs: { text: () => plan('seed-002-ha-tinh.md'), by: 'offsets' },
  },
  {
    name: 'a YAML alias bomb in the front matter',
    uri: 'file:///hostile/bomb.md',
    text: () => `---\ntemplate: nq43\nvariant: state\n${aliasBomb('subject')}---\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\nNội dung.\n`,
    isPlan: true,
    expects: ['plan.syntax'],
  },
  {
    name: 'a YAML alias bomb in a YAML plan',
    uri: 'file:///hostile/bomb.plan.yaml',
    text: () => `template: nq43\nvariant: state\n${aliasBomb('sections')}`,
    isPlan: true,
    expects: ['plan.syntax'],
  },
  {
    name: 'a YAML plan whose sections refer to themselves',
    uri: 'file:///hostile/cycle.plan.yaml',
    text: () => 'template: nq43\nvariant: state\nsections: &s\n  - heading: I. MỤC ĐÍCH, YÊU CẦU\n    sections: *s\n',
    isPlan: true,
    expects: ['section.missing'],
  },
  {
    name: 'nesting 10,000 deep in the front matter',
    uri: 'file:///hostile/deep-front.md',
    text: () => `---\ntemplate: nq43\nvariant: state\nsubject: ${deepFlow(10000)}\n---\n\n## I. MỤC ĐÍCH, YÊU CẦU\n\nNội dung.\n`,
    isPlan: true,
    expects: ['plan.syntax'],
  },
  {
    name: 'nesting 10,000 deep in a YAML plan',
    uri: 'file:///hostile/deep.plan.yaml',
    text: () => {
      let s = '{heading: "1. Mục", text: "Nội dung."}';
      for (let i = 0; i < 10000; i++) s = `{heading: "${i}. Mục", sections: [${s}]}`;
      return `template: nq43\nvariant: state\nsections: [${s}]\n`;
    },
    isPlan: true,
    expects: ['plan.syntax'],
  },
  {
    name: 'nesting 10,000 deep in Markdown (quotes, lists, emphasis, links)',
    uri: 'file:///hostile/deep-body.md',
    text: () =>
      `${FRONT}## I. MỤC ĐÍCH, YÊU CẦU\n\n${'> '.repeat(10000)}x\n\n${'- '.repeat(10000)}x\n\n${'1. '.repeat(10000)}x\n\n${'*'.repeat(10000)}x${'*'.repeat(10000)}\n\n${'['.repeat(10000)}x${']('.repeat(10000)}\n`,
    isPlan: true,
    expects: ['section.missing'],
  },
  {
    name: 'duplicate keys in the front matter',
    uri: 'file:///hostile/duplicate.md',
    text: () => plan('clean-state.md').replace('variant: state\n', 'variant: state\nvariant: party\n'),
    isPlan: true,
    expects: ['plan.syntax'],
  },
  {
    name: 'a front matter that is never closed',
    uri: 'file:///hostile/unclosed-front.md',
    text: () => plan('clean-state.md').replace(/\n---\n/, '\n\n'),
    isPlan: true,
    expects: ['plan.syntax'],
    excludes: ['plan.variant', 'section.missing'],
  },
  {
    name: 'a front matter that is not YAML',
    uri: 'file:///hostile/not-yaml.md',
    text: () => '---\ntemplate: nq43\nvariant: [state\nsigner: {authority\n  - - : : ]]\n---\n\n## I. MỤC ĐÍCH, YÊU CẦU\n',
    isPlan: true,
    expects: ['plan.syntax'],
  },
  {
    name: 'an unclosed code fence',
    uri: 'file:///hostile/fence.md',
    text: () => plan('clean-state.md').replace('## II. NHIỆM VỤ, GIẢI PHÁP', '```\n## II. NHIỆM VỤ, GIẢI PHÁP'),
    isPlan: true,
    expects: ['section.missing'],
  },
  {
    name: '5,000 headings',
    uri: 'file:///hostile/headings.md',
    text: () => FRONT + Array.from({ length: 5000 }, (_, i) => `## ${i + 1}. Mục ${i + 1}\n\nNội dung mục ${i + 1}.\n`).join('\n'),
    isPlan: true,
    expects: ['section.numbering'],
  },
  {
    name: '5,000 subsections in the tasks section',
    uri: 'file:///hostile/subsections.md',
    text: () =>
      plan('clean-state.md').replace(
        '## II. NHIỆM VỤ, GIẢI PHÁP\n',
        `## II. NHIỆM VỤ, GIẢI PHÁP\n\n${Array.from({ length: 5000 }, (_, i) => `### ${i + 10}. Nhiệm vụ ${i}\n\nNội dung.\n`).join('\n')}`,
      ),
    isPlan: true,
    expects: ['section.numbering'],
  },
];
