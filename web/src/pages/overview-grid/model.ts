import type { IndicatorMeta, IndicatorRow } from '../../../../contract/indicators.ts';
import { fetchIndicator } from '../../api.ts';
import type { Area } from '../../filters.ts';

// The overview grid ("tartan rug"): every indicator × (the LA and each locality) for one period, each figure with
// its comparison: the LA against the chosen benchmark (England, region or neighbours), a locality against the LA.

export interface GridCell {
  indicator: IndicatorMeta;
  area: Area;
  row: IndicatorRow | null;
  comparison: IndicatorRow['comparisons'][number] | null;
  error: string | null;
}

export interface Grid {
  indicators: IndicatorMeta[];
  areas: Area[];
  cells: Map<string, GridCell>;
}

export const cellKey = (indicatorId: string, areaCode: string): string => `${indicatorId}|${areaCode}`;

/** The comparator of a cell: the chosen one for the LA, the LA for a locality. */
export const comparatorFor = (area: Area, compare: string): string => (area.area_type === 'locality' ? 'la' : compare);

/** The LA first, then its localities by name. */
export function gridAreas(areas: Area[], la: Area): Area[] {
  const localities = areas.filter((a) => a.area_type === 'locality' && a.parent_code === la.area_code).sort((a, b) => a.area_name.localeCompare(b.area_name, 'en-GB'));
  return [la, ...localities];
}

/** Fetches the total row of every indicator for every area; one failed request marks its cell, not the grid. */
export async function loadGrid(indicators: IndicatorMeta[], areas: Area[], period: string, compare: string, signal: AbortSignal): Promise<Grid> {
  const cells = new Map<string, GridCell>();
  await Promise.all(
    indicators.flatMap((indicator) =>
      areas.map(async (area) => {
        let cell: GridCell;
        try {
          const response = await fetchIndicator(indicator.id, { area: area.area_code, period }, signal);
          const row = response.rows.find((r) => r.breakdown === 'all' && r.period === period) ?? null;
          const comparison = row?.comparisons.find((c) => c.comparator === comparatorFor(area, compare)) ?? null;
          cell = { indicator, area, row, comparison, error: null };
        } catch (error) {
          if (error instanceof DOMException && error.name === 'AbortError') throw error;
          cell = { indicator, area, row: null, comparison: null, error: error instanceof Error ? error.message : String(error) };
        }
        cells.set(cellKey(indicator.id, area.area_code), cell);
      }),
    ),
  );
  return { indicators, areas, cells };
}

/** Tints by judgement; any judgement the web does not know (a new one from the API) is shown as neutral text. */
const knownTints = new Set(['better', 'worse', 'similar', 'higher', 'lower', 'not-compared']);
export const tintOf = (significance: string | undefined): string => (significance && knownTints.has(significance) ? significance : 'neutral');
