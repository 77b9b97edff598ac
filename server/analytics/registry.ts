import type { ZodMiniType } from 'zod/mini';
import { linkKey, noLinks, type LinkedPattern, type LinkedStatus } from '../disclosure/linked.ts';
import { periodsFor, type MeasureKind } from '../disclosure/periods.ts';
import { forecastQuerySchema, forecastResponseSchema, type ForecastQuery, type ForecastResponse, type ForecastRow } from '../../contract/forecast.ts';
import { forecastFor, type Forecast } from '../forecast/forecast.ts';
import { describeMethod, publishBacktest, publishCalibration, publishRates } from '../forecast/publish.ts';
import { ehcPlansForecast } from '../indicators/definitions/ehc-plans-forecast.ts';
import { ehcPlansRate } from '../indicators/definitions/ehc-plans-rate.ts';
import { personalBudgetTakeUp } from '../indicators/definitions/personal-budget-take-up.ts';
import { transitionAssessmentGap } from '../indicators/definitions/transition-assessment-gap.ts';
import { computeIndicator } from '../indicators/engine.ts';
import type { DataContext } from '../data-context.ts';
import type { Area, Period } from '../../contract/common.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import type { BreakdownId } from '../../contract/vocabularies.ts';
import type { ServingEnv } from '../serving-env.ts';
import { budgetsQuerySchema, budgetsResponseSchema, type BudgetsQuery, type BudgetsResponse } from '../../contract/budgets.ts';
import { computeBudgets, type BudgetsModel } from './budgets.ts';
import { cached } from './cache.ts';
import { journeyQuerySchema, journeyResponseSchema, provisionGapsQuerySchema, provisionGapsResponseSchema, type JourneyQuery, type JourneyResponse, type ProvisionGapsQuery, type ProvisionGapsResponse } from '../../contract/analytics.ts';
import { feedbackThemesQuerySchema, feedbackThemesResponseSchema, type FeedbackThemesQuery, type FeedbackThemesResponse } from '../../contract/feedback.ts';
import { computeFeedbackThemes, type FeedbackThemesModel } from './feedback-themes.ts';
import { computeJourney, journeyView, type JourneyModel } from './journey.ts';
import { resolveArea, resolvePeriod, servedAreas } from './periods.ts';
import { provisionGaps } from './provision-gaps.ts';
import type { AnalyticsQuery } from './sql.ts';
import { transitionsQuerySchema, transitionsResponseSchema, type TransitionsQuery, type TransitionsResponse } from '../../contract/transitions.ts';
import { computeTransitions, type TransitionsModel } from './transitions.ts';

// Every analytics endpoint in one shape, one entry each: its contract (query and response
// schemas), the SQL it runs (from the allow-list in sql.ts), `compute` (disclosure control over
// everything that must be protected together: cached per data version, threshold and `computeKey`)
// and `slice` (one request's answer out of the computed model). server/api/analytics-routes.ts
// serves them all in one loop; server/exports/analytics-tables.ts derives each CSV table from
// its entry, so a download holds exactly the JSON's figures.

export interface AnalyticsEndpoint<Q, S, M, R> {
  /** Names the cached computations. */
  id: string;
  /** The JSON route. */
  path: string;
  query: ZodMiniType<Q>;
  response: ZodMiniType<R>;
  /** Whether the endpoint takes `area` (else it always answers for the extract's LA and its localities). */
  byArea: boolean;
  /** The SQL files (sql/analytics/<name>.sql, allow-listed in sql.ts) `compute` runs. */
  sql: readonly AnalyticsQuery[];
  /** The request against the loaded data: 404 (NotFoundError) for an area or period it does not have or publish. */
  resolve(context: DataContext, query: Q): S;
  /** What of the request the computation depends on: one computation (and cache entry) per value. */
  computeKey(request: S): string;
  compute(env: ServingEnv, context: DataContext, request: S): Promise<M>;
  slice(env: ServingEnv, context: DataContext, model: M, request: S): R | Promise<R>;
  /** The resolved query of a response (area, period, breakdown), for download file names. */
  resolved(response: R): string[];
}

/** Any entry of the registry, whatever its types (methods are compared loosely, so every entry fits). */
export type AnyAnalyticsEndpoint = AnalyticsEndpoint<unknown, unknown, unknown, unknown>;

/** A validated query's answer: computed (or taken from the cache), sliced and checked against the response schema. */
export async function answer<Q, S, M, R>(endpoint: AnalyticsEndpoint<Q, S, M, R>, env: ServingEnv, context: DataContext, query: Q): Promise<R> {
  const request = endpoint.resolve(context, query);
  const key = `${endpoint.id}|${env.threshold}|${endpoint.computeKey(request)}`;
  const model = await cached(context, key, () => endpoint.compute(env, context, request));
  return endpoint.response.parse(await endpoint.slice(env, context, model, request));
}

const define = <Q, S, M, R>(endpoint: AnalyticsEndpoint<Q, S, M, R>): AnalyticsEndpoint<Q, S, M, R> => endpoint;

interface AreaPeriod {
  area: Area;
  period: Period;
}
const areaPeriod = (kind: MeasureKind) => (context: DataContext, query: { area?: string | undefined; period?: string | undefined }): AreaPeriod => ({
  area: resolveArea(context, query.area),
  period: resolvePeriod(context, query.period, kind),
});
const byPeriod = (request: { period: Period }): string => request.period.period;

export const journeyEndpoint = define<JourneyQuery, AreaPeriod, JourneyModel, JourneyResponse>({
  id: 'journey',
  path: '/api/analytics/journey',
  query: journeyQuerySchema,
  response: journeyResponseSchema,
  byArea: true,
  sql: ['journey-steps', 'journey-overlap', 'journey-waiting'],
  resolve: areaPeriod('flow'),
  computeKey: byPeriod,
  compute: (env, context, { period }) => computeJourney(env.db, context, env.threshold, period),
  slice: (env, context, model, { area, period }) => journeyView(context, env.threshold, model, area, period),
  resolved: (r) => [r.area.area_code, r.period.period],
});

export const provisionGapsEndpoint = define<ProvisionGapsQuery, { period: Period }, ProvisionGapsResponse, ProvisionGapsResponse>({
  id: 'provision-gaps',
  path: '/api/analytics/provision-gaps',
  query: provisionGapsQuerySchema,
  response: provisionGapsResponseSchema,
  byArea: false,
  sql: ['provision-demand', 'provision-capacity', 'provision-commissioning', 'placements'],
  resolve: (context, query) => ({ period: resolvePeriod(context, query.period, 'flow') }),
  computeKey: byPeriod,
  compute: (env, context, { period }) => provisionGaps(env.db, context, env.threshold, period),
  // The extract's LA and its localities, computed together: the whole model is the answer.
  slice: (_env, _context, model) => model,
  resolved: (r) => [r.period.period],
});

/** An indicator whose rows (all areas, published periods, these breakdowns) an endpoint shares counts with. */
interface Link {
  indicator: IndicatorDefinition;
  breakdowns: BreakdownId[];
}

/** The suppression pattern of the linked indicators' rows (server/disclosure/linked.ts). */
async function linkedPattern(env: ServingEnv, context: DataContext, links: readonly Link[]): Promise<LinkedPattern> {
  if (links.length === 0) return noLinks;
  const pattern = new Map<string, LinkedStatus>();
  for (const { indicator, breakdowns } of links) {
    const types = indicator.periodType === 'snapshot' ? (['calendar-year', 'financial-year'] as const) : (['calendar-year'] as const);
    for (const area of servedAreas(context)) {
      for (const by of breakdowns) {
        for (const periodType of types) {
          // An indicator with no figures for an area (a breakdown it lacks there) links nothing there.
          const rows = await computeIndicator(env.db, context, indicator, { area: area.area_code, period: 'all', periodType, by }, { threshold: env.threshold, reference: null }).catch(() => []);
          for (const r of rows) pattern.set(linkKey(indicator.id, r.area_code, r.period, r.breakdown, r.breakdown_value), { suppressed: r.suppressed || r.rounded === true, reason: r.suppression_reason ?? (r.rounded === true ? 'primary' : null) });
        }
      }
    }
  }
  return pattern;
}

/** The insight endpoints' common head: the data notice and the resolved area and period. */
const envelope = (context: DataContext, { area, period }: AreaPeriod) => ({ data: context.notice, query: { area: area.area_code, period: period.period } });

// Feedback themes: every flow period at once, since each theme's trend spans them all.
export const feedbackThemesEndpoint = define<FeedbackThemesQuery, AreaPeriod, FeedbackThemesModel, FeedbackThemesResponse>({
  id: 'feedback-themes',
  path: '/api/feedback/themes',
  query: feedbackThemesQuerySchema,
  response: feedbackThemesResponseSchema,
  byArea: true,
  sql: ['feedback-comments'],
  resolve: areaPeriod('flow'),
  computeKey: () => 'every-period',
  compute: (env, context) => computeFeedbackThemes(env.db, servedAreas(context), periodsFor(context.periods, 'flow'), env.threshold),
  slice: (_env, context, model, request) => ({ ...envelope(context, request), ...model.view(request.area, request.period) }),
  resolved: (r) => [r.query.area, r.query.period],
});

// Budgets: a snapshot on each period's last day; one period at a time (nothing links two periods' counts).
// Take-up (all, by element, by mechanism) and active plans are the indicator's numerators and denominator.
// Active plans are the ehc-plans-rate numerator.
const budgetLinks: Link[] = [
  { indicator: personalBudgetTakeUp, breakdowns: ['all', 'budget_element', 'budget_mechanism'] },
  { indicator: ehcPlansRate, breakdowns: ['all'] },
];
export const budgetsEndpoint = define<BudgetsQuery, AreaPeriod, BudgetsModel, BudgetsResponse>({
  id: 'budgets',
  path: '/api/budgets',
  query: budgetsQuerySchema,
  response: budgetsResponseSchema,
  byArea: true,
  sql: ['budgets-take-up', 'budgets-amounts'],
  resolve: areaPeriod('snapshot'),
  computeKey: byPeriod,
  compute: async (env, context, { period }) => computeBudgets(env.db, servedAreas(context), [period], env.threshold, await linkedPattern(env, context, budgetLinks)),
  slice: (_env, context, model, request) => ({ ...envelope(context, request), ...model.view(request.area, request.period) }),
  resolved: (r) => [r.query.area, r.query.period],
});

// Transitions: young people who turned 18 and plans that ceased in the period (counts of events), one period at a time.
// turned_18 is the transition-assessment-gap denominator, turned_18 - assessed_before_18 its numerator.
const transitionLinks: Link[] = [{ indicator: transitionAssessmentGap, breakdowns: ['all'] }];
export const transitionsEndpoint = define<TransitionsQuery, AreaPeriod & { by: 'age' | 'age_band' }, TransitionsModel, TransitionsResponse>({
  id: 'transitions',
  path: '/api/transitions',
  query: transitionsQuerySchema,
  response: transitionsResponseSchema,
  byArea: true,
  sql: ['transitions-pfa', 'transitions-care-act', 'transitions-ceased'],
  resolve: (context, query) => ({ ...areaPeriod('flow')(context, query), by: query.by ?? 'age_band' }),
  computeKey: byPeriod,
  compute: async (env, context, { period }) => computeTransitions(env.db, servedAreas(context), [period], env.threshold, await linkedPattern(env, context, transitionLinks)),
  slice: (_env, context, model, request) => {
    const head = envelope(context, request);
    return { ...head, query: { ...head.query, by: request.by }, ...model.view(request.area, request.period, request.by) };
  },
  resolved: (r) => [r.query.area, r.query.period, r.query.by],
});

/** The ehc-plans-forecast indicator's rows (disclosure control applied) with the model, rates and backtest. */
export const forecastEndpoint = define<ForecastQuery, { area: Area; by: ForecastResponse['query']['by'] }, Forecast, ForecastResponse>({
  id: 'forecast',
  path: '/api/forecast',
  query: forecastQuerySchema,
  response: forecastResponseSchema,
  byArea: true,
  // The model reads its histories itself (server/forecast/inputs.ts) and runs off the event loop.
  sql: [],
  resolve: (context, query) => ({ area: resolveArea(context, query.area), by: query.by ?? 'all' }),
  computeKey: () => 'model',
  compute: (env) => forecastFor(env.db),
  slice: async (env, context, forecast, { area, by }) => {
    const rows = await computeIndicator(env.db, context, ehcPlansForecast, { area: area.area_code, period: 'all', periodType: 'calendar-year', by }, {
      threshold: env.threshold,
      reference: env.reference,
    });
    const projection: ForecastRow[] = rows.map((r) => ({ ...r, kind: forecast.jumpOff !== null && Number(r.period) > forecast.jumpOff ? 'projected' : 'actual' }));
    const p = forecast.projections.get(area.area_code);
    const { rates, joiningRatio, leavingRatio } = publishRates(forecast, context.areas, area.area_code, env.threshold);
    return {
      data: context.notice,
      query: { area: area.area_code, by },
      area,
      method: describeMethod(forecast, area),
      model: {
        jump_off_year: forecast.jumpOff === null ? null : String(forecast.jumpOff),
        projected_years: forecast.years.map(String),
        fit_years: (p?.fit.fitYears ?? []).map(String),
        population_growth: p?.populationGrowth ?? 0,
        joining_year_spread: p?.fit.joiningSpread ?? 0,
        leaving_year_spread: p?.fit.leavingSpread ?? 0,
        joining_ratio: joiningRatio,
        leaving_ratio: leavingRatio,
        simulations: p?.simulations ?? forecast.options.simulations,
        seed: forecast.options.seed,
      },
      projection,
      rates,
      backtest: publishBacktest(forecast, context.areas, area.area_code, env.threshold),
      calibration: publishCalibration(forecast),
    };
  },
  resolved: (r) => [r.query.area, r.query.by],
});

/** The registry: every analytics endpoint, served in this order. */
export const analyticsEndpoints: readonly AnyAnalyticsEndpoint[] = [
  journeyEndpoint,
  provisionGapsEndpoint,
  feedbackThemesEndpoint,
  budgetsEndpoint,
  transitionsEndpoint,
  forecastEndpoint,
] as AnyAnalyticsEndpoint[];
