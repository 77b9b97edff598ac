import type { Area, DataNotice, Period } from '../contract/common.ts';
import type { Database } from './db/database.ts';
import { latestPublished, publishedPeriods } from './disclosure/periods.ts';

// What is loaded now, read once per data version: the data notice, areas, periods and defaults. Every stage
// above the database works against this (indicators, analytics, forecast, exports, the API).

/** England, a region or an ICB: the sum of the extract's LAs in it (sql/derived/area-aggregates.sql). */
export interface AggregateArea extends Area {
  area_type: 'england' | 'region' | 'icb';
  /** The extract's LAs in this area, at least two. */
  las: string[];
  /** How many LAs the area has in England: the aggregate is the published area only when it holds them all. */
  las_in_area: number;
}

/** What is loaded now; read once per data version. */
export interface DataContext {
  notice: DataNotice;
  /** The LAs and their localities. */
  areas: Area[];
  /** England, regions and ICBs holding at least two of the extract's LAs (none for one LA). */
  aggregates: AggregateArea[];
  /** The periods figures are published for: the complete ones (server/disclosure/periods.ts). */
  periods: Period[];
  /** Every period the extract touches, part-years included: to say why one is not published. */
  allPeriods: Period[];
  defaultArea: string | null;
  /** The latest complete calendar year (null if none is complete). */
  defaultPeriod: string | null;
  /** The latest complete financial year (null if none is complete). */
  defaultFinancialYear: string | null;
}

export async function readDataContext(db: Database): Promise<DataContext | null> {
  const [info] = await db
    .query<{ run_id: number; la_code: string | null; extract_date: string | null; synthetic: boolean }>(
      'SELECT run_id, la_code, extract_date::VARCHAR AS extract_date, synthetic FROM extract_info',
    )
    .catch(() => [] as never[]);
  if (!info) return null;
  const areas = await db.query<Area & Record<string, unknown>>(
    'SELECT area_code, area_name, area_type, parent_code FROM areas ORDER BY area_type, area_name',
  );
  const periods = await db.query<Period & Record<string, unknown>>(
    'SELECT period, period_type, start_date::VARCHAR AS start_date, end_date::VARCHAR AS end_date, complete FROM periods ORDER BY period',
  );
  const aggregates = await readAggregates(db);
  const las = areas.filter((a) => a.area_type === 'la');
  const defaultArea = las.find((a) => a.area_code === info.la_code)?.area_code ?? las[0]?.area_code ?? null;
  // Part-years are published nowhere, not even as a default (server/disclosure/periods.ts).
  const defaultPeriod = latestPublished(periods, 'calendar-year', 'flow')?.period ?? null;
  const defaultFinancialYear = latestPublished(periods, 'financial-year', 'snapshot')?.period ?? null;
  return {
    notice: { synthetic: info.synthetic, data_version: info.run_id, extract_date: info.extract_date, la_code: info.la_code },
    areas,
    aggregates,
    periods: publishedPeriods(periods),
    allPeriods: periods,
    defaultArea,
    defaultPeriod,
    defaultFinancialYear,
  };
}

/** Aggregates of two or more of the extract's LAs; none in a database loaded before they existed. */
async function readAggregates(db: Database): Promise<AggregateArea[]> {
  const rows = await db
    .query<{ area_code: string; area_name: string; area_type: AggregateArea['area_type']; la_code: string; las_in_area: number; las_in_extract: number }>(
      'SELECT area_code, area_name, area_type, la_code, las_in_area, las_in_extract FROM area_aggregates ORDER BY area_code, la_code',
    )
    .catch(() => [] as never[]);
  const byCode = new Map<string, AggregateArea>();
  for (const r of rows) {
    if (r.las_in_extract < 2) continue; // one LA: the LA itself, already an area
    const a = byCode.get(r.area_code);
    if (a) a.las.push(r.la_code);
    else byCode.set(r.area_code, { area_code: r.area_code, area_name: r.area_name, area_type: r.area_type, parent_code: null, las: [r.la_code], las_in_area: Number(r.las_in_area) });
  }
  const order = { england: 0, region: 1, icb: 2 } as const;
  const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...byCode.values()].sort((a, b) => order[a.area_type] - order[b.area_type] || compareText(a.area_name, b.area_name));
}

/** Every area an indicator is published for: LAs, localities and aggregates. */
export const allAreas = (context: Pick<DataContext, 'areas' | 'aggregates'>): Area[] => [...context.aggregates, ...context.areas];

/** Where routers and exports get the loaded data from (the app's DataState). */
export interface DataSource {
  get(): Promise<DataContext | null>;
}
