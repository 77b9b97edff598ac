import type { BreakdownId, Unit } from '../../contract/vocabularies.ts';
import type { Database } from '../db/database.ts';
import type { TableName } from '../extract/spec.ts';
import type { Polarity } from '../statistics/index.ts';

export type IndicatorGroup = 'needs' | 'gaps' | 'outcomes';
/** The dashboard's theme pages: each shows its indicators after the group pages do. */
export const themePageIds = ['local-offer', 'personal-budgets', 'preparing-for-adulthood'] as const;
export type ThemePageId = (typeof themePageIds)[number];

/** Where the dashboard shows an indicator besides its group's page (needs, gaps or outcomes). */
export interface Placement {
  /** Its place among the Overview's headline tiles (1 first); absent: not a headline. */
  headline?: number;
  /** A theme page that shows it too, and its place there (1 first). */
  theme?: { page: ThemePageId; order: number };
}
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

/** The DfE tables server/benchmarks/import-dfe.ts reads (each file's headline rows). */
export const dfeTables = ['caseload', 'requests', 'timeliness_20_week', 'sen_needs_all_plans', 'personal_budgets', 'ceased_plans', 'annual_reviews'] as const;
export type DfeTable = (typeof dfeTables)[number];

/**
 * Where the published benchmark comes from and how its figure is made, for the importer
 * (server/benchmarks/import-dfe.ts builds data/reference from it): a DfE table's columns, added
 * together, over other columns, the ONS mid-2021 population aged 0-25, or the plans of the
 * caseload table; the value in the indicator's unit (recomputed from the counts, else the
 * published `publishedValue` column). `byNeed`: one row per primary need, `{need}` in a column
 * name standing for the need's code in lower case. Or the MoJ SEND Tribunal table (its own parser).
 */
export type PublishedFigure =
  | {
      publisher: 'dfe';
      table: DfeTable;
      numerator: readonly string[];
      denominator: readonly string[] | 'population' | 'caseload';
      publishedValue?: string;
      /** The first year the columns were collected. */
      fromYear?: number;
      byNeed?: boolean;
    }
  | { publisher: 'moj-tribunal' };

/** The published benchmark's own definition, field by field. */
export interface BenchmarkBasis {
  /** Where the importer reads the published figure: the publisher's table and columns. */
  importedFrom: PublishedFigure;
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
  /** What it measures, in plain words (served as `definition`). */
  description: string;
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
  /** The Overview's headline tiles and theme pages that show it (served in GET /api/indicators). */
  placement?: Placement;
  /** The published DfE benchmark of the same measure, if there is one. */
  benchmark: string | null;
  /** Exactly what the published benchmark measures, and what local figure it is compared with. */
  benchmarkBasis: BenchmarkBasis | null;
  /**
   * Where the query comes from when it is not sql/indicators/<id>.sql: sibling measures share
   * one parameterised file (`params` are bound as `$name`, never pasted into the SQL).
   */
  query?: { file: string; params: Record<string, string | number | boolean> };
  /**
   * The denominator of the total row the engine adds for an area and period with nothing
   * counted: 0 (the default: 0 of 0 when the denominator counts the same records), or null
   * when the denominator is not counted from them (a population) or there is none (a median).
   */
  emptyDenominator?: 0 | null;
  /** The folder of the SQL file (default sql/indicators): an indicator added outside the shipped catalogue. */
  sqlDir?: string;
  /**
   * For a modelled indicator (the forecast): rows from TypeScript instead of
   * sql/indicators/<id>.sql, which then holds the model's observed rows (`observed` runs it as
   * the engine would). Rows may carry intervals.
   */
  model?: (db: Database, observed: () => Promise<SourceRow[]>) => Promise<SourceRow[]>;
}

/** Whether an indicator has a published benchmark (its definition states the benchmark's basis). */
export const hasBenchmark = (d: Pick<IndicatorDefinition, 'benchmarkBasis'>): boolean => d.benchmarkBasis !== null;

/** A row of an indicator's query (sql/indicators, as the engine runs it): one cell before disclosure control. */
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
