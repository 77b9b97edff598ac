import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { forecastFor, type AreaBacktest, type Forecast } from '../../server/forecast/forecast.ts';
import { forecastResponseSchema } from '../../contract/forecast.ts';
import { readHistories } from '../../server/forecast/inputs.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// The backtest on a generated extract of about 3,000 children (default seed and LA, Leeds;
// five years of history, 2020-2024): the model is refitted on 2020-2022 alone and predicts the
// active plans on 31 December 2023 and 2024, which are then compared with those counted.
//
// The bounds. The generator reproduces Leeds' published January caseloads, which grew by
// about 7% and then 9% in those two years, and its flows swing a lot from year to year (new
// plans in 2024 were almost double 2022's). A forecast that knew nothing would hold the 2022
// count flat and be off by that growth, about 7% one year out and 16% two years out. The
// model must beat that "no change" forecast, and keep the mean absolute percentage error
// (MAPE) of the LA's total within 10% and each year's error within 15%. Age bands of 100 plans
// or more must stay within 25% MAPE, and localities (a few hundred plans each) within 20%:
// a tenth of the LA's plans carry Poisson noise of a few per cent on top of the LA's error.
let t: TempDb;
let dir: string;
let forecast: Forecast;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'send-forecast-backtest-'));
  await generateExtract({ outDir: dir, children: 3000 });
  t = await tempDatabase();
  await loadExtract(t.db, dir);
  forecast = await forecastFor(t.db);
});
afterAll(() => {
  t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const LA = 'E08000035';
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const ape = (predicted: number, actual: number) => (100 * Math.abs(predicted - actual)) / actual;

function report(area: string, b: AreaBacktest): string {
  const lines = b.cells.map((c) => {
    const error = c.predicted - c.actual;
    const inside = c.actual >= c.lower95 && c.actual <= c.upper95 ? 'inside' : c.actual >= c.lower998 && c.actual <= c.upper998 ? 'inside 99.8% only' : 'outside';
    return `  ${c.year} ${c.breakdownValue.padEnd(5)} actual ${String(c.actual).padStart(5)}  predicted ${c.predicted.toFixed(1).padStart(7)}  error ${error.toFixed(1).padStart(7)} (${((100 * error) / Math.max(c.actual, 1)).toFixed(1)}%)  95% ${c.lower95.toFixed(0)}-${c.upper95.toFixed(0)}: ${inside}`;
  });
  return [`backtest ${area}: fitted on ${b.fitYears.join(', ')}, predicting ${b.years.join(', ')}`, ...lines].join('\n');
}

describe('backtest on a generated extract (3,000 children)', () => {
  it('predicts the two held-back years of the LA total better than no change, within 10% MAPE', async () => {
    const b = forecast.backtests.get(LA);
    if (!b) throw new Error('no backtest for the LA');
    expect(b.fittedTo).toBe(2022);
    expect(b.fitYears).toEqual([2020, 2021, 2022]);
    expect(b.years).toEqual([2023, 2024]);
    console.log(report(LA, b));

    const totals = b.cells.filter((c) => c.breakdown === 'all');
    const [history] = (await readHistories(t.db)).filter((h) => h.areaCode === LA);
    const stock2022 = (history?.years.find((y) => y.year === 2022)?.atEnd ?? []).flat().reduce((s, x) => s + x, 0);
    const modelMape = mean(totals.map((c) => ape(c.predicted, c.actual)));
    const naiveMape = mean(totals.map((c) => ape(stock2022, c.actual)));
    const signed = totals.map((c) => `${c.year}: ${(c.predicted - c.actual).toFixed(1)} (${((100 * (c.predicted - c.actual)) / c.actual).toFixed(1)}%)`);
    console.log(`LA total: MAPE ${modelMape.toFixed(2)}% (no-change forecast from 2022's ${stock2022}: ${naiveMape.toFixed(2)}%); signed errors ${signed.join(', ')}`);

    expect(modelMape).toBeLessThan(10);
    expect(modelMape).toBeLessThan(naiveMape);
    for (const c of totals) expect(ape(c.predicted, c.actual), String(c.year)).toBeLessThan(15);
  });

  it('keeps age bands and localities within their bounds', () => {
    const b = forecast.backtests.get(LA);
    const bands = [...new Set(b?.cells.filter((c) => c.breakdown === 'age_band').map((c) => c.breakdownValue))];
    const lines: string[] = [];
    for (const band of bands) {
      const cells = b?.cells.filter((c) => c.breakdownValue === band) ?? [];
      const mape = mean(cells.map((c) => ape(c.predicted, Math.max(c.actual, 1))));
      lines.push(`  ${band.padEnd(5)} MAPE ${mape.toFixed(1)}%, mean error ${mean(cells.map((c) => c.predicted - c.actual)).toFixed(1)}`);
      if (cells.every((c) => c.actual >= 100)) expect(mape, band).toBeLessThan(25);
    }
    for (const [area, backtest] of forecast.backtests) {
      if (area === LA) continue;
      const cells = backtest.cells.filter((c) => c.breakdown === 'all');
      const mape = mean(cells.map((c) => ape(c.predicted, c.actual)));
      lines.push(`  ${area} total MAPE ${mape.toFixed(1)}% (${cells.map((c) => `${c.year} ${c.actual} vs ${c.predicted.toFixed(1)}`).join(', ')})`);
      expect(mape, area).toBeLessThan(20);
    }
    console.log(`LA age bands and localities:\n${lines.join('\n')}`);
  });

  it('publishes the backtest errors in GET /api/forecast', async () => {
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
    const body = forecastResponseSchema.parse((await request(app).get('/api/forecast?by=age_band').expect(200)).body);
    expect(body.backtest).toMatchObject({ available: true, fitted_to: '2022', fit_years: ['2020', '2021', '2022'], predicted_years: ['2023', '2024'] });
    const b = forecast.backtests.get(LA);
    const total = body.backtest.summary.find((s) => s.breakdown === 'all');
    const totals = b?.cells.filter((c) => c.breakdown === 'all') ?? [];
    expect(total?.mape).toBeCloseTo(mean(totals.map((c) => ape(c.predicted, c.actual))), 9);
    expect(total?.mean_error).toBeCloseTo(mean(totals.map((c) => c.predicted - c.actual)), 9);
    expect(body.backtest.rows.filter((r) => r.breakdown === 'all').map((r) => [r.period, r.actual, r.suppressed])).toEqual(
      totals.map((c) => [String(c.year), c.actual, false]),
    );
    // The projection: every complete year 2020-2024 counted, 2025-2029 projected, each band's rows present.
    expect(new Set(body.projection.map((r) => r.period))).toEqual(new Set(['2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027', '2028', '2029']));
    expect(body.model.population_growth).toBeGreaterThan(0);
    expect(body.method).toMatch(/grown by the extract's own trend/);
  });
});

describe('rolling-origin calibration on the generated extract', () => {
  it('refits at every possible origin and counts how often the LA total fell inside the bands', () => {
    const c = forecast.calibration;
    if (!c) throw new Error('no calibration');
    // Origins 2021, 2022 and 2023 predict 3, 2 and 1 later years of the one LA: 6 predictions.
    expect(c.origins).toEqual([2021, 2022, 2023]);
    expect(c.predictions).toBe(6);
    expect(c.inside998).toBeGreaterThanOrEqual(c.inside95);
    expect(c.mape).not.toBeNull();
  });
});
