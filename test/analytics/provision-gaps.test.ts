import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridCell, ProvisionGapsResponse } from '../../contract/analytics.ts';
import type { IndicatorResponse } from '../../contract/indicators.ts';
import { commissionerType } from '../../server/analytics/provision-gaps.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { audit, getJson, provisionTable } from './checks.ts';
import { editedFixtureDatabase, extendedFixtureDatabase, v } from './helpers.ts';

// GET /api/analytics/provision-gaps on test/fixtures/small-extract (threshold 0: exact figures) and on
// small-extract + test/fixtures/analytics (thresholds 0 and 7).
//
// small-extract on 31 Dec 2024. Active plans: P01-P09, P11, P12, P14. Provision lines in force on them
// (specified by then, not ended): V01 P01 C01 SPECIALIST_TEACHING (LA), V02 P01 C01 SALT (QWO), V05 P02 C02
// SALT (QWO), V06 P03 C03 SALT (QWO), V07 P04 C11 OT (QWO), V08 P05 C12 EDUCATIONAL_PSYCHOLOGY (LA), V09 P06
// C14 SALT (no commissioner), V10 P06 C14 CAMHS (QWO), V11 P07 C20 SALT (QWO), V12 P08 C15
// SPECIALIST_TEACHING (LA), V13 P09 C07 CAMHS (QWO), V14 P11 C08 PHYSIO (QWO), V16 P12 C13 PERSONAL_CARE (LA),
// V17 P14 C10 SHORT_BREAKS (LA), V19 P14 C10 TEACHING_ASSISTANT (LA). (V15 ended 30 Jun 2024; V18 is on P10,
// ceased.) Ages on 31 Dec 2024 (birth month): C01 12, C02 14, C03 9, C07 8, C08 15, C10 18 (North);
// C11 12, C12 14, C13 18, C14 7, C15 11, C20 5 (South).
//
// Local Offer services active on 31 Dec 2024: S01 SALT 0-19 LA-wide 40 places; S02 CAMHS 5-18 North 25; S03
// OT 0-18 South 10; S04 SHORT_BREAKS 0-17 LA-wide 30; S06 PHYSIO 0-25 LA-wide 20 (S05, SALT 16-25, closed
// 31 Mar 2024). Population 2024: North age 5 = 2,000, South age 15 = 3,000, nothing else. So an LA-wide
// service's places go 2/5 to North 5-10 and 3/5 to South 11-15 (if it covers ages 5 and 15).

const LA = 'E08000035';
const NORTH = 'E08000035:north';
const SOUTH = 'E08000035:south';

let small: TempDb;
let extended: TempDb;
let open: ReturnType<typeof createTestApp>['app'];
let extended0: ReturnType<typeof createTestApp>['app'];
let extended7: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  small = await fixtureDatabase();
  extended = await extendedFixtureDatabase();
  open = createTestApp({ db: small.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  extended0 = createTestApp({ db: extended.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  extended7 = createTestApp({ db: extended.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => {
  small.cleanup();
  extended.cleanup();
});

/** Rounded to 9 decimals, on both sides of a comparison: shares and quartiles are computed in floating point. */
const r9 = (x: number | string) => (typeof x === 'number' ? Math.round(x * 1e9) / 1e9 : x);
const gaps = (app: typeof open, query = '') => getJson<ProvisionGapsResponse>(app, `/api/analytics/provision-gaps${query}`);
/** category -> "area|band" -> [demand, capacity, gap, ratio] */
const grid = (r: ProvisionGapsResponse, category: string) =>
  Object.fromEntries(
    r.grid
      .filter((c: GridCell) => c.category === category)
      .map((c) => [`${c.area_code === LA ? 'LA' : c.area_name}|${c.age_band}`, [v(c.demand), v(c.capacity), v(c.gap), v(c.ratio)].map(r9)]),
  );
const row = (r: ProvisionGapsResponse, category: string, commissioner: string) => {
  const x = r.commissioning.rows.find((y) => y.category === category && y.commissioner === commissioner);
  if (!x) throw new Error(`no row ${category} ${commissioner}`);
  return [
    v(x.children_with_provision),
    v(x.children_waiting),
    v(x.waiting_weeks.q1),
    v(x.waiting_weeks.median),
    v(x.waiting_weeks.q3),
    v(x.children_started),
    v(x.started_wait_weeks.q1),
    v(x.started_wait_weeks.median),
    v(x.started_wait_weeks.q3),
  ].map(r9);
};
const crossTab = (cells: ProvisionGapsResponse['placements']['out_of_area']['cells']) =>
  Object.fromEntries(cells.filter((c) => v(c.plans) !== 0).map((c) => [`${c.setting_type}|${c.primary_need}`, v(c.plans)]));

describe('provision gaps on the fixture (threshold 0)', () => {
  it('sets demand against population-apportioned capacity by category, locality and age band', async () => {
    const r = await gaps(open);
    expect(r.period.period).toBe('2024');
    expect(r.la.area_code).toBe(LA);
    expect(r.localities.map((l) => l.area_code)).toEqual([NORTH, SOUTH]);
    expect(r.age_bands).toEqual(['0-4', '5-10', '11-15', '16-19', '20-25', 'all']);
    expect(r.method.apportionment).toBe('population');
    // 16 categories x 3 areas x 6 bands.
    expect(r.grid).toHaveLength(16 * 3 * 6);
    // SALT demand: North C01, C02 (11-15), C03 (5-10); South C14, C20 (5-10). Capacity: S01's 40 places over ages
    //   0-19: North age 5 (2,000) -> North 5-10 = 40 x 2,000 / 5,000 = 16; South age 15 (3,000) -> South 11-15 = 24.
    expect(grid(r, 'SALT')).toEqual({
      'LA|0-4': [0, 0, 0, 'x'],
      'LA|5-10': [3, 16, -13, r9(3 / 16)],
      'LA|11-15': [2, 24, -22, r9(2 / 24)],
      'LA|16-19': [0, 0, 0, 'x'],
      'LA|20-25': [0, 0, 0, 'x'],
      'LA|all': [5, 40, -35, r9(5 / 40)],
      'North|0-4': [0, 0, 0, 'x'],
      'North|5-10': [1, 16, -15, r9(1 / 16)],
      'North|11-15': [2, 0, 2, 'x'],
      'North|16-19': [0, 0, 0, 'x'],
      'North|20-25': [0, 0, 0, 'x'],
      'North|all': [3, 16, -13, r9(3 / 16)],
      'South|0-4': [0, 0, 0, 'x'],
      'South|5-10': [2, 0, 2, 'x'],
      'South|11-15': [0, 24, -24, 0],
      'South|16-19': [0, 0, 0, 'x'],
      'South|20-25': [0, 0, 0, 'x'],
      'South|all': [2, 24, -22, r9(2 / 24)],
    });
    // CAMHS: C07 (North, 8), C14 (South, 7). S02 (North only, 5-18, 25 places) reaches North age 5 only.
    expect(grid(r, 'CAMHS')).toMatchObject({ 'LA|5-10': [2, 25, -23, r9(2 / 25)], 'North|5-10': [1, 25, -24, r9(1 / 25)], 'South|5-10': [1, 0, 1, 'x'] });
    // SHORT_BREAKS: C10 (North, 18). S04 (0-17, 30 places) -> North 5-10 = 12, South 11-15 = 18; nothing at 16-19.
    expect(grid(r, 'SHORT_BREAKS')).toMatchObject({ 'LA|16-19': [1, 0, 1, 'x'], 'North|5-10': [0, 12, -12, 0], 'South|11-15': [0, 18, -18, 0], 'LA|all': [1, 30, -29, r9(1 / 30)] });
    // OT: C11 (South, 12); S03 (South, 0-18, 10 places) -> South 11-15 = 10. PHYSIO: C08 (North, 15); S06 (0-25, 20)
    //   -> North 5-10 = 8, South 11-15 = 12, so North 11-15 has the child and no capacity.
    expect(grid(r, 'OT')).toMatchObject({ 'South|11-15': [1, 10, -9, 0.1], 'North|all': [0, 0, 0, 'x'] });
    expect(grid(r, 'PHYSIO')).toMatchObject({ 'North|11-15': [1, 0, 1, 'x'], 'North|5-10': [0, 8, -8, 0], 'South|11-15': [0, 12, -12, 0] });
  });

  it('ranks categories and cells by gap and names who commissions them', async () => {
    const r = await gaps(open);
    // LA totals (demand - capacity): SPECIALIST_TEACHING 2 - 0; EDUCATIONAL_PSYCHOLOGY, PERSONAL_CARE,
    //   TEACHING_ASSISTANT 1 - 0; seven categories 0 - 0; OT 1 - 10; PHYSIO 1 - 20; CAMHS 2 - 25; SHORT_BREAKS 1 - 30;
    //   SALT 5 - 40. Ties by name.
    expect(r.categories.map((c) => [c.category, v(c.gap)])).toEqual([
      ['SPECIALIST_TEACHING', 2],
      ['EDUCATIONAL_PSYCHOLOGY', 1],
      ['PERSONAL_CARE', 1],
      ['TEACHING_ASSISTANT', 1],
      ['COMMUNITY_NURSING', 0],
      ['CONTINENCE', 0],
      ['EQUIPMENT', 0],
      ['OTHER', 0],
      ['PALLIATIVE_CARE', 0],
      ['SENSORY_SUPPORT', 0],
      ['TRANSPORT', 0],
      ['OT', -9],
      ['PHYSIO', -19],
      ['CAMHS', -23],
      ['SHORT_BREAKS', -29],
      ['SALT', -35],
    ]);
    const salt = r.categories.find((c) => c.category === 'SALT');
    // SALT lines: QWO for C01, C02, C03, C20 (4 children); none written for C14 (1).
    expect(salt).toMatchObject({ services: 1, places_listed: 40, places_unapportioned: 0, commissioners: [{ code: 'QWO', type: 'ICB' }, { code: 'unknown', type: 'unknown' }] });
    expect(r.categories.find((c) => c.category === 'SPECIALIST_TEACHING')).toMatchObject({ services: 0, places_listed: 0, commissioners: [{ code: LA, type: 'LA' }] });
    // Locality x band cells with a positive gap: SALT North 11-15 and South 5-10 (2 each, no capacity), then the
    //   gaps of 1 by key: CAMHS South 5-10, EDUCATIONAL_PSYCHOLOGY South 11-15, PERSONAL_CARE South 16-19, PHYSIO
    //   North 11-15, SHORT_BREAKS North 16-19, SPECIALIST_TEACHING North and South 11-15, TEACHING_ASSISTANT North 16-19.
    expect(r.largest_gaps.map((g) => [g.rank, g.category, g.area_name, g.age_band, g.demand, g.capacity, g.gap])).toEqual([
      [1, 'SALT', 'North', '11-15', 2, 0, 2],
      [2, 'SALT', 'South', '5-10', 2, 0, 2],
      [3, 'CAMHS', 'South', '5-10', 1, 0, 1],
      [4, 'EDUCATIONAL_PSYCHOLOGY', 'South', '11-15', 1, 0, 1],
      [5, 'PERSONAL_CARE', 'South', '16-19', 1, 0, 1],
      [6, 'PHYSIO', 'North', '11-15', 1, 0, 1],
      [7, 'SHORT_BREAKS', 'North', '16-19', 1, 0, 1],
      [8, 'SPECIALIST_TEACHING', 'North', '11-15', 1, 0, 1],
      [9, 'SPECIALIST_TEACHING', 'South', '11-15', 1, 0, 1],
      [10, 'TEACHING_ASSISTANT', 'North', '16-19', 1, 0, 1],
    ]);
    expect(r.largest_gaps[0]?.commissioners).toEqual([{ code: 'QWO', type: 'ICB' }, { code: 'unknown', type: 'unknown' }]);
    expect(r.largest_gaps[2]?.commissioners).toEqual([{ code: 'QWO', type: 'ICB' }]);
  });

  it('shows undelivered provision and waits by category and commissioner', async () => {
    const r = await gaps(open);
    const w = (days: number) => r9(days / 7);
    // [children with provision, waiting, q1, median, q3 of weeks waiting, started in 2024, q1, median, q3 of weeks to start]
    // SALT x QWO: C01, C02, C03, C20. Not started by 31 Dec: V02 (specified 13 May, 232 days), V11 (21 Oct, 71 days)
    //   -> q1 = (71 + 0.25 x 161) / 7, median 151.5 / 7, q3 = (71 + 0.75 x 161) / 7. Started in 2024: V05 (84 days
    //   = 12 w), V06 (42 = 6 w) -> 7.5, 9, 10.5.
    expect(row(r, 'SALT', 'QWO')).toEqual([4, 2, w(111.25), w(151.5), w(191.75), 2, 7.5, 9, 10.5]);
    // SALT x unknown: C14's V09, specified 23 Sep, not started: 99 days.
    expect(row(r, 'SALT', 'unknown')).toEqual([1, 1, w(99), w(99), w(99), 0, 'x', 'x', 'x']);
    expect(row(r, 'SALT', LA)).toEqual([0, 0, 'x', 'x', 'x', 0, 'x', 'x', 'x']);
    // CAMHS x QWO: C07 (V13, specified 19 Feb, started 4 Nov: 259 days = 37 w), C14 (V10, 84 days = 12 w).
    expect(row(r, 'CAMHS', 'QWO')).toEqual([2, 0, 'x', 'x', 'x', 2, 18.25, 24.5, 30.75]);
    // TEACHING_ASSISTANT x LA: C10's V19 specified 1 Apr 2024, starts 6 Jan 2025: waiting 274 days on 31 Dec.
    expect(row(r, 'TEACHING_ASSISTANT', LA)).toEqual([1, 1, w(274), w(274), w(274), 0, 'x', 'x', 'x']);
    // All x all: 12 children; waiting C01 (V02 232), C20 (V11 71), C14 (V09 99), C11 (V07 OT, specified 20 May,
    //   225), C10 (V19 274) = 5; days sorted 71 99 225 232 274 -> q1 99, median 225, q3 232. Started in 2024:
    //   V01 21 days (3 w), V05 12 w, V06 6 w, V08 6 w, V10 12 w, V12 14 days (2 w), V13 37 w = 7 children;
    //   sorted 2 3 6 6 12 12 37 -> q1 at 1.5 = 4.5, median 6, q3 at 4.5 = 12.
    expect(row(r, 'all', 'all')).toEqual([12, 5, w(99), w(225), w(232), 7, 4.5, 6, 12]);
    // By commissioner: LA C01, C12, C13, C10, C15 = 5 (waiting C10); QWO C01, C02, C03, C20, C11, C14, C07, C08 = 8
    //   (waiting C01, C20, C11: 232, 71, 225 days -> q1 (71 + 0.5 x 154) / 7, median 225 / 7, q3 (225 + 0.5 x 7) / 7).
    expect(row(r, 'all', LA).slice(0, 2)).toEqual([5, 1]);
    expect(row(r, 'all', 'QWO').slice(0, 5)).toEqual([8, 3, w(148), w(225), w(228.5)]);
    const types = Object.fromEntries(r.commissioning.rows.map((x) => [x.commissioner, x.commissioner_type]));
    expect(types).toEqual({ [LA]: 'LA', QWO: 'ICB', unknown: 'unknown', all: 'all' });
    // Categories with lines in force or started in 2024, in vocabulary order, each with every commissioner and 'all'.
    expect([...new Set(r.commissioning.rows.map((x) => x.category))]).toEqual([
      'SALT', 'OT', 'PHYSIO', 'CAMHS', 'SHORT_BREAKS', 'PERSONAL_CARE', 'EDUCATIONAL_PSYCHOLOGY', 'SPECIALIST_TEACHING', 'TEACHING_ASSISTANT', 'all',
    ]);
  });

  it('lists the ages the Local Offer does not reach where there is demand', async () => {
    const r = await gaps(open);
    // SHORT_BREAKS 16-19: S04 stops at 17, so 18 and 19 are not covered (C10 is 18). PERSONAL_CARE,
    //   EDUCATIONAL_PSYCHOLOGY, SPECIALIST_TEACHING and TEACHING_ASSISTANT have no service at all.
    //   SALT 20-25 has no service (S05 closed) but no demand either, so it is not a gap.
    expect(r.age_coverage.gaps.map((g) => [g.category, g.age_band, g.coverage, g.ages_not_covered, g.services_open, v(g.children)])).toEqual([
      ['SHORT_BREAKS', '16-19', 'partial', [18, 19], 1, 1],
      ['PERSONAL_CARE', '16-19', 'none', [16, 17, 18, 19], 0, 1],
      ['EDUCATIONAL_PSYCHOLOGY', '11-15', 'none', [11, 12, 13, 14, 15], 0, 1],
      ['SPECIALIST_TEACHING', '11-15', 'none', [11, 12, 13, 14, 15], 0, 2],
      ['TEACHING_ASSISTANT', '16-19', 'none', [16, 17, 18, 19], 0, 1],
    ]);
    expect(r.age_coverage.rows.find((x) => x.category === 'SALT' && x.age_band === '20-25')).toMatchObject({ coverage: 'none', children: { value: 0, symbol: null } });
    expect(r.age_coverage.rows).toHaveLength(16 * 5);
    // In 2023 S05 (SALT 16-25) was still open: SALT covers 20-25, with two services.
    const y2023 = await gaps(open, '?period=2023');
    expect(y2023.age_coverage.rows.find((x) => x.category === 'SALT' && x.age_band === '20-25')).toMatchObject({ coverage: 'full', services_open: 1 });
    expect(y2023.categories.find((c) => c.category === 'SALT')).toMatchObject({ services: 2, places_listed: 48 });
  });

  it('cross-tabulates out-of-area and independent placements by setting type and primary need', async () => {
    const r = await gaps(open);
    // Active on 31 Dec 2024, out of area: P04 (SPECIAL_INDEPENDENT, ASD), P14 (ALTERNATIVE_PROVISION, SEMH).
    expect(crossTab(r.placements.out_of_area.cells)).toEqual({
      'ALTERNATIVE_PROVISION|SEMH': 1, 'ALTERNATIVE_PROVISION|all': 1, 'SPECIAL_INDEPENDENT|ASD': 1, 'SPECIAL_INDEPENDENT|all': 1,
      'all|ASD': 1, 'all|SEMH': 1, 'all|all': 2,
    });
    // Rows: setting types of plans with setting_in_area recorded (P07, early years, has none); columns: their needs.
    const settings = [...new Set(r.placements.out_of_area.cells.map((c) => c.setting_type))];
    expect(settings).toEqual(['ALTERNATIVE_PROVISION', 'FE_COLLEGE', 'MAINSTREAM', 'SPECIAL_ACADEMY', 'SPECIAL_INDEPENDENT', 'SPECIAL_NON_MAINTAINED', 'all']);
    // Independent or non-maintained special: P04 (SPECIAL_INDEPENDENT, ASD), P02 (SPECIAL_NON_MAINTAINED, SEMH).
    expect(crossTab(r.placements.independent.cells)).toEqual({
      'SPECIAL_INDEPENDENT|ASD': 1, 'SPECIAL_INDEPENDENT|all': 1, 'SPECIAL_NON_MAINTAINED|SEMH': 1, 'SPECIAL_NON_MAINTAINED|all': 1,
      'all|ASD': 1, 'all|SEMH': 1, 'all|all': 2,
    });
    expect(r.placements.active_plans).toEqual({ value: 12, symbol: null });
  });

  it('reads the extended fixture the same way (hand-worked population shares)', async () => {
    // Extended: + N01-N24 (North, 8, SALT), M01-M12 (South, 8, SALT), S01-S10 (South, 17) and T01-T10 (North, 17)
    //   with SHORT_BREAKS. Population now North 5,000 (age 5 2,000, 8 2,000, 17 1,000), South 5,000 (8 1,000,
    //   15 3,000, 17 1,000). SALT S01 (0-19, 40) over all 10,000: North 5-10 40 x 4,000 / 10,000 = 16, North 16-19 4,
    //   South 5-10 4, South 11-15 12, South 16-19 4. SHORT_BREAKS S04 (0-17, 30): North 5-10 12, North 16-19 3
    //   (age 17 only), South 5-10 3, South 11-15 9, South 16-19 3.
    const r = await gaps(extended0);
    expect(grid(r, 'SALT')).toMatchObject({
      'North|5-10': [25, 16, 9, r9(25 / 16)],
      'South|5-10': [14, 4, 10, 3.5],
      'LA|5-10': [39, 20, 19, r9(39 / 20)],
      'LA|all': [41, 40, 1, r9(41 / 40)],
    });
    expect(grid(r, 'SHORT_BREAKS')).toMatchObject({ 'North|16-19': [11, 3, 8, r9(11 / 3)], 'South|16-19': [10, 3, 7, r9(10 / 3)], 'LA|16-19': [21, 6, 15, 3.5] });
    expect(r.largest_gaps.slice(0, 4).map((g) => [g.category, g.area_name, g.age_band, g.gap])).toEqual([
      ['SALT', 'South', '5-10', 10],
      ['SALT', 'North', '5-10', 9],
      ['SHORT_BREAKS', 'North', '16-19', 8],
      ['SHORT_BREAKS', 'South', '16-19', 7],
    ]);
    expect(r.largest_gaps[2]?.commissioners).toEqual([{ code: LA, type: 'LA' }]);
  });

  it('marks capacity x where there is no population to share places over', async () => {
    // Population given for the LA only (no locality): the LA cells are shared by LA population, localities are x.
    const laOnly = await editedFixtureDatabase((dir) =>
      writeFileSync(join(dir, 'population.csv'), 'la_code,year,age,sex,population\nE08000035,2024,5,F,2000\nE08000035,2024,15,M,3000\n'),
    );
    const none = await editedFixtureDatabase((dir) => rmSync(join(dir, 'population.csv')));
    try {
      const a = await gaps(createTestApp({ db: laOnly.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app);
      expect(grid(a, 'SALT')).toMatchObject({ 'LA|5-10': [3, 16, -13, r9(3 / 16)], 'LA|11-15': [2, 24, -22, r9(2 / 24)], 'North|5-10': [1, 'x', 'x', 'x'] });
      const b = await gaps(createTestApp({ db: none.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app);
      expect(grid(b, 'SALT')['LA|all']).toEqual([5, 'x', 'x', 'x']);
      // Nothing can be apportioned: places are listed but not in the grid.
      expect(b.categories.find((c) => c.category === 'SALT')).toMatchObject({ places_listed: 40, places_unapportioned: 40 });
    } finally {
      laOnly.cleanup();
      none.cleanup();
    }
  });
});

describe('provision gaps disclosure control (threshold 7)', () => {
  it('suppresses the grid and the commissioner table together (hand-worked)', async () => {
    const r = await gaps(extended7);
    // SALT children: LA 0-4 0, 5-10 39, 11-15 2, rest 0, all 41; North 0, 25, 2, 0, 0, 27; South 0, 14, 0, 0, 0, 14.
    //   Primary: LA 11-15 and North 11-15 (2). LA's bands then have one suppressed: the smallest other
    //   non-zero band (a zero protects nothing, issue 13), LA 5-10 (39); North likewise North 5-10 (25).
    //   The 5-10 and 11-15 columns have two each. The SALT commissioner row (41 = LA 0 + QWO 40 + unknown 1,
    //   exact) has unknown 1 suppressed, so the smallest non-zero other part, QWO 40, too; LA's 0 is published.
    expect(grid(r, 'SALT')).toMatchObject({
      'LA|0-4': [0, 0, 0, 'x'],
      'LA|5-10': ['c', 20, 'c', 'c'],
      'LA|11-15': ['c', 12, 'c', 'c'],
      'LA|all': [41, 40, 1, r9(41 / 40)],
      'North|0-4': [0, 0, 0, 'x'],
      'North|5-10': ['c', 16, 'c', 'c'],
      'North|11-15': ['c', 0, 'c', 'c'],
      'South|5-10': [14, 4, 10, 3.5],
    });
    expect(row(r, 'SALT', 'QWO')[0]).toBe('c');
    expect(row(r, 'SALT', 'unknown')[0]).toBe('c');
    expect(row(r, 'SALT', LA)[0]).toBe(0);
    // Only published positive gaps are ranked (North 5-10's is now hidden); the commissioners named are
    //   those with a suppressed or positive cell.
    expect(r.largest_gaps.map((g) => [g.category, g.area_name, g.age_band, g.gap])).toEqual([
      ['SALT', 'South', '5-10', 10],
      ['SHORT_BREAKS', 'North', '16-19', 8],
      ['SHORT_BREAKS', 'South', '16-19', 7],
    ]);
    expect(r.largest_gaps[0]?.commissioners.map((c) => c.code)).toEqual(['QWO', 'unknown']);
  });

  it.each(['2023', '2024'])('publishes no count of 1-7 and leaves nothing recoverable (%s)', async (period) => {
    for (const [app0, app7] of [[open, createTestApp({ db: small.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app], [extended0, extended7]] as const) {
      const truth = provisionTable(await gaps(app0, `?period=${period}`));
      const shown = provisionTable(await gaps(app7, `?period=${period}`));
      const findings = audit(truth, shown, 7);
      expect(findings.small).toEqual([]);
      expect(findings.lone).toEqual([]);
      expect(findings.recoverable).toEqual([]);
      expect(findings.suppressed).toBeGreaterThan(0);
      const r = await gaps(app7, `?period=${period}`);
      // Gap and ratio go with demand; capacity is never suppressed.
      for (const c of r.grid) {
        if (c.demand.symbol === 'c') expect([c.gap.symbol, c.ratio.symbol]).toEqual(['c', 'c']);
        expect(c.capacity.symbol).not.toBe('c');
      }
    }
  });

  it('publishes the placement margins exactly as the indicators do', async () => {
    const r = await gaps(extended7);
    const indicator = async (id: string, by: string) =>
      Object.fromEntries(
        (await getJson<IndicatorResponse>(extended7, `/api/indicators/${id}?period=2024&by=${by}`)).rows.map((x) => [x.breakdown_value, x.suppressed ? 'c' : x.numerator]),
      );
    const cells = (tab: ProvisionGapsResponse['placements']['out_of_area'], pick: (c: { setting_type: string; primary_need: string }) => string | null) =>
      Object.fromEntries(tab.cells.map((c) => [pick(c), v(c.plans)]).filter(([k]) => k !== null));
    expect(cells(r.placements.out_of_area, (c) => (c.primary_need === 'all' && c.setting_type !== 'all' ? c.setting_type : null))).toEqual(await indicator('out-of-area-placements', 'setting_type'));
    expect(cells(r.placements.out_of_area, (c) => (c.setting_type === 'all' && c.primary_need !== 'all' ? c.primary_need : null))).toEqual(await indicator('out-of-area-placements', 'primary_need'));
    expect(cells(r.placements.out_of_area, (c) => (c.setting_type === 'all' && c.primary_need === 'all' ? 'all' : null))).toEqual(await indicator('out-of-area-placements', 'all'));
    expect(cells(r.placements.independent, (c) => (c.setting_type === 'all' && c.primary_need !== 'all' ? c.primary_need : null))).toEqual(await indicator('independent-special-placements', 'primary_need'));
    // Extended: out of area = P04 (SPECIAL_INDEPENDENT, ASD), P14 (ALTERNATIVE_PROVISION, SEMH), PS01-PS10
    //   (SPECIAL_INDEPENDENT, SLD) = 12, SPECIAL_INDEPENDENT 11, SLD 10: the indicator now suppresses the
    //   setting and need margins (their complements, plans of that setting or need placed in the area, are
    //   1-7: issue 13), and the cross-tab shows them as the indicator does; the total 12 is published.
    expect(crossTab(r.placements.out_of_area.cells)).toMatchObject({ 'SPECIAL_INDEPENDENT|SLD': 'c', 'SPECIAL_INDEPENDENT|all': 'c', 'all|SLD': 'c', 'all|all': 12 });
    expect(v(r.placements.out_of_area.cells.find((c) => c.setting_type === 'SPECIAL_INDEPENDENT' && c.primary_need === 'ASD')?.plans ?? { value: 0, symbol: null })).toBe('c');
    // Active plans: 12 + 24 + 12 + 10 + 10 = 68, as ehc-plans-rate publishes.
    expect(r.placements.active_plans).toEqual({ value: 68, symbol: null });
  });
});

describe('provision gaps requests', () => {
  it('labels commissioners by whether the code is an LA ONS code', () => {
    expect(['E08000035', 'E06000001', 'E09000033', 'E10000002', 'QWO', 'E07000026', '15F', 'unknown'].map(commissionerType)).toEqual([
      'LA', 'LA', 'LA', 'LA', 'ICB', 'ICB', 'ICB', 'unknown',
    ]);
  });

  it.each([
    ['/api/analytics/provision-gaps?period=24', 400],
    ['/api/analytics/provision-gaps?period=all', 400],
    ['/api/analytics/provision-gaps?area=E08000035', 400],
    ['/api/analytics/provision-gaps?period=2024&period=2023', 400],
    ["/api/analytics/provision-gaps?period=2024'--", 400],
    ['/api/analytics/provision-gaps?period=2019', 404],
    ['/api/analytics/provision-gaps?period=2030-31', 404],
  ])('%s -> %i with a JSON error', async (path, status) => {
    const res = await request(open).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });
});
