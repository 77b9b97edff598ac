import type { Database } from '../db/database.ts';
import { readSql } from '../sql-files.ts';
import { AGES, ageNeedMatrix, byAge, type AreaHistory, type HistoryYear } from './model.ts';

// Reads the model's inputs, all computed in SQL (sql/forecast/*.sql), into one history per
// area: LAs and their localities, every complete calendar year of the extract.

interface FlowRow extends Record<string, unknown> {
  /** Index of the area in `areas` ordered by area_code. */
  area: number;
  year: number;
  age: number;
  need: string;
  at_start: number;
  joined: number;
  ceased: number;
  at_end: number;
}

interface PopulationRow extends Record<string, unknown> {
  area: number;
  year: number;
  population_year: number;
  age: number;
  population: number;
}

/**
 * A query of sql/forecast/ with the area as its index in `areas` ordered by code instead of the
 * code itself: nationally the flows are 760,000 rows, and reading a string a row costs seconds.
 */
const byAreaIndex = (file: string, columns: string) => `WITH area_index AS (
  SELECT area_code, (row_number() OVER (ORDER BY area_code) - 1)::INTEGER AS area FROM areas
)
SELECT a.area, ${columns} FROM (${readSql(file)}) f JOIN area_index a USING (area_code)`;

export async function readHistories(db: Database): Promise<AreaHistory[]> {
  const [areas, years, flows, population] = await Promise.all([
    db.query<{ area_code: string; parent_code: string | null }>('SELECT area_code, parent_code FROM areas ORDER BY area_code'),
    db.query<{ year: number }>(
      "SELECT year(start_date)::INTEGER AS year FROM periods WHERE period_type = 'calendar-year' AND complete ORDER BY year",
    ),
    db.query<FlowRow>(byAreaIndex('forecast/plan-flows.sql', 'f.year, f.age, f.need, f.at_start, f.joined, f.ceased, f.at_end')),
    db.query<PopulationRow>(byAreaIndex('forecast/population.sql', 'f.year, f.population_year, f.age, f.population')),
  ]);
  const needs = [...new Set(flows.map((f) => f.need))].sort();
  const needIndex = new Map(needs.map((n, i) => [n, i]));
  const histories = areas.map(
    (a): AreaHistory => ({
      areaCode: a.area_code,
      parentCode: a.parent_code,
      needs,
      years: years.map(
        (y): HistoryYear => ({
          year: y.year,
          populationYear: null,
          population: byAge(),
          atStart: ageNeedMatrix(needs.length),
          joined: ageNeedMatrix(needs.length),
          ceased: ageNeedMatrix(needs.length),
          atEnd: ageNeedMatrix(needs.length),
        }),
      ),
    }),
  );
  const yearIndex = new Map(years.map((y, i) => [y.year, i]));
  const yearOf = (area: number, year: number) => histories[area]?.years[yearIndex.get(year) ?? -1];
  for (const f of flows) {
    const y = yearOf(f.area, f.year);
    const n = needIndex.get(f.need);
    if (!y || n === undefined || f.age < 0 || f.age >= AGES) continue;
    const add = (m: number[][], v: number) => {
      const row = m[f.age];
      if (row) row[n] = (row[n] ?? 0) + v;
    };
    add(y.atStart, f.at_start);
    add(y.joined, f.joined);
    add(y.ceased, f.ceased);
    add(y.atEnd, f.at_end);
  }
  for (const p of population) {
    const y = yearOf(p.area, p.year);
    if (!y || p.age < 0 || p.age >= AGES) continue;
    y.population[p.age] = (y.population[p.age] ?? 0) + p.population;
    y.populationYear = p.population_year;
  }
  return histories;
}
