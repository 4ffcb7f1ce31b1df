// Citations of other documents in a plan: extraction, symbol grammar, registry resolution (shared by the rules and the language server).

export { analyzeCitations, citationAt, openingCitations, sourceIs, sourceSpan, tailOffset } from './analysis';
export type { Citation, CitationAnalysis, CitedPart, Placed } from './analysis';
export { extractCitations } from './extract';
export type { RawCitation } from './extract';
export {
  canonicalIssuer,
  comparableTitle,
  entriesFor,
  issuerMatches,
  parseRegistryDate,
  resolveCitation,
  titleAgrees,
} from './registry';
export type { DayDate, Resolution } from './registry';
export { classifySymbol, findSymbols, symbolKey } from './symbol';
export type { FoundSymbol, MalformedReason, ParsedSymbol, SymbolFamily } from './symbol';
export { preferredTypeWord, typeAgrees, typeWordSpec, TYPE_WORDS } from './type-codes';
