import { configDefaults, defineConfig } from 'vitest/config';
import { LONG_TEST_FILES } from './test/long-tests.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The long regression files run in `npm run soak` instead (test/long-tests.ts).
    exclude: [...configDefaults.exclude, ...LONG_TEST_FILES],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Native DuckDB instances per file: forks isolate them cleanly.
    pool: 'forks',
    // Vitest's default on an N-core machine is N - 1 workers: one on CI's 2 cores. Most files wait on
    // DuckDB, a server process or Chromium, so two at once finish the suite far sooner.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2),
    env: { TZ: 'UTC' },
  },
});
