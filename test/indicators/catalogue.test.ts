import { existsSync, readdirSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { catalogue, indicatorById } from '../../server/indicators/catalogue.ts';
import { breakdownIds } from '../../contract/vocabularies.ts';
import { sqlPath } from '../../server/sql-files.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { indicatorQuery, indicatorSqlFile } from '../../server/indicators/indicator-sql.ts';

// Every figure below is worked out by hand from test/fixtures/small-extract.
//
// Children loaded (C01-C20; locality N = North, S = South; birth month; sex). Only the birth
// month is held, so a child is taken to be born on the 1st: age_on(2006-03, 2024-03-01) = 18.
//   N: C01 2012-03 M, C02 2010-07 M, C03 2015-01 F, C04 2008-11 M, C05 2013-05 M,
//      C06 2011-09 F (continuing care), C07 2016-02 M, C08 2009-04 M (continuing care),
//      C09 2014-06 F, C10 2006-10 M
//   S: C11 2012-08 M, C12 2010-01 F, C13 2006-03 M (continuing care), C14 2017-10 M,
//      C15 2013-02 F, C16 2001-05 M, C17 2011-11 M, C18 2015-09 F,
//      C19 2009-08 M (continuing care, no plan), C20 2019-04 M
// Plans loaded (P15-P17 are rejected): child, primary need, setting, in area.
//   P01 C01 ASD MAINSTREAM; P02 C02 SEMH SPECIAL_NON_MAINTAINED; P03 C03 SLCN MAINSTREAM;
//   P04 C11 ASD SPECIAL_INDEPENDENT out of area; P05 C12 MLD MAINSTREAM; P06 C14 SLCN MAINSTREAM;
//   P07 C20 ASD EARLY_YEARS in-area unknown; P08 C15 SPLD MAINSTREAM; P09 C07 ASD MAINSTREAM
//   (P01-P09 issued in 2024); P10 C06 SEMH 2023-07-24 to 2024-06-30 NEEDS_MET;
//   P11 C08 PD SPECIAL_ACADEMY from 2023-10-16; P12 C13 SLD FE_COLLEGE from 2015;
//   P13 C16 PMLD 2014 to 2024-03-31 AGE_LIMIT out of area; P14 C10 SEMH ALTERNATIVE_PROVISION
//   from 2016, out of area.
// Active on 31 Dec 2024: P01-P09, P11, P12, P14 = 12 (N: P01, P02, P03, P09, P11, P14;
//   S: P04, P05, P06, P07, P08, P12). Active on 31 Dec 2023: P10-P14 = 5.
// Population (2024 only, also used for 2023): North age 5, 1,000 F + 1,000 M; South age 15,
//   1,500 F + 1,500 M. Total 5,000; all of it is aged 0-17.
// Periods: 2023 and 2024, both complete.
let t: TempDb;
let open: ReturnType<typeof createTestApp>['app'];
let suppressed: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  t = await fixtureDatabase();
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  suppressed = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => t.cleanup());

const LA = 'E08000035';
const NORTH = 'E08000035:north';
const SOUTH = 'E08000035:south';
const AREAS = [LA, NORTH, SOUTH];
// The fixture covers 2023-01-01 to 2024-12-31: two calendar years and the three
// financial years that overlap them (2024-25 only in part).
const CALENDAR_YEARS = ['2023', '2024'];
const FINANCIAL_YEARS = ['2022-23', '2023-24', '2024-25'];
const PERIODS = [...CALENDAR_YEARS, ...FINANCIAL_YEARS];

interface ApiRow {
  breakdown_value: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

async function rows(id: string, query: Record<string, string> = {}): Promise<ApiRow[]> {
  const res = await request(open).get(`/api/indicators/${id}`).query({ period: '2024', ...query }).expect(200);
  return res.body.rows as ApiRow[];
}

/** The one row with that breakdown value (default: the 'all' total). */
async function row(id: string, query: Record<string, string> = {}, value = 'all'): Promise<ApiRow> {
  const found = (await rows(id, query)).find((r) => r.breakdown_value === value);
  if (!found) throw new Error(`${id}: no row ${value} for ${JSON.stringify(query)}`);
  return found;
}

function expectFigures(r: ApiRow, numerator: number, denominator: number | null, value: number | null): void {
  expect([r.numerator, r.denominator]).toEqual([numerator, denominator]);
  if (value === null) expect(r.value).toBeNull();
  else expect(r.value).toBeCloseTo(value, 9);
}

describe('needs indicators, 2024, hand-worked', () => {
  it('ehc-plans-by-need', async () => {
    // The 12 active plans by need: ASD P01, P04, P07, P09 = 4; SEMH P02, P14 = 2; SLCN P03, P06 = 2;
    // MLD P05, SPLD P08, PD P11, SLD P12 = 1 each. The total row is all 12 plans over 12: 100%.
    expectFigures(await row('ehc-plans-by-need'), 12, 12, 100);
    const byNeed = await rows('ehc-plans-by-need', { by: 'primary_need' });
    expect(byNeed.map((r) => [r.breakdown_value, r.numerator, r.denominator])).toEqual([
      ['ASD', 4, 12], ['MLD', 1, 12], ['PD', 1, 12], ['SEMH', 2, 12], ['SLCN', 2, 12], ['SLD', 1, 12], ['SPLD', 1, 12],
    ]);
    expectFigures(await row('ehc-plans-by-need', { by: 'primary_need' }, 'ASD'), 4, 12, (4 / 12) * 100);
    // North: P01, P02, P03, P09, P11, P14 = 6, of which ASD P01, P09 = 2.
    expectFigures(await row('ehc-plans-by-need', { area: NORTH, by: 'primary_need' }, 'ASD'), 2, 6, (2 / 6) * 100);
  });

  it('ehc-requests-rate', async () => {
    // Requests received in 2024: R01-R10 and R17-R19 = 13 (R11, R14, R15 were received in 2023;
    // R12, R13, R16 were rejected). 13 / 5,000 * 10,000 = 26.
    expectFigures(await row('ehc-requests-rate'), 13, 5000, 26);
    // Girls: R03 (C03), R05 (C12), R08 (C15), R09 (C18), R10 (C09) = 5, over 2,500 F = 20.
    expectFigures(await row('ehc-requests-rate', { by: 'sex' }, 'F'), 5, 2500, 20);
    // Age when received, 5-10: R03 (C03, 9), R06 (C14, 6), R07 (C20, 5), R09 (C18, 8), R10 (C09, 10)
    // = 5, over the 2,000 aged 5 = 25. R19 (C04, born 2008-11, received 2024-11-04) is 16: 16-19
    // has no population, so no rate.
    expectFigures(await row('ehc-requests-rate', { by: 'age_band' }, '5-10'), 5, 2000, 25);
    expectFigures(await row('ehc-requests-rate', { by: 'age_band' }, '16-19'), 1, null, null);
    // North: R01, R02, R03, R10, R19 = 5 over 2,000 = 25.
    expectFigures(await row('ehc-requests-rate', { area: NORTH }), 5, 2000, 25);
  });

  it('ehc-requests-refused', async () => {
    // Assessment decisions (AGREED or REFUSED) dated in 2024: R01-R08 agreed, R09 refused (2024-04-22),
    // R10 agreed, R17 agreed (2024-03-25), R18 refused (2024-09-16) = 12, refused 2. R19 is pending.
    expectFigures(await row('ehc-requests-refused'), 2, 12, (2 / 12) * 100);
    // Girls: R03, R05, R08, R09, R10 = 5 decided, R09 refused: 1 of 5.
    expectFigures(await row('ehc-requests-refused', { by: 'sex' }, 'F'), 1, 5, 20);
    // South: R04, R05, R06, R07, R08, R09, R17, R18 = 8 decided, R09 and R18 refused.
    expectFigures(await row('ehc-requests-refused', { area: SOUTH }), 2, 8, 25);
  });

  it('cna-disabled-children', async () => {
    // Child in need / short breaks assessments completed in 2024 with disability, aged 0-17 at
    // completion: CNA01 (C05, 10), CNA02 (C09, 9), CNA05 (C20, 5) = 3. Not counted: CNA03 (no
    // disability), CNA04 (not completed), CNA06 (C13 aged 18), CNA07/CNA08 (Care Act transition),
    // CNA09 (completed 2023), CNA10 (completed 2025). 3 / 5,000 aged 0-17 * 10,000 = 6.
    expectFigures(await row('cna-disabled-children'), 3, 5000, 6);
    // North: CNA01, CNA02 = 2 over 2,000 = 10.
    expectFigures(await row('cna-disabled-children', { area: NORTH }), 2, 2000, 10);
    // Age band 5-10: all three, over the 2,000 aged 5 = 15.
    expectFigures(await row('cna-disabled-children', { by: 'age_band' }, '5-10'), 3, 2000, 15);
  });

  it('continuing-care-with-health-provision', async () => {
    // Continuing-care children with a plan active on 31 Dec 2024: C08 (P11) and C13 (P12); C06's
    // P10 ceased, C19 has no plan. Section G in force: P11 has V14 (PHYSIO); P12's only G line,
    // V15 (COMMUNITY_NURSING), ended 2024-06-30. 1 of 2.
    expectFigures(await row('continuing-care-with-health-provision'), 1, 2, 50);
    // South is C13 alone: 0 of 1.
    expectFigures(await row('continuing-care-with-health-provision', { area: SOUTH }), 0, 1, 0);
    // In 2023: C06 (P10, V18 CAMHS), C08 (P11, V14), C13 (P12, V15) = 3 of 3.
    expectFigures(await row('continuing-care-with-health-provision', { period: '2023' }), 3, 3, 100);
  });
});

describe('gaps indicators, 2024, hand-worked', () => {
  it('provision-not-delivered', async () => {
    // Reference date 2024-12-31; specified on or before 2024-10-08 (84 days earlier); plan active.
    // In: V01 (P01 SPECIALIST_TEACHING, started), V02 (P01 SALT, not started), V05 (P02 SALT, started),
    // V06 (P03 SALT, started), V07 (P04 OT, not started), V08 (P05 EDUCATIONAL_PSYCHOLOGY, started),
    // V09 (P06 SALT, no commissioner, not started), V10 (P06 CAMHS, started 2024-12-16),
    // V13 (P09 CAMHS, started), V14 (P11 PHYSIO, started), V15 (P12 COMMUNITY_NURSING, started, ended
    // 2024-06-30: delivered), V16 (P12 PERSONAL_CARE, started), V17 (P14 SHORT_BREAKS, started),
    // V19 (P14 TEACHING_ASSISTANT, starts 2025-01-06: not by the reference date) = 14.
    // Out: V11 (specified 2024-10-21), V12 (2024-11-25), V18 (plan P10 ceased).
    // Not started: V02, V07, V09, V19 = 4 of 14.
    expectFigures(await row('provision-not-delivered'), 4, 14, (4 / 14) * 100);
    // SALT: V02, V05, V06, V09 = 4, not started V02, V09.
    expectFigures(await row('provision-not-delivered', { by: 'provision_category' }, 'SALT'), 2, 4, 50);
    // Commissioner QWO: V02, V05, V06, V07, V10, V13, V14, V15 = 8, not started V02, V07;
    // E08000035: V01, V08, V16, V17, V19 = 5, not started V19; unknown: V09, 1 of 1.
    const byCommissioner = await rows('provision-not-delivered', { by: 'commissioner' });
    expect(byCommissioner.map((r) => [r.breakdown_value, r.numerator, r.denominator])).toEqual([
      ['E08000035', 1, 5], ['QWO', 2, 8], ['unknown', 1, 1],
    ]);
    // North (P01, P02, P03, P09, P11, P14): V01, V02, V05, V06, V13, V14, V17, V19 = 8; V02, V19 not started.
    expectFigures(await row('provision-not-delivered', { area: NORTH }), 2, 8, 25);
  });

  it('provision-wait-weeks', async () => {
    // Lines started in 2024, weeks from specified to start: V01 3, V05 12, V06 6, V08 6, V10 12,
    // V12 2, V13 37 = 7 lines; sorted 2, 3, 6, 6, 12, 12, 37: median 6. No denominator.
    expectFigures(await row('provision-wait-weeks'), 7, null, 6);
    // CAMHS: V10 12, V13 37: median 24.5.
    expectFigures(await row('provision-wait-weeks', { by: 'provision_category' }, 'CAMHS'), 2, null, 24.5);
    // North: V01 3, V05 12, V06 6, V13 37: median (6 + 12) / 2 = 9.
    expectFigures(await row('provision-wait-weeks', { area: NORTH }), 4, null, 9);
    // 2023: V14 8, V17 5: median 6.5.
    expectFigures(await row('provision-wait-weeks', { period: '2023' }), 2, null, 6.5);
  });

  it('demand-capacity-ratio', async () => {
    // Lines in force on 31 Dec 2024 on active plans (started or not): V01, V02, V05, V06, V07, V08,
    // V09, V10, V11, V12, V13, V14, V16, V17, V19 = 15 (V15 ended 2024-06-30; V18's plan ceased).
    // Services active that day: S01 SALT 40 (LA-wide), S02 CAMHS 25 (North), S03 OT 10 (South),
    // S04 SHORT_BREAKS 30 (LA-wide), S06 PHYSIO 20 (LA-wide) = 125; S05 ended 2024-03-31.
    // 15 / 125 = 0.12 lines per place.
    expectFigures(await row('demand-capacity-ratio'), 15, 125, 0.12);
    // SALT: V02, V05, V06, V09, V11 = 5 over S01's 40.
    expectFigures(await row('demand-capacity-ratio', { by: 'provision_category' }, 'SALT'), 5, 40, 0.125);
    // SPECIALIST_TEACHING: V01, V12, but no such service: no ratio.
    expectFigures(await row('demand-capacity-ratio', { by: 'provision_category' }, 'SPECIALIST_TEACHING'), 2, 0, null);
    // North: V01, V02, V05, V06, V13, V14, V17, V19 = 8. Places: S02 25 + North's population share
    // 2,000 / 5,000 of the LA-wide 40 + 30 + 20 = 36: 61.
    expectFigures(await row('demand-capacity-ratio', { area: NORTH }), 8, 61, 8 / 61);
  });

  it('local-offer-age-coverage', async () => {
    // (category, age band) needed on 31 Dec 2024, from the 15 lines in force (age that day):
    //   SPECIALIST_TEACHING 11-15 (C01 12, C15 11): no service                     - not covered
    //   SALT 11-15 (C01 12, C02 14): S01 ages 0-19                                   - covered
    //   SALT 5-10 (C03 9, C14 7, C20 5): S01                                         - covered
    //   CAMHS 5-10 (C07 8, C14 7): S02 ages 5-18                                     - covered
    //   OT 11-15 (C11 12): S03 ages 0-18                                             - covered
    //   EDUCATIONAL_PSYCHOLOGY 11-15 (C12 14): no service                           - not covered
    //   PHYSIO 11-15 (C08 15): S06 ages 0-25                                         - covered
    //   PERSONAL_CARE 16-19 (C13 18): no service                                    - not covered
    //   SHORT_BREAKS 16-19 (C10 18): S04 is for ages 0-17                           - not covered
    //   TEACHING_ASSISTANT 16-19 (C10 18): no service                               - not covered
    // 5 of 10 cells covered.
    expectFigures(await row('local-offer-age-coverage'), 5, 10, 50);
    // Age band 16-19: 0 of 3.
    expectFigures(await row('local-offer-age-coverage', { by: 'age_band' }, '16-19'), 0, 3, 0);
    // South (C11, C12, C13, C14, C15, C20): OT 11-15 (S03 is in South) covered; EP 11-15 not;
    // PERSONAL_CARE 16-19 not; SALT 5-10 (S01 LA-wide) covered; CAMHS 5-10 (C14) not: S02 is
    // North's only; SPECIALIST_TEACHING 11-15 not. 2 of 6.
    expectFigures(await row('local-offer-age-coverage', { area: SOUTH }), 2, 6, (2 / 6) * 100);
    expectFigures(await row('local-offer-age-coverage', { area: SOUTH, by: 'provision_category' }, 'CAMHS'), 0, 1, 0);
  });

  it('out-of-area-placements', async () => {
    // Active plans with setting_in_area recorded: the 12 less P07 = 11; out of area P04 and P14.
    expectFigures(await row('out-of-area-placements'), 2, 11, (2 / 11) * 100);
    // MAINSTREAM: P01, P03, P05, P06, P08, P09 = 6, none out of area.
    expectFigures(await row('out-of-area-placements', { by: 'setting_type' }, 'MAINSTREAM'), 0, 6, 0);
    // South: P04, P05, P06, P08, P12 (P07 unknown) = 5, P04 out.
    expectFigures(await row('out-of-area-placements', { area: SOUTH }), 1, 5, 20);
  });

  it('independent-special-placements', async () => {
    // Active plans: 12; P02 SPECIAL_NON_MAINTAINED and P04 SPECIAL_INDEPENDENT.
    expectFigures(await row('independent-special-placements'), 2, 12, (2 / 12) * 100);
    // ASD: P01, P04, P07, P09 = 4, P04 independent.
    expectFigures(await row('independent-special-placements', { by: 'primary_need' }, 'ASD'), 1, 4, 25);
    // North: 6 plans, P02.
    expectFigures(await row('independent-special-placements', { area: NORTH }), 1, 6, (1 / 6) * 100);
  });

  it('transition-assessment-gap', async () => {
    // Turned 18 in 2024 (born 2006): C13 on 2024-03-01 and C10 on 2024-10-01. Both had an active
    // plan with social care in force that day: P12 with V16 (H1), P14 with V17 (H2).
    // C13's Care Act transition assessment CNA07 started 2023-12-01, before; C10's CNA08 started
    // 2024-11-15, after. 1 of 2 without one in time.
    expectFigures(await row('transition-assessment-gap'), 1, 2, 50);
    // North is C10 (SEMH): 1 of 1.
    expectFigures(await row('transition-assessment-gap', { area: NORTH }), 1, 1, 100);
    expectFigures(await row('transition-assessment-gap', { by: 'primary_need' }, 'SLD'), 0, 1, 0);
    // Nobody turned 18 in 2023: 0 of 0, no value.
    expectFigures(await row('transition-assessment-gap', { period: '2023' }), 0, 0, null);
  });

  it('feedback-dissatisfaction', async () => {
    // Rated feedback received in 2024: F01 2 (S01 SALT), F02 5 (general, no category), F03 1 (S02
    // CAMHS), F06 4 (S01 SALT), F07 2 (S02 CAMHS), F08 3 (S03, category from the service: OT) = 6;
    // F09 has no rating; F04, F05 were rejected. Rated 1-2: F01, F03, F07 = 3 of 6.
    expectFigures(await row('feedback-dissatisfaction'), 3, 6, 50);
    // CAMHS: F03, F07, both 1-2.
    expectFigures(await row('feedback-dissatisfaction', { by: 'provision_category' }, 'CAMHS'), 2, 2, 100);
    expectFigures(await row('feedback-dissatisfaction', { by: 'provision_category' }, 'unknown'), 0, 1, 0);
    // North: feedback on services based in North (S02): F03, F07 = 2 of 2.
    expectFigures(await row('feedback-dissatisfaction', { area: NORTH }), 2, 2, 100);
  });
});

describe('outcomes indicators, 2024, hand-worked', () => {
  it('annual-reviews-on-time', async () => {
    // Reviews due in 2024: AR01 (P11, due 10-16, held 10-01: on time), AR02 (P12, due 09-01, held
    // 09-20: late), AR03 (P14, due 04-01, held 03-25: on time), AR04 (P12, due 03-01, held 02-20:
    // on time), AR05 (P13, due 01-10, not held) = 5, 3 on time. AR08's plan was rejected.
    expectFigures(await row('annual-reviews-on-time'), 3, 5, 60);
    // SLD (P12): AR02, AR04: 1 of 2.
    expectFigures(await row('annual-reviews-on-time', { by: 'primary_need' }, 'SLD'), 1, 2, 50);
    // South (P12, P13): AR02, AR04, AR05: 1 of 3.
    expectFigures(await row('annual-reviews-on-time', { area: SOUTH }), 1, 3, (1 / 3) * 100);
  });

  it('ceased-needs-met', async () => {
    // Ceased in 2024: P10 (NEEDS_MET, C06 F, North) and P13 (AGE_LIMIT, C16 M, South): 1 of 2.
    expectFigures(await row('ceased-needs-met'), 1, 2, 50);
    expectFigures(await row('ceased-needs-met', { by: 'sex' }, 'F'), 1, 1, 100);
    // None ceased in 2023: 0 of 0.
    expectFigures(await row('ceased-needs-met', { period: '2023' }), 0, 0, null);
  });

  it('pfa-employment', async () => {
    // Reviews held in 2024, latest per young person: C08 AR01 (aged 15: out), C13 AR02 on 09-20
    // (aged 18, employment true; his earlier AR04 on 02-20 said false), C10 AR03 (aged 17, false).
    // 1 of 2.
    expectFigures(await row('pfa-employment'), 1, 2, 50);
    expectFigures(await row('pfa-employment', { by: 'primary_need' }, 'SEMH'), 0, 1, 0);
    // 2023: AR06 (C16, 21, true), AR07 (C13, 17, false): 1 of 2, both South.
    expectFigures(await row('pfa-employment', { period: '2023', area: SOUTH }), 1, 2, 50);
  });

  it('personal-budget-take-up', async () => {
    // Budgets linked to a plan and running on 31 Dec 2024: B01 + B02 (P01), B03 (P04), B05 (P12).
    // Not counted: B04 ended 2024-08-31, B06 has no plan, B07 starts 2025-01-10, B08's plan was
    // rejected. Plans with one: P01, P04, P12 = 3 of the 12 active.
    expectFigures(await row('personal-budget-take-up'), 3, 12, 25);
    // By element: EDUCATION P01, HEALTH P01, SOCIAL_CARE P04 and P12: P01 counts twice.
    const byElement = await rows('personal-budget-take-up', { by: 'budget_element' });
    expect(byElement.map((r) => [r.breakdown_value, r.numerator, r.denominator])).toEqual([
      ['EDUCATION', 1, 12], ['HEALTH', 1, 12], ['SOCIAL_CARE', 2, 12],
    ]);
    // DIRECT_PAYMENT: P01 once, though it has two direct payments.
    expectFigures(await row('personal-budget-take-up', { by: 'budget_mechanism' }, 'DIRECT_PAYMENT'), 1, 12, (1 / 12) * 100);
    // South: P04, P12 of 6.
    expectFigures(await row('personal-budget-take-up', { area: SOUTH }), 2, 6, (2 / 6) * 100);
  });

  it('tribunal-appeal-rate', async () => {
    // Appealable decisions in 2024: refusals to assess R09, R18 (2); not issued R17 (1); plans
    // issued P01-P09 (9); plans ceased P10, P13 (2) = 14. Appeals registered: T01, T02, T03 = 3.
    expectFigures(await row('tribunal-appeal-rate'), 3, 14, (3 / 14) * 100);
    // Girls: R09 (C18), P03 (C03), P05 (C12), P08 (C15), P10 (C06) = 5; appeal T01 (C18).
    expectFigures(await row('tribunal-appeal-rate', { by: 'sex' }, 'F'), 1, 5, 20);
    // North: P01, P02, P03, P09, P10 = 5 decisions, no appeals.
    expectFigures(await row('tribunal-appeal-rate', { area: NORTH }), 0, 5, 0);
  });

  it('feedback-satisfaction', async () => {
    // The 6 rated responses of 2024 (see feedback-dissatisfaction); rated 4-5: F02, F06.
    expectFigures(await row('feedback-satisfaction'), 2, 6, (2 / 6) * 100);
    expectFigures(await row('feedback-satisfaction', { by: 'provision_category' }, 'SALT'), 1, 2, 50);
    // 2023: F10 rated 5: 1 of 1.
    expectFigures(await row('feedback-satisfaction', { period: '2023' }), 1, 1, 100);
  });

  it('ehc-20-week-timeliness gives South a 2023 row with nothing issued', async () => {
    expectFigures(await row('ehc-20-week-timeliness', { period: '2023', area: SOUTH }), 0, 0, null);
  });
});

describe('the catalogue contract', () => {
  // ehc-plans-forecast (a model) is worked by hand in test/forecast.
  it('has a hand-worked test above for every indicator but the two tested in test/api', () => {
    expect(catalogue.map((d) => d.id).sort()).toEqual(
      [
        'annual-reviews-on-time', 'ceased-needs-met', 'cna-disabled-children', 'continuing-care-with-health-provision',
        'demand-capacity-ratio', 'ehc-20-week-timeliness', 'ehc-plans-by-need', 'ehc-plans-forecast', 'ehc-plans-rate', 'ehc-requests-rate',
        'ehc-requests-refused', 'feedback-dissatisfaction', 'feedback-satisfaction', 'independent-special-placements',
        'local-offer-age-coverage', 'out-of-area-placements', 'personal-budget-take-up', 'pfa-employment',
        'provision-not-delivered', 'provision-wait-weeks', 'transition-assessment-gap', 'tribunal-appeal-rate',
      ].sort(),
    );
  });

  it('pairs every definition with its SQL file (sql/indicators/<id>.sql, or the file sibling measures share), and every SQL file with a definition', () => {
    expect(indicatorById.size).toBe(catalogue.length);
    for (const d of catalogue) expect(existsSync(indicatorSqlFile(d)), d.id).toBe(true);
    const files = readdirSync(sqlPath('indicators')).filter((f) => f.endsWith('.sql')).map((f) => sqlPath(`indicators/${f}`));
    expect(files.sort()).toEqual([...new Set(catalogue.map(indicatorSqlFile))].sort());
    // Only sibling measures share a file, each with its own bound values.
    for (const d of catalogue.filter((x) => x.query)) expect(Object.keys(d.query?.params ?? {}).length, d.id).toBeGreaterThan(0);
  });

  it('gives every definition metadata a board member can read', () => {
    for (const d of catalogue) {
      expect(d.breakdowns, d.id).not.toContain('all');
      for (const b of d.breakdowns) expect(breakdownIds, d.id).toContain(b);
      expect(new Set(d.breakdowns).size, d.id).toBe(d.breakdowns.length);
      for (const text of [d.title, d.description, d.numerator, d.denominator, d.disclosure]) expect(text.length, d.id).toBeGreaterThan(10);
      expect(d.referenceDate !== undefined, d.id).toBe(d.periodType === 'snapshot');
      if (d.unit === 'percent' && d.ciMethod !== 'none') expect(d.ciMethod, d.id).toBe('wilson');
      if (d.unit === 'per_1000' || d.unit === 'per_10000') expect(d.ciMethod, d.id).toBe('byar');
    }
  });

  it.each(catalogue.map((d) => [d.id, d] as const))('%s: its SQL meets the contract on the fixture', async (_id, d) => {
    const sqlRows = await t.db.query<{
      area_code: string; period: string; breakdown: string; breakdown_value: string; numerator: unknown; denominator: unknown; value?: unknown;
    }>(`SELECT * FROM (${indicatorQuery(d).sql}) q`, indicatorQuery(d).params);
    // The breakdowns it emits are exactly the definition's.
    const emitted = new Set(sqlRows.map((r) => r.breakdown));
    emitted.delete('all');
    expect([...emitted].sort()).toEqual([...d.breakdowns].sort());
    // One total row for every area and period, and no cell twice.
    for (const area of AREAS) {
      for (const period of PERIODS) {
        expect(sqlRows.filter((r) => r.area_code === area && r.period === period && r.breakdown === 'all'), `${area} ${period}`).toHaveLength(1);
      }
    }
    const keys = sqlRows.map((r) => `${r.area_code}|${r.period}|${r.breakdown}|${r.breakdown_value}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of sqlRows) {
      expect(AREAS).toContain(r.area_code);
      expect(PERIODS).toContain(r.period);
      expect(typeof r.breakdown_value).toBe('string');
      expect(Number.isInteger(r.numerator) && (r.numerator as number) >= 0, `${d.id} numerator ${String(r.numerator)}`).toBe(true);
      expect(r.denominator === null || (typeof r.denominator === 'number' && r.denominator >= 0)).toBe(true);
      if (r.value !== undefined) expect(r.value === null || typeof r.value === 'number').toBe(true);
    }
  });

  // A modelled indicator has its own periods (the forecast: the last year and five projected
  // ones); test/forecast checks its answers for every period, area and breakdown.
  // Published periods (server/disclosure/periods.ts): complete ones only (2023-24 of the
  // financial years), and financial years only for snapshots; test/disclosure/periods.test.ts
  // checks the 404s for the others.
  it.each(catalogue.filter((d) => !d.model).map((d) => [d.id, d] as const))('%s answers 200 for every published period, area and breakdown, suppressed or not', async (id, d) => {
    const published = [...CALENDAR_YEARS, ...(d.periodType === 'snapshot' ? ['2023-24'] : [])];
    for (const app of [open, suppressed]) {
      for (const period of [...published, 'all']) {
        for (const area of AREAS) {
          const res = await request(app).get(`/api/indicators/${id}`).query({ period, area }).expect(200);
          // The trend ('all') is of calendar years unless period_type says otherwise.
          const expected = period === 'all' ? CALENDAR_YEARS.length : 1;
          expect(res.body.rows, `${id} ${period} ${area}`).toHaveLength(expected);
        }
      }
      for (const by of d.breakdowns) {
        const res = await request(app).get(`/api/indicators/${id}`).query({ period: '2024', by }).expect(200);
        expect(res.body.rows.every((r: { breakdown: string }) => r.breakdown === by)).toBe(true);
      }
    }
    const notAllowed = breakdownIds.find((b) => b !== 'all' && !d.breakdowns.includes(b));
    if (notAllowed) await request(open).get(`/api/indicators/${id}`).query({ by: notAllowed }).expect(400);
  });
});
