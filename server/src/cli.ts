// The `plan43` command line: checks plans (findings, a report or SARIF), imports plans from Word or PDF text, exports them to Word.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isIsoDate, isoDateOf } from './core/data/as-of';
import { RegistryEntry } from './core/data/types';
import { Finding, Lang, Level, Localized, Mode, Severity } from './core/findings';
import { withWorkspace } from './core/workspace/knowledge';
import { PlanSummary } from './core/workspace/summary';
import { OutputFile, OutputTotals, StreamedFormat, textFormat } from './core/report/output';
import { importReportJson, importReportSarif, importReportText } from './core/report/import-report';
import { findRule } from './core/rules/index';
import { MAX_PLAN_CHARS } from './core/limits';
import { checkOneFile, FileCheckSettings, FileOutcome, formatFor, helpUri, OutputFormat, shownData, shownLine, version } from './node/check-files';
import { checkInParallel, jobsFromEnvironment, namesOneFileTwice, StartedWorkers, startWorkers, threadCount } from './node/check-pool';
import { collectFiles, FilePath, failureReason, pathText, relativePath } from './node/files';
import { loadKnowledge, LoadedKnowledge } from './node/knowledge';
import { writeReviewHtml } from './node/review';
import { ArticleSpool } from './node/review-spool';
import { reviewArticleBody } from './core/report/review';
import { planEntriesOf } from './node/workspace';
import { AtomicFile, InputSet, WriteRefused } from './node/safe-write';
import { YoungSpaceBound } from './node/young-space';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Plans whose heads are read for the registry between two looks at V8's young generation (YoungSpaceBound). */
const ENTRY_BATCH = 50;

/**
 * The Word reader and writer (JSZip, docx and their dependencies), loaded by import and export
 * only: loading them took a third of the start-up of `plan43 check`, which never uses them.
 */
function word(): typeof import('./node/word') {
  return require('./node/word') as typeof import('./node/word');
}

type Format = OutputFormat;

interface CliOptions {
  command: string;
  inputs: string[];
  submission: boolean;
  format: Format;
  lang: Lang;
  template?: string;
  registries: string[];
  names: string[];
  fix: boolean;
  output?: string;
  levels: Record<string, Level>;
  /** The day a plan with no date yet is checked as of (yyyy-mm-dd); the real date by default. */
  today?: string;
  /** --fix may write through a symbolic link that leaves its folder, or a file with several hard links. */
  allowLinks: boolean;
  /** Threads checking files (--jobs); PLAN43_JOBS or the idle cores when not given; 1 checks on one thread. */
  jobs?: number;
}

/** The commands; check runs synchronously, import and export read and write Word files asynchronously. */
const COMMANDS = ['check', 'import', 'export'] as const;

class UsageError extends Error {}

const HELP = {
  vi: `Cách dùng: plan43 check [tệp hoặc thư mục…] [tùy chọn]
           plan43 import TỆP.docx|TỆP.txt [-o kế-hoạch.md]
           plan43 export kế-hoạch.md [-o kế-hoạch.docx|kế-hoạch.html]
           plan43 lsp --stdio   (máy chủ ngôn ngữ cho trình soạn thảo, xem docs/editors.md)

Kiểm tra các kế hoạch thực hiện Nghị quyết 43-NQ/TW (tệp .md hoặc .yaml có "template: nq43").
Các kế hoạch được kiểm tra cùng lần là danh mục văn bản của nhau: kế hoạch viện dẫn một kế hoạch khác
trong số đó (số, ký hiệu và ngày) được đối chiếu ngày, cơ quan ban hành, tên và loại văn bản.
import: chuyển một kế hoạch đang có (Word .docx, hoặc văn bản chép từ Word, PDF) thành kế hoạch Markdown
        và liệt kê các chỗ đã sửa (ghép dòng, bỏ số trang, tách tiêu đề …); không có -o thì in ra màn hình.
        Vị trí trong báo cáo là đoạn của tệp Word (đoạn 12: “…”) hoặc dòng của tệp .txt; --format json|sarif.
export: xuất kế hoạch ra tệp Word theo thể thức văn bản của Đảng (Hướng dẫn 36-HD/VPTW) hoặc văn bản
        hành chính (Nghị định 30/2020/NĐ-CP); không có -o thì ghi cạnh tệp kế hoạch, đuôi .docx;
        -o tệp.html ghi trang web cùng thể thức (trang A4, in được, không cần mạng).

Tùy chọn:
  --submission            dùng mức nghiêm trọng khi trình (kiểm tra trước khi trình)
  --format text|json|sarif|report|html
                          text: mỗi lỗi một dòng "tệp:dòng:cột: mức mã-quy-tắc thông báo" (mặc định)
                          json: dữ liệu; sarif: SARIF 2.1.0 cho CI; report: báo cáo Markdown dễ đọc
                          html: báo cáo rà soát cả thư mục (một trang HTML: danh sách, nhóm nhiệm vụ,
                          viện dẫn văn bản cấp trên, lỗi từng kế hoạch), in được, không cần mạng
  --lang vi|en            ngôn ngữ thông báo (mặc định vi)
  --template TỆP          dùng tệp mẫu riêng thay cho mẫu đi kèm
  --registry TỆP          thêm danh mục văn bản của địa phương (có thể lặp lại)
  --names TỆP             thêm danh mục tên gọi cơ quan, đơn vị (có thể lặp lại)
  --rule MÃ=MỨC           đổi mức của một quy tắc: error, warning, info, hint, off (có thể lặp lại)
  --today NĂM-THÁNG-NGÀY  ngày dùng để xét kế hoạch chưa ghi ngày (mặc định: hôm nay), ví dụ 2024-06-30
  --fix                   sửa tự động các lỗi sửa máy móc được (ký tự, dấu câu, số thứ tự, ngày theo
                          danh mục …) và ghi lại tệp; không chèn phần hay nhóm nhiệm vụ còn thiếu; không ghi
                          nếu tệp vừa bị sửa ở nơi khác, chỉ được đọc, hoặc là liên kết ra ngoài thư mục của nó
  --allow-links           cho --fix ghi qua liên kết tượng trưng trỏ ra ngoài thư mục của nó, hoặc vào tệp
                          có nhiều tên (liên kết cứng)
  --output TỆP, -o TỆP    ghi kết quả ra tệp thay vì màn hình; không bao giờ ghi đè một tệp đầu vào
  --jobs N, -j N          số luồng kiểm tra song song (mặc định: biến môi trường PLAN43_JOBS, không có thì số lõi
                          CPU đang rảnh); 1: kiểm tra tuần tự; kết quả luôn giống nhau và theo cùng thứ tự
  --                      hết tùy chọn: mọi thứ phía sau là tên tệp (plan43 check -- *.md)
  -h, --help              hướng dẫn này;  --version  phiên bản

Mã thoát: 0 không có lỗi, 1 có lỗi, 2 dùng sai lệnh, có tệp hoặc thư mục không đọc, ghi được, hoặc công cụ gặp sự cố.
import và export: 0 thành công, 2 dùng sai lệnh hoặc không đọc, ghi được tệp.`,
  en: `Usage: plan43 check [files or folders…] [options]
       plan43 import FILE.docx|FILE.txt [-o plan.md]
       plan43 export plan.md [-o plan.docx|plan.html]
       plan43 lsp --stdio   (the language server for editors, see docs/editors.md)

Checks implementation plans for Resolution 43-NQ/TW (.md or .yaml files with "template: nq43").
The plans checked together are a registry for one another: a citation of one of them (number, symbol
and date) is checked against it for date, issuer, title and type.
import: turns an existing plan (Word .docx, or text copied from Word or PDF) into a Markdown plan and
        lists what it repaired (joined lines, page numbers, split headings …); without -o it prints it.
        Places in the report are paragraphs of a Word file (paragraph 12: “…”) or lines of a .txt; --format json|sarif.
export: writes the plan as a Word file in the official layout of Party documents (Guideline
        36-HD/VPTW) or state documents (Decree 30/2020/NĐ-CP); without -o, next to the plan as .docx;
        -o file.html writes a web page of the same layout (A4 pages, printable, no network needed).

Options:
  --submission            use submission severities (pre-submission check)
  --format text|json|sarif|report|html
                          text: one finding per line "path:line:col: severity rule-id message" (default)
                          json: data; sarif: SARIF 2.1.0 for CI; report: a readable Markdown report
                          html: the review of the whole folder (one printable HTML page: the plans, task
                          groups, parent citations, each plan's findings), no network needed
  --lang vi|en            language of messages (default vi)
  --template FILE         use your own template instead of the bundled one
  --registry FILE         add a registry of local documents (repeatable)
  --names FILE            add a register of names of bodies and units (repeatable)
  --rule ID=LEVEL         set a rule's level: error, warning, info, hint, off (repeatable)
  --today YYYY-MM-DD      the day a plan with no date yet is checked as of (default: today), e.g. 2024-06-30
  --fix                   apply mechanical fixes (characters, punctuation, numbering, dates from the
                          registry …) to the files in place; never inserts a missing section or group;
                          nothing is written to a file changed meanwhile, a read-only file, or a link out of its folder
  --allow-links           let --fix write through a symbolic link that points out of its folder, or to a
                          file with several names (hard links)
  --output FILE, -o FILE  write the result to a file instead of standard output; never one of the input files
  --jobs N, -j N          threads checking files in parallel (default: the PLAN43_JOBS environment variable,
                          else the idle CPU cores); 1 checks one file after another; the output is the same, in the same order
  --                      end of options: everything after it is a file name (plan43 check -- *.md)
  -h, --help              this help;  --version  the version

Exit codes: 0 no errors, 1 errors found, 2 usage error, a file or folder that could not be read or written, or tool failure.
import and export: 0 done, 2 usage error or a file that cannot be read or written.`,
};

export { helpUri };

/**
 * The options. `--` ends them. An argument that looks like an option but is also the name of a file
 * in the current folder is refused: a file named "--output=victim.md", put on the command line by a
 * shell's "*", would otherwise make the run overwrite victim.md.
 */
function parseArgs(argv: readonly string[], cwd: string): CliOptions | 'help' | 'version' {
  const opts: CliOptions = {
    command: '',
    inputs: [],
    submission: false,
    format: 'text',
    lang: 'vi',
    registries: [],
    names: [],
    fix: false,
    levels: {},
    allowLinks: false,
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag}: thiếu giá trị / missing value`);
    return v;
  };
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!optionsEnded && arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      if (!opts.command) opts.command = arg;
      else opts.inputs.push(arg);
      continue;
    }
    if (fs.existsSync(path.resolve(cwd, arg))) {
      throw new UsageError(
        `"${arg}" vừa là tùy chọn vừa là tên một tệp ở đây (có thể do dấu * của shell): đặt -- trước các tên tệp (plan43 check -- *.md) hoặc viết ./${arg} / ` +
          `"${arg}" is both an option and the name of a file here (a shell's * may have put it there): put -- before file names (plan43 check -- *.md) or write ./${arg}`,
      );
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, flag);
      i++;
      return v;
    };
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--version':
        return 'version';
      case '--submission':
        opts.submission = true;
        break;
      case '--fix':
        opts.fix = true;
        break;
      case '--allow-links':
        opts.allowLinks = true;
        break;
      case '--format': {
        const f = take();
        if (!['text', 'json', 'sarif', 'report', 'html'].includes(f)) throw new UsageError(`--format: "${f}" (text|json|sarif|report|html)`);
        opts.format = f as Format;
        break;
      }
      case '--lang': {
        const l = take();
        if (l !== 'vi' && l !== 'en') throw new UsageError(`--lang: "${l}" (vi|en)`);
        opts.lang = l;
        break;
      }
      case '--template':
        opts.template = take();
        break;
      case '--registry':
        opts.registries.push(take());
        break;
      case '--names':
        opts.names.push(take());
        break;
      case '--output':
        opts.output = take();
        break;
      case '--today': {
        const t = take();
        const [y, m, d] = t.split('-').map(Number);
        const real = isIsoDate(t) && isoDateOf(new Date(y, m - 1, d)) === t;
        if (!real) throw new UsageError(`--today: "${t}" (năm-tháng-ngày / yyyy-mm-dd, ví dụ / e.g. 2024-06-30)`);
        opts.today = t;
        break;
      }
      case '-o':
        opts.output = take();
        break;
      case '--jobs':
      case '-j': {
        const j = take();
        if (!/^[1-9]\d{0,2}$/.test(j)) throw new UsageError(`--jobs: "${j}" (1, 2, …)`);
        opts.jobs = Number(j);
        break;
      }
      case '--rule': {
        const spec = take();
        const m = /^([a-z-]+\.[a-z-]+)=(error|warning|info|hint|off)$/.exec(spec);
        if (!m) throw new UsageError(`--rule: "${spec}" (ví dụ / e.g. section.order=off)`);
        if (!findRule(m[1])) throw new UsageError(`--rule: quy tắc không tồn tại / unknown rule "${m[1]}"`);
        opts.levels[m[1]] = m[2] as Level;
        break;
      }
      default:
        throw new UsageError(`tùy chọn không hợp lệ / unknown option: ${arg}`);
    }
  }
  if (!opts.command) throw new UsageError('thiếu lệnh / missing command (check)');
  if (!(COMMANDS as readonly string[]).includes(opts.command)) throw new UsageError(`lệnh không hợp lệ / unknown command: ${opts.command}`);
  if (opts.command === 'import' && (opts.format === 'report' || opts.format === 'html')) throw new UsageError('import --format: text|json|sarif');
  if (opts.command === 'check') {
    if (opts.inputs.length === 0) opts.inputs.push('.');
  } else if (opts.inputs.length !== 1) {
    throw new UsageError(
      opts.command === 'import'
        ? 'import: cần đúng một tệp .docx hoặc .txt / exactly one .docx or .txt file'
        : 'export: cần đúng một tệp kế hoạch .md hoặc .yaml / exactly one .md or .yaml plan',
    );
  }
  return opts;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /**
   * The process ends with the run (the `plan43` command): V8's young generation keeps its bound to
   * the end. Given back, V8 may double it once more in a collection between the run and the exit
   * (seen in about one run in four of a check of the fixture plans), memory for nothing.
   */
  processEnds?: boolean;
}

function say(lang: Lang, text: Localized): string {
  return text[lang];
}

/** Where the output goes: standard output, or a file written in one piece at the end. */
interface Sink {
  write(text: string): void;
  /** The output is complete: the file takes its place. */
  finish(): void;
  /** The run failed: a file named by --output is left as it was. */
  abandon(): void;
}

function stdoutSink(io: CliIo): Sink {
  return { write: (t) => t && io.stdout(t), finish: () => undefined, abandon: () => undefined };
}

function fileSink(file: AtomicFile): Sink {
  return { write: (t) => t && file.write(t), finish: () => file.commit(), abandon: () => file.abort() };
}

export function runCli(argv: readonly string[], io: CliIo): number {
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseArgs(argv, io.cwd);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`plan43: ${err.message}\n${HELP.vi.split('\n')[0]}\n`);
      return 2;
    }
    throw err;
  }
  if (opts === 'help') {
    io.stdout(`${HELP.vi}\n\n${HELP.en}\n`);
    return 0;
  }
  if (opts === 'version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (opts.command !== 'check') {
    io.stderr(`plan43: ${opts.command}: dùng runCliAsync / use runCliAsync (the command reads and writes files asynchronously)\n`);
    return 2;
  }
  try {
    // Called synchronously, the check runs on this thread whatever --jobs says (runCliAsync uses workers).
    return runCheck(opts, io, false) as number;
  } catch (err) {
    return toolFailure(err, io);
  }
}

/** A defect of the tool: said in one line, never as a stack trace. */
function toolFailure(err: unknown, io: CliIo): number {
  io.stderr(`plan43: ${failureReason(err)}\n`);
  return 2;
}

/** `--format html`: the review page, its format, and the plans' summaries it is made from. */
interface ReviewPage {
  format: StreamedFormat;
  /** Keeps a plan's summary for the page: its article made now and kept in a temporary file, its few numbers in memory. */
  keep(summary: PlanSummary): void;
  /** Removes the temporary file. */
  dispose(): void;
}

/**
 * `--format html`: the review of the plans checked as one page, written at the end from the
 * summaries gathered file by file (links to the plans relative to where the page is written),
 * through `write` in pieces as it is made: the page of a large folder is never held whole, and
 * each plan's article is kept out of memory until then (ArticleSpool).
 */
function reviewPage(
  o: CliOptions,
  mode: Mode,
  cwd: string,
  unreadable: ReadonlyArray<{ label: string; message: string }>,
  knowledge: LoadedKnowledge,
  write: (piece: string) => void,
): ReviewPage {
  const base = o.output ? path.dirname(path.resolve(cwd, o.output)) : cwd;
  const options = {
    lang: o.lang,
    mode,
    taskGroups: knowledge.kb.template.taskGroups,
    generator: `plan43 ${version()}`,
    link: (file: string, line?: number): string => {
      const rel = path.relative(base, file).split(path.sep).map(encodeURIComponent).join('/');
      return line ? `${rel}#L${line}` : rel;
    },
    unreadable,
  };
  let spool: ArticleSpool | undefined;
  try {
    spool = new ArticleSpool();
  } catch {
    // No temporary file: the summaries are kept whole and the articles made with the page.
    spool = undefined;
  }
  const summaries: PlanSummary[] = [];
  return {
    keep: (summary) => summaries.push(spool ? spool.add(summary, reviewArticleBody(summary, options)) : summary),
    format: {
      ...formatFor({ format: 'html', lang: o.lang, mode, cwd }),
      end: () => {
        writeReviewHtml(summaries, { ...options, articleBody: (plan) => spool?.article(plan) }, write);
        return '';
      },
    },
    dispose: () => spool?.dispose(),
  };
}

const MESSAGES = {
  notFound: { vi: 'không tìm thấy', en: 'not found' },
  unreadableFolder: { vi: 'không đọc được, bỏ qua', en: 'cannot be read, skipped' },
} satisfies Record<string, Localized>;

/**
 * From this many files a run is checked as one over many plans (CheckOptions.manyPlans): the
 * patterns a rule then makes once for the run (`name.outdated`'s test of a paragraph as written,
 * 12-19 ms in a fresh process) take about 0.6 ms off each plan of the bench's corpus, so a run of a
 * few files is checked as the editor checks one.
 */
const MANY_PLANS = 32;

/**
 * `plan43 check`: every file's findings are written as soon as the file is checked, then forgotten.
 * With `mayUseWorkers` and enough files, the files are checked on worker threads (--jobs) and the
 * result is a promise; their output is the same, in the same order, as on this thread.
 */
function runCheck(o: CliOptions, io: CliIo, mayUseWorkers: boolean): number | Promise<number> {
  const resolve = (p: string): string => path.resolve(io.cwd, p);
  // A plan with no date yet is checked as of today, as it would be in the editor.
  const settings: FileCheckSettings = {
    format: o.format,
    lang: o.lang,
    mode: o.submission ? 'submission' : 'drafting',
    levels: o.levels,
    today: o.today ?? isoDateOf(new Date()),
    fix: o.fix,
    allowLinks: o.allowLinks,
    cwd: io.cwd,
  };
  // The files are listed first, to know the threads, and the workers started before the knowledge
  // is loaded: their start runs meanwhile (measured in docs/benchmarks.md).
  const listed = collectFiles(o.inputs.map(resolve));
  if (listed.files.length >= MANY_PLANS) settings.manyPlans = true;
  let threads = mayUseWorkers ? threadCount(listed.files.length, o.jobs ?? jobsFromEnvironment()) : 0;
  if (threads > 0 && o.fix && namesOneFileTwice(listed.files)) threads = 0;
  const started = threads > 0 ? startWorkers(threads - 1, settings) : undefined;
  try {
    const result = checkListed(o, io, settings, listed, threads, started);
    // Workers not handed to the pool (the run ended before) have no one else to end them.
    if (typeof result === 'number') started?.end();
    return result;
  } catch (err) {
    started?.end();
    throw err;
  }
}

/** The rest of `runCheck`, once the files are listed and any workers started: the knowledge loaded and sent to them, then the run. */
function checkListed(o: CliOptions, io: CliIo, settings: FileCheckSettings, listed: ReturnType<typeof collectFiles>, threads: number, started: StartedWorkers | undefined): number | Promise<number> {
  const resolve = (p: string): string => path.resolve(io.cwd, p);
  const dataFiles = [...(o.template ? [resolve(o.template)] : []), ...o.registries.map(resolve), ...o.names.map(resolve)];
  const loaded = loadKnowledge({
    ...(o.template ? { templateFile: resolve(o.template) } : {}),
    registryFiles: o.registries.map(resolve),
    namesFiles: o.names.map(resolve),
    lang: o.lang,
  });
  started?.give(loaded.kb);
  const { mode } = settings;
  const shownLabel = (file: FilePath): string => shownData(file, io.cwd);
  const shown = (file: FilePath): string => shownLine(file, io.cwd);
  // What could not be read is said on standard error and, on the review page, at its top.
  const unread: Array<{ label: string; message: string }> = [];
  const complain = (file: FilePath, message: string): void => {
    io.stderr(`plan43: ${shown(file)}: ${message}\n`);
    if (o.format === 'html') unread.push({ label: shown(file), message });
  };

  const { files, missing, unreadable } = listed;
  for (const m of missing) complain(m, say(o.lang, MESSAGES.notFound));
  for (const u of unreadable) complain(u.path, `${say(o.lang, MESSAGES.unreadableFolder)} (${u.reason})`);
  let failed = missing.length > 0 || unreadable.length > 0;

  let sink: Sink;
  if (o.output) {
    // The output is never one of the run's inputs: the plans checked, the data files read.
    const inputs = new InputSet();
    for (const f of files) inputs.add(f);
    for (const f of dataFiles) inputs.add(f);
    try {
      sink = fileSink(new AtomicFile(resolve(o.output), { shown: o.output, inputs }));
    } catch (err) {
      if (!(err instanceof WriteRefused)) throw err;
      io.stderr(`plan43: ${err.say(o.lang)}\n`);
      return 2;
    }
  } else sink = stdoutSink(io);

  // The review page needs every plan's summary at the end: a few numbers each, not its text.
  const review = o.format === 'html' ? reviewPage(o, mode, io.cwd, unread, loaded, (piece) => sink.write(piece)) : undefined;
  const format = review?.format ?? formatFor(settings);
  const totals: OutputTotals = { plans: 0, counts: { error: 0, warning: 0, info: 0, hint: 0 } };
  const emit = (result: OutputFile): void => {
    if (result.isPlan) totals.plans++;
    for (const f of result.findings) totals.counts[f.severity]++;
    sink.write(format.place(format.file(result)));
  };
  const emitOutcome = (file: FilePath, outcome: FileOutcome): void => {
    for (const message of outcome.complaints) complain(file, message);
    if (!outcome.ok) failed = true;
    if (outcome.isPlan) totals.plans++;
    for (const severity of SEVERITIES) totals.counts[severity] += outcome.counts[severity];
    sink.write(format.place(outcome.part));
    if (outcome.summary) review?.keep(outcome.summary);
  };
  const close = (): number => {
    try {
      sink.write(format.end(totals));
      sink.finish();
    } finally {
      review?.dispose();
    }
    if (failed) return 2;
    return totals.counts.error > 0 ? 1 : 0;
  };
  const abandon = (err: unknown): number => {
    review?.dispose();
    sink.abandon();
    if (!(err instanceof WriteRefused)) throw err;
    io.stderr(`plan43: ${err.say(o.lang)}\n`);
    return 2;
  };
  try {
    sink.write(format.begin());
    // Findings on data files obey --rule like any other; only an error (a file left unused) fails the run.
    for (const df of loaded.dataFindings) {
      const findings = df.findings
        .map((f) => ({ ...f, severity: o.levels[f.ruleId] ?? f.severity }))
        .filter((f): f is Finding => f.severity !== 'off');
      if (findings.length === 0) continue;
      if (df.findings.some((f) => f.severity === 'error')) failed = true;
      const result = { display: shownLabel(df.file), displayLine: shown(df.file), text: df.text, findings, isPlan: false };
      emit(result);
      // The review page is about plans: a broken data file is said where the other formats say it, beside it.
      if (o.format === 'html') io.stderr(textFormat(o.lang).file(result));
    }
    if (threads === 0) {
      // Every plan given is an entry of the registry for the others: their metadata is read first
      // (here, or on every thread in batches when the files are checked in parallel).
      // V8's young generation kept small over the run (the plans' heads read, then each check):
      // most of what it would add is peak memory.
      const young = new YoungSpaceBound();
      try {
        young.look();
        const named = files.filter((f): f is string => typeof f === 'string');
        const entries: RegistryEntry[] = [];
        for (let i = 0; i < named.length; i += ENTRY_BATCH) {
          for (const entry of planEntriesOf(named.slice(i, i + ENTRY_BATCH), shownLabel, loaded.kb)) entries.push(entry);
          young.look();
        }
        const kb = withWorkspace(loaded.kb, entries);
        for (const file of files) {
          emitOutcome(file, checkOneFile(file, kb, settings, format));
          young.look();
        }
      } finally {
        if (!io.processEnds) young.release();
      }
      return close();
    }
  } catch (err) {
    return abandon(err);
  }
  // The command line's thread checks beside the workers: its young generation kept small too,
  // looked at after each request it handles itself (a batch of plans' heads, the registry, a file)
  // and with each file's answer. V8's factor is the process's: it stops the workers' young
  // generations where they are too (measured in docs/benchmarks.md).
  const young = new YoungSpaceBound({ besideWorkers: true });
  young.look();
  const look = (): void => young.look();
  const onFile = (i: number, outcome: FileOutcome): void => {
    emitOutcome(files[i], outcome);
    young.look();
  };
  return checkInParallel({ files, settings, kb: loaded.kb, threads, onFile, afterOwnRequest: look, ...(started ? { workers: started } : {}) })
    .then(close)
    .catch(abandon)
    .finally(() => {
      if (!io.processEnds) young.release();
    });
}

/** Knowledge for import and export, or the exit code when the user's data files do not load. */
function knowledgeFor(o: CliOptions, io: CliIo): LoadedKnowledge | number {
  const resolve = (p: string): string => path.resolve(io.cwd, p);
  const loaded = loadKnowledge({
    ...(o.template ? { templateFile: resolve(o.template) } : {}),
    registryFiles: o.registries.map(resolve),
    namesFiles: o.names.map(resolve),
    lang: o.lang,
  });
  if (loaded.dataFindings.length === 0) return loaded;
  for (const df of loaded.dataFindings) {
    for (const f of df.findings) io.stderr(`plan43: ${pathText(relativePath(df.file, io.cwd), true)}: ${f.ruleId} ${f.message}\n`);
  }
  return 2;
}

/** The input given to import or export, or undefined (said) when it is not a file. */
function singleInput(o: CliOptions, io: CliIo): string | undefined {
  const input = path.resolve(io.cwd, o.inputs[0]);
  let isFile = false;
  try {
    isFile = fs.statSync(input).isFile();
  } catch {
    // Said below.
  }
  if (!isFile) io.stderr(`plan43: ${say(o.lang, MESSAGES.notFound)}: ${pathText(o.inputs[0], true)}\n`);
  return isFile ? input : undefined;
}

/** The files a command reads: the one named and the user's data files. An output is never one of them. */
function inputsOf(o: CliOptions, io: CliIo, input: string): InputSet {
  const inputs = new InputSet();
  inputs.add(input);
  for (const f of [...(o.template ? [o.template] : []), ...o.registries, ...o.names]) inputs.add(path.resolve(io.cwd, f));
  return inputs;
}

const IMPORT_TOO_LARGE: Localized = {
  vi: 'không ghi kế hoạch nhập: dài {length} ký tự, vượt giới hạn {limit} của một kế hoạch',
  en: 'the imported plan is not written: it is {length} characters long, over the limit of {limit} for a plan',
};

/** `plan43 import FILE.docx|FILE.txt [-o plan.md]`: the Markdown plan, then what was repaired and inferred. */
async function runImport(o: CliOptions, io: CliIo): Promise<number> {
  const input = singleInput(o, io);
  if (!input) return 2;
  const shown = pathText(relativePath(input, io.cwd), true);
  const loaded = knowledgeFor(o, io);
  if (typeof loaded === 'number') return loaded;
  // The output is opened first: a folder that does not exist is said before a long import.
  const output = o.output ? new AtomicFile(path.resolve(io.cwd, o.output), { shown: o.output, inputs: inputsOf(o, io, input) }) : undefined;
  try {
    const result = await word().importPlanFile(input, loaded.kb);
    if (result.markdown.length > MAX_PLAN_CHARS) {
      io.stderr(`plan43: ${say(o.lang, IMPORT_TOO_LARGE).replace('{length}', String(result.markdown.length)).replace('{limit}', String(MAX_PLAN_CHARS))}\n`);
      return 2;
    }
    // With -o the report goes to standard output; without it, standard output is the plan itself.
    const report = (t: string): void => (o.output ? io.stdout(t) : io.stderr(t));
    if (output) {
      output.write(result.markdown);
      output.commit();
    } else io.stdout(result.markdown);
    if (o.format === 'json') report(`${JSON.stringify(importReportJson(result, shown, o.lang), null, 2)}\n`);
    else if (o.format === 'sarif') {
      const sarif = importReportSarif(result, pathToFileURL(input).href, { toolName: 'plan43', toolVersion: version(), lang: o.lang });
      report(`${JSON.stringify(sarif, null, 2)}\n`);
    } else report(importReportText(result, shown, o.lang));
    return 0;
  } finally {
    // Nothing is left behind when the import fails; after a commit there is nothing to remove.
    output?.abort();
  }
}

/** `plan43 export plan.md [-o plan.docx|plan.html]`: the official Word document, or the same layout as a web page. */
async function runExport(o: CliOptions, io: CliIo): Promise<number> {
  const input = singleInput(o, io);
  if (!input) return 2;
  const output = o.output ? path.resolve(io.cwd, o.output) : input.replace(/\.(md|markdown|ya?ml)$/iu, '') + '.docx';
  const loaded = knowledgeFor(o, io);
  if (typeof loaded === 'number') return loaded;
  const shown = (p: string): string => pathText(relativePath(p, io.cwd), true);
  // The plan itself, reached through a symbolic or a hard link, is refused like the plan's own name.
  const result = await word().exportPlanFile(input, output, loaded.kb, { lang: o.lang, write: { shown: shown(output), inputs: inputsOf(o, io, input) } });
  for (const p of result.problems) io.stderr(`${shown(input)}: ${p[o.lang]}\n`);
  for (const w of result.warnings) io.stderr(`${shown(input)}: ${o.lang === 'vi' ? 'cảnh báo' : 'warning'}: ${w[o.lang]}\n`);
  io.stdout(o.lang === 'vi' ? `Đã xuất ${shown(output)}.\n` : `Wrote ${shown(output)}.\n`);
  return 0;
}

/**
 * The whole command line: check (synchronous, as `runCli`), import and export (they read and
 * write Word files, which is asynchronous). Failures of import and export exit with 2, said in
 * one line.
 */
export async function runCliAsync(argv: readonly string[], io: CliIo): Promise<number> {
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseArgs(argv, io.cwd);
  } catch (err) {
    if (err instanceof UsageError) return runCli(argv, io);
    throw err;
  }
  if (opts === 'help' || opts === 'version') return runCli(argv, io);
  if (opts.command === 'check') {
    try {
      return await runCheck(opts, io, true);
    } catch (err) {
      return toolFailure(err, io);
    }
  }
  try {
    return opts.command === 'import' ? await runImport(opts, io) : await runExport(opts, io);
  } catch (err) {
    io.stderr(`plan43: ${opts.command}: ${err instanceof WriteRefused ? err.say(opts.lang) : failureReason(err)}\n`);
    return 2;
  }
}
