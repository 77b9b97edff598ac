import type express from 'express';
import type { ZodMiniType } from 'zod/mini';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import type { Database } from '../db/database.ts';
import { journeyQuerySchema, journeyResponseSchema, provisionGapsQuerySchema, provisionGapsResponseSchema, type JourneyQuery, type JourneyResponse, type ProvisionGapsQuery, type ProvisionGapsResponse } from '../../contract/analytics.ts';
import { budgetsQuerySchema, budgetsResponseSchema, type BudgetsQuery, type BudgetsResponse } from '../../contract/budgets.ts';
import { feedbackThemesQuerySchema, feedbackThemesResponseSchema, type FeedbackThemesQuery, type FeedbackThemesResponse } from '../../contract/feedback.ts';
import { forecastQuerySchema, forecastResponseSchema, type ForecastQuery, type ForecastResponse, type ForecastRow } from '../../contract/forecast.ts';
import { transitionsQuerySchema, transitionsResponseSchema, type TransitionsQuery, type TransitionsResponse } from '../../contract/transitions.ts';
import { computeBudgets, type BudgetsView } from '../analytics/budgets.ts';
import { cached } from '../analytics/cache.ts';
import { computeFeedbackThemes, type FeedbackThemesView } from '../analytics/feedback-themes.ts';
import { journey } from '../analytics/journey.ts';
import { resolveArea, resolvePeriod } from '../analytics/periods.ts';
import { provisionGaps } from '../analytics/provision-gaps.ts';
import { computeTransitions } from '../analytics/transitions.ts';
import { forecastFor } from '../forecast/forecast.ts';
import { linkKey, noLinks, type LinkedPattern, type LinkedStatus } from '../disclosure/linked.ts';
import { periodsFor, type MeasureKind } from '../disclosure/periods.ts';
import { ehcPlansRate } from '../indicators/definitions/ehc-plans-rate.ts';
import { personalBudgetTakeUp } from '../indicators/definitions/personal-budget-take-up.ts';
import { transitionAssessmentGap } from '../indicators/definitions/transition-assessment-gap.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import type { BreakdownId } from '../../contract/vocabularies.ts';
import { describeMethod, publishBacktest, publishCalibration, publishRates } from '../forecast/publish.ts';
import { ehcPlansForecast } from '../indicators/definitions/ehc-plans-forecast.ts';
import { computeIndicator } from '../indicators/engine.ts';
import type { DataContext, DataSource } from '../data-context.ts';
import type { Area, Period } from '../../contract/common.ts';
import { loadedData, parseQuery } from './requests.ts';

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
  query: ZodMiniType<Q>;
  response: ZodMiniType<R>;
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
  build: (env, context, query) => journey(env.db, context, env.threshold, resolveArea(context, query.area), resolvePeriod(context, query.period, 'flow')),
};

export const provisionGapsEndpoint: AnalyticsEndpoint<ProvisionGapsQuery, ProvisionGapsResponse> = {
  path: '/api/analytics/provision-gaps',
  query: provisionGapsQuerySchema,
  response: provisionGapsResponseSchema,
  byArea: false,
  resolved: (r) => [r.period.period],
  build: (env, context, query) => provisionGaps(env.db, context, env.threshold, resolvePeriod(context, query.period, 'flow')),
};

// The insight endpoints compute every area and period once per loaded extract (and
// threshold), applying disclosure control across all of them together; a request then only
// picks its area and period out of the cached model.
type Compute<M> = (db: Database, areas: DataContext['areas'], periods: DataContext['periods'], threshold: number, linked: LinkedPattern) => Promise<M>;

/** An indicator whose rows (all areas, published periods, these breakdowns) an endpoint shares counts with. */
interface Link {
  indicator: IndicatorDefinition;
  breakdowns: BreakdownId[];
}

/** The suppression pattern of the linked indicators' rows (server/disclosure/linked.ts). */
async function linkedPattern(env: AnalyticsEnv, context: DataContext, links: readonly Link[]): Promise<LinkedPattern> {
  const pattern = new Map<string, LinkedStatus>();
  for (const { indicator, breakdowns } of links) {
    const types = indicator.periodType === 'snapshot' ? (['calendar-year', 'financial-year'] as const) : (['calendar-year'] as const);
    for (const area of context.areas) {
      for (const by of breakdowns) {
        for (const periodType of types) {
          const rows = await computeIndicator(env.db, context, indicator, { area: area.area_code, period: 'all', periodType, by }, { threshold: env.threshold, reference: null });
          for (const r of rows) pattern.set(linkKey(indicator.id, r.area_code, r.period, r.breakdown, r.breakdown_value), { suppressed: r.suppressed || r.rounded === true, reason: r.suppression_reason ?? (r.rounded === true ? 'primary' : null) });
        }
      }
    }
  }
  return pattern;
}

function insight<M>(name: string, compute: Compute<M>, kind: MeasureKind, links: readonly Link[] = []) {
  return async (env: AnalyticsEnv, context: DataContext, query: { area?: string | undefined; period?: string | undefined }) => {
    const area = resolveArea(context, query.area);
    const period = resolvePeriod(context, query.period, kind);
    const model = await cached(context, `${name}|${env.threshold}`, async () =>
      compute(env.db, context.areas, periodsFor(context.periods, kind), env.threshold, links.length === 0 ? noLinks : await linkedPattern(env, context, links)),
    );
    return { model, area, period, envelope: { data: context.notice, query: { area: area.area_code, period: period.period } } };
  };
}

/** An insight endpoint answering for an area and a period from the cached model's view. */
function areaPeriodInsight<Q extends { area?: string | undefined; period?: string | undefined }, R extends { query: { area: string; period: string } }, V>(
  spec: Pick<AnalyticsEndpoint<Q, R>, 'path' | 'query' | 'response'> & { name: string; kind: MeasureKind; links?: Link[]; compute: Compute<{ view(area: Area, period: Period): V }> },
): AnalyticsEndpoint<Q, R> {
  const load = insight(spec.name, spec.compute, spec.kind, spec.links);
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
  kind: 'flow',
  compute: computeFeedbackThemes,
});

export const budgetsEndpoint = areaPeriodInsight<BudgetsQuery, BudgetsResponse, BudgetsView>({
  path: '/api/budgets',
  query: budgetsQuerySchema,
  response: budgetsResponseSchema,
  name: 'budgets',
  kind: 'snapshot',
  // Take-up (all, by element, by mechanism) and active plans are the indicator's numerators and denominator.
  // Active plans are the ehc-plans-rate numerator.
  links: [
    { indicator: personalBudgetTakeUp, breakdowns: ['all', 'budget_element', 'budget_mechanism'] },
    { indicator: ehcPlansRate, breakdowns: ['all'] },
  ],
  compute: computeBudgets,
});

// Young people who turned 18 and plans that ceased in the period: counts of events.
// turned_18 is the transition-assessment-gap denominator, turned_18 - assessed_before_18 its numerator.
const transitionsModel = insight('transitions', computeTransitions, 'flow', [{ indicator: transitionAssessmentGap, breakdowns: ['all'] }]);
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
