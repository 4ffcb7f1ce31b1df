// The contract between the Plan43 server and its client: ids, method names, settings and the shapes of custom requests.

/** Language server id and the `source` of every diagnostic. */
export const SERVER_ID = 'plan43';
export const DIAGNOSTIC_SOURCE = 'plan43';
/** Identifier of the pull-diagnostics provider. */
export const DIAGNOSTIC_IDENTIFIER = 'plan43';
/** Configuration section read per resource. */
export const SETTINGS_SECTION = 'plan43';

/** Custom requests. */
export const SUBMISSION_REPORT_REQUEST = 'plan43/submissionReport';
export const DOCUMENT_STATUS_REQUEST = 'plan43/documentStatus';
export const NEW_PLAN_REQUEST = 'plan43/newPlan';
export const INSERT_MISSING_SECTIONS_REQUEST = 'plan43/insertMissingSections';
/** Word round trip: the server reads the source and writes the target the user picked, nothing else. */
export const IMPORT_PLAN_REQUEST = 'plan43/importPlan';
export const EXPORT_PLAN_REQUEST = 'plan43/exportPlan';
/** The plans of the workspace folders, for the Plans view; the server says when the list changed. */
export const WORKSPACE_PLANS_REQUEST = 'plan43/workspacePlans';
export const WORKSPACE_PLANS_CHANGED_NOTIFICATION = 'plan43/workspacePlansChanged';
/** The review report of every plan of the workspace: one standalone HTML page. */
export const REVIEW_REPORT_REQUEST = 'plan43/reviewReport';
/** The official-layout preview: the server draws the page from the model it already has. */
export const PREVIEW_REQUEST = 'plan43/preview';
/** Type of the preview's webview panel (and of its serializer, which brings it back after a reload). */
export const PREVIEW_VIEW_TYPE = 'plan43.preview';

/** Commands the server executes (workspace/executeCommand). */
export const INSERT_MISSING_SECTIONS_COMMAND = 'plan43.server.insertMissingSections';

/** Code action kinds besides quickfix. */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.plan43';
export const INSERT_MISSING_SECTIONS_CODE_ACTION_KIND = 'source.plan43.insertMissingSections';

/** Files the client watches and forwards as workspace/didChangeWatchedFiles. */
export const WATCHED_FILES_GLOB = '**/*.{yaml,yml,json}';
/** Plan files the server watches itself (registered dynamically), to keep its index of the workspace's plans. */
export const PLAN_FILES_GLOB = '**/*.{md,markdown,yaml,yml}';

export type LanguageSetting = 'auto' | 'vi' | 'en';
export type LevelSetting = 'error' | 'warning' | 'info' | 'hint' | 'off';
export type VariantName = 'party' | 'state';

/** The `plan43` settings section. */
export interface Plan43Settings {
  language: LanguageSetting;
  rules: Record<string, LevelSetting>;
  submissionMode: boolean;
  /** Path of a custom template, relative to the workspace folder or absolute; '' for the bundled one. */
  templateFile: string;
  registryFiles: string[];
  namesFiles: string[];
}

/** initializationOptions the client sends. */
export interface Plan43InitializationOptions {
  /** False in an untrusted workspace: user data files are ignored. */
  trusted?: boolean;
  /** The display language, used when the language setting is 'auto' and initialize params carry no locale. */
  locale?: string;
  /** Settings to use when the client cannot answer workspace/configuration. */
  settings?: Partial<Plan43Settings>;
  /** The client lists the workspace's plans and wants plan43/workspacePlansChanged when the list changes. */
  workspacePlansChanged?: boolean;
}

/**
 * Diagnostic.data, on fixable diagnostics only: the kind of fix a quick fix would apply. The fix
 * itself is not carried: a code action takes it from the findings of the document's current
 * version, which the server keeps (edits carried in a diagnostic are stale after the next
 * keystroke anyway). Carrying them made the report a third larger, and a diagnostic depend on
 * the document's version, so that no diagnostic was the same from one version to the next.
 */
export interface DiagnosticData {
  /** 'insertion' for template text the drafter must complete: never preferred, never part of fix-all. */
  fix: 'mechanical' | 'insertion';
}

export interface SubmissionReportParams {
  /** A document; absent for every plan in the workspace folders. */
  uri?: string;
}

export interface SubmissionReportFile {
  uri: string;
  variant: VariantName | null;
  blocking: number;
  advisory: number;
}

export interface SubmissionReportResult {
  markdown: string;
  blocking: number;
  advisory: number;
  files: SubmissionReportFile[];
}

export interface DocumentStatusParams {
  uri: string;
}

export interface DocumentStatusResult {
  isPlan: boolean;
  variant: VariantName | null;
  blocking: number;
  advisory: number;
}

export interface NewPlanParams {
  variant: VariantName;
  kind: string;
  format: 'markdown' | 'yaml';  /** The level of the issuing body (a level of the template: "province", "commune"); the template's default when absent. */
  level?: string;
}

export interface NewPlanResult {
  text: string;
}

export interface InsertMissingSectionsParams {
  uri: string;
}

export interface InsertMissingSectionsResult {
  edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>;
}

export interface ImportPlanParams {
  /** file: URI of the .docx or .txt to import; other schemes are refused. */
  uri: string;
  /**
   * The file's bytes in base64, when it lies outside the workspace folders: the server reads only
   * workspace files, so the client reads the file the drafter picked in its dialog.
   */
  content?: string;
}

/** Largest file the client sends as `content` of an import, in bytes (the server's import limit). */
export const IMPORT_CONTENT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * One change the importer made so that the text reads as a plan; `line` is 1-based in the text read
 * from the source (0: the document as a whole). From a .docx, `paragraph` (as Word counts the
 * paragraphs that have text) and `quote` (its first words) say where it is in Word.
 */
export interface ImportRepair {
  /** Kind of repair (docs/word.md): "page-break", "heading-wrapped" … */
  id: string;
  line: number;
  paragraph?: number;
  quote?: string;
  message: string;
}

/** A front-matter value the importer inferred; `line` is 1-based in the source, 0 when it comes from no line. */
export interface ImportInference {
  key: string;
  value: string;
  line: number;
  paragraph?: number;
  quote?: string;
  message: string;
}

/** What became of every line (.txt) or paragraph (.docx) read; each one left out has a repair that says why. */
export interface ImportAccount {
  unit: 'line' | 'paragraph';
  total: number;
  front: number;
  body: number;
  dropped: number;
  footnotes: number;
}

/** Messages are in the language of the server's setting for the source file. */
export interface ImportPlanResult {
  /** The plan as Markdown with YAML front matter. */
  markdown: string;
  repairs: ImportRepair[];
  inferred: ImportInference[];
  /** "text": the lines of a .txt; "word": the paragraphs of a .docx. */
  source: 'text' | 'word';
  account: ImportAccount;
}

export interface ExportPlanParams {
  /** The plan: its open document's current text is exported (a file: plan that is not open is read from disk). */
  uri: string;
  /** file: URI of the .docx to write; other schemes are refused. */
  target: string;
}

export interface ExportPlanResult {
  written: boolean;
  /** The layout's warnings and the plan's unreadable metadata, in the language of the plan's setting. */
  warnings: string[];
}

/** The level of the body that issues a plan, told from its name. */
export type PlanLevel = 'central' | 'province' | 'district' | 'commune' | 'unknown';

/** How a plan cites a local document it implements, compared with the plans of the workspace. */
export type ParentStatus = 'match' | 'mismatch' | 'unmatched' | 'outside' | 'uncited';

export interface WorkspacePlanParent {
  symbol: string;
  /** The plan of the workspace the citation names, when the server knows it. */
  uri: string | null;
  /** Known once the plan has been checked for submission. */
  status: ParentStatus | null;
}

/** One plan of the workspace as the Plans view shows it; texts as written in its metadata. */
export interface WorkspacePlan {
  uri: string;
  /** Path in its workspace folder. */
  label: string;
  kind: string;
  issuer: string;
  /** The number line as written; '' when there is none. */
  number: string;
  /** The symbol of the number; null for a blank number (a draft). */
  symbol: string | null;
  date: string;
  /** yyyy-mm-dd when the whole date is written. */
  isoDate: string | null;
  subject: string;
  variant: VariantName | null;
  level: PlanLevel;
  /** The local document it implements (a provincial programme, the commune Party committee's plan). */
  parent: WorkspacePlanParent | null;
  /** Findings that block submission and advisory ones, from its last submission check; null before one. */
  blocking: number | null;
  advisory: number | null;
}

export interface WorkspacePlansResult {
  /** The server is still reading the folders: more plans may come (a change notification follows). */
  scanning: boolean;
  plans: WorkspacePlan[];
}

export interface ReviewReportParams {
  /** A command the report's links run to open a plan at a line (arguments: URI, line); file links otherwise. */
  openCommand?: string;
}

export interface ReviewReportResult {
  html: string;
  plans: number;
  /** Plans with findings that block submission. */
  blocked: number;
}

export interface PreviewParams {
  /** An open plan: its current text, unsaved changes included, is drawn. */
  uri: string;
  /** True for a whole HTML document (a new panel); false for the body and formats only (an update). */
  full: boolean;
}

export interface PreviewResult {
  uri: string;
  /** The version of the document drawn. */
  version: number;
  /** False for a document that is not a plan: nothing is drawn. */
  isPlan: boolean;
  /** The whole page (CSP with a nonce, style sheet, script), when asked for with full. */
  document?: string;
  /** The inside of the page's #plan43-source: banner, blocks, footnotes, findings data. */
  body: string;
  /** The text of the page's #plan43-formats style sheet. */
  css: string;
  /** Findings that block submission, and findings marked on the page. */
  blocking: number;
  marked: number;
}
