import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overviewGridResponseSchema } from '../../contract/indicators.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// GET /api/overview-grid: every indicator for the LA and its localities in one request (issue 17: the grid made
// one request per indicator × area). The oracle is /api/indicators/:id for each indicator and area, so the grid
// carries exactly the figures, suppression and comparisons of the per-indicator route.
// Fixture: Leeds (E08000035) with localities North and South; 2024 (hand-worked: 12 active plans, 6 + 6).

let t: TempDb;
let app: ReturnType<typeof createTestApp>['app'];
let viewer: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  t = await fixtureDatabase();
  app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
  viewer = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }, 'viewer').app;
});
afterAll(() => t.cleanup());

describe('GET /api/overview-grid', () => {
  it('equals /api/indicators/:id for every indicator × (LA, North, South), suppression included', async () => {
    const res = await request(viewer).get('/api/overview-grid?la=E08000035&period=2024').expect(200);
    const grid = overviewGridResponseSchema.parse(res.body);
    expect(grid.indicators.map((i) => i.indicator.id)).toEqual(catalogue.map((d) => d.id));
    for (const entry of grid.indicators) {
      const expected = [];
      for (const area of ['E08000035', 'E08000035:north', 'E08000035:south']) {
        const single = await request(app).get(`/api/indicators/${entry.indicator.id}?area=${encodeURIComponent(area)}&period=2024`).expect(200);
        expected.push(...(single.body.rows as { breakdown: string; period: string }[]).filter((r) => r.breakdown === 'all' && r.period === '2024'));
      }
      expect(entry.rows, entry.indicator.id).toEqual(expected);
    }
    // Hand-worked: 12 active plans in Leeds at the end of 2024, 6 in each locality; below 7 is suppressed ("c").
    const active = grid.indicators.find((i) => i.indicator.id === 'ehc-plans-rate');
    expect(active?.rows.map((r) => [r.area_code, r.numerator, r.symbol])).toEqual([
      ['E08000035', 12, null],
      ['E08000035:north', null, 'c'],
      ['E08000035:south', null, 'c'],
    ]);
  });

  it('defaults to the extract LA and latest year; refuses bad queries and unknown or non-LA areas', async () => {
    const res = await request(app).get('/api/overview-grid').expect(200);
    expect(res.body.indicators[0].query).toEqual({ area: 'E08000035', period: '2024', period_type: 'calendar-year', by: 'all' });
    await request(app).get('/api/overview-grid?la=nonsense').expect(400);
    await request(app).get('/api/overview-grid?colour=red').expect(400);
    await request(app).get('/api/overview-grid?la=E08000001').expect(404);
    await request(app).get('/api/overview-grid?la=E08000035:north').expect(404);
  });
});
