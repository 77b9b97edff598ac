import { selectRanks } from './order-statistics.ts';
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
  /** Standard deviation of the log year-to-year variation beyond chance, pooled with SPREAD_PRIOR (never 0). */
  joiningSpread: number;
  leavingSpread: number;
  /** Degrees of freedom the spreads rest on (fit years - 1, plus the prior's). */
  spreadDf: number;
  /** Events the pooled rates were estimated from: their sampling error is about 1 / sqrt(events) on the log scale. */
  joiningEvents: number;
  leavingEvents: number;
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

/**
 * Prior for the year-to-year spread: a log-scale sd of 0.08 (8% swings a year) worth two
 * degrees of freedom (chosen from the rolling-origin backtests, bench/forecast-calibration.ts). With three fit years the spread rests on two degrees of freedom, and
 * "beyond chance" can come out at 0 although the years clearly differ; the prior keeps it
 * above 0 and the per-run draw of the spread (`simulate`) widens the band as a t would.
 */
export const SPREAD_PRIOR = { sd: 0.08, df: 2 } as const;

/**
 * Year-to-year spread of the rates, as the step of a random walk: the root mean square of the
 * change in log(observed / expected) from one fit year to the next, less what chance gives
 * (about 1 / expected for each year), pooled with SPREAD_PRIOR. A rate that drifts (rises year
 * after year) has a larger step than its scatter about the mean: the band allows for the drift.
 */
function yearSpread(pairs: { observed: number; expected: number }[]): { sd: number; df: number } {
  const usable = pairs.filter((p) => p.observed > 0 && p.expected > 0);
  if (usable.length < 2) return { sd: SPREAD_PRIOR.sd, df: SPREAD_PRIOR.df };
  const logs = usable.map((p) => Math.log(p.observed / p.expected));
  const steps = logs.slice(1).map((x, i) => x - (logs[i] as number));
  const meanSquare = steps.reduce((s, d) => s + d * d, 0) / steps.length;
  const chance = (2 * sum(usable.map((p) => 1 / p.expected))) / usable.length;
  const df = steps.length;
  const pooled = (SPREAD_PRIOR.df * SPREAD_PRIOR.sd ** 2 + df * Math.max(0, meanSquare - chance)) / (SPREAD_PRIOR.df + df);
  return { sd: Math.sqrt(pooled), df: SPREAD_PRIOR.df + df };
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
  const joinSpread = yearSpread(effects.map((e) => ({ observed: e.jObserved, expected: e.jExpected })));
  const leaveSpread = yearSpread(effects.map((e) => ({ observed: e.lObserved, expected: e.lExpected })));
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
    joiningSpread: joinSpread.sd,
    leavingSpread: leaveSpread.sd,
    spreadDf: Math.min(joinSpread.df, leaveSpread.df),
    joiningEvents: sum(joiners),
    leavingEvents: sum(ceases),
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
  /** Degrees of freedom of the spreads: each run draws its spreads from their scaled inverse chi-squared (a t-like band). Infinity: fixed. */
  spreadDf?: number;
  /**
   * How the year effects follow each other: `independent` (a fresh draw each year) or
   * `random-walk` (each year's effect adds to the last: rates drift, so the band widens with the
   * horizon as the rates' uncertainty grows). Default independent.
   */
  yearEffect?: 'independent' | 'random-walk';
  /** Events behind the pooled rates: their sampling error (1 / events on the log scale) is added to the level. */
  joiningEvents?: number;
  leavingEvents?: number;
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
  const runs = options.runs;
  const out = new Float64Array(runs * horizon * AGES);
  const random = new Random(options.seed);
  const n = Math.max(1, options.fitYearCount);
  // Everything the inner loop reads, in typed arrays: it runs runs x years x AGES times per area.
  const start = Float64Array.from({ length: AGES }, (_, a) => sum(setup.jumpOff[a]));
  const joining = Float64Array.from({ length: AGES }, (_, a) => at(setup.rates.joining, a));
  const flat = Float64Array.from({ length: AGES }, (_, a) => at(setup.rates.joiningFlat, a));
  const leaving = Float64Array.from({ length: AGES }, (_, a) => at(setup.rates.leaving, a));
  const population = new Float64Array(horizon * AGES);
  setup.population.forEach((p, k) => {
    for (let a = 0; a < AGES; a++) population[k * AGES + a] = at(p, a);
  });
  // Log-normal multipliers, mean 1: a persistent level (the pooled rates' uncertainty: the year
  // spread / sqrt(n) plus their sampling error 1 / events) and a fresh year effect (sd spread).
  // Each run first draws its spreads from their scaled inverse chi-squared on `spreadDf` degrees of
  // freedom: spreads from three years are themselves uncertain (a t, not a normal, quantile).
  const df = options.spreadDf ?? Infinity;
  const jSampling = options.joiningEvents ? 1 / options.joiningEvents : 0;
  const lSampling = options.leavingEvents ? 1 / options.leavingEvents : 0;
  const spreadScale = () => (Number.isFinite(df) ? Math.sqrt(df / (2 * random.gamma(df / 2))) : 1);
  const ratioDraw = (r: RelativeRate | null | undefined) => (r ? random.gamma(r.shape) / r.rate / r.ratio : 1);
  for (let run = 0; run < runs; run++) {
    const jSpread = options.joiningSpread * spreadScale();
    const lSpread = options.leavingSpread * spreadScale();
    const jLevelSd = Math.sqrt(jSpread ** 2 / n + jSampling);
    const lLevelSd = Math.sqrt(lSpread ** 2 / n + lSampling);
    const walk = options.yearEffect === 'random-walk';
    let jEffect = 0;
    let lEffect = 0;
    const jLevel = random.normal() * jLevelSd;
    const lLevel = random.normal() * lLevelSd;
    const joiningLocal = ratioDraw(options.joiningRatio);
    const leavingLocal = ratioDraw(options.leavingRatio);
    for (let k = 0; k < horizon; k++) {
      // Centred so each multiplier has mean 1: the effect's variance is spread² (k + 1 years of a walk).
      const steps = walk ? k + 1 : 1;
      jEffect = (walk ? jEffect : 0) + random.normal() * jSpread;
      lEffect = (walk ? lEffect : 0) + random.normal() * lSpread;
      const mJoin = Math.exp(jLevel + jEffect - (jLevelSd ** 2 + steps * jSpread ** 2) / 2) * joiningLocal;
      const mLeave = Math.exp(lLevel + lEffect - (lLevelSd ** 2 + steps * lSpread ** 2) / 2) * leavingLocal;
      const base = (run * horizon + k) * AGES;
      // Last year's stock: the jump-off, or the run's previous year in `out` (no subarray: a view costs more than the row).
      const previous = k === 0 ? start : out;
      const from = k === 0 ? -1 : base - AGES - 1;
      for (let a = 0; a < AGES; a++) {
        const held = a === 0 ? 0 : (previous[from + a] as number);
        const room = (population[k * AGES + a] as number) - held;
        const newPlans = mJoin * ((joining[a] as number) * (room > 0 ? room : 0) + (flat[a] as number));
        const leave = Math.min(1, mLeave * (leaving[a] as number));
        // Plans held that carry on ~ binomial(held, 1 - leave). New plans ~ Poisson(newPlans),
        // each ending with probability leave / 2: those that carry on are Poisson(newPlans x
        // (1 - leave / 2)) by thinning, one draw instead of a Poisson and a binomial.
        // (Nothing held, or no new plans expected, draws nothing: skip the call.)
        const carryOn = held > 0 && leave > 0 ? held - random.binomial(held, leave) : held;
        const joinedStaying = newPlans > 0 ? random.poisson(newPlans * (1 - leave / 2)) : 0;
        out[base + a] = carryOn + joinedStaying;
      }
    }
  }
  return out;
}

/** The `p` quantile of values[offset..offset + n) where the ranks it reads are in sorted place (R's type 7). */
function quantileIn(values: Float64Array, offset: number, n: number, p: number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = values[offset + lo] as number;
  const b = values[offset + hi] as number;
  return a + (h - lo) * (b - a);
}

/** Quantile of sorted values (linear interpolation between order statistics, R's type 7). */
export function quantile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? Number.NaN : quantileIn(sorted, 0, sorted.length, p);
}

export interface Band {
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

const BAND_PROBABILITIES = [0.001, 0.025, 0.975, 0.999] as const;

/** The ranks `quantile` reads for the band's probabilities among `n` values, ascending. */
function bandRanks(n: number): number[] {
  const ranks = new Set<number>();
  for (const p of BAND_PROBABILITIES) {
    const lo = Math.floor((n - 1) * p);
    ranks.add(lo);
    ranks.add(Math.min(lo + 1, n - 1));
  }
  return [...ranks].sort((a, b) => a - b);
}

/**
 * The band of values[offset..offset + n), reordering them (scratch values: no copy): the
 * quantiles of the sorted values, from the ranks they read put in place by selection.
 */
function bandIn(values: Float64Array, offset: number, n: number, ranks: readonly number[]): Band {
  selectRanks(values, offset, n, ranks);
  return {
    lower95: quantileIn(values, offset, n, 0.025),
    upper95: quantileIn(values, offset, n, 0.975),
    lower998: quantileIn(values, offset, n, 0.001),
    upper998: quantileIn(values, offset, n, 0.999),
  };
}

export function intervalOf(values: Float64Array): Band {
  if (values.length === 0) return { lower95: Number.NaN, upper95: Number.NaN, lower998: Number.NaN, upper998: Number.NaN };
  return bandIn(Float64Array.from(values), 0, values.length, bandRanks(values.length));
}

/** target[to..to + n) += source[from..from + n) x factor (offsets, not views: a view costs more than a row). */
function addRow(target: Float64Array, to: number, source: Float64Array, from: number, n: number, factor: number): void {
  for (let i = 0; i < n; i++) target[to + i] = (target[to + i] as number) + (source[from + i] as number) * factor;
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
  const B = AGE_BANDS.length;
  const N = needs.length;
  const bandOfAge = Int32Array.from({ length: AGES }, (_, a) => AGE_BANDS.findIndex((b) => a >= b.from && a <= b.to));
  const ranks = bandRanks(runs);
  // One column of `runs` values per cell (total, bands, needs), reused for every year.
  const columns = new Float64Array(runs * (1 + B + N));
  const byAgeRun = new Float64Array(AGES * runs);
  for (let k = 0; k < horizon; k++) {
    const year = expected[k] ?? [];
    // shares[a * N + n]: the expected need mix at age a this year.
    const shares = new Float64Array(AGES * N);
    for (let a = 0; a < AGES; a++) {
      const total = sum(year[a]);
      for (let n = 0; n < N; n++) shares[a * N + n] = total > 0 ? at(year[a], n) / total : at(needMix[a], n);
    }
    // This year's simulated stock by age, one contiguous row of runs per age.
    for (let r = 0; r < runs; r++) {
      const base = (r * horizon + k) * AGES;
      for (let a = 0; a < AGES; a++) byAgeRun[a * runs + r] = simulated[base + a] as number;
    }
    // Each cell's column, summed over ages in order 0-25 (so every run's sum is the same number whichever way it is added up).
    columns.fill(0);
    for (let a = 0; a < AGES; a++) {
      const row = a * runs;
      addRow(columns, 0, byAgeRun, row, runs, 1);
      addRow(columns, (1 + (bandOfAge[a] as number)) * runs, byAgeRun, row, runs, 1);
      for (let n = 0; n < N; n++) {
        const share = shares[a * N + n] as number;
        if (share !== 0) addRow(columns, (1 + B + n) * runs, byAgeRun, row, runs, share);
      }
    }
    const expectedTotal = (ages: (a: number) => boolean, need: number | null) => {
      let v = 0;
      for (let a = 0; a < AGES; a++) {
        if (!ages(a)) continue;
        v += need === null ? sum(year[a]) : at(year[a], need);
      }
      return v;
    };
    cells.push({ k, breakdown: 'all', breakdownValue: 'all', value: expectedTotal(() => true, null), ...bandIn(columns, 0, runs, ranks) });
    AGE_BANDS.forEach((b, i) => {
      const value = expectedTotal((a) => a >= b.from && a <= b.to, null);
      cells.push({ k, breakdown: 'age_band', breakdownValue: b.band, value, ...bandIn(columns, (1 + i) * runs, runs, ranks) });
    });
    needs.forEach((need, n) => {
      const value = expectedTotal(() => true, n);
      if (value <= 0) return;
      cells.push({ k, breakdown: 'primary_need', breakdownValue: need, value, ...bandIn(columns, (1 + B + n) * runs, runs, ranks) });
    });
  }
  return cells;
}
