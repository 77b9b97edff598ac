import type { BreakdownId, Unit } from '../../contract/vocabularies.ts';
import type { Database } from '../db/database.ts';
import type { TableName } from '../extract/spec.ts';
import type { Polarity } from '../statistics/index.ts';

export type IndicatorGroup = 'needs' | 'gaps' | 'outcomes';
export type CiMethod = 'wilson' | 'byar' | 'none';
export type PeriodType = 'snapshot' | 'calendar-year';

/**
 * The local figure a published benchmark is compared with:
 * - `headline`: the indicator itself is already on the benchmark's basis;
 * - `benchmark-basis`: a second figure on the benchmark's basis, from
 *   sql/benchmark-basis/<id>.sql (LA totals only), because the headline must differ;
 * - `not-compared`: the extract cannot reproduce the benchmark's definition, so the published
 *   figures are shown for context only and no better/worse/similar judgement is drawn.
 */
export type BenchmarkComparisonBasis =
  | { kind: 'headline'; why: string }
  | { kind: 'benchmark-basis'; numerator: string; denominator: string; why: string }
  | { kind: 'not-compared'; reason: string };

/** The published benchmark's own definition, field by field. */
export interface BenchmarkBasis {
  /** Publication, table and columns. */
  source: string;
  numerator: string;
  denominator: string;
  /** The date or period the published figure describes. */
  referenceDate: string;
  /** The population estimate a rate is taken over (null for a share of cases). */
  populationBase: string | null;
  comparison: BenchmarkComparisonBasis;
}

/**
 * One indicator: its metadata plus sql/indicators/<id>.sql, which returns
 * area_code, period, breakdown, breakdown_value, numerator, denominator for every
 * area, period and allowed breakdown (breakdown 'all' is the total).
 */
export interface IndicatorDefinition {
  id: string;
  title: string;
  group: IndicatorGroup;
  definition: string;
  numerator: string;
  denominator: string;
  unit: Unit;
  polarity: Polarity;
  ciMethod: CiMethod;
  sources: TableName[];
  periodType: PeriodType;
  /** For snapshots: when in the period the count is taken. */
  referenceDate?: string;
  breakdowns: BreakdownId[];
  /** True when the denominator counts people or events, so small denominators are disclosive too. */
  denominatorIsCount: boolean;
  /**
   * Sums a reader cannot subtract: breakdowns whose values do not add up to the total (a plan
   * with two budget elements counts in both), or localities that do not add up to the LA.
   * Disclosure control builds no secondary-suppression groups for them.
   */
  nonAdditive?: { breakdowns?: BreakdownId[]; localities?: boolean };
  /**
   * Every row's denominator is the area's total (the 'all' row's), whatever its breakdown: a share
   * of all active plans by need. An aggregate's breakdown rows then take the aggregate's total.
   */
  denominatorIsAreaTotal?: boolean;
  disclosure: string;
  /** The published DfE benchmark of the same measure, if there is one. */
  benchmark: string | null;
  /** Exactly what the published benchmark measures, and what local figure it is compared with. */
  benchmarkBasis: BenchmarkBasis | null;
  /**
   * For a modelled indicator (the forecast): rows from TypeScript instead of
   * sql/indicators/<id>.sql, which then holds the model's inputs. Rows may carry intervals.
   */
  model?: (db: Database) => Promise<SourceRow[]>;
}

/** A row of an indicator's SQL (or model): counts by area, period and breakdown, before intervals and suppression. */
export interface SourceRow extends Record<string, unknown> {
  area_code: string;
  period: string;
  breakdown: string;
  breakdown_value: string;
  numerator: number | null;
  denominator: number | null;
  /** Optional: an indicator that is not a ratio (a median, say) computes its value in SQL. */
  value?: number | null;
  /** Optional: intervals from a model (a forecast's simulation band) instead of the CI method. */
  lower_95?: number | null;
  upper_95?: number | null;
  lower_99_8?: number | null;
  upper_99_8?: number | null;
}
