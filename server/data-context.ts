import type { Area, DataNotice, Period } from '../contract/common.ts';
import type { Database } from './db/database.ts';
import { latestPublished, publishedPeriods } from './disclosure/periods.ts';

// What is loaded now, read once per data version: the data notice, areas, periods and defaults. Every stage
// above the database works against this (indicators, analytics, forecast, exports, the API).

/** What is loaded now; read once per data version. */
export interface DataContext {
  notice: DataNotice;
  areas: Area[];
  /** The periods figures are published for: the complete ones (server/disclosure/periods.ts). */
  periods: Period[];
  /** Every period the extract touches, part-years included: to say why one is not published. */
  allPeriods: Period[];
  defaultArea: string | null;
  /** The latest complete calendar year (null if none is complete). */
  defaultPeriod: string | null;
  /** The latest complete financial year (null if none is complete). */
  defaultFinancialYear: string | null;
  /** Published indicator results for this data version (server/indicators/engine.ts `published`). */
  results: Map<string, Promise<unknown>>;
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
  const las = areas.filter((a) => a.area_type === 'la');
  const defaultArea = las.find((a) => a.area_code === info.la_code)?.area_code ?? las[0]?.area_code ?? null;
  // Part-years are published nowhere, not even as a default (server/disclosure/periods.ts).
  const defaultPeriod = latestPublished(periods, 'calendar-year', 'flow')?.period ?? null;
  const defaultFinancialYear = latestPublished(periods, 'financial-year', 'snapshot')?.period ?? null;
  return {
    notice: { synthetic: info.synthetic, data_version: info.run_id, extract_date: info.extract_date, la_code: info.la_code },
    areas,
    periods: publishedPeriods(periods),
    allPeriods: periods,
    defaultArea,
    defaultPeriod,
    defaultFinancialYear,
    results: new Map(),
  };
}

/** Where routers and exports get the loaded data from (the app's DataState). */
export interface DataSource {
  get(): Promise<DataContext | null>;
}
