import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Database } from '../../server/db/database.ts';
import { tables } from '../../server/extract/spec.ts';
import { indicatorById } from '../../server/indicators/catalogue.ts';
import { computeIndicator } from '../../server/indicators/engine.ts';
import { readDataContext } from '../../server/data-context.ts';
import { ExtractError } from '../../server/ingest/discover.ts';
import { loadExtract } from '../../server/ingest/load-extract.ts';
import { fixtureDir, tempDatabase, type TempDb } from '../helpers/fixture-db.ts';

// Shared by the attack tests: a database with the fixture loaded, copies of the fixture to
// spoil, and a snapshot of everything loaded to prove a refused extract changed nothing.

export interface AttackBench extends TempDb {
  /** A fresh copy of the fixture folder, changed by `change(dir)`. */
  variant: (change: (dir: string) => void) => string;
  snapshot: () => Promise<Snapshot>;
}

export interface Snapshot {
  runId: number;
  tables: Record<string, { rows: number; md5: string }>;
  indicators: Record<string, (number | null)[]>;
}

const indicatorIds = ['ehc-plans-rate', 'ehc-20-week-timeliness', 'personal-budget-take-up', 'feedback-satisfaction'];

/** Row count and a hash of the sorted rows of every extract table, the run, and a few indicator values. */
export async function snapshotDatabase(db: Database): Promise<Snapshot> {
  const out: Snapshot = { runId: 0, tables: {}, indicators: {} };
  const [info] = await db.query<{ run_id: number }>('SELECT run_id::INTEGER AS run_id FROM extract_info');
  out.runId = info?.run_id ?? 0;
  for (const t of tables) {
    const [row] = await db.query<{ rows: number; md5: string }>(
      `SELECT count(*)::INTEGER AS rows, coalesce(md5(string_agg(CAST(x AS VARCHAR), chr(10) ORDER BY CAST(x AS VARCHAR))), '') AS md5 FROM ${t.name} x`,
    );
    out.tables[t.name] = row ?? { rows: -1, md5: '' };
  }
  const context = await readDataContext(db);
  if (!context?.defaultArea || !context.defaultPeriod) throw new Error('no data context');
  for (const id of indicatorIds) {
    const definition = indicatorById.get(id);
    if (!definition) throw new Error(`no indicator ${id}`);
    const request = { area: context.defaultArea, period: 'all', periodType: 'calendar-year' as const, by: 'all' as const };
    const rows = await computeIndicator(db, context, definition, request, { threshold: 0, reference: null });
    out.indicators[id] = rows.map((r) => r.value);
  }
  return out;
}

/** A temp database with the fixture loaded, and a folder for spoiled copies of it. */
export async function attackBench(): Promise<AttackBench> {
  const temp = await tempDatabase();
  await loadExtract(temp.db, fixtureDir);
  const work = join(temp.dir, 'variants');
  mkdirSync(work);
  let n = 0;
  return {
    ...temp,
    variant: (change) => {
      const dir = join(work, `v${n++}`);
      cpSync(fixtureDir, dir, { recursive: true });
      change(dir);
      return dir;
    },
    snapshot: () => snapshotDatabase(temp.db),
    cleanup: () => {
      rmSync(work, { recursive: true, force: true });
      temp.cleanup();
    },
  };
}

/** Loads `dir` expecting one clear ExtractError matching `message`; returns it. */
export async function expectRefused(db: Database, dir: string, message: RegExp): Promise<ExtractError> {
  const error = await loadExtract(db, dir).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ExtractError);
  const text = (error as Error).message;
  expect(text).toMatch(message);
  expect(text).not.toContain('\n');
  expect(text.length).toBeLessThan(400);
  return error as ExtractError;
}
