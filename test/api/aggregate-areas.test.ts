import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../../server/benchmarks/reference-data.ts';
import { recoverableCells, type Additivity, type Cell, type SuppressionResult } from '../../server/disclosure/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { authHeader, createTestApp } from '../helpers/auth.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { BRADFORD, ENGLAND, LEEDS, MANCHESTER, MANCHESTER_ICB, multiLaDir, NORTH_WEST, SALFORD, WEST_YORKSHIRE_ICB, YORKSHIRE } from '../helpers/multi-la.ts';

// Issue 19: England, region and ICB areas for an extract of several LAs, on
// test/fixtures/multi-la-extract (README there). Figures worked out by hand:
// active plans on 31 Dec 2024 (all aged 12; primary need ASD except Salford's S13-S20, SEMH), population 2024 aged 12:
//   Leeds      E08000035  16 plans (F 8, M 8)    population 2,000 (F 1,000, M 1,000)  Yorkshire and The Humber, West Yorkshire ICB
//   Bradford   E08000032   5 plans (F 2, M 3)    population 1,000 (F 500, M 500)      Yorkshire and The Humber, West Yorkshire ICB
//   Manchester E08000003  18 plans (F 9, M 9)    population 2,000 (F 1,000, M 1,000)  North West, Greater Manchester ICB
//   Salford    E08000006  20 plans (F 10, M 10)  population 1,000 (F 500, M 500)      North West, Greater Manchester ICB
// England = 59 / 6,000 = 9.8333 per 1,000 (F 29 / 3,000, M 30 / 3,000);
// Yorkshire and The Humber = West Yorkshire ICB = 21 / 3,000 = 7 (F 10 / 1,500, M 11 / 1,500);
// North West = Greater Manchester ICB = 38 / 3,000 = 12.6667 (F 19, M 19).
// Suppression (threshold 7): Bradford's 5, 2 and 3 are primary. Yorkshire 21 − Leeds 16 would give
// Bradford's 5, so Leeds is hidden too (its total and both sexes: the smallest other part of each
// region and England cell); then Leeds + Bradford = 21 is all a reader has. Nothing else is hidden.

let t: TempDb;
let open: ReturnType<typeof createTestApp>['app'];
let suppressed: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  t = await tempDatabase();
  await loadExtract(t.db, multiLaDir);
  const reference = await loadReferenceData();
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 }, reference }).app;
  suppressed = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 }, reference }).app;
});
afterAll(() => t.cleanup());

interface Row {
  area_code: string;
  breakdown_value: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  suppressed: boolean;
  comparisons: { comparator: string; basis: string; reason: string | null }[];
}
const rowsOf = async (app: typeof open, area: string, by = 'all'): Promise<Row[]> =>
  (await request(app).get(`/api/indicators/ehc-plans-rate?area=${area}&period=2024&by=${by}`).set(authHeader('viewer')).expect(200)).body.rows as Row[];
const figures = (rows: Row[]) => rows.map((r) => [r.breakdown_value, r.numerator, r.denominator]);

describe('aggregate areas of an extract of several LAs', () => {
  it('/api/areas lists England, the regions and the ICBs with their LAs, by name', async () => {
    const res = await request(suppressed).get('/api/areas').set(authHeader('viewer')).expect(200);
    const aggregates = (res.body.areas as { area_code: string; area_name: string; area_type: string; las?: string[]; las_in_area?: number }[]).filter((a) => a.area_type !== 'la' && a.area_type !== 'locality');
    expect(aggregates).toEqual([
      { area_code: ENGLAND, area_name: 'England', area_type: 'england', parent_code: null, las: [MANCHESTER, SALFORD, BRADFORD, LEEDS], las_in_area: 153 },
      { area_code: NORTH_WEST, area_name: 'North West', area_type: 'region', parent_code: null, las: [MANCHESTER, SALFORD], las_in_area: 24 },
      { area_code: YORKSHIRE, area_name: 'Yorkshire and The Humber', area_type: 'region', parent_code: null, las: [BRADFORD, LEEDS], las_in_area: 15 },
      { area_code: MANCHESTER_ICB, area_name: 'Greater Manchester ICB', area_type: 'icb', parent_code: null, las: [MANCHESTER, SALFORD], las_in_area: 10 },
      { area_code: WEST_YORKSHIRE_ICB, area_name: 'West Yorkshire ICB', area_type: 'icb', parent_code: null, las: [BRADFORD, LEEDS], las_in_area: 5 },
    ]);
  });

  it('England, region and ICB totals and rates are the sums of their LAs (no suppression)', async () => {
    const england = await rowsOf(open, ENGLAND);
    expect(figures(england)).toEqual([['all', 59, 6000]]);
    expect(england[0]?.value).toBeCloseTo(9.833333, 5);
    expect(figures(await rowsOf(open, YORKSHIRE))).toEqual([['all', 21, 3000]]);
    expect((await rowsOf(open, YORKSHIRE))[0]?.value).toBeCloseTo(7, 9);
    expect(figures(await rowsOf(open, WEST_YORKSHIRE_ICB))).toEqual([['all', 21, 3000]]);
    expect(figures(await rowsOf(open, NORTH_WEST))).toEqual([['all', 38, 3000]]);
    expect(figures(await rowsOf(open, MANCHESTER_ICB))).toEqual([['all', 38, 3000]]);
    expect(figures(await rowsOf(open, LEEDS))).toEqual([['all', 16, 2000]]);
  });

  it('a breakdown of an aggregate: England by sex', async () => {
    expect(figures(await rowsOf(open, ENGLAND, 'sex'))).toEqual([
      ['F', 29, 3000],
      ['M', 30, 3000],
    ]);
    expect(figures(await rowsOf(suppressed, YORKSHIRE, 'sex'))).toEqual([
      ['F', 10, 1500],
      ['M', 11, 1500],
    ]);
  });

  it('a share of the area\'s total (by need) takes the aggregate\'s own total as every denominator', async () => {
    // Salford's S13-S20 have SEMH, every other plan ASD: only Salford has an SEMH row, and England's
    // SEMH share is 8 of England's 59 plans (not of Salford's 20).
    const need = async (area: string) =>
      ((await request(open).get(`/api/indicators/ehc-plans-by-need?area=${area}&period=2024&by=primary_need`).set(authHeader('viewer')).expect(200)).body.rows as Row[]).map((r) => [r.breakdown_value, r.numerator, r.denominator]);
    expect(await need(ENGLAND)).toEqual([
      ['ASD', 51, 59],
      ['SEMH', 8, 59],
    ]);
    expect(await need(NORTH_WEST)).toEqual([
      ['ASD', 30, 38],
      ['SEMH', 8, 38],
    ]);
  });

  it('suppression across levels: the region minus the other LAs never gives a small LA count', async () => {
    const published = new Map<string, Row>();
    for (const area of [ENGLAND, YORKSHIRE, NORTH_WEST, WEST_YORKSHIRE_ICB, MANCHESTER_ICB, LEEDS, BRADFORD, MANCHESTER, SALFORD]) {
      for (const by of ['all', 'sex']) for (const r of await rowsOf(suppressed, area, by)) published.set(`${area}|${r.breakdown_value}`, r);
    }
    const hidden = [...published].filter(([, r]) => r.suppressed).map(([k]) => k).sort();
    expect(hidden).toEqual([`${BRADFORD}|F`, `${BRADFORD}|M`, `${BRADFORD}|all`, `${LEEDS}|F`, `${LEEDS}|M`, `${LEEDS}|all`]);
    expect(figures(await rowsOf(suppressed, ENGLAND))).toEqual([['all', 59, 6000]]);
    expect(figures(await rowsOf(suppressed, YORKSHIRE))).toEqual([['all', 21, 3000]]);
    // The attacker's equations, written here from the hierarchy (not by the engine): each
    // aggregate is the sum of its LAs and each total the sum of its sexes. No hidden cell solves.
    const members: Record<string, string[]> = {
      [ENGLAND]: [LEEDS, BRADFORD, MANCHESTER, SALFORD],
      [YORKSHIRE]: [LEEDS, BRADFORD],
      [WEST_YORKSHIRE_ICB]: [LEEDS, BRADFORD],
      [NORTH_WEST]: [MANCHESTER, SALFORD],
      [MANCHESTER_ICB]: [MANCHESTER, SALFORD],
    };
    const groups: Additivity[] = [];
    for (const value of ['all', 'F', 'M']) for (const [total, las] of Object.entries(members)) groups.push({ total: `${total}|${value}`, parts: las.map((la) => `${la}|${value}`) });
    for (const area of [...Object.keys(members), LEEDS, BRADFORD, MANCHESTER, SALFORD]) groups.push({ total: `${area}|all`, parts: [`${area}|F`, `${area}|M`] });
    const cells: Cell[] = [...published].map(([key, r]) => ({ key, numerator: r.numerator, denominator: null, denominatorIsCount: false }));
    const results = new Map<string, SuppressionResult>([...published].map(([key, r]) => [key, { key, suppressed: r.suppressed, symbol: r.suppressed ? 'c' : null, reason: null }]));
    expect(recoverableCells(cells, groups, results)).toEqual([]);
  });

  it('compares like for like: a region holding 2 of its 15 LAs is not compared with the published region', async () => {
    const [row] = await rowsOf(suppressed, YORKSHIRE);
    expect(row?.comparisons.map((c) => c.comparator)).toEqual(['england', 'published']);
    const published = row?.comparisons.find((c) => c.comparator === 'published');
    expect(published?.basis).toBe('not-compared');
    expect(published?.reason).toContain('2 of the 15 LAs of Yorkshire and The Humber');
    const [icb] = await rowsOf(suppressed, WEST_YORKSHIRE_ICB);
    expect(icb?.comparisons.map((c) => c.comparator)).toEqual(['england']);
    const [england] = await rowsOf(suppressed, ENGLAND);
    expect(england?.comparisons.find((c) => c.comparator === 'published')?.reason).toContain('4 of the 153 LAs of England');
  });

  it('exports a region as CSV, with its level, and the bulk CSV holds every level', async () => {
    const csv = await request(suppressed).get(`/api/export/ehc-plans-rate.csv?area=${YORKSHIRE}&period=2024`).set(authHeader('analyst')).expect(200);
    const records = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.map((r) => [r.geographic_level, r.area_code, r.area_name, r.numerator, r.denominator, r.value])).toEqual([
      ['Regional', YORKSHIRE, 'Yorkshire and The Humber', '21', '3000', '7'],
    ]);
    const bulk = await request(suppressed).get('/api/export/bulk/indicators.csv?period=2024').set(authHeader('analyst')).expect(200);
    const bulkRecords = parse(bulk.text, { bom: true, columns: true }) as Record<string, string>[];
    const levels = new Set(bulkRecords.filter((r) => r.indicator_id === 'ehc-plans-rate').map((r) => r.geographic_level));
    expect([...levels].sort()).toEqual(['Integrated care board', 'Local authority', 'National', 'Regional']);
  });

  it('an indicator that cannot be summed over LAs says so for an aggregate (404), and is left out of exports', async () => {
    const res = await request(suppressed).get(`/api/indicators/ehc-plans-forecast?area=${ENGLAND}`).set(authHeader('viewer'));
    expect([404, 200]).toContain(res.status);
    if (res.status === 404) expect(res.body.error).toMatch(/LAs and localities only/);
    else expect(res.body.rows).toEqual([]);
  });
});
