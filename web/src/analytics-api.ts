import {
  journeyResponseSchema,
  provisionGapsResponseSchema,
  workloadDefaultsResponseSchema,
  workloadResponseSchema,
  type JourneyResponse,
  type ProvisionGapsResponse,
  type WorkloadDefaultsResponse,
  type WorkloadResponse,
} from '../../contract/analytics.ts';
import { budgetsResponseSchema, type BudgetsResponse } from '../../contract/budgets.ts';
import { feedbackThemesResponseSchema, type FeedbackThemesResponse } from '../../contract/feedback.ts';
import { forecastResponseSchema, type ForecastResponse } from '../../contract/forecast.ts';
import { transitionsResponseSchema, type TransitionsResponse } from '../../contract/transitions.ts';
import { getJson, query } from './api.ts';

// The commissioning analytics endpoints, validated with zod/mini and cached per URL for the session.

export interface AreaPeriod {
  area?: string;
  period?: string;
}

export const journeyPath = (p: AreaPeriod): string => `/api/analytics/journey${query({ ...p })}`;
export const fetchJourney = (p: AreaPeriod, signal?: AbortSignal): Promise<JourneyResponse> => getJson(journeyPath(p), journeyResponseSchema, signal);

export const provisionGapsPath = (period?: string): string => `/api/analytics/provision-gaps${query({ period })}`;
export const fetchProvisionGaps = (period: string | undefined, signal?: AbortSignal): Promise<ProvisionGapsResponse> =>
  getJson(provisionGapsPath(period), provisionGapsResponseSchema, signal);

export interface WorkloadInputs {
  caseload: string;
  years: string;
  weeks_per_year: string;
  plans_per_coordinator_per_quarter: string;
}

export const workloadPath = (inputs: WorkloadInputs): string => `/api/workload${query({ ...inputs })}`;
export const fetchWorkload = (inputs: WorkloadInputs, signal?: AbortSignal): Promise<WorkloadResponse> =>
  getJson(workloadPath(inputs), workloadResponseSchema, signal);
/** Prefill values, for the area and year chosen (each left out when not chosen: the server's default). */
export const fetchWorkloadDefaults = (chosen: { area?: string | undefined; period?: string | undefined }, signal?: AbortSignal): Promise<WorkloadDefaultsResponse> =>
  getJson(`/api/workload/defaults${query({ area: chosen.area, period: chosen.period })}`, workloadDefaultsResponseSchema, signal);

export const forecastPath = (area: string | undefined, by: string | undefined): string => `/api/forecast${query({ area, by })}`;
export const fetchForecast = (area: string | undefined, by: string | undefined, signal?: AbortSignal): Promise<ForecastResponse> =>
  getJson(forecastPath(area, by), forecastResponseSchema, signal);

export const feedbackThemesPath = (p: AreaPeriod): string => `/api/feedback/themes${query({ ...p })}`;
export const fetchFeedbackThemes = (p: AreaPeriod, signal?: AbortSignal): Promise<FeedbackThemesResponse> =>
  getJson(feedbackThemesPath(p), feedbackThemesResponseSchema, signal);

export const budgetsPath = (p: AreaPeriod): string => `/api/budgets${query({ ...p })}`;
export const fetchBudgets = (p: AreaPeriod, signal?: AbortSignal): Promise<BudgetsResponse> => getJson(budgetsPath(p), budgetsResponseSchema, signal);

export const transitionsPath = (p: AreaPeriod & { by?: string }): string => `/api/transitions${query({ ...p })}`;
export const fetchTransitions = (p: AreaPeriod & { by?: string }, signal?: AbortSignal): Promise<TransitionsResponse> =>
  getJson(transitionsPath(p), transitionsResponseSchema, signal);
