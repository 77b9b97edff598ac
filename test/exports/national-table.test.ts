import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { tempDir } from '../generate/helpers.ts';
import { createTestApp } from '../helpers/auth.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { getBinary, parseCsv, readWorkbook, sheetRows, sheetTables } from './helpers.ts';

// The national table: `scope=las` exports every LA's rows of one indicator view, the same
// rows as each LA's own export and nothing from the localities.

const las = ['E06000001', 'E06000017', 'E08000035'];
type App = Parameters<typeof request>[0];
let temp: TempDb;
let dir: string;
let app: App;
beforeAll(async () => {
  dir = tempDir('national-table');
  await generateExtract({ outDir: dir, seed: 3, national: true, laCodes: las });
  temp = await tempDatabase();
  await loadExtract(temp.db, dir);
  app = createTestApp({ db: temp.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => {
  temp.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/export/:id.csv?scope=las', () => {
  it('holds each LA once per breakdown value, as in the LA exports', async () => {
    const national = await getBinary(app, '/api/export/ehc-plans-rate.csv?period=2024&by=sex&scope=las');
    expect(national.headers['content-disposition']).toMatch(/all-las/);
    const { records } = parseCsv(national.body);
    expect([...new Set(records.map((r) => r.area_code))].sort()).toEqual(las);
    for (const la of las) {
      const own = parseCsv((await getBinary(app, `/api/export/ehc-plans-rate.csv?period=2024&by=sex&area=${la}`)).body).records;
      const mine = records.filter((r) => r.area_code === la);
      // The LA's own export compares it with nothing above it either: the rows are the same.
      expect(mine).toEqual(own);
    }
  });

  it('gives the same table as a workbook: one table sheet with the CSV\'s rows', async () => {
    const csv = parseCsv((await getBinary(app, '/api/export/ehc-plans-rate.csv?period=2024&scope=las')).body).records;
    const xlsx = await getBinary(app, '/api/export/ehc-plans-rate.xlsx?period=2024&scope=las');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect(xlsx.headers['content-disposition']).toMatch(/ehc-plans-rate.*all-las.*\.xlsx/);
    const workbook = await readWorkbook(xlsx.body);
    // Cover and notes have tables of their own: the indicator's is the one with area codes.
    const tables = workbook.worksheets.flatMap((ws) => sheetTables(ws).map((t) => ({ ws, t }))).filter(({ t }) => t.columns.includes('Area code'));
    expect(tables).toHaveLength(1);
    const { ws, t } = tables[0]!;
    const codeColumn = t.columns.indexOf('Area code');
    const start = Number(/\d+/.exec(t.ref)?.[0] ?? 0);
    const codes = sheetRows(ws, start + 1).map((r) => r[codeColumn]).filter((v) => typeof v === 'string');
    expect(codes).toEqual(csv.map((r) => r.area_code));
    expect(new Set(codes)).toEqual(new Set(las));
  });

  it('refuses an unknown scope', async () => {
    const res = await request(app).get('/api/export/ehc-plans-rate.csv?scope=england').expect(400);
    expect(JSON.stringify(res.body)).toMatch(/scope/);
  });
});
