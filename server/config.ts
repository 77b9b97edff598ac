import { isIP } from 'node:net';
import { totalmem } from 'node:os';
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
  /** Behind a TLS-terminating proxy: its address(es) or CIDR; only that peer's X-Forwarded-Proto/For are believed. */
  TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
  /** Bearer tokens (`npm run users -- token`) stop working this many days after they were issued. */
  TOKEN_EXPIRY_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Workbook and PDF exports built at once, and how many more may wait; past both, 503 with Retry-After. */
  HEAVY_EXPORTS_AT_ONCE: z.coerce.number().int().min(1).max(64).default(2),
  HEAVY_EXPORTS_WAITING: z.coerce.number().int().min(0).max(1000).default(8),
  /** Per extract file: most rows (a Parquet file's declared count; a CSV's lines) and most bytes. */
  EXTRACT_MAX_ROWS_PER_FILE: z.coerce.number().int().min(1).default(50_000_000),
  EXTRACT_MAX_FILE_BYTES: z.coerce.number().int().min(1).default(4 * 2 ** 30),
  /** A Parquet file declaring more rows than this per byte of file is refused as a decompression bomb. */
  PARQUET_MAX_ROWS_PER_BYTE: z.coerce.number().min(0.001).default(10),
  DUCKDB_THREADS: z.coerce.number().int().min(1).max(256).optional(),
  DUCKDB_MEMORY_LIMIT: z.string().regex(/^\d+(\.\d+)?\s*[KMGT]i?B$/i).optional(),
  /** Uploaded extract zips are streamed here and unpacked into a fresh folder per upload (server/uploads). */
  UPLOAD_DIR: z.string().min(1).default(join(repoRoot, 'data', 'uploads')),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(512 * 2 ** 20),
  /** Total bytes an upload may unpack to (counted as written, not as the zip claims). */
  UPLOAD_MAX_UNZIPPED_BYTES: z.coerce.number().int().min(1).default(4 * 2 ** 30),
  /** Largest SEN2 / CIN census XML file read (a large LA's return is tens of MB). */
  RETURN_MAX_BYTES: z.coerce.number().int().min(1).default(1024 * 2 ** 20),
  /** Secret for the keyed hash that pseudonymises children in SEN2/CIN returns: created at first use, mode 0600, never in git. */
  PSEUDONYM_KEY_PATH: z.string().min(1).default(join(repoRoot, 'data', 'pseudonym.key')),
});

export type Config = z.infer<typeof envSchema>;

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: `false` (default), or a comma-separated list of the proxy's addresses, CIDR ranges or Express's
 * names `loopback`, `linklocal`, `uniquelocal`. `true` is refused: it believed X-Forwarded-For from any peer.
 */
function parseTrustProxy(value: string, context: z.RefinementCtx): false | string[] {
  const text = value.trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true' || /^\d+$/.test(text)) {
    context.addIssue({ code: 'custom', message: `TRUST_PROXY=${text} would believe X-Forwarded-For from any address: give the proxy's address or CIDR instead (for example TRUST_PROXY=127.0.0.1 or TRUST_PROXY=10.0.0.0/8)` });
    return z.NEVER;
  }
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const version = isIP(address);
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32));
    if (!PROXY_NAMES.has(entry) && (version === 0 || !okBits || extra !== undefined)) {
      context.addIssue({ code: 'custom', message: `TRUST_PROXY: ${entry} is not an IP address, a CIDR range or loopback/linklocal/uniquelocal` });
      return z.NEVER;
    }
  }
  return entries;
}

/** The memory this process may use: the machine's, or its container's (cgroup v1 or v2 limit) when smaller. */
export interface MachineMemory {
  bytes: number;
  source: 'machine' | 'container';
}

/** Node reports no container limit as 0 or as a huge number (2^64): either means the machine's. */
export function usableMemory(total = totalmem(), constrained = process.constrainedMemory?.() ?? 0): MachineMemory {
  return constrained > 0 && constrained < total ? { bytes: constrained, source: 'container' } : { bytes: total, source: 'machine' };
}

/**
 * DuckDB's memory limit when DUCKDB_MEMORY_LIMIT is not set: a quarter of the machine's memory (or of the
 * container's, when smaller), at least 256 MB. DuckDB's own default (80%) let one bad file take the machine.
 */
export function defaultMemoryLimit(total = usableMemory().bytes): string {
  return `${Math.max(256, Math.floor(total / 4 / 2 ** 20))}MB`;
}

/** The line the server and `npm run ingest` print at start: the limit in force and where it came from. */
export function memoryLimitNotice(config: Pick<Config, 'DUCKDB_MEMORY_LIMIT'>, memory = usableMemory()): string {
  if (config.DUCKDB_MEMORY_LIMIT) return `DuckDB memory limit ${config.DUCKDB_MEMORY_LIMIT} (from DUCKDB_MEMORY_LIMIT)`;
  const mb = Math.round(memory.bytes / 2 ** 20).toLocaleString('en-GB');
  return `DuckDB memory limit ${defaultMemoryLimit(memory.bytes)}: a quarter of this ${memory.source}'s ${mb} MB (set DUCKDB_MEMORY_LIMIT to change it)`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${issues}`);
  }
  return parsed.data;
}
