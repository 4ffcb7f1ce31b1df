// Writes an imported plan as Markdown with YAML front matter (docs/plan-format.md).

import { stringify } from 'yaml';
import { BodyItem } from './body';

export interface SignerValues {
  authority: string;
  acting?: string;
  title: string;
  name: string;
}

export interface PlanDraft {
  variant?: string;
  kind: string;
  issuer: string;
  number: string;
  place: string;
  date: string;
  subject: string;
  implements: string[];
  recipients: string[];
  signer: SignerValues;
  /** A short note written after a key's value ("# suy ra từ phần mở đầu, dòng 23"). */
  notes: Partial<Record<string, string>>;
  /** Comment lines at the top of the front matter. */
  header: string[];
  preamble: string[];
  body: BodyItem[];
  /** Footnotes printed as text, written after the last paragraph. */
  footnotes: string[];
  /** Word footnotes, written as Markdown footnote definitions at the very end ("[^1]: …"). */
  noteDefinitions: ReadonlyArray<{ label: string; text: string }>;
}

/** A metadata value on one line (never a block scalar: a note may follow it). */
function scalar(value: string): string {
  return stringify(value.replace(/\s+/gu, ' ').trim(), { lineWidth: 0, minContentWidth: 0 }).trimEnd();
}

function withNote(line: string, note: string | undefined): string {
  return note ? `${line}  # ${note}` : line;
}

/** A paragraph whose first characters Markdown would read as a heading, a quote, HTML or a footnote gets a backslash. */
function escapeParagraph(text: string): string {
  return /^(?:#|>|<[A-Za-z!/?]|\[\^)/u.test(text) ? `\\${text}` : text;
}

export function emitMarkdown(d: PlanDraft, eol = '\n'): string {
  const out: string[] = ['---'];
  for (const h of d.header) out.push(`# ${h}`);
  out.push('template: nq43');
  if (d.variant) out.push(withNote(`variant: ${d.variant}`, d.notes.variant));
  const keys: Array<[string, string]> = [
    ['kind', d.kind],
    ['issuer', d.issuer],
    ['number', d.number],
    ['place', d.place],
    ['date', d.date],
    ['subject', d.subject],
  ];
  for (const [k, v] of keys) out.push(withNote(`${k}: ${scalar(v)}`, d.notes[k]));
  if (d.implements.length > 0) {
    out.push(withNote('implements:', d.notes.implements));
    for (const s of d.implements) out.push(`  - ${scalar(s)}`);
  } else {
    out.push(withNote('implements: []', d.notes.implements));
  }
  if (d.recipients.length > 0) {
    out.push(withNote('recipients:', d.notes.recipients));
    for (const r of d.recipients) out.push(`  - ${scalar(r)}`);
  } else {
    out.push(withNote('recipients: []', d.notes.recipients));
  }
  out.push(withNote('signer:', d.notes.signer));
  out.push(`  authority: ${scalar(d.signer.authority)}`);
  if (d.signer.acting) out.push(`  acting: ${scalar(d.signer.acting)}`);
  out.push(`  title: ${scalar(d.signer.title)}`);
  out.push(`  name: ${scalar(d.signer.name)}`);
  out.push('---', '');

  const blocks: string[] = [];
  for (const p of d.preamble) blocks.push(escapeParagraph(p));
  for (const item of d.body) {
    if (item.kind === 'roman') blocks.push(`## ${item.text}`);
    else if (item.kind === 'numbered') blocks.push(`### ${item.text}`);
    else blocks.push(escapeParagraph(item.text));
  }
  for (const f of d.footnotes) blocks.push(escapeParagraph(f));
  for (const n of d.noteDefinitions) blocks.push(`[^${n.label}]: ${n.text.replace(/\s+/gu, ' ').trim()}`);
  return `${out.join(eol)}${eol}${blocks.join(`${eol}${eol}`)}${eol}`;
}
