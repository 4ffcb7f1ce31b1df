// The import report in its three forms (lines for a terminal, JSON, SARIF): every repair and inferred value with its place in the source, a paragraph of a Word document or a line of a text file.

import { Lang } from '../findings';
import { ImportResult, SourceParagraph } from '../import/types';

interface Located {
  line: number;
  source?: SourceParagraph;
}

/**
 * Where a repair is, as the drafter finds it: "ke-hoach.docx (đoạn 118: “Giao Ban Tuyên giáo…”)"
 * for a Word document, "ke-hoach.txt:118:1" for a text file (the form editors and problem matchers
 * read); the file alone for the document as a whole.
 */
export function importLocation(x: Located, file: string, from: ImportResult['source'], lang: Lang): string {
  if (from === 'word') {
    if (!x.source) return file;
    const label = lang === 'vi' ? 'đoạn' : 'paragraph';
    return `${file} (${label} ${x.source.paragraph}: “${x.source.quote}”)`;
  }
  return `${file}:${Math.max(1, x.line)}:1`;
}

/** The one-line summary: what became of every line or paragraph read. */
export function importSummary(result: ImportResult, lang: Lang): string {
  const a = result.account;
  const unit = lang === 'vi' ? (a.unit === 'paragraph' ? 'đoạn' : 'dòng') : a.unit === 'paragraph' ? 'paragraph(s)' : 'line(s)';
  const layout =
    result.source === 'word'
      ? lang === 'vi' ? 'tệp Word' : 'Word document'
      : result.layout === 'hard-wrapped'
        ? lang === 'vi' ? 'văn bản PDF ngắt dòng cứng' : 'hard-wrapped PDF text'
        : lang === 'vi' ? 'mỗi dòng một đoạn' : 'one paragraph per line';
  const notes = a.footnotes > 0 ? (lang === 'vi' ? `; ${a.footnotes} chú thích` : `; ${a.footnotes} footnote(s)`) : '';
  return lang === 'vi'
    ? `Đã đọc ${a.total} ${unit} (${layout}): ${a.front} vào thông tin đầu văn bản, ${a.body} vào nội dung, ${a.dropped} bỏ ra (đều có lý do ở trên)${notes}. ${result.repairs.length} chỗ đã sửa, ${result.inferred.length} giá trị suy ra.`
    : `Read ${a.total} ${unit} (${layout}): ${a.front} into the front matter, ${a.body} into the body, ${a.dropped} left out (each with its reason above)${notes}. ${result.repairs.length} repair(s), ${result.inferred.length} inferred value(s).`;
}

/** The report as lines: "<where>: info import.<id> <message>", then the summary. */
export function importReportText(result: ImportResult, file: string, lang: Lang): string {
  const out: string[] = [];
  for (const r of result.repairs) out.push(`${importLocation(r, file, result.source, lang)}: info import.${r.id} ${r.message[lang]}`);
  for (const i of result.inferred) out.push(`${importLocation(i, file, result.source, lang)}: info import.inferred ${i.message[lang]}`);
  out.push(importSummary(result, lang));
  return `${out.join('\n')}\n`;
}

/** The report as data. */
export function importReportJson(result: ImportResult, file: string, lang: Lang): object {
  const place = (x: Located): object => ({ line: x.line, ...(x.source ? { paragraph: x.source.paragraph, quote: x.source.quote } : {}) });
  return {
    file,
    source: result.source,
    layout: result.layout,
    account: result.account,
    repairs: result.repairs.map((r) => ({ id: r.id, ...place(r), message: r.message[lang] })),
    inferred: result.inferred.map((i) => ({ key: i.key, value: i.value, ...place(i), message: i.message[lang] })),
  };
}

/**
 * The report as SARIF 2.1.0, one result per repair or inferred value (level "note"). A text file's
 * results carry a region (the line). A Word document's carry the paragraph as a logical location
 * (kind "element", the paragraph number Word counts) and its first words in the properties, with
 * no region: a .docx is a zip archive, where lines, columns and byte offsets mean nothing to a
 * drafter or a viewer, and the text the importer read is not a file anyone has.
 */
export function importReportSarif(result: ImportResult, uri: string, options: { toolName: string; toolVersion: string; lang: Lang }): object {
  const lang = options.lang;
  const located = (x: Located, ruleId: string, text: string): object => {
    const physical = { artifactLocation: { uri }, ...(result.source === 'text' && x.line > 0 ? { region: { startLine: x.line } } : {}) };
    const paragraph = result.source === 'word' ? x.source : undefined;
    return {
      ruleId,
      level: 'note',
      message: { text },
      locations: [
        {
          physicalLocation: physical,
          ...(paragraph
            ? { logicalLocations: [{ name: `${lang === 'vi' ? 'đoạn' : 'paragraph'} ${paragraph.paragraph}`, kind: 'element' }] }
            : {}),
        },
      ],
      ...(paragraph ? { properties: { paragraph: paragraph.paragraph, quote: paragraph.quote } } : {}),
    };
  };
  const results = [
    ...result.repairs.map((r) => located(r, `import.${r.id}`, r.message[lang])),
    ...result.inferred.map((i) => located(i, 'import.inferred', i.message[lang])),
  ];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: options.toolName, version: options.toolVersion, language: lang } },
        artifacts: [{ location: { uri } }],
        results,
        properties: { source: result.source, layout: result.layout, account: result.account },
      },
    ],
  };
}
