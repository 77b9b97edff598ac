import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import {
  ALL_BREAKDOWN,
  ENGLAND_CODE,
  areaSchema,
  benchmarkRowSchema,
  neighbourSchema,
  populationSchema,
} from './benchmark-schema.ts';
import type { Area, BenchmarkIndicatorId, BenchmarkRow } from './benchmark-schema.ts';

// Run-time access to the committed reference files in data/reference:
// published benchmark values, areas, statistical neighbours and population.
// Everything is indexed once at load; lookups are map gets.

export const REFERENCE_FILES = {
  benchmarks: 'dfe-ehc-benchmarks.csv',
  areas: 'areas.csv',
  neighbours: 'statistical-neighbours.csv',
  population: 'ons-mye-2021-la-age0-25.csv',
} as const;

export type Sex = 'female' | 'male';

export interface NeighbourMean {
  /** Unweighted mean of the neighbours' values that exist. */
  mean: number;
  /** Neighbours with a value (of the 10). */
  count: number;
}

export interface RankAndQuartile {
  /** 1 = highest value; ties share the best rank (1, 2, 2, 4). */
  rank: number;
  /** LAs with a value for this indicator, period and breakdown. */
  n: number;
  /** 1 = highest quarter of values … 4 = lowest; read it with the indicator's polarity. */
  quartile: 1 | 2 | 3 | 4;
}

type Key = string;
const keyOf = (indicatorId: string, period: number, breakdown: string): Key => `${indicatorId}|${period}|${breakdown}`;

export class ReferenceData {
  private readonly byKey = new Map<Key, Map<string, BenchmarkRow>>();
  private readonly laValuesDesc = new Map<Key, number[]>();

  constructor(
    readonly benchmarks: readonly BenchmarkRow[],
    readonly areas: ReadonlyMap<string, Area>,
    /** LA code → its 10 statistical neighbours' codes, closest first. */
    readonly neighbours: ReadonlyMap<string, readonly string[]>,
    /** LA (or England) code → population by single year of age 0–25, per sex (mid-2021). */
    readonly population: ReadonlyMap<string, Readonly<Record<Sex, readonly number[]>>>,
  ) {
    for (const row of benchmarks) {
      const key = keyOf(row.indicator_id, row.period, row.breakdown);
      let areaRows = this.byKey.get(key);
      if (!areaRows) this.byKey.set(key, (areaRows = new Map()));
      areaRows.set(row.area_code, row);
    }
  }

  /** The published row for an area, or undefined when the release has none. */
  value(
    areaCode: string,
    indicatorId: BenchmarkIndicatorId,
    period: number,
    breakdown: string = ALL_BREAKDOWN,
  ): BenchmarkRow | undefined {
    return this.byKey.get(keyOf(indicatorId, period, breakdown))?.get(areaCode);
  }

  englandValue(indicatorId: BenchmarkIndicatorId, period: number, breakdown?: string): BenchmarkRow | undefined {
    return this.value(ENGLAND_CODE, indicatorId, period, breakdown);
  }

  /** The row of the LA's region (regional rows exist for DfE indicators, not for tribunals). */
  regionValue(
    laCode: string,
    indicatorId: BenchmarkIndicatorId,
    period: number,
    breakdown?: string,
  ): BenchmarkRow | undefined {
    const region = this.areas.get(laCode)?.region_code;
    return region ? this.value(region, indicatorId, period, breakdown) : undefined;
  }

  neighbourMean(
    laCode: string,
    indicatorId: BenchmarkIndicatorId,
    period: number,
    breakdown?: string,
  ): NeighbourMean | undefined {
    let sum = 0;
    let count = 0;
    for (const code of this.neighbours.get(laCode) ?? []) {
      const v = this.value(code, indicatorId, period, breakdown)?.value;
      if (v === null || v === undefined) continue;
      sum += v;
      count += 1;
    }
    return count === 0 ? undefined : { mean: sum / count, count };
  }

  rankAndQuartile(
    laCode: string,
    indicatorId: BenchmarkIndicatorId,
    period: number,
    breakdown: string = ALL_BREAKDOWN,
  ): RankAndQuartile | undefined {
    const own = this.value(laCode, indicatorId, period, breakdown);
    if (own?.value == null || own.geographic_level !== 'Local authority') return undefined;
    const values = this.sortedLaValues(keyOf(indicatorId, period, breakdown));
    const rank = 1 + countGreater(values, own.value);
    const n = values.length;
    const quartile = Math.min(4, Math.ceil((4 * rank) / n)) as 1 | 2 | 3 | 4;
    return { rank, n, quartile };
  }

  /**
   * Mid-2021 population summed over an age range (inclusive) and optionally one
   * sex; a region is the sum of its LAs (the ONS file has LAs and England only).
   */
  populationOf(areaCode: string, options: { minAge?: number; maxAge?: number; sex?: Sex } = {}): number | undefined {
    const { minAge = 0, maxAge = 25, sex } = options;
    const bySex = this.population.get(areaCode);
    if (!bySex) {
      if (this.areas.get(areaCode)?.geographic_level !== 'Regional') return undefined;
      let regionTotal = 0;
      for (const a of this.areas.values()) {
        if (a.geographic_level === 'Local authority' && a.region_code === areaCode) {
          regionTotal += this.populationOf(a.area_code, options) ?? 0;
        }
      }
      return regionTotal;
    }
    let total = 0;
    for (const s of sex ? [sex] : (['female', 'male'] as const)) {
      for (let age = minAge; age <= maxAge; age += 1) total += bySex[s][age] ?? 0;
    }
    return total;
  }

  /** Every published LA row for an indicator, period and breakdown. */
  laRows(indicatorId: BenchmarkIndicatorId, period: number, breakdown: string = ALL_BREAKDOWN): BenchmarkRow[] {
    return [...(this.byKey.get(keyOf(indicatorId, period, breakdown))?.values() ?? [])].filter(
      (row) => row.geographic_level === 'Local authority',
    );
  }

  /** Published LA values, highest first, leaving out one LA (to rank that LA's own figure). */
  laValues(indicatorId: BenchmarkIndicatorId, period: number, breakdown: string = ALL_BREAKDOWN, excludeLa?: string): number[] {
    const values = this.sortedLaValues(keyOf(indicatorId, period, breakdown));
    const own = excludeLa ? this.value(excludeLa, indicatorId, period, breakdown)?.value : undefined;
    const i = own == null ? -1 : values.indexOf(own);
    return i === -1 ? values : [...values.slice(0, i), ...values.slice(i + 1)];
  }

  private sortedLaValues(key: Key): number[] {
    let values = this.laValuesDesc.get(key);
    if (!values) {
      values = [];
      for (const row of this.byKey.get(key)?.values() ?? []) {
        if (row.geographic_level === 'Local authority' && row.value !== null) values.push(row.value);
      }
      values.sort((a, b) => b - a);
      this.laValuesDesc.set(key, values);
    }
    return values;
  }
}

/** Number of entries strictly greater than v in a descending array (binary search). */
function countGreater(desc: readonly number[], v: number): number {
  let lo = 0;
  let hi = desc.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((desc[mid] as number) > v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function readCsv<S extends z.ZodType>(con: DuckDBConnection, path: string, schema: S): Promise<z.output<S>[]> {
  const reader = await con.runAndReadAll(
    `SELECT * FROM read_csv($path, header = true, delim = ',', quote = '"', all_varchar = true)`,
    { path },
  );
  const rows = reader.getRowObjectsJson();
  return rows.map((row, i) => {
    const parsed = schema.safeParse(row);
    if (!parsed.success) throw new Error(`${path} row ${i + 2}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  });
}

export async function loadReferenceData(dir = 'data/reference'): Promise<ReferenceData> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const file = (name: string) => join(dir, name);
    const benchmarks = await readCsv(con, file(REFERENCE_FILES.benchmarks), benchmarkRowSchema);
    const areaRows = await readCsv(con, file(REFERENCE_FILES.areas), areaSchema);
    const neighbourRows = await readCsv(con, file(REFERENCE_FILES.neighbours), neighbourSchema);
    const populationRows = await readCsv(con, file(REFERENCE_FILES.population), populationSchema);

    const areas = new Map(areaRows.map((a) => [a.area_code, a]));

    const ranked = new Map<string, string[]>();
    for (const r of [...neighbourRows].sort((a, b) => a.neighbour_rank - b.neighbour_rank)) {
      let list = ranked.get(r.la_code);
      if (!list) ranked.set(r.la_code, (list = []));
      list.push(r.neighbour_la_code);
    }
    for (const [code, list] of ranked) {
      if (list.length !== 10) throw new Error(`statistical neighbours: ${code} has ${list.length} neighbours, expected 10`);
    }

    const population = new Map<string, Record<Sex, number[]>>();
    for (const r of populationRows) {
      let bySex = population.get(r.la_code);
      if (!bySex) population.set(r.la_code, (bySex = { female: [], male: [] }));
      bySex[r.sex][r.age] = r.population;
    }

    return new ReferenceData(benchmarks, areas, ranked, population);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
