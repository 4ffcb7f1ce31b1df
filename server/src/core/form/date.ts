// Reads the date of a plan ("ngày 05 tháng 02 năm 2024", the day possibly blank in a draft) into its parts, with where each part is written.

import { PlanModel } from '../model';

/** One part of the date as written: its text and its index in the metadata value. */
export interface DatePart {
  text: string;
  index: number;
  /** The number written, when the part is a number. */
  value?: number;
  /** The part is left for the office to fill in (empty, "…", "...", "___"). */
  blank: boolean;
}

export interface PlanDate {
  day?: number;
  month?: number;
  year?: number;
  /** 'words' for "ngày … tháng … năm …" (the printed form), 'numeric' for "05/02/2024". */
  form: 'words' | 'numeric';
  parts: { day: DatePart; month: DatePart; year: DatePart };
}

// "ngày", "tháng", "năm" are the keywords of the printed date line; a place may precede it
// ("Kiên Giang, ngày …") when a drafter copies the whole line into the value.
const WORDS = /(?:^|[\s,])ngày(?<day>.*?)tháng(?<month>.*?)năm(?<year>.*)$/diu;
const NUMERIC = /^\s*(?<day>\d{1,2})\s*[/.-]\s*(?<month>\d{1,2})\s*[/.-]\s*(?<year>\d{4})\s*$/du;
const BLANK = /^[\s.…_]*$/u;

function part(group: string, start: number): DatePart {
  const lead = /^\s*/u.exec(group)![0].length;
  const text = group.trim();
  const blank = BLANK.test(text);
  const p: DatePart = { text, index: start + lead, blank };
  if (/^\d{1,4}$/u.test(text)) p.value = Number(text);
  return p;
}

/** The last value parsed and what it gave (see parsePlanDate). */
let lastValue: string | undefined;
let lastDate: PlanDate | undefined;

/**
 * Parses a date value; undefined when it is neither "ngày … tháng … năm …" nor "dd/mm/yyyy".
 * The result is frozen, its parts too, and given again for the same value as the last call's: a
 * plan's date is read about four times in a row (the folder's registry, the view's date, the
 * date rule, the issue date), each time a match with its indices for one value.
 */
export function parsePlanDate(value: string): PlanDate | undefined {
  if (value === lastValue) return lastDate;
  const date = readPlanDate(value);
  lastValue = value;
  lastDate = date;
  return date;
}

function readPlanDate(value: string): PlanDate | undefined {
  // Compose only when that keeps the length, so the parts' offsets stay offsets into the value.
  const v = value.normalize('NFC').length === value.length ? value.normalize('NFC') : value;
  for (const [re, form] of [
    [WORDS, 'words'],
    [NUMERIC, 'numeric'],
  ] as const) {
    const m = re.exec(v);
    if (!m?.groups || !m.indices?.groups) continue;
    const g = m.groups;
    const ix = m.indices.groups;
    const parts = Object.freeze({
      day: Object.freeze(part(g.day, ix.day![0])),
      month: Object.freeze(part(g.month, ix.month![0])),
      year: Object.freeze(part(g.year, ix.year![0])),
    });
    return Object.freeze({ day: parts.day.value, month: parts.month.value, year: parts.year.value, form, parts });
  }
  return undefined;
}

export function daysInMonth(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The plan's date as yyyy-mm-dd for comparisons with validity dates. A blank day counts as the
 * first day of the month (the earliest the plan can be dated); no usable month and year, no date.
 */
export function planDateIso(plan: PlanModel): string | undefined {
  const field = plan.meta.date;
  if (!field || field.value.trim() === '') return undefined;
  const d = parsePlanDate(field.value);
  if (!d || d.month === undefined || d.year === undefined) return undefined;
  if (d.year < 1900 || d.month < 1 || d.month > 12) return undefined;
  let day = d.parts.day.blank || d.day === undefined ? 1 : d.day;
  if (day < 1 || day > daysInMonth(d.month, d.year)) day = 1;
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
