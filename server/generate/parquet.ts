import { DuckDBInstance } from '@duckdb/node-api';
import type { Table } from '../extract/spec.ts';

// CSV -> Parquet with every column kept as text, so salted faults (bad dates, unknown
// codes) survive the conversion exactly as they are in the CSV.

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function csvToParquet(files: { table: Table; csv: string; parquet: string }[]): Promise<void> {
  // One thread: row groups and bytes then come out the same on every run.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  try {
    for (const { table, csv, parquet } of files) {
      const columns = table.columns.map((c) => `${literal(c.name)}: 'VARCHAR'`).join(', ');
      await con.run(
        `COPY (SELECT * FROM read_csv(${literal(csv)}, header = true, delim = ',', quote = '"', escape = '"', ` +
          `auto_detect = false, columns = {${columns}})) TO ${literal(parquet)} (FORMAT parquet)`,
      );
    }
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
