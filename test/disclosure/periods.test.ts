import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Issue 13, route 4 (overlapping periods). The fixture covers 2023-01-01 to 2024-12-31, so:
//   calendar years 2023, 2024: complete; financial year 2023-24: complete;
//   financial years 2022-23 (only January-March 2023) and 2024-25 (only April-December 2024): part-years.
// Part-years are published nowhere; counts of events (flow measures) only for calendar years;
// financial years only for snapshots (stocks on 31 March). So no two published periods of the
// same events overlap, and no chain CY - FY - CY ... gives January-March or April-December counts.
let t: TempDb;
let app: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  t = await fixtureDatabase();
  app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => t.cleanup());

const PART_YEARS = ['2022-23', '2024-25'];
const flow = catalogue.filter((d) => d.periodType === 'calendar-year' && !d.model);
const snapshot = catalogue.filter((d) => d.periodType === 'snapshot' && !d.model);

interface Span {
  period: string;
  start_date: string;
  end_date: string;
}
const overlap = (a: Span, b: Span): boolean => a.period !== b.period && a.start_date <= b.end_date && b.start_date <= a.end_date;

describe('periods: part-years and overlapping periods are published nowhere', () => {
  it('/api/periods lists only complete periods, with the kinds of measure each is published for, and says why part-years are not', async () => {
    const body = (await request(app).get('/api/periods').expect(200)).body;
    expect(body.periods.map((p: Span & { measures: string[] }) => [p.period, p.measures])).toEqual([
      ['2023', ['flow', 'snapshot']],
      ['2023-24', ['snapshot']],
      ['2024', ['flow', 'snapshot']],
    ]);
    expect(body.unpublished_periods.map((p: { period: string }) => p.period).sort()).toEqual(PART_YEARS);
    for (const p of body.unpublished_periods) expect(p.reason).toMatch(/only partly covered/);
    expect(body.publication.flow).toEqual(['calendar-year']);
    expect(body.default_period).toBe('2024');
    expect(body.default_financial_year).toBe('2023-24');
  });

  it.each(PART_YEARS)('every indicator answers 404 with the reason for the part-year %s', async (period) => {
    for (const d of catalogue) {
      const res = await request(app).get(`/api/indicators/${d.id}`).query({ period }).expect(404);
      expect(res.body.error, d.id).toMatch(/only partly covered/);
    }
  });

  it('indicators of events answer 404 for a financial year, snapshots answer it', async () => {
    for (const d of flow) {
      const one = await request(app).get(`/api/indicators/${d.id}`).query({ period: '2023-24' }).expect(404);
      expect(one.body.error, d.id).toMatch(/calendar years only/);
      await request(app).get(`/api/indicators/${d.id}`).query({ period: 'all', period_type: 'financial-year' }).expect(404);
      await request(app).get(`/api/export/${d.id}.csv`).query({ period: 'all', period_type: 'financial-year' }).expect(404);
    }
    for (const d of snapshot) await request(app).get(`/api/indicators/${d.id}`).query({ period: '2023-24' }).expect(200);
  });

  it('period=all (trends, exports) holds no part-year, and no two periods of one count of events overlap', async () => {
    const spans = new Map<string, Span>(
      (await request(app).get('/api/periods').expect(200)).body.periods.map((p: Span) => [p.period, p]),
    );
    for (const d of catalogue.filter((x) => !x.model)) {
      const seen = new Set<string>();
      for (const periodType of ['calendar-year', 'financial-year']) {
        const res = await request(app).get(`/api/indicators/${d.id}`).query({ period: 'all', period_type: periodType });
        if (res.status === 404) continue;
        for (const row of res.body.rows as { period: string }[]) seen.add(row.period);
      }
      for (const p of PART_YEARS) expect(seen.has(p), `${d.id} publishes ${p}`).toBe(false);
      const published = [...seen].map((p) => spans.get(p) as Span);
      // A snapshot counts a stock on its period's last day: 31 December and 31 March are different days.
      const clash = d.periodType === 'snapshot' ? (a: Span, b: Span) => a.period !== b.period && a.end_date === b.end_date : overlap;
      for (const a of published) for (const b of published) expect(clash(a, b), `${d.id}: ${a.period} and ${b.period} overlap`).toBe(false);
    }
  });

  it('analytics of events answer only calendar years; snapshot analytics answer complete financial years only', async () => {
    for (const path of ['/api/analytics/journey', '/api/analytics/provision-gaps', '/api/feedback/themes', '/api/transitions']) {
      for (const period of ['2023-24', ...PART_YEARS]) await request(app).get(path).query({ period }).expect(404);
      await request(app).get(path).query({ period: '2024' }).expect(200);
    }
    for (const period of PART_YEARS) {
      const res = await request(app).get('/api/budgets').query({ period }).expect(404);
      expect(res.body.error).toMatch(/only partly covered/);
    }
    await request(app).get('/api/budgets').query({ period: '2023-24' }).expect(200);
  });
});
