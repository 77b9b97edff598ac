import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { createTestApp } from '../helpers/auth.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Issue 13, route 3: an insight endpoint and an indicator that count the same population
// must show the same suppression pattern, or one fills the other's gap:
//   /api/transitions turned_18 and assessed_before_18 vs transition-assessment-gap
//   (numerator = turned_18 - assessed_before_18, denominator = turned_18);
//   /api/budgets take-up (all, by element, by mechanism) and active plans vs personal-budget-take-up.
// On the default generated extract (12,190 children, fixed seed) every figure either place publishes must
// agree, and no count of 1-7 may follow from a difference of published figures.
const THRESHOLD = 7;
let t: TempDb;
let out: string;
let app: ReturnType<typeof createTestApp>['app'];
let areas: string[];
let years: { period: string; measures: string[] }[];
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'send-linked-endpoints-'));
  await generateExtract({ outDir: out });
  t = await tempDatabase();
  await loadExtract(t.db, out);
  app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: THRESHOLD } }).app;
  areas = (await request(app).get('/api/areas').expect(200)).body.areas.map((a: { area_code: string }) => a.area_code);
  years = (await request(app).get('/api/periods').expect(200)).body.periods;
}, 120_000);
afterAll(() => {
  t.cleanup();
  rmSync(out, { recursive: true, force: true });
});

interface Row {
  breakdown: string;
  breakdown_value: string;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}
interface Count {
  value: number | null;
  suppressed: boolean;
}
interface Share extends Count {
  numerator: number | null;
  denominator: number | null;
}
const small = (n: number | null | undefined): boolean => n !== null && n !== undefined && n >= 1 && n <= THRESHOLD;
const indicator = async (id: string, area: string, period: string, by = 'all'): Promise<Row[]> =>
  (await request(app).get(`/api/indicators/${id}`).query({ area, period, by }).expect(200)).body.rows;

describe('linked outputs show one suppression pattern', () => {
  it('/api/transitions care-act counts and transition-assessment-gap', async () => {
    const problems: string[] = [];
    for (const { period, measures } of years) {
      if (!(measures ?? ['flow']).includes('flow') || period.includes('-')) continue;
      for (const area of areas) {
        const body = (await request(app).get('/api/transitions').query({ area, period }).expect(200)).body;
        const turned18: Count = body.care_act_transition_assessments.turned_18;
        const assessed: Share = body.care_act_transition_assessments.assessed_before_18;
        const [row] = await indicator('transition-assessment-gap', area, period);
        if (!row) continue;
        if (turned18.suppressed !== row.suppressed || assessed.suppressed !== row.suppressed) problems.push(`${area} ${period}: transitions ${turned18.suppressed}/${assessed.suppressed}, indicator ${row.suppressed}`);
        // The same young people: where both publish, the counts agree.
        if (!row.suppressed && !turned18.suppressed && turned18.value !== row.denominator) problems.push(`${area} ${period}: turned_18 ${String(turned18.value)} vs denominator ${String(row.denominator)}`);
        // Differences across the two outputs: turned_18 - assessed is the gap numerator.
        if (!turned18.suppressed && !assessed.suppressed && row.suppressed) problems.push(`${area} ${period}: gap = ${String((turned18.value ?? 0) - (assessed.numerator ?? 0))}`);
        if (!turned18.suppressed && !assessed.suppressed && small((turned18.value ?? 0) - (assessed.numerator ?? 0))) problems.push(`${area} ${period}: complement ${String((turned18.value ?? 0) - (assessed.numerator ?? 0))}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('/api/budgets take-up and personal-budget-take-up', async () => {
    const problems: string[] = [];
    for (const { period } of years) {
      for (const area of areas) {
        const body = (await request(app).get('/api/budgets').query({ area, period }).expect(200)).body;
        const takeUp = body.take_up;
        const pairs: [string, Share, Row | undefined][] = [['all', takeUp.with_budget, (await indicator('personal-budget-take-up', area, period))[0]]];
        const byElement = await indicator('personal-budget-take-up', area, period, 'budget_element');
        for (const e of takeUp.by_element as { element: string; plans: Share }[]) pairs.push([e.element, e.plans, byElement.find((r) => r.breakdown_value === e.element)]);
        const byMechanism = await indicator('personal-budget-take-up', area, period, 'budget_mechanism');
        for (const m of takeUp.by_mechanism as { mechanism: string; plans: Share }[]) pairs.push([m.mechanism, m.plans, byMechanism.find((r) => r.breakdown_value === m.mechanism)]);
        for (const [what, share, row] of pairs) {
          if (!row) continue;
          if (share.suppressed !== row.suppressed) problems.push(`${area} ${period} ${what}: budgets ${share.suppressed}, indicator ${row.suppressed}`);
        }
        for (const [what, share] of pairs) {
          if (!share.suppressed && small((share.denominator ?? 0) - (share.numerator ?? 0))) problems.push(`${area} ${period} ${what}: complement ${String((share.denominator ?? 0) - (share.numerator ?? 0))}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('active plans: ehc-plans-by-need and ehc-plans-rate numerators, independent-special-placements denominators', async () => {
    // Route 1 on the default extract, e.g. Inner East 2024: VI = by-need total 978 - other published
    // needs 950 - PMLD's placements denominator 23 = 5. A follower must hide every cell its owner hides.
    const problems: string[] = [];
    const follows = (owner: Row[], follower: Row[], what: string) => {
      for (const o of owner) {
        if (!o.suppressed) continue;
        const f = follower.find((r) => r.breakdown === o.breakdown && r.breakdown_value === o.breakdown_value);
        if (f && !f.suppressed) problems.push(`${what} ${o.breakdown}=${o.breakdown_value}: hidden by the owner, published as ${String(f.denominator ?? f.numerator)}`);
      }
    };
    for (const { period, measures } of years) {
      if (!(measures ?? ['snapshot']).includes('snapshot')) continue;
      for (const area of areas) {
        const at = `${area} ${period}`;
        const byNeed = [...(await indicator('ehc-plans-by-need', area, period)), ...(await indicator('ehc-plans-by-need', area, period, 'primary_need'))];
        const rate = [...(await indicator('ehc-plans-rate', area, period)), ...(await indicator('ehc-plans-rate', area, period, 'sex')), ...(await indicator('ehc-plans-rate', area, period, 'age_band'))];
        const independent: Row[] = [];
        for (const by of ['all', 'primary_need', 'sex', 'age_band']) independent.push(...(await indicator('independent-special-placements', area, period, by)));
        follows(byNeed, independent, `${at} independent-special-placements`);
        follows(byNeed.filter((r) => r.breakdown === 'all'), rate, `${at} ehc-plans-rate`);
        follows(rate.filter((r) => r.breakdown !== 'all'), independent, `${at} independent-special-placements`);
      }
    }
    expect(problems).toEqual([]);
  });
  it('feedback: dissatisfaction hides every cell satisfaction hides (the same responses are their denominators)', async () => {
    // Found by the auditor on the default extract: outer-north 2023 short breaks, 3 responses, hidden by
    // both indicators but pinned from the cells each published of the other's gap.
    const problems: string[] = [];
    for (const { period, measures } of years) {
      if (!(measures ?? ['flow']).includes('flow')) continue;
      for (const area of areas) {
        for (const by of ['all', 'provision_category']) {
          const owner = await indicator('feedback-satisfaction', area, period, by);
          const follower = await indicator('feedback-dissatisfaction', area, period, by);
          for (const o of owner.filter((r) => r.suppressed)) {
            const f = follower.find((r) => r.breakdown === o.breakdown && r.breakdown_value === o.breakdown_value);
            if (f && !f.suppressed) problems.push(`${area} ${period} ${o.breakdown}=${o.breakdown_value}: published as ${String(f.denominator)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
