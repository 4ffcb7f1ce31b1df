// Types of the data files in schemas/: the plan template, the citation registry, the register of names.

import { Localized } from '../findings';

export type VariantId = 'party' | 'state';

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

export interface TaskGroup {
  id: number;
  title: string;
  /** A subsection heading matches when it contains every phrase of one cue set. */
  cues: string[][];
  /** The group may be folded into another one (5 into 4) ... */
  mergeInto?: number;
  /** ... when that group's text contains every phrase of one of these sets. */
  mergeCues?: string[][];
  /** Body inserted under the heading by snippets and fixes. */
  skeleton: string;
}

export interface Assignment {
  id: string;
  label: Localized;
  /** A numbered item of the implementation section matches when it contains one cue set. */
  cues: string[][];
  /** Text inserted by completion and snippets. */
  text: string;
}

export interface ParentRequirement {
  /** A registry symbol ("43-NQ/TW") ... */
  symbol?: string;
  /** ... or a symbol pattern for a local parent ("\\d+-(CTr|CTrHĐ|KH)/(TU|TP)"). */
  pattern?: string;
  level: 'required' | 'expected' | 'optional';
  description: Localized;
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
  parents: ParentRequirement[];
  sections: SectionSlot[];
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
}

export interface Template {
  id: string;
  title: Localized;
  /** The resolution the plans implement. */
  resolution: string;
  variants: Record<VariantId, VariantSpec>;
  taskGroups: TaskGroup[];
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
}

/** Where a workspace entry comes from: the plan file, as the caller names and shows it. */
export interface PlanOrigin {
  /** The plan's URI as the checker was given it (the same string a check of that plan sees). */
  uri: string;
  /** How the plan is shown to the reader: a path relative to the folder, or a file name. */
  label: string;
}

export interface Registry {
  documents: RegistryEntry[];
}

export interface NameChange {
  id: string;
  kind: 'body' | 'unit' | 'term';
  /** Phrases (folded comparison) that name the old body or unit. */
  names: string[];
  /** First day the old name is no longer right (yyyy-mm-dd). */
  until: string;
  /** The current name, when there is one to suggest. */
  current?: string;
  note: Localized;
}

export interface NameRegister {
  changes: NameChange[];
}

/** Everything a plan is checked against. */
export interface KnowledgeBase {
  template: Template;
  registry: Registry;
  names: NameRegister;
}
