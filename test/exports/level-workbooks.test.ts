import type ExcelJS from 'exceljs';
import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorResponse } from '../../contract/indicators.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { tempDir } from '../generate/helpers.ts';
import { createTestApp } from '../helpers/auth.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { getBinary, readWorkbook, sheetRows, sheetTables } from './helpers.ts';

// Per-level and per-area JSNA workbooks (issue 19): `all.xlsx?level=region` holds the regions of
// the extract only, `all.xlsx?area=<LA>` the LA and its localities. A national user downloads a
// level or an area: every area of England in one workbook is millions of rows. Their rows must be
// exactly the whole workbook's rows of those areas (the same disclosure control: every figure from
// computeIndicator), and an aggregate's figures those of the API.

// Hartlepool, Middlesbrough and Redcar and Cleveland (North East, one ICB), two years: England, the
// North East region and its ICB are aggregates of the extract. The needs chapter keeps it quick
// (the level and area selection is the same for every chapter).
const las = ['E06000001', 'E06000002', 'E06000003'];
const NORTH_EAST = 'E12000001';
type App = Parameters<typeof request>[0];
let temp: TempDb;
let dir: string;
let app: App;
let whole: Map<string, Row[]>;

/** A table's rows keyed by its column names. */
type Row = Record<string, ExcelJS.CellValue>;
/** Every indicator table of a workbook, by sheet name: its rows as records. */
function indicatorTables(workbook: ExcelJS.Workbook): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const ws of workbook.worksheets) {
    // Indicator tables only (analytics tables have other columns, some a row for the whole extract).
    for (const t of sheetTables(ws).filter((x) => x.columns.includes('Area code') && x.columns.includes('Breakdown value'))) {
      const start = Number(/\d+/.exec(t.ref)?.[0] ?? 0);
      const rows = sheetRows(ws, start + 1).filter((r) => typeof r[t.columns.indexOf('Area code')] === 'string');
      out.set(ws.name, rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null]))));
    }
  }
  return out;
}
async function workbookTables(path: string): Promise<{ tables: Map<string, Row[]>; headers: Record<string, string>; cover: string }> {
  const res = await getBinary(app, path);
  const workbook = await readWorkbook(res.body);
  const cover = sheetRows(workbook.getWorksheet('Cover') as ExcelJS.Worksheet).map((r) => String(r[0] ?? '')).join('\n');
  return { tables: indicatorTables(workbook), headers: res.headers, cover };
}
/** Area codes of the tables' rows (an analytics table's row for the extract as a whole has none: [x]). */
const codesOf = (tables: Map<string, Row[]>): Set<string> => new Set([...tables.values()].flat().map((r) => String(r['Area code'])).filter((c) => c !== '[x]'));
const inAreas = (rows: Row[], codes: ReadonlySet<string>): Row[] => rows.filter((r) => codes.has(String(r['Area code'])));

beforeAll(async () => {
  dir = tempDir('level-workbooks');
  await generateExtract({ outDir: dir, seed: 3, national: true, laCodes: las, years: 2 });
  temp = await tempDatabase();
  await loadExtract(temp.db, dir);
  app = createTestApp({ db: temp.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
  whole = (await workbookTables('/api/export/needs.xlsx')).tables;
}, 300_000);
afterAll(() => {
  temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/export/:chapter.xlsx of an extract of several LAs', () => {
  it('is served, with England, the region and the ICB in its indicator tables (it was a 404: "No area E92000001")', () => {
    // beforeAll fetched it; an analytics table that has no England, region or ICB rows leaves them out.
    const codes = codesOf(whole);
    for (const code of ['E92000001', NORTH_EAST, ...las]) expect(codes.has(code), code).toBe(true);
  });
});

describe('GET /api/export/:chapter.xlsx?level=…|area=…', () => {
  it('level=region holds the region of the extract only, with the whole workbook\'s rows for it', async () => {
    const { tables, headers, cover } = await workbookTables('/api/export/needs.xlsx?level=region');
    expect(headers['content-disposition']).toMatch(/send-jsna_needs_region/);
    expect(cover).toMatch(/North East/);
    expect(codesOf(tables)).toEqual(new Set([NORTH_EAST]));
    let compared = 0;
    for (const [sheet, rows] of tables) {
      expect(inAreas(rows, new Set([NORTH_EAST])), sheet).toEqual(inAreas(whole.get(sheet) ?? [], new Set([NORTH_EAST])));
      compared += rows.length;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('gives the API\'s figures for the region, suppressed cells included', async () => {
    const { tables } = await workbookTables('/api/export/needs.xlsx?level=region');
    // The first indicator sheet of the needs chapter is ehc-plans-rate (the catalogue's order).
    const [sheet, rows] = [...tables][0] ?? [];
    expect(sheet).toBeDefined();
    const indicatorRows = (rows ?? []).filter((r) => r['Breakdown'] === 'all');
    const res = await request(app).get(`/api/indicators/ehc-plans-rate?area=${NORTH_EAST}&period=all`).expect(200);
    const api = (res.body as IndicatorResponse).rows;
    expect(indicatorRows.length).toBeGreaterThan(0);
    expect(indicatorRows.map((r) => String(r['Period']))).toEqual(api.map((r) => r.period));
    expect(indicatorRows.map((r) => r['Numerator'])).toEqual(api.map((r) => (r.suppressed ? '[c]' : r.numerator)));
  });

  it('area=<LA> holds the LA and its localities only, with the whole workbook\'s rows for them', async () => {
    const { tables, headers } = await workbookTables('/api/export/needs.xlsx?area=E06000001');
    expect(headers['content-disposition']).toMatch(/send-jsna_needs_e06000001/);
    const codes = codesOf(tables);
    expect(codes.has('E06000001')).toBe(true);
    expect([...codes].every((c) => c === 'E06000001' || c.startsWith('E06000001:'))).toBe(true);
    expect(codes.size).toBeGreaterThan(1);
    for (const [sheet, rows] of tables) expect(inAreas(rows, codes), sheet).toEqual(inAreas(whole.get(sheet) ?? [], codes));
  });

  // The largest level (every locality, each compared with its LA, which the workbook does not hold).
  it('level=locality holds every locality, compared with its LA as in the whole workbook', { timeout: 300_000 }, async () => {
    const { tables } = await workbookTables('/api/export/needs.xlsx?level=locality');
    const codes = codesOf(tables);
    expect([...codes].every((c) => c.includes(':'))).toBe(true);
    for (const [sheet, rows] of tables) expect(inAreas(rows, codes), sheet).toEqual(inAreas(whole.get(sheet) ?? [], codes));
  });

  it.each([
    ['/api/export/needs.xlsx?level=nation', 400],
    ['/api/export/needs.xlsx?level=region&area=E12000001', 400],
    ['/api/export/needs.xlsx?area=E99999999', 404],
    ['/api/export/needs.xlsx?area=%27%3Bdrop', 400],
  ])('%s → %i', async (path, status) => {
    const res = await request(app).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
  });
});
