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
  /** The recent trend of the rates (log observed / expected in the trend years): where the projection starts from and how it drifts. */
  joiningTrend: Trend;
  leavingTrend: Trend;
}

/**
 * The rates' recent course, on the log scale relative to the pooled rates: log(observed /
 * expected) in each trend year is a random walk with a drift. The projection starts from the
 * last year's level and carries the drift on, damped and shrunk towards no drift (TREND_PRIOR).
 */
export interface Trend {
  /** log(observed / expected) in the last trend year (0 when it had no events). */
  level: number;
  /** Its sampling variance (1 / observed events in that year, plus the pooled rates' 1 / events). */
  levelVariance: number;
  /** Mean step from one trend year to the next (the drift, before shrinkage); 0 with one year. */
  drift: number;
  /** Steps the drift rests on (trend years - 1). */
  steps: number;
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
 * The spread's prior when the rates' trend is carried on (the forecast's default): sd 0.25 worth
 * two degrees of freedom. The rates of generated extracts step by 0.3-0.6 in a year at times (new
 * plans in the published series jump), which three to six years seldom show; chosen with
 * TREND_PRIOR on seeds 1-40 (bench/forecast-calibration.ts): 0.08, 0.15, 0.2 and 0.25 held 88%,
 * 91%, 92% and 94% of the LA totals in the 95% band.
 */
export const TREND_SPREAD_PRIOR = { sd: 0.25, df: 2 } as const;

/**
 * Prior for the drift of the rates (log scale, a year): normal, mean 0, sd `driftSd`, so a
 * drift measured on one or two steps is shrunk towards none; each projected year carries
 * `damping` times the previous year's drift (a damped trend: growth is not carried on for ever).
 * Chosen on generated extracts (seeds 1-40) and tested on seeds 41-60 (bench/forecast-calibration.ts).
 */
export const TREND_PRIOR = { driftSd: 0.3, damping: 0.9 } as const;


/** The drift's posterior given the spread σ of the steps: N(mean, variance), the measured mean step shrunk towards 0. */
export function driftPosterior(trend: Trend, spread: number, driftSd: number = TREND_PRIOR.driftSd): { mean: number; variance: number } {
  if (trend.steps < 1 || driftSd <= 0) return { mean: 0, variance: 0 };
  const precision = 1 / driftSd ** 2 + trend.steps / spread ** 2;
  return { mean: (trend.drift * trend.steps) / spread ** 2 / precision, variance: 1 / precision };
}

/** Sum of damping^i for i = 1..k: how many years of drift the k-th projected year carries. */
export function dampedYears(k: number, damping: number = TREND_PRIOR.damping): number {
  let total = 0;
  for (let i = 1; i <= k; i++) total += damping ** i;
  return total;
}

/**
 * The expected multiplier of the pooled rates in each of `horizon` projected years: the last
 * trend year's level with the shrunk, damped drift carried on.
 */
export function trendMultipliers(trend: Trend, spread: number, horizon: number, prior: TrendPrior = TREND_PRIOR): number[] {
  const drift = driftPosterior(trend, spread, prior.driftSd).mean;
  return Array.from({ length: horizon }, (_, k) => Math.exp(trend.level + drift * dampedYears(k + 1, prior.damping)));
}

export interface TrendPrior {
  driftSd: number;
  damping: number;
}

/** The trend of log(observed / expected) over the trend years (see Trend). */
function fitTrend(pairs: { year: number; observed: number; expected: number }[], pooledEvents: number): Trend {
  const usable = pairs.filter((p) => p.observed > 0 && p.expected > 0);
  const first = usable[0];
  const last = pairs.at(-1);
  const pooled = pooledEvents > 0 ? 1 / pooledEvents : 0;
  if (!first || !last || last.observed <= 0 || last.expected <= 0) return { level: 0, levelVariance: pooled, drift: 0, steps: 0 };
  const level = Math.log(last.observed / last.expected);
  const steps = last.year - first.year;
  return {
    level,
    levelVariance: 1 / last.observed + pooled,
    drift: steps > 0 ? (level - Math.log(first.observed / first.expected)) / steps : 0,
    steps,
  };
}

/**
 * Year-to-year spread of the rates, as the step of a random walk: the root mean square of the
 * change in log(observed / expected) from one fit year to the next, less what chance gives
 * (about 1 / expected for each year), pooled with SPREAD_PRIOR. A rate that drifts (rises year
 * after year) has a larger step than its scatter about the mean: the band allows for the drift.
 */
function yearSpread(pairs: { observed: number; expected: number }[], prior: { sd: number; df: number }): { sd: number; df: number } {
  const usable = pairs.filter((p) => p.observed > 0 && p.expected > 0);
  if (usable.length < 2) return { sd: prior.sd, df: prior.df };
  const logs = usable.map((p) => Math.log(p.observed / p.expected));
  const steps = logs.slice(1).map((x, i) => x - (logs[i] as number));
  const meanSquare = steps.reduce((s, d) => s + d * d, 0) / steps.length;
  const df = steps.length;
  const chance = (2 * sum(usable.map((p) => 1 / p.expected))) / usable.length;
  const pooled = (prior.df * prior.sd ** 2 + df * Math.max(0, meanSquare - chance)) / (prior.df + df);
  return { sd: Math.sqrt(pooled), df: prior.df + df };
}

/** A year's new and ceased plans, observed and expected at the given rates. */
function observedExpected(y: HistoryYear, joining: number[], joiningFlat: number[], leaving: number[]) {
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
}

export interface FitOptions {
  /** Years the trend and the spread are measured over (default the fit years). */
  trendYears?: number[];
  /** Prior of the spread (default SPREAD_PRIOR). */
  spreadPrior?: { sd: number; df: number };
}

/** Joining and leaving rates by age, pooled over `fitYears` of the history; their trend and spread over the trend years. */
export function fitRates(history: AreaHistory, fitYears: number[], fitOptions: FitOptions = {}): RateSet {
  const trendYears = fitOptions.trendYears;
  const spreadPrior = fitOptions.spreadPrior ?? SPREAD_PRIOR;
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

  const trendFrom = history.years.filter((y) => (trendYears ?? fitYears).includes(y.year) || fitYears.includes(y.year));
  const effects = trendFrom.map((y) => observedExpected(y, joining, joiningFlat, leaving));
  const inTrend = effects.filter((e) => (trendYears ?? fitYears).includes(e.year));
  const joinPairs = inTrend.map((e) => ({ year: e.year, observed: e.jObserved, expected: e.jExpected }));
  const leavePairs = inTrend.map((e) => ({ year: e.year, observed: e.lObserved, expected: e.lExpected }));
  const joinSpread = yearSpread(joinPairs, spreadPrior);
  const leaveSpread = yearSpread(leavePairs, spreadPrior);
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
    joiningTrend: fitTrend(joinPairs, sum(joiners)),
    leavingTrend: fitTrend(leavePairs, sum(ceases)),
    yearEffects: effects.filter((e) => fitYears.includes(e.year)).map((e) => ({
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
  /** Multipliers of the joining and leaving rates in each projected year (the rates' trend); 1 without. */
  multipliers?: { joining: number[]; leaving: number[] };
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
  setup.population.forEach((population, k) => {
    const next = ageNeedMatrix(needs);
    const mJoin = setup.multipliers?.joining[k] ?? 1;
    const mLeave = setup.multipliers?.leaving[k] ?? 1;
    for (let a = 0; a < AGES; a++) {
      const held = a === 0 ? new Array<number>(needs).fill(0) : (previous[a - 1] ?? []);
      const newPlans = mJoin * (at(setup.rates.joining, a) * Math.max(at(population, a) - sum(held), 0) + at(setup.rates.joiningFlat, a));
      const leave = Math.min(1, mLeave * at(setup.rates.leaving, a));
      const row = next[a] ?? [];
      for (let n = 0; n < needs; n++) {
        const joined = newPlans * at(setup.rates.needMix[a], n);
        const stock = at(held, n);
        row[n] = stock + joined - leave * (stock + 0.5 * joined);
      }
    }
    out.push(next);
    previous = next;
  });
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
  /**
   * The rates' recent trend (RateSet): each run starts from the last year's level (with its
   * sampling error) and carries on a drift drawn from its posterior, damped (`trendPrior`).
   * Without it the rates' level is the pooled one, with no drift.
   */
  joiningTrend?: Trend | null;
  leavingTrend?: Trend | null;
  trendPrior?: TrendPrior;
}

/** How one rate's multiplier moves in a run (see `drawPath`). */
interface PathSpec {
  spread: number;
  /** Without a trend: the pooled level's variance beyond the year spread (its sampling error). */
  sampling: number;
  fitYears: number;
  walk: boolean;
  trend: Trend | null;
  prior: TrendPrior;
}

/**
 * One run's multipliers of a rate for each projected year, into `out`: log-normal, centred so
 * each has the mean the expected projection uses (`trendMultipliers`, or 1 with no trend).
 * Level: the last trend year's (its sampling variance), else the pooled one (spread² / fit years
 * + sampling). Drift: from its posterior given this run's spread, damped. Year effects: a random
 * walk of step `spread` (or independent draws).
 */
function drawPath(random: Random, spec: PathSpec, spread: number, out: Float64Array): void {
  const trend = spec.trend;
  const levelVariance = trend ? trend.levelVariance : spread ** 2 / Math.max(1, spec.fitYears) + spec.sampling;
  const level = (trend?.level ?? 0) + random.normal() * Math.sqrt(levelVariance);
  const posterior = trend ? driftPosterior(trend, spread, spec.prior.driftSd) : { mean: 0, variance: 0 };
  const drift = posterior.mean + random.normal() * Math.sqrt(posterior.variance);
  let effect = 0;
  for (let k = 0; k < out.length; k++) {
    const steps = spec.walk ? k + 1 : 1;
    const years = trend ? dampedYears(k + 1, spec.prior.damping) : 0;
    effect = (spec.walk ? effect : 0) + random.normal() * spread;
    out[k] = Math.exp(level + drift * years + effect - (levelVariance + posterior.variance * years ** 2 + steps * spread ** 2) / 2);
  }
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
  // Each run first draws its spreads from their scaled inverse chi-squared on `spreadDf` degrees of
  // freedom: spreads from three years are themselves uncertain (a t, not a normal, quantile).
  const df = options.spreadDf ?? Infinity;
  const spreadScale = () => (Number.isFinite(df) ? Math.sqrt(df / (2 * random.gamma(df / 2))) : 1);
  const ratioDraw = (r: RelativeRate | null | undefined) => (r ? random.gamma(r.shape) / r.rate / r.ratio : 1);
  const walk = options.yearEffect === 'random-walk';
  const prior = options.trendPrior ?? TREND_PRIOR;
  const jSpec: PathSpec = { spread: options.joiningSpread, sampling: options.joiningEvents ? 1 / options.joiningEvents : 0, fitYears: n, walk, trend: options.joiningTrend ?? null, prior };
  const lSpec: PathSpec = { spread: options.leavingSpread, sampling: options.leavingEvents ? 1 / options.leavingEvents : 0, fitYears: n, walk, trend: options.leavingTrend ?? null, prior };
  const jPath = new Float64Array(horizon);
  const lPath = new Float64Array(horizon);
  for (let run = 0; run < runs; run++) {
    const jSpread = options.joiningSpread * spreadScale();
    const lSpread = options.leavingSpread * spreadScale();
    drawPath(random, jSpec, jSpread, jPath);
    drawPath(random, lSpec, lSpread, lPath);
    const joiningLocal = ratioDraw(options.joiningRatio);
    const leavingLocal = ratioDraw(options.leavingRatio);
    for (let k = 0; k < horizon; k++) {
      const mJoin = (jPath[k] as number) * joiningLocal;
      const mLeave = (lPath[k] as number) * leavingLocal;
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
