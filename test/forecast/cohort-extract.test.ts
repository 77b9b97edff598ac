import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { defaultForecastOptions, forecastFor, runForecast } from '../../server/forecast/forecast.ts';
import { readHistories } from '../../server/forecast/inputs.ts';
import { AGES, TREND_SPREAD_PRIOR, type AreaHistory } from '../../server/forecast/model.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// The whole pipeline (SQL inputs, fit, projection, backtest, indicator, API) on the hand-made
// history in test/fixtures/forecast/cohort-extract (see its notes.txt). Ages on 31 December.
//
// Flows by year and age (plans at the start, new, ceased, at the end):
//   2022: age 5: 0, 10, 0, 10 (B); age 6: 20, 0, 2, 18 (A); age 15: 10, 0, 0, 10 (E)
//   2023: age 5: 0, 11, 1, 10 (C); age 6: 10, 0, 0, 10 (B); age 7: 18, 0, 0, 18 (A); age 16: 10 (E)
//   2024: age 5: 0, 12, 0, 12 (D); age 6: 10, 0, 0, 10 (C); age 7: 10, 0, 1, 9 (B);
//         age 8: 18, 0, 2, 16 (A); age 17: 10 (E)
// Active on 31 December: 2022 38, 2023 48, 2024 57.
//
// Rates pooled over 2022-2024:
//   joining at 5: 33 new / (1,000 + 1,100 + 1,200 without a plan) = 1%; no other age has new plans.
//   leaving (ceased / (held at the start + half the new)):
//     5: 1 / (5 + 5.5 + 6) = 2/33;  6: 2 / (20 + 10 + 10) = 1/20;  7: 1 / (18 + 10) = 1/28;
//     8: 2 / 18 = 1/9; 15-17 (E): 0 of 10 each; no plans at risk at other ages: 0.
//   need mix of new plans (all age 5, band 5-10): ASD 12/33 (D), SLCN 21/33 (B, C).
// Population aged 0-25 (all aged 5): 1,000 in 2022 to 1,200 in 2024: growth sqrt(1.2) - 1 a
// year, so 1,200 x sqrt(1.2) in 2025 and 1,200 x 1.2 in 2026.
const dir = join(repoRoot, 'test', 'fixtures', 'forecast', 'cohort-extract');
const LA = 'E08000035';
const g = Math.sqrt(1.2);

let t: TempDb;
let history: AreaHistory;
beforeAll(async () => {
  t = await tempDatabase();
  await loadExtract(t.db, dir);
  [history] = (await readHistories(t.db)) as [AreaHistory];
});
afterAll(() => t.cleanup());

const totalsByAge = (m: number[][] | undefined) => (m ?? []).map((row) => row.reduce((s, x) => s + x, 0));
const nonZero = (xs: number[]) => Object.fromEntries(xs.flatMap((x, a) => (x === 0 ? [] : [[a, x]])));

describe('inputs from SQL', () => {
  it('counts plans at the start, new, ceased and at the end by year and age', () => {
    expect(history.areaCode).toBe(LA);
    expect(history.needs).toEqual(['ASD', 'SEMH', 'SLCN']);
    expect(history.years.map((y) => y.year)).toEqual([2022, 2023, 2024]);
    const [y2022, y2023, y2024] = history.years;
    expect(nonZero(totalsByAge(y2022?.atStart))).toEqual({ 6: 20, 15: 10 });
    expect(nonZero(totalsByAge(y2022?.joined))).toEqual({ 5: 10 });
    expect(nonZero(totalsByAge(y2022?.ceased))).toEqual({ 6: 2 });
    expect(nonZero(totalsByAge(y2023?.ceased))).toEqual({ 5: 1 });
    expect(nonZero(totalsByAge(y2023?.atEnd))).toEqual({ 5: 10, 6: 10, 7: 18, 16: 10 });
    expect(nonZero(totalsByAge(y2024?.atStart))).toEqual({ 6: 10, 7: 10, 8: 18, 17: 10 });
    expect(nonZero(totalsByAge(y2024?.ceased))).toEqual({ 7: 1, 8: 2 });
    expect(nonZero(totalsByAge(y2024?.atEnd))).toEqual({ 5: 12, 6: 10, 7: 9, 8: 16, 17: 10 });
    // D's 12 plans at age 5 are ASD; E's at 17 SEMH.
    expect(y2024?.atEnd[5]).toEqual([12, 0, 0]);
    expect(y2024?.atEnd[17]).toEqual([0, 10, 0]);
    expect(history.years.map((y) => [y.populationYear, y.population[5], y.population.reduce((s, x) => s + x, 0)])).toEqual([
      [2022, 1000, 1000],
      [2023, 1100, 1100],
      [2024, 1200, 1200],
    ]);
  });
});

describe('the model on the hand-made history', () => {
  it('fits the rates by hand', async () => {
    const forecast = await forecastFor(t.db);
    const p = forecast.projections.get(LA);
    expect(forecast.jumpOff).toBe(2024);
    expect(forecast.years).toEqual([2025, 2026, 2027, 2028, 2029]);
    expect(p?.fit.fitYears).toEqual([2022, 2023, 2024]);
    expect(nonZero(p?.fit.joining ?? [])).toEqual({ 5: expect.closeTo(0.01, 12) });
    expect(nonZero(p?.fit.leaving ?? [])).toEqual({
      5: expect.closeTo(2 / 33, 12),
      6: expect.closeTo(1 / 20, 12),
      7: expect.closeTo(1 / 28, 12),
      8: expect.closeTo(1 / 9, 12),
    });
    expect(p?.fit.needMix[5]).toEqual([expect.closeTo(12 / 33, 12), 0, expect.closeTo(21 / 33, 12)]);
    expect(p?.populationGrowth).toBeCloseTo(g - 1, 12);
    // Every year's joining rate is the pooled one, 1%: no year-to-year variation beyond chance, so
    // the spread is the prior's alone, pooled with the two year-to-year steps' nothing (never 0);
    // no trend (level 0, drift 0).
    expect(p?.fit.joiningSpread).toBeCloseTo(TREND_SPREAD_PRIOR.sd * Math.sqrt(TREND_SPREAD_PRIOR.df / (TREND_SPREAD_PRIOR.df + 2)), 12);
    expect(p?.fit.joiningSpread).toBeGreaterThan(0);
    expect(p?.fit.joiningTrend).toEqual({ level: 0, levelVariance: expect.closeTo(1 / 12 + 1 / 33, 12), drift: 0, steps: 2 });
    // Leaving, expected at the pooled rates: 2022 5 x 2/33 + 20/20 = 1.303030; 2023 5.5 x 2/33 +
    // 10/20 + 18/28 = 1.476190; 2024 6 x 2/33 + 10/20 + 10/28 + 18/9 = 3.220779; observed 2, 1, 3.
    // Level ln(3 / 3.220779) = -0.071011; drift (ln(3 / 3.220779) - ln(2 / 1.303030)) / 2 = -0.249733.
    // Steps' mean square 0.385202 is less than chance (2 x (1/1.303 + 1/1.476 + 1/3.221) / 3 = 1.170230): the prior's spread.
    expect(p?.fit.leavingTrend).toEqual({ level: expect.closeTo(-0.071011, 6), levelVariance: expect.closeTo(1 / 3 + 1 / 6, 12), drift: expect.closeTo(-0.249733, 6), steps: 2 });
    expect(p?.fit.leavingSpread).toBeCloseTo(0.25 * Math.sqrt(0.5), 12);
    expect(p?.relative).toBeNull();
  });

  it('projects 2025 and 2026 by hand at constant rates (trend: null)', async () => {
    const forecast = await runForecast([history], { ...defaultForecastOptions, trend: null, workers: 0 });
    const cells = forecast.projections.get(LA)?.cells ?? [];
    const cell = (k: number, value: string) => cells.find((c) => c.k === k && c.breakdownValue === value)?.value;
    // 2025. Age 5: 1% of 1,200 sqrt(1.2) new, less 2/33 of half of them: x (1 - 1/33).
    const new2025 = 0.01 * 1200 * g;
    const age5 = new2025 * (32 / 33);
    // Ages 6-9: 2024's 12, 10, 9, 16 at ages 5-8 aged on, less 1/20, 1/28, 1/9, 0.
    const age6 = 12 * (19 / 20);
    const age7 = 10 * (27 / 28);
    const age8 = 9 * (8 / 9);
    const age9 = 16;
    // Age 18: E's 10 (no leaving seen at 18).
    expect(cell(0, 'all')).toBeCloseTo(age5 + age6 + age7 + age8 + age9 + 10, 10);
    expect(cell(0, '5-10')).toBeCloseTo(age5 + age6 + age7 + age8 + age9, 10);
    expect(cell(0, '16-19')).toBeCloseTo(10, 10);
    expect(cell(0, '0-4')).toBe(0);
    // Needs: new plans 12/33 ASD, 21/33 SLCN; aged-on plans keep theirs (D, A ASD; C, B SLCN; E SEMH).
    expect(cell(0, 'ASD')).toBeCloseTo(age5 * (12 / 33) + age6 + age9, 10);
    expect(cell(0, 'SLCN')).toBeCloseTo(age5 * (21 / 33) + age7 + age8, 10);
    expect(cell(0, 'SEMH')).toBeCloseTo(10, 10);
    // 2026. Age 5: 1% of 1,200 x 1.2, x (1 - 1/33); ages 6-10: 2025's ages 5-9 aged on, less
    // 1/20, 1/28, 1/9, 0, 0; age 19: E's 10.
    const total2026 = 0.01 * 1200 * 1.2 * (32 / 33) + age5 * (19 / 20) + age6 * (27 / 28) + age7 * (8 / 9) + age8 + age9 + 10;
    expect(cell(1, 'all')).toBeCloseTo(total2026, 10);
    // 2027: E reaches 20; 2029: still 10 of them, at 22.
    expect(cell(2, '20-25')).toBeCloseTo(10, 10);
    expect(cell(4, '20-25')).toBeCloseTo(10, 10);
  });

  it('projects 2025 by hand with the rates\' trend (the default)', async () => {
    // Joining: no trend (multiplier 1). Leaving: drift posterior mean -0.249733 x (2/σ²) / (1/0.3² + 2/σ²)
    // with σ² = 0.03125: -0.249733 x 64 / 75.1111 = -0.212790; 2025's multiplier
    // exp(-0.071011 + 0.9 x -0.212790) = 0.769109 on every leaving rate.
    const forecast = await forecastFor(t.db);
    const cells = forecast.projections.get(LA)?.cells ?? [];
    const m = 0.769109;
    const total = 12 * g * (1 - m / 33) + 12 * (1 - m / 20) + 10 * (1 - m / 28) + 9 * (1 - m / 9) + 16 + 10;
    expect(total).toBeCloseTo(68.3337, 3);
    expect(cells.find((c) => c.k === 0 && c.breakdown === 'all')?.value).toBeCloseTo(total, 4);
  });

  it('backtests by hand: fitted on 2022 alone, predicting 2023 and 2024', async () => {
    // One fit year: no steps, so no drift, and the level of 2022 is the pooled one (multipliers 1).
    // Fitted on 2022: joining at 5 is 10 / 1,000; leaving 0 at 5 (none of B ceased in 2022),
    // 2 / 20 at 6, no information (0) elsewhere; one population estimate up to 2022: held flat.
    //   2023: age 5 10 new; age 6 B's 10 less 10% = 9; age 7 A's 18; age 16 E's 10: 47 (actual 48).
    //   2024: age 5 10; age 6 9; age 7 9; age 8 18; age 17 10: 56 (actual 57).
    const forecast = await forecastFor(t.db);
    const b = forecast.backtests.get(LA);
    expect(b?.fittedTo).toBe(2022);
    expect(b?.fitYears).toEqual([2022]);
    const pick = (year: number, value: string) => b?.cells.find((c) => c.year === year && c.breakdownValue === value);
    expect(pick(2023, 'all')).toMatchObject({ actual: 48, predicted: expect.closeTo(47, 10) });
    expect(pick(2024, 'all')).toMatchObject({ actual: 57, predicted: expect.closeTo(56, 10) });
    expect(pick(2023, '5-10')).toMatchObject({ actual: 38, predicted: expect.closeTo(37, 10) });
    expect(pick(2024, '5-10')).toMatchObject({ actual: 47, predicted: expect.closeTo(46, 10) });
    expect(pick(2024, '16-19')).toMatchObject({ actual: 10, predicted: expect.closeTo(10, 10) });
    expect(pick(2024, '11-15')).toMatchObject({ actual: 0, predicted: 0 });
  });

  it('is deterministic: the same histories and seed give the same band', async () => {
    const histories = await readHistories(t.db);
    const a = await runForecast(histories);
    const b = await runForecast(histories);
    expect([...b.projections.values()].map((p) => p.cells)).toEqual([...a.projections.values()].map((p) => p.cells));
    const c = await runForecast(histories, { ...a.options, seed: a.options.seed + 1 });
    expect([...c.projections.values()].map((p) => p.cells)).not.toEqual([...a.projections.values()].map((p) => p.cells));
    // Same values (the expected projection) whatever the seed; only the band moves.
    expect(c.projections.get(LA)?.cells.map((x) => x.value)).toEqual(a.projections.get(LA)?.cells.map((x) => x.value));
    expect(AGES).toBe(26);
  });

  it('gives the same forecast in worker threads as in this one', async () => {
    const [la] = await readHistories(t.db);
    if (!la) throw new Error('no history');
    // Two LAs (the second a copy under another code), so each of two workers has one.
    const histories = [la, { ...la, areaCode: 'E08000036' }];
    const here = await runForecast(histories, { ...defaultForecastOptions, workers: 0 });
    const there = await runForecast(histories, { ...defaultForecastOptions, workers: 2 });
    expect([here.workers, there.workers]).toEqual([0, 2]);
    expect([...there.projections.keys()]).toEqual([LA, 'E08000036']);
    expect([...there.projections.values()]).toEqual([...here.projections.values()]);
    expect([...there.backtests.entries()]).toEqual([...here.backtests.entries()]);
    // Each area has its own random stream: the copy's band differs from the original's.
    expect(there.projections.get('E08000036')?.cells).not.toEqual(there.projections.get(LA)?.cells);
  });

  it('falls back to this thread when a worker cannot start', async () => {
    const histories = await readHistories(t.db);
    // Options a worker cannot be sent (a function does not clone): the worker never starts.
    const unsendable = Object.assign({ ...defaultForecastOptions, workers: 1 }, { unsendable: () => 0 });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const fallback = await runForecast(histories, unsendable);
      expect(fallback.workers).toBe(0);
      expect(errors).toHaveBeenCalledOnce();
      const here = await runForecast(histories, { ...defaultForecastOptions, workers: 0 });
      expect([...fallback.projections.values()].map((p) => p.cells)).toEqual([...here.projections.values()].map((p) => p.cells));
    } finally {
      errors.mockRestore();
    }
  });

  it('lets other work run between areas (a national extract has over a thousand)', async () => {
    const histories = await readHistories(t.db);
    // Another piece of work, queued like an incoming request's I/O callback.
    let ticks = 0;
    let running = true;
    const tick = (): void => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    // In this thread (with worker threads it is free throughout).
    await runForecast(histories, { ...defaultForecastOptions, workers: 0 });
    running = false;
    // Once per area for the forecast and once for the backtest; a forecast that ran in one go
    // would let it run only once, after it finished.
    expect(ticks).toBeGreaterThanOrEqual(2 * histories.length);
  });
});

describe('served', () => {
  it('as the indicator: every complete year counted and five projected years', async () => {
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
    const res = await request(app).get('/api/indicators/ehc-plans-forecast?period=all').expect(200);
    const rows = res.body.rows as { period: string; numerator: number; denominator: null; value: number; lower_95: number | null; upper_99_8: number | null }[];
    expect(rows.map((r) => r.period)).toEqual(['2022', '2023', '2024', '2025', '2026', '2027', '2028', '2029']);
    // Active on 31 December: 2022 38, 2023 48, 2024 57, as counted, no interval.
    expect(rows.slice(0, 3)).toMatchObject([38, 48, 57].map((n) => ({ numerator: n, denominator: null, value: n, lower_95: null, upper_99_8: null })));
    const r2025 = rows[3];
    // With the leaving trend (above): 68.33: 68 plans.
    expect(r2025?.numerator).toBe(68);
    expect(r2025?.value).toBeCloseTo(68.3337, 3);
    for (const r of rows.slice(3)) {
      expect(r.lower_95).not.toBeNull();
      expect(r.lower_95 ?? Infinity).toBeLessThanOrEqual(r.value);
      expect(r.upper_99_8 ?? -Infinity).toBeGreaterThanOrEqual(r.value);
    }
  });

  it('as GET /api/forecast, with the backtest errors', async () => {
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
    const res = await request(app).get('/api/forecast?by=age_band').expect(200);
    expect(res.body.model).toMatchObject({ jump_off_year: '2024', fit_years: ['2022', '2023', '2024'], joining_ratio: null });
    expect(res.body.rates).toHaveLength(26);
    expect(res.body.rates[5]).toMatchObject({ age: 5, age_band: '5-10', population: 1200, joining_rate: expect.closeTo(0.01, 12), leaving_rate: expect.closeTo(2 / 33, 12) });
    const bt = res.body.backtest;
    expect(bt).toMatchObject({ available: true, fitted_to: '2022', fit_years: ['2022'], predicted_years: ['2023', '2024'] });
    const all = bt.rows.filter((r: { breakdown: string }) => r.breakdown === 'all');
    expect(all).toMatchObject([
      { period: '2023', actual: 48, error: expect.closeTo(-1, 9), percent_error: expect.closeTo(-100 / 48, 9) },
      { period: '2024', actual: 57, error: expect.closeTo(-1, 9), percent_error: expect.closeTo(-100 / 57, 9) },
    ]);
    const summary = (value: string) => bt.summary.find((s: { breakdown_value: string }) => s.breakdown_value === value);
    expect(summary('all')).toEqual({ breakdown: 'all', breakdown_value: 'all', mape: expect.closeTo((100 / 48 + 100 / 57) / 2, 9), mean_error: expect.closeTo(-1, 9) });
    // An age band with no plans has no percentage error.
    expect(summary('11-15')).toMatchObject({ mape: null, mean_error: 0 });
  });
});
