// form.recipients — the Nơi nhận list: every item ends with the variant's punctuation ("," or ";"), the last one is the "Lưu …" item in the variant's style.

import { fieldSpan, metaValueEdit } from '../../form/meta-text';
import { compilePattern, testPattern } from '../../data/pattern';
import { VariantSpec } from '../../data/types';
import { MetaField } from '../../model';
import { fold, repairLookalikes, toHoaStyle } from '../../text/normalize';
import { onFirstUse, Rule, RuleContext } from '../rule';

const FINAL_PUNCTUATION = onFirstUse(() => /[,;.:]$/u);

/** The template's pattern through the guard against slow patterns (data/pattern.ts). */
function compile(pattern: string): RegExp | undefined {
  return compilePattern(pattern);
}

/** The last item matches the pattern as written, or once look-alikes and the tone style are normalised. */
function matchesLast(value: string, pattern: RegExp): boolean {
  return testPattern(pattern, value) || testPattern(pattern, toHoaStyle(repairLookalikes(value.normalize('NFC'))));
}

/** A "Lưu" item one mechanical step from the variant's style: final period, colon after "Lưu". */
function repairLast(value: string, pattern: RegExp): string | undefined {
  const bases = [value, value.replace(FINAL_PUNCTUATION(), '')];
  const colonForms = (v: string): string[] => [v, v.replace(/^(\s*(?:-\s*)?Lưu)\s*:?\s*/u, '$1: '), v.replace(/^(\s*(?:-\s*)?Lưu)\s*:\s*/u, '$1 ')];
  for (const base of bases) {
    for (const v of colonForms(base)) {
      for (const candidate of [v, `${v}.`]) {
        if (candidate !== value && matchesLast(candidate, pattern)) return candidate;
      }
    }
  }
  return undefined;
}

/** An item ends well with the variant's punctuation, or with the report marker ("(báo cáo)", "(b/c)") of a superior. */
function endsWell(value: string, variant: VariantSpec): boolean {
  const r = variant.recipients;
  if (value.endsWith(r.itemEnd)) return true;
  const f = fold(value);
  const marker = fold(r.reportMarker);
  return f.endsWith(marker) || f.endsWith(`${marker}${fold(r.itemEnd)}`);
}

function checkItem(ctx: RuleContext, item: MetaField<string>, variant: VariantSpec): void {
  const value = item.value.trim();
  if (value === '' || endsWell(value, variant)) return;
  const itemEnd = variant.recipients.itemEnd;
  const expected = FINAL_PUNCTUATION().test(value) ? value.slice(0, -1) + itemEnd : value + itemEnd;
  const data = { found: value, end: itemEnd, last: value.slice(-1), expected };
  const edit = metaValueEdit(ctx.plan, item, item.value.replace(value, expected));
  ctx.report({
    messageId: FINAL_PUNCTUATION().test(value) ? 'itemWrongEnd' : 'itemNoEnd',
    data,
    ...item.span,
    ...(edit ? { fix: { messageId: 'fixEnd', data, edits: [edit] } } : {}),
  });
}

export const formRecipients: Rule = {
  id: 'form.recipients',
  category: 'form',
  reads: 'metadata',
  title: { vi: 'Nơi nhận', en: 'Recipients' },
  description: {
    vi: 'Mỗi mục nơi nhận kết thúc bằng dấu của loại văn bản (văn bản của Đảng: dấu phẩy; văn bản của Ủy ban nhân dân: dấu chấm phẩy), trừ các mục đánh dấu báo cáo; mục cuối cùng là mục lưu đúng dạng ("Lưu Văn phòng Tỉnh ủy." hoặc "Lưu VPTU."; "Lưu: VT, <đơn vị soạn thảo>."). Khi trình ký phải có nơi nhận.',
    en: 'Each recipient ends with the variant\'s punctuation (Party: a comma; People\'s Committee: a semicolon), except those marked as reported to; the last item is the filing item in the variant\'s style ("Lưu Văn phòng Tỉnh ủy." or "Lưu VPTU."; "Lưu: VT, <drafting unit>."). At submission the recipients are required.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    missing: {
      vi: 'Thiếu nơi nhận (trường "recipients"); mục cuối cùng là mục lưu, ví dụ "{example}".',
      en: 'The recipients are missing (key "recipients"); the last item is the filing item, for example "{example}".',
    },
    itemNoEnd: {
      vi: 'Mục nơi nhận "{found}" phải kết thúc bằng dấu "{end}".',
      en: 'The recipient "{found}" must end with "{end}".',
    },
    itemWrongEnd: {
      vi: 'Mục nơi nhận "{found}" phải kết thúc bằng dấu "{end}", không dùng dấu "{last}".',
      en: 'The recipient "{found}" must end with "{end}", not "{last}".',
    },
    lastFix: {
      vi: 'Mục lưu "{found}" chưa đúng dạng "{example}"; cần viết "{expected}".',
      en: 'The filing item "{found}" does not follow the form "{example}"; write "{expected}".',
    },
    lastShape: {
      vi: 'Mục lưu "{found}" chưa đúng dạng "{example}".',
      en: 'The filing item "{found}" does not follow the form "{example}".',
    },
    lastMissing: {
      vi: 'Mục cuối cùng của nơi nhận phải là mục lưu, ví dụ "{example}"; hiện là "{found}".',
      en: 'The last recipient must be the filing item, for example "{example}"; it is "{found}".',
    },
    fixEnd: { vi: 'Kết thúc bằng "{end}"', en: 'End with "{end}"' },
    fix: { vi: 'Viết "{expected}"', en: 'Write "{expected}"' },
  },
  fixable: true,
  check(ctx) {
    const variant = ctx.variant;
    const field = ctx.plan.meta.recipients;
    const items = (field?.value ?? []).filter((i) => i.value.trim() !== '');
    const example = variant?.recipients.lastItemExample ?? 'Lưu VPTU.';
    if (items.length === 0) {
      if (ctx.mode !== 'submission') return;
      const start = ctx.plan.metaSpan?.start ?? 0;
      ctx.report({ messageId: 'missing', data: { example }, ...(field ? fieldSpan(field) : { start, end: start }) });
      return;
    }
    if (!variant) return;
    for (const item of items.slice(0, -1)) checkItem(ctx, item, variant);
    const last = items[items.length - 1];
    const pattern = compile(variant.recipients.lastItemPattern);
    const value = last.value.trim();
    if (!pattern || matchesLast(value, pattern)) return;
    const expected = repairLast(value, pattern);
    const data = { found: value, example, expected: expected ?? '' };
    if (expected !== undefined) {
      const edit = metaValueEdit(ctx.plan, last, last.value.replace(value, expected));
      ctx.report({ messageId: 'lastFix', data, ...last.span, ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}) });
    } else {
      ctx.report({ messageId: /^(?:-\s*)?lưu\b/u.test(fold(value)) ? 'lastShape' : 'lastMissing', data, ...last.span });
    }
  },
};
