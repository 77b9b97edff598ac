import * as z from 'zod/mini';
import { areaCode, areaSchema, dataNoticeSchema } from './common.ts';
import { indicatorRowSchema } from './indicators.ts';

// GET /api/forecast?area=&by=

export const forecastBreakdowns = ['all', 'age_band', 'primary_need'] as const;
export type ForecastBreakdown = (typeof forecastBreakdowns)[number];

export const forecastQuerySchema = z.strictObject({
  area: z.optional(areaCode),
  by: z.optional(z.enum(forecastBreakdowns)),
});
export type ForecastQuery = z.infer<typeof forecastQuerySchema>;

/** A row of the ehc-plans-forecast indicator (disclosure control applied), marked actual or projected. */
export const forecastRowSchema = z.extend(indicatorRowSchema, { kind: z.enum(['actual', 'projected']) });
export type ForecastRow = z.infer<typeof forecastRowSchema>;

export const fittedRateSchema = z.object({
  /** Age on 31 December. */
  age: z.int().check(z.minimum(0), z.maximum(25)),
  age_band: z.string(),
  /** ONS mid-year population of that age used for the jump-off year. */
  population: z.nullable(z.number()),
  /** New plans a year per person of that age not already holding a plan (null when suppressed, or with no population at that age). */
  joining_rate: z.nullable(z.number()),
  /** Share of plans held at that age that end in a year (null when suppressed). */
  leaving_rate: z.nullable(z.number()),
  joining_suppressed: z.boolean(),
  leaving_suppressed: z.boolean(),
});
export type FittedRate = z.infer<typeof fittedRateSchema>;

export const backtestRowSchema = z.object({
  period: z.string(),
  breakdown: z.enum(['all', 'age_band']),
  breakdown_value: z.string(),
  /** Active plans on 31 December as counted (null when suppressed). */
  actual: z.nullable(z.number()),
  /** What the model fitted without the last two years predicted. */
  predicted: z.number(),
  /** predicted - actual. */
  error: z.nullable(z.number()),
  /** 100 x error / actual (null when the actual is 0 or suppressed). */
  percent_error: z.nullable(z.number()),
  lower_95: z.number(),
  upper_95: z.number(),
  lower_99_8: z.number(),
  upper_99_8: z.number(),
  within_95: z.nullable(z.boolean()),
  within_99_8: z.nullable(z.boolean()),
  suppressed: z.boolean(),
});
export type BacktestRow = z.infer<typeof backtestRowSchema>;

export const backtestSummarySchema = z.object({
  breakdown: z.enum(['all', 'age_band']),
  breakdown_value: z.string(),
  /** Mean absolute percentage error over the predicted years (null if any actual is 0 or suppressed). */
  mape: z.nullable(z.number()),
  /** Mean signed error (predicted - actual) over the predicted years. */
  mean_error: z.nullable(z.number()),
});
export type BacktestSummary = z.infer<typeof backtestSummarySchema>;

export const forecastResponseSchema = z.object({
  data: dataNoticeSchema,
  query: z.object({ area: z.string(), by: z.enum(forecastBreakdowns) }),
  area: areaSchema,
  /** The method in plain English, for the page. */
  method: z.string(),
  model: z.object({
    /** The last complete calendar year: the projection starts from its 31 December. */
    jump_off_year: z.nullable(z.string()),
    projected_years: z.array(z.string()),
    /** Years the rates were pooled over. */
    fit_years: z.array(z.string()),
    /** Annual growth applied to the population aged 0-25 (0.004 = 0.4% a year). */
    population_growth: z.number(),
    /** Log-scale year-to-year variation of the joining and leaving rates beyond chance. */
    joining_year_spread: z.number(),
    leaving_year_spread: z.number(),
    /** A locality's new and ending plans relative to its LA's rates (null for an LA, or suppressed). */
    joining_ratio: z.nullable(z.number()),
    leaving_ratio: z.nullable(z.number()),
    simulations: z.int(),
    seed: z.int(),
  }),
  projection: z.array(forecastRowSchema),
  rates: z.array(fittedRateSchema),
  backtest: z.object({
    available: z.boolean(),
    note: z.nullable(z.string()),
    fitted_to: z.nullable(z.string()),
    fit_years: z.array(z.string()),
    predicted_years: z.array(z.string()),
    rows: z.array(backtestRowSchema),
    summary: z.array(backtestSummarySchema),
  }),
  /**
   * Rolling-origin backtests of every LA total of the extract, refitted at every possible origin:
   * how often the actual count fell inside the bands, and the error against naive forecasts.
   * Counts of predictions (area-years), not of children. Null without enough history.
   */
  calibration: z.nullable(
    z.object({
      origins: z.array(z.string()),
      predictions: z.int(),
      inside_95: z.int(),
      inside_99_8: z.int(),
      mape: z.nullable(z.number()),
      mape_no_change: z.nullable(z.number()),
      mape_linear_trend: z.nullable(z.number()),
    }),
  ),
});
export type ForecastResponse = z.infer<typeof forecastResponseSchema>;
