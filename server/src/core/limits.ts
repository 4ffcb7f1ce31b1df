// Size limits that keep every check bounded in time and memory, whatever the input; docs/reliability.md explains the figures.

/**
 * Plans longer than this (UTF-16 code units, as JavaScript counts a string) are not checked: the
 * whole plan gets one plan.too-large finding. Real plans are 10–60 thousand characters; at this
 * size a full check still takes a few seconds.
 */
export const MAX_PLAN_CHARS = 10_000_000;

/** How much of an oversized document is read to tell whether it is a plan at all (its front matter). */
export const PLAN_HEAD_CHARS = 64 * 1024;

/**
 * Template, registry and names files longer than this are refused with a data.syntax finding. The
 * bundled files are about 30 thousand characters; a registry of several thousand local documents
 * still fits.
 */
export const MAX_DATA_CHARS = 1_000_000;

/** At most this many findings are reported on one data file; the rest are counted in one more. */
export const MAX_DATA_FINDINGS = 100;

/** Longest regular expression a template may carry (numberPattern, lastItemPattern, parent patterns). */
export const MAX_PATTERN_CHARS = 300;

/**
 * Longest text a template's regular expression is run on. The texts these patterns read are one
 * line each (a number and symbol, the last recipient, a document symbol); a longer value simply
 * does not match, so a slow pattern cannot meet a long input.
 */
export const MAX_PATTERN_INPUT_CHARS = 500;

/**
 * Deepest nesting of YAML flow collections ([ ] and { }) that is parsed, and widest indentation.
 * The YAML parser recurses once per level and runs out of stack near a thousand levels, at a depth
 * that depends on what else is on the stack; text past these limits is refused before parsing, so
 * the finding is the same in the command line and in the server.
 */
export const MAX_YAML_FLOW_DEPTH = 100;
export const MAX_YAML_INDENT = 200;

/**
 * At most this many findings of one rule are listed for one file; one more finding of the rule
 * says how many are not. A real plan has at most a few hundred findings of a rule; a pasted file
 * of garbage could otherwise give one per character (a million U+FFFD) and a diagnostics message
 * of hundreds of megabytes.
 */
export const MAX_FINDINGS_PER_RULE = 1000;

/**
 * The same cap while fixes are applied (`--fix`, "fix all"): a finding past the listing cap may
 * still carry a fix, and the fixes are what the drafter asked for. Still a bound, so that memory
 * stays proportional to it whatever the file.
 */
export const MAX_FIXES_PER_RULE = 100_000;

/**
 * Longest text a message quotes (a heading, a title, a numeral, a key): a longer one is cut with
 * "…". Titles of real documents are under 300 characters.
 */
export const MAX_QUOTED_CHARS = 500;

/** Longest message of a finding, whatever it quotes. */
export const MAX_MESSAGE_CHARS = 2000;

/**
 * Largest file a Word or text import reads, in bytes. Pictures are what make a .docx large, and
 * the importer skips them; the text of a plan is a few hundred kilobytes.
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * Most bytes the text parts of a .docx (document, notes, styles, numbering …) may unpack to: a
 * small zip can unpack to gigabytes, and the Word reader holds what it unpacks in memory.
 */
export const MAX_IMPORT_UNPACKED_BYTES = 64 * 1024 * 1024;
