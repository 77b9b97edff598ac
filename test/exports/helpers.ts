import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

/** A copy of the hand-made fixture, changed by `edit(dir)`, loaded into a fresh database. */
export async function editedFixtureDatabase(edit: (dir: string) => void): Promise<TempDb> {
  const temp = await tempDatabase();
  const dir = join(temp.dir, 'extract');
  cpSync(fixtureDir, dir, { recursive: true });
  edit(dir);
  await loadExtract(temp.db, dir);
  return temp;
}

export function markSynthetic(dir: string): void {
  const path = join(dir, 'extract.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  writeFileSync(path, JSON.stringify({ ...manifest, synthetic: true }));
}

const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Rewrites every CSV of the extract, replacing whole field values (after trimming) by `map`. */
export function replaceValues(dir: string, map: Record<string, string>, column?: string): void {
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv'))) {
    const path = join(dir, name);
    const rows = parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
    const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
    const only = column === undefined ? null : header.indexOf(column);
    if (only === -1) continue;
    const out = rows.map((row, i) => row.map((v, j) => (i > 0 && (only === null || only === j) && map[v.trim()] !== undefined ? (map[v.trim()] ?? v) : v)));
    writeFileSync(path, out.map((r) => r.map(quote).join(',')).join('\n') + '\n');
  }
}

/** GET as a Buffer, whatever the content type. */
export async function getBinary(app: App, path: string, status = 200): Promise<{ body: Buffer; headers: Record<string, string> }> {
  const res = await request(app)
    .get(path)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(status);
  return { body: res.body as Buffer, headers: res.headers as Record<string, string> };
}

export interface ParsedCsv {
  text: string;
  header: string[];
  records: Record<string, string>[];
}

export function parseCsv(buffer: Buffer): ParsedCsv {
  const text = buffer.toString('utf8');
  const rows = parse(text, { bom: true, record_delimiter: '\r\n' }) as string[][];
  const [header = [], ...body] = rows;
  return { text, header, records: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

export async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

/** The raw XML parts of an .xlsx, by path inside the zip. */
export async function xlsxParts(buffer: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(buffer);
  const parts = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files)) if (!file.dir) parts.set(name, await file.async('string'));
  return parts;
}

export interface SheetTable {
  name: string;
  ref: string;
  columns: string[];
}

/** The Excel tables (ListObjects) of a sheet, as exceljs read them. */
export function sheetTables(ws: ExcelJS.Worksheet): SheetTable[] {
  const tables = (ws as unknown as { tables: Record<string, { table: { name: string; tableRef: string; columns: { name: string }[] } }> }).tables;
  return Object.values(tables).map(({ table }) => ({ name: table.name, ref: table.tableRef, columns: table.columns.map((c) => c.name) }));
}

/** Cell values of a sheet's rows from `from` on, as plain values (null for empty). */
export function sheetRows(ws: ExcelJS.Worksheet, from = 1): ExcelJS.CellValue[][] {
  const rows: ExcelJS.CellValue[][] = [];
  for (let r = from; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: ExcelJS.CellValue[] = [];
    for (let c = 1; c <= ws.columnCount; c++) values.push(row.getCell(c).value ?? null);
    rows.push(values);
  }
  return rows;
}

/** Text a spreadsheet could run as a formula. */
export const formulaLike = /^[=+\-@\t\r]/;

/**
 * A figure as exports write it (issue 17): non-whole numbers to 6 decimal places, which drops floating-point noise
 * (30.812549999999998 → 30.81255). Written here independently of server/exports/csv.ts, as the oracle.
 */
export function exported<T>(value: T): T {
  return (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toFixed(6)) : value) as T;
}
