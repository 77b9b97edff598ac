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
] as const;
export type AnalyticsQuery = (typeof analyticsQueries)[number];

export type AnalyticsParams = Record<string, string>;

export function runAnalyticsQuery<T extends Row>(db: Database, name: AnalyticsQuery, params: AnalyticsParams): Promise<T[]> {
  if (!(analyticsQueries as readonly string[]).includes(name)) throw new Error(`unknown analytics query ${String(name)}`);
  return db.query<T>(readSql(`analytics/${name}.sql`), params);
}
