import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Native DuckDB instances per file: forks isolate them cleanly.
    pool: 'forks',
    env: { TZ: 'UTC' },
  },
});
