import { describe, expect, it } from 'vitest';
import {
  AGES, TREND_PRIOR, TREND_SPREAD_PRIOR, ageNeedMatrix, byAge, dampedYears, driftPosterior, fitRates, project, simulate, trendMultipliers,
  type AreaHistory, type HistoryYear,
} from '../../server/forecast/model.ts';

// The rates' trend carried on (issue 14: a central projection that follows the recent trend in
// the rates, its uncertainty from the drift's posterior), on hand-made inputs worked by hand.
//
// One age (10), 1,000 people, nobody holding a plan at the start of each year; 10, 20 and 40 new
// plans in 2022, 2023 and 2024. Pooled joining rate 70 / 3,000: 23.333 expected a year.
//   log(observed / expected): ln(10 / 23.333), ln(20 / 23.333), ln(40 / 23.333); each step ln 2.
//   level (2024) = ln(40 / 23.333) = ln(12 / 7) = 0.538997; its variance 1/40 + 1/70 = 0.0392857.
//   drift = (ln(40/23.333) - ln(10/23.333)) / 2 = ln 2 = 0.693147, on 2 steps.
//   spread²: steps' mean square (ln 2)² = 0.480453, less chance 2 / 23.333 = 0.085714: 0.394739;
//     with the prior (sd 0.25, 2 df): (2 x 0.0625 + 2 x 0.394739) / 4 = 0.228619, σ = 0.478142, 4 df.
//   drift posterior (prior sd 0.3): precision 1/0.09 + 2/0.228619 = 19.8593;
//     mean 0.693147 x (2/0.228619) / 19.8593 = 0.305337; variance 1/19.8593 = 0.050354.
//   multipliers (damping 0.9): year 1 exp(0.538997 + 0.9 x 0.305337) = 2.256465;
//     year 2 exp(0.538997 + (0.9 + 0.81) x 0.305337) = 2.889612.

function year(y: number, joined: number): HistoryYear {
  const h: HistoryYear = { year: y, populationYear: y, population: byAge(), atStart: ageNeedMatrix(1), joined: ageNeedMatrix(1), ceased: ageNeedMatrix(1), atEnd: ageNeedMatrix(1) };
  h.population[10] = 1000;
  (h.joined[10] ?? [])[0] = joined;
  (h.atEnd[10] ?? [])[0] = joined;
  return h;
}
const history: AreaHistory = { areaCode: 'LA', parentCode: null, needs: ['A'], years: [year(2022, 10), year(2023, 20), year(2024, 40)] };
const fitted = () => fitRates(history, [2022, 2023, 2024], { trendYears: [2022, 2023, 2024], spreadPrior: TREND_SPREAD_PRIOR });

describe('the rates\' trend, by hand', () => {
  it('measures the level, the drift and the spread', () => {
    expect(TREND_SPREAD_PRIOR).toEqual({ sd: 0.25, df: 2 });
    const rates = fitted();
    expect(rates.joining[10]).toBeCloseTo(70 / 3000, 12);
    expect(rates.joiningTrend.level).toBeCloseTo(0.538997, 6);
    expect(rates.joiningTrend.levelVariance).toBeCloseTo(0.0392857, 6);
    expect(rates.joiningTrend.drift).toBeCloseTo(0.693147, 6);
    expect(rates.joiningTrend.steps).toBe(2);
    expect(rates.joiningSpread).toBeCloseTo(0.478142, 5);
  });

  it('shrinks the drift towards none and damps it', () => {
    expect(TREND_PRIOR).toEqual({ driftSd: 0.3, damping: 0.9 });
    const rates = fitted();
    const posterior = driftPosterior(rates.joiningTrend, rates.joiningSpread);
    expect(posterior.mean).toBeCloseTo(0.305337, 5);
    expect(posterior.variance).toBeCloseTo(0.050354, 5);
    expect(dampedYears(2)).toBeCloseTo(1.71, 12);
    const [m1, m2] = trendMultipliers(rates.joiningTrend, rates.joiningSpread, 2);
    expect(m1).toBeCloseTo(2.256465, 5);
    expect(m2).toBeCloseTo(2.889612, 5);
    // No steps (one year): no drift, whatever the prior.
    expect(driftPosterior({ level: 0, levelVariance: 0.1, drift: 0, steps: 0 }, 0.2)).toEqual({ mean: 0, variance: 0 });
  });

  it('projects with the multipliers: new plans = rate x people without a plan x multiplier', () => {
    const rates = fitted();
    const multipliers = { joining: trendMultipliers(rates.joiningTrend, rates.joiningSpread, 2), leaving: [1, 1] };
    const setup = { jumpOff: ageNeedMatrix(1), population: [history.years[2]?.population ?? [], history.years[2]?.population ?? []], rates: { joining: rates.joining, joiningFlat: rates.joiningFlat, leaving: rates.leaving, needMix: rates.needMix }, multipliers };
    const [y1, y2] = project(setup);
    // Year 1: 23.333 x 2.256465 = 52.6509 at age 10. Year 2: 23.333 x 2.889612 = 67.4243 new at
    // age 10, and year 1's 52.6509 aged on to 11 (no leaving).
    expect(y1?.[10]?.[0]).toBeCloseTo(52.6509, 3);
    expect(y2?.[10]?.[0]).toBeCloseTo(67.4243, 3);
    expect(y2?.[11]?.[0]).toBeCloseTo(52.6509, 3);
    expect(y2?.reduce((s, row) => s + (row[0] ?? 0), 0)).toBeCloseTo(120.0751, 3);
  });

  it('simulates around the trend: the runs average to the expected projection', () => {
    const rates = fitted();
    const multipliers = { joining: trendMultipliers(rates.joiningTrend, rates.joiningSpread, 2), leaving: [1, 1] };
    const setup = { jumpOff: ageNeedMatrix(1), population: [history.years[2]?.population ?? [], history.years[2]?.population ?? []], rates: { joining: rates.joining, joiningFlat: rates.joiningFlat, leaving: rates.leaving, needMix: rates.needMix }, multipliers };
    const runs = 20000;
    // Fixed spread (no df draw) so the log-normal centring is exact: the mean of the year-1 stock is 52.6509.
    const sims = simulate(setup, { runs, seed: 3, joiningSpread: rates.joiningSpread, leavingSpread: 0, fitYearCount: 3, yearEffect: 'random-walk', joiningTrend: rates.joiningTrend, leavingTrend: null });
    let mean = 0;
    for (let r = 0; r < runs; r++) mean += (sims[r * 2 * AGES + 10] ?? 0) / runs;
    // The drift's posterior mean is the same at every run's spread here, so the mean is the expected
    // projection; Monte Carlo error: the sd of a run is about 35, so about 0.25 over 20,000 runs.
    expect(Math.abs(mean - 52.6509)).toBeLessThan(1);
  });
});
