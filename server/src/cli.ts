// The `plan43` command line: checks plans (findings, a report or SARIF), imports plans from Word or PDF text, exports them to Word.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isIsoDate, isoDateOf } from './core/data/as-of';
import { checkText, CheckOptions } from './core/engine';
import { withWorkspace } from './core/workspace/knowledge';
import { PlanSummary, summarizePlan } from './core/workspace/summary';
import { Finding, Lang, Level, Mode, SEVERITY_ORDER } from './core/findings';
import { fixAll } from './core/fix';
import { importReportJson, importReportSarif, importReportText } from './core/report/import-report';
import { readableReport } from './core/report/readable';
import { toSarif } from './core/report/sarif';
import { RULE_METADATA, findRule } from './core/rules/index';
import { MAX_PLAN_CHARS } from './core/limits';
import { LineIndex } from './core/text/line-index';
import { collectFiles } from './node/files';
import { findSchemasDir, loadKnowledge, LoadedKnowledge } from './node/knowledge';
import { reviewHtml } from './node/review';
import { planEntriesOf } from './node/workspace';
import { byteCapFor, DecodedText, encodeText, readText } from './node/text-file';

/**
 * The Word reader and writer (JSZip, docx and their dependencies), loaded by import and export
 * only: loading them took a third of the start-up of `plan43 check`, which never uses them.
 */
function word(): typeof import('./node/word') {
  return require('./node/word') as typeof import('./node/word');
}

type Format = 'text' | 'json' | 'sarif' | 'report' | 'html';

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
  /** "-o" was given (accepted by import and export only). */
  shortOutput?: boolean;
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
                          danh mục …) và ghi lại tệp; không chèn phần hay nhóm nhiệm vụ còn thiếu
  --output TỆP, -o TỆP    ghi kết quả ra tệp thay vì màn hình
  -h, --help              hướng dẫn này;  --version  phiên bản

Mã thoát: 0 không có lỗi, 1 có lỗi, 2 dùng sai lệnh hoặc công cụ gặp sự cố.
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
                          registry …) to the files in place; never inserts a missing section or group
  --output FILE, -o FILE  write the result to a file instead of standard output
  -h, --help              this help;  --version  the version

Exit codes: 0 no errors, 1 errors found, 2 usage error or tool failure.
import and export: 0 done, 2 usage error or a file that cannot be read or written.`,
};

function packageRoot(): string {
  return path.dirname(findSchemasDir());
}

function version(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function helpUri(ruleId: string): string {
  return pathToFileURL(path.join(packageRoot(), 'docs', 'rules', `${ruleId}.md`)).href;
}

function parseArgs(argv: readonly string[]): CliOptions | 'help' | 'version' {
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
  };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag}: thiếu giá trị / missing value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
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
        opts.shortOutput = true;
        break;
      case '--rule': {
        const spec = take();
        const m = /^([a-z-]+\.[a-z-]+)=(error|warning|info|hint|off)$/.exec(spec);
        if (!m) throw new UsageError(`--rule: "${spec}" (ví dụ / e.g. section.order=off)`);
        if (!findRule(m[1])) throw new UsageError(`--rule: quy tắc không tồn tại / unknown rule "${m[1]}"`);
        opts.levels[m[1]] = m[2] as Level;
        break;
      }
      default:
        if (arg.startsWith('-')) throw new UsageError(`tùy chọn không hợp lệ / unknown option: ${arg}`);
        if (!opts.command) opts.command = arg;
        else opts.inputs.push(arg);
    }
  }
  if (!opts.command) throw new UsageError('thiếu lệnh / missing command (check)');
  if (!(COMMANDS as readonly string[]).includes(opts.command)) throw new UsageError(`lệnh không hợp lệ / unknown command: ${opts.command}`);
  if (opts.command === 'import' && opts.format === 'report') throw new UsageError('import --format: text|json|sarif');
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

interface FileResult {
  file: string;
  display: string;
  text: string;
  findings: Finding[];
  isPlan: boolean;
}

function formatLine(r: { display: string; text: string }, f: Finding, lines: LineIndex): string {
  const pos = lines.positionAt(f.start);
  return `${r.display}:${pos.line + 1}:${pos.character + 1}: ${f.severity} ${f.ruleId} ${f.message}`;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export function runCli(argv: readonly string[], io: CliIo): number {
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseArgs(argv);
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
  const o = opts;
  if (o.command !== 'check') {
    io.stderr(`plan43: ${o.command}: dùng runCliAsync / use runCliAsync (the command reads and writes files asynchronously)\n`);
    return 2;
  }
  const resolve = (p: string): string => path.resolve(io.cwd, p);
  const loaded = loadKnowledge({
    ...(o.template ? { templateFile: resolve(o.template) } : {}),
    registryFiles: o.registries.map(resolve),
    namesFiles: o.names.map(resolve),
    lang: o.lang,
  });
  const mode: Mode = o.submission ? 'submission' : 'drafting';
  // A plan with no date yet is checked as of today, as it would be in the editor.
  const checkOptions: CheckOptions = { mode, lang: o.lang, levels: o.levels, today: o.today ?? isoDateOf(new Date()) };

  const { files, missing } = collectFiles(o.inputs.map(resolve));
  for (const m of missing) io.stderr(`plan43: ${o.lang === 'vi' ? 'không tìm thấy' : 'not found'}: ${path.relative(io.cwd, m) || m}\n`);

  const display = (file: string): string => {
    const rel = path.relative(io.cwd, file);
    return (rel && !rel.startsWith('..') ? rel : file).split(path.sep).join('/');
  };
  // Every plan given is an entry of the registry for the others: read their metadata first.
  const workspace = planEntriesOf(files, display, loaded.kb);
  const kb = withWorkspace(loaded.kb, workspace);
  const summaries: PlanSummary[] = [];

  const results: FileResult[] = [];
  // Findings on data files obey --rule like any other; only an error (a file left unused) fails the run.
  let failed = missing.length > 0;
  for (const df of loaded.dataFindings) {
    const findings = df.findings
      .map((f) => ({ ...f, severity: o.levels[f.ruleId] ?? f.severity }))
      .filter((f): f is Finding => f.severity !== 'off');
    if (findings.length === 0) continue;
    if (df.findings.some((f) => f.severity === 'error')) failed = true;
    results.push({ file: df.file, display: display(df.file), text: df.text, findings, isPlan: false });
    // The review page is about plans: a broken data file is said where the other formats say it, beside it.
    if (o.format === 'html') {
      const lines = new LineIndex(df.text);
      for (const f of findings) io.stderr(`${formatLine({ display: display(df.file), text: df.text }, f, lines)}\n`);
    }
  }
  for (const file of files) {
    let decoded: DecodedText;
    try {
      // UTF-8 or UTF-16 (by its byte order mark); a file far over the size limit is read only far
      // enough to be reported as too large.
      decoded = readText(file, { maxBytes: byteCapFor(MAX_PLAN_CHARS) });
    } catch (err) {
      io.stderr(`plan43: ${display(file)}: ${(err as Error).message}\n`);
      failed = true;
      continue;
    }
    let text = decoded.text;
    if (o.fix) {
      const fixed = fixAll(text, (t) => checkText(file, t, kb, checkOptions).findings);
      if (fixed.text !== text) {
        if (decoded.lossy || decoded.truncated) {
          // Writing back text with U+FFFD in place of bytes that were not UTF-8 would destroy them.
          io.stderr(
            o.lang === 'vi'
              ? `plan43: ${display(file)}: không ghi các sửa tự động: tệp có byte không phải UTF-8, ghi lại sẽ làm mất nội dung gốc\n`
              : `plan43: ${display(file)}: fixes not written: the file has bytes that are not UTF-8, and writing it would destroy them\n`,
          );
        } else {
          // Written back in the encoding it was read in (a UTF-16 file stays UTF-16).
          fs.writeFileSync(file, encodeText(fixed.text, decoded.encoding));
          text = fixed.text;
        }
      }
    }
    const { plan, findings } = checkText(file, text, kb, checkOptions);
    if (plan.isPlan) results.push({ file, display: display(file), text, findings, isPlan: true });
    // The review needs every plan's summary at the end: a few numbers each, not its text.
    if (plan.isPlan && o.format === 'html') summaries.push(summarizePlan(plan, kb, findings, { uri: file, label: display(file) }, o.lang, checkOptions.today));
  }

  const all = results.flatMap((r) => r.findings);
  const count = (s: string): number => all.filter((f) => f.severity === s).length;
  let output: string;
  switch (o.format) {
    case 'json':
      output = `${JSON.stringify(
        {
          mode,
          files: results.map((r) => {
            const lines = new LineIndex(r.text);
            return {
              path: r.display,
              findings: r.findings.map((f) => {
                const s = lines.positionAt(f.start);
                const e = lines.positionAt(f.end);
                return { ...f, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
              }),
            };
          }),
          summary: { files: results.filter((r) => r.isPlan).length, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint') },
        },
        null,
        2,
      )}\n`;
      break;
    case 'sarif':
      output = `${JSON.stringify(
        toSarif(
          results.map((r) => ({ uri: r.display, text: r.text, findings: r.findings })),
          {
            toolName: 'plan43',
            toolVersion: version(),
            helpUri,
            lang: o.lang,
            rules: RULE_METADATA,
            baseUri: pathToFileURL(io.cwd + path.sep).href,
          },
        ),
        null,
        2,
      )}\n`;
      break;
    case 'html': {
      // Links from the page to the plans, relative to where the page is written.
      const base = o.output ? path.dirname(resolve(o.output)) : io.cwd;
      output = reviewHtml(summaries, {
        lang: o.lang,
        mode,
        taskGroups: kb.template.taskGroups,
        generator: `plan43 ${version()}`,
        link: (file, line) => {
          const rel = path.relative(base, file).split(path.sep).map(encodeURIComponent).join('/');
          return line ? `${rel}#L${line}` : rel;
        },
      });
      break;
    }
    case 'report':
      output = readableReport(
        results.map((r) => ({ path: r.display, text: r.text, findings: r.findings })),
        { lang: o.lang, mode, rules: RULE_METADATA, helpUri },
      );
      break;
    default: {
      const lines: string[] = [];
      for (const r of results) {
        const index = new LineIndex(r.text);
        const sorted = [...r.findings].sort((a, b) => a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
        for (const f of sorted) lines.push(formatLine(r, f, index));
      }
      const plans = results.filter((r) => r.isPlan).length;
      lines.push(
        o.lang === 'vi'
          ? `${plans} kế hoạch: ${count('error')} lỗi, ${count('warning')} cảnh báo, ${count('info') + count('hint')} gợi ý.`
          : `${plans} plan(s): ${count('error')} error(s), ${count('warning')} warning(s), ${count('info') + count('hint')} suggestion(s).`,
      );
      output = `${lines.join('\n')}\n`;
    }
  }
  if (o.output) fs.writeFileSync(resolve(o.output), output, 'utf8');
  else io.stdout(output);
  if (failed) return 2;
  return count('error') > 0 ? 1 : 0;
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
    for (const f of df.findings) io.stderr(`plan43: ${path.relative(io.cwd, df.file) || df.file}: ${f.ruleId} ${f.message}\n`);
  }
  return 2;
}

/** `plan43 import FILE.docx|FILE.txt [-o plan.md]`: the Markdown plan, then what was repaired and inferred. */
async function runImport(o: CliOptions, io: CliIo): Promise<number> {
  const input = path.resolve(io.cwd, o.inputs[0]);
  const shown = path.relative(io.cwd, input).split(path.sep).join('/') || input;
  if (!fs.existsSync(input) || !fs.statSync(input).isFile()) {
    io.stderr(`plan43: ${o.lang === 'vi' ? 'không tìm thấy' : 'not found'}: ${o.inputs[0]}\n`);
    return 2;
  }
  const loaded = knowledgeFor(o, io);
  if (typeof loaded === 'number') return loaded;
  const result = await word().importPlanFile(input, loaded.kb);
  // With -o the report goes to standard output; without it, standard output is the plan itself.
  const report = (t: string): void => (o.output ? io.stdout(t) : io.stderr(t));
  if (o.output) fs.writeFileSync(path.resolve(io.cwd, o.output), result.markdown, 'utf8');
  else io.stdout(result.markdown);
  if (o.format === 'json') report(`${JSON.stringify(importReportJson(result, shown, o.lang), null, 2)}\n`);
  else if (o.format === 'sarif') {
    const sarif = importReportSarif(result, pathToFileURL(input).href, { toolName: 'plan43', toolVersion: version(), lang: o.lang });
    report(`${JSON.stringify(sarif, null, 2)}\n`);
  } else report(importReportText(result, shown, o.lang));
  return 0;
}

/** `plan43 export plan.md [-o plan.docx|plan.html]`: the official Word document, or the same layout as a web page. */
async function runExport(o: CliOptions, io: CliIo): Promise<number> {
  const input = path.resolve(io.cwd, o.inputs[0]);
  if (!fs.existsSync(input) || !fs.statSync(input).isFile()) {
    io.stderr(`plan43: ${o.lang === 'vi' ? 'không tìm thấy' : 'not found'}: ${o.inputs[0]}\n`);
    return 2;
  }
  const output = o.output ? path.resolve(io.cwd, o.output) : input.replace(/\.(md|markdown|ya?ml)$/iu, '') + '.docx';
  if (output === input) {
    io.stderr('plan43: export: tệp ra trùng tệp kế hoạch / the output would overwrite the plan\n');
    return 2;
  }
  const loaded = knowledgeFor(o, io);
  if (typeof loaded === 'number') return loaded;
  const shown = (p: string): string => path.relative(io.cwd, p).split(path.sep).join('/') || p;
  const result = await word().exportPlanFile(input, output, loaded.kb, { lang: o.lang });
  for (const p of result.problems) io.stderr(`${shown(input)}: ${p[o.lang]}\n`);
  for (const w of result.warnings) io.stderr(`${shown(input)}: ${o.lang === 'vi' ? 'cảnh báo' : 'warning'}: ${w[o.lang]}\n`);
  io.stdout(o.lang === 'vi' ? `Đã xuất ${shown(output)}.\n` : `Wrote ${shown(output)}.\n`);
  return 0;
}

/**
 * The whole command line: check (synchronous, as `runCli`), import and export (they read and
 * write Word files, which is asynchronous). Failures of import and export exit with 2.
 */
export async function runCliAsync(argv: readonly string[], io: CliIo): Promise<number> {
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) return runCli(argv, io);
    throw err;
  }
  if (opts === 'help' || opts === 'version' || opts.command === 'check') return runCli(argv, io);
  try {
    return opts.command === 'import' ? await runImport(opts, io) : await runExport(opts, io);
  } catch (err) {
    io.stderr(`plan43: ${opts.command}: ${(err as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  runCliAsync(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`plan43: ${(err as Error).stack ?? String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
