import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// GET /api/budgets on test/fixtures/small-extract, figures worked out by hand.
// Budgets loaded (B08 is rejected with its plan P16):
//   B01 C01 (North) P01 EDUCATION   DIRECT_PAYMENT         1,200  from 2024-06-03
//   B02 C01 (North) P01 HEALTH      DIRECT_PAYMENT           800  from 2024-06-03, personal health budget
//   B03 C11 (South) P04 SOCIAL_CARE THIRD_PARTY            3,000  from 2024-07-01
//   B04 C08 (North) P11 HEALTH      ORGANISED_ARRANGEMENT  5,000  2023-11-01 to 2024-08-31, personal health budget
//   B05 C13 (South) P12 SOCIAL_CARE COMBINATION            4,000  from 2022-01-04
//   B06 C18 (South) -   SOCIAL_CARE DIRECT_PAYMENT           500  from 2024-05-01 (CNA only, no plan)
//   B07 C15 (South) P08 EDUCATION   DIRECT_PAYMENT           900  from 2025-01-10
// On 31 Dec 2024: active plans P01-P09, P11, P12, P14 = 12 (North 6, South 6). Running budgets
//   B01, B02, B03, B05, B06 (B04 has ended, B07 not started). Plans with one: P01, P04, P12 = 3 (25%);
//   by element EDUCATION P01, HEALTH P01, SOCIAL_CARE P04, P12; by mechanism DIRECT_PAYMENT P01,
//   THIRD_PARTY P04, COMBINATION P12, ORGANISED_ARRANGEMENT none.
//   Amounts (type 7 quartiles): all 500, 800, 1200, 3000, 4000 -> Q1 800, median 1200, Q3 3000, total 9,500;
//   SOCIAL_CARE 500, 3000, 4000 -> Q1 1750, median 3000, Q3 3500, total 7,500; EDUCATION 1200; HEALTH 800.
//   Health budgets 1 (B02), a personal health budget: 100%. From plans 4 (80%), CNA only 1 (20%).
//   North: P01 of 6 plans; B01, B02 -> median 1000, Q1 900, Q3 1100. South: P04, P12 of 6; B03, B05, B06.
// On 31 Dec 2023: active plans P10-P14 = 5; running B04 (P11) and B05 (P12): 2 plans (40%),
//   amounts 4000, 5000 -> median 4500, total 9,000; health 1, a personal health budget.
// On 31 Mar 2025 (2024-25): the same 12 plans, and B07 (P08) has started: 4 plans (P01, P04, P08, P12),
//   EDUCATION P01, P08 = 2; 6 budgets totalling 10,400.
let t: TempDb;
let open: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  t = await fixtureDatabase();
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
});
afterAll(() => t.cleanup());

type Share = { numerator: number | null; denominator: number | null; value: number | null; suppressed: boolean; suppression_reason: string | null };
type Count = { value: number | null; suppressed: boolean; suppression_reason: string | null };
const nd = (s: Share) => [s.numerator, s.denominator, s.value];
const amounts = (body: { amounts: Record<string, unknown>[] }) =>
  body.amounts.map((a) => [
    a.element,
    (a.budgets as Count).value,
    ...['lower_quartile', 'median', 'upper_quartile', 'total'].map((k) => (a[k] as { value: number | null }).value),
  ]);

describe('GET /api/budgets on the fixture (no suppression)', () => {
  it('take-up by element and mechanism on 31 December', async () => {
    const res = await request(open).get('/api/budgets?period=2024').expect(200);
    expect(res.body.query).toEqual({ area: 'E08000035', period: '2024' });
    expect(res.body.snapshot_date).toBe('2024-12-31');
    const { take_up } = res.body;
    expect(take_up.active_plans.value).toBe(12);
    expect(nd(take_up.with_budget)).toEqual([3, 12, 25]);
    expect(take_up.by_element.map((r: { element: string; plans: Share }) => [r.element, r.plans.numerator])).toEqual([
      ['EDUCATION', 1],
      ['HEALTH', 1],
      ['SOCIAL_CARE', 2],
    ]);
    expect(take_up.by_mechanism.map((r: { mechanism: string; plans: Share }) => [r.mechanism, r.plans.numerator])).toEqual([
      ['DIRECT_PAYMENT', 1],
      ['THIRD_PARTY', 1],
      ['ORGANISED_ARRANGEMENT', 0],
      ['COMBINATION', 1],
    ]);
    const cross = take_up.by_element_and_mechanism
      .filter((r: { plans: Share }) => r.plans.numerator)
      .map((r: { element: string; mechanism: string; plans: Share }) => `${r.element}/${r.mechanism}=${r.plans.numerator}`);
    expect(cross).toEqual(['EDUCATION/DIRECT_PAYMENT=1', 'HEALTH/DIRECT_PAYMENT=1', 'SOCIAL_CARE/THIRD_PARTY=1', 'SOCIAL_CARE/COMBINATION=1']);
    expect(take_up.by_element_and_mechanism).toHaveLength(12);
  });

  it('amounts by element, personal health budgets, and budgets from plans against CNAs', async () => {
    const res = await request(open).get('/api/budgets?period=2024').expect(200);
    expect(amounts(res.body)).toEqual([
      ['all', 5, 800, 1200, 3000, 9500],
      ['EDUCATION', 1, 1200, 1200, 1200, 1200],
      ['HEALTH', 1, 800, 800, 800, 800],
      ['SOCIAL_CARE', 3, 1750, 3000, 3500, 7500],
    ]);
    expect(res.body.amounts[0].with_amount.value).toBe(5);
    expect(res.body.personal_health_budgets.health_budgets.value).toBe(1);
    expect(nd(res.body.personal_health_budgets.personal_health_budgets)).toEqual([1, 1, 100]);
    expect(res.body.sources.budgets.value).toBe(5);
    expect(nd(res.body.sources.from_plans)).toEqual([4, 5, 80]);
    expect(nd(res.body.sources.from_cna_only)).toEqual([1, 5, 20]);
  });

  it('localities, an earlier year and a financial year (snapshot on 31 March)', async () => {
    const north = await request(open).get('/api/budgets?area=E08000035:north&period=2024').expect(200);
    expect(nd(north.body.take_up.with_budget)).toEqual([1, 6, (100 * 1) / 6]);
    expect(amounts(north.body)[0]).toEqual(['all', 2, 900, 1000, 1100, 2000]);
    const south = await request(open).get('/api/budgets?area=E08000035:south&period=2024').expect(200);
    expect(nd(south.body.take_up.with_budget)).toEqual([2, 6, (100 * 2) / 6]);
    expect(nd(south.body.sources.from_cna_only)).toEqual([1, 3, (100 * 1) / 3]);

    const y2023 = await request(open).get('/api/budgets?period=2023').expect(200);
    expect(nd(y2023.body.take_up.with_budget)).toEqual([2, 5, 40]);
    expect(amounts(y2023.body)[0]).toEqual(['all', 2, 4250, 4500, 4750, 9000]);
    expect(nd(y2023.body.personal_health_budgets.personal_health_budgets)).toEqual([1, 1, 100]);

    // 2024-25 ends after the fixture does (31 Dec 2024): a part-year, published nowhere.
    const fy = await request(open).get('/api/budgets?period=2024-25').expect(404);
    expect(fy.body.error).toMatch(/only partly covered/);
  });
});

describe('disclosure control', () => {
  it('threshold 7: small counts suppressed, their shares and amounts hidden, zeros and large counts published', async () => {
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
    const res = await request(app).get('/api/budgets?period=2024').expect(200);
    // 12 active plans: North 6 and South 6 are both primary, so the LA total can be shown.
    expect(res.body.take_up.active_plans).toMatchObject({ value: 12, suppressed: false });
    expect(res.body.take_up.with_budget).toMatchObject({ numerator: null, denominator: 12, value: null, suppressed: true, symbol: 'c', suppression_reason: 'primary' });
    expect(res.body.take_up.by_mechanism[2].plans).toMatchObject({ numerator: 0, value: 0, suppressed: false });
    expect(res.body.amounts[0]).toMatchObject({
      budgets: { value: null, suppression_reason: 'primary' },
      median: { value: null, symbol: 'c' },
      total: { value: null, symbol: 'c' },
    });
    const north = await request(app).get('/api/budgets?area=E08000035:north&period=2024').expect(200);
    expect(north.body.take_up.active_plans).toMatchObject({ value: null, suppression_reason: 'primary' });
  });

  it('threshold 1: the one CNA-only budget is primary, and budgets from plans secondary (5 = 4 + 1)', async () => {
    const app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 1 } }).app;
    const res = await request(app).get('/api/budgets?period=2024').expect(200);
    expect(res.body.sources.budgets.value).toBe(5);
    expect(res.body.sources.from_cna_only).toMatchObject({ numerator: null, suppression_reason: 'primary' });
    expect(res.body.sources.from_plans).toMatchObject({ numerator: null, suppression_reason: 'secondary' });
    // The 2 education and health budgets (1 each) hide each other; social care's 3 stays.
    expect(amounts(res.body).map((a) => a[1])).toEqual([5, null, null, 3]);
  });
});

describe('bad requests', () => {
  it.each([
    ['/api/budgets?period=2024-2025', 400],
    ['/api/budgets?by=element', 400],
    ['/api/budgets?area=E08000035:North%20East', 400],
    ['/api/budgets?area=E08000036', 404],
    ['/api/budgets?period=2030', 404],
    ['/api/budgets?period=2024-25', 404],
  ])('%s → %i with a JSON error', async (path, status) => {
    const res = await request(open).get(path).expect(status);
    expect(typeof res.body.error).toBe('string');
  });
});
