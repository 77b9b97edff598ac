import type { IndicatorRow } from '../../contract/indicators.ts';
import { computeIndicator, indicatorMeta, type IndicatorRequest } from '../indicators/engine.ts';
import type { DataContext } from '../data-context.ts';
import { NotFoundError } from '../errors.ts';
import type { Area } from '../../contract/common.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import type { BreakdownId } from '../../contract/vocabularies.ts';
import type { ServingEnv } from '../serving-env.ts';
import { parentKey, tidyRows, type TidyRow } from './tidy.ts';

// Every exported figure comes from computeIndicator, so disclosure control is the
// engine's: exports never read indicator SQL or unsuppressed counts themselves.

export interface IndicatorView {
  rows: IndicatorRow[];
  /** For a locality: its LA's rows for the same request, keyed by parentKey. */
  parentRows: Map<string, IndicatorRow> | null;
}

export async function indicatorView(env: ServingEnv, context: DataContext, definition: IndicatorDefinition, request: IndicatorRequest): Promise<IndicatorView> {
  const options = { threshold: env.threshold, reference: env.reference };
  const rows = await computeIndicator(env.db, context, definition, request, options);
  const parent = context.areas.find((a) => a.area_code === request.area)?.parent_code ?? null;
  if (!parent) return { rows, parentRows: null };
  return { rows, parentRows: await parentRowsOf(env, context, definition, { ...request, area: parent }) };
}

/** An LA's rows for the same request as its locality's, keyed by parentKey (the locality's comparisons with its LA). */
async function parentRowsOf(env: ServingEnv, context: DataContext, definition: IndicatorDefinition, request: IndicatorRequest): Promise<Map<string, IndicatorRow>> {
  const rows = await computeIndicator(env.db, context, definition, request, { threshold: env.threshold, reference: env.reference });
  return new Map(rows.map((r) => [parentKey(r), r]));
}

/**
 * England, regions and ICBs (an extract of several LAs), then the LA(s) of the extract, each
 * followed by its localities (the extract's LA first).
 */
export function exportAreas(context: DataContext): Area[] {
  const las = context.areas
    .filter((a) => a.area_type === 'la')
    .sort((a, b) => Number(b.area_code === context.defaultArea) - Number(a.area_code === context.defaultArea));
  return [...context.aggregates, ...las.flatMap((la) => [la, ...context.areas.filter((a) => a.parent_code === la.area_code)])];
}

/**
 * An area's rows for an export of many areas: an aggregate of an indicator that cannot be summed
 * over LAs (a median, a model) has none, and is left out rather than failing the whole export.
 */
export async function exportedRows(env: ServingEnv, context: DataContext, definition: IndicatorDefinition, area: Area, request: IndicatorRequest): Promise<IndicatorRow[]> {
  const options = { threshold: env.threshold, reference: env.reference };
  if (area.area_type === 'la' || area.area_type === 'locality') return computeIndicator(env.db, context, definition, request, options);
  return computeIndicator(env.db, context, definition, request, options).catch((error: unknown) => {
    if (error instanceof NotFoundError) return [];
    throw error;
  });
}

/**
 * Every published row of one indicator for the workbook: each area (LA then its
 * localities), each breakdown ('all' first), every period.
 */
export async function indicatorTrendRows(env: ServingEnv, context: DataContext, definition: IndicatorDefinition, areas: readonly Area[] = exportAreas(context)): Promise<TidyRow[]> {
  const indicator = indicatorMeta(definition);
  const breakdowns: BreakdownId[] = ['all', ...definition.breakdowns];
  const out: TidyRow[] = [];
  for (const by of breakdowns) {
    const laRows = new Map<string, Map<string, IndicatorRow>>();
    for (const area of areas) {
      const request: IndicatorRequest = { area: area.area_code, period: 'all', periodType: 'calendar-year', by };
      const rows = await exportedRows(env, context, definition, area, request);
      if (area.area_type === 'la') laRows.set(area.area_code, new Map(rows.map((r) => [parentKey(r), r])));
      let parentRows: Map<string, IndicatorRow> | null = null;
      if (area.parent_code) {
        // The LA's rows, computed once when the workbook holds the locality without its LA (?area=<locality>).
        parentRows = laRows.get(area.parent_code) ?? (await parentRowsOf(env, context, definition, { ...request, area: area.parent_code }));
        laRows.set(area.parent_code, parentRows);
      }
      out.push(...tidyRows(rows, { indicator, notice: context.notice, parentRows }));
    }
  }
  const areaOrder = new Map(areas.map((a, i) => [a.area_code, i]));
  const byOrder = new Map(breakdowns.map((b, i) => [b as string, i]));
  // Stable sort: area, then breakdown; the engine's order (period, category) within.
  return out
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (areaOrder.get(String(a.row.area_code)) ?? 0) - (areaOrder.get(String(b.row.area_code)) ?? 0) || (byOrder.get(String(a.row.breakdown)) ?? 0) - (byOrder.get(String(b.row.breakdown)) ?? 0) || a.i - b.i)
    .map(({ row }) => row);
}

/** Which areas a workbook of many areas holds: one level of the hierarchy, or one area (an LA with its localities). */
export type WorkbookSelection = { level: Area['area_type'] } | { area: string } | Record<string, never>;

const levelNames: Record<Area['area_type'], string> = { england: 'England', region: 'regions', icb: 'integrated care boards', la: 'local authorities', locality: 'localities' };

/**
 * The areas of a workbook and how its cover names them: every area (`exportAreas`), the areas
 * of one level in the same order (`level`: England, the regions, the ICBs, the LAs or the
 * localities of the extract), or one area (an LA followed by its localities). National users
 * download a level or an area: all 1,171 areas of England in one workbook are millions of rows.
 */
export function workbookAreas(context: DataContext, selection: WorkbookSelection): { areas: Area[]; name: string | null } {
  const every = exportAreas(context);
  if ('level' in selection) {
    const areas = every.filter((a) => a.area_type === selection.level);
    if (areas.length === 0) throw new NotFoundError(`The loaded data have no ${levelNames[selection.level]}${selection.level === 'la' || selection.level === 'locality' ? '' : ' (an extract of several LAs has England, regions and ICBs)'}`);
    return { areas, name: areas.length === 1 ? (areas[0]?.area_name ?? null) : `the ${levelNames[selection.level]} of the extract (${areas.length})` };
  }
  if ('area' in selection) {
    const area = every.find((a) => a.area_code === selection.area);
    if (!area) throw new NotFoundError(`No area ${selection.area} in the loaded data`);
    const localities = area.area_type === 'la' ? every.filter((a) => a.parent_code === area.area_code) : [];
    return { areas: [area, ...localities], name: area.area_name };
  }
  return { areas: every, name: null };
}
