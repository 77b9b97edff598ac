import { overviewGridResponseSchema, type IndicatorMeta, type IndicatorRow } from '../../../../contract/indicators.ts';
import { getJson, query } from '../../api.ts';
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

// GET /api/overview-grid: every indicator's /api/indicators/:id answer for the LA and its localities in one
// request (issue 17: the grid made one request per indicator × area, 158 on a 2,000-child extract).

/** The total row of every indicator for every area, in one request; an indicator the answer lacks marks its cells. */
export async function loadGrid(indicators: IndicatorMeta[], areas: Area[], period: string, compare: string, signal: AbortSignal): Promise<Grid> {
  const la = areas.find((a) => a.area_type === 'la') ?? areas[0];
  const response = await getJson(`/api/overview-grid${query({ la: la?.area_code, period })}`, overviewGridResponseSchema, signal);
  const byIndicator = new Map(response.indicators.map((entry) => [entry.indicator.id, entry.rows]));
  const cells = new Map<string, GridCell>();
  for (const indicator of indicators) {
    const rows = byIndicator.get(indicator.id);
    for (const area of areas) {
      const row = rows?.find((r) => r.area_code === area.area_code && r.breakdown === 'all' && r.period === period) ?? null;
      const comparison = row?.comparisons.find((c) => c.comparator === comparatorFor(area, compare)) ?? null;
      cells.set(cellKey(indicator.id, area.area_code), { indicator, area, row, comparison, error: rows ? null : 'The server sent no figures for this indicator' });
    }
  }
  return { indicators, areas, cells };
}

/** Tints by judgement; any judgement the web does not know (a new one from the API) is shown as neutral text. */
const knownTints = new Set(['better', 'worse', 'similar', 'higher', 'lower', 'not-compared']);
export const tintOf = (significance: string | undefined): string => (significance && knownTints.has(significance) ? significance : 'neutral');
