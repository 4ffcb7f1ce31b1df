// form.number — the number and symbol line ("Số: 74/KH-UBND", "Số 51-CTr/TU"): the variant's shape, a type that agrees with the kind, and a number at submission.

import { fieldSpan, metaValueEdit } from '../../form/meta-text';
import { compilePattern, testPattern } from '../../data/pattern';
import { MetaField } from '../../model';
import { Span } from '../../text/mapped-text';
import { fold } from '../../text/normalize';
import { onFirstUse, Rule, RuleContext, variantInSentence } from '../rule';

interface ParsedNumber {
  colon: boolean;
  /** The number as written ('' or a placeholder such as "…" when it is blank). */
  number: string;
  /** Index range of the number in the value. */
  numberStart: number;
  numberEnd: number;
  /** Type, slash, issuer and the rest, as written. */
  symbol: string;
  blank: boolean;
}

const BLANK_NUMBER = onFirstUse(() => /^[\s.…_xX]*$/u);

function parseNumber(value: string): ParsedNumber {
  const m = /^\s*(?:(số)\s*(:?))?\s*/iu.exec(value)!;
  const rest = value.slice(m[0].length);
  const cut = rest.search(/[-/]/u);
  const raw = cut < 0 ? rest : rest.slice(0, cut);
  const number = raw.trim();
  const numberStart = m[0].length + (raw.length - raw.trimStart().length);
  return {
    colon: m[2] === ':',
    number,
    numberStart,
    numberEnd: numberStart + number.length,
    symbol: cut < 0 ? '' : rest.slice(cut),
    blank: BLANK_NUMBER().test(number),
  };
}

/** The template's pattern through the guard against slow patterns (data/pattern.ts). */
function compile(pattern: string): RegExp | undefined {
  return compilePattern(pattern);
}

/** The value as the pattern reads it: a blank number (even "…") counts as empty. */
function forPattern(value: string, p: ParsedNumber): string {
  return p.blank ? value.slice(0, p.numberStart) + value.slice(p.numberEnd) : value;
}

/**
 * The nearest value of the variant's shape reachable by mechanical changes: "Số" written out,
 * a colon added or dropped, a number below 10 zero-padded, spaces inside the symbol removed.
 */
function repair(p: ParsedNumber, pattern: RegExp): string | undefined {
  const symbol = p.symbol.replace(/\s+/gu, '');
  const numbers = [p.number];
  if (/^\d$/u.test(p.number)) numbers.push(`0${p.number}`);
  for (const n of numbers) {
    for (const colon of [p.colon, !p.colon]) {
      const prefix = `Số${colon ? ':' : ''} `;
      const candidate = `${prefix}${n}${symbol}`;
      const tested = `${prefix}${p.blank ? '' : n}${symbol}`;
      if (testPattern(pattern, tested)) return candidate;
    }
  }
  return undefined;
}

function typeOf(value: string, pattern: RegExp | undefined): string | undefined {
  const g = testPattern(pattern, value) ? pattern?.exec(value)?.groups : undefined;
  if (g?.type) return g.type;
  // Outside the variant's shape, read the type of either grammar: "51-CTr/TU" or "74/KH-UBND".
  const party = /^[^-/]*-\s*([\p{L}]+)\s*\//u.exec(value);
  if (party) return party[1];
  const state = /^[^-/]*\/\s*(?:\d{4}\s*\/\s*)?([\p{L}]+)\s*-/u.exec(value);
  return state?.[1];
}

function reportSpan(ctx: RuleContext, field: MetaField<string> | undefined): Span {
  if (field) return fieldSpan(field);
  const start = ctx.plan.metaSpan?.start ?? 0;
  return { start, end: start };
}

export const formNumber: Rule = {
  id: 'form.number',
  category: 'form',
  reads: 'metadata',
  title: { vi: 'Số, ký hiệu văn bản', en: 'Document number and symbol' },
  description: {
    vi: 'Số, ký hiệu phải đúng thể thức của loại văn bản: văn bản của Đảng "Số 51-CTr/TU" (số, gạch nối, tên loại, gạch chéo, cơ quan ban hành; "Số" có hoặc không có dấu hai chấm), văn bản của Ủy ban nhân dân "Số: 74/KH-UBND" (có dấu hai chấm; số nhỏ hơn 10 thêm số 0 phía trước). Tên loại trong ký hiệu phải khớp với loại văn bản (KẾ HOẠCH ↔ KH). Khi soạn thảo được để trống số; khi trình ký phải có số.',
    en: 'The number and symbol follow the variant: Party documents "Số 51-CTr/TU" (number, hyphen, type, slash, issuer; "Số" with or without a colon), People\'s Committee documents "Số: 74/KH-UBND" (colon; numbers below 10 zero-padded). The type in the symbol agrees with the document kind (KẾ HOẠCH ↔ KH). A blank number is fine while drafting, not at submission.',
  },
  severity: { drafting: 'warning', submission: 'error' },
  messages: {
    missing: {
      vi: 'Thiếu số, ký hiệu văn bản (trường "number"), ví dụ "{example}".',
      en: 'The number and symbol are missing (key "number"), for example "{example}".',
    },
    blank: {
      vi: 'Số văn bản còn để trống ("{found}"); cần ghi số trước khi trình ký.',
      en: 'The document number is blank ("{found}"); fill it in before submission.',
    },
    shape: {
      vi: 'Số, ký hiệu "{found}" không đúng thể thức; với {variant}, cần viết theo dạng "{example}".',
      en: 'The number and symbol "{found}" do not follow the form of a {variant}; write them as "{example}".',
    },
    shapeFix: {
      vi: 'Số, ký hiệu "{found}" chưa đúng thể thức; với {variant}, cần viết "{expected}".',
      en: 'The number and symbol "{found}" do not follow the form of a {variant}; write "{expected}".',
    },
    type: {
      vi: 'Ký hiệu "{type}" trong số văn bản không khớp với loại văn bản "{kind}"; loại này dùng ký hiệu {expected}.',
      en: 'The type "{type}" in the number does not agree with the document kind "{kind}", which uses {expected}.',
    },
    fix: { vi: 'Sửa thành "{expected}"', en: 'Change to "{expected}"' },
  },
  fixable: true,
  check(ctx) {
    const field = ctx.plan.meta.number;
    const value = field?.value.trim() ?? '';
    const example = ctx.variant?.numberExample ?? 'Số: 74/KH-UBND';
    if (!field || value === '') {
      // The office gives the number when the plan is issued: only a submitted plan must have it.
      if (ctx.mode === 'submission') ctx.report({ messageId: 'missing', data: { example }, ...reportSpan(ctx, field) });
      return;
    }
    const variant = ctx.variant;
    // Word's non-breaking hyphen prints as "-" (text.hyphen reports the character itself).
    const read = value.replace(/[\u2010\u2011]/gu, '-');
    const parsed = parseNumber(read);
    const pattern = variant ? compile(variant.numberPattern) : undefined;
    const span = field.span;
    let shaped = read;
    if (variant && pattern && !testPattern(pattern, forPattern(read, parsed))) {
      const expected = repair(parsed, pattern);
      const data = { found: value, expected: expected ?? '', example, variant: variantInSentence(variant, ctx.lang) };
      const edit = expected !== undefined ? metaValueEdit(ctx.plan, field, field.value.replace(value, expected)) : undefined;
      ctx.report({
        messageId: expected !== undefined ? 'shapeFix' : 'shape',
        data,
        start: span.start,
        end: span.end,
        ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}),
      });
      if (expected !== undefined) shaped = expected;
    }
    if (parsed.blank && ctx.mode === 'submission') {
      ctx.report({ messageId: 'blank', data: { found: value }, start: span.start, end: span.end });
    }
    if (!variant || !ctx.plan.meta.kind) return;
    const kind = variant.kinds.find((k) => fold(k.name) === fold(ctx.plan.meta.kind!.value));
    const type = typeOf(forPattern(shaped, parseNumber(shaped)), pattern);
    if (!kind || !type) return;
    if (kind.symbolTypes.some((t) => fold(t) === fold(type))) return;
    ctx.report({
      messageId: 'type',
      data: { type, kind: kind.name, expected: kind.symbolTypes.map((t) => `"${t}"`).join(', ') },
      start: span.start,
      end: span.end,
    });
  },
};
