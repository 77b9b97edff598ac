import type { DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { tables, type Table, type TableName } from '../extract/spec.ts';
import { identifierHeader } from '../identifiers/index.ts';
import { inTransaction, queryRows, type Database } from '../db/database.ts';
import { dropExtractTablesSql, extractTablesDdl } from '../schema/ddl.ts';
import { readSql, repoRoot } from '../sql-files.ts';
import { discoverExtract, ExtractError, type DiscoveredExtract, inspectFile, type ExtractFile } from './discover.ts';
import { checkFileLimits, checkRowCount, fileLimitsFromConfig, type FileLimits } from './file-limits.ts';
import { faultPoint } from './fault-points.ts';
import { findWithheldValues, redactFreeText } from './redact-free-text.ts';
import { checkTableSql, hasFreeText, insertValidSql, validViewSql } from './validation-sql.ts';
import type { ModuleSummary, ReturnReject } from '../returns/collector.ts';

export interface RejectReason {
  reason: string;
  rows: number;
}

export interface FileSummary {
  table: TableName;
  fileName: string;
  format: 'csv' | 'parquet';
  bytes: number;
  sha256: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  redactions: number;
  ignoredColumns: string[];
  reasons: RejectReason[];
}

/** What a load of SEN2 / CIN returns adds (server/ingest/load-folder.ts). */
export interface LoadExtras {
  /** The folder the user gave (the loader reads a staging copy). */
  source?: string;
  /** The name a staged file is reported under. */
  fileLabel?: (fileName: string) => string;
  returns?: { modules: ModuleSummary[]; rejects: ReturnReject[] };
  /** Per-file row and byte limits (EXTRACT_MAX_*), over the configured ones. */
  limits?: Partial<FileLimits>;
}

export interface LoadSummary {
  runId: number;
  source: string;
  laCode: string | null;
  extractDate: string;
  synthetic: boolean;
  files: FileSummary[];
  ignoredFiles: string[];
  durationMs: number;
  /** Per return file and module: read = loaded + rejected (only when returns were loaded). */
  returnModules?: ModuleSummary[];
}

export type ProgressListener = (message: string) => void;

// Derived tables rebuilt inside the load transaction (sql/derived/), in order: each file
// creates the table named after it, and may read the ones before it.
export const derivedSql = ['derived/areas.sql', 'derived/periods.sql', 'derived/indicator-facts.sql', 'derived/active-plan-counts.sql',
  'derived/provision-snapshots.sql'];
/** Summary tables added after databases already existed: built at start when missing. */
const summaryTables = [
  // In this order: active_plan_counts is counted from plan_facts.
  { table: 'plan_facts', sql: 'derived/indicator-facts.sql' },
  { table: 'active_plan_counts', sql: 'derived/active-plan-counts.sql' },
  { table: 'provision_need_ages', sql: 'derived/provision-snapshots.sql' },
];

const referenceNamesFile = join(repoRoot, 'data', 'reference', 'ons-mye-2021-la-age0-25.csv');
/** The reference files of the area hierarchy: LA → region, LA → ICB, ICB names. */
const hierarchyFiles = {
  areas_file: join(repoRoot, 'data', 'reference', 'areas.csv'),
  la_icb_file: join(repoRoot, 'data', 'reference', 'la-icb.csv'),
  icb_names_file: join(repoRoot, 'data', 'reference', 'icb-names.csv'),
};

export const provenanceSql = (): string => readSql('schema/provenance.sql');

/** Marks runs left 'running' by a process that died: only one process can hold the file. */
export async function markInterruptedRuns(connection: DuckDBConnection): Promise<void> {
  await connection.run(provenanceSql());
  await connection.run(
    `UPDATE load_runs SET status = 'interrupted', message = 'the load process stopped before it finished; previous data kept'
     WHERE status = 'running'`,
  );
  await buildMissingSummaries(connection);
}

/**
 * A database loaded by an earlier version lacks the summary tables added since (indicator SQL
 * reads them): build them from the loaded data, once, so the database is still served as it is.
 */
async function buildMissingSummaries(connection: DuckDBConnection): Promise<void> {
  const present = new Set(
    (await queryRows<{ name: string }>(connection, 'SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary')).map((r) => r.name),
  );
  const missing = summaryTables.filter((s) => !present.has(s.table));
  if (present.has('extract_info')) await addLocalOfferLaCodes(connection);
  if (!present.has('extract_info') || !present.has('periods') || missing.length === 0) return;
  await inTransaction(connection, async () => {
    await connection.run(readSql('schema/macros.sql'));
    for (const s of missing) await connection.run(readSql(s.sql));
  });
}

/**
 * A database loaded before the Local Offer tables had la_code (indicator SQL reads it): add
 * the column, filled with the extract's LA as a load would (NULL for an extract of several LAs,
 * whose rows then count for no LA rather than for all of them).
 */
async function addLocalOfferLaCodes(connection: DuckDBConnection): Promise<void> {
  const lacking = await queryRows<{ name: string }>(
    connection,
    `SELECT table_name AS name FROM duckdb_columns()
     WHERE schema_name = 'main' AND table_name IN ('local_offer_services', 'local_offer_feedback')
     GROUP BY table_name HAVING NOT bool_or(column_name = 'la_code')`,
  );
  if (lacking.length === 0) return;
  await inTransaction(connection, async () => {
    for (const { name } of lacking) {
      const table = name === 'local_offer_services' ? 'local_offer_services' : 'local_offer_feedback';
      await connection.run(`ALTER TABLE ${table} ADD COLUMN la_code VARCHAR`);
      await connection.run(
        `UPDATE ${table} SET la_code = coalesce((SELECT la_code FROM extract_info), (${onlyLaSql('children')}))`,
      );
    }
  });
}

/**
 * Sizes and Parquet footers first: nothing is read while a file is over a limit (EXTRACT_MAX_*).
 * Returns each file's SHA-256 by file name.
 */
async function checkLimitsAndHash(db: Database, extract: DiscoveredExtract, extras: LoadExtras, onProgress: ProgressListener): Promise<Map<string, string>> {
  const bounds = { ...fileLimitsFromConfig(), ...extras.limits };
  await db.withConnection((connection) => checkFileLimits(connection, extract.files, bounds));
  const hashes = new Map<string, string>();
  for (const file of extract.files) {
    onProgress(`reading ${file.fileName} (${formatBytes(file.bytes)})`);
    const inspected = await inspectFile(file);
    if (inspected.rows !== null) checkRowCount(file, inspected.rows, bounds);
    hashes.set(file.fileName, inspected.sha256);
  }
  return hashes;
}

/** extract.json's fields as load_runs and extract_info store them. */
function manifestFields(extract: DiscoveredExtract, extractDate: string) {
  return {
    la_code: extract.manifest.la_code ?? null,
    extract_date: extractDate,
    period_start: extract.manifest.period_start ?? null,
    period_end: extract.manifest.period_end ?? null,
    synthetic: extract.manifest.synthetic === true,
  };
}

/** A 'running' row in load_runs for this load: its run ID. */
async function startRun(connection: DuckDBConnection, source: string, extract: DiscoveredExtract, extractDate: string): Promise<number> {
  const [run] = await queryRows<{ run_id: number }>(
    connection,
    `INSERT INTO load_runs (run_id, started_at, status, source, la_code, extract_date, period_start, period_end, synthetic, manifest)
     VALUES (nextval('load_run_ids')::INTEGER, now()::TIMESTAMP, 'running', $source, $la_code, $extract_date::DATE,
             $period_start::DATE, $period_end::DATE, $synthetic, $manifest::JSON)
     RETURNING run_id`,
    { source, ...manifestFields(extract, extractDate), manifest: JSON.stringify(extract.manifest) },
  );
  return run?.run_id ?? 0;
}

/** Stages and validates every table of the spec (an empty one for a missing file): a summary per file read. */
async function stageAndValidate(
  connection: DuckDBConnection,
  extract: DiscoveredExtract,
  params: Record<string, string>,
  hashes: Map<string, string>,
  extras: LoadExtras,
  onProgress: ProgressListener,
): Promise<FileSummary[]> {
  const files: FileSummary[] = [];
  for (const table of tables) {
    const file = extract.files.find((f) => f.table === table.name);
    const fileStart = performance.now();
    const staged = file ? await stageFile(connection, table, file) : await stageEmpty(connection, table);
    await redactFreeText(connection, table);
    if (table.columns.some((c) => c.extractLaDefault)) params.extract_la_code ??= await extractLaCode(connection, extract.manifest.la_code);
    await runWithProgress(connection, checkTableSql(table), params, (pct) =>
      onProgress(`  validating ${table.name}: ${pct}%`),
    );
    // The typed copy (chk_) has all that is needed from here: free the raw text now,
    // so a large extract does not hold both for every table at once.
    await connection.run(`DROP TABLE IF EXISTS raw_${table.name}`);
    await connection.run(validViewSql(table));
    if (!file) continue;
    const summary = await summariseFile(connection, table, file, staged, hashes.get(file.fileName) ?? '');
    if (extras.fileLabel) summary.fileName = extras.fileLabel(file.fileName);
    files.push(summary);
    onProgress(
      `  ${file.fileName}: ${summary.rowsRead} read, ${summary.rowsLoaded} loaded, ${summary.rowsRejected} rejected ` +
        `(${Math.round(performance.now() - fileStart)} ms)`,
    );
  }
  return files;
}

/** In one transaction: the valid rows replace the loaded data, the derived tables are rebuilt, the run is committed. */
async function replaceLoadedData(
  connection: DuckDBConnection,
  runId: number,
  extract: DiscoveredExtract,
  extractDate: string,
  files: FileSummary[],
  extras: LoadExtras,
): Promise<void> {
  const present = new Set(extract.files.map((f) => f.table));
  await inTransaction(connection, async () => {
    await connection.run(dropExtractTablesSql());
    await connection.run(extractTablesDdl());
    for (const table of tables) await connection.run(insertValidSql(table));
    await faultPoint('load-transaction');
    await writeQuarantine(connection, runId, files, present);
    if (extras.returns) await writeReturnRejects(connection, runId, extras.returns.rejects);
    for (const file of files) await writeLoadFile(connection, runId, file);
    await connection.run(readSql('derived/extract-info.sql'), { run_id: runId, ...manifestFields(extract, extractDate) });
    await connection.run(readSql('derived/reference-la-names.sql'), { reference_file: referenceNamesFile });
    for (const sql of derivedSql) await connection.run(readSql(sql));
    // England, regions and ICBs of an extract of several LAs (after `areas`).
    await connection.run(readSql('derived/area-aggregates.sql'), hierarchyFiles);
    await connection.run(readSql('derived/analytics-areas.sql'));
    const totals = files.reduce(
      (acc, f) => ({ read: acc.read + f.rowsRead, loaded: acc.loaded + f.rowsLoaded, rejected: acc.rejected + f.rowsRejected }),
      { read: 0, loaded: 0, rejected: 0 },
    );
    await connection.run(
      `UPDATE load_runs SET status = 'committed', finished_at = now()::TIMESTAMP, rows_read = $read,
         rows_loaded = $loaded, rows_rejected = $rejected WHERE run_id = $run_id`,
      { run_id: runId, ...totals },
    );
  });
}

/** Records why a load failed on its run (best effort: the load's own error is the one thrown). */
async function markRunFailed(connection: DuckDBConnection, runId: number, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await connection
    .run(`UPDATE load_runs SET status = 'failed', finished_at = now()::TIMESTAMP, message = $message WHERE run_id = $run_id`, {
      run_id: runId,
      message: message.slice(0, 500),
    })
    .catch(() => undefined);
}

/**
 * Validates an extract folder and replaces the loaded data with it in one transaction.
 * Staging happens in temp tables first, so a failure at any point leaves the previous
 * data exactly as it was.
 */
export async function loadExtract(
  db: Database,
  extractDir: string,
  onProgress: ProgressListener = () => {},
  extras: LoadExtras = {},
): Promise<LoadSummary> {
  const started = performance.now();
  const extract = discoverExtract(extractDir);
  const source = extras.source ?? extractDir;
  const hashes = await checkLimitsAndHash(db, extract, extras, onProgress);
  const today = new Date().toISOString().slice(0, 10);
  const extractDate = extract.manifest.extract_date ?? today;
  const params: Record<string, string> = {
    extract_date: extractDate,
    age_reference_date: extract.manifest.period_start ?? extractDate,
  };

  return db.withConnection(async (connection) => {
    await markInterruptedRuns(connection);
    await connection.run(readSql('schema/macros.sql'));
    const runId = await startRun(connection, source, extract, extractDate);
    try {
      const files = await stageAndValidate(connection, extract, params, hashes, extras, onProgress);
      onProgress('writing to the database');
      await replaceLoadedData(connection, runId, extract, extractDate, files, extras);
      return {
        runId,
        source,
        ...(extras.returns ? { returnModules: extras.returns.modules } : {}),
        laCode: extract.manifest.la_code ?? null,
        extractDate,
        synthetic: extract.manifest.synthetic === true,
        files,
        ignoredFiles: extract.ignoredFiles,
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      await markRunFailed(connection, runId, error);
      throw error;
    } finally {
      await connection.run('DROP TABLE IF EXISTS structural_rejects').catch(() => undefined);
    }
  });
}

/**
 * The LA a row without la_code belongs to: extract.json's, else the one LA of the loaded
 * children; '' when there is none (an extract of several LAs), whose such rows are rejected.
 */
async function extractLaCode(connection: DuckDBConnection, manifestLaCode: string | undefined): Promise<string> {
  if (manifestLaCode) return manifestLaCode;
  const [row] = await queryRows<{ la_code: string | null }>(connection, onlyLaSql('valid_children'));
  return row?.la_code ?? '';
}

/** The children's one LA, or NULL when they are of several (or none): the same rule at load and for older databases. */
const onlyLaSql = (children: 'children' | 'valid_children'): string =>
  `SELECT CASE WHEN count(DISTINCT la_code) = 1 THEN min(la_code) END AS la_code FROM ${children}`;

interface Staged {
  ignoredColumns: string[];
  structuralRejects: number;
}

const normalise = (name: string): string => name.replace(/^\uFEFF/, '').trim().toLowerCase();
const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

function sourceSql(file: ExtractFile, table: string, rowNumbers = false): string {
  return file.format === 'csv'
    ? `read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', encoding = 'utf-8',
         store_rejects = true, rejects_table = 'rej_err_${table}', rejects_scan = 'rej_scan_${table}')`
    : `read_parquet($path${rowNumbers ? ', file_row_number = true' : ''})`;
}

/** The line a row would be on in a CSV with a header: 2 for the first row. */
function lineSql(file: ExtractFile, byteOrder: boolean): string {
  // Parquet knows each row's position, so rows need not be numbered in one ordered pass
  // (row_number() OVER () numbers them in scan order: the same numbers).
  return file.format === 'parquet' && byteOrder ? '(file_row_number + 2)::INTEGER' : '(row_number() OVER () + 1)::INTEGER';
}

async function stageFile(connection: DuckDBConnection, table: Table, file: ExtractFile): Promise<Staged> {
  const source = sourceSql(file, table.name);
  let header: { column_name: string }[];
  try {
    header = await queryRows(connection, `DESCRIBE SELECT * FROM ${source}`, { path: file.path });
  } catch (error) {
    throw readError(file, error);
  }
  const known = new Set(table.columns.map((c) => c.name));
  refuseIdentifierHeaders(file, header.map((h) => h.column_name), known);
  const byName = new Map<string, string>();
  for (const { column_name } of header) {
    const key = normalise(column_name);
    if (byName.has(key)) throw new ExtractError(`${file.fileName} has the column ${key} twice`);
    byName.set(key, column_name);
  }
  const ignoredColumns = [...byName.keys()].filter((k) => !known.has(k));
  const missing = table.columns.filter((c) => c.required && !byName.has(c.name)).map((c) => c.name);
  if (missing.length > 0) throw new ExtractError(`${file.fileName} has no ${missing.join(', ')} column (required)`);
  const select = table.columns.map((c) => {
    const original = byName.get(c.name);
    return original ? `CAST(${quoteIdent(original)} AS VARCHAR) AS ${c.name}` : `NULL::VARCHAR AS ${c.name}`;
  });
  // A Parquet file with its own file_row_number column keeps the ordered numbering.
  const rowNumbers = file.format === 'parquet' && !byName.has('file_row_number');
  try {
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE raw_${table.name} AS
       SELECT ${lineSql(file, rowNumbers)} AS __line, ${select.join(', ')} FROM ${sourceSql(file, table.name, rowNumbers)}`,
      { path: file.path },
    );
  } catch (error) {
    throw readError(file, error);
  }
  let structuralRejects = 0;
  if (file.format === 'csv') {
    const rejects = await queryRows<{ line: number; error_type: string; n: number }>(
      connection,
      `SELECT min(line)::INTEGER AS line, error_type::VARCHAR AS error_type, count(DISTINCT line)::INTEGER AS n
       FROM rej_err_${table.name} GROUP BY error_type`,
    );
    const unicode = rejects.find((r) => r.error_type === 'INVALID UNICODE');
    if (unicode) throw new ExtractError(`${file.fileName} is not valid UTF-8 (line ${unicode.line}): save it as UTF-8 CSV`);
    structuralRejects = rejects.reduce((n, r) => n + r.n, 0);
    await connection.run(
      `CREATE TEMP TABLE IF NOT EXISTS structural_rejects (file_name VARCHAR, line_number INTEGER, reason VARCHAR);
       INSERT INTO structural_rejects
       SELECT DISTINCT ON (line) $file, line::INTEGER, 'malformed CSV row: ' || lower(error_type::VARCHAR)
       FROM rej_err_${table.name} ORDER BY line`,
      { file: file.fileName },
    );
  }
  return { ignoredColumns, structuralRejects };
}

/**
 * Refuses a file with a column header that names a direct identifier in any spelling ("NHS
 * Number", "Date of Birth", "e-mail") or holds one (an e-mail address as a header). The
 * message gives the column's position, and its header only when that is not itself an identifier.
 */
function refuseIdentifierHeaders(file: ExtractFile, headers: string[], known: ReadonlySet<string>): void {
  headers.forEach((header, i) => {
    if (known.has(normalise(header))) return;
    const verdict = identifierHeader(header);
    if (!verdict) return;
    const named = verdict.echo ? ` "${normalise(header).replace(/[^\x20-\x7e]/g, '?').slice(0, 40)}"` : '';
    throw new ExtractError(
      `${file.fileName} refused: column ${i + 1}${named} is ${verdict.kind}, which an extract must not carry; remove the column and load again`,
    );
  });
}

async function stageEmpty(connection: DuckDBConnection, table: Table): Promise<Staged> {
  const columns = table.columns.map((c) => `NULL::VARCHAR AS ${c.name}`).join(', ');
  await connection.run(`CREATE OR REPLACE TEMP TABLE raw_${table.name} AS SELECT 0 AS __line, ${columns} WHERE false`);
  return { ignoredColumns: [], structuralRejects: 0 };
}

function readError(file: ExtractFile, error: unknown): ExtractError {
  const message = error instanceof Error ? error.message : String(error);
  // DuckDB's CSV errors go on to list the settings it used ("comment = (empty)", "Encoding: utf-8"):
  // only the error's own lines say what went wrong.
  const own = message.split('\n').filter((l) => !/^\s+\S+ = |^Encoding:|^\* /.test(l)).join('\n');
  if (/invalid unicode|not valid utf/i.test(own)) return new ExtractError(`${file.fileName} is not valid UTF-8: save it as UTF-8 CSV`);
  const tooLong = /maximum line size of ([0-9]+) bytes exceeded/i.exec(own);
  if (tooLong) {
    return new ExtractError(
      `${file.fileName} has a line of more than ${Number(tooLong[1]).toLocaleString('en-GB')} bytes: an extract line must be shorter (look for an unterminated quote)`,
    );
  }
  if (/no header|\bempty file|file is empty|0 columns/i.test(own) || file.bytes === 0) return new ExtractError(`${file.fileName} is empty or has no header row`);
  if (/could not detect|sniff|parsing dialect/i.test(own)) {
    return new ExtractError(
      `${file.fileName} could not be read as CSV: look for an unterminated quote (") that runs on to the end of the file, ` +
        'or rows with a different number of commas from the header',
    );
  }
  if (/parquet/i.test(own)) return new ExtractError(`${file.fileName} is not a readable Parquet file`);
  // DuckDB's own words, without the file's path on this server.
  const firstLine = (message.split('\n')[0] ?? message).replaceAll(file.path, file.fileName).slice(0, 200);
  return new ExtractError(`${file.fileName} could not be read: ${firstLine}`);
}

async function summariseFile(
  connection: DuckDBConnection,
  table: Table,
  file: ExtractFile,
  staged: Staged,
  sha256: string,
): Promise<FileSummary> {
  const [counts] = await queryRows<{ read: number; loaded: number; redactions: number }>(
    connection,
    `SELECT count(*)::INTEGER AS read, count(*) FILTER (len(problems) = 0)::INTEGER AS loaded,
       coalesce(sum(${hasFreeText(table) ? 'redactions' : '0'}) FILTER (len(problems) = 0), 0)::INTEGER AS redactions
     FROM chk_${table.name}`,
  );
  const reasons = await queryRows<{ reason: string; rows: number }>(
    connection,
    `SELECT reason, count(DISTINCT line)::INTEGER AS rows FROM (SELECT line, unnest(problems).reason AS reason FROM chk_${table.name})
     GROUP BY reason ORDER BY rows DESC, reason`,
  );
  if (staged.structuralRejects > 0) reasons.push({ reason: 'malformed CSV row', rows: staged.structuralRejects });
  const read = (counts?.read ?? 0) + staged.structuralRejects;
  const loaded = counts?.loaded ?? 0;
  return {
    table: table.name,
    fileName: file.fileName,
    format: file.format,
    bytes: file.bytes,
    sha256,
    rowsRead: read,
    rowsLoaded: loaded,
    rowsRejected: read - loaded,
    redactions: counts?.redactions ?? 0,
    ignoredColumns: staged.ignoredColumns,
    reasons,
  };
}

async function writeQuarantine(connection: DuckDBConnection, runId: number, files: FileSummary[], present: Set<TableName>): Promise<void> {
  const written = files.filter((f) => present.has(f.table));
  await findWithheldValues(
    connection,
    written.length === 0
      ? 'SELECT NULL::VARCHAR AS value'
      : written.map((f) => `SELECT p.value AS value FROM (SELECT unnest(problems) AS p FROM chk_${f.table})`).join(' UNION ALL '),
  );
  for (const file of written) {
    await connection.run(
      `INSERT INTO quarantine
       SELECT $run_id, $file, line, p.column_name,
         CASE WHEN p.value IN (SELECT value FROM withheld_values) THEN '[withheld]' ELSE left(p.value, 200) END, p.reason
       FROM (SELECT line, unnest(problems) AS p FROM chk_${file.table}) ORDER BY line`,
      { run_id: runId, file: file.fileName },
    );
  }
  await connection.run('DROP TABLE withheld_values');
  const [hasStructural] = await queryRows<{ n: number }>(
    connection,
    `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'structural_rejects' AND temporary`,
  );
  if (hasStructural?.n) {
    await connection.run(
      `INSERT INTO quarantine SELECT $run_id, file_name, line_number, NULL, NULL, reason FROM structural_rejects`,
      { run_id: runId },
    );
  }
}

/** Records of the returns rejected while reading: element, never an identifier's value, and the reason. */
async function writeReturnRejects(connection: DuckDBConnection, runId: number, rejects: ReturnReject[]): Promise<void> {
  if (rejects.length === 0) return;
  for (const r of rejects) {
    await connection.run('INSERT INTO quarantine VALUES ($run_id, $file, $line, $column, $value, $reason)', {
      run_id: runId,
      file: r.fileName,
      line: r.line,
      column: r.element ? `${r.module}/${r.element}` : r.module,
      value: r.value === null ? null : r.value.slice(0, 200),
      reason: r.reason,
    });
  }
}

async function writeLoadFile(connection: DuckDBConnection, runId: number, f: FileSummary): Promise<void> {
  await connection.run(
    `INSERT INTO load_files VALUES ($run_id, $table, $file, $format, $bytes, $sha256, $read, $loaded, $rejected, $redactions, CAST($ignored::JSON AS VARCHAR[]))`,
    {
      run_id: runId,
      table: f.table,
      file: f.fileName,
      format: f.format,
      bytes: f.bytes,
      sha256: f.sha256,
      read: f.rowsRead,
      loaded: f.rowsLoaded,
      rejected: f.rowsRejected,
      redactions: f.redactions,
      ignored: JSON.stringify(f.ignoredColumns),
    },
  );
}

/** Runs a long statement while polling DuckDB's progress, so big files show movement. */
async function runWithProgress(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, string>,
  onPercent: (pct: number) => void,
): Promise<void> {
  let last = -1;
  const timer = setInterval(() => {
    const pct = Math.floor(connection.progress.percentage);
    if (pct > 0 && pct < 100 && pct >= last + 10) {
      last = pct;
      onPercent(pct);
    }
  }, 1000);
  try {
    // DuckDB refuses named parameters a statement does not use.
    const used = Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`$${name}`)));
    await connection.run(sql, used);
  } finally {
    clearInterval(timer);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
