import { rollingOriginBacktest, summariseCalibration, type CalibrationSummary, type Projector } from './calibration.ts';
import { availableParallelism } from 'node:os';
// Lets queued I/O (other requests) run between areas: all of England is over a thousand areas.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Database } from '../db/database.ts';
import { VersionedCache } from '../db/versioned-cache.ts';
import type { SourceRow } from '../indicators/types.ts';
import { readHistories } from './inputs.ts';
import {
  AGE_BANDS, AGES, TREND_PRIOR, TREND_SPREAD_PRIOR, fitRates, trendMultipliers, populationGrowth, project, relativeRates, scaledRates, simulate, summarise,
  type AreaHistory, type Band, type HistoryYear, type ProjectedCell, type Rates, type RateSet, type RelativeRate, type TrendPrior,
} from './model.ts';
import { hashSeed } from './random.ts';
import { groupBy } from '../group-by.ts';

// Runs the cohort model for every area of the loaded extract: the five-year projection from
// the last complete year, its simulated band, and a backtest that refits without the last
// two years and predicts them. Computed once per loaded extract (per database and load run).

export interface ForecastOptions {
  /** Years projected after the jump-off year. */
  horizon: number;
  /** Rates are pooled over the last `rateYears` complete years up to the jump-off. */
  rateYears: number;
  /** Simulated runs for an LA. */
  simulations: number;
  /** Simulated runs for a locality (fewer: see README, "Uncertainty"). */
  localitySimulations: number;
  seed: number;
  /** Expected events at the LA's rates that a locality's relative rates are shrunk with. */
  priorStrength: number;
  /** Years held back by the backtest. */
  backtestYears: number;
  /** Year effects of the simulation: independent, or a random walk (see SimulationOptions). */
  yearEffect: 'independent' | 'random-walk';
  /** Worker threads the LAs (with their localities) are shared among; 0 runs them all in this thread. */
  workers: number;
  /**
   * The rates' recent trend, carried on (model.ts Trend): measured over the last `trendYears`
   * complete years up to the jump-off, its drift shrunk and damped by `trendPrior`. null: constant
   * rates at the pooled level (the method before issue 14's calibration).
   */
  trend: { trendYears: number; prior: TrendPrior; spreadPrior: { sd: number; df: number }; leaving: boolean } | null;
}

export const defaultForecastOptions: ForecastOptions = {
  horizon: 5,
  rateYears: 3,
  simulations: 4000,
  localitySimulations: 1000,
  seed: 20250116,
  priorStrength: 10,
  backtestYears: 2,
  yearEffect: 'random-walk',
  workers: Math.min(2, availableParallelism()),
  trend: { trendYears: 6, prior: TREND_PRIOR, spreadPrior: TREND_SPREAD_PRIOR, leaving: true },
};

export interface AreaProjection {
  areaCode: string;
  parentCode: string | null;
  jumpOff: number;
  /** The projected years. */
  years: number[];
  /** Rates fitted on the LA's history (a locality's are its LA's). */
  fit: RateSet;
  /** A locality's joining and leaving relative to its LA; null for an LA. */
  relative: { joining: RelativeRate; leaving: RelativeRate } | null;
  /** The rates projected with. */
  rates: Rates;
  populationGrowth: number;
  /** Simulated runs behind the intervals. */
  simulations: number;
  /** Population by age in the jump-off year. */
  population: number[];
  cells: ProjectedCell[];
}

export interface BacktestCell extends Band {
  year: number;
  breakdown: 'all' | 'age_band';
  breakdownValue: string;
  actual: number;
  predicted: number;
}

export interface AreaBacktest {
  fittedTo: number;
  fitYears: number[];
  years: number[];
  cells: BacktestCell[];
}

export interface Forecast {
  options: ForecastOptions;
  /** The last complete calendar year (null when the extract has none). */
  jumpOff: number | null;
  /** The complete calendar years of the extract (the history the model is fitted on), oldest first. */
  historyYears: number[];
  years: number[];
  needs: string[];
  projections: Map<string, AreaProjection>;
  backtests: Map<string, AreaBacktest>;
  /** Rolling-origin backtests of the LA totals (every origin): how often the bands held; null without history. */
  calibration: CalibrationSummary | null;
  /** Why there is no backtest, when there is none. */
  backtestNote: string | null;
  /** Worker threads it was computed in (0: in the calling thread, also when the workers failed). */
  workers: number;
}

const total = (m: number[][] | undefined): number => (m ?? []).reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);

/** A locality's share of its LA: of the population in the jump-off year, else of the plans then. */
function shareOfParent(history: AreaHistory, parent: AreaHistory | undefined, jumpOff: number): number {
  const of = (h: AreaHistory | undefined, pick: (y: HistoryYear) => number) => {
    const y = h?.years.find((x) => x.year === jumpOff);
    return y ? pick(y) : 0;
  };
  const population = (y: HistoryYear) => y.population.reduce((s, x) => s + x, 0);
  const plans = (y: HistoryYear) => total(y.atEnd);
  if (of(parent, population) > 0) return of(history, population) / of(parent, population);
  if (of(parent, plans) > 0) return of(history, plans) / of(parent, plans);
  return 0;
}

/** What a projection is for: the published forecast, or the backtest (each has its own random streams). */
type Purpose = 'forecast' | 'backtest';

function projectArea(history: AreaHistory, jumpOff: number, horizon: number, parent: { fit: RateSet; history: AreaHistory } | null, options: ForecastOptions, purpose: Purpose): AreaProjection {
  const known = history.years.filter((y) => y.year <= jumpOff);
  const fitYears = known.slice(-options.rateYears).map((y) => y.year);
  const trend = options.trend;
  const trendYears = trend ? known.slice(-trend.trendYears).map((y) => y.year) : undefined;
  const fit = parent?.fit ?? fitRates(history, fitYears, trend ? { trendYears, spreadPrior: trend.spreadPrior } : {});
  const flatShare = parent ? shareOfParent(history, parent.history, jumpOff) : 1;
  const relative = parent ? relativeRates(parent.fit, history, options.priorStrength, flatShare) : null;
  const rates = scaledRates(fit, relative?.joining.ratio, relative?.leaving.ratio, flatShare);
  const growth = populationGrowth(history, jumpOff);
  const last: HistoryYear | undefined = known.find((y) => y.year === jumpOff);
  const population = last?.population ?? new Array<number>(AGES).fill(0);
  const setup = {
    jumpOff: last?.atEnd ?? Array.from({ length: AGES }, () => new Array<number>(history.needs.length).fill(0)),
    population: Array.from({ length: horizon }, (_, k) => population.map((p) => p * (1 + growth) ** (k + 1))),
    rates,
    ...(trend
      ? { multipliers: { joining: trendMultipliers(fit.joiningTrend, fit.joiningSpread, horizon, trend.prior), leaving: trend.leaving ? trendMultipliers(fit.leavingTrend, fit.leavingSpread, horizon, trend.prior) : new Array<number>(horizon).fill(1) } }
      : {}),
  };
  const expected = project(setup);
  const runs = history.parentCode === null ? options.simulations : options.localitySimulations;
  const simulated = simulate(setup, {
    runs,
    seed: hashSeed(options.seed, history.areaCode, purpose),
    joiningSpread: fit.joiningSpread,
    leavingSpread: fit.leavingSpread,
    fitYearCount: fit.fitYears.length,
    spreadDf: fit.spreadDf,
    yearEffect: options.yearEffect,
    joiningEvents: fit.joiningEvents,
    leavingEvents: fit.leavingEvents,
    joiningRatio: relative?.joining ?? null,
    leavingRatio: relative?.leaving ?? null,
    joiningTrend: trend ? fit.joiningTrend : null,
    leavingTrend: trend?.leaving ? fit.leavingTrend : null,
    ...(trend ? { trendPrior: trend.prior } : {}),
  });
  return {
    areaCode: history.areaCode,
    parentCode: history.parentCode,
    jumpOff,
    years: Array.from({ length: horizon }, (_, k) => jumpOff + k + 1),
    fit,
    relative,
    rates,
    populationGrowth: growth,
    simulations: runs,
    population,
    // The backtest is compared on totals and age bands only: no need cells to summarise.
    cells: summarise(expected, simulated, runs, purpose === 'backtest' ? [] : history.needs, rates.needMix),
  };
}


/** Projections for every area: LAs on their own rates, localities on their LA's, scaled. */
async function projectAll(histories: AreaHistory[], jumpOff: number, horizon: number, options: ForecastOptions, purpose: Purpose): Promise<Map<string, AreaProjection>> {
  const out = new Map<string, AreaProjection>();
  const byCode = new Map(histories.map((h) => [h.areaCode, h]));
  for (const h of histories.filter((x) => x.parentCode === null)) {
    out.set(h.areaCode, projectArea(h, jumpOff, horizon, null, options, purpose));
    await yieldToEventLoop();
  }
  for (const h of histories.filter((x) => x.parentCode !== null)) {
    const parentFit = out.get(h.parentCode ?? '')?.fit;
    const parentHistory = byCode.get(h.parentCode ?? '');
    out.set(h.areaCode, projectArea(h, jumpOff, horizon, parentFit && parentHistory ? { fit: parentFit, history: parentHistory } : null, options, purpose));
    await yieldToEventLoop();
  }
  return out;
}

/** Actual stock at the end of a year: total and by age band. */
function actualCells(y: HistoryYear | undefined): { breakdown: 'all' | 'age_band'; breakdownValue: string; actual: number }[] {
  const byAgeTotal = Array.from({ length: AGES }, (_, a) => (y?.atEnd[a] ?? []).reduce((s, x) => s + x, 0));
  return [
    { breakdown: 'all', breakdownValue: 'all', actual: total(y?.atEnd) },
    ...AGE_BANDS.map((b) => ({
      breakdown: 'age_band' as const,
      breakdownValue: b.band as string,
      actual: byAgeTotal.slice(b.from, b.to + 1).reduce((s, x) => s + x, 0),
    })),
  ];
}

/** Projections and backtest predictions of some areas (whole LAs with their localities), in projectAll's order. */
export interface AreaResults {
  projections: AreaProjection[];
  predictions: AreaProjection[];
}

/** The work of one thread: the areas' projections from `jumpOff`, and predictions fitted to `fittedTo` (null: no backtest). */
export async function forecastAreas(histories: AreaHistory[], jumpOff: number, fittedTo: number | null, options: ForecastOptions): Promise<AreaResults> {
  const projections = await projectAll(histories, jumpOff, options.horizon, options, 'forecast');
  if (fittedTo === null) return { projections: [...projections.values()], predictions: [] };
  const truncated = histories.map((h) => ({ ...h, years: h.years.filter((y) => y.year <= fittedTo) }));
  const predictions = await projectAll(truncated, fittedTo, options.backtestYears, options, 'backtest');
  return { projections: [...projections.values()], predictions: [...predictions.values()] };
}

/** The model from an origin, in this thread, for the rolling-origin backtests (calibration.ts). */
export const projector =
  (options: ForecastOptions): Projector =>
  async (histories, origin, horizon) =>
    (await forecastAreas(histories, origin, null, { ...options, horizon, workers: 0 })).projections;

/** What a worker thread is started with (forecast-worker.ts); it is then sent one LA's histories (with its localities') at a time. */
export interface WorkerContext {
  jumpOff: number;
  fittedTo: number | null;
  options: ForecastOptions;
}

/**
 * The LAs, each with its localities (a locality projects with its LA's rates), shared among
 * `count` workers by simulated runs, largest first to the least loaded: deterministic, and the
 * result does not depend on it (every area has its own random stream).
 */
function shareOut(histories: AreaHistory[], count: number, options: ForecastOptions): AreaHistory[][][] {
  const groups = groupBy(histories, (h) => h.parentCode ?? h.areaCode);
  const runs = (g: AreaHistory[]) => g.reduce((s, h) => s + (h.parentCode === null ? options.simulations : options.localitySimulations), 0);
  const shares = Array.from({ length: count }, () => ({ runs: 0, groups: [] as AreaHistory[][] }));
  for (const g of [...groups.values()].sort((a, b) => runs(b) - runs(a))) {
    const least = shares.reduce((m, x) => (x.runs < m.runs ? x : m));
    least.runs += runs(g);
    least.groups.push(g);
  }
  return shares.map((x) => x.groups).filter((x) => x.length > 0);
}

/**
 * Runs forecast-worker.ts in a worker thread on `groups`. The server runs under tsx, which a
 * worker does not inherit: the worker registers it first, then imports the TypeScript entry.
 * Histories go out and results come back an LA at a time, so that copying them between
 * threads never holds up this thread's other work for long.
 */
function inWorker(groups: AreaHistory[][], context: WorkerContext, started: Worker[]): Promise<AreaResults[]> {
  return new Promise((resolve, reject) => {
    const entry = new URL('./forecast-worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    const worker = new Worker(boot, { eval: true, workerData: context });
    started.push(worker);
    const results: AreaResults[] = [];
    let settled = false;
    worker.on('message', (r: AreaResults) => {
      results.push(r);
      if (results.length < groups.length) return;
      settled = true;
      resolve(results);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`forecast worker exited with code ${code} before answering`));
    });
    void (async () => {
      for (const g of groups) {
        if (settled) return;
        worker.postMessage(g);
        await yieldToEventLoop();
      }
    })();
  });
}

/** The model on the extract's histories (pure: no database). In worker threads, or in this one yielding between areas, so a server stays responsive. */
export async function runForecast(histories: AreaHistory[], options: ForecastOptions = defaultForecastOptions): Promise<Forecast> {
  const years = [...new Set(histories.flatMap((h) => h.years.map((y) => y.year)))].sort((a, b) => a - b);
  const jumpOff = years.at(-1) ?? null;
  const needs = histories[0]?.needs ?? [];
  if (jumpOff === null) {
    return { options, jumpOff, historyYears: years, years: [], needs, projections: new Map(), backtests: new Map(), backtestNote: 'The extract has no complete calendar year.', calibration: null, workers: 0 };
  }
  const fittedTo = jumpOff - options.backtestYears;
  const canBacktest = years.some((y) => y <= fittedTo);
  const backtestNote = canBacktest ? null : `A backtest needs at least ${options.backtestYears + 1} complete calendar years of history; the extract has ${years.length}.`;

  let workers = 0;
  let results: AreaResults[];
  const shares = options.workers > 0 ? shareOut(histories, options.workers, options) : [];
  const started: Worker[] = [];
  try {
    const context: WorkerContext = { jumpOff, fittedTo: canBacktest ? fittedTo : null, options };
    results = (await Promise.all(shares.map((groups) => inWorker(groups, context, started)))).flat();
    workers = shares.length;
  } catch (error) {
    // No worker threads here (e.g. not under tsx), or one failed: the same computation in this thread.
    console.error('forecast workers failed, computing in this thread:', error);
    for (const w of started) void w.terminate();
    results = [];
  }
  if (workers === 0) results = [await forecastAreas(histories, jumpOff, canBacktest ? fittedTo : null, options)];
  // In projectAll's order (LAs, then localities, each in the histories' order), whichever thread computed them.
  const ordered = [...histories.filter((h) => h.parentCode === null), ...histories.filter((h) => h.parentCode !== null)];
  const inOrder = (list: AreaProjection[]) => {
    const byCode = new Map(list.map((p) => [p.areaCode, p]));
    return new Map(ordered.flatMap((h) => {
      const p = byCode.get(h.areaCode);
      return p ? [[h.areaCode, p] as const] : [];
    }));
  };
  const projections = inOrder(results.flatMap((r) => r.projections));
  const predictions = inOrder(results.flatMap((r) => r.predictions));

  const backtests = new Map<string, AreaBacktest>();
  for (const h of histories) {
    const p = predictions.get(h.areaCode);
    if (!p) continue;
    const cells: BacktestCell[] = p.years.flatMap((year, k) =>
      actualCells(h.years.find((y) => y.year === year)).map((c) => {
        const predicted = p.cells.find((x) => x.k === k && x.breakdown === c.breakdown && x.breakdownValue === c.breakdownValue);
        return {
          year,
          ...c,
          predicted: predicted?.value ?? 0,
          lower95: predicted?.lower95 ?? 0,
          upper95: predicted?.upper95 ?? 0,
          lower998: predicted?.lower998 ?? 0,
          upper998: predicted?.upper998 ?? 0,
        };
      }),
    );
    backtests.set(h.areaCode, { fittedTo, fitYears: p.fit.fitYears, years: p.years, cells });
  }
  const calibrationCells = canBacktest ? await rollingOriginBacktest(histories, projector(options)) : [];
  const calibration = calibrationCells.length > 0 ? summariseCalibration(calibrationCells) : null;
  return { options, jumpOff, historyYears: years, years: Array.from({ length: options.horizon }, (_, k) => jumpOff + k + 1), needs, projections, backtests, backtestNote, calibration, workers };
}

/** The default forecast per database and load run (server/db/versioned-cache.ts). */
const forecastCache = new VersionedCache<Forecast>();

/** The forecast of the loaded extract, computed once per load run (with the default options). */
export async function forecastFor(db: Database, options: ForecastOptions = defaultForecastOptions): Promise<Forecast> {
  const compute = () => readHistories(db).then((histories) => runForecast(histories, options));
  if (options !== defaultForecastOptions) return compute();
  const [info] = await db.query<{ run_id: number }>('SELECT run_id FROM extract_info');
  return forecastCache.get(db, info?.run_id ?? -1, 'default', compute);
}

/**
 * The indicator's rows: active plans counted in every complete year up to the jump-off (from
 * sql/indicators/ehc-plans-forecast.sql as the engine runs it, `observed`; no interval) and the five projected years (the
 * expected value, its rounded count as numerator, no denominator, the simulated intervals).
 */
export async function forecastRows(db: Database, observed: () => Promise<SourceRow[]>): Promise<SourceRow[]> {
  const forecast = await forecastFor(db);
  if (forecast.jumpOff === null) return [];
  // Every complete calendar year the model was fitted on, as counted (no part-year, no financial year).
  const counted = new Set(forecast.historyYears.map(String));
  const actual = (await observed()).filter((r) => counted.has(r.period));
  const projected: SourceRow[] = [...forecast.projections.values()].flatMap((p) =>
    p.cells.map((c) => ({
      area_code: p.areaCode,
      period: String(p.years[c.k]),
      breakdown: c.breakdown,
      breakdown_value: c.breakdownValue,
      numerator: Math.round(c.value),
      denominator: null,
      value: c.value,
      lower_95: c.lower95,
      upper_95: c.upper95,
      lower_99_8: c.lower998,
      upper_99_8: c.upper998,
    })),
  );
  return [...actual, ...projected];
}
