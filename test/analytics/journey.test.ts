import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JourneyResponse } from '../../contract/analytics.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { audit, getJson, journeyTable } from './checks.ts';
import { extendedFixtureDatabase, v } from './helpers.ts';

// GET /api/analytics/journey on test/fixtures/small-extract (threshold 0: exact figures) and on
// small-extract + test/fixtures/analytics (threshold 7). Rows that do not load (see
// test/ingest/fixture-load.test.ts): children C21-C23 and the second C05; requests R12, R13, R16;
// plans P15-P17; provision V04 and the UPN-like id; review AR08; budget B08.
//
// Localities: North = C01-C10, South = C11-C20.
// Weeks = days / 7; quartiles interpolate (type 7): for sorted x0..x(n-1), q(p) at position p(n-1).

const LA = 'E08000035';
const NORTH = 'E08000035:north';
const SOUTH = 'E08000035:south';
/** Rounded to 9 decimals on both sides: SQL interpolates in weeks, the comments in days. */
const r9 = (x: number | string) => (typeof x === 'number' ? Math.round(x * 1e9) / 1e9 : x);
const weeks = (days: number) => r9(days / 7);

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

const journey = (app: typeof open, query: string) => getJson<JourneyResponse>(app, `/api/analytics/journey${query}`);
const steps = (r: JourneyResponse) =>
  Object.fromEntries(r.steps.map((s) => [s.step, [v(s.children), v(s.time.n), v(s.time.q1), v(s.time.median), v(s.time.q3)].map(r9)]));
const waiting = (r: JourneyResponse) =>
  Object.fromEntries(r.waiting.rows.map((w) => [w.age_band, [v(w.open_requests), v(w.past_6_weeks_no_assessment_decision), v(w.past_20_weeks_no_plan_decision)]]));
const overlap = (r: JourneyResponse) => Object.fromEntries(r.overlap.map((o) => [o.measure, [v(o.children), v(o.of)]]));

describe('journey on the fixture (threshold 0)', () => {
  it('counts children at each step and times the exits, for the LA in 2024 (the default period)', async () => {
    const r = await journey(open, '');
    expect(r.area.area_code).toBe(LA);
    expect(r.period).toMatchObject({ period: '2024', start_date: '2024-01-01', end_date: '2024-12-31' });
    expect(r.data).toMatchObject({ synthetic: false, la_code: LA });
    const s = steps(r);
    // request: received in 2024: R01 C01, R02 C02, R03 C03, R04 C11, R05 C12, R06 C14, R07 C20, R08 C15, R09 C18,
    //   R10 C09, R17 C19, R18 C17, R19 C04 = 13 children. Exits = assessment decisions dated 2024: R01 and R02
    //   after 35 days (5 weeks); R03-R10, R17, R18 after 42 days (6 weeks) = 12 exits: 5, 5, 6 x 10 ->
    //   q1 at 2.75 = 6, median 6, q3 6. (R11's decision was in 2023; R19 is pending.)
    expect(s.request).toEqual([13, 12, 6, 6, 6]);
    // assessment: agreed in 2024: R01-R08, R10, R17 = 10 children. Exits = plan decisions in 2024 on agreed
    //   requests: R01 91 days (13 w), R02 105 (15), R03 140 (20), R04 84 (12), R05 98 (14), R06 98 (14),
    //   R07 98 (14), R08 105 (15), R11 98 (14: agreed 13 Nov 2023, issued 19 Feb 2024), R17 70 (10, not issued).
    //   Sorted 10 12 13 14 14 14 14 15 15 20: q1 at 2.25 = 13.25, median at 4.5 = 14, q3 at 6.75 = 14.75.
    expect(s.assessment).toEqual([10, 10, 13.25, 14, 14.75]);
    // plan: issued in 2024: P01-P09 = 9 children. Exits: P10 issued 24 Jul 2023, ceased 30 Jun 2024 without a
    //   review (342 days); P11 issued 16 Oct 2023, first review 1 Oct 2024 (351 days). P12-P14 were issued
    //   before the extract's first day (2023-01-01), so their first recorded reviews are not timed.
    //   q1 = (342 + 0.25 x 9) / 7, median = 346.5 / 7 = 49.5, q3 = (342 + 0.75 x 9) / 7.
    expect(s.plan).toEqual([9, 2, weeks(344.25), 49.5, weeks(348.75)]);
    // annual_review: held in 2024: AR01 (C08), AR02 and AR04 (C13), AR03 (C10) = 3 children. Exits dated 2024:
    //   P12 AR07 30 Aug 2023 -> AR04 20 Feb 2024 (174 days), AR04 -> AR02 20 Sep 2024 (213 days); P13 AR06
    //   5 Jan 2023 -> ceased 31 Mar 2024 (451 days). q1 = (174 + 0.5 x 39) / 7, median 213 / 7, q3 = (213 + 0.5 x 238) / 7.
    expect(s.annual_review).toEqual([3, 3, weeks(193.5), weeks(213), weeks(332)]);
    // cease: P10 (C06, 342 days on the plan) and P13 (C16, 10 Jan 2014 - 31 Mar 2024 = 3,652 + 81 = 3,733 days).
    //   q1 = (342 + 0.25 x 3,391) / 7, median = 4,075 / 14, q3 = (342 + 0.75 x 3,391) / 7.
    expect(s.cease).toEqual([2, 2, weeks(1189.75), weeks(4075 / 2), weeks(2885.25)]);
    expect(r.steps.map((x) => x.step)).toEqual(['request', 'assessment', 'plan', 'annual_review', 'cease']);
  });

  it('splits the LA into its localities', async () => {
    const north = steps(await journey(open, `?area=${NORTH}&period=2024`));
    // North requests: C01, C02, C03, C09, C04 = 5; exits R01 5, R02 5, R03 6, R10 6 weeks -> q1 at 0.75 = 5,
    //   median 5.5, q3 at 2.25 = 6.
    expect(north.request).toEqual([5, 4, 5, 5.5, 6]);
    // Agreed: C01, C02, C03, C09 = 4; exits R01 13, R02 15, R03 20, R11 14 -> 13 14 15 20: q1 13.75, median 14.5, q3 16.25.
    expect(north.assessment).toEqual([4, 4, 13.75, 14.5, 16.25]);
    // Plans issued: P01 C01, P02 C02, P03 C03, P09 C07 = 4; both timed plan exits (P10 C06, P11 C08) are North.
    expect(north.plan).toEqual([4, 2, weeks(344.25), 49.5, weeks(348.75)]);
    // Reviews held: AR01 (C08), AR03 (C10) = 2 children. No review step ends in North in 2024: AR01 and AR03 end
    //   the plan step of P11 (timed above) and P14 (issued 2016, not timed), and nothing follows them yet.
    expect(north.annual_review).toEqual([2, 0, 'x', 'x', 'x']);
    // Ceased: P10 (C06), 342 days.
    expect(north.cease).toEqual([1, 1, weeks(342), weeks(342), weeks(342)]);

    const south = steps(await journey(open, `?area=${SOUTH}&period=2024`));
    // South requests: C11, C12, C14, C20, C15, C18, C19, C17 = 8, all decided after 6 weeks.
    expect(south.request).toEqual([8, 8, 6, 6, 6]);
    // Agreed: C11, C12, C14, C20, C15, C19 = 6; exits 12 14 14 14 15 10 -> 10 12 14 14 14 15: q1 at 1.25 = 12.5,
    //   median 14, q3 at 3.75 = 14.
    expect(south.assessment).toEqual([6, 6, 12.5, 14, 14]);
    // Plans issued: P04 C11, P05 C12, P06 C14, P07 C20, P08 C15 = 5; no timed exit.
    expect(south.plan).toEqual([5, 0, 'x', 'x', 'x']);
    // Reviews: C13 only; the three timed review exits are South (C13 twice, C16).
    expect(south.annual_review).toEqual([1, 3, weeks(193.5), weeks(213), weeks(332)]);
    expect(south.cease).toEqual([1, 1, weeks(3733), weeks(3733), weeks(3733)]);
  });

  it('computes other periods, calendar and financial', async () => {
    // 2023: requests R11 (C07), R14 (C06), R15 (C08) = 3, each decided after 42 days; agreed the same 3;
    //   plan decisions in 2023: R14 98 days after agreement (14 w), R15 126 (18 w) -> q1 15, median 16, q3 17;
    //   plans issued P10, P11 = 2, no timed exit in 2023 (P12's and P13's reviews were of plans issued before
    //   2023); reviews held AR06 (C16), AR07 (C13) = 2, both followed by milestones in 2024; nothing ceased.
    const y2023 = steps(await journey(open, '?period=2023'));
    expect(y2023).toEqual({
      request: [3, 3, 6, 6, 6],
      assessment: [3, 2, 15, 16, 17],
      plan: [2, 0, 'x', 'x', 'x'],
      annual_review: [2, 0, 'x', 'x', 'x'],
      cease: [0, 0, 'x', 'x', 'x'],
    });
    // Financial years are not published for counts of events, nor part-years for anything
    // (server/disclosure/periods.ts): 2023-24 and 2024-25 answer 404.
    for (const period of ['2023-24', '2024-25']) await request(open).get(`/api/analytics/journey?period=${period}`).expect(404);
  });

  it('counts children waiting at the extract date (16 Jan 2025) by age band', async () => {
    const r = await journey(open, '?period=2023');
    expect(r.waiting.as_at).toBe('2025-01-16');
    // Open: R10 (C09, born 2014-06, 10: 5-10; agreed, plan pending, 136 days: not yet past 20 weeks) and R19
    //   (C04, born 2008-11, 16: 16-19; assessment pending for 73 days: past 6 weeks). R09 and R18 were refused.
    //   Both are North. The same for any period.
    expect(waiting(r)).toEqual({
      all: [2, 1, 0],
      '0-4': [0, 0, 0],
      '5-10': [1, 0, 0],
      '11-15': [0, 0, 0],
      '16-19': [1, 1, 0],
      '20-25': [0, 0, 0],
    });
    expect(waiting(await journey(open, `?area=${SOUTH}`)).all).toEqual([0, 0, 0]);
    expect(waiting(await journey(open, `?area=${NORTH}`)).all).toEqual([2, 1, 0]);
  });

  it('finds where plans, child needs assessments and personal budgets miss or meet', async () => {
    // 2024: disability CNAs open in the year: CNA01 C05, CNA02 C09, CNA04 C18, CNA05 C20, CNA06/07 C13, CNA08 C10,
    //   CNA10 C03 = 7 children (CNA03 has no disability; CNA09 ended Nov 2023). With no request and no plan: C05
    //   only (its request R13 was rejected) = 1 of 7. North: C05, C09, C10, C03 = 1 of 4; South 0 of 3.
    // Plans active on 31 Dec 2024 with H1/H2 in force: P12 (C13, V16 H1), P14 (C10, V17 H2); both children have a
    //   CNA = 0 of 2.
    // CNA-only budgets active: B06 (C18, who has no plan) = 1 of 1, South.
    // Active budgets on 31 Dec 2024: C01 (B01 education, B02 health), C11 (B03), C13 (B05), C18 (B06); B04 ended
    //   31 Aug, B07 starts 2025. Integrated: C01 = 1 of 4; North 1 of 1, South 0 of 3.
    expect(overlap(await journey(open, '?period=2024'))).toEqual({
      cna_disability_no_ehc: [1, 7],
      social_care_plan_no_cna: [0, 2],
      cna_budget_no_plan: [1, 1],
      integrated_budget: [1, 4],
    });
    expect(overlap(await journey(open, `?period=2024&area=${NORTH}`))).toEqual({
      cna_disability_no_ehc: [1, 4],
      social_care_plan_no_cna: [0, 1],
      cna_budget_no_plan: [0, 0],
      integrated_budget: [1, 1],
    });
    expect(overlap(await journey(open, `?period=2024&area=${SOUTH}`))).toEqual({
      cna_disability_no_ehc: [0, 3],
      social_care_plan_no_cna: [0, 1],
      cna_budget_no_plan: [1, 1],
      integrated_budget: [0, 3],
    });
  });
});

describe('journey disclosure control (threshold 7)', () => {
  const areas = [LA, NORTH, SOUTH];
  const all = async (app: typeof open, period: string) =>
    new Map(await Promise.all(areas.map(async (a) => [a, await journey(app, `?area=${a}&period=${period}`)] as const)));

  it('hides small counts and the cells that would give them away (hand-worked)', async () => {
    // Extended fixture, open requests at 16 Jan 2025 (see test/fixtures/analytics/README.md):
    //   LA:    all 19 = 0-4 0, 5-10 10 (C09 + W01-W09), 11-15 8 (X01-X08), 16-19 1 (C04), 20-25 0
    //   North: all 10 = 0, 1 (C09), 8, 1 (C04), 0;   South: all 9 = 0, 9, 0, 0, 0.
    // Primary: LA 16-19 (1), North 5-10 (1), North 16-19 (1). Secondary, group by group, never a zero (issue 13:
    //   a zero protects nothing): LA's bands have one suppressed, so the smallest other non-zero band, LA 11-15
    //   (8); the 11-15 column then has one (LA), so North 11-15 (8; South's is 0); the 5-10 column has one
    //   (North), so South 5-10 (9); South's bands then have one and only zeros besides, so South's total (9);
    //   the 'all' column then has one (South), so North's total (10). The audit finds nothing solvable.
    const r = await all(extended7, '2024');
    expect(waiting(r.get(LA) as JourneyResponse)).toMatchObject({ all: [19, 9, 9], '0-4': [0, 0, 0], '5-10': [10, 0, 9], '11-15': ['c', 'c', 0], '16-19': ['c', 'c', 0], '20-25': [0, 0, 0] });
    expect(waiting(r.get(NORTH) as JourneyResponse)).toMatchObject({ all: ['c', 9, 0], '0-4': [0, 0, 0], '5-10': ['c', 0, 0], '11-15': ['c', 'c', 0], '16-19': ['c', 'c', 0] });
    expect(waiting(r.get(SOUTH) as JourneyResponse)).toMatchObject({ all: ['c', 0, 9], '0-4': [0, 0, 0], '5-10': ['c', 0, 9], '11-15': [0, 0, 0] });
    // Requests in 2024: LA 13 + 24 (N) + 12 (M) + 9 (W) + 8 (X) = 66; North 5 + 24 + 8 = 37; South 8 + 12 + 9 = 29:
    //   all published. Timed plan exits: 2 (P10, P11, both North), so LA 2 and North 2 are suppressed (South 0).
    const la = steps(r.get(LA) as JourneyResponse);
    expect(la.request?.slice(0, 2)).toEqual([66, 57]);
    expect(la.plan).toEqual([65, 'c', 'c', 'c', 'c']);
    expect(steps(r.get(SOUTH) as JourneyResponse).plan).toEqual([27, 0, 'x', 'x', 'x']);
  });

  it.each(['2023', '2024'])('publishes no count of 1-7 and leaves nothing recoverable (%s)', async (period) => {
    for (const [app0, app7] of [[open, createTestApp({ db: small.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app], [extended0, extended7]] as const) {
      const truth = journeyTable(await all(app0, period), LA, [NORTH, SOUTH]);
      const shown = journeyTable(await all(app7, period), LA, [NORTH, SOUTH]);
      const findings = audit(truth, shown, 7);
      expect(findings.small).toEqual([]);
      expect(findings.lone).toEqual([]);
      expect(findings.recoverable).toEqual([]);
      // Something is suppressed (every fixture has small counts) and something published (zeros, at least).
      expect(findings.suppressed).toBeGreaterThan(0);
      expect(findings.published).toBeGreaterThan(0);
      // Times are published only with their count.
      for (const r of (await all(app7, period)).values()) {
        for (const s of r.steps) if (s.time.n.symbol === 'c') expect([s.time.q1, s.time.median, s.time.q3].every((q) => q.symbol === 'c')).toBe(true);
      }
    }
  });
});

describe('journey bad requests', () => {
  it.each([
    ['/api/analytics/journey?area=Leeds', 400],
    ['/api/analytics/journey?period=24', 400],
    ['/api/analytics/journey?period=all', 400],
    ['/api/analytics/journey?period=2024;DROP TABLE children', 400],
    ['/api/analytics/journey?by=sex', 400],
    ['/api/analytics/journey?period=2024&period=2023', 400],
    ['/api/analytics/journey?area=E08000036', 404],
    ['/api/analytics/journey?area=E08000035:east', 404],
    ['/api/analytics/journey?period=2019', 404],
    ['/api/analytics/nothing', 404],
  ])('%s -> %i with a JSON error', async (path, status) => {
    const res = await request(open).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|stack|at .*\.ts/);
  });

  it('404s before any extract is loaded', async () => {
    const empty = await tempDatabase();
    try {
      const app = createTestApp({ db: empty.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
      const res = await request(app).get('/api/analytics/journey').expect(404);
      expect(res.body.error).toMatch(/No extract has been loaded/);
    } finally {
      empty.cleanup();
    }
  });
});
