import { join } from 'node:path';
import { defaultMemoryLimit, type Config } from '../config.ts';
import { repoRoot } from '../sql-files.ts';
import type { OpenOptions } from './database.ts';

/**
 * How the dashboard server opens its database (`npm start`; the bench's server should use it too):
 * the engine limits from the environment, and the lock-down with the only folders its SQL reads, the
 * default extract, uploads and the shipped reference data (the load reads LA names from it).
 */
export function serverDatabaseOptions(config: Config): OpenOptions {
  return {
    ...(config.DUCKDB_THREADS ? { threads: config.DUCKDB_THREADS } : {}),
    // Always bounded: DuckDB's own default (80% of memory) let one bad file take the machine.
    memoryLimit: config.DUCKDB_MEMORY_LIMIT ?? defaultMemoryLimit(),
    allowedDirectories: [config.DEFAULT_EXTRACT_DIR, config.UPLOAD_DIR, referenceDir],
  };
}

export const referenceDir = join(repoRoot, 'data', 'reference');
