// Types of the data files in schemas/: the plan template, the citation registry, the register of names.

import { Localized } from '../findings';

export type VariantId = 'party' | 'state';

/** The level of the body that issues a plan: a province (or centrally governed city) or a commune (xã, phường, đặc khu). */
export type PlanLevel = 'province' | 'commune';

/**
 * When and where a fact of the template holds. `from` and `until` are dates (yyyy-mm-dd) or the id
 * of a change in the register of names, whose date then applies: the change is recorded once, with
 * its source, and every fact that depends on it follows it (a local names file that moves the date
 * of a merger moves them all).
 */
export interface Validity {
  /** First day the fact holds. */
  from?: string;
  /** First day the fact no longer holds. */
  until?: string;
  /** Levels the fact holds for; every level when absent. */
  levels?: PlanLevel[];
  /** Public source of a fact dated with a plain date (a change id carries its own source). */
  source?: string;
}

/** One accepted form of a section (e.g. "MỤC ĐÍCH, YÊU CẦU" or "TÌNH HÌNH VÀ NGUYÊN NHÂN"). */
export interface SectionForm {
  id: string;
  /** Accepted headings, compared after folding (case, NFC, tone style, "và" vs ","). */
  headings: string[];
  /** Heading written by snippets and fixes. */
  preferred: string;
  description: Localized;
  /** Sub-headings expected under this form, in order. */
  subsections?: Array<{ heading: string; required: boolean }>;
  /** Body inserted under the heading by the "insert missing section" fix (Markdown, no heading). */
  skeleton: string;
}

/** A place in the section order, filled by one of its forms. */
export interface SectionSlot {
  id: string;
  required: boolean;
  /** The slot must be the last section (TỔ CHỨC THỰC HIỆN). */
  last?: boolean;
  /** This slot holds the task groups. */
  tasks?: boolean;
  /** This slot is the implementation section. */
  implementation?: boolean;
  forms: SectionForm[];
}

/**
 * A theme inside a task group that plans may also write as an item of its own (the economy part
 * of group 4): such an item belongs to the group, and the theme is never a group of its own.
 */
export interface TaskGroupPart {
  title: string;
  /** An item heading that matches no group is this part when it contains every phrase of one set. */
  cues: string[][];
}

/**
 * Another structure a correct plan of the variant may take (a Party KẾ HOẠCH shaped like plan
 * 21-KH/TW, a programme for several resolutions, a state plan opening with its objectives): where
 * it applies, some slots are not required, others are, and some slots' items need no subheadings.
 */
export interface SectionShape {
  id: string;
  label: Localized;
  /** The shape applies to these kinds of document ("KẾ HOẠCH"); to every kind when omitted. */
  kinds?: string[];
  /** The shape applies only to a programme for several resolutions (the template's resolutionParts). */
  severalResolutions?: boolean;
  /** Ids of slots the shape does not require. */
  optional?: string[];
  /** Ids of slots the shape requires although the sections as listed do not. */
  required?: string[];
  /** Ids of slots whose items carry no subheadings in this shape ("1.", "2." instead of "1. Mục đích"). */
  plainItems?: string[];
}

export interface TaskGroup {
  id: number;
  title: string;
  /** A subsection heading matches when it contains every phrase of one cue set. */
  cues: string[][];
  /** Themes of the group that may stand as items of their own. */
  parts?: TaskGroupPart[];
  /** Body inserted under the heading by snippets and fixes. */
  skeleton: string;
}

/**
 * How a programme for several resolutions is told apart: its tasks section has one part per
 * resolution, and the task groups are the items of the part about the template's resolution.
 */
export interface ResolutionParts {
  /** A part's heading names a resolution when it contains every phrase of one set. */
  partCues: string[][];
  /** The part about the template's resolution: its heading contains every phrase of one set. */
  ownCues: string[][];
}

export interface Assignment extends Validity {
  id: string;
  /** The subsection heading a skeleton or completion writes for it (in the plan's language, Vietnamese). */
  heading?: string;
  label: Localized;
  /** A numbered item of the implementation section matches when it contains one cue set. */
  cues: string[][];
  /** Text inserted by completion and snippets. */
  text: string;
}

/** One document that may satisfy a parent requirement: a registry symbol or a symbol pattern. */
export interface ParentChoice {
  /** A registry symbol ("43-NQ/TW") ... */
  symbol?: string;
  /** ... or a symbol pattern for a local parent ("\\d+-(CTr|CTrHĐ|KH)/(TU|TP)"). */
  pattern?: string;
}

export interface ParentRequirement extends ParentChoice, Validity {
  /** ... or any one of several documents (a state plan implements /TU, /ĐU, a provincial /KH-UBND or 94/NQ-CP). */
  anyOf?: ParentChoice[];
  level: 'required' | 'expected' | 'optional';
  description: Localized;
}

/** A recipient a new plan suggests (Nơi nhận), with when and for which level it is right. */
export interface RecipientSuggestion extends Validity {
  text: string;
}

/** The parts of a variant that differ for one level (a commune plan's number, signature, filing item). */
export interface LevelForms {
  issuerExample?: string;
  numberExample?: string;
  signature?: { titles?: string[]; example?: VariantSpec['signature']['example'] };
  recipients?: { lastItemExample?: string };
}

/** A level of issuing body, told from the plan's issuer (or, without one, from its number). */
export interface LevelSpec {
  id: PlanLevel;
  label: Localized;
  /** Phrases of the issuer that show this level ("Đảng ủy xã", "Ủy ban nhân dân phường"). */
  issuerCues?: string[];
  /** Issuer codes of the number symbol that show this level when the issuer is not written ("ĐU"). */
  symbolIssuers?: string[];
  /** The level of a plan that shows no sign of another one. */
  default?: boolean;
}

export interface KindSpec {
  /** As printed: "CHƯƠNG TRÌNH", "KẾ HOẠCH". */
  name: string;
  /** Type codes of the number symbol that agree with this kind ("CTr", "KH"). */
  symbolTypes: string[];
}

export interface VariantSpec {
  id: VariantId;
  label: Localized;
  kinds: KindSpec[];
  /** Words that identify an issuer of this variant ("Tỉnh ủy", "Ủy ban nhân dân"). */
  issuerCues: string[];
  /** Regular expression for the "Số …" line (number may be blank in a draft). */
  numberPattern: string;
  numberExample: string;
  /** The issuer a new plan starts from ("Ban Thường vụ Tỉnh ủy …"); its level shows in it. */
  issuerExample?: string;
  parents: ParentRequirement[];
  sections: SectionSlot[];
  /** Other structures correct plans take; the sections above, as they are, are the first one. */
  shapes?: SectionShape[];
  signature: {
    authorityPrefixes: string[];
    /** Prefixes of the other variant, reported as wrong. */
    wrongPrefixes: string[];
    titles: string[];
    example: { authority: string; acting?: string; title: string };
  };
  recipients: {
    /** Punctuation that ends every item but the last. */
    itemEnd: string;
    /** Pattern of the last item ("Lưu VPTU." / "Lưu: VT, …."). */
    lastItemPattern: string;
    lastItemExample: string;
    reportMarker: string;
    /** Recipients a new plan lists, each with its validity (the bodies of the plan's date and level). */
    suggestions?: RecipientSuggestion[];
  };
  /** Text the body must end with ("./." for state documents). */
  ending?: string;
  implementation: {
    assignments: Assignment[];
    /** Phrases that show a body charged with monitoring and reporting. */
    monitoringCues: string[][];
    /** Words naming the Fatherland Front and the socio-political organisations. */
    frontCues: string[];
    /** Verbs a state plan must not use towards the Front ("Giao"). */
    forbiddenFrontVerbs: string[];
    requestVerb?: string;
  };
  /** What differs for a level other than the default one; lists carry their own `levels` instead. */
  levels?: Partial<Record<PlanLevel, LevelForms>>;
}

export interface Template {
  id: string;
  title: Localized;
  /** The resolution the plans implement. */
  resolution: string;
  variants: Record<VariantId, VariantSpec>;
  taskGroups: TaskGroup[];
  /** Set when plans may implement this resolution together with others, one part each. */
  resolutionParts?: ResolutionParts;
  /** Levels of issuing bodies; a template without them has one, the province. */
  levels?: LevelSpec[];
}

export interface RegistryEntry {
  symbol: string;
  /** Type word: "Nghị quyết", "Kế hoạch" … */
  type: string;
  /** dd/mm/yyyy */
  date: string;
  issuer: string;
  /** Other ways the issuer is written that are right ("Ban Chấp hành Trung ương Đảng", "Hội nghị lần thứ tám …"). */
  issuerAliases?: string[];
  /** Term (khóa) of the issuing body, Roman numeral. */
  term?: string;
  title?: string;
  /** Short distinctive phrases of the title; a quoted title must contain one set. */
  titleKeys?: string[];
  note?: string;
  replacedBy?: string;
  /** 'workspace': made from a plan of the folder being checked (never written in a registry file). */
  scope: 'central' | 'local' | 'workspace';
  /**
   * Sets of phrases, any one of which a quoted title may contain entirely to agree (a workspace
   * plan's subject is drafted text: a citation may name what it implements rather than quote it).
   */
  titleAnyOf?: string[][];
  /** The plan a workspace entry was made from. */
  origin?: PlanOrigin;
  /** Public source of the facts (a URL or a document). */
  source?: string;
}

/** Where a workspace entry comes from: the plan file, as the caller names and shows it. */
export interface PlanOrigin {
  /** The plan's URI as the checker was given it (the same string a check of that plan sees). */
  uri: string;
  /** How the plan is shown to the reader: a path relative to the folder, or a file name. */
  label: string;
}

/** A term (khóa) of the Party Central Committee: it starts with its congress. */
export interface PartyTerm {
  /** Roman numeral. */
  term: string;
  /** First day of the congress that opened the term (yyyy-mm-dd). */
  from: string;
  /** Last day of that congress, when recorded. */
  congressEnd?: string;
  source: string;
}

export interface PartyTerms {
  /** Issuer codes whose document numbers restart with every term ("TW"). */
  issuers: string[];
  terms: PartyTerm[];
}

export interface Registry {
  /** Terms of the Central Committee: a symbol with a date in another term than an entry's is another document. */
  partyTerms?: PartyTerms;
  documents: RegistryEntry[];
}

/** An old name with its own current name ("Tỉnh ủy Hậu Giang" → "Thành ủy Cần Thơ" beside "tỉnh Hậu Giang" → "thành phố Cần Thơ"). */
export interface NamedCurrent {
  name: string;
  current: string;
}

export interface NameChange {
  id: string;
  kind: 'body' | 'unit' | 'term';
  /** Phrases (folded comparison) that name the old body or unit; an object gives a name its own current name. */
  names: Array<string | NamedCurrent>;
  /** First day the old name is no longer right (yyyy-mm-dd). */
  until: string;
  /** The current name, when there is exactly one to suggest. */
  current?: string;
  /** The bodies that took over, when there is more than one: the drafter chooses, nothing is replaced. */
  successors?: string[];
  /** Place names of the date line ("Hậu Giang") that are no longer right, and the current one for a provincial body. */
  places?: string[];
  currentPlace?: string;
  /** 'unverified': the change is kept only as a hint, its uncertainty said in the note. */
  certainty?: 'confirmed' | 'unverified';
  /** Public source of the change (a URL or a document). */
  source?: string;
  note: Localized;
}

export interface NameRegister {
  changes: NameChange[];
}

/** The phrase of a listed name. */
export function nameText(name: string | NamedCurrent): string {
  return typeof name === 'string' ? name : name.name;
}

/** Everything a plan is checked against. */
export interface KnowledgeBase {
  template: Template;
  registry: Registry;
  names: NameRegister;
}
