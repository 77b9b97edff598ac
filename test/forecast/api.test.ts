import { defaultForecastOptions } from '../../server/forecast/forecast.ts';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { forecastResponseSchema } from '../../contract/forecast.ts';
import { breakdownIds } from '../../contract/vocabularies.ts';
import { fixtureDatabase, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// The forecast served on test/fixtures/small-extract (read only): the indicator in the
// catalogue, its periods, areas and breakdowns, and GET /api/forecast's 200/400/404.
// The fixture has two complete years (2023, 2024): 12 plans active on 31 Dec 2024 (North 6,
// South 6), so the projection runs 2025-2029 and there is too little history to backtest.
let t: TempDb;
let open: ReturnType<typeof createTestApp>['app'];
let suppressed: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  t = await fixtureDatabase();
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  suppressed = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => t.cleanup());

const LA = 'E08000035';
const AREAS = [LA, 'E08000035:north', 'E08000035:south'];
// Published periods of the fixture (2022-23 and 2024-25 are part-years: 404, server/disclosure/periods.ts).
const OBSERVED = ['2023', '2024', '2023-24'];
const PROJECTED = ['2025', '2026', '2027', '2028', '2029'];

interface Row {
  period: string;
  breakdown: string;
  breakdown_value: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower_95: number | null;
  upper_95: number | null;
  lower_99_8: number | null;
  upper_99_8: number | null;
  suppressed: boolean;
}

describe('the ehc-plans-forecast indicator', () => {
  it('is in the catalogue with its metadata', async () => {
    const res = await request(open).get('/api/indicators').expect(200);
    const meta = res.body.indicators.find((i: { id: string }) => i.id === 'ehc-plans-forecast');
    expect(meta).toMatchObject({
      group: 'needs',
      unit: 'count',
      polarity: 'no-judgement',
      ci_method: 'none',
      period_type: 'snapshot',
      breakdowns: ['all', 'age_band', 'primary_need'],
      benchmark: null,
    });
  });

  it('gives every complete year as counted and five projected years for period=all', async () => {
    const res = await request(open).get('/api/indicators/ehc-plans-forecast?period=all').expect(200);
    const rows = res.body.rows as Row[];
    expect(rows.map((r) => r.period)).toEqual(['2023', '2024', ...PROJECTED]);
    // 2024 as counted: the 12 active plans (as ehc-plans-rate's numerator), no interval.
    expect(rows[1]).toMatchObject({ numerator: 12, denominator: null, value: 12, lower_95: null, upper_99_8: null, suppressed: false });
    for (const r of rows.slice(2)) {
      expect(r.denominator).toBeNull();
      expect(r.numerator).toBe(Math.round(r.value ?? NaN));
      expect(r.lower_99_8 ?? NaN).toBeLessThanOrEqual(r.lower_95 ?? NaN);
      expect(r.lower_95 ?? NaN).toBeLessThanOrEqual(r.value ?? NaN);
      expect(r.upper_95 ?? NaN).toBeGreaterThanOrEqual(r.value ?? NaN);
      expect(r.upper_99_8 ?? NaN).toBeGreaterThanOrEqual(r.upper_95 ?? NaN);
    }
  });

  it('answers 200 for every area, period and breakdown, suppressed or not', async () => {
    for (const app of [open, suppressed]) {
      for (const area of AREAS) {
        for (const period of [...OBSERVED, ...PROJECTED, 'all']) {
          const res = await request(app).get('/api/indicators/ehc-plans-forecast').query({ area, period }).expect(200);
          // Rows for the complete years counted and the projected years only (2023-24 is a financial year).
          const expected = period === 'all' ? 7 : ['2023', '2024', ...PROJECTED].includes(period) ? 1 : 0;
          expect(res.body.rows, `${area} ${period}`).toHaveLength(expected);
        }
        for (const by of ['age_band', 'primary_need']) {
          const res = await request(app).get('/api/indicators/ehc-plans-forecast').query({ area, period: 'all', by }).expect(200);
          const rows = res.body.rows as Row[];
          expect(rows.length).toBeGreaterThan(6);
          expect(rows.every((r) => r.breakdown === by)).toBe(true);
          expect(new Set(rows.map((r) => r.period))).toEqual(new Set(['2023', '2024', ...PROJECTED]));
        }
      }
    }
    for (const period of ['2022-23', '2024-25']) await request(open).get('/api/indicators/ehc-plans-forecast').query({ period }).expect(404);
    for (const by of breakdownIds.filter((b) => !['all', 'age_band', 'primary_need'].includes(b))) {
      await request(open).get('/api/indicators/ehc-plans-forecast').query({ by }).expect(400);
    }
    await request(open).get('/api/indicators/ehc-plans-forecast?period=2031').expect(404);
  });

  it('suppresses small counted and projected numbers, and the ones that would give them away', async () => {
    for (const area of AREAS) {
      for (const by of ['all', 'age_band', 'primary_need']) {
        const res = await request(suppressed).get('/api/indicators/ehc-plans-forecast').query({ area, period: 'all', by }).expect(200);
        for (const r of res.body.rows as Row[]) {
          if (r.suppressed) expect([r.numerator, r.value, r.lower_95, r.upper_99_8]).toEqual([null, null, null, null]);
          else expect(r.numerator !== null && r.numerator >= 1 && r.numerator <= 7, JSON.stringify(r)).toBe(false);
        }
      }
    }
    // North and South have 6 plans each on 31 Dec 2024: both suppressed; the LA's 12 is published.
    const north = await request(suppressed).get('/api/indicators/ehc-plans-forecast?area=E08000035:north&period=2024').expect(200);
    expect(north.body.rows[0]).toMatchObject({ suppressed: true, suppression_reason: 'primary' });
    const la = await request(suppressed).get('/api/indicators/ehc-plans-forecast?period=2024').expect(200);
    expect(la.body.rows[0]).toMatchObject({ numerator: 12, suppressed: false });
  });
});

describe('GET /api/forecast', () => {
  it('returns the projection, the method, the rates and the backtest (here: not enough history)', async () => {
    const res = await request(open).get('/api/forecast').expect(200);
    const body = forecastResponseSchema.parse(res.body);
    expect(body.query).toEqual({ area: LA, by: 'all' });
    expect(body.area).toMatchObject({ area_code: LA, area_type: 'la' });
    expect(body.projection.map((r) => [r.period, r.kind])).toEqual([['2023', 'actual'], ['2024', 'actual'], ...PROJECTED.map((p) => [p, 'projected'])]);
    // The same rows as the indicator.
    const indicator = await request(open).get('/api/indicators/ehc-plans-forecast?period=all').expect(200);
    expect(body.projection.map(({ kind: _kind, ...row }) => row)).toEqual(indicator.body.rows);
    expect(body.model).toMatchObject({ jump_off_year: '2024', projected_years: PROJECTED, fit_years: ['2023', '2024'], population_growth: 0, simulations: 4000 });
    expect(body.method).toMatch(/cohort model by single year of age/);
    expect(body.method).toMatch(/held flat/);
    expect(body.rates.map((r) => r.age)).toEqual(Array.from({ length: 26 }, (_, a) => a));
    expect(body.backtest).toMatchObject({ available: false, rows: [], summary: [] });
    expect(body.backtest.note).toMatch(/at least 3 complete calendar years/);
  });

  it('serves localities and breakdowns', async () => {
    const res = await request(open).get('/api/forecast?area=E08000035:north&by=primary_need').expect(200);
    const body = forecastResponseSchema.parse(res.body);
    expect(body.area).toMatchObject({ area_type: 'locality', parent_code: LA });
    // A locality is simulated fewer times than an LA (server/forecast/README.md): the page says how many.
    expect(body.model.simulations).toBe(defaultForecastOptions.localitySimulations);
    expect(defaultForecastOptions.localitySimulations).not.toBe(defaultForecastOptions.simulations);
    expect(body.projection.every((r) => r.breakdown === 'primary_need')).toBe(true);
    expect(body.model.joining_ratio).toBeGreaterThan(0);
    expect(body.method).toMatch(/For a locality/);
    const byAge = await request(open).get('/api/forecast?by=age_band').expect(200);
    expect(new Set(byAge.body.projection.map((r: Row) => r.breakdown_value))).toEqual(new Set(['0-4', '5-10', '11-15', '16-19', '20-25']));
  });

  it('suppresses rates resting on 1 to 7 plans', async () => {
    // In 2023-2024 the LA had at most 3 new plans and 1 ceased plan at any single age, so every
    // rate by age that is not 0 is suppressed (0 never is).
    const la = forecastResponseSchema.parse((await request(suppressed).get('/api/forecast').expect(200)).body);
    expect(la.rates.filter((r) => r.joining_suppressed).map((r) => r.age)).toEqual([5, 7, 8, 9, 11, 12, 14]);
    expect(la.rates.filter((r) => r.leaving_suppressed).map((r) => r.age)).toEqual([13, 23]);
    for (const r of la.rates) {
      if (!r.joining_suppressed) expect(r.joining_rate ?? 0).toBe(0);
      if (!r.leaving_suppressed) expect(r.leaving_rate).toBe(0);
    }
    // A locality's rates are its LA's scaled by its own new and ended plans, here 1 to 7: the
    // scaling and so every rate of the locality is suppressed.
    const south = forecastResponseSchema.parse((await request(suppressed).get('/api/forecast?area=E08000035:south').expect(200)).body);
    expect(south.model.joining_ratio).toBeNull();
    expect(south.rates.every((r) => r.joining_suppressed && r.joining_rate === null)).toBe(true);
  });

  it.each([
    ['/api/forecast?by=sex', 400],
    ['/api/forecast?by=locality', 400],
    ['/api/forecast?area=Leeds', 400],
    ['/api/forecast?colour=red', 400],
    ['/api/forecast?period=2024', 400],
    ['/api/forecast?by=all&by=age_band', 400],
    ['/api/forecast?area=E08000036', 404],
    ['/api/forecast?area=E08000035:west', 404],
  ])('%s → %i with a JSON error', async (path, status) => {
    const res = await request(open).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });

  it('is a 404 before any extract is loaded', async () => {
    const empty = await tempDatabase();
    try {
      const app = createTestApp({ db: empty.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
      const res = await request(app).get('/api/forecast').expect(404);
      expect(res.body.error).toMatch(/No extract has been loaded/);
    } finally {
      empty.cleanup();
    }
  });
});
