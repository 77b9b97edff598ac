import * as z from 'zod/mini';
import { areaCode, areaSchema, dataNoticeSchema, periodLabel, periodSchema } from './common.ts';
import { breakdownIds, periodTypes, unitIds } from './vocabularies.ts';

// GET /api/indicators, /api/indicators/:id, /api/overview-grid, /api/indicators/:id/benchmark, /api/areas, /api/periods,
// /api/data-status and the bulk export's query.

export const indicatorQuerySchema = z.strictObject({
  area: z.optional(areaCode),
  period: z.optional(z.union([z.literal('all'), periodLabel])),
  period_type: z.optional(z.enum(periodTypes)),
  by: z.optional(z.enum(breakdownIds)),
});
export type IndicatorQuery = z.infer<typeof indicatorQuerySchema>;

const nullableNumber = z.nullable(z.number());
const comparisonBasis = z.enum(['headline', 'benchmark-basis', 'not-compared']);

export const comparisonSchema = z.object({
  comparator: z.string(),
  label: z.string(),
  value: nullableNumber,
  significance: z.enum(['similar', 'better', 'worse', 'higher', 'lower', 'not-compared']),
  /**
   * What the benchmark was compared with: the headline (already on the benchmark's basis), a
   * second figure on the benchmark's own basis (local_*), or nothing ('not-compared', with `reason`).
   */
  basis: comparisonBasis,
  local_value: nullableNumber,
  local_lower_95: nullableNumber,
  local_upper_95: nullableNumber,
  local_numerator: nullableNumber,
  local_denominator: nullableNumber,
  /** Why there is no judgement, in words (null when compared). */
  reason: z.nullable(z.string()),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const indicatorRowSchema = z.object({
  area_code: z.string(),
  area_name: z.string(),
  period: z.string(),
  breakdown: z.string(),
  breakdown_value: z.string(),
  numerator: nullableNumber,
  denominator: nullableNumber,
  value: nullableNumber,
  lower_95: nullableNumber,
  upper_95: nullableNumber,
  lower_99_8: nullableNumber,
  upper_99_8: nullableNumber,
  suppressed: z.boolean(),
  symbol: z.nullable(z.enum(['c', 'x', 'z'])),
  suppression_reason: z.nullable(z.enum(['primary', 'secondary'])),
  /**
   * Numerator and denominator rounded to the nearest 5, value and intervals computed from them:
   * an LA total whose complement alone is small (server/disclosure/rounding.ts). Absent = exact.
   */
  rounded: z.optional(z.boolean()),
  comparisons: z.array(comparisonSchema),
  /** Where this LA's figure would rank among the published figures of the other LAs (1 = highest). */
  rank: z.nullable(z.object({ rank: z.int(), of: z.int(), quartile: z.int().check(z.minimum(1), z.maximum(4)) })),
});
export type IndicatorRow = z.infer<typeof indicatorRowSchema>;

export const indicatorMetaSchema = z.object({
  id: z.string(),
  title: z.string(),
  group: z.enum(['needs', 'gaps', 'outcomes']),
  definition: z.string(),
  numerator: z.string(),
  denominator: z.string(),
  unit: z.enum(unitIds),
  unit_label: z.string(),
  polarity: z.enum(['higher-better', 'lower-better', 'no-judgement']),
  ci_method: z.enum(['wilson', 'byar', 'none']),
  sources: z.array(z.string()),
  period_type: z.enum(['snapshot', 'calendar-year']),
  reference_date: z.nullable(z.string()),
  breakdowns: z.array(z.string()),
  disclosure: z.string(),
  benchmark: z.nullable(z.string()),
  /** The published benchmark's own definition and what it is compared with (null: no benchmark). */
  benchmark_basis: z.nullable(
    z.object({
      source: z.string(),
      numerator: z.string(),
      denominator: z.string(),
      reference_date: z.string(),
      population_base: z.nullable(z.string()),
      comparison: comparisonBasis,
      /** The local figure compared: numerator and denominator (null when not compared). */
      local_numerator: z.nullable(z.string()),
      local_denominator: z.nullable(z.string()),
      /** Why the headline is (or is not) compared as it is. */
      note: z.string(),
    }),
  ),
});
export type IndicatorMeta = z.infer<typeof indicatorMetaSchema>;

export const indicatorResponseSchema = z.object({
  indicator: indicatorMetaSchema,
  query: z.object({ area: z.string(), period: z.string(), period_type: z.enum(periodTypes), by: z.string() }),
  data: dataNoticeSchema,
  rows: z.array(indicatorRowSchema),
});
export type IndicatorResponse = z.infer<typeof indicatorResponseSchema>;

/** GET /api/overview-grid?la=&period=: the overview grid in one request (the LA's code, one period). */
export const overviewGridQuerySchema = z.strictObject({ la: z.optional(areaCode), period: z.optional(periodLabel) });
export type OverviewGridQuery = z.infer<typeof overviewGridQuerySchema>;
/** Every indicator as an /api/indicators/:id answer whose rows are the total rows of the LA and each locality. */
export const overviewGridResponseSchema = z.object({ indicators: z.array(indicatorResponseSchema) });
export type OverviewGridResponse = z.infer<typeof overviewGridResponseSchema>;

/** Where the dashboard shows an indicator besides its group's page: the definition's `placement`. */
export const placementSchema = z.object({
  /** Its place among the Overview's headline tiles (1 first); null: not a headline. */
  headline_order: z.nullable(z.int().check(z.positive())),
  /** A theme page that shows it too (local-offer, personal-budgets, preparing-for-adulthood), and its place there. */
  theme_page: z.nullable(z.string()),
  theme_order: z.nullable(z.int().check(z.positive())),
});
export const catalogueEntrySchema = z.extend(indicatorMetaSchema, { placement: placementSchema });
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;
export const catalogueResponseSchema = z.object({ data: dataNoticeSchema, indicators: z.array(catalogueEntrySchema) });
export type CatalogueResponse = z.infer<typeof catalogueResponseSchema>;

export const areasResponseSchema = z.object({ data: dataNoticeSchema, areas: z.array(areaSchema) });
export type AreasResponse = z.infer<typeof areasResponseSchema>;

export const periodsResponseSchema = z.object({
  data: dataNoticeSchema,
  /** The periods figures are published for (complete ones), each with the kinds of measure it is published for. */
  periods: z.array(z.extend(periodSchema, { measures: z.array(z.enum(['flow', 'snapshot'])) })),
  /** Periods the extract touches but nothing is published for, and why (part-years). */
  unpublished_periods: z.array(z.extend(periodSchema, { reason: z.string() })),
  /** The rule: which period types each kind of measure is published for. */
  publication: z.object({ flow: z.array(z.enum(periodTypes)), snapshot: z.array(z.enum(periodTypes)), rule: z.string() }),
  /** The latest complete calendar year. */
  default_period: z.nullable(z.string()),
  /** The latest complete financial year (snapshot measures only). */
  default_financial_year: z.nullable(z.string()),
});
export type PeriodsResponse = z.infer<typeof periodsResponseSchema>;

export const benchmarkQuerySchema = z.strictObject({ period: z.optional(periodLabel) });

const benchmarkLaSchema = z.object({ area_code: z.string(), area_name: z.string(), value: nullableNumber, neighbour: z.boolean(), self: z.boolean() });
export type BenchmarkLa = z.infer<typeof benchmarkLaSchema>;

export const benchmarkResponseSchema = z.object({
  indicator: indicatorMetaSchema,
  period: z.string(),
  la_code: z.string(),
  /** The LA's figure from the loaded extract (null when suppressed or missing). */
  la_value: nullableNumber,
  la_suppressed: z.boolean(),
  england: nullableNumber,
  region: z.nullable(z.object({ area_code: z.string(), area_name: z.string(), value: nullableNumber })),
  neighbours_mean: nullableNumber,
  distribution: z.object({ min: nullableNumber, q1: nullableNumber, median: nullableNumber, q3: nullableNumber, max: nullableNumber }),
  las: z.array(benchmarkLaSchema),
});
export type BenchmarkResponse = z.infer<typeof benchmarkResponseSchema>;

const nullableCount = z.nullable(z.number());
export const dataStatusResponseSchema = z.object({
  data: z.nullable(dataNoticeSchema),
  runs: z.array(
    z.object({
      run_id: z.number(),
      status: z.string(),
      started_at: z.nullable(z.string()),
      finished_at: z.nullable(z.string()),
      source: z.nullable(z.string()),
      la_code: z.nullable(z.string()),
      extract_date: z.nullable(z.string()),
      synthetic: z.nullable(z.boolean()),
      rows_read: nullableCount,
      rows_loaded: nullableCount,
      rows_rejected: nullableCount,
      message: z.nullable(z.string()),
    }),
  ),
  files: z.array(
    z.object({
      table_name: z.string(),
      file_name: z.string(),
      format: z.string(),
      bytes: nullableCount,
      sha256: z.nullable(z.string()),
      rows_read: nullableCount,
      rows_loaded: nullableCount,
      rows_rejected: nullableCount,
      redactions: nullableCount,
      ignored_columns: z.nullable(z.array(z.string())),
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
export const bulkExportQuerySchema = z.strictObject({
  area: z.optional(z.union([z.literal('all'), areaCode])),
  period: z.optional(z.union([z.literal('all'), z.string().check(z.regex(/^\d{4}$/, 'period must be a calendar year such as 2024, or "all"'))])),
  breakdowns: z.optional(z.enum(['totals', 'all'])),
});
export type BulkExportQuery = z.infer<typeof bulkExportQuerySchema>;
