// The official-document export: a plan model laid out for Word (the node side writes the .docx).

export { inlineRuns, issuerLines, layoutPlan, textWidth } from './layout';
export type { Align, ExportLayout, LayoutBlock, LayoutParagraph, LayoutRun, LayoutTable, ParagraphRole } from './layout';
export { NATIONAL, OFFICIAL } from './official';
export type { LayoutSizes, OfficialLayout } from './official';
