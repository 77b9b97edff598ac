import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { tables } from '../../server/extract/spec.ts';
import { generateExtract } from '../../server/generate/index.ts';
import { hashes, readManifest, tempDir } from './helpers.ts';

const dirs = [tempDir('pq1'), tempDir('pq2'), tempDir('csv')];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('--format parquet', () => {
  it('writes the same tables as the CSVs, all columns as text, reproducibly', async () => {
    const [p1, p2, csv] = dirs as [string, string, string];
    const options = { seed: 11, children: 800 };
    const summary = await generateExtract({ ...options, outDir: p1, format: 'parquet' });
    await generateExtract({ ...options, outDir: p2, format: 'parquet' });
    const csvSummary = await generateExtract({ ...options, outDir: csv, format: 'csv' });
    expect(hashes(p2)).toEqual(hashes(p1));
    expect(summary.rows).toEqual(csvSummary.rows);
    expect(readManifest(p1).generator.faults).toEqual(readManifest(csv).generator.faults);

    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    try {
      for (const table of tables) {
        const file = join(p1, `${table.name}.parquet`);
        const described = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`)).getRowObjectsJson();
        expect(described.map((r) => r.column_name)).toEqual(table.columns.map((c) => c.name));
        expect(new Set(described.map((r) => r.column_type))).toEqual(new Set(['VARCHAR']));
        const n = (await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${file}')`)).getRowObjectsJson()[0]?.n;
        expect(n, table.name).toBe(summary.rows[table.name]);
      }
      // Empty cells are NULL, and a salted bad date is still there as text.
      const bad = (await con.runAndReadAll(
        `SELECT count(*)::INTEGER AS n FROM read_parquet('${join(p1, 'annual_reviews.parquet')}')
         WHERE held_date IS NOT NULL AND try_strptime(held_date, '%Y-%m-%d') IS NULL`,
      )).getRowObjectsJson()[0]?.n;
      expect(bad).toBe(summary.faultsByTable.annual_reviews?.bad_date ?? 0);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  });
});
