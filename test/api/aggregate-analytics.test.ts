import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { authHeader, createTestApp } from '../helpers/auth.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { BRADFORD, ENGLAND, LEEDS, MANCHESTER, MANCHESTER_ICB, multiLaDir, NORTH_WEST, SALFORD, WEST_YORKSHIRE_ICB, YORKSHIRE } from '../helpers/multi-la.ts';

// Issue 19: the analytics endpoints (journey, feedback themes, budgets, transitions) and their
// CSV downloads for England, region and ICB areas of an extract of several LAs, on
// test/fixtures/multi-la-extract (README there). Worked out by hand: every child has one plan
// issued on 1 March 2024, none reviewed or ceased, no requests, budgets, feedback or 18th
// birthdays in 2024. So in 2024 the journey's plan step counts, per area, the children with a
// plan issued, and budgets count the active plans on 31 December:
//   Leeds 16, Bradford 5, Manchester 18, Salford 20;
//   England 59; Yorkshire and The Humber = West Yorkshire ICB = 16 + 5 = 21;
//   North West = Greater Manchester ICB = 18 + 20 = 38.
// Threshold 7: Bradford's 5 is primary; Yorkshire 21 − Leeds 16 would give it back, so Leeds is
// hidden too (the region's other part); the aggregates stay published (21 − Leeds and Bradford
// both hidden gives nothing), and the North West's LAs (18, 20) stay published.
const AGGREGATES = [ENGLAND, YORKSHIRE, NORTH_WEST, WEST_YORKSHIRE_ICB, MANCHESTER_ICB];

let t: TempDb;
let open: ReturnType<typeof createTestApp>['app'];
let suppressed: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  t = await tempDatabase();
  await loadExtract(t.db, multiLaDir);
  open = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  suppressed = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => t.cleanup());

type Count = { value: number | null; suppressed?: boolean; symbol: string | null };
interface JourneyBody {
  area: { area_code: string; area_type: string };
  steps: { step: string; children: Count; time: { n: Count } }[];
}
const planStep = async (app: typeof open, area: string): Promise<number | null> => {
  const res = await request(app).get(`/api/analytics/journey?area=${area}&period=2024`).set(authHeader('analyst')).expect(200);
  const body = res.body as JourneyBody;
  expect(body.area.area_code).toBe(area);
  return body.steps.find((s) => s.step === 'plan')?.children.value ?? null;
};

describe('analytics endpoints for England, region and ICB areas', () => {
  it('every by-area analytics endpoint answers for every aggregate area', async () => {
    for (const area of AGGREGATES) {
      for (const path of [`/api/analytics/journey?area=${area}&period=2024`, `/api/budgets?area=${area}&period=2024`, `/api/transitions?area=${area}&period=2024`, `/api/feedback/themes?area=${area}&period=2024`]) {
        const res = await request(suppressed).get(path).set(authHeader('analyst'));
        expect([path, res.status]).toEqual([path, 200]);
      }
    }
  });

  it('journey: children with a plan issued in 2024 are the sums of the LAs (worked by hand)', async () => {
    const figures = await Promise.all([ENGLAND, YORKSHIRE, WEST_YORKSHIRE_ICB, NORTH_WEST, MANCHESTER_ICB, LEEDS, BRADFORD, MANCHESTER, SALFORD].map((a) => planStep(open, a)));
    expect(figures).toEqual([59, 21, 21, 38, 38, 16, 5, 18, 20]);
  });

  it('journey with threshold 7: Bradford and Leeds hidden, no LA recoverable from a region or England', async () => {
    const figures = await Promise.all([ENGLAND, YORKSHIRE, WEST_YORKSHIRE_ICB, NORTH_WEST, MANCHESTER_ICB, LEEDS, BRADFORD, MANCHESTER, SALFORD].map((a) => planStep(suppressed, a)));
    expect(figures).toEqual([59, 21, 21, 38, 38, null, null, 18, 20]);
  });

  it('budgets: active plans on 31 December 2024 by area (worked by hand)', async () => {
    const activePlans = async (area: string) =>
      ((await request(open).get(`/api/budgets?area=${area}&period=2024`).set(authHeader('analyst')).expect(200)).body as { take_up: { active_plans: Count } }).take_up.active_plans.value;
    expect(await Promise.all([ENGLAND, YORKSHIRE, NORTH_WEST, MANCHESTER_ICB].map(activePlans))).toEqual([59, 21, 38, 38]);
    const hidden = async (area: string) =>
      ((await request(suppressed).get(`/api/budgets?area=${area}&period=2024`).set(authHeader('analyst')).expect(200)).body as { take_up: { active_plans: Count } }).take_up.active_plans.value;
    expect(await Promise.all([ENGLAND, YORKSHIRE, LEEDS, BRADFORD, SALFORD].map(hidden))).toEqual([59, 21, null, null, 20]);
  });

  it('the journey CSV download for a region holds the JSON figures', async () => {
    const res = await request(suppressed).get(`/api/export/analytics/journey-steps.csv?area=${YORKSHIRE}&period=2024`).set(authHeader('analyst')).expect(200);
    const rows = parse(res.text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const plan = rows.find((r) => r.step === 'plan');
    expect(plan).toBeDefined();
    expect(Object.values(plan ?? {})).toContain('21');
  });

  it('the forecast, a model per LA, is a 404 for an aggregate that says why', async () => {
    const res = await request(suppressed).get(`/api/forecast?area=${ENGLAND}`).set(authHeader('analyst')).expect(404);
    expect(JSON.stringify(res.body)).toContain('modelled');
  });
});
