// Characters Word puts in text that a drafter cannot see: non-breaking and typographic hyphens, soft hyphens, no-break spaces after "số"/"ngày", tabs inside a paragraph.

import { Localized } from '../findings';

/** No-break spaces after the words that number and date a document ("số 43", "ngày 24", "Số: 05"). */
const NBSP_AFTER_WORD = /(?<![\p{L}\p{N}])((?:số|ngày|tháng|năm)\s*:?)\u00A0+/giu;

export interface TypographyResult {
  text: string;
  /** What was changed, in words; undefined when nothing was. */
  changes?: Localized;
}

function counted(n: number, vi: string, en: string): Localized | undefined {
  return n > 0 ? { vi: vi.replace('{n}', String(n)), en: en.replace('{n}', String(n)) } : undefined;
}

/**
 * Replaces Word's non-breaking hyphen (U+2011) and the typographic hyphen (U+2010) with "-", drops
 * soft hyphens (U+00AD), and turns the no-break spaces after "số", "ngày", "tháng", "năm" into
 * spaces: on paper nothing changes, and the checker then reads the symbols and dates. Other
 * no-break spaces are left for text.spacing to report. In `prose` (a paragraph of the body read from
 * Word) a tab is a space, and "-⟨tab⟩text" is the bullet "- text".
 */
export function normalizeTypography(line: string, prose: boolean): TypographyResult {
  if (!/[\u2010\u2011\u00AD\u00A0\t]/u.test(line)) return { text: line };
  let hyphens = 0;
  let soft = 0;
  let spaces = 0;
  let tabs = 0;
  let text = line.replace(/[\u2010\u2011]/gu, () => {
    hyphens++;
    return '-';
  });
  text = text.replace(/\u00AD/gu, () => {
    soft++;
    return '';
  });
  text = text.replace(NBSP_AFTER_WORD, (_, word: string) => {
    spaces++;
    return `${word} `;
  });
  if (prose && text.includes('\t')) {
    text = text.replace(/^(\s*[-–+•])[ \t]*\t[ \t]*/u, (_, bullet: string) => {
      tabs++;
      return `${bullet} `;
    });
    text = text.replace(/(\S)[ \u00A0]*\t[\t \u00A0]*(?=\S)/gu, (whole: string, before: string) => {
      tabs += (whole.match(/\t/gu) ?? []).length;
      return `${before} `;
    });
  }
  const parts = [
    counted(hyphens, 'đổi {n} dấu gạch nối không ngắt (U+2011, U+2010) thành "-"', 'changed {n} non-breaking hyphen(s) (U+2011, U+2010) to "-"'),
    counted(soft, 'bỏ {n} dấu gạch mềm (U+00AD)', 'dropped {n} soft hyphen(s) (U+00AD)'),
    counted(spaces, 'đổi {n} dấu cách không ngắt sau "số", "ngày" thành dấu cách thường', 'changed {n} no-break space(s) after "số", "ngày" to ordinary spaces'),
    counted(tabs, 'đổi {n} ký tự tab trong đoạn thành dấu cách', 'changed {n} tab(s) inside the paragraph to spaces'),
  ].filter((p): p is Localized => p !== undefined);
  if (parts.length === 0) return { text };
  return {
    text,
    changes: {
      vi: `Ký tự không nhìn thấy khi in: ${parts.map((p) => p.vi).join('; ')}.`,
      en: `Characters that do not show on paper: ${parts.map((p) => p.en).join('; ')}.`,
    },
  };
}
