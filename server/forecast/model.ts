import { Random } from './random.ts';

// The cohort model of active EHC plans, pure (no database): fit joining and leaving rates by
// single year of age on the extract's history, project the stock forward year by year, and
// simulate the uncertainty. See server/forecast/README.md for the method in words.
//
// Ages are ages on 31 December of the year (0-25). A plan held at the end of one year by
// someone aged a is held by someone aged a + 1 at the end of the next, unless it ceases; a
// plan that would be held by someone aged 26 has ended (the age limit).

export const MAX_AGE = 25;
export const AGES = MAX_AGE + 1;

export const AGE_BANDS = [
  { band: '0-4', from: 0, to: 4 },
  { band: '5-10', from: 5, to: 10 },
  { band: '11-15', from: 11, to: 15 },
  { band: '16-19', from: 16, to: 19 },
  { band: '20-25', from: 20, to: 25 },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['band'];

export function ageBand(age: number): AgeBand {
  const found = AGE_BANDS.find((b) => age >= b.from && age <= b.to);
  if (!found) throw new RangeError(`age ${age} is outside 0-${MAX_AGE}`);
  return found.band;
}

/** A matrix [age][need] of zeros. */
export const ageNeedMatrix = (needs: number): number[][] => Array.from({ length: AGES }, () => new Array<number>(needs).fill(0));
export const byAge = (): number[] => new Array<number>(AGES).fill(0);
const at = (xs: readonly number[] | undefined, i: number): number => xs?.[i] ?? 0;
const sum = (xs: readonly number[] | undefined): number => (xs ?? []).reduce((s, x) => s + x, 0);

/** One complete calendar year of an area's history. Arrays are indexed by age, then need. */
export interface HistoryYear {
  year: number;
  /** The ONS mid-year estimate used for the year (the latest not after it), or null if none. */
  populationYear: number | null;
  /** Population by single year of age. */
  population: number[];
  /** Plans active on 31 December of the previous year, by the holder's age at the end of this year. */
  atStart: number[][];
  /** Plans that started in the year. */
  joined: number[][];
  /** Plans that ceased in the year (including plans that started in it). */
  ceased: number[][];
  /** Plans active on 31 December: atStart + joined - ceased. */
  atEnd: number[][];
}

export interface AreaHistory {
  areaCode: string;
  /** The LA of a locality; null for an LA. */
  parentCode: string | null;
  /** Primary needs, in the order of the arrays' second index. */
  needs: string[];
  /** Complete calendar years, oldest first. */
  years: HistoryYear[];
}

/** Rates by single year of age, pooled over the fit years, with what they were estimated from. */
export interface RateSet {
  fitYears: number[];
  /** New plans a year per person of that age not already holding a plan. */
  joining: number[];
  /** New plans a year at ages with no population to relate them to (the mean count); else 0. */
  joiningFlat: number[];
  /** Share of plans at risk that cease in a year. */
  leaving: number[];
  joiners: number[];
  joiningExposure: number[];
  ceases: number[];
  leavingExposure: number[];
  /** Need mix of new plans [age][need]: joiners' mix in the age band, else all joiners'. */
  needMix: number[][];
  /** Standard deviation of the log year-to-year variation beyond chance (0 if it cannot be estimated). */
  joiningSpread: number;
  leavingSpread: number;
  /** Observed / expected in each fit year under the pooled rates. */
  yearEffects: { year: number; joining: number | null; leaving: number | null }[];
}

/** A locality's rates relative to its LA's (indirect standardisation, shrunk towards 1). */
export interface RelativeRate {
  observed: number;
  expected: number;
  /** (observed + k) / (expected + k): the mean of the Gamma(observed + k, expected + k) posterior. */
  ratio: number;
  shape: number;
  rate: number;
}

export interface Rates {
  joining: number[];
  joiningFlat: number[];
  leaving: number[];
  needMix: number[][];
}

const joiningExposure = (y: HistoryYear, age: number): number => Math.max(at(y.population, age) - sum(y.atStart[age]), 0);
const leavingExposure = (y: HistoryYear, age: number): number => sum(y.atStart[age]) + 0.5 * sum(y.joined[age]);

/** Between-year variance of log(observed / expected) beyond what chance (about 1 / expected) gives. */
function yearSpread(pairs: { observed: number; expected: number }[]): number {
  const usable = pairs.filter((p) => p.observed > 0 && p.expected > 0);
  if (usable.length < 2) return 0;
  const logs = usable.map((p) => Math.log(p.observed / p.expected));
  const mean = sum(logs) / logs.length;
  const variance = logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (logs.length - 1);
  const chance = sum(usable.map((p) => 1 / p.expected)) / usable.length;
  return Math.sqrt(Math.max(0, variance - chance));
}

/** Joining and leaving rates by age, pooled over `fitYears` of the history. */
export function fitRates(history: AreaHistory, fitYears: number[]): RateSet {
  const years = history.years.filter((y) => fitYears.includes(y.year));
  const needs = history.needs.length;
  const joiners = byAge();
  const jExposure = byAge();
  const ceases = byAge();
  const lExposure = byAge();
  const joinersByNeed = ageNeedMatrix(needs);
  for (const y of years) {
    for (let a = 0; a < AGES; a++) {
      joiners[a] = at(joiners, a) + sum(y.joined[a]);
      jExposure[a] = at(jExposure, a) + joiningExposure(y, a);
      ceases[a] = at(ceases, a) + sum(y.ceased[a]);
      lExposure[a] = at(lExposure, a) + leavingExposure(y, a);
      for (let n = 0; n < needs; n++) {
        const row = joinersByNeed[a];
        if (row) row[n] = at(row, n) + at(y.joined[a], n);
      }
    }
  }
  const joining = joiners.map((j, a) => (at(jExposure, a) > 0 ? j / at(jExposure, a) : 0));
  const joiningFlat = joiners.map((j, a) => (at(jExposure, a) > 0 || years.length === 0 ? 0 : j / years.length));
  const leaving = ceases.map((c, a) => (at(lExposure, a) > 0 ? Math.min(1, c / at(lExposure, a)) : 0));

  // Need mix of new plans: by age band (single ages are too sparse), else all joiners.
  const mixOf = (counts: number[]): number[] | null => {
    const total = sum(counts);
    return total > 0 ? counts.map((c) => c / total) : null;
  };
  const overall = mixOf(Array.from({ length: needs }, (_, n) => sum(joinersByNeed.map((row) => at(row, n)))));
  const needMix = Array.from({ length: AGES }, (_, a) => {
    const band = AGE_BANDS.find((b) => a >= b.from && a <= b.to);
    const inBand = joinersByNeed.filter((_, age) => band !== undefined && age >= band.from && age <= band.to);
    const mix = mixOf(Array.from({ length: needs }, (_, n) => sum(inBand.map((row) => at(row, n)))));
    return mix ?? overall ?? new Array<number>(needs).fill(0);
  });

  const effects = years.map((y) => {
    let jObserved = 0;
    let jExpected = 0;
    let lObserved = 0;
    let lExpected = 0;
    for (let a = 0; a < AGES; a++) {
      jObserved += sum(y.joined[a]);
      jExpected += at(joining, a) * joiningExposure(y, a) + at(joiningFlat, a);
      lObserved += sum(y.ceased[a]);
      lExpected += at(leaving, a) * leavingExposure(y, a);
    }
    return { year: y.year, jObserved, jExpected, lObserved, lExpected };
  });
  return {
    fitYears: years.map((y) => y.year),
    joining,
    joiningFlat,
    leaving,
    joiners,
    joiningExposure: jExposure,
    ceases,
    leavingExposure: lExposure,
    needMix,
    joiningSpread: yearSpread(effects.map((e) => ({ observed: e.jObserved, expected: e.jExpected }))),
    leavingSpread: yearSpread(effects.map((e) => ({ observed: e.lObserved, expected: e.lExpected }))),
    yearEffects: effects.map((e) => ({
      year: e.year,
      joining: e.jExpected > 0 ? e.jObserved / e.jExpected : null,
      leaving: e.lExpected > 0 ? e.lObserved / e.lExpected : null,
    })),
  };
}

/**
 * A locality's joining and leaving relative to its LA's rates over the fit years: observed
 * events over those expected at the LA's rates, with `priorStrength` expected events at the
 * LA's rate added to both, so a small locality leans towards its LA. `flatShare` is the
 * locality's share of the LA's flat new plans (those at ages with no population).
 */
export function relativeRates(parent: RateSet, history: AreaHistory, priorStrength: number, flatShare = 1): { joining: RelativeRate; leaving: RelativeRate } {
  const years = history.years.filter((y) => parent.fitYears.includes(y.year));
  let jObserved = 0;
  let jExpected = 0;
  let lObserved = 0;
  let lExpected = 0;
  for (const y of years) {
    for (let a = 0; a < AGES; a++) {
      jObserved += sum(y.joined[a]);
      jExpected += at(parent.joining, a) * joiningExposure(y, a) + at(parent.joiningFlat, a) * flatShare;
      lObserved += sum(y.ceased[a]);
      lExpected += at(parent.leaving, a) * leavingExposure(y, a);
    }
  }
  const relative = (observed: number, expected: number): RelativeRate => ({
    observed,
    expected,
    ratio: (observed + priorStrength) / (expected + priorStrength),
    shape: observed + priorStrength,
    rate: expected + priorStrength,
  });
  return { joining: relative(jObserved, jExpected), leaving: relative(lObserved, lExpected) };
}

/**
 * The rates an area projects with: its own (an LA), or its LA's scaled by the relative rates,
 * with its share of the LA's flat new plans.
 */
export function scaledRates(rates: RateSet, joiningRatio = 1, leavingRatio = 1, flatShare = 1): Rates {
  return {
    joining: rates.joining.map((r) => r * joiningRatio),
    joiningFlat: rates.joiningFlat.map((r) => r * joiningRatio * flatShare),
    leaving: rates.leaving.map((r) => Math.min(1, r * leavingRatio)),
    needMix: rates.needMix,
  };
}

/**
 * Annual growth of the area's total population aged 0-25 between the first and the last
 * mid-year estimates held up to `upToYear` (compound); 0 when fewer than two are held.
 */
export function populationGrowth(history: AreaHistory, upToYear: number): number {
  const totals = new Map<number, number>();
  for (const y of history.years) {
    if (y.year <= upToYear && y.populationYear !== null && y.populationYear <= upToYear) totals.set(y.populationYear, sum(y.population));
  }
  const held = [...totals.entries()].filter(([, total]) => total > 0).sort((a, b) => a[0] - b[0]);
  const first = held[0];
  const last = held.at(-1);
  if (!first || !last || last[0] === first[0]) return 0;
  return (last[1] / first[1]) ** (1 / (last[0] - first[0])) - 1;
}

export interface ProjectionSetup {
  /** Plans active at the end of the jump-off year [age][need]. */
  jumpOff: number[][];
  /** Population by age for each projected year [year][age]. */
  population: number[][];
  rates: Rates;
}

/**
 * The expected stock [year][age][need] for each projected year. Each year: the previous
 * year's plans age by one; new plans = joining rate x (population - plans already held at
 * that age), shared out by the need mix of new plans; plans ending = leaving rate x (plans
 * held + half the new plans, which are at risk for half the year on average).
 */
export function project(setup: ProjectionSetup): number[][][] {
  const needs = setup.jumpOff[0]?.length ?? 0;
  const out: number[][][] = [];
  let previous = setup.jumpOff;
  for (const population of setup.population) {
    const next = ageNeedMatrix(needs);
    for (let a = 0; a < AGES; a++) {
      const held = a === 0 ? new Array<number>(needs).fill(0) : (previous[a - 1] ?? []);
      const newPlans = at(setup.rates.joining, a) * Math.max(at(population, a) - sum(held), 0) + at(setup.rates.joiningFlat, a);
      const leave = Math.min(1, at(setup.rates.leaving, a));
      const row = next[a] ?? [];
      for (let n = 0; n < needs; n++) {
        const joined = newPlans * at(setup.rates.needMix[a], n);
        const stock = at(held, n);
        row[n] = stock + joined - leave * (stock + 0.5 * joined);
      }
    }
    out.push(next);
    previous = next;
  }
  return out;
}

export interface SimulationOptions {
  runs: number;
  seed: number;
  /** Log-scale year-to-year spread of the joining and leaving rates (see RateSet). */
  joiningSpread: number;
  leavingSpread: number;
  /** Years the rates were pooled over: the uncertainty of their mean level is spread / sqrt(years). */
  fitYearCount: number;
  /** For a locality: the Gamma posterior of its relative rates, drawn once per run. */
  joiningRatio?: RelativeRate | null;
  leavingRatio?: RelativeRate | null;
}

/**
 * Simulated stock totals by age: a Float64Array of runs x years x AGES. Each run draws a
 * persistent level for the joining and leaving rates (the uncertainty of their mean over the
 * fit years) and a fresh year effect for each projected year (log-normal, mean 1), and for a
 * locality its relative rates from their Gamma posterior; then, each year and age, new plans
 * are Poisson and plans ending binomial.
 */
export function simulate(setup: ProjectionSetup, options: SimulationOptions): Float64Array {
  const horizon = setup.population.length;
  const out = new Float64Array(options.runs * horizon * AGES);
  const random = new Random(options.seed);
  const n = Math.max(1, options.fitYearCount);
  const startTotals = Array.from({ length: AGES }, (_, a) => sum(setup.jumpOff[a]));
  const logMultiplier = (spread: number) => {
    const levelSd = spread / Math.sqrt(n);
    const level = random.normal() * levelSd;
    const centre = -(levelSd ** 2 + spread ** 2) / 2;
    return () => Math.exp(level + random.normal() * spread + centre);
  };
  const ratioDraw = (r: RelativeRate | null | undefined) => (r ? random.gamma(r.shape) / r.rate / r.ratio : 1);
  const joining = Float64Array.from({ length: AGES }, (_, a) => at(setup.rates.joining, a));
  const flat = Float64Array.from({ length: AGES }, (_, a) => at(setup.rates.joiningFlat, a));
  const leaving = Float64Array.from({ length: AGES }, (_, a) => at(setup.rates.leaving, a));
  const populations = setup.population.map((p) => Float64Array.from({ length: AGES }, (_, a) => at(p, a)));
  const previous = new Float64Array(AGES);
  const current = new Float64Array(AGES);
  for (let run = 0; run < options.runs; run++) {
    const joiningYear = logMultiplier(options.joiningSpread);
    const leavingYear = logMultiplier(options.leavingSpread);
    const joiningLocal = ratioDraw(options.joiningRatio);
    const leavingLocal = ratioDraw(options.leavingRatio);
    for (let a = 0; a < AGES; a++) previous[a] = at(startTotals, a);
    for (let k = 0; k < horizon; k++) {
      const population = populations[k] ?? new Float64Array(AGES);
      const mJoin = joiningYear() * joiningLocal;
      const mLeave = leavingYear() * leavingLocal;
      for (let a = 0; a < AGES; a++) {
        const held = a === 0 ? 0 : (previous[a - 1] ?? 0);
        const mean = mJoin * ((joining[a] ?? 0) * Math.max((population[a] ?? 0) - held, 0) + (flat[a] ?? 0));
        const joined = random.poisson(mean);
        const leave = Math.min(1, mLeave * (leaving[a] ?? 0));
        const ended = random.binomial(held, leave) + random.binomial(joined, leave / 2);
        current[a] = held + joined - ended;
      }
      previous.set(current);
      out.set(current, (run * horizon + k) * AGES);
    }
  }
  return out;
}

/** Quantile of sorted values (linear interpolation between order statistics, R's type 7). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (h - lo) * (b - a);
}

export interface Band {
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

export function intervalOf(values: Float64Array): Band {
  const sorted = Float64Array.from(values).sort();
  return {
    lower95: quantile(sorted, 0.025),
    upper95: quantile(sorted, 0.975),
    lower998: quantile(sorted, 0.001),
    upper998: quantile(sorted, 0.999),
  };
}

export interface ProjectedCell extends Band {
  /** Index of the projected year (0 = the first year after the jump-off). */
  k: number;
  breakdown: 'all' | 'age_band' | 'primary_need';
  breakdownValue: string;
  /** The expected (deterministic) projection. */
  value: number;
}

/**
 * Totals, age bands and primary needs for each projected year: values from the expected
 * projection, intervals from the simulation. A simulated run's plans at each age are shared
 * among needs in the expected projection's need mix for that age and year.
 */
export function summarise(expected: number[][][], simulated: Float64Array, runs: number, needs: string[], needMix: number[][]): ProjectedCell[] {
  const horizon = expected.length;
  const cells: ProjectedCell[] = [];
  const bandOfAge = Int32Array.from({ length: AGES }, (_, a) => AGE_BANDS.findIndex((b) => a >= b.from && a <= b.to));
  for (let k = 0; k < horizon; k++) {
    const year = expected[k] ?? [];
    const N = needs.length;
    // shares[a * N + n]: the expected need mix at age a this year.
    const shares = new Float64Array(AGES * N);
    for (let a = 0; a < AGES; a++) {
      const total = sum(year[a]);
      for (let n = 0; n < N; n++) shares[a * N + n] = total > 0 ? at(year[a], n) / total : at(needMix[a], n);
    }
    const totals = new Float64Array(runs);
    const bandTotals = new Float64Array(runs * AGE_BANDS.length);
    const needTotals = new Float64Array(runs * N);
    for (let r = 0; r < runs; r++) {
      const base = (r * horizon + k) * AGES;
      let all = 0;
      for (let a = 0; a < AGES; a++) {
        const v = simulated[base + a] ?? 0;
        if (v === 0) continue;
        all += v;
        const b = r * AGE_BANDS.length + (bandOfAge[a] ?? 0);
        bandTotals[b] = (bandTotals[b] ?? 0) + v;
        for (let n = 0; n < N; n++) needTotals[r * N + n] = (needTotals[r * N + n] ?? 0) + v * (shares[a * N + n] ?? 0);
      }
      totals[r] = all;
    }
    const column = (values: Float64Array, width: number, j: number) => {
      const out = new Float64Array(runs);
      for (let r = 0; r < runs; r++) out[r] = values[r * width + j] ?? 0;
      return out;
    };
    const bands = AGE_BANDS.map((_, i) => column(bandTotals, AGE_BANDS.length, i));
    const byNeed = needs.map((_, n) => column(needTotals, N, n));
    const expectedTotal = (ages: (a: number) => boolean, need: number | null) => {
      let v = 0;
      for (let a = 0; a < AGES; a++) {
        if (!ages(a)) continue;
        v += need === null ? sum(year[a]) : at(year[a], need);
      }
      return v;
    };
    cells.push({ k, breakdown: 'all', breakdownValue: 'all', value: expectedTotal(() => true, null), ...intervalOf(totals) });
    AGE_BANDS.forEach((b, i) => {
      const value = expectedTotal((a) => a >= b.from && a <= b.to, null);
      cells.push({ k, breakdown: 'age_band', breakdownValue: b.band, value, ...intervalOf(bands[i] ?? new Float64Array(runs)) });
    });
    needs.forEach((need, n) => {
      const value = expectedTotal(() => true, n);
      if (value <= 0) return;
      cells.push({ k, breakdown: 'primary_need', breakdownValue: need, value, ...intervalOf(byNeed[n] ?? new Float64Array(runs)) });
    });
  }
  return cells;
}
