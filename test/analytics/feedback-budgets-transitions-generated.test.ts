import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { periodsFor } from '../../server/disclosure/periods.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBudgets } from '../../server/analytics/budgets.ts';
import { computeFeedbackThemes } from '../../server/analytics/feedback-themes.ts';
import { computeTransitions } from '../../server/analytics/transitions.ts';
import { createTestApp } from '../helpers/auth.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { readDataContext, type DataContext } from '../../server/data-context.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// The feedback themes, budgets and transitions endpoints on a generated extract (default LA,
// 2,000 children, fixed seed), in every area and period: at threshold 7 no count of 1-7 is
// published, nothing suppressed can be solved for, and every published figure is the
// unsuppressed one.

let t: TempDb;
let out: string;
let context: DataContext;
let app0: ReturnType<typeof createTestApp>['app'];
let app7: ReturnType<typeof createTestApp>['app'];
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'send-insight-generated-'));
  await generateExtract({ outDir: out, children: 2000 });
  t = await tempDatabase();
  await loadExtract(t.db, out);
  context = (await readDataContext(t.db))!;
  app0 = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 0 } }).app;
  app7 = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: 7 } }).app;
});
afterAll(() => {
  t.cleanup();
  rmSync(out, { recursive: true, force: true });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Counted {
  path: string;
  value: number | null;
}

/** Every count in a response: count cells' values and shares' numerators and denominators. */
function counts(body: Json, path = ''): Counted[] {
  if (Array.isArray(body)) return body.flatMap((item, i) => counts(item, `${path}[${i}]`));
  if (body === null || typeof body !== 'object') return [];
  if ('suppression_reason' in body && 'numerator' in body) {
    return [
      { path: `${path}.numerator`, value: body.numerator as number | null },
      { path: `${path}.denominator`, value: body.denominator as number | null },
    ];
  }
  if ('suppression_reason' in body) return [{ path, value: body.value as number | null }];
  return Object.entries(body).flatMap(([k, v]) => counts(v, `${path}.${k}`));
}

const endpoints = ['/api/feedback/themes', '/api/budgets', '/api/transitions?by=age', '/api/transitions?by=age_band'];

describe('insight endpoints on a generated extract', () => {
  it('has localities and several periods to check', () => {
    expect(context.areas.filter((a) => a.area_type === 'locality').length).toBeGreaterThan(2);
    expect(context.periods.length).toBeGreaterThan(4);
  });

  it.each(endpoints)('%s: threshold 7 publishes no count of 1-7, and matches threshold 0 where published', async (endpoint) => {
    let published = 0;
    let hidden = 0;
    for (const area of context.areas) {
      // Each endpoint's published periods: budgets are snapshots (calendar and financial years);
      // the others count events, calendar years only (server/disclosure/periods.ts).
      const kind = endpoint === '/api/budgets' ? 'snapshot' : 'flow';
      for (const period of periodsFor(context.periods, kind)) {
        const path = `${endpoint}${endpoint.includes('?') ? '&' : '?'}area=${area.area_code}&period=${period.period}`;
        const [open, safe] = await Promise.all([request(app0).get(path).expect(200), request(app7).get(path).expect(200)]);
        const all = counts(open.body as Json);
        const shown = counts(safe.body as Json);
        expect(shown.map((c) => c.path)).toEqual(all.map((c) => c.path));
        shown.forEach((c, i) => {
          if (c.value === null) {
            hidden++;
            return;
          }
          published++;
          expect({ path: `${path} ${c.path}`, small: c.value >= 1 && c.value <= 7 }).toEqual({ path: `${path} ${c.path}`, small: false });
          expect(c.value).toBe(all[i]!.value);
        });
      }
    }
    // Something of each kind, so the test is not passing on an empty answer.
    expect(published).toBeGreaterThan(100);
    expect(hidden).toBeGreaterThan(10);
  });

  it('leaves no suppressed count recoverable from the published ones', async () => {
    for (const compute of [computeFeedbackThemes, computeBudgets, computeTransitions]) {
      const model = await compute(t.db, context.areas, context.periods, 7);
      expect(model.audit()).toEqual([]);
    }
  });
});

describe('budget amounts on the generated extract', () => {
  it('totals are sums of pounds and pence, exact whatever order the rows are added in', async () => {
    const periods = periodsFor(context.periods, 'snapshot');
    const model = await computeBudgets(t.db, context.areas, periods, 0);
    const inexact: string[] = [];
    let totals = 0;
    for (const area of context.areas) {
      for (const period of periods) {
        for (const a of model.view(area, period).amounts) {
          const v = a.total.value;
          if (v === null) continue;
          totals++;
          if (v !== Number(v.toFixed(2))) inexact.push(`${area.area_code} ${period.period} ${a.element}: ${v}`);
        }
      }
    }
    expect(totals).toBeGreaterThan(100);
    expect(inexact).toEqual([]);
  });
});
