import type { BenchmarkResponse, IndicatorMeta, IndicatorRow } from '../../../../contract/indicators.ts';
import { ApiError, fetchBenchmark, fetchIndicator } from '../../api.ts';

export type Comparison = IndicatorRow['comparisons'][number];
/** One benchmarked indicator: its published distribution (or why there is none) and the LA's comparison with England. */
export type Outcome = { meta: IndicatorMeta; benchmark: BenchmarkResponse | null; missing: 'no-route' | 'none' | null; error: string | null; england: Comparison | null };

/** The LA's comparison with England from its own figure and interval (null when the indicator has none). */
async function englandComparison(meta: IndicatorMeta, area: string, period: string, signal: AbortSignal): Promise<Comparison | null> {
  try {
    const response = await fetchIndicator(meta.id, { area, period }, signal);
    const row = response.rows.find((r) => r.breakdown === 'all' && r.period === period);
    return row?.comparisons.find((c) => c.comparator === 'england') ?? null;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return null;
  }
}

/** Every benchmarked indicator's published distribution; a 404 means "no benchmark", not a failure. */
export async function loadAll(indicators: IndicatorMeta[], area: string, period: string, signal: AbortSignal): Promise<Outcome[]> {
  return Promise.all(
    indicators.map((meta) =>
      Promise.all([fetchBenchmark(meta.id, period, signal), englandComparison(meta, area, period, signal)]).then(
        ([benchmark, england]): Outcome => ({ meta, benchmark, missing: null, error: null, england }),
        (error: unknown): Outcome => {
          if (error instanceof ApiError && error.status === 404) {
            return { meta, benchmark: null, missing: /no api route/i.test(error.message) ? 'no-route' : 'none', error: null, england: null };
          }
          if (error instanceof DOMException && error.name === 'AbortError') throw error;
          return { meta, benchmark: null, missing: null, error: error instanceof Error ? error.message : String(error), england: null };
        },
      ),
    ),
  );
}
