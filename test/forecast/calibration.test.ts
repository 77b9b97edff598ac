import { describe, expect, it } from 'vitest';
import { backtestOrigins, linearTrend, summariseCalibration, type CalibrationCell } from '../../server/forecast/calibration.ts';
import { calibrationSentence } from '../../web/src/analytics-format.ts';
import { ageNeedMatrix, byAge, fitRates, simulate, intervalOf, type AreaHistory, type HistoryYear } from '../../server/forecast/model.ts';

// The calibrated band (issue 14): the year-to-year spread never comes out 0, a spread resting on
// few years widens the band (drawn per run from its scaled inverse chi-squared), the pooled rates'
// sampling error is added back, and the rolling-origin backtest and its summary are worked by hand.
// The full calibration across 20 generated extracts is bench/forecast-calibration.ts.

function year(y: number, joined: number, population: number): HistoryYear {
  const h: HistoryYear = { year: y, populationYear: y, population: byAge(), atStart: ageNeedMatrix(1), joined: ageNeedMatrix(1), ceased: ageNeedMatrix(1), atEnd: ageNeedMatrix(1) };
  h.population[10] = population;
  (h.joined[10] ?? [])[0] = joined;
  (h.atEnd[10] ?? [])[0] = joined;
  return h;
}

describe('the spread of the rates', () => {
  it('is never 0, even when the fit years agree exactly', () => {
    // 20 new plans in 1,000 each year: observed = expected every year, no variation beyond chance.
    const h: AreaHistory = { areaCode: 'LA', parentCode: null, needs: ['A'], years: [year(2022, 20, 1000), year(2023, 20, 1000), year(2024, 20, 1000)] };
    const rates = fitRates(h, [2022, 2023, 2024]);
    expect(rates.joiningSpread).toBeGreaterThan(0);
    expect(rates.spreadDf).toBeGreaterThanOrEqual(1); // the prior's one, at least (no plans ceased: leaving rests on the prior)
    expect(rates.joiningEvents).toBe(60);
  });

  it('few degrees of freedom and the rates\' sampling error widen the band', () => {
    const setup = { jumpOff: ageNeedMatrix(1), population: [byAge().map((_, a) => (a === 10 ? 10000 : 0))], rates: { joining: byAge().map((_, a) => (a === 10 ? 0.05 : 0)), joiningFlat: byAge(), leaving: byAge(), needMix: byAge().map(() => [1]) } };
    const base = { runs: 4000, seed: 7, joiningSpread: 0.1, leavingSpread: 0, fitYearCount: 3 };
    const width = (o: Parameters<typeof simulate>[1]) => {
      const sims = simulate(setup, o);
      const totals = new Float64Array(o.runs);
      for (let r = 0; r < o.runs; r++) for (let a = 0; a < 26; a++) totals[r] = (totals[r] ?? 0) + (sims[r * 26 + a] ?? 0);
      const b = intervalOf(totals.sort());
      return b.upper95 - b.lower95;
    };
    const fixed = width(base);
    const t = width({ ...base, spreadDf: 2 });
    const sampled = width({ ...base, joiningEvents: 30 });
    expect(t).toBeGreaterThan(fixed * 1.15);
    expect(sampled).toBeGreaterThan(fixed * 1.1);
  });
});

describe('rolling-origin backtests, by hand', () => {
  it('every origin with a fit year before it and a year after it', () => {
    const h: AreaHistory = { areaCode: 'LA', parentCode: null, needs: ['A'], years: [2020, 2021, 2022, 2023, 2024].map((y) => year(y, 1, 10)) };
    expect(backtestOrigins([h])).toEqual([2021, 2022, 2023]);
  });

  it('the linear trend is the least-squares line', () => {
    // (2020, 100), (2021, 110), (2022, 130): slope 15, through (2021, 113.33); at 2023: 143.33.
    expect(linearTrend([{ year: 2020, count: 100 }, { year: 2021, count: 110 }, { year: 2022, count: 130 }], 2023)).toBeCloseTo(143.3333333, 6);
    expect(linearTrend([{ year: 2020, count: 100 }], 2023)).toBe(100);
  });

  it('counts the actuals inside each band and the MAPEs', () => {
    const cell = (actual: number, lower95: number, upper95: number, lower998: number, upper998: number): CalibrationCell => ({
      areaCode: 'LA', parentCode: null, origin: 2022, year: 2023, horizon: 1, actual, predicted: 100, lower95, upper95, lower998, upper998, noChange: 90, linearTrend: 105,
    });
    const s = summariseCalibration([cell(100, 90, 110, 80, 120), cell(115, 90, 110, 80, 120), cell(125, 90, 110, 80, 120), cell(200, 90, 110, 80, 120)]);
    expect([s.predictions, s.inside95, s.inside998]).toEqual([4, 1, 2]);
    // Model: |100 - a| / a for a = 100, 115, 125, 200: 0, 15/115, 25/125, 100/200.
    expect(s.mape).toBeCloseTo((100 * (0 + 15 / 115 + 25 / 125 + 100 / 200)) / 4, 9);
    expect(s.mapeNoChange).toBeCloseTo((100 * (10 / 100 + 25 / 115 + 35 / 125 + 110 / 200)) / 4, 9);
    expect(s.mapeLinearTrend).toBeCloseTo((100 * (5 / 100 + 10 / 115 + 20 / 125 + 95 / 200)) / 4, 9);
    expect(s.origins).toEqual([2022]);
  });
});

describe('the forecast page says how often the band held', () => {
  it('in one sentence, from the computed summary', () => {
    const sentence = calibrationSentence({ origins: ['2021', '2022', '2023'], predictions: 6, inside_95: 5, inside_99_8: 6, mape: 4.25, mape_no_change: 12.5, mape_linear_trend: 6 });
    expect(sentence).toBe(
      'Refitted from every starting year 2021 to 2023 and checked against the 6 later yearly totals counted, the 95% band held the actual count 5 times (83.3%) and the 99.8% band 6 times (100.0%); the projections were off by 4.3% on average, against 12.5% for assuming no change and 6.0% for a straight-line trend.',
    );
    expect(calibrationSentence(null)).toBe('');
  });
});
