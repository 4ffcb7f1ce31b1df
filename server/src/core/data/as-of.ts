// The one way to ask the knowledge base a question as of a date: the plan's date, or today for a plan with no date yet.
//
// Facts change with time (terms end, bodies merge, levels are redrawn). Every rule and every
// suggestion reads the same view of a plan — the template resolved for its date and level, the
// names that are outdated on that date, the Party term in force, the documents it can cite — so
// that none of them can disagree about what was true then. The next change is a data edit.

import { planDateIso } from '../form/date';
import { PlanModel } from '../model';
import { fold } from '../text/normalize';
import {
  KnowledgeBase,
  LevelSpec,
  NameChange,
  NameRegister,
  PartyTerm,
  PlanLevel,
  RegistryEntry,
  Template,
  Validity,
  VariantId,
  VariantSpec,
} from './types';

/** The date of a view whose plan has no date and that was given no today: the newest facts. */
export const LATEST = '9999-12-31';

/** Where the date of a view comes from. */
export type AsOfBasis = 'plan' | 'today' | 'latest';

export interface DatedView {
  /** The day every question is asked as of (yyyy-mm-dd). */
  readonly date: string;
  /** The plan's date line, today (a plan with no date yet), or neither (the newest facts, nothing judged by date). */
  readonly basis: AsOfBasis;
  /** The level of the issuing body, told from the plan's issuer. */
  readonly level: PlanLevel;
  readonly levelSpec: LevelSpec | undefined;
  /** The knowledge as of the date and level: the template's variants resolved; registry and names as loaded. */
  readonly kb: KnowledgeBase;
  /** The variant of the template as of the date and level. */
  variant(id: VariantId | undefined): VariantSpec | undefined;
  /** Name changes in force on the date (their old names are outdated); none when the date is not known. */
  readonly outdatedNames: readonly NameChange[];
  /** Registry documents issued on or before the date: what a plan of that date can cite. */
  readonly documents: readonly RegistryEntry[];
  /** The term of the Central Committee a day (yyyy-mm-dd) falls in. */
  termOn(date: string): PartyTerm | undefined;
  /** The term in force on the view's date. */
  readonly currentTerm: PartyTerm | undefined;
  /** Whether documents with this issuer code ("TW") are numbered from 01 again in every term. */
  numberedByTerm(issuerCode: string | undefined): boolean;
  /** Whether a fact with this validity holds on the date and level. */
  holds(validity: Validity): boolean;
  /** The day a validity bound names (a date, or the date of a change in the register of names). */
  boundOf(value: string | undefined): string | undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string | undefined): value is string {
  return value !== undefined && ISO_DATE.test(value);
}

/** A day as yyyy-mm-dd. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The local calendar day of a moment (what the command line and the server pass as today). */
export function isoDateOf(moment: Date): string {
  return isoDate(moment.getFullYear(), moment.getMonth() + 1, moment.getDate());
}

/** A registry date (dd/mm/yyyy) as yyyy-mm-dd; undefined when it is not one. */
export function isoOfRegistryDate(date: string): string | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(date);
  return m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

/** "01/7/2025", "03/02/2025": a day as the plans write it (a zero only before days below 10 and months 1–2). */
export function viDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return `${String(d).padStart(2, '0')}/${mo <= 2 ? String(mo).padStart(2, '0') : mo}/${y}`;
}

/** The day a bound names: itself when it is a date, the date of the change it names otherwise. */
export function validityDate(value: string | undefined, names: NameRegister): string | undefined {
  if (value === undefined) return undefined;
  if (isIsoDate(value)) return value;
  return names.changes.find((c) => c.id === value)?.until;
}

/**
 * Whether a fact holds on a day for a level. A bound that names no known change is a change that
 * has not happened: a fact `from` it never starts, a fact `until` it never ends.
 */
export function holdsOn(validity: Validity, date: string, level: PlanLevel, names: NameRegister): boolean {
  if (validity.levels && validity.levels.length > 0 && !validity.levels.includes(level)) return false;
  if (validity.from !== undefined) {
    const from = validityDate(validity.from, names);
    if (from === undefined || date < from) return false;
  }
  if (validity.until !== undefined) {
    const until = validityDate(validity.until, names);
    if (until !== undefined && date >= until) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Levels

/** The level every plan has when the template names none, or none fits. */
export function defaultLevel(template: Template): PlanLevel {
  const levels = template.levels ?? [];
  return levels.find((l) => l.default)?.id ?? levels[0]?.id ?? 'province';
}

/** The issuer code of a number ("Số 05-KH/ĐU" → "ĐU", "Số: 12/KH-UBND" → "UBND"). */
function numberIssuer(number: string): string | undefined {
  const party = /-\s*[\p{L}]+\s*\/\s*([\p{Lu}Đ]+)\s*$/u.exec(number);
  if (party) return party[1];
  const state = /\/\s*(?:\d{4}\s*\/\s*)?[\p{L}]+\s*-\s*([\p{Lu}Đ][\p{L}\d-]*)\s*$/u.exec(number);
  return state?.[1];
}

/** The level of a plan's issuing body: from its issuer, or without one from its number; the default level otherwise. */
export function planLevel(plan: PlanModel, template: Template): PlanLevel {
  const levels = template.levels ?? [];
  const fallback = defaultLevel(template);
  const issuer = fold(plan.meta.issuer?.value ?? '');
  if (issuer) {
    const byIssuer = levels.find((l) => (l.issuerCues ?? []).some((cue) => fold(cue) !== '' && issuer.includes(fold(cue))));
    return byIssuer?.id ?? fallback;
  }
  const code = numberIssuer(plan.meta.number?.value ?? '');
  if (code) {
    const byNumber = levels.find((l) => (l.symbolIssuers ?? []).includes(code));
    if (byNumber) return byNumber.id;
  }
  return fallback;
}

// ---------------------------------------------------------------------------------------------
// The template as of a date and level

/** Every day on which some fact of the template starts or stops holding, in order. */
function boundaries(kb: KnowledgeBase): string[] {
  const out = new Set<string>();
  const add = (v: Validity): void => {
    for (const b of [v.from, v.until]) {
      const d = validityDate(b, kb.names);
      if (d) out.add(d);
    }
  };
  for (const v of Object.values(kb.template.variants)) {
    v.parents.forEach(add);
    v.implementation.assignments.forEach(add);
    (v.recipients.suggestions ?? []).forEach(add);
  }
  return [...out].sort();
}

/** The variant as it is for a plan of this date and level: forms of the level, lists filtered by validity. */
function resolveVariant(v: VariantSpec, date: string, level: PlanLevel, names: NameRegister): VariantSpec {
  const holds = (x: Validity): boolean => holdsOn(x, date, level, names);
  const forms = v.levels?.[level];
  const { levels: _levels, ...rest } = v;
  return {
    ...rest,
    numberExample: forms?.numberExample ?? v.numberExample,
    ...(forms?.issuerExample ?? v.issuerExample ? { issuerExample: forms?.issuerExample ?? v.issuerExample } : {}),
    parents: v.parents.filter(holds),
    signature: {
      ...v.signature,
      titles: forms?.signature?.titles ?? v.signature.titles,
      example: forms?.signature?.example ?? v.signature.example,
    },
    recipients: {
      ...v.recipients,
      lastItemExample: forms?.recipients?.lastItemExample ?? v.recipients.lastItemExample,
      suggestions: (v.recipients.suggestions ?? []).filter(holds),
    },
    implementation: { ...v.implementation, assignments: v.implementation.assignments.filter(holds) },
  };
}

interface Resolved {
  bounds: string[];
  templates: Map<string, Template>;
  termsByFrom: PartyTerm[];
  /** The changes of names, earliest first, and the list in force after the first n of them (one shared array per n). */
  changesByDate: NameChange[];
  outdated: Map<number, NameChange[]>;
}

// One entry per knowledge base; its templates are kept per period between two boundaries and per
// level, so their number is bounded by the data, whatever the dates of the plans checked.
const resolvedOf = new WeakMap<KnowledgeBase, Resolved>();

function resolved(kb: KnowledgeBase): Resolved {
  let r = resolvedOf.get(kb);
  if (!r) {
    const terms = [...(kb.registry.partyTerms?.terms ?? [])].filter((t) => isIsoDate(t.from)).sort((a, b) => (a.from < b.from ? -1 : 1));
    const changes = [...kb.names.changes].sort((a, b) => (a.until < b.until ? -1 : a.until > b.until ? 1 : 0));
    r = { bounds: boundaries(kb), templates: new Map(), termsByFrom: terms, changesByDate: changes, outdated: new Map() };
    resolvedOf.set(kb, r);
  }
  return r;
}

function templateAsOf(kb: KnowledgeBase, date: string, level: PlanLevel): Template {
  const r = resolved(kb);
  const period = r.bounds.filter((b) => b <= date).length;
  const key = `${period}|${level}`;
  let t = r.templates.get(key);
  if (!t) {
    const variants = kb.template.variants;
    t = {
      ...kb.template,
      variants: {
        party: resolveVariant(variants.party, date, level, kb.names),
        state: resolveVariant(variants.state, date, level, kb.names),
      },
    };
    r.templates.set(key, t);
  }
  return t;
}

/** The name changes in force on a day: the same array for every day between two changes, so what is worked out from it can be kept. */
function outdatedAsOf(r: Resolved, date: string): NameChange[] {
  let n = 0;
  while (n < r.changesByDate.length && r.changesByDate[n].until <= date) n++;
  let list = r.outdated.get(n);
  if (!list) {
    list = r.changesByDate.slice(0, n);
    r.outdated.set(n, list);
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// Views

/** The knowledge as of a date (yyyy-mm-dd) for a level. */
export function knowledgeAsOf(base: KnowledgeBase, date: string, level: PlanLevel = defaultLevel(base.template), basis: AsOfBasis = 'plan'): DatedView {
  const r = resolved(base);
  const template = templateAsOf(base, date, level);
  const kb: KnowledgeBase = { template, registry: base.registry, names: base.names };
  const termOn = (day: string): PartyTerm | undefined => {
    let found: PartyTerm | undefined;
    for (const t of r.termsByFrom) if (t.from <= day) found = t;
    return found;
  };
  const issuers = new Set(base.registry.partyTerms?.issuers ?? []);
  let documents: RegistryEntry[] | undefined;
  let outdated: NameChange[] | undefined;
  return {
    date,
    basis,
    level,
    levelSpec: (base.template.levels ?? []).find((l) => l.id === level),
    kb,
    variant: (id) => (id ? template.variants[id] : undefined),
    get outdatedNames(): readonly NameChange[] {
      // Without a date nothing can be said outdated: a guess is never a finding.
      outdated ??= basis === 'latest' ? [] : outdatedAsOf(r, date);
      return outdated;
    },
    get documents(): readonly RegistryEntry[] {
      documents ??= base.registry.documents.filter((d) => (isoOfRegistryDate(d.date) ?? '') <= date);
      return documents;
    },
    termOn,
    currentTerm: termOn(date),
    numberedByTerm: (code) => code !== undefined && issuers.has(code),
    holds: (v) => holdsOn(v, date, level, base.names),
    boundOf: (value) => validityDate(value, base.names),
  };
}

/**
 * A view that asks nothing of the template: the knowledge as loaded, no date, the default level.
 * What a check falls back on when the template itself cannot be read (a broken user template), so
 * that the other rules still run.
 */
export function undatedView(base: KnowledgeBase): DatedView {
  const terms = base.registry?.partyTerms?.terms ?? [];
  const termOn = (day: string): PartyTerm | undefined => {
    let found: PartyTerm | undefined;
    for (const t of terms) if (t.from <= day && (!found || t.from > found.from)) found = t;
    return found;
  };
  return {
    date: LATEST,
    basis: 'latest',
    level: 'province',
    levelSpec: undefined,
    kb: base,
    variant: () => undefined,
    outdatedNames: [],
    documents: base.registry?.documents ?? [],
    termOn,
    currentTerm: termOn(LATEST),
    numberedByTerm: (code) => code !== undefined && (base.registry?.partyTerms?.issuers ?? []).includes(code),
    holds: () => true,
    boundOf: (value) => (isIsoDate(value) ? value : undefined),
  };
}

/**
 * The view of one plan: as of its date line (a blank day counts as the first of the month), or of
 * `today` (yyyy-mm-dd) when it has no date yet, or of the newest facts when neither is known.
 */
export function viewOfPlan(plan: PlanModel, base: KnowledgeBase, today?: string): DatedView {
  const level = planLevel(plan, base.template);
  const own = planDateIso(plan);
  if (own) return knowledgeAsOf(base, own, level, 'plan');
  if (isIsoDate(today)) return knowledgeAsOf(base, today, level, 'today');
  return knowledgeAsOf(base, LATEST, level, 'latest');
}

/** The view of one plan, or, when the template cannot be resolved (the check says so), the data as loaded. */
export function viewOfPlanOrUndated(plan: PlanModel, base: KnowledgeBase, today?: string): DatedView {
  try {
    return viewOfPlan(plan, base, today);
  } catch {
    return undatedView(base);
  }
}
