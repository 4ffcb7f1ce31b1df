// The report a drafter reads before submitting: what blocks, what is advice, and a checklist of the template.

import { Finding, Lang, Mode } from '../findings';
import { LineIndex } from '../text/line-index';
import { RuleMeta } from '../rules/rule';

export interface ReportFile {
  /** Path shown to the reader. */
  path: string;
  /** Link target for a location, e.g. a file URI with a line fragment; plain text when omitted. */
  link?(line: number, character: number): string;
  text: string;
  findings: readonly Finding[];
}

export interface ReportOptions {
  lang: Lang;
  mode: Mode;
  rules: readonly RuleMeta[];
  helpUri(ruleId: string): string;
}

interface ChecklistItem {
  label: { vi: string; en: string };
  /** Rule ids (or id prefixes ending with ".") whose findings mean the item is not met. */
  rules: string[];
}

const CHECKLIST: ChecklistItem[] = [
  { label: { vi: 'Thông tin đầu văn bản đầy đủ, đọc được', en: 'Metadata complete and readable' }, rules: ['plan.'] },
  { label: { vi: 'Đủ các mục theo mẫu, đúng thứ tự và số thứ tự', en: 'All template sections, in order, numbered right' }, rules: ['section.'] },
  { label: { vi: 'Đủ các nhóm nhiệm vụ của Nghị quyết', en: 'All task groups of the Resolution' }, rules: ['task-group.'] },
  { label: { vi: 'Tổ chức thực hiện: phân công, theo dõi, báo cáo', en: 'Implementation: assignments, monitoring, reporting' }, rules: ['implementation.'] },
  { label: { vi: 'Viện dẫn đủ văn bản cấp trên', en: 'Parent documents cited' }, rules: ['citation.parent-'] },
  { label: { vi: 'Viện dẫn đúng ngày, cơ quan ban hành, khóa, trích yếu', en: 'Citations match the registry' }, rules: ['citation.'] },
  { label: { vi: 'Số, ký hiệu và ngày tháng', en: 'Number, symbol and date' }, rules: ['form.number', 'form.date'] },
  { label: { vi: 'Nơi nhận, chữ ký, kết thúc văn bản', en: 'Recipients, signature, ending' }, rules: ['form.recipients', 'form.signature', 'form.ending'] },
  { label: { vi: 'Chữ tiếng Việt sạch (ký tự, dấu câu, khoảng trắng)', en: 'Clean Vietnamese text (characters, punctuation, spacing)' }, rules: ['text.'] },
  { label: { vi: 'Tên cơ quan, đơn vị còn hiệu lực', en: 'Names of bodies and units current' }, rules: ['name.'] },
];

const T = {
  title: { vi: 'Báo cáo kiểm tra trước khi trình', en: 'Pre-submission check report' },
  draftTitle: { vi: 'Báo cáo kiểm tra dự thảo', en: 'Draft check report' },
  summary: { vi: 'Tóm tắt', en: 'Summary' },
  blocking: { vi: 'Phải sửa trước khi trình', en: 'Must be fixed before submission' },
  advisory: { vi: 'Góp ý', en: 'Advice' },
  checklist: { vi: 'Danh mục kiểm tra theo mẫu', en: 'Template checklist' },
  none: { vi: 'Không có.', en: 'None.' },
  ready: { vi: 'Sẵn sàng trình: không có lỗi phải sửa.', en: 'Ready to submit: nothing blocks.' },
  notReady: { vi: 'Chưa thể trình', en: 'Not ready to submit' },
  line: { vi: 'dòng', en: 'line' },
  why: { vi: 'Vì sao', en: 'Why' },
  docs: { vi: 'hướng dẫn', en: 'docs' },
  fixable: { vi: 'có thể sửa tự động', en: 'can be fixed automatically' },
  insertable: { vi: 'có thể chèn khung theo mẫu trong trình soạn thảo, rồi điền nội dung', en: 'the editor can insert the template’s outline, to be filled in' },
};

function isBlocking(f: Finding): boolean {
  return f.severity === 'error';
}

function matches(ruleId: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('.') || p.endsWith('-') ? ruleId.startsWith(p) : ruleId === p));
}

export function readableReport(files: readonly ReportFile[], options: ReportOptions): string {
  const { lang } = options;
  const t = (k: keyof typeof T): string => T[k][lang];
  const ruleById = new Map(options.rules.map((r) => [r.id, r]));
  const out: string[] = [];
  out.push(`# ${options.mode === 'submission' ? t('title') : t('draftTitle')}`, '');
  for (const file of files) {
    const lines = new LineIndex(file.text);
    const blocking = file.findings.filter(isBlocking);
    const advisory = file.findings.filter((f) => !isBlocking(f));
    out.push(`## ${file.path}`, '');
    out.push(
      blocking.length === 0
        ? `**${t('ready')}** ${lang === 'vi' ? `${advisory.length} góp ý.` : `${advisory.length} pieces of advice.`}`
        : `**${t('notReady')}:** ${lang === 'vi' ? `${blocking.length} lỗi phải sửa, ${advisory.length} góp ý.` : `${blocking.length} blocking, ${advisory.length} advisory.`}`,
      '',
    );
    const item = (f: Finding): string => {
      const pos = lines.positionAt(f.start);
      const where = `${t('line')} ${pos.line + 1}:${pos.character + 1}`;
      const place = file.link ? `[${where}](${file.link(pos.line, pos.character)})` : where;
      const rule = ruleById.get(f.ruleId);
      const why = rule ? ` ${t('why')}: ${rule.description[lang]}` : '';
      const fix = f.fix ? ` _(${t(f.fix.kind === 'insertion' ? 'insertable' : 'fixable')})_` : '';
      return `- ${place} — ${f.message}${fix}  \n  \`${f.ruleId}\` · [${t('docs')}](${options.helpUri(f.ruleId)}).${why}`;
    };
    out.push(`### ${t('blocking')} (${blocking.length})`, '');
    out.push(...(blocking.length ? blocking.map(item) : [t('none')]), '');
    out.push(`### ${t('advisory')} (${advisory.length})`, '');
    out.push(...(advisory.length ? advisory.map(item) : [t('none')]), '');
    out.push(`### ${t('checklist')}`, '');
    for (const c of CHECKLIST) {
      const hits = file.findings.filter((f) => matches(f.ruleId, c.rules));
      const blockingHits = hits.filter(isBlocking).length;
      const mark = hits.length === 0 ? '[x]' : '[ ]';
      const note = hits.length === 0 ? '' : lang === 'vi' ? ` — ${blockingHits} lỗi, ${hits.length - blockingHits} góp ý` : ` — ${blockingHits} blocking, ${hits.length - blockingHits} advisory`;
      out.push(`- ${mark} ${c.label[lang]}${note}`);
    }
    out.push('');
  }
  return out.join('\n');
}
