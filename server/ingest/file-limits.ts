import type { DuckDBConnection } from '@duckdb/node-api';
import { loadConfig } from '../config.ts';
import { queryRows } from '../db/database.ts';
import { ExtractError, type ExtractFile } from './discover.ts';

// Bounds on each extract file, checked before DuckDB reads it (issue 15: a 17 KB Parquet file declaring 10 million
// identical rows took a minute and 4.4 GB to load). Bytes on disk for every file; for Parquet the row count and
// sizes its footer declares (parquet_file_metadata / parquet_metadata read only the footer); for CSV the rows
// counted while the file is hashed (inspectFile).

export interface FileLimits {
  /** EXTRACT_MAX_ROWS_PER_FILE */
  maxRows: number;
  /** EXTRACT_MAX_FILE_BYTES: on disk, and for Parquet also uncompressed as declared. */
  maxBytes: number;
  /** PARQUET_MAX_ROWS_PER_BYTE: more declared rows per byte of file than this is a decompression bomb. */
  parquetMaxRowsPerByte: number;
}

/** Below this many declared rows the rows-per-byte rule does not apply (small lookup tables compress well). */
const BOMB_RULE_FROM_ROWS = 100_000;

/** A file over a limit: 413 for an upload (too large), with the limit and its setting named. */
export class FileLimitError extends ExtractError {
  readonly status = 413;
}

export function fileLimitsFromConfig(config = loadConfig()): FileLimits {
  return { maxRows: config.EXTRACT_MAX_ROWS_PER_FILE, maxBytes: config.EXTRACT_MAX_FILE_BYTES, parquetMaxRowsPerByte: config.PARQUET_MAX_ROWS_PER_BYTE };
}

const n = (value: number): string => Math.round(value).toLocaleString('en-GB');

export function checkRowCount(file: ExtractFile, rows: number, limits: FileLimits): void {
  if (rows > limits.maxRows) {
    throw new FileLimitError(`${file.fileName} has ${n(rows)} rows: more than the ${n(limits.maxRows)} allowed per file (EXTRACT_MAX_ROWS_PER_FILE)`);
  }
}

/** Sizes on disk, and each Parquet file's footer, before anything is read. */
export async function checkFileLimits(connection: DuckDBConnection, files: readonly ExtractFile[], limits: FileLimits): Promise<void> {
  for (const file of files) {
    if (file.bytes > limits.maxBytes) {
      throw new FileLimitError(`${file.fileName} is ${n(file.bytes)} bytes: more than the ${n(limits.maxBytes)} allowed per file (EXTRACT_MAX_FILE_BYTES)`);
    }
    if (file.format === 'parquet') await checkParquetFooter(connection, file, limits);
  }
}

async function checkParquetFooter(connection: DuckDBConnection, file: ExtractFile, limits: FileLimits): Promise<void> {
  let rows: number;
  let uncompressed: number;
  try {
    const [meta] = await queryRows<{ rows: string | number | null }>(connection, 'SELECT sum(num_rows)::BIGINT::VARCHAR AS rows FROM parquet_file_metadata($path)', { path: file.path });
    const [sizes] = await queryRows<{ bytes: string | number | null }>(connection, 'SELECT coalesce(sum(total_uncompressed_size), 0)::BIGINT::VARCHAR AS bytes FROM parquet_metadata($path)', { path: file.path });
    rows = Number(meta?.rows ?? 0);
    uncompressed = Number(sizes?.bytes ?? 0);
  } catch {
    throw new ExtractError(`${file.fileName} is not a readable Parquet file (its footer could not be read)`);
  }
  if (rows > limits.maxRows) {
    throw new FileLimitError(`${file.fileName} declares ${n(rows)} rows: more than the ${n(limits.maxRows)} allowed per file (EXTRACT_MAX_ROWS_PER_FILE)`);
  }
  if (rows >= BOMB_RULE_FROM_ROWS && rows > limits.parquetMaxRowsPerByte * file.bytes) {
    throw new FileLimitError(
      `${file.fileName} declares ${n(rows)} rows in ${n(file.bytes)} bytes (${n(rows / file.bytes)} rows per byte): refused as a decompression bomb; a real extract has far fewer rows per byte (PARQUET_MAX_ROWS_PER_BYTE = ${limits.parquetMaxRowsPerByte})`,
    );
  }
  if (uncompressed > limits.maxBytes) {
    throw new FileLimitError(`${file.fileName} declares ${n(uncompressed)} bytes uncompressed: more than the ${n(limits.maxBytes)} allowed per file (EXTRACT_MAX_FILE_BYTES)`);
  }
}
