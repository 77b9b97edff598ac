import type { Database } from '../db/database.ts';
import type { SourceRow } from '../indicators/engine.ts';
import { readSql } from '../sql-files.ts';
import { readHistories } from './inputs.ts';
import {
  AGE_BANDS, AGES, fitRates, populationGrowth, project, relativeRates, scaledRates, simulate, summarise,
  type AreaHistory, type Band, type HistoryYear, type ProjectedCell, type Rates, type RateSet, type RelativeRate,
} from './model.ts';
import { hashSeed } from './random.ts';

// Runs the cohort model for every area of the loaded extract: the five-year projection from
// the last complete year, its simulated band, and a backtest that refits without the last
// two years and predicts them. Computed once per loaded extract (per database and load run).

export interface ForecastOptions {
  /** Years projected after the jump-off year. */
  horizon: number;
  /** Rates are pooled over the last `rateYears` complete years up to the jump-off. */
  rateYears: number;
  simulations: number;
  seed: number;
  /** Expected events at the LA's rates that a locality's relative rates are shrunk with. */
  priorStrength: number;
  /** Years held back by the backtest. */
  backtestYears: number;
}

export const defaultForecastOptions: ForecastOptions = {
  horizon: 5,
  rateYears: 3,
  simulations: 4000,
  seed: 20250116,
  priorStrength: 10,
  backtestYears: 2,
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
  years: number[];
  needs: string[];
  projections: Map<string, AreaProjection>;
  backtests: Map<string, AreaBacktest>;
  /** Why there is no backtest, when there is none. */
  backtestNote: string | null;
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

function projectArea(history: AreaHistory, jumpOff: number, horizon: number, parent: { fit: RateSet; history: AreaHistory } | null, options: ForecastOptions, purpose: string): AreaProjection {
  const known = history.years.filter((y) => y.year <= jumpOff);
  const fitYears = known.slice(-options.rateYears).map((y) => y.year);
  const fit = parent?.fit ?? fitRates(history, fitYears);
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
  };
  const expected = project(setup);
  const simulated = simulate(setup, {
    runs: options.simulations,
    seed: hashSeed(options.seed, history.areaCode, purpose),
    joiningSpread: fit.joiningSpread,
    leavingSpread: fit.leavingSpread,
    fitYearCount: fit.fitYears.length,
    joiningRatio: relative?.joining ?? null,
    leavingRatio: relative?.leaving ?? null,
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
    population,
    cells: summarise(expected, simulated, options.simulations, history.needs, rates.needMix),
  };
}

/** Lets queued I/O (other requests) run between areas: all of England is over a thousand areas. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Projections for every area: LAs on their own rates, localities on their LA's, scaled. */
async function projectAll(histories: AreaHistory[], jumpOff: number, horizon: number, options: ForecastOptions, purpose: string): Promise<Map<string, AreaProjection>> {
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

/** The model on the extract's histories (pure: no database; yields between areas so a server stays responsive). */
export async function runForecast(histories: AreaHistory[], options: ForecastOptions = defaultForecastOptions): Promise<Forecast> {
  const years = [...new Set(histories.flatMap((h) => h.years.map((y) => y.year)))].sort((a, b) => a - b);
  const jumpOff = years.at(-1) ?? null;
  const needs = histories[0]?.needs ?? [];
  if (jumpOff === null) {
    return { options, jumpOff, years: [], needs, projections: new Map(), backtests: new Map(), backtestNote: 'The extract has no complete calendar year.' };
  }
  const projections = await projectAll(histories, jumpOff, options.horizon, options, 'forecast');

  const backtests = new Map<string, AreaBacktest>();
  const fittedTo = jumpOff - options.backtestYears;
  let backtestNote: string | null = null;
  if (!years.some((y) => y <= fittedTo)) {
    backtestNote = `A backtest needs at least ${options.backtestYears + 1} complete calendar years of history; the extract has ${years.length}.`;
  } else {
    const truncated = histories.map((h) => ({ ...h, years: h.years.filter((y) => y.year <= fittedTo) }));
    const predictions = await projectAll(truncated, fittedTo, options.backtestYears, options, 'backtest');
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
  }
  return { options, jumpOff, years: Array.from({ length: options.horizon }, (_, k) => jumpOff + k + 1), needs, projections, backtests, backtestNote };
}

const cache = new WeakMap<Database, { runId: number; forecast: Promise<Forecast> }>();

/** The forecast of the loaded extract, computed once per load run. */
export async function forecastFor(db: Database, options: ForecastOptions = defaultForecastOptions): Promise<Forecast> {
  const [info] = await db.query<{ run_id: number }>('SELECT run_id FROM extract_info');
  const runId = info?.run_id ?? -1;
  const cached = cache.get(db);
  if (cached && cached.runId === runId && options === defaultForecastOptions) return cached.forecast;
  const forecast = readHistories(db).then((histories) => runForecast(histories, options));
  if (options === defaultForecastOptions) {
    cache.set(db, { runId, forecast });
    forecast.catch(() => cache.delete(db));
  }
  return forecast;
}

/**
 * The indicator's rows: the jump-off year's actual active plans (from
 * sql/indicators/ehc-plans-forecast.sql, no interval) and the five projected years (the
 * expected value, its rounded count as numerator, no denominator, the simulated intervals).
 */
export async function forecastRows(db: Database): Promise<SourceRow[]> {
  const forecast = await forecastFor(db);
  if (forecast.jumpOff === null) return [];
  const jumpOff = String(forecast.jumpOff);
  const actual = (await db.query<SourceRow>(readSql('indicators/ehc-plans-forecast.sql'))).filter((r) => r.period === jumpOff);
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
