// The clause snippets: every file parses, every body is a valid VS Code snippet, prefixes are unique, and what they insert matches the template data and parses as a plan.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, ParseError, printParseErrorCode } from 'jsonc-parser';
import { parse as parseYaml } from 'yaml';
import { RegistryEntry, Template, VariantId, VariantSpec } from '../../server/src/core/data/types';
import { parsePlan } from '../../server/src/core/document/parse';
import { checkText } from '../../server/src/core/engine';
import { PlanModel, Section, sectionBlocks } from '../../server/src/core/model';
import { ALL_RULES } from '../../server/src/core/rules/index';
import { containsAll, fold, foldHeading } from '../../server/src/core/text/normalize';
import { knowledgeAsOf } from '../../server/src/core/data/as-of';
import { bundledKnowledge, localToday } from '../support/knowledge';
import { REPO_ROOT, SCHEMAS } from '../support/paths';

// ---------------------------------------------------------------------------------------------
// A parser for the VS Code snippet grammar (tab stops, placeholders, choices, variables,
// transforms), strict about what VS Code would silently read as text: an unescaped "$" that
// starts nothing and an unbalanced "}" are errors here.
// ---------------------------------------------------------------------------------------------

type FormatPart =
  | { kind: 'text'; value: string }
  | { kind: 'group'; index: number; op?: 'upcase' | 'downcase' | 'capitalize' | 'camelcase' | 'pascalcase'; ifText?: string; elseText?: string };

interface Transform {
  regex: RegExp;
  format: FormatPart[];
}

type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; transform?: Transform }
  | { kind: 'placeholder'; index: number; children: SnippetNode[] }
  | { kind: 'choice'; index: number; options: string[] }
  | { kind: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

const KNOWN_VARIABLES = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER', 'TM_FILENAME',
  'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD', 'WORKSPACE_NAME', 'WORKSPACE_FOLDER',
  'CURSOR_INDEX', 'CURSOR_NUMBER', 'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH', 'CURRENT_MONTH_NAME',
  'CURRENT_MONTH_NAME_SHORT', 'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT', 'CURRENT_HOUR', 'CURRENT_MINUTE',
  'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET', 'RANDOM', 'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START',
  'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);

class SnippetParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): SnippetNode[] {
    const nodes = this.sequence(false);
    if (this.pos < this.src.length) throw this.error('unexpected "}"');
    return nodes;
  }

  private error(message: string): Error {
    return new Error(`${message} at offset ${this.pos}: …${this.src.slice(Math.max(0, this.pos - 20), this.pos + 20)}…`);
  }

  /** Text and constructs up to an unescaped "}" (inside a placeholder) or the end. */
  private sequence(nested: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\') {
        const next = this.src[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += c;
          this.pos += 1;
        }
      } else if (c === '$') {
        flush();
        nodes.push(this.construct());
      } else if (c === '}') {
        if (nested) break;
        throw this.error('unbalanced "}"');
      } else {
        text += c;
        this.pos += 1;
      }
    }
    flush();
    return nodes;
  }

  private int(): number | undefined {
    const m = /^\d+/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private name(): string | undefined {
    const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }

  private expect(s: string): void {
    if (!this.src.startsWith(s, this.pos)) throw this.error(`expected "${s}"`);
    this.pos += s.length;
  }

  private construct(): SnippetNode {
    this.expect('$');
    if (this.src[this.pos] !== '{') {
      const index = this.int();
      if (index !== undefined) return { kind: 'tabstop', index };
      const name = this.name();
      if (name === undefined) throw this.error('"$" that starts nothing (escape it as "\\$")');
      if (!KNOWN_VARIABLES.has(name)) throw this.error(`unknown variable ${name}`);
      return { kind: 'variable', name };
    }
    this.expect('{');
    const index = this.int();
    if (index !== undefined) {
      const c = this.src[this.pos];
      if (c === '}') {
        this.pos++;
        return { kind: 'tabstop', index };
      }
      if (c === ':') {
        this.pos++;
        const children = this.sequence(true);
        this.expect('}');
        return { kind: 'placeholder', index, children };
      }
      if (c === '|') {
        this.pos++;
        const options = this.choiceOptions();
        return { kind: 'choice', index, options };
      }
      if (c === '/') {
        const transform = this.transform();
        this.expect('}');
        return { kind: 'tabstop', index, transform };
      }
      throw this.error('malformed tab stop');
    }
    const name = this.name();
    if (name === undefined) throw this.error('malformed "${"');
    if (!KNOWN_VARIABLES.has(name)) throw this.error(`unknown variable ${name}`);
    const c = this.src[this.pos];
    if (c === '}') {
      this.pos++;
      return { kind: 'variable', name };
    }
    if (c === ':') {
      this.pos++;
      const children = this.sequence(true);
      this.expect('}');
      return { kind: 'variable', name, children };
    }
    if (c === '/') {
      const transform = this.transform();
      this.expect('}');
      return { kind: 'variable', name, transform };
    }
    throw this.error('malformed variable');
  }

  private choiceOptions(): string[] {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\' && /[,|\\]/.test(this.src[this.pos + 1] ?? '')) {
        current += this.src[this.pos + 1];
        this.pos += 2;
      } else if (c === ',') {
        options.push(current);
        current = '';
        this.pos++;
      } else if (c === '|') {
        options.push(current);
        this.pos++;
        this.expect('}');
        return options;
      } else {
        current += c;
        this.pos++;
      }
    }
    throw this.error('unterminated choice');
  }

  /** "/regex/format/options" up to (not including) the closing "}". */
  private transform(): Transform {
    this.expect('/');
    let regex = '';
    while (this.pos < this.src.length && this.src[this.pos] !== '/') {
      if (this.src[this.pos] === '\\' && this.src[this.pos + 1] === '/') {
        regex += '/';
        this.pos += 2;
      } else {
        regex += this.src[this.pos++];
      }
    }
    this.expect('/');
    const format = this.formatParts();
    this.expect('/');
    const flags = /^[a-z]*/.exec(this.src.slice(this.pos))![0];
    this.pos += flags.length;
    return { regex: new RegExp(regex, flags), format };
  }

  private formatParts(): FormatPart[] {
    const parts: FormatPart[] = [];
    let text = '';
    const flush = (): void => {
      if (text) parts.push({ kind: 'text', value: text });
      text = '';
    };
    while (this.pos < this.src.length && this.src[this.pos] !== '/') {
      const c = this.src[this.pos];
      if (c === '\\') {
        text += this.src[this.pos + 1] ?? '';
        this.pos += 2;
      } else if (c === '$') {
        flush();
        this.pos++;
        if (this.src[this.pos] !== '{') {
          const index = this.int();
          if (index === undefined) throw this.error('malformed format group');
          parts.push({ kind: 'group', index });
          continue;
        }
        this.pos++;
        const index = this.int();
        if (index === undefined) throw this.error('malformed format group');
        if (this.src[this.pos] === '}') {
          this.pos++;
          parts.push({ kind: 'group', index });
          continue;
        }
        this.expect(':');
        const rest = /^[^}]*/.exec(this.src.slice(this.pos))![0];
        this.pos += rest.length;
        this.expect('}');
        const op = /^\/(upcase|downcase|capitalize|camelcase|pascalcase)$/.exec(rest);
        if (op) parts.push({ kind: 'group', index, op: op[1] as 'upcase' });
        else if (rest.startsWith('?')) {
          const [ifText, elseText] = rest.slice(1).split(':');
          parts.push({ kind: 'group', index, ifText, elseText: elseText ?? '' });
        } else if (rest.startsWith('+')) parts.push({ kind: 'group', index, ifText: rest.slice(1) });
        else parts.push({ kind: 'group', index, elseText: rest.replace(/^-/, '') });
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }
}

function parseSnippet(body: string): SnippetNode[] {
  return new SnippetParser(body).parse();
}

function walk(nodes: SnippetNode[], fn: (n: SnippetNode) => void): void {
  for (const n of nodes) {
    fn(n);
    if ((n.kind === 'placeholder' || n.kind === 'variable') && n.children) walk(n.children, fn);
  }
}

/** Sample values of the variables the snippets use: a fixed date keeps the test deterministic. */
const [TODAY_YEAR, TODAY_MONTH, TODAY_DAY] = localToday().split('-');
const VARIABLE_VALUES: Record<string, string> = { CURRENT_YEAR: TODAY_YEAR, CURRENT_MONTH: TODAY_MONTH, CURRENT_DATE: TODAY_DAY };

function applyTransform(value: string, t: Transform): string {
  return value.replace(t.regex, (...args: unknown[]) => {
    const groups = args.slice(0, -2).filter((_, i, a) => i < a.length) as Array<string | undefined>;
    return t.format
      .map((p) => {
        if (p.kind === 'text') return p.value;
        const g = groups[p.index];
        if (p.op === 'upcase') return (g ?? '').toUpperCase();
        if (p.op === 'downcase') return (g ?? '').toLowerCase();
        if (p.op === 'capitalize') return (g ?? '').charAt(0).toUpperCase() + (g ?? '').slice(1);
        if (p.op) return g ?? '';
        if (p.ifText !== undefined || p.elseText !== undefined) return g ? (p.ifText ?? g) : (p.elseText ?? '');
        return g ?? '';
      })
      .join('');
  });
}

/** The text VS Code inserts when the drafter accepts every default (first choice, default text). */
function expandDefaults(nodes: SnippetNode[], variables: Record<string, string> = VARIABLE_VALUES): string {
  const values = new Map<number, string>();
  const collect = (list: SnippetNode[]): void => {
    for (const n of list) {
      if (n.kind === 'placeholder' && !values.has(n.index)) values.set(n.index, render(n.children));
      if (n.kind === 'choice' && !values.has(n.index)) values.set(n.index, n.options[0]);
      if (n.kind === 'placeholder') collect(n.children);
    }
  };
  const render = (list: SnippetNode[]): string =>
    list
      .map((n) => {
        switch (n.kind) {
          case 'text':
            return n.value;
          case 'tabstop': {
            const v = values.get(n.index) ?? '';
            return n.transform ? applyTransform(v, n.transform) : v;
          }
          case 'placeholder':
          case 'choice':
            return values.get(n.index) ?? '';
          case 'variable': {
            const v = variables[n.name] ?? (n.children ? render(n.children) : '');
            return n.transform ? applyTransform(v, n.transform) : v;
          }
        }
      })
      .join('');
  collect(nodes);
  return render(nodes);
}

// ---------------------------------------------------------------------------------------------
// Files and data
// ---------------------------------------------------------------------------------------------

interface SnippetDef {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

interface LoadedSnippet {
  file: string;
  format: 'markdown' | 'yaml';
  name: string;
  prefixes: string[];
  body: string;
}

const SNIPPET_FILES: Array<{ file: string; format: 'markdown' | 'yaml' }> = [
  { file: 'plan43-markdown.code-snippets', format: 'markdown' },
  { file: 'plan43-yaml.code-snippets', format: 'yaml' },
];

function readSnippetFile(file: string): Record<string, SnippetDef> {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'snippets', file), 'utf8');
  const errors: ParseError[] = [];
  const data = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false }) as Record<string, SnippetDef>;
  assert.deepEqual(
    errors.map((e) => `${printParseErrorCode(e.error)} at ${e.offset}`),
    [],
    `${file} is not valid JSON with comments`,
  );
  return data;
}

function loadSnippets(): LoadedSnippet[] {
  const out: LoadedSnippet[] = [];
  for (const { file, format } of SNIPPET_FILES) {
    for (const [name, def] of Object.entries(readSnippetFile(file))) {
      out.push({
        file,
        format,
        name,
        prefixes: Array.isArray(def.prefix) ? def.prefix : [def.prefix],
        body: Array.isArray(def.body) ? def.body.join('\n') : def.body,
      });
    }
  }
  return out;
}

const template = parseYaml(fs.readFileSync(path.join(SCHEMAS, 'nq43.template.yaml'), 'utf8')) as Template;
const registry = (parseYaml(fs.readFileSync(path.join(SCHEMAS, 'registry.yaml'), 'utf8')) as { documents: RegistryEntry[] }).documents;

type Role =
  | { role: 'whole'; variant: VariantId }
  | { role: 'preamble'; variant: VariantId }
  | { role: 'section'; variant: VariantId; slot: string; form: string }
  | { role: 'group'; group: number }
  | { role: 'assignment'; variant: VariantId; assignment: string }
  | { role: 'closing'; variant: VariantId }
  | { role: 'recipients'; variant: VariantId }
  | { role: 'signer'; variant: VariantId };

/** What each snippet (by its first prefix) is for; a new snippet must be listed here to be checked. */
const ROLES: Record<string, Role> = {
  'kehoach-dang': { role: 'whole', variant: 'party' },
  'kehoach-ubnd': { role: 'whole', variant: 'state' },
  'mo-dau-dang': { role: 'preamble', variant: 'party' },
  'mo-dau-ubnd': { role: 'preamble', variant: 'state' },
  'muc-dich': { role: 'section', variant: 'party', slot: 'opening', form: 'purpose' },
  'tinh-hinh': { role: 'section', variant: 'party', slot: 'opening', form: 'assessment' },
  'muc-tieu': { role: 'section', variant: 'party', slot: 'objectives', form: 'objectives' },
  'quan-diem': { role: 'section', variant: 'party', slot: 'objectives', form: 'viewpoints' },
  'nhiem-vu-dang': { role: 'section', variant: 'party', slot: 'tasks', form: 'tasks' },
  'nhiem-vu-ubnd': { role: 'section', variant: 'state', slot: 'tasks', form: 'tasks' },
  'tcth-dang': { role: 'section', variant: 'party', slot: 'implementation', form: 'implementation' },
  'tcth-ubnd': { role: 'section', variant: 'state', slot: 'implementation', form: 'implementation' },
  nhom1: { role: 'group', group: 1 },
  nhom2: { role: 'group', group: 2 },
  nhom3: { role: 'group', group: 3 },
  nhom4: { role: 'group', group: 4 },
  nhom5: { role: 'group', group: 5 },
  nhom6: { role: 'group', group: 6 },
  nhom7: { role: 'group', group: 7 },
  'tcth-capuy': { role: 'assignment', variant: 'party', assignment: 'lower-committees-commune' },
  'tcth-dangu-ubnd': { role: 'assignment', variant: 'party', assignment: 'government-committee' },
  'tcth-coquan-dang': { role: 'assignment', variant: 'party', assignment: 'party-agencies-committee' },
  'tcth-mattran-dang': { role: 'assignment', variant: 'party', assignment: 'front-committee' },
  'tcth-tuyengiao-danvan': { role: 'assignment', variant: 'party', assignment: 'propaganda-mobilisation-board' },
  'tcth-soganh': { role: 'assignment', variant: 'state', assignment: 'departments-communes' },
  'tcth-daumoi': { role: 'assignment', variant: 'state', assignment: 'focal-agency' },
  'tcth-baochi': { role: 'assignment', variant: 'state', assignment: 'media' },
  'tcth-mattran-ubnd': { role: 'assignment', variant: 'state', assignment: 'front-request' },
  'tren-day-dang': { role: 'closing', variant: 'party' },
  'tren-day-ubnd': { role: 'closing', variant: 'state' },
  'noinhan-dang': { role: 'recipients', variant: 'party' },
  'noinhan-ubnd': { role: 'recipients', variant: 'state' },
  'chuky-dang': { role: 'signer', variant: 'party' },
  'chuky-ubnd': { role: 'signer', variant: 'state' },
  'chuky-ubnd-chutich': { role: 'signer', variant: 'state' },
};

// VS Code fills the snippets' date variables with today's date, so the static snippets must say
// what the template expects of a provincial plan dated today (the server's completions follow a
// plan's own date and level; these cannot).
const TODAY = localToday();
const todays = knowledgeAsOf(bundledKnowledge().kb, TODAY, 'province', 'today');

function variantSpec(id: VariantId): VariantSpec {
  return todays.variant(id)!;
}

function slotOf(variant: VariantId, slotId: string) {
  const slot = variantSpec(variant).sections.find((s) => s.id === slotId);
  assert.ok(slot, `the template has no section slot ${variant}/${slotId}`);
  return slot;
}

function tasksHeading(variant: VariantId): string {
  return variantSpec(variant).sections.find((s) => s.tasks)!.forms[0].preferred;
}

function implementationHeading(variant: VariantId): string {
  return variantSpec(variant).sections.find((s) => s.implementation)!.forms[0].preferred;
}

function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? l : pad + l))
    .join('\n');
}

/** Puts an expanded snippet where a drafter would insert it, in a minimal plan of its variant. */
function wrap(s: LoadedSnippet, role: Role, expanded: string): { uri: string; text: string } {
  const variant = role.role === 'group' ? 'party' : role.variant;
  const uri = s.format === 'markdown' ? 'file:///snippet.md' : 'file:///snippet.plan.yaml';
  const meta = `template: nq43\nvariant: ${variant}\n`;
  if (role.role === 'whole') return { uri, text: expanded };
  if (s.format === 'markdown') {
    const fm = (extra = ''): string => `---\n${meta}${extra}---\n\n`;
    switch (role.role) {
      case 'recipients':
      case 'signer':
        return { uri, text: fm(`${expanded}\n`) };
      case 'preamble':
      case 'section':
        return { uri, text: `${fm()}${expanded}\n` };
      case 'group':
        return { uri, text: `${fm()}## III. ${tasksHeading(variant)}\n\n${expanded}\n` };
      case 'assignment':
        return { uri, text: `${fm()}## IV. ${implementationHeading(variant)}\n\n${expanded}\n` };
      case 'closing':
        return { uri, text: `${fm()}## I. ${implementationHeading(variant)}\n\nNội dung.\n\n${expanded}\n` };
    }
  }
  switch (role.role) {
    case 'recipients':
    case 'signer':
    case 'preamble':
    case 'closing':
      return { uri, text: `${meta}${expanded}\n` };
    case 'section':
      return { uri, text: `${meta}sections:\n${indent(expanded, 2)}\n` };
    case 'group':
      return { uri, text: `${meta}sections:\n  - heading: "III. ${tasksHeading(variant)}"\n    sections:\n${indent(expanded, 6)}\n` };
    case 'assignment':
      return { uri, text: `${meta}sections:\n  - heading: "IV. ${implementationHeading(variant)}"\n    sections:\n${indent(expanded, 6)}\n` };
  }
}

function sectionText(s: Section): string {
  return [s.heading.title.text, ...sectionBlocks(s).map((b) => b.text.text)].join('\n');
}

/** Assignments of a variant that an implementation subsection satisfies (heading and text). */
function assignmentsMatched(variant: VariantId, section: Section): string[] {
  const text = fold(sectionText(section));
  return variantSpec(variant)
    .implementation.assignments.filter((a) => a.cues.some((cues) => containsAll(text, cues)))
    .map((a) => a.id);
}

/** Checks one top-level section against the template slot and form it claims to be. */
function checkSection(variant: VariantId, section: Section, where: string): void {
  const title = foldHeading(section.heading.title.text);
  const slot = variantSpec(variant).sections.find((sl) => sl.forms.some((f) => foldHeading(f.preferred) === title));
  assert.ok(slot, `${where}: "${section.heading.title.text}" is not the preferred heading of a ${variant} section`);
  const form = slot.forms.find((f) => foldHeading(f.preferred) === title)!;
  if (slot.tasks) {
    const titles = section.children.map((c) => foldHeading(c.heading.title.text));
    assert.deepEqual(
      titles,
      template.taskGroups.map((g) => foldHeading(g.title)),
      `${where}: the task groups are the template's, in order`,
    );
  } else if (slot.implementation) {
    const covered = new Set(section.children.flatMap((c) => assignmentsMatched(variant, c)));
    for (const child of section.children) {
      assert.ok(assignmentsMatched(variant, child).length > 0, `${where}: "${child.heading.title.text}" matches no assignment of the ${variant} variant`);
    }
    assert.deepEqual(
      variantSpec(variant).implementation.assignments.map((a) => a.id).filter((id) => !covered.has(id)),
      [],
      `${where}: every assignment of the ${variant} variant is present`,
    );
    assert.ok(
      variantSpec(variant).implementation.monitoringCues.some((cues) => containsAll(fold(sectionText(section)), cues)),
      `${where}: a body is charged with monitoring and reporting`,
    );
  } else {
    const expected = (form.subsections ?? []).map((x) => foldHeading(x.heading));
    assert.deepEqual(
      section.children.map((c) => foldHeading(c.heading.title.text)),
      expected,
      `${where}: the subsections of "${form.preferred}" are the template's`,
    );
  }
}

function checkRecipients(variant: VariantId, plan: PlanModel, where: string): void {
  const spec = variantSpec(variant).recipients;
  const items = (plan.meta.recipients?.value ?? []).map((f) => f.value);
  assert.ok(items.length >= 2, `${where}: recipients are listed`);
  for (const item of items.slice(0, -1)) assert.ok(item.endsWith(spec.itemEnd), `${where}: "${item}" ends with "${spec.itemEnd}"`);
  assert.match(items[items.length - 1], new RegExp(spec.lastItemPattern, 'u'), `${where}: the last recipient is the variant's "Lưu" item`);
  assert.ok(items.some((i) => i.includes(spec.reportMarker)), `${where}: superiors are marked ${spec.reportMarker}`);
}

function checkSigner(variant: VariantId, plan: PlanModel, where: string): void {
  const spec = variantSpec(variant).signature;
  const signer = plan.meta.signer;
  assert.ok(signer?.authority && signer.title, `${where}: the signer has an authority line and a title`);
  assert.ok(spec.authorityPrefixes.some((p) => signer.authority!.value.startsWith(p)), `${where}: "${signer.authority!.value}" uses a ${variant} prefix`);
  if (signer.acting) assert.ok(spec.authorityPrefixes.some((p) => signer.acting!.value.startsWith(p)), `${where}: acting line uses a ${variant} prefix`);
  assert.ok(spec.titles.includes(signer.title.value), `${where}: "${signer.title.value}" is a ${variant} title`);
}

/** The preamble cites every required or expected parent, registry entries in full first-citation form. */
function checkPreamble(variant: VariantId, plan: PlanModel, where: string): void {
  const text = plan.preamble.map((b) => b.text.text).join('\n');
  const folded = fold(text);
  for (const required of variantSpec(variant).parents.filter((p) => p.level !== 'optional')) {
    // Of a choice of programmes, the snippet cites the first (the provincial programme).
    const parent = required.anyOf?.[0] ?? required;
    if (parent.symbol) {
      const entry = registry.find((d) => d.symbol === parent.symbol);
      assert.ok(entry, `the registry has ${parent.symbol}`);
      const [d, m, y] = entry.date.split('/').map(Number);
      const date = `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
      const form = `${entry.type} số ${entry.symbol}, ngày ${date} của ${entry.issuer}${entry.term ? ` khóa ${entry.term}` : ''}`;
      assert.ok(folded.includes(fold(form)), `${where}: the preamble cites ${parent.symbol} in full ("${form}")`);
      if (entry.titleKeys?.length) {
        assert.ok(entry.titleKeys.some((k) => folded.includes(fold(k))), `${where}: the citation of ${parent.symbol} quotes its subject`);
      }
    } else if (parent.pattern) {
      // The number of the provincial programme is the drafter's to fill in.
      assert.match(text.replace(/…(?=-)/g, '51'), new RegExp(parent.pattern, 'u'), `${where}: the preamble cites the provincial programme`);
    }
  }
  assert.ok(/như sau:$/.test(text.trim()), `${where}: the preamble ends with "như sau:"`);
}

function checkClosing(variant: VariantId, plan: PlanModel, where: string): void {
  assert.ok(plan.closing, `${where}: a closing paragraph "Trên đây là …"`);
  const ending = variantSpec(variant).ending;
  const text = plan.closing.text.text.trim();
  if (ending) assert.ok(text.endsWith(ending), `${where}: the ${variant} closing ends with "${ending}"`);
  else assert.ok(!text.endsWith('./.'), `${where}: a ${variant} closing does not end with "./."`);
}

// ---------------------------------------------------------------------------------------------

describe('snippets', () => {
  const snippets = loadSnippets();

  it('both snippet files exist and hold snippets', () => {
    for (const { file, format } of SNIPPET_FILES) {
      assert.ok(snippets.filter((s) => s.file === file).length >= 30, `${file} (${format}) holds every standard clause`);
    }
  });

  it('every snippet has a prefix, a body and a description', () => {
    for (const { file } of SNIPPET_FILES) {
      for (const [name, def] of Object.entries(readSnippetFile(file))) {
        const prefixes = Array.isArray(def.prefix) ? def.prefix : [def.prefix];
        assert.ok(prefixes.length > 0 && prefixes.every((p) => typeof p === 'string' && /^[a-z0-9-]+$/.test(p)), `${file} ${name}: prefixes are ASCII words`);
        assert.ok(typeof def.body === 'string' || (Array.isArray(def.body) && def.body.every((l) => typeof l === 'string')), `${file} ${name}: body`);
        assert.equal(typeof def.description, 'string', `${file} ${name}: description`);
      }
    }
  });

  it('prefixes are unique within each file', () => {
    for (const { file } of SNIPPET_FILES) {
      const seen = new Map<string, string>();
      for (const s of snippets.filter((x) => x.file === file)) {
        for (const p of s.prefixes) {
          assert.ok(!seen.has(p), `${file}: prefix "${p}" is used by "${seen.get(p)}" and "${s.name}"`);
          seen.set(p, s.name);
        }
      }
    }
  });

  it('both files offer the same prefixes', () => {
    const of = (file: string): string[] => snippets.filter((s) => s.file === file).flatMap((s) => s.prefixes).sort();
    assert.deepEqual(of(SNIPPET_FILES[0].file), of(SNIPPET_FILES[1].file));
  });

  it('every body is a valid snippet with numbered tab stops', () => {
    for (const s of snippets) {
      let nodes: SnippetNode[];
      try {
        nodes = parseSnippet(s.body);
      } catch (err) {
        assert.fail(`${s.file} "${s.name}": ${(err as Error).message}`);
      }
      const defined = new Map<number, number>();
      const used = new Set<number>();
      walk(nodes, (n) => {
        if (n.kind === 'placeholder' || n.kind === 'choice') defined.set(n.index, (defined.get(n.index) ?? 0) + 1);
        if (n.kind === 'tabstop' || n.kind === 'placeholder' || n.kind === 'choice') used.add(n.index);
        if (n.kind === 'choice') assert.ok(n.options.length >= 2 && n.options.every((o) => o !== ''), `${s.name}: choice ${n.index} has options`);
      });
      for (const [index, count] of defined) assert.equal(count, 1, `${s.file} "${s.name}": tab stop ${index} is defined once, mirrored elsewhere`);
      const numbers = [...used].filter((n) => n > 0).sort((a, b) => a - b);
      assert.deepEqual(numbers, numbers.map((_, i) => i + 1), `${s.file} "${s.name}": tab stops are numbered 1…n without gaps`);
      assert.ok(used.has(0), `${s.file} "${s.name}": the final cursor position $0 is set`);
    }
  });

  it('the snippet parser of this test rejects malformed bodies', () => {
    assert.throws(() => parseSnippet('${1:abc'));
    assert.throws(() => parseSnippet('abc}'));
    assert.throws(() => parseSnippet('cost $ 5'));
    assert.throws(() => parseSnippet('${1|a,b}'));
    assert.throws(() => parseSnippet('$NOT_A_VARIABLE'));
    assert.equal(expandDefaults(parseSnippet('${1|KẾ HOẠCH,x|} — ${1/^(.)(.*)$/$1${2:/downcase}/} \\$')), 'KẾ HOẠCH — Kế hoạch $');
    assert.equal(expandDefaults(parseSnippet('${1|Thành ủy,Tỉnh ủy|}: ${1/^(Thành ủy)?.*$/${1:?thành phố:tỉnh}/}')), 'Thành ủy: thành phố');
    assert.equal(expandDefaults(parseSnippet('tháng ${1:${CURRENT_MONTH/^0([3-9])$/$1/}}'), { CURRENT_MONTH: '07' }), 'tháng 7');
    assert.equal(expandDefaults(parseSnippet('tháng ${1:${CURRENT_MONTH/^0([3-9])$/$1/}}'), { CURRENT_MONTH: '02' }), 'tháng 02');
  });

  it('every snippet has a known role, and every clause of the template has a snippet', () => {
    for (const s of snippets) assert.ok(ROLES[s.prefixes[0]], `${s.file} "${s.name}" (${s.prefixes[0]}) has a role in this test`);
    const roles = Object.values(ROLES);
    for (const { file } of SNIPPET_FILES) {
      const present = new Set(snippets.filter((s) => s.file === file).map((s) => s.prefixes[0]));
      for (const prefix of Object.keys(ROLES)) assert.ok(present.has(prefix), `${file} has "${prefix}"`);
    }
    for (const g of template.taskGroups) assert.ok(roles.some((r) => r.role === 'group' && r.group === g.id), `task group ${g.id} has a snippet`);
    for (const v of ['party', 'state'] as const) {
      for (const a of variantSpec(v).implementation.assignments) {
        assert.ok(roles.some((r) => r.role === 'assignment' && r.variant === v && r.assignment === a.id), `assignment ${v}/${a.id} has a snippet`);
      }
      for (const role of ['whole', 'preamble', 'closing', 'recipients', 'signer'] as const) {
        assert.ok(roles.some((r) => r.role === role && r.variant === v), `${v} has a ${role} snippet`);
      }
      for (const slot of variantSpec(v).sections) {
        for (const form of slot.forms) {
          const heading = foldHeading(form.preferred);
          const forms = roles.filter((r): r is Extract<Role, { role: 'section' }> => r.role === 'section');
          assert.ok(
            forms.some((r) => foldHeading(slotOf(r.variant, r.slot).forms.find((f) => f.id === r.form)!.preferred) === heading),
            `section "${form.preferred}" (${v}) has a snippet`,
          );
        }
      }
    }
  });

  for (const s of loadSnippets()) {
    const role = ROLES[s.prefixes[0]];
    if (!role) continue;
    it(`${s.format} "${s.prefixes[0]}": with its defaults it inserts what the template expects`, () => {
      const expanded = expandDefaults(parseSnippet(s.body));
      const { uri, text } = wrap(s, role, expanded);
      const plan = parsePlan(uri, text);
      const where = `${s.file} "${s.name}"`;
      assert.ok(plan.isPlan, `${where}: parses as a plan`);
      assert.deepEqual(plan.problems.map((p) => p.message), [], `${where}: no syntax problems`);
      switch (role.role) {
        case 'whole': {
          assert.equal(plan.meta.template?.value, template.id);
          assert.equal(plan.meta.variant?.value, role.variant);
          assert.ok(variantSpec(role.variant).kinds.some((k) => k.name === plan.meta.kind?.value), `${where}: kind is one of the variant's`);
          const required = variantSpec(role.variant).sections.filter((sl) => sl.required);
          const titles = plan.sections.map((x) => foldHeading(x.heading.title.text));
          for (const slot of required) {
            assert.ok(slot.forms.some((f) => titles.includes(foldHeading(f.preferred))), `${where}: has the required section "${slot.forms[0].preferred}"`);
          }
          assert.deepEqual(
            plan.sections.map((x) => `${x.heading.numeral?.style} ${x.heading.numeral?.value}`),
            plan.sections.map((_, i) => `roman-dot ${i + 1}`),
            `${where}: Roman numerals "I.", "II." … in order`,
          );
          for (const section of plan.sections) checkSection(role.variant, section, where);
          checkPreamble(role.variant, plan, where);
          checkClosing(role.variant, plan, where);
          checkRecipients(role.variant, plan, where);
          checkSigner(role.variant, plan, where);
          break;
        }
        case 'section': {
          assert.equal(plan.sections.length, 1, `${where}: one section`);
          const form = slotOf(role.variant, role.slot).forms.find((f) => f.id === role.form)!;
          assert.equal(foldHeading(plan.sections[0].heading.title.text), foldHeading(form.preferred), `${where}: preferred heading`);
          checkSection(role.variant, plan.sections[0], where);
          break;
        }
        case 'group': {
          const children = plan.sections[0]?.children ?? [];
          assert.equal(children.length, 1, `${where}: one task group`);
          assert.equal(children[0].heading.numeral?.value, role.group, `${where}: numbered ${role.group}`);
          const group = template.taskGroups.find((g) => g.id === role.group)!;
          assert.equal(foldHeading(children[0].heading.title.text), foldHeading(group.title), `${where}: the title of task group ${role.group}`);
          assert.ok(sectionBlocks(children[0]).length > 0, `${where}: a body under the heading`);
          break;
        }
        case 'assignment': {
          const children = plan.sections[0]?.children ?? [];
          assert.equal(children.length, 1, `${where}: one assignment`);
          assert.ok(assignmentsMatched(role.variant, children[0]).includes(role.assignment), `${where}: matches assignment ${role.assignment}`);
          break;
        }
        case 'preamble':
          checkPreamble(role.variant, plan, where);
          break;
        case 'closing':
          checkClosing(role.variant, plan, where);
          break;
        case 'recipients':
          checkRecipients(role.variant, plan, where);
          break;
        case 'signer':
          checkSigner(role.variant, plan, where);
          break;
      }
    });
  }

  for (const s of loadSnippets().filter((x) => ROLES[x.prefixes[0]]?.role === 'whole')) {
    it(`${s.format} "${s.prefixes[0]}": a fresh skeleton has no structural finding`, () => {
      const role = ROLES[s.prefixes[0]];
      const { uri, text } = wrap(s, role, expandDefaults(parseSnippet(s.body)));
      const { findings } = checkText(uri, text, bundledKnowledge().kb, { mode: 'drafting', rules: ALL_RULES, today: TODAY });
      // Blank numbers, days and "…" are the drafter's to fill in, and so is the number of the
      // provincial programme a state plan cites; everything about the structure, the form and the
      // text itself must already be right, and nothing else may warn while drafting.
      const structural = findings.filter((f) => /^(plan|section|task-group|implementation|form\.(recipients|signature|ending)|text\.(lookalike|normalization|quotes|spacing|tone-style))\b/.test(f.ruleId));
      assert.deepEqual(structural.map((f) => `${f.ruleId}: ${f.message}`), []);
      const warnings = findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && !f.ruleId.startsWith('citation.'));
      assert.deepEqual(warnings.map((f) => `${f.ruleId}: ${f.message}`), []);
    });
  }
});
