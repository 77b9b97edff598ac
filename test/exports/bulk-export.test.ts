import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasResponse } from '../../contract/indicators.ts';
import { loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { tidyHeader } from '../../server/exports/tidy.ts';
import { authHeader, createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { getBinary, parseCsv, readWorkbook } from './helpers.ts';

// The bulk download (GET /api/export/bulk/indicators.csv|.xlsx) against the per-indicator exports as the oracle:
// for every indicator, area and breakdown, the bulk file holds exactly the rows and figures of
// /api/export/:id.csv for the same area, period and breakdown (the published, disclosure-controlled values).

type App = Parameters<typeof request>[0];
let t: TempDb;
let app: App;
let server: App;
beforeAll(async () => {
  t = await fixtureDatabase();
  const reference = await loadReferenceData('data/reference');
  const built = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, reference });
  app = built.app;
  server = built.server;
});
afterAll(() => t.cleanup());

const key = (r: Record<string, string>): string => [r.indicator_id, r.area_code, r.time_period, r.breakdown, r.breakdown_value].join('|');

describe('bulk download of every indicator', () => {
  it('CSV: BOM, the tidy header, and every row equal to the per-indicator export for the same area, period and breakdown', async () => {
    const { body, headers } = await getBinary(app, '/api/export/bulk/indicators.csv?period=2024&breakdowns=all');
    expect(headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(headers['content-disposition']).toBe('attachment; filename="send-indicators_all-areas_2024_all.csv"');
    expect(body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'UTF-8 byte-order mark').toBe(true);
    const bulk = parseCsv(body);
    expect(bulk.header).toEqual([...tidyHeader]);
    const bulkByKey = new Map(bulk.records.map((r) => [key(r), r]));
    expect(bulkByKey.size, 'no duplicate rows').toBe(bulk.records.length);

    const areas = ((await request(app).get('/api/areas').expect(200)).body as AreasResponse).areas;
    let compared = 0;
    for (const definition of catalogue) {
      for (const area of areas) {
        for (const by of ['all', ...definition.breakdowns]) {
          const one = parseCsv((await getBinary(app, `/api/export/${definition.id}.csv?area=${encodeURIComponent(area.area_code)}&period=2024&by=${by}`)).body);
          for (const record of one.records) {
            expect(bulkByKey.get(key(record)), `${key(record)} in the bulk file`).toEqual(record);
            compared++;
          }
        }
      }
    }
    expect(compared, 'every bulk row has its per-indicator twin').toBe(bulk.records.length);
    // The fixture is small: some figures are withheld, as DfE's c.
    expect(bulk.records.some((r) => r.value === 'c')).toBe(true);
  });

  it('default selection: totals for the LA and every locality, every published year', async () => {
    const bulk = parseCsv((await getBinary(app, '/api/export/bulk/indicators.csv')).body);
    expect(new Set(bulk.records.map((r) => r.breakdown))).toEqual(new Set(['all']));
    expect(new Set(bulk.records.map((r) => r.indicator_id))).toEqual(new Set(catalogue.map((d) => d.id)));
    const one = parseCsv((await getBinary(app, '/api/export/ehc-plans-rate.csv?period=all')).body);
    const bulkRows = bulk.records.filter((r) => r.indicator_id === 'ehc-plans-rate' && r.area_code === 'E08000035');
    expect(bulkRows).toEqual(one.records);
  });

  it('one area and year as a workbook: more sheets than indicators (cover, notes, a table sheet per indicator)', async () => {
    const { body, headers } = await getBinary(app, '/api/export/bulk/indicators.xlsx?area=E08000035&period=2024');
    expect(headers['content-disposition']).toBe('attachment; filename="send-indicators_e08000035_2024_totals.xlsx"');
    const workbook = await readWorkbook(body);
    const names = workbook.worksheets.map((w) => w.name);
    expect(names.length).toBeGreaterThan(catalogue.length);
  });

  it('refuses unknown parameters (400), areas and years (404), anonymous callers (401) and viewers (403)', async () => {
    await request(app).get('/api/export/bulk/indicators.csv?by=sex').expect(400);
    await request(app).get('/api/export/bulk/indicators.csv?period=2024-25').expect(400);
    await request(app).get('/api/export/bulk/indicators.csv?area=E08000001').expect(404);
    await request(app).get('/api/export/bulk/indicators.csv?period=1999').expect(404);
    await request(app).get('/api/export/bulk/other.csv').expect(404);
    await request(server).get('/api/export/bulk/indicators.csv').expect(401);
    await request(server).get('/api/export/bulk/indicators.csv').set(authHeader('viewer')).expect(403);
  });
});
