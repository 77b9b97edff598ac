import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
