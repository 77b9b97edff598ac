import { BENCHMARK_INDICATOR_IDS, type BenchmarkIndicatorId } from '../benchmarks/benchmark-schema.ts';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import { compareWithBenchmark } from '../statistics/index.ts';
import type { IndicatorRow } from '../api/contract.ts';
import type { IndicatorDefinition } from './types.ts';

type Comparison = IndicatorRow['comparisons'][number];
type Rank = NonNullable<IndicatorRow['rank']>;

const benchmarkIds: ReadonlySet<string> = new Set(BENCHMARK_INDICATOR_IDS);
const isBenchmarked = (id: string): id is BenchmarkIndicatorId => benchmarkIds.has(id);

/** Published benchmarks exist for the headline and for primary need only. */
const benchmarkBreakdown = (row: IndicatorRow): string | null =>
  row.breakdown === 'all' ? 'all' : row.breakdown === 'primary_need' ? row.breakdown_value : null;

function compared(comparator: string, label: string, value: number | null | undefined, row: IndicatorRow, d: IndicatorDefinition): Comparison {
  const benchmark = value ?? null;
  return {
    comparator,
    label,
    value: benchmark,
    significance: compareWithBenchmark({ value: row.value, lower: row.lower_95, upper: row.upper_95, benchmark, polarity: d.polarity }),
  };
}

/**
 * Comparators for an LA row: England, its region, the mean of its 10 statistical
 * neighbours and, as a reconciliation check, the figure DfE published for the LA itself.
 */
export function laComparisons(d: IndicatorDefinition, row: IndicatorRow, reference: ReferenceData | null): Comparison[] {
  const breakdown = benchmarkBreakdown(row);
  if (!reference || !breakdown || !isBenchmarked(d.id)) return [];
  const period = Number(row.period);
  const region = reference.regionValue(row.area_code, d.id, period, breakdown);
  const neighbours = reference.neighbourMean(row.area_code, d.id, period, breakdown);
  return [
    compared('england', 'England', reference.englandValue(d.id, period, breakdown)?.value, row, d),
    compared('region', region?.area_name ?? 'Region', region?.value, row, d),
    compared('neighbours', `Statistical neighbours (mean of ${neighbours?.count ?? 0})`, neighbours?.mean, row, d),
    compared('published', `Published DfE figure for ${row.area_name}`, reference.value(row.area_code, d.id, period, breakdown)?.value, row, d),
  ];
}

/** A locality against its LA; a count is not comparable across areas of different size. */
export const localityComparisons = (d: IndicatorDefinition, row: IndicatorRow, laRow: IndicatorRow | undefined): Comparison[] =>
  laRow && d.unit !== 'count' ? [compared('la', laRow.area_name, laRow.value, row, d)] : [];

/** Where the extract's own value would rank among the published LA values (1 = highest). */
export function rankAmongLas(d: IndicatorDefinition, row: IndicatorRow, reference: ReferenceData | null): Rank | null {
  const breakdown = benchmarkBreakdown(row);
  if (!reference || !breakdown || row.value === null || !isBenchmarked(d.id)) return null;
  const values = reference.laValues(d.id, Number(row.period), breakdown, row.area_code);
  if (values.length === 0) return null;
  const own = row.value;
  const rank = 1 + values.filter((v) => v > own).length;
  const of = values.length + 1;
  return { rank, of, quartile: Math.min(4, Math.ceil((4 * rank) / of)) };
}
