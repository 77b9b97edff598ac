import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExtract, markInterruptedRuns } from '../../server/ingest/load-extract.ts';
import { fixtureDatabase, fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { tempDir } from '../generate/helpers.ts';
import { definitionOf } from '../../server/indicators/catalogue.ts';
import { indicatorQuery } from '../../server/indicators/indicator-sql.ts';

// la_code on local_offer_services / local_offer_feedback is an extension: a one-LA extract
// without it loads as before, every row given to the extract's LA.

const LEEDS = 'E08000035';
const localOfferIndicators = ['demand-capacity-ratio', 'local-offer-age-coverage', 'feedback-satisfaction', 'feedback-dissatisfaction'];

const figures = async (temp: TempDb): Promise<unknown[]> =>
  Promise.all(localOfferIndicators.map((id) => {
    const { sql, params } = indicatorQuery(definitionOf(id));
    return temp.db.query(`${sql} ORDER BY ALL`, params);
  }));

const laCodes = (temp: TempDb) =>
  temp.db.query<{ t: string; la_code: string | null; n: number }>(
    `SELECT 'services' AS t, la_code, count(*)::INTEGER AS n FROM local_offer_services GROUP BY ALL
     UNION ALL SELECT 'feedback', la_code, count(*)::INTEGER FROM local_offer_feedback GROUP BY ALL ORDER BY ALL`,
  );

describe('the hand-made fixture (one LA, no la_code column in its Local Offer)', () => {
  let withManifest: TempDb;
  let withoutManifest: TempDb;
  const dir = tempDir('no-manifest-la');
  beforeAll(async () => {
    withManifest = await fixtureDatabase();
    // The same extract with no la_code in extract.json: its children are all of one LA.
    cpSync(fixtureDir, dir, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(dir, 'extract.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.la_code;
    writeFileSync(join(dir, 'extract.json'), JSON.stringify(manifest));
    withoutManifest = await tempDatabase();
    await loadExtract(withoutManifest.db, dir);
  });
  afterAll(() => {
    withManifest.cleanup();
    withoutManifest.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives every Local Offer row the LA of extract.json, or else of its children', async () => {
    // fixture: 6 services and 8 feedback rows loaded (fixture-load.test.ts)
    const expected = [
      { t: 'feedback', la_code: LEEDS, n: 8 },
      { t: 'services', la_code: LEEDS, n: 6 },
    ];
    expect(await laCodes(withManifest)).toEqual(expected);
    expect(await laCodes(withoutManifest)).toEqual(expected);
  });

  it('gives the same Local Offer figures either way', async () => {
    expect(await figures(withoutManifest)).toEqual(await figures(withManifest));
  });

  it('adds la_code to a database loaded before it existed, with the same figures', async () => {
    const before = await figures(withManifest);
    await withManifest.db.withConnection(async (connection) => {
      await connection.run('ALTER TABLE local_offer_services DROP COLUMN la_code');
      await connection.run('ALTER TABLE local_offer_feedback DROP COLUMN la_code');
    });
    await withManifest.db.withConnection(markInterruptedRuns);
    expect(await laCodes(withManifest)).toEqual([
      { t: 'feedback', la_code: LEEDS, n: 8 },
      { t: 'services', la_code: LEEDS, n: 6 },
    ]);
    expect(await figures(withManifest)).toEqual(before);
  });
});
