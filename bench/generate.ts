// Benchmark inputs built from the real fixture plans: large plans of a given line count and corpora of varied plans, written to a temporary folder.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../test/support/random';

/** Seeded pseudo-random numbers, so that every run measures the same files. */
export const random = seededRandom;

/** The Markdown fixtures: the five converted seeds and the two clean reference plans. */
export interface Sources {
  /** File name → text, with the fixtures' bookkeeping comments removed. */
  plans: Map<string, string>;
  /** Single-line paragraphs and bullets of the task sections of every seed plan. */
  pool: string[];
}

/**
 * Drops the fixtures' bookkeeping (seed line numbers, expected findings), which a drafted plan
 * would not carry: HTML comments in the body and `# seed …`/`# expect …` comments in the front matter.
 */
export function stripBookkeeping(text: string): string {
  return text
    .replace(/[ \t]*<!--[\s\S]*?-->/g, '')
    .replace(/^([^\n#]*?\S)[ \t]+#[ \t]*(?:seed|expect)[^\n]*$/gm, '$1')
    .replace(/^[ \t]*#[ \t]*(?:seed|expect)[^\n]*\n/gm, '');
}

export function loadSources(fixturesDir: string): Sources {
  const plans = new Map<string, string>();
  for (const name of fs.readdirSync(fixturesDir).filter((f) => f.endsWith('.md')).sort()) {
    plans.set(name, stripBookkeeping(fs.readFileSync(path.join(fixturesDir, name), 'utf8')));
  }
  const pool: string[] = [];
  for (const [name, text] of plans) {
    if (!name.startsWith('seed-')) continue;
    const lines = text.split('\n');
    const body = bodyStart(lines);
    const tasks = taskSection(lines, body);
    if (!tasks) continue;
    for (let i = tasks.start + 1; i < tasks.end; i++) {
      const line = lines[i];
      // Only whole paragraphs: a blank line on each side, no heading, long enough to be prose.
      if (line.trim() === '' || line.startsWith('#') || line.length < 80) continue;
      if (lines[i - 1].trim() !== '' || (lines[i + 1] ?? '').trim() !== '') continue;
      pool.push(line.trimEnd());
    }
  }
  if (pool.length === 0) throw new Error(`no paragraphs found in ${fixturesDir}`);
  return { plans, pool };
}

/** Index of the first line after the front matter. */
function bodyStart(lines: string[]): number {
  if (lines[0] !== '---') return 0;
  const end = lines.indexOf('---', 1);
  return end < 0 ? 0 : end + 1;
}

/** The level-2 section with the most level-3 subsections: the task section (III. NHIỆM VỤ, GIẢI PHÁP). */
function taskSection(lines: string[], from: number): { start: number; end: number; subsections: number[] } | undefined {
  let best: { start: number; end: number; subsections: number[] } | undefined;
  let current: { start: number; end: number; subsections: number[] } | undefined;
  const close = (end: number): void => {
    if (!current) return;
    current.end = end;
    if (!best || current.subsections.length > best.subsections.length) best = current;
  };
  for (let i = from; i < lines.length; i++) {
    if (lines[i].startsWith('## ')) {
      close(i);
      current = { start: i, end: lines.length, subsections: [] };
    } else if (lines[i].startsWith('### ') && current) {
      current.subsections.push(i);
    } else if (/^Trên đây là/.test(lines[i]) && current) {
      close(i);
      current = undefined;
    }
  }
  close(lines.length);
  return best && best.subsections.length > 0 ? best : undefined;
}

/**
 * A plan of at least `targetLines` lines: the base plan with paragraphs of the seed plans added,
 * in turn, at the end of each task group, so that it stays a plan of the same structure (same
 * sections, same task groups, same metadata) that is only longer.
 */
export function largePlan(sources: Sources, targetLines: number, base = 'seed-002-ha-tinh.md'): string {
  const text = sources.plans.get(base);
  if (!text) throw new Error(`no fixture ${base}`);
  const lines = text.split('\n');
  const tasks = taskSection(lines, bodyStart(lines));
  if (!tasks) throw new Error(`${base} has no task section`);
  const ends = tasks.subsections.map((_, i) => tasks.subsections[i + 1] ?? tasks.end);
  const added: string[][] = ends.map(() => []);
  let total = lines.length;
  let k = 0;
  while (total < targetLines) {
    added[k % ends.length].push(sources.pool[k % sources.pool.length], '');
    total += 2;
    k++;
  }
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const group = ends.indexOf(i);
    if (group >= 0 && added[group].length > 0) {
      // Keep one blank line before the next heading.
      if (out.length > 0 && out[out.length - 1].trim() !== '') out.push('');
      out.push(...added[group]);
    }
    out.push(lines[i]);
  }
  return out.join('\n');
}

/**
 * Lines that would start a Markdown block of their own (heading, list, quote, setext underline,
 * fence, HTML) if a wrapped line began with them: such a word stays on the line before.
 */
const BLOCK_START = /^(?:[#>*+=|<`~-]|\d+[.)](?:\s|$))/;

/**
 * The same plan with its paragraphs and list items wrapped at `width` columns, as the seeds (text
 * from Word and PDF) and many editors write them. Headings and the front matter are unchanged; a
 * list item's continuation lines are indented under its text.
 */
export function wrapPlan(text: string, width = 80): string {
  const lines = text.split('\n');
  const start = bodyStart(lines);
  const out = lines.slice(0, start);
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (line.length <= width || line.trim() === '' || line.startsWith('#')) {
      out.push(line);
      continue;
    }
    const marker = /^(\s*(?:[-*+]|\d{1,9}[.)])\s+)/.exec(line)?.[1] ?? '';
    const indent = ' '.repeat(marker.length);
    const words = line.slice(marker.length).split(' ');
    let current = marker + words[0];
    for (const word of words.slice(1)) {
      if (current.length + 1 + word.length > width && word !== '' && !BLOCK_START.test(word)) {
        out.push(current);
        current = indent + word;
      } else {
        current += ` ${word}`;
      }
    }
    out.push(current);
  }
  return out.join('\n');
}

/** A wrapped plan of `targetLines` lines or a few more: the large plan grown until its wrapped form is long enough. */
export function largeWrappedPlan(sources: Sources, targetLines: number, width = 80): string {
  // Wrapping multiplies the lines of the prose: search the size of the unwrapped plan that gives
  // the first wrapped plan at least as long as asked.
  let lo = 1;
  let hi = targetLines;
  let best = wrapPlan(largePlan(sources, hi), width);
  while (lineCount(best) < targetLines) {
    lo = hi;
    hi *= 2;
    best = wrapPlan(largePlan(sources, hi), width);
  }
  while (hi - lo > 2) {
    const mid = Math.floor((lo + hi) / 2);
    const wrapped = wrapPlan(largePlan(sources, mid), width);
    if (lineCount(wrapped) >= targetLines) {
      hi = mid;
      best = wrapped;
    } else {
      lo = mid;
    }
  }
  return best;
}

const PROVINCES = ['Hà Giang', 'Cao Bằng', 'Lào Cai', 'Yên Bái', 'Sơn La', 'Điện Biên', 'Hòa Bình', 'Thái Nguyên', 'Bắc Giang', 'Quảng Ninh', 'Nghệ An', 'Quảng Bình', 'Quảng Trị', 'Thừa Thiên Huế', 'Quảng Nam', 'Quảng Ngãi', 'Bình Định', 'Phú Yên', 'Khánh Hòa', 'Gia Lai', 'Đắk Lắk', 'Lâm Đồng', 'Tây Ninh', 'Long An', 'Tiền Giang', 'Bến Tre', 'Vĩnh Long', 'Trà Vinh', 'Sóc Trăng', 'Bạc Liêu', 'Cà Mau', 'An Giang'];

/** One varied plan: another province and number, shuffled paragraphs, a dropped or added part, an occasional typing defect. */
export function variedPlan(sources: Sources, index: number): string {
  const rnd = random(0x43_0000 + index);
  const names = [...sources.plans.keys()];
  // Mostly the real seeds, sometimes a clean reference plan.
  const base = names[Math.floor(rnd() * names.length)];
  let text = sources.plans.get(base)!;
  const province = PROVINCES[Math.floor(rnd() * PROVINCES.length)];
  text = text
    .replace(/^(number:\s*"?Số:?\s*)\d*/m, `$1${1 + Math.floor(rnd() * 300)}`)
    .replace(/^(place:\s*)(?!"")\S[^\n]*/m, `$1${province}`);

  const lines = text.split('\n');
  const tasks = taskSection(lines, bodyStart(lines));
  if (tasks) {
    // Shuffle the paragraphs inside one task group, as a drafter reorders a list.
    const g = Math.floor(rnd() * tasks.subsections.length);
    const from = tasks.subsections[g] + 1;
    const to = tasks.subsections[g + 1] ?? tasks.end;
    const paragraphs = lines.slice(from, to).filter((l) => l.trim() !== '' && !l.startsWith('#'));
    for (let i = paragraphs.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [paragraphs[i], paragraphs[j]] = [paragraphs[j], paragraphs[i]];
    }
    // A few paragraphs borrowed from other plans.
    const borrowed = Math.floor(rnd() * 4);
    for (let i = 0; i < borrowed; i++) paragraphs.push(sources.pool[Math.floor(rnd() * sources.pool.length)]);
    const block = ['', ...paragraphs.flatMap((p) => [p, ''])];
    lines.splice(from, to - from, ...block);
  }
  text = lines.join('\n');

  const defect = rnd();
  if (defect < 0.15) {
    // A decomposed (NFD) word, as pasted from some PDF readers.
    text = text.replace('đoàn kết', 'đoàn kết'.normalize('NFD'));
  } else if (defect < 0.3) {
    text = text.replace('Nhân dân', 'Nhân  dân');
  } else if (defect < 0.4) {
    // A Cyrillic "о" in place of the Latin "o".
    text = text.replace('Tổ quốc', 'Tổ quốc'.replace('o', '\u043e'));
  }
  return text;
}

/** Writes `count` varied plans into `dir` (created), returning their total size in bytes. */
export function writeCorpus(sources: Sources, dir: string, count: number): { files: number; bytes: number } {
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const text = variedPlan(sources, i);
    const sub = path.join(dir, String(Math.floor(i / 1000)).padStart(2, '0'));
    if (i % 1000 === 0) fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, `ke-hoach-${String(i).padStart(5, '0')}.md`);
    fs.writeFileSync(file, text, 'utf8');
    bytes += Buffer.byteLength(text, 'utf8');
  }
  return { files: count, bytes };
}

export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
