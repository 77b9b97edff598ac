import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';
import { LONG_TEST_FILES } from './test/long-tests.ts';

// `npm run soak` runs these files (too long for `npm test`) with the same settings as `npm test`. Not mergeConfig:
// it would concatenate the include and exclude lists, running the whole suite.
export default defineConfig({ test: { ...base.test, include: [...LONG_TEST_FILES], exclude: [] } });
