// The review report of a folder of plans as one standalone HTML page: a row per plan, the task groups each covers, parent citations that do not match, each plan's findings.

import { appendAll } from '../arrays';
import { Lang, Mode, Severity } from '../findings';
import { TaskGroup } from '../data/types';
import { PlanLevel } from '../workspace/entry';
import { GroupCoverage, ParentStatus, PlanSummary } from '../workspace/summary';

export interface ReviewOptions {
  lang: Lang;
  mode: Mode;
  /** The Resolution's task groups, in order (the template's): the columns of the coverage matrix. */
  taskGroups: readonly TaskGroup[];
  /**
   * The Content-Security-Policy sources for the page's one style element ("'sha256-…'"): the page
   * loads nothing, runs nothing, and only that style applies.
   */
  styleSource: string;
  /** Where a link to a plan (at a line) goes; no link when undefined. */
  link?(uri: string, line?: number): string | undefined;
  /** What checked the plans, for the footer ("plan43 0.1.0"). */
  generator?: string;
  /**
   * Files and folders that could not be read, each with what was said of it: listed at the top,
   * so that a folder with a part left unread never reads as a clean review.
   */
  unreadable?: readonly { label: string; message: string }[];
  /**
   * A plan's article after its heading (`reviewArticleBody`) when it was made beforehand; the
   * summaries given then need hold no finding but those the page lists elsewhere (of the rules in
   * REVIEW_LISTED_RULES).
   */
  articleBody?(plan: PlanSummary): string | undefined;
}

/** The rules whose findings the page lists outside the plans' own articles: the plans claiming one number. */
export const REVIEW_LISTED_RULES: ReadonlySet<string> = new Set(['form.duplicate-number']);

type Text = { vi: string; en: string };

const T = {
  title: { vi: 'Báo cáo rà soát các kế hoạch thực hiện Nghị quyết số 43-NQ/TW', en: 'Review of the plans implementing Resolution 43-NQ/TW' },
  modeSubmission: { vi: 'kiểm tra trước khi trình (mức nghiêm trọng khi trình)', en: 'pre-submission check (submission severities)' },
  modeDrafting: { vi: 'kiểm tra dự thảo (mức nghiêm trọng khi soạn thảo)', en: 'draft check (drafting severities)' },
  mode: { vi: 'Chế độ', en: 'Mode' },
  plans: { vi: 'kế hoạch', en: 'plans' },
  blockedPlans: { vi: 'có lỗi phải sửa trước khi trình', en: 'with findings that block submission' },
  readyPlans: { vi: 'không có lỗi phải sửa', en: 'with nothing blocking' },
  parentProblems: { vi: 'viện dẫn văn bản cấp trên không khớp', en: 'parent citations that do not match' },
  contents: { vi: 'Mục lục', en: 'Contents' },
  list: { vi: 'Danh sách kế hoạch', en: 'The plans' },
  coverage: { vi: 'Các nhóm nhiệm vụ của Nghị quyết trong từng kế hoạch', en: 'Task groups of the Resolution in each plan' },
  parents: { vi: 'Viện dẫn văn bản cấp trên không khớp với văn bản trong thư mục', en: 'Parent citations that do not match the plans of the folder' },
  duplicates: { vi: 'Kế hoạch trùng số, ký hiệu', en: 'Plans claiming the same number' },
  findings: { vi: 'Lỗi và góp ý của từng kế hoạch', en: 'Findings of each plan' },
  level: { vi: 'Cấp', en: 'Level' },
  issuer: { vi: 'Cơ quan ban hành', en: 'Issuer' },
  number: { vi: 'Số, ký hiệu', en: 'Number' },
  date: { vi: 'Ngày ban hành', en: 'Date' },
  kind: { vi: 'Loại', en: 'Kind' },
  blocking: { vi: 'Lỗi phải sửa', en: 'Blocking' },
  advisory: { vi: 'Góp ý', en: 'Advisory' },
  parent: { vi: 'Thực hiện văn bản', en: 'Implements' },
  file: { vi: 'Tệp', en: 'File' },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  groupsCovered: { vi: 'Số nhóm', en: 'Groups' },
  plansCovering: { vi: 'Số kế hoạch có nhóm', en: 'Plans covering' },
  legend: {
    vi: '✓ có mục; ✗ chưa có; — không tìm thấy phần nhiệm vụ, giải pháp.',
    en: '✓ covered; ✗ missing; — no tasks section found.',
  },
  citedAs: { vi: 'Viện dẫn trong kế hoạch', en: 'Cited as' },
  inFolder: { vi: 'Văn bản trong thư mục', en: 'In the folder' },
  problem: { vi: 'Vấn đề', en: 'Problem' },
  noParentProblem: { vi: 'Mọi kế hoạch viện dẫn đúng văn bản cấp trên có trong thư mục.', en: 'Every plan cites the parents the folder holds correctly.' },
  noFindings: { vi: 'Không có lỗi, góp ý.', en: 'No findings.' },
  line: { vi: 'Dòng', en: 'Line' },
  severity: { vi: 'Mức', en: 'Severity' },
  rule: { vi: 'Quy tắc', en: 'Rule' },
  message: { vi: 'Nội dung', en: 'Message' },
  blank: { vi: '(chưa có)', en: '(blank)' },
  notInFolder: { vi: 'không có trong thư mục', en: 'not in the folder' },
  uncited: { vi: 'khai báo ở "implements" nhưng phần mở đầu không viện dẫn', en: 'declared under "implements" but not cited in the preamble' },
  unmatched: {
    vi: 'không khớp kế hoạch nào trong thư mục mang ký hiệu này (khác ngày hoặc cơ quan ban hành)',
    en: 'matches none of the plans of the folder with this symbol (another date or issuer)',
  },
  ready: { vi: 'Không có lỗi phải sửa.', en: 'Nothing blocks.' },
  notReady: { vi: 'Chưa thể trình', en: 'Not ready to submit' },
  generated: { vi: 'Tạo bởi', en: 'Made by' },
  unreadable: { vi: 'Không đọc được, chưa rà soát', en: 'Could not be read, not reviewed' },
  noPlans: { vi: 'Không tìm thấy kế hoạch nào (tệp .md hoặc .yaml có "template: nq43").', en: 'No plan was found (.md or .yaml files with "template: nq43").' },
} satisfies Record<string, Text>;

const LEVELS: Record<PlanLevel, Text> = {
  central: { vi: 'Trung ương', en: 'Central' },
  province: { vi: 'Tỉnh', en: 'Province' },
  district: { vi: 'Huyện', en: 'District' },
  commune: { vi: 'Xã', en: 'Commune' },
  unknown: { vi: 'Chưa rõ', en: 'Unknown' },
};
const LEVEL_ORDER: Record<PlanLevel, number> = { central: 0, province: 1, district: 2, commune: 3, unknown: 4 };

const SEVERITY: Record<Severity, Text> = {
  error: { vi: 'lỗi', en: 'error' },
  warning: { vi: 'cảnh báo', en: 'warning' },
  info: { vi: 'thông tin', en: 'info' },
  hint: { vi: 'gợi ý', en: 'hint' },
};

const PARENT_STATUS: Record<ParentStatus, Text> = {
  match: { vi: 'khớp', en: 'matches' },
  mismatch: { vi: 'không khớp', en: 'does not match' },
  unmatched: { vi: 'không khớp', en: 'does not match' },
  outside: { vi: 'ngoài thư mục', en: 'outside the folder' },
  uncited: { vi: 'chưa viện dẫn', en: 'not cited' },
};

const COVERAGE_MARK: Record<GroupCoverage, string> = { covered: '✓', missing: '✗' };

/** The page's only style: screen and print (A4 landscape, so that the matrix fits a page). */
export const REVIEW_CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 "Noto Sans", "Segoe UI", Arial, sans-serif; color: #1f2328; margin: 24px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 6px; }
h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.summary { margin: 4px 0; }
nav ol { margin: 6px 0 0; padding-left: 22px; }
a { color: #0550ae; }
table { border-collapse: collapse; margin: 6px 0 10px; }
th, td { border: 1px solid #d0d7de; padding: 4px 7px; vertical-align: top; text-align: left; }
thead th { background: #f3f5f7; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.bad { color: #a40e26; font-weight: 600; }
td.ok { color: #116329; }
tr.blocked td.state { color: #a40e26; font-weight: 600; }
table.matrix th.g, table.matrix td.cov { text-align: center; width: 2.2em; padding: 4px 2px; }
table.matrix td.cov.covered { background: #dafbe1; color: #116329; }
table.matrix td.cov.missing { background: #ffebe9; color: #a40e26; font-weight: 700; }
table.matrix td.cov.none { color: #6e7781; }
ol.groups { margin: 4px 0 0; padding-left: 22px; color: #424a53; }
p.legend, p.none, footer { color: #57606a; }
.status-mismatch, .status-unmatched, .status-uncited { color: #a40e26; font-weight: 600; }
.status-match { color: #116329; }
.status-outside { color: #57606a; }
article { margin-top: 14px; }
table.findings td.sev-error { color: #a40e26; font-weight: 600; }
table.findings td.sev-warning { color: #7d4e00; }
code { font: 12px/1.3 "Noto Mono", Consolas, monospace; }
footer { margin-top: 30px; font-size: 12px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; font-size: 11px; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  section#findings article { break-inside: avoid-page; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  table.matrix td.cov.covered, table.matrix td.cov.missing { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML: every character that could open markup or close an attribute is escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A group's title short enough for a column's tooltip and the legend. */
function groupTitle(g: TaskGroup): string {
  return g.title.trim().replace(/\s+/gu, ' ');
}

/** A plan as the report names it: issuer, number and, when written, the date ("Đảng ủy xã A — 08-KH/ĐU, 20/10/2025"). */
function planName(s: PlanSummary, lang: Lang): string {
  const who = s.head.issuer || s.label;
  const number = s.head.symbol ?? T.blank[lang];
  const date = s.head.isoDate ? `, ${s.head.isoDate.split('-').reverse().join('/')}` : '';
  return `${who} — ${number}${date}`;
}

/** A parent citation that the review lists: it does not name the plan of the folder it should. */
function parentIsWrong(status: ParentStatus): boolean {
  return status === 'mismatch' || status === 'unmatched' || status === 'uncited';
}

function sortPlans(plans: readonly PlanSummary[]): PlanSummary[] {
  return [...plans].sort(
    (a, b) =>
      LEVEL_ORDER[a.head.level] - LEVEL_ORDER[b.head.level] ||
      a.head.issuer.localeCompare(b.head.issuer, 'vi') ||
      (a.head.isoDate ?? '9999').localeCompare(b.head.isoDate ?? '9999') ||
      a.label.localeCompare(b.label, 'vi'),
  );
}

/** A link to a plan, at a line, or the text alone when the page has no links. */
function linkTo(options: Pick<ReviewOptions, 'link'>, p: PlanSummary, text: string, line?: number): string {
  const href = options.link?.(p.uri, line);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/**
 * A plan's article in the last section of the page, after its heading (which holds its place in
 * the page's order): its file, whether it is ready, its findings; the lines end with line breaks.
 * The command line makes it as soon as the plan is checked and keeps it out of memory until the
 * page is written.
 */
export function reviewArticleBody(p: PlanSummary, options: Pick<ReviewOptions, 'lang' | 'link'>): string {
  const t = (x: Text): string => escapeHtml(x[options.lang]);
  const lines = [
    `<p>${linkTo(options, p, p.label)} · ${
      p.blocking > 0 ? `<span class="status-mismatch">${t(T.notReady)}: ${p.blocking} ${t(T.blocking).toLowerCase()}</span>` : `<span class="status-match">${t(T.ready)}</span>`
    } ${p.advisory} ${t(T.advisory).toLowerCase()}.</p>`,
  ];
  if (p.findings.length === 0) {
    lines.push(`<p class="none">${t(T.noFindings)}</p>`);
  } else {
    lines.push('<table class="findings"><thead><tr>', `<th>${t(T.line)}</th><th>${t(T.severity)}</th><th>${t(T.rule)}</th><th>${t(T.message)}</th>`, '</tr></thead><tbody>');
    const ordered = [...p.findings].sort((a, b) => (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1) || a.line - b.line || a.column - b.column);
    for (const f of ordered) {
      lines.push(
        '<tr>',
        `<td class="n">${linkTo(options, p, `${f.line}:${f.column}`, f.line)}</td>`,
        `<td class="sev-${f.severity}">${t(SEVERITY[f.severity])}</td>`,
        `<td><code>${escapeHtml(f.ruleId)}</code></td>`,
        `<td>${escapeHtml(f.message)}</td>`,
        '</tr>',
      );
    }
    lines.push('</tbody></table>');
  }
  lines.push('</article>');
  return `${lines.join('\n')}\n`;
}

/** The standalone HTML page of the review, whole (the editor's review report). */
export function reviewReportHtml(plans: readonly PlanSummary[], options: ReviewOptions): string {
  const lines: string[] = [];
  buildReviewReport(plans, options, {
    push: (...more) => appendAll(lines, more),
    pushAll: (more) => appendAll(lines, more),
    // The text's last line break is the one the join puts after it.
    pushText: (text) => lines.push(text.slice(0, -1)),
    flush: () => lines.push(''),
  });
  return lines.join('\n');
}

/** Where the page's lines go: each line is followed by a line break. */
interface PageLines {
  push(...lines: string[]): void;
  pushAll(lines: readonly string[]): void;
  /** Text whose lines already end with line breaks. */
  pushText(text: string): void;
  /** The page is complete. */
  flush(): void;
}

/** Text gathered up to this length before it is handed on: few writes, and never the whole page in memory. */
const PIECE_CHARS = 64 * 1024;

/**
 * Lines of a page handed to `write` in pieces of about PIECE_CHARS characters, each line followed
 * by a line break: the page a folder of thousands of plans makes (about 8 KB a plan) is never held
 * whole.
 */
class LineWriter implements PageLines {
  private pending = '';
  constructor(private readonly write: (piece: string) => void) {}

  push(...lines: string[]): void {
    this.pushAll(lines);
  }

  pushAll(lines: readonly string[]): void {
    for (const line of lines) this.pending += `${line}\n`;
    if (this.pending.length >= PIECE_CHARS) this.flush();
  }

  pushText(text: string): void {
    this.pending += text;
    if (this.pending.length >= PIECE_CHARS) this.flush();
  }

  flush(): void {
    if (this.pending) this.write(this.pending);
    this.pending = '';
  }
}

/** The standalone HTML page of the review, handed to `write` in pieces as it is made (the command line's --format html). */
export function writeReviewReport(plans: readonly PlanSummary[], options: ReviewOptions, write: (piece: string) => void): void {
  buildReviewReport(plans, options, new LineWriter(write));
}

/** The page's lines, in order. */
function buildReviewReport(plans: readonly PlanSummary[], options: ReviewOptions, out: PageLines): void {
  const { lang } = options;
  const t = (x: Text): string => escapeHtml(x[lang]);
  const sorted = sortPlans(plans);
  const anchor = new Map(sorted.map((p, i) => [p, `plan-${i + 1}`]));
  const fileLink = (p: PlanSummary, text: string, line?: number): string => linkTo(options, p, text, line);
  const planRef = (p: PlanSummary): string => `<a href="#${anchor.get(p)}">${escapeHtml(planName(p, lang))}</a>`;
  const blocked = sorted.filter((p) => p.blocking > 0).length;
  const parentIssues = sorted.flatMap((p) => p.parents.filter((x) => parentIsWrong(x.status)).map((parent) => ({ plan: p, parent })));
  const duplicates = sorted.filter((p) => p.findings.some((f) => REVIEW_LISTED_RULES.has(f.ruleId)));
  const title = `${T.title[lang]} (${sorted.length} ${T.plans[lang]})`;

  out.push(
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${escapeHtml(options.styleSource)}; form-action 'none'; base-uri 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REVIEW_CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${t(T.title)}</h1>`,
    `<p class="summary">${t(T.mode)}: ${options.mode === 'submission' ? t(T.modeSubmission) : t(T.modeDrafting)}.</p>`,
    `<p class="summary"><strong>${sorted.length}</strong> ${t(T.plans)}: <strong>${blocked}</strong> ${t(T.blockedPlans)}, <strong>${sorted.length - blocked}</strong> ${t(T.readyPlans)}; <strong>${parentIssues.length}</strong> ${t(T.parentProblems)}.</p>`,
    '</header>',
  );
  if (options.unreadable?.length) {
    out.push(`<section id="unreadable"><h2>${t(T.unreadable)} (${options.unreadable.length})</h2><ul>`);
    for (const u of options.unreadable) out.push(`<li class="bad"><strong>${escapeHtml(u.label)}</strong>: ${escapeHtml(u.message)}</li>`);
    out.push('</ul></section>');
  }
  if (sorted.length === 0) {
    out.push(`<p class="none">${t(T.noPlans)}</p>`);
  } else {
    out.push(
      `<nav><strong>${t(T.contents)}</strong><ol>`,
      `<li><a href="#plans">${t(T.list)}</a></li>`,
      `<li><a href="#coverage">${t(T.coverage)}</a></li>`,
      `<li><a href="#parents">${t(T.parents)}</a></li>`,
      ...(duplicates.length ? [`<li><a href="#duplicates">${t(T.duplicates)}</a></li>`] : []),
      `<li><a href="#findings">${t(T.findings)}</a></li>`,
      '</ol></nav>',
    );

    // 1. One row per plan.
    out.push(`<section id="plans"><h2>1. ${t(T.list)}</h2>`, '<table class="plans"><thead><tr>');
    out.push(
      ...['#', T.level, T.issuer, T.number, T.date, T.kind, T.blocking, T.advisory, T.parent, T.file].map((h) =>
        typeof h === 'string' ? `<th class="n">${h}</th>` : `<th${h === T.blocking || h === T.advisory ? ' class="n"' : ''}>${t(h)}</th>`,
      ),
      '</tr></thead><tbody>',
    );
    sorted.forEach((p, i) => {
      const parent = p.parents.map((x) => `${escapeHtml(x.symbol)} <span class="status-${x.status}">(${t(PARENT_STATUS[x.status])})</span>`).join('<br>');
      out.push(
        `<tr${p.blocking > 0 ? ' class="blocked"' : ''}>`,
        `<td class="n"><a href="#${anchor.get(p)}">${i + 1}</a></td>`,
        `<td>${t(LEVELS[p.head.level])}</td>`,
        `<td>${escapeHtml(p.head.issuer)}</td>`,
        `<td>${p.head.symbol ? escapeHtml(p.head.symbol) : t(T.blank)}</td>`,
        `<td>${escapeHtml(p.head.date) || t(T.blank)}</td>`,
        `<td>${escapeHtml(p.head.kind)}</td>`,
        `<td class="n ${p.blocking > 0 ? 'bad' : 'ok'}">${p.blocking}</td>`,
        `<td class="n">${p.advisory}</td>`,
        `<td>${parent}</td>`,
        `<td>${fileLink(p, p.label)}</td>`,
        '</tr>',
      );
    });
    out.push('</tbody></table></section>');

    // 2. The coverage matrix: plans × task groups.
    const groups = options.taskGroups;
    out.push(`<section id="coverage"><h2>2. ${t(T.coverage)}</h2>`, `<p class="legend">${t(T.legend)}</p>`, '<table class="matrix"><thead><tr>');
    out.push(`<th>${t(T.plan)}</th>`);
    out.pushAll(groups.map((g) => `<th class="g" title="${escapeHtml(groupTitle(g))}">${g.id}</th>`));
    out.push(`<th class="n">${t(T.groupsCovered)}</th>`, '</tr></thead><tbody>');
    const covering = groups.map(() => 0);
    for (const p of sorted) {
      out.push('<tr>', `<th scope="row">${planRef(p)}</th>`);
      if (p.coverage && p.coverage.length === groups.length) {
        p.coverage.forEach((c, j) => {
          if (c !== 'missing') covering[j]++;
          out.push(`<td class="cov ${c}" title="${escapeHtml(`${groups[j].id}. ${groupTitle(groups[j])}`)}">${COVERAGE_MARK[c]}</td>`);
        });
        const have = p.coverage.filter((c) => c !== 'missing').length;
        out.push(`<td class="n${have < groups.length ? ' bad' : ''}">${have}/${groups.length}</td>`);
      } else {
        out.pushAll(groups.map(() => '<td class="cov none">—</td>'));
        out.push('<td class="n">—</td>');
      }
      out.push('</tr>');
    }
    out.push(
      '</tbody><tfoot><tr>',
      `<th>${t(T.plansCovering)}</th>`,
      ...covering.map((n) => `<td class="n${n < sorted.length ? ' bad' : ''}">${n}</td>`),
      '<td></td></tr></tfoot></table>',
      '<ol class="groups">',
      ...groups.map((g) => `<li value="${g.id}">${escapeHtml(groupTitle(g))}</li>`),
      '</ol></section>',
    );

    // 3. Parent citations that do not match the parent in the set.
    out.push(`<section id="parents"><h2>3. ${t(T.parents)}</h2>`);
    if (parentIssues.length === 0) {
      out.push(`<p class="none">${t(T.noParentProblem)}</p>`);
    } else {
      out.push('<table class="parents"><thead><tr>', `<th>${t(T.plan)}</th><th>${t(T.citedAs)}</th><th>${t(T.inFolder)}</th><th>${t(T.problem)}</th>`, '</tr></thead><tbody>');
      for (const { plan: p, parent } of parentIssues) {
        const targets = parent.targets.length
          ? parent.targets
              .map((x) => {
                const target = sorted.find((s) => s.uri === x.uri);
                const name = `${x.issuer}, ${x.date}`;
                return target ? `<a href="#${anchor.get(target)}">${escapeHtml(name)}</a>` : escapeHtml(name);
              })
              .join('<br>')
          : t(T.notInFolder);
        const problem =
          parent.status === 'mismatch'
            ? parent.problems.map(escapeHtml).join('<br>')
            : parent.status === 'uncited'
              ? t(T.uncited)
              : t(T.unmatched);
        out.push(
          '<tr>',
          `<td>${planRef(p)}</td>`,
          `<td>${escapeHtml(parent.written ?? parent.symbol)}</td>`,
          `<td>${targets}</td>`,
          `<td class="status-${parent.status}">${problem}</td>`,
          '</tr>',
        );
      }
      out.push('</tbody></table>');
    }
    out.push('</section>');

    if (duplicates.length) {
      out.push(`<section id="duplicates"><h2>4. ${t(T.duplicates)}</h2><ul>`);
      for (const p of duplicates) {
        const f = p.findings.find((x) => REVIEW_LISTED_RULES.has(x.ruleId))!;
        out.push(`<li>${planRef(p)}: ${escapeHtml(f.message)}</li>`);
      }
      out.push('</ul></section>');
    }

    // 4. Each plan's findings.
    out.push(`<section id="findings"><h2>${duplicates.length ? 5 : 4}. ${t(T.findings)}</h2>`);
    sorted.forEach((p, i) => {
      out.push(`<article id="${anchor.get(p)}">`, `<h3>${i + 1}. ${escapeHtml(planName(p, lang))}</h3>`);
      out.pushText(options.articleBody?.(p) ?? reviewArticleBody(p, options));
    });
    out.push('</section>');
  }
  out.push(`<footer>${t(T.generated)} ${escapeHtml(options.generator ?? 'plan43')}.</footer>`, '</body>', '</html>');
  out.flush();
}
