// Reads the end of a plan: the recipients (Nơi nhận) and the signature block, as Word and PDF leave them.

import { withoutMarkup } from '../text/inline-markup';
import { Ledger, Positions } from './ledger';
import { Line } from './source';
import { Repair } from './types';
import { bulletStart, excerpt, oneLine, stripEmphasisEnds, upperShare } from './text';

export interface Located {
  text: string;
  line: number;
}

export interface SignerDraft {
  authority?: Located;
  acting?: Located;
  title?: Located;
  name?: Located;
}

export interface Tail {
  recipients: Located[];
  /** Line of "Nơi nhận:", when printed. */
  recipientsLine?: number;
  signer: SignerDraft;
  /** Lines that are neither recipients nor signature (kept as trailing text). */
  leftover: Line[];
}

const RECIPIENTS = /^(?:\*\*)?\s*Nơi nhận\s*:?\s*(?:\*\*)?\s*/iu;

/** The line starts with a signing authority ("T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"). */
export function isSignatureLine(text: string, prefixes: readonly string[]): boolean {
  const t = stripEmphasisEnds(text).trim();
  return prefixes.some((p) => t === p || t.startsWith(`${p} `) || (p.endsWith('.') && t.startsWith(p) && /^\p{Lu}/u.test(t.slice(p.length))));
}

/** The recipients or the signature start on this line. */
export function startsTail(text: string, prefixes: readonly string[]): boolean {
  return RECIPIENTS.test(text) || isSignatureLine(text, prefixes);
}

/**
 * Columns printed side by side and separated by a wide gap or tabs in the extracted text. A bullet
 * followed by a tab ("-⟨Tab⟩Bộ Nội vụ;", as recipients are often typed) is one item, not two columns.
 */
function columns(raw: string): string[] {
  const parts = raw
    .trim()
    .split(/\t+|\s{4,}/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out: string[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last !== undefined && /^[-–+•]$/u.test(last)) out[out.length - 1] = `${last} ${p}`;
    else out.push(p);
  }
  return out;
}

interface ItemDraft extends Located {
  label: string[];
}

export function readTail(lines: readonly Line[], prefixes: readonly string[], repairs: Repair[], ledger: Ledger, pos: Positions): Tail {
  const items: ItemDraft[] = [];
  const signature: Located[] = [];
  const leftover: Line[] = [];
  let recipientsLine: number | undefined;
  let mode: 'none' | 'recipients' | 'signature' = 'none';

  const addItem = (text: string, line: number): void => {
    items.push({ text: text.replace(/^[-–+•]\s*/u, '').trim(), line, label: [] });
    ledger.mark(line, 'front');
  };

  for (const l of lines) {
    const parts = columns(withoutMarkup(l.raw));
    if (parts.length === 0) continue;
    let left = parts[0];
    const right = parts.slice(1);
    const heading = RECIPIENTS.exec(left);
    if (heading) {
      mode = 'recipients';
      recipientsLine = l.line;
      ledger.mark(l.line, 'front');
      left = left.slice(heading[0].length).trim();
      if (left === '') {
        for (const part of right) handleRight(part, l.line);
        continue;
      }
    }
    if (isSignatureLine(left, prefixes)) {
      mode = 'signature';
      signature.push({ text: left, line: l.line });
    } else if (mode === 'recipients') {
      if (bulletStart(left)) {
        addItem(left, l.line);
      } else if (items.length > 0 && right.length > 0 && items[items.length - 1].label.length > 0) {
        // An item beside a label printed to the right of several items ("Báo / cáo"): a new item
        // whose "- " was lost with the layout.
        addItem(left, l.line);
        repairs.push({
          id: 'recipient-wrapped',
          line: l.line,
          message: {
            vi: `Dòng "${excerpt(left, 40)}" là một mục nơi nhận riêng (mất dấu "- " khi chép).`,
            en: `The line "${excerpt(left, 40)}" is a recipient of its own (its "- " was lost in the copy).`,
          },
        });
      } else if (items.length > 0 && upperShare(left) < 0.9) {
        const last = items[items.length - 1];
        last.text = `${last.text} ${left}`;
        ledger.mark(l.line, 'front');
        const at = pos.at(last.line);
        repairs.push({
          id: 'recipient-wrapped',
          line: l.line,
          message: {
            vi: `Nối dòng "${excerpt(left, 40)}" vào mục nơi nhận ở ${at.vi}.`,
            en: `Joined the line "${excerpt(left, 40)}" to the recipient on ${at.en}.`,
          },
        });
      } else if (upperShare(left) >= 0.9) {
        // A signature printed without an authority prefix ("CHỦ TỊCH").
        mode = 'signature';
        signature.push({ text: left, line: l.line });
      } else {
        addItem(left, l.line);
      }
    } else if (mode === 'signature') {
      signature.push({ text: left, line: l.line });
    } else {
      leftover.push(l);
      ledger.mark(l.line, 'body');
    }
    for (const part of right) handleRight(part, l.line);
  }

  function handleRight(part: string, line: number): void {
    // Once the signature has begun in the right column (a layout with tab stops: "Nơi nhận:⟨Tab⟩T/M
    // THÀNH ỦY", "- …,⟨Tab⟩BÍ THƯ"), what stands there is the rest of it, not a label of the items.
    const signing = isSignatureLine(part, prefixes) || mode === 'signature' || signature.length > 0;
    if (signing || (mode === 'recipients' && part.split(/\s+/u).length > 3)) {
      signature.push({ text: part, line });
    } else if (items.length > 0) {
      items[items.length - 1].label.push(part);
      ledger.mark(line, 'front');
    } else {
      leftover.push({ text: part, line, raw: part, gap: false, removedBefore: false, ruledBefore: false });
      ledger.mark(line, 'body');
    }
  }

  labelGroups(items, repairs, pos);
  return {
    recipients: items.map(({ text, line }) => ({ text: oneLine(text), line })),
    ...(recipientsLine !== undefined ? { recipientsLine } : {}),
    signer: readSigner(signature, prefixes, repairs, ledger),
    leftover,
  };
}

/** "Báo" beside one item and "cáo" beside the next: the label "(báo cáo)" of that group, after its last item. */
function labelGroups(items: ItemDraft[], repairs: Repair[], pos: Positions): void {
  let i = 0;
  while (i < items.length) {
    if (items[i].label.length === 0) {
      i++;
      continue;
    }
    let j = i;
    const words: string[] = [];
    while (j < items.length && items[j].label.length > 0) {
      words.push(...items[j].label);
      j++;
    }
    const last = items[j - 1];
    const label = `(${words.join(' ').toLowerCase()})`;
    last.text = `${last.text.trim()} ${label}`;
    const at = pos.range(items[i].line, last.line);
    repairs.push({
      id: 'recipient-label',
      line: items[i].line,
      message: {
        vi: `Chữ "${words.join(' ')}" in bên phải các mục nơi nhận (${at.vi}) được ghi thành "${label}" sau mục cuối của nhóm.`,
        en: `The words "${words.join(' ')}" printed to the right of the recipients (${at.en}) are written "${label}" after the group's last item.`,
      },
    });
    i = j;
  }
}

function readSigner(lines: readonly Located[], prefixes: readonly string[], repairs: Repair[], ledger: Ledger): SignerDraft {
  const signer: SignerDraft = {};
  let stripped = false;
  const clean = lines
    .map((l) => {
      const text = oneLine(stripEmphasisEnds(l.text));
      if (text !== oneLine(l.text)) stripped = true;
      return { text, line: l.line };
    })
    .filter((l) => {
      if (l.text === '') return false;
      // "(Đã ký)", "(ký, đóng dấu)": notes of the copy, not part of the block.
      if (!/^\(.*\)$/u.test(l.text)) return true;
      ledger.mark(l.line, 'dropped');
      repairs.push({
        id: 'signature-note',
        line: l.line,
        message: {
          vi: `Bỏ ghi chú "${excerpt(l.text, 40)}" trong khối chữ ký: đó là ghi chú của bản sao, không thuộc thể thức chữ ký.`,
          en: `Dropped the note "${excerpt(l.text, 40)}" in the signature block: a note of the copy, not part of the signature.`,
        },
      });
      return false;
    });
  if (stripped && clean.length > 0) {
    repairs.push({
      id: 'emphasis-residue',
      line: clean[0].line,
      message: { vi: 'Bỏ dấu "**" còn sót ở khối chữ ký.', en: 'Removed the leftover "**" in the signature block.' },
    });
  }
  let i = 0;
  if (i < clean.length && isSignatureLine(clean[i].text, prefixes)) signer.authority = clean[i++];
  if (signer.authority && i < clean.length && isSignatureLine(clean[i].text, prefixes)) signer.acting = clean[i++];
  if (i < clean.length && upperShare(clean[i].text) >= 0.9 && !isSignatureLine(clean[i].text, prefixes)) signer.title = clean[i++];
  if (i < clean.length) signer.name = clean[i++];
  for (const used of [signer.authority, signer.acting, signer.title, signer.name]) if (used) ledger.mark(used.line, 'front');
  for (const rest of clean.slice(i)) {
    ledger.mark(rest.line, 'dropped');
    repairs.push({
      id: 'signature-extra',
      line: rest.line,
      message: {
        vi: `Dòng "${excerpt(rest.text, 40)}" sau tên người ký không thuộc thể thức chữ ký (quyền hạn, chức vụ, họ tên); không đưa vào kế hoạch.`,
        en: `The line "${excerpt(rest.text, 40)}" after the signer's name is no part of the signature (authority, title, name); not put into the plan.`,
      },
    });
  }
  return signer;
}
