// Hostile inputs at growing sizes (time and peak memory, each case in a fresh process), the command line's memory as the number of files grows, and what running checks in the worker thread costs.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDataText } from '../server/src/core/data/load';
import { checkText } from '../server/src/core/engine';
import { importPlanText } from '../server/src/core/import/index';
import { MAX_DATA_CHARS } from '../server/src/core/limits';
import { CheckRunner } from '../server/src/node/check-runner';
import { loadKnowledge, loadSchemas } from '../server/src/node/knowledge';
import { Sources, variedPlan } from './generate';
import { now, Summary, summarize } from './stats';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const FRONT = '---\ntemplate: nq43\nvariant: state\n---\n\n';

/** Text of about `bytes` bytes made of `unit` repeated, after `head`. */
function fill(head: string, unit: string, bytes: number, tail = ''): string {
  const count = Math.max(1, Math.ceil((bytes - Buffer.byteLength(head + tail)) / Buffer.byteLength(unit)));
  return head + unit.repeat(count) + tail;
}

/** A clean plan with a hostile middle. */
function clean(): string {
  return fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'plans', 'clean-state.md'), 'utf8');
}

function inPlan(unit: string, bytes: number): string {
  const plan = clean();
  const at = plan.indexOf('## III.');
  return fill(plan.slice(0, at), unit, bytes, `\n\n${plan.slice(at)}`);
}

/** One hostile input of issue 16, as a function of its size; `run` does what a user's action would. */
export interface HostileInput {
  name: string;
  make(bytes: number): string;
  run(text: string): { findings: number };
}

let knowledge: ReturnType<typeof loadKnowledge>['kb'] | undefined;
const kb = (): ReturnType<typeof loadKnowledge>['kb'] => (knowledge ??= loadKnowledge({ schemasDir: path.join(REPO_ROOT, 'schemas') }).kb);
const check = (uri: string) => (text: string): { findings: number } => ({ findings: checkText(uri, text, kb()).findings.length });

export const HOSTILE_INPUTS: HostileInput[] = [
  { name: 'headings "## I. A", one per line', make: (b) => fill(FRONT, '## I. A\n', b), run: check('file:///h.md') },
  { name: 'U+FFFD characters', make: (b) => fill(`${FRONT}## I. MỤC ĐÍCH\n\n`, '\uFFFD', b), run: check('file:///f.md') },
  { name: 'paragraphs "x" in one section (Markdown)', make: (b) => fill(`${FRONT}## I. MỤC ĐÍCH\n\n`, 'x\n\n', b), run: check('file:///p.md') },
  { name: 'paragraphs "x" in one section (YAML plan)', make: (b) => fill('template: nq43\nvariant: state\nsections:\n  - heading: I. MỤC ĐÍCH\n    text: |\n', '      x\n\n', b), run: check('file:///p.plan.yaml') },
  {
    name: 'lists nested 12 levels deep, repeated',
    make: (b) => inPlan(`${Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}- mục ${i}`).join('\n')}\n\n`, b),
    run: check('file:///n.md'),
  },
  { name: '"giao x …" without punctuation', make: (b) => inPlan('giao x ', b), run: check('file:///g.md') },
  { name: '"Nghị quyết số 43-NQ/TW về x …" repeated', make: (b) => inPlan('Nghị quyết số 43-NQ/TW về x ', b), run: check('file:///t.md') },
  {
    name: 'front matter with many keys',
    make: (b) => {
      const plan = clean();
      const at = plan.indexOf('variant: state\n') + 'variant: state\n'.length;
      let i = 0;
      const keys: string[] = [];
      let length = plan.length;
      while (length < b) {
        const line = `k${i++}: v\n`;
        keys.push(line);
        length += line.length;
      }
      return plan.slice(0, at) + keys.join('') + plan.slice(at);
    },
    run: check('file:///k.md'),
  },
  {
    name: 'registry with many keys (data file, at most the 1,000,000-character limit)',
    make: (b) => {
      const keys: string[] = ['documents: []\n'];
      let length = keys[0].length;
      // Under the data limit: a larger file is refused at once without being parsed.
      for (let i = 0; length < Math.min(b, MAX_DATA_CHARS - 100); i++) {
        const line = `k${i}: v\n`;
        keys.push(line);
        length += line.length;
      }
      return keys.join('');
    },
    run: (text) => ({ findings: loadDataText('registry', text, loadSchemas(path.join(REPO_ROOT, 'schemas')), 'en').findings.length }),
  },
  {
    name: 'import: hard-wrapped text, one paragraph',
    make: (b) => fill('KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n', 'tăng cường công tác tuyên truyền vận động nhân dân tham gia xây dựng\n', b),
    run: (text) => ({ findings: importPlanText(text, kb(), { sourceName: 'x.txt' }).repairs.length }),
  },
  {
    name: 'import: short lines joined into one paragraph',
    make: (b) => fill('KẾ HOẠCH\n\nI. MỤC ĐÍCH, YÊU CẦU\n', 'tăng\ncường công tác\ntuyên truyền vận động nhân dân tham gia xây dựng khối đại đoàn kết toàn dân tộc vững mạnh\nx\n', b),
    run: (text) => ({ findings: importPlanText(text, kb(), { sourceName: 'x.txt' }).repairs.length }),
  },
];

export interface HostileMeasure {
  input: string;
  bytes: number;
  ms: number;
  /** Peak resident memory of the process that ran it, and of one that made the input and ran nothing. */
  maxRss: number;
  baseRss?: number;
  findings: number;
}

/** Runs one case in a fresh process: its peak memory is that case's alone. */
function measureCase(index: number, bytes: number, dry: boolean): { ms: number; maxRss: number; findings: number } {
  const result = spawnSync(process.execPath, [__filename, '--case', String(index), String(bytes), ...(dry ? ['--dry'] : [])], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  if (result.status !== 0) throw new Error(`case ${HOSTILE_INPUTS[index].name} at ${bytes} bytes: exit ${result.status ?? result.signal}: ${result.stderr.slice(-2000)}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as { ms: number; maxRss: number; findings: number };
}

/** One case in this process: time and findings only (its peak memory is the whole run's). */
function runCase(index: number, bytes: number): { ms: number; maxRss: number; findings: number } {
  const input = HOSTILE_INPUTS[index];
  const text = input.make(bytes);
  kb();
  const t0 = now();
  const result = input.run(text);
  return { ms: now() - t0, maxRss: process.resourceUsage().maxRSS * 1024, findings: result.findings };
}

/**
 * Each input at each size. `isolated`: each case in a fresh process, with the idle run its memory
 * is compared with (the real measurement); otherwise all in this process (the smoke run).
 */
export function hostileInputs(sizes: readonly number[], isolated: boolean, log: (m: string) => void): HostileMeasure[] {
  const out: HostileMeasure[] = [];
  HOSTILE_INPUTS.forEach((input, index) => {
    for (const bytes of sizes) {
      log(`robustness: ${input.name}, ${bytes} bytes`);
      const base = isolated ? measureCase(index, bytes, true).maxRss : undefined;
      const run = isolated ? measureCase(index, bytes, false) : runCase(index, bytes);
      out.push({ input: input.name, bytes, ms: run.ms, maxRss: run.maxRss, ...(base !== undefined ? { baseRss: base } : {}), findings: run.findings });
    }
  });
  return out;
}

export interface CliMemory {
  format: string;
  files: number;
  bytes: number;
  maxRss: number;
  seconds: number;
}

/** `plan43 check --format F --output FILE` on folders of a growing number of plans: peak memory should stay flat. */
export function cliMemory(sources: Sources, counts: readonly number[], log: (m: string) => void): CliMemory[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-bench-robust-'));
  const out: CliMemory[] = [];
  try {
    let written = 0;
    let bytes = 0;
    for (const count of [...counts].sort((a, b) => a - b)) {
      for (; written < count; written++) {
        const text = variedPlan(sources, written);
        fs.writeFileSync(path.join(dir, `ke-hoach-${String(written).padStart(5, '0')}.md`), text);
        bytes += Buffer.byteLength(text);
      }
      for (const format of ['text', 'json', 'sarif']) {
        log(`robustness: plan43 check --format ${format} on ${count} plans`);
        const output = path.join(os.tmpdir(), `plan43-bench-robust-${process.pid}.${format}`);
        const t0 = now();
        const result = spawnSync(process.execPath, ['-e', MAXRSS_WRAPPER, path.join(REPO_ROOT, 'bin', 'plan43.js'), 'check', '.', '--format', format, '--output', output], { cwd: dir, encoding: 'utf8' });
        const seconds = (now() - t0) / 1000;
        // A run that did not check every plan measures nothing: its output must say so.
        const written = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '';
        fs.rmSync(output, { force: true });
        const complete =
          format === 'text'
            ? written.includes(`${count} kế hoạch`)
            : format === 'json'
              ? written.split('\n      "path": ').length - 1 === count && written.endsWith('}\n')
              : written.includes('"results": [\n') && written.endsWith(']\n}\n');
        const rss = /PLAN43_MAXRSS=(\d+)/.exec(result.stderr);
        if (!rss || (result.status !== 0 && result.status !== 1) || !complete) throw new Error(`plan43 check failed (${result.status}): ${result.stderr.slice(-2000)}`);
        out.push({ format, files: count, bytes, maxRss: Number(rss[1]) * 1024, seconds });
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/**
 * Runs a script with its arguments (`node -e WRAPPER script args…`: the script is argv[1], as if it
 * had been run itself) and prints its peak resident memory (KB) at exit.
 */
const MAXRSS_WRAPPER = `
process.on('exit', () => process.stderr.write('PLAN43_MAXRSS=' + process.resourceUsage().maxRSS + '\\n'));
require(process.argv[1]);
`;

export interface WorkerCost {
  plan: string;
  bytes: number;
  inProcess: Summary;
  worker: Summary;
}

/**
 * The same check in process and through the worker (copying the text there, the findings back,
 * and the queue): the latency the worker adds to every check of the server.
 */
/** The pause before each measured check of workerCost, in milliseconds. */
export const IDLE_BEFORE_CHECK_MS = 10;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function workerCost(sources: Sources, runs: number): Promise<WorkerCost[]> {
  const base = kb();
  const runner = new CheckRunner({ log: () => undefined });
  const out: WorkerCost[] = [];
  try {
    for (const [name, text] of [
      ['a varied plan', variedPlan(sources, 7)],
      ['the clean plan', clean()],
    ] as Array<[string, string]>) {
      const settings = { mode: 'drafting' as const, lang: 'vi' as const, levels: {} };
      // Warm both paths (the worker's first check also starts it).
      checkText('file:///w.md', text, base);
      await runner.check({ uri: 'file:///w.md', text, syntax: 'markdown', settings, kb: base, memo: false });
      const inProcess: number[] = [];
      const worker: number[] = [];
      for (let i = 0; i < runs; i++) {
        const source = i % 2 ? `${text} ` : `${text}\n`;
        // Each check starts after a pause, as the server's checks start between keystrokes: right
        // after a check on the main thread, handing work to another thread on a loaded machine
        // waits for the scheduler (a bare worker that computes 10 ms pays the same 8–11 ms more),
        // which measures the machine, not the worker.
        await pause(IDLE_BEFORE_CHECK_MS);
        let t0 = now();
        checkText('file:///w.md', source, base);
        inProcess.push(now() - t0);
        await pause(IDLE_BEFORE_CHECK_MS);
        t0 = now();
        await runner.check({ uri: 'file:///w.md', text: source, syntax: 'markdown', settings, kb: base, memo: false });
        worker.push(now() - t0);
      }
      out.push({ plan: name, bytes: Buffer.byteLength(text), inProcess: summarize(inProcess), worker: summarize(worker) });
    }
  } finally {
    runner.dispose();
  }
  return out;
}

/** Time per kilobyte at the largest size over the same at the middle one: about 1 when the cost is linear. */
export function growth(rows: readonly HostileMeasure[]): number {
  const sorted = [...rows].sort((a, b) => a.bytes - b.bytes);
  if (sorted.length < 2) return NaN;
  const mid = sorted[sorted.length - 2];
  const last = sorted[sorted.length - 1];
  return last.ms / last.bytes / (mid.ms / mid.bytes);
}

if (require.main === module && process.argv[2] === '--case') {
  const input = HOSTILE_INPUTS[Number(process.argv[3])];
  const text = input.make(Number(process.argv[4]));
  const dry = process.argv.includes('--dry');
  // The data is loaded before the clock starts, in both runs: what is measured is the input's own cost.
  kb();
  loadSchemas(path.join(REPO_ROOT, 'schemas'));
  const t0 = now();
  const result = dry ? { findings: 0 } : input.run(text);
  const ms = now() - t0;
  process.stdout.write(`${JSON.stringify({ ms, maxRss: process.resourceUsage().maxRSS * 1024, findings: result.findings })}\n`);
}
