import { z } from 'zod';
import { areaCode, areaSchema, dataNoticeSchema, indicatorRowSchema } from '../api/contract.ts';

// GET /api/forecast: request and response shapes, validated on the server and imported by
// the web app.

export const forecastBreakdowns = ['all', 'age_band', 'primary_need'] as const;
export type ForecastBreakdown = (typeof forecastBreakdowns)[number];

export const forecastQuerySchema = z
  .object({
    area: areaCode.optional(),
    by: z.enum(forecastBreakdowns).optional(),
  })
  .strict();
export type ForecastQuery = z.infer<typeof forecastQuerySchema>;

/** A row of the ehc-plans-forecast indicator (disclosure control applied), marked actual or projected. */
export const forecastRowSchema = indicatorRowSchema.extend({ kind: z.enum(['actual', 'projected']) });
export type ForecastRow = z.infer<typeof forecastRowSchema>;

export const fittedRateSchema = z.object({
  /** Age on 31 December. */
  age: z.number().int().min(0).max(25),
  age_band: z.string(),
  /** ONS mid-year population of that age used for the jump-off year. */
  population: z.number().nullable(),
  /** New plans a year per person of that age not already holding a plan (null when suppressed, or with no population at that age). */
  joining_rate: z.number().nullable(),
  /** Share of plans held at that age that end in a year (null when suppressed). */
  leaving_rate: z.number().nullable(),
  joining_suppressed: z.boolean(),
  leaving_suppressed: z.boolean(),
});
export type FittedRate = z.infer<typeof fittedRateSchema>;

export const backtestRowSchema = z.object({
  period: z.string(),
  breakdown: z.enum(['all', 'age_band']),
  breakdown_value: z.string(),
  /** Active plans on 31 December as counted (null when suppressed). */
  actual: z.number().nullable(),
  /** What the model fitted without the last two years predicted. */
  predicted: z.number(),
  /** predicted - actual. */
  error: z.number().nullable(),
  /** 100 x error / actual (null when the actual is 0 or suppressed). */
  percent_error: z.number().nullable(),
  lower_95: z.number(),
  upper_95: z.number(),
  lower_99_8: z.number(),
  upper_99_8: z.number(),
  within_95: z.boolean().nullable(),
  within_99_8: z.boolean().nullable(),
  suppressed: z.boolean(),
});
export type BacktestRow = z.infer<typeof backtestRowSchema>;

export const backtestSummarySchema = z.object({
  breakdown: z.enum(['all', 'age_band']),
  breakdown_value: z.string(),
  /** Mean absolute percentage error over the predicted years (null if any actual is 0 or suppressed). */
  mape: z.number().nullable(),
  /** Mean signed error (predicted - actual) over the predicted years. */
  mean_error: z.number().nullable(),
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
    jump_off_year: z.string().nullable(),
    projected_years: z.array(z.string()),
    /** Years the rates were pooled over. */
    fit_years: z.array(z.string()),
    /** Annual growth applied to the population aged 0-25 (0.004 = 0.4% a year). */
    population_growth: z.number(),
    /** Log-scale year-to-year variation of the joining and leaving rates beyond chance. */
    joining_year_spread: z.number(),
    leaving_year_spread: z.number(),
    /** A locality's new and ending plans relative to its LA's rates (null for an LA, or suppressed). */
    joining_ratio: z.number().nullable(),
    leaving_ratio: z.number().nullable(),
    simulations: z.number().int(),
    seed: z.number().int(),
  }),
  projection: z.array(forecastRowSchema),
  rates: z.array(fittedRateSchema),
  backtest: z.object({
    available: z.boolean(),
    note: z.string().nullable(),
    fitted_to: z.string().nullable(),
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
  calibration: z
    .object({
      origins: z.array(z.string()),
      predictions: z.number().int(),
      inside_95: z.number().int(),
      inside_99_8: z.number().int(),
      mape: z.number().nullable(),
      mape_no_change: z.number().nullable(),
      mape_linear_trend: z.number().nullable(),
    })
    .nullable(),
});
export type ForecastResponse = z.infer<typeof forecastResponseSchema>;
