import type express from 'express';
import type { z } from 'zod';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import type { Database } from '../db/database.ts';
import { budgetsQuerySchema, budgetsResponseSchema, type BudgetsQuery, type BudgetsResponse } from '../analytics/budgets-contract.ts';
import { computeBudgets, type BudgetsView } from '../analytics/budgets.ts';
import { cached } from '../analytics/cache.ts';
import {
  journeyQuerySchema,
  journeyResponseSchema,
  provisionGapsQuerySchema,
  provisionGapsResponseSchema,
  type JourneyQuery,
  type JourneyResponse,
  type ProvisionGapsQuery,
  type ProvisionGapsResponse,
} from '../analytics/contract.ts';
import { feedbackThemesQuerySchema, feedbackThemesResponseSchema, type FeedbackThemesQuery, type FeedbackThemesResponse } from '../analytics/feedback-contract.ts';
import { computeFeedbackThemes, type FeedbackThemesView } from '../analytics/feedback-themes.ts';
import { journey } from '../analytics/journey.ts';
import { resolveArea, resolvePeriod } from '../analytics/periods.ts';
import { provisionGaps } from '../analytics/provision-gaps.ts';
import { transitionsQuerySchema, transitionsResponseSchema, type TransitionsQuery, type TransitionsResponse } from '../analytics/transitions-contract.ts';
import { computeTransitions } from '../analytics/transitions.ts';
import { forecastQuerySchema, forecastResponseSchema, type ForecastQuery, type ForecastResponse, type ForecastRow } from '../forecast/contract.ts';
import { forecastFor } from '../forecast/forecast.ts';
import { describeMethod, publishBacktest, publishCalibration, publishRates } from '../forecast/publish.ts';
import { ehcPlansForecast } from '../indicators/definitions/ehc-plans-forecast.ts';
import { computeIndicator, type Area, type DataContext, type Period } from '../indicators/engine.ts';
import { loadedData, parseQuery, type DataSource } from './requests.ts';

// The analytics and forecast endpoints as data: query schema, response schema and the
// function that builds the response. The JSON routes and the CSV/XLSX exports both answer
// through `respond`, so an export holds exactly the JSON endpoint's (suppressed) figures.

export interface AnalyticsEnv {
  db: Database;
  threshold: number;
  reference: ReferenceData | null;
}

export interface AnalyticsEndpoint<Q, R> {
  /** The JSON route. */
  path: string;
  query: z.ZodType<Q>;
  response: z.ZodType<R>;
  /** Whether the endpoint takes `area` (else it always answers for the extract's LA and its localities). */
  byArea: boolean;
  build(env: AnalyticsEnv, context: DataContext, query: Q): Promise<R>;
  /** The resolved query of a response (area, period, breakdown), for download file names. */
  resolved(response: R): string[];
}

/**
 * Validates the raw query text (400 before anything else), builds the response for the loaded
 * data and validates it.
 */
export async function respond<Q, R>(endpoint: AnalyticsEndpoint<Q, R>, env: AnalyticsEnv, dataState: DataSource, rawQuery: unknown): Promise<{ context: DataContext; body: R }> {
  const query = parseQuery(endpoint.query, rawQuery);
  const context = await loadedData(dataState);
  return { context, body: endpoint.response.parse(await endpoint.build(env, context, query)) };
}

/** GET endpoint.path answering JSON. */
export function serveJson<Q, R>(router: express.Router, endpoint: AnalyticsEndpoint<Q, R>, env: AnalyticsEnv, dataState: DataSource): void {
  router.get(endpoint.path, async (req, res) => {
    res.json((await respond(endpoint, env, dataState, req.query)).body);
  });
}

export const journeyEndpoint: AnalyticsEndpoint<JourneyQuery, JourneyResponse> = {
  path: '/api/analytics/journey',
  query: journeyQuerySchema,
  response: journeyResponseSchema,
  byArea: true,
  resolved: (r) => [r.area.area_code, r.period.period],
  build: (env, context, query) => journey(env.db, context, env.threshold, resolveArea(context, query.area), resolvePeriod(context, query.period)),
};

export const provisionGapsEndpoint: AnalyticsEndpoint<ProvisionGapsQuery, ProvisionGapsResponse> = {
  path: '/api/analytics/provision-gaps',
  query: provisionGapsQuerySchema,
  response: provisionGapsResponseSchema,
  byArea: false,
  resolved: (r) => [r.period.period],
  build: (env, context, query) => provisionGaps(env.db, context, env.threshold, resolvePeriod(context, query.period)),
};

// The insight endpoints compute every area and period once per loaded extract (and
// threshold), applying disclosure control across all of them together; a request then only
// picks its area and period out of the cached model.
type Compute<M> = (db: Database, areas: DataContext['areas'], periods: DataContext['periods'], threshold: number) => Promise<M>;

function insight<M>(name: string, compute: Compute<M>) {
  return async (env: AnalyticsEnv, context: DataContext, query: { area?: string | undefined; period?: string | undefined }) => {
    const area = resolveArea(context, query.area);
    const period = resolvePeriod(context, query.period);
    const model = await cached(context, `${name}|${env.threshold}`, () => compute(env.db, context.areas, context.periods, env.threshold));
    return { model, area, period, envelope: { data: context.notice, query: { area: area.area_code, period: period.period } } };
  };
}

/** An insight endpoint answering for an area and a period from the cached model's view. */
function areaPeriodInsight<Q extends { area?: string | undefined; period?: string | undefined }, R extends { query: { area: string; period: string } }, V>(
  spec: Pick<AnalyticsEndpoint<Q, R>, 'path' | 'query' | 'response'> & { name: string; compute: Compute<{ view(area: Area, period: Period): V }> },
): AnalyticsEndpoint<Q, R> {
  const load = insight(spec.name, spec.compute);
  return {
    path: spec.path,
    query: spec.query,
    response: spec.response,
    byArea: true,
    resolved: (r) => [r.query.area, r.query.period],
    build: async (env, context, query) => {
      const { model, area, period, envelope } = await load(env, context, query);
      return spec.response.parse({ ...envelope, ...model.view(area, period) });
    },
  };
}

export const feedbackThemesEndpoint = areaPeriodInsight<FeedbackThemesQuery, FeedbackThemesResponse, FeedbackThemesView>({
  path: '/api/feedback/themes',
  query: feedbackThemesQuerySchema,
  response: feedbackThemesResponseSchema,
  name: 'feedback-themes',
  compute: computeFeedbackThemes,
});

export const budgetsEndpoint = areaPeriodInsight<BudgetsQuery, BudgetsResponse, BudgetsView>({
  path: '/api/budgets',
  query: budgetsQuerySchema,
  response: budgetsResponseSchema,
  name: 'budgets',
  compute: computeBudgets,
});

const transitionsModel = insight('transitions', computeTransitions);
export const transitionsEndpoint: AnalyticsEndpoint<TransitionsQuery, TransitionsResponse> = {
  path: '/api/transitions',
  query: transitionsQuerySchema,
  response: transitionsResponseSchema,
  byArea: true,
  resolved: (r) => [r.query.area, r.query.period, r.query.by],
  build: async (env, context, query) => {
    const { model, area, period, envelope } = await transitionsModel(env, context, query);
    const by = query.by ?? 'age_band';
    return { ...envelope, query: { ...envelope.query, by }, ...model.view(area, period, by) };
  },
};

/** The ehc-plans-forecast indicator's rows (disclosure control applied) with the model, rates and backtest. */
export const forecastEndpoint: AnalyticsEndpoint<ForecastQuery, ForecastResponse> = {
  path: '/api/forecast',
  query: forecastQuerySchema,
  response: forecastResponseSchema,
  byArea: true,
  resolved: (r) => [r.query.area, r.query.by],
  build: async (env, context, query) => {
    const area = resolveArea(context, query.area);
    const by = query.by ?? 'all';
    const forecast = await forecastFor(env.db);
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
};
