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
  /** Local accounts (server/auth): written by `npm run users`, re-read by the server when it changes. */
  USERS_PATH: z.string().min(1).default(join(repoRoot, 'data', 'users.json')),
  AUDIT_LOG_PATH: z.string().min(1).default(join(repoRoot, 'data', 'audit.log')),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 7).default(8),
  LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  SIGN_IN_LIMIT_PER_15_MINUTES: z.coerce.number().int().min(0).max(100_000).default(20),
  /** Who to contact about the published figures: the Contact line of every workbook's cover (name, team, email). */
  PUBLICATION_CONTACT: z.string().trim().min(1).max(300).optional(),
  /** `npm run board-pack -- --url …`: a bearer token (`npm run users -- token <name>`) for the running dashboard. */
  DASHBOARD_TOKEN: z.string().min(1).optional(),
  /** Behind a TLS-terminating proxy: trust its X-Forwarded-Proto/For (one hop), so cookies get Secure and __Host-. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  DUCKDB_THREADS: z.coerce.number().int().min(1).max(256).optional(),
  DUCKDB_MEMORY_LIMIT: z.string().regex(/^\d+(\.\d+)?\s*[KMGT]i?B$/i).optional(),
  /** Uploaded extract zips are streamed here and unpacked into a fresh folder per upload (server/uploads). */
  UPLOAD_DIR: z.string().min(1).default(join(repoRoot, 'data', 'uploads')),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(512 * 2 ** 20),
  /** Total bytes an upload may unpack to (counted as written, not as the zip claims). */
  UPLOAD_MAX_UNZIPPED_BYTES: z.coerce.number().int().min(1).default(4 * 2 ** 30),
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
