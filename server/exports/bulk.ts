import type { IndicatorRow } from '../../contract/indicators.ts';
import { catalogue } from '../indicators/catalogue.ts';
import { computeIndicator, indicatorMeta } from '../indicators/engine.ts';
import { NotFoundError } from '../errors.ts';
import { allAreas, type DataContext } from '../data-context.ts';
import type { IndicatorDefinition } from '../indicators/types.ts';
import type { BreakdownId } from '../../contract/vocabularies.ts';
import { parentKey, tidyRows, type TidyRow } from './tidy.ts';
import type { ServingEnv } from '../serving-env.ts';
import { exportAreas, exportedRows } from './views.ts';

// The bulk download (issue 17): every indicator for the chosen areas, periods and breakdowns in one tidy table.
// Every figure comes from computeIndicator, as the per-indicator exports do, so disclosure control is the
// engine's and the values are the same as /api/export/:id.csv for the same area, period and breakdown.

export interface BulkSelection {
  /** 'all': the extract's LA(s) and every locality; otherwise one area code. */
  area: string;
  /** 'all': every published calendar year; otherwise one calendar year. */
  period: string;
  breakdowns: 'totals' | 'all';
}

/** The areas of a selection, LAs before their localities (a locality's rows need its LA's for `la_value`). */
function selectedAreas(context: DataContext, area: string) {
  if (area === 'all') return exportAreas(context);
  const chosen = allAreas(context).find((a) => a.area_code === area);
  if (!chosen) throw new NotFoundError(`No area ${area} in the loaded data`);
  return [chosen];
}

/** One indicator's tidy rows for the selection: for each breakdown, each area (LA, then its localities). */
export async function bulkIndicatorRows(env: ServingEnv, context: DataContext, definition: IndicatorDefinition, selection: BulkSelection): Promise<TidyRow[]> {
  const indicator = indicatorMeta(definition);
  const options = { threshold: env.threshold, reference: env.reference };
  const breakdowns: BreakdownId[] = selection.breakdowns === 'all' ? ['all', ...definition.breakdowns] : ['all'];
  const out: TidyRow[] = [];
  for (const by of breakdowns) {
    const laRows = new Map<string, Map<string, IndicatorRow>>();
    for (const area of selectedAreas(context, selection.area)) {
      const request = { area: area.area_code, period: selection.period, periodType: 'calendar-year' as const, by };
      const rows = await exportedRows(env, context, definition, area, request);
      if (area.area_type === 'la') laRows.set(area.area_code, new Map(rows.map((r) => [parentKey(r), r])));
      let parentRows = area.parent_code ? (laRows.get(area.parent_code) ?? null) : null;
      if (area.parent_code && !parentRows) {
        const parent = await computeIndicator(env.db, context, definition, { ...request, area: area.parent_code }, options);
        parentRows = new Map(parent.map((r) => [parentKey(r), r]));
      }
      out.push(...tidyRows(rows, { indicator, notice: context.notice, parentRows }));
    }
  }
  return out;
}

/** Checks the selection against the loaded data before anything is sent (unknown area or period: 404). */
export function checkSelection(context: DataContext, selection: BulkSelection): void {
  selectedAreas(context, selection.area);
  if (selection.period !== 'all' && !context.periods.some((p) => p.period === selection.period && p.period_type === 'calendar-year')) {
    throw new NotFoundError(`No calendar year ${selection.period} in the loaded data`);
  }
}

/** Each indicator of the catalogue with its rows, one at a time, so a download streams as it is computed. */
export async function* bulkTables(env: ServingEnv, context: DataContext, selection: BulkSelection, definitions: readonly IndicatorDefinition[] = catalogue): AsyncGenerator<{ definition: IndicatorDefinition; rows: TidyRow[] }> {
  for (const definition of definitions) yield { definition, rows: await bulkIndicatorRows(env, context, definition, selection) };
}
