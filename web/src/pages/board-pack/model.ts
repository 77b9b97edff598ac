import type { DataStatusResponse, IndicatorMeta } from '../../../../contract/indicators.ts';
import { fetchDataStatus, fetchIndicator } from '../../api.ts';
import '../../components/board-pack-styles.css';
import { type PackItem } from '../../components/board-pack-text.ts';
import { headlineRow } from '../../components/headline-row.ts';
import { trendParams, type Filters } from '../../filters.ts';

// The board pack's figures: each headline indicator's trend (one request each, shared with the Overview) and the
// data status, loaded together; a failed indicator is kept with its error.

export const groups = [
  { id: 'needs', title: 'Needs', path: '/needs' },
  { id: 'gaps', title: 'Gaps', path: '/gaps' },
  { id: 'outcomes', title: 'Outcomes', path: '/outcomes' },
] as const;

export type Loaded = { item: PackItem; error?: undefined } | { item?: undefined; meta: IndicatorMeta; error: string };
export const metaOf = (l: Loaded): IndicatorMeta => (l.item ? l.item.meta : l.meta);

export interface PackData {
  loaded: Loaded[];
  status: DataStatusResponse;
}

export async function loadPack(metas: IndicatorMeta[], filters: Filters, signal: AbortSignal): Promise<PackData> {
  const params = trendParams(filters);
  const [settled, status] = await Promise.all([
    Promise.allSettled(metas.map((meta) => fetchIndicator(meta.id, params, signal))),
    fetchDataStatus(signal),
  ]);
  const loaded = settled.map((result, i): Loaded => {
    const meta = metas[i] as IndicatorMeta;
    if (result.status === 'rejected') return { meta, error: result.reason instanceof Error ? result.reason.message : String(result.reason) };
    const trend = result.value.rows.filter((r) => r.breakdown === 'all');
    const { row, exact } = headlineRow(trend, filters.period);
    return { item: { meta, trend, row, exact } };
  });
  return { loaded, status };
}
