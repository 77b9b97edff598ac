import { join } from 'node:path';
import { z } from 'zod';
import { repoRoot } from './sql-files.ts';

// Environment is parsed once, here; everything else receives typed values.
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DB_PATH: z.string().min(1).default(join(repoRoot, 'data', 'send-dashboard.duckdb')),
  DEFAULT_EXTRACT_DIR: z.string().min(1).default(join(repoRoot, 'data', 'extract')),
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(0).max(100).default(7),
  /** Per client address; a council network may put many users behind one address. 0 = off. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  DUCKDB_THREADS: z.coerce.number().int().min(1).max(256).optional(),
  DUCKDB_MEMORY_LIMIT: z.string().regex(/^\d+(\.\d+)?\s*[KMGT]i?B$/i).optional(),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}
