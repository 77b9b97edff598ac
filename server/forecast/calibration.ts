import type { AreaHistory, ProjectedCell } from './model.ts';

// Rolling-origin backtests: the model refitted at every possible origin (each complete year
// from the second to the last but one, fitted only on the data up to it) and compared with
// every later year it could predict. Used by the forecast (how often the band held on the
// loaded extract) and by bench/forecast-calibration.ts (across generated extracts).

export interface CalibrationCell {
  areaCode: string;
  parentCode: string | null;
  origin: number;
  year: number;
  /** Years ahead of the origin (1 = the first projected year). */
  horizon: number;
  actual: number;
  predicted: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
  /** The naive forecasts: the origin year's count, and the least-squares line through the years up to the origin. */
  noChange: number;
  linearTrend: number;
}

const total = (y: AreaHistory['years'][number] | undefined): number =>
  (y?.atEnd ?? []).reduce((s, row) => s + row.reduce((t, x) => t + x, 0), 0);

/** The least-squares line through (year, count), read at `year`; the last count when there is one point. */
export function linearTrend(points: { year: number; count: number }[], year: number): number {
  const n = points.length;
  const last = points.at(-1);
  if (!last) return 0;
  if (n < 2) return last.count;
  const mx = points.reduce((s, p) => s + p.year, 0) / n;
  const my = points.reduce((s, p) => s + p.count, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.year - mx) ** 2, 0);
  const slope = points.reduce((s, p) => s + (p.year - mx) * (p.count - my), 0) / sxx;
  return my + slope * (year - mx);
}

/** Every origin a backtest can start from: complete years with at least one fit year before them and a later year to predict. */
export function backtestOrigins(histories: AreaHistory[]): number[] {
  const years = [...new Set(histories.flatMap((h) => h.years.map((y) => y.year)))].sort((a, b) => a - b);
  return years.slice(1, -1);
}

/** The model run from an origin for `horizon` years (forecast.ts `projector`): each area's projected cells. */
export type Projector = (
  histories: AreaHistory[],
  origin: number,
  horizon: number,
) => Promise<{ areaCode: string; parentCode: string | null; cells: ProjectedCell[] }[]>;

/** Rolling-origin backtest of the LA totals (and localities' totals when `localities`). */
export async function rollingOriginBacktest(histories: AreaHistory[], project: Projector, localities = false): Promise<CalibrationCell[]> {
  const areas = localities ? histories : histories.filter((h) => h.parentCode === null);
  const last = Math.max(...histories.flatMap((h) => h.years.map((y) => y.year)));
  const cells: CalibrationCell[] = [];
  for (const origin of backtestOrigins(histories)) {
    const truncated = areas.map((h) => ({ ...h, years: h.years.filter((y) => y.year <= origin) }));
    const projections = await project(truncated, origin, last - origin);
    for (const p of projections) {
      const history = areas.find((h) => h.areaCode === p.areaCode);
      if (!history) continue;
      const past = history.years.filter((y) => y.year <= origin).map((y) => ({ year: y.year, count: total(y) }));
      for (const c of p.cells.filter((x) => x.breakdown === 'all')) {
        const year = origin + c.k + 1;
        const actual = history.years.find((y) => y.year === year);
        if (!actual) continue;
        cells.push({
          areaCode: p.areaCode, parentCode: p.parentCode, origin, year, horizon: c.k + 1,
          actual: total(actual), predicted: c.value, lower95: c.lower95, upper95: c.upper95, lower998: c.lower998, upper998: c.upper998,
          noChange: past.at(-1)?.count ?? 0, linearTrend: linearTrend(past, year),
        });
      }
    }
  }
  return cells;
}

export interface CalibrationSummary {
  predictions: number;
  origins: number[];
  inside95: number;
  inside998: number;
  /** Mean absolute percentage error of the model, and of the no-change and linear-trend forecasts. */
  mape: number | null;
  mapeNoChange: number | null;
  mapeLinearTrend: number | null;
}

export function summariseCalibration(cells: CalibrationCell[]): CalibrationSummary {
  const usable = cells.filter((c) => c.actual > 0);
  const mape = (f: (c: CalibrationCell) => number) =>
    usable.length === 0 ? null : (100 * usable.reduce((s, c) => s + Math.abs(f(c) - c.actual) / c.actual, 0)) / usable.length;
  return {
    predictions: cells.length,
    origins: [...new Set(cells.map((c) => c.origin))].sort((a, b) => a - b),
    inside95: cells.filter((c) => c.actual >= c.lower95 && c.actual <= c.upper95).length,
    inside998: cells.filter((c) => c.actual >= c.lower998 && c.actual <= c.upper998).length,
    mape: mape((c) => c.predicted),
    mapeNoChange: mape((c) => c.noChange),
    mapeLinearTrend: mape((c) => c.linearTrend),
  };
}
