import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue, definitionOf } from '../../server/indicators/catalogue.ts';
import { expandIndicatorSql, indicatorQuery, indicatorSqlFile, withEmptyTotals } from '../../server/indicators/indicator-sql.ts';
import type { BreakdownId } from '../../contract/vocabularies.ts';
import { sqlPath } from '../../server/sql-files.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Issue 18.3: an indicator's SQL file holds only its own logic. The engine writes the breakdown
// labels (GROUPING CASE chains) and the total row of an area and period with nothing counted;
// sibling measures share one query with bound values.

const files = readdirSync(sqlPath('indicators')).filter((f) => f.endsWith('.sql'));
const text = (file: string) => readFileSync(sqlPath(`indicators/${file}`), 'utf8').replace(/--[^\n]*/g, '');

describe('indicator SQL files hold only their own logic', () => {
  it.each(files)('%s writes no breakdown labels and no total rows of its own', (file) => {
    expect(text(file)).not.toMatch(/GROUPING\s*\(/i);
    expect(text(file)).not.toMatch(/GROUPING SETS/i);
    expect(text(file)).not.toMatch(/NOT EXISTS\s*\(\s*SELECT 1 FROM counts/i);
    expect(text(file)).not.toMatch(/CROSS JOIN periods[\s\S]*'all',\s*'all',\s*0/i);
  });

  it('feedback satisfaction and dissatisfaction share one query, differing only in bound values', () => {
    const satisfied = definitionOf('feedback-satisfaction');
    const dissatisfied = definitionOf('feedback-dissatisfaction');
    expect(indicatorSqlFile(satisfied)).toBe(indicatorSqlFile(dissatisfied));
    const a = indicatorQuery(satisfied);
    const b = indicatorQuery(dissatisfied);
    expect(a.sql).toBe(b.sql);
    expect(a.params).toEqual({ lowest: 4, highest: 5 });
    expect(b.params).toEqual({ lowest: 1, highest: 2 });
  });

  it('no two indicators read the same file unless they bind different values', () => {
    const byFile = new Map<string, string[]>();
    for (const d of catalogue) byFile.set(indicatorSqlFile(d), [...(byFile.get(indicatorSqlFile(d)) ?? []), JSON.stringify(d.query?.params ?? {})]);
    for (const [file, params] of byFile) expect(new Set(params).size, file).toBe(params.length);
  });
});

describe('the engine adds labels and empty totals', () => {
  let t: TempDb;
  beforeAll(async () => {
    t = await tempDatabase();
    // Two areas, two periods; events in area A only: B has nothing counted in either year.
    await t.db.withConnection(async (c) => {
      await c.run(`CREATE TABLE areas AS SELECT * FROM (VALUES ('A'), ('B')) v(area_code)`);
      await c.run(`CREATE TABLE periods AS SELECT * FROM (VALUES ('2023'), ('2024')) v(period)`);
      await c.run(`CREATE TABLE events AS SELECT * FROM (VALUES
        ('A', '2024', 'F', '0-4', true), ('A', '2024', 'F', '5-10', false), ('A', '2024', NULL, '5-10', true),
        ('A', '2023', 'M', '0-4', true)) v(area_code, period, sex, age_band, hit)`);
    });
  });
  afterAll(() => t.cleanup());

  const file = `SELECT area_code, period, {{breakdowns}},
      count(*) FILTER (hit)::INTEGER AS numerator, count(*)::DOUBLE AS denominator
    FROM events GROUP BY {{grouping_sets(area_code, period)}}`;
  const definition = (breakdowns: BreakdownId[]) => ({ id: 'test-indicator', breakdowns });
  const rows = async (sql: string) =>
    (await t.db.query<{ area_code: string; period: string; breakdown: string; breakdown_value: string; numerator: number; denominator: number | null }>(`${sql} ORDER BY ALL`)).map(
      (r) => `${r.area_code} ${r.period} ${r.breakdown}=${r.breakdown_value} ${r.numerator}/${r.denominator}`,
    );

  it('labels each grouping set with its breakdown, NULL values as unknown, and adds 0-of-0 totals', async () => {
    expect(await rows(withEmptyTotals(expandIndicatorSql(file, definition(['sex', 'age_band'])), 0))).toEqual([
      'A 2023 age_band=0-4 1/1',
      'A 2023 all=all 1/1',
      'A 2023 sex=M 1/1',
      'A 2024 age_band=0-4 1/1',
      'A 2024 age_band=5-10 1/2',
      'A 2024 all=all 2/3',
      'A 2024 sex=F 1/2',
      'A 2024 sex=unknown 1/1',
      'B 2023 all=all 0/0',
      'B 2024 all=all 0/0',
    ]);
  });

  it('gives an unknown denominator to the empty totals of a rate or a median', async () => {
    expect((await rows(withEmptyTotals(expandIndicatorSql(file, definition([])), null))).filter((r) => r.startsWith('B'))).toEqual(['B 2023 all=all 0/null', 'B 2024 all=all 0/null']);
  });

  it('takes breakdown columns only from the allow-list and keys only as column names', () => {
    expect(() => expandIndicatorSql(file, definition(['sex; DROP TABLE areas' as BreakdownId]))).toThrow(/allow-list/);
    expect(() => expandIndicatorSql('SELECT 1 GROUP BY {{grouping_sets(area_code, period; DROP TABLE areas)}}', definition([]))).toThrow(/column name/);
    expect(() => expandIndicatorSql('SELECT {{labels}}', definition([]))).toThrow(/placeholder/);
  });
});
