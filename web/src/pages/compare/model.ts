import type { BenchmarkResponse, IndicatorMeta } from '../../../../contract/indicators.ts';
import { ApiError, fetchBenchmark } from '../../api.ts';

// Compare areas: which local authorities are chosen, and the rows of published figures for them. Pure functions,
// so the page and its browser test read the same figures in the same order.

/** One benchmarked indicator's published figures for the period, or why there are none. */
export interface Published {
  meta: IndicatorMeta;
  benchmark: BenchmarkResponse | null;
  error: string | null;
}

/** Every benchmarked indicator's published figures; a 404 is "none published", not a failure. */
export function loadPublished(indicators: IndicatorMeta[], period: string, signal: AbortSignal): Promise<Published[]> {
  return Promise.all(
    indicators.map((meta) =>
      fetchBenchmark(meta.id, period, signal).then(
        // A benchmark with no LA's figure published (a share of a whole, such as plans by primary need) has
        // nothing to compare.
        (benchmark): Published => ({ meta, benchmark: benchmark.las.some((l) => l.value !== null) ? benchmark : null, error: null }),
        (error: unknown): Published => {
          if (error instanceof DOMException && error.name === 'AbortError') throw error;
          if (error instanceof ApiError && error.status === 404) return { meta, benchmark: null, error: null };
          return { meta, benchmark: null, error: error instanceof Error ? error.message : String(error) };
        },
      ),
    ),
  );
}

export interface LaChoice {
  area_code: string;
  area_name: string;
  neighbour: boolean;
  self: boolean;
}

/** Every LA with a published figure on any indicator, by name. */
export function allLas(published: Published[]): LaChoice[] {
  const byCode = new Map<string, LaChoice>();
  for (const p of published) {
    for (const la of p.benchmark?.las ?? []) {
      if (!byCode.has(la.area_code)) byCode.set(la.area_code, { area_code: la.area_code, area_name: la.area_name, neighbour: la.neighbour, self: la.self });
    }
  }
  return [...byCode.values()].sort((a, b) => a.area_name.localeCompare(b.area_name, 'en-GB'));
}

/** The value of the `areas` parameter when the user has removed every area (an empty value would mean "default"). */
export const NO_AREAS = 'none';

/**
 * The LAs to compare: those in the URL (`areas`, comma-separated ONS codes) that have published figures, or the
 * statistical neighbours when the URL names none. The LA itself is always shown, so it is never in this list.
 */
export function chosenLas(param: string | null, las: LaChoice[]): { chosen: LaChoice[]; unknown: string[] } {
  const others = las.filter((l) => !l.self);
  if (param === null) return { chosen: others.filter((l) => l.neighbour), unknown: [] };
  if (param === NO_AREAS) return { chosen: [], unknown: [] };
  const codes = [...new Set(param.split(',').map((c) => c.trim()).filter(Boolean))];
  const chosen = codes.flatMap((code) => others.filter((l) => l.area_code === code));
  const unknown = codes.filter((code) => !las.some((l) => l.area_code === code));
  return { chosen, unknown };
}

export type RowKind = 'self' | 'extract' | 'la' | 'region' | 'england';

/** One bar of the chart and one row of the table for one indicator. */
export interface CompareRow {
  key: string;
  name: string;
  kind: RowKind;
  value: number | null;
  /** The DfE symbol when there is no value: `c` for a suppressed extract figure, `x` otherwise. */
  symbol: 'c' | 'x';
  neighbour: boolean;
}

/**
 * The rows for one indicator: this LA's published figure and its figure from the loaded extract, the chosen LAs
 * (by name), the region and England.
 */
export function compareRows(benchmark: BenchmarkResponse, chosen: LaChoice[]): CompareRow[] {
  const self = benchmark.las.find((l) => l.self);
  const selfName = self?.area_name ?? benchmark.la_code;
  const rows: CompareRow[] = [
    { key: 'self', name: `${selfName} (published)`, kind: 'self', value: self?.value ?? null, symbol: 'x', neighbour: false },
    {
      key: 'extract',
      name: `${selfName} (from the loaded extract)`,
      kind: 'extract',
      value: benchmark.la_value,
      symbol: benchmark.la_suppressed ? 'c' : 'x',
      neighbour: false,
    },
  ];
  for (const la of chosen) {
    const published = benchmark.las.find((l) => l.area_code === la.area_code);
    rows.push({ key: la.area_code, name: la.area_name, kind: 'la', value: published?.value ?? null, symbol: 'x', neighbour: la.neighbour });
  }
  if (benchmark.region) {
    rows.push({ key: 'region', name: `${benchmark.region.area_name} (region)`, kind: 'region', value: benchmark.region.value, symbol: 'x', neighbour: false });
  }
  rows.push({ key: 'england', name: 'England', kind: 'england', value: benchmark.england, symbol: 'x', neighbour: false });
  return rows;
}

/** Where a published value ranks among every LA's published value (1 = highest), or null. */
export function rankAmongLas(benchmark: BenchmarkResponse, value: number | null): { rank: number; of: number } | null {
  if (value === null) return null;
  const values = benchmark.las.flatMap((l) => (l.value === null ? [] : [l.value]));
  return { rank: values.filter((v) => v > value).length + 1, of: values.length };
}
