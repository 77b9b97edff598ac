import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import { sqlPath } from '../sql-files.ts';
import { breakdownIds, type BreakdownId } from '../../contract/vocabularies.ts';
import type { IndicatorDefinition, SourceRow } from './types.ts';

// An indicator's query as the engine runs it. sql/indicators/<file>.sql holds only the
// indicator's own logic; the engine adds what every indicator shares:
// - `{{breakdowns}}` in a SELECT list becomes the two label columns, `breakdown` (the
//   breakdown id, 'all' for the total) and `breakdown_value` (the value, 'unknown' where it is
//   NULL), from GROUPING() over the definition's breakdowns;
// - `{{grouping_sets(area_code, period)}}` after GROUP BY becomes the grouping sets: the keys
//   alone (the total) and the keys with each of the definition's breakdowns;
// - a total row (breakdown 'all') for every area and period the query has none for: nothing
//   was counted there, so 0 of 0, or 0 over an unknown denominator (`emptyDenominator`).
// Breakdown columns come from the breakdown allow-list (`breakdownIds`, each named as its
// column); keys must be plain column names; values are bound (`query.params`), never pasted.

type QueryDefinition = Pick<IndicatorDefinition, 'id' | 'breakdowns' | 'query' | 'emptyDenominator' | 'sqlDir'>;

export interface IndicatorQuery {
  sql: string;
  params: Record<string, string | number | boolean>;
}

const PLACEHOLDER = /\{\{\s*(breakdowns|grouping_sets)\s*(?:\(([^)]*)\))?\s*\}\}/g;
const COLUMN = /^[a-z_][a-z0-9_]*$/;
const allowed: ReadonlySet<string> = new Set(breakdownIds);

function checkedBreakdowns(definition: QueryDefinition): BreakdownId[] {
  for (const b of definition.breakdowns) {
    if (!allowed.has(b) || b === 'all') throw new Error(`${definition.id}: breakdown ${b} is not in the allow-list`);
  }
  return definition.breakdowns;
}

/** `breakdown` and `breakdown_value` of a grouped row: the first breakdown it is grouped by, or 'all'. */
export function breakdownLabels(breakdowns: readonly BreakdownId[]): string {
  if (breakdowns.length === 0) return `'all' AS breakdown, 'all' AS breakdown_value`;
  const names = breakdowns.map((b) => `WHEN GROUPING(${b}) = 0 THEN '${b}'`).join(' ');
  const values = breakdowns.map((b) => `WHEN GROUPING(${b}) = 0 THEN coalesce(${b}::VARCHAR, 'unknown')`).join(' ');
  return `CASE ${names} ELSE 'all' END AS breakdown,\n    CASE ${values} ELSE 'all' END AS breakdown_value`;
}

/** The total (the keys alone) and each breakdown (the keys and its column). */
export function groupingSets(keys: readonly string[], breakdowns: readonly BreakdownId[]): string {
  for (const k of keys) if (!COLUMN.test(k)) throw new Error(`grouping key ${k} is not a column name`);
  const sets = [keys, ...breakdowns.map((b) => [...keys, b])].map((s) => `(${s.join(', ')})`);
  return `GROUPING SETS (${sets.join(', ')})`;
}

/** The file with its placeholders expanded (no total rows added). */
export function expandIndicatorSql(text: string, definition: QueryDefinition): string {
  const breakdowns = checkedBreakdowns(definition);
  const expanded = text.replace(PLACEHOLDER, (_match, name: string, args: string | undefined) => {
    if (name === 'breakdowns') return breakdownLabels(breakdowns);
    const keys = (args ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
    if (keys.length === 0) throw new Error(`${definition.id}: {{grouping_sets(...)}} needs its key columns`);
    return groupingSets(keys, breakdowns);
  });
  if (expanded.includes('{{')) throw new Error(`${definition.id}: unknown placeholder in its SQL`);
  return expanded;
}

/** Adds a total row, nothing counted, for each area and period the query gives none. */
export function withEmptyTotals(sql: string, emptyDenominator: 0 | null): string {
  return `WITH indicator_rows AS (
${sql}
)
SELECT * FROM indicator_rows
UNION ALL BY NAME
SELECT a.area_code, p.period, 'all' AS breakdown, 'all' AS breakdown_value, 0::INTEGER AS numerator, ${emptyDenominator === 0 ? '0' : 'NULL'}::DOUBLE AS denominator
FROM areas a CROSS JOIN periods p
WHERE NOT EXISTS (SELECT 1 FROM indicator_rows c WHERE c.area_code = a.area_code AND c.period = p.period AND c.breakdown = 'all')`;
}

const files = new Map<string, string>();
function readFile(path: string): string {
  let text = files.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    files.set(path, text);
  }
  return text;
}

/** The SQL file an indicator's query comes from (its own, or the one it shares with its sibling measures). */
export const indicatorSqlFile = (definition: Pick<IndicatorDefinition, 'id' | 'query' | 'sqlDir'>): string =>
  join(definition.sqlDir ?? sqlPath('indicators'), `${definition.query?.file ?? definition.id}.sql`);

/** The query the engine runs for an indicator: its file expanded, with a total row for every area and period. */
export function indicatorQuery(definition: QueryDefinition): IndicatorQuery {
  const sql = expandIndicatorSql(readFile(indicatorSqlFile(definition)), definition);
  return { sql: withEmptyTotals(sql, definition.emptyDenominator === null ? null : 0), params: { ...(definition.query?.params ?? {}) } };
}

/** Runs an indicator's query: its rows for every area, period and breakdown. */
export function runIndicatorQuery(db: Database, definition: QueryDefinition): Promise<SourceRow[]> {
  const { sql, params } = indicatorQuery(definition);
  return Object.keys(params).length === 0 ? db.query<SourceRow>(sql) : db.query<SourceRow>(sql, params);
}
