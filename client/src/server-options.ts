// The Node options the extension starts its language server with, as the benchmarks measured them (docs/benchmarks.md).

/**
 * V8's young generation otherwise grows to 32 MB under the churn of checking and stays there: a
 * quarter of the server's resident memory with a hundred plans open. With semi-spaces of 2 MB the
 * same server holds them in about 25 MB less; 1 MB saved no more and made keystrokes about a
 * tenth slower on a long plan (more frequent young-generation collections).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=2'];
