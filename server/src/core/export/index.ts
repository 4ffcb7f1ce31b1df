// The official document of a plan: one layout model (layout.ts) that the .docx writer (node/word.ts) and the HTML preview (html.ts) both draw.

export { inlineRuns, issuerLines, layoutPlan, levelOf, runOffset, sliceRun, textWidth } from './layout';
export type { Align, ExportLayout, LayoutBlock, LayoutFootnote, LayoutParagraph, LayoutRun, LayoutTable, Level, ParagraphRole } from './layout';
export { BLANK_SPACES, NATIONAL, OFFICIAL, PARTY_SUBJECT_RULE, SINGLE_LINE_EM } from './official';
export type { LayoutSizes, OfficialLayout } from './official';
