import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { repoRoot } from '../../server/sql-files.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { bareUploadApp, fixtureEntries, makeZip, postZip } from '../uploads/upload-helpers.ts';

// Issue 15 point 7: a Parquet "bomb" (a few KB holding 10 million identical rows) passed the zip limits, took a
// minute to load and grew the server by 4.4 GB. A Parquet file's declared row count and size are now checked with
// parquet_file_metadata()/parquet_metadata() before it is read; every file also has a row and a byte limit.

let t: TempDb;
let bombDir: string;
let bomb: Buffer;
beforeAll(async () => {
  t = await tempDatabase();
  bombDir = mkdtempSync(join(tmpdir(), 'send-parquet-bomb-'));
  const maker = await Database.open(':memory:');
  // One real fixture row, ten million times: every column valid, the file a few KB.
  await maker.query(
    `COPY (SELECT c.* FROM (SELECT * FROM read_csv($csv, all_varchar = true) LIMIT 1) c, range(10000000)) TO '${join(bombDir, 'children.parquet').replaceAll("'", "''")}' (FORMAT parquet)`,
    { csv: join(fixtureDir, 'children.csv') },
  );
  maker.close();
  bomb = readFileSync(join(bombDir, 'children.parquet'));
}, 120_000);
afterAll(() => {
  t.cleanup();
  rmSync(bombDir, { recursive: true, force: true });
});

describe('a Parquet bomb', () => {
  it('is small on disk', () => {
    expect(statSync(join(bombDir, 'children.parquet')).size).toBeLessThan(200_000);
  });

  it('npm run ingest refuses it in seconds, without growing (peak RSS printed)', () => {
    const db = join(bombDir, 'cli.duckdb');
    const started = performance.now();
    const run = spawnSync('/usr/bin/time', ['-f', 'PEAK_KB %M', join(repoRoot, 'node_modules', '.bin', 'tsx'), join(repoRoot, 'server', 'cli', 'ingest.ts'), bombDir, '--db', db], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 180_000,
    });
    const seconds = (performance.now() - started) / 1000;
    const peakMb = Math.round(Number(/PEAK_KB (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024);
    console.log(`parquet bomb via npm run ingest: exit ${run.status}, ${seconds.toFixed(1)} s, peak RSS ${peakMb} MB`);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/children\.parquet declares 10,000,000 rows/);
    expect(seconds).toBeLessThan(20);
    expect(peakMb).toBeLessThan(600);
  }, 200_000);

  it('an upload of it is refused with 413 before anything is loaded', async () => {
    const dir = join(bombDir, 'uploads');
    mkdirSync(dir);
    const { app, idle } = bareUploadApp(t.db, { UPLOAD_DIR: dir });
    const zip = await makeZip([{ name: 'children.parquet', data: bomb }]);
    const res = await postZip(app, zip);
    await idle();
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/children\.parquet declares 10,000,000 rows in .* bytes/);
  }, 60_000);
});

describe('per-file limits', () => {
  it('a file with more rows than EXTRACT_MAX_ROWS_PER_FILE is refused with a clear message', async () => {
    await expect(loadExtract(t.db, fixtureDir, () => {}, { limits: { maxRows: 5 } })).rejects.toThrow(/children\.csv has \d+ rows: more than the 5 allowed per file \(EXTRACT_MAX_ROWS_PER_FILE\)/);
  });

  it('an upload holding a file over EXTRACT_MAX_FILE_BYTES gets 413', async () => {
    const dir = join(bombDir, 'uploads-bytes');
    mkdirSync(dir);
    const { app, idle } = bareUploadApp(t.db, { UPLOAD_DIR: dir, EXTRACT_MAX_FILE_BYTES: 1000 });
    const res = await postZip(app, await makeZip(fixtureEntries()));
    await idle();
    expect(res.status).toBe(413);
    expect(res.body.error).toMatch(/bytes: more than the 1,000 allowed per file \(EXTRACT_MAX_FILE_BYTES\)/);
  });
});
