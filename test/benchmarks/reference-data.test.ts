import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReferenceData, loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import type { BenchmarkIndicatorId, BenchmarkRow } from '../../server/benchmarks/benchmark-schema.ts';

// Uses only the committed files in data/reference. Expected helper results
// are recomputed here independently, in SQL over the same CSVs.

const reference = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'reference');
const csv = (name: string) => `read_csv('${join(reference, name)}', header = true, all_varchar = true)`;

async function sql(query: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    return (await con.runAndReadAll(query)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

const LEEDS = 'E08000035';

describe('loadReferenceData (committed data/reference)', () => {
  let ref: ReferenceData;
  beforeAll(async () => {
    ref = await loadReferenceData(reference);
  });

  it('loads and validates every file', () => {
    expect(ref.benchmarks).toHaveLength(9728);
    expect(ref.areas.size).toBe(163);
    expect(ref.neighbours.size).toBe(153);
    expect(ref.population.size).toBe(154); // 153 LAs + England
    // statistical-neighbours.csv, Leeds ranks 1–10: Portsmouth, Southend-on-Sea, Sheffield,
    // Milton Keynes, Kirklees, Salford, Bristol, Southampton, Croydon, BCP.
    expect(ref.neighbours.get(LEEDS)).toEqual([
      'E06000044', 'E06000033', 'E08000019', 'E06000042', 'E08000034',
      'E08000006', 'E06000023', 'E06000045', 'E09000008', 'E06000058',
    ]);
  });

  it('population: England 0–25 is 17,153,473 (ONS mid-2021, as in the data README)', () => {
    expect(ref.populationOf('E92000001')).toBe(17153473);
    expect(ref.populationOf(LEEDS)).toBe(275323);
    expect(ref.populationOf(LEEDS, { minAge: 0, maxAge: 0, sex: 'female' })).toBeGreaterThan(0);
    expect(ref.populationOf('E99999999')).toBeUndefined();
    // Yorkshire and The Humber = sum of its LAs; the importer used the same denominator.
    expect(ref.populationOf('E12000003')).toBe(ref.regionValue(LEEDS, 'ehc-plans-rate', 2024)?.denominator);
  });

  it('englandValue and regionValue', () => {
    expect(ref.englandValue('ehc-20-week-timeliness', 2024)).toMatchObject({ numerator: 39407, denominator: 84866, value: 46.4344 });
    expect(ref.englandValue('ehc-plans-by-need', 2024, 'ASD')?.numerator).toBe(201183);
    expect(ref.englandValue('ehc-plans-by-need', 2024)).toBeUndefined(); // only need breakdowns
    const region = ref.regionValue(LEEDS, 'ehc-plans-rate', 2024);
    expect(region).toMatchObject({ area_code: 'E12000003', area_name: 'Yorkshire and The Humber' });
    expect(ref.regionValue(LEEDS, 'tribunal-appeal-rate', 2024)).toBeUndefined();
    expect(ref.value('E09000001', 'ehc-20-week-timeliness', 2024)?.value).toBeNull();
  });

  it("neighbourMean over Leeds' 10 neighbours equals the mean computed in SQL from the CSVs", async () => {
    const cases: [BenchmarkIndicatorId, number, string][] = [
      ['ehc-plans-rate', 2024, 'all'],
      ['ehc-20-week-timeliness', 2024, 'all'],
      ['ehc-plans-by-need', 2024, 'SEMH'],
      ['tribunal-appeal-rate', 2019, 'all'],
    ];
    for (const [indicator, period, breakdown] of cases) {
      const [expected] = await sql(`
        SELECT avg(CAST(b.value AS DOUBLE)) AS mean, CAST(count(b.value) AS INTEGER) AS count
        FROM ${csv('statistical-neighbours.csv')} n
        JOIN ${csv('dfe-ehc-benchmarks.csv')} b
          ON b.area_code = n.neighbour_la_code AND b.indicator_id = '${indicator}'
         AND b.period = '${period}' AND b.breakdown = '${breakdown}'
        WHERE n.la_code = '${LEEDS}'`);
      const got = ref.neighbourMean(LEEDS, indicator, period, breakdown);
      expect(got?.count).toBe(expected?.count);
      expect(got?.mean).toBeCloseTo(expected?.mean as number, 9);
    }
    // Hand check, ehc-plans-rate 2024 (Leeds neighbours all published): 10 values.
    expect(ref.neighbourMean(LEEDS, 'ehc-plans-rate', 2024)?.count).toBe(10);
  });

  it('neighbourMean skips neighbours without a value', async () => {
    // Northumberland's neighbours include Dorset, whose 2024 timeliness is x.
    const northumberland = 'E06000057';
    expect(ref.neighbours.get(northumberland)).toContain('E06000059');
    const got = ref.neighbourMean(northumberland, 'ehc-20-week-timeliness', 2024);
    expect(got?.count).toBe(9);
    expect(ref.neighbourMean(LEEDS, 'ehc-plans-rate', 1999)).toBeUndefined();
  });

  it('rankAndQuartile matches SQL rank() over LAs for every LA', async () => {
    const cases: [BenchmarkIndicatorId, number, string][] = [
      ['ehc-plans-rate', 2024, 'all'],
      ['ehc-20-week-timeliness', 2024, 'all'],
      ['ceased-needs-met', 2022, 'all'],
      ['ehc-plans-by-need', 2024, 'MSI'],
    ];
    for (const [indicator, period, breakdown] of cases) {
      const expected = await sql(`
        SELECT area_code, CAST(rank() OVER (ORDER BY CAST(value AS DOUBLE) DESC) AS INTEGER) AS rank,
               CAST(count(*) OVER () AS INTEGER) AS n
        FROM ${csv('dfe-ehc-benchmarks.csv')}
        WHERE indicator_id = '${indicator}' AND period = '${period}' AND breakdown = '${breakdown}'
          AND geographic_level = 'Local authority' AND value IS NOT NULL`);
      expect(expected.length).toBeGreaterThan(140);
      for (const e of expected) {
        const got = ref.rankAndQuartile(e.area_code as string, indicator, period, breakdown);
        const rank = e.rank as number;
        const n = e.n as number;
        expect(got).toEqual({ rank, n, quartile: Math.min(4, Math.ceil((4 * rank) / n)) });
      }
    }
    // Leeds has one of the lowest EHC plan rates (22.1 per 1,000 in January 2025).
    expect(ref.rankAndQuartile(LEEDS, 'ehc-plans-rate', 2024)).toEqual({ rank: 149, n: 153, quartile: 4 });
    // No value (Dorset 2024 timeliness) or not an LA: undefined.
    expect(ref.rankAndQuartile('E06000059', 'ehc-20-week-timeliness', 2024)).toBeUndefined();
    expect(ref.rankAndQuartile('E92000001', 'ehc-plans-rate', 2024)).toBeUndefined();
  });
});

describe('ReferenceData helpers on synthetic rows', () => {
  const row = (area: string, value: number | null): BenchmarkRow => ({
    indicator_id: 'ehc-plans-rate',
    period: 2024,
    time_period: '202425',
    time_identifier: 'Academic year',
    geographic_level: 'Local authority',
    area_code: area,
    old_la_code: null,
    area_name: area,
    region_code: null,
    region_name: null,
    breakdown: 'all',
    numerator: null,
    denominator: null,
    value,
  });
  const ref = new ReferenceData(
    [row('E06000001', 30), row('E06000002', 20), row('E06000003', 20), row('E06000004', 10), row('E06000005', null)],
    new Map(),
    new Map([['E06000001', ['E06000002', 'E06000004', 'E06000005']]]),
    new Map(),
  );

  it('ties share the best rank; quartile 1 is the highest values', () => {
    const rq = (code: string) => ref.rankAndQuartile(code, 'ehc-plans-rate', 2024);
    expect(rq('E06000001')).toEqual({ rank: 1, n: 4, quartile: 1 });
    expect(rq('E06000002')).toEqual({ rank: 2, n: 4, quartile: 2 });
    expect(rq('E06000003')).toEqual({ rank: 2, n: 4, quartile: 2 });
    expect(rq('E06000004')).toEqual({ rank: 4, n: 4, quartile: 4 });
    expect(rq('E06000005')).toBeUndefined();
  });

  it('neighbour mean uses only neighbours with a value', () => {
    expect(ref.neighbourMean('E06000001', 'ehc-plans-rate', 2024)).toEqual({ mean: 15, count: 2 });
  });
});
