// Test files too long for `npm test` (about 12 minutes on 2 cores): they run in `npm run soak`
// (vitest.soak.config.ts), which fails if any of them fails. Each is a regression guard whose
// failing-first defect tests live elsewhere in `npm test`.
export const LONG_TEST_FILES: readonly string[] = [
  // The bench harness end to end at `--scale smoke` (generate, ingest child, server child, every endpoint).
  'test/bench/bench.test.ts',
  // The rewritten indicator SQL against the frozen queries it replaced, on generated one- and five-LA extracts.
  'test/bench/indicator-sql-rewrites.test.ts',
];
