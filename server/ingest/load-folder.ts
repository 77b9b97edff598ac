import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { getTable, tables, type ExtractManifest, type TableName } from '../extract/spec.ts';
import type { Row } from '../returns/collector.ts';
import { Establishments } from '../returns/establishments.ts';
import { LocalityLookup, loadPseudonymKey } from '../returns/pseudonymise.ts';
import { readReturns, returnFiles } from '../returns/read-returns.ts';
import { ExtractError } from './discover.ts';
import { formatBytes, loadExtract, type LoadSummary, type ProgressListener } from './load-extract.ts';

// A folder of SEN2 / CIN census XML returns (any years), with or without contract CSV/Parquet
// files: the returns are read and pseudonymised into contract tables in a private staging folder,
// which the ordinary loader then validates and loads in one transaction. A folder with no XML is
// loaded exactly as before.

export interface FolderOptions {
  /** Largest return file read (RETURN_MAX_BYTES). */
  maxReturnBytes?: number;
  /** The pseudonymisation key (PSEUDONYM_KEY_PATH). */
  pseudonymKeyPath?: string;
  /** Where the staging folder is made (must be readable by the database: the server passes the upload folder). */
  stagingParent?: string;
}

/** Side files an LA may add for the returns; never loaded as tables. */
const lookupFiles = ['localities.csv', 'establishments.csv'];

export async function loadFolder(db: Database, dir: string, onProgress: ProgressListener = () => {}, options: FolderOptions = {}): Promise<LoadSummary> {
  const names = existsSync(dir) && statSync(dir).isDirectory() ? returnFiles(dir) : [];
  if (names.length === 0) return loadExtract(db, dir, onProgress);
  const config = loadConfig();
  const maxBytes = options.maxReturnBytes ?? config.RETURN_MAX_BYTES;
  for (const name of names) {
    const bytes = statSync(join(dir, name)).size;
    if (bytes > maxBytes) throw new ExtractError(`${name} is ${formatBytes(bytes)}, over the ${formatBytes(maxBytes)} limit for a return file (RETURN_MAX_BYTES)`);
  }
  const present = new Map(readdirSync(dir).map((n) => [n.toLowerCase(), n]));
  const lookup = (name: string): string | null => {
    const found = present.get(name);
    return found ? join(dir, found) : null;
  };
  const localitiesPath = lookup('localities.csv');
  const establishmentsPath = lookup('establishments.csv');
  const read = await readReturns(dir, names, {
    key: loadPseudonymKey(options.pseudonymKeyPath ?? config.PSEUDONYM_KEY_PATH),
    localities: localitiesPath ? LocalityLookup.fromFile(localitiesPath) : LocalityLookup.none(),
    establishments: establishmentsPath ? Establishments.fromFile(establishmentsPath) : Establishments.none(),
  }, onProgress);
  const staging = mkdtempSync(join(options.stagingParent ?? tmpdir(), 'returns-'));
  try {
    const fromReturns = stageFolder(dir, staging, read.tables, manifestOf(dir, read.files));
    const label = (fileName: string): string => {
      const table = fileName.replace(/\.csv$/, '');
      return fromReturns.has(table) ? `${table} (from the returns)` : fileName;
    };
    return await loadExtract(db, staging, onProgress, {
      source: dir,
      fileLabel: label,
      returns: { modules: read.collector.moduleSummaries(), rejects: read.collector.rejects },
    });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Copies the folder's contract files and writes the tables the returns fill (a contract file of the same table wins). */
function stageFolder(dir: string, staging: string, rows: Map<string, Row[]>, manifest: ExtractManifest): Set<string> {
  const tableNames = new Set<string>(tables.map((t) => t.name));
  const supplied = new Set<string>();
  for (const name of readdirSync(dir)) {
    const ext = extname(name).toLowerCase();
    const base = name.slice(0, name.length - ext.length).toLowerCase();
    if (lookupFiles.includes(name.toLowerCase()) || !tableNames.has(base) || !['.csv', '.parquet'].includes(ext)) continue;
    if (base === 'children') throw new ExtractError(`${name} and the SEN2/CIN returns both describe the children: load one or the other`);
    supplied.add(base);
    copyFileSync(join(dir, name), join(staging, name));
  }
  const fromReturns = new Set<string>();
  for (const [table, tableRows] of rows) {
    if (supplied.has(table)) continue;
    writeCsv(join(staging, `${table}.csv`), getTable(table as TableName).columns.map((c) => c.name), tableRows);
    fromReturns.add(table);
  }
  writeFileSync(join(staging, 'extract.json'), JSON.stringify(manifest));
  return fromReturns;
}

function manifestOf(dir: string, files: { laCode: string; referenceDate: string }[]): ExtractManifest {
  const own = join(dir, 'extract.json');
  let given: ExtractManifest = {};
  try {
    if (existsSync(own)) given = JSON.parse(readFileSync(own, 'utf8').replace(/^\uFEFF/, '')) as ExtractManifest;
  } catch {
    throw new ExtractError('extract.json is not valid JSON');
  }
  const las = new Set(files.map((f) => f.laCode));
  const latest = files.map((f) => f.referenceDate).sort().at(-1);
  return {
    ...given,
    la_code: given.la_code ?? (las.size === 1 ? [...las][0] : undefined),
    extract_date: given.extract_date ?? latest,
    producer: given.producer ?? 'SEN2 / CIN census returns',
  };
}

const csvCell = (v: string | null): string => (v === null ? '' : /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function writeCsv(path: string, columns: string[], rows: Row[]): void {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c] ?? null)).join(','));
  writeFileSync(path, lines.join('\n') + '\n');
}
