import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { forecastResponseSchema } from '../../contract/forecast.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// The forecast's counted history (issue 14, issue 17 item 7): every complete calendar year up to
// the jump-off is published, so the chart's history is a line, never a part-year; and those
// counts are ehc-plans-rate's numerator (total, age band) and ehc-plans-by-need's (need), so
// they are suppressed exactly where those indicators suppress them (server/indicators/links.ts).

interface Row {
  area_code: string;
  period: string;
  breakdown: string;
  breakdown_value: string;
  numerator: number | null;
  suppressed: boolean;
}

let fixture: TempDb;
beforeAll(async () => {
  fixture = await fixtureDatabase();
});
afterAll(() => fixture.cleanup());

describe('the forecast history on the hand-made fixture', () => {
  it('publishes every complete calendar year as counted, and no part-year', async () => {
    // The fixture runs from 1 April 2022 to 31 March 2025: complete calendar years 2023 and 2024
    // (2022 and 2025 are part-years). Active plans on 31 December: 2023 as ehc-plans-rate counts them, 2024 12.
    const app = createTestApp({ db: fixture.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
    const body = forecastResponseSchema.parse((await request(app).get('/api/forecast').expect(200)).body);
    const counted = body.projection.filter((r) => r.kind === 'actual' && r.breakdown === 'all');
    expect(counted.map((r) => r.period)).toEqual(['2023', '2024']);
    const rate = (await request(app).get('/api/indicators/ehc-plans-rate?period=all').expect(200)).body.rows as Row[];
    for (const r of counted) expect(r.numerator).toBe(rate.find((x) => x.period === r.period)?.numerator);
    expect(counted.at(-1)?.numerator).toBe(12);
    expect(body.projection.filter((r) => r.kind === 'projected').map((r) => r.period)).toEqual(['2025', '2026', '2027', '2028', '2029']);
  });
});

/** Every row of an indicator for every area, breakdown and calendar year (snapshot indicators: calendar years). */
async function rowsOf(app: ReturnType<typeof createTestApp>['app'], id: string, areas: string[], by: string): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (const area of areas) {
    const res = await request(app).get(`/api/indicators/${id}`).query({ area, period: 'all', by }).expect(200);
    for (const r of res.body.rows as Row[]) out.set(`${r.area_code}|${r.period}|${r.breakdown}|${r.breakdown_value}`, r);
  }
  return out;
}

describe('the forecast history is suppressed as ehc-plans-rate and ehc-plans-by-need are', () => {
  const dir = mkdtempSync(join(tmpdir(), 'forecast-history-'));
  let db: Database;
  beforeAll(async () => {
    await generateExtract({ outDir: dir, seed: 11, children: 400, laCode: 'E06000023', years: 4 });
    db = await Database.open(join(dir, 'x.duckdb'));
    await loadExtract(db, dir);
  }, 120_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows and hides the same counted cells, at threshold 7 and 20', async () => {
    for (const threshold of [7, 20]) {
      const app = createTestApp({ db, config: { SUPPRESSION_THRESHOLD: threshold } }).app;
      const areas = ((await request(app).get('/api/areas').expect(200)).body.areas as { area_code: string }[]).map((a) => a.area_code);
      let compared = 0;
      let hidden = 0;
      for (const [by, owner] of [['all', 'ehc-plans-rate'], ['age_band', 'ehc-plans-rate'], ['primary_need', 'ehc-plans-by-need']] as const) {
        const forecast = await rowsOf(app, 'ehc-plans-forecast', areas, by);
        const owned = await rowsOf(app, owner, areas, by);
        // The counted years (the projected ones are no owner's periods).
        for (const r of forecast.values()) {
          const o = owned.get(`${r.area_code}|${r.period}|${r.breakdown}|${r.breakdown_value}`);
          if (!o) continue;
          expect(r.suppressed, `${threshold} ${by} ${r.area_code} ${r.period} ${r.breakdown_value}`).toBe(o.suppressed);
          if (!r.suppressed && by !== 'primary_need') expect(r.numerator).toBe(o.numerator);
          compared++;
          if (r.suppressed) hidden++;
        }
      }
      expect(compared).toBeGreaterThan(100);
      expect(hidden).toBeGreaterThan(5);
    }
  }, 120_000);
});
