import type { IndicatorDefinition } from '../indicators/types.ts';
import type { Request, Response } from 'express';
import type { Database } from '../db/database.ts';
import type { ReferenceData } from '../benchmarks/reference-data.ts';
import type { DataContext } from '../data-context.ts';
import { NotFoundError } from '../errors.ts';
import { computeIndicator, indicatorMeta } from '../indicators/engine.ts';
import { overviewGridQuerySchema, overviewGridResponseSchema, type IndicatorResponse, type OverviewGridResponse } from '../../contract/indicators.ts';
import { parseQuery } from './requests.ts';
import { responseCacheFor } from './response-cache.ts';

// GET /api/overview-grid?la=&period= (viewer): what the overview grid ("tartan rug") draws, in one request instead
// of one per indicator × area: for every indicator of the catalogue, the total row of the LA and each of its
// localities for one period, with comparisons. Each entry is an /api/indicators/:id response (same schema) whose
// rows are those areas' rows, computed by the same computeIndicator, so the same disclosure control applies.


interface GridOptions {
  db: Database;
  dataState: { get(): Promise<DataContext | null> };
  /** The indicators served (the app's catalogue). */
  indicators: readonly IndicatorDefinition[];
  threshold: number;
  reference: ReferenceData | null;
}

async function buildGrid(options: GridOptions, context: DataContext, la: string, period: string): Promise<OverviewGridResponse> {
  const periodType = period.includes('-') ? 'financial-year' : 'calendar-year';
  const areas = [la, ...context.areas.filter((a) => a.area_type === 'locality' && a.parent_code === la).map((a) => a.area_code)];
  // Indicators in parallel (each computes every area once, then slices it), as the grid's requests used to be.
  const indicators: IndicatorResponse[] = await Promise.all(
    options.indicators.map(async (definition) => {
      const rows = [];
      for (const area of areas) {
        const computed = await computeIndicator(options.db, context, definition, { area, period, periodType, by: 'all' }, options);
        rows.push(...computed.filter((r) => r.breakdown === 'all' && r.period === period));
      }
      return { indicator: indicatorMeta(definition), query: { area: la, period, period_type: periodType, by: 'all' }, data: context.notice, rows };
    }),
  );
  return overviewGridResponseSchema.parse({ indicators });
}

export function gridRoute(options: GridOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const query = parseQuery(overviewGridQuerySchema, req.query);
    const context = await options.dataState.get();
    if (!context) throw new NotFoundError('No extract has been loaded yet: run `npm run ingest -- <extract-dir>`');
    const la = query.la ?? context.defaultArea;
    const period = query.period ?? context.defaultPeriod;
    if (!la || !period) throw new NotFoundError('The loaded extract has no areas or periods');
    if (!context.areas.some((a) => a.area_code === la && a.area_type === 'la')) throw new NotFoundError(`No local authority ${la} in the loaded data`);
    const cache = responseCacheFor(context);
    const key = JSON.stringify(['overview-grid', la, period]);
    let payload = cache.get(key);
    if (!payload) {
      payload = Buffer.from(JSON.stringify(await buildGrid(options, context, la, period)));
      cache.set(key, payload);
    }
    res.type('application/json');
    res.send(payload);
  };
}
