import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';
import { snapshotDatabase, type Snapshot } from './helpers.ts';
import { runIngest } from './ingest-child.ts';

// Disk full during a load, for real: the database lives on a tmpfs with 512 KB to spare
// when `npm run ingest` loads a synthetic extract needing more. The load stops with one line
// naming the full disk and exit code 1, the fixture loaded before is intact, the run is
// recorded as failed, and once there is room the same load succeeds. Needs root to mount the
// tmpfs (the project's machines and CI run as root).

let t: TempDb;
let disk: string;
let mounted = false;
let extract: string;
let before: Snapshot;

const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });
const sizeOnDisk = (path: string): number => {
  let bytes = 0;
  for (const p of [path, `${path}.wal`]) bytes += statSync(p, { throwIfNoEntry: false })?.size ?? 0;
  return bytes;
};

beforeAll(async () => {
  t = await tempDatabase();
  t.db.close();
  disk = join(t.dir, 'small-disk');
  mkdirSync(disk);
  try {
    mount('-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', disk);
  } catch (error) {
    throw new Error(`this test mounts a tmpfs and needs root: ${(error as Error).message}`, { cause: error });
  }
  mounted = true;
  const dbPath = join(disk, 'db.duckdb');
  t.db = await Database.open(dbPath);
  await loadExtract(t.db, fixtureDir);
  before = await snapshotDatabase(t.db);
  t.db.close();
  // Shrink the disk to what the fixture uses plus 512 KB.
  mount('-o', `remount,size=${Math.ceil(sizeOnDisk(dbPath) / 4096) * 4096 + 512 * 1024}`, disk);
  extract = join(t.dir, 'synthetic');
  await generateExtract({ outDir: extract, children: 2500, seed: 3 });
}, 120_000);
afterAll(() => {
  try {
    t.db.close();
  } catch {
    // already closed where the test stopped
  }
  if (mounted) execFileSync('umount', [disk]);
  rmSync(t.dir, { recursive: true, force: true });
});

describe('disk full during a load', () => {
  it('fails with a clear message, keeps the previous data, and loads once there is room', { timeout: 120_000 }, async () => {
    const dbPath = join(disk, 'db.duckdb');
    const failed = await runIngest(extract, dbPath).exited;
    expect(failed.code).toBe(1);
    const message = failed.stderr.trim();
    expect(message).toMatch(/^error: .*No space left on device/);
    expect(message).not.toContain('\n');

    mount('-o', 'remount,size=64m', disk);
    t.db = await Database.open(dbPath);
    expect(await snapshotDatabase(t.db)).toEqual(before);
    const runs = await t.db.query<{ status: string; message: string }>('SELECT status, message FROM load_runs ORDER BY run_id');
    expect(runs.map((r) => r.status)).toEqual(['committed', 'failed']);
    expect(runs[1]?.message).toMatch(/No space left on device/);
    t.db.close();

    const retried = await runIngest(extract, dbPath).exited;
    expect(retried.code, retried.output).toBe(0);
    t.db = await Database.open(dbPath);
    const [info] = await t.db.query<{ run_id: number; children: number }>(
      'SELECT run_id::INTEGER AS run_id, (SELECT count(*) FROM children)::INTEGER AS children FROM extract_info',
    );
    expect(info?.run_id).toBe(3);
    expect(info?.children).toBeGreaterThan(2400);
  });
});
