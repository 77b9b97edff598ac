import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { z } from 'zod';
import { tables, type ExtractManifest, type TableName } from '../extract/spec.ts';

/** A problem with the extract as a whole: reported as one clear line, never a stack trace. */
export class ExtractError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractError';
  }
}

export interface ExtractFile {
  table: TableName;
  fileName: string;
  path: string;
  format: 'csv' | 'parquet';
  bytes: number;
}

export interface DiscoveredExtract {
  dir: string;
  files: ExtractFile[];
  manifest: ExtractManifest;
  ignoredFiles: string[];
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const manifestSchema = z
  .object({
    la_code: z.string().regex(/^E(06|08|09|10)\d{6}$/, 'expected an English LA ONS code').optional(),
    extract_date: isoDate.optional(),
    period_start: isoDate.optional(),
    period_end: isoDate.optional(),
    producer: z.string().max(200).optional(),
    synthetic: z.boolean().optional(),
    generator: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

const formats: Record<string, ExtractFile['format']> = { '.csv': 'csv', '.parquet': 'parquet' };

export function discoverExtract(dir: string): DiscoveredExtract {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ExtractError(`Extract folder not found: ${dir}`);
  const names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile());
  const tableNames = new Set<string>(tables.map((t) => t.name));
  const files: ExtractFile[] = [];
  const ignoredFiles: string[] = [];
  for (const fileName of names.sort()) {
    if (fileName.toLowerCase() === 'extract.json') continue;
    const ext = extname(fileName).toLowerCase();
    const base = fileName.slice(0, fileName.length - ext.length).trim().toLowerCase();
    if (!tableNames.has(base)) {
      ignoredFiles.push(fileName);
      continue;
    }
    const format = formats[ext];
    if (!format) throw new ExtractError(`${fileName} is not a CSV or Parquet file (expected ${base}.csv or ${base}.parquet)`);
    const table = base as TableName;
    const clash = files.find((f) => f.table === table);
    if (clash) throw new ExtractError(`Two files for ${table}: ${clash.fileName} and ${fileName}; keep one`);
    const path = join(dir, fileName);
    files.push({ table, fileName, path, format, bytes: statSync(path).size });
  }
  if (!files.some((f) => f.table === 'children')) {
    throw new ExtractError(`No children file (children.csv or children.parquet) in ${dir}`);
  }
  const order = new Map(tables.map((t, i) => [t.name, i]));
  files.sort((a, b) => (order.get(a.table) ?? 0) - (order.get(b.table) ?? 0));
  return { dir, files, manifest: readManifest(dir, names), ignoredFiles };
}

function readManifest(dir: string, names: string[]): ExtractManifest {
  const name = names.find((n) => n.toLowerCase() === 'extract.json');
  if (!name) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw new ExtractError(`${name} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ExtractError(`${name}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`.trim());
  }
  return parsed.data;
}

// Far beyond any real extract (the widest table has a dozen columns; a row is a few hundred
// characters). Refused before DuckDB reads the file: a 100,000-column header took it over a
// minute and most of a gigabyte, and a line over its 2 MB limit gave a misleading error.
export const maxHeaderColumns = 1_000;
export const maxLineChars = 1_000_000;

/** Fields in a CSV header line: commas outside double quotes, plus one. */
function headerColumns(header: string): number {
  let columns = 1;
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) columns++;
  }
  return columns;
}

/**
 * One streaming pass over a file: its SHA-256, and for CSV a strict UTF-8 check that
 * names the first bad line (DuckDB would otherwise misread Latin-1 or UTF-16 headers),
 * and limits on the header's width and on line length.
 */
export async function inspectFile(file: ExtractFile): Promise<{ sha256: string; rows: number | null }> {
  const hash = createHash('sha256');
  const csv = file.format === 'csv';
  if (csv && file.bytes === 0) throw new ExtractError(`${file.fileName} is empty or has no header row`);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let lineLength = 0;
  let header: string | null = '';
  const checkHeader = (text: string): void => {
    const columns = headerColumns(text);
    if (columns > maxHeaderColumns) {
      throw new ExtractError(`${file.fileName} has ${columns} columns in its header; an extract file has at most ${maxHeaderColumns}`);
    }
  };
  const scan = (text: string): void => {
    // Line lengths and the header, one newline at a time.
    for (let from = 0; ; ) {
      const i = text.indexOf('\n', from);
      const end = i === -1 ? text.length : i;
      lineLength += end - from;
      if (lineLength > maxLineChars) {
        throw new ExtractError(`${file.fileName} line ${line} is longer than ${maxLineChars} characters: not an extract row (is this the right file?)`);
      }
      if (header !== null) header += text.slice(from, end);
      if (i === -1) return;
      if (header !== null) checkHeader(header);
      header = null;
      line++;
      lineLength = 0;
      from = i + 1;
    }
  };
  let first = true;
  for await (const chunk of createReadStream(file.path)) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    if (!csv) continue;
    if (first && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || bytes.includes(0))) {
      throw new ExtractError(`${file.fileName} is UTF-16 or binary, not UTF-8 text: save it as UTF-8 CSV`);
    }
    first = false;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw new ExtractError(`${file.fileName} is not valid UTF-8 (near line ${line}): save it as UTF-8 CSV`);
    }
    scan(text);
  }
  if (csv) {
    try {
      scan(decoder.decode());
    } catch (error) {
      if (error instanceof ExtractError) throw error;
      throw new ExtractError(`${file.fileName} is not valid UTF-8 (near line ${line}): save it as UTF-8 CSV`);
    }
    if (header !== null) checkHeader(header);
  }
  // CSV data rows: lines after the header, not counting an empty last line (quoted line breaks count extra).
  return { sha256: hash.digest('hex'), rows: csv ? Math.max(0, line - 1 - (lineLength === 0 ? 1 : 0)) : null };
}
