import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tables } from '../../server/extract/spec.ts';
import { extractTablesDdl } from '../../server/schema/ddl.ts';
import { extractFormatDoc } from '../../server/schema/format-doc.ts';
import { repoRoot, sqlPath } from '../../server/sql-files.ts';
import { tempDatabase } from '../helpers/fixture-db.ts';

describe('SQL schema', () => {
  it('sql/schema/extract-tables.sql is up to date with the contract (run `npm run schema`)', () => {
    expect(readFileSync(sqlPath('schema/extract-tables.sql'), 'utf8')).toBe(extractTablesDdl());
  });

  it('docs/extract-format.md is up to date with the contract (run `npm run schema`)', () => {
    expect(readFileSync(join(repoRoot, 'docs', 'extract-format.md'), 'utf8')).toBe(extractFormatDoc());
  });

  it('creates every table of the contract with its columns, keys and foreign keys', async () => {
    const t = await tempDatabase();
    try {
      await t.db.query(extractTablesDdl());
      for (const table of tables) {
        const columns = await t.db.query<{ column_name: string }>(
          'SELECT column_name FROM information_schema.columns WHERE table_name = $t ORDER BY ordinal_position',
          { t: table.name },
        );
        expect(columns.map((c) => c.column_name)).toEqual(table.columns.map((c) => c.name));
      }
      const fks = await t.db.query<{ table_name: string; constraint_text: string }>(
        "SELECT table_name, constraint_text FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY' ORDER BY table_name, constraint_text",
      );
      expect(fks.length).toBe(tables.flatMap((x) => x.columns.filter((c) => c.references)).length);
      await expect(t.db.query("INSERT INTO children (child_id, birth_month, la_code, sex) VALUES ('a', DATE '2010-01-01', 'E08000035', 'Q')")).rejects.toThrow(/enum|Could not convert/i);
    } finally {
      t.cleanup();
    }
  });
});
