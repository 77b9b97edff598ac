import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/db/database.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { loadExtract, type LoadSummary } from '../../server/ingest/load-extract.ts';

// The same generated extract written as CSV and as Parquet must load identically:
// same rows read, loaded and rejected per table, and the same data.
let work: string;
const loads: Record<'csv' | 'parquet', { db: Database; summary: LoadSummary }> = {} as never;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'parquet-ingest-'));
  for (const format of ['csv', 'parquet'] as const) {
    const outDir = join(work, format);
    await generateExtract({ outDir, children: 600, seed: 7, format });
    const db = await Database.open(join(work, `${format}.duckdb`));
    loads[format] = { db, summary: await loadExtract(db, outDir) };
  }
}, 120_000);
afterAll(() => {
  for (const l of Object.values(loads)) l.db.close();
  rmSync(work, { recursive: true, force: true });
});

describe('Parquet ingest', () => {
  it('reads, loads and rejects exactly what the CSV ingest does', () => {
    const counts = (s: LoadSummary) => s.files.map((f) => [f.table, f.rowsRead, f.rowsLoaded, f.rowsRejected, f.redactions]);
    expect(loads.parquet.summary.files.every((f) => f.format === 'parquet')).toBe(true);
    expect(counts(loads.parquet.summary)).toEqual(counts(loads.csv.summary));
    // Salted faults exist, so rejection is exercised in both formats.
    expect(loads.csv.summary.files.reduce((n, f) => n + f.rowsRejected, 0)).toBeGreaterThan(0);
  });

  it('stores the same data', async () => {
    const digest = (db: Database) =>
      db.query(`SELECT
        (SELECT sum(hash(plan_id, child_id, start_date, end_date, primary_need)) FROM ehc_plans)::VARCHAR AS plans,
        (SELECT sum(hash(feedback_id, comment, rating)) FROM local_offer_feedback)::VARCHAR AS feedback,
        (SELECT count(*) FROM quarantine)::INTEGER AS quarantined`);
    expect(await digest(loads.parquet.db)).toEqual(await digest(loads.csv.db));
  });
});
