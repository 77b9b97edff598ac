import { rmSync } from 'node:fs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { tempDir } from '../generate/helpers.ts';
import { createTestApp } from '../helpers/auth.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Indicator results and whole responses are cached per data version. After a new load (and
// the refresh the ingest and upload paths do), nothing computed from the old data may be served.

describe('cached indicator responses after a new load', () => {
  let temp: TempDb;
  let generated: string;
  beforeAll(async () => {
    temp = await tempDatabase();
    generated = tempDir('cache-invalidation');
    await generateExtract({ outDir: generated, seed: 5, children: 400 });
    await loadExtract(temp.db, fixtureDir);
  });
  afterAll(() => {
    temp.cleanup();
    rmSync(generated, { recursive: true, force: true });
  });

  it('serves the new data, not the cached answer for the old', async () => {
    const { app, dataState } = createTestApp({ db: temp.db, config: { SUPPRESSION_THRESHOLD: 7 } });
    const ask = () => request(app).get('/api/indicators/ehc-plans-rate?period=all').expect(200);
    const before = (await ask()).body;
    const again = await ask();
    expect(again.body).toEqual(before); // from the cache: the same answer
    expect(again.headers['content-type']).toMatch(/^application\/json; charset=utf-8/);

    await loadExtract(temp.db, generated);
    dataState.refresh();
    const after = (await ask()).body;
    expect(after.data.data_version).toBeGreaterThan(before.data.data_version);
    expect(after.rows.map((r: { numerator: number | null }) => r.numerator)).not.toEqual(before.rows.map((r: { numerator: number | null }) => r.numerator));
  });
});
