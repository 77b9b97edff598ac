import type { Database } from '../db/database.ts';
import { readSql } from '../sql-files.ts';
import { AGES, ageNeedMatrix, byAge, type AreaHistory, type HistoryYear } from './model.ts';

// Reads the model's inputs, all computed in SQL (sql/forecast/*.sql), into one history per
// area: LAs and their localities, every complete calendar year of the extract.

interface FlowRow extends Record<string, unknown> {
  area_code: string;
  year: number;
  age: number;
  need: string;
  at_start: number;
  joined: number;
  ceased: number;
  at_end: number;
}

interface PopulationRow extends Record<string, unknown> {
  area_code: string;
  year: number;
  population_year: number;
  age: number;
  population: number;
}

export async function readHistories(db: Database): Promise<AreaHistory[]> {
  const [areas, years, flows, population] = await Promise.all([
    db.query<{ area_code: string; parent_code: string | null }>('SELECT area_code, parent_code FROM areas ORDER BY area_code'),
    db.query<{ year: number }>(
      "SELECT year(start_date)::INTEGER AS year FROM periods WHERE period_type = 'calendar-year' AND complete ORDER BY year",
    ),
    db.query<FlowRow>(readSql('forecast/plan-flows.sql')),
    db.query<PopulationRow>(readSql('forecast/population.sql')),
  ]);
  const needs = [...new Set(flows.map((f) => f.need))].sort();
  const needIndex = new Map(needs.map((n, i) => [n, i]));
  const histories = new Map<string, AreaHistory>(
    areas.map((a) => [
      a.area_code,
      {
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
      },
    ]),
  );
  const yearOf = (area: string, year: number) => histories.get(area)?.years.find((y) => y.year === year);
  for (const f of flows) {
    const y = yearOf(f.area_code, f.year);
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
    const y = yearOf(p.area_code, p.year);
    if (!y || p.age < 0 || p.age >= AGES) continue;
    y.population[p.age] = (y.population[p.age] ?? 0) + p.population;
    y.populationYear = p.population_year;
  }
  return [...histories.values()];
}
