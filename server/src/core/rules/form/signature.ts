// form.signature — the signature block: the variant's authority prefixes (T/M, K/T … or TM., KT. …), a title, and a name before submission.

import { metaValueEdit } from '../../form/meta-text';
import { VariantSpec } from '../../data/types';
import { MetaField } from '../../model';
import { repairLookalikes } from '../../text/normalize';
import { isUpper } from '../../text/word-chars';
import { Rule, RuleContext, variantInSentence } from '../rule';

const letters = (prefix: string): string => prefix.replace(/[./\s]/gu, '');
const upper = (s: string): string => repairLookalikes(s.normalize('NFC')).toUpperCase();

/**
 * The leading token of a signature's authority line: capitals, dots and slashes, by code point
 * (what `^[\p{Lu}./]+` with the `u` flag matched), empty where there is none. The capitals are
 * asked of their ranges, not of a pattern of their class compiled at a start's first check.
 */
export function prefixToken(u: string): string {
  let i = 0;
  while (i < u.length) {
    const c = u.codePointAt(i)!;
    if (c !== 0x2e && c !== 0x2f && !isUpper(c)) break;
    i += c > 0xffff ? 2 : 1;
  }
  return u.slice(0, i);
}

interface PrefixReading {
  /** The leading token as written ("T/M", "TM.", "TM"), with its length in the trimmed value. */
  token: string;
  /** The variant's own prefix the token stands for, if any. */
  right?: string;
  /** The token is exactly one of the variant's prefixes. */
  ok: boolean;
  /** The token is a prefix of the other variant. */
  wrong: boolean;
}

function readPrefix(value: string, variant: VariantSpec): PrefixReading | undefined {
  const u = upper(value.trim());
  const token = prefixToken(u);
  if (token === '') return undefined;
  const sig = variant.signature;
  if (sig.authorityPrefixes.some((p) => upper(p) === token)) return { token, right: token, ok: true, wrong: false };
  const right = sig.authorityPrefixes.find((p) => letters(upper(p)) === letters(token));
  const wrong = sig.wrongPrefixes.some((p) => upper(p) === token);
  if (!right && !wrong) return undefined;
  return { token, ...(right ? { right } : {}), ok: false, wrong };
}

/** A second authority prefix inside the line ("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH"). */
function embeddedPrefix(value: string, variant: VariantSpec): string | undefined {
  const u = upper(value.trim());
  const all = [...variant.signature.authorityPrefixes, ...variant.signature.wrongPrefixes].map(upper);
  return all.find((p) => {
    const i = u.indexOf(` ${p}`, 1);
    return i > 0 && !/\p{L}/u.test(u[i + 1 + p.length] ?? '');
  });
}

function span(field: MetaField<string> | undefined, fallback: { start: number; end: number }): { start: number; end: number } {
  if (!field) return fallback;
  return field.value.trim() === '' ? field.keySpan : field.span;
}

function checkPrefix(ctx: RuleContext, field: MetaField<string>, variant: VariantSpec, line: 'authority' | 'acting'): void {
  const value = field.value.trim();
  const reading = readPrefix(value, variant);
  const prefixes = variant.signature.authorityPrefixes.join(', ');
  if (!reading) {
    if (line === 'authority') ctx.report({ messageId: 'noPrefix', data: { found: value, prefixes, variant: variantInSentence(variant, ctx.lang) }, ...field.span });
    return;
  }
  if (reading.ok) return;
  const data = { found: reading.token, expected: reading.right ?? '', prefixes, variant: variant.label[ctx.lang] };
  let edit;
  if (reading.right) {
    const lead = field.value.length - field.value.trimStart().length;
    const rest = field.value.slice(lead + reading.token.length);
    const next = `${field.value.slice(0, lead)}${reading.right}${rest.startsWith(' ') || rest === '' ? '' : ' '}${rest}`;
    edit = metaValueEdit(ctx.plan, field, next);
  }
  ctx.report({
    messageId: reading.wrong ? (reading.right ? 'wrongPrefix' : 'wrongPrefixNoFix') : 'prefixForm',
    data,
    ...field.span,
    ...(edit ? { fix: { messageId: 'fix', data, edits: [edit] } } : {}),
  });
}

export const formSignature: Rule = {
  id: 'form.signature',
  category: 'form',
  reads: 'metadata',
  title: { vi: 'Thể thức chữ ký', en: 'Signature block' },
  description: {
    vi: 'Phần ký dùng đúng quyền hạn ký của loại văn bản: văn bản của Đảng ghi "T/M", "K/T" (không ghi "TM.", "KT."); văn bản của Ủy ban nhân dân ghi "TM.", "KT.", "Q.", "TL.", "TUQ." (không ghi "T/M"). Phải có chức vụ người ký (BÍ THƯ, PHÓ BÍ THƯ, CHỦ TỊCH …) và, khi trình ký, họ tên người ký.',
    en: 'The signature uses the variant\'s authority prefixes: Party documents "T/M", "K/T" (not "TM.", "KT."); People\'s Committee documents "TM.", "KT.", "Q.", "TL.", "TUQ." (not "T/M"). The signer\'s title (BÍ THƯ, PHÓ BÍ THƯ, CHỦ TỊCH …) is required and, at submission, the signer\'s name.',
  },
  severity: { drafting: 'error', submission: 'error' },
  messages: {
    missing: {
      vi: 'Thiếu phần chữ ký (trường "signer"), ví dụ "{example}".',
      en: 'The signature block is missing (key "signer"), for example "{example}".',
    },
    wrongPrefix: {
      vi: '{variant} không ký "{found}"; cần ghi "{expected}".',
      en: 'A {variant} is not signed "{found}"; write "{expected}".',
    },
    wrongPrefixNoFix: {
      vi: '{variant} không ký "{found}"; quyền hạn ký dùng một trong các dạng {prefixes}.',
      en: 'A {variant} is not signed "{found}"; the authority is one of {prefixes}.',
    },
    prefixForm: {
      vi: 'Quyền hạn ký "{found}" viết chưa đúng; cần ghi "{expected}".',
      en: 'The authority "{found}" is not written correctly; write "{expected}".',
    },
    noPrefix: {
      vi: 'Dòng quyền hạn ký "{found}" không bắt đầu bằng một trong các dạng {prefixes} của {variant}.',
      en: 'The authority line "{found}" does not start with one of the {variant} forms {prefixes}.',
    },
    authorityMissing: {
      vi: 'Thiếu dòng quyền hạn ký (trường "signer.authority"), ví dụ "{example}".',
      en: 'The authority line is missing (key "signer.authority"), for example "{example}".',
    },
    actingMisplaced: {
      vi: 'Dòng "{found}" là dòng ký thay, cần ghi ở trường "signer.acting"; trường "{key}" chỉ ghi {what}.',
      en: 'The line "{found}" is the signing-for line and belongs in "signer.acting"; "{key}" holds only {what}.',
    },
    titleMissing: {
      vi: 'Thiếu chức vụ người ký (trường "signer.title"), ví dụ "{example}".',
      en: 'The signer\'s title is missing (key "signer.title"), for example "{example}".',
    },
    nameMissing: {
      vi: 'Thiếu họ tên người ký (trường "signer.name"); cần ghi trước khi trình ký.',
      en: 'The signer\'s name is missing (key "signer.name"); fill it in before submission.',
    },
    fix: { vi: 'Ghi "{expected}"', en: 'Write "{expected}"' },
  },
  fixable: true,
  check(ctx) {
    const variant = ctx.variant;
    const signer = ctx.plan.meta.signer;
    const metaStart = ctx.plan.metaSpan?.start ?? 0;
    const example = variant ? variant.signature.example.authority : 'T/M BAN THƯỜNG VỤ';
    if (!signer) {
      if (ctx.mode === 'submission') ctx.report({ messageId: 'missing', data: { example }, start: metaStart, end: metaStart });
      return;
    }
    const fallback = signer.keySpan;
    const { authority, acting, title, name } = signer;
    if (!authority || authority.value.trim() === '') {
      ctx.report({ messageId: 'authorityMissing', data: { example }, ...span(authority, fallback) });
    } else if (variant) {
      checkPrefix(ctx, authority, variant, 'authority');
      const inner = embeddedPrefix(authority.value, variant);
      if (inner) {
        const u = upper(authority.value.trim());
        const found = authority.value.trim().slice(u.indexOf(` ${inner}`) + 1);
        ctx.report({
          messageId: 'actingMisplaced',
          data: { found, key: 'signer.authority', what: ctx.lang === 'vi' ? 'quyền hạn ký (TM., T/M …) và tên tập thể' : 'the authority (TM., T/M …) and the collective body' },
          ...authority.span,
        });
      }
    }
    if (variant && acting && acting.value.trim() !== '') checkPrefix(ctx, acting, variant, 'acting');
    if (!title || title.value.trim() === '') {
      ctx.report({ messageId: 'titleMissing', data: { example: variant?.signature.example.title ?? 'BÍ THƯ' }, ...span(title, fallback) });
    } else if (variant && readPrefix(title.value, variant)) {
      // "KT. CHỦ TỊCH" written as the title: the acting line and the title are two keys.
      ctx.report({
        messageId: 'actingMisplaced',
        data: { found: title.value.trim(), key: 'signer.title', what: ctx.lang === 'vi' ? 'chức vụ người ký (ví dụ "PHÓ CHỦ TỊCH")' : 'the title (for example "PHÓ CHỦ TỊCH")' },
        ...title.span,
      });
    }
    if ((!name || name.value.trim() === '') && ctx.mode === 'submission') {
      ctx.report({ messageId: 'nameMissing', ...span(name, fallback) });
    }
  },
};
