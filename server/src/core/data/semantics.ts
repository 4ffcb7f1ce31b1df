// Checks of the data files that JSON Schema cannot express: patterns compile, section order, task-group cues and titles, real dates, duplicate keys.

import { isNode, parseDocument, Document } from 'yaml';
import { Finding, Lang, makeFinding, Severity } from '../findings';
import { fold, foldHeading } from '../text/normalize';
import type { DataKind } from './load';
import { holdsOn, validityDate } from './as-of';
import { compilePattern, patternProblem, testPattern } from './pattern';
import { matchesCueSets } from '../template/match';
import { NameRegister, nameText, PlanLevel, Registry, RegistryEntry, Template, Validity, VariantId, VariantSpec } from './types';

/** Same id as DATA_SCHEMA_RULE in load.ts; not imported from there, because load.ts imports this module. */
const RULE_ID = 'data.schema';

type Path = ReadonlyArray<string | number>;

/** Collects findings and finds where a value is written, parsing the source only when needed. */
class Reporter {
  readonly findings: Finding[] = [];
  private doc: Document | undefined;

  constructor(
    private readonly text: string,
    private readonly lang: Lang,
  ) {}

  report(severity: Severity, path: Path, vi: string, en: string): void {
    const { start, end } = this.locate(path);
    const where = '/' + path.join('/');
    const message =
      this.lang === 'vi' ? `Tệp dữ liệu không hợp lệ tại ${where}: ${vi}` : `Invalid data file at ${where}: ${en}`;
    this.findings.push(makeFinding(RULE_ID, severity, message, start, end));
  }

  /** Range of the value at `path`, or of its nearest written ancestor. */
  private locate(path: Path): { start: number; end: number } {
    this.doc ??= parseDocument(this.text, { uniqueKeys: false });
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return { start: node.range[0], end: node.range[1] };
    }
    return { start: 0, end: 0 };
  }
}

/** True for an existing day of the Gregorian calendar. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** True for "yyyy-mm-dd" naming a real day. */
function isIsoCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A fact's validity: its bounds are real days or ids of changes (checked against the register of
 * names when the data is put together), a dated fact notes its source, its levels exist and
 * `from` comes before `until`.
 */
function checkValidity(r: Reporter, path: Path, v: Validity, levels: ReadonlySet<PlanLevel>): void {
  for (const key of ['from', 'until'] as const) {
    const value = v[key];
    if (value === undefined) continue;
    if (/^\d{4}-/.test(value) && !isIsoCalendarDate(value)) {
      r.report('error', [...path, key], `ngày "${value}" không có trong lịch`, `"${value}" is not a real date`);
    } else if (isIsoCalendarDate(value) && !v.source) {
      r.report('warning', [...path, key], 'mốc thời gian ghi bằng ngày cần ghi nguồn công khai ở "source" (hoặc dùng mã một thay đổi trong danh mục tên gọi)', 'a bound written as a date needs its public source in "source" (or use the id of a change in the names register)');
    }
  }
  if (v.from && v.until && isIsoCalendarDate(v.from) && isIsoCalendarDate(v.until) && v.from >= v.until) {
    r.report('error', [...path, 'until'], `"until" (${v.until}) phải sau "from" (${v.from})`, `"until" (${v.until}) must come after "from" (${v.from})`);
  }
  (v.levels ?? []).forEach((level, i) => {
    if (!levels.has(level)) r.report('error', [...path, 'levels', i], `cấp "${level}" không có trong "levels" của mẫu`, `level "${level}" is not among the template's "levels"`);
  });
}

function checkPattern(r: Reporter, path: Path, source: string, example?: { text: string; path: Path }): void {
  // The rules compile and run patterns through the same guard (pattern.ts): a refused pattern is
  // an error here, so a template that carries one is never used.
  const problem = patternProblem(source);
  if (problem !== undefined) {
    r.report('error', path, problem.vi, problem.en);
    return;
  }
  if (example && !testPattern(compilePattern(source), example.text)) {
    r.report(
      'warning',
      example.path,
      `ví dụ "${example.text}" không khớp với biểu thức /${path.join('/')}`,
      `the example "${example.text}" does not match the pattern /${path.join('/')}`,
    );
  }
}

function checkCueSets(r: Reporter, path: Path, sets: readonly (readonly string[])[]): void {
  sets.forEach((set, i) =>
    set.forEach((phrase, j) => {
      // A phrase that folds to nothing (quotes, emphasis marks) would match every text.
      if (fold(phrase) === '') {
        r.report('error', [...path, i, j], 'cụm từ rỗng sau khi chuẩn hóa sẽ khớp với mọi văn bản', 'a phrase that is empty after folding would match every text');
      }
    }),
  );
}

function reportDuplicates<T>(r: Reporter, items: readonly T[], key: (item: T) => string, path: (index: number) => Path, label: { vi: string; en: string }, severity: Severity): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, i);
      return;
    }
    r.report(
      severity,
      path(i),
      `${label.vi} "${k}" trùng với mục số ${first + 1}`,
      `${label.en} "${k}" repeats item ${first + 1}`,
    );
  });
}

function checkVariant(r: Reporter, key: VariantId, v: VariantSpec, levels: ReadonlySet<PlanLevel>): void {
  const base: Path = ['variants', key];
  if (v.id !== key) {
    r.report('error', [...base, 'id'], `mã loại "${v.id}" phải là "${key}"`, `the variant id "${v.id}" must be "${key}"`);
  }

  checkPattern(r, [...base, 'numberPattern'], v.numberPattern, { text: v.numberExample, path: [...base, 'numberExample'] });
  checkPattern(r, [...base, 'recipients', 'lastItemPattern'], v.recipients.lastItemPattern, {
    text: v.recipients.lastItemExample,
    path: [...base, 'recipients', 'lastItemExample'],
  });
  v.parents.forEach((p, i) => {
    if (p.pattern !== undefined) checkPattern(r, [...base, 'parents', i, 'pattern'], p.pattern);
    (p.anyOf ?? []).forEach((choice, j) => {
      if (choice.pattern !== undefined) checkPattern(r, [...base, 'parents', i, 'anyOf', j, 'pattern'], choice.pattern);
    });
    checkValidity(r, [...base, 'parents', i], p, levels);
  });
  (v.recipients.suggestions ?? []).forEach((x, i) => checkValidity(r, [...base, 'recipients', 'suggestions', i], x, levels));
  for (const [level, forms] of Object.entries(v.levels ?? {})) {
    if (!levels.has(level as PlanLevel)) {
      r.report('error', [...base, 'levels', level], `cấp "${level}" không có trong "levels" của mẫu`, `level "${level}" is not among the template's "levels"`);
    }
    // The level's examples must fit the variant's patterns (a broken pattern is reported once, above).
    if (forms?.numberExample !== undefined && patternProblem(v.numberPattern) === undefined) {
      checkPattern(r, [...base, 'numberPattern'], v.numberPattern, { text: forms.numberExample, path: [...base, 'levels', level, 'numberExample'] });
    }
    if (forms?.recipients?.lastItemExample !== undefined && patternProblem(v.recipients.lastItemPattern) === undefined) {
      checkPattern(r, [...base, 'recipients', 'lastItemPattern'], v.recipients.lastItemPattern, {
        text: forms.recipients.lastItemExample,
        path: [...base, 'levels', level, 'recipients', 'lastItemExample'],
      });
    }
  }

  // Sections: exactly one tasks slot and one implementation slot, the latter last.
  const slots = v.sections;
  const tasks = slots.flatMap((s, i) => (s.tasks ? [i] : []));
  const impl = slots.flatMap((s, i) => (s.implementation ? [i] : []));
  if (tasks.length !== 1) {
    r.report(
      'error',
      [...base, 'sections'],
      `cần đúng một phần có "tasks: true" (đang có ${tasks.length})`,
      `exactly one section needs "tasks: true" (found ${tasks.length})`,
    );
  }
  if (impl.length !== 1) {
    r.report(
      'error',
      [...base, 'sections'],
      `cần đúng một phần có "implementation: true" (đang có ${impl.length})`,
      `exactly one section needs "implementation: true" (found ${impl.length})`,
    );
  } else if (impl[0] !== slots.length - 1 || !slots[impl[0]].last) {
    r.report(
      'error',
      [...base, 'sections', impl[0]],
      'phần tổ chức thực hiện phải là phần cuối cùng và có "last: true"',
      'the implementation section must be the last one and have "last: true"',
    );
  }
  slots.forEach((s, i) => {
    if (s.last && i !== slots.length - 1) {
      r.report('error', [...base, 'sections', i, 'last'], `phần "${s.id}" có "last: true" nhưng không ở cuối`, `section "${s.id}" has "last: true" but is not the last one`);
    }
    if (s.tasks && s.implementation) {
      r.report('error', [...base, 'sections', i], `phần "${s.id}" không thể vừa là nhiệm vụ vừa là tổ chức thực hiện`, `section "${s.id}" cannot be both the tasks and the implementation section`);
    }
    reportDuplicates(r, s.forms, (f) => f.id, (j) => [...base, 'sections', i, 'forms', j, 'id'], { vi: 'mã hình thức', en: 'form id' }, 'error');
  });
  reportDuplicates(r, slots, (s) => s.id, (i) => [...base, 'sections', i, 'id'], { vi: 'mã phần', en: 'section id' }, 'error');

  // Shapes: name slots and kinds of this variant.
  const shapes = v.shapes ?? [];
  reportDuplicates(r, shapes, (s) => s.id, (i) => [...base, 'shapes', i, 'id'], { vi: 'mã bố cục', en: 'shape id' }, 'error');
  const slotIds = new Set(slots.map((s) => s.id));
  const kindNames = new Set(v.kinds.map((k) => fold(k.name)));
  shapes.forEach((shape, i) => {
    for (const key of ['optional', 'required', 'plainItems'] as const) {
      (shape[key] ?? []).forEach((id, j) => {
        if (!slotIds.has(id)) r.report('error', [...base, 'shapes', i, key, j], `không có phần nào mã "${id}"`, `there is no section "${id}"`);
      });
    }
    (shape.kinds ?? []).forEach((kind, j) => {
      if (!kindNames.has(fold(kind))) r.report('error', [...base, 'shapes', i, 'kinds', j], `"${kind}" không phải một loại văn bản của mẫu này`, `"${kind}" is not a kind of this variant`);
    });
  });

  // The same heading in two places would make the section order ambiguous.
  const headingAt = new Map<string, string>();
  slots.forEach((s, i) =>
    s.forms.forEach((f, j) =>
      f.headings.forEach((h, k) => {
        const folded = foldHeading(h);
        const owner = `${s.id}/${f.id}`;
        const previous = headingAt.get(folded);
        if (previous !== undefined && previous !== owner) {
          r.report(
            'warning',
            [...base, 'sections', i, 'forms', j, 'headings', k],
            `tiêu đề "${h}" đã dùng cho ${previous}`,
            `the heading "${h}" is already used by ${previous}`,
          );
        }
        headingAt.set(folded, owner);
      }),
    ),
  );

  // Implementation: assignment ids, cue sets, and sample texts that match their own cues.
  const im = v.implementation;
  reportDuplicates(r, im.assignments, (a) => a.id, (i) => [...base, 'implementation', 'assignments', i, 'id'], { vi: 'mã phân công', en: 'assignment id' }, 'error');
  im.assignments.forEach((a, i) => {
    const path: Path = [...base, 'implementation', 'assignments', i];
    checkValidity(r, path, a, levels);
    checkCueSets(r, [...path, 'cues'], a.cues);
    if (!matchesCueSets(fold(a.text), a.cues)) {
      r.report('warning', [...path, 'text'], `nội dung mẫu không khớp với "cues" của chính nó`, 'the sample text does not match its own cues');
    }
  });
  checkCueSets(r, [...base, 'implementation', 'monitoringCues'], im.monitoringCues);
  im.frontCues.forEach((c, i) => {
    if (fold(c) === '') r.report('error', [...base, 'implementation', 'frontCues', i], 'cụm từ rỗng sau khi chuẩn hóa', 'empty after folding');
  });
}

/** Semantic checks of a template that passed its JSON Schema. */
export function checkTemplateSemantics(t: Template, text: string, lang: Lang): Finding[] {
  const r = new Reporter(text, lang);
  const levels = new Set<PlanLevel>((t.levels ?? []).map((l) => l.id));
  if (levels.size === 0) levels.add('province');
  if (t.levels && t.levels.length > 0) {
    reportDuplicates(r, t.levels, (l) => l.id, (i) => ['levels', i, 'id'], { vi: 'mã cấp', en: 'level id' }, 'error');
    const defaults = t.levels.filter((l) => l.default).length;
    if (defaults !== 1) {
      r.report('error', ['levels'], `cần đúng một cấp có "default: true" (đang có ${defaults})`, `exactly one level needs "default: true" (found ${defaults})`);
    }
  }
  for (const key of ['party', 'state'] as const) checkVariant(r, key, t.variants[key], levels);

  const groups = t.taskGroups;
  reportDuplicates(r, groups, (g) => String(g.id), (i) => ['taskGroups', i, 'id'], { vi: 'mã nhóm nhiệm vụ', en: 'task group id' }, 'error');
  groups.forEach((g, i) => {
    const path: Path = ['taskGroups', i];
    checkCueSets(r, [...path, 'cues'], g.cues);
    (g.parts ?? []).forEach((part, j) => {
      const partPath: Path = [...path, 'parts', j];
      checkCueSets(r, [...partPath, 'cues'], part.cues);
      // A part written as its own item is recognised by its title, and must not pass for a group.
      const partTitle = foldHeading(part.title);
      if (!matchesCueSets(partTitle, part.cues)) {
        r.report('warning', [...partPath, 'title'], 'tiêu đề không khớp với "cues" của chính nó', 'the title does not match its own cues');
      }
      const groupsMatched = groups.filter((x) => matchesCueSets(partTitle, x.cues)).map((x) => x.id);
      if (groupsMatched.length > 0) {
        r.report(
          'warning',
          [...partPath, 'title'],
          `tiêu đề khớp với "cues" của nhóm ${groupsMatched.join(', ')}, nên mục viết theo tiêu đề này sẽ được coi là nhóm đó`,
          `the title matches the cues of group ${groupsMatched.join(', ')}, so an item written with it would count as that group`,
        );
      }
    });
    // Snippets write the title as the heading, and headings are matched in their heading form:
    // the title must be recognised as this group and no other.
    const title = foldHeading(g.title);
    const matched = groups.filter((x) => matchesCueSets(title, x.cues)).map((x) => x.id);
    if (!matched.includes(g.id)) {
      r.report('warning', [...path, 'title'], 'tiêu đề nhóm không khớp với "cues" của chính nhóm', 'the group title does not match its own cues');
    }
    const others = matched.filter((id) => id !== g.id);
    if (others.length > 0) {
      r.report(
        'warning',
        [...path, 'title'],
        `tiêu đề nhóm cũng khớp với "cues" của nhóm ${others.join(', ')}`,
        `the group title also matches the cues of group ${others.join(', ')}`,
      );
    }
  });
  if (t.resolutionParts) {
    checkCueSets(r, ['resolutionParts', 'partCues'], t.resolutionParts.partCues);
    checkCueSets(r, ['resolutionParts', 'ownCues'], t.resolutionParts.ownCues);
  } else {
    for (const key of ['party', 'state'] as const) {
      (t.variants[key].shapes ?? []).forEach((shape, i) => {
        if (!shape.severalResolutions) return;
        r.report(
          'warning',
          ['variants', key, 'shapes', i, 'severalResolutions'],
          'mẫu không có "resolutionParts", nên bố cục này không bao giờ được áp dụng',
          'the template has no "resolutionParts", so this shape never applies',
        );
      });
    }
  }
  return r.findings;
}

/** Parses a registry date (dd/mm/yyyy); undefined when it is not a real day. */
export function parseRegistryDate(s: string): { day: number; month: number; year: number } | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (!m) return undefined;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(year, month, day) ? { day, month, year } : undefined;
}

/** Semantic checks of a registry that passed its JSON Schema. */
export function checkRegistrySemantics(reg: Registry, text: string, lang: Lang): Finding[] {
  const r = new Reporter(text, lang);
  const terms = reg.partyTerms?.terms ?? [];
  terms.forEach((t, i) => {
    for (const key of ['from', 'congressEnd'] as const) {
      const value = t[key];
      if (value !== undefined && !isIsoCalendarDate(value)) {
        r.report('error', ['partyTerms', 'terms', i, key], `ngày "${value}" không có trong lịch`, `"${value}" is not a real date`);
      }
    }
    if (t.congressEnd && t.congressEnd < t.from) {
      r.report('error', ['partyTerms', 'terms', i, 'congressEnd'], 'đại hội kết thúc trước khi khai mạc', 'the congress ends before it opens');
    }
  });
  reportDuplicates(r, terms, (t) => t.term.toUpperCase(), (i) => ['partyTerms', 'terms', i, 'term'], { vi: 'khóa', en: 'term' }, 'error');
  const sortedTerms = [...terms].filter((t) => isIsoCalendarDate(t.from)).sort((a, b) => (a.from < b.from ? -1 : 1));
  const termOn = (iso: string): string | undefined => {
    let found: string | undefined;
    for (const t of sortedTerms) if (t.from <= iso) found = t.term;
    return found;
  };
  const termIssuers = new Set(reg.partyTerms?.issuers ?? []);
  reg.documents.forEach((d: RegistryEntry, i) => {
    const date = parseRegistryDate(d.date);
    if (!date) {
      r.report('error', ['documents', i, 'date'], `ngày "${d.date}" không có trong lịch`, `"${d.date}" is not a real date`);
    }
    if (d.scope === 'central' && !d.source) {
      r.report('warning', ['documents', i], `văn bản "${d.symbol}" chưa ghi nguồn công khai ở "source"`, `document "${d.symbol}" has no public source in "source"`);
    }
    // A central Party document belongs to the term its date falls in: a different "term" is a typing error.
    const code = /\/([A-ZĐ]+)$/.exec(d.symbol)?.[1];
    if (date && d.term && code && termIssuers.has(code)) {
      const iso = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
      const expected = termOn(iso);
      if (expected && expected.toUpperCase() !== d.term.toUpperCase()) {
        r.report('warning', ['documents', i, 'term'], `ngày ${d.date} thuộc khóa ${expected}, không phải khóa ${d.term}`, `${d.date} falls in term ${expected}, not term ${d.term}`);
      }
    }
  });
  // Entries are keyed by symbol and date (Party numbers restart every term); a repeated key
  // means the later entry silently replaces the earlier one when registries are merged.
  reportDuplicates(
    r,
    reg.documents,
    (d) => `${d.symbol} ${d.date}`,
    (i) => ['documents', i],
    { vi: 'văn bản', en: 'document' },
    'warning',
  );
  return r.findings;
}

/** Semantic checks of a names register that passed its JSON Schema. */
export function checkNamesSemantics(names: NameRegister, text: string, lang: Lang): Finding[] {
  const r = new Reporter(text, lang);
  names.changes.forEach((c, i) => {
    if (!isIsoCalendarDate(c.until)) {
      r.report('error', ['changes', i, 'until'], `ngày "${c.until}" không có trong lịch`, `"${c.until}" is not a real date`);
    }
    if (!c.source) {
      r.report('warning', ['changes', i], `thay đổi "${c.id}" chưa ghi nguồn công khai ở "source"`, `change "${c.id}" has no public source in "source"`);
    }
    if (c.current !== undefined && (c.successors?.length ?? 0) > 1) {
      r.report('warning', ['changes', i, 'current'], 'có nhiều cơ quan tiếp nhận ("successors") thì không ghi một tên hiện nay ("current")', 'with several successors there is no single current name');
    }
    c.names.forEach((entry, j) => {
      const n = nameText(entry);
      const current = typeof entry === 'string' ? c.current : entry.current;
      const folded = fold(n);
      if (folded === '') {
        r.report('error', ['changes', i, 'names', j], 'tên rỗng sau khi chuẩn hóa', 'the name is empty after folding');
      } else if (current !== undefined && fold(current).includes(folded)) {
        // The old name inside the new one would flag every correct use of the new name.
        r.report(
          'warning',
          ['changes', i, 'names', j],
          `tên cũ "${n}" nằm trong tên hiện nay "${current}" nên sẽ báo cả cách viết đúng`,
          `the old name "${n}" is part of the current name "${current}", so correct text would be flagged too`,
        );
      }
    });
    (c.places ?? []).forEach((p, j) => {
      if (fold(p) === '') r.report('error', ['changes', i, 'places', j], 'địa danh rỗng sau khi chuẩn hóa', 'the place is empty after folding');
    });
  });
  reportDuplicates(r, names.changes, (c) => c.id, (i) => ['changes', i, 'id'], { vi: 'mã', en: 'id' }, 'warning');
  return r.findings;
}

/**
 * Checks of a template against the register of names it is used with: a bound that names a change
 * names one that exists, and on every day and for every level some assignment charges a body with
 * monitoring (what `implementation.no-monitoring` offers as the example to follow).
 */
export function checkTemplateLinks(t: Template, names: NameRegister, text: string, lang: Lang): Finding[] {
  const r = new Reporter(text, lang);
  const ids = new Set(names.changes.map((c) => c.id));
  const days = new Set<string>(['0000-01-01']);
  const visit = (path: Path, v: Validity): void => {
    for (const key of ['from', 'until'] as const) {
      const value = v[key];
      if (value === undefined || /^\d{4}-/.test(value)) continue;
      if (!ids.has(value)) {
        r.report('warning', [...path, key], `không có thay đổi "${value}" trong danh mục tên gọi; mốc này được coi là chưa xảy ra`, `there is no change "${value}" in the names register; the bound is taken as not reached`);
      } else {
        days.add(validityDate(value, names)!);
      }
    }
    for (const key of ['from', 'until'] as const) if (v[key] && isIsoCalendarDate(v[key]!)) days.add(v[key]!);
  };
  for (const key of ['party', 'state'] as const) {
    const v = t.variants[key];
    v.parents.forEach((p, i) => visit(['variants', key, 'parents', i], p));
    v.implementation.assignments.forEach((a, i) => visit(['variants', key, 'implementation', 'assignments', i], a));
    (v.recipients.suggestions ?? []).forEach((x, i) => visit(['variants', key, 'recipients', 'suggestions', i], x));
  }
  const levels: PlanLevel[] = (t.levels ?? []).map((l) => l.id);
  if (levels.length === 0) levels.push('province');
  for (const key of ['party', 'state'] as const) {
    const im = t.variants[key].implementation;
    for (const level of levels) {
      for (const day of [...days].sort()) {
        const holding = im.assignments.filter((a) => holdsOn(a, day, level, names));
        if (holding.some((a) => matchesCueSets(fold(a.text), im.monitoringCues))) continue;
        r.report(
          'warning',
          ['variants', key, 'implementation', 'assignments'],
          `cấp "${level}", từ ngày ${day}: không có phân công nào giao theo dõi, báo cáo (khớp "monitoringCues")`,
          `level "${level}" from ${day}: no assignment charges a body with monitoring (matching "monitoringCues")`,
        );
        break;
      }
    }
  }
  return r.findings;
}

/** Dispatches to the checks of one kind of data file. */
export function checkDataSemantics(kind: DataKind, value: unknown, text: string, lang: Lang): Finding[] {
  switch (kind) {
    case 'template':
      return checkTemplateSemantics(value as Template, text, lang);
    case 'registry':
      return checkRegistrySemantics(value as Registry, text, lang);
    case 'names':
      return checkNamesSemantics(value as NameRegister, text, lang);
  }
}
