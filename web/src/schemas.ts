import * as z from 'zod/mini';
import type {
  AreasResponse,
  BenchmarkResponse,
  CatalogueResponse,
  IndicatorResponse,
  DataStatusResponse as ServerDataStatusResponse,
  PeriodsResponse,
} from '../../server/api/contract.ts';
import { units } from '../../server/indicators/types.ts';

// Response validation in the browser with zod/mini (a few kB, against about 60 kB gzipped for the full zod the
// server uses). The shapes mirror server/api/contract.ts; the type checks at the end of this file fail `tsc` if
// the two ever drift apart, so the server's contract stays the single source of truth for types.

const unitIds = Object.keys(units) as [keyof typeof units, ...(keyof typeof units)[]];
const periodTypes = ['calendar-year', 'financial-year'] as const;

const dataNotice = z.object({
  synthetic: z.boolean(),
  data_version: z.int(),
  extract_date: z.nullable(z.string()),
  la_code: z.nullable(z.string()),
});

export const comparison = z.object({
  comparator: z.string(),
  label: z.string(),
  value: z.nullable(z.number()),
  significance: z.enum(['similar', 'better', 'worse', 'higher', 'lower', 'not-compared']),
  basis: z.enum(['headline', 'benchmark-basis', 'not-compared']),
  local_value: z.nullable(z.number()),
  local_lower_95: z.nullable(z.number()),
  local_upper_95: z.nullable(z.number()),
  local_numerator: z.nullable(z.number()),
  local_denominator: z.nullable(z.number()),
  reason: z.nullable(z.string()),
});

const indicatorRow = z.object({
  area_code: z.string(),
  area_name: z.string(),
  period: z.string(),
  breakdown: z.string(),
  breakdown_value: z.string(),
  numerator: z.nullable(z.number()),
  denominator: z.nullable(z.number()),
  value: z.nullable(z.number()),
  lower_95: z.nullable(z.number()),
  upper_95: z.nullable(z.number()),
  lower_99_8: z.nullable(z.number()),
  upper_99_8: z.nullable(z.number()),
  suppressed: z.boolean(),
  symbol: z.nullable(z.enum(['c', 'x', 'z'])),
  suppression_reason: z.nullable(z.enum(['primary', 'secondary'])),
  rounded: z.optional(z.boolean()),
  comparisons: z.array(comparison),
  rank: z.nullable(z.object({ rank: z.int(), of: z.int(), quartile: z.int() })),
});

const indicatorMeta = z.object({
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
  benchmark_basis: z.nullable(
    z.object({
      source: z.string(),
      numerator: z.string(),
      denominator: z.string(),
      reference_date: z.string(),
      population_base: z.nullable(z.string()),
      comparison: z.enum(['headline', 'benchmark-basis', 'not-compared']),
      local_numerator: z.nullable(z.string()),
      local_denominator: z.nullable(z.string()),
      note: z.string(),
    }),
  ),
});

export const catalogueResponse = z.object({ data: dataNotice, indicators: z.array(indicatorMeta) });

export const indicatorResponse = z.object({
  indicator: indicatorMeta,
  query: z.object({ area: z.string(), period: z.string(), period_type: z.enum(periodTypes), by: z.string() }),
  data: dataNotice,
  rows: z.array(indicatorRow),
});

export const areasResponse = z.object({
  data: dataNotice,
  areas: z.array(
    z.object({
      area_code: z.string(),
      area_name: z.string(),
      area_type: z.enum(['la', 'locality']),
      parent_code: z.nullable(z.string()),
    }),
  ),
});

export const periodsResponse = z.object({
  data: dataNotice,
  periods: z.array(
    z.object({
      period: z.string(),
      period_type: z.enum(periodTypes),
      start_date: z.string(),
      end_date: z.string(),
      complete: z.boolean(),
      measures: z.array(z.enum(['flow', 'snapshot'])),
    }),
  ),
  unpublished_periods: z.array(
    z.object({ period: z.string(), period_type: z.enum(periodTypes), start_date: z.string(), end_date: z.string(), complete: z.boolean(), reason: z.string() }),
  ),
  publication: z.object({ flow: z.array(z.enum(periodTypes)), snapshot: z.array(z.enum(periodTypes)), rule: z.string() }),
  default_period: z.nullable(z.string()),
  default_financial_year: z.nullable(z.string()),
});

const nullableNumber = z.nullable(z.number());
const benchmarkLa = z.object({ area_code: z.string(), area_name: z.string(), value: nullableNumber, neighbour: z.boolean(), self: z.boolean() });

export const benchmarkResponse = z.object({
  indicator: indicatorMeta,
  period: z.string(),
  la_code: z.string(),
  la_value: nullableNumber,
  la_suppressed: z.boolean(),
  england: nullableNumber,
  region: z.nullable(z.object({ area_code: z.string(), area_name: z.string(), value: nullableNumber })),
  neighbours_mean: nullableNumber,
  distribution: z.object({ min: nullableNumber, q1: nullableNumber, median: nullableNumber, q3: nullableNumber, max: nullableNumber }),
  las: z.array(benchmarkLa),
});
export type BenchmarkLa = z.infer<typeof benchmarkLa>;

// GET /api/data-status.
const count = z.nullable(z.number());
export const dataStatusResponse = z.object({
  data: z.nullable(dataNotice),
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
      rows_read: count,
      rows_loaded: count,
      rows_rejected: count,
      message: z.nullable(z.string()),
    }),
  ),
  files: z.array(
    z.object({
      table_name: z.string(),
      file_name: z.string(),
      format: z.string(),
      bytes: count,
      sha256: z.nullable(z.string()),
      rows_read: count,
      rows_loaded: count,
      rows_rejected: count,
      redactions: count,
      ignored_columns: z.nullable(z.array(z.string())),
    }),
  ),
  quarantine: z.array(z.object({ file_name: z.string(), reason: z.string(), rows: z.number() })),
});
export type DataStatusResponse = z.infer<typeof dataStatusResponse>;

// Compile-time proof that the browser's schemas produce exactly the server contract's types.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type ContractChecks = [
  Assert<Equal<z.infer<typeof catalogueResponse>, CatalogueResponse>>,
  Assert<Equal<z.infer<typeof indicatorResponse>, IndicatorResponse>>,
  Assert<Equal<z.infer<typeof areasResponse>, AreasResponse>>,
  Assert<Equal<z.infer<typeof periodsResponse>, PeriodsResponse>>,
  Assert<Equal<z.infer<typeof benchmarkResponse>, BenchmarkResponse>>,
  Assert<Equal<z.infer<typeof dataStatusResponse>, ServerDataStatusResponse>>,
];
