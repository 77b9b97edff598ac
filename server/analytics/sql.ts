import type { DuckDBValue } from '@duckdb/node-api';
import type { Database, Row } from '../db/database.ts';
import { readSql } from '../sql-files.ts';

// Every analytics query is a fixed file under sql/analytics/, named from this allow-list; the
// values a request supplies (dates, the LA code, the period label) are bound as parameters,
// never spliced into the SQL text.
export const analyticsQueries = [
  'journey-steps',
  'journey-waiting',
  'journey-overlap',
  'provision-demand',
  'provision-capacity',
  'provision-commissioning',
  'placements',
  'feedback-comments',
  'budgets-take-up',
  'budgets-amounts',
  'transitions-pfa',
  'transitions-care-act',
  'transitions-ceased',
] as const;
export type AnalyticsQuery = (typeof analyticsQueries)[number];

export type AnalyticsParams = Record<string, DuckDBValue>;

export function runAnalyticsQuery<T extends Row>(db: Database, name: AnalyticsQuery, params?: AnalyticsParams): Promise<T[]> {
  if (!(analyticsQueries as readonly string[]).includes(name)) throw new Error(`unknown analytics query ${String(name)}`);
  return db.query<T>(readSql(`analytics/${name}.sql`), params);
}

/** A query taking `$period`, run for each of `periods` in turn, rows in period order. */
export async function queryEachPeriod<T extends Row>(db: Database, name: AnalyticsQuery, periods: readonly { period: string }[], params: AnalyticsParams = {}): Promise<T[]> {
  const rows: T[] = [];
  for (const p of periods) rows.push(...(await runAnalyticsQuery<T>(db, name, { ...params, period: p.period })));
  return rows;
}
