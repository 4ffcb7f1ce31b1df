// plan.unreadable — a file or folder of the workspace could not be read, so it was not checked; said instead of showing the workspace as clean.

import { Finding, formatMessage, Lang, Level, makeFinding, Mode } from '../../findings';
import { levelFor, RuleMeta } from '../rule';

/**
 * Metadata only: the finding is made where files are read (the server's workspace diagnostics
 * and report), so that a folder without permission or a file that cannot be opened is never
 * mistaken for one without problems.
 */
export const planUnreadable: RuleMeta = {
  id: 'plan.unreadable',
  category: 'plan',
  title: { vi: 'Không đọc được tệp hoặc thư mục', en: 'File or folder cannot be read' },
  description: {
    vi: 'Một tệp hoặc thư mục trong không gian làm việc không đọc được (không có quyền, tên tệp không phải UTF-8, tệp bị khóa…), nên các kế hoạch trong đó chưa được kiểm tra.',
    en: 'A file or folder of the workspace cannot be read (no permission, a file name that is not UTF-8, a locked file …), so the plans in it were not checked.',
  },
  severity: { drafting: 'warning', submission: 'warning' },
  messages: {
    file: {
      vi: 'Không đọc được tệp này ({reason}), nên chưa kiểm tra được.',
      en: 'This file cannot be read ({reason}), so it was not checked.',
    },
    folder: {
      vi: 'Không đọc được thư mục này ({reason}), nên các kế hoạch trong đó chưa được kiểm tra.',
      en: 'This folder cannot be read ({reason}), so the plans in it were not checked.',
    },
    name: {
      vi: 'Không đọc được tệp "{name}" trong thư mục này ({reason}), nên chưa kiểm tra được.',
      en: 'The file "{name}" in this folder cannot be read ({reason}), so it was not checked.',
    },
  },
  fixable: false,
};

/** The finding on a file or folder that could not be read; none when the user turned the rule off. */
export function unreadableFinding(
  messageId: 'file' | 'folder' | 'name',
  data: { reason: string; name?: string },
  options: { lang: Lang; mode: Mode; levels?: Readonly<Record<string, Level>> },
): Finding | undefined {
  const level = levelFor(planUnreadable, options.mode, options.levels);
  if (level === 'off') return undefined;
  const template = planUnreadable.messages[messageId][options.lang];
  return makeFinding(planUnreadable.id, level, formatMessage(template, { reason: data.reason, name: data.name ?? '' }), 0, 0);
}
