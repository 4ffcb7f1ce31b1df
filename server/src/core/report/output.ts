// The command line's output formats written file by file (text lines, JSON, SARIF, the readable report): memory stays flat in the number of files, and the document is the one that would be built at once.

import { Finding, Lang, Mode, SEVERITY_ORDER, Severity } from '../findings';
import { LineIndex } from '../text/line-index';
import { ReportOptions, reportFileLines, reportHead } from './readable';
import { sarifLog, sarifResults, SarifOptions } from './sarif';

/** One file's result as the formats need it. */
export interface OutputFile {
  /** The path as shown in data (JSON, SARIF, the report). */
  display: string;
  /** The path as shown on a line of text: line breaks and control characters escaped. */
  displayLine: string;
  text: string;
  findings: readonly Finding[];
  isPlan: boolean;
}

export interface OutputTotals {
  plans: number;
  counts: Record<Severity, number>;
}

/**
 * A format, in three parts: what comes first, each file's part, and what closes the document.
 * `file` depends on nothing but the file (the command line may compute it on another thread);
 * `place` puts a file's part into the document, in order (separators between the items of an array).
 */
export interface StreamedFormat {
  begin(): string;
  file(result: OutputFile): string;
  place(part: string): string;
  end(totals: OutputTotals): string;
}

/** For formats whose file parts follow one another as they are. */
const asIs = (part: string): string => part;

/** Marks where the items of an array go in a document stringified whole. */
const ITEMS_MARK = '\u0001items\u0001';

/**
 * A JSON document whose one array is written item by item, exactly as JSON.stringify(doc, null, 2)
 * would write it: `skeleton(items)` builds the document around the items it is given.
 */
class JsonArrayStream {
  private count = 0;
  private indent: string | undefined;

  constructor(private readonly skeleton: (items: unknown[]) => object) {}

  private parts(): { head: string; tail: string; indent: string } {
    const text = JSON.stringify(this.skeleton([ITEMS_MARK]), null, 2);
    const mark = JSON.stringify(ITEMS_MARK);
    const at = text.indexOf(mark);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const indent = text.slice(lineStart, at);
    this.indent = indent;
    // The head ends with the array's "["; the tail starts on the line of its "]".
    return { head: text.slice(0, lineStart - 1), tail: text.slice(at + mark.length + 1), indent };
  }

  begin(): string {
    return this.parts().head;
  }

  /** One item, indented, without its separator: the same wherever it is computed. */
  item(value: unknown): string {
    const indent = this.indent ?? this.parts().indent;
    const lines = JSON.stringify(value, null, 2).split('\n');
    return lines.map((l) => indent + l).join('\n');
  }

  /** Items of one part (`items` joined), put after those placed before them. */
  place(items: string): string {
    if (items === '') return '';
    return `${this.count++ === 0 ? '\n' : ',\n'}${items}`;
  }

  /** The rest of the document; the skeleton may now hold values known only at the end. */
  end(): string {
    const { tail } = this.parts();
    return this.count === 0 ? tail.trimStart() : `\n${tail}`;
  }
}

function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/** One finding per line, "path:line:col: severity rule-id message", and a summary line. */
export function textFormat(lang: Lang): StreamedFormat {
  return {
    begin: () => '',
    place: asIs,
    file(r) {
      const index = new LineIndex(r.text);
      let out = '';
      for (const f of [...r.findings].sort(byPosition)) {
        const pos = index.positionAt(f.start);
        out += `${r.displayLine}:${pos.line + 1}:${pos.character + 1}: ${f.severity} ${f.ruleId} ${f.message}\n`;
      }
      return out;
    },
    end({ plans, counts }) {
      return lang === 'vi'
        ? `${plans} kế hoạch: ${counts.error} lỗi, ${counts.warning} cảnh báo, ${counts.info + counts.hint} gợi ý.\n`
        : `${plans} plan(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info + counts.hint} suggestion(s).\n`;
    },
  };
}

/** { mode, files: [{ path, findings }], summary } with line and column of each finding. */
export function jsonFormat(mode: Mode): StreamedFormat {
  let summary: object = {};
  const stream = new JsonArrayStream((files) => ({ mode, files, summary }));
  return {
    begin: () => stream.begin(),
    place: (part) => stream.place(part),
    file(r) {
      const lines = new LineIndex(r.text);
      return stream.item({
        path: r.display,
        findings: r.findings.map((f) => {
          const s = lines.positionAt(f.start);
          const e = lines.positionAt(f.end);
          return { ...f, line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
        }),
      });
    },
    end({ plans, counts }) {
      summary = { files: plans, errors: counts.error, warnings: counts.warning, infos: counts.info, hints: counts.hint };
      return `${stream.end()}\n`;
    },
  };
}

/** SARIF 2.1.0: the rules of the run first, then each file's results. */
export function sarifFormat(options: SarifOptions): StreamedFormat {
  const stream = new JsonArrayStream((results) => sarifLog(options, results as object[]));
  return {
    begin: () => stream.begin(),
    place: (part) => stream.place(part),
    file(r) {
      return sarifResults({ uri: sarifUri(r.display), text: r.text, findings: r.findings }, options)
        .map((result) => stream.item(result))
        .join(',\n');
    },
    end: () => `${stream.end()}\n`,
  };
}

/**
 * A relative path as a SARIF URI reference: characters that a URI cannot hold raw (line breaks,
 * control characters, spaces stay as they were written before) are percent-encoded.
 */
function sarifUri(display: string): string {
  return display.replace(/[\u0000-\u001f\u007f-\u009f]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The readable Markdown report: its title, then one part per file. */
export function reportFormat(options: ReportOptions): StreamedFormat {
  return {
    begin: () => reportHead(options).join('\n'),
    place: asIs,
    file: (r) => `\n${reportFileLines({ path: r.display, text: r.text, findings: r.findings }, options).join('\n')}`,
    end: () => '',
  };
}
