import { z } from 'zod';
import { breakdownIds, units } from '../indicators/types.ts';

// The API's request and response shapes: validated on the server, imported by the web app.

export const areaCode = z
  .string()
  .max(120)
  .regex(/^E(06|08|09|10)\d{6}(:[a-z0-9-]+)?$/, 'area must be an LA ONS code such as E08000035, or a locality code such as E08000035:north');
export const periodLabel = z
  .string()
  .regex(/^\d{4}(-\d{2})?$/, 'period must be a calendar year such as 2024, a financial year such as 2024-25, or "all" for the trend');
export const periodTypes = ['calendar-year', 'financial-year'] as const;

export const indicatorQuerySchema = z
  .object({
    area: areaCode.optional(),
    period: z.union([z.literal('all'), periodLabel]).optional(),
    period_type: z.enum(periodTypes).optional(),
    by: z.enum(breakdownIds).optional(),
  })
  .strict();
export type IndicatorQuery = z.infer<typeof indicatorQuerySchema>;

export const comparisonSchema = z.object({
  comparator: z.string(),
  label: z.string(),
  value: z.number().nullable(),
  significance: z.enum(['similar', 'better', 'worse', 'higher', 'lower', 'not-compared']),
  /**
   * What the benchmark was compared with: the headline (already on the benchmark's basis), a
   * second figure on the benchmark's own basis (local_*), or nothing ('not-compared', with `reason`).
   */
  basis: z.enum(['headline', 'benchmark-basis', 'not-compared']),
  local_value: z.number().nullable(),
  local_lower_95: z.number().nullable(),
  local_upper_95: z.number().nullable(),
  local_numerator: z.number().nullable(),
  local_denominator: z.number().nullable(),
  /** Why there is no judgement, in words (null when compared). */
  reason: z.string().nullable(),
});

export const indicatorRowSchema = z.object({
  area_code: z.string(),
  area_name: z.string(),
  period: z.string(),
  breakdown: z.string(),
  breakdown_value: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  lower_95: z.number().nullable(),
  upper_95: z.number().nullable(),
  lower_99_8: z.number().nullable(),
  upper_99_8: z.number().nullable(),
  suppressed: z.boolean(),
  symbol: z.enum(['c', 'x', 'z']).nullable(),
  suppression_reason: z.enum(['primary', 'secondary']).nullable(),
  /**
   * Numerator and denominator rounded to the nearest 5, value and intervals computed from them:
   * an LA total whose complement alone is small (server/disclosure/rounding.ts). Absent = exact.
   */
  rounded: z.boolean().optional(),
  comparisons: z.array(comparisonSchema),
  /** Where this LA's figure would rank among the published figures of the other LAs (1 = highest). */
  rank: z.object({ rank: z.number().int(), of: z.number().int(), quartile: z.number().int().min(1).max(4) }).nullable(),
});
export type IndicatorRow = z.infer<typeof indicatorRowSchema>;

export const indicatorMetaSchema = z.object({
  id: z.string(),
  title: z.string(),
  group: z.enum(['needs', 'gaps', 'outcomes']),
  definition: z.string(),
  numerator: z.string(),
  denominator: z.string(),
  unit: z.enum(Object.keys(units) as [keyof typeof units, ...(keyof typeof units)[]]),
  unit_label: z.string(),
  polarity: z.enum(['higher-better', 'lower-better', 'no-judgement']),
  ci_method: z.enum(['wilson', 'byar', 'none']),
  sources: z.array(z.string()),
  period_type: z.enum(['snapshot', 'calendar-year']),
  reference_date: z.string().nullable(),
  breakdowns: z.array(z.string()),
  disclosure: z.string(),
  benchmark: z.string().nullable(),
  /** The published benchmark's own definition and what it is compared with (null: no benchmark). */
  benchmark_basis: z
    .object({
      source: z.string(),
      numerator: z.string(),
      denominator: z.string(),
      reference_date: z.string(),
      population_base: z.string().nullable(),
      comparison: z.enum(['headline', 'benchmark-basis', 'not-compared']),
      /** The local figure compared: numerator and denominator (null when not compared). */
      local_numerator: z.string().nullable(),
      local_denominator: z.string().nullable(),
      /** Why the headline is (or is not) compared as it is. */
      note: z.string(),
    })
    .nullable(),
});
export type IndicatorMeta = z.infer<typeof indicatorMetaSchema>;

export const dataNoticeSchema = z.object({
  synthetic: z.boolean(),
  data_version: z.number().int(),
  extract_date: z.string().nullable(),
  la_code: z.string().nullable(),
});
export type DataNotice = z.infer<typeof dataNoticeSchema>;

export const indicatorResponseSchema = z.object({
  indicator: indicatorMetaSchema,
  query: z.object({ area: z.string(), period: z.string(), period_type: z.enum(periodTypes), by: z.string() }),
  data: dataNoticeSchema,
  rows: z.array(indicatorRowSchema),
});
export type IndicatorResponse = z.infer<typeof indicatorResponseSchema>;

export const catalogueResponseSchema = z.object({ data: dataNoticeSchema, indicators: z.array(indicatorMetaSchema) });
export type CatalogueResponse = z.infer<typeof catalogueResponseSchema>;

export const areaSchema = z.object({
  area_code: z.string(),
  area_name: z.string(),
  area_type: z.enum(['la', 'locality']),
  parent_code: z.string().nullable(),
});
export const areasResponseSchema = z.object({ data: dataNoticeSchema, areas: z.array(areaSchema) });
export type AreasResponse = z.infer<typeof areasResponseSchema>;

export const periodSchema = z.object({
  period: z.string(),
  period_type: z.enum(periodTypes),
  start_date: z.string(),
  end_date: z.string(),
  complete: z.boolean(),
});
export const periodsResponseSchema = z.object({
  data: dataNoticeSchema,
  /** The periods figures are published for (complete ones), each with the kinds of measure it is published for. */
  periods: z.array(periodSchema.extend({ measures: z.array(z.enum(['flow', 'snapshot'])) })),
  /** Periods the extract touches but nothing is published for, and why (part-years). */
  unpublished_periods: z.array(periodSchema.extend({ reason: z.string() })),
  /** The rule: which period types each kind of measure is published for. */
  publication: z.object({ flow: z.array(z.enum(periodTypes)), snapshot: z.array(z.enum(periodTypes)), rule: z.string() }),
  /** The latest complete calendar year. */
  default_period: z.string().nullable(),
  /** The latest complete financial year (snapshot measures only). */
  default_financial_year: z.string().nullable(),
});
export type PeriodsResponse = z.infer<typeof periodsResponseSchema>;

export const errorResponseSchema = z.object({ error: z.string(), details: z.array(z.string()).optional() });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const benchmarkQuerySchema = z.object({ period: periodLabel.optional() }).strict();

const nullableNumber = z.number().nullable();
export const benchmarkResponseSchema = z.object({
  indicator: indicatorMetaSchema,
  period: z.string(),
  la_code: z.string(),
  /** The LA's figure from the loaded extract (null when suppressed or missing). */
  la_value: nullableNumber,
  la_suppressed: z.boolean(),
  england: nullableNumber,
  region: z.object({ area_code: z.string(), area_name: z.string(), value: nullableNumber }).nullable(),
  neighbours_mean: nullableNumber,
  distribution: z.object({ min: nullableNumber, q1: nullableNumber, median: nullableNumber, q3: nullableNumber, max: nullableNumber }),
  las: z.array(z.object({ area_code: z.string(), area_name: z.string(), value: nullableNumber, neighbour: z.boolean(), self: z.boolean() })),
});
export type BenchmarkResponse = z.infer<typeof benchmarkResponseSchema>;

const nullableCount = z.number().nullable();
export const dataStatusResponseSchema = z.object({
  data: dataNoticeSchema.nullable(),
  runs: z.array(
    z.object({
      run_id: z.number(),
      status: z.string(),
      started_at: z.string().nullable(),
      finished_at: z.string().nullable(),
      source: z.string().nullable(),
      la_code: z.string().nullable(),
      extract_date: z.string().nullable(),
      synthetic: z.boolean().nullable(),
      rows_read: nullableCount,
      rows_loaded: nullableCount,
      rows_rejected: nullableCount,
      message: z.string().nullable(),
    }),
  ),
  files: z.array(
    z.object({
      table_name: z.string(),
      file_name: z.string(),
      format: z.string(),
      bytes: nullableCount,
      sha256: z.string().nullable(),
      rows_read: nullableCount,
      rows_loaded: nullableCount,
      rows_rejected: nullableCount,
      redactions: nullableCount,
      ignored_columns: z.array(z.string()).nullable(),
    }),
  ),
  quarantine: z.array(z.object({ file_name: z.string(), reason: z.string(), rows: z.number() })),
});
export type DataStatusResponse = z.infer<typeof dataStatusResponseSchema>;

/**
 * GET /api/export/bulk/indicators.csv|.xlsx: every indicator in one tidy table. `area`: `all` (the LA and every
 * locality, the default) or one area code; `period`: `all` (every published calendar year, the default) or one;
 * `breakdowns`: `totals` (the default) or `all` (every breakdown each indicator allows). The web's Export page
 * builds its links from these names.
 */
export const bulkExportQuerySchema = z
  .object({
    area: z.union([z.literal('all'), areaCode]).optional(),
    period: z.union([z.literal('all'), z.string().regex(/^\d{4}$/, 'period must be a calendar year such as 2024, or "all"')]).optional(),
    breakdowns: z.enum(['totals', 'all']).optional(),
  })
  .strict();
export type BulkExportQuery = z.infer<typeof bulkExportQuerySchema>;
