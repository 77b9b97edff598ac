import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workload } from '../../server/analytics/workload.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { extendedFixtureDatabase } from './helpers.ts';

// GET /api/workload and /api/workload/defaults. Formulas, checked with hand-computed values:
//   per_year = caseload / years; per_week = per_year / weeks_per_year;
//   coordinators_fte = (per_year / 4) / plans_per_coordinator_per_quarter.

let small: TempDb;
let app: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  small = await fixtureDatabase();
  app = createTestApp({ db: small.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => small.cleanup());

const query = (q: Record<string, string | number>) => new URLSearchParams(Object.entries(q).map(([k, x]) => [k, String(x)])).toString();

describe('GET /api/workload', () => {
  it.each([
    // 1,200 plans reviewed over 2 years = 600 a year; 600 / 39 = 15.384615...; 600 / 4 = 150 a quarter, / 50 = 3 FTE.
    [{ caseload: 1200, years: 2, weeks_per_year: 39, plans_per_coordinator_per_quarter: 50 }, 600, 600 / 39, 3],
    // 6,093 plans, yearly: 6,093 a year; / 52 = 117.17...; 6,093 / 4 = 1,523.25 a quarter, / 45 = 33.85 FTE.
    [{ caseload: 6093, years: 1, weeks_per_year: 52, plans_per_coordinator_per_quarter: 45 }, 6093, 6093 / 52, 33.85],
    // Decimals are allowed: 1,000 over half a year = 2,000 a year; / 40 = 50 a week; 2,000 / 4 = 500, / 12.5 = 40 FTE.
    [{ caseload: 1000, years: 0.5, weeks_per_year: 40, plans_per_coordinator_per_quarter: 12.5 }, 2000, 50, 40],
    // 12 plans, 1 year, 39 weeks, 45 a quarter: 12; 12 / 39 = 0.307692...; 3 / 45 = 0.0666... FTE (unrounded).
    [{ caseload: 12, years: 1, weeks_per_year: 39, plans_per_coordinator_per_quarter: 45 }, 12, 12 / 39, 1 / 15],
  ])('%o -> per_year %d', async (q, perYear, perWeek, fte) => {
    const res = await request(app).get(`/api/workload?${query(q)}`).expect(200);
    expect(res.body.inputs).toEqual(q);
    expect(res.body.per_year).toBe(perYear);
    expect(res.body.per_week).toBeCloseTo(perWeek, 12);
    expect(res.body.coordinators_fte).toBeCloseTo(fte, 12);
    expect(res.body.method).toBe(
      'per_year = caseload / years; per_week = per_year / weeks_per_year; coordinators_fte = (per_year / 4) / plans_per_coordinator_per_quarter',
    );
    // The same in-process.
    expect(workload(q)).toEqual(res.body);
  });

  const ok = { caseload: 1200, years: 1, weeks_per_year: 39, plans_per_coordinator_per_quarter: 45 };
  it.each([
    ['missing parameters', ''],
    ['caseload missing', query({ years: 1, weeks_per_year: 39, plans_per_coordinator_per_quarter: 45 })],
    ['zero', query({ ...ok, caseload: 0 })],
    ['negative', query({ ...ok, years: -1 })],
    ['not a number', query({ ...ok, weeks_per_year: 'forty' })],
    ['exponent', query({ ...ok, caseload: '1e3' })],
    ['hexadecimal', query({ ...ok, caseload: '0x10' })],
    ['Infinity', query({ ...ok, caseload: 'Infinity' })],
    ['empty', query({ ...ok, caseload: '' })],
    ['caseload above 100,000', query({ ...ok, caseload: 100001 })],
    ['years above 25', query({ ...ok, years: 26 })],
    ['weeks above 53', query({ ...ok, weeks_per_year: 54 })],
    ['plans a quarter above 500', query({ ...ok, plans_per_coordinator_per_quarter: 501 })],
    ['unknown parameter', `${query(ok)}&staff=3`],
    ['repeated parameter', `${query(ok)}&years=2`],
  ])('400 for %s', async (_label, q) => {
    const res = await request(app).get(`/api/workload?${q}`).expect(400);
    expect(res.body.error).toBe('Invalid query parameters');
    expect(res.body.details.length).toBeGreaterThan(0);
  });

  it('accepts the maxima', async () => {
    await request(app).get(`/api/workload?${query({ caseload: 100000, years: 25, weeks_per_year: 53, plans_per_coordinator_per_quarter: 500 })}`).expect(200);
  });
});

describe('GET /api/workload/defaults', () => {
  it('prefills the caseload from the data: active plans at the end of the latest complete period', async () => {
    // Complete periods: 2023 (ends 31 Dec 2023), 2023-24 (31 Mar 2024), 2024 (31 Dec 2024): the latest is 2024.
    // Active plans on 31 Dec 2024: P01-P09, P11, P12, P14 = 12 (above 7, so published at threshold 7).
    const res = await request(app).get('/api/workload/defaults').expect(200);
    expect(res.body.period).toMatchObject({ period: '2024', end_date: '2024-12-31', complete: true });
    expect(res.body.defaults).toEqual({ caseload: 12, years: 1, weeks_per_year: 39, plans_per_coordinator_per_quarter: 45 });
    expect(res.body.symbols).toEqual({ caseload: null });
    expect(res.body.reasons.weeks_per_year).toMatch(/^39: /);
    expect(res.body.reasons.plans_per_coordinator_per_quarter).toMatch(/assumption/);
    // The defaults are valid planner input.
    const d = res.body.defaults;
    const plan = await request(app).get(`/api/workload?${query(d)}`).expect(200);
    expect(plan.body.per_year).toBe(12);
  });

  it('prefills for a chosen area and year (issue 17): the same active plans as the EHC plans indicator there', async () => {
    const res = await request(app).get('/api/workload/defaults?area=E08000035&period=2023').expect(200);
    expect(res.body.period).toMatchObject({ period: '2023', end_date: '2023-12-31' });
    const indicator = await request(app).get('/api/indicators/ehc-plans-rate?area=E08000035&period=2023').expect(200);
    const row = (indicator.body.rows as { breakdown: string; numerator: number | null }[]).find((r) => r.breakdown === 'all');
    expect(res.body.defaults.caseload).toBe(row?.numerator ?? null);
    expect(res.body.defaults.caseload).not.toBe(12); // 2023, not the default 2024
    await request(app).get('/api/workload/defaults?area=E08000099').expect(404);
    await request(app).get('/api/workload/defaults?period=1999').expect(404);
  });

  it('suppresses a small caseload', async () => {
    // Threshold 20: 12 plans is a count of 1 to 20, so the prefill is withheld.
    const strict = createTestApp({ db: small.db, config: { SUPPRESSION_THRESHOLD: 20 } }).app;
    const res = await request(strict).get('/api/workload/defaults').expect(200);
    expect(res.body.defaults.caseload).toBeNull();
    expect(res.body.symbols.caseload).toBe('c');
  });

  it('counts the extended fixture', async () => {
    // 12 + N01-N24 + M01-M12 + S01-S10 + T01-T10 = 68.
    const t = await extendedFixtureDatabase();
    try {
      const res = await request(createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app).get('/api/workload/defaults').expect(200);
      expect(res.body.defaults.caseload).toBe(68);
    } finally {
      t.cleanup();
    }
  });

  it('400 for parameters, 404 without data', async () => {
    await request(app).get('/api/workload/defaults?caseload=3').expect(400);
    const empty = await tempDatabase();
    try {
      await request(createTestApp({ db: empty.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app).get('/api/workload/defaults').expect(404);
      // The planner itself needs no data.
      await request(createTestApp({ db: empty.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app)
        .get(`/api/workload?${query({ caseload: 10, years: 1, weeks_per_year: 39, plans_per_coordinator_per_quarter: 45 })}`)
        .expect(200);
    } finally {
      empty.cleanup();
    }
  });
});
