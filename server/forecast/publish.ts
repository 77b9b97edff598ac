import { suppress, type Additivity, type Cell, type SuppressionResult } from '../disclosure/index.ts';
import type { Area } from '../../contract/common.ts';
import type { BacktestRow, BacktestSummary, FittedRate, ForecastResponse } from '../../contract/forecast.ts';
import type { Forecast } from './forecast.ts';
import { AGES, ageBand, driftPosterior, type RateSet } from './model.ts';

// What GET /api/forecast publishes besides the indicator rows: the method in words, the
// fitted rates by age and the backtest. Counts behind them go through disclosure control as
// the indicators do: a rate or an actual resting on 1 to `threshold` plans is suppressed,
// with secondary suppression so none can be recovered by subtraction.

const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const list = (years: (number | string)[]) =>
  years.length <= 1 ? years.join('') : `${years.slice(0, -1).join(', ')} and ${String(years.at(-1))}`;

/** The method, in plain English, with this extract's years and figures. */
export function describeMethod(forecast: Forecast, area: Area): string {
  if (forecast.jumpOff === null) return 'No projection: the extract holds no complete calendar year to start from.';
  const p = forecast.projections.get(area.area_code);
  const fitYears = p?.fit.fitYears ?? [];
  const growth = p?.populationGrowth ?? 0;
  const o = forecast.options;
  const parts = [
    `A projection, not a target: how many EHC plans would be active on 31 December of each of the next ${o.horizon} years (${list(forecast.years)}) if the patterns of ${list(fitYears)}${o.trend ? ', and the way the rates have been moving,' : ''} carried on.`,
    `It is a cohort model by single year of age (0 to 25 on 31 December). It starts from the plans active on 31 December ${forecast.jumpOff} and, each year, ages every plan holder by a year, adds new plans and takes away plans that end.`,
    `New plans at each age are the joining rate times the people of that age who do not already hold a plan (the ONS population minus plans held); the joining rate is the new plans of ${list(fitYears)} divided by those people, pooled over the years.`,
    'Plans end at the leaving rate for the age: plans that ceased in the year divided by the plans held at its start plus half the new plans (open for about half the year on average). Every plan ends by age 26.',
    growth === 0
      ? `The population by age is held flat at the latest ONS mid-year estimate (the extract holds only one).`
      : `The population by age is the latest ONS mid-year estimate grown by the extract's own trend: ${percent(growth, 2)} a year in the population aged 0 to 25 between the first and last estimates it holds.`,
    'By primary need: plans already held keep their need; new plans take the need mix of new plans in the same age band in those years.',
  ];
  if (o.trend) parts.push(trendSentence(forecast, p?.fit));
  if (area.parent_code) {
    parts.push(
      `For a locality, the LA's rates by age are scaled by how many plans started and ended there compared with the LA's rates (${o.priorStrength} expected plans at the LA's rates are added to both, so a small locality leans towards its LA).`,
    );
  }
  parts.push(
    `The band comes from ${(p?.simulations ?? o.simulations).toLocaleString('en-GB')} simulations (seed ${o.seed}, so it is the same every time${area.parent_code ? `; ${o.localitySimulations.toLocaleString('en-GB')} for a locality against ${o.simulations.toLocaleString('en-GB')} for an LA, so a locality's bounds carry a little more chance variation, about 1-3% of the bound for the 95% interval` : ''}): each draws ${o.trend ? "where the rates stand now and how fast they are moving (within what the past years allow)" : "how far the rates' average level might be from the one measured"}, a fresh year-to-year swing for each future year (sized from the swings seen in the past years), ${area.parent_code ? "the locality's own scaling, " : ''}and chance variation in the numbers starting (Poisson) and ending (binomial). The 95% and 99.8% intervals hold the middle 95% and 99.8% of the simulated results; the line is the expected value.`,
    forecast.backtests.size > 0
      ? `Backtest: the model was refitted as if the extract ended in ${forecast.jumpOff - o.backtestYears} and its predictions for ${list(Array.from({ length: o.backtestYears }, (_, i) => (forecast.jumpOff ?? 0) - o.backtestYears + i + 1))} compared with the plans counted.`
      : `Backtest: ${forecast.backtestNote ?? 'not available.'}`,
    `Not modelled: sex${o.trend ? '' : ', trends in the rates themselves'}, and changes in policy, local capacity or the law. Projected numbers are rounded for the count; small projected numbers are suppressed like counted ones.`,
  );
  return parts.join(' ');
}

/** The rates' trend in words: where they stand against the pooled rates and the drift carried on. */
function trendSentence(forecast: Forecast, fit: RateSet | undefined): string {
  const prior = forecast.options.trend?.prior;
  if (!fit || !prior) return '';
  const years = fit.joiningTrend.steps + 1;
  const change = (x: number) => `${x >= 0 ? 'up' : 'down'} ${percent(Math.abs(Math.exp(x) - 1))}`;
  const joiningDrift = driftPosterior(fit.joiningTrend, fit.joiningSpread, prior.driftSd).mean;
  const leavingDrift = driftPosterior(fit.leavingTrend, fit.leavingSpread, prior.driftSd).mean;
  return `The rates are not held flat: they start where they stood in ${forecast.jumpOff ?? ''} (joining ${change(fit.joiningTrend.level)} and leaving ${change(fit.leavingTrend.level)} on the pooled rates) and carry on moving as they moved over the last ${years} years, the trend pulled towards no change where few years show it (joining ${change(joiningDrift)} a year, leaving ${change(leavingDrift)} a year) and fading by ${percent(1 - prior.damping, 0)} each year.`;
}

/** The fitted rates by age an area projects with, suppressed where they rest on small counts. */
export function publishRates(forecast: Forecast, areas: Area[], areaCode: string, threshold: number): { rates: FittedRate[]; joiningRatio: number | null; leavingRatio: number | null } {
  const p = forecast.projections.get(areaCode);
  if (!p) return { rates: [], joiningRatio: null, leavingRatio: null };
  const la = p.parentCode ?? p.areaCode;
  const cells: Cell[] = [];
  const groups: Additivity[] = [];
  const cell = (key: string, numerator: number) => cells.push({ key, numerator, denominator: null, denominatorIsCount: false });
  for (const kind of ['J', 'L'] as const) {
    for (const lea of areas.filter((a) => a.area_type === 'la')) {
      const q = forecast.projections.get(lea.area_code);
      if (!q) continue;
      const counts = kind === 'J' ? q.fit.joiners : q.fit.ceases;
      const ages = Array.from({ length: AGES }, (_, a) => `${kind}|${lea.area_code}|${a}`);
      ages.forEach((key, a) => cell(key, counts[a] ?? 0));
      cell(`${kind}|${lea.area_code}|all`, counts.reduce((s, x) => s + x, 0));
      groups.push({ total: `${kind}|${lea.area_code}|all`, parts: ages });
      const localities = areas.filter((a) => a.parent_code === lea.area_code && forecast.projections.get(a.area_code)?.relative);
      for (const l of localities) {
        const rel = forecast.projections.get(l.area_code)?.relative;
        cell(`${kind}|${l.area_code}|ratio`, (kind === 'J' ? rel?.joining.observed : rel?.leaving.observed) ?? 0);
      }
      if (localities.length > 0) groups.push({ total: `${kind}|${lea.area_code}|all`, parts: localities.map((l) => `${kind}|${l.area_code}|ratio`) });
    }
  }
  const result = suppress(cells, groups, { threshold });
  const hidden = (key: string) => result.get(key)?.suppressed ?? false;
  const joiningRatioHidden = p.parentCode !== null && hidden(`J|${p.areaCode}|ratio`);
  const leavingRatioHidden = p.parentCode !== null && hidden(`L|${p.areaCode}|ratio`);
  const rates = Array.from({ length: AGES }, (_, a): FittedRate => {
    const joiningSuppressed = hidden(`J|${la}|${a}`) || joiningRatioHidden;
    const leavingSuppressed = hidden(`L|${la}|${a}`) || leavingRatioHidden;
    const joining = (p.rates.joining[a] ?? 0) > 0 || (p.rates.joiningFlat[a] ?? 0) === 0 ? (p.rates.joining[a] ?? 0) : null;
    return {
      age: a,
      age_band: ageBand(a),
      population: p.population[a] ?? null,
      joining_rate: joiningSuppressed ? null : joining,
      leaving_rate: leavingSuppressed ? null : (p.rates.leaving[a] ?? 0),
      joining_suppressed: joiningSuppressed,
      leaving_suppressed: leavingSuppressed,
    };
  });
  return {
    rates,
    joiningRatio: p.relative && !joiningRatioHidden ? p.relative.joining.ratio : null,
    leavingRatio: p.relative && !leavingRatioHidden ? p.relative.leaving.ratio : null,
  };
}

/** The backtest of an area, with the actuals suppressed as the indicators would suppress them. */
export function publishBacktest(forecast: Forecast, areas: Area[], areaCode: string, threshold: number): ForecastResponse['backtest'] {
  const own = forecast.backtests.get(areaCode);
  if (!own) {
    return { available: false, note: forecast.backtestNote ?? 'No backtest for this area.', fitted_to: null, fit_years: [], predicted_years: [], rows: [], summary: [] };
  }
  // Every area's actuals together: bands add up to the total, localities to their LA.
  const key = (area: string, year: number, breakdown: string, value: string) => `${area}|${year}|${breakdown}|${value}`;
  const cells: Cell[] = [];
  const groups = new Map<string, Additivity>();
  const addToGroup = (groupKey: string, total: string, part: string) => {
    const g = groups.get(groupKey) ?? { total, parts: [] };
    g.parts.push(part);
    groups.set(groupKey, g);
  };
  const parentOf = new Map(areas.map((a) => [a.area_code, a.parent_code]));
  for (const [area, b] of forecast.backtests) {
    for (const c of b.cells) {
      const k = key(area, c.year, c.breakdown, c.breakdownValue);
      cells.push({ key: k, numerator: c.actual, denominator: null, denominatorIsCount: false });
      if (c.breakdown !== 'all') addToGroup(`b|${area}|${c.year}`, key(area, c.year, 'all', 'all'), k);
      const parent = parentOf.get(area);
      if (parent && forecast.backtests.has(parent)) addToGroup(`a|${parent}|${c.year}|${c.breakdownValue}`, key(parent, c.year, c.breakdown, c.breakdownValue), k);
    }
  }
  const suppression: Map<string, SuppressionResult> = suppress(cells, [...groups.values()], { threshold });
  const rows: BacktestRow[] = own.cells.map((c) => {
    const suppressed = suppression.get(key(areaCode, c.year, c.breakdown, c.breakdownValue))?.suppressed ?? false;
    const actual = suppressed ? null : c.actual;
    const error = actual === null ? null : c.predicted - actual;
    return {
      period: String(c.year),
      breakdown: c.breakdown,
      breakdown_value: c.breakdownValue,
      actual,
      predicted: c.predicted,
      error,
      percent_error: actual === null || actual === 0 || error === null ? null : (100 * error) / actual,
      lower_95: c.lower95,
      upper_95: c.upper95,
      lower_99_8: c.lower998,
      upper_99_8: c.upper998,
      within_95: actual === null ? null : actual >= c.lower95 && actual <= c.upper95,
      within_99_8: actual === null ? null : actual >= c.lower998 && actual <= c.upper998,
      suppressed,
    };
  });
  const summary: BacktestSummary[] = [];
  for (const r of rows) {
    if (summary.some((s) => s.breakdown === r.breakdown && s.breakdown_value === r.breakdown_value)) continue;
    const same = rows.filter((x) => x.breakdown === r.breakdown && x.breakdown_value === r.breakdown_value);
    const errors = same.map((x) => x.error);
    const percents = same.map((x) => x.percent_error);
    const mean = (xs: (number | null)[]) => (xs.some((x) => x === null) || xs.length === 0 ? null : xs.reduce<number>((s, x) => s + (x ?? 0), 0) / xs.length);
    summary.push({
      breakdown: r.breakdown,
      breakdown_value: r.breakdown_value,
      mape: mean(percents.map((x) => (x === null ? null : Math.abs(x)))),
      mean_error: mean(errors),
    });
  }
  return {
    available: true,
    note: null,
    fitted_to: String(own.fittedTo),
    fit_years: own.fitYears.map(String),
    predicted_years: own.years.map(String),
    rows,
    summary,
  };
}

/** How often the bands held in the rolling-origin backtests of the LA totals (forecast.calibration). */
export function publishCalibration(forecast: Forecast): ForecastResponse['calibration'] {
  const c = forecast.calibration;
  if (!c) return null;
  return {
    origins: c.origins.map(String),
    predictions: c.predictions,
    inside_95: c.inside95,
    inside_99_8: c.inside998,
    mape: c.mape,
    mape_no_change: c.mapeNoChange,
    mape_linear_trend: c.mapeLinearTrend,
  };
}
