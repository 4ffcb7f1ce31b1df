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
  /** Set when plans may implement this resolution together with others, one part each. */
  resolutionParts?: ResolutionParts;
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
  scope: 'central' | 'local';
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
