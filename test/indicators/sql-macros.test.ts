import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { readSql } from '../../server/sql-files.ts';

// The shortcuts the indicator SQL takes for speed (sql/schema/macros.sql) must mean exactly what
// they replace: age_on is date_sub('year', …) without its cost, and a day meets the periods it
// falls in by their names (period_names, year_period_names) instead of a date-range join.

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
  await db.withConnection(async (connection) => {
    await connection.run(readSql('schema/macros.sql'));
    // What sql/derived/periods.sql reads: an extract from 1 September 2019 to 15 February 2025.
    await connection.run(`
      CREATE TABLE extract_info AS SELECT DATE '2025-02-15' AS extract_date, DATE '2019-09-01' AS period_start, DATE '2025-02-15' AS period_end;
      CREATE TABLE ehc_requests (received_date DATE);
      CREATE TABLE population_areas (area_code VARCHAR, year INTEGER, age INTEGER, sex VARCHAR, population DOUBLE);`);
    await connection.run(readSql('derived/periods.sql'));
  });
});
afterAll(() => db.close());

const count = async (sql: string): Promise<number> => Number((await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`))[0]?.n);

describe('indicator SQL macros', () => {
  it('age_on(birth month, day) equals date_sub(year) for every month of birth and day, before and after birth', async () => {
    const grid = `
      SELECT (DATE '2000-01-01' + INTERVAL (i) MONTH)::DATE AS bm, (DATE '1999-01-01' + INTERVAL (j) DAY)::DATE AS d
      FROM range(0, 48) a(i), range(0, 2200) b(j)`;
    expect(await count(grid)).toBe(48 * 2200);
    expect(await count(`SELECT * FROM (${grid}) WHERE age_on(bm, d) IS DISTINCT FROM date_sub('year', bm, d)`)).toBe(0);
    // the same type, so no figure changes its type either
    const [row] = await db.query<{ t: string }>("SELECT typeof(age_on(DATE '2010-05-01', DATE '2024-04-30')) AS t");
    expect(row?.t).toBe(String((await db.query<{ t: string }>("SELECT typeof(date_sub('year', DATE '2010-05-01', DATE '2024-04-30')) AS t"))[0]?.t));
  });

  it('a day meets by name exactly the periods whose dates contain it', async () => {
    expect(await count('SELECT * FROM periods')).toBeGreaterThan(10); // calendar and financial years 2019 to 2025
    const days = `SELECT (DATE '2018-01-01' + INTERVAL (j) DAY)::DATE AS d FROM range(0, 3000) t(j)`;
    const byRange = `SELECT d, p.period FROM (${days}) JOIN periods p ON d BETWEEN p.start_date AND p.end_date`;
    const byName = `SELECT d, p.period FROM (${days}) CROSS JOIN unnest(period_names(d)) AS k(period) JOIN periods p ON p.period = k.period`;
    const byYears = `SELECT d, p.period FROM (${days})
      CROSS JOIN unnest(year_period_names(year(d), financial_year_of(d))) AS k(period) JOIN periods p ON p.period = k.period`;
    const matched = await count(byRange);
    expect(matched).toBeGreaterThan(3000);
    expect(await count(`(${byRange}) EXCEPT ALL (${byName})`)).toBe(0);
    expect(await count(`(${byName}) EXCEPT ALL (${byRange})`)).toBe(0);
    expect(await count(`(${byRange}) EXCEPT ALL (${byYears})`)).toBe(0);
    expect(await count(`(${byYears}) EXCEPT ALL (${byRange})`)).toBe(0);
    expect(await count('SELECT * FROM unnest(period_names(NULL::DATE)) t(p) WHERE p IS NOT NULL')).toBe(0);
  });
});
