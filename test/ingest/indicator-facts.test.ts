import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDatabase, type TempDb } from '../helpers/fixture-db.ts';

// sql/derived/indicator-facts.sql: indicators count per area group and meet the areas through
// area_group_areas. That is right only while a child's areas (child_areas) are exactly its
// group's areas, and while every record keeps its child's facts: checked on the hand-made fixture.

let temp: TempDb;
beforeAll(async () => {
  temp = await fixtureDatabase();
});
afterAll(() => temp.cleanup());

const n = async (sql: string): Promise<number> => Number((await temp.db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${sql})`))[0]?.n);

describe('indicator facts built at load', () => {
  it("gives every child exactly the areas of its area group", async () => {
    expect(await n('SELECT * FROM child_areas')).toBeGreaterThan(0);
    const viaGroups = 'SELECT f.child_id, g.area_code FROM child_facts f JOIN area_group_areas g USING (area_group)';
    expect(await n(`(SELECT child_id, area_code FROM child_areas) EXCEPT ALL (${viaGroups})`)).toBe(0);
    expect(await n(`(${viaGroups}) EXCEPT ALL (SELECT child_id, area_code FROM child_areas)`)).toBe(0);
  });

  it('keeps every child, plan, request, review, provision line and assessment once, with its own child', async () => {
    for (const [facts, table] of [['child_facts', 'children'], ['plan_facts', 'ehc_plans'], ['request_facts', 'ehc_requests'],
      ['review_facts', 'annual_reviews'], ['provision_facts', 'ehc_provision'], ['cna_facts', 'child_needs_assessments']] as const) {
      expect(await n(`SELECT * FROM ${facts}`), facts).toBe(await n(`SELECT * FROM ${table}`));
    }
    expect(await n('SELECT DISTINCT child_key FROM child_facts')).toBe(await n('SELECT * FROM children'));
    expect(await n(`SELECT * FROM plan_facts p JOIN ehc_plans e USING (plan_id) WHERE p.child_id <> e.child_id`)).toBe(0);
    expect(await n(`SELECT * FROM request_facts r JOIN child_facts f USING (child_id) WHERE r.area_group <> f.area_group OR r.sex IS DISTINCT FROM f.sex`)).toBe(0);
  });
});
