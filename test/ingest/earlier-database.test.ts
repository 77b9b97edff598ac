import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, markInterruptedRuns } from '../../server/ingest/load-extract.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// A database loaded by an earlier version lacks the area-hierarchy table and the analytics views
// added since (issue 19). The server builds them at start (markInterruptedRuns, as for the summary
// tables), so a database is still served as it is instead of every analytics query failing.

const multiLaDir = join(repoRoot, 'test', 'fixtures', 'multi-la-extract');
const journeyAreas = (t: TempDb) =>
  t.db.query<{ area_code: string; n: number }>(
    'SELECT area_code, count(*)::INTEGER AS n FROM analytics_child_areas GROUP BY area_code ORDER BY area_code',
  );

describe('a multi-LA database loaded before the aggregate areas and analytics views existed', () => {
  let t: TempDb;
  beforeAll(async () => {
    t = await tempDatabase();
    await loadExtract(t.db, multiLaDir);
  });
  afterAll(() => t.cleanup());

  it('gets them back at start, with the same areas and children', async () => {
    const before = await journeyAreas(t);
    expect(before.find((r) => r.area_code === 'E92000001')?.n).toBe(59); // England: 16 + 5 + 18 + 20 children
    await t.db.withConnection(async (connection) => {
      await connection.run('DROP VIEW analytics_child_areas');
      await connection.run('DROP VIEW analytics_areas');
      await connection.run('DROP TABLE area_aggregates');
    });
    await t.db.withConnection(markInterruptedRuns);
    expect(await journeyAreas(t)).toEqual(before);
  });
});
