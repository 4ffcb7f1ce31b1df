// `npm run bench`: every measurement of docs/benchmarks.md in one run, printed as Markdown tables and, with --write, written into that page.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadKnowledge } from '../server/src/node/knowledge';
import { extensionLoad, ExtensionLoad, packageInfo, PackageInfo } from './activation';
import { allCoresJobs, cacheWritten, floorTool, InstalledPackage, installPackage, markdownlintTool, markdownlintVersion, packageCodeCache, PLAN43_CHECKOUT_ONE_THREAD, PLAN43_ONE_THREAD, plan43AllCoresName, plan43Tool, runTools, Tool, ToolRun, warmUp } from './cli';
import { CoreCost, coreCost } from './core';
import { largePlan, largeWrappedPlan, lineCount, loadSources, Sources, variedPlan, writeCorpus } from './generate';
import { CODE_CACHE_ENV, SERVER_EXEC_ARGV, serverEnvironment } from '../client/src/server-options';
import { SETTLED_MS } from '../server/src/node/file-identity';
import { LatencyResult, LATER_AFTER_MS, memoryWithOpen, SETTLED_AFTER_MS, PreviewLatency, previewLatency, pullLatency, pushLatency, RequestLatency, requestLatency, startup, StartResult } from './lsp';
import { CliMemory, cliMemory, growth, HostileMeasure, hostileInputs, IDLE_BEFORE_CHECK_MS, WorkerCost, workerCost } from './robustness';
import { callgrindParts, callgrindThreads, settledCodeCache } from './start-up';
import { kb as kib, mb, ms, now, ratio, size, Summary, table } from './stats';
import { indexCost, ProvinceResult, provinceTools, serverOnProvince, writeProvince } from './workspace';

const BENCH_DIR = __dirname;
const REPO_ROOT = path.resolve(BENCH_DIR, '..', '..');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'plans');
/** The Node options the extension starts the server with; memory is also measured without them, for reference. */
const EXTENSION_OPTIONS: readonly string[] = SERVER_EXEC_ARGV;
/** The variables the extension sets in the server's environment (the certificates cleared, the allocator's arenas), without a code cache folder. */
const EXTENSION_ENV: Readonly<Record<string, string>> = serverEnvironment(undefined);
/** A plan opened in an editor whose server is up: this long after `initialized`. */
const OPEN_AFTER_MS = 1500;
const RESULTS_START = '<!-- bench:results:start -->';
const RESULTS_END = '<!-- bench:results:end -->';
/** Where the robustness figures go in docs/reliability.md (written with --write too). */
const RELIABILITY_PAGE = 'docs/reliability.md';
const ROBUSTNESS_START = '<!-- bench:robustness:start -->';
const ROBUSTNESS_END = '<!-- bench:robustness:end -->';

type Layout = 'wrapped' | 'paragraph';

const LAYOUT_LABEL: Record<Layout, string> = {
  wrapped: 'wrapped at 80 columns',
  paragraph: 'one paragraph per line',
};

interface Options {
  smoke: boolean;
  write?: string;
  /** Edits per latency series (the issue asks for at least 200). */
  edits: number;
  /** Edits for completion and hover, and for the growth series' middle sizes. */
  requestEdits: number;
  pushEdits: number;
  keySizes: number[];
  growthSizes: number[];
  corpora: number[];
  cliRepeat: number[];
  startRuns: number;
  openCounts: number[];
  /** Commune plans in the province folders (the workspace checked as a set). */
  provinces: number[];
  provinceKeystrokes: number;
  provinceChanges: number;
  buildPackage: boolean;
  markdownlint: boolean;
  /** Sizes of each hostile input, in bytes. */
  robustSizes: number[];
  /** Numbers of plans the command line's memory is measured on. */
  cliMemoryCounts: number[];
  workerRuns: number;
  /** Only the robustness figures (--robustness-only): the rest of the page is left as it is. */
  robustnessOnly: boolean;
  /** Only keystroke → diagnostics through the server (--only edits), printed and never written. */
  editsOnly: boolean;
  /** Only the command line's tables (--only cli, its corpora from --plans N,M), printed and never written. */
  cliOnly: boolean;
  /** The server measured by --only edits (--server FILE): another build, to compare two trees side by side. */
  server?: string;
  /**
   * --only edits with each plan in a folder of its own given to the server as its workspace
   * (--in-folder), as VS Code opens a plan of the folder it has open: the plan is then checked with
   * the workspace's plans and keyed by the plans it cites, which a plan outside the folders is not.
   */
  inFolder: boolean;
  /** Only spawn → first diagnostics of the bundled server (--only startup), printed and never written. */
  startupOnly: boolean;
  /** The bundles --only startup starts (each --server FILE, in turn; dist/server.js without one). */
  servers: string[];
  /** Pairs of --only startup: each bundle's starts once a pair, which goes first swapped at each pair. */
  pairs: number;
  /** --only startup --count DIR: each start under callgrind, ended at the pull's answer, its instructions per thread; callgrind's files kept in DIR. */
  count?: string;
}

/** The options `node out/bench/run.js` takes, each with what it does (`--help` prints them). */
const FLAGS: ReadonlyArray<readonly [string, string]> = [
  ['--smoke', 'every measurement on tiny inputs (what the test suite runs)'],
  ['--write FILE', 'write the results into FILE between its bench:results markers (npm run bench: docs/benchmarks.md)'],
  ['--edits N', 'keystrokes per latency series'],
  ['--no-package', 'measure the .vsix that is there instead of building one'],
  ['--no-markdownlint', 'leave markdownlint-cli2 out of the command line tables'],
  ['--robustness-only', 'the hostile inputs alone'],
  ['--only edits|startup|cli', 'one measure alone, printed and never written'],
  ['--in-folder', 'with --only edits: each plan in a workspace folder of its own'],
  ['--server FILE', "with --only edits: another build's server; with --only startup: a bundle to start (repeat for each)"],
  ['--pairs N', 'with --only startup: pairs of the bundles started in turn'],
  ['--starts N', 'starts measured in each series'],
  ['--count DIR', "with --only startup: each start under callgrind, its files kept in DIR"],
  ['--plans N,N', 'the command line corpora, in plans'],
  ['--help', 'this list'],
];

/**
 * The arguments that are neither an option of FLAGS nor the value an option takes: a mistyped
 * option would otherwise start the whole run (about 15 minutes) instead of the part asked for.
 */
function unknownArguments(argv: readonly string[]): string[] {
  const known = new Map(FLAGS.map(([f]) => [f.split(' ')[0], f.includes(' ')]));
  const unknown: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const takesValue = known.get(argv[i]);
    if (takesValue === undefined) unknown.push(argv[i]);
    else if (takesValue) i++;
  }
  return unknown;
}

/** What `--help` prints. */
function usage(): string {
  const width = Math.max(...FLAGS.map(([f]) => f.length));
  return `Usage: node --expose-gc out/bench/run.js [options]  (npm run bench: every measurement, written into docs/benchmarks.md)\n\n${FLAGS.map(([f, what]) => `  ${f.padEnd(width)}  ${what}`).join('\n')}\n`;
}

function parseOptions(argv: readonly string[]): Options {
  const smoke = argv.includes('--smoke');
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const base: Options = smoke
    ? {
        smoke,
        edits: 5,
        requestEdits: 3,
        pushEdits: 2,
        keySizes: [300],
        growthSizes: [300, 600],
        corpora: [12],
        cliRepeat: [1],
        startRuns: 1,
        openCounts: [1, 2],
        provinces: [4],
        provinceKeystrokes: 2,
        provinceChanges: 2,
        buildPackage: false,
        markdownlint: false,
        robustSizes: [2_000, 4_000],
        cliMemoryCounts: [1, 2],
        workerRuns: 3,
        robustnessOnly: false,
        editsOnly: false,
        inFolder: false,
        startupOnly: false,
        servers: [],
        pairs: 1,
        cliOnly: false,
      }
    : {
        smoke,
        edits: 200,
        requestEdits: 100,
        pushEdits: 50,
        keySizes: [1000, 20000],
        growthSizes: [1000, 5000, 20000, 50000],
        corpora: [1000, 10000],
        cliRepeat: [3, 1],
        startRuns: 15,
        openCounts: [1, 10, 100],
        provinces: [200, 2000],
        provinceKeystrokes: 50,
        provinceChanges: 10,
        buildPackage: true,
        markdownlint: true,
        robustSizes: [10_000, 100_000, 1_000_000],
        cliMemoryCounts: [100, 1_000, 10_000],
        workerRuns: 50,
        robustnessOnly: false,
        editsOnly: false,
        inFolder: false,
        startupOnly: false,
        servers: [],
        pairs: 1,
        cliOnly: false,
      };
  const edits = value('--edits');
  if (edits) base.edits = Number(edits);
  const write = value('--write');
  if (write) base.write = write;
  if (argv.includes('--no-package')) base.buildPackage = false;
  if (argv.includes('--no-markdownlint')) base.markdownlint = false;
  base.robustnessOnly = argv.includes('--robustness-only');
  const only = value('--only');
  if (only !== undefined && only !== 'edits' && only !== 'startup' && only !== 'cli') {
    throw new Error(`--only takes "edits", "startup" or "cli", not "${only}"`);
  }
  base.editsOnly = only === 'edits';
  base.inFolder = argv.includes('--in-folder');
  base.startupOnly = only === 'startup';
  base.cliOnly = only === 'cli';
  const plans = value('--plans');
  if (plans) base.corpora = plans.split(',').map(Number);
  const server = value('--server');
  if (server) base.server = path.resolve(server);
  base.servers = argv.flatMap((a, i) => (a === '--server' && argv[i + 1] !== undefined ? [path.resolve(argv[i + 1])] : []));
  const starts = value('--starts');
  if (starts) base.startRuns = Number(starts);
  const pairs = value('--pairs');
  if (pairs) base.pairs = Number(pairs);
  const count = value('--count');
  if (count) base.count = path.resolve(count);
  return base;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Inputs

interface PlanInput {
  layout: Layout;
  target: number;
  lines: number;
  bytes: number;
  chars: number;
  text: string;
  uri: string;
}

function makePlan(sources: Sources, layout: Layout, target: number, dir: string): PlanInput {
  const text = layout === 'wrapped' ? largeWrappedPlan(sources, target) : largePlan(sources, target);
  const file = path.join(dir, `plan-${layout}-${target}.md`);
  fs.writeFileSync(file, text, 'utf8');
  return { layout, target, lines: lineCount(text), bytes: Buffer.byteLength(text, 'utf8'), chars: text.length, text, uri: pathToFileURL(file).href };
}

// ---------------------------------------------------------------------------------------------
// Results

interface GrowthRow {
  plan: PlanInput;
  core: CoreCost;
  lsp: LatencyResult;
}

/** The command line on one corpus: every tool's runs, and what the package's code cache did in them. */
interface CliResult {
  files: number;
  bytes: number;
  runs: ToolRun[];
  /** The package's warm-up runs (on the first corpus) and the files they wrote in its cache folder; the files the measured runs wrote there (a cache refused or missing). */
  cache: { warmUpRuns: number; warmUp: string[]; written: string[] };
}

interface Results {
  started: Date;
  seconds: number;
  loadBefore: number[];
  loadAfter: number[];
  markdownlint?: string;
  latency: Array<{ plan: PlanInput; result: LatencyResult }>;
  push: Array<{ plan: PlanInput; push: Summary; raw: Summary }>;
  requests: Array<{ plan: PlanInput; result: RequestLatency }>;
  preview: Array<{ plan: PlanInput; result: PreviewLatency }>;
  growth: GrowthRow[];
  cli: CliResult[];
  start: Array<{ server: string; result: StartResult }>;
  /** The bundled server, its code cache made, with the plan opened OPEN_AFTER_MS after initialization: didOpen → first diagnostics. */
  opened?: StartResult;
  extension?: ExtensionLoad;
  memoryServer?: string;
  memory: Array<{ open: number; bytes: number; flags: string; rss?: number; settled?: number; later?: number; idle?: number }>;
  provinces: ProvinceResult[];
  pkg: PackageInfo;
  hostile: HostileMeasure[];
  cliMemory: CliMemory[];
  worker: WorkerCost[];
}

function machine(): Array<[string, string]> {
  const cpus = os.cpus();
  return [
    ['CPU', `${cpus[0]?.model ?? 'unknown'}, ${cpus.length} logical cores${cpus[0]?.speed ? ` (${cpus[0].speed} MHz reported)` : ''}`],
    ['Memory', `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`],
    ['Node.js', process.version],
    ['System', `${os.type()} ${os.release()} (${os.arch()})`],
  ];
}

const p = (s: Summary): string => `${ms(s.p50)} / ${ms(s.p95)}`;

function verdict(ok: boolean | undefined): string {
  return ok === undefined ? 'not measured' : ok ? '**met**' : '**missed**';
}

function perThousand(value: number, lines: number): string {
  return ms((value / lines) * 1000);
}

/** Which build a row of the command line's tables ran. */
function buildOf(name: string): string {
  if (name === PLAN43_CHECKOUT_ONE_THREAD) return "the checkout's `out/`";
  return name.startsWith('plan43 ') ? 'the package (`dist/`), code cache made' : '–';
}

/** The command line's table on one corpus, with the text before it (starts with an empty line). */
function cliTable(c: CliResult): string {
  const plan43 = c.runs.find((x) => x.name === 'plan43 check');
  const floor = c.runs.find((x) => x.name.startsWith('floor'));
  const checkout = c.runs.some((x) => x.name === PLAN43_CHECKOUT_ONE_THREAD)
    ? ` One run, on one thread, of the checkout's build instead (\`bin/plan43.js\` there runs \`out/\`, compiled by \`tsc\`, a module at a time, no code cache), as the bench measured every row until its twentieth round: the break in the series, side by side.`
    : '';
  const cache = c.cache.warmUpRuns
    ? ` The warm-up, ${c.cache.warmUpRuns} runs not measured (until one wrote nothing in the cache's folder, each once the package's files were ${SETTLED_MS / 1000} s old), wrote ${c.cache.warmUp.map((f) => `\`${f}\``).join(', ')}.`
    : '';
  const written = c.cache.written.length ? ` The measured runs wrote ${c.cache.written.map((f) => `\`${f}\``).join(', ')} (a cache refused or missing).` : " No measured run wrote in the cache's folder: each took what was there.";
  return [
    '',
    `### Command line on ${c.files.toLocaleString('en')} plans (${size(c.bytes)})`,
    '',
    `The package as a user installs it (\`npm install -g plan43\`): what \`npm pack\` puts in it (\`bin/\`, \`dist/\`, \`package.json\` and the rest of its \`files\`; no \`out/\`) copied into a temporary folder, its \`bin/plan43.js\` run there, which loads the bundles through the code cache beside them, written by warm-up runs on every core on the bench's first corpus before any measured run (the measured runs are a user's runs after the first few).${cache}${written}${checkout} ` +
      `\`plan43 check\`: on the threads it picks itself (the idle cores: the cores less the last minute's load average, one thread on a busy machine), as a user runs it; \`--jobs 1\`: on the command line's thread alone; \`${plan43AllCoresName().replace(/^plan43 /, '')}\`: on every core Node may use, the run the wall-time target reads. *build* gives what each row ran; *threads* the threads each run checked on.`,
    '',
    table([
      ['tool', 'build', 'time (median)', 'runs', 'threads', 'CPU time (median)', 'CPU ÷ floor', 'files/s', 'MB/s', 'peak RSS', 'time ÷ plan43', 'output'],
      ...c.runs.map((x) => [
        x.name,
        buildOf(x.name),
        `${x.seconds.toFixed(2)} s`,
        x.runs.map((t) => t.toFixed(2)).join(', '),
        x.threads ? x.threads.join(', ') : '–',
        x.cpuSeconds !== undefined ? `${x.cpuSeconds.toFixed(2)} s` : '–',
        x.cpuSeconds !== undefined && floor?.cpuSeconds !== undefined ? ratio(x.cpuSeconds, floor.cpuSeconds) : '–',
        (c.files / x.seconds).toFixed(0),
        (c.bytes / 1024 / 1024 / x.seconds).toFixed(1),
        mb(x.maxRss),
        plan43 ? ratio(x.seconds, plan43.seconds) : '–',
        x.summary.length > 70 ? `${x.summary.slice(0, 70)}…` : x.summary,
      ]),
    ]),
  ].join('\n');
}

function render(r: Results, o: Options): string {
  const out: string[] = [];
  const date = r.started.toISOString().replace('T', ' ').slice(0, 16);
  out.push(
    `Measured on ${date} UTC by \`${o.smoke ? 'npm run bench:smoke' : 'npm run bench'}\` in ${(r.seconds / 60).toFixed(1)} min. ` +
      `Load average (1, 5, 15 min) at the start ${r.loadBefore.map((x) => x.toFixed(2)).join(', ')}, at the end ${r.loadAfter.map((x) => x.toFixed(2)).join(', ')}.`,
  );
  if (o.smoke) out.push('', '**Smoke run**: tiny sizes and few repetitions, to check that the script works; these numbers mean nothing.');
  out.push('', '### Machine', '', table([['', ''], ...machine(), ['Compared with', r.markdownlint ?? 'markdownlint-cli2 not installed']]));

  // Targets
  const lat = (layout: Layout, target: number): LatencyResult | undefined => r.latency.find((x) => x.plan.layout === layout && x.plan.target === target)?.result;
  const targets: string[][] = [['target (issue 14)', 'measured', 'verdict']];
  for (const [target, limit] of [
    [o.keySizes[0], 5],
    [o.keySizes[1], 50],
  ] as Array<[number | undefined, number]>) {
    if (target === undefined) continue;
    for (const layout of ['wrapped', 'paragraph'] as Layout[]) {
      const x = lat(layout, target);
      const plan = r.latency.find((y) => y.plan.layout === layout && y.plan.target === target)?.plan;
      if (!x || !plan) continue;
      targets.push([
        `p95 edit → diagnostics ≤ ${limit} ms, ${target.toLocaleString('en')} lines (${LAYOUT_LABEL[layout]}, ${kib(plan.bytes)})`,
        `p95 ${ms(x.pull.p95)} (p50 ${ms(x.pull.p50)})`,
        verdict(x.pull.p95 <= limit),
      ]);
    }
  }
  for (const layout of ['wrapped', 'paragraph'] as Layout[]) {
    const rows = r.growth.filter((g) => g.plan.layout === layout && !g.lsp.tooLarge);
    if (rows.length < 2) continue;
    const first = rows[0];
    const last = rows[rows.length - 1];
    const perLine = (g: GrowthRow): number => g.lsp.pull.p50 / g.plan.chars;
    const growth = perLine(last) / perLine(first);
    targets.push([
      `cost grows linearly (${LAYOUT_LABEL[layout]})`,
      `edit p50 per 1,000 lines: ${rows.map((g) => `${perThousand(g.lsp.pull.p50, g.plan.lines)} at ${g.plan.lines.toLocaleString('en')}`).join(', ')}; per character ${ratio(perLine(last), perLine(first))} from the smallest to the largest`,
      verdict(growth <= 1.5),
    ]);
  }
  for (const c of r.cli) {
    const plan43 = c.runs.find((x) => x.name === 'plan43 check');
    const mdl = c.runs.find((x) => x.name === 'markdownlint-cli2');
    const floor = c.runs.find((x) => x.name.startsWith('floor'));
    if (!plan43) continue;
    targets.push([
      `CLI faster than markdownlint-cli2 (${c.files.toLocaleString('en')} plans)`,
      mdl ? `${plan43.seconds.toFixed(2)} s vs ${mdl.seconds.toFixed(2)} s: ${ratio(plan43.seconds, mdl.seconds)} its time` : 'markdownlint-cli2 not run',
      verdict(mdl ? plan43.seconds < mdl.seconds : undefined),
    ]);
    if (floor) {
      // The target is for the machine's cores: read from the run on all of them, the default's
      // (the idle cores, one on a busy machine) beside it.
      const allCores = c.runs.find((x) => x.name === plan43AllCoresName()) ?? plan43;
      const threadsText = (x: ToolRun): string => (x.threads ? ` (threads: ${x.threads.join(', ')})` : '');
      const defaultText = allCores === plan43 ? '' : `; by default${threadsText(plan43)} ${plan43.seconds.toFixed(2)} s: ${ratio(plan43.seconds, floor.seconds)}`;
      targets.push([
        `CLI wall time within 3× of the floor (${c.files.toLocaleString('en')} plans, on every core: \`${allCores.name.replace(/^plan43 /, '')}\`)`,
        `${allCores.seconds.toFixed(2)} s vs ${floor.seconds.toFixed(2)} s: ${ratio(allCores.seconds, floor.seconds)}${threadsText(allCores)}${defaultText}`,
        verdict(allCores.seconds <= 3 * floor.seconds),
      ]);
      if (plan43.cpuSeconds !== undefined && floor.cpuSeconds !== undefined) {
        // By default the command line takes the idle cores, so the figure moves with the machine's
        // load; the run on one thread (--jobs 1), beside it, does not.
        const one = c.runs.find((x) => x.name === PLAN43_ONE_THREAD);
        const oneText = one?.cpuSeconds !== undefined ? `; on one thread (\`--jobs 1\`) ${one.cpuSeconds.toFixed(2)} s: ${ratio(one.cpuSeconds, floor.cpuSeconds)}` : '';
        const checkout = c.runs.find((x) => x.name === PLAN43_CHECKOUT_ONE_THREAD);
        const checkoutText = checkout?.cpuSeconds !== undefined ? `; the checkout's \`out/\` on one thread ${checkout.cpuSeconds.toFixed(2)} s: ${ratio(checkout.cpuSeconds, floor.cpuSeconds)}` : '';
        targets.push([
          `CLI CPU time (user + system) within 5× of the floor (${c.files.toLocaleString('en')} plans)`,
          `${plan43.cpuSeconds.toFixed(2)} s vs ${floor.cpuSeconds.toFixed(2)} s: ${ratio(plan43.cpuSeconds, floor.cpuSeconds)}${plan43.threads ? ` (threads: ${plan43.threads.join(', ')})` : ''}${oneText}${checkoutText}`,
          verdict(plan43.cpuSeconds <= 5 * floor.cpuSeconds),
        ]);
      }
      if (c.files >= 10_000 && plan43.maxRss !== undefined && floor.maxRss !== undefined) {
        targets.push([
          `CLI peak memory within 2× of the floor's (${c.files.toLocaleString('en')} plans)`,
          `${mb(plan43.maxRss)} vs ${mb(floor.maxRss)}: ${ratio(plan43.maxRss, floor.maxRss)}`,
          verdict(plan43.maxRss <= 2 * floor.maxRss),
        ]);
      }
    }
  }
  if (o.keySizes[0] !== undefined) {
    for (const { plan, result } of r.preview.filter((x) => x.plan.target === o.keySizes[0])) {
      targets.push([
        `p95 preview update after a keystroke ≤ 50 ms server side, ${plan.lines.toLocaleString('en')} lines (${LAYOUT_LABEL[plan.layout]})`,
        `p95 ${ms(result.afterEdit.p95)} (p50 ${ms(result.afterEdit.p50)})`,
        verdict(result.afterEdit.p95 <= 50),
      ]);
    }
  }
  const bundled = r.start.find((s) => s.server.startsWith('bundled'));
  if (bundled) {
    const ready = bundled.result.firstDiagnostics.p50 + (r.extension?.load.p50 ?? 0);
    targets.push([
      'bundled server: spawn → first diagnostics ≤ 150 ms',
      `bundled server: spawn → first diagnostics ${ms(bundled.result.firstDiagnostics.p50)}` +
        ` (${(bundled.result.firstDiagnostics.p50 / bundled.result.emptyProcess.p50).toFixed(2)}× an empty Node process, ${ms(bundled.result.emptyProcess.p50)} in the same minutes)` +
        (r.extension ? `; + client module load ${ms(r.extension.load.p50)} = ${ms(ready)}` : ''),
      verdict(bundled.result.firstDiagnostics.p50 <= 150),
    ]);
  }
  const most = Math.max(...r.memory.map((x) => x.open));
  const asStarted = EXTENSION_OPTIONS.join(' ');
  const hundred = r.memory.find((m) => m.open === most && m.flags === asStarted);
  const hundredDefault = r.memory.find((m) => m.open === most && m.flags === '' && asStarted !== '');
  // The memory a user sees once the server has been left alone a moment (the check worker has
  // collected), and the figure read at once, before that, as earlier runs measured it.
  const seen = (m: { rss?: number; settled?: number } | undefined): number | undefined => m?.settled ?? m?.rss;
  const hundredSeen = seen(hundred);
  if (hundred && hundredSeen !== undefined) {
    targets.push([
      '≤ 80 MB resident with 100 plans open (as the extension starts the server)',
      `${mb(hundredSeen)} with ${hundred.open} open${hundred.settled !== undefined ? `, ${SETTLED_AFTER_MS / 1000} s after the last answer (${mb(hundred.rss)} at once)` : ''}` +
        (seen(hundredDefault) !== undefined ? `; ${mb(seen(hundredDefault))} with Node's defaults` : ''),
      verdict(hundred.open >= 100 ? hundredSeen <= 80 * 1024 * 1024 : undefined),
    ]);
  }
  if (r.pkg.vsix) targets.push(['`.vsix` under 2 MB', `${mb(r.pkg.vsix.bytes)} (${r.pkg.vsix.bytes.toLocaleString('en')} bytes)`, verdict(r.pkg.vsix.bytes < 2 * 1024 * 1024)]);
  out.push('', '### Targets', '', table(targets));

  // Latency
  out.push(
    '',
    '### Edit → diagnostics through the server (pull)',
    '',
    `One keystroke (\`textDocument/didChange\` with a one-character incremental change) then \`textDocument/diagnostic\`, timed from sending the change to receiving the report (the pull carries the last report's result id, as VS Code's client sends it, and an \`unchanged\` answer leaves the diagnostics the editor holds); ${o.edits} keystrokes in a row typed in the middle of the task section. The server runs with the extension's Node options (${EXTENSION_OPTIONS.length ? EXTENSION_OPTIONS.map((x) => `\`${x}\``).join(' ') : 'none'}), here and in the growth table.`,
    '',
    table([
      ['plan', 'lines', 'size', 'first check (didOpen → report)', 'p50', 'p95', 'max', 'findings', 'server RSS after'],
      ...r.latency.map(({ plan, result }) => [...latencyCells(plan, result), mb(result.rss)]),
    ]),
  );
  if (r.push.length) {
    out.push(
      '',
      '### Edit → diagnostics, push mode',
      '',
      'A client without pull diagnostics: `didChange` → `textDocument/publishDiagnostics` of that version. The server waits 150 ms after the last change before checking (debounce); the table gives the time after that wait, and the raw time.',
      '',
      table([
        ['plan', 'lines', 'edits', 'after the 150 ms wait p50 / p95', 'raw p50 / p95'],
        ...r.push.map(({ plan, push, raw }) => [LAYOUT_LABEL[plan.layout], plan.lines.toLocaleString('en'), String(push.n), p(push), p(raw)]),
      ]),
    );
  }
  if (r.requests.length) {
    out.push(
      '',
      '### Completion and hover',
      '',
      'p50 / p95. *After a keystroke*: the request follows the change at once, so it includes checking the new version (what an editor asks while typing). *Steady*: the same request on a version already checked. Hover goes over every citation symbol and heading in turn.',
      '',
      table([
        ['plan', 'lines', 'completion after a keystroke', 'completion, steady', 'hover, steady', 'first hover after an edit', 'completion items'],
        ...r.requests.map(({ plan, result }) => [
          LAYOUT_LABEL[plan.layout],
          plan.lines.toLocaleString('en'),
          p(result.completionAfterEdit),
          p(result.completion),
          p(result.hover),
          p(result.hoverAfterEdit),
          String(result.completionItems),
        ]),
      ]),
    );
  }
  if (r.preview.length) {
    out.push(
      '',
      '### Preview after a keystroke',
      '',
      'p50 / p95. *After a keystroke*: `textDocument/didChange`, then at once `plan43/preview` (an update: the page\'s body and formats), timed until the answer arrives: the new version is checked (the findings of the editor and the submission check for the banner), laid out and drawn as HTML with its findings marked. The preview beside the editor asks only once the typing pauses; asking after every keystroke is the harder case. *Steady*: the same request on a version already drawn. After the last keystroke the findings on the page are compared with the diagnostics.',
      '',
      table([
        ['plan', 'lines', 'after a keystroke', 'steady', 'update size', 'findings marked'],
        ...r.preview.map(({ plan, result }) => [LAYOUT_LABEL[plan.layout], plan.lines.toLocaleString('en'), p(result.afterEdit), p(result.steady), kib(result.bytes), String(result.marked)]),
      ]),
    );
  }
  if (r.growth.length) {
    out.push(
      '',
      '### How cost grows with size',
      '',
      'In process: parse and check of one version (median), and the heap one checked version holds (plan model and findings). Through the server: the first check after `didOpen`, keystroke → diagnostics, and the server’s resident memory after the edits.',
      '',
      table([
        ['plan', 'lines', 'size', 'parse', 'check', 'heap held', 'first check (server)', 'edit p50', 'edit p95', 'edits', 'findings', 'server RSS'],
        ...r.growth.map(({ plan, core, lsp }) => [
          LAYOUT_LABEL[plan.layout],
          plan.lines.toLocaleString('en'),
          kib(plan.bytes),
          ms(core.parse.p50),
          ms(core.check.p50),
          mb(core.retainedBytes),
          ms(lsp.firstPull),
          ms(lsp.pull.p50),
          ms(lsp.pull.p95),
          String(lsp.pull.n),
          lsp.tooLarge ? `${lsp.findings} (plan.too-large)` : String(lsp.findings),
          mb(lsp.rss),
        ]),
      ]),
    );
  }
  for (const c of r.cli) out.push(cliTable(c));
  if (r.start.length || r.extension) {
    const rows: string[][] = [['what', 'p50', 'p95', 'min', 'runs']];
    const row = (what: string, x: Summary): string[] => [what, ms(x.p50), ms(x.p95), ms(x.min), String(x.n)];
    for (const s of r.start) {
      rows.push(row(`${s.server}: spawn → initialize answered`, s.result.initialized));
      rows.push(row(`${s.server}: spawn → first diagnostics of the longest seed plan`, s.result.firstDiagnostics));
      rows.push(row(`the empty Node process run after each of these starts (ratio of p50: ${(s.result.firstDiagnostics.p50 / s.result.emptyProcess.p50).toFixed(2)}×)`, s.result.emptyProcess));
    }
    if (r.opened) rows.push(row(`bundled server, code cache made: a plan opened ${OPEN_AFTER_MS / 1000} s after initialization, \`didOpen\` → first diagnostics`, r.opened.firstDiagnostics));
    if (r.extension) {
      rows.push(row('bundled client (`dist/extension.js`): `require()` with a stand-in `vscode` module', r.extension.load));
      rows.push(row('the same, whole Node process (start, load, exit)', r.extension.process));
      rows.push(row('an empty Node process, for reference', r.extension.emptyProcess));
    }
    out.push('', '### Start-up', '', 'Fresh processes one after another; the minimum is the run the rest of the machine disturbed least.', '', table(rows));
  }
  if (r.memory.length) {
    out.push(
      '',
      '### Resident memory with plans open',
      '',
      `A fresh ${r.memoryServer ?? 'server'}; each plan (one of the varied plans of the command-line corpus) is opened and its diagnostics pulled once; RSS read from the kernel half a second after the last answer (*at once*: what earlier runs reported), ${SETTLED_AFTER_MS / 1000} s after it (*after a pause*: the check worker and the server's thread collect their garbage once the checks have paused for a second) and ${LATER_AFTER_MS / 1000} s after it (*later*: past the worker's second collection, which gives its young generation back). The server as the extension starts it has the extension's environment too (${Object.entries(EXTENSION_ENV).map(([k, v]) => `\`${k}=${v}\``).join(', ')}).`,
      '',
      table([
        ['plans open', 'their size', 'Node options', 'server RSS after a pause', 'server RSS later', 'server RSS at once', 'server RSS before opening any'],
        ...r.memory.map((m) => [
          String(m.open),
          size(m.bytes),
          (m.flags ? `\`${m.flags}\`` : "none (Node's defaults)") + (m.flags === EXTENSION_OPTIONS.join(' ') ? ' (as the extension starts it)' : ''),
          mb(m.settled),
          mb(m.later),
          mb(m.rss),
          mb(m.idle),
        ]),
      ]),
    );
  }
  if (r.provinces.length) out.push(...renderProvinces(r.provinces));
  const pkgRows: string[][] = [['file', 'size', 'gzip -9', 'built']];
  if (r.pkg.vsix) pkgRows.push([`\`${r.pkg.vsix.file}\` (${r.pkg.vsix.entries} files)`, `${mb(r.pkg.vsix.bytes)} (${kib(r.pkg.vsix.bytes)})`, '(already compressed)', r.pkg.vsix.builtHere ? 'by this run' : r.pkg.vsix.mtime.toISOString().slice(0, 16)]);
  for (const b of r.pkg.bundles) pkgRows.push([`\`${path.relative(REPO_ROOT, b.file).split(path.sep).join('/')}\``, kib(b.bytes), kib(b.gzipBytes), b.mtime.toISOString().slice(0, 16)]);
  out.push('', '### Package', '', table(pkgRows));
  if (r.pkg.vsix) out.push('', `Largest entries (compressed): ${r.pkg.vsix.largest.map((e) => `\`${e.name}\` ${kib(e.compressed)}`).join(', ')}.`);
  if (r.pkg.note) out.push('', `Note: ${r.pkg.note}.`);
  return `${out.join('\n')}\n`;
}

/** The robustness figures: hostile inputs by size, the command line's memory by number of files, the worker's cost. */
function renderRobustness(r: Results, o: Options): string {
  const out: string[] = [];
  const date = r.started.toISOString().replace('T', ' ').slice(0, 16);
  const host = Object.fromEntries(machine());
  out.push(
    `Measured on ${date} UTC by \`${o.smoke ? 'npm run bench:smoke' : o.robustnessOnly ? 'npm run bench -- --robustness-only' : 'npm run bench'}\` on ${host.CPU}, ${host['Node.js']}. ` +
      `Load average (1, 5, 15 min) at the start ${r.loadBefore.map((x) => x.toFixed(2)).join(', ')}, at the end ${r.loadAfter.map((x) => x.toFixed(2)).join(', ')}: the machine is shared, so absolute times vary; the ratios are what matters.`,
  );
  if (o.smoke) out.push('', '**Smoke run**: tiny sizes, to check that the script works; these numbers mean nothing.');
  const targets: string[][] = [['target (issue 16)', 'measured', 'verdict']];
  if (r.hostile.length) {
    const inputs = [...new Set(r.hostile.map((h) => h.input))];
    const worst = inputs.map((input) => ({ input, g: growth(r.hostile.filter((h) => h.input === input)) })).sort((a, b) => b.g - a.g)[0];
    if (worst && !Number.isNaN(worst.g)) targets.push(['every hostile input linear: time per KB at the largest size ≤ 2× the middle size', `worst ${worst.g.toFixed(2)}× (${worst.input})`, verdict(worst.g <= 2)]);
  }
  if (r.cliMemory.length) {
    const counts = [...new Set(r.cliMemory.map((c) => c.files))].sort((a, b) => a - b);
    const worst = ['text', 'json', 'sarif'].map((format) => {
      const of = r.cliMemory.filter((c) => c.format === format);
      const small = of.find((c) => c.files === counts[0]);
      const large = of.find((c) => c.files === counts[counts.length - 1]);
      return { format, ratio: small && large ? large.maxRss / small.maxRss : NaN };
    }).sort((a, b) => b.ratio - a.ratio)[0];
    targets.push([`command line memory flat in the number of plans (${counts[0]} → ${counts[counts.length - 1]}): peak ≤ 1.5×`, `worst ${worst.ratio.toFixed(2)}× (--format ${worst.format})`, verdict(worst.ratio <= 1.5)]);
  }
  if (r.worker.length) {
    const added = r.worker.reduce((most, w) => Math.max(most, w.worker.p50 - w.inProcess.p50), 0);
    targets.push(['the check worker adds little: p50 through the worker − in process ≤ 10 ms', ms(added), verdict(added <= 10)]);
  }
  if (targets.length > 1) out.push('', table(targets));
  if (r.hostile.length) {
    const sizes = [...new Set(r.hostile.map((h) => h.bytes))].sort((a, b) => a - b);
    const head = ['input', ...sizes.map((b) => `${size(b)}: time / peak RSS (above an idle run)`), 'time per KB, largest ÷ middle size', 'findings at the largest'];
    const rows = [...new Set(r.hostile.map((h) => h.input))].map((input) => {
      const of = r.hostile.filter((h) => h.input === input);
      const at = (b: number): string => {
        const h = of.find((x) => x.bytes === b);
        return h ? `${ms(h.ms)} / ${mb(h.maxRss)}${h.baseRss !== undefined ? ` (+${mb(Math.max(0, h.maxRss - h.baseRss))})` : ''}` : '–';
      };
      const g = growth(of);
      return [input, ...sizes.map(at), Number.isNaN(g) ? '–' : `${g.toFixed(2)}×`, String(of.find((x) => x.bytes === sizes[sizes.length - 1])?.findings ?? '–')];
    });
    out.push('', '#### Hostile inputs by size', '', 'Each input of issue 16 made at each size and checked (imported, for the import cases; loaded, for the registry) in a fresh process; peak RSS of that process, and in brackets what it used above a process that made the same input and did nothing with it. A ratio near 1 in the last but one column means the cost grows linearly.', '', table([head, ...rows]));
  }
  if (r.cliMemory.length) {
    const counts = [...new Set(r.cliMemory.map((c) => c.files))].sort((a, b) => a - b);
    const rows = ['text', 'json', 'sarif'].map((format) => [
      `\`--format ${format}\``,
      ...counts.map((n) => {
        const c = r.cliMemory.find((x) => x.format === format && x.files === n);
        return c ? `${mb(c.maxRss)} in ${c.seconds.toFixed(1)} s` : '–';
      }),
    ]);
    out.push('', '#### Command line: peak memory by number of plans', '', '`plan43 check . --format F --output FILE` on folders of varied plans; results are written file by file, so memory stays flat in the number of files.', '', table([['format', ...counts.map((n) => `${n.toLocaleString('en')} plans (${size(r.cliMemory.find((c) => c.files === n)?.bytes)})`)], ...rows]));
  }
  if (r.worker.length) {
    out.push(
      '',
      '#### What the check worker costs',
      '',
      `The same check in process and through the server\u2019s worker thread (the text copied there, the findings back), p50 / p95: the latency every check of the server pays so that a runaway can be stopped. Each check starts after a ${IDLE_BEFORE_CHECK_MS} ms pause, as checks start between keystrokes; run back to back right after a check on the main thread, the hand-over to the worker waits for the scheduler of a loaded machine and costs 8\u201311 ms more (a bare worker that computes 10 ms pays the same), which measures the machine rather than the worker.`,
      '',
      table([['plan', 'size', 'in process', 'through the worker', 'added (p50)'], ...r.worker.map((w) => [w.plan, size(w.bytes), p(w.inProcess), p(w.worker), ms(w.worker.p50 - w.inProcess.p50)])]),
    );
  }
  return `${out.join('\n')}\n`;
}

/** The workspace checked as a set: a province's folder of commune plans, each citing the provincial programme. */
function renderProvinces(rows: readonly ProvinceResult[]): string[] {
  const cli = (x: ProvinceResult, i: number): string => {
    const run = x.cli[i];
    return run ? `${run.seconds.toFixed(1)} s${run.maxRss !== undefined ? `, ${mb(run.maxRss)}` : ''}` : '—';
  };
  return [
    '',
    "### A province's folder of plans",
    '',
    'A folder like `test/fixtures/province/`, grown: the provincial programme and plan, then for each commune its Party committee\'s plan and its People\'s Committee\'s plan (the fixtures of one commune with another name, number and date), every commune plan citing the programme and its own Party committee\'s plan. Each plan is a registry entry for the others. Command line: wall time and peak memory of the whole process (median of the runs). Server: the built server over LSP with the folder as its workspace; the workspace check runs from `workspace/diagnostic` sent right after `initialize` (the folder read, then every plan checked) to its answer. Keystroke: typing in a commune plan with the folder loaded. Propagation: the date of the commune Party committee\'s plan changed in the editor → the server\'s `workspace/diagnostic/refresh` → the commune plan citing it pulled again with `citation.date-mismatch` (and back). Index: the server\'s index in process.',
    '',
    table([
      ['commune plans', ...rows.map((x) => `${x.plans} (${size(x.bytes)})`)],
      ['`plan43 check --submission`', ...rows.map((x) => cli(x, 0))],
      ['`plan43 check --submission --format html -o review.html`', ...rows.map((x) => cli(x, 1))],
      ['server: initialize → workspace check of every plan', ...rows.map((x) => ms(x.server.workspaceCheck))],
      ['server: resident memory after it', ...rows.map((x) => mb(x.server.rss))],
      ['server: the Plans view\'s list', ...rows.map((x) => ms(x.server.list))],
      ['server: review report (every plan checked for submission, one page)', ...rows.map((x) => `${ms(x.server.review)} (${size(x.server.reviewBytes)})`)],
      ['keystroke → diagnostics in a commune plan, p50 / p95', ...rows.map((x) => p(x.server.keystroke))],
      ['cited plan\'s date changed → refresh → citing plan re-checked, p50 / p95', ...rows.map((x) => p(x.server.propagate))],
      ['index: reading the folder (metadata and cited symbols of every file)', ...rows.map((x) => `${ms(x.index.scan)} (${x.index.entries} entries)`)],
      ['index: one plan\'s date changed, indexed again (not its parse, which its check makes anyway), p50 / p95', ...rows.map((x) => p(x.index.reindex))],
      ['index: the entries and one plan\'s dependency key rebuilt after it, p50 / p95', ...rows.map((x) => p(x.index.entriesAndKey))],
      ['index: a keystroke in a plan\'s body (nothing others see), p50 / p95', ...rows.map((x) => p(x.index.bodyEdit))],
    ]),
  ];
}

function writeInto(file: string, results: string, markers: [string, string] = [RESULTS_START, RESULTS_END]): void {
  const [startMark, endMark] = markers;
  const full = path.resolve(REPO_ROOT, file);
  let page = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : `# Benchmarks\n\n${startMark}\n${endMark}\n`;
  const a = page.indexOf(startMark);
  const b = page.indexOf(endMark);
  if (a < 0 || b < a) page = `${page.trimEnd()}\n\n## Results\n\n${startMark}\n${endMark}\n`;
  const start = page.indexOf(startMark) + startMark.length;
  const end = page.indexOf(endMark);
  page = `${page.slice(0, start)}\n\n${results}\n${page.slice(end)}`;
  fs.writeFileSync(full, page, 'utf8');
}

/** A keystroke table's first cells: the plan, its first check, p50, p95 and max of the keystrokes, its findings. */
function latencyCells(plan: PlanInput, result: LatencyResult): string[] {
  return [LAYOUT_LABEL[plan.layout], plan.lines.toLocaleString('en'), kib(plan.bytes), ms(result.firstPull), ms(result.pull.p50), ms(result.pull.p95), ms(result.pull.max), String(result.findings)];
}

// ---------------------------------------------------------------------------------------------

/**
 * `--only edits`: keystroke → diagnostics through the server on the plans of the targets (1,000
 * lines in both layouts, 20,000 lines one paragraph per line), printed as one table. Quick enough
 * to run a tree before and after a change in turn, minutes apart (`--server` names the other
 * tree's `out/server/src/main.js`); nothing is written.
 */
async function editsOnly(o: Options): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-bench-'));
  const sources = loadSources(FIXTURES);
  const rows: string[][] = [];
  const loadBefore = os.loadavg();
  try {
    const plans: Array<[Layout, number]> = o.smoke ? [['wrapped', 300]] : [['wrapped', 1000], ['paragraph', 1000], ['paragraph', 20000]];
    for (const [layout, target] of plans) {
      // In a folder of its own, so that the server's workspace holds this plan alone.
      const folder = o.inFolder ? path.join(work, `${layout}-${target}`) : work;
      if (o.inFolder) fs.mkdirSync(folder);
      const plan = makePlan(sources, layout, target, folder);
      log(`pull latency: ${layout} ${plan.lines} lines${o.inFolder ? ' in its folder' : ''}${o.server ? ` (${o.server})` : ''}`);
      const result = await pullLatency(plan.uri, plan.text, o.edits, EXTENSION_OPTIONS, o.server, o.inFolder ? folder : undefined);
      const { full, unchanged } = result.byKind;
      rows.push([...latencyCells(plan, result), String(result.unchanged), `${ms(full.p50)} / ${ms(full.p95)}`, `${ms(unchanged.p50)} / ${ms(unchanged.p95)}`]);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const load = (l: number[]): string => l.map((x) => x.toFixed(2)).join(', ');
  process.stdout.write(
    `${[
      `Keystroke → diagnostics, ${o.edits} keystrokes per plan${o.inFolder ? ', each plan in the workspace folder' : ''}, server ${o.server ?? 'out/server/src/main.js'}; load average ${load(loadBefore)} at the start, ${load(os.loadavg())} at the end.`,
      '',
      table([['plan', 'lines', 'size', 'first check', 'p50', 'p95', 'max', 'findings', 'unchanged', 'full p50 / p95', '"unchanged" p50 / p95'], ...rows]),
    ].join('\n')}\n`,
  );
}

/**
 * `--only startup`: spawn → first diagnostics of bundled servers (`--server dist/server.js`, one or
 * more, in turn; `dist/server.js` without one) as the extension starts them, each bundle's code
 * cache made by three starts first and settled (settledCodeCache) by a fourth; `--starts N` starts
 * of each bundle a pair, `--pairs N` pairs, which bundle goes first swapped at each pair. With
 * `--count DIR`, each start runs under `valgrind --tool=callgrind` (threads apart, children traced)
 * and ends with `exit` at the pull's answer, so that what the running server's timers do after it
 * is not counted: instructions per thread, each large thread's parts (callgrindParts), and
 * callgrind's files in DIR (a folder per pair and bundle) to be read by function. Printed, never
 * written.
 */
async function startupOnly(o: Options): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-bench-'));
  const seedPath = path.join(FIXTURES, 'seed-002-ha-tinh.md');
  const seed = fs.readFileSync(seedPath, 'utf8');
  const seedUri = pathToFileURL(seedPath).href;
  const servers = o.servers.length > 0 ? o.servers : [path.join(REPO_ROOT, 'dist', 'server.js')];
  const envs = servers.map((_, i) => ({ ...process.env, ...EXTENSION_ENV, [CODE_CACHE_ENV]: path.join(work, `code-cache-${i}`) }));
  const out: string[] = [];
  const fmt = (l: number[]): string => l.map((x) => x.toFixed(2)).join(', ');
  const loadBefore = os.loadavg();
  try {
    for (let i = 0; i < servers.length; i++) await startup(servers[i], seedUri, seed, 3, { execArgv: EXTENSION_OPTIONS, env: () => envs[i] });
    // Each cache settled, then read whole and recorded by one start more (settledCodeCache).
    for (let i = 0; i < servers.length; i++) {
      await settledCodeCache(envs[i][CODE_CACHE_ENV] as string);
      await startup(servers[i], seedUri, seed, 1, { execArgv: EXTENSION_OPTIONS, env: () => envs[i] });
    }
    for (let p = 0; p < o.pairs; p++) {
      const order = servers.map((_, i) => i);
      if (p % 2 === 1) order.reverse();
      for (const i of order) {
        const load = fmt(os.loadavg());
        if (o.count) {
          const dir = path.join(o.count, `pair-${p + 1}-server-${i + 1}`);
          fs.mkdirSync(dir, { recursive: true });
          const wrap = ['valgrind', '--tool=callgrind', '--trace-children=yes', '--separate-threads=yes', '--smc-check=all-non-file', `--callgrind-out-file=${path.join(dir, 'callgrind.out.%p')}`];
          log(`start-up under callgrind: ${servers[i]} (pair ${p + 1})`);
          const r = await startup(servers[i], seedUri, seed, 1, { execArgv: EXTENSION_OPTIONS, env: () => envs[i], wrap, exitAtAnswer: true });
          const threads = callgrindThreads(dir).filter(([, n]) => n >= 1e6);
          out.push(`pair ${p + 1}, ${servers[i]}: ${ms(r.firstDiagnostics.p50)} under callgrind, ${r.diagnostics[0]} diagnostics, load ${load}; M instructions by thread: ${threads.map(([t, n]) => `${t} ${(n / 1e6).toFixed(1)}`).join(', ')}`, ...callgrindParts(dir, threads.filter(([, n]) => n >= 100e6)));
        } else {
          log(`start-up: ${servers[i]} (pair ${p + 1})`);
          const r = await startup(servers[i], seedUri, seed, o.startRuns, { execArgv: EXTENSION_OPTIONS, env: () => envs[i] });
          out.push(
            `pair ${p + 1}, ${servers[i]}: first diagnostics p50 ${ms(r.firstDiagnostics.p50)}, quickest ${ms(r.firstDiagnostics.min)}; initialize p50 ${ms(r.initialized.p50)}; empty Node process p50 ${ms(r.emptyProcess.p50)}; diagnostics ${[...new Set(r.diagnostics)].join(', ')}; load ${load}`,
          );
        }
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(`${[`Start-up, ${o.count ? 'one start under callgrind' : `${o.startRuns} starts`} of each bundle a pair; load average ${fmt(loadBefore)} at the start, ${fmt(os.loadavg())} at the end.`, ...out].join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------
// Command line

/**
 * The command line on each corpus of varied plans, beside the floor and markdownlint-cli2: every
 * run of plan43 from a copy of the package as a user installs it (its `files`, no out/), its code
 * cache written beside its bundles by one warm-up run before the first measured run; and on the
 * first corpus one run on one thread of the checkout's build (out/), which the series measured up
 * to its twentieth round. The package's folder goes at the end.
 */
function commandLine(o: Options, work: string, sources: Sources): CliResult[] {
  const mdl = o.markdownlint ? markdownlintTool(REPO_ROOT) : undefined;
  const pkg: InstalledPackage = installPackage(REPO_ROOT, work);
  log(`command line: the package copied (${pkg.files.length} files, no out/)`);
  const cli: CliResult[] = [];
  try {
    for (let i = 0; i < o.corpora.length; i++) {
      const count = o.corpora[i];
      const dir = path.join(work, `corpus-${count}`);
      log(`corpus: writing ${count} plans`);
      const { bytes } = writeCorpus(sources, dir, count);
      // By default, on the idle cores; on one thread; on every core (the wall-time target's run), unless that is one.
      const cores = allCoresJobs();
      const fromPackage = (jobs?: number): Tool => plan43Tool(REPO_ROOT, pkg.bin, jobs, undefined, pkg.env);
      const tools: Tool[] = [
        floorTool(BENCH_DIR),
        fromPackage(),
        fromPackage(1),
        ...(cores > 1 ? [fromPackage(cores)] : []),
        ...(i === 0 ? [plan43Tool(REPO_ROOT, path.join(REPO_ROOT, 'bin', 'plan43.js'), 1, PLAN43_CHECKOUT_ONE_THREAD)] : []),
        ...(mdl ? [mdl] : []),
      ];
      let warmed = { runs: 0, written: [] as string[] };
      if (i === 0) {
        // A user's first runs: on every core, so that the workers' cache is written with the thread's.
        log(`command line: the package's warm-up runs on ${count} plans (its code cache)`);
        warmed = warmUp(fromPackage(cores), dir, count, pkg);
        if (!warmed.written.some((f) => /^server\.bundle\..*\.cache$/.test(f))) throw new Error(`the package's warm-up wrote no code cache (${warmed.written.join(', ') || 'nothing'})`);
      }
      const before = packageCodeCache(pkg);
      log(`command line: ${count} plans × ${o.cliRepeat[i] ?? 1}`);
      const runs = runTools(tools, dir, count, o.cliRepeat[i] ?? 1);
      cli.push({ files: count, bytes, runs, cache: { warmUpRuns: warmed.runs, warmUp: warmed.written, written: cacheWritten(before, packageCodeCache(pkg)) } });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(path.dirname(pkg.root), { recursive: true, force: true });
  }
  return cli;
}

/** `--only cli`: the command line's tables alone (corpora from `--plans`), printed; nothing is written. */
function cliOnly(o: Options): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-bench-'));
  const loadBefore = os.loadavg();
  let cli: CliResult[];
  try {
    cli = commandLine(o, work, loadSources(FIXTURES));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const load = (l: number[]): string => l.map((x) => x.toFixed(2)).join(', ');
  process.stdout.write(`Load average ${load(loadBefore)} at the start, ${load(os.loadavg())} at the end.\n${cli.map(cliTable).join('\n')}\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage());
    return;
  }
  const unknown = unknownArguments(argv);
  if (unknown.length > 0) {
    process.stderr.write(`bench: not an option: ${unknown.join(' ')} (node out/bench/run.js --help lists them)\n`);
    process.exitCode = 2;
    return;
  }
  const o = parseOptions(argv);
  if (o.editsOnly) return editsOnly(o);
  if (o.startupOnly) return startupOnly(o);
  if (o.cliOnly) return cliOnly(o);
  const t0 = now();
  const started = new Date();
  const loadBefore = os.loadavg();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plan43-bench-'));
  log(`working folder ${work}`);
  const sources = loadSources(FIXTURES);
  const kbase = loadKnowledge({ schemasDir: path.join(REPO_ROOT, 'schemas') }).kb;
  const results: Results = {
    started,
    seconds: 0,
    loadBefore,
    loadAfter: [],
    ...(o.markdownlint && markdownlintVersion(REPO_ROOT) ? { markdownlint: markdownlintVersion(REPO_ROOT)! } : {}),
    latency: [],
    push: [],
    requests: [],
    preview: [],
    growth: [],
    cli: [],
    start: [],
    memory: [],
    provinces: [],
    pkg: { bundles: [] },
    hostile: [],
    cliMemory: [],
    worker: [],
  };
  try {
    const plans = new Map<string, PlanInput>();
    const planFor = (layout: Layout, target: number): PlanInput => {
      const key = `${layout}:${target}`;
      let found = plans.get(key);
      if (!found) {
        found = makePlan(sources, layout, target, work);
        plans.set(key, found);
      }
      return found;
    };

    // Latency on the two key sizes, in both layouts, with completion and hover.
    for (const target of o.robustnessOnly ? [] : o.keySizes) {
      for (const layout of ['wrapped', 'paragraph'] as Layout[]) {
        const plan = planFor(layout, target);
        log(`pull latency: ${layout} ${plan.lines} lines`);
        results.latency.push({ plan, result: await pullLatency(plan.uri, plan.text, o.edits, EXTENSION_OPTIONS) });
        log(`completion and hover: ${layout} ${plan.lines} lines`);
        results.requests.push({ plan, result: await requestLatency(plan.uri, plan.text, o.requestEdits) });
        log(`preview: ${layout} ${plan.lines} lines`);
        results.preview.push({ plan, result: await previewLatency(plan.uri, plan.text, o.requestEdits) });
      }
      const wrapped = planFor('wrapped', target);
      log(`push latency: wrapped ${wrapped.lines} lines`);
      results.push.push({ plan: wrapped, ...(await pushLatency(wrapped.uri, wrapped.text, o.pushEdits)) });
    }

    // Growth: in-process cost and the server, for every size in both layouts.
    for (const layout of o.robustnessOnly ? [] : (['wrapped', 'paragraph'] as Layout[])) {
      for (const target of o.growthSizes) {
        const plan = planFor(layout, target);
        log(`growth: ${layout} ${plan.lines} lines`);
        const core = coreCost(plan.uri, plan.text, kbase, plan.chars > 3_000_000 ? 3 : plan.chars > 500_000 ? 5 : 15);
        const known = results.latency.find((x) => x.plan === plan)?.result;
        const lsp = known ?? (await pullLatency(plan.uri, plan.text, plan.chars > 3_000_000 ? Math.min(30, o.requestEdits) : o.requestEdits, EXTENSION_OPTIONS));
        results.growth.push({ plan, core, lsp });
      }
    }

    if (!o.robustnessOnly) {
      // The package first: building it (when the repository's is missing or older than the sources)
      // also rebuilds dist/, which the start-up and memory measurements then use.
      log('package');
      results.pkg = packageInfo(REPO_ROOT, o.buildPackage);

      // Start-up: the built server (what the tests run) and the bundle the extension ships.
      const seed = fs.readFileSync(path.join(FIXTURES, 'seed-002-ha-tinh.md'), 'utf8');
      const seedUri = pathToFileURL(path.join(FIXTURES, 'seed-002-ha-tinh.md')).href;
      const servers: Array<[string, string]> = [['bundled server (`dist/server.js`)', path.join(REPO_ROOT, 'dist', 'server.js')], ['built server (`out/server/src/main.js`)', path.join(REPO_ROOT, 'out', 'server', 'src', 'main.js')]];
      const [bundledName, bundledScript] = servers[0];
      if (fs.existsSync(bundledScript)) {
        // As the extension starts it: its Node options and environment, and its code cache in a folder of its own,
        // made by an earlier start and settled; and the first start after an install or update, with none yet.
        const cacheRoot = fs.mkdtempSync(path.join(work, 'code-cache-'));
        const made = { ...process.env, ...EXTENSION_ENV, [CODE_CACHE_ENV]: path.join(cacheRoot, 'made') };
        const fresh = (run: number): NodeJS.ProcessEnv => ({ ...process.env, ...EXTENSION_ENV, [CODE_CACHE_ENV]: path.join(cacheRoot, `first-${run}`) });
        log(`start-up: ${bundledName}`);
        await startup(bundledScript, seedUri, seed, 1, { execArgv: EXTENSION_OPTIONS, env: () => made });
        // Settled, then read whole and recorded by one start more, as an editor's next start finds it (settledCodeCache).
        await settledCodeCache(made[CODE_CACHE_ENV]);
        await startup(bundledScript, seedUri, seed, 1, { execArgv: EXTENSION_OPTIONS, env: () => made });
        results.start.push({ server: `${bundledName}, its code cache made and settled`, result: await startup(bundledScript, seedUri, seed, o.startRuns, { execArgv: EXTENSION_OPTIONS, env: () => made }) });
        results.start.push({ server: `${bundledName}, first start (no code cache yet)`, result: await startup(bundledScript, seedUri, seed, o.startRuns, { execArgv: EXTENSION_OPTIONS, env: fresh }) });
        results.opened = await startup(bundledScript, seedUri, seed, o.startRuns, { execArgv: EXTENSION_OPTIONS, env: () => made, openAfterMs: OPEN_AFTER_MS });
      }
      const [builtName, builtScript] = servers[1];
      if (fs.existsSync(builtScript)) {
        log(`start-up: ${builtName}`);
        results.start.push({ server: builtName, result: await startup(builtScript, seedUri, seed, o.startRuns) });
      }
      const extensionBundle = path.join(REPO_ROOT, 'dist', 'extension.js');
      if (fs.existsSync(extensionBundle)) {
        log('extension module load');
        results.extension = extensionLoad(extensionBundle, o.startRuns);
      }

      // Memory with 1, 10, 100 plans open, in the server the extension starts (the bundle when there is one).
      const memoryServer = servers.map(([name, script]) => ({ name, script })).find((x) => fs.existsSync(x.script));
      if (memoryServer) {
        results.memoryServer = memoryServer.name;
        const largest = Math.max(...o.openCounts);
        const runs: Array<{ count: number; flags: readonly string[] }> = [...o.openCounts.map((count) => ({ count, flags: EXTENSION_OPTIONS })), { count: largest, flags: [] }];
        for (const { count, flags } of runs) {
          log(`memory: ${count} plans open ${flags.join(' ')}`);
          const texts = Array.from({ length: count }, (_, i) => ({ uri: pathToFileURL(path.join(work, 'open', `ke-hoach-${i}.md`)).href, text: variedPlan(sources, 50_000 + i) }));
          const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t.text, 'utf8'), 0);
          results.memory.push({ open: count, bytes, flags: flags.join(' '), ...(await memoryWithOpen(memoryServer.script, texts, flags, flags === EXTENSION_OPTIONS ? { ...process.env, ...EXTENSION_ENV } : process.env, !o.smoke)) });
        }
      }

      // Command line on corpora of varied plans, side by side with markdownlint-cli2 and the floor.
      results.cli = commandLine(o, work, sources);
    }

    // Robustness: hostile inputs by size, the command line's memory by number of files, the worker's cost.
    results.hostile = hostileInputs(o.robustSizes, !o.smoke, log);
    results.cliMemory = cliMemory(sources, o.cliMemoryCounts, log);
    log('robustness: the check worker');
    results.worker = await workerCost(sources, o.workerRuns);

    // A province's folder: the workspace checked as a set, by the command line and the server.
    for (const plans of o.provinces) {
      const dir = path.join(work, `province-${plans}`);
      log(`province: writing ${plans} commune plans`);
      const province = writeProvince(path.join(REPO_ROOT, 'test', 'fixtures', 'province'), dir, plans);
      const files = province.files;
      log(`province: command line on ${files} plans`);
      const cli = runTools(provinceTools(REPO_ROOT, path.join(work, `review-${plans}.html`), files), dir, files, o.smoke ? 1 : 3);
      log(`province: server on ${files} plans`);
      const server = await serverOnProvince(province, o.provinceKeystrokes, o.provinceChanges);
      log(`province: index of ${files} plans`);
      const index = await indexCost(province, kbase, o.smoke ? 2 : 50);
      results.provinces.push({ plans, files, bytes: province.bytes, cli, server, index });
      fs.rmSync(dir, { recursive: true, force: true });
    }

  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  results.seconds = (now() - t0) / 1000;
  results.loadAfter = os.loadavg();
  const robustness = renderRobustness(results, o);
  if (o.robustnessOnly) {
    process.stdout.write(robustness);
    if (o.write) {
      writeInto(RELIABILITY_PAGE, robustness, [ROBUSTNESS_START, ROBUSTNESS_END]);
      log(`results written into ${RELIABILITY_PAGE}`);
    }
    return;
  }
  const text = render(results, o);
  process.stdout.write(`${text}\n### Robustness\n\n${robustness}`);
  if (o.write) {
    writeInto(o.write, text);
    writeInto(RELIABILITY_PAGE, robustness, [ROBUSTNESS_START, ROBUSTNESS_END]);
    log(`results written into ${o.write} and ${RELIABILITY_PAGE}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
