import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// GET /api/transitions on test/fixtures/small-extract, figures worked out by hand.
//
// Preparing for adulthood, 31 Dec 2024: active plans P01-P09, P11, P12, P14; aged 14-25 that day:
//   C02 14 (North, P02, no review), C12 14 (South, P05, no review), C08 15 (North, P11: AR01 held
//   2024-10-01: employment no, independent living blank, community yes, health yes), C13 18 (South,
//   P12: latest AR02 2024-09-20: employment yes, independent living no, community yes, health yes),
//   C10 18 (North, P14: AR03 2024-03-25: no, no, yes, yes).
//   All: 5 young people, 3 reviewed (60%); employment 1 of 3, independent living 0, community 3, health 3.
//   14-15: 3, reviewed 1 (C08); 16-19: 2, reviewed 2, employment 1; 20-25: none.
//   North: C02, C08, C10 = 3, reviewed 2, employment 0; South: C12, C13 = 2, reviewed 1, employment 1.
// 31 Dec 2023: active P10-P14; aged 14-25: C08 14 (no review yet), C13 17 (AR07 2023-08-30: no, no,
//   yes, yes), C10 17 (no review yet: AR03 is 2024), C16 22 (P13: AR06 2023-01-05: all yes; AR05 not held)
//   = 4, reviewed 2, employment 1, independent living 1, community 2, health 2. By age: 14: 1, 17: 2, 22: 1.
// 31 Mar 2024 (2023-24): P13 ceased that day, so C08 14, C10 17, C13 18 = 3; reviewed C13 (AR04
//   2024-02-20) and C10 (AR03 2024-03-25) = 2, employment 0, community 2.
//
// Care Act transition assessments: turned 18 in 2024 with an active plan holding H1/H2 provision that
//   day: C13 (1 Mar 2024, P12, H1 personal care) and C10 (1 Oct 2024, P14, H2 short breaks) = 2.
//   C13's assessment CNA07 started 2023-12-01, before; C10's CNA08 2024-11-15, after: 1 of 2 (50%).
//   North C10: 0 of 1; South C13: 1 of 1. Nobody turned 18 in 2023; in 2023-24 only C13: 1 of 1.
// Plans ceasing at 19-25: P13 (C16, South, born May 2001, ceased 2024-03-31 at 22, AGE_LIMIT) in 2024
//   and in 2023-24; P10 ceased at 12 and does not count; none in 2023.
let t: TempDb;
let open: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  t = await fixtureDatabase();
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
});
afterAll(() => t.cleanup());

type Share = { numerator: number | null; denominator: number | null; value: number | null; suppressed: boolean; symbol: string | null };
type Row = { group: string; young_people: { value: number | null }; reviewed: Share; outcomes: Record<string, Share> };
const pfa = (body: { preparing_for_adulthood: { rows: Row[] } }) =>
  body.preparing_for_adulthood.rows.map((r) => [
    r.group,
    r.young_people.value,
    r.reviewed.numerator,
    r.outcomes.employment!.numerator,
    r.outcomes.independent_living!.numerator,
    r.outcomes.community!.numerator,
    r.outcomes.health!.numerator,
  ]);

describe('GET /api/transitions on the fixture (no suppression)', () => {
  it('preparing-for-adulthood outcomes at the latest review, by age band (default)', async () => {
    const res = await request(open).get('/api/transitions?period=2024').expect(200);
    expect(res.body.query).toEqual({ area: 'E08000035', period: '2024', by: 'age_band' });
    expect(res.body.snapshot_date).toBe('2024-12-31');
    // group, young people, reviewed, employment, independent living, community, health
    expect(pfa(res.body)).toEqual([
      ['all', 5, 3, 1, 0, 3, 3],
      ['14-15', 3, 1, 0, 0, 1, 1],
      ['16-19', 2, 2, 1, 0, 2, 2],
      ['20-25', 0, 0, 0, 0, 0, 0],
    ]);
    const [all, , , none] = res.body.preparing_for_adulthood.rows as Row[];
    expect(all!.reviewed.value).toBe(60);
    expect(all!.outcomes.employment!.value).toBeCloseTo(100 / 3, 10);
    expect(all!.outcomes.community!.value).toBe(100);
    // No young people of 20-25: shares cannot be computed.
    expect([none!.reviewed.value, none!.reviewed.symbol]).toEqual([null, 'x']);
  });

  it('by single year of age, localities, and snapshots on 31 December or 31 March', async () => {
    const y2023 = await request(open).get('/api/transitions?period=2023&by=age').expect(200);
    const rows = pfa(y2023.body);
    expect(rows.map((r) => r[0])).toEqual(['all', ...Array.from({ length: 12 }, (_, i) => String(14 + i))]);
    expect(rows.filter((r) => r[1] !== 0)).toEqual([
      ['all', 4, 2, 1, 1, 2, 2],
      ['14', 1, 0, 0, 0, 0, 0],
      ['17', 2, 1, 0, 0, 1, 1],
      ['22', 1, 1, 1, 1, 1, 1],
    ]);
    const north = await request(open).get('/api/transitions?period=2024&area=E08000035:north').expect(200);
    expect(pfa(north.body)[0]).toEqual(['all', 3, 2, 0, 0, 2, 2]);
    const south = await request(open).get('/api/transitions?period=2024&area=E08000035:south').expect(200);
    expect(pfa(south.body)[0]).toEqual(['all', 2, 1, 1, 0, 1, 1]);
    // The endpoint counts events (young people turning 18, plans ceasing), so it answers calendar
    // years only (server/disclosure/periods.ts): a financial year is a 404.
    await request(open).get('/api/transitions?period=2023-24').expect(404);
  });

  it('Care Act transition assessments started before 18', async () => {
    const res = await request(open).get('/api/transitions?period=2024').expect(200);
    expect(res.body.care_act_transition_assessments.turned_18.value).toBe(2);
    expect(res.body.care_act_transition_assessments.assessed_before_18).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    const north = await request(open).get('/api/transitions?period=2024&area=E08000035:north').expect(200);
    expect(north.body.care_act_transition_assessments.assessed_before_18).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    const y2023 = await request(open).get('/api/transitions?period=2023').expect(200);
    expect(y2023.body.care_act_transition_assessments.assessed_before_18).toMatchObject({ numerator: 0, denominator: 0, value: null, symbol: 'x' });

  });

  it('plans ceasing at 19-25 by reason', async () => {
    const res = await request(open).get('/api/transitions?period=2024').expect(200);
    const ceased = res.body.plans_ceased_19_to_25;
    expect(ceased.plans.value).toBe(1);
    expect(ceased.by_reason).toHaveLength(10); // every reason; 'unknown' only when some are blank
    expect(ceased.by_reason.filter((r: { plans: Share }) => r.plans.numerator)).toEqual([
      { cease_reason: 'AGE_LIMIT', plans: { numerator: 1, denominator: 1, value: 100, suppressed: false, symbol: null, suppression_reason: null } },
    ]);
    const south = await request(open).get('/api/transitions?period=2024&area=E08000035:south').expect(200);
    expect(south.body.plans_ceased_19_to_25.plans.value).toBe(1);
    const north = await request(open).get('/api/transitions?period=2024&area=E08000035:north').expect(200);
    expect(north.body.plans_ceased_19_to_25.plans.value).toBe(0);
    const y2023 = await request(open).get('/api/transitions?period=2023').expect(200);
    expect(y2023.body.plans_ceased_19_to_25.plans.value).toBe(0);
  });
});

describe('disclosure control (threshold 7)', () => {
  it('suppresses every small count and the shares built on it; zeros stay', async () => {
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
    const res = await request(app).get('/api/transitions?period=2024').expect(200);
    const [all, , , oldest] = res.body.preparing_for_adulthood.rows as Row[];
    expect(all!.young_people).toMatchObject({ value: null, suppressed: true, suppression_reason: 'primary' });
    expect(all!.reviewed).toMatchObject({ numerator: null, value: null, symbol: 'c' });
    expect(all!.outcomes.independent_living).toMatchObject({ numerator: 0, value: null, suppressed: true }); // 0, but of a hidden count
    expect(oldest!.young_people).toMatchObject({ value: 0, suppressed: false });
    expect(res.body.care_act_transition_assessments.turned_18).toMatchObject({ value: null, suppression_reason: 'primary' });
    expect(res.body.plans_ceased_19_to_25.plans).toMatchObject({ value: null, suppression_reason: 'primary' });
    expect(JSON.stringify(res.body.preparing_for_adulthood)).not.toMatch(/"numerator":[1-7],/);
  });

  it('threshold 2: no published share gives away a complement (young people not reviewed, reviewed without an outcome)', async () => {
    const threshold = 2;
    // 2024, all: 5 young people, 3 reviewed (2 not reviewed); of the 3 reviewed, 1 in employment
    // (2 not): both pairs have complements of 2, so one count of each pair must be hidden.
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: threshold } }).app;
    for (const by of ['age_band', 'age']) {
      const res = await request(app).get(`/api/transitions?period=2024&by=${by}`).expect(200);
      const small = (whole: number | null, part: number | null) => whole !== null && part !== null && whole - part >= 1 && whole - part <= threshold;
      for (const row of res.body.preparing_for_adulthood.rows as Row[]) {
        expect(small(row.young_people.value, row.reviewed.numerator), `${by} ${row.group}: young people - reviewed`).toBe(false);
        for (const [outcome, share] of Object.entries(row.outcomes)) {
          expect(small(row.reviewed.numerator, share.numerator), `${by} ${row.group}: reviewed - ${outcome}`).toBe(false);
        }
      }
    }
  });

  it('threshold 1: a single year of age is protected within its band and the total', async () => {
    // 2024 by age: 14 -> 2, 15 -> 1 (primary), 18 -> 2. Band 14-15 = 3 = 2 + 1, so 14 (the only
    // other part) is suppressed too; the total 5 = 14-15 + 16-19 keeps both bands.
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 1 } }).app;
    const res = await request(app).get('/api/transitions?period=2024&by=age').expect(200);
    const cells = Object.fromEntries(
      (res.body.preparing_for_adulthood.rows as (Row & { young_people: { suppression_reason: string | null } })[]).map((r) => [
        r.group,
        [r.young_people.value, r.young_people.suppression_reason],
      ]),
    );
    expect(cells).toMatchObject({ all: [5, null], '14': [null, 'secondary'], '15': [null, 'primary'], '18': [2, null] });
  });
});

describe('bad requests', () => {
  it.each([
    ['/api/transitions?by=sex', 400],
    ['/api/transitions?by=age&by=age_band', 400],
    ['/api/transitions?period=2024/25', 400],
    ['/api/transitions?area=e08000035', 400],
    ['/api/transitions?area=E08000035:west', 404],
    ['/api/transitions?period=2021', 404],
  ])('%s → %i with a JSON error', async (path, status) => {
    const res = await request(open).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
  });
});
