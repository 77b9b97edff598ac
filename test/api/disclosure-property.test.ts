import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/auth.ts';
import { catalogue } from '../../server/indicators/catalogue.ts';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Random requests against the API must never publish a count from 1 to 7, and no
// suppressed count may be recoverable by subtracting published cells from a total:
// within a breakdown, or between an LA and its localities.
const THRESHOLD = 7;
let t: TempDb;
let app: ReturnType<typeof createTestApp>['app'];
let areas: { area_code: string; area_type: string; parent_code: string | null }[];
let periods: { period: string; measures: string[] }[];
beforeAll(async () => {
  t = await fixtureDatabase();
  app = createTestApp({ db: t.db, config: { SUPPRESSION_THRESHOLD: THRESHOLD } }).app;
  areas = (await request(app).get('/api/areas')).body.areas;
  periods = (await request(app).get('/api/periods')).body.periods;
});
afterAll(() => t.cleanup());

interface Row {
  area_code: string;
  period: string;
  breakdown: string;
  breakdown_value: string;
  numerator: number | null;
  denominator: number | null;
  suppressed: boolean;
}

const get = async (id: string, area: string, period: string, by: string): Promise<Row[]> =>
  (await request(app).get(`/api/indicators/${id}`).query({ area, period, by }).expect(200)).body.rows;

const isSmall = (n: number | null) => n !== null && n >= 1 && n <= THRESHOLD;

describe('disclosure control holds for random requests', () => {
  it('publishes no small count and leaves nothing recoverable by subtraction', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...catalogue),
        fc.nat(),
        fc.nat(),
        async (definition, areaIndex, periodIndex) => {
          const area = areas[areaIndex % areas.length];
          // The periods published for the indicator's kind of measure (server/disclosure/periods.ts).
          const kind = definition.periodType === 'snapshot' ? 'snapshot' : 'flow';
          const published = periods.filter((p) => p.measures.includes(kind)).map((p) => p.period);
          const period = published[periodIndex % published.length];
          if (!area || !period) return;
          const byAll = await get(definition.id, area.area_code, period, 'all');
          const total = byAll[0];
          for (const by of definition.breakdowns) {
            const parts = await get(definition.id, area.area_code, period, by);
            for (const row of [...byAll, ...parts]) {
              if (!row.suppressed) {
                expect(isSmall(row.numerator), `${definition.id} ${JSON.stringify(row)}`).toBe(false);
                if (definition.denominatorIsCount) expect(isSmall(row.denominator)).toBe(false);
              }
            }
            // A published total with exactly one suppressed part would give that part away
            // (only where the parts add up to the total).
            if (!definition.nonAdditive?.breakdowns?.includes(by) && total && !total.suppressed && total.numerator !== null) {
              expect(parts.filter((p) => p.suppressed).length, `${definition.id} ${area.area_code} ${period} by ${by}`).not.toBe(1);
            }
          }
          if (area.area_type === 'la' && !definition.nonAdditive?.localities) {
            const localities = areas.filter((a) => a.parent_code === area.area_code);
            const cells = await Promise.all(localities.map(async (l) => (await get(definition.id, l.area_code, period, 'all'))[0]));
            if (total && !total.suppressed && localities.length > 0 && cells.every(Boolean)) {
              expect(cells.filter((c) => c?.suppressed).length, `${definition.id} ${period} localities`).not.toBe(1);
            }
          }
        },
      ),
      { numRuns: 60, seed: 20251125 },
    );
  });
});
