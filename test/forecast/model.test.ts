import { describe, expect, it } from 'vitest';
import {
  AGES, ageNeedMatrix, fitRates, intervalOf, populationGrowth, project, quantile, relativeRates, simulate, summarise,
  type AreaHistory, type HistoryYear, type ProjectionSetup,
} from '../../server/forecast/model.ts';
import { Random } from '../../server/forecast/random.ts';

// The pure model, checked by hand on setups whose rates are known by construction.

const zeros = () => new Array<number>(AGES).fill(0);
const totalAt = (year: number[][] | undefined, age: number) => (year?.[age] ?? []).reduce((s, x) => s + x, 0);
const grandTotal = (year: number[][] | undefined) => (year ?? []).reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);

/**
 * Two needs, X and Y. At the jump-off: 100 plans (X) held by 3-year-olds and 10 (Y) by
 * 24-year-olds. New plans only at age 4, at 10% of the 1,000 four-year-olds without a plan,
 * a quarter X and three quarters Y. Leaving: 20% at age 4, 50% at age 5, none elsewhere.
 */
function tinySetup(): ProjectionSetup {
  const jumpOff = ageNeedMatrix(2);
  (jumpOff[3] ?? [])[0] = 100;
  (jumpOff[24] ?? [])[1] = 10;
  const joining = zeros();
  joining[4] = 0.1;
  const leaving = zeros();
  leaving[4] = 0.2;
  leaving[5] = 0.5;
  const population = zeros();
  population[4] = 1000;
  return {
    jumpOff,
    population: Array.from({ length: 5 }, () => [...population]),
    rates: { joining, joiningFlat: zeros(), leaving, needMix: Array.from({ length: AGES }, () => [0.25, 0.75]) },
  };
}

describe('project: the expected stock, by hand', () => {
  it('ages plans on, adds new plans against the population without one, removes leavers', () => {
    const years = project(tinySetup());
    expect(years).toHaveLength(5);
    const [y1, y2, y3, y4, y5] = years;
    // Year 1. Age 4: the 100 three-year-olds (X) age on; new plans 10% x (1,000 - 100) = 90,
    // X 22.5 and Y 67.5; leaving 20% of (plans held + half the new ones):
    //   X 100 + 22.5 - 0.2 x (100 + 11.25) = 100.25;  Y 67.5 - 0.2 x 33.75 = 60.75.
    // Age 25: the 10 Y plans age on (no leaving at 25 in this setup). Total 171.
    expect(y1?.[4]?.[0]).toBeCloseTo(100.25, 10);
    expect(y1?.[4]?.[1]).toBeCloseTo(60.75, 10);
    expect(y1?.[25]?.[1]).toBeCloseTo(10, 10);
    expect(grandTotal(y1)).toBeCloseTo(171, 10);
    // Year 2. Age 4: nobody aged on into it, so 10% of 1,000 = 100 new (X 25, Y 75), less 20%
    // of half of them: X 22.5, Y 67.5. Age 5: year 1's age 4 less 50%: X 50.125, Y 30.375.
    // The 25-year-olds reach 26: their plans end. Total 170.5.
    expect(y2?.[4]).toEqual([expect.closeTo(22.5, 10), expect.closeTo(67.5, 10)]);
    expect(y2?.[5]).toEqual([expect.closeTo(50.125, 10), expect.closeTo(30.375, 10)]);
    expect(totalAt(y2, 25) + totalAt(y2, 0)).toBe(0);
    expect(grandTotal(y2)).toBeCloseTo(170.5, 10);
    // Year 3: age 4 again 90; age 5 half of year 2's 90 = 45; age 6 year 2's age 5 (80.5), no leaving.
    expect(grandTotal(y3)).toBeCloseTo(90 + 45 + 80.5, 10);
    // Years 4 and 5: one more cohort of 45 each year.
    expect(grandTotal(y4)).toBeCloseTo(90 + 45 + 45 + 80.5, 10);
    expect(grandTotal(y5)).toBeCloseTo(90 + 45 + 45 + 45 + 80.5, 10);
    expect(totalAt(y5, 8)).toBeCloseTo(80.5, 10);
  });

  it('uses the flat count where there is no population to relate new plans to, and caps leaving at 1', () => {
    const setup = tinySetup();
    setup.rates.joining[4] = 0;
    setup.rates.joiningFlat[4] = 8;
    setup.rates.leaving[5] = 1.7;
    const [y1, y2] = project(setup);
    // Age 4: the 100 aged on plus 8 new, less 20% of (100 + 4): 108 - 20.8 = 87.2.
    expect(totalAt(y1, 4)).toBeCloseTo(87.2, 10);
    // Age 5 in year 2: everyone leaves (rate capped at 1).
    expect(totalAt(y2, 5)).toBeCloseTo(0, 10);
  });
});

function historyYear(year: number, populationYear: number, needs: number): HistoryYear {
  return { year, populationYear, population: zeros(), atStart: ageNeedMatrix(needs), joined: ageNeedMatrix(needs), ceased: ageNeedMatrix(needs), atEnd: ageNeedMatrix(needs) };
}

describe('fitRates, relativeRates and populationGrowth, by hand', () => {
  // Two years. Age 10: population 1,000 then 1,100; 50 then 40 plans held at the start; 19
  // then 21 new plans (all need 0 in the first year, all need 1 in the second); 4 then 6 ceased.
  const la: AreaHistory = { areaCode: 'LA', parentCode: null, needs: ['A', 'B'], years: [historyYear(2023, 2023, 2), historyYear(2024, 2024, 2)] };
  const [y1, y2] = la.years;
  if (!y1 || !y2) throw new Error('setup');
  y1.population[10] = 1000;
  y2.population[10] = 1100;
  (y1.atStart[10] ?? [])[0] = 50;
  (y2.atStart[10] ?? [])[1] = 40;
  (y1.joined[10] ?? [])[0] = 19;
  (y2.joined[10] ?? [])[1] = 21;
  (y1.ceased[10] ?? [])[0] = 4;
  (y2.ceased[10] ?? [])[1] = 6;
  // Age 3: 2 new plans a year with no population held for that age.
  (y1.joined[3] ?? [])[0] = 2;
  (y2.joined[3] ?? [])[0] = 2;

  it('pools the years', () => {
    const rates = fitRates(la, [2023, 2024]);
    // Joining at 10: (19 + 21) / ((1,000 - 50) + (1,100 - 40)) = 40 / 2,010.
    expect(rates.joining[10]).toBeCloseTo(40 / 2010, 12);
    expect(rates.joiningExposure[10]).toBe(2010);
    // Leaving at 10: (4 + 6) / ((50 + 19 / 2) + (40 + 21 / 2)) = 10 / 110.
    expect(rates.leaving[10]).toBeCloseTo(10 / 110, 12);
    // Age 3 has new plans but no population: a flat 2 a year, and no rate.
    expect(rates.joining[3]).toBe(0);
    expect(rates.joiningFlat[3]).toBe(2);
    // Need mix of new plans in band 5-10 (age 10): 19 A, 21 B; in 0-4 (age 3): all A.
    expect(rates.needMix[10]).toEqual([19 / 40, 21 / 40]);
    expect(rates.needMix[7]).toEqual([19 / 40, 21 / 40]);
    expect(rates.needMix[3]).toEqual([1, 0]);
    // Bands without new plans take all new plans' mix: (19 + 4) A, 21 B of 44.
    expect(rates.needMix[20]).toEqual([23 / 44, 21 / 44]);
    expect(rates.fitYears).toEqual([2023, 2024]);
    // Year effects: expected joiners 2023 = 950 x 40/2,010 + 2; observed 21.
    expect(rates.yearEffects[0]?.joining).toBeCloseTo(21 / ((950 * 40) / 2010 + 2), 12);
  });

  it('measures a locality against its LA, leaning on the LA when small', () => {
    const rates = fitRates(la, [2023, 2024]);
    const locality: AreaHistory = { ...la, areaCode: 'LA:x', parentCode: 'LA', years: [historyYear(2023, 2023, 2), historyYear(2024, 2024, 2)] };
    const [l1, l2] = locality.years;
    if (!l1 || !l2) throw new Error('setup');
    l1.population[10] = 201;
    l2.population[10] = 201;
    (l1.joined[10] ?? [])[0] = 8;
    (l2.joined[10] ?? [])[0] = 4;
    // Expected at the LA's rate: 402 x 40 / 2,010 = 8 new plans at age 10, plus a quarter
    // (its share) of the LA's flat 2 a year at age 3 over two years: 1; observed 12. With 10
    // expected events of prior weight: (12 + 10) / (9 + 10) = 22 / 19.
    const relative = relativeRates(rates, locality, 10, 0.25);
    expect(relative.joining.expected).toBeCloseTo(9, 12);
    expect(relative.joining.observed).toBe(12);
    expect(relative.joining.ratio).toBeCloseTo(22 / 19, 12);
    expect([relative.joining.shape, relative.joining.rate]).toEqual([22, expect.closeTo(19, 12)]);
    // Leaving: none observed; expected, its 12 new plans at risk for half a year at 10 / 110:
    // 6 / 11. Ratio (0 + 10) / (6 / 11 + 10).
    expect(relative.leaving.expected).toBeCloseTo(6 / 11, 12);
    expect(relative.leaving.ratio).toBeCloseTo(10 / (6 / 11 + 10), 12);
  });

  it('grows the population by the compound trend of the estimates held, or holds it flat', () => {
    // Totals 1,000 + 0 (2023) and 1,100 (2024): 10% a year.
    expect(populationGrowth(la, 2024)).toBeCloseTo(0.1, 12);
    expect(populationGrowth(la, 2023)).toBe(0);
    const sameEstimate = { ...la, years: la.years.map((y) => ({ ...y, populationYear: 2024 })) };
    expect(populationGrowth(sameEstimate, 2024)).toBe(0);
  });
});

describe('simulate: seeded, and centred on the expected projection', () => {
  const options = { runs: 2000, seed: 42, joiningSpread: 0, leavingSpread: 0, fitYearCount: 3 };

  it('gives the same draws for the same seed and different ones for another', () => {
    const a = simulate(tinySetup(), options);
    const b = simulate(tinySetup(), options);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    const c = simulate(tinySetup(), { ...options, seed: 43 });
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
    expect(a).toHaveLength(2000 * 5 * AGES);
    // Whole numbers of plans, never negative.
    expect(a.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
  });

  it('averages to the expected projection (Monte Carlo error only) with no rate uncertainty', () => {
    const setup = tinySetup();
    const expected = project(setup);
    const sims = simulate(setup, options);
    for (let k = 0; k < 5; k++) {
      const totals = Array.from({ length: options.runs }, (_, r) => {
        let s = 0;
        for (let a = 0; a < AGES; a++) s += sims[(r * 5 + k) * AGES + a] ?? 0;
        return s;
      });
      const mean = totals.reduce((s, x) => s + x, 0) / totals.length;
      const sd = Math.sqrt(totals.reduce((s, x) => s + (x - mean) ** 2, 0) / (totals.length - 1));
      expect(Math.abs(mean - grandTotal(expected[k])), `year ${k + 1}`).toBeLessThan((4 * sd) / Math.sqrt(options.runs));
      // Chance alone: the spread of a few hundred Poisson/binomial counts is of the order of their square root.
      expect(sd).toBeGreaterThan(3);
      expect(sd).toBeLessThan(3 * Math.sqrt(grandTotal(expected[k])));
    }
  });

  it('draws one year with the variance of binomial leavers and Poisson new plans (thinned: new plans that end are not counted)', () => {
    // One year, no rate uncertainty: 100 plans held at 3 age on to 4 and leave at 20%; new
    // plans at 4 are Poisson(90) and each ends with probability 10% (half the rate). Stock at
    // 4: 100 - binomial(100, 0.2) + Poisson(90 x 0.9): mean 80 + 81 = 161, variance 16 + 81 = 97.
    const setup = tinySetup();
    setup.population = [setup.population[0] ?? []];
    const runs = 40_000;
    const sims = simulate(setup, { ...options, runs });
    const at4 = Array.from({ length: runs }, (_, r) => sims[r * AGES + 4] ?? 0);
    const mean = at4.reduce((s, x) => s + x, 0) / runs;
    const variance = at4.reduce((s, x) => s + (x - mean) ** 2, 0) / (runs - 1);
    expect(Math.abs(mean - 161)).toBeLessThan(4 * Math.sqrt(97 / runs));
    // The variance's standard error is about sqrt(2 / runs) of it: 0.7%.
    expect(variance / 97).toBeGreaterThan(0.97);
    expect(variance / 97).toBeLessThan(1.03);
  });

  it('widens the band with year-to-year variation in the rates', () => {
    const setup = tinySetup();
    const narrow = summarise(project(setup), simulate(setup, options), options.runs, ['X', 'Y'], setup.rates.needMix);
    const wide = summarise(project(setup), simulate(setup, { ...options, joiningSpread: 0.3, leavingSpread: 0.3 }), options.runs, ['X', 'Y'], setup.rates.needMix);
    const width = (cells: typeof narrow, k: number) => {
      const c = cells.find((x) => x.k === k && x.breakdown === 'all');
      return (c?.upper95 ?? 0) - (c?.lower95 ?? 0);
    };
    for (let k = 0; k < 5; k++) expect(width(wide, k)).toBeGreaterThan(width(narrow, k));
    // Cells: total, five age bands, two needs, each year; 95% inside 99.8%, around the value.
    expect(narrow.filter((c) => c.k === 0).map((c) => c.breakdownValue)).toEqual(['all', '0-4', '5-10', '11-15', '16-19', '20-25', 'X', 'Y']);
    for (const c of narrow.filter((x) => x.breakdown === 'all')) {
      expect(c.lower998).toBeLessThanOrEqual(c.lower95);
      expect(c.upper998).toBeGreaterThanOrEqual(c.upper95);
      expect(c.value).toBeGreaterThan(c.lower95);
      expect(c.value).toBeLessThan(c.upper95);
    }
  });
});

describe('random draws', () => {
  const moments = (draw: () => number, n = 100_000) => {
    const xs = Array.from({ length: n }, draw);
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    return { mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) };
  };
  it.each([
    ['poisson(0.4), mostly the 1 - mean shortcut', (r: Random) => r.poisson(0.4), 0.4, 0.4],
    ['poisson(3)', (r: Random) => r.poisson(3), 3, 3],
    ['poisson(9.9), inversion', (r: Random) => r.poisson(9.9), 9.9, 9.9],
    ['poisson(10), PTRS from here', (r: Random) => r.poisson(10), 10, 10],
    ['poisson(250), PTRS', (r: Random) => r.poisson(250), 250, 250],
    ['binomial(12, 0.02), mostly the 1 - n p shortcut', (r: Random) => r.binomial(12, 0.02), 0.24, 0.2352],
    ['binomial(40, 0.1)', (r: Random) => r.binomial(40, 0.1), 4, 3.6],
    ['binomial(99, 0.1), inversion', (r: Random) => r.binomial(99, 0.1), 9.9, 8.91],
    ['binomial(100, 0.1), BTRS from here', (r: Random) => r.binomial(100, 0.1), 10, 9],
    ['binomial(900, 0.2), BTRS', (r: Random) => r.binomial(900, 0.2), 180, 144],
    ['binomial(30, 0.9)', (r: Random) => r.binomial(30, 0.9), 27, 2.7],
    ['gamma(0.5)', (r: Random) => r.gamma(0.5), 0.5, 0.5],
    ['gamma(22)', (r: Random) => r.gamma(22), 22, 22],
  ])('%s has the right mean and variance', (_name, draw, mean, variance) => {
    const random = new Random(2025);
    const m = moments(() => draw(random));
    // Standard errors with 100,000 draws are well under 1% of these.
    expect(m.mean).toBeCloseTo(mean, mean > 100 ? 0 : 1);
    expect(m.variance / variance).toBeGreaterThan(0.97);
    expect(m.variance / variance).toBeLessThan(1.03);
  });

  it('quantiles interpolate between order statistics', () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 5]);
    expect(quantile(sorted, 0)).toBe(1);
    expect(quantile(sorted, 0.5)).toBe(3);
    expect(quantile(sorted, 0.1)).toBeCloseTo(1.4, 12);
    expect(intervalOf(Float64Array.from({ length: 1001 }, (_, i) => 1000 - i))).toEqual({ lower95: 25, upper95: 975, lower998: 1, upper998: 999 });
  });
});
