import type { ReferenceData } from '../benchmarks/reference-data.ts';
import type { BenchmarkResponse, IndicatorRow } from '../../contract/indicators.ts';
import { indicatorMeta } from './engine.ts';
import { hasBenchmark, type IndicatorDefinition } from './types.ts';

/** Quantile by linear interpolation between order statistics (R type 7, Excel PERCENTILE.INC). */
export function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? 0;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/** The LA's own figure set among every LA's published figure: spine and ranked bar charts. */
export function benchmarkView(
  definition: IndicatorDefinition,
  reference: ReferenceData,
  laCode: string,
  period: string,
  laRow: IndicatorRow | undefined,
): BenchmarkResponse {
  if (!hasBenchmark(definition)) throw new Error(`${definition.id} has no benchmark`);
  const year = Number(period);
  const neighbours = new Set(reference.neighbours.get(laCode) ?? []);
  const las = reference
    .laRows(definition.id, year)
    .map((r) => ({ area_code: r.area_code, area_name: r.area_name, value: r.value, neighbour: neighbours.has(r.area_code), self: r.area_code === laCode }))
    .sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.area_name.localeCompare(b.area_name));
  const values = las.flatMap((l) => (l.value === null ? [] : [l.value])).sort((a, b) => a - b);
  const region = reference.regionValue(laCode, definition.id, year);
  return {
    indicator: indicatorMeta(definition),
    period,
    la_code: laCode,
    la_value: laRow?.value ?? null,
    la_suppressed: laRow?.suppressed ?? false,
    england: reference.englandValue(definition.id, year)?.value ?? null,
    region: region ? { area_code: region.area_code, area_name: region.area_name, value: region.value } : null,
    neighbours_mean: reference.neighbourMean(laCode, definition.id, year)?.mean ?? null,
    distribution: {
      min: quantile(values, 0),
      q1: quantile(values, 0.25),
      median: quantile(values, 0.5),
      q3: quantile(values, 0.75),
      max: quantile(values, 1),
    },
    las,
  };
}
