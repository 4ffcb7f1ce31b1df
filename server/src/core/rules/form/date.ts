// form.date — the place and date line: "ngày dd tháng mm năm yyyy" with a leading zero only for days below 10 and months 1–2; at submission a day and a place.

import { daysInMonth, DatePart, parsePlanDate, PlanDate } from '../../form/date';
import { fieldSpan, metaText, metaValueEdit } from '../../form/meta-text';
import { MetaField } from '../../model';
import { Rule, RuleContext } from '../rule';

/** How a day or month is written on the date line (Nghị định 30/2020, Hướng dẫn 36-HD/VPTW). */
function writtenDay(day: number): string {
  return day < 10 ? `0${day}` : String(day);
}

function writtenMonth(month: number): string {
  return month <= 2 ? `0${month}` : String(month);
}

function valueWith(field: MetaField<string>, part: DatePart, text: string): string {
  return field.value.slice(0, part.index) + text + field.value.slice(part.index + part.text.length);
}

function reportPart(ctx: RuleContext, field: MetaField<string>, part: DatePart, messageId: string, expected: string, found: string): void {
  const mapped = metaText(ctx.plan, field);
  const span = part.text.length > 0 ? mapped.spanOf(part.index, part.index + part.text.length) : field.span;
  const data = { found, expected };
  const edit = metaValueEdit(ctx.plan, field, valueWith(field, part, expected));
  ctx.report({ messageId, data, start: span.start, end: span.end, ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}) });
}

function checkParts(ctx: RuleContext, field: MetaField<string>, d: PlanDate): void {
  const span = field.span;
  const { day, month, year } = d.parts;
  const blankParts = [day, month, year].filter((p) => p.blank);
  if (blankParts.length > 0) {
    // The day is usually filled in when the plan is signed: blank parts only block a submission.
    if (ctx.mode === 'submission') {
      ctx.report({ messageId: day.blank && blankParts.length === 1 ? 'blankDay' : 'blank', data: { found: field.value.trim() }, ...span });
    }
  }
  const invalid = (p: DatePart, ok: boolean): boolean => !p.blank && (p.value === undefined || !ok);
  const badYear = invalid(year, year.value !== undefined && year.text.length === 4 && year.value >= 1900);
  const badMonth = invalid(month, month.value !== undefined && month.value >= 1 && month.value <= 12);
  const maxDay = !badMonth && !badYear && month.value && year.value ? daysInMonth(month.value, year.value) : 31;
  const badDay = invalid(day, day.value !== undefined && day.value >= 1 && day.value <= maxDay);
  if (badDay || badMonth || badYear) {
    ctx.report({ messageId: 'invalid', data: { found: field.value.trim() }, ...span });
    return;
  }
  if (d.form === 'numeric' && day.value && month.value && year.value) {
    const expected = `ngày ${writtenDay(day.value)} tháng ${writtenMonth(month.value)} năm ${year.value}`;
    const data = { found: field.value.trim(), expected };
    const edit = metaValueEdit(ctx.plan, field, expected);
    ctx.report({ messageId: 'numeric', data, ...span, ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}) });
    return;
  }
  if (!day.blank && day.value !== undefined && day.text !== writtenDay(day.value)) {
    reportPart(ctx, field, day, day.value < 10 ? 'dayPad' : 'dayZero', writtenDay(day.value), day.text);
  }
  if (!month.blank && month.value !== undefined && month.text !== writtenMonth(month.value)) {
    reportPart(ctx, field, month, month.value <= 2 ? 'monthPad' : 'monthZero', writtenMonth(month.value), month.text);
  }
}

export const formDate: Rule = {
  id: 'form.date',
  category: 'form',
  reads: 'metadata',
  title: { vi: 'Địa danh, ngày tháng ban hành', en: 'Place and date' },
  description: {
    vi: 'Dòng địa danh, ngày tháng viết "<Địa danh>, ngày … tháng … năm …": ngày nhỏ hơn 10 và tháng 1, 2 có số 0 phía trước, các tháng từ 3 đến 12 không có (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW). Khi soạn thảo được để trống ngày; khi trình ký phải có đủ ngày và địa danh.',
    en: 'The place and date line reads "<Place>, ngày … tháng … năm …": days below 10 and months 1–2 take a leading zero, months 3–12 do not (Decree 30/2020/NĐ-CP, Guideline 36-HD/VPTW). The day may be blank while drafting; at submission the day and the place are required.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    missing: {
      vi: 'Thiếu ngày tháng ban hành (trường "date"), ví dụ "ngày 05 tháng 6 năm 2024".',
      en: 'The date is missing (key "date"), for example "ngày 05 tháng 6 năm 2024".',
    },
    missingLine: {
      vi: 'Thiếu dòng địa danh, ngày tháng ban hành (các trường "place" và "date"), ví dụ "Kiên Giang, ngày 05 tháng 6 năm 2024".',
      en: 'The place and date line is missing (keys "place" and "date"), for example "Kiên Giang, ngày 05 tháng 6 năm 2024".',
    },
    placeMissing: {
      vi: 'Thiếu địa danh trước ngày tháng (trường "place"): tên đơn vị hành chính nơi cơ quan ban hành đóng trụ sở.',
      en: 'The place before the date is missing (key "place"): the administrative unit where the issuing body sits.',
    },
    placeShape: {
      vi: 'Địa danh "{found}" chỉ ghi tên đơn vị hành chính (ví dụ "Kiên Giang"); ngày tháng ghi ở trường "date".',
      en: 'The place "{found}" holds only the name of the administrative unit (for example "Kiên Giang"); the date goes in "date".',
    },
    blankDay: {
      vi: 'Ngày ban hành còn để trống ("{found}"); cần ghi ngày trước khi trình ký.',
      en: 'The day of issue is blank ("{found}"); fill it in before submission.',
    },
    blank: {
      vi: 'Ngày tháng ban hành còn chỗ trống ("{found}"); cần ghi đủ ngày, tháng, năm trước khi trình ký.',
      en: 'The date has blank parts ("{found}"); fill in the day, month and year before submission.',
    },
    shape: {
      vi: 'Ngày tháng "{found}" không đúng dạng "ngày … tháng … năm …", ví dụ "ngày 05 tháng 6 năm 2024".',
      en: 'The date "{found}" does not read "ngày … tháng … năm …", for example "ngày 05 tháng 6 năm 2024".',
    },
    invalid: {
      vi: 'Ngày tháng "{found}" không phải một ngày có thật.',
      en: 'The date "{found}" is not a real date.',
    },
    numeric: {
      vi: 'Ngày ban hành viết bằng chữ "ngày … tháng … năm …", không viết "{found}"; cần viết "{expected}".',
      en: 'The date of issue is written out as "ngày … tháng … năm …", not "{found}"; write "{expected}".',
    },
    dayPad: {
      vi: 'Ngày nhỏ hơn 10 phải có số 0 phía trước: "{expected}", không viết "{found}".',
      en: 'Days below 10 take a leading zero: "{expected}", not "{found}".',
    },
    dayZero: {
      vi: 'Ngày từ 10 trở lên không có số 0 phía trước: "{expected}", không viết "{found}".',
      en: 'Days from 10 on take no leading zero: "{expected}", not "{found}".',
    },
    monthPad: {
      vi: 'Tháng 1 và tháng 2 phải có số 0 phía trước: "tháng {expected}", không viết "tháng {found}".',
      en: 'Months 1 and 2 take a leading zero: "tháng {expected}", not "tháng {found}".',
    },
    monthZero: {
      vi: 'Tháng từ 3 đến 12 không có số 0 phía trước: "tháng {expected}", không viết "tháng {found}".',
      en: 'Months 3 to 12 take no leading zero: "tháng {expected}", not "tháng {found}".',
    },
    fix: { vi: 'Viết "{expected}"', en: 'Write "{expected}"' },
  },
  fixable: true,
  check(ctx) {
    const { date, place } = ctx.plan.meta;
    const noPlace = !place || place.value.trim() === '';
    if (!date || date.value.trim() === '') {
      if (ctx.mode !== 'submission') return;
      const where = date ? fieldSpan(date) : place ? fieldSpan(place) : { start: ctx.plan.metaSpan?.start ?? 0, end: ctx.plan.metaSpan?.start ?? 0 };
      // Neither place nor date: the whole line is missing, one finding says so.
      ctx.report({ messageId: noPlace ? 'missingLine' : 'missing', ...where });
      return;
    }
    if (noPlace && ctx.mode === 'submission') {
      ctx.report({ messageId: 'placeMissing', ...(place ? fieldSpan(place) : fieldSpan(date)) });
    } else if (place && !noPlace && (/\d/u.test(place.value) || /(?:^|[\s,])ngày(?:\s|$)/iu.test(place.value))) {
      // The date has its own key: "place" holds only the name of the administrative unit.
      ctx.report({ messageId: 'placeShape', data: { found: place.value.trim() }, ...place.span });
    }
    const parsed = parsePlanDate(date.value);
    if (!parsed) {
      ctx.report({ messageId: 'shape', data: { found: date.value.trim() }, ...date.span });
      return;
    }
    checkParts(ctx, date, parsed);
  },
};
