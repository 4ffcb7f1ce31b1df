// What `plan43 check` does with one file — read, fix (--fix), check, format its part of the output — the same on the command line's thread and on its worker threads, so that a parallel run writes what a serial run writes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { KnowledgeBase } from '../core/data/types';
import { checkText, CheckOptions } from '../core/engine';
import { Lang, Level, Localized, Mode, Severity } from '../core/findings';
import { fixAll } from '../core/fix';
import { MAX_FIXES_PER_RULE, MAX_PLAN_CHARS } from '../core/limits';
import { jsonFormat, reportFormat, sarifFormat, StreamedFormat, textFormat } from '../core/report/output';
import { RULE_METADATA } from '../core/rules/index';
import { PlanSummary, summarizePlan } from '../core/workspace/summary';
import { failureReason, FilePath, lossyPath, pathText, relativePath } from './files';
import { findSchemasDir } from './knowledge';
import { isInsideAny } from './paths';
import { FileStamp, readWithStamp, writeFileAtomic, WriteRefused } from './safe-write';
import { byteCapFor, decodeText, DecodedText, encodeText, readText } from './text-file';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'report' | 'html';

/** What the check of a file depends on besides the knowledge: plain data, copied to worker threads. */
export interface FileCheckSettings {
  format: OutputFormat;
  lang: Lang;
  mode: Mode;
  levels: Record<string, Level>;
  /** The day a plan with no date yet is checked as of (yyyy-mm-dd). */
  today: string;
  fix: boolean;
  /** --fix may write through a symbolic link that leaves its folder, or a file with several hard links. */
  allowLinks: boolean;
  /** The folder paths are shown relative to. */
  cwd: string;
  /** The run checks many files (CheckOptions.manyPlans): what a rule makes once for all of them pays. */
  manyPlans?: boolean;
}

/** One file's result as the writer of the output needs it: a few numbers and the file's part, never its text. */
export interface FileOutcome {
  /** False when something went wrong with this file (said in `complaints`): the run exits with 2. */
  ok: boolean;
  /** What is said about this file on standard error, in order. */
  complaints: string[];
  /** The file's part of the output (`StreamedFormat.file`), empty when it is not a plan. */
  part: string;
  isPlan: boolean;
  counts: Record<Severity, number>;
  /** For the review page (--format html): the plan's summary. */
  summary?: PlanSummary;
}

function packageRoot(): string {
  return path.dirname(findSchemasDir());
}

export function version(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function helpUri(ruleId: string): string {
  return pathToFileURL(path.join(packageRoot(), 'docs', 'rules', `${ruleId}.md`)).href;
}

/**
 * The format a run writes its results in, file by file. The review page (html) is written whole at
 * the end from the plans' summaries: its files have no part of their own.
 */
export function formatFor(s: Pick<FileCheckSettings, 'format' | 'lang' | 'mode' | 'cwd'>): StreamedFormat {
  switch (s.format) {
    case 'json':
      return jsonFormat(s.mode);
    case 'sarif':
      return sarifFormat({ toolName: 'plan43', toolVersion: version(), helpUri, lang: s.lang, rules: RULE_METADATA, baseUri: pathToFileURL(s.cwd + path.sep).href });
    case 'report':
      return reportFormat({ lang: s.lang, mode: s.mode, rules: RULE_METADATA, helpUri });
    case 'html':
      return { begin: () => '', file: () => '', place: (part) => part, end: () => '' };
    default:
      return textFormat(s.lang);
  }
}

/** The path as shown in data (JSON, SARIF, the report, the review page). */
export function shownData(file: FilePath, cwd: string): string {
  return pathText(relativePath(file, cwd), false);
}

/** The path as shown on a line of text: line breaks and control characters escaped. */
export function shownLine(file: FilePath, cwd: string): string {
  return pathText(relativePath(file, cwd), true);
}

function say(lang: Lang, text: Localized): string {
  return text[lang];
}

const MESSAGES = {
  lossy: {
    vi: 'không ghi các sửa tự động: tệp có byte không phải UTF-8, ghi lại sẽ làm mất nội dung gốc',
    en: 'fixes not written: the file has bytes that are not UTF-8, and writing it would destroy them',
  },
  linkOut: {
    vi: 'không ghi các sửa tự động: tệp là liên kết tượng trưng trỏ ra ngoài thư mục của nó ({target}); thêm --allow-links nếu muốn ghi vào tệp đó',
    en: 'fixes not written: the file is a symbolic link that points out of its folder ({target}); add --allow-links to write to that file',
  },
  hardLinks: {
    vi: 'không ghi các sửa tự động: tệp có {count} tên (liên kết cứng), các tên khác sẽ giữ nội dung cũ; thêm --allow-links nếu muốn ghi',
    en: 'fixes not written: the file has {count} names (hard links), and the others would keep the old text; add --allow-links to write it',
  },
} satisfies Record<string, Localized>;

/**
 * Why --fix must not write a file, or undefined. A symbolic link named on the command line is
 * written through (its target changes, the link stays) only when the target lies in the link's
 * own folder; a file with several hard links would be split from its other names by the rename.
 */
function linkRefusal(file: FilePath, s: FileCheckSettings): string | undefined {
  if (s.allowLinks) return undefined;
  const link = fs.lstatSync(file);
  if (link.isSymbolicLink()) {
    const target = fs.realpathSync.native(lossyPath(file));
    if (typeof file !== 'string' || !isInsideAny(target, [path.dirname(file)])) return say(s.lang, MESSAGES.linkOut).replace('{target}', target);
  }
  const st = fs.statSync(file);
  if (st.nlink > 1) return say(s.lang, MESSAGES.hardLinks).replace('{count}', String(st.nlink));
  return undefined;
}

/**
 * Reads, fixes (with --fix) and checks one file, and formats its part of the output. Anything that
 * goes wrong with this file is said in `complaints` and the run goes on with the next one.
 */
export function checkOneFile(file: FilePath, kb: KnowledgeBase, s: FileCheckSettings, format: StreamedFormat): FileOutcome {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const outcome: FileOutcome = { ok: true, complaints: [], part: '', isPlan: false, counts };
  const uri = lossyPath(file);
  const cap = byteCapFor(MAX_PLAN_CHARS);
  const checkOptions: CheckOptions = { mode: s.mode, lang: s.lang, levels: s.levels, today: s.today, manyPlans: s.manyPlans === true };
  let decoded: DecodedText;
  let stamp: FileStamp | undefined;
  try {
    // UTF-8 or UTF-16 (by its byte order mark); a file far over the size limit is read only far
    // enough to be reported as too large. With --fix, what was read is stamped, so that a save
    // made meanwhile is not overwritten.
    if (s.fix && fs.statSync(file).isFile() && fs.statSync(file).size <= cap) {
      const read = readWithStamp(file);
      decoded = decodeText(read.bytes);
      stamp = read.stamp;
    } else decoded = readText(file, { maxBytes: cap });
  } catch (err) {
    outcome.ok = false;
    outcome.complaints.push(failureReason(err));
    return outcome;
  }
  let text = decoded.text;
  if (s.fix) {
    const fixed = fixAll(text, (t) => checkText(uri, t, kb, { ...checkOptions, maxFindingsPerRule: MAX_FIXES_PER_RULE }).findings);
    if (fixed.text !== text) {
      // Writing back text with U+FFFD in place of bytes that were not UTF-8 would destroy them.
      const refusal = decoded.lossy || decoded.truncated || !stamp ? say(s.lang, MESSAGES.lossy) : linkRefusal(file, s);
      if (refusal) {
        outcome.complaints.push(refusal);
        outcome.ok = false;
      } else {
        try {
          // Written back in the encoding it was read in (a UTF-16 file stays UTF-16), in one piece.
          writeFileAtomic(file, encodeText(fixed.text, decoded.encoding), { shown: shownLine(file, s.cwd), unchangedSince: stamp });
          text = fixed.text;
        } catch (err) {
          if (!(err instanceof WriteRefused)) throw err;
          outcome.complaints.push(err.say(s.lang));
          outcome.ok = false;
        }
      }
    }
  }
  const { plan, findings } = checkText(uri, text, kb, checkOptions);
  if (!plan.isPlan) return outcome;
  outcome.isPlan = true;
  for (const f of findings) counts[f.severity]++;
  const display = shownData(file, s.cwd);
  outcome.part = format.file({ display, displayLine: shownLine(file, s.cwd), text, findings, isPlan: true });
  if (s.format === 'html') outcome.summary = summarizePlan(plan, kb, findings, { uri, label: display }, s.lang, s.today);
  return outcome;
}
