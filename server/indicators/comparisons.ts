import type { ReferenceData } from '../benchmarks/reference-data.ts';
import { compareWithBenchmark } from '../statistics/index.ts';
import type { IndicatorRow } from '../../contract/indicators.ts';
import { hasBenchmark, type IndicatorDefinition } from './types.ts';

type Comparison = IndicatorRow['comparisons'][number];
type Rank = NonNullable<IndicatorRow['rank']>;


/** Published benchmarks exist for the headline and for primary need only. */
const benchmarkBreakdown = (row: IndicatorRow): string | null =>
  row.breakdown === 'all' ? 'all' : row.breakdown === 'primary_need' ? row.breakdown_value : null;

/** The local figure a benchmark is compared with: the headline row, or its benchmark-basis row. */
type LocalFigure = Pick<IndicatorRow, 'value' | 'lower_95' | 'upper_95' | 'numerator' | 'denominator'>;

/**
 * How one comparator is compared: the local figure on the benchmark's own basis, or no
 * comparison at all (with the reason in words) when the extract cannot reproduce the benchmark.
 */
interface ComparisonBasis {
  basis: Comparison['basis'];
  local: LocalFigure | null;
  reason: string | null;
}

/** The basis of the comparisons of an LA row, from the definition and the benchmark-basis row. */
export function comparisonBasis(d: IndicatorDefinition, row: IndicatorRow, basisRow: IndicatorRow | undefined): ComparisonBasis {
  const kind = d.benchmarkBasis?.comparison;
  if (!kind || kind.kind === 'headline') return { basis: 'headline', local: row, reason: null };
  if (kind.kind === 'not-compared') return { basis: 'not-compared', local: null, reason: kind.reason };
  if (!basisRow || basisRow.value === null) {
    const why = basisRow?.suppressed
      ? 'the figure on the benchmark\'s basis is withheld to protect small numbers'
      : 'the extract lacks what the benchmark\'s basis needs (for a rate, the mid-2021 population)';
    return { basis: 'not-compared', local: null, reason: `Not compared: ${why}.` };
  }
  return { basis: 'benchmark-basis', local: basisRow, reason: null };
}

function compared(comparator: string, label: string, value: number | null | undefined, on: ComparisonBasis, d: IndicatorDefinition): Comparison {
  const benchmark = value ?? null;
  const local = on.local;
  return {
    comparator,
    label,
    value: benchmark,
    significance: local
      ? compareWithBenchmark({ value: local.value, lower: local.lower_95, upper: local.upper_95, benchmark, polarity: d.polarity })
      : 'not-compared',
    basis: on.basis,
    local_value: local?.value ?? null,
    local_lower_95: local?.lower_95 ?? null,
    local_upper_95: local?.upper_95 ?? null,
    local_numerator: local?.numerator ?? null,
    local_denominator: local?.denominator ?? null,
    reason: on.reason,
  };
}

/**
 * Comparators for an LA row: England, its region, the mean of its 10 statistical
 * neighbours and, as a reconciliation check, the figure DfE published for the LA itself.
 * Each is compared with the local figure on the benchmark's basis (`basisRow` when the
 * headline differs from it), or not at all when the extract cannot reproduce the benchmark.
 */
export function laComparisons(d: IndicatorDefinition, row: IndicatorRow, reference: ReferenceData | null, basisRow?: IndicatorRow): Comparison[] {
  const breakdown = benchmarkBreakdown(row);
  if (!reference || !breakdown || !hasBenchmark(d)) return [];
  const period = Number(row.period);
  const on = comparisonBasis(d, row, breakdown === 'all' ? basisRow : undefined);
  const region = reference.regionValue(row.area_code, d.id, period, breakdown);
  const neighbours = reference.neighbourMean(row.area_code, d.id, period, breakdown);
  return [
    compared('england', 'England', reference.englandValue(d.id, period, breakdown)?.value, on, d),
    compared('region', region?.area_name ?? 'Region', region?.value, on, d),
    compared('neighbours', `Statistical neighbours (mean of ${neighbours?.count ?? 0})`, neighbours?.mean, on, d),
    compared('published', `Published DfE figure for ${row.area_name}`, reference.value(row.area_code, d.id, period, breakdown)?.value, on, d),
  ];
}

/** A locality against its LA; a count is not comparable across areas of different size. */
export const localityComparisons = (d: IndicatorDefinition, row: IndicatorRow, laRow: IndicatorRow | undefined): Comparison[] =>
  laRow && d.unit !== 'count' ? [compared('la', laRow.area_name, laRow.value, { basis: 'headline', local: row, reason: null }, d)] : [];

/** Where the extract's own value (on the benchmark's basis) would rank among the published LA values (1 = highest). */
export function rankAmongLas(d: IndicatorDefinition, row: IndicatorRow, reference: ReferenceData | null, basisRow?: IndicatorRow): Rank | null {
  const breakdown = benchmarkBreakdown(row);
  if (!reference || !breakdown || !hasBenchmark(d)) return null;
  // Ranked on the benchmark's basis, like the comparisons; never against figures of another definition.
  const own = comparisonBasis(d, row, breakdown === 'all' ? basisRow : undefined).local?.value ?? null;
  if (own === null) return null;
  const values = reference.laValues(d.id, Number(row.period), breakdown, row.area_code);
  if (values.length === 0) return null;
  const rank = 1 + values.filter((v) => v > own).length;
  const of = values.length + 1;
  return { rank, of, quartile: Math.min(4, Math.ceil((4 * rank) / of)) };
}

/** What an aggregate of the extract's LAs is: England, a region or an ICB, and how many of its LAs it holds. */
export interface AggregateCoverage {
  area_code: string;
  area_name: string;
  area_type: 'england' | 'region' | 'icb';
  las: readonly string[];
  las_in_area: number;
}

/**
 * Comparators for an aggregate row (issue 19), like for like: England for a region or an ICB
 * (as for an LA); the published figure of the area itself (England, a region) only when the
 * extract holds every LA of it, otherwise shown for context and not compared, with the reason.
 * ICBs have no published DfE figure.
 */
export function aggregateComparisons(d: IndicatorDefinition, row: IndicatorRow, area: AggregateCoverage, reference: ReferenceData | null, basisRow?: IndicatorRow): Comparison[] {
  const breakdown = benchmarkBreakdown(row);
  if (!reference || !breakdown || !hasBenchmark(d)) return [];
  const period = Number(row.period);
  const on = comparisonBasis(d, row, breakdown === 'all' ? basisRow : undefined);
  const out: Comparison[] = [];
  if (area.area_type !== 'england') out.push(compared('england', 'England', reference.englandValue(d.id, period, breakdown)?.value, on, d));
  if (area.area_type === 'icb') return out;
  const own = reference.value(area.area_code, d.id, period, breakdown)?.value;
  const label = `Published DfE figure for ${area.area_name}`;
  const whole = area.las.length >= area.las_in_area;
  const partial: ComparisonBasis = {
    basis: 'not-compared',
    local: null,
    reason: `Not compared: the extract holds ${area.las.length} of the ${area.las_in_area} LAs of ${area.area_name}, so its figure is not the published area's.`,
  };
  out.push(compared('published', label, own, whole ? on : partial, d));
  return out;
}
