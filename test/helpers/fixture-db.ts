import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../server/db/database.ts';
import { loadExtract, type LoadSummary } from '../../server/ingest/load-extract.ts';
import { repoRoot } from '../../server/sql-files.ts';

export const fixtureDir = join(repoRoot, 'test', 'fixtures', 'small-extract');

export interface TempDb {
  db: Database;
  path: string;
  dir: string;
  cleanup: () => void;
}

export async function tempDatabase(): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'send-dashboard-test-'));
  const path = join(dir, 'test.duckdb');
  const db = await Database.open(path);
  return {
    db,
    path,
    dir,
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database with the hand-made fixture loaded. */
export async function fixtureDatabase(): Promise<TempDb & { summary: LoadSummary }> {
  const temp = await tempDatabase();
  const summary = await loadExtract(temp.db, fixtureDir);
  return { ...temp, summary };
}
